"""What the app relies on inside Textual (tui/textual_internals.py), checked one by one.

When one of these fails after a Textual upgrade, read the message: it says what changed and
what to re-check before moving `PINNED_TEXTUAL` (and the pin in pyproject.toml) on.
"""

from __future__ import annotations

import gc
import hashlib
import inspect
from collections.abc import Callable
from pathlib import Path

import textual
from textual import events
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Input
from textual.widgets.data_table import RowKey

from coalition.tui import textual_internals
from coalition.tui.app import CoalitionApp
from coalition.tui.textual_internals import (
    PINNED_TEXTUAL,
    FixedColumnsTable,
    full_collections_back,
    full_collections_off,
    keys_handled,
    relayout_columns,
    shown_notifications,
    withdraw_notification,
)

RECHECK = (
    "Textual changed under coalition.tui.textual_internals: re-check the toasts (at most two "
    "on screen), the type-ahead gate (tests/tui/test_tui_typing_ahead.py and typing fast in "
    "a terminal), the fixed-width tables (items list, tool tables: resize and 2,000-item step "
    "change speed, see benchmarks/), the GC tuning (keypress p95 with 2,000 items), the test "
    "helpers in tests/tui/helpers.py, and regenerate the snapshots; then update "
    "PINNED_TEXTUAL and the hashes in this test."
)

# sha256 (first 16 hex digits) of DataTable._update_dimensions in Textual 8.2.8: the end of
# it is what FixedColumnsTable._update_dimensions keeps.
UPDATE_DIMENSIONS_SHA = "c62ef3216f7c354b"
# ... and of DataTable._render_line_in_row: what a row's lines depend on is FixedColumnsTable's
# key for keeping them.
RENDER_LINE_IN_ROW_SHA = "669cc46a7ca119d2"


def source_digest(function: Callable[..., object]) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


def test_textual_is_the_pinned_version() -> None:
    assert textual.__version__ == PINNED_TEXTUAL, (
        f"Textual {textual.__version__} is installed, {PINNED_TEXTUAL} is pinned. {RECHECK}"
    )
    pyproject = (Path(__file__).resolve().parents[2] / "pyproject.toml").read_text()
    assert f'"textual=={PINNED_TEXTUAL}"' in pyproject, f"pyproject.toml pins another. {RECHECK}"


def test_the_private_names_still_exist_with_the_signatures_relied_on() -> None:
    unnotify = inspect.signature(App._unnotify)
    assert list(unnotify.parameters) == ["self", "notification", "refresh"], RECHECK
    update = inspect.signature(DataTable._update_dimensions)
    assert list(update.parameters) == ["self", "new_rows"], RECHECK
    assert callable(DataTable._clear_caches), RECHECK
    table_source = inspect.getsource(DataTable)
    for name in ("_require_update_dimensions", "_row_label_column_width", "_total_row_height"):
        assert f"self.{name}" in table_source, f"DataTable.{name} is gone. {RECHECK}"
    assert "_notifications" in inspect.getsource(App.__init__), RECHECK


def test_datatable_update_dimensions_is_the_one_overridden() -> None:
    """FixedColumnsTable keeps only the end of this method: a change to it needs a look."""
    digest = source_digest(DataTable._update_dimensions)
    assert digest == UPDATE_DIMENSIONS_SHA, (
        f"DataTable._update_dimensions changed (sha {digest}). {RECHECK}"
    )


def test_datatable_render_line_in_row_reads_what_the_row_cache_keys_on() -> None:
    """FixedColumnsTable keeps a row's lines while its key is the same: a change to what
    DataTable reads when it draws a row needs a look at that key."""
    digest = source_digest(DataTable._render_line_in_row)
    assert digest == RENDER_LINE_IN_ROW_SHA, (
        f"DataTable._render_line_in_row changed (sha {digest}). {RECHECK}"
    )


class TableApp(App[None]):
    def compose(self) -> ComposeResult:
        yield FixedColumnsTable[str](id="fixed")
        yield DataTable[str](id="stock")


async def test_fixed_columns_table_sizes_like_datatable_without_measuring() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        fixed = app.query_one("#fixed", FixedColumnsTable)
        stock = app.query_one("#stock", DataTable)
        for table in (fixed, stock):
            table.add_column("ID", width=4, key="id")
            table.add_column("Text", width=30, key="text")
            for number in range(50):
                table.add_row(f"A-{number}", "x" * 10, key=str(number))
        await pilot.pause()
        assert fixed.virtual_size == stock.virtual_size, RECHECK
        assert fixed.virtual_size.height == 51, RECHECK  # 50 rows and the header
        fixed.columns[next(iter(fixed.columns))].width = 8
        relayout_columns(fixed)
        await pilot.pause()
        assert fixed.virtual_size.width == stock.virtual_size.width + 4, RECHECK


