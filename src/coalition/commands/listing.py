"""Listings in four formats: `--format table|tsv|json|md` on every listing command.

A listing is a set of columns and one record per row: the record is the row's JSON shape
(typed values: dates as ISO strings, numbers as numbers, null for missing); each column
shows one of its fields as plain text. The formats:

- `table`: a Rich table for a terminal (the default when stdout is one), every cell a
  `Text` (no markup read from data), control characters shown as stand-ins, an empty cell
  as a dash; a row may have a style (an overdue action is red). A column may be left out of
  the table to keep it readable at 80 columns; the other formats hold every column.
- `tsv` (the default when stdout is not a terminal): a header row of field names, then one
  record per line, fields separated by a tab, never cut or wrapped. In a value a backslash
  is written `\\\\`, a tab `\\t`, a newline `\\n`, a carriage return `\\r`, a line or paragraph
  separator `\\u2028` / `\\u2029`; any other control character is shown as its stand-in (ESC
  as `␛`, a C1 control as `\\x9b`, a bidirectional override as `\\u202e`), so every line
  is one record and holds no control.
- `json`: `{"format": "coalition-<listing>", "format_version": N, "items": [...]}`, each
  item the row's record, the text exactly as captured (JSON escapes every control
  character). The shapes are documented, and versioned, in docs/export-json.md.
- `md`: a GitHub Markdown table, every cell escaped like the minutes' tables.

Only `table` imports Rich, and only `md` the Markdown escaping.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coalition.visible_text import visible

if TYPE_CHECKING:
    from rich.table import Table

FORMATS = ("table", "tsv", "json", "md")
FORMAT_HELP = "table (the default on a terminal), tsv (the default otherwise), json or md"

# What TSV writes for the characters that would split a field or a record.
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r",
                "\u2028": "\\u2028", "\u2029": "\\u2029"}  # fmt: skip
_TSV_SPECIAL = re.compile("[\\\\\t\n\r\u2028\u2029]")


def plain(value: Any) -> str:
    """A record's value as a cell's text: null is empty, a flag yes or no, a list joined
    with `, ` (the JSON keeps the list itself)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(plain(each) for each in value)
    return str(value)


def unreadable(problem: str | None) -> str:
    """A listed file that cannot be read says why."""
    return f"unreadable: {problem}" if problem else ""


@dataclass(frozen=True, slots=True)
class Column:
    """One column: the record field it shows (`key`, also its TSV header), its heading in
    the table and the Markdown, and its cell text (`text`: `plain` unless it does not fit).

    The rest says how the terminal table shows it, kept readable at 80 columns; every other
    format holds every column, as `text`."""

    key: str
    heading: str
    text: Callable[[Any], str] = plain
    in_table: bool = True  # False: left out of the table
    optional: bool = False  # left out when every row has it empty
    common: bool = False  # left out when every row has the same value; the title names it
    short: bool = False  # an ID, a status: never wrapped
    min_width: int | None = None
    # The table's cell, from the whole record (a due date with "overdue" after it).
    table_text: Callable[[Mapping[str, Any]], str] | None = None

    def table_cell(self, record: Mapping[str, Any]) -> str:
        if self.table_text is not None:
            return self.table_text(record)
        return self.text(record.get(self.key))


@dataclass(frozen=True, slots=True)
class Row:
    record: Mapping[str, Any]
    style: str | None = None  # the row's style in the table ("bold red")


@dataclass(frozen=True, slots=True)
class Listing:
    """What a listing command prints, whatever the format."""

    name: str  # the JSON's format is `coalition-<name>`
    version: int  # its format_version (docs/export-json.md)
    title: str  # above the table
    columns: Sequence[Column]
    rows: Sequence[Row]
    empty: str  # what the table says when there is no row
    extra: Mapping[str, Any] = field(default_factory=dict)  # more fields of the JSON envelope
    footer: str = ""  # a line under the table (the table format only)

    def cells(self, row: Row) -> list[str]:
        return [column.text(row.record.get(column.key)) for column in self.columns]


def chosen_format(requested: str | None) -> str:
    """The format asked for, else a table on a terminal and TSV anywhere else."""
    if requested:
        return requested
    isatty = getattr(sys.stdout, "isatty", None)
    return "table" if isatty is not None and isatty() else "tsv"


def print_listing(listing: Listing, requested: str | None) -> int:
    """Print `listing` in the requested format (or the default one); returns 0."""
    fmt = chosen_format(requested)
    if fmt == "table":
        _print_table(listing)
    elif fmt == "json":
        sys.stdout.write(json_listing(listing))
    elif fmt == "md":
        sys.stdout.write(markdown_listing(listing))
    else:
        sys.stdout.write(tsv_listing(listing))
    return 0


def tsv_field(text: str) -> str:
    """A value as one TSV field: nothing in it splits a field or a line, no control left."""
    return visible(_TSV_SPECIAL.sub(lambda match: _TSV_ESCAPES[match[0]], text))


def tsv_listing(listing: Listing) -> str:
    lines = ["\t".join(column.key for column in listing.columns)]
    lines += ["\t".join(tsv_field(cell) for cell in listing.cells(row)) for row in listing.rows]
    return "\n".join(lines) + "\n"


def json_listing(listing: Listing) -> str:
    from coalition.minutes.html_and_json import json_text

    envelope = {
        **listing.extra,
        "format": f"coalition-{listing.name}",
        "format_version": listing.version,
        "items": [dict(row.record) for row in listing.rows],
    }
    return json_text(envelope)


def markdown_listing(listing: Listing) -> str:
    from coalition.minutes.escape import escape_cell

    def line(cells: Sequence[str]) -> str:
        return "| " + " | ".join(escape_cell(visible(cell)) for cell in cells) + " |"

    lines = [line([column.heading for column in listing.columns])]
    lines.append("|" + " --- |" * len(listing.columns))
    lines += [line(listing.cells(row)) for row in listing.rows]
    return "\n".join(lines) + "\n"


def _print_table(listing: Listing) -> None:
    from rich.console import Console

    console = Console()
    if listing.rows:
        console.print(_table(listing))
    else:
        console.print(visible(listing.empty), markup=False, highlight=False)
    if listing.footer:
        console.print(visible(listing.footer), markup=False, highlight=False)


def _table(listing: Listing) -> Table:
    from rich.table import Table
    from rich.text import Text

    cells = [[c.table_cell(row.record) for c in listing.columns] for row in listing.rows]
    shown: list[int] = []
    named: list[str] = []  # the values of common columns, for the title
    for index, column in enumerate(listing.columns):
        values = {row_cells[index] for row_cells in cells}
        if not column.in_table or (column.optional and values == {""}):
            continue
        if column.common and len(values) == 1:
            named += [f"{column.heading}: {value}" for value in values if value]
            continue
        shown.append(index)
    # Every cell is a Text of visible characters: Rich reads no markup in it, and no control
    # character from a session or a playbook reaches the terminal.
    title = listing.title + (f" ({'; '.join(named)})" if named else "")
    table = Table(title=Text(visible(title), style="table.title"), title_justify="left")
    for index in shown:
        column = listing.columns[index]
        table.add_column(Text(column.heading), overflow="fold", no_wrap=column.short,
                         min_width=column.min_width)  # fmt: skip
    for row, row_cells in zip(listing.rows, cells, strict=True):
        table.add_row(*(Text(visible(row_cells[i]) or "—") for i in shown), style=row.style)
    return table
