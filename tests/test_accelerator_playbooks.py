"""The 2014 accelerator playbooks: one short follow-up session per accelerator, bundled.

Each is a valid playbook listed by `coalition playbook list`; each opens with the review of
open actions, works its one accelerator, takes the pulse of the other seven (they run
concurrently) and closes with a read-back, in an hour; a follow-up session runs on one and
carries the programme's open actions into it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from coalition.cli import main
from coalition.domain.playbook import load_playbook
from coalition.services.playbook_library import BUNDLED_DIR

ACCELERATORS = {
    1: "accelerator-1-urgency",
    2: "accelerator-2-coalition",
    3: "accelerator-3-vision",
    4: "accelerator-4-volunteers",
    5: "accelerator-5-barriers",
    6: "accelerator-6-wins",
    7: "accelerator-7-sustain",
    8: "accelerator-8-institute",
}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("number", "name"), ACCELERATORS.items())
def test_each_accelerator_is_a_short_follow_up_playbook(number: int, name: str) -> None:
    playbook = load_playbook(BUNDLED_DIR / f"{name}.md")
    assert playbook.name == name
    assert playbook.title.startswith(f"Accelerator {number}: ")
    ids = [step.id for step in playbook.steps]
    assert ids[0] == "review" and ids[-2:] == ["pulse", "close"] and len(ids) == 4
    assert sum(step.timebox_minutes for step in playbook.steps) == 60
    work = playbook.steps[1]
    assert work.prompts and "action" in work.captures
    assert "all eight run at the same time" in " ".join(playbook.text.split())


def test_the_volunteer_accelerators_ask_for_the_volunteer_role() -> None:
    for name in ("accelerator-2-coalition", "accelerator-4-volunteers"):
        step = load_playbook(BUNDLED_DIR / f"{name}.md").steps[1]
        assert "participant" in step.captures
        assert "`volunteer`" in step.purpose


def test_playbook_list_and_validate_show_all_eight(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "playbook", "list")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE))
    bundled = {row["name"] for row in rows if row["source"] == "bundled"}
    assert set(ACCELERATORS.values()) <= bundled
    for name in ACCELERATORS.values():
        code, out, err = run(capsys, "playbook", "validate", str(BUNDLED_DIR / f"{name}.md"))
        assert code == 0, err
        assert f"valid playbook '{name}'" in out and "4 steps" in out


def test_a_follow_up_session_runs_on_an_accelerator_with_the_open_actions(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = ["new", "--client", "Acme", "--title", "Kick-off", "--date", "2026-11-19",
             "--facilitator", "Fran"]  # fmt: skip
    assert run(capsys, *first)[0] == 0
    assert run(capsys, "add", "kick-off", "action", "Invite the CFO", "--owner", "Fran")[0] == 0
    code, out, err = run(capsys, "new", "--client", "Acme", "--title", "Barriers",
                         "--date", "2026-12-03", "--facilitator", "Fran",
                         "--playbook", "accelerator-5-barriers")  # fmt: skip
    assert code == 0, err
    data = json.loads(Path(out.strip().splitlines()[-1]).read_text(encoding="utf-8"))
    assert data["playbook"]["1"]["name"] == "accelerator-5-barriers"
    assert [a["text"] for a in data["actions"].values()] == ["Invite the CFO"]
    assert data["session"]["1"]["current_step"] == "review"
