"""Whatever people type, the room's pages show it as text: never markup, never a control."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.room.pages import _ENVIRONMENT
from coalition.room.views import KIND_LABELS


def render_live(name: str, text: str) -> str:
    state = {
        "me": {"participant": "P-1", "name": name},
        "anonymous": False,
        "step": {"id": "s", "title": text, "purpose": "", "prompts": [text], "kinds": []},
        "cards": [{"id": "C-1", "kind": "note", "text": text, "step": "s"}],
        "revealed": [{"id": "N-1", "kind": "note", "text": text}],
        "vote": None,
        "results": [{"item": "I-1", "text": text, "dots": 2, "people": 1}],
        "limits": {"text_chars": 500},
    }
    template = _ENVIRONMENT.get_template("room.html")
    return template.render(state=state, csrf="c", key="k", kind_labels=KIND_LABELS)


class Tags(HTMLParser):
    """The page's structure: every start tag with its attribute names."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[str, ...]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(name for name, _ in attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(page: str) -> Tags:
    tags = Tags()
    tags.feed(page)
    tags.close()
    return tags


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.text(max_size=200))
def test_any_name_and_card_text_is_escaped(name: str, text: str) -> None:
    """The page has the same tags whatever the text, and shows the text as it was typed."""
    hostile = parsed(render_live(name, text))
    plain = parsed(render_live("x", "x"))
    assert hostile.tags == plain.tags
    if text.strip():
        assert any(text.strip() in chunk for chunk in hostile.text)
