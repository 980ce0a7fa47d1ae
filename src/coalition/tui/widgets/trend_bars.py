"""A trend as a row of bars from zero, one group of cells per session.

Textual's Sparkline scales between the smallest and largest value, so a steady 2, 2, 2 draws
as three empty bars; a programme's counts read right only from zero.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

LEVELS = "▁▂▃▄▅▆▇█"


def bars(values: Sequence[float], width: int) -> str:
    """`width` cells of bars, each session's value scaled against the largest (zero is ▁);
    sessions apart by a gap when there is room for one."""
    if not values or width <= 0:
        return ""
    top = max(max(values), 1e-9)
    cells = max(1, width // len(values))
    out = []
    for value in values:
        level = 0 if value <= 0 else 1 + round((len(LEVELS) - 2) * value / top)
        out.append(LEVELS[level] * (cells - 1) + " " if cells >= 3 else LEVELS[level] * cells)
    return "".join(out)[:width]


class TrendBars(Static):
    """Bars for a trend; redrawn to fit whatever width the layout gives."""

    def __init__(self, values: Sequence[float], *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.values = list(values)

    def render(self) -> Text:
        return Text(bars(self.values, self.content_region.width), no_wrap=True)
