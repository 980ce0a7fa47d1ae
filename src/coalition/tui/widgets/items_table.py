"""The items captured in the current step, one row each, updated row by row.

A DataTable scales to thousands of rows; the screen adds, replaces or removes single rows
after each save instead of rebuilding the table, so a keypress stays fast at 2,000 items.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets.data_table import ColumnKey, RowDoesNotExist

from coalition.domain.decision_log import is_superseded
from coalition.domain.models import (
    ActionItem,
    Decision,
    DecisionStatus,
    Initiative,
    Irritant,
    Item,
    Objective,
    Side,
)
from coalition.domain.progress import Rating, RatingLevel, Win
from coalition.domain.show_of_hands import ShowOfHands
from coalition.services.editing import can_be_owned, owner_of
from coalition.tui.safe_text import plain
from coalition.tui.textual_internals import FixedColumnsTable, relayout_columns
from coalition.tui.widgets.theme_colours import solid
from coalition.visible_text import visible

KIND_STYLE = {"D": "bold", "A": "bold", "I": "bold", "W": "bold", "H": "bold", "N": "dim", "P": ""}
STATUS_WIDTH = 10
SHORT_STATUS = {"being-removed": "removing"}  # the rest fit
# A rating shows its level as a word after a mark: readable without colour, and on a
# monochrome projector. The mark takes the theme's colour for the level.
LEVEL_MARK = "●"
LEVEL_COLOUR = {
    RatingLevel.GREEN: "success",
    RatingLevel.AMBER: "warning",
    RatingLevel.RED: "error",
}
NO_REPLACEMENTS: Mapping[str, str] = {}


def level_text(level: RatingLevel, colours: Mapping[str, str] | None = None) -> Text:
    """`● amber`, the mark in the level's theme colour when `colours` are given."""
    style = f"bold {colours[LEVEL_COLOUR[level]]}" if colours else "bold"
    return Text.assemble((LEVEL_MARK, style), f" {level.value}")


def item_text(item: Item) -> str:
    """What the list shows as the item's text: a rating's evidence, a name, or the text."""
    if isinstance(item, Rating):
        return item.comment or "(no evidence given)"
    return str(getattr(item, "text", "") or getattr(item, "name", ""))


FIRST_ROWS = 80  # more than a screenful, even on a projector
LATER_ROWS = 400
APPENDED_ROWS = 100  # rows added below the others at a time (`append_items`)
ID_WIDTH = 4  # widened when an ID is longer
SCROLLBAR = 1


def describe(item: Item, replaced: Mapping[str, str] = NO_REPLACEMENTS) -> Text:
    """The item's text followed by its owner, due date or votes (in full, for the status
    line); `replaced` maps a superseded decision to the one that replaced it."""
    text = plain(item_text(item))
    if isinstance(item, Rating):
        text = level_text(item.level) + Text("  ") + text
        if item.dimension:
            text.append(f"  on {visible(item.dimension)}", style="dim")
        return text
    owner = owner_of(item)
    if owner:
        text.append(f"  @{visible(owner)}", style="italic")
    elif can_be_owned(item):
        text.append("  no owner", style="dim italic")
    stages = getattr(item, "stages", None)
    if stages is not None:
        text.append(f"  {len(stages)} stages", style="dim")
    audience = getattr(item, "audience", "")
    if audience:
        text.append(f"  to {visible(audience)}", style="dim")
    if isinstance(item, ActionItem):
        text.append(f"  due {item.due.isoformat()}" if item.due else "  no due date", style="dim")
    if isinstance(item, Irritant):
        text.append(f"  +{item.votes}", style="bold")
    if isinstance(item, ShowOfHands):
        text.append(f"  {item.tally} hands up: {item.verdict}", style="bold")
    if isinstance(item, Objective | Initiative):
        side = ("IT" if item.side is Side.IT else "business") if isinstance(item, Objective) else ""
        marks = [side, "AI" if isinstance(item, Initiative) and item.ai else ""]
        marks.append(f"serves {visible(item.serves)}" if item.serves else "")
        text.append("".join(f"  {mark}" for mark in marks if mark), style="dim")
    if isinstance(item, Decision):
        if item.supersedes:
            text.append(f"  supersedes {visible(item.supersedes)}", style="bold")
        if item.id in replaced:
            text.append(f"  superseded by {visible(replaced[item.id])}", style="bold")
    return text


