"""The minutes: golden output, structure parsed back with markdown-it, escaping, linting."""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pymarkdown.api import PyMarkdownApi

from coalition.minutes import render_minutes
from coalition.store import read_session
from sample_sessions import sample_session

GOLDEN = Path(__file__).parent / "golden"
REPO = Path(__file__).parent.parent
EXAMPLE = REPO / "sessions" / "northwind-health" / "2026-11-19-guiding-coalition-kick-off.json"

# A parser that lets raw HTML through, so any HTML that escaping misses shows up as tokens.
HTML_AWARE = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

HOSTILE = [
    "| pipe | in | cells |",
    "`code` and ``` fences",
    "# not a heading",
    "- not a list",
    "> not a quote",
    "1. not an ordered list",
    "<script>alert(1)</script>",
    "<b>bold</b> & &amp; entities",
    "line one\nline two\r\n\n## heading after a blank line",
    "quotes \" and ' in front matter: yes",
    "---",
    "*emphasis* _and_ **strong** ~~strike~~",
    "[link](http://example.com) ![img](x.png)",
    "trailing backslash \\",
    "tab\there and \u2028 separator \x00 nul",
    "https://example.com/path?q=1.",
    "   ",
    "ünïcødé — 日本語 🎉",
]


def structure(markdown: str) -> list[tuple[str, str]]:
    """Block tokens with heading texts: what escaping must never change."""
    tokens = HTML_AWARE.parse(_body(markdown))
    shape = []
    for index, token in enumerate(tokens):
        if token.type == "inline":
            continue
        label = tokens[index + 1].content if token.type == "heading_open" else ""
        shape.append((token.type, label if not label[:1].isalpha() else label.split()[0]))
    return shape


def _body(markdown: str) -> str:
    assert markdown.startswith("---\n")
    return markdown.split("\n---\n", 1)[1]


def _front_matter(markdown: str) -> dict[str, object]:
    head = markdown.split("\n---\n", 1)[0].split("\n")[1:]
    values: dict[str, object] = {}
    key = ""
    for line in head:
        if line.startswith("  - "):
            values[key].append(json.loads(line[4:]))  # type: ignore[union-attr]
        else:
            key, _, value = line.partition(":")
            value = value.strip()
            values[key] = json.loads(value) if value.startswith(('"', "[")) else value or []
    return values


def html_tokens(markdown: str) -> list[str]:
    found = []
    for token in HTML_AWARE.parse(_body(markdown)):
        if token.type == "html_block":
            found.append(token.content)
        for child in token.children or ():
            if child.type == "html_inline":
                found.append(child.content)
    return found


def lint(markdown: str) -> list[str]:
    """pymarkdown's default rules, except MD013: minutes keep one item per line for diffs."""
    api = PyMarkdownApi().disable_rule_by_identifier("md013")
    api.set_boolean_property("extensions.front-matter.enabled", True)
    result = api.scan_string(markdown)
    return [f"{f.line_number}: {f.rule_id} {f.rule_description}" for f in result.scan_failures]


def test_minutes_match_the_golden_file() -> None:
    text = render_minutes(sample_session())
    golden = GOLDEN / "sample-minutes.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_minutes_sections_in_order() -> None:
    tokens = HTML_AWARE.parse(_body(render_minutes(sample_session())))
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings == [
        "Summary",
        "Coalition",
        "Balance",
        "Decisions",
        "Carried over",
        "Action items",
        "Irritant register",
        "Shows of hands",
        "Value streams",
        "V-1 Referral to appointment",
        "Reporting review",
        "Alignment checks",
        "Owners",
        "Notes",
        "1. Review of open actions",
        "2. Establish a sense of urgency",
        "Other (gone)",
    ]


def test_actions_are_a_task_list_with_id_owner_and_due_date() -> None:
    text = render_minutes(sample_session())
    assert "- [ ] **A-1** Collect waiting-time data — owner: Bob Jones; due: 2026-12-03" in text
    assert "- [x] **A-2** Invite finance — owner: Alice Smith; due: *no due date*" in text
    assert "carried over from 2026-10-01-kick-off" in text
    assert "- [x] ~~**A-3** Old idea~~ (dropped) — owner: *no owner*" in text


def test_owners_section_lists_everyone_with_their_commitments() -> None:
    text = render_minutes(sample_session())
    owners = text.split("## Owners\n\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert owners == [
        "- **Alice Smith**: actions A-2 (done); decisions D-1; value-stream stages V-1 stage 1 "
        "(business)",
        "- **Bob Jones**: actions A-1 (open, due 2026-12-03); decisions D-1; irritants I-1 "
        "(being-removed); value-stream stages V-1 stage 1 (IT), V-1 stage 2 (IT)",
    ]


def test_minutes_are_deterministic_whatever_the_capture_order() -> None:
    session = sample_session()
    first = render_minutes(session)
    for items in (session.decisions, session.actions, session.notes, session.participants):
        random.Random(4).shuffle(items)
    session.decisions.sort(key=lambda d: d.id, reverse=True)
    second = render_minutes(session)
    assert first == second
    assert first.endswith("\n") and not first.endswith("\n\n")
    assert "\r" not in first


def test_front_matter_round_trips_every_field() -> None:
    values = _front_matter(render_minutes(sample_session()))
    assert values["title"] == "Kick-off"
    assert values["client"] == "Acme Corp"
    assert values["date"] == "2026-11-19"
    assert values["playbook"] == "test-playbook"
    assert values["attendees"] == ["Alice Smith", "Bob Jones"]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_changes_no_structure_and_passes_no_html(text: str) -> None:
    plain = render_minutes(sample_session("plain words"))
    hostile = render_minutes(sample_session(text))
    assert structure(hostile) == structure(plain)
    assert html_tokens(hostile) == []
    assert _front_matter(hostile)["title"] == text


@pytest.mark.parametrize("text", ["plain", *HOSTILE[:8]])
def test_minutes_pass_the_markdown_linter(text: str) -> None:
    assert lint(render_minutes(sample_session(text))) == []


@settings(max_examples=150, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_text_in_any_field_keeps_the_structure(text: str) -> None:
    hostile = render_minutes(sample_session(text))
    assert structure(hostile) == structure(render_minutes(sample_session("plain words")))
    assert html_tokens(hostile) == []
    front = _front_matter(hostile)
    assert front["client"] == text
    assert front["attendees"] == [text, text]


def test_the_worked_example_minutes_are_exactly_what_coalition_renders_today() -> None:
    committed = EXAMPLE.with_suffix(".md").read_text(encoding="utf-8")
    assert render_minutes(read_session(EXAMPLE)) == committed
    assert lint(committed) == []


def test_the_worked_example_programme_is_committed_up_to_date_and_lint_clean() -> None:
    from coalition.minutes.programme import render_programme
    from coalition.services.programme import build_programme
    from coalition.services.workspace import Workspace

    folder = EXAMPLE.parent
    sessions = sorted(folder.glob("*.json"))
    assert len(sessions) == 3  # a kick-off, a follow-up and a health check
    for path in sessions:
        minutes = render_minutes(read_session(path))
        assert minutes == path.with_suffix(".md").read_text(encoding="utf-8"), path.name
        assert lint(minutes) == []
    from coalition.services.carry_forward import client_sessions

    workspace = Workspace(REPO, "the repository")
    programme = render_programme(build_programme(client_sessions(workspace, "Northwind Health")))
    assert programme == (folder / "programme.md").read_text(encoding="utf-8")
    assert lint(programme) == []
