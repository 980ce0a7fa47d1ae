"""Hostile text in a session or a playbook never reaches the terminal or a page as control
characters, and never as Rich markup: every command that prints data shows it as it is."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coalition.cli import main
from coalition.domain.models import PlaybookSnapshot, StepSnapshot
from coalition.services.workspace import find_workspace
from coalition.store import SessionStore
from sample_sessions import sample_session

# Clear screen, set the window title, write the clipboard (OSC 52), C1 CSI, NUL, DEL, CR,
# a lone byte 0x9b (what `$'\x9b'` typed in bash becomes in Python: a lone surrogate), then
# Rich markup that would turn red, open a link, or fail to parse ("[/]" closes nothing).
HOSTILE = (
    "Evil\x1b[2J\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x9b31m\x00\x7f\r\x08\udc9b"
    "[bold red]red[/] [link=https://evil.example]link[/link] [/]"
)
MARKUP = ("[bold red]red[/]", "[link=https://evil.example]link[/link]", "[/]")
# Anything a terminal (or an HTML parser) treats as a control: C0 but tab and newline, DEL, C1;
# and lone surrogates, which cannot be written as UTF-8 (or go out as a raw byte 0x9b).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@pytest.fixture
def workspace(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shared workspace, with room for wide tables."""
    monkeypatch.setenv("COLUMNS", "1000")  # Rich tables on one line, so markup stays whole
    return workspace


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def hostile_session(workspace: Path) -> Path:
    """A session with HOSTILE in every text field, the playbook snapshot's too."""
    session = sample_session(HOSTILE)
    steps = tuple(
        dataclasses.replace(step, title=HOSTILE, purpose=HOSTILE, prompts=(HOSTILE,))
        for step in session.info.playbook.steps
    )
    playbook = dataclasses.replace(
        session.info.playbook, title=HOSTILE, description=HOSTILE, steps=steps
    )
    assert isinstance(playbook, PlaybookSnapshot) and isinstance(steps[0], StepSnapshot)
    info = dataclasses.replace(session.info, playbook=playbook)
    path = find_workspace(str(workspace)).client_dir(HOSTILE) / "2026-11-19-evil.json"
    path.parent.mkdir(parents=True)
    items = [*session.participants, *session.decisions, *session.actions, *session.irritants,
             *session.notes, *session.streams, *session.metrics]  # fmt: skip
    with SessionStore.create(path, info) as store, store.batch():
        for item in items:
            store.put(item)
    return path


def assert_clean(text: str, *, markup: bool = True) -> None:
    found = sorted({f"U+{ord(c):04X}" for c in CONTROL.findall(text)})
    assert not found, f"control characters in the output: {found}"
    if markup:
        for literal in MARKUP:  # shown as typed, not interpreted
            assert literal in text


