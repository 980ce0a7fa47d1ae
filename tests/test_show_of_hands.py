"""A show of hands: counts, not a note. The record and Kotter's three-in-four verdict, the
capture line, the command line, the store, the minutes, the JSON export, and that it stays
with the session it was taken in."""

from __future__ import annotations

import dataclasses
import json
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from coalition.cli import main
from coalition.domain.capture import parse_capture
from coalition.domain.show_of_hands import ShowOfHands, parse_hands
from coalition.errors import CaptureError
from coalition.minutes import render_minutes
from coalition.minutes.html_and_json import session_data
from coalition.store import SessionStore, read_session
from sample_sessions import sample_session

# A session file and its minutes as the release before shows of hands wrote them.
BEFORE = Path(__file__).parent / "fixtures" / "sessions" / "kick-off-before-shows-of-hands.json"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_nine_of_twelve_is_three_in_four_and_eight_is_not() -> None:
    nine = ShowOfHands("Q-1", "Is the status quo acceptable?", 9, 12)
    assert (nine.share, nine.percent, nine.reaches_threshold) == (Fraction(3, 4), 75, True)
    assert nine.verdict == "three in four or more" and nine.tally == "9 of 12 (75 %)"
    eight = dataclasses.replace(nine, yes=8)
    assert (eight.percent, eight.reaches_threshold) == (67, False)
    assert eight.verdict == "fewer than three in four"
    assert not ShowOfHands("Q-2", "q", 74, 100).reaches_threshold  # 74 % rounds to nothing


@given(st.integers(1, 1_000_000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_the_verdict_is_exactly_three_yes_in_four_present(counts: tuple[int, int]) -> None:
    yes, present = counts
    hands = ShowOfHands("Q-1", "q", yes, present, "urgency")
    assert hands.reaches_threshold is (4 * yes >= 3 * present)
    assert 0 <= hands.percent <= 100
    assert ShowOfHands.from_record(hands.to_record()) == hands


@pytest.mark.parametrize(
    ("record", "complaint"),
    [
        ({"yes": 13, "present": 12}, "more than the 12 present"),
        ({"yes": 0, "present": 0}, "'present' must be from 1"),
        ({"yes": True, "present": 3}, "'yes' must be a whole number"),
        ({"yes": -1, "present": 3}, "'yes' must be from 0"),
        ({"present": 3}, "'yes' must be a whole number"),
    ],
)
def test_a_hand_edited_record_with_impossible_counts_is_refused(
    record: dict[str, object], complaint: str
) -> None:
    with pytest.raises((TypeError, ValueError), match=complaint):
        ShowOfHands.from_record({"id": "Q-1", "question": "q", **record})


def test_the_capture_line_takes_the_counts_then_the_question() -> None:
    capture = parse_capture("hands 9/12 Is the status quo  more dangerous? @maria due:fri")
    assert capture.kind == "hands"
    assert capture.fields == {
        "question": "Is the status quo more dangerous? @maria due:fri",
        "yes": 9,
        "present": 12,
    }
    assert parse_hands("7 / 9 Ready?")["yes"] == 7


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ("hands Is the status quo acceptable?", "starts with its counts"),
        ("hands 13/12 Is it?", "13/12: 13 hands up is more than the 12 present"),
        ("hands 0/0 Is it?", "needs someone present"),
        ("hands 9/12", "has no question"),
        ("hands", "has no text"),
    ],
)
def test_a_malformed_show_of_hands_says_what_to_type(line: str, complaint: str) -> None:
    with pytest.raises(CaptureError, match=complaint):
        parse_capture(line)


def test_the_store_keeps_it_in_its_own_table_and_an_older_file_opens_without_one(
    tmp_path: Path,
) -> None:
    assert "shows_of_hands" not in json.loads(BEFORE.read_text(encoding="utf-8"))
    copy = tmp_path / BEFORE.name
    copy.write_bytes(BEFORE.read_bytes())
    with SessionStore.open(copy) as store:
        assert store.session.shows_of_hands == []
        hands = store.add("hands", question="Is it urgent?", yes=5, present=6, step="urgency")
    assert hands.id == "Q-1"
    data = json.loads(copy.read_text(encoding="utf-8"))
    assert data["shows_of_hands"]["1"] == {
        "id": "Q-1", "question": "Is it urgent?", "yes": 5, "present": 6, "step": "urgency",
    }  # fmt: skip
    assert read_session(copy).shows_of_hands == [hands]


def test_a_file_from_before_opens_and_its_minutes_keep_every_item_and_field() -> None:
    session = read_session(BEFORE)
    assert session.shows_of_hands == [] and session.info.playbook.content_hash == ""
    # Every line those minutes had is still there, in the same order; later checks may add
    # findings between them (a new check is news about old data, not a lost item).
    now = iter(render_minutes(session).splitlines())
    before = BEFORE.with_suffix(".md").read_text(encoding="utf-8").splitlines()
    missing = [line for line in before if not any(line == later for later in now)]
    assert missing == []


