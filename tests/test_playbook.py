"""Playbooks: the bundled one parses, and every kind of mistake is reported at its line."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coalition.domain.models import KINDS
from coalition.domain.playbook import (
    MAX_TIMEBOX_MINUTES,
    Playbook,
    check_playbook,
    load_playbook,
    parse_playbook,
    parse_timebox,
    read_front_matter,
    slugify,
)
from coalition.errors import PlaybookError

FRONT = "---\nname: test\ntitle: A test\nversion: 1.0.0\n---\n"


def step(
    title: str = "Step",
    purpose: str = "Why we do this.",
    prompts: str = "- What now?",
    settings: str = "timebox: 10m\ncaptures: note",
) -> str:
    """A step as Markdown; pass "" to leave a part out."""
    parts = [f"## {title}"]
    if purpose:
        parts.append(purpose)
    if prompts:
        parts.append(prompts)
    if settings is not None and settings != "-":
        parts.append(f"```coalition\n{settings}\n```")
    return "\n\n".join(parts) + "\n"


def issues_of(text: str) -> list[tuple[int, str]]:
    playbook, issues = check_playbook(text)
    assert playbook is None
    assert issues, "a rejected playbook must say why"
    return [(issue.line, issue.message) for issue in issues]


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The 1-based line holding the n-th occurrence of `fragment`."""
    found = [n for n, line in enumerate(text.split("\n"), 1) if fragment in line]
    return found[occurrence - 1]


def assert_one_issue(text: str, line: int, *fragments: str) -> None:
    issues = issues_of(text)
    assert len(issues) == 1, issues
    assert issues[0][0] == line, issues
    for fragment in fragments:
        assert fragment in issues[0][1], issues


# -- the bundled and the fixture playbooks -------------------------------------------------


def test_the_bundled_playbook_parses() -> None:
    resource = files("coalition") / "playbooks" / "kotter-alignment.md"
    playbook = parse_playbook(resource.read_text(encoding="utf-8"), "kotter-alignment.md")

    assert playbook.name == "kotter-alignment"
    assert playbook.version
    assert [s.id for s in playbook.steps] == [
        "review",
        "urgency",
        "coalition",
        "vision",
        "value-streams",
        "reporting",
        "communicate",
        "empower",
        "irritants",
        "wins",
        "consolidate",
        "anchor",
        "close",
    ]
    for each in playbook.steps:
        assert each.timebox_minutes > 0
        assert each.prompts and all(prompt.strip() for prompt in each.prompts)
        assert each.purpose.strip()
        assert each.captures and set(each.captures) <= set(KINDS)
    assert sum(s.timebox_minutes for s in playbook.steps) == 180  # "add up to three hours"


def test_the_fixture_playbook(playbook: Playbook) -> None:
    assert (playbook.name, playbook.title, playbook.version) == (
        "mini",
        "A short test workshop",
        "0.1.0",
    )
    assert playbook.description.startswith("Three steps")
    review, irritants, close = playbook.steps
    assert review.prompts == ("Which of these is done?", "Which is still open, and who owns it?")
    assert irritants.id == "irritants"  # made from the heading
    assert (review.timebox_minutes, irritants.timebox_minutes, close.timebox_minutes) == (
        10,
        90,
        5,
    )
    assert close.prompts == ("Who owns each action?", "When do we meet again?")  # numbered
    assert irritants.captures == ("irritant", "action")
    assert playbook.snapshot().steps == playbook.steps


def test_a_good_playbook_has_no_issues() -> None:
    text = FRONT + "# Title\n\nIntro.\n\n" + step("Only step")
    playbook, issues = check_playbook(text)
    assert issues == []
    assert playbook is not None and playbook.steps[0].id == "only-step"


def test_purpose_keeps_subheadings_and_prose_in_order() -> None:
    text = FRONT + step(purpose="First paragraph.\n\n### Detail\n\nSecond paragraph.")
    playbook = parse_playbook(text)
    assert playbook.steps[0].purpose == "First paragraph.\n\n### Detail\n\nSecond paragraph."


