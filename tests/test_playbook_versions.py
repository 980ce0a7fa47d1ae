"""A playbook's version identifies its content: the session keeps the text's hash beside the
version, the bundled playbooks' releases are registered with their hashes, and a change
without a new version is caught (by a test here, and by `coalition playbook validate`)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from coalition.cli import main
from coalition.domain.playbook import load_playbook
from coalition.domain.playbook_versions import (
    Release,
    content_hash,
    parse_releases,
    release_problem,
    version_warning,
)
from coalition.services.playbook_library import BUNDLED_DIR, released_playbooks
from coalition.store import read_session

BUNDLED = sorted(BUNDLED_DIR.glob("*.md"))
WORKED_EXAMPLE = Path(__file__).parent.parent / "sessions" / "northwind-health"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", BUNDLED, ids=lambda path: path.stem)
def test_each_bundled_playbook_is_a_registered_release(path: Path) -> None:
    playbook = load_playbook(path)
    problem = release_problem(
        playbook.name, playbook.version, content_hash(playbook.text), released_playbooks()
    )
    assert not problem, problem


def test_each_release_is_registered_once() -> None:
    counts = Counter((r.name, r.version) for r in released_playbooks())
    assert [key for key, count in counts.items() if count > 1] == []


def test_the_messages_say_what_to_do() -> None:
    releases = (Release("kotter-alignment", "1.2.0", "sha256:" + "a" * 64),)
    changed = release_problem("kotter-alignment", "1.2.0", "sha256:" + "b" * 64, releases)
    assert "its content changed and its version did not" in changed
    assert "Bump `version` in playbooks/kotter-alignment.md" in changed
    assert 'version = "1.2.0"\nhash = "sha256:bbbb' in changed  # the lines to add, once bumped
    new = release_problem("kotter-alignment", "1.3.0", "sha256:" + "c" * 64, releases)
    assert "'kotter-alignment' 1.3.0 is not in playbooks/released.toml" in new
    assert parse_releases(new.split(":\n", 1)[1], "x") == (
        Release("kotter-alignment", "1.3.0", "sha256:" + "c" * 64),
    )
    assert version_warning("mine", "1.2.0", "sha256:" + "b" * 64, releases) == ""


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ("[[release]]\nname = 'x'\n", "release 1 needs name, version and hash"),
        ("[[release]]\nname = 'x'\nversion = '1'\nhash = 'md5:1'\n", "hash without sha256:"),
        ("[[release]\n", "not valid TOML"),
    ],
)
def test_a_malformed_registry_is_refused_with_its_entry(text: str, complaint: str) -> None:
    with pytest.raises(ValueError, match=complaint):
        parse_releases(text, "released.toml")


def test_the_hash_is_of_the_text_as_parsed() -> None:
    assert content_hash("a\r\nb\n") == content_hash("\ufeffa\nb\n") == content_hash("a\rb\n")
    assert content_hash("a\nb\n") != content_hash("a\nb \n")
    assert content_hash("").startswith("sha256:") and len(content_hash("")) == 71


def test_validate_warns_when_a_released_version_holds_other_content(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundled = BUNDLED_DIR / "kotter-alignment.md"
    code, out, err = run(capsys, "playbook", "validate", str(bundled))
    assert code == 0 and "valid playbook" in out and err == ""
    edited = workspace / "playbooks" / "kotter-alignment.md"
    edited.write_text(bundled.read_text(encoding="utf-8").replace("three quarters", "most"))
    code, out, err = run(capsys, "playbook", "validate", str(edited))
    assert code == 0 and "valid playbook" in out
    assert f"{edited}: warning: 'kotter-alignment'" in err
    assert "its content changed and its version did not" in err
    renamed = edited.read_text(encoding="utf-8").replace("version: 1.3.0", "version: 1.3.0-acme")
    edited.write_text(renamed)
    code, _, err = run(capsys, "playbook", "validate", str(edited))
    assert code == 0 and err == ""


def test_a_session_stores_the_hash_beside_the_version_and_older_files_open_without_it(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "new", "--client", "Acme", "--title", "Kick-off",
                         "--date", "2026-11-19", "--facilitator", "Fran")  # fmt: skip
    assert code == 0, err
    path = Path(out.strip().splitlines()[-1])
    stored = json.loads(path.read_text(encoding="utf-8"))["playbook"]["1"]
    bundled = load_playbook(BUNDLED_DIR / "kotter-alignment.md")
    assert stored["version"] == bundled.version
    assert stored["content_hash"] == content_hash(bundled.text)
    assert read_session(path).info.playbook.content_hash == stored["content_hash"]
    code, out, _ = run(capsys, "minutes", "kick-off", "--format", "json", "-o", "-")
    assert json.loads(out)["session"]["playbook"]["content_hash"] == stored["content_hash"]

    older = json.loads(path.read_text(encoding="utf-8"))
    del older["playbook"]["1"]["content_hash"]  # as files written before it was kept
    path.write_text(json.dumps(older), encoding="utf-8")
    session = read_session(path)
    assert session.info.playbook.content_hash == ""
    assert session.info.playbook.version == bundled.version


def test_the_worked_example_ran_the_bundled_playbooks_as_they_are_now() -> None:
    sessions = sorted(WORKED_EXAMPLE.glob("*.json"))
    assert len(sessions) == 3
    for path in sessions:
        ran = read_session(path).info.playbook
        bundled = load_playbook(BUNDLED_DIR / f"{ran.name}.md")
        rebuild = (
            f"{path.name} ran {ran.name} {ran.version} ({ran.content_hash or 'no hash'}), not "
            f"the bundled {bundled.version}: rebuild the worked example with "
            "`rm sessions/northwind-health/*; docs/worked-example.sh` and commit the result"
        )
        assert ran.version == bundled.version, rebuild
        assert ran.content_hash == content_hash(bundled.text), rebuild
        assert [s.title for s in ran.steps] == [s.title for s in bundled.steps], rebuild