def test_the_command_line_adds_one_either_way_and_refuses_bad_counts(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "new", "--client", "Acme", "--title", "Kick-off",
                       "--date", "2026-11-19", "--facilitator", "Fran")  # fmt: skip
    assert code == 0, err
    code, out, err = run(capsys, "add", "kick-off", "hands", "9/12 Is the status quo worse?",
                         "--step", "urgency")  # fmt: skip
    assert code == 0 and "Saved Q-1 (hands)" in out, err
    code, out, err = run(capsys, "add", "kick-off", "hands", "Ready to start?",
                         "--yes", "4", "--present", "9")  # fmt: skip
    assert code == 0, err
    for args, complaint in [
        (("Ready?", "--yes", "10", "--present", "9"), "10 hands up is more than the 9 present"),
        (("Ready?", "--yes", "3"), "give both --yes and --present"),
        (("Ready?",), "starts with its counts"),
    ]:
        code, _, err = run(capsys, "add", "kick-off", "hands", *args)
        assert code == 2 and complaint in err and "Traceback" not in err
    path = next((workspace / "sessions").rglob("*kick-off.json"))
    session = read_session(path)
    assert [(h.id, h.yes, h.present, h.step) for h in session.shows_of_hands] == [
        ("Q-1", 9, 12, "urgency"), ("Q-2", 4, 9, "review"),
    ]  # fmt: skip
    code, out, _ = run(capsys, "minutes", "kick-off", "-o", "-")
    assert "| Q-1 | Is the status quo worse? | 9 | 12 | 75 % | yes |" in out
    assert "| Q-2 | Ready to start? | 4 | 9 | 44 % | no |" in out

    # the next session asks the room again: shows of hands are not carried forward
    assert run(capsys, "add", "kick-off", "action", "Invite the CFO")[0] == 0  # carried
    code, out, err = run(capsys, "new", "--client", "Acme", "--title", "Follow-up",
                         "--date", "2026-12-03", "--facilitator", "Fran")  # fmt: skip
    assert code == 0, err
    follow_up = read_session(Path(out.strip().splitlines()[-1]))
    assert follow_up.shows_of_hands == [] and follow_up.baseline
    assert not any(item_id.startswith("Q-") for item_id in follow_up.baseline)
    code, out, _ = run(capsys, "add", "follow-up", "hands", "10/12 Still urgent?")
    assert "Saved Q-3 (hands)" in out  # IDs stay unique across the client's sessions


def test_the_json_export_gives_the_counts_the_percent_and_the_verdict() -> None:
    data = session_data(sample_session())
    assert data["shows_of_hands"] == [
        {"id": "Q-1", "question": "Is business as usual more dangerous than the change?",
         "yes": 9, "present": 12, "step": "urgency", "percent": 75, "three_in_four": True},
        {"id": "Q-2", "question": "Is the referral backlog the first thing to fix?",
         "yes": 5, "present": 8, "step": "urgency", "percent": 63, "three_in_four": False},
    ]  # fmt: skip


HTML_AWARE = MarkdownIt("commonmark", {"html": True}).enable(["table"])


@given(st.text(min_size=1, max_size=60).filter(lambda t: t.strip()))
def test_any_question_stays_inside_its_table_cell(question: str) -> None:
    session = sample_session()
    session.shows_of_hands = [ShowOfHands("Q-1", question, 3, 4, "urgency")]
    minutes = render_minutes(session)
    section = minutes.split("## Shows of hands", 1)[1].split("\n## ", 1)[0]
    tokens = HTML_AWARE.parse(section)
    assert not any(t.type in ("html_block", "html_inline") for t in tokens)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 2  # the header and the one show of hands: nothing broke the table
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 6


def test_editing_a_show_of_hands_changes_its_question_and_keeps_its_counts() -> None:
    from coalition.services.editing import editable_text, has_status, with_text

    hands = ShowOfHands("Q-1", "Is it urgent?", 9, 12, "urgency")
    assert editable_text(hands) == "Is it urgent?"
    edited = with_text(hands, "  Is the status quo  worse? ")
    assert edited == dataclasses.replace(hands, question="Is the status quo worse?")
    assert not has_status(hands)  # `s` has nothing to cycle: recapture to change counts


def test_the_programme_lists_each_session_s_shows_of_hands_as_a_trend() -> None:
    from coalition.services.carry_forward import client_sessions
    from coalition.services.programme import build_programme
    from coalition.services.workspace import Workspace

    repo = Path(__file__).parent.parent
    programme = build_programme(client_sessions(Workspace(repo, "the repo"), "Northwind Health"))
    assert [(h.session, h.id, h.yes, h.present, h.percent, h.reached)
            for h in programme.shows_of_hands] == [
        (1, "Q-1", 3, 4, 75, True), (2, "Q-2", 4, 4, 100, True),
    ]  # fmt: skip
