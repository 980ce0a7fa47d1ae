"""The alignment tools as rules: balance, dot voting, value-stream editing, reporting, checks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coalition.domain.alignment import (
    Metric,
    MetricKind,
    Stage,
    ValueStream,
    Verdict,
    add_stage,
    move_stage,
    remove_stage,
    reporting_share,
    set_stage_field,
)
from coalition.domain.balance import coalition_balance
from coalition.domain.checks import alignment_checks, checks_beyond_gaps
from coalition.domain.models import (
    ActionItem,
    Decision,
    Irritant,
    IrritantStatus,
    Participant,
    Quality,
    Side,
)
from coalition.domain.voting import by_votes, cast_dot
from coalition.errors import UsageError
from coalition.minutes.mermaid import mermaid_label, stream_flowchart
from sample_sessions import sample_session

ALL = frozenset(Quality)


def person(name: str, side: Side, *qualities: Quality) -> Participant:
    return Participant(f"P-{name}", name, side=side, qualities=frozenset(qualities))


def test_a_balanced_coalition_has_no_warnings() -> None:
    balance = coalition_balance([
        person("Ann", Side.BUSINESS, Quality.POSITION_POWER, Quality.LEADERSHIP),
        person("Raj", Side.IT, Quality.EXPERTISE, Quality.CREDIBILITY),
    ])  # fmt: skip
    assert balance.warnings == ()
    assert balance.by_side == {Side.BUSINESS: 1, Side.IT: 1, Side.EXTERNAL: 0}
    assert balance.missing_qualities == []


def test_an_it_only_coalition_and_missing_qualities_are_warned() -> None:
    balance = coalition_balance([person("Raj", Side.IT, Quality.EXPERTISE)])
    text = " ".join(balance.warnings)
    assert "No business member" in text
    assert "position power, credibility, leadership" in text
    assert balance.missing_qualities == [Quality.POSITION_POWER, Quality.CREDIBILITY,
                                         Quality.LEADERSHIP]  # fmt: skip


def test_one_side_dominating_is_warned() -> None:
    members = [person(f"B{n}", Side.BUSINESS, *ALL) for n in range(4)]
    balance = coalition_balance([*members, person("Raj", Side.IT, *ALL)])
    assert any("Business dominates (4 of 5 members)" in w for w in balance.warnings)
    assert coalition_balance([]).warnings  # an empty coalition is itself a warning


def test_dot_voting_keeps_within_each_persons_budget() -> None:
    first, second = Irritant("I-1", "Slow VPN"), Irritant("I-2", "Password resets")
    first = cast_dot(first, "Ann", +1, 2, [first, second])
    first = cast_dot(first, "Ann", +1, 2, [first, second])
    assert (first.votes, first.dots_of("Ann")) == (2, 2)
    with pytest.raises(UsageError, match="Ann has spent all 2 dots"):
        cast_dot(second, "Ann", +1, 2, [first, second])
    second = cast_dot(second, "Raj", +1, 2, [first, second])  # others still may vote
    first = cast_dot(first, "Ann", -1, 2, [first, second])
    second = cast_dot(second, "Ann", +1, 2, [first, second])  # a dot taken back is free again
    assert [i.id for i in by_votes([first, second])] == ["I-2", "I-1"]
    with pytest.raises(UsageError, match="no dot on I-1"):
        cast_dot(first, "Raj", -1, 2, [first, second])


def test_value_stream_editing_adds_moves_edits_and_removes_stages() -> None:
    stream = ValueStream("V-1", "Order to cash")
    for name in ("Order", "Pay", "Ship"):
        stream = add_stage(stream, Stage(name))
    stream = move_stage(stream, 2, -1)
    assert [s.name for s in stream.stages] == ["Order", "Ship", "Pay"]
    stream = move_stage(stream, 0, -1)  # clamped at the start
    stream = set_stage_field(stream, 1, "systems", "WMS; carrier API,  ")
    stream = set_stage_field(stream, 1, "business_owner", "  Ann  Lee ")
    assert stream.stages[1] == Stage("Ship", ("WMS", "carrier API"), "Ann Lee")
    with pytest.raises(ValueError, match="needs a name"):
        set_stage_field(stream, 0, "name", "  ")
    assert [s.name for s in remove_stage(stream, 0).stages] == ["Ship", "Pay"]
    assert ValueStream.from_record(stream.to_record()) == stream


def test_reporting_share_counts_business_audiences_before_and_after_verdicts() -> None:
    metrics = [
        Metric("M-1", "Uptime", "Board", Side.BUSINESS, MetricKind.TECHNOLOGY,
               verdict=Verdict.REPLACE, replacement="Orders shipped on time"),
        Metric("M-2", "Tickets", "Board", Side.BUSINESS, MetricKind.TECHNOLOGY,
               verdict=Verdict.RETIRE),
        Metric("M-3", "Patch level", "Ops", Side.IT, MetricKind.TECHNOLOGY),
        Metric("M-4", "Revenue per order", "CFO", Side.BUSINESS, MetricKind.BUSINESS_OUTCOME),
    ]  # fmt: skip
    share = reporting_share(metrics)
    assert (share.outcome_now, share.total_now) == (1, 3)
    assert (share.outcome_after, share.total_after) == (2, 2)


def test_alignment_checks_name_the_items_and_say_what_to_do() -> None:
    session = sample_session()
    session.participants.append(person("Raj", Side.IT))
    session.decisions.append(Decision("D-9", "Buy a tool", ("Raj",)))
    session.actions.append(ActionItem("A-9", "Someone should"))
    session.irritants.append(Irritant("I-9", "Quietly fixed", status=IrritantStatus.REMOVED))
    findings = {f.check: f for f in alignment_checks(session)}
    assert findings["Decisions owned only by IT"].items == ("D-9",)
    assert findings["Actions without an owner"].items == ("A-9",)
    assert findings["Actions without a due date"].items == ("A-9",)
    assert findings["Value-stream stages without supporting technology"].named == ("V-1 Triage",)
    assert findings["Value-stream stages without a business owner"].named == ("V-1 Triage",)
    assert "Technology metrics sent to business audiences" not in findings  # M-1 is replaced
    assert findings["Irritants removed but not publicized"].items == ("I-9",)
    assert findings["Irritants removed but not publicized"].advice.startswith("Tell the people")
    assert any(f.check == "Coalition balance" for f in findings.values())


def test_technology_metrics_to_business_are_flagged_until_replaced() -> None:
    session = sample_session()
    kept = Metric("M-9", "CPU load", "Board", Side.BUSINESS, MetricKind.TECHNOLOGY,
                  verdict=Verdict.KEEP)  # fmt: skip
    session.metrics.append(kept)
    findings = {f.check: f for f in alignment_checks(session)}
    assert findings["Technology metrics sent to business audiences"].items == ("M-9",)


LABEL = re.compile(r'^"[^"\n;#<>&%`|\\]*"$')


@given(st.text(max_size=60))
def test_mermaid_labels_never_break_the_diagram(name: str) -> None:
    label = mermaid_label(name)
    body = label[1:-1]
    assert LABEL.match(re.sub(r"#(?:quot|amp|lt|gt|\d+);", "", label)), label
    assert "\n" not in body


def test_the_flowchart_runs_stages_left_to_right_with_systems_under_each() -> None:
    stream = ValueStream("V-1", "x", (
        Stage('Order "fast" --> [now]', ("ERP; CRM", "A|B")),
        Stage("Ship"),
    ))  # fmt: skip
    chart = stream_flowchart(stream).splitlines()
    assert chart[0] == "```mermaid" and chart[1] == "flowchart LR" and chart[-1] == "```"
    assert '  subgraph stage1["1. Order #quot;fast#quot; --#gt; [now]"]' in chart
    assert '    stage1sys1["ERP#59; CRM"]' in chart
    assert '    stage1sys2["A#124;B"]' in chart
    assert '    stage2none["no technology mapped"]' in chart
    assert chart[-2] == "  stage1 --> stage2"


def test_the_end_review_gets_the_checks_its_gap_list_does_not_already_show() -> None:
    session = sample_session()
    session.actions.append(ActionItem("A-9", "Someone should"))
    every = {f.check for f in alignment_checks(session)}
    beyond = {f.check for f in checks_beyond_gaps(session)}
    assert every - beyond == {
        "Decisions without an owner",  # the sample's D-2 is captured with nobody's name
        "Actions without an owner",
        "Actions without a due date",
    }
