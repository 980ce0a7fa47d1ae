"""Minutes of a follow-up say what moved since the last session and do not repeat what
carried over unchanged; wins and the health check get sections of their own."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from coalition.domain.checks import alignment_checks
from coalition.domain.models import ActionStatus, IrritantStatus, Session
from coalition.domain.progress import RatingLevel
from coalition.minutes import render_minutes
from coalition.services.playbook_library import find_playbook
from coalition.services.sessions import start_session
from coalition.services.workspace import Workspace, init_workspace
from coalition.store import SessionStore, read_session
from test_minutes import lint


def session(workspace: Workspace, title: str, date: dt.date) -> SessionStore:
    playbook = find_playbook("kotter-alignment", workspace)
    return start_session(workspace, client="Acme", title=title, playbook=playbook,
                         facilitator="Fran", date=date)  # fmt: skip


@pytest.fixture
def follow_up(tmp_path: Path) -> Session:
    workspace, _ = init_workspace(tmp_path / "ws")
    with session(workspace, "Kick-off", dt.date(2026, 10, 1)) as first:
        for name in ("Maria Lopez", "Dev Patel", "Ann Lee"):
            first.add("participant", name=name)
        first.add("decision", text="Monthly coalition meetings", owners=("Maria Lopez",))
        first.add("action", text="Collect waiting data", owner="Dev Patel",
                  due=dt.date(2026, 10, 20))  # fmt: skip
        first.add("action", text="Book the room", owner="Ann Lee")
        first.add("irritant", text="Password resets take 3 days", votes=4)
        first.add("irritant", text="VPN drops")
        first.add("stream", name="Referral to appointment")
    with session(workspace, "Follow-up", dt.date(2026, 11, 1)) as second:
        for person in second.session.participants[:2]:
            second.put(dataclasses.replace(person, present=True))
        second.put(dataclasses.replace(second.get("I-1"), status=IrritantStatus.REMOVED))
        second.put(dataclasses.replace(second.get("A-2"), status=ActionStatus.DONE))
        second.add("decision", text="Weekly coalition meetings", supersedes="D-1")
        second.add("participant", name="Sam Roe")
        second.add("win", text="First referral booked in 48 hours", owner="Maria Lopez")
        second.add("rating", dimension="Coalition", level=RatingLevel.RED, comment="drifting")
        second.add("rating", dimension="Reporting", level=RatingLevel.RED, comment="technical")
        assert second.path is not None
        return read_session(second.path)


def test_since_the_last_session_names_every_move(follow_up: Session) -> None:
    minutes = render_minutes(follow_up)
    section = minutes.split("## Since the last session\n\n", 1)[1].split("\n## ", 1)[0]
    assert section.splitlines() == [
        "Compared with Kick-off (2026-10-01).",
        "",
        "- **Coalition**: 3 of 4 present; absent: Ann Lee; joined: Sam Roe",
        "- **Irritants removed**: I-1 Password resets take 3 days",
        "- **Actions closed**: A-2 Book the room (done)",
        "- **Actions slipped** (past their due date): A-1 Collect waiting data",
        "- **Decisions superseded**: D-1 by D-2",
        "",
        "Carried unchanged, and not repeated below: I-2, V-1.",  # A-1 slipped: that is news
    ]


def test_unchanged_carried_items_are_not_repeated(follow_up: Session) -> None:
    minutes = render_minutes(follow_up)
    listed = minutes.split("## Action items", 1)[1].split("\n## ", 1)[0]
    assert "- [ ] **A-1** Collect waiting data" in listed  # slipped: shown again
    assert "- [x] **A-2** Book the room" in minutes
    assert "| I-2 |" not in minutes and "| I-1 | Password resets" in minutes
    assert "## Value streams" not in minutes  # V-1 carried unchanged
    assert "| D-1 | Monthly coalition meetings | Maria Lopez | superseded by D-2 |" in minutes
    assert "| D-2 | Weekly coalition meetings | — | accepted; supersedes D-1 |" in minutes
    assert 'attendees:\n  - "Maria Lopez"\n  - "Dev Patel"\n  - "Sam Roe"\n---' in minutes


def test_wins_and_the_health_check_rule(follow_up: Session) -> None:
    minutes = render_minutes(follow_up)
    assert "## Short-term wins\n\n- **W-1** First referral booked in 48 hours — Maria Lopez" in (
        minutes
    )
    assert "| H-1 | Coalition | 🔴 red | drifting |" in minutes
    assert "**2 reds**: two or more dimensions are red" in minutes
    checks = [f.check for f in alignment_checks(follow_up)]
    assert "Health check: two reds or more" in checks
    one_red = dataclasses.replace(follow_up, ratings=follow_up.ratings[:1])
    assert "Health check: two reds or more" not in [f.check for f in alignment_checks(one_red)]
    one_again = [*follow_up.ratings[:1], dataclasses.replace(follow_up.ratings[0], id="H-9")]
    once = render_minutes(dataclasses.replace(follow_up, ratings=one_again))
    assert "| H-9 | Coalition | 🔴 red | drifting |" in once and "reds**" not in once


def test_follow_up_minutes_are_lint_clean_and_byte_stable(follow_up: Session) -> None:
    minutes = render_minutes(follow_up)
    assert lint(minutes) == []
    assert render_minutes(follow_up) == minutes
    tokens = MarkdownIt("commonmark", {"html": True}).enable("table").parse(minutes)
    assert not [t for t in tokens if t.type in ("html_block", "html_inline")]


def test_attendance_not_taken_is_flagged_and_counts_neither_way(tmp_path: Path) -> None:
    from coalition.services.programme import client_programme
    from coalition.services.review import review_gaps

    workspace, _ = init_workspace(tmp_path / "ws")
    with session(workspace, "Kick-off", dt.date(2026, 9, 1)) as first:
        first.add("participant", name="Ann A")
    for n, day in enumerate((15, 29), 1):
        with session(workspace, f"Follow-up {n}", dt.date(2026, 9, day)) as later:
            gaps = [gap.problem for gap in review_gaps(later.session)]
            assert "attendance not taken" in gaps  # nobody marked: the review says so
    _, programme = client_programme(workspace, "Acme")
    assert [s.attendance.taken for s in programme.sessions] == [True, False, False]
    assert all(not s.attendance.stopped_coming for s in programme.sessions)  # not "everyone"


def test_a_section_whose_items_all_carried_unchanged_says_so(tmp_path: Path) -> None:
    workspace, _ = init_workspace(tmp_path / "ws")
    with session(workspace, "Kick-off", dt.date(2026, 10, 1)) as first:
        first.add("decision", text="Monthly coalition meetings")
        for text in ("Collect waiting data", "Book the room", "Draft the pack"):
            first.add("action", text=text)
        first.add("irritant", text="VPN drops")
        first.add("metric", name="Server uptime", audience="Board")
    with session(workspace, "Follow-up", dt.date(2026, 10, 8)) as second:
        assert second.path is not None
    minutes = render_minutes(read_session(second.path))
    assert "No action items were recorded." not in minutes
    assert (
        "## Action items\n\nNo new or changed action items; 3 open action items carried "
        "unchanged, listed under Since the last session." in minutes
    )
    assert "## Decisions\n\nNo new or changed decisions; 1 decision carried unchanged" in minutes
    assert "## Irritant register\n\nNo new or changed irritants; 1 irritant carried" in minutes
    assert (
        "## Reporting review\n\nNo new or changed reports or metrics; 1 metric carried "
        "unchanged, listed under Since the last session.\n\nBusiness-outcome metrics" in minutes
    )
