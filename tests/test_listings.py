"""Every listing command in every format (`--format table|tsv|json|md`), parsed back: TSV with
the csv module, JSON with json.loads, Markdown with markdown-it. Values with tabs, newlines,
pipes, control characters and Rich markup come out whole, in their own field, and safe; piped
output is TSV and nothing is cut; an item's status is its latest one across the sessions."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from coalition.cli import main
from coalition.commands.listing import chosen_format, tsv_field
from coalition.markdown_parser import markdown_parser
from coalition.minutes.escape import clean_line
from coalition.store import SessionStore
from coalition.visible_text import visible

# A tab, a newline, a carriage return, a pipe, Rich markup, a backslash, quotes, ESC (clear
# the screen), a C1 CSI, a line separator.
TRICKY = (
    'Tab\there, new\nline\r | pipe [bold red]markup[/] \\back\\slash "quoted" '
    "esc\x1b[2J c1\x9b31m sep\u2028end"
)
LONG = "A long action text " + "that goes on and on " * 20 + "to the very end"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
LISTINGS = {
    "list": ["list"],
    "actions": ["actions"],
    "irritants": ["irritants"],
    "decisions": ["decisions"],
    "playbooks": ["playbook", "list"],
}
FIELDS = {
    "sessions": {"file", "date", "client", "title", "status", "open_actions", "problem"},
    "actions": {"client", "id", "text", "owner", "due", "status", "overdue", "age_days",
                "origin", "session"},
    "irritants": {"client", "id", "text", "status", "votes", "votes_by", "owner", "irritates",
                  "service", "origin", "raised", "age_days", "session", "history",
                  "raised_by", "priority", "benefit", "measure", "baseline", "target", "due",
                  "stream", "stage", "publicized_via", "publicized_on", "noticed"},
    "decisions": {"client", "id", "text", "status", "owners", "rationale", "made_in",
                  "made_on", "session", "supersedes", "superseded_by", "decided_on", "context",
                  "chosen", "confirmation", "options"},
    "playbooks": {"name", "version", "source", "shadowed", "title", "file", "problem"},
}  # fmt: skip


@pytest.fixture
def workspace(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared workspace, with room for wide tables."""
    monkeypatch.setenv("COLUMNS", "1000")  # a table on one line per row, markup kept whole
    return workspace


def run(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code = main(list(args))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def new(capsys: pytest.CaptureFixture[str], client: str, title: str, date: str) -> Path:
    out = run(capsys, "new", "--client", client, "--title", title, "--date", date)
    return Path(out.strip().splitlines()[-1])


@pytest.fixture
def series(workspace: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Acme: session one raises everything, two carries it forward, removes I-1 and
    supersedes D-1; Other Co has a session of its own; a playbook file has a hostile name."""
    one = new(capsys, "Acme Corp", "One", "2026-11-01")
    with SessionStore.open(one) as store:
        store.add("action", text=TRICKY, owner=TRICKY, due=dt.date(2026, 12, 1), step="review")
        store.add("action", text=LONG, owner="Ann", due=dt.date(2020, 1, 1), step="review")
        store.add("irritant", text="Slow VPN", votes=3, step="review")
        store.add("irritant", text=TRICKY, votes=1, owner="Bob", service=TRICKY, step="review")
        store.add("decision", text="Monthly meetings", owners=("Ann",), step="review")
        store.add("decision", text=TRICKY, owners=(TRICKY, "Bob"), rationale=TRICKY,
                  step="review")  # fmt: skip
    two = new(capsys, "Acme Corp", "Two", "2026-11-15")
    run(capsys, "mark", str(two), "I-1", "removed")
    run(capsys, "mark", str(two), "A-2", "done")
    run(capsys, "add", str(two), "decision", "Weekly meetings", "--supersedes", "D-1")
    other = new(capsys, "Other Co", "Start", "2026-11-16")
    run(capsys, "add", str(other), "action", "Only for Other Co", "--due", "2026-12-24")
    (workspace / "playbooks" / "b\x1b[2J[bold]x.md").write_text("no front matter\n")
    return workspace


def tsv_rows(out: str) -> list[dict[str, str]]:
    """TSV as documented: read with the csv module, tab-separated, no quoting."""
    lines = out.split("\n")
    assert lines[-1] == "" and all(lines[:-1]), "one record per line, a newline at the end"
    reader = csv.reader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE)
    header, *rows = list(reader)
    assert all(len(row) == len(header) for row in rows), "every record has every field"
    return [dict(zip(header, row, strict=True)) for row in rows]


def tsv_unescape(field: str) -> str:
    escapes = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r", "u2028": "\u2028", "u2029": "\u2029"}
    return re.sub(r"\\(\\|t|n|r|u2028|u2029)", lambda m: escapes[m[1]], field)


def markdown_table(out: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the one table in `out`, each cell as the text it shows."""
    tokens = markdown_parser().parse(out)
    assert [t.type for t in tokens if t.type == "table_open"] == ["table_open"]
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "tr_open":
            rows.append([])
        elif token.type == "inline":
            children = token.children or []
            rows[-1].append("".join(c.content for c in children if c.type == "text"))
    return rows[0], rows[1:]


def assert_safe(out: str) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(out)})
    assert not found, f"control characters in the output: {found}"


