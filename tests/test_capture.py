"""The capture line: one line of text becomes one item."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.domain.alignment import MetricKind, Verdict
from coalition.domain.capture import Capture, match_participant, parse_capture
from coalition.domain.models import KINDS, Participant, Quality, Side
from coalition.errors import CaptureError

TODAY = dt.date(2026, 3, 4)  # a Wednesday
PEOPLE = (
    Participant(id="P-1", name="Alice Smith", role="CFO"),
    Participant(id="P-2", name="Bob Jones", side=Side.IT),
    Participant(id="P-3", name="Alicia Keys"),
    Participant(id="P-4", name="Carol"),
)


def capture(line: str) -> Capture:
    return parse_capture(line, PEOPLE, today=TODAY)


# -- kinds ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("d", "decision"),
        ("decision", "decision"),
        ("a", "action"),
        ("Action", "action"),
        ("i", "irritant"),
        ("irritant", "irritant"),
        ("n", "note"),
        ("NOTE", "note"),
        ("p", "participant"),
        ("participant", "participant"),
    ],
)
def test_the_first_word_picks_the_kind(word: str, kind: str) -> None:
    assert capture(f"{word} Something happened").kind == kind


def test_a_decision() -> None:
    result = capture("d We adopt the value-stream map @alice @bob why:one shared picture")
    assert result == Capture(
        kind="decision",
        fields={
            "text": "We adopt the value-stream map shared picture",
            "owners": ("Alice Smith", "Bob Jones"),
            "rationale": "one",
        },
    )


def test_a_quoted_rationale_and_repeated_owner() -> None:
    result = capture('d Adopt it @bob why:"one shared picture" @bob')
    assert result.fields == {
        "text": "Adopt it",
        "owners": ("Bob Jones",),
        "rationale": "one shared picture",
    }


def test_an_action() -> None:
    result = capture("a Draft the metrics pack @bob due:2026-12-01")
    assert result.kind == "action"
    assert result.fields == {
        "text": "Draft the metrics pack",
        "owner": "Bob Jones",
        "due": dt.date(2026, 12, 1),
    }
    assert result.unknown_owners == ()


@pytest.mark.parametrize(
    ("due", "expected"),
    [
        ("today", TODAY),
        ("tomorrow", dt.date(2026, 3, 5)),
        ("fri", dt.date(2026, 3, 6)),
        ("wed", dt.date(2026, 3, 11)),
        ("+7d", dt.date(2026, 3, 11)),
        ("+2w", dt.date(2026, 3, 18)),
        ('"2026-04-01"', dt.date(2026, 4, 1)),
    ],
)
def test_due_forms_in_a_capture(due: str, expected: dt.date) -> None:
    assert capture(f"a Ship it due:{due}").fields["due"] == expected


def test_a_bad_due_date_says_which_forms_work() -> None:
    with pytest.raises(CaptureError, match="due:someday is not a date") as raised:
        capture("a Ship it due:someday")
    assert "+7d" in raised.value.message and "YYYY-MM-DD" in raised.value.message


def test_an_action_without_owner_or_due() -> None:
    assert capture("a Ship it").fields == {"text": "Ship it", "owner": "", "due": None}


def test_an_irritant() -> None:
    result = capture('i Password resets take three days +2 @carol for:Sales svc:"Service desk"')
    assert result.kind == "irritant"
    assert result.fields == {
        "text": "Password resets take three days",
        "owner": "Carol",
        "votes": 2,
        "irritates": "Sales",
        "service": "Service desk",
    }


def test_votes_only_count_for_irritants() -> None:
    assert capture("i Slow laptops").fields["votes"] == 0
    assert capture("a Buy +2 laptops").fields["text"] == "Buy +2 laptops"
    assert capture("n Costs went up +5 percent").fields["text"] == "Costs went up +5 percent"
    assert capture("i Costs +5% higher").fields == {  # +5% is a word, not votes
        "text": "Costs +5% higher",
        "owner": "",
        "votes": 0,
        "irritates": "",
        "service": "",
    }


def test_a_note_keeps_mentions_and_colons_in_its_text() -> None:
    result = capture("n The CFO @alice asked: why:now? see http://x.example due:fri")
    assert result.kind == "note"
    assert result.fields == {"text": "The CFO @alice asked: why:now? see http://x.example due:fri"}
    assert result.unknown_owners == ()


def test_key_value_words_of_another_kind_stay_in_the_text() -> None:
    assert capture("a Tell Sales for:Sales").fields["text"] == "Tell Sales for:Sales"
    assert capture("d Ship svc:x").fields["text"] == "Ship svc:x"
    assert capture("w Late due:fri").fields["text"] == "Late due:fri"


def test_a_key_given_twice_is_refused() -> None:
    with pytest.raises(CaptureError, match="due: is given twice"):
        capture("a Ship due:fri due:mon")


def test_whitespace_is_collapsed() -> None:
    assert capture("  n   lots   of\tspace  ").fields == {"text": "lots of space"}


# -- participants --------------------------------------------------------------------------


def test_a_participant() -> None:
    result = capture("p Dana Scully role:CFO side:business has:power,credibility")
    assert result.kind == "participant"
    assert result.fields == {
        "name": "Dana Scully",
        "role": "CFO",
        "side": Side.BUSINESS,
        "qualities": frozenset({Quality.POSITION_POWER, Quality.CREDIBILITY}),
    }


@pytest.mark.parametrize(
    ("words", "side", "qualities"),
    [
        ("", Side.BUSINESS, frozenset()),
        ("side:IT", Side.IT, frozenset()),
        ("side:external has:expertise", Side.EXTERNAL, frozenset({Quality.EXPERTISE})),
        (
            "has:position-power,leadership,",
            Side.BUSINESS,
            frozenset({Quality.POSITION_POWER, Quality.LEADERSHIP}),
        ),
        ('role:"Head of Sales"', Side.BUSINESS, frozenset()),
    ],
)
def test_participant_side_and_qualities(
    words: str, side: Side, qualities: frozenset[Quality]
) -> None:
    fields = capture(f"p Eve {words}").fields
    assert (fields["name"], fields["side"], fields["qualities"]) == ("Eve", side, qualities)


def test_a_quoted_role() -> None:
    assert capture('p Eve role:"Head of Sales"').fields["role"] == "Head of Sales"


@pytest.mark.parametrize(
    ("line", "name", "role", "side"),
    [
        ("p Dana Lee role:Head of Finance side:business", "Dana Lee", "Head of Finance",
         Side.BUSINESS),
        ("p Dana Lee role:Head of Finance", "Dana Lee", "Head of Finance", Side.BUSINESS),
        ("p Dana Lee side:it role:Head  of\tIT has:power", "Dana Lee", "Head of IT", Side.IT),
        ('p Dana Lee role:"Head of Finance" side:it', "Dana Lee", "Head of Finance", Side.IT),
        ("p Dana Lee role:Lead, see note:x side:it", "Dana Lee", "Lead, see note:x", Side.IT),
        ("p Dana @bob role:COO", "Dana @bob", "COO", Side.BUSINESS),
    ],
)  # fmt: skip
def test_a_role_runs_to_the_next_key_or_the_end(
    line: str, name: str, role: str, side: Side
) -> None:
    fields = capture(line).fields
    assert (fields["name"], fields["role"], fields["side"]) == (name, role, side)


def test_a_role_before_the_name_leaves_no_name_and_says_why() -> None:
    with pytest.raises(CaptureError, match="role: runs to the next key: or the end"):
        capture("p role:CFO Dana Lee")
    with pytest.raises(CaptureError, match="role: is given twice"):
        capture("p Dana role:CFO role:COO")


NAME_WORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=("C", "Z"), exclude_characters='@+:"'),
    min_size=1, max_size=8,
)  # fmt: skip
ROLE_WORDS = st.one_of(NAME_WORDS, st.sampled_from(["IT:Ops", "note:x", "why:", "@bob", "+2"]))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(NAME_WORDS, min_size=1, max_size=4),
    st.lists(ROLE_WORDS, min_size=1, max_size=5),
    st.sampled_from(["", " side:it", " has:power side:it", " side:external has:leadership"]),
    st.sampled_from([" ", "  ", "\t"]),
    st.booleans(),
)
def test_any_name_and_role_come_back_as_typed(
    name: list[str], role: list[str], after: str, space: str, quoted: bool
) -> None:
    typed_role = space.join(role)
    value = f'"{typed_role}"' if quoted else typed_role
    fields = parse_capture(f"p {space.join(name)} role:{value}{after}", (), TODAY).fields
    assert fields["name"] == " ".join(name)
    assert fields["role"] == (typed_role if quoted else " ".join(role))
    side = after.split("side:")[1].split()[0] if after else "business"
    assert fields["side"] is Side(side)


def test_a_bad_side_is_refused() -> None:
    with pytest.raises(CaptureError, match="side:both is not a side"):
        capture("p Eve side:both")


def test_a_bad_quality_is_refused() -> None:
    with pytest.raises(CaptureError, match="has:charm is not one of Kotter's qualities"):
        capture("p Eve has:power,charm")


def test_a_participant_mention_stays_in_the_name() -> None:
    assert capture("p Eve @bob").fields["name"] == "Eve @bob"


# -- owners --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "name"),
    [
        ("bob", "Bob Jones"),
        ("Bob", "Bob Jones"),
        ("jones", "Bob Jones"),  # any word of the name
        ("bobjones", "Bob Jones"),
        ("car", "Carol"),
    ],
)
def test_a_unique_prefix_names_an_owner(token: str, name: str) -> None:
    assert capture(f"a Ship it @{token}").fields["owner"] == name


def test_an_exact_name_wins_over_a_longer_one() -> None:
    people = (Participant(id="P-1", name="Al"), Participant(id="P-2", name="Alice Smith"))
    assert match_participant("al", people) == people[0]
    assert match_participant("ali", people) == people[1]


def test_trailing_punctuation_is_not_part_of_the_name() -> None:
    assert capture("a Ship it, @bob.").fields == {
        "text": "Ship it,",
        "owner": "Bob Jones",
        "due": None,
    }


def test_an_ambiguous_prefix_lists_the_names() -> None:
    with pytest.raises(CaptureError) as raised:
        capture("a Ship it @ali")
    assert raised.value.message == "@ali could be Alice Smith, Alicia Keys; type more of the name."


def test_an_unknown_owner_is_kept_and_reported() -> None:
    result = capture("d Ship it @zed @bob @zed")
    assert result.fields["owners"] == ("zed", "Bob Jones")
    assert result.unknown_owners == ("zed",)


def test_an_unknown_owner_with_no_participants_at_all() -> None:
    result = parse_capture("a Ship it @Zed", (), today=TODAY)
    assert result.fields["owner"] == "Zed"
    assert result.unknown_owners == ("Zed",)


@pytest.mark.parametrize("kind", ["a", "i"])
def test_an_action_or_irritant_has_one_owner(kind: str) -> None:
    with pytest.raises(CaptureError, match="has one owner"):
        capture(f"{kind} Ship it @bob @carol")


def test_an_at_sign_without_a_name_is_text() -> None:
    result = capture("a Meet @ 10 @. and @!! @bob")
    assert result.fields["owner"] == "Bob Jones"
    assert result.fields["text"] == "Meet @ 10 @. and @!!"
    assert result.unknown_owners == ()


# -- errors --------------------------------------------------------------------------------


@pytest.mark.parametrize("line", ["", "   ", "z Something", "decide Something", "@bob a thing"])
def test_an_unknown_kind_says_how_to_start(line: str) -> None:
    with pytest.raises(CaptureError, match="is not a kind: start with d"):
        capture(line)


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("d", "The decision has no text"),
        ("a @bob due:fri", "The action has no text"),
        ("i +3", "The irritant has no text"),
        ("p role:CFO", "The participant has no name"),
    ],
)
def test_an_item_without_text(line: str, fragment: str) -> None:
    with pytest.raises(CaptureError, match=fragment):
        capture(line)


def test_the_kind_may_be_followed_by_a_tab() -> None:
    assert capture("n\tA tabbed note").fields == {"text": "A tabbed note"}


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_arbitrary_text_raises_nothing_but_capture_error(line: str) -> None:
    try:
        result = parse_capture(line, PEOPLE, today=TODAY)
    except CaptureError as error:
        assert error.message
    else:
        assert result.kind in KINDS
        assert result.fields


WORDS = st.sampled_from(
    [
        "d", "a", "i", "n", "p", "text", "@bob", "@ali", "@zed", "@", "@.", "+2", "+99999",
        "due:fri", "due:+7d", "due:x", "due:", 'due:"', "why:", 'why:"a b"', "for:Sales",
        "svc:", "side:it", "side:x", "has:power", "has:,", "has:x", "role:CFO", '"', ":",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=8), st.sampled_from([" ", "\t", "  "]))
def test_capture_shaped_text_raises_nothing_but_capture_error(words: list[str], space: str) -> None:
    try:
        parse_capture(space.join(words), PEOPLE, today=TODAY)
    except CaptureError as error:
        assert error.message


def test_votes_given_twice_are_refused() -> None:
    with pytest.raises(CaptureError, match="votes are given twice"):
        capture("i Slow VPN +2 +3")


def test_a_value_stream_with_its_stages() -> None:
    got = capture('v Referral to appointment stages:"Referral received; Triage, Booked"')
    assert got.kind == "stream"
    assert got.fields["name"] == "Referral to appointment"
    assert [s.name for s in got.fields["stages"]] == ["Referral received", "Triage", "Booked"]


def test_a_metric_under_review() -> None:
    got = capture(
        'm Server uptime to:Board kind:tech goal:"Patient access" verdict:replace '
        'with:"Referrals booked in 48 hours"'
    )
    assert got.kind == "metric"
    assert got.fields == {
        "name": "Server uptime",
        "audience": "Board",
        "audience_side": Side.BUSINESS,
        "metric_kind": MetricKind.TECHNOLOGY,
        "goal": "Patient access",
        "verdict": Verdict.REPLACE,
        "replacement": "Referrals booked in 48 hours",
    }
    with pytest.raises(CaptureError, match="verdict:maybe is not a verdict"):
        capture("m Uptime verdict:maybe")
    with pytest.raises(CaptureError, match="kind:vanity is not a metric kind"):
        capture("m Uptime kind:vanity")


def test_an_unclosed_quote_is_refused() -> None:
    with pytest.raises(CaptureError, match="quote after why: is not closed"):
        capture('d Unclosed quote why:"forgot')


# -- the fuller records on the capture line -------------------------------------------------


def test_objectives_and_initiatives_on_the_capture_line() -> None:
    people = [Participant("P-1", "Maria Lopez", side=Side.BUSINESS),
              Participant("P-2", "Dev Patel", side=Side.IT)]  # fmt: skip
    objective = parse_capture("o Self-service resets side:it serves:o-1 @maria", people)
    assert objective.kind == "objective"
    assert objective.fields == {"text": "Self-service resets @maria", "side": Side.IT,
                                "serves": "O-1"}  # fmt: skip
    initiative = parse_capture("x Triage assistant @mar @dev ai:yes serves:O-2", people)
    assert initiative.fields == {"text": "Triage assistant", "owners": ("Maria Lopez",
                                 "Dev Patel"), "ai": True, "serves": "O-2"}  # fmt: skip
    assert parse_capture("initiative Portal").fields["ai"] is False


def test_an_action_names_its_decision_and_an_irritant_who_raised_it() -> None:
    people = [Participant("P-1", "Maria Lopez")]
    today = dt.date(2026, 11, 19)
    assert parse_capture("a Send invites decision:d-3", people).fields["decision"] == "D-3"
    irritant = parse_capture("i Forms ask twice by:maria due:2026-12-01", people, today)
    assert irritant.fields["raised_by"] == "Maria Lopez"
    assert irritant.fields["due"] == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("o Grow side:external", "business or it"),
        ("o Grow side:it serves:D-1", "serves:D-1 is not an ID like O-1"),
        ("o Grow", "An objective needs side:business or side:it"),
        ("objective Grow serves:O-1", "An objective needs side:business or side:it"),
        ("x Portal ai:maybe", "ai:maybe is not yes or no"),
        ("a Ship decision:A-2", "decision:A-2 is not an ID like D-1"),
        ("i Slow due:someday", "due:someday is not a date"),
    ],
)
def test_bad_record_words_say_what_to_fix(line: str, fragment: str) -> None:
    with pytest.raises(CaptureError, match=fragment):
        parse_capture(line)
