"""`render_programme(programme) -> str`: a client's programme as GitHub-flavoured Markdown.

Pure and deterministic like the minutes: the same sessions give the same bytes, sessions in
running order (S1, S2 ...), logs in ID order, LF line ends, one final newline. Each section
is a plain table (`programme_sections`), which the Markdown escapes cell by cell and the
HTML page (`programme_html`) escapes its own way; two Mermaid charts show the trends.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coalition.domain.alignment import ReportingShare
from coalition.domain.models import IrritantStatus
from coalition.domain.progress import RatingLevel
from coalition.minutes.escape import escape_cell, escape_inline
from coalition.minutes.programme_model import (
    Attendance,
    Programme,
    RegisterEntry,
    SessionFigures,
)
from coalition.minutes.tables import table

LEVEL_MARKS = {RatingLevel.GREEN: "🟢 G", RatingLevel.AMBER: "🟠 A", RatingLevel.RED: "🔴 R"}
NOT_RATED = "—"


@dataclass(frozen=True, slots=True)
class Section:
    """One section of the programme: a heading, what it means, and a table of plain text."""

    key: str
    title: str
    intro: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    empty: str = ""  # said instead of the table when there are no rows


def plural(count: int, word: str, words: str = "") -> str:
    """`1 win`, `2 wins`; `words` where adding an s is wrong (`ID clashes`)."""
    return f"{count} {word if count == 1 else words or word + 's'}"


def heading(programme: Programme) -> str:
    """The page's title (it ends with the count, so no client name ends it in punctuation)."""
    client = " ".join(programme.client.split())
    return f"Programme review: {client} ({plural(len(programme.sessions), 'session')})"


def summary(programme: Programme) -> str:
    """One paragraph: the span of the programme and where it stands now."""
    if not programme.sessions:
        return "No sessions yet."
    first, last = programme.sessions[0], programme.sessions[-1]
    people = last.attendance
    in_force = sum(d.status == "accepted" for d in programme.decisions)
    superseded = sum(d.status == "superseded" for d in programme.decisions)
    clashes = (
        plural(len(programme.clashes), "ID clash", "ID clashes")
        if programme.clashes
        else "no ID clash"
    )
    return (
        f"{plural(len(programme.sessions), 'session')} from {first.date.isoformat()} to "
        f"{last.date.isoformat()}. At the latest ({last.label}): {_present(people)}. "
        f"{plural(in_force, 'decision')} in force, "
        f"{superseded} superseded; {plural(programme.open_actions, 'action item')} open, "
        f"{len(programme.slipped)} slipped at two sessions or more; "
        f"{programme.irritants_publicized} of {plural(programme.irritants_total, 'irritant')} "
        f"publicized; {plural(len(programme.wins), 'win')}; {clashes}."
    )


def _present(people: Attendance) -> str:
    if not people.roster:
        return "no members on the roster"
    return (
        f"{len(people.present)} of {plural(people.roster, 'member')} present ({people.business} "
        f"business, {people.it} IT, {people.external} external), "
        f"{plural(people.volunteers, 'volunteer')} on the roster"
    )


def _ids(ids: Sequence[str]) -> str:
    return f"{len(ids)} ({', '.join(ids)})" if ids else "0"


def _sessions(programme: Programme) -> Section:
    return Section(
        "sessions", "Sessions",
        "In the order they ran; the tables below name them S1, S2 and so on.",
        ("Session", "Date", "Title", "Playbook", "Status", "File"),
        tuple((s.label, s.date.isoformat(), s.title, s.playbook, s.status, s.stem)
              for s in programme.sessions),
    )  # fmt: skip


def _attendance(programme: Programme) -> Section:
    def row(s: SessionFigures) -> tuple[str, ...]:
        a = s.attendance
        if not a.taken:
            return (s.label, "not taken", str(a.roster), str(a.volunteers), "—", "—", "—", "—")
        return (s.label, str(len(a.present)), str(a.roster), str(a.volunteers), str(a.business),
                str(a.it), str(a.external), ", ".join(a.stopped_coming) or "—")  # fmt: skip

    return Section(
        "attendance", "Attendance",
        "Members marked present, by side, the members on the roster and the volunteers among "
        "them (the network beside the hierarchy, present or not). Stopped coming: "
        "present at an earlier session, then absent (or off the roster) at two sessions in a "
        "row; named at the second. Not taken: nobody was marked present, so the session "
        "counts neither way.",
        ("Session", "Present", "Roster", "Volunteers", "Business", "IT", "External",
         "Stopped coming"),
        tuple(row(s) for s in programme.sessions),
    )  # fmt: skip


