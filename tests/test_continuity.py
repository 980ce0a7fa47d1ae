"""A consultant's series: carry-over between a client's sessions, client separation, exports."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from coalition.cli import main
from coalition.store import read_session

SECRET = "Acme-only secret: merger with Globex"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def new(capsys: pytest.CaptureFixture[str], client: str, title: str, date: str) -> Path:
    out = run(capsys, "new", "--client", client, "--title", title, "--date", date)
    return Path(out.strip().splitlines()[-1])


@pytest.fixture
def series(workspace: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, Path]:
    """Two Acme sessions and one Other Co session, with the first Acme one's open items."""
    first = new(capsys, "Acme", "One", "2026-11-01")
    run(capsys, "add", str(first), "action", "Open thing", "--owner", "Bob", "--due", "2026-11-10")
    run(capsys, "add", str(first), "action", "Finished thing")
    run(capsys, "mark", str(first), "A-2", "done")
    run(capsys, "add", str(first), "irritant", "Slow VPN", "--votes", "3")
    run(capsys, "add", str(first), "irritant", "Old irritant")
    run(capsys, "mark", str(first), "I-2", "publicized")
    run(capsys, "add", str(first), "note", SECRET)
    second = new(capsys, "Acme", "Two", "2026-11-15")
    other = new(capsys, "Other Co", "Start", "2026-11-16")
    return first, second, other


def test_open_actions_and_irritants_come_back_with_their_ids(
    series: tuple[Path, Path, Path],
) -> None:
    _, second, _ = series
    session = read_session(second)
    assert [(a.id, a.text, a.origin, a.step) for a in session.actions] == [
        ("A-1", "Open thing", "2026-11-01-one", "review")
    ]
    # The whole irritant register carries, the publicized one too, with its history.
    assert [(i.id, i.origin, i.status.value) for i in session.irritants] == [
        ("I-1", "2026-11-01-one", "open"),
        ("I-2", "2026-11-01-one", "publicized"),
    ]
    assert session.info.next_numbers["A"] == 3  # new actions continue the client's numbering


def test_marking_carried_items_shows_in_the_minutes(
    series: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _, second, _ = series
    run(capsys, "mark", str(second), "A-1", "done")
    run(capsys, "add", str(second), "action", "New in two")
    minutes = run(capsys, "minutes", str(second), "-o", "-")
    since = minutes.split("## Since the last session\n\n", 1)[1].split("\n## ", 1)[0]
    assert since.splitlines() == [
        "Compared with One (2026-11-01).",
        "",
        "- **Actions closed**: A-1 Open thing (done)",
        "- **Actions opened**: A-3",
        "",
        "Carried unchanged, and not repeated below: I-1, I-2.",
    ]
    assert (
        "- [x] **A-1** Open thing — owner: Bob; due: 2026-11-10; carried over from One (2026-11-01)"
        in minutes
    )
    assert "- [ ] **A-3** New in two" in minutes
    # A third session carries only what is still open.
    third = new(capsys, "Acme", "Three", "2026-12-01")
    assert [a.id for a in read_session(third).actions] == ["A-3"]


def test_actions_lists_across_sessions_once_each_and_flags_overdue(
    series: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, "actions", "--client", "Acme", "--open")  # not a terminal: TSV
    rows = list(csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert [(r["id"], r["overdue"]) for r in rows] == [("A-1", "yes")]
    assert "OVERDUE" in run(capsys, "actions", "--client", "Acme", "--open", "--format", "table")
    assert out.count("Open thing") == 1  # carried into session two, listed once
    assert "Finished thing" not in out
    assert "Open thing" in run(capsys, "actions")


def test_nothing_of_one_client_reaches_another_clients_files(
    series: tuple[Path, Path, Path], workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, _, other = series
    assert read_session(other).actions == []
    assert read_session(other).info.next_numbers == {}
    run(capsys, "minutes", str(other))
    run(capsys, "minutes", str(other), "--format", "html")
    run(capsys, "playbook", "new", "acme-adapted", "--from", "kotter-alignment")
    for path in [*(workspace / "sessions" / "other-co").iterdir(),
                 *(workspace / "playbooks").iterdir()]:  # fmt: skip
        text = path.read_text(encoding="utf-8")
        assert "Acme" not in text and "Slow VPN" not in text and "Globex" not in text, path
    assert "Acme" not in run(capsys, "actions", "--client", "Other Co")


def test_playbook_new_copies_a_valid_renamed_playbook(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, "playbook", "new", "acme-review", "--from", "alignment-health-check")
    copy = workspace / "playbooks" / "acme-review.md"
    assert str(copy) in out
    assert "valid playbook 'acme-review' 0.1.0" in run(capsys, "playbook", "validate", str(copy))
    assert "acme-review" in run(capsys, "playbook", "list")


def test_html_export_is_self_contained_and_safe(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new(capsys, "<script>alert(1)</script>", "<b>Title</b>", "2026-11-01")
    run(capsys, "add", str(path), "note", "<img src=x onerror=alert(1)> & friends")
    page = Path(run(capsys, "minutes", str(path), "--format", "html").strip()).read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; friends" in page
    assert "http" not in page  # no external resources


def test_json_export_holds_the_session_data(
    series: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    first, _, _ = series
    data = json.loads(run(capsys, "minutes", str(first), "--format", "json"))
    assert data["format"] == "coalition-session" and data["format_version"] == 2
    assert data["session"]["client"] == "Acme"
    assert [a["id"] for a in data["actions"]] == ["A-1", "A-2"]
    assert data["notes"][0]["text"] == SECRET


@pytest.mark.parametrize(
    ("first", "second"),
    [("日本", "中国"), ("Zürich AG", "Zurich Bank"), ("!!!", "???"), ("A.B", "A B")],
)
def test_clients_never_share_carried_items_even_when_names_look_alike(
    workspace: Path, capsys: pytest.CaptureFixture[str], first: str, second: str
) -> None:
    one = new(capsys, first, "One", "2026-11-01")
    run(capsys, "add", str(one), "action", "Only for the first client")
    other = new(capsys, second, "Two", "2026-11-15")
    assert read_session(other).actions == []
    assert read_session(other).info.next_numbers == {}
    assert "Only for the first client" not in run(capsys, "actions", "--client", second)


def test_a_session_keeps_its_playbook_when_the_file_changes_or_goes(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "playbook", "new", "ours", "--from", "alignment-health-check")
    playbook = workspace / "playbooks" / "ours.md"
    out = run(capsys, "new", "--client", "Acme", "--title", "Check", "--playbook", "ours")
    session = Path(out.strip().splitlines()[-1])
    run(capsys, "add", str(session), "note", "Recorded against the first step")
    before = run(capsys, "minutes", str(session), "-o", "-")
    playbook.write_text(playbook.read_text().replace("## ", "## Renamed "))
    assert run(capsys, "minutes", str(session), "-o", "-") == before
    playbook.unlink()
    assert run(capsys, "minutes", str(session), "-o", "-") == before
    assert read_session(session).info.playbook.name == "ours"
