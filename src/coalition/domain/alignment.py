"""The four alignment actions as data: value streams plus technology, and the reporting review.

A value stream is an ordered list of stages; each stage names the systems that support it,
a business owner, an IT owner and its pain points. A metric records what is reported to
whom, whether it is a technology or a business-outcome measure, the goal it serves and the
room's verdict. Both are items with human IDs (V-1, M-1), saved through the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, ClassVar, Self

from coalition.domain.records import date_field, iso_or_none, optional, text_field
from coalition.domain.roles import Side


def _strings(values: Any) -> tuple[str, ...]:
    return tuple(str(v) for v in values or ())


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of a value stream and the technology behind it."""

    name: str
    systems: tuple[str, ...] = ()
    business_owner: str = ""
    it_owner: str = ""
    pain_points: tuple[str, ...] = ()

    def to_record(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "systems": list(self.systems),
            "business_owner": self.business_owner,
            "it_owner": self.it_owner,
            "pain_points": list(self.pain_points),
        }

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            name=record["name"],
            systems=_strings(record.get("systems")),
            business_owner=record.get("business_owner", ""),
            it_owner=record.get("it_owner", ""),
            pain_points=_strings(record.get("pain_points")),
        )


@dataclass(frozen=True, slots=True)
class ValueStream:
    """How value flows to a customer, stage by stage, plus the technology at each stage."""

    prefix: ClassVar[str] = "V"
    kind: ClassVar[str] = "stream"

    id: str
    name: str
    stages: tuple[Stage, ...] = ()
    step: str = ""
    origin: str = ""  # the session it was first mapped in, when carried forward
    # One person who owns the customer's outcome across every stage (detect to correct:
    # incident, problem and change are often owned apart, with no end-to-end view).
    e2e_owner: str = ""
    # When the map was walked through with IT staff, and with business stakeholders.
    walked_with_it_on: dt.date | None = None
    walked_with_business_on: dt.date | None = None

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "stages": [stage.to_record() for stage in self.stages],
            "step": self.step,
        } | optional(
            origin=(self.origin, ""),
            e2e_owner=(self.e2e_owner, ""),
            walked_with_it_on=(iso_or_none(self.walked_with_it_on), None),
            walked_with_business_on=(iso_or_none(self.walked_with_business_on), None),
        )

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=record["id"],
            name=record["name"],
            stages=tuple(Stage.from_record(s) for s in record.get("stages", ())),
            step=record.get("step", ""),
            origin=record.get("origin", ""),
            e2e_owner=text_field(record, "e2e_owner", ""),
            walked_with_it_on=date_field(record, "walked_with_it_on"),
            walked_with_business_on=date_field(record, "walked_with_business_on"),
        )


class MetricKind(StrEnum):
    """A technology measure (uptime, tickets) or one tied to a business outcome."""

    TECHNOLOGY = "technology"
    BUSINESS_OUTCOME = "business-outcome"


class Verdict(StrEnum):
    """What the room decided to do with a report or metric."""

    UNDECIDED = "undecided"
    KEEP = "keep"
    REPLACE = "replace"
    RETIRE = "retire"


@dataclass(frozen=True, slots=True)
class Metric:
    """A report or metric: who receives it, what kind it is, and what happens to it."""

    prefix: ClassVar[str] = "M"
    kind: ClassVar[str] = "metric"

    id: str
    name: str
    audience: str = ""
    audience_side: Side = Side.BUSINESS
    metric_kind: MetricKind = MetricKind.TECHNOLOGY
    goal: str = ""
    verdict: Verdict = Verdict.UNDECIDED
    replacement: str = ""
    step: str = ""
    origin: str = ""  # the session it was first reviewed in, when carried forward

    def to_record(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "audience": self.audience,
            "audience_side": self.audience_side.value,
            "metric_kind": self.metric_kind.value,
            "goal": self.goal,
            "verdict": self.verdict.value,
            "replacement": self.replacement,
            "step": self.step,
        } | ({"origin": self.origin} if self.origin else {})

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Self:
        return cls(
            id=record["id"],
            name=record["name"],
            audience=record.get("audience", ""),
            audience_side=Side(record.get("audience_side", "business")),
            metric_kind=MetricKind(record.get("metric_kind", "technology")),
            goal=record.get("goal", ""),
            verdict=Verdict(record.get("verdict", "undecided")),
            replacement=record.get("replacement", ""),
            step=record.get("step", ""),
            origin=record.get("origin", ""),
        )

    @property
    def goes_to_business(self) -> bool:
        return self.audience_side is Side.BUSINESS

    @property
    def stays_in_report(self) -> bool:
        """Whether the metric is still reported after the verdict (kept or undecided)."""
        return self.verdict in (Verdict.KEEP, Verdict.UNDECIDED)


