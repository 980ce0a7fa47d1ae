"""Exports beyond Markdown: a self-contained HTML page and the session's data as JSON.

The HTML is the Markdown minutes rendered by the shared markdown-it parser (raw HTML off),
so hostile text is escaped twice over; no control character (but newline) is left anywhere
in the page, since HTML forbids them and a page can be printed to a terminal. The JSON keeps
the data exactly, with every control character written as a `\\u` escape. The JSON layout
is documented in docs/export-json.md.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from coalition.domain.models import Session
from coalition.minutes.render import in_id_order, render_minutes
from coalition.minutes.show_of_hands import hands_data
from coalition.visible_text import visible

# JSON escapes C0 controls itself; DEL, the C1 controls and lone surrogates (a byte that was
# not UTF-8, kept by Python) it leaves raw, and a lone surrogate cannot be written as UTF-8.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\ud800-\udfff]")

JSON_FORMAT_VERSION = 2

PAGE_STYLE = """
body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
       padding: 0 1rem; color: #1f2328; background: #fff; }
table { border-collapse: collapse; margin: 1rem 0; }
th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; text-align: left; }
th { background: #f6f8fa; }
dl.meta { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
dl.meta dt { font-weight: 600; }
@media (prefers-color-scheme: dark) {
  body { color: #e6edf3; background: #0d1117; }
  th { background: #161b22; }
  th, td { border-color: #30363d; }
}
"""


def render_html(session: Session) -> str:
    """A standalone HTML page of the minutes (no scripts, no external resources)."""
    from coalition.markdown_parser import markdown_parser

    markdown = render_minutes(session)
    body = markdown.split("\n---\n", 1)[1]  # the front matter becomes the header below
    info = session.info
    meta = [
        ("Client", info.client),
        ("Date", info.date.isoformat()),
        ("Facilitator", info.facilitator),
        ("Playbook", f"{info.playbook.name} {info.playbook.version}"),
        ("Status", info.status.value),
    ]
    rows = "\n".join(
        f"<dt>{html.escape(label)}</dt><dd>{html.escape(visible(value))}</dd>"
        for label, value in meta
    )
    title = html.escape(visible(info.title))
    # The minutes hold no control character; `visible` makes sure of it for the page.
    rendered = visible(markdown_parser().render(body), keep_newlines=True)
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} — minutes</title>\n<style>{PAGE_STYLE}</style>\n</head>\n<body>\n"
        f'<h1>{title}</h1>\n<dl class="meta">\n{rows}\n</dl>\n'
        f"{rendered}</body>\n</html>\n"
    )
    # A lone surrogate (a byte that was not UTF-8) is shown as `\\udc9b`: a page is UTF-8.
    return page.encode("utf-8", "backslashreplace").decode("utf-8")


def session_data(session: Session) -> dict[str, Any]:
    """The session as plain data, items in ID order (see docs/export-json.md)."""
    ordered = in_id_order(session)
    return {
        "format": "coalition-session",
        "format_version": JSON_FORMAT_VERSION,
        "session": ordered.info.to_record(),
        "participants": [p.to_record() for p in ordered.participants],
        "decisions": [d.to_record() for d in ordered.decisions],
        "actions": [a.to_record() for a in ordered.actions],
        "irritants": [i.to_record() for i in ordered.irritants],
        "notes": [n.to_record() for n in ordered.notes],
        "streams": [v.to_record() for v in ordered.streams],
        "metrics": [m.to_record() for m in ordered.metrics],
        "wins": [w.to_record() for w in ordered.wins],
        "ratings": [r.to_record() for r in ordered.ratings],
        "shows_of_hands": [hands_data(h) for h in ordered.shows_of_hands],
        "objectives": [o.to_record() for o in ordered.objectives],
        "initiatives": [x.to_record() for x in ordered.initiatives],
        "carried": [ordered.baseline[i].to_record() for i in sorted(ordered.baseline)],
    }


def render_json(session: Session) -> str:
    """`session_data` as deterministic, indented JSON text, with no raw control character."""
    return json_text(session_data(session))


def json_text(data: Any) -> str:
    """Plain data as deterministic JSON text (sorted keys, two-space indentation, a final
    newline) that holds no raw control character and is always valid UTF-8."""
    text = json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)
    return _RAW_IN_JSON.sub(lambda match: f"\\u{ord(match[0]):04x}", text) + "\n"
