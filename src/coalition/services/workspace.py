"""Workspaces: a folder holding `sessions/` and `playbooks/`, found the way git finds a repo.

Discovery order: `--workspace`, then `COALITION_WORKSPACE`, then the nearest folder up from
the current one that holds `coalition.toml` or `sessions/`, otherwise a per-user data folder.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from coalition.errors import SessionNotFound, WorkspaceError
from coalition.regular_files import NotARegularFile, read_regular_file

CONFIG_NAME = "coalition.toml"
MAX_CONFIG_BYTES = 1_000_000
ENV_VAR = "COALITION_WORKSPACE"
CONFIG_TEMPLATE = """\
# coalition workspace settings
# default_playbook = "kotter-alignment"
# facilitator = "Your Name"
"""
# Lock files (`<session>.lock`) and the temporary files of interrupted saves
# (`.<session>.json.<random>.tmp`, see store.atomic_storage) never belong in git.
IGNORE_COMMENT = "# session lock files and interrupted temporary saves never belong in git"
IGNORED = ("*.lock", ".*.tmp")


def file_slug(text: str, fallback: str) -> str:
    """A readable, lower-case, dash-separated file name part for any name, in any script.

    Accents are dropped (Zürich -> zurich), other letters kept (東京 stays 東京); a name with
    no letters or digits at all gets a short hash, so two such names never share a folder.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = re.sub(r"[\W_]+", "-", plain.casefold()).strip("-")
    if slug:
        return slug[:80].rstrip("-")
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{fallback}-{digest}"


@dataclass(frozen=True, slots=True)
class Workspace:
    """A workspace folder; `how` says how it was found (shown to the user when it matters)."""

    root: Path
    how: str = "given"

    @property
    def sessions_dir(self) -> Path:
        return self.root / "sessions"

    @property
    def playbooks_dir(self) -> Path:
        return self.root / "playbooks"

    def settings(self) -> dict[str, str]:
        """`coalition.toml`, or nothing when there is none."""
        path = self.root / CONFIG_NAME
        try:
            data = tomllib.loads(read_regular_file(path, limit=MAX_CONFIG_BYTES).decode())
        except FileNotFoundError:
            return {}
        except NotARegularFile as error:
            raise WorkspaceError(
                f"Cannot read {path}: {error.reason}. It should be a small TOML text file; "
                "replace or delete it."
            ) from error
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            raise WorkspaceError(f"{path} is not valid TOML: {error}. Fix or delete it.") from error
        return {key: str(value) for key, value in data.items() if isinstance(value, str | int)}

    def session_files(self) -> list[Path]:
        """Every session file, sorted by client folder then name."""
        if not self.sessions_dir.is_dir():
            return []
        return sorted(p for p in self.sessions_dir.glob("*/*.json") if not p.name.startswith("."))

    def client_dir(self, client: str) -> Path:
        return self.sessions_dir / file_slug(client, "client")

    def new_session_path(self, client: str, date: dt.date, title: str) -> Path:
        """`sessions/<client>/<date>-<title>.json`, numbered when the name is taken."""
        folder = self.client_dir(client)
        stem = f"{date.isoformat()}-{file_slug(title, 'session')}"
        path = folder / f"{stem}.json"
        number = 2
        while path.exists():
            path = folder / f"{stem}-{number}.json"
            number += 1
        return path

    def resolve_session(self, reference: str) -> Path:
        """A session file from a path, or from a unique prefix of a session file's name."""
        direct = Path(reference)
        if direct.is_file():
            return direct
        if direct.suffix != ".json" and direct.with_suffix(".json").is_file():
            return direct.with_suffix(".json")
        wanted = reference.removesuffix(".json")
        candidates = [
            path
            for path in self.session_files()
            if path.stem.startswith(wanted)
            or path.stem[len("2026-01-01-") :].startswith(wanted)  # the title, without the date
            or str(path.relative_to(self.sessions_dir)).startswith(wanted)
        ]
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise SessionNotFound(
                f"No session matches '{reference}' in {self.sessions_dir}. Give the path of a "
                "session file, or run `coalition list` to see the sessions."
            )
        names = ", ".join(str(p.relative_to(self.root)) for p in candidates[:5])
        raise SessionNotFound(f"'{reference}' matches several sessions ({names}); type more.")


def user_workspace_root() -> Path:
    """The per-user folder used when no workspace is found."""
    from platformdirs import user_data_path

    return user_data_path("coalition", appauthor=False)


def find_workspace(explicit: str | None = None, cwd: Path | None = None) -> Workspace:
    """The workspace to use, following the discovery order."""
    if explicit:
        return Workspace(Path(explicit).expanduser().resolve(), "given with --workspace")
    from_env = os.environ.get(ENV_VAR)
    if from_env:
        return Workspace(Path(from_env).expanduser().resolve(), f"from {ENV_VAR}")
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file() or (folder / "sessions").is_dir():
            return Workspace(folder, "found")
    return Workspace(user_workspace_root(), "per-user")


def ensure_ignored(path: Path) -> bool:
    """Make the `.gitignore` at `path` hold the IGNORED patterns: create it, or append the
    ones it lacks (its own lines stay); True when it changed.

    The file is opened without following a link: a cloned repository could plant
    `sessions/.gitignore` as a link to a file of the user's.
    """
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o666)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise WorkspaceError(
            f"{path} is a symbolic link, so coalition left it alone. Replace it with a plain "
            f"file, or add these lines to the file it points to: {', '.join(IGNORED)}."
        ) from None
    with os.fdopen(fd, "r+b") as handle:
        text = handle.read().decode("utf-8", "replace")
        present = {line.strip() for line in text.splitlines()}
        missing = [pattern for pattern in IGNORED if pattern not in present]
        if not missing:
            return False
        separator = "\n" if text and not text.endswith("\n") else ""
        handle.write((separator + "\n".join((IGNORE_COMMENT, *missing)) + "\n").encode())
    return True


def init_workspace(root: Path) -> tuple[Workspace, list[Path]]:
    """Create the workspace's folders and files; returns what was created (or added to: an
    existing `sessions/.gitignore` gets the lines it lacks, never loses one)."""
    created: list[Path] = []
    try:
        root.mkdir(parents=True, exist_ok=True)
        for folder in (root / "sessions", root / "playbooks"):
            if not folder.exists():
                folder.mkdir()
                created.append(folder)
        config = root / CONFIG_NAME
        if not config.exists():
            config.write_text(CONFIG_TEMPLATE, encoding="utf-8")
            created.append(config)
        ignore = root / "sessions" / ".gitignore"
        if ensure_ignored(ignore):
            created.append(ignore)
    except OSError as error:
        raise WorkspaceError(
            f"Cannot create a workspace in {root}: {error.strerror}. Choose a folder you may "
            "write in."
        ) from error
    return Workspace(root, "given"), created
