"""The headless packages never import Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys


def test_headless_packages_do_not_import_textual() -> None:
    code = (
        "import sys\n"
        "import coalition.domain, coalition.store, coalition.minutes, coalition.cli\n"
        "import coalition.services, coalition.services.editing, coalition.services.review\n"
        "import coalition.services.minutes_files, coalition.services.sessions\n"
        "import coalition.commands\n"
        "from coalition.cli import build_parser\n"
        "build_parser()\n"
        "assert 'textual' not in sys.modules, sorted(m for m in sys.modules if 'textual' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_list_command_runs_without_textual(tmp_path: object) -> None:
    code = (
        "import sys\n"
        "from coalition.cli import main\n"
        f"main(['--workspace', {str(tmp_path)!r}, 'list'])\n"
        "assert 'textual' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
