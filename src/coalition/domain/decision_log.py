"""The decision log: which decision replaced which.

A decision names the one it replaces (`supersedes:D-2` on the capture line). The replaced
decision keeps the status it was given; it reads as superseded because a decision in force
(accepted, or itself superseded later) names it. A proposal or a rejected decision does not
replace anything yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coalition.domain.models import Decision, DecisionStatus, id_number

IN_FORCE = (DecisionStatus.ACCEPTED, DecisionStatus.SUPERSEDED)


def replacements(decisions: Iterable[Decision]) -> dict[str, list[str]]:
    """Each replaced decision's ID -> the decisions in force that name it, by ID."""
    replaced: dict[str, list[str]] = {}
    for decision in sorted(decisions, key=lambda d: (id_number(d.id), d.id)):
        target = decision.supersedes
        if target and target != decision.id and decision.status in IN_FORCE:
            replaced.setdefault(target, []).append(decision.id)
    return replaced


def superseded_by(decisions: Iterable[Decision]) -> dict[str, str]:
    """Each superseded decision's ID -> the ID of the decision that replaced it.

    When two decisions name the same one, the first by ID counts (a stable answer).
    """
    return {target: ids[0] for target, ids in replacements(decisions).items()}


def is_superseded(decision: Decision, replaced: Mapping[str, str]) -> bool:
    """Superseded by its status, or because a decision in force replaced it."""
    return decision.status is DecisionStatus.SUPERSEDED or decision.id in replaced
