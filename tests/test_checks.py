"""Each alignment check, with its stable code: it fires on the data that warrants it, and
stays quiet on a session where everything is in order."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coalition.domain.alignment import Metric, MetricKind, Stage, ValueStream, Verdict
from coalition.domain.checks import CATALOGUE, CHECKS, Finding, alignment_checks
from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Decision,
    DecisionStatus,
    Initiative,
    Irritant,
    IrritantStatus,
    Objective,
    Participant,
    Quality,
    Session,
    Side,
)
from coalition.domain.progress import Rating, RatingLevel
from sample_sessions import sample_session

DUE = dt.date(2026, 12, 1)


def stream(stream_id: str, *stages: Stage) -> ValueStream:
    return ValueStream(stream_id, "Flow", stages, e2e_owner="Alice Smith")


def in_order() -> Session:
    """A session every check passes: a balanced coalition, everything owned and mapped."""
    session = sample_session()
    session.participants[:] = [
        Participant("P-1", "Alice Smith", "COO", Side.BUSINESS, frozenset(Quality)),
        Participant("P-2", "Bob Jones", "CIO", Side.IT, frozenset(Quality)),
    ]
    both = ("Alice Smith", "Bob Jones")
    session.decisions[:] = [Decision("D-1", "Share the map", both, "vision")]
    session.actions[:] = [ActionItem("A-1", "Draft it", "Bob Jones", DUE)]
    session.irritants[:] = [
        Irritant("I-1", "Slow resets", owner="Bob Jones", step="irritants",
                 raised_by="Alice Smith")
    ]  # fmt: skip
    session.streams[:] = [stream("V-1", Stage("Triage", ("EPR",), "Alice Smith", "Bob Jones"))]
    session.objectives[:] = [
        Objective("O-1", "Referrals booked in 48 hours"),
        Objective("O-2", "Self-service resets", Side.IT, serves="O-1"),
    ]
    session.initiatives[:] = [Initiative("X-1", "Triage assistant", both, ai=True, serves="O-2")]
    session.metrics[:] = [
        Metric("M-1", "Wait", "COO", Side.BUSINESS, MetricKind.BUSINESS_OUTCOME, "Access")
    ]
    session.ratings[:] = [Rating("H-1", "Coalition", RatingLevel.RED)]
    return session


def codes(session: Session) -> dict[str, Finding]:
    findings = alignment_checks(session)
    assert len({f.code for f in findings}) == len(findings)  # one finding per code
    return {f.code: f for f in findings}


def test_a_session_in_order_has_no_findings() -> None:
    assert alignment_checks(in_order()) == []


Edit = Callable[[Session], None]


def empty_coalition(session: Session) -> None:
    """No members, and so nothing owned (an owner would be a stranger to the roster)."""
    for items in (session.participants, session.decisions, session.actions,
                  session.irritants, session.streams, session.initiatives):  # fmt: skip
        items.clear()


def only_side(kept: Side) -> Edit:
    """Every member on `kept` or outside; D-1 moves out of its joint-ownership step, and the
    initiative (which always asks for both sides) goes."""

    def edit(session: Session) -> None:
        session.participants[:] = [
            p if p.side is kept else dataclasses.replace(p, side=Side.EXTERNAL)
            for p in session.participants
        ]
        session.decisions[0] = dataclasses.replace(session.decisions[0], step="urgency")
        session.initiatives.clear()

    return edit


def no_qualities(session: Session) -> None:
    session.participants[:] = [
        dataclasses.replace(p, qualities=frozenset()) for p in session.participants
    ]


CASES: list[tuple[str, Edit, tuple[str, ...]]] = [
    ("decision-it-only",
     lambda s: s.decisions.append(Decision("D-2", "Buy a tool", ("Bob Jones",))), ("D-2",)),
    ("one-sided-ownership",
     lambda s: s.decisions.append(Decision("D-3", "Vision", ("Alice Smith",), "vision")),
     ("D-3",)),
    ("objective-not-linked",
     lambda s: s.objectives.append(Objective("O-3", "Patch every server", Side.IT)), ("O-3",)),
    ("ai-initiative-no-objective",
     lambda s: s.initiatives.append(Initiative("X-2", "Chatbot", ("Bob Jones", "Alice Smith"),
                                               ai=True)), ("X-2",)),
    ("decision-no-owner", lambda s: s.decisions.append(Decision("D-4", "Go weekly")), ("D-4",)),
    ("initiative-no-owner",
     lambda s: s.initiatives.append(Initiative("X-3", "Portal", serves="O-1")), ("X-3",)),
    ("action-no-owner", lambda s: s.actions.append(ActionItem("A-2", "Someone", due=DUE)),
     ("A-2",)),
    ("action-no-due-date",
     lambda s: s.actions.append(ActionItem("A-3", "Some day", "Bob Jones")), ("A-3",)),
    ("owner-not-on-roster",
     lambda s: s.actions.append(ActionItem("A-4", "Ask", "Carol Diaz", DUE)), ("A-4",)),
    ("stage-no-technology",
     lambda s: s.streams.append(stream("V-2", Stage("Pay", (), "Alice Smith", "Bob Jones"))),
     ("V-2",)),
    ("stage-no-business-owner",
     lambda s: s.streams.append(stream("V-3", Stage("Pay", ("ERP",), "", "Bob Jones"))),
     ("V-3",)),
    ("stage-no-it-owner",
     lambda s: s.streams.append(stream("V-4", Stage("Pay", ("ERP",), "Alice Smith", ""))),
     ("V-4",)),
    ("stream-no-end-to-end-owner",
     lambda s: s.streams.append(ValueStream("V-5", "Detect to correct")), ("V-5",)),
    ("tech-metric-to-business",
     lambda s: s.metrics.append(Metric("M-2", "Uptime", "Board", Side.BUSINESS,
                                       MetricKind.TECHNOLOGY, "Access")), ("M-2",)),
    ("metric-replacement-missing",
     lambda s: s.metrics.append(Metric("M-3", "Uptime", "Ops", Side.IT, MetricKind.TECHNOLOGY,
                                       "Access", Verdict.REPLACE)), ("M-3",)),
    ("metric-no-goal",
     lambda s: s.metrics.append(Metric("M-4", "Tickets", "Ops", Side.IT,
                                       MetricKind.TECHNOLOGY)), ("M-4",)),
    ("coalition-empty", empty_coalition, ()),
    ("coalition-no-business", only_side(Side.IT), ()),
    ("coalition-no-it", only_side(Side.BUSINESS), ()),
    ("coalition-one-side-dominates",
     lambda s: s.participants.extend(Participant(f"P-{n}", f"Member {n}") for n in (3, 4, 5)),
     ()),
    ("coalition-missing-quality", no_qualities, ()),
    ("irritant-no-owner", lambda s: s.irritants.append(Irritant("I-2", "Forms")), ("I-2",)),
    ("irritants-it-first",
     lambda s: s.irritants.__setitem__(0, dataclasses.replace(s.irritants[0],
                                                              raised_by="Bob Jones")), ("I-1",)),
    ("irritant-not-publicized",
     lambda s: s.irritants.append(Irritant("I-3", "Fixed", owner="Bob Jones",
                                           status=IrritantStatus.REMOVED)), ("I-3",)),
    ("health-two-reds",
     lambda s: s.ratings.append(Rating("H-2", "Reporting", RatingLevel.RED)), ("H-1", "H-2")),
]  # fmt: skip


@pytest.mark.parametrize(("code", "edit", "items"), CASES, ids=[c[0] for c in CASES])
def test_each_check_fires_alone_on_what_warrants_it(
    code: str, edit: Edit, items: tuple[str, ...]
) -> None:
    session = in_order()
    edit(session)
    found = codes(session)
    assert list(found) == [code]
    assert found[code].items == items
    assert found[code].check == CHECKS[code].title


def test_every_code_in_the_catalogue_is_tested_and_has_its_seed_idea() -> None:
    assert [c.code for c in CATALOGUE] == [case[0] for case in CASES]  # in the findings' order
    assert len(CHECKS) == len(CATALOGUE)
    for check in CATALOGUE:
        assert check.code == check.code.lower() and " " not in check.code
        assert check.title and check.seed


def test_the_findings_come_in_the_catalogues_order() -> None:
    session = in_order()
    for code, edit, _ in CASES:
        if not code.startswith("coalition-"):  # those undo one another; the rest combine
            edit(session)
    no_qualities(session)
    order = [c.code for c in CATALOGUE]
    found = [f.code for f in alignment_checks(session)]
    assert found == [code for code in order if code in found]
    assert len(found) == len(order) - 4  # every check but four of the five on the coalition


# -- where each check stays quiet ----------------------------------------------------------


def test_ownership_checks_look_only_at_what_is_still_to_carry_out() -> None:
    session = in_order()
    session.actions += [
        ActionItem("A-2", "Done by a stranger", "Carol Diaz", status=ActionStatus.DONE),
        ActionItem("A-3", "Dropped", status=ActionStatus.DROPPED),
    ]
    session.decisions += [
        Decision("D-2", "Old vision", ("Alice Smith",), "vision", DecisionStatus.SUPERSEDED),
        Decision("D-3", "Rejected", ("Carol Diaz",), "vision", DecisionStatus.REJECTED),
    ]
    session.irritants += [
        Irritant("I-2", "Gone, no owner", status=IrritantStatus.PUBLICIZED),
        Irritant("I-3", "Removed by a stranger", owner="Carol Diaz",
                 status=IrritantStatus.REMOVED),
    ]  # fmt: skip
    assert list(codes(session)) == ["irritant-not-publicized"]


def test_the_roster_matches_names_loosely_and_knows_the_facilitator() -> None:
    session = in_order()
    session.actions.append(ActionItem("A-2", "Chase", "  bob   JONES ", DUE))
    session.actions.append(ActionItem("A-3", "Book the room", session.info.facilitator, DUE))
    assert alignment_checks(session) == []


def test_owners_not_on_the_roster_are_named_with_their_items() -> None:
    session = in_order()
    session.decisions.append(Decision("D-2", "Go", ("Alice Smith", "Dana Roe", "Bob Jones")))
    session.irritants.append(Irritant("I-2", "Forms", owner="Eve"))
    session.streams[0] = dataclasses.replace(
        session.streams[0], stages=(Stage("Triage", ("EPR",), "Zoe", "Bob Jones"),)
    )
    finding = codes(session)["owner-not-on-roster"]
    assert finding.items == ("D-2", "I-2", "V-1")
    assert finding.subjects == ("D-2 Dana Roe", "I-2 Eve", "V-1 Zoe")


def test_joint_ownership_is_asked_only_in_the_steps_that_ask_for_it() -> None:
    session = in_order()
    session.decisions += [
        Decision("D-2", "Business only, elsewhere", ("Alice Smith",), "urgency"),
        Decision("D-3", "Both sides", ("Alice Smith", "Bob Jones"), "objectives"),
        Decision("D-4", "No owner yet", (), "ownership"),  # the end review's gap
        Decision("D-5", "A stranger", ("Carol Diaz",), "ownership"),
        Decision("D-6", "IT alone where both are asked", ("Bob Jones",), "ownership"),
    ]
    found = codes(session)
    assert found["one-sided-ownership"].items == ("D-6",)  # reported once, not as IT-only
    assert "decision-it-only" not in found
    assert found["owner-not-on-roster"].items == ("D-5",)


def test_stage_checks_name_each_stage_and_list_its_stream_once() -> None:
    session = in_order()
    session.streams.append(ValueStream("V-2", "Billing", (Stage("Pay"), Stage("Chase"))))
    found = codes(session)
    for code in ("stage-no-technology", "stage-no-business-owner", "stage-no-it-owner"):
        assert found[code].items == ("V-2",)
        assert found[code].subjects == ("V-2 Pay", "V-2 Chase")


def test_a_retired_metric_needs_no_goal_and_an_irritant_being_removed_needs_an_owner() -> None:
    session = in_order()
    session.metrics.append(Metric("M-2", "CPU", "Ops", Side.IT, verdict=Verdict.RETIRE))
    assert alignment_checks(session) == []
    session.irritants.append(Irritant("I-2", "Forms", status=IrritantStatus.BEING_REMOVED))
    assert codes(session)["irritant-no-owner"].items == ("I-2",)


def test_one_red_is_not_two() -> None:
    assert "health-two-reds" not in codes(in_order())


def test_two_reds_count_dimensions_at_their_latest_rating() -> None:
    """Two reds of one dimension (as the programme groups them) are one red dimension; a
    dimension rated red, then green later in the session, is green."""
    session = in_order()
    session.ratings[:] = [
        Rating("H-1", "Reporting", RatingLevel.RED),
        Rating("H-2", " reporting ", RatingLevel.RED),
    ]
    assert "health-two-reds" not in codes(session)
    session.ratings[:] = [
        Rating("H-1", "Coalition", RatingLevel.RED),
        Rating("H-2", "Reporting", RatingLevel.RED),
        Rating("H-10", "coalition", RatingLevel.GREEN),
    ]
    assert "health-two-reds" not in codes(session)
    session.ratings.append(Rating("H-11", "Vision", RatingLevel.RED))
    assert codes(session)["health-two-reds"].items == ("H-2", "H-11")


@given(st.text(max_size=40))
def test_a_finding_is_one_line_whatever_a_stage_is_called(name: str) -> None:
    session = in_order()
    session.streams.append(ValueStream("V-2", "x", (Stage(name or "x"),)))
    for finding in alignment_checks(session):
        assert "\n" not in finding.message and "\r" not in finding.message
        assert finding.message.startswith(finding.check)


# -- objectives, initiatives, end-to-end owners, who raised the first irritants -------------


def test_objectives_link_through_it_objectives_to_a_business_one() -> None:
    session = in_order()
    session.objectives += [
        Objective("O-3", "Serves a missing objective", Side.IT, serves="O-9"),
        Objective("O-4", "Round and round", Side.IT, serves="O-5"),
        Objective("O-5", "And back", Side.IT, serves="O-4"),
        Objective("O-6", "Through O-2", Side.IT, serves="O-2"),
    ]
    session.initiatives.append(Initiative("X-2", "Rebuild the portal", ("Alice Smith",
                                                                        "Bob Jones")))  # fmt: skip
    assert codes(session)["objective-not-linked"].items == ("O-3", "O-4", "O-5", "X-2")


def test_an_ai_initiative_needs_a_business_owner_and_is_reported_once() -> None:
    session = in_order()
    session.initiatives += [
        Initiative("X-2", "Chatbot", ("Bob Jones",), ai=True, serves="O-1"),
        Initiative("X-3", "Forecasting", ("Alice Smith",), ai=True, serves="O-1"),
    ]
    found = codes(session)
    assert found["ai-initiative-no-objective"].items == ("X-2",)
    assert found["one-sided-ownership"].items == ("X-3",)  # business only: still one side
    assert "objective-not-linked" not in found


def test_initiatives_ask_for_both_sides_in_any_step_and_owners_on_the_roster() -> None:
    session = in_order()
    session.initiatives += [
        Initiative("X-2", "IT alone", ("Bob Jones",), serves="O-1", step="urgency"),
        Initiative("X-3", "With a stranger", ("Bob Jones", "Dana Roe"), serves="O-1"),
    ]
    found = codes(session)
    assert found["one-sided-ownership"].items == ("X-2",)
    assert found["owner-not-on-roster"].subjects == ("X-3 Dana Roe",)


def test_a_stream_says_when_its_processes_are_owned_apart() -> None:
    session = in_order()
    session.streams += [
        ValueStream("V-2", "Detect to correct", (
            Stage("Incident management", it_owner="Bob Jones"),
            Stage("Problems", it_owner="Alice Smith"),
            Stage("Change", business_owner="Bob Jones"),
        )),
        ValueStream("V-3", "Currency", (
            Stage("Exchange rates", it_owner="Bob Jones"),
            Stage("Changed prices", it_owner="Alice Smith"),
        )),
    ]  # fmt: skip
    finding = codes(session)["stream-no-end-to-end-owner"]
    assert finding.items == ("V-2", "V-3")
    assert finding.subjects == ("V-2 (its process stages owned apart)", "V-3")
    session.streams[1:] = [dataclasses.replace(s, e2e_owner="Carol Diaz")
                           for s in session.streams[1:]]  # fmt: skip
    found = codes(session)
    assert "stream-no-end-to-end-owner" not in found
    assert found["owner-not-on-roster"].subjects == ("V-2 Carol Diaz", "V-3 Carol Diaz")


def irritant(number: int, raised_by: str, step: str = "irritants", origin: str = "") -> Irritant:
    return Irritant(f"I-{number}", "x", owner="Bob Jones", step=step, origin=origin,
                    raised_by=raised_by)  # fmt: skip


def test_the_first_three_irritants_raised_here_must_not_all_come_from_it() -> None:
    session = in_order()
    session.irritants[:] = [
        irritant(1, "Alice Smith", origin="2026-10-01-kick-off"),  # carried: not raised here
        irritant(2, ""),  # raiser unknown: not counted
        irritant(12, "Alice Smith"),  # the fourth of those counted
        irritant(3, "Bob Jones"),
        irritant(4, "bob jones"),
        irritant(5, "Bob Jones", step="urgency"),  # not the irritant step
        irritant(6, "Bob Jones"),
    ]
    assert codes(session)["irritants-it-first"].items == ("I-3", "I-4", "I-6")
    session.irritants[4] = irritant(4, "Alice Smith")
    assert "irritants-it-first" not in codes(session)


def test_a_rejected_decision_needs_no_owner() -> None:
    session = in_order()
    session.decisions.append(Decision("D-4", "Go daily", status=DecisionStatus.REJECTED))
    assert alignment_checks(session) == []
