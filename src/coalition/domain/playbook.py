"""Playbooks: Markdown files that describe a workshop, parsed with markdown-it-py.

The format is documented in docs/playbook-format.md. `check_playbook` returns every problem
with its line; `parse_playbook` raises one PlaybookError listing them all.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from coalition.domain.models import KINDS, PlaybookSnapshot, StepSnapshot
from coalition.domain.playbook_versions import content_hash
from coalition.errors import PlaybookError, PlaybookUnreadable
from coalition.regular_files import NotARegularFile, read_regular_file

FRONT_MATTER_KEYS = {"name": True, "title": True, "version": True, "description": False}
STEP_KEYS = {"id": False, "timebox": True, "captures": True}
SETTINGS_INFO = "coalition"
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TIMEBOX_PATTERN = re.compile(r"(?:(\d{1,4})\s*h)?\s*(?:(\d{1,4})\s*m(?:in)?)?")
MINUTES_PATTERN = re.compile(r"\d{1,4}")
MAX_TIMEBOX_MINUTES = 600
MAX_PLAYBOOK_BYTES = 1_000_000  # a real playbook is a few kB; anything bigger is a mistake


@dataclass(frozen=True, slots=True)
class PlaybookIssue:
    """One problem in a playbook, at a 1-based line."""

    line: int
    message: str

    def format(self, source: str) -> str:
        return f"{source}:{self.line}: {self.message}"


@dataclass(frozen=True, slots=True)
class Playbook:
    """A parsed playbook: its metadata, its steps, and the text it came from."""

    name: str
    title: str
    version: str
    description: str
    steps: tuple[StepSnapshot, ...]
    text: str

    def snapshot(self) -> PlaybookSnapshot:
        return PlaybookSnapshot(
            name=self.name,
            title=self.title,
            version=self.version,
            description=self.description,
            steps=self.steps,
            content_hash=content_hash(self.text),
        )


def slugify(text: str) -> str:
    """A lower-case, dash-separated key made from a heading or a title."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "step"


def parse_timebox(value: str) -> int | None:
    """Minutes in `15m`, `1h`, `1h30m` or `20`; None when it is not a timebox."""
    value = value.strip().lower()
    if MINUTES_PATTERN.fullmatch(value):
        minutes = int(value)
    else:
        match = TIMEBOX_PATTERN.fullmatch(value)
        if not match or not any(match.groups()):
            return None
        minutes = int(match[1] or 0) * 60 + int(match[2] or 0)
    return minutes if 0 < minutes <= MAX_TIMEBOX_MINUTES else None


def parse_key_values(
    lines: list[str],
    first_line: int,
    allowed: dict[str, bool],
    where: str,
    key_lines: dict[str, int] | None = None,
) -> tuple[dict[str, str], list[PlaybookIssue]]:
    """Parse `key: value` lines (values optionally in JSON-style double quotes).

    `first_line` is the line of `lines[0]`; a missing key is reported on the line before it
    (the `---` or the fence that opens the block). `key_lines` receives each key's line.
    """
    if key_lines is None:
        key_lines = {}
    values: dict[str, str] = {}
    issues: list[PlaybookIssue] = []
    for offset, raw in enumerate(lines):
        line_no = first_line + offset
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, colon, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not colon or not key:
            issues.append(PlaybookIssue(line_no, f"expected `key: value` in the {where}"))
            continue
        if key not in allowed:
            known = ", ".join(allowed)
            issues.append(PlaybookIssue(line_no, f"unknown key '{key}' in the {where} ({known})"))
            continue
        if key in values:
            issues.append(PlaybookIssue(line_no, f"'{key}' is given twice in the {where}"))
            continue
        if value.startswith('"'):
            try:
                decoded = json.loads(value)
            except json.JSONDecodeError:
                issues.append(PlaybookIssue(line_no, f"the quoted value of '{key}' is not closed"))
                continue
            value = decoded if isinstance(decoded, str) else value
        values[key] = value
        key_lines[key] = line_no
    for key, required in allowed.items():
        if required and not values.get(key):
            issues.append(PlaybookIssue(first_line - 1, f"the {where} has no '{key}'"))
    return values, issues


