"""The fuller records: irritants as register entries, decisions as decision records,
objectives and initiatives, value streams' end-to-end owners, in the data, the minutes and
the JSON export."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.domain.decisions import Option, option_pros_cons
from coalition.domain.models import (
    ITEM_TYPE_BY_PREFIX,
    Decision,
    Initiative,
    Irritant,
    Objective,
    Priority,
    ValueStream,
)
from coalition.minutes import render_minutes
from coalition.minutes.html_and_json import render_json
from records_sessions import records_session
from test_minutes import HOSTILE, html_tokens, lint, structure

GOLDEN = Path(__file__).parent / "golden"


def test_every_new_item_reads_back_as_it_was_written() -> None:
    session = records_session()
    for item in session.items():
        assert type(item).from_record(item.to_record()) == item


def test_fields_left_unset_are_not_written() -> None:
    """Files of sessions that use none of it keep their bytes."""
    assert Irritant("I-1", "x").to_record() == {
        "id": "I-1", "text": "x", "irritates": "", "service": "", "votes": 0, "votes_by": {},
        "owner": "", "status": "open", "step": "", "origin": "",
    }  # fmt: skip
    assert set(Decision("D-1", "x").to_record()) == {
        "id", "text", "owners", "step", "status", "rationale",
    }  # fmt: skip
    assert set(ValueStream("V-1", "x").to_record()) == {"id", "name", "stages", "step"}


@pytest.mark.parametrize(
    ("record", "complaint"),
    [
        ({"id": "I-1", "text": "x", "due": 3}, "'due' must be a date"),
        ({"id": "I-1", "text": "x", "priority": "urgent"}, "urgent"),
        ({"id": "I-1", "text": "x", "benefit": ["a"]}, "'benefit' must be text"),
        ({"id": "D-1", "text": "x", "options": "a"}, "'options' must be a list"),
        ({"id": "D-1", "text": "x", "options": [{"name": "a", "pros": "b"}]}, "'pros'"),
        ({"id": "O-1", "text": "x", "side": "external"}, "business or it"),
        ({"id": "X-1", "text": "x", "ai": "yes"}, "'ai' must be true or false"),
        ({"id": "V-1", "name": "x", "walked_with_it_on": 1}, "'walked_with_it_on'"),
    ],
)
def test_a_bad_field_is_refused_with_its_name(record: dict[str, Any], complaint: str) -> None:
    item_type = ITEM_TYPE_BY_PREFIX[record["id"][0]]
    with pytest.raises((TypeError, ValueError), match=complaint):
        item_type.from_record(record)


def test_an_irritant_says_how_it_is_measured() -> None:
    assert Irritant("I-1", "x").measured == ""
    assert Irritant("I-1", "x", measure="Days", baseline="3", target="1").measured == "Days: 3 → 1"
    assert Irritant("I-1", "x", baseline="3", target="1").measured == "3 → 1"
    assert Irritant("I-1", "x", measure="Days").measured == "Days"


def test_an_option_line_holds_its_pros_and_cons() -> None:
    assert option_pros_cons("Weekly meetings + fast feedback + visible - diary time") == Option(
        "Weekly meetings", ("fast feedback", "visible"), ("diary time",)
    )
    assert option_pros_cons("Follow-up calls") == Option("Follow-up calls")
    with pytest.raises(ValueError, match="needs a name"):
        option_pros_cons("+ only a pro")


@given(st.text(alphabet=st.characters(blacklist_characters="+-"), min_size=1).filter(str.strip))
def test_an_option_without_signs_is_all_name(name: str) -> None:
    assert option_pros_cons(name) == Option(" ".join(name.split()))


def test_the_minutes_with_every_record_field_match_the_golden_file() -> None:
    text = render_minutes(records_session())
    golden = GOLDEN / "records-minutes.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert render_minutes(records_session()) == text  # byte-stable
    assert lint(text) == []


def test_the_minutes_show_each_record_field() -> None:
    text = render_minutes(records_session())
    for shown in (
        "raised by Alice Smith on 2026-11-19", "priority high (set)", "priority #2 by votes",
        "benefit: Clinicians back at work the same day",
        "measured by Days to reset a password: 3 → 0.5", "due 2026-12-10", "stage: V-1 Triage",
        "publicized via Intranet news on 2026-12-20",
        "did people notice? Yes: calls to the desk dropped",
        "### D-1 decision record", "- Context and problem: Referral delays",
        "- Decision drivers: Patient safety; Revenue",
        "- Option 1: 48-hour referrals (chosen); pros: Visible to patients; cons: Hard to reach",
        "- Good consequences: One shared goal", "- Bad consequences: Other work waits",
        "- Confirmation: Weekly booking figures", "- Date: 2026-11-19", "carries out D-1",
        "| O-2 | Self-service password reset | IT | O-1 |",
        "| X-1 | Triage assistant | Alice Smith, Bob Jones | yes | O-1 |",
        "End-to-end owner: Alice Smith. Walked through with IT staff: 2026-11-26; with "
        "business stakeholders: not yet.",
        "initiatives X-1", "value streams end to end V-1",
        "- 2 objectives (1 IT), 2 initiatives (1 applying AI)",
    ):  # fmt: skip
        assert shown in text, shown


@pytest.mark.parametrize("text", HOSTILE[:8])
def test_hostile_record_fields_pass_the_linter(text: str) -> None:
    assert lint(render_minutes(records_session(text))) == []


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_any_text_in_any_record_field_keeps_the_structure(text: str) -> None:
    hostile = render_minutes(records_session(text))
    assert structure(hostile) == structure(render_minutes(records_session("plain words")))
    assert html_tokens(hostile) == []


def test_the_json_export_holds_every_record_field() -> None:
    data = json.loads(render_json(records_session()))
    assert data["format_version"] == 2
    assert [o["id"] for o in data["objectives"]] == ["O-1", "O-2"]
    assert data["objectives"][1] == {
        "id": "O-2", "text": "Self-service password reset", "side": "it", "serves": "O-1",
        "step": "urgency",
    }  # fmt: skip
    assert data["initiatives"][0]["owners"] == ["Alice Smith", "Bob Jones"]
    assert data["initiatives"][0]["ai"] is True
    irritant = data["irritants"][0]
    assert irritant["priority"] == "high" and irritant["due"] == "2026-12-10"
    assert irritant["publicized_on"] == "2026-12-20" and irritant["stage"] == "Triage"
    decision = data["decisions"][0]
    assert decision["options"][0] == {
        "name": "48-hour referrals", "pros": ["Visible to patients"], "cons": ["Hard to reach"],
    }  # fmt: skip
    assert decision["chosen"] == "48-hour referrals" and decision["decided_on"] == "2026-11-19"
    assert data["actions"][-1]["decision"] == "D-1"
    assert data["streams"][0]["e2e_owner"] == "Alice Smith"
    assert data["streams"][0]["walked_with_it_on"] == "2026-11-26"


def test_kinds_and_prefixes_are_distinct() -> None:
    assert Objective.prefix == "O" and Initiative.prefix == "X"
    assert len(ITEM_TYPE_BY_PREFIX) == len({t.kind for t in ITEM_TYPE_BY_PREFIX.values()})
    assert Priority("high") is Priority.HIGH