def _irritants(programme: Programme) -> Section:
    def row(s: SessionFigures) -> tuple[str, ...]:
        f = s.irritants
        oldest = f"{f.oldest_id}, {plural(f.oldest_age_days, 'day')}" if f.oldest_id else "—"
        return (s.label, str(f.raised), str(f.open), str(f.being_removed), str(f.removed),
                str(f.publicized), oldest)  # fmt: skip

    return Section(
        "irritants", "Irritant funnel",
        "The irritant register at the end of each session: how many were raised there, then "
        "each by status. An irritant is done once its removal is publicized; the last column "
        "is the oldest one that is not, aged from the session it was raised in.",
        ("Session", "Raised", "Open", "Being removed", "Removed", "Publicized",
         "Oldest not publicized"),
        tuple(row(s) for s in programme.sessions),
    )  # fmt: skip


def _first(entry: RegisterEntry, state: str) -> str:
    """`S3`: the session the entry first reached `state` in, or a dash."""
    number = dict(entry.reached).get(state)
    return f"S{number}" if number else "—"


def _irritant_register(programme: Programme) -> Section:
    states = [s.value for s in IrritantStatus]
    return Section(
        "irritant-register", "Irritant register",
        "Each irritant, the session it was raised in and the one where it first reached each "
        "status. Removed but not publicized means the people it irritated have not been told "
        "yet (alignment action 4).",
        ("ID", "Irritant", "Irritates / service", "Raised", "Being removed", "Removed",
         "Publicized", "Now"),
        tuple((e.id, e.text, e.detail or "—", f"S{e.reached[0][1]}",
               *(_first(e, state) for state in states[1:]), e.now)
              for e in programme.irritant_register),
        "No irritants were raised.",
    )  # fmt: skip


def _metric_register(programme: Programme) -> Section:
    return Section(
        "metric-register", "Reports and metrics",
        "Each report or metric reviewed: who receives it, what kind it is, its verdict now "
        "and the session each verdict was first given in. Retire means the report stops; "
        "replace, that a business-outcome measure takes its place.",
        ("ID", "Report or metric", "Audience; kind", "Verdict now", "Verdicts"),
        tuple((e.id, e.text, e.detail, e.now,
               ", ".join(f"{state} S{number}" for state, number in e.reached))
              for e in programme.metric_register),
        "No reports or metrics were reviewed.",
    )  # fmt: skip


def _actions(programme: Programme) -> Section:
    return Section(
        "actions", "Action items",
        "Opened: new in the session. Closed: done or dropped in it. Slipped: still open at a "
        "session later than its due date. Open: left open at the end of the session.",
        ("Session", "Opened", "Closed", "Slipped", "Open"),
        tuple((s.label, str(len(s.actions.opened)), str(len(s.actions.closed)),
               _ids(s.actions.slipped), str(s.actions.still_open))
              for s in programme.sessions),
    )  # fmt: skip


def _slipped(programme: Programme) -> Section:
    return Section(
        "slipped", "Slipped at two sessions or more",
        "By owner (as the latest session has it): the actions that were still open after "
        "their due date at two sessions or more.",
        ("Owner", "Action", "Text", "Slipped at"),
        tuple((r.owner or "no owner", r.id, r.text, ", ".join(f"S{n}" for n in r.sessions))
              for r in programme.slipped),
        "No action slipped at two sessions.",
    )  # fmt: skip


def _reporting(programme: Programme) -> Section:
    return Section(
        "reporting", "Reporting to the business",
        "Metrics sent to business audiences, and how many of them are tied to a business "
        "outcome rather than to technology (alignment action 3).",
        ("Session", "Business-outcome metrics", "Sent to the business", "Share"),
        tuple((s.label, str(s.outcome_metrics), str(s.business_metrics),
               ReportingShare.percent(s.outcome_metrics, s.business_metrics))
              for s in programme.sessions),
    )  # fmt: skip


def _ratings(programme: Programme) -> Section:
    levels = [dict(s.ratings) for s in programme.sessions]
    return Section(
        "ratings", "Health ratings",
        "Each dimension of the health check as rated at each session: 🟢 G green, 🟠 A amber, "
        f"🔴 R red, {NOT_RATED} not rated.",
        ("Dimension", *(s.label for s in programme.sessions)),
        tuple((dimension, *(LEVEL_MARKS[lv[dimension]] if dimension in lv else NOT_RATED
                            for lv in levels))
              for dimension in programme.dimensions),
        "No health ratings were recorded.",
    )  # fmt: skip


def _steps(programme: Programme) -> Section:
    return Section(
        "steps", "Steps worked",
        "The playbook steps each session worked on: visited for a while, or where something "
        "was captured or changed.",
        ("Session", "Worked", "Steps"),
        tuple((s.label, f"{len(s.steps_worked)} of {s.steps_total}",
               "; ".join(s.steps_worked) or "—") for s in programme.sessions),
    )  # fmt: skip


def _decisions(programme: Programme) -> Section:
    return Section(
        "decisions", "Decision log",
        "Every decision accepted at some session, with its latest status; a chain runs from "
        "the first decision replaced to the one in force.",
        ("ID", "Decision", "Owners", "Recorded", "Status", "Chain"),
        tuple((d.id, d.text, ", ".join(d.owners), f"S{d.session}", d.status,
               " → ".join(d.chain) if len(d.chain) > 1 else "—")
              for d in programme.decisions),
        "No decision was accepted yet.",
    )  # fmt: skip