def status_of(item: Item, replaced: Mapping[str, str] = NO_REPLACEMENTS) -> str:
    """The status column's word (a rating's level has its own cell: `status_cell`)."""
    if isinstance(item, Decision) and is_superseded(item, replaced):
        return DecisionStatus.SUPERSEDED.value
    if isinstance(item, Decision | ActionItem | Irritant):
        return item.status.value
    if isinstance(item, Rating):
        return item.level.value
    if isinstance(item, ShowOfHands):  # Kotter's urgency test: three in four or more
        return "≥ 3/4" if item.reaches_threshold else "< 3/4"
    return ""


def status_cell(
    item: Item, replaced: Mapping[str, str], colours: Mapping[str, str] | None = None
) -> Text:
    """The status column: a word, or a rating's marked level."""
    if isinstance(item, Rating):
        return level_text(item.level, colours)
    status = status_of(item, replaced)
    return plain(SHORT_STATUS.get(status, status))


def short_name(name: str, room: int = 10) -> str:
    """`Alice Smith` as is when it fits, else `Alice S.`."""
    words = visible(name).split()
    if len(name) <= room or len(words) < 2:
        return visible(name)
    return f"{words[0]} {words[-1][0]}."


def item_suffix(item: Item) -> Text:
    """What the list shows after the text: owner, due date, votes (short forms)."""
    suffix = Text()
    if isinstance(item, Irritant):
        suffix.append(f"+{item.votes} ", style="bold")
    if isinstance(item, Initiative) and item.ai:
        suffix.append("AI ", style="bold")
    if isinstance(item, Objective):
        suffix.append("IT " if item.side is Side.IT else "business ", style="dim")
    if isinstance(item, Decision | Initiative) and item.owners:
        more = f" +{len(item.owners) - 1}" if len(item.owners) > 1 else ""
        suffix.append(f"@{short_name(item.owners[0])}{more}", style="italic")
    elif isinstance(item, ActionItem | Irritant | Win) and item.owner:
        suffix.append(f"@{short_name(item.owner)}", style="italic")
    elif can_be_owned(item):
        suffix.append("no owner", style="dim italic")
    if isinstance(item, ActionItem):
        due = f" {item.due:%b} {item.due.day}" if item.due else " no due"
        suffix.append(due, style="bold" if item.due else "dim")
    stages = getattr(item, "stages", None)
    if stages is not None:
        suffix.append(f"{len(stages)} stages", style="dim")
    audience = getattr(item, "audience", "")
    if audience:
        suffix.append(f"to {visible(audience)}", style="dim")
    if isinstance(item, Rating) and item.dimension:
        suffix.append(f"on {visible(item.dimension)}", style="dim")
    if isinstance(item, ShowOfHands):
        suffix.append(f"{item.yes}/{item.present} {item.percent} %",
                      style="bold" if item.reaches_threshold else "")  # fmt: skip
    if isinstance(item, Objective | Initiative) and item.serves:
        gap = " " if suffix and not suffix.plain.endswith(" ") else ""
        suffix.append(f"{gap}→ {visible(item.serves)}", style="dim")
    suffix.rstrip()
    return suffix


