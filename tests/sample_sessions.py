"""Sessions built in code for the minutes tests: one ordinary, one with text in every field."""

from __future__ import annotations

import datetime as dt

from coalition.domain.alignment import MetricKind, Verdict
from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Decision,
    DecisionStatus,
    Irritant,
    IrritantStatus,
    Metric,
    Note,
    Participant,
    PlaybookSnapshot,
    Quality,
    Session,
    SessionInfo,
    Side,
    Stage,
    StepSnapshot,
    ValueStream,
)
from coalition.domain.show_of_hands import ShowOfHands

STEPS = (
    StepSnapshot("review", "Review of open actions", "Check last time's actions.",
                 ("What is done?",), 10, ("action", "note")),
    StepSnapshot("urgency", "Establish a sense of urgency", "Why now?",
                 ("What does doing nothing cost?",), 15, ("decision", "action", "note")),
    StepSnapshot("irritants", "Irritant register", "What annoys people?",
                 ("What did you chase IT for?",), 20, ("irritant", "action")),
)  # fmt: skip


def sample_session(text: str | None = None) -> Session:
    """A small, complete session. With `text`, every free-text field holds that text."""

    def t(plain: str) -> str:
        return plain if text is None else text

    playbook = PlaybookSnapshot(
        name="test-playbook", title=t("Test playbook"), version="1.0.0", steps=STEPS
    )
    info = SessionInfo(
        title=t("Kick-off"),
        client=t("Acme Corp"),
        date=dt.date(2026, 11, 19),
        facilitator=t("Fran Okafor"),
        playbook=playbook,
        current_step="urgency",
    )
    alice, bob = t("Alice Smith"), t("Bob Jones")
    return Session(
        info=info,
        participants=[
            Participant(
                "P-1",
                alice,
                t("COO"),
                Side.BUSINESS,
                frozenset({Quality.POSITION_POWER, Quality.LEADERSHIP}),
            ),
            Participant("P-2", bob, t("CIO"), Side.IT, frozenset({Quality.EXPERTISE})),
        ],
        decisions=[
            Decision(
                "D-1",
                t("We rally around 48-hour referrals"),
                (alice, bob),
                "urgency",
                DecisionStatus.ACCEPTED,
                t("Delays cost the most"),
            ),
            Decision("D-2", t("Monthly coalition meetings"), (), "review", DecisionStatus.PROPOSED),
        ],
        actions=[
            ActionItem(
                "A-1", t("Collect waiting-time data"), bob, dt.date(2026, 12, 3), step="urgency"
            ),
            ActionItem(
                "A-2",
                t("Invite finance"),
                alice,
                None,
                ActionStatus.DONE,
                "review",
                origin=t("2026-10-01-kick-off"),
            ),
            ActionItem("A-3", t("Old idea"), "", None, ActionStatus.DROPPED, "review"),
        ],
        irritants=[
            Irritant(
                "I-1",
                t("Password resets take 3 days"),
                t("Clinicians"),
                t("Service desk"),
                7,
                bob,
                IrritantStatus.BEING_REMOVED,
                "irritants",
            ),
        ],
        notes=[
            Note("N-1", t("First session of the series"), "review"),
            Note("N-2", t("Patients wait 9 days"), "urgency"),
            Note("N-3", t("A note from a step the playbook no longer has"), "gone"),
        ],
        streams=[
            ValueStream(
                "V-1",
                t("Referral to appointment"),
                (
                    Stage(
                        t("Referral received"),
                        (t("e-referral portal"), t("EPR")),
                        alice,
                        bob,
                        (t("Faxed referrals"),),
                    ),
                    Stage(t("Triage"), (), "", bob),
                ),
                "urgency",
            ),
        ],
        metrics=[
            Metric(
                "M-1",
                t("Server uptime"),
                t("Board"),
                Side.BUSINESS,
                MetricKind.TECHNOLOGY,
                t("Patient access"),
                Verdict.REPLACE,
                t("Referrals booked in 48 hours"),
            ),
            Metric(
                "M-2",
                t("Ticket counts"),
                t("Service desk"),
                Side.IT,
                MetricKind.TECHNOLOGY,
                "",
                Verdict.KEEP,
            ),
            Metric(
                "M-3",
                t("Time to first appointment"),
                t("COO"),
                Side.BUSINESS,
                MetricKind.BUSINESS_OUTCOME,
                t("Patient access"),
                Verdict.KEEP,
            ),
        ],
        shows_of_hands=[
            ShowOfHands(
                "Q-1", t("Is business as usual more dangerous than the change?"), 9, 12, "urgency"
            ),
            ShowOfHands(
                "Q-2", t("Is the referral backlog the first thing to fix?"), 5, 8, "urgency"
            ),
        ],
    )
