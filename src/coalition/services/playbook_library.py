"""Where playbooks come from: the workspace, the per-user folder, and the bundled ones.

A name found in more than one place resolves in that order (workspace first), so a
consultant's adapted copy wins over the bundled original.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coalition.domain.playbook import (
    Playbook,
    load_playbook,
    read_front_matter,
    read_playbook_text,
)
from coalition.domain.playbook import parse_playbook as parse_playbook_text
from coalition.domain.playbook_versions import (
    Release,
    content_hash,
    parse_releases,
    version_warning,
)
from coalition.errors import PlaybookError, PlaybookUnreadable
from coalition.services.workspace import Workspace

BUNDLED_DIR = Path(__file__).parent.parent / "playbooks"
DEFAULT_PLAYBOOK = "kotter-alignment"
# The bundled playbooks' released versions and the hash of each text (playbook_versions).
RELEASES_FILE = BUNDLED_DIR / "released.toml"


def released_playbooks() -> tuple[Release, ...]:
    """The releases of the bundled playbooks, as `released.toml` lists them."""
    return parse_releases(RELEASES_FILE.read_text(encoding="utf-8"), str(RELEASES_FILE))


def playbook_version_warning(playbook: Playbook) -> str:
    """Why this playbook's version does not identify its content ("" when it does)."""
    digest = content_hash(playbook.text)
    return version_warning(playbook.name, playbook.version, digest, released_playbooks())


@dataclass(frozen=True, slots=True)
class PlaybookEntry:
    """A playbook file found in the library, described from its front matter."""

    name: str
    title: str
    version: str
    source: str  # "workspace", "user" or "bundled"
    path: Path
    shadowed: bool = False  # a playbook of the same name earlier in the order wins
    problem: str = ""  # why the file cannot be read at all (a FIFO, a device, too large...)


def user_playbooks_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path("coalition", appauthor=False) / "playbooks"


def playbook_folders(workspace: Workspace) -> list[tuple[str, Path]]:
    """The folders searched, in order of precedence."""
    return [
        ("workspace", workspace.playbooks_dir),
        ("user", user_playbooks_dir()),
        ("bundled", BUNDLED_DIR),
    ]


def _real_path(path: Path) -> Path:
    """Where a link leads (a copy linked twice is listed once); a link loop is itself."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: read_playbook_text says so
        return path


def list_playbooks(workspace: Workspace) -> list[PlaybookEntry]:
    """Every playbook file, in precedence order; later files of a taken name are shadowed."""
    entries: list[PlaybookEntry] = []
    seen: set[str] = set()
    seen_files: set[Path] = set()
    for source, folder in playbook_folders(workspace):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.md")):
            real = _real_path(path)
            if path.name.lower() == "readme.md" or real in seen_files:
                continue
            seen_files.add(real)
            problem = ""
            try:
                meta = read_front_matter(read_playbook_text(path))
            except PlaybookUnreadable as error:  # listed as broken; the rest still lists
                meta, problem = {}, error.reason
            name = meta.get("name", path.stem)
            title = f"(unreadable: {problem})" if problem else "(front matter missing or invalid)"
            entries.append(
                PlaybookEntry(
                    name=name,
                    title=meta.get("title", title),
                    version=meta.get("version", "?"),
                    source=source,
                    path=path,
                    shadowed=name in seen,
                    problem=problem,
                )
            )
            seen.add(name)
    return entries


def find_playbook(reference: str, workspace: Workspace) -> Playbook:
    """A playbook by name (library precedence) or by path to a Markdown file."""
    as_path = Path(reference)
    if reference.endswith(".md") or as_path.is_file():
        return load_playbook(as_path)
    for entry in list_playbooks(workspace):
        if entry.name == reference and not entry.shadowed:
            return load_playbook(entry.path)
    known = ", ".join(sorted({e.name for e in list_playbooks(workspace)})) or "none"
    raise PlaybookError(
        f"No playbook named '{reference}' (known: {known}). Run `coalition playbook list`, "
        "or give the path of a playbook file."
    )


def copy_playbook(workspace: Workspace, name: str, source: str) -> Path:
    """Copy a library playbook into the workspace under a new name, ready to adapt.

    Only the playbook file is read, so nothing of any client's sessions can end up in it.
    """
    from coalition.domain.playbook import NAME_PATTERN

    if not NAME_PATTERN.match(name):
        raise PlaybookError(f"'{name}' is not a playbook name: use lower-case letters, digits, -.")
    original = find_playbook(source, workspace)
    target = workspace.playbooks_dir / f"{name}.md"
    if target.exists():
        raise PlaybookError(f"{target} already exists; choose another name or edit that file.")
    lines = original.text.split("\n")
    end = lines.index("---", 1)
    for index in range(1, end):
        key = lines[index].partition(":")[0].strip()
        if key == "name":
            lines[index] = f"name: {name}"
        elif key == "version":
            lines[index] = "version: 0.1.0"
    text = "\n".join(lines)
    load_check = parse_playbook_text(text, target)
    del load_check
    try:
        workspace.playbooks_dir.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise PlaybookError(f"Cannot write {target}: {error.strerror}.") from error
    return target