def test_multi_line_prompts_are_joined() -> None:
    text = FRONT + step(prompts="- Which action is open,\n  and who owns it?\n- Other?")
    assert parse_playbook(text).steps[0].prompts == (
        "Which action is open, and who owns it?",
        "Other?",
    )
    # CommonMark: a different bullet character starts a second list
    text = FRONT + step(prompts="- One?\n* Two?")
    assert_one_issue(text, line_of(text, "* Two?"), "second list")


def test_quoted_front_matter_values() -> None:
    text = FRONT.replace("title: A test", 'title: "  #1 \\"best\\" \\\\ workshop "') + step()
    assert parse_playbook(text).title == '  #1 "best" \\ workshop '


def test_crlf_input_parses_the_same(playbook: Playbook) -> None:
    text = playbook.text.replace("\n", "\r\n")
    again = parse_playbook(text)
    assert again.steps == playbook.steps
    assert (again.name, again.title, again.version) == (
        playbook.name,
        playbook.title,
        playbook.version,
    )

    broken = (FRONT + step(settings="timebox: soon\ncaptures: note")).replace("\n", "\r\n")
    assert issues_of(broken)[0][0] == line_of(FRONT + step(), "timebox:")


def test_a_byte_order_mark_is_ignored(playbook: Playbook) -> None:
    assert parse_playbook("\ufeff" + playbook.text).steps == playbook.steps


def test_load_playbook_reports_a_missing_or_undecodable_file(tmp_path: Path) -> None:
    with pytest.raises(PlaybookError, match="does not exist"):
        load_playbook(tmp_path / "missing.md")
    binary = tmp_path / "binary.md"
    binary.write_bytes(b"---\xff\xfe")
    with pytest.raises(PlaybookError, match="UTF-8"):
        load_playbook(binary)


def test_parse_playbook_lists_every_issue_as_file_and_line() -> None:
    text = FRONT.replace("name: test", "name: Bad Name") + step(settings="timebox: never")
    with pytest.raises(PlaybookError) as raised:
        parse_playbook(text, "my.md")
    lines = raised.value.message.splitlines()
    assert lines[0] == "my.md is not a valid playbook:"
    assert lines[1].startswith("my.md:2: name 'Bad Name'")
    assert any(line.startswith(f"my.md:{line_of(text, 'timebox:')}: ") for line in lines)
    assert any("no 'captures'" in line for line in lines)


def test_read_front_matter_is_empty_when_it_is_bad() -> None:
    assert read_front_matter(FRONT)["name"] == "test"
    assert read_front_matter("no front matter") == {}
    assert read_front_matter("---\nname: x\n") == {}


# -- each kind of mistake, at its line ------------------------------------------------------


def test_missing_front_matter() -> None:
    issues = issues_of("# Title\n\n" + step())
    assert issues == [(1, issues[0][1])]
    assert "starts with front matter" in issues[0][1]


def test_unclosed_front_matter() -> None:
    issues = issues_of("---\nname: test\ntitle: T\nversion: 1\n\n" + step())
    assert issues[0][0] == 1 and "not closed" in issues[0][1]


@pytest.mark.parametrize("key", ["name", "title", "version"])
def test_a_required_front_matter_key_is_missing(key: str) -> None:
    text = "\n".join(line for line in FRONT.split("\n") if not line.startswith(f"{key}:"))
    assert_one_issue(text + step(), 1, f"no '{key}'")


def test_an_empty_required_value_counts_as_missing() -> None:
    assert_one_issue(FRONT.replace("title: A test", "title:") + step(), 1, "no 'title'")


@pytest.mark.parametrize("name", ["Bad", "with space", "-leading", "under_score", '"x\\n"'])
def test_a_bad_name_is_reported_on_its_own_line(name: str) -> None:
    front = "---\ndescription: the name of the game\n" + FRONT[4:].replace("test", name, 1)
    assert_one_issue(front + step(), line_of(front, f"name: {name}"), "lower-case")


def test_an_unknown_key() -> None:
    text = FRONT.replace("version: 1.0.0\n", "version: 1.0.0\nauthor: me\n") + step()
    assert_one_issue(text, line_of(text, "author"), "unknown key 'author'")


