"""The record dialog's rules, without Textual: each kind's lines, and the item they make."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coalition.domain.models import (
    Decision,
    Initiative,
    Irritant,
    Note,
    Objective,
    Option,
    Participant,
    Priority,
    Side,
    ValueStream,
)
from coalition.services.record_forms import (
    apply_record_form,
    field_text,
    has_record_form,
    record_form,
)

PEOPLE = [
    Participant("P-1", "Maria Lopez"),
    Participant("P-2", "Dev Patel", side=Side.IT),
    Participant("P-3", "Dana Park"),
]
TODAY = dt.date(2026, 11, 19)


def _texts(item: object) -> dict[str, str]:
    return {field.name: field_text(item, field) for field in record_form(item)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "item",
    [
        Irritant("I-1", "Slow resets", owner="Dev Patel", priority=Priority.LOW,
                 due=TODAY, benefit="b", baseline="3", target="1", stream="V-1"),
        Decision("D-1", "Weekly", ("Maria Lopez",), options=(Option("A", ("p",), ("c",)),
                 Option("B")), chosen="A", drivers=("x", "y"), decided_on=TODAY),
        Objective("O-2", "Resets", Side.IT, "O-1"),
        Initiative("X-1", "Portal", ("Maria Lopez", "Dev Patel"), True, "O-1"),
        ValueStream("V-1", "Detect to correct", e2e_owner="Dev Patel", walked_with_it_on=TODAY),
    ],
)  # fmt: skip
def test_a_form_left_as_shown_gives_the_item_back(item: object) -> None:
    assert apply_record_form(item, _texts(item), PEOPLE, TODAY) == item  # type: ignore[arg-type]


def test_notes_and_people_have_no_record_form() -> None:
    assert not has_record_form(Note("N-1", "x"))
    assert not has_record_form(PEOPLE[0])
    assert has_record_form(Irritant("I-1", "x"))


def test_names_match_the_roster_and_empty_lines_clear() -> None:
    irritant = Irritant("I-1", "x", priority=Priority.HIGH, due=TODAY)
    texts = _texts(irritant) | {"raised_by": "mar", "priority": "", "due": ""}
    after = apply_record_form(irritant, texts, PEOPLE, TODAY)
    assert isinstance(after, Irritant)
    assert after.raised_by == "Maria Lopez" and after.priority is None and after.due is None


@pytest.mark.parametrize(
    ("item", "field", "text", "message"),
    [
        (Irritant("I-1", "x"), "due", "someday", "Due: 'someday' is not a date"),
        (Irritant("I-1", "x"), "priority", "urgent", "Priority: 'urgent' is not high"),
        (Irritant("I-1", "x"), "stream", "D-1", "Stream: 'id' must be V-1"),
        (Irritant("I-1", "x"), "text", "  ", "Irritant: it cannot be empty"),
        (Objective("O-1", "x"), "side", "external", "Side: an objective is business or it"),
        (Initiative("X-1", "x"), "ai", "maybe", "Applies AI: 'maybe' is not yes or no"),
        (Decision("D-1", "x"), "options", "+ pro", "Options: an option needs a name"),
        (Decision("D-1", "x"), "chosen", "3", "Chosen: there are 0 options"),
        (Decision("D-1", "x"), "owners", "d", "Decided by: @d could be"),
    ],
)
def test_a_bad_line_is_named(item: object, field: str, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        apply_record_form(item, _texts(item) | {field: text}, PEOPLE, TODAY)  # type: ignore[arg-type]


@given(st.text(max_size=40))
def test_any_text_in_a_free_text_line_is_kept_on_one_line(text: str) -> None:
    irritant = Irritant("I-1", "x")
    after = apply_record_form(irritant, _texts(irritant) | {"benefit": text}, PEOPLE, TODAY)
    assert isinstance(after, Irritant)
    assert after.benefit == " ".join(text.split())


def test_editing_one_line_leaves_list_fields_with_separators_as_they_were() -> None:
    decision = Decision("D-1", "Pipe test", ("Maria Lopez",),
                        options=(Option("A|B", ("p;q",), ("c",)), Option("Plain")),
                        chosen="A|B", drivers=("x; y",))  # fmt: skip
    texts = _texts(decision) | {"confirmation": "Reviewed in March"}
    after = apply_record_form(decision, texts, PEOPLE, TODAY)
    assert after == dataclasses.replace(decision, confirmation="Reviewed in March")


_free = st.text(max_size=12)
_names = st.lists(_free, max_size=3).map(tuple)
_option = st.builds(Option, _free.filter(str.strip), _names, _names)
_sides = st.sampled_from([Side.BUSINESS, Side.IT])
_records = st.one_of(
    st.builds(Decision, st.just("D-1"), _free.filter(str.strip), _names,
              options=st.lists(_option, max_size=3).map(tuple), chosen=_free,
              drivers=_names, good_consequences=_names, bad_consequences=_names,
              context=_free, rationale=_free, confirmation=_free, supersedes=_free),
    st.builds(Irritant, st.just("I-1"), _free.filter(str.strip), owner=_free,
              benefit=_free, measure=_free, stage=_free, stream=_free, noticed=_free),
    st.builds(Initiative, st.just("X-1"), _free.filter(str.strip), _names, st.booleans(),
              _free),
    st.builds(Objective, st.just("O-1"), _free.filter(str.strip), _sides, _free),
    st.builds(ValueStream, st.just("V-1"), _free.filter(str.strip), e2e_owner=_free),
)  # fmt: skip


@given(_records)
def test_any_record_round_trips_through_the_dialogs_lines(item: object) -> None:
    assert apply_record_form(item, _texts(item), PEOPLE, TODAY) == item  # type: ignore[arg-type]
