"""A session with every field of the fuller records filled in: register entries, decision
records, objectives and initiatives, a value stream's end-to-end owner and walk-throughs."""

from __future__ import annotations

import dataclasses
import datetime as dt

from coalition.domain.models import (
    ActionItem,
    Initiative,
    Irritant,
    Objective,
    Option,
    Priority,
    Session,
    Side,
)
from sample_sessions import sample_session


def records_session(text: str | None = None) -> Session:
    """`sample_session` plus every new field; with `text`, every free text holds that text."""

    def t(plain: str) -> str:
        return plain if text is None else text

    session = sample_session(text)
    alice, bob = (p.name for p in session.participants)
    irritant = dataclasses.replace(
        session.irritants[0],
        raised_by=alice,
        raised_on=dt.date(2026, 11, 19),
        priority=Priority.HIGH,
        benefit=t("Clinicians back at work the same day"),
        measure=t("Days to reset a password"),
        baseline=t("3"),
        target=t("0.5"),
        due=dt.date(2026, 12, 10),
        stream="V-1",
        stage=t("Triage"),
        publicized_via=t("Intranet news"),
        publicized_on=dt.date(2026, 12, 20),
        noticed=t("Yes: calls to the desk dropped"),
    )
    second = Irritant(
        "I-2", t("Forms ask twice for the NHS number"), votes=2, step="irritants",
        raised_on=dt.date(2026, 11, 19),
    )  # fmt: skip
    decision = dataclasses.replace(
        session.decisions[0],
        context=t("Referral delays cost patients and revenue"),
        drivers=(t("Patient safety"), t("Revenue")),
        options=(
            Option(t("48-hour referrals"), (t("Visible to patients"),), (t("Hard to reach"),)),
            Option(t("Cut the backlog first"), (t("Quick"),), ()),
        ),
        chosen=t("48-hour referrals"),
        good_consequences=(t("One shared goal"),),
        bad_consequences=(t("Other work waits"),),
        confirmation=t("Weekly booking figures"),
        decided_on=dt.date(2026, 11, 19),
    )
    action = ActionItem(
        "A-4", t("Publish the booking figures"), bob, step="urgency", decision="D-1"
    )
    stream = dataclasses.replace(
        session.streams[0],
        e2e_owner=alice,
        walked_with_it_on=dt.date(2026, 11, 26),
    )
    return dataclasses.replace(
        session,
        irritants=[irritant, second],
        decisions=[decision, *session.decisions[1:]],
        actions=[*session.actions, action],
        streams=[stream],
        objectives=[
            Objective("O-1", t("Book every referral in 48 hours"), Side.BUSINESS, "", "urgency"),
            Objective("O-2", t("Self-service password reset"), Side.IT, "O-1", "urgency"),
        ],
        initiatives=[
            Initiative("X-1", t("Triage assistant"), (alice, bob), True, "O-1", "urgency"),
            Initiative("X-2", t("New monitoring tool"), (bob,), False, "", "urgency"),
        ],
    )
