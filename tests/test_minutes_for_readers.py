"""Minutes are for readers: a draft says so, nothing meant for the facilitator leaks in,
names are spelled as the roster spells them, skipped steps and a missing facilitator show."""

from __future__ import annotations

import dataclasses

from coalition.domain.models import ActionItem, Participant, Session, SessionStatus
from coalition.minutes import render_minutes
from coalition.services.review import review_gaps
from sample_sessions import sample_session


def closed(session: Session) -> Session:
    session.info = dataclasses.replace(session.info, status=SessionStatus.CLOSED)
    return session


def body(minutes: str) -> str:
    return minutes.split("\n---\n", 1)[1]


def test_an_open_session_is_marked_as_a_draft_at_the_top() -> None:
    minutes = render_minutes(sample_session())
    assert body(minutes).lstrip().startswith("> **Draft.**")
    assert "Draft" not in render_minutes(closed(sample_session()))


def test_an_empty_facilitator_is_left_out_and_flagged() -> None:
    session = sample_session()
    session.info = dataclasses.replace(session.info, facilitator="")
    minutes = render_minutes(session)
    assert "facilitator:" not in minutes
    assert "facilitated by" not in minutes
    assert next(gap.problem for gap in review_gaps(session)) == "no facilitator"
    assert all(gap.problem != "no facilitator" for gap in review_gaps(sample_session()))


def test_no_capture_syntax_reaches_the_minutes() -> None:
    session = sample_session()
    session.participants = []
    minutes = render_minutes(session)
    assert "Nobody is on the coalition yet" in minutes
    for syntax in ("(p Name", "side:", "due:+", "@owner", "has:"):
        assert syntax not in minutes


def test_owners_take_the_roster_spelling_when_only_case_differs() -> None:
    session = sample_session()
    session.actions = [
        ActionItem("A-7", "Ask finance", owner="alice smith"),
        ActionItem("A-8", "Book the room", owner="fran okafor"),  # the facilitator
        ActionItem("A-9", "Call the vendor", owner="fran"),  # matches nobody: as typed
    ]
    minutes = render_minutes(session)
    assert "**A-7** Ask finance — owner: Alice Smith;" in minutes
    assert "**A-8** Book the room — owner: Fran Okafor;" in minutes
    assert "**A-9** Call the vendor — owner: fran;" in minutes
    owners = minutes.split("## Owners\n\n", 1)[1]
    assert "**alice smith**" not in owners and "**Alice Smith**" in owners


def test_skipped_steps_show_in_the_minutes_and_the_review() -> None:
    session = sample_session()  # steps review, urgency, irritants
    for kind in ("decisions", "actions", "irritants", "notes", "streams", "metrics",
                 "shows_of_hands"):  # fmt: skip
        kept = [item for item in getattr(session, kind) if item.step != "urgency"]
        setattr(session, kind, kept)  # nothing captured there: it was not worked on
    session.info = dataclasses.replace(
        session.info, current_step="irritants", visited_steps=("review", "irritants")
    )
    minutes = render_minutes(session)
    assert "- 1 step skipped: 2. Establish a sense of urgency" in minutes
    gaps = [(gap.item_id, gap.problem) for gap in review_gaps(session)]
    assert ("", "step skipped, never worked on") in gaps


def test_roster_spelling_leaves_the_data_alone() -> None:
    session = sample_session()
    session.participants.append(Participant("P-3", "Dana Lee"))
    session.actions = [ActionItem("A-7", "x", owner="DANA LEE")]
    render_minutes(session)
    assert session.actions[0].owner == "DANA LEE"
