"""Changing a member after capture: `edit_member` (the rule) and `coalition member` (the
command). IDs, attendance and origin stay; a new name moves the member's items with it."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition.cli import main
from coalition.domain.models import ActionItem, Decision, Note, Participant, Quality, Side
from coalition.services.members import edit_member
from coalition.store import read_session

DANA = Participant("P-1", "Dana Le", role="CFO", present=False, origin="2026-01-01-kick-off")
BO = Participant("P-2", "Bo", side=Side.IT)
ITEMS = [
    DANA,
    BO,
    ActionItem("A-1", "Book the room", owner="Dana Le"),
    Decision("D-1", "Ship", owners=("Bo", "dana le")),
    Note("N-1", "Dana Le said so"),
]


def test_each_field_changes_alone_and_the_id_attendance_and_origin_stay() -> None:
    ((before, after),) = edit_member(DANA, ITEMS, role="  Head of   Finance ")
    assert before == DANA
    assert after == Participant("P-1", "Dana Le", role="Head of Finance", present=False,
                                origin="2026-01-01-kick-off")  # fmt: skip
    ((_, after),) = edit_member(DANA, ITEMS, side=Side.EXTERNAL, qualities=frozenset(Quality))
    assert isinstance(after, Participant)
    assert (after.side, after.qualities, after.role) == (Side.EXTERNAL, frozenset(Quality), "CFO")
    assert edit_member(DANA, ITEMS) == []
    assert edit_member(DANA, ITEMS, name="Dana Le", role="CFO", side=Side.BUSINESS) == []


def test_a_new_name_moves_the_items_the_member_owns_and_nothing_else() -> None:
    changes = edit_member(DANA, ITEMS, name="Dana Lee", role="COO")
    assert [before.id for before, _ in changes] == ["P-1", "A-1", "D-1"]
    after = {item.id: item for _, item in changes}
    assert after["P-1"] == Participant("P-1", "Dana Lee", role="COO", present=False,
                                       origin="2026-01-01-kick-off")  # fmt: skip
    assert after["A-1"] == ActionItem("A-1", "Book the room", owner="Dana Lee")
    assert after["D-1"] == Decision("D-1", "Ship", owners=("Bo", "Dana Lee"))
    # A note that mentions her is her words, not something she owns: it stays as written.


def test_a_name_another_member_has_or_a_blank_name_is_refused() -> None:
    with pytest.raises(ValueError, match=r"Bo \(P-2\) is already in the coalition"):
        edit_member(DANA, ITEMS, name=" bo ")
    with pytest.raises(ValueError, match="needs a name"):
        edit_member(DANA, ITEMS, name="   ")
    assert edit_member(BO, ITEMS, name="BO")[0][1] == Participant("P-2", "BO", side=Side.IT)


# -- the command ---------------------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def session(workspace: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, err = run(capsys, "new", "--client", "Acme", "--title", "Kick-off",
                         "--date", "2026-11-19")  # fmt: skip
    assert code == 0, err
    for line in ("Dana Le --role CFO", "Bo --side it"):
        name, *options = line.split(" --")
        extra = [f"--{o.split()[0]}={o.split(maxsplit=1)[1]}" for o in options]
        assert run(capsys, "add", "kick", "participant", name, *extra)[0] == 0
    assert run(capsys, "add", "kick", "action", "Book the room", "--owner", "dana")[0] == 0
    return Path(out.strip().splitlines()[-1])


def test_member_changes_name_role_side_and_qualities(
    session: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "member", "kick", "p-1", "--name", "Dana Lee",
                         "--role", "Head of Finance", "--side", "IT",
                         "--has", "power, leadership")  # fmt: skip
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Saved P-1 Dana Lee in {session}",
        "Renamed on 1 item(s) too, owned by Dana Le before: A-1",
    ]
    saved = read_session(session)
    assert saved.participants[0] == Participant(
        "P-1", "Dana Lee", "Head of Finance", Side.IT,
        frozenset({Quality.POSITION_POWER, Quality.LEADERSHIP}),
    )  # fmt: skip
    assert saved.participants[1] == Participant("P-2", "Bo", side=Side.IT)
    assert saved.actions[0].owner == "Dana Lee"
    assert run(capsys, "member", "kick", "P-1", "--role", "", "--has", "")[0] == 0
    dana = read_session(session).participants[0]
    assert (dana.role, dana.qualities, dana.name) == ("", frozenset(), "Dana Lee")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["P-1"], "Nothing to change: give --name, --role, --side or --has"),
        (["P-1", "--side", "both"], "--side both is not a side"),
        (["P-1", "--has", "charm"], "--has charm is not one of Kotter's qualities"),
        (["A-1", "--role", "COO"], "A-1 is an action, not a member"),
        (["P-2", "--name", "dana LE"], "P-2: Dana Le (P-1) is already in the coalition"),
        (["P-2", "--name", " "], "P-2: A member needs a name"),
    ],
)
def test_member_mistakes_are_one_paragraph_exit_2_and_change_nothing(
    session: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = session.read_bytes()
    code, out, err = run(capsys, "member", "kick", *args)
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err and err.count("\n") == 1
    assert session.read_bytes() == before


def test_member_changes_a_closed_session_only_when_reopened(
    session: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "close", "kick")[0] == 0
    code, _, err = run(capsys, "member", "kick", "P-2", "--role", "CIO")
    assert code == 2 and "--reopen" in err
    code, out, err = run(capsys, "member", "kick", "P-2", "--role", "CIO", "--reopen")
    assert code == 0 and "Reopened" in err and out.startswith("Saved P-2 Bo")
    assert read_session(session).participants[1].role == "CIO"
