"""Minutes sections for the fuller records: irritants as register entries, decisions as
decision records, objectives and initiatives, and who owns a value stream end to end.

Each block appears only when the room filled in something it shows, so the minutes of a
session that used none of it keep their bytes. All user text goes through `escape_inline`.
"""

from __future__ import annotations

from collections.abc import Sequence

from coalition.domain.alignment import ValueStream
from coalition.domain.decisions import Decision
from coalition.domain.irritants import Irritant
from coalition.domain.models import Session
from coalition.domain.objectives import Initiative, Objective
from coalition.domain.voting import by_votes
from coalition.minutes.escape import escape_cell, escape_inline
from coalition.minutes.tables import SIDE_LABELS, table


def _joined(texts: Sequence[str]) -> str:
    return "; ".join(escape_inline(text) for text in texts)


def _register_parts(irritant: Irritant, rank: int) -> list[str]:
    """What the register entry says beyond the table, in the order ITIL's register has it."""
    parts: list[str] = []
    if irritant.raised_by or irritant.raised_on:
        by = f" by {escape_inline(irritant.raised_by)}" if irritant.raised_by else ""
        on = f" on {irritant.raised_on.isoformat()}" if irritant.raised_on else ""
        parts.append(f"raised{by}{on}")
    if irritant.priority:
        parts.append(f"priority {irritant.priority.value} (set)")
    else:
        parts.append(f"priority #{rank} by votes")
    if irritant.benefit:
        parts.append(f"benefit: {escape_inline(irritant.benefit)}")
    if irritant.measured:
        parts.append(f"measured by {escape_inline(irritant.measured)}")
    if irritant.due:
        parts.append(f"due {irritant.due.isoformat()}")
    if irritant.stream or irritant.stage:
        where = " ".join(part for part in (irritant.stream, irritant.stage) if part)
        parts.append(f"stage: {escape_inline(where)}")
    if irritant.publicized_via or irritant.publicized_on:
        via = f" via {escape_inline(irritant.publicized_via)}" if irritant.publicized_via else ""
        on = f" on {irritant.publicized_on.isoformat()}" if irritant.publicized_on else ""
        parts.append(f"publicized{via}{on}")
    if irritant.noticed:
        parts.append(f"did people notice? {escape_inline(irritant.noticed)}")
    return parts


def has_register_entry(irritant: Irritant) -> bool:
    """Whether anything of the register beyond the one-line capture was filled in."""
    return bool(
        irritant.raised_by
        or irritant.raised_on
        or irritant.priority
        or irritant.benefit
        or irritant.measured
        or irritant.due
        or irritant.stream
        or irritant.stage
        or irritant.publicized_via
        or irritant.publicized_on
        or irritant.noticed
    )


def register_entries(items: Sequence[Irritant], register: Sequence[Irritant]) -> str:
    """The register entries of `items`, one line each, most votes first; a priority not set
    is the irritant's rank by votes in the whole `register`."""
    rank = {irritant.id: number for number, irritant in enumerate(by_votes(register), 1)}
    lines = [
        f"- **{irritant.id}** {'; '.join(_register_parts(irritant, rank[irritant.id]))}"
        for irritant in by_votes(items)
        if has_register_entry(irritant)
    ]
    return "### Register entries\n\n" + "\n".join(lines) if lines else ""


def _option_line(number: int, decision: Decision) -> str:
    option = decision.options[number - 1]
    chosen = " (chosen)" if option.name == decision.chosen else ""
    pros = f"; pros: {_joined(option.pros)}" if option.pros else ""
    cons = f"; cons: {_joined(option.cons)}" if option.cons else ""
    return f"- Option {number}: {escape_inline(option.name)}{chosen}{pros}{cons}"


def decision_record(decision: Decision) -> str:
    """One decision record, MADR's sections as one line each."""
    lines = [f"### {decision.id} decision record", ""]
    if decision.decided_on:
        lines.append(f"- Date: {decision.decided_on.isoformat()}")
    if decision.context:
        lines.append(f"- Context and problem: {escape_inline(decision.context)}")
    if decision.drivers:
        lines.append(f"- Decision drivers: {_joined(decision.drivers)}")
    lines.extend(_option_line(n, decision) for n in range(1, len(decision.options) + 1))
    names = [option.name for option in decision.options]
    if decision.chosen and decision.chosen not in names:
        lines.append(f"- Chosen option: {escape_inline(decision.chosen)}")
    if decision.good_consequences:
        lines.append(f"- Good consequences: {_joined(decision.good_consequences)}")
    if decision.bad_consequences:
        lines.append(f"- Bad consequences: {_joined(decision.bad_consequences)}")
    if decision.confirmation:
        lines.append(f"- Confirmation: {escape_inline(decision.confirmation)}")
    return "\n".join(lines)


def decision_records(decisions: Sequence[Decision]) -> str:
    """The decision records of the decisions listed, in ID order."""
    return "\n\n".join(decision_record(d) for d in decisions if d.has_record)


def objectives(session: Session, shown: set[str]) -> str:
    """Objectives (business, and IT ones with the business objective they serve) and
    initiatives (owners, AI, the objective served); absent when there are none."""
    listed: list[Objective] = [o for o in session.objectives if o.id in shown]
    initiatives: list[Initiative] = [x for x in session.initiatives if x.id in shown]
    if not listed and not initiatives:
        return ""
    blocks = ["## Objectives and initiatives"]
    if listed:
        rows = (
            [o.id, escape_cell(o.text), SIDE_LABELS[o.side], escape_cell(o.serves)] for o in listed
        )
        blocks.append(table(["ID", "Objective", "Side", "Serves"], rows))
    if initiatives:
        rows = (
            [
                x.id,
                escape_cell(x.text),
                escape_cell(", ".join(x.owners)),
                "yes" if x.ai else "no",
                escape_cell(x.serves),
            ]
            for x in initiatives
        )
        blocks.append(table(["ID", "Initiative", "Owners", "AI", "Serves"], rows))
    return "\n\n".join(blocks)


def stream_ownership(stream: ValueStream) -> str:
    """`End-to-end owner: … Walked through with IT staff on …; with business …: not yet.`"""
    if not (stream.e2e_owner or stream.walked_with_it_on or stream.walked_with_business_on):
        return ""
    owner = escape_inline(stream.e2e_owner) if stream.e2e_owner else "*none*"
    it = stream.walked_with_it_on.isoformat() if stream.walked_with_it_on else "not yet"
    business = (
        stream.walked_with_business_on.isoformat() if stream.walked_with_business_on else "not yet"
    )
    return (
        f"End-to-end owner: {owner}. Walked through with IT staff: {it}; with business "
        f"stakeholders: {business}."
    )
