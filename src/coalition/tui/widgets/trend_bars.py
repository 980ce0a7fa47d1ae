"""A trend as a row of bars from zero, one group of cells per session, and the axis that
names the sessions under them.

Textual's Sparkline scales between the smallest and largest value, so a steady 2, 2, 2 draws
as three empty bars; a programme's counts read right only from zero. Zero is a dot (the
lowest bar is a value above zero); a session without a value (a share of no metrics) draws
nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

LEVELS = "▁▂▃▄▅▆▇█"
ZERO = "·"


def bars(values: Sequence[float | None], width: int) -> str:
    """`width` cells of bars, each session's value scaled against the largest; sessions
    apart by a gap when there is room for one."""
    if not values or width <= 0:
        return ""
    top = max((v for v in values if v is not None), default=0.0)
    cells = max(1, width // len(values))
    drawn = cells - 1 if cells >= 3 else cells
    out = []
    for value in values:
        if value is None:
            mark = " "
        elif value <= 0:
            mark = ZERO
        else:
            mark = LEVELS[round((len(LEVELS) - 1) * value / top)]
        out.append(mark * drawn + " " * (cells - drawn))
    return "".join(out)[:width]


def axis(count: int, width: int) -> str:
    """`S1  S2  S3  `: each session's label under the first cell of its bars, as `bars`
    lays them out; when the cells are too narrow, every second (third …) session's."""
    if count <= 0 or width <= 0:
        return ""
    cells = max(1, width // count)
    room = len(f"S{count}") + 1  # the longest label and a space
    every = -(-room // cells)  # sessions a label spans
    row = [" "] * (cells * count)
    for index in range(0, count, every):
        label = f"S{index + 1}"
        row[index * cells : index * cells + len(label)] = label
    return "".join(row)[:width]


class TrendBars(Static):
    """Bars for a trend; redrawn to fit whatever width the layout gives."""

    def __init__(self, values: Sequence[float | None], *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.values = list(values)

    def render(self) -> Text:
        return Text(bars(self.values, self.content_region.width), no_wrap=True)


class TrendAxis(Static):
    """The sessions' labels (S1, S2 …) under the bars, fitted to the same width."""

    def __init__(self, count: int, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self.count = count

    def render(self) -> Text:
        return Text(axis(self.count, self.content_region.width), no_wrap=True)
