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
