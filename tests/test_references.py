"""References must name something in the session: the objective served, the decision
carried out or replaced, an irritant's stream and stage, a decision's chosen option.
Refused with the field and the ID named (exit 2, the file unchanged); items carried in from
an earlier session count, and a link nobody changed is never checked again."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition.domain.models import (
    ActionItem,
    Decision,
    Initiative,
    Irritant,
    Objective,
    Option,
    SessionInfo,
    Side,
    Stage,
    ValueStream,
)
from coalition.domain.references import reference_problem
from coalition.errors import UsageError
from coalition.store import SessionStore, read_session
from test_cli import new_session, run

ITEMS = {
    item.id: item
    for item in (
        Objective("O-1", "Book referrals in 48 hours"),
        Objective("O-2", "Self-service resets", Side.IT, "O-1"),
        Objective("O-3", "One scheduling system", Side.IT, "O-2"),
        Decision("D-1", "Weekly", options=(Option("Weekly"), Option("Monthly"))),
        ValueStream("V-1", "Referral", (Stage("Triage"),)),
    )
}


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (Objective("O-4", "x", Side.IT, "O-99"), "serves O-99: there is no objective O-99"),
        (Objective("O-4", "x", Side.IT, "O-4"), "serves O-4: O-4 cannot serve itself"),
        (Objective("O-4", "x", Side.BUSINESS, "O-1"), "O-4 is a business objective"),
        (Objective("O-2", "x", Side.IT, "O-3"), "a loop (O-2 → O-3 → O-2)"),
        (Objective("O-4", "x", Side.IT, "D-1"), "serves D-1: there is no objective D-1"),
        (Initiative("X-1", "x", serves="O-99"), "serves O-99: there is no objective O-99"),
        (ActionItem("A-1", "x", decision="D-99"), "decision D-99: there is no decision D-99"),
        (Irritant("I-1", "x", stream="V-9"), "stream V-9: there is no value stream V-9"),
        (Irritant("I-1", "x", stream="V-1", stage="Nope"), "V-1 has no such stage (its stag"),
        (Irritant("I-1", "x", stage="Triage"), "stage Triage: name the value stream"),
        (Decision("D-2", "x", supersedes="D-99"), "supersedes D-99: there is no decision D-99"),
        (Decision("D-2", "x", supersedes="D-2"), "D-2: a decision cannot supersede itself"),
        (Decision("D-2", "x", chosen="Daily"), "D-2 has no such option (its options: none"),
    ],
)  # fmt: skip
def test_a_reference_to_nothing_or_nonsense_is_named(item: object, message: str) -> None:
    problem = reference_problem(item, None, ITEMS.get)  # type: ignore[arg-type]
    assert problem is not None and message in problem


@pytest.mark.parametrize(
    "item",
    [
        Objective("O-4", "x", Side.IT, "O-3"),  # an IT objective serving another: a chain
        Initiative("X-1", "x", serves="O-1"),
        ActionItem("A-1", "x", decision="D-1"),
        Irritant("I-1", "x", stream="V-1", stage="Triage"),
        Decision("D-2", "x", supersedes="D-1", options=(Option("A"),), chosen="A"),
    ],
)
def test_references_to_what_is_there_are_fine(item: object) -> None:
    assert reference_problem(item, None, ITEMS.get) is None  # type: ignore[arg-type]


def test_only_a_changed_reference_is_checked() -> None:
    dangling = ActionItem("A-1", "Send invites", decision="D-7")  # D-7 was not carried
    renamed = ActionItem("A-1", "Send the invites", decision="D-7")
    assert reference_problem(renamed, dangling, ITEMS.get) is None
    moved = ActionItem("A-1", "Send the invites", decision="D-8")
    assert reference_problem(moved, dangling, ITEMS.get) is not None


def test_the_store_refuses_and_keeps_what_it_had(info: SessionInfo) -> None:
    store = SessionStore.in_memory(info)
    with pytest.raises(UsageError, match=r"^serves O-99: there is no objective O-99"):
        store.add("objective", text="Resets", side=Side.IT, serves="O-99")
    assert store.session.objectives == []
    store.add("objective", text="Grow")
    assert store.session.objectives[0].id == "O-1"


def _session(capsys: pytest.CaptureFixture[str]) -> Path:
    path = new_session(capsys)
    for args in (
        ("objective", "Book referrals in 48 hours", "--side", "business"),
        ("objective", "Self-service resets", "--side", "it", "--serves", "O-1"),
        ("objective", "One scheduling system", "--side", "it", "--serves", "O-2"),
        ("decision", "Weekly", "--option", "Weekly", "--option", "Monthly"),
        ("stream", "Referral"),
        ("initiative", "Portal"),
    ):
        code, _, err = run(capsys, "add", "kick", *args)
        assert code == 0, err
    assert run(capsys, "stage", "kick", "V-1", "Triage")[0] == 0
    return path


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("edit", "kick", "O-2", "--serves", "O-99"), "serves O-99: there is no objective O-99"),
        (("edit", "kick", "O-3", "--serves", "O-3"), "O-3 cannot serve itself"),
        (("edit", "kick", "O-1", "--serves", "O-2"), "O-1 is a business objective"),
        (("edit", "kick", "O-2", "--serves", "O-3"), "loop (O-2 → O-3 → O-2)"),
        (("edit", "kick", "O-3", "--side", "business"), "O-3 is a business objective"),
        (("edit", "kick", "X-1", "--serves", "O-99"), "serves O-99: there is no objective O-99"),
        (("add", "kick", "action", "x", "--decision", "D-99"), "decision D-99: there is no"),
        (("add", "kick", "irritant", "x", "--stream", "V-9", "--stage", "Nonexistent"),
         "stream V-9: there is no value stream V-9"),
        (("add", "kick", "irritant", "x", "--stream", "V-1", "--stage", "Nonexistent"),
         "stage Nonexistent: V-1 has no such stage"),
        (("add", "kick", "decision", "x", "--supersedes", "D-99"), "supersedes D-99: there is"),
        (("edit", "kick", "D-1", "--supersedes", "D-1"), "cannot supersede itself"),
        (("edit", "kick", "D-1", "--chosen", "Daily"), "chosen Daily: D-1 has no such option"),
    ],
)  # fmt: skip
def test_the_command_line_refuses_with_exit_2_and_the_file_unchanged(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    path = _session(capsys)
    before = path.read_bytes()
    code, _, err = run(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err, err
    assert path.read_bytes() == before


def test_a_reference_to_an_item_carried_from_an_earlier_session_is_fine(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _session(capsys)
    code, out, err = run(capsys, "new", "--client", "Acme Corp", "--title", "Follow-up",
                         "--date", "2026-12-03")  # fmt: skip
    assert code == 0, err
    later = Path(out.strip().splitlines()[-1])
    for args in (
        ("add", "follow", "initiative", "Triage assistant", "--serves", "O-2"),
        ("add", "follow", "objective", "Fewer calls", "--side", "it", "--serves", "O-3"),
        ("add", "follow", "decision", "Fortnightly", "--supersedes", "D-1"),
        ("add", "follow", "irritant", "Triage waits", "--stream", "V-1", "--stage", "Triage"),
    ):
        code, _, err = run(capsys, *args)
        assert code == 0, err
    session = read_session(later)
    assert session.initiatives[-1].serves == "O-2" and session.decisions[-1].supersedes == "D-1"
