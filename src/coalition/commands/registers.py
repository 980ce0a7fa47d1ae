"""`coalition irritants` and `coalition decisions`: a client's registers across its sessions."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping
from typing import Any

from coalition.commands import client_option, workspace_for
from coalition.commands.listing import Column, Listing, Row, print_listing


def _history_text(history: list[dict[str, Any]]) -> str:
    """`2026-11-01 open, 2026-12-01 removed`: each change of status, oldest first."""
    return ", ".join(f"{change['date']} {change['status']}" for change in history)


def _status_in_table(record: Mapping[str, Any]) -> str:
    """On a terminal a superseded decision names what replaced it."""
    if record["superseded_by"]:
        return f"{record['status']} by {', '.join(record['superseded_by'])}"
    return str(record["status"])


# An irritant's register entry and a decision's record, after the columns listed before
# them (so a script that cuts columns by number still finds them where they were).
REGISTER_COLUMNS = (
    ("raised_by", "Raised by"), ("priority", "Priority"), ("benefit", "Benefit"),
    ("measure", "Measure"), ("baseline", "Baseline"), ("target", "Target"), ("due", "Due"),
    ("stream", "Stream"), ("stage", "Stage"), ("publicized_via", "Publicized via"),
    ("publicized_on", "Publicized on"), ("noticed", "Noticed"),
)  # fmt: skip
RECORD_COLUMNS = (
    ("decided_on", "Decided on"), ("context", "Context"), ("chosen", "Chosen option"),
    ("confirmation", "Confirmation"),
)  # fmt: skip


def _register_entry(irritant: Any) -> dict[str, Any]:
    """The register entry's fields; a field not filled in is null."""
    values = {key: getattr(irritant, key) for key, _ in REGISTER_COLUMNS}
    return {key: _plain_value(value) for key, value in values.items()}


def _decision_record(decision: Any) -> dict[str, Any]:
    record = {key: _plain_value(getattr(decision, key)) for key, _ in RECORD_COLUMNS}
    options = [option.to_record() for option in decision.options]
    return record | {"options": options}


def _plain_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else None  # a priority's enum as its word; "" as null


def _options_text(options: list[dict[str, Any]]) -> str:
    """`Weekly + fast - diary time | Monthly`: each option with its pros and cons."""
    return " | ".join(
        " ".join([o["name"], *(f"+ {p}" for p in o["pros"]), *(f"- {c}" for c in o["cons"])])
        for o in options
    )


def cmd_irritants(args: argparse.Namespace) -> int:
    from coalition.services.registers import irritant_overview

    workspace = workspace_for(args)
    today = dt.date.today()
    found = irritant_overview(
        workspace, client=client_option(workspace, args.client), open_only=args.open, today=today
    )
    rows = [
        Row(
            {
                "client": row.client,
                "id": row.irritant.id,
                "text": row.irritant.text,
                "status": row.irritant.status.value,
                "votes": row.irritant.votes,
                "votes_by": dict(row.irritant.votes_by),
                "owner": row.irritant.owner or None,
                "irritates": row.irritant.irritates or None,
                "service": row.irritant.service or None,
                "origin": row.origin,
                "raised": row.raised.isoformat(),
                "age_days": row.age_days,
                "session": row.session,
                "history": [
                    {
                        "date": change.date.isoformat(),
                        "status": change.status.value,
                        "session": change.session or None,
                    }
                    for change in row.history
                ],
            }
            | _register_entry(row.irritant)
        )
        for row in found
    ]
    columns = (
        Column("client", "Client", common=True),
        Column("id", "ID", short=True),
        Column("text", "Irritant"),
        Column("status", "Status", short=True),
        Column("votes", "Votes", short=True),
        Column("owner", "Owner"),
        Column("irritates", "Irritates", in_table=False),
        Column("service", "Service", in_table=False),
        Column("origin", "Raised in", in_table=False),
        Column("raised", "Raised on", in_table=False),
        Column("age_days", "Age", short=True, table_text=lambda r: f"{r['age_days']} d"),
        Column("session", "Latest session", in_table=False),
        Column("history", "History", text=_history_text),
        *(Column(key, heading, in_table=False) for key, heading in REGISTER_COLUMNS),
    )
    listing = Listing(
        name="irritants",
        version=1,
        title=f"Irritant register in {workspace.root}",
        columns=columns,
        rows=rows,
        empty="No irritants match.",
        extra={"as_of": today.isoformat()},
    )
    return print_listing(listing, args.format)


def cmd_decisions(args: argparse.Namespace) -> int:
    from coalition.services.registers import decision_log

    workspace = workspace_for(args)
    rows = [
        Row(
            {
                "client": row.client,
                "id": row.decision.id,
                "text": row.decision.text,
                "status": row.status.value,
                "owners": list(row.decision.owners),
                "rationale": row.decision.rationale or None,
                "made_in": row.made_in,
                "made_on": row.made_on.isoformat(),
                "session": row.session,
                "supersedes": row.decision.supersedes or None,
                "superseded_by": list(row.superseded_by),
            }
            | _decision_record(row.decision)
        )
        for row in decision_log(workspace, client=client_option(workspace, args.client))
    ]
    columns = (
        Column("client", "Client", common=True),
        Column("id", "ID", short=True),
        Column("text", "Decision"),
        Column("status", "Status", table_text=_status_in_table),
        Column("owners", "Owners"),
        Column("rationale", "Rationale", in_table=False),
        Column("made_in", "Made in", in_table=False),
        Column("made_on", "Made on", min_width=10),
        Column("session", "Latest session", in_table=False),
        Column("supersedes", "Supersedes"),
        Column("superseded_by", "Superseded by", in_table=False),
        *(Column(key, heading, in_table=False) for key, heading in RECORD_COLUMNS),
        Column("options", "Options", in_table=False, text=_options_text),
    )
    listing = Listing(
        name="decisions",
        version=1,
        title=f"Decision log in {workspace.root}",
        columns=columns,
        rows=rows,
        empty="No decisions match.",
    )
    return print_listing(listing, args.format)
