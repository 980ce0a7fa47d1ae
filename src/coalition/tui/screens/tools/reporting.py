"""The reporting review: what IT reports to whom, and what the room decides to do about it.

One row per metric; `s`, `k` and `v` cycle the audience's side, the kind and the verdict;
Enter edits the highlighted text cell. The summary shows the share of business-outcome
metrics among those going to business audiences, now and after the verdicts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from enum import StrEnum
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType

from coalition.domain.alignment import (
    Metric,
    MetricKind,
    ReportingShare,
    Verdict,
    reporting_share,
    retired_before,
)
from coalition.domain.capture import parse_capture
from coalition.domain.roles import Side
from coalition.tui.screens.tools.base import COMMON_BINDINGS, ToolScreen
from coalition.tui.widgets.roster import SIDE_MARK
from coalition.tui.widgets.tool_table import Column

KIND_MARK = {MetricKind.TECHNOLOGY: "tech", MetricKind.BUSINESS_OUTCOME: "outcome"}
TEXT_FIELDS = {
    "name": ("Metric or report", "What is reported."),
    "audience": ("Audience", "Who receives it (e.g. Board, Sales managers)."),
    "goal": ("Business goal", "The business goal it serves."),
    "replacement": ("Replacement", "The business-outcome metric that replaces it."),
}
# field -> (enum values in cycle order)
CYCLED: dict[str, Sequence[StrEnum]] = {
    "audience_side": tuple(Side),
    "metric_kind": tuple(MetricKind),
    "verdict": tuple(Verdict),
}


def next_value(values: Sequence[StrEnum], current: StrEnum) -> StrEnum:
    return values[(list(values).index(current) + 1) % len(values)]


def share_text(share: ReportingShare) -> Text:
    """The reporting share as the room should hear it."""
    percent = ReportingShare.percent
    text = Text("Business-outcome metrics sent to business audiences: ")
    text.append(
        f"{share.outcome_now} of {share.total_now} ({percent(share.outcome_now, share.total_now)})",
        style="bold",
    )
    text.append(" today → ")
    text.append(
        f"{share.outcome_after} of {share.total_after} "
        f"({percent(share.outcome_after, share.total_after)})",
        style="bold",
    )
    text.append(" after the verdicts.")
    return text


class ReportingTool(ToolScreen):
    """The metrics of the session, editable cell by cell."""

    TOOL_TITLE = "Reporting review"
    CURSOR = "cell"
    COLUMNS = (
        Column("id", "ID", width=4),
        Column("name", "Metric", weight=3),
        Column("audience", "Audience", weight=2),
        Column("audience_side", "Side", width=4),
        Column("metric_kind", "Kind", width=7),
        Column("goal", "Goal", weight=2),
        Column("verdict", "Verdict", width=9),
        Column("replacement", "Replacement", weight=2),
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *COMMON_BINDINGS,
        Binding("e", "edit_cell", "Edit", id="reporting.edit",
                tooltip="Edit the highlighted cell; on Side, Kind or Verdict: next value "
                        "(Enter too)"),
        Binding("a", "add_metric", "Add", id="reporting.add",
                tooltip="Add a metric (to:Board kind:tech goal:\"…\" work as on the capture line)"),
        Binding("s", "cycle('audience_side')", "Side", id="reporting.side",
                tooltip="Next audience side: business, IT, external"),
        Binding("k", "cycle('metric_kind')", "Kind", id="reporting.kind",
                tooltip="Technology or business outcome"),
        Binding("v", "cycle('verdict')", "Verdict", id="reporting.verdict",
                tooltip="Next verdict: undecided, keep, replace, retire"),
        Binding("x,delete", "delete_metric", "Del", id="reporting.delete",
                tooltip="Delete the highlighted metric (Ctrl+Z undoes)"),
    ]  # fmt: skip

    def metrics(self) -> list[Metric]:
        return list(self.store.session.metrics)

    def metric(self) -> Metric | None:
        key = self.table.cursor_key()
        return next((m for m in self.metrics() if m.id == key), None)

    def refresh_tool(self, cursor_key: str | None = None) -> None:
        metrics = self.metrics()
        retired = retired_before(self.store.session.baseline.values())
        summary = share_text(reporting_share(metrics, retired))
        if not metrics:
            summary = Text("No metrics yet: a adds one, e.g. ")
            summary.append("Server uptime to:Board kind:tech", style="bold")
        self.show_summary(summary)
        self.table.fill(((m.id, self.row(m)) for m in metrics), cursor_key)
        self.table.border_title = f"Reporting review ({len(metrics)})"
        self.show_detail()

    def row(self, metric: Metric) -> list[Text | str]:
        tech_to_business = (
            metric.goes_to_business
            and metric.metric_kind is MetricKind.TECHNOLOGY
            and metric.stays_in_report
        )
        return [
            Text(metric.id, style="bold"),
            metric.name,
            metric.audience,
            SIDE_MARK[metric.audience_side],
            Text(KIND_MARK[metric.metric_kind], style="bold" if tech_to_business else ""),
            metric.goal,
            metric.verdict.value,
            metric.replacement,
        ]

    def describe_cursor(self) -> Text | str:
        metric = self.metric()
        if metric is None:
            return "a: add a report or metric IT sends today."
        column = self.table.cursor_field()
        text = Text(f"{metric.id} ", style="bold")
        if column in TEXT_FIELDS:
            label, _ = TEXT_FIELDS[column]
            text.append(f"{label}: ", style="bold")
            text.append(str(getattr(metric, column)) or "(empty)")
            text.append("  ⏎ edits", style="dim")
        else:
            text.append(metric.name)
            text.append(
                f" · to {metric.audience or '?'} ({metric.audience_side.value})"
                f" · {metric.metric_kind.value} · {metric.verdict.value}"
            )
            if metric.verdict is Verdict.REPLACE:
                text.append(f" with {metric.replacement or '?'}")
            text.append("  s/k/v cycle", style="dim")
        return text

    def need_metric(self) -> Metric | None:
        metric = self.metric()
        if metric is None:
            self.notify("No metric here: a adds one.", severity="warning")
        return metric

    def activate(self) -> None:
        self.action_edit_cell()

    def action_edit_cell(self) -> None:
        metric = self.need_metric()
        if metric is None:
            return
        column = self.table.cursor_field()
        if column in CYCLED:
            self.action_cycle(column)
            return
        field = column if column in TEXT_FIELDS else "name"
        label, hint = TEXT_FIELDS[field]

        def apply(text: str) -> None:
            value = " ".join(text.split())
            if field == "name" and not value:
                raise ValueError("A metric needs a name.")
            current = self.metric() or metric
            changes: dict[str, Any] = {field: value}
            self.put(current, dataclasses.replace(current, **changes), "edit")

        self.ask(f"{metric.id}: {label}", f"{hint} Enter saves · Esc cancels",
                 str(getattr(metric, field)), apply)  # fmt: skip

    def action_cycle(self, field: str) -> None:
        metric = self.need_metric()
        if metric is None:
            return
        changes: dict[str, Any] = {field: next_value(CYCLED[field], getattr(metric, field))}
        after = dataclasses.replace(metric, **changes)
        if self.attempt(lambda: self.put(metric, after, "change"), metric.id) and (
            field == "verdict" and after.verdict is Verdict.REPLACE and not after.replacement
        ):
            self.notify("Name the replacement: Enter on the Replacement cell.")

    def action_add_metric(self) -> None:
        def apply(text: str) -> None:
            capture = parse_capture(f"m {text}")
            metric = self.store.add("metric", **capture.fields, step=self.session.current_step.id)
            self.history.record(f"new metric {metric.id}", None, metric)
            self.session.tool_changed = True
            self.refresh_tool(metric.id)

        self.ask(
            "New metric or report",
            'Its name, then optionally to:Board side:it kind:tech|outcome goal:"…" '
            'verdict:keep|replace|retire with:"…"',
            "",
            apply,
        )

    def action_delete_metric(self) -> None:
        metric = self.need_metric()
        if metric is not None and self.attempt(lambda: self.delete(metric)):
            self.notify(f"Deleted {metric.id}. Ctrl+Z brings it back.", markup=False)
