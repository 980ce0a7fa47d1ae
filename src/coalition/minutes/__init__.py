"""Markdown minutes: a pure, deterministic rendering of a session (no Textual here)."""

from coalition.minutes.render import render_minutes

__all__ = ["render_minutes"]
