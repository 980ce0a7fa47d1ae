"""Every use of Textual's private internals, and the memory tuning measured on it, in one place.

Textual is pinned (pyproject.toml); these lean on what version `PINNED_TEXTUAL` does inside.
tests/tui/test_textual_internals.py checks each of them and fails with what to re-check
when an upgrade changes them. Nothing else in the app touches a `_`-prefixed Textual name.

- Toasts: `App._notifications` (what is shown) and `App._unnotify` (withdraw one), so that
  at most two notifications are on screen at once.
- Tables with fixed-width columns: `DataTable._clear_caches` and
  `_require_update_dimensions` to re-lay out after a resize, an override of
  `DataTable._update_dimensions` that skips measuring every new row's cells, and one of
  `_render_line_in_row` that keeps each row's lines while nothing they show changed
  (`_row_locations`, `_data`, `_show_hover_cursor`, `_pseudo_class_state`).
- Typed-ahead keys: whether the app and the focus chain have handled every message
  (`MessagePump._message_queue`, `_pending_message`, `_next_callbacks`), so that the app
  routes a key only once the one before it is handled.
- Garbage collection: full collections off while the app runs, done at idle moments.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from typing import Any, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.app import App
from textual.coordinate import Coordinate
from textual.dom import DOMNode
from textual.geometry import Size
from textual.message_pump import MessagePump
from textual.notifications import Notification
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

PINNED_TEXTUAL = "8.2.8"

# -- notifications -------------------------------------------------------------------------


def shown_notifications(app: App[Any]) -> list[Notification]:
    """The notifications on screen now, oldest first."""
    return list(app._notifications)


def withdraw_notification(app: App[Any], notification: Notification) -> None:
    """Take a notification off the screen (the toast rack is redrawn with the next one)."""
    app._unnotify(notification, refresh=False)


# -- keys ----------------------------------------------------------------------------------


def _pump_busy(pump: MessagePump) -> bool:
    """A message waits in the pump's queue (Textual's queue drops one once it is taken)."""
    return bool(pump._message_queue.qsize() or pump._pending_message is not None)


def keys_handled(app: App[Any]) -> bool:
    """True when nothing is left of the keys routed so far.

    Called by the app while it handles a message (a key, a callback): its own queue must
    hold nothing but keys typed since (a key's way back up ends there) and no callback may
    be waiting (a dismissed dialog's answer); the screen must be mounted, and the focused
    widget, its ancestors and the screen all idle.
    """
    waiting: Iterable[object] = app._message_queue.values  # keys typed later wait there too
    if app._next_callbacks or any(
        not isinstance(message, events.Key) or message.is_forwarded for message in waiting
    ):
        return False
    screen = app.screen
    if not screen.is_mounted:
        return False
    node: DOMNode | None = app.focused or screen
    while node is not None and node is not app:
        if _pump_busy(node):
            return False
        node = node.parent
    return not _pump_busy(screen)


# -- tables --------------------------------------------------------------------------------

CellType = TypeVar("CellType")
_RowLines = tuple[list[list[Segment]], list[list[Segment]]]  # DataTable's (fixed, scrollable)
LASTING_ROWS = 4_096  # rows' lines kept at most (a screenful is 20 to 60)


def relayout_columns(table: DataTable[Any]) -> None:
    """Redraw a table after its columns' widths changed (DataTable has no public call)."""
    table._clear_caches()
    table._require_update_dimensions = True
    table.refresh()


class FixedColumnsTable(DataTable[CellType], Generic[CellType]):
    """A DataTable whose columns all have a fixed width and whose rows are one line each.

    DataTable measures every new row's cells for auto-width columns (Textual 8.2.8): at
    2,000 rows that built every row's text on each step change. Here only the scrollable
    size is set, as the end of DataTable's own `_update_dimensions` does.

    Rows are also drawn from a cache of their own (with the row cursor). DataTable keys its
    row cache with a counter that every added or changed row moves on, and with the cursor's
    coordinate, so capturing one item or moving the cursor one row drew every row on screen
    again (about half of a capture's time with 300 items, twice that while the room takes
    cards). Here a row's lines are kept while its index, its cells (the very same objects:
    a changed cell is a new one), the column widths, the widget's width and styles, and
    whether the cursor or the mouse is on it stay as they were.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._lasting_rows: dict[tuple[object, ...], tuple[tuple[object, ...], _RowLines]] = {}
        super().__init__(*args, **kwargs)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        header_height = self.header_height if self.show_header else 0
        width = sum(column.get_render_width(self) for column in self.columns.values())
        self.virtual_size = Size(
            width + self._row_label_column_width, self._total_row_height + header_height
        )

    def _render_line_in_row(
        self,
        row_key: RowKey,
        line_no: int,
        base_style: Style,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ) -> _RowLines:
        draw = super()._render_line_in_row
        if self.cursor_type != "row" or row_key not in self._row_locations:
            return draw(row_key, line_no, base_style, cursor_location, hover_location)
        row = self._row_locations.get(row_key)
        cells = tuple(self._data[row_key].values())
        widths = tuple(column.get_render_width(self) for column in self.columns.values())
        key = (
            row_key, row, line_no, base_style, cursor_location.row == row,
            hover_location.row == row, self.show_cursor, self._show_hover_cursor,
            self._pseudo_class_state, self.size.width, widths,
        )  # fmt: skip
        kept = self._lasting_rows.get(key)
        if kept is not None and _same_objects(kept[0], cells):
            return kept[1]
        lines = draw(row_key, line_no, base_style, cursor_location, hover_location)
        if len(self._lasting_rows) >= LASTING_ROWS:
            self._lasting_rows.clear()
        self._lasting_rows[key] = (cells, lines)
        return lines

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._lasting_rows = {}

    def notify_style_update(self) -> None:
        self._lasting_rows = {}
        super().notify_style_update()


def _same_objects(before: tuple[object, ...], now: tuple[object, ...]) -> bool:
    return len(before) == len(now) and all(a is b for a, b in zip(before, now, strict=True))


# -- memory --------------------------------------------------------------------------------
#
# With thousands of items the heap holds a few hundred thousand objects (Textual's widgets,
# styles and strips among them), and each of Python's automatic full collections walked them
# all: 40-100 ms, landing on random keypresses (a step change with 2,000 items went from
# ~25 ms to ~90 ms, measured with Textual 8.2.8). While the app runs, full collections happen
# only when the app says the room is idle, and what is alive then is frozen so that the young
# collections in between stay short. Each tidy unfreezes first, so nothing is kept for good.

FULL_COLLECTIONS_OFF = 1_000_000  # gc threshold2: no automatic full collection


def full_collections_off() -> tuple[int, int, int]:
    """Stop automatic full collections; returns the thresholds to restore."""
    thresholds = gc.get_threshold()
    young, middle, _ = thresholds
    gc.set_threshold(young, middle, FULL_COLLECTIONS_OFF)
    return thresholds


def full_collections_back(thresholds: tuple[int, int, int]) -> None:
    """Undo `full_collections_off` and forget what was frozen."""
    gc.set_threshold(*thresholds)
    gc.unfreeze()


def tidy_memory() -> None:
    """One full collection now, then freeze what survived (young collections skip it)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()
