"""The table every alignment tool edits: fixed and flexible columns that fill the width.

The tools hold tens of rows (stages, metrics, irritants), so a change rebuilds the rows and
puts the cursor back on the same row key and column; the table stays readable at 80
columns because flexible columns share what the fixed ones leave.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey, RowDoesNotExist

from coalition.tui.safe_text import safe
from coalition.tui.textual_internals import relayout_columns

Cell = Text | str
# each column has one cell of padding on both sides; keep room for the scrollbar
PADDING = 2
SCROLLBAR = 2


@dataclass(frozen=True, slots=True)
class Column:
    """A column: a fixed `width`, or (width 0) a share of the rest by `weight`."""

    key: str
    label: str
    width: int = 0
    weight: int = 1
    min_width: int = 4


def column_widths(columns: Sequence[Column], total: int) -> list[int]:
    """The width of each column so that the table fills `total` cells."""
    fixed = sum(c.width for c in columns) + PADDING * len(columns) + SCROLLBAR
    flexible = [c for c in columns if not c.width]
    room = max(0, total - fixed)
    weights = sum(c.weight for c in flexible) or 1
    widths: list[int] = []
    given = 0
    for column in columns:
        if column.width:
            widths.append(column.width)
            continue
        share = room * column.weight // weights
        widths.append(max(column.min_width, share))
        given += share
    # hand the cells lost to rounding to the first flexible column
    if flexible and room > given:
        first = next(i for i, c in enumerate(columns) if not c.width)
        widths[first] += room - given
    return widths


class ToolTable(DataTable[Cell]):
    """A DataTable with `Column` specs, rebuilt by `fill` with the cursor kept in place."""

    def __init__(
        self,
        columns: Sequence[Column],
        *,
        cursor: Literal["row", "cell"] = "row",
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, cursor_type=cursor, zebra_stripes=True)
        self.specs = tuple(columns)
        self._widths: list[int] = []

    def on_mount(self) -> None:
        self._widths = column_widths(self.specs, self.size.width or 80)
        for spec, width in zip(self.specs, self._widths, strict=True):
            self.add_column(spec.label, width=width, key=spec.key)

    def on_resize(self) -> None:
        widths = column_widths(self.specs, self.size.width)
        if widths == self._widths:
            return
        self._widths = widths
        for spec, width in zip(self.specs, widths, strict=True):
            self.columns[ColumnKey(spec.key)].width = width
        relayout_columns(self)

    def fill(
        self, rows: Iterable[tuple[str, Sequence[Cell]]], cursor_key: str | None = None
    ) -> None:
        """Replace every row; the cursor goes to `cursor_key` (or stays at its position)."""
        row, column = self.cursor_coordinate
        self.clear()
        for key, cells in rows:  # Text only: DataTable reads a str as markup
            self.add_row(*(safe(cell) for cell in cells), key=key)
        if cursor_key is not None:
            with contextlib.suppress(RowDoesNotExist):
                row = self.get_row_index(cursor_key)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1), column=column, animate=False)

    def cursor_key(self) -> str | None:
        """The key of the highlighted row (None when the table is empty)."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def cursor_field(self) -> str:
        """The key of the highlighted column (the first one in row mode)."""
        index = self.cursor_coordinate.column if self.cursor_type == "cell" else 0
        return self.specs[min(index, len(self.specs) - 1)].key
