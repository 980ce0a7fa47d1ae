"""Minutes sections for a programme of sessions: what moved since the last one, the wins
log and the health check. Carried items nothing happened to are named once here and not
repeated in the sections below (programme.md keeps the whole state)."""

from __future__ import annotations

from collections.abc import Sequence

from coalition.domain.alignment import Verdict
from coalition.domain.changes import (
    SinceLast,
    since_last,
    unchanged_carried_ids,
)
from coalition.domain.checks import TWO_REDS
from coalition.domain.models import IrritantStatus, Session, id_number
from coalition.domain.progress import Rating, RatingLevel, red_dimensions
from coalition.minutes.escape import escape_cell, escape_inline
from coalition.minutes.tables import table

LEVEL_MARKS = {RatingLevel.GREEN: "🟢 green", RatingLevel.AMBER: "🟠 amber",
               RatingLevel.RED: "🔴 red"}  # fmt: skip


def _items(pairs: Sequence[tuple[str, str]]) -> str:
    return "; ".join(f"{item_id} {escape_inline(text)}" for item_id, text in pairs)


def _names(names: Sequence[str]) -> str:
    return ", ".join(escape_inline(name) for name in names)


def since_last_session(session: Session) -> str:
    """Roster joined/left, irritants removed/publicized, metrics retired/replaced, actions
    closed/slipped, decisions superseded; then what was carried unchanged."""
    if not session.info.previous and not session.baseline:
        return ""
    moves = since_last(session)
    previous = escape_inline(session.info.origin_label(session.info.previous))
    lines = ["## Since the last session", "", f"Compared with {previous}.", ""]
    lines += _coalition_lines(moves)
    lines += _register_lines(moves)
    unchanged = unchanged_carried_ids(session)
    unchanged_ids = sorted(unchanged, key=lambda i: (i.partition("-")[0], id_number(i)))
    if len(lines) == 4:
        lines.append("- Nothing moved.")
    if unchanged_ids:
        lines += ["", f"Carried unchanged, and not repeated below: {', '.join(unchanged_ids)}."]
    return "\n".join(lines)


def carried_only(kinds: str, count: int, word: str) -> str:
    """What a section says when every item of its kind carried over unchanged: they are
    named in "Since the last session", not "none recorded" (`3 open action items`)."""
    counted = f"{count} {word}{'' if count == 1 else 's'}"
    return (
        f"No new or changed {kinds}; {counted} carried unchanged, listed under Since the last "
        "session."
    )


def _coalition_lines(moves: SinceLast) -> list[str]:
    parts = [f"{moves.present} of {moves.on_roster} present"]
    if moves.absent:
        parts.append(f"absent: {_names(moves.absent)}")
    if moves.joined:
        parts.append(f"joined: {_names(moves.joined)}")
    if moves.left:
        parts.append(f"left: {_names(moves.left)}")
    return [f"- **Coalition**: {'; '.join(parts)}"] if moves.on_roster or moves.left else []


def _register_lines(moves: SinceLast) -> list[str]:
    lines = []
    for status in (IrritantStatus.PUBLICIZED, IrritantStatus.REMOVED,
                   IrritantStatus.BEING_REMOVED, IrritantStatus.OPEN):  # fmt: skip
        if status in moves.irritants:
            label = "reopened" if status is IrritantStatus.OPEN else status.value.replace("-", " ")
            lines.append(f"- **Irritants {label}**: {_items(moves.irritants[status])}")
    if moves.raised:
        lines.append(f"- **Irritants raised**: {_items(moves.raised)}")
    for verdict, label in ((Verdict.RETIRE, "retired"), (Verdict.REPLACE, "to be replaced"),
                           (Verdict.KEEP, "kept")):  # fmt: skip
        if verdict in moves.metrics:
            lines.append(f"- **Metrics {label}**: {_items(moves.metrics[verdict])}")
    if moves.closed:
        closed = [(i, f"{t} ({s.value})") for i, t, s in moves.closed]
        lines.append(f"- **Actions closed**: {_items(closed)}")
    if moves.slipped:
        lines.append(f"- **Actions slipped** (past their due date): {_items(moves.slipped)}")
    if moves.opened:
        lines.append(f"- **Actions opened**: {', '.join(i for i, _ in moves.opened)}")
    if moves.superseded:
        chains = ", ".join(f"{old} by {new}" for old, new in moves.superseded)
        lines.append(f"- **Decisions superseded**: {chains}")
    return lines


def wins(session: Session, shown: set[str]) -> str:
    """The wins log: what the room can point to (only when there is one)."""
    logged = [w for w in session.wins if w.id in shown]
    if not logged:
        return ""
    lines = ["## Short-term wins", ""]
    for win in logged:
        owner = f" — {escape_inline(win.owner)}" if win.owner else ""
        lines.append(f"- **{win.id}** {escape_inline(win.text)}{owner}")
    return "\n".join(lines)


def dimension(session: Session, rating: Rating) -> str:
    """What a rating rates: its dimension, or the title of the step it was given in."""
    if rating.dimension:
        return rating.dimension
    step = session.info.playbook.step(rating.step)
    return step.title if step else rating.step


def health_check(session: Session) -> str:
    """The health check's ratings, and its rule (two reds or more)."""
    if not session.ratings:
        return ""
    rows = (
        [r.id, escape_cell(dimension(session, r)), LEVEL_MARKS[r.level], escape_cell(r.comment)]
        for r in session.ratings
    )
    lines = ["## Health check", "", table(["ID", "Dimension", "Rating", "Evidence"], rows)]
    titles = {step.id: step.title for step in session.info.playbook.steps}
    reds = len(red_dimensions(session.ratings, titles))  # dimensions, at their latest rating
    if reds >= 2:
        lines += ["", f"**{reds} reds**: {escape_inline(TWO_REDS)}"]
    return "\n".join(lines)