def test_list_and_actions_show_hostile_text_as_text(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_session(workspace)
    shutil.copy(path, path.with_name("2026-11-18-\x1b]0;name\x07[bold]x.json"))
    code, out, err = run(capsys, "list")
    assert code == 0, err
    assert_clean(out)
    assert "[bold]x.json" in out
    for args in (["actions"], ["actions", "--client", HOSTILE], ["actions", "--open"]):
        code, out, err = run(capsys, *args)
        assert code == 0, err
        assert_clean(out)
        assert "Evil␛[2J␛]0;pwned␇␛]52;c;ZXZpbA==␇\\x9b31m" in out


def test_html_page_has_no_control_character_anywhere(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_session(workspace)
    code, out, err = run(capsys, "minutes", "evil", "--format", "html", "-o", "-")
    assert code == 0, err
    assert_clean(out, markup=False)
    assert "<dd>Evil␛[2J" in out and "<h1>Evil␛[2J" in out


def test_exports_written_to_files_are_clean_utf8(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_session(workspace)
    for fmt, target in (("html", path.with_suffix(".html")), ("json", path.with_suffix(".x"))):
        code, _, err = run(capsys, "minutes", "evil", "--format", fmt, "-o", str(target))
        assert code == 0, err
        assert_clean(target.read_bytes().decode("utf-8"), markup=False)
    data = json.loads(path.with_suffix(".x").read_text(encoding="utf-8"))
    assert data["session"]["client"] == HOSTILE  # the JSON keeps the data exactly


def test_markdown_minutes_have_no_control_character(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_session(workspace)
    code, out, err = run(capsys, "minutes", "evil", "-o", "-")
    assert code == 0, err
    assert_clean(out, markup=False)


def test_json_export_keeps_the_data_but_escapes_every_control(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_session(workspace)
    code, out, err = run(capsys, "minutes", "evil", "--format", "json")
    assert code == 0, err
    assert_clean(out, markup=False)
    data = json.loads(out)
    assert data["session"]["client"] == HOSTILE  # the data itself is unchanged


def test_new_mark_and_minutes_messages_show_names_visibly(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "new", "--client", HOSTILE, "--title", HOSTILE,
                         "--facilitator", HOSTILE, "--date", "2026-11-19")  # fmt: skip
    assert code == 0, err
    assert_clean(out + err)
    session = Path(out.strip().splitlines()[-1])
    hostile_copy = session.with_name("2026-11-19-\x1b[2J\x9b.json")
    session.rename(hostile_copy)
    code, out, err = run(capsys, "minutes", str(hostile_copy), "--check")
    assert code == 1
    assert_clean(out + err, markup=False)
    code, out, err = run(capsys, "minutes", str(hostile_copy))
    assert code == 0, err
    assert_clean(out + err, markup=False)
    code, out, err = run(capsys, "minutes", str(hostile_copy), "--check")
    assert code == 0, err
    assert_clean(out + err, markup=False)


def test_error_paragraphs_show_names_visibly(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (["minutes", HOSTILE],
                 ["new", "--client", "A", "--title", "B", "--playbook", HOSTILE],
                 ["add", "ghost" + HOSTILE, "note", "x"],
                 ["new", "--client", "A", "--title", "B", "--date", HOSTILE]):  # fmt: skip
        code, out, err = run(capsys, *args)
        assert code == 2
        assert_clean(out + err, markup=False)
        assert "Evil␛[2J" in err


# A playbook is UTF-8 text (a stray byte is refused when it is read): no surrogate.
PLAYBOOK_HOSTILE = HOSTILE.replace("\udc9b", "")


def hostile_playbook(workspace: Path) -> Path:
    bundled = Path(__file__).parent.parent / "playbooks" / "kotter-alignment.md"
    quoted = json.dumps(PLAYBOOK_HOSTILE)  # front matter values may be JSON-quoted strings
    text = bundled.read_text(encoding="utf-8")
    text = text.replace("name: kotter-alignment", "name: evil", 1)
    lines = {"title: ": f"title: {quoted}", "version: ": f"version: {quoted}",
             "## ": f"## Step {PLAYBOOK_HOSTILE}",
             "- ": f"- Prompt {PLAYBOOK_HOSTILE}"}  # fmt: skip
    for start, line in lines.items():
        text = re.sub(f"(?m)^{start}.*$", lambda _, line=line: line, text, count=1)
    path = workspace / "playbooks" / "evil.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_playbook_commands_show_hostile_text_as_text(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_playbook(workspace)
    code, out, err = run(capsys, "playbook", "list")
    assert code == 0, err
    assert_clean(out + err)
    code, out, err = run(capsys, "playbook", "show", "evil")
    assert code == 0, err
    assert_clean(out + err)
    code, out, err = run(capsys, "playbook", "validate", str(path))
    assert code == 0, err
    assert_clean(out + err)

    broken = workspace / "playbooks" / "b\x1b[2J[bold]x.md"
    broken.write_text(f"---\nname: bad\ntitle: x\nversion: 1\n---\n\n## {PLAYBOOK_HOSTILE}\n")
    code, out, err = run(capsys, "playbook", "validate", str(broken))
    assert code == 1
    assert_clean(out + err, markup=False)  # the heading ends at the "\r"
    code, out, err = run(capsys, "playbook", "list")
    assert code == 0, err
    assert_clean(out + err, markup=False)
    assert "b␛[2J[bold]x.md" in out
    code, out, err = run(capsys, "new", "--client", "A", "--title", "B", "--playbook", str(broken))
    assert code == 2
    assert_clean(out + err, markup=False)
    code, out, err = run(capsys, "playbook", "new", "copy", "--from", "evil")
    assert code == 0, err
    assert_clean(out + err, markup=False)


def test_real_process_with_strict_utf8_output_prints_no_raw_byte(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As typed in a shell: stdout is a pipe that takes UTF-8 only (or surrogateescape)."""
    hostile_session(workspace)
    for errors in ("strict", "surrogateescape"):
        env = {**os.environ, "PYTHONIOENCODING": f"utf-8:{errors}"}
        for args in (["list"], ["actions"], ["minutes", "evil", "--format", "html", "-o", "-"],
                     ["minutes", "evil", "--format", "json"], ["minutes", "evil", "-o", "-"],
                     ["minutes", "evil" + HOSTILE.replace("\x00", "")]):  # fmt: skip
            result = subprocess.run([sys.executable, "-m", "coalition", *args], env=env,
                                    capture_output=True, timeout=60)  # fmt: skip
            assert result.returncode in (0, 2), result.stderr
            assert b"Traceback" not in result.stderr
            for stream in (result.stdout, result.stderr):
                assert_clean(stream.decode("utf-8"), markup=False)  # strict: valid UTF-8


def test_add_mark_stage_and_close_show_names_visibly(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "new", "--client", "Acme", "--title", "Kick",
                         "--date", "2026-11-19")  # fmt: skip
    session = out.strip().splitlines()[-1]
    moves = [
        ["add", session, "action", HOSTILE, "--owner", HOSTILE],
        ["add", session, "stream", HOSTILE],
        ["stage", session, "V-1", HOSTILE, "--it-owner", HOSTILE],
        ["mark", session, "A-1", "done"],
        ["close", session],
        ["add", session, "note", HOSTILE, "--reopen"],
    ]
    for args in moves:
        code, out, err = run(capsys, *args)
        assert code == 0, err
        assert_clean(out + err, markup=False)


def test_check_shows_hostile_names_visibly_and_keeps_them_in_json(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_session(workspace)
    code, out, err = run(capsys, "check", "evil")
    assert code == 1, err
    assert_clean(out)
    assert "stage-no-technology: " in out and "(V-1 Evil␛[2J" in out
    code, out, err = run(capsys, "check", "evil", "--format", "json")
    assert code == 1, err
    assert_clean(out, markup=False)
    messages = [f["message"] for f in json.loads(out)["findings"]]
    assert any("Evil\x1b[2J\x1b]0;pwned\x07" in message for message in messages)


def test_the_readme_says_what_each_output_makes_of_an_esc(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Markdown minutes turn an ESC into a space (no `␛`); the page's heading and the
    listings show `␛`: the README says exactly that, not that the minutes show `␛`."""
    hostile_session(workspace)
    _, markdown, _ = run(capsys, "minutes", "evil", "-o", "-")
    assert "Evil \\[2J \\]0;pwned \\]52;c;ZXZpbA== 31m" in markdown and "␛" not in markdown
    _, page, _ = run(capsys, "minutes", "evil", "--format", "html", "-o", "-")
    assert "<h1>Evil␛[2J" in page and "<td>Evil [2J ]0;pwned" in page
    readme = " ".join((Path(__file__).parents[1] / "README.md").read_text("utf-8").split())
    page_and_listings = "the heading and details of the minutes' HTML page, and `programme.html`"
    assert f"{page_and_listings} show an ESC as `␛`" in readme
    markdown_outputs = "the Markdown minutes (and the rest of their HTML page, rendered from them)"
    assert f"{markdown_outputs} and `programme.md` turn each control character into a space" in (
        readme
    )
