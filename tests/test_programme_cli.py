"""`coalition programme CLIENT`: writes programme.md beside the sessions (and programme.html),
`--check` fails when it is missing or stale, an unknown client is one paragraph and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from coalition.cli import main
from programme_example import CLIENT, build_example

GOLDEN = Path(__file__).parent / "golden" / "programme.md"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The worked example's workspace as the current folder."""
    monkeypatch.delenv("COALITION_WORKSPACE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "user-data"))
    root = tmp_path / "ws"
    build_example(root)
    monkeypatch.chdir(root)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_programme_writes_the_file_beside_the_sessions(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = workspace / "sessions" / "acme-health" / "programme.md"
    assert run(capsys, "programme", CLIENT) == (0, f"{target}\n", "")
    assert target.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")
    assert run(capsys, "programme", "acme-health")[0] == 0  # the folder's name works too
    code, out, _ = run(capsys, "programme", "ACME  health", "-o", "-")
    assert code == 0 and out == GOLDEN.read_text(encoding="utf-8")
    assert not list(target.parent.glob(".*.tmp"))  # written atomically, nothing left over


def test_check_fails_when_missing_or_stale_and_passes_when_fresh(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "programme", CLIENT, "--check")
    assert code == 1 and "Programme missing" in err
    run(capsys, "programme", CLIENT)
    code, out, _ = run(capsys, "programme", CLIENT, "--check")
    assert code == 0 and "Programme up to date" in out
    run(capsys, "mark", "quarterly", "A-1", "done")
    code, _, err = run(capsys, "programme", CLIENT, "--check")
    assert code == 1 and "Programme out of date" in err
    target = workspace / "sessions" / "acme-health" / "programme.md"
    assert target.read_text(encoding="utf-8") == GOLDEN.read_text(encoding="utf-8")  # untouched


def test_html_writes_the_page_beside_it(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = workspace / "sessions" / "acme-health"
    code, out, _ = run(capsys, "programme", CLIENT, "--html")
    assert code == 0
    assert out.splitlines() == [str(folder / "programme.md"), str(folder / "programme.html")]
    page = (folder / "programme.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<svg" in page
    assert run(capsys, "programme", CLIENT, "--html", "--check")[0] == 0
    (folder / "programme.html").write_text("old", encoding="utf-8")
    code, _, err = run(capsys, "programme", CLIENT, "--html", "--check")
    assert code == 1 and "programme.html" in err
    elsewhere = workspace / "out" / "acme.md"
    elsewhere.parent.mkdir()
    assert run(capsys, "programme", CLIENT, "--html", "-o", str(elsewhere))[0] == 0
    assert elsewhere.with_suffix(".html").read_text(encoding="utf-8") == page


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["Globex"], "No sessions of the client 'Globex'"),
        (["../acme-health"], "No sessions of the client"),
        (["Acme Health", "--check", "-o", "x.md"], "drop -o"),
        (["Acme Health", "--html", "-o", "-"], "drop -o -"),
    ],
)
def test_mistakes_are_one_paragraph_and_exit_2(
    workspace: Path, capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    code, out, err = run(capsys, "programme", *args)
    assert code == 2 and out == "" and says in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    if args[0] == "Globex":
        assert "acme-health" in err  # the clients there


def test_an_unwritable_target_is_a_clear_error(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "programme", CLIENT, "-o", str(workspace / "missing" / "p.md"))
    assert code == 2 and "Cannot write" in err and "Traceback" not in err


def test_a_clash_is_reported_on_stderr_and_in_the_file(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import datetime as dt
    import shutil

    from coalition.services.sessions import start_session
    from coalition.services.workspace import Workspace
    from programme_example import example_playbook

    other = Workspace(tmp_path / "laptop-2")
    shutil.copytree(workspace, other.root)
    with start_session(other, client=CLIENT, title="Pilot", playbook=example_playbook(),
                       date=dt.date(2027, 1, 7)) as store:  # fmt: skip
        assert store.add("note", text="from laptop 2").id == "N-2"
    assert run(capsys, "add", "2026-12-03", "note", "from laptop 1")[0] == 0  # N-2 here too
    assert store.path is not None
    shutil.copy(store.path, workspace / "sessions" / "acme-health")  # git merges both
    code, out, err = run(capsys, "programme", CLIENT)
    assert code == 0 and out.endswith("programme.md\n")
    assert "Warning: N-2 names two different items" in err
    text = (workspace / "sessions" / "acme-health" / "programme.md").read_text(encoding="utf-8")
    assert "| N-2 | note | S3 (from 2026-12-03-quarterly-review) | from laptop 1 | S4" in text


def test_new_warns_when_it_carries_from_sessions_that_clash(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two laptops each start a session from the same state and give A-5 to two different
    actions; after git brings both files together, `new` names the ID and both files."""
    import datetime as dt
    import shutil

    from coalition.services.sessions import start_session
    from coalition.services.workspace import Workspace
    from programme_example import example_playbook

    folder = workspace / "sessions" / "acme-health"
    code, _, err = run(capsys, "new", "--client", CLIENT, "--title", "Clean", "--date",
                       "2027-01-05")  # fmt: skip
    assert code == 0 and err == ""  # no clash yet: no warning
    (folder / "2027-01-05-clean.json").unlink()
    other = Workspace(tmp_path / "laptop-2")
    shutil.copytree(workspace, other.root)
    hostile = "Choose <b>the</b> ward\x1b[2J"
    laptops = ((workspace, "Budget", "Cost the pilot"), (other.root, "Pilot", hostile))
    for laptop, title, text in laptops:
        with start_session(
            Workspace(laptop),
            client=CLIENT,
            title=title,
            playbook=example_playbook(),
            date=dt.date(2027, 1, 7),
        ) as store:
            assert store.add("action", text=text).id == "A-5"
            assert store.path is not None
            path = store.path
    shutil.copy(path, folder)  # git merges laptop 2's file
    before = {p.name: p.read_bytes() for p in folder.glob("*.json")}

    code, out, err = run(capsys, "new", "--client", CLIENT, "--title", "Next", "--date",
                         "2027-01-21")  # fmt: skip
    assert code == 0
    assert out.splitlines()[-1] == str(folder / "2027-01-21-next.json")  # the path still last
    lines = err.splitlines()
    assert lines[0].startswith("Warning: the sessions of Acme Health this one carries from use")
    assert lines[1] == (
        "  A-5 (action): 'Cost the pilot' in 2027-01-07-budget.json, "
        "'Choose <b>the</b> ward␛[2J' in 2027-01-07-pilot.json."
    )  # control characters from a file are shown, never obeyed
    assert 'coalition programme "Acme Health"' in lines[2] and len(lines) == 3
    assert {p.name: p.read_bytes() for p in folder.glob("*.json") if p.name in before} == before
    # The programme reports the same clash: one detection for both commands.
    assert "Warning: A-5 names two different items" in run(capsys, "programme", CLIENT)[2]

    code, _, err = run(capsys, "new", "--client", CLIENT, "--title", "Fresh", "--fresh")
    assert code == 0 and err == ""  # nothing carried: nothing to warn about