@pytest.mark.parametrize("fmt", ["table", "tsv", "json", "md"])
@pytest.mark.parametrize("name", list(LISTINGS))
def test_every_listing_parses_in_every_format(
    series: Path, capsys: pytest.CaptureFixture[str], name: str, fmt: str
) -> None:
    out = run(capsys, *LISTINGS[name], "--format", fmt)
    assert_safe(out)
    kind = "sessions" if name == "list" else name
    if fmt == "json":
        data = json.loads(out)
        assert data["format"] == f"coalition-{kind}" and data["format_version"] == 1
        assert data["items"] and all(set(item) == FIELDS[kind] for item in data["items"])
    elif fmt == "tsv":
        rows = tsv_rows(out)
        assert rows and set(rows[0]) <= FIELDS[kind]
    elif fmt == "md":
        header, rows = markdown_table(out)
        assert rows and all(len(row) == len(header) for row in rows)
    else:
        assert "┃" in out  # a Rich table, whatever the (non-)terminal
    if name in ("actions", "irritants", "decisions"):
        # Rich markup from data is shown as typed, never applied (Markdown escapes it).
        markup = r"\[bold red\]markup\[/\]" if fmt == "md" else "[bold red]markup[/]"
        assert markup in out


def test_tsv_keeps_tricky_text_whole_in_its_own_field(
    series: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = run(capsys, "actions", "--client", "Acme Corp", "--format", "tsv")
    rows = {row["id"]: row for row in tsv_rows(out)}
    # Tabs, newlines, CR, line separators and backslashes come back; other controls are shown.
    shown = "".join(ch if ch in "\t\n\r\u2028" else visible(ch) for ch in TRICKY)
    assert tsv_unescape(rows["A-1"]["text"]) == shown
    assert tsv_unescape(rows["A-1"]["owner"]) == shown
    assert rows["A-1"]["text"].startswith("Tab\\there, new\\nline\\r | pipe [bold red]")
    assert "esc␛[2J c1\\x9b31m sep\\u2028end" in rows["A-1"]["text"]
    assert (rows["A-1"]["due"], rows["A-1"]["status"], rows["A-1"]["overdue"]) == (
        "2026-12-01", "open", "no")  # fmt: skip
    assert rows["A-2"]["text"] == LONG and rows["A-2"]["status"] == "done"
    irritants = tsv_rows(run(capsys, "irritants", "--client", "Acme Corp", "--format", "tsv"))
    assert [(r["id"], r["votes"]) for r in irritants] == [("I-1", "3"), ("I-2", "1")]
    assert tsv_unescape(irritants[1]["service"]) == shown


def test_json_keeps_the_text_exactly_and_types_the_values(
    series: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(run(capsys, "actions", "--format", "json"))
    assert data["as_of"] == dt.date.today().isoformat()
    items = {(i["client"], i["id"]): i for i in data["items"]}
    tricky = items["Acme Corp", "A-1"]
    assert tricky["text"] == TRICKY and tricky["owner"] == TRICKY
    assert tricky["due"] == "2026-12-01" and tricky["overdue"] is False
    assert isinstance(tricky["age_days"], int) and tricky["origin"] == "2026-11-01-one"
    assert items["Other Co", "A-1"]["owner"] is None  # missing is null, never ""
    assert items["Other Co", "A-1"]["text"] == "Only for Other Co"
    decisions = json.loads(run(capsys, "decisions", "--client", "Acme Corp", "--format", "json"))
    tricky = next(d for d in decisions["items"] if d["id"] == "D-2")
    assert tricky["owners"] == [TRICKY, "Bob"] and tricky["rationale"] == TRICKY


def test_markdown_cells_hold_pipes_and_markup_as_text(
    series: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header, rows = markdown_table(
        run(capsys, "decisions", "--client", "Acme Corp", "--format", "md")
    )
    assert header[:4] == ["Client", "ID", "Decision", "Status"]
    by_id = {row[1]: dict(zip(header, row, strict=True)) for row in rows}
    shown = clean_line(visible(TRICKY))  # one line, every control visible
    assert by_id["D-2"]["Decision"] == shown and by_id["D-2"]["Rationale"] == shown
    assert by_id["D-2"]["Owners"] == f"{shown}, Bob"
    assert by_id["D-1"]["Superseded by"] == "D-3" and by_id["D-1"]["Rationale"] == "—"


def test_piped_output_is_tsv_and_nothing_is_cut(series: Path) -> None:
    """As `coalition actions --open | cat` in a narrow terminal: once this wrapped the cells
    and printed a due date as `2026-12-0`."""
    env = {**os.environ, "COLUMNS": "40"}
    result = subprocess.run([sys.executable, "-m", "coalition", "actions"], env=env,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = tsv_rows(result.stdout)
    assert list(rows[0]) == ["client", "id", "text", "owner", "due", "status", "overdue",
                             "age_days", "origin", "session"]  # fmt: skip
    long = next(r for r in rows if r["text"] == LONG)
    assert long["due"] == "2020-01-01" and long["session"] == "2026-11-15-two"
    assert next(r for r in rows if r["client"] == "Other Co")["due"] == "2026-12-24"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_a_terminal_gets_the_table(series: Path) -> None:
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": "200", "TERM": "dumb"}
    process = subprocess.Popen([sys.executable, "-m", "coalition", "actions", "--open"],
                               stdout=follower, stderr=subprocess.PIPE, env=env)  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    out = b"".join(chunks).decode()
    assert out.startswith("Action items in") and "┃ ID" in out and "Other Co" in out
    assert "client\tid" not in out


def test_the_default_follows_whether_stdout_is_a_terminal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Stream(io.StringIO):
        def __init__(self, tty: bool) -> None:
            super().__init__()
            self.tty = tty

        def isatty(self) -> bool:
            return self.tty

    for tty, expected in ((True, "table"), (False, "tsv")):
        monkeypatch.setattr(sys, "stdout", Stream(tty))
        assert chosen_format(None) == expected
        assert chosen_format("json") == "json"


def test_tsv_field_escapes() -> None:
    assert tsv_field("a\tb\nc\rd\\e") == "a\\tb\\nc\\rd\\\\e"
    assert tsv_field("\x1b[2J\x9b\x00\x7f") == "␛[2J\\x9b␀␡"
    assert tsv_field("line\u2028para\u2029") == "line\\u2028para\\u2029"
    assert tsv_unescape(tsv_field("\\t is not a tab")) == "\\t is not a tab"


def test_an_irritant_removed_later_shows_removed_with_its_history(
    series: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def irritants(*extra: str) -> dict[str, dict[str, Any]]:
        out = run(capsys, "irritants", "--client", "acme corp", "--format", "json", *extra)
        return {item["id"]: item for item in json.loads(out)["items"]}

    vpn = irritants()["I-1"]
    assert vpn["status"] == "removed" and vpn["votes"] == 3
    assert (vpn["origin"], vpn["raised"], vpn["session"]) == (
        "2026-11-01-one", "2026-11-01", "2026-11-15-two")  # fmt: skip
    assert vpn["history"] == [
        {"date": "2026-11-01", "status": "open", "session": "2026-11-01-one"},
        {"date": "2026-11-15", "status": "removed", "session": "2026-11-15-two"},
    ]
    assert "I-1" in irritants("--open")  # removed, not yet publicized: still on the register
    three = new(capsys, "Acme Corp", "Three", "2026-12-01")
    run(capsys, "mark", str(three), "I-1", "publicized")
    assert "I-1" not in irritants("--open") and "I-2" in irritants("--open")
    vpn = irritants()["I-1"]
    assert [(h["status"], h["session"]) for h in vpn["history"]] == [
        ("open", "2026-11-01-one"), ("removed", "2026-11-15-two"),
        ("publicized", "2026-12-01-three")]  # fmt: skip
    assert "Other Co" not in run(capsys, "irritants", "--client", "Other Co")


def test_a_superseded_decision_shows_superseded(
    series: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def decisions() -> dict[str, dict[str, Any]]:
        out = run(capsys, "decisions", "--client", "Acme Corp", "--format", "json")
        return {item["id"]: item for item in json.loads(out)["items"]}

    log = decisions()
    assert list(log) == ["D-1", "D-2", "D-3"]
    assert log["D-1"]["status"] == "superseded" and log["D-1"]["superseded_by"] == ["D-3"]
    assert log["D-1"]["made_in"] == "2026-11-01-one" and log["D-1"]["supersedes"] is None
    assert log["D-3"]["status"] == "accepted" and log["D-3"]["supersedes"] == "D-1"
    assert (log["D-3"]["made_in"], log["D-3"]["made_on"]) == ("2026-11-15-two", "2026-11-15")
    # A third session does not carry D-1, and the log still knows it, superseded.
    new(capsys, "Acme Corp", "Three", "2026-12-01")
    assert decisions()["D-1"]["status"] == "superseded"
    table = run(capsys, "decisions", "--client", "Acme Corp", "--format", "table")
    assert "superseded by D-3" in table


def test_a_rejected_or_proposed_decision_supersedes_nothing(
    series: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    two = series / "sessions" / "acme-corp" / "2026-11-15-two.json"
    run(capsys, "add", str(two), "decision", "Drop the log", "--supersedes", "D-2")
    run(capsys, "mark", str(two), "D-4", "rejected")
    run(capsys, "add", str(two), "decision", "Maybe later", "--supersedes", "D-2")
    run(capsys, "mark", str(two), "D-5", "proposed")
    out = run(capsys, "decisions", "--client", "Acme Corp", "--format", "json")
    log = {item["id"]: item for item in json.loads(out)["items"]}
    assert log["D-2"]["status"] == "accepted" and log["D-2"]["superseded_by"] == []


@pytest.mark.parametrize("fmt", ["table", "tsv", "json", "md"])
def test_an_empty_listing_in_every_format(
    workspace: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    for args in (["list"], ["actions"], ["irritants"], ["decisions"]):
        out = run(capsys, *args, "--format", fmt)
        if fmt == "json":
            assert json.loads(out)["items"] == []
        elif fmt == "tsv":
            assert out.count("\n") == 1 and tsv_rows(out) == []
        elif fmt == "md":
            assert markdown_table(out)[1] == []
        else:
            assert out.startswith(("No ", "No sessions"))


def test_an_unreadable_session_is_listed_with_its_problem(
    series: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = series / "sessions" / "acme-corp" / "2026-10-01-broken.json"
    broken.write_text("{ not json")
    rows = {r["file"]: r for r in tsv_rows(run(capsys, "list"))}
    row = rows["sessions/acme-corp/2026-10-01-broken.json"]
    assert row["problem"].startswith("unreadable: ") and row["status"] == ""
    data = json.loads(run(capsys, "list", "--format", "json"))
    item = next(i for i in data["items"] if i["file"].endswith("broken.json"))
    assert item["status"] is None and "not valid JSON" in item["problem"]
    assert "unreadable" in run(capsys, "list", "--format", "table")


def test_two_clients_sharing_a_folder_keep_their_own_items(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Zürich AG and Zurich AG share `sessions/zurich-ag/`, each with its own A-1 and I-1."""
    for client, date in (("Zürich AG", "2026-11-01"), ("Zurich AG", "2026-11-02")):
        path = new(capsys, client, "Start", date)
        run(capsys, "add", str(path), "action", f"Action of {client}")
        run(capsys, "add", str(path), "irritant", f"Irritant of {client}")
        run(capsys, "add", str(path), "decision", f"Decision of {client}")
    for command in ("actions", "irritants", "decisions"):
        items = json.loads(run(capsys, command, "--format", "json"))["items"]
        assert sorted((i["client"], i["id"], i["text"]) for i in items) == [
            ("Zurich AG", f"{command[0].upper()}-1", f"{command[:-1].title()} of Zurich AG"),
            ("Zürich AG", f"{command[0].upper()}-1", f"{command[:-1].title()} of Zürich AG"),
        ]
