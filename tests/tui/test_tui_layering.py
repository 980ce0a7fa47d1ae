"""The headless packages never import Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


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


def test_import_contracts_are_kept() -> None:
    """The import-linter contracts of pyproject.toml (layers, no Textual or TinyDB where
    they do not belong, no cycles), so `pytest` alone catches a broken one too."""
    from importlinter.cli import lint_imports

    config = Path(__file__).resolve().parents[2] / "pyproject.toml"
    assert lint_imports(config_filename=str(config), no_cache=True, no_logo=True) == 0, (
        "an import contract is broken: run `lint-imports` for which import breaks it"
    )