# -- editing a value stream: each function returns a new stream ----------------------------

STAGE_FIELDS = ("name", "systems", "business_owner", "it_owner", "pain_points")
LIST_FIELDS = ("systems", "pain_points")


def split_list(text: str) -> tuple[str, ...]:
    """`EPR; portal, telephony` -> ("EPR", "portal", "telephony")."""
    return tuple(part.strip() for part in text.replace(";", ",").split(",") if part.strip())


def add_stage(stream: ValueStream, stage: Stage, at: int | None = None) -> ValueStream:
    stages = list(stream.stages)
    stages.insert(len(stages) if at is None else max(0, min(at, len(stages))), stage)
    return replace(stream, stages=tuple(stages))


def remove_stage(stream: ValueStream, index: int) -> ValueStream:
    stages = list(stream.stages)
    del stages[index]
    return replace(stream, stages=tuple(stages))


def move_stage(stream: ValueStream, index: int, offset: int) -> ValueStream:
    """Move a stage earlier (-1) or later (+1) in the flow; clamped at the ends."""
    stages = list(stream.stages)
    target = max(0, min(len(stages) - 1, index + offset))
    stages.insert(target, stages.pop(index))
    return replace(stream, stages=tuple(stages))


def set_stage_field(stream: ValueStream, index: int, field_name: str, text: str) -> ValueStream:
    """Edit one cell of the stream's table; list fields take comma-separated text."""
    if field_name not in STAGE_FIELDS:
        raise ValueError(f"unknown stage field {field_name!r}")
    text = " ".join(text.split())
    if field_name == "name" and not text:
        raise ValueError("a stage needs a name")
    value: str | tuple[str, ...] = split_list(text) if field_name in LIST_FIELDS else text
    stages = list(stream.stages)
    stages[index] = replace(stages[index], **{field_name: value})  # type: ignore[arg-type]
    return replace(stream, stages=tuple(stages))


def stage_cell(stage: Stage, field_name: str) -> str:
    """A stage's field as the text a table cell shows and an editor starts from."""
    value = getattr(stage, field_name)
    return ", ".join(value) if isinstance(value, tuple) else str(value)


# -- the reporting review -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportingShare:
    """Business-outcome metrics among those reported to business audiences."""

    outcome_now: int
    total_now: int
    outcome_after: int
    total_after: int

    @staticmethod
    def percent(part: int, whole: int) -> str:
        return f"{round(100 * part / whole)} %" if whole else "n/a"


def retired_before(carried: Iterable[object]) -> frozenset[str]:
    """The metrics a session carried in with the verdict `retire`: retired at an earlier
    session, so no longer sent to anyone."""
    return frozenset(m.id for m in carried if isinstance(m, Metric) and m.verdict is Verdict.RETIRE)


def reporting_share(metrics: list[Metric], retired: Collection[str] = ()) -> ReportingShare:
    """Now: every metric going to business audiences, less those `retired` at an earlier
    session and still retired (the session that retires one still sent it). After: what the
    verdicts leave, with each replacement counted as a business-outcome metric."""
    to_business = [
        m for m in metrics
        if m.goes_to_business and not (m.id in retired and m.verdict is Verdict.RETIRE)
    ]  # fmt: skip
    outcome_now = sum(m.metric_kind is MetricKind.BUSINESS_OUTCOME for m in to_business)
    kept = [m for m in to_business if m.stays_in_report]
    replaced = [m for m in to_business if m.verdict is Verdict.REPLACE]
    outcome_after = sum(m.metric_kind is MetricKind.BUSINESS_OUTCOME for m in kept) + len(replaced)
    return ReportingShare(outcome_now, len(to_business), outcome_after, len(kept) + len(replaced))
