"""`coalition check`: the findings with their codes, as text and JSON; exit 0, 1 or 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coalition.cli import main
from coalition.domain.checks import CATALOGUE


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def kick(workspace: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A session whose coalition is balanced, so no check fires yet."""
    code, out, err = run(capsys, "new", "--client", "Acme Corp", "--title", "Kick-off",
                         "--facilitator", "Fran", "--date", "2026-11-19")  # fmt: skip
    assert code == 0, err
    for args in (["Alice Smith", "--has", "power,leadership,expertise,credibility"],
                 ["Bob Jones", "--side", "it"]):  # fmt: skip
        assert run(capsys, "add", "kick", "participant", *args)[0] == 0
    return Path(out.strip().splitlines()[-1])


def test_a_session_in_order_passes_with_exit_0(
    kick: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "check", "kick") == (0, f"Every alignment check passes: {kick}\n", "")
    code, out, _ = run(capsys, "check", "kick", "--format", "json")
    assert code == 0
    assert json.loads(out) == {"format": "coalition-check", "format_version": 1, "findings": []}


def test_findings_print_one_line_each_with_their_code_and_exit_1(
    kick: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "add", "kick", "irritant", "Password resets take 3 days")
    run(capsys, "add", "kick", "decision", "IT picks the tool", "--owner", "bob",
        "--step", "vision")  # fmt: skip
    run(capsys, "add", "kick", "action", "Ask finance", "--owner", "Carol", "--due", "+7d")
    before = kick.read_bytes()

    code, out, err = run(capsys, "check", "kick")
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        "one-sided-ownership: Owned by one side only where both should own it (D-1): Name an "
        "owner from the other side too: an initiative, or a decision in this step, is owned "
        "by business and IT together.",
        "owner-not-on-roster: Owners who are not on the coalition's roster (A-1 Carol): Add "
        "each to the coalition's roster, or give the item to a member: the coalition can only "
        "follow up on what its members own.",
        "irritant-no-owner: Irritants without an owner (I-1): Name who will remove each one, "
        "or who will decide whether it goes.",
    ]

    code, out, _ = run(capsys, "check", "kick", "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert [(f["code"], f["items"]) for f in document["findings"]] == [
        ("one-sided-ownership", ["D-1"]),
        ("owner-not-on-roster", ["A-1"]),
        ("irritant-no-owner", ["I-1"]),
    ]
    assert all(set(f) == {"code", "items", "message"} for f in document["findings"])
    assert run(capsys, "check", "kick", "--format", "json")[1] == out  # byte-stable
    assert kick.read_bytes() == before  # checking changes nothing


def test_codes_lists_every_check_with_its_seed_idea(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "check", "--codes")
    assert code == 0
    lines = out.splitlines()
    assert [line.split(":")[0] for line in lines] == [c.code for c in CATALOGUE]
    assert "seed 000" in lines[0]
    code, out, _ = run(capsys, "check", "--codes", "--format", "json")
    checks = json.loads(out)["checks"]
    assert checks[0] == {"code": CATALOGUE[0].code, "title": CATALOGUE[0].title,
                         "seed": CATALOGUE[0].seed}  # fmt: skip


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "nothing-like-it"], "No session matches 'nothing-like-it'"),
        (["check"], "give a SESSION"),
        (["check", "kick", "--codes"], "--codes lists every check; drop the SESSION"),
        (["check", "kick", "--format", "xml"], "invalid choice: 'xml'"),
    ],
)
def test_bad_input_is_one_paragraph_and_exit_2(
    kick: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_a_corrupt_session_is_reported_not_checked(
    kick: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kick.write_text("{ not json", encoding="utf-8")
    code, out, err = run(capsys, "check", "kick")
    assert (code, out) == (2, "")
    assert str(kick) in err


def test_the_docs_describe_every_code() -> None:
    docs = (Path(__file__).parent.parent / "docs" / "checks.md").read_text(encoding="utf-8")
    rows = [line for line in docs.splitlines() if line.startswith("| `")]
    assert [row.split("`")[1] for row in rows] == [c.code for c in CATALOGUE]
