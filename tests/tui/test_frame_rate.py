"""The app asks Textual for 120 frames a second, unless the environment says otherwise."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

READ_FPS = "import coalition.tui.app, textual.constants as c; print(c.MAX_FPS)"


@pytest.mark.parametrize(("setting", "expected"), [(None, "120"), ("30", "30")])
def test_the_apps_frame_rate(setting: str | None, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    if setting is not None:
        env["TEXTUAL_FPS"] = setting
    shown = subprocess.run(
        [sys.executable, "-c", READ_FPS], env=env, capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == expected
