"""The command line, run in-process as a user would type it: outputs, files, exit codes."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from tinydb import TinyDB

from coalition.cli import main
from coalition.domain.models import SessionStatus
from coalition.store import SessionStore


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def new_session(capsys: pytest.CaptureFixture[str], *extra: str) -> Path:
    code, out, err = run(capsys, "new", "--client", "Acme Corp", "--title", "Kick-off",
                         "--facilitator", "Fran", "--date", "2026-11-19", *extra)  # fmt: skip
    assert code == 0, err
    return Path(out.strip().splitlines()[-1])


def test_init_makes_the_workspace(workspace: Path) -> None:
    assert (workspace / "sessions").is_dir()
    assert (workspace / "playbooks").is_dir()
    assert (workspace / "coalition.toml").is_file()
    assert "*.lock" in (workspace / "sessions" / ".gitignore").read_text()


def test_new_prints_the_session_path_last(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_session(capsys)
    assert path == workspace / "sessions" / "acme-corp" / "2026-11-19-kick-off.json"
    db = TinyDB(path)  # stock TinyDB reads it
    try:
        meta = db.table("session").all()[0]
        assert meta["client"] == "Acme Corp"
        assert meta["current_step"] == "review"
        assert db.table("playbook").all()[0]["name"] == "kotter-alignment"
    finally:
        db.close()
    assert new_session(capsys).name == "2026-11-19-kick-off-2.json"


def test_add_every_kind_then_minutes(workspace: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = new_session(capsys)
    assert run(capsys, "add", "kick", "participant", "Alice Smith", "--role", "COO",
               "--has", "power,leadership")[0] == 0  # fmt: skip
    assert run(capsys, "add", "kick", "participant", "Bob Jones", "--side", "it")[0] == 0
    code, out, _ = run(capsys, "add", str(path), "decision", "We adopt the map",
                       "--owner", "alice", "--owner", "Bob", "--step", "urgency")  # fmt: skip
    assert code == 0 and "Saved D-1" in out
    assert run(capsys, "add", "kick", "action", "Draft it", "--owner", "bob",
               "--due", "2026-12-01")[0] == 0  # fmt: skip
    assert run(capsys, "add", "kick", "irritant", "Slow resets", "--votes", "3")[0] == 0
    assert run(capsys, "add", "kick", "note", "Finance is missing")[0] == 0

    code, out, _ = run(capsys, "minutes", "kick")
    minutes = path.with_suffix(".md")
    assert code == 0 and out.strip() == str(minutes)
    text = minutes.read_text()
    assert "| D-1 | We adopt the map | Alice Smith, Bob Jones | accepted |" in text
    assert "- [ ] **A-1** Draft it — owner: Bob Jones; due: 2026-12-01" in text
    assert "| I-1 | Slow resets | — | — | 3 | — | open |" in text
    assert run(capsys, "minutes", "kick", "--check")[0] == 0

    code, out, _ = run(capsys, "minutes", "kick", "-o", "-")
    assert out == text


def test_a_roster_formed_with_add_participant_works_the_coalition_step(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_session(capsys)  # kotter-alignment: step 3 (coalition) takes participants
    assert run(capsys, "add", "kick", "participant", "Alice Smith", "--role", "COO")[0] == 0
    assert run(capsys, "add", "kick", "note", "Board pack", "--step", "reporting")[0] == 0
    assert run(capsys, "minutes", "kick")[0] == 0
    skipped = next(line for line in path.with_suffix(".md").read_text().splitlines()
                   if "skipped:" in line)  # fmt: skip
    assert "Sense of urgency" in skipped and "Guiding coalition" not in skipped
    code, out, _ = run(capsys, "programme", "Acme Corp", "-o", "-")
    assert code == 0
    worked = next(line for line in out.splitlines() if line.startswith("| S1 | 3 of 13 |"))
    assert "Guiding coalition (Kotter 2, alignment 1)" in worked

    # A follow-up carries the roster: marking who came is not work on the coalition step.
    code, out, err = run(capsys, "new", "--client", "Acme Corp", "--title", "Next",
                         "--date", "2026-12-03")  # fmt: skip
    assert code == 0, err
    assert run(capsys, "mark", "next", "P-1", "present")[0] == 0
    code, out, _ = run(capsys, "programme", "Acme Corp", "-o", "-")
    assert "| S2 | 1 of 13 | Review of open actions |" in out


def test_minutes_check_fails_when_missing_or_stale(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_session(capsys)
    code, _, err = run(capsys, "minutes", "kick", "--check")
    assert code == 1 and "missing" in err
    run(capsys, "minutes", "kick")
    run(capsys, "add", "kick", "note", "one more")
    code, _, err = run(capsys, "minutes", "kick", "--check")
    assert code == 1 and "out of date" in err and str(path) in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "kick", "memo", "x"], "Unknown kind 'memo'"),
        (["add", "kick", "action", "x", "--due", "someday"], "--due someday is not a date"),
        (["add", "kick", "action", "x", "--step", "nowhere"], "--step nowhere is not a step"),
        (["add", "nothing-like-it", "note", "x"], "No session matches 'nothing-like-it'"),
        (["minutes", "nothing-like-it"], "No session matches"),
        (["new", "--client", "X", "--title", "Y", "--playbook", "missing"], "No playbook named"),
        (["add", "kick", "participant", "Z", "--side", "sales"], "side:sales is not a side"),
    ],
)
def test_bad_input_gets_one_clear_paragraph_and_changes_nothing(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    path = new_session(capsys)
    before = path.read_bytes()
    code, _, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_malformed_date_is_refused_by_new(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "new", "--client", "X", "--title", "Y", "--date", "19/11/2026")
    assert code == 2
    assert "'19/11/2026' is not a date like 2026-12-01" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["playbooks"], "Unknown command 'playbooks'. Did you mean 'playbook'?"),
        (["lst"], "Unknown command 'lst'. Did you mean 'list'?"),
        (["minute", "kick"], "Unknown command 'minute'. Did you mean 'minutes'?"),
        (["export", "kick"], "Unknown command 'export'. To export a session, use "
                             "`coalition minutes SESSION --format html` (or --format json)"),
        (["--workspace", ".", "ad", "kick", "note", "x"], "Did you mean 'add'?"),
        (["validate", "x.md"], "Did you mean 'playbook validate'?"),
        (["frobnicate"], "Unknown command 'frobnicate'. The commands are: init, new, list,"),
        (["playbook", "lst"], "Unknown command 'playbook lst'. Did you mean 'playbook list'?"),
        (["playbook", "valdate", "x.md"], "Did you mean 'playbook validate'?"),
        (["playbook", "zzz"], "Unknown command 'playbook zzz'. The playbook commands are: list,"),
    ],
)  # fmt: skip
def test_a_mistyped_command_gets_a_suggestion_in_one_paragraph(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err
    assert err.startswith("Invalid input: ") and err.count("\n") == 1  # one paragraph
    assert "usage:" not in err and "invalid choice" not in err and not out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "--client", "A"], "the following arguments are required: --title"),
        (["minutes", "kick", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["playbook"], "the following arguments are required: ACTION"),
        (["add", "kick", "note", "x", "--votes", "many"], "invalid int value: 'many'"),
        (["list", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_other_argument_mistakes_are_one_paragraph_too(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2
    assert message in err and "--help" in err
    assert err.startswith("Invalid input: ") and err.count("\n") == 1
    assert "usage:" not in err and not out


def test_help_and_version_still_work(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["--help"], ["playbook", "--help"], ["--version"]):
        with pytest.raises(SystemExit) as exit_info:
            main(args)
        assert exit_info.value.code == 0
        assert capsys.readouterr().out


def test_corrupt_session_is_reported_and_left_byte_for_byte(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_session(capsys)
    broken = path.read_bytes()[:-40]
    path.write_bytes(broken)
    for args in (["add", "kick", "note", "x"], ["minutes", "kick"]):
        code, _, err = run(capsys, *args)
        assert code == 2
        assert f"{path}:" in err and "not valid JSON" in err
        assert path.read_bytes() == broken
    assert not path.with_suffix(".md").exists()


def test_locked_session_is_refused_clearly(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_session(capsys)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from coalition.store import SessionStore;"
         "s = SessionStore.open(Path(sys.argv[1])); print('held', flush=True); time.sleep(30)",
         str(path)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = path.read_bytes()
        code, _, err = run(capsys, "add", "kick", "note", "x")
        assert code == 2
        assert "Session in use" in err and str(path) in err and f"pid {holder.pid}" in err
        assert path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
    assert run(capsys, "add", "kick", "note", "x")[0] == 0


def test_unwritable_folder_is_reported(
    workspace: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = new_session(capsys)
    before = path.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("coalition.store.atomic_files.tempfile.mkstemp", refuse)
    code, _, err = run(capsys, "add", "kick", "note", "x")
    assert code == 2 and "Could not save" in err and "Permission denied" in err
    assert path.read_bytes() == before
    code, _, err = run(capsys, "minutes", "kick")
    assert code == 2 and "Cannot write" in err


def test_playbook_list_show_and_validate(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "playbook", "list")
    assert code == 0 and "kotter-alignment" in out and "bundled" in out
    code, out, _ = run(capsys, "playbook", "show", "kotter-alignment")
    assert code == 0 and "1. Review of open actions [review]" in out
    broken = workspace / "playbooks" / "broken.md"
    broken.write_text("---\nname: Broken Name\ntitle: x\n---\n\n## A step\n\nWhy.\n")
    code, _, err = run(capsys, "playbook", "validate", str(broken))
    assert code == 1
    assert f"{broken}:2: name 'Broken Name'" in err
    assert f"{broken}:6: step 'A step' has no prompts" in err
    bundled = Path(__file__).parent.parent / "playbooks" / "kotter-alignment.md"
    code, out, _ = run(capsys, "playbook", "validate", str(bundled))
    assert code == 0 and "valid playbook 'kotter-alignment' 1.3.0, 13 steps" in out


def test_workspace_playbook_shadows_the_bundled_one(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = Path(__file__).parent.parent / "playbooks" / "kotter-alignment.md"
    mine = bundled.read_text().replace("version: 1.3.0\n", "version: 1.3.0-acme\n")
    (workspace / "playbooks" / "kotter-alignment.md").write_text(mine)
    _code, out, _ = run(capsys, "playbook", "list")  # not a terminal: TSV
    rows = {(r["name"], r["source"]): r for r in csv.DictReader(
        io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE)}  # fmt: skip
    assert rows["kotter-alignment", "workspace"]["version"] == "1.3.0-acme"
    assert rows["kotter-alignment", "workspace"]["shadowed"] == "no"
    assert rows["kotter-alignment", "bundled"]["shadowed"] == "yes"
    _code, out, _ = run(capsys, "playbook", "list", "--format", "table")
    assert "1.3.0-acme" in out and "(shadowed)" in out
    path = new_session(capsys)
    assert json.loads(path.read_text())["playbook"]["1"]["version"] == "1.3.0-acme"


def test_workspace_discovery_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("COALITION_WORKSPACE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    nested = tmp_path / "found" / "deep" / "er"
    nested.mkdir(parents=True)
    (tmp_path / "found" / "coalition.toml").write_text("")
    monkeypatch.chdir(nested)
    path = new_session(capsys)
    assert path.is_relative_to(tmp_path / "found" / "sessions")

    monkeypatch.setenv("COALITION_WORKSPACE", str(tmp_path / "env"))
    assert new_session(capsys).is_relative_to(tmp_path / "env" / "sessions")
    assert new_session(
        capsys,
    ).is_relative_to(tmp_path / "env")
    code, out, _ = run(capsys, "--workspace", str(tmp_path / "flag"), "new", "--client", "A",
                       "--title", "B")  # fmt: skip
    assert Path(out.strip().splitlines()[-1]).is_relative_to(tmp_path / "flag")

    monkeypatch.delenv("COALITION_WORKSPACE")
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "new", "--client", "A", "--title", "B")
    assert code == 0 and "per-user workspace" in err
    assert Path(out.strip().splitlines()[-1]).is_relative_to(tmp_path / "user-data")


def test_ids_continue_across_a_clients_sessions(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_session(capsys)
    run(capsys, "add", "kick", "action", "First")
    second = new_session(capsys, "--title", "Follow-up")
    code, out, _ = run(capsys, "add", str(second), "action", "Second")
    assert "Saved A-2" in out
    today = dt.date.today().isoformat()
    code, out, _ = run(capsys, "new", "--client", "Other Co", "--title", "Start")
    assert code == 0
    assert Path(out.strip().splitlines()[-1]).name == f"{today}-start.json"
    code, out, _ = run(capsys, "add", out.strip().splitlines()[-1], "action", "Theirs")
    assert code == 0 and "Saved A-1" in out


def test_python_dash_m_runs_the_same_command_line() -> None:
    result = subprocess.run([sys.executable, "-m", "coalition", "--version"],
                            capture_output=True, text=True, check=True)  # fmt: skip
    assert result.stdout.startswith("coalition ")


def test_add_notes_unknown_owners_and_closed_sessions(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_session(capsys)
    code, out, err = run(capsys, "add", "kick", "action", "Chase it", "--owner", "nobody")
    assert code == 0 and "Saved A-1" in out
    assert "nobody is not on the coalition roster" in err
    with SessionStore.open(path) as store:
        store.set_status(SessionStatus.CLOSED)
    code, _, err = run(capsys, "add", "kick", "note", "A late thought")
    assert code == 2 and "is closed" in err and "--reopen" in err  # tests/test_closed_sessions.py


def test_run_refuses_an_unreadable_session_before_opening_the_app(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = new_session(capsys)
    path.write_bytes(path.read_bytes()[:100])
    code, _, err = run(capsys, "run", "kick")
    assert code == 2 and "not valid JSON" in err
