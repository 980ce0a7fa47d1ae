"""A three-session programme built through the real services, as a facilitator would run it:
`start_session` carries each session's state into the next, the store saves every change.

Acme Health, October to December: Sam (finance) comes once then stops coming, A-1 slips at
two sessions, D-3 replaces D-1, I-1 goes from open to publicized, two wins, the health check
turns from amber and red to green.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from pymarkdown.api import PyMarkdownApi

from coalition.domain.alignment import MetricKind, Verdict
from coalition.domain.models import (
    ActionStatus,
    DecisionStatus,
    IrritantStatus,
    SessionStatus,
    Side,
)
from coalition.domain.playbook import Playbook, parse_playbook
from coalition.domain.progress import RatingLevel
from coalition.services.sessions import start_session
from coalition.services.workspace import Workspace, init_workspace
from coalition.store import SessionStore

CLIENT = "Acme Health"
STEPS = (
    ("review", "Review of open actions", "action, decision, note"),
    ("urgency", "Sense of urgency (Kotter 1)", "decision, action, note"),
    ("coalition", "Guiding coalition (Kotter 2)", "participant, rating, note"),
    ("reporting", "What we report (alignment 3)", "metric, rating, decision"),
    ("irritants", "Irritant register (alignment 4)", "irritant, action"),
    ("wins", "Short-term wins (Kotter 6)", "win, note"),
    ("close", "Close: read back", "note"),
)


def example_playbook() -> Playbook:
    parts = ["---", "name: programme-test", "title: Programme test", "version: 1.0.0", "---", ""]
    for step_id, title, captures in STEPS:
        parts += [f"## {title}", "", "Work on it.", "", "- What now?", "", "```coalition",
                  f"id: {step_id}", "timebox: 10m", f"captures: {captures}", "```", ""]  # fmt: skip
    return parse_playbook("\n".join(parts), "programme-test.md")


def _walk(store: SessionStore, *steps: str) -> None:
    for step in steps:
        store.set_current_step(step)


def _mark(store: SessionStore, item_id: str, **changes: Any) -> None:
    store.put(dataclasses.replace(store.get(item_id), **changes))  # type: ignore[arg-type]


def _session(workspace: Workspace, title: str, date: dt.date) -> SessionStore:
    return start_session(workspace, client=CLIENT, title=title, playbook=example_playbook(),
                         facilitator="Fran Okafor", date=date)  # fmt: skip


def _kick_off(workspace: Workspace) -> None:
    with _session(workspace, "Kick-off", dt.date(2026, 10, 1)) as s:
        _walk(s, "urgency", "coalition", "reporting", "irritants")
        s.add("participant", name="Maria Lopez", role="COO", side=Side.BUSINESS)
        s.add("participant", name="Dev Patel", role="CIO", side=Side.IT)
        s.add("participant", name="Sam Okoro", role="Head of finance", side=Side.BUSINESS)
        s.add("participant", name="Lee Chen", role="Consultant", side=Side.EXTERNAL)
        s.add("decision", text="Monthly coalition meetings", owners=("Maria Lopez",),
              step="urgency")  # fmt: skip
        s.add("decision", text="A new intranet first", step="urgency",
              status=DecisionStatus.REJECTED)  # fmt: skip
        s.add("action", text="Collect referral waiting times", owner="Dev Patel",
              due=dt.date(2026, 10, 20), step="urgency")  # fmt: skip
        s.add("action", text="Book the board slot", owner="Maria Lopez",
              due=dt.date(2026, 10, 10), step="urgency")  # fmt: skip
        s.add("irritant", text="Password resets take three days", votes=5, step="irritants")
        s.add("irritant", text="No status on laptop orders", votes=2, step="irritants")
        s.add("metric", name="Server uptime", audience="Board", metric_kind=MetricKind.TECHNOLOGY,
              verdict=Verdict.REPLACE, step="reporting")  # fmt: skip
        s.add("metric", name="Referrals booked in 48 hours", audience="Board", step="reporting",
              metric_kind=MetricKind.BUSINESS_OUTCOME, verdict=Verdict.KEEP)  # fmt: skip
        s.add("metric", name="Tickets closed", audience="Service desk", audience_side=Side.IT,
              step="reporting")  # fmt: skip
        s.add("rating", dimension="", level=RatingLevel.AMBER, comment="Finance only just joined",
              step="coalition")  # fmt: skip
        s.add("rating", dimension="Reporting", level=RatingLevel.RED, step="reporting")
        s.set_status(SessionStatus.CLOSED)


def _follow_up(workspace: Workspace) -> None:
    with _session(workspace, "Follow-up", dt.date(2026, 11, 5)) as s:
        _walk(s, "urgency", "irritants", "wins")
        for member in ("P-1", "P-2", "P-4"):
            _mark(s, member, present=True)
        _mark(s, "A-2", status=ActionStatus.DONE)
        _mark(s, "I-1", status=IrritantStatus.BEING_REMOVED)
        s.add("decision", text="Weekly coalition meetings until the pilot ends",
              owners=("Maria Lopez",), supersedes="D-1", step="urgency")  # fmt: skip
        s.add("action", text="Draft the referral dashboard", owner="Sam Okoro",
              due=dt.date(2026, 11, 20), step="urgency")  # fmt: skip
        s.add("irritant", text="Reports arrive as PDFs nobody reads", votes=3, step="irritants")
        s.add("metric", name="Cost per referral", audience="CFO",
              metric_kind=MetricKind.BUSINESS_OUTCOME, step="urgency")  # fmt: skip
        s.add("win", text="First referral booked in 48 hours", owner="Dev Patel", step="wins")
        s.add("rating", dimension="Guiding coalition (Kotter 2)", level=RatingLevel.GREEN,
              step="wins")  # fmt: skip
        s.add("rating", dimension="reporting", level=RatingLevel.AMBER, step="wins")
        s.set_status(SessionStatus.CLOSED)


def _quarterly(workspace: Workspace) -> None:
    with _session(workspace, "Quarterly review", dt.date(2026, 12, 3)) as s:
        _walk(s, "urgency", "coalition", "irritants", "wins", "close")
        for member in ("P-1", "P-2"):
            _mark(s, member, present=True)
        _mark(s, "I-1", status=IrritantStatus.PUBLICIZED)
        _mark(s, "I-2", status=IrritantStatus.REMOVED)
        _mark(s, "M-1", verdict=Verdict.RETIRE)
        _mark(s, "P-4", role="Consultant, volunteer")  # the network beside the hierarchy
        s.add("decision", text="The dashboard replaces the uptime report",
              owners=("Maria Lopez", "Dev Patel"), step="urgency")  # fmt: skip
        s.add("action", text="Publicize the password fix", owner="Lee Chen",
              due=dt.date(2026, 12, 15), step="irritants")  # fmt: skip
        s.add("win", text="Password resets now take an hour", owner="Dev Patel", step="wins")
        s.add("rating", dimension="", level=RatingLevel.AMBER, comment="Finance stopped coming",
              step="coalition")  # fmt: skip
        s.add("rating", dimension="Reporting", level=RatingLevel.GREEN, step="wins")
        s.add("note", text="Invite the new finance lead", step="close")


def build_example(root: Path) -> Workspace:
    """The example's workspace at `root`: three sessions of Acme Health."""
    workspace, _ = init_workspace(root)
    _kick_off(workspace)
    _follow_up(workspace)
    _quarterly(workspace)
    return workspace


def lint(markdown: str) -> list[str]:
    """pymarkdown's default rules but MD013, as the minutes are linted (test_minutes)."""
    api = PyMarkdownApi().disable_rule_by_identifier("md013")
    api.set_boolean_property("extensions.front-matter.enabled", True)
    result = api.scan_string(markdown)
    return [f"{f.line_number}: {f.rule_id} {f.rule_description}" for f in result.scan_failures]