def test_a_duplicate_key() -> None:
    text = FRONT.replace("version: 1.0.0\n", "version: 1.0.0\ntitle: Again\n") + step()
    assert_one_issue(text, line_of(text, "title: Again"), "'title' is given twice")


def test_a_line_without_a_colon_and_an_unclosed_quote() -> None:
    text = FRONT.replace("version: 1.0.0\n", 'version: 1.0.0\njust words\ndescription: "open\n')
    issues = issues_of(text + step())
    assert issues == [
        (line_of(text, "just words"), "expected `key: value` in the front matter"),
        (line_of(text, "description"), "the quoted value of 'description' is not closed"),
    ]


@pytest.mark.parametrize(
    ("part", "fragment"),
    [
        ("purpose", "has no purpose"),
        ("prompts", "has no prompts"),
        ("settings", "has no ```coalition block"),
    ],
)
def test_a_step_without_a_part(part: str, fragment: str) -> None:
    parts = {"purpose": "Why.", "prompts": "- What?", "settings": "timebox: 5m\ncaptures: note"}
    parts[part] = "-" if part == "settings" else ""
    text = FRONT + step("First") + step("Second", **parts)
    assert_one_issue(text, line_of(text, "## Second"), fragment, "'Second'")


def test_an_empty_prompt_and_an_empty_heading() -> None:
    text = FRONT + step(prompts="- Fine\n-\n- Also fine")
    assert_one_issue(text, line_of(text, "- Fine"), "a prompt is empty")
    text = FRONT + "##\n\nWhy.\n\n- What?\n\n```coalition\ntimebox: 5m\ncaptures: note\n```\n"
    assert_one_issue(text, line_of(text, "##"), "heading is empty")


def test_a_second_prompt_list() -> None:
    text = FRONT + step(prompts="- One?\n\nMore prose.\n\n1. Two?")
    assert_one_issue(text, line_of(text, "1. Two?"), "second list")


def test_a_nested_list() -> None:
    text = FRONT + step(prompts="- One?\n  - Nested?\n- Two?")
    assert_one_issue(text, line_of(text, "Nested"), "nested list")


def test_a_second_coalition_block() -> None:
    text = FRONT + step() + "\n```coalition\ntimebox: 5m\ncaptures: note\n```\n"
    assert_one_issue(text, line_of(text, "```coalition", 2), "second ```coalition block")


@pytest.mark.parametrize("timebox", ["soon", "0m", "0", "601", "11h", "1h30", "-5", "1.5h"])
def test_a_bad_timebox_is_reported_on_its_line(timebox: str) -> None:
    text = FRONT + step(settings=f"captures: note\n\ntimebox: {timebox}")
    assert_one_issue(text, line_of(text, "timebox:"), f"timebox '{timebox}'")


def test_an_unknown_capture_kind() -> None:
    text = FRONT + step(settings="timebox: 5m\ncaptures: note, memo, decision")
    assert_one_issue(text, line_of(text, "captures:"), "memo", "known: participant")


def test_missing_settings_keys_are_reported_at_the_fence() -> None:
    text = FRONT + step(settings="id: only-an-id")
    issues = issues_of(text)
    fence = line_of(text, "```coalition")
    assert issues == [
        (fence, "the ```coalition block has no 'timebox'"),
        (fence, "the ```coalition block has no 'captures'"),
    ]


def test_an_unknown_settings_key() -> None:
    text = FRONT + step(settings="timebox: 5m\ncaptures: note\nowner: me")
    assert_one_issue(text, line_of(text, "owner: me"), "unknown key 'owner'")


@pytest.mark.parametrize("step_id", ["Bad Id", "under_score", '"x\\n"'])
def test_a_bad_step_id(step_id: str) -> None:
    text = FRONT + step(settings=f"id: {step_id}\ntimebox: 5m\ncaptures: note")
    assert_one_issue(text, line_of(text, "id: "), "step id")


