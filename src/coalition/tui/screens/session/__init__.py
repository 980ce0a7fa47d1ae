"""The session screen, split by job: see screen.py."""

from coalition.tui.screens.session.screen import SessionScreen

__all__ = ["SessionScreen"]
