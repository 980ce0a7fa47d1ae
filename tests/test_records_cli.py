"""`add` and `edit` fill in the fuller records from the shell; a new session carries the
objectives and initiatives forward; bad options get a clear message and exit 2."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from coalition.domain.models import Decision, Initiative, Irritant, Objective, Option, Side
from coalition.store import read_session
from test_cli import new_session, run


def _roster(capsys: pytest.CaptureFixture[str]) -> None:
    for name, side in (("Grace Kim", "business"), ("Tom Berg", "it")):
        assert run(capsys, "add", "kick", "participant", name, "--side", side)[0] == 0


def test_add_the_new_kinds_and_fields(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = new_session(capsys)
    _roster(capsys)
    assert run(capsys, "add", "kick", "decision", "Monthly meetings")[0] == 0
    assert run(capsys, "add", "kick", "stream", "Referral to appointment", "--e2e-owner",
               "grace")[0] == 0  # fmt: skip
    assert run(capsys, "stage", "kick", "V-1", "Triage")[0] == 0
    for args in (
        ("objective", "Book referrals within 48 hours", "--side", "business"),
        ("objective", "Self-service resets", "--side", "it", "--serves", "o-1"),
        ("initiative", "Triage assistant", "--owner", "grace", "--owner", "Tom", "--ai",
         "--serves", "O-1"),
        ("irritant", "Resets take 3 days", "--raised-by", "grace", "--benefit", "Back at work",
         "--due", "2026-12-10", "--priority", "high", "--stream", "v-1", "--stage", "Triage",
         "--measure", "Days", "--baseline", "3", "--target", "0.5"),
        ("decision", "Weekly meetings", "--context", "Monthly is too slow", "--option",
         "Weekly + fast - diary time", "--option", "Monthly", "--chosen", "1", "--consequence",
         "Faster wins", "--bad-consequence", "More meetings", "--supersedes", "d-1",
         "--driver", "Speed", "--confirmation", "Attendance log", "--decided-on", "2026-11-19"),
        ("action", "Send invites", "--decision", "d-2", "--owner", "tom"),
    ):  # fmt: skip
        code, _, err = run(capsys, "add", "kick", *args)
        assert code == 0, err
    session = read_session(path)
    assert session.objectives == [
        Objective("O-1", "Book referrals within 48 hours", Side.BUSINESS, "", "review"),
        Objective("O-2", "Self-service resets", Side.IT, "O-1", "review"),
    ]
    assert session.initiatives == [
        Initiative("X-1", "Triage assistant", ("Grace Kim", "Tom Berg"), True, "O-1", "review")
    ]
    irritant = session.irritants[0]
    assert (irritant.raised_by, irritant.raised_on) == ("Grace Kim", dt.date(2026, 11, 19))
    assert (irritant.benefit, irritant.due, irritant.priority) == (
        "Back at work",
        dt.date(2026, 12, 10),
        "high",
    )
    assert (irritant.stream, irritant.stage) == ("V-1", "Triage")
    assert irritant.measured == "Days: 3 → 0.5"
    decision = session.decisions[1]
    assert decision.options == (Option("Weekly", ("fast",), ("diary time",)), Option("Monthly"))
    assert decision.chosen == "Weekly" and decision.supersedes == "D-1"
    assert decision.good_consequences == ("Faster wins",)
    assert decision.bad_consequences == ("More meetings",)
    assert decision.drivers == ("Speed",) and decision.confirmation == "Attendance log"
    assert decision.decided_on == dt.date(2026, 11, 19)
    assert session.streams[0].e2e_owner == "Grace Kim"
    assert session.actions[0].decision == "D-2" and session.actions[0].owner == "Tom Berg"


def test_edit_fills_in_the_record_field_by_field(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_session(capsys)
    _roster(capsys)
    assert run(capsys, "add", "kick", "irritant", "Resets take 3 days")[0] == 0
    assert run(capsys, "add", "kick", "decision", "Weekly meetings")[0] == 0
    assert run(capsys, "add", "kick", "stream", "Referral")[0] == 0
    assert run(capsys, "add", "kick", "initiative", "Portal", "--owner", "tom")[0] == 0
    for objective in ("Grow", "Keep patients", "Book referrals within 48 hours"):
        assert run(capsys, "add", "kick", "objective", objective, "--side", "business")[0] == 0
    for args in (
        ("I-1", "--publicized-via", "Intranet", "--publicized-on", "2026-12-20", "--noticed",
         "Yes", "--owner", "tom", "--due", "2026-12-01", "--text", "Resets take days"),
        ("d-1", "--option", "Weekly", "--option", "Monthly + cheap", "--chosen", "Weekly",
         "--why", "Speed"),
        ("D-1", "--option", "Fortnightly"),
        ("V-1", "--walked-with-it", "2026-11-20", "--walked-with-business", "2026-11-27",
         "--e2e-owner", "Grace"),
        ("X-1", "--owner", "grace", "--owner", "tom", "--ai", "--serves", "O-3"),
    ):  # fmt: skip
        code, out, err = run(capsys, "edit", "kick", *args)
        assert code == 0, err
        assert "Saved" in out
    session = read_session(path)
    irritant = session.irritants[0]
    assert irritant == Irritant(
        "I-1", "Resets take days", owner="Tom Berg", step="review", raised_on=irritant.raised_on,
        publicized_via="Intranet", publicized_on=dt.date(2026, 12, 20), noticed="Yes",
        due=dt.date(2026, 12, 1),
    )  # fmt: skip
    decision = session.decisions[0]
    assert [o.name for o in decision.options] == ["Weekly", "Monthly", "Fortnightly"]
    assert decision.chosen == "Weekly" and decision.rationale == "Speed"
    assert session.streams[0].walked_with_business_on == dt.date(2026, 11, 27)
    assert session.streams[0].e2e_owner == "Grace Kim"
    assert session.initiatives[0] == Initiative(
        "X-1", "Portal", ("Grace Kim", "Tom Berg"), True, "O-3", "review"
    )
    assert run(capsys, "edit", "kick", "X-1", "--no-ai")[0] == 0
    assert run(capsys, "edit", "kick", "D-1", "--option", "")[0] == 2  # Weekly was chosen
    assert run(capsys, "edit", "kick", "D-1", "--option", "", "--chosen", "")[0] == 0
    session = read_session(path)
    assert session.initiatives[0].ai is False and session.decisions[0].options == ()
    assert isinstance(session.decisions[0], Decision)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "kick", "objective", "Grow", "--side", "external"), "business or it"),
        (("add", "kick", "objective", "Grow"), "An objective needs --side business or --side it"),
        (("add", "kick", "note", "x", "--benefit", "y"), "--benefit does not apply to a note"),
        (("add", "kick", "irritant", "x", "--due", "someday"), "--due someday is not a date"),
        (("add", "kick", "irritant", "x", "--priority", "urgent"), "--priority urgent"),
        (("add", "kick", "irritant", "x", "--stream", "D-1"), "--stream D-1 is not an ID"),
        (("add", "kick", "decision", "x", "--option", "+ pro"), "needs a name"),
        (("add", "kick", "decision", "x", "--option", "a", "--chosen", "3"), "1 options"),
        (("add", "kick", "action", "x", "--decision", "A-1"), "like D-1"),
        (("edit", "kick", "P-1", "--due", "fri"), "A participant has no due date"),
        (("edit", "kick", "P-1"), "Nothing to change"),
        (("edit", "kick", "P-1", "--raised-by", "x"), "does not apply to a participant"),
    ],
)
def test_bad_record_options_are_refused(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    path = new_session(capsys)
    _roster(capsys)
    before = path.read_bytes()
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err
    assert path.read_bytes() == before


def test_objectives_and_initiatives_carry_forward(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_session(capsys)
    assert run(capsys, "add", "kick", "objective", "Grow", "--side", "business")[0] == 0
    assert run(capsys, "add", "kick", "initiative", "Portal", "--serves", "O-1", "--ai")[0] == 0
    code, out, err = run(capsys, "new", "--client", "Acme Corp", "--title", "Follow-up",
                         "--date", "2026-12-03")  # fmt: skip
    assert code == 0, err
    later = read_session(Path(out.strip().splitlines()[-1]))
    assert [(o.id, o.origin) for o in later.objectives] == [("O-1", "2026-11-19-kick-off")]
    assert [(x.id, x.ai, x.serves) for x in later.initiatives] == [("X-1", True, "O-1")]
    code, out, _ = run(capsys, "minutes", "follow", "--format", "json", "-o", "-")
    data = json.loads(out)
    assert [o["id"] for o in data["objectives"]] == ["O-1"]
    assert [x["id"] for x in data["carried"] if x["id"].startswith("X")] == ["X-1"]


def test_the_programme_lists_objectives_and_initiatives_once_there_are_some(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_session(capsys)
    code, out, _ = run(capsys, "programme", "Acme Corp", "-o", "-")
    assert code == 0 and "Objectives and initiatives" not in out
    assert run(capsys, "add", "kick", "objective", "Grow", "--side", "business")[0] == 0
    assert run(capsys, "add", "kick", "objective", "Resets", "--side", "it", "--serves",
               "O-1")[0] == 0  # fmt: skip
    assert run(capsys, "add", "kick", "initiative", "Portal", "--owner", "Dana", "--ai",
               "--serves", "O-1")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "programme", "Acme Corp", "-o", "-")
    assert "## Objectives and initiatives" in out
    assert "| O-2 | IT objective | Resets | — | O-1 | S1 |" in out
    assert "| X-1 | AI initiative | Portal | Dana | O-1 | S1 |" in out


def test_the_registers_list_the_record_fields(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_session(capsys)
    assert run(capsys, "add", "kick", "irritant", "Slow resets", "--priority", "high",
               "--due", "2026-12-10", "--benefit", "Back at work")[0] == 0  # fmt: skip
    assert run(capsys, "add", "kick", "decision", "Weekly", "--option", "Weekly + fast",
               "--option", "Monthly", "--chosen", "1", "--context", "Too slow")[0] == 0  # fmt: skip
    irritant = json.loads(run(capsys, "irritants", "--format", "json")[1])["items"][0]
    assert (irritant["priority"], irritant["due"], irritant["benefit"]) == (
        "high",
        "2026-12-10",
        "Back at work",
    )
    assert irritant["noticed"] is None and irritant["raised_by"] is None
    decision = json.loads(run(capsys, "decisions", "--format", "json")[1])["items"][0]
    assert decision["chosen"] == "Weekly" and decision["context"] == "Too slow"
    assert decision["options"][0] == {"name": "Weekly", "pros": ["fast"], "cons": []}
    tsv = run(capsys, "decisions", "--format", "tsv")[1].splitlines()
    assert tsv[0].endswith("\toptions") and tsv[1].endswith("\tWeekly + fast | Monthly")
