"""Where playbooks come from: the workspace, the per-user folder, and the bundled ones.

A name found in more than one place resolves in that order (workspace first), so a
consultant's adapted copy wins over the bundled original.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coalition.domain.playbook import Playbook, load_playbook, read_front_matter
from coalition.errors import PlaybookError
from coalition.workspace import Workspace

BUNDLED_DIR = Path(__file__).parent / "playbooks"
DEFAULT_PLAYBOOK = "kotter-alignment"


@dataclass(frozen=True, slots=True)
class PlaybookEntry:
    """A playbook file found in the library, described from its front matter."""

    name: str
    title: str
    version: str
    source: str  # "workspace", "user" or "bundled"
    path: Path
    shadowed: bool = False  # a playbook of the same name earlier in the order wins


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


def list_playbooks(workspace: Workspace) -> list[PlaybookEntry]:
    """Every playbook file, in precedence order; later files of a taken name are shadowed."""
    entries: list[PlaybookEntry] = []
    seen: set[str] = set()
    seen_files: set[Path] = set()
    for source, folder in playbook_folders(workspace):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.md")):
            if path.name.lower() == "readme.md" or path.resolve() in seen_files:
                continue
            seen_files.add(path.resolve())
            try:
                meta = read_front_matter(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                meta = {}
            name = meta.get("name", path.stem)
            entries.append(
                PlaybookEntry(
                    name=name,
                    title=meta.get("title", "(front matter missing or invalid)"),
                    version=meta.get("version", "?"),
                    source=source,
                    path=path,
                    shadowed=name in seen,
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
