"""`render_minutes(session) -> str`: the session as GitHub-flavoured Markdown minutes.

Pure and deterministic: the same session always gives the same bytes (items ordered by
their stable IDs, no time of rendering, LF line ends, one final newline). All user text
goes through `escape`.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from typing import TypeVar

from coalition.domain.changes import unchanged_carried_ids
from coalition.domain.decision_log import superseded_by
from coalition.domain.facilitation import furthest_step, skipped_steps
from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Decision,
    Irritant,
    Item,
    Participant,
    Quality,
    Session,
    SessionInfo,
    SessionStatus,
    Side,
    ValueStream,
    id_number,
)
from coalition.domain.progress import RatingLevel
from coalition.domain.voting import by_votes
from coalition.minutes import alignment_sections, continuity, records, show_of_hands
from coalition.minutes.escape import escape_cell, escape_inline, yaml_string
from coalition.minutes.room_section import room_section
from coalition.minutes.tables import SIDE_LABELS, table

QUALITY_COLUMNS = (
    (Quality.POSITION_POWER, "Position power"),
    (Quality.EXPERTISE, "Expertise"),
    (Quality.CREDIBILITY, "Credibility"),
    (Quality.LEADERSHIP, "Leadership"),
)
ItemT = TypeVar("ItemT", bound=Item)
DRAFT_NOTICE = (
    "> **Draft.** This session is still open, so these minutes may still change. "
    "They are final once the session is closed."
)


def render_minutes(session: Session) -> str:
    """The minutes of a session, as Markdown text."""
    session = with_roster_spelling(in_id_order(session))
    # What this session did: carried items nothing happened to are named once, in "Since
    # the last session", and left out of the sections below.
    unchanged = unchanged_carried_ids(session)
    shown = {item.id for item in session.items() if item.id not in unchanged}
    blocks = [
        front_matter(session),
        *([DRAFT_NOTICE] if session.info.status is SessionStatus.OPEN else []),
        summary(session),
        continuity.since_last_session(session),
        roster(session.participants),
        alignment_sections.balance(session),
        decisions(session, shown),
        carried(session),
        actions(
            [a for a in session.actions if a.id in shown],
            session.info,
            carried=sum(a.id in unchanged for a in session.actions),
        ),
        irritants(
            [i for i in session.irritants if i.id in shown],
            session.irritants,
            carried=sum(i.id in unchanged for i in session.irritants),
        ),
        continuity.wins(session, shown),
        continuity.health_check(session),
        show_of_hands.shows_of_hands(session),
        records.objectives(session, shown),
        alignment_sections.value_streams(session, shown),
        alignment_sections.reporting(session, shown),
        alignment_sections.checks(session),
        owners(session),
        notes(session),
        room_section(session),
    ]
    return "\n\n".join(block.rstrip("\n") for block in blocks if block) + "\n"


def in_id_order(session: Session) -> Session:
    """A copy of the session with every collection in stable ID order."""

    def ordered(items: Sequence[ItemT]) -> list[ItemT]:
        return sorted(items, key=lambda item: (id_number(item.id), item.id))

    return dataclasses.replace(
        session,
        participants=ordered(session.participants),
        decisions=ordered(session.decisions),
        actions=ordered(session.actions),
        irritants=ordered(session.irritants),
        notes=ordered(session.notes),
        streams=ordered(session.streams),
        metrics=ordered(session.metrics),
        wins=ordered(session.wins),
        ratings=ordered(session.ratings),
        shows_of_hands=ordered(session.shows_of_hands),
        objectives=ordered(session.objectives),
        initiatives=ordered(session.initiatives),
    )


def with_roster_spelling(session: Session) -> Session:
    """Owners written as the roster (or the facilitator) spells them, when only case differs.

    `@fran` typed before Fran was on the roster stays `fran` in the data; the minutes say
    `Fran`. A name that matches nobody stays as it was typed.
    """
    spelled = {session.info.facilitator.casefold(): session.info.facilitator}
    spelled |= {p.name.casefold(): p.name for p in session.participants}
    spelled.pop("", None)

    def spell(name: str) -> str:
        return spelled.get(name.casefold(), name)

    def stages(stream: ValueStream) -> ValueStream:
        return dataclasses.replace(stream, stages=tuple(
            dataclasses.replace(stage, business_owner=spell(stage.business_owner),
                                it_owner=spell(stage.it_owner))
            for stage in stream.stages
        ))  # fmt: skip

    return dataclasses.replace(
        session,
        decisions=[
            dataclasses.replace(d, owners=tuple(spell(o) for o in d.owners))
            for d in session.decisions
        ],
        actions=[dataclasses.replace(a, owner=spell(a.owner)) for a in session.actions],
        irritants=[
            dataclasses.replace(i, owner=spell(i.owner), raised_by=spell(i.raised_by))
            for i in session.irritants
        ],
        streams=[
            dataclasses.replace(stages(stream), e2e_owner=spell(stream.e2e_owner))
            for stream in session.streams
        ],
        initiatives=[
            dataclasses.replace(x, owners=tuple(spell(o) for o in x.owners))
            for x in session.initiatives
        ],
        wins=[dataclasses.replace(w, owner=spell(w.owner)) for w in session.wins],
    )


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def front_matter(session: Session) -> str:
    info = session.info
    lines = [
        "---",
        f"title: {yaml_string(info.title)}",
        f"client: {yaml_string(info.client)}",
        f"date: {info.date.isoformat()}",
        *([f"facilitator: {yaml_string(info.facilitator)}"] if info.facilitator else []),
        f"playbook: {yaml_string(info.playbook.name)}",
        f"playbook_version: {yaml_string(info.playbook.version)}",
        f"status: {info.status.value}",
    ]
    present = [p for p in session.participants if p.present]
    if present:
        lines.append("attendees:")
        lines.extend(f"  - {yaml_string(p.name)}" for p in present)
    else:
        lines.append("attendees: []")
    lines.append("---")
    return "\n".join(lines)


def _progress(session: Session) -> str:
    """Where the agenda stood: `, at step 9 of 13 (Irritant register)`."""
    steps = session.info.playbook.steps
    index = session.info.playbook.step_index(session.info.current_step)
    if index >= len(steps):
        return ""
    where = "at"
    if session.info.status is not SessionStatus.OPEN:
        where, index = "after reaching", max(index, furthest_step(session))
    return f", {where} step {index + 1} of {len(steps)} ({escape_inline(steps[index].title)})"


def summary(session: Session) -> str:
    info = session.info
    sides = {side: sum(p.side is side for p in session.participants) for side in Side}
    open_actions = sum(a.status is ActionStatus.OPEN for a in session.actions)
    done_actions = sum(a.status is ActionStatus.DONE for a in session.actions)
    dropped_actions = sum(a.status is ActionStatus.DROPPED for a in session.actions)
    facilitator = f", facilitated by {escape_inline(info.facilitator)}" if info.facilitator else ""
    unchanged = unchanged_carried_ids(session)

    def quiet(items: Sequence[Item]) -> str:
        count = sum(item.id in unchanged for item in items)
        return f" ({count} carried unchanged)" if count else ""

    present = sum(p.present for p in session.participants)
    here = f", {present} present" if present < len(session.participants) else ""
    lines = [
        "## Summary",
        "",
        f"**{escape_inline(info.title)}** with {escape_inline(info.client)} on "
        f"{info.date.isoformat()}{facilitator}. Playbook: {escape_inline(info.playbook.title)} "
        f"({escape_inline(info.playbook.name)} {escape_inline(info.playbook.version)}). "
        f"Session {info.status.value}{_progress(session)}.",
        "",
        f"- {_plural(len(session.participants), 'participant')}: "
        f"{sides[Side.BUSINESS]} business, {sides[Side.IT]} IT, {sides[Side.EXTERNAL]} external"
        f"{here}",
        f"- {_plural(len(session.decisions), 'decision')}{quiet(session.decisions)}",
        f"- {_plural(len(session.actions), 'action item')}: {open_actions} open, "
        f"{done_actions} done, {dropped_actions} dropped{quiet(session.actions)}",
        f"- {_plural(len(session.irritants), 'irritant')}{quiet(session.irritants)}",
        f"- {_plural(len(session.notes), 'note')}",
    ]
    if session.wins:
        lines.append(f"- {_plural(len(session.wins), 'short-term win')}")
    if session.objectives or session.initiatives:
        it = sum(o.side is Side.IT for o in session.objectives)
        ai = sum(x.ai for x in session.initiatives)
        lines.append(
            f"- {_plural(len(session.objectives), 'objective')} ({it} IT), "
            f"{_plural(len(session.initiatives), 'initiative')} ({ai} applying AI)"
        )
    if session.ratings:
        reds = sum(r.level is RatingLevel.RED for r in session.ratings)
        lines.append(f"- {_plural(len(session.ratings), 'health rating')}, {reds} red")
    if session.shows_of_hands:
        hands = session.shows_of_hands
        reached = sum(h.reaches_threshold for h in hands)
        asked = "1 show of hands" if len(hands) == 1 else f"{len(hands)} shows of hands"
        lines.append(f"- {asked}, {reached} at three in four or more")
    skipped = skipped_steps(session)
    if skipped:
        steps = "; ".join(f"{number}. {escape_inline(step.title)}" for number, step in skipped)
        lines.append(f"- {_plural(len(skipped), 'step')} skipped: {steps}")
    return "\n".join(lines)


def roster(participants: Sequence[Participant]) -> str:
    if not participants:
        return "## Coalition\n\nNo participants were recorded."
    attendance = not all(p.present for p in participants)  # a column only when someone is away
    rows = (
        [
            p.id,
            escape_cell(p.name),
            escape_cell(p.role),
            SIDE_LABELS[p.side],
            *("yes" if quality in p.qualities else "—" for quality, _ in QUALITY_COLUMNS),
            *(["yes" if p.present else "absent"] if attendance else []),
        ]
        for p in participants
    )
    headers = ["ID", "Name", "Role", "Side", *(label for _, label in QUALITY_COLUMNS)]
    headers += ["Present"] if attendance else []
    return "## Coalition\n\n" + table(headers, rows)


def _step_title(session: Session, step_id: str) -> str:
    step = session.info.playbook.step(step_id)
    return escape_cell(step.title if step else step_id)


def decisions(session: Session, shown: set[str]) -> str:
    listed = [d for d in session.decisions if d.id in shown]
    if not listed and session.decisions:
        return "## Decisions\n\n" + continuity.carried_only(
            "decisions", len(session.decisions), "decision"
        )
    if not listed:
        return "## Decisions\n\nNo decisions were recorded."
    replaced = superseded_by(session.decisions)

    def status(decision: Decision) -> str:
        if decision.id in replaced:
            return f"superseded by {replaced[decision.id]}"
        replaces = f"; supersedes {decision.supersedes}" if decision.supersedes else ""
        return decision.status.value + replaces

    rows = (
        [
            d.id,
            escape_cell(d.text),
            escape_cell(", ".join(d.owners)),
            status(d),
            _step_title(session, d.step),
            escape_cell(d.rationale),
        ]
        for d in listed
    )
    headers = ["ID", "Decision", "Owners", "Status", "Step", "Rationale"]
    blocks = ["## Decisions", table(headers, rows), records.decision_records(listed)]
    return "\n\n".join(block for block in blocks if block)


def carried(session: Session) -> str:
    """What came back from earlier sessions, from where, and how the room marked it.

    For sessions that carried only open actions and irritants (before the whole state
    carried forward); a session with a baseline says it in "Since the last session".
    """
    if session.baseline:
        return ""
    everything: list[ActionItem | Irritant] = [*session.actions, *session.irritants]
    items = [item for item in everything if item.origin]
    if not items:
        return "## Carried over\n\nNothing was carried over from earlier sessions."
    lines = ["## Carried over", ""]
    lines.extend(
        f"- **{item.id}** {escape_inline(item.text)} — from "
        f"{escape_inline(session.info.origin_label(item.origin))}; now {item.status.value}"
        for item in items
    )
    return "\n".join(lines)


def action_line(action: ActionItem, info: SessionInfo) -> str:
    """One action as a GFM task-list item."""
    box = " " if action.status is ActionStatus.OPEN else "x"
    text = f"**{action.id}** {escape_inline(action.text)}"
    if action.status is ActionStatus.DROPPED:
        text = f"~~{text}~~ (dropped)"
    owner = escape_inline(action.owner) if action.owner else "*no owner*"
    due = action.due.isoformat() if action.due else "*no due date*"
    origin = (
        f"; carried over from {escape_inline(info.origin_label(action.origin))}"
        if action.origin
        else ""
    )
    carries = f"; carries out {action.decision}" if action.decision else ""
    return f"- [{box}] {text} — owner: {owner}; due: {due}{carries}{origin}"


def actions(items: Sequence[ActionItem], info: SessionInfo, carried: int = 0) -> str:
    """The actions new or changed in the session (`carried`: how many more carried over
    unchanged, all of them open)."""
    if not items and carried:
        return "## Action items\n\n" + continuity.carried_only(
            "action items", carried, "open action item"
        )
    if not items:
        return "## Action items\n\nNo action items were recorded."
    return "## Action items\n\n" + "\n".join(action_line(a, info) for a in items)


def irritants(
    items: Sequence[Irritant], register: Sequence[Irritant] = (), carried: int = 0
) -> str:
    """The register's table, most votes first, then the entries' fuller records (`carried`:
    how many more carried over unchanged)."""
    if not items and carried:
        return "## Irritant register\n\n" + continuity.carried_only(
            "irritants", carried, "irritant"
        )
    if not items:
        return "## Irritant register\n\nNo irritants were recorded."
    rows = (
        [
            i.id,
            escape_cell(i.text),
            escape_cell(i.irritates),
            escape_cell(i.service),
            str(i.votes),
            escape_cell(i.owner),
            i.status.value,
        ]
        for i in by_votes(items)
    )
    headers = ["ID", "Irritant", "Irritates", "Service", "Votes", "Owner", "Status"]
    entries = records.register_entries(items, register or items)
    text = "## Irritant register\n\nMost votes first.\n\n" + table(headers, rows)
    return text + ("\n\n" + entries if entries else "")


def owners(session: Session) -> str:
    """Each person and everything they own, so anyone can find their commitments."""
    owned: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for decision in session.decisions:
        for name in dict.fromkeys(decision.owners):
            owned[name]["decisions"].append(decision.id)
    for action in session.actions:
        if action.owner:
            due = f", due {action.due.isoformat()}" if action.due else ""
            owned[action.owner]["actions"].append(f"{action.id} ({action.status.value}{due})")
    for irritant in session.irritants:
        if irritant.owner:
            owned[irritant.owner]["irritants"].append(f"{irritant.id} ({irritant.status.value})")
    for win in session.wins:
        if win.owner:
            owned[win.owner]["wins"].append(win.id)
    for initiative in session.initiatives:
        for name in dict.fromkeys(initiative.owners):
            owned[name]["initiatives"].append(initiative.id)
    for stream in session.streams:
        if stream.e2e_owner:
            owned[stream.e2e_owner]["value streams end to end"].append(stream.id)
    for stream in session.streams:
        for number, stage in enumerate(stream.stages, 1):
            for name, side in ((stage.business_owner, "business"), (stage.it_owner, "IT")):
                if name:
                    owned[name]["value-stream stages"].append(
                        f"{stream.id} stage {number} ({side})"
                    )
    if not owned:
        return "## Owners\n\nNobody owns anything yet."
    lines = ["## Owners", ""]
    for name in sorted(owned, key=lambda n: (n.casefold(), n)):
        parts = [f"{kind} {', '.join(ids)}" for kind, ids in sorted(owned[name].items())]
        lines.append(f"- **{escape_inline(name)}**: {'; '.join(parts)}")
    return "\n".join(lines)


def notes(session: Session) -> str:
    if not session.notes:
        return "## Notes\n\nNo notes were recorded."
    playbook = session.info.playbook
    by_step: dict[str, list[str]] = defaultdict(list)
    for note in session.notes:
        by_step[note.step].append(f"- **{note.id}** {escape_inline(note.text)}")
    lines = ["## Notes"]
    ordered = sorted(by_step, key=lambda step_id: (playbook.step_index(step_id), step_id))
    for step_id in ordered:
        index = playbook.step_index(step_id)
        step = playbook.step(step_id)
        if step is None:
            heading = f"### Other ({escape_inline(step_id)})" if step_id else "### Other"
        else:
            heading = f"### {index + 1}. {escape_inline(step.title)}"
        lines.extend(["", heading, "", *by_step[step_id]])
    return "\n".join(lines)
