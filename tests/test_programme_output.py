"""The programme's Markdown and HTML for any sessions: byte-stable, the same structure whatever
people typed, no raw HTML, lint-clean; the page holds no control character, no script and
no external URL."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from coalition.domain.alignment import Metric, MetricKind
from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Decision,
    DecisionStatus,
    Irritant,
    IrritantStatus,
    Item,
    Note,
    Participant,
    PlaybookSnapshot,
    Session,
    SessionInfo,
    Side,
)
from coalition.domain.progress import Rating, RatingLevel, Win
from coalition.domain.show_of_hands import ShowOfHands
from coalition.minutes.programme import render_programme
from coalition.minutes.programme_html import render_programme_html
from coalition.services.programme import build_programme
from coalition.store.session_reading import TABLE_BY_KIND
from programme_example import lint
from sample_sessions import STEPS

HTML_AWARE = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
SECTIONS = [
    "Sessions", "Attendance", "Irritant funnel", "Irritant register", "Action items",
    "Slipped at two sessions or more", "Reporting to the business", "Reports and metrics",
    "Health ratings", "Shows of hands",
    "Steps worked", "Decision log", "Wins log", "ID clashes",
]  # fmt: skip
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
HOSTILE = (
    "Evil\x1b[2J\x1b]0;pwned\x07\x9b31m\x00\x7f\r\n## heading\udc9b | pipe <script>alert(1)"
    "</script> <img src=https://evil.example/x.png> https://evil.example/track [a](http://x.io)"
)
TEXT = st.one_of(st.text(max_size=15), st.sampled_from([HOSTILE, "# h", "- l", "`", "|", ""]))


@st.composite
def an_item(draw: st.DrawFn, origins: list[str]) -> Item:
    """Any item a session may hold, with a small ID so IDs recur across sessions."""
    kind = draw(st.sampled_from(["P", "D", "A", "I", "N", "M", "W", "H", "Q"]))
    number, text = draw(st.integers(1, 4)), draw(TEXT)
    item_id, origin = f"{kind}-{number}", draw(st.sampled_from(["", *origins]))
    due = draw(st.none() | st.dates(dt.date(2026, 1, 1), dt.date(2026, 6, 1)))
    match kind:
        case "P":
            return Participant(item_id, text, side=draw(st.sampled_from(Side)),
                               present=draw(st.booleans()), origin=origin)  # fmt: skip
        case "D":
            supersedes = draw(st.sampled_from(["", "D-1", "D-2", "D-3", "D-4"]))
            status = draw(st.sampled_from(DecisionStatus))
            return Decision(item_id, text, (draw(TEXT),), status=status, supersedes=supersedes,
                            origin=origin)  # fmt: skip
        case "A":
            return ActionItem(item_id, text, draw(TEXT), due,
                              draw(st.sampled_from(ActionStatus)), origin=origin)  # fmt: skip
        case "I":
            return Irritant(item_id, text, status=draw(st.sampled_from(IrritantStatus)),
                            origin=origin)  # fmt: skip
        case "M":
            return Metric(item_id, text, audience_side=draw(st.sampled_from(Side)),
                          metric_kind=draw(st.sampled_from(MetricKind)))  # fmt: skip
        case "W":
            return Win(item_id, text, draw(TEXT), origin=origin)
        case "H":
            return Rating(item_id, draw(TEXT), draw(st.sampled_from(RatingLevel)),
                          step=draw(st.sampled_from(["", "review", "gone"])))  # fmt: skip
        case "Q":
            present = draw(st.integers(1, 30))
            return ShowOfHands(item_id, text or "?", draw(st.integers(0, present)), present)
    return Note(item_id, text)


@st.composite
def programmes(draw: st.DrawFn) -> list[tuple[Path, Session]]:
    """One to four sessions in running order, each holding random items (an ID once)."""
    sessions: list[tuple[Path, Session]] = []
    date = dt.date(2026, 1, 1)
    playbook = PlaybookSnapshot("p", draw(TEXT), "1", STEPS)
    for number in range(draw(st.integers(1, 4))):
        date += dt.timedelta(days=draw(st.integers(0, 40)))
        stem = f"{date.isoformat()}-s{number}"
        info = SessionInfo(title=draw(TEXT), client=draw(TEXT), date=date, facilitator="",
                           playbook=playbook, current_step="review")  # fmt: skip
        session = Session(info=info)
        origins = [path.stem for path, _ in sessions]
        items = {item.id: item for item in draw(st.lists(an_item(origins), max_size=12))}
        for item in items.values():
            getattr(session, TABLE_BY_KIND[item.kind]).append(item)
        sessions.append((Path(f"/ws/sessions/c/{stem}.json"), session))
    return sessions


def raw_html(markdown: str) -> list[str]:
    found = []
    for token in HTML_AWARE.parse(markdown):
        if token.type == "html_block":
            found.append(token.content)
        found.extend(c.content for c in token.children or () if c.type == "html_inline")
    return found


def headings(markdown: str) -> list[str]:
    tokens = HTML_AWARE.parse(markdown)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]


class Tags(HTMLParser):
    """The page's real tags and attributes (escaped text is not a tag)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.extend((name, value or "") for name, value in attrs)


