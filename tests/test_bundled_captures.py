"""The bundled playbooks capture the records their prompts ask for: the vision steps take
objectives and initiatives, the objectives check takes objectives, and detect to correct
takes the stream whose stages and end-to-end owner its checks look at."""

from __future__ import annotations

import pytest

from coalition.domain.playbook import load_playbook
from coalition.services.playbook_library import BUNDLED_DIR


@pytest.mark.parametrize(
    ("playbook", "step", "kinds", "words"),
    [
        ("kotter-alignment", "vision", {"objective", "initiative"}, ("`o`", "`x`")),
        ("accelerator-3-vision", "vision", {"objective", "initiative"}, ("`o`", "`x`")),
        ("alignment-health-check", "objectives", {"objective", "initiative"}, ("`o`", "`x`")),
        ("detect-to-correct", "stream-map", {"stream"}, ("`v`", "owners")),
        ("detect-to-correct", "ownership", {"stream"}, ("end-to-end",)),
    ],
)
def test_a_step_captures_what_its_prompts_ask_for(
    playbook: str, step: str, kinds: set[str], words: tuple[str, ...]
) -> None:
    loaded = load_playbook(BUNDLED_DIR / f"{playbook}.md")
    found = next(s for s in loaded.steps if s.id == step)
    assert kinds <= set(found.captures)
    for word in words:
        assert word in found.purpose
    assert "as decisions" not in found.purpose and "as a note" not in found.purpose
