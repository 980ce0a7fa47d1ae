"""The headless core never imports Textual, and TinyDB stays inside the store package."""

from __future__ import annotations

import json
import subprocess
import sys

PROBE = """
import json, sys
import coalition.domain.models, coalition.domain.capture, coalition.domain.dates
import coalition.domain.playbook, coalition.domain.facilitation
domain_only = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "tinydb"))
import coalition.store
print(json.dumps({"domain": domain_only,
                  "store": sorted(m for m in sys.modules if m.split(".")[0] == "textual"),
                  "tinydb": "tinydb" in sys.modules}))
"""


def test_domain_and_store_do_not_import_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = json.loads(result.stdout)
    assert loaded == {"domain": [], "store": [], "tinydb": True}


def test_benchmark_scripts_share_common_and_do_not_import_each_other() -> None:
    """run.py runs the others; they share common.py and never import run.py back."""
    import ast
    from pathlib import Path

    folder = Path(__file__).parent.parent / "benchmarks"
    scripts = {path.stem for path in folder.glob("*.py")}
    for path in folder.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {
            node.module if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }
        local = {name for name in imported if name in scripts}
        allowed = {"common"} | (scripts - {"run"} if path.stem == "run" else set())
        assert local <= allowed, f"{path.name} imports {sorted(local)}: only run.py leads"
