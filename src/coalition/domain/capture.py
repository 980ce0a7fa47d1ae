"""The capture line: one line of text becomes one item, without leaving the keyboard.

    d We adopt the value-stream map as our shared picture @alice @bob
    a Draft the metrics pack @bob due:2026-12-01        (due:fri, due:+7d also work)
    i Password resets take three days +2 @carol for:Sales svc:"Service desk"
    n The CFO wants the warranty costs explained
    p Alice Smith role:CFO side:business has:power,credibility
    p Dana Lee role:Head of Finance side:business      (a role runs to the next key:)
    v Referral to appointment stages:"Referral received; Triage; Booked"
    m Server uptime to:Board kind:tech goal:"Patient access" verdict:replace with:"48h booking"
    w First referral booked within 48 hours @maria
    h amber Business members have drifted away dim:"Coalition balance"
    d Weekly coalition meetings instead of monthly supersedes:D-2
    hands 9/12 Is business as usual more dangerous than the change?
    o Self-service password resets side:it serves:O-1
    x Triage assistant @maria @dev ai:yes serves:O-1

The first letter (or the whole word: decision, action, irritant, note, participant, stream,
metric, win, rating, objective, initiative) picks the kind; a show of hands starts with
`hands`, then how many said yes of how many present. `@name` names an owner; a unique
prefix of a participant's name is enough.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from coalition.domain.alignment import MetricKind, Stage, Verdict, split_list
from coalition.domain.capture_records import (
    initiative_fields,
    irritant_extras,
    item_reference,
    objective_fields,
)
from coalition.domain.dates import DUE_HELP, parse_due
from coalition.domain.models import Participant
from coalition.domain.progress import RATING_BY_WORD
from coalition.domain.roles import qualities_named, side_named
from coalition.domain.show_of_hands import parse_hands
from coalition.errors import CaptureError

KIND_BY_WORD = {
    "d": "decision", "decision": "decision",
    "a": "action", "action": "action",
    "i": "irritant", "irritant": "irritant",
    "n": "note", "note": "note",
    "p": "participant", "participant": "participant",
    "v": "stream", "stream": "stream",
    "m": "metric", "metric": "metric",
    "w": "win", "win": "win",
    "h": "rating", "rating": "rating", "health": "rating",
    "hands": "hands",
    "o": "objective", "objective": "objective",
    "x": "initiative", "initiative": "initiative",
}  # fmt: skip
# Which `key:value` words each kind takes.
KEYS_BY_KIND = {
    "decision": {"why", "supersedes"},
    "action": {"due", "decision"},
    "irritant": {"for", "svc", "by", "due"},
    "note": set(),
    "participant": {"role", "side", "has"},
    "stream": {"stages"},
    "metric": {"to", "side", "kind", "goal", "verdict", "with"},
    "win": set(),
    "rating": {"dim"},
    "hands": set(),
    "objective": {"side", "serves"},
    "initiative": {"serves", "ai"},
}
METRIC_KIND_BY_WORD = {
    "tech": MetricKind.TECHNOLOGY,
    "technology": MetricKind.TECHNOLOGY,
    "outcome": MetricKind.BUSINESS_OUTCOME,
    "business": MetricKind.BUSINESS_OUTCOME,
    "business-outcome": MetricKind.BUSINESS_OUTCOME,
}
SYNTAX_HELP = (
    "start with d (decision), a (action), i (irritant), n (note), p (participant), "
    "v (value stream), m (metric), w (win), h (health rating), o (objective), x (initiative) "
    "or hands (show of hands: hands 9/12 question), a space and the text"
)
DECISION_ID = re.compile(r"D-[1-9][0-9]{0,6}")

# A value that may hold spaces without quotes (`role:Head of Finance`): it runs to the next
# `key:` word of the kind, or to the end of the line.
RUN_ON_KEYS = {"participant": "role"}


@functools.cache
def _token(kind: str) -> re.Pattern[str]:
    """The words of a capture line of this kind that are not part of its text."""
    run_on = ""
    if kind in RUN_ON_KEYS:
        keys = "|".join(sorted(KEYS_BY_KIND[kind]))
        run_on = (
            rf"""| (?P<run_on>{RUN_ON_KEYS[kind]}):"""
            rf"""(?P<words>(?!")\S+(?:\s+(?!(?:{keys}):)\S+)*)"""
        )
    return re.compile(
        rf"""(?<!\S)(?:
            @(?P<owner>[^\s@]+)
          {run_on}
          | (?P<key>[a-z]+):(?P<value>"[^"]*"|\S+)
          | \+(?P<votes>\d{{1,4}})(?!\S)
        )""",
        re.VERBOSE,
    )


@dataclass(frozen=True, slots=True)
class Capture:
    """A parsed capture line: the item's kind and the fields to build it with.

    `unknown_owners` are `@names` that match no participant; the caller may offer to add
    them (they are kept as typed in `fields`).
    """

    kind: str
    fields: dict[str, Any]
    unknown_owners: tuple[str, ...] = field(default=())


def normalise(name: str) -> str:
    """Letters and digits only, lower case: how `@names` are matched."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def match_participant(token: str, participants: Iterable[Participant]) -> Participant | None:
    """The one participant whose name (or any word of it) starts with `token`.

    Raises CaptureError when several match; returns None when none does.
    """
    wanted = normalise(token)
    if not wanted:
        return None
    candidates = [
        p
        for p in participants
        if normalise(p.name).startswith(wanted)
        or any(normalise(word).startswith(wanted) for word in p.name.split())
    ]
    exact = [p for p in candidates if normalise(p.name) == wanted]
    if len(exact) == 1:
        return exact[0]
    if len(candidates) > 1:
        names = ", ".join(sorted(p.name for p in candidates))
        raise CaptureError(f"@{token} could be {names}; type more of the name.")
    return candidates[0] if candidates else None


def parse_capture(
    line: str, participants: Sequence[Participant] = (), today: dt.date | None = None
) -> Capture:
    """Parse one capture line, or raise CaptureError saying what to fix."""
    today = today or dt.date.today()
    word, rest = [*line.split(None, 1), "", ""][:2]  # a tab after the kind is fine too
    kind = KIND_BY_WORD.get(word.lower())
    if kind is None:
        raise CaptureError(f"'{word[:20]}' is not a kind: {SYNTAX_HELP}.")

    owners: list[str] = []
    unknown: list[str] = []
    values: dict[str, str] = {}
    votes: int | None = None

    def take(match: re.Match[str]) -> str:
        nonlocal votes
        found = match.groupdict()  # `run_on` only for the kinds that have one
        if match["owner"]:
            if kind in ("note", "participant", "stream", "metric", "rating", "hands", "objective"):
                return match[0]  # a note may mention someone without giving them anything
            owner = match["owner"].rstrip(".,;:")
            if not normalise(owner):
                return match[0]  # `@ 10`, `@!!`: an at sign, not a name
            person = match_participant(owner, participants)
            if person is None:
                unknown.append(owner)
            owners.append(person.name if person else owner)
        elif match["key"] or found.get("run_on"):
            key = match["key"] or found["run_on"]
            if key not in KEYS_BY_KIND[kind]:
                return match[0]  # an ordinary word with a colon stays in the text
            if key in values:
                raise CaptureError(f"{key}: is given twice.")
            value = match["value"] or " ".join(found["words"].split())
            if value.startswith('"') and (len(value) == 1 or not value.endswith('"')):
                raise CaptureError(f'The quote after {key}: is not closed; end the value with ".')
            values[key] = value.strip('"')
        elif kind == "irritant":
            if votes is not None:
                raise CaptureError("The votes are given twice; keep one +N.")
            votes = int(match["votes"])
        else:
            return match[0]
        return ""

    text = " ".join(_token(kind).sub(take, rest).split())
    if not text:
        what = "name" if kind == "participant" else "text"
        hint = ""
        if kind in RUN_ON_KEYS and RUN_ON_KEYS[kind] in values:
            hint = (
                f" ({RUN_ON_KEYS[kind]}: runs to the next key: or the end, so the name goes first)"
            )
        raise CaptureError(f"The {kind} has no {what}: type it after '{word} '{hint}.")
    fields = _fields(kind, text, owners, values, votes, today)
    if kind == "irritant":

        def person(name: str) -> str:
            found = match_participant(name, participants)
            return found.name if found else name

        fields |= irritant_extras(values, today, person)
    return Capture(kind=kind, fields=fields, unknown_owners=tuple(dict.fromkeys(unknown)))


def _fields(
    kind: str,
    text: str,
    owners: list[str],
    values: dict[str, str],
    votes: int | None,
    today: dt.date,
) -> dict[str, Any]:
    if kind in ("action", "irritant") and len(set(owners)) > 1:
        raise CaptureError(f"An {kind} has one owner; keep one @name.")
    owner = owners[0] if owners else ""
    if kind == "decision":
        return {
            "text": text,
            "owners": tuple(dict.fromkeys(owners)),
            "rationale": values.get("why", ""),
        } | ({"supersedes": superseded_id(values["supersedes"])} if "supersedes" in values else {})
    if kind == "win":
        if len(set(owners)) > 1:
            raise CaptureError("A win has one owner (who delivered it); keep one @name.")
        return {"text": text, "owner": owner}
    if kind == "rating":
        return _rating_fields(text, values)
    if kind == "hands":
        try:
            return parse_hands(text)
        except ValueError as error:
            raise CaptureError(str(error)) from None
    if kind == "action":
        due = None
        if "due" in values:
            due = parse_due(values["due"], today)
            if due is None:
                raise CaptureError(f"due:{values['due']} is not a date: {DUE_HELP}.")
        fields: dict[str, Any] = {"text": text, "owner": owner, "due": due}
        if "decision" in values:
            fields["decision"] = item_reference("decision", values["decision"])
        return fields
    if kind == "objective":
        return objective_fields(text, values)
    if kind == "initiative":
        return initiative_fields(text, owners, values)
    if kind == "irritant":
        return {
            "text": text,
            "owner": owner,
            "votes": votes or 0,
            "irritates": values.get("for", ""),
            "service": values.get("svc", ""),
        }
    if kind == "note":
        return {"text": text}
    if kind == "stream":
        return {
            "name": text,
            "stages": tuple(Stage(n) for n in split_list(values.get("stages", ""))),
        }
    if kind == "metric":
        return _metric_fields(text, values)
    return _participant_fields(text, values)


def superseded_id(value: str) -> str:
    """The ID a decision supersedes (`d-3` -> `D-3`), or CaptureError when it is not one."""
    if not value:
        return ""
    wanted = value.upper()
    if not DECISION_ID.fullmatch(wanted):
        raise CaptureError(f"supersedes:{value[:20]} is not a decision ID: give one like D-3.")
    return wanted


def _rating_fields(text: str, values: dict[str, str]) -> dict[str, Any]:
    """`h red Business members drifted away`: the level first, then the evidence."""
    word, _, comment = text.partition(" ")
    level = RATING_BY_WORD.get(word.lower())
    if level is None:
        raise CaptureError(
            f"'{word[:20]}' is not a rating: start with green, amber or red (g, a, r), then "
            "one sentence of evidence."
        )
    return {"dimension": values.get("dim", ""), "level": level, "comment": comment.strip()}


def _metric_fields(name: str, values: dict[str, str]) -> dict[str, Any]:
    kind_word = values.get("kind", "technology").lower()
    metric_kind = METRIC_KIND_BY_WORD.get(kind_word)
    if metric_kind is None:
        raise CaptureError(f"kind:{kind_word} is not a metric kind: use technology or outcome.")
    verdict_word = values.get("verdict", "undecided").lower()
    try:
        verdict = Verdict(verdict_word)
    except ValueError:
        raise CaptureError(
            f"verdict:{verdict_word} is not a verdict: use keep, replace, retire or undecided."
        ) from None
    return {
        "name": name,
        "audience": values.get("to", ""),
        "audience_side": side_named(values.get("side", "business")),
        "metric_kind": metric_kind,
        "goal": values.get("goal", ""),
        "verdict": verdict,
        "replacement": values.get("with", ""),
    }


def _participant_fields(name: str, values: dict[str, str]) -> dict[str, Any]:
    return {
        "name": name,
        "role": values.get("role", ""),
        "side": side_named(values.get("side", "business")),
        "qualities": qualities_named(values.get("has", "")),
    }