def _wins(programme: Programme) -> Section:
    return Section(
        "wins", "Wins log",
        "Short-term wins and the session each was recorded in.",
        ("ID", "Win", "Owner", "Recorded"),
        tuple((w.id, w.text, w.owner, f"S{w.session}") for w in programme.wins),
        "No win was recorded yet.",
    )  # fmt: skip


def _hands(programme: Programme) -> Section:
    return Section(
        "hands", "Shows of hands",
        "Each question put to the room and how many of those present said yes, by session: "
        "Kotter's urgency test is passed at three in four or more. A show of hands belongs to "
        "its session; the next one asks again.",
        ("Session", "ID", "Question", "Yes", "Present", "Share", "Three in four?"),
        tuple((f"S{h.session}", h.id, h.question, str(h.yes), str(h.present),
               f"{h.percent} %", "yes" if h.reached else "no")
              for h in programme.shows_of_hands),
        "No show of hands was taken.",
    )  # fmt: skip


def _objectives(programme: Programme) -> Section:
    return Section(
        "objectives", "Objectives and initiatives",
        "Business objectives, the IT objectives serving them, and the initiatives pursuing "
        "them, each as the latest session has it.",
        ("ID", "Kind", "Text", "Owners", "Serves", "Recorded"),
        tuple((o.id, o.kind, o.text, ", ".join(o.owners), o.serves, f"S{o.session}")
              for o in programme.objectives),
    )  # fmt: skip


def _clashes(programme: Programme) -> Section:
    return Section(
        "clashes", "ID clashes",
        "A clash is one ID naming two different items, in sessions that did not carry it from "
        "one another: two laptops that started sessions from the same state, then met in git. "
        "Nothing is merged; docs/programme.md says how to give one of them a new ID.",
        ("ID", "Kind", "First in", "Its text", "Also in", "Its text"),
        tuple((c.id, c.kind, f"S{c.first.session} (from {c.first.origin})", c.first.text,
               f"S{c.second.session} (from {c.second.origin})", c.second.text)
              for c in programme.clashes),
        "No ID clashes: each ID names one item across the sessions.",
    )  # fmt: skip


def programme_sections(programme: Programme) -> list[Section]:
    """The sections in reading order, with plain (unescaped) cells; objectives and
    initiatives only once a session recorded some."""
    sections = [
        section(programme)
        for section in (_sessions, _attendance, _irritants, _irritant_register, _actions,
                        _slipped, _reporting, _metric_register, _ratings, _hands, _steps,
                        _decisions, _objectives, _wins, _clashes)
    ]  # fmt: skip
    return [s for s in sections if s.rows or s.key != "objectives"]


def xychart(title: str, axis: str, labels: Sequence[str], bars: Sequence[int],
            line: Sequence[int]) -> str:  # fmt: skip
    """A ```mermaid xychart of fixed words and numbers only (no user text to escape)."""
    top = max([1, *bars, *line])
    return "\n".join([
        "```mermaid", "xychart-beta", f'  title "{title}"', f"  x-axis [{', '.join(labels)}]",
        f'  y-axis "{axis}" 0 --> {top}', f"  bar [{', '.join(map(str, bars))}]",
        f"  line [{', '.join(map(str, line))}]", "```",
    ])  # fmt: skip


def markdown_charts(programme: Programme) -> dict[str, str]:
    """The trends as charts, from two sessions on (GitHub draws them)."""
    sessions = programme.sessions
    if len(sessions) < 2:
        return {}
    labels = [s.label for s in sessions]
    return {
        "attendance": xychart(
            "Members present (bars) and on the roster (line)", "Members", labels,
            [len(s.attendance.present) for s in sessions], [s.attendance.roster for s in sessions],
        ),
        "irritants": xychart(
            "Irritants not yet publicized (bars) and publicized (line)", "Irritants", labels,
            [s.irritants.open + s.irritants.being_removed + s.irritants.removed for s in sessions],
            [s.irritants.publicized for s in sessions],
        ),
    }  # fmt: skip


def markdown_section(section: Section, chart: str = "") -> str:
    lines = [f"## {section.title}", "", escape_inline(section.intro), ""]
    if section.rows:
        rows = ([escape_cell(cell) for cell in row] for row in section.rows)
        lines.append(table([escape_cell(h) for h in section.headers], rows))
    else:
        lines.append(escape_inline(section.empty))
    return "\n".join([*lines, *(["", chart] if chart else [])])


def render_programme(programme: Programme) -> str:
    """The programme of a client, as Markdown text."""
    charts = markdown_charts(programme)
    blocks = [
        f"# {escape_inline(heading(programme))}",
        escape_inline(summary(programme)),
        *(markdown_section(s, charts.get(s.key, "")) for s in programme_sections(programme)),
    ]
    return "\n\n".join(blocks) + "\n"