def test_a_duplicate_step_id() -> None:
    text = (
        FRONT
        + step("Irritants")
        + step("Other", settings="id: irritants\ntimebox: 5m\ncaptures: note")
    )
    first, second = line_of(text, "## Irritants"), line_of(text, "## Other")
    assert_one_issue(text, second, "'irritants'", f"at line {first}")


def test_a_top_level_heading_after_the_steps() -> None:
    text = FRONT + step() + "\n# Appendix\n"
    assert_one_issue(text, line_of(text, "# Appendix"), "`#` heading")


def test_no_steps() -> None:
    text = FRONT + "# Only a title\n\nAnd an introduction.\n"
    assert_one_issue(text, line_of(text, "# Only a title"), "no steps")


def test_no_steps_and_nothing_after_the_front_matter() -> None:
    text = FRONT.rstrip("\n")
    assert_one_issue(text, 5, "no steps")  # never a line past the end of the file


def test_issues_come_sorted_by_line() -> None:
    text = (
        FRONT.replace("version: 1.0.0\n", "version: 1.0.0\nauthor: me\n")
        + step("A", prompts="")
        + step("B", settings="timebox: never\ncaptures: note")
    )
    lines = [line for line, _ in issues_of(text)]
    assert lines == sorted(lines) and len(lines) == 3


# -- timeboxes and slugs --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("15m", 15),
        ("15min", 15),
        ("1h", 60),
        ("1h30m", 90),
        ("1h 30m", 90),
        (" 2H ", 120),
        ("20", 20),
        ("10h", 600),
        (str(MAX_TIMEBOX_MINUTES), MAX_TIMEBOX_MINUTES),
        (str(MAX_TIMEBOX_MINUTES + 1), None),
        ("0", None),
        ("0h0m", None),
        ("", None),
        ("  ", None),
        ("h", None),
        ("m", None),
        ("1h30", None),
        ("1.5h", None),
        ("-5", None),
        ("²", None),  # isdigit() says yes; int() would raise
        ("1" * 5000, None),  # int() refuses more than 4300 digits
        ("1\n", 1),
        ("5m\n5m", None),
    ],
)
def test_parse_timebox(text: str, minutes: int | None) -> None:
    assert parse_timebox(text) == minutes


def test_slugify() -> None:
    assert (
        slugify("Kotter 1: Establish a sense of urgency!")
        == "kotter-1-establish-a-sense-of-urgency"
    )
    assert slugify("Über ✨") == "ber"
    assert slugify("✨") == "step"


# -- hypothesis: never a crash, always a line inside the file -------------------------------

FRAGMENTS = [
    "---",
    "name: test",
    "title: T",
    "version: 1",
    "# Title",
    "## Step",
    "## Step",
    "### Sub",
    "Prose.",
    "- prompt?",
    "  - nested?",
    "1. numbered?",
    "-",
    "> quote",
    "| a | b |\n| - | - |",
    "```coalition",
    "```",
    "~~~coalition",
    "id: x",
    "id: Bad Id",
    "timebox: 5m",
    "timebox: ²",
    'timebox: "1h',
    "captures: note, decision",
    "captures: nope",
    "",
]


def assert_sane(text: str) -> None:
    playbook, issues = check_playbook(text)
    normalised = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    last_line = len(normalised.split("\n"))
    if playbook is None:
        assert issues
        for issue in issues:
            assert 1 <= issue.line <= last_line, (issue, last_line)
            assert issue.message
    else:
        assert issues == []
        assert playbook.steps
        for each in playbook.steps:
            assert each.prompts and each.timebox_minutes > 0


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_never_crashes(text: str) -> None:
    assert_sane(text)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_arbitrary_text_after_valid_front_matter_never_crashes(text: str) -> None:
    assert_sane(FRONT + text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_playbook_shaped_text_never_crashes(lines: list[str], newline: str) -> None:
    assert_sane(newline.join(lines))
    assert_sane(FRONT + newline.join(lines))


def test_captures_must_name_at_least_one_kind() -> None:
    text = FRONT + step(settings="timebox: 5m\ncaptures: ,")
    assert_one_issue(text, line_of(text, "captures:"), "captures lists no kind")