async def test_fixed_columns_table_draws_again_only_the_rows_that_changed(
    monkeypatch: object,
) -> None:
    """A row added, the cursor moved one row, a cell changed: only the rows whose lines
    differ are drawn again, and every row on screen shows what it holds."""
    app = TableApp()
    drawn: list[str] = []
    draw = DataTable._render_line_in_row

    def counting(table: DataTable[str], row_key: RowKey, *args: object) -> object:
        if row_key.value is not None:  # the header row is drawn as DataTable does
            drawn.append(str(row_key.value))
        return draw(table, row_key, *args)  # type: ignore[arg-type]

    async with app.run_test(size=(80, 24)) as pilot:
        fixed = app.query_one("#fixed", FixedColumnsTable)
        fixed.cursor_type = "row"
        fixed.add_column("ID", width=4, key="id")
        fixed.add_column("Text", width=30, key="text")
        for number in range(50):
            fixed.add_row(f"A-{number}", f"text {number}", key=str(number))
        fixed.focus()
        await pilot.pause()
        setattr(DataTable, "_render_line_in_row", counting)  # noqa: B010
        try:
            fixed.add_row("A-50", "text 50", key="50")  # below the screen
            await pilot.pause()
            assert drawn == [], RECHECK
            fixed.move_cursor(row=1)
            await pilot.pause()
            assert sorted(set(drawn)) == ["0", "1"], RECHECK
            drawn.clear()
            fixed.update_cell("3", "text", "changed")
            await pilot.pause()
            assert set(drawn) == {"3"}, RECHECK
        finally:
            setattr(DataTable, "_render_line_in_row", draw)  # noqa: B010
        lines = [fixed.render_line(y).text for y in range(1, 6)]
        assert [line.split()[0] for line in lines] == ["A-0", "A-1", "A-2", "A-3", "A-4"]
        assert "changed" in lines[3] and "text 2" in lines[2], RECHECK
        fixed.columns[next(iter(fixed.columns))].width = 6  # a relayout draws them all again
        relayout_columns(fixed)
        await pilot.pause()
        assert fixed.render_line(1).text.startswith(" A-0   "), RECHECK


class ToastApp(App[None]):
    def compose(self) -> ComposeResult:
        yield from ()


async def test_notifications_are_listed_and_withdrawn() -> None:
    app = ToastApp()
    async with app.run_test() as pilot:
        app.notify("one")
        app.notify("two")
        await pilot.pause()
        shown = shown_notifications(app)
        assert [n.message for n in shown] == ["one", "two"], RECHECK
        withdraw_notification(app, shown[0])
        await pilot.pause()
        assert [n.message for n in shown_notifications(app)] == ["two"], RECHECK


async def test_the_app_keeps_at_most_two_toasts(app_factory: Callable[..., CoalitionApp]) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        for number in range(4):
            app.notify(f"toast {number}")
            await pilot.pause()
        assert [n.message for n in shown_notifications(app)] == ["toast 2", "toast 3"], RECHECK


def test_full_collections_go_off_and_come_back() -> None:
    before = gc.get_threshold()
    saved = full_collections_off()
    try:
        assert saved == before
        assert gc.get_threshold()[2] == textual_internals.FULL_COLLECTIONS_OFF
    finally:
        full_collections_back(saved)
    assert gc.get_threshold() == before


class FieldApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="field")


async def test_keys_handled_sees_a_key_on_its_way() -> None:
    """The type-ahead gate: a message waiting for the focused field, or a key on its way
    back in the app's queue, means not handled yet; keys typed later do not count."""
    app = FieldApp()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.focused is app.query_one("#field")
        assert keys_handled(app), RECHECK
        app.query_one("#field").post_message(events.Key("tab", None))
        assert not keys_handled(app), RECHECK
        await pilot.pause()
        assert keys_handled(app), RECHECK
        app._message_queue.put_nowait(events.Key("a", "a"))  # typed later: does not count
        assert keys_handled(app), RECHECK
        await pilot.pause()
        bubbled = events.Key("tab", None)
        bubbled._set_forwarded()
        app._message_queue.values.append(bubbled)
        assert not keys_handled(app), RECHECK
        app._message_queue.values.clear()
        app.call_next(lambda: None)
        assert not keys_handled(app), RECHECK


def test_the_test_helpers_internals_exist() -> None:
    """tests/tui/helpers.py types bursts through `App._driver` and reads the screen through
    `Screen._compositor`; `textual.keys._character_to_key` names a typed character."""
    from textual.keys import _character_to_key

    assert _character_to_key("+") == "plus", RECHECK
    assert "_driver" in inspect.getsource(App.__init__), RECHECK
    assert "_compositor" in inspect.getsource(Screen.__init__), RECHECK