def assert_safe_page(page: str) -> None:
    assert not CONTROL.findall(page)
    page.encode("utf-8")  # no lone surrogate
    parser = Tags()
    parser.feed(page)
    assert not parser.tags & {"script", "img", "link", "iframe", "object", "embed", "a"}
    assert not [(n, v) for n, v in parser.attributes if n in ("src", "href") or "http" in v]
    assert not re.search(r"@import|url\(", page)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_any_sessions_render_the_same_bytes_and_structure(
    sessions: list[tuple[Path, Session]],
) -> None:
    text = render_programme(build_programme(sessions))
    assert text == render_programme(build_programme(sessions))
    assert text.endswith("\n") and not text.endswith("\n\n") and "\r" not in text
    assert not CONTROL.findall(text)
    assert raw_html(text) == []
    found = headings(text)
    assert found[0].startswith("Programme review: ") and found[1:] == SECTIONS
    assert_safe_page(render_programme_html(build_programme(sessions)))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_a_sample_of_programmes_passes_the_markdown_linter(
    sessions: list[tuple[Path, Session]],
) -> None:
    assert lint(render_programme(build_programme(sessions))) == []


def test_the_page_of_the_worked_example_is_standalone(tmp_path: Path) -> None:
    from coalition.services.programme import client_programme
    from programme_example import CLIENT, build_example

    page = render_programme_html(client_programme(build_example(tmp_path), CLIENT)[1])
    assert_safe_page(page)
    assert page.startswith("<!DOCTYPE html>") and page.count("<svg") == 4
    assert "Acme Health" in page and "D-1 → D-3" in page
    assert page == render_programme_html(client_programme(build_example(tmp_path / "b"), CLIENT)[1])


def test_hostile_text_is_shown_not_obeyed() -> None:
    playbook = PlaybookSnapshot("p", "p", "1", STEPS)
    info = SessionInfo(title=HOSTILE, client=HOSTILE, date=dt.date(2026, 1, 1), facilitator="",
                       playbook=playbook, current_step="review")  # fmt: skip
    session = Session(info=info, decisions=[Decision("D-1", HOSTILE, (HOSTILE,))],
                      wins=[Win("W-1", HOSTILE, HOSTILE)],
                      ratings=[Rating("H-1", HOSTILE, RatingLevel.RED)],
                      shows_of_hands=[ShowOfHands("Q-1", HOSTILE, 3, 4)])  # fmt: skip
    programme = build_programme([(Path("/ws/sessions/c/2026-01-01-x.json"), session)])
    page = render_programme_html(programme)
    assert_safe_page(page)
    assert "&lt;script&gt;" in page and "␛" in page and "\\udc9b" in page
    text = render_programme(programme)
    assert raw_html(text) == [] and headings(text)[1:] == SECTIONS
    assert lint(text) == []
