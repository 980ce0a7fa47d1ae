"""Is the guiding coalition balanced? Business and IT both present, Kotter's four qualities;
and how many of its members are volunteers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from coalition.domain.models import Participant
from coalition.domain.roles import Quality, Side, is_volunteer

QUALITY_LABELS = {
    Quality.POSITION_POWER: "position power",
    Quality.EXPERTISE: "expertise",
    Quality.CREDIBILITY: "credibility",
    Quality.LEADERSHIP: "leadership",
}
# One side holding more than this share of the business + IT members dominates the room.
DOMINANCE_SHARE = 0.75


@dataclass(frozen=True, slots=True)
class Balance:
    """Counts per side and quality, and what the facilitator should hear about them: each
    warning with the stable code `coalition check` reports it under."""

    by_side: dict[Side, int]
    by_quality: dict[Quality, int]
    coded_warnings: tuple[tuple[str, str], ...]
    # Members whose role names them volunteers: the 2014 network beside the hierarchy.
    volunteers: int = 0

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(text for _, text in self.coded_warnings)

    @property
    def missing_qualities(self) -> list[Quality]:
        return [q for q in Quality if not self.by_quality[q]]


def coalition_balance(participants: Sequence[Participant]) -> Balance:
    """The coalition's make-up and its warnings (empty when it looks balanced)."""
    by_side = {side: sum(p.side is side for p in participants) for side in Side}
    by_quality = {q: sum(q in p.qualities for p in participants) for q in Quality}
    volunteers = sum(is_volunteer(p.role) for p in participants)
    warnings: list[tuple[str, str]] = []
    if not participants:
        warnings.append((
            "coalition-empty",
            "Nobody is on the coalition yet: name its members, from the business and from IT.",
        ))  # fmt: skip
        return Balance(by_side, by_quality, tuple(warnings), volunteers)
    business, it = by_side[Side.BUSINESS], by_side[Side.IT]
    if not business:
        warnings.append((
            "coalition-no-business",
            "No business member: an IT-only coalition repeats the classic ITSM mistake. "
            "Invite business leaders who own the outcomes.",
        ))  # fmt: skip
    if not it:
        warnings.append(
            ("coalition-no-it", "No IT member: the coalition cannot speak for the technology.")
        )
    inside = business + it
    if business and it and max(business, it) / inside > DOMINANCE_SHARE:
        bigger = "Business" if business > it else "IT"
        warnings.append((
            "coalition-one-side-dominates",
            f"{bigger} dominates ({max(business, it)} of {inside} members): "
            "balance the sides so that neither can outvote the other.",
        ))  # fmt: skip
    missing = [QUALITY_LABELS[q] for q in Quality if not by_quality[q]]
    if missing:
        warnings.append((
            "coalition-missing-quality",
            f"Nobody brings {', '.join(missing)}: find members who do, or those left out "
            "may block the change.",
        ))  # fmt: skip
    return Balance(by_side, by_quality, tuple(warnings), volunteers)
