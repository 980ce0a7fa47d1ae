"""Volunteers: Kotter's 2014 network beside the hierarchy, named in a member's role and counted
where the coalition's balance is shown (the minutes here; the programme and the coalition tool
in their own tests)."""

from __future__ import annotations

import dataclasses

from hypothesis import given
from hypothesis import strategies as st

from coalition.domain.balance import coalition_balance
from coalition.domain.capture import parse_capture
from coalition.domain.models import Participant, Side
from coalition.domain.roles import is_volunteer, toggle_volunteer
from coalition.minutes.render import render_minutes
from sample_sessions import sample_session


def test_a_role_names_a_volunteer_as_a_word_in_any_case() -> None:
    assert is_volunteer("volunteer")
    assert is_volunteer("Ward nurse, Volunteer")
    assert is_volunteer("volunteers lead")
    assert not is_volunteer("CFO")
    assert not is_volunteer("volunteering officer")  # a word of its own, not a prefix
    assert not is_volunteer("")


def test_toggling_adds_the_word_after_the_job_title_and_takes_it_out_again() -> None:
    assert toggle_volunteer("") == "volunteer"
    assert toggle_volunteer("Ward nurse") == "Ward nurse, volunteer"
    assert toggle_volunteer("Ward nurse, volunteer") == "Ward nurse"
    assert toggle_volunteer("Volunteer") == ""
    assert toggle_volunteer("Volunteer ward nurse") == "ward nurse"


@given(st.text(max_size=40))
def test_toggling_always_flips_whether_the_member_counts(role: str) -> None:
    toggled = toggle_volunteer(role)
    assert is_volunteer(toggled) is not is_volunteer(role)
    if not is_volunteer(role):  # and back: the job title stays, tidied
        assert toggle_volunteer(toggled) == ", ".join(
            p for p in (" ".join(part.split()) for part in role.split(",")) if p
        )


def test_the_capture_line_takes_the_volunteer_role() -> None:
    capture = parse_capture('p Grace Hill role:"Clinic manager, volunteer" side:business')
    assert is_volunteer(capture.fields["role"])


def test_the_balance_counts_the_volunteers_without_changing_its_warnings() -> None:
    members = [
        Participant("P-1", "Ana", "COO", Side.BUSINESS),
        Participant("P-2", "Bo", "Ward nurse, volunteer", Side.BUSINESS),
        Participant("P-3", "Cy", "volunteer", Side.IT),
    ]
    balance = coalition_balance(members)
    assert balance.volunteers == 2
    plain = [dataclasses.replace(m, role="") for m in members]
    assert coalition_balance(plain).volunteers == 0
    assert coalition_balance(plain).warnings == balance.warnings


def test_the_minutes_count_the_volunteers_beside_the_balance() -> None:
    session = sample_session()
    assert "volunteer" not in render_minutes(session)  # none: nothing said, as before
    alice, bob = session.participants
    session.participants = [alice, dataclasses.replace(bob, role="CIO, volunteer")]
    assert "One of them is a volunteer, from the network beside the hierarchy." in (
        render_minutes(session)
    )
    session.participants = [dataclasses.replace(alice, role="volunteer"), session.participants[1]]
    assert "2 of them are volunteers, the network beside the hierarchy." in (
        render_minutes(session)
    )