def split_front_matter(text: str) -> tuple[dict[str, str], int, list[PlaybookIssue]]:
    """Read the front matter; returns its values, the line after it, and its problems."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        issue = PlaybookIssue(
            1,
            "a playbook starts with front matter: a line `---`, "
            "`name:`, `title:`, `version:` lines, and `---`",
        )
        return {}, 0, [issue]
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            key_lines: dict[str, int] = {}
            values, issues = parse_key_values(
                lines[1:index], 2, FRONT_MATTER_KEYS, "front matter", key_lines
            )
            if "name" in values and not NAME_PATTERN.fullmatch(values["name"]):
                issues.append(
                    PlaybookIssue(
                        key_lines["name"],
                        f"name '{values['name']}' may hold only lower-case letters, digits and -",
                    )
                )
            return values, index + 1, issues
    return {}, 0, [PlaybookIssue(1, "the front matter is not closed with a `---` line")]


def read_front_matter(text: str) -> dict[str, str]:
    """Just the metadata, cheaply (for playbook lists); empty when the front matter is bad."""
    values, _, issues = split_front_matter(text)
    return {} if issues else values


@dataclass
class _StepDraft:
    title: str
    line: int
    purpose: list[str]
    prompts: list[str] | None = None
    settings: dict[str, str] | None = None
    settings_lines: dict[str, int] | None = None


def check_playbook(text: str) -> tuple[Playbook | None, list[PlaybookIssue]]:
    """Parse a playbook, collecting every problem instead of stopping at the first."""
    from coalition.markdown_parser import markdown_parser  # keeps list commands fast

    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta, body_start, issues = split_front_matter(text)
    lines = text.split("\n")
    body = "\n" * body_start + "\n".join(lines[body_start:])  # keep line numbers right
    tokens = markdown_parser().parse(body)

    drafts: list[_StepDraft] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.level != 0 or token.type.endswith("_close") or token.map is None:
            index += 1
            continue
        line = token.map[0] + 1
        start, end = token.map
        step = drafts[-1] if drafts else None
        if token.type == "heading_open" and token.tag == "h2":
            title = tokens[index + 1].content.strip()
            drafts.append(_StepDraft(title=title, line=line, purpose=[]))
        elif token.type == "heading_open" and token.tag == "h1":
            if step is not None:
                issues.append(
                    PlaybookIssue(
                        line,
                        "a `#` heading belongs before the first step; "
                        "use `##` for a step or `###` inside one",
                    )
                )
        elif step is None:
            pass  # the introduction, before the first step, is free prose
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            prompts, list_issues = _prompts(tokens, index)
            issues.extend(list_issues)
            if step.prompts is not None:
                issues.append(
                    PlaybookIssue(
                        line,
                        f"step '{step.title}' has a second list; a step has one list of prompts",
                    )
                )
            else:
                step.prompts = prompts
        elif token.type == "fence" and token.info.strip() == SETTINGS_INFO:
            if step.settings is not None:
                issues.append(
                    PlaybookIssue(line, f"step '{step.title}' has a second ```coalition block")
                )
            else:
                block = token.content.rstrip("\n").split("\n")
                step.settings_lines = {}
                step.settings, found = parse_key_values(
                    block, line + 1, STEP_KEYS, "```coalition block", step.settings_lines
                )
                issues.extend(found)
        else:
            step.purpose.append("\n".join(lines[start:end]).strip())
        index += 1

    steps = _finish_steps(drafts, issues)
    if not drafts:
        issues.append(
            PlaybookIssue(
                min(body_start + 1, len(lines)), "the playbook has no steps (`##` headings)"
            )
        )
    if issues:
        return None, sorted(issues, key=lambda issue: issue.line)
    playbook = Playbook(
        name=meta["name"],
        title=meta["title"],
        version=meta["version"],
        description=meta.get("description", ""),
        steps=tuple(steps),
        text=text,
    )
    return playbook, []


def _prompts(tokens: list, start: int) -> tuple[list[str], list[PlaybookIssue]]:  # type: ignore[type-arg]
    """The text of each item of the list opening at tokens[start]."""
    prompts: list[str] = []
    issues: list[PlaybookIssue] = []
    depth = 0
    for token in tokens[start:]:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
            if depth == 2 and token.map:
                issues.append(
                    PlaybookIssue(
                        token.map[0] + 1, "prompts are one flat list; a nested list is not allowed"
                    )
                )
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif token.type == "list_item_open" and depth == 1:
            prompts.append("")
        elif token.type == "inline" and depth == 1 and prompts:
            joined = " ".join(part.strip() for part in token.content.split("\n"))
            prompts[-1] = f"{prompts[-1]} {joined}".strip()
    for prompt in prompts:
        if not prompt:
            line = tokens[start].map[0] + 1 if tokens[start].map else 1
            issues.append(PlaybookIssue(line, "a prompt is empty"))
    return [p for p in prompts if p], issues


def _finish_steps(drafts: list[_StepDraft], issues: list[PlaybookIssue]) -> list[StepSnapshot]:
    steps: list[StepSnapshot] = []
    seen: dict[str, int] = {}
    for draft in drafts:
        if not draft.title:
            issues.append(PlaybookIssue(draft.line, "a step heading is empty"))
        if not draft.purpose:
            issues.append(
                PlaybookIssue(
                    draft.line,
                    f"step '{draft.title}' has no purpose: add a paragraph under the heading",
                )
            )
        if not draft.prompts:
            issues.append(
                PlaybookIssue(
                    draft.line,
                    f"step '{draft.title}' has no prompts: add a bullet list of questions",
                )
            )
        if draft.settings is None:
            issues.append(
                PlaybookIssue(
                    draft.line,
                    f"step '{draft.title}' has no ```coalition block with its timebox and captures",
                )
            )
            continue
        settings, lines = draft.settings, draft.settings_lines or {}
        step_id = settings.get("id") or slugify(draft.title)
        if not NAME_PATTERN.fullmatch(step_id):
            issues.append(
                PlaybookIssue(
                    lines.get("id", draft.line),
                    f"step id '{step_id}' may hold only lower-case letters, digits and -",
                )
            )
        if step_id in seen:
            issues.append(
                PlaybookIssue(
                    draft.line,
                    f"step id '{step_id}' is already used by the step at line {seen[step_id]}",
                )
            )
        seen.setdefault(step_id, draft.line)
        minutes = parse_timebox(settings.get("timebox", ""))
        if settings.get("timebox") and minutes is None:
            issues.append(
                PlaybookIssue(
                    lines["timebox"],
                    f"timebox '{settings['timebox']}' is not like "
                    f"15m, 1h30m or 20 (at most {MAX_TIMEBOX_MINUTES}m)",
                )
            )
        captures = tuple(k.strip() for k in settings.get("captures", "").split(",") if k.strip())
        if settings.get("captures") and not captures:
            issues.append(PlaybookIssue(lines["captures"], "captures lists no kind of item"))
        unknown = [k for k in captures if k not in KINDS]
        if unknown:
            issues.append(
                PlaybookIssue(
                    lines["captures"],
                    f"unknown kind(s) {', '.join(unknown)} in captures (known: {', '.join(KINDS)})",
                )
            )
        steps.append(
            StepSnapshot(
                id=step_id,
                title=draft.title,
                purpose="\n\n".join(draft.purpose),
                prompts=tuple(draft.prompts or ()),
                timebox_minutes=minutes or 0,
                captures=captures,
            )
        )
    return steps


def parse_playbook(text: str, source: str | Path = "<playbook>") -> Playbook:
    """Parse a playbook or raise one PlaybookError that lists every problem as file:line."""
    playbook, issues = check_playbook(text)
    if playbook is None:
        details = "\n".join(issue.format(str(source)) for issue in issues)
        raise PlaybookError(f"{source} is not a valid playbook:\n{details}")
    return playbook


def _unreadable(path: Path, reason: str) -> PlaybookUnreadable:
    shown = f"{path} (a link to {os.path.realpath(path)})" if path.is_symlink() else str(path)
    return PlaybookUnreadable(
        f"Cannot read the playbook {shown}: {reason}. A playbook is a Markdown text file of at "
        f"most 1 MB; replace or remove this one.",
        reason=reason,
    )


def read_playbook_text(path: Path) -> str:
    """The text of a playbook file, refusing anything but a regular file of at most 1 MB.

    A FIFO, a device (a link to /dev/zero), a folder or a socket is refused from its `stat`,
    without being opened; the file is then opened non-blocking (a FIFO swapped in after the
    check cannot block) and checked again, and at most 1 MB + 1 byte is ever read.
    """
    try:
        data = read_regular_file(path, limit=MAX_PLAYBOOK_BYTES)
    except NotARegularFile as error:
        raise _unreadable(path, error.reason) from error
    except FileNotFoundError as error:
        raise PlaybookUnreadable(
            f"{path} does not exist. Check the path, or run `coalition playbook list`.",
            reason="it does not exist",
        ) from error
    except OSError as error:
        raise _unreadable(path, error.strerror or str(error)) from error
    except ValueError as error:  # a NUL in the path
        raise _unreadable(path, str(error)) from error
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _unreadable(path, f"it is not UTF-8 text ({error})") from error


def load_playbook(path: Path) -> Playbook:
    """Read and parse a playbook file."""
    return parse_playbook(read_playbook_text(path), path)