def item_cell(item: Item, width: int) -> Text:
    """The item column in `width` cells: the text, cut if need be, then its suffix."""
    suffix = item_suffix(item)
    most = width * 3 // 5  # the text keeps at least two fifths
    if suffix.cell_len > most:
        suffix.truncate(most, overflow="ellipsis")
    room = max(1, width - suffix.cell_len - (1 if suffix else 0))
    text = plain(item_text(item))
    text.truncate(room, overflow="ellipsis", pad=bool(suffix))
    if suffix:
        text.append(" ")
        text.append_text(suffix)
    return text


class ItemColumn:
    """The width the item column has now (shared by every row's cell)."""

    __slots__ = ("width",)

    def __init__(self, width: int) -> None:
        self.width = width


class ItemCell:
    """One row's item column, built only when the row is drawn.

    A step can hold thousands of items: building every row's rich Text up front cost time
    on each step change and gave the garbage collector thousands of objects to walk.
    """

    __slots__ = ("column", "item")

    def __init__(self, item: Item, column: ItemColumn) -> None:
        self.item = item
        self.column = column

    def __rich__(self) -> Text:
        return item_cell(self.item, self.column.width)


class ItemsTable(FixedColumnsTable[ItemCell | Text]):
    """Rows keyed by item ID. Keys act on the highlighted row (see the footer).

    Every column has a fixed width and every row one line: new rows are not measured.
    """

    DEFAULT_CSS = """
    ItemsTable { scrollbar-size-vertical: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit_item", "Edit", id="items.edit", tooltip="Edit the text"),
        Binding("o", "screen.reown_item", "Owner", id="items.owner", tooltip="Change owner"),
        Binding("r", "screen.edit_record", "Record", id="items.record", show=False,
                tooltip="Fill in the item's full record (register entry, decision record ...)"),
        Binding("s", "screen.cycle_status", "Status", id="items.status", tooltip="Next status"),
        Binding("plus,equals_sign", "screen.vote(1)", "Vote", id="items.vote_up",
                tooltip="Add a vote to an irritant", key_display="+"),
        Binding("minus", "screen.vote(-1)", "-1", id="items.vote_down", show=False,
                tooltip="Remove a vote from an irritant", key_display="-"),
        Binding("x,delete", "screen.delete_item", "Del", id="items.delete",
                tooltip="Delete the item (ctrl+z undoes)"),
        Binding("c,escape", "screen.focus_capture", "Capture", id="items.capture", show=False,
                tooltip="Back to the capture line"),
    ]  # fmt: skip

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self._id_width = ID_WIDTH
        self._text_width = 40
        self._column = ItemColumn(self._text_width)
        self._generation = 0
        self._count = 0
        self._pending: set[str] = set()
        self._replaced: Mapping[str, str] = NO_REPLACEMENTS
        self._colours: tuple[str, dict[str, str]] = ("", {})
        self.add_column("ID", width=self._id_width, key="id")
        self.add_column("Item", width=self._text_width, key="item")
        self.add_column("Status", width=STATUS_WIDTH, key="status")

    def on_resize(self) -> None:
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The item column takes what the ID and status columns leave."""
        # each column has one cell of padding on both sides; keep room for the scrollbar
        fixed = self._id_width + STATUS_WIDTH + 6 + SCROLLBAR
        width = max(16, self.size.width - fixed)
        id_column = self.columns[ColumnKey("id")]
        if width == self._text_width and id_column.width == self._id_width:
            return
        self._text_width = width
        self._column.width = width  # every row's cell reads it when drawn
        self.columns[ColumnKey("item")].width = width
        id_column.width = self._id_width
        relayout_columns(self)

    def show_items(self, items: Iterable[Item]) -> None:
        """Replace every row (used when the step changes).

        The first screenful is added at once; the rest follows in batches after each
        refresh, so moving to a step with thousands of items answers the key at once.
        """
        self.clear()
        self._generation += 1
        pending = list(items)
        self._count = len(pending)
        self._pending = {item.id for item in pending[FIRST_ROWS:]}
        self._add_batch(pending[:FIRST_ROWS])
        if len(pending) > FIRST_ROWS:
            self.call_after_refresh(self._add_later, pending[FIRST_ROWS:], self._generation)

    def append_items(self, items: Sequence[Item]) -> None:
        """Show new items after the rows there are, as `show_items` does (a screenful at
        once, the rest after each refresh), leaving the cursor where it is: a reveal of a
        thousand cards answers the facilitator's keys meanwhile."""
        new = [item for item in items if item.id not in self.rows and item.id not in self._pending]
        self._count += len(new)
        if self._pending:  # a step's rows are still on their way: these go after them now
            self._add_batch(new)
            return
        self._pending = {item.id for item in new[APPENDED_ROWS:]}
        self._add_batch(new[:APPENDED_ROWS])
        if len(new) > APPENDED_ROWS:
            rest = new[APPENDED_ROWS:]
            self.call_after_refresh(self._add_later, rest, self._generation, APPENDED_ROWS)

    def _add_batch(self, items: list[Item]) -> None:
        for item in items:
            self._pending.discard(item.id)
            if item.id not in self.rows:  # an edit may have shown it already
                self.add_row(*self._row(item), key=item.id)

    def _add_later(self, items: list[Item], generation: int, rows: int = LATER_ROWS) -> None:
        if generation != self._generation:
            return  # the step changed again meanwhile
        self._add_batch(items[:rows])
        if len(items) > rows:
            self.call_after_refresh(self._add_later, items[rows:], generation, rows)

    @property
    def item_count(self) -> int:
        """How many items the step has (rows of a long step may still be on their way)."""
        return self._count

    @property
    def replaced(self) -> Mapping[str, str]:
        """Superseded decision -> the decision that replaced it (see `show_replacements`)."""
        return self._replaced

    def show_replacements(self, replaced: Mapping[str, str]) -> None:
        """Which decisions are superseded now; the rows whose answer changed are redrawn."""
        before, self._replaced = self._replaced, dict(replaced)
        for item_id in set(before) ^ set(replaced):
            if item_id in self.rows:
                cell = self.get_cell(item_id, "item")
                if isinstance(cell, ItemCell):
                    self.update_cell(item_id, "status", self._status(cell.item))

    def _level_colours(self) -> dict[str, str]:
        """The theme's success, warning and error colours (for a rating's mark)."""
        theme = self.app.theme
        if self._colours[0] != theme:
            variables = self.app.theme_variables
            colours = {name: solid(variables, name, "#808080") for name in LEVEL_COLOUR.values()}
            self._colours = (theme, colours)
        return self._colours[1]

    def _status(self, item: Item) -> Text:
        colours = self._level_colours() if isinstance(item, Rating) else None
        return status_cell(item, self._replaced, colours)

    def _row(self, item: Item) -> tuple[ItemCell | Text, ...]:
        if len(item.id) > self._id_width:  # never crop an ID
            self._id_width = len(item.id)
            self._fit_columns()
        # Text, never a str: DataTable would read a str as markup (an ID comes from a file)
        return (
            plain(item.id, KIND_STYLE.get(item.prefix, "")),
            ItemCell(item, self._column),
            self._status(item),
        )

    def upsert(self, item: Item, *, move_cursor: bool = False) -> None:
        """Show a new or changed item."""
        cells = self._row(item)
        try:
            self.get_row_index(item.id)
        except RowDoesNotExist:
            self.add_row(*cells, key=item.id)
            if item.id in self._pending:
                self._pending.discard(item.id)  # counted already; shown early after an edit
            else:
                self._count += 1
            if move_cursor:
                self.move_cursor(row=self.row_count - 1)
            return
        for column, value in zip(("id", "item", "status"), cells, strict=True):
            self.update_cell(item.id, column, value)

    def remove_item(self, item_id: str) -> None:
        if item_id in self.rows:
            self.remove_row(item_id)
            self._count -= 1

    def selected_id(self) -> str | None:
        """The ID of the highlighted row, if any."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value
