"""Programmes kept while their session files stay as they are. No Textual here.

Reading a long programme takes a moment (a hundred sessions of 500 items is half a second),
so the app reads the highlighted client's programme while Home is idle and the programme
screen then opens with it at once. An entry is used only while the client's folder holds
the very same files: any save (a new inode by the atomic rename, a new size or mtime), a new
session or a removed one makes it stale and it is read again.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from coalition.minutes.programme import render_programme
from coalition.minutes.programme_model import Programme
from coalition.services.carry_forward import same_client
from coalition.services.programme import client_programme
from coalition.services.workspace import Workspace

# (file name, inode, modification time in ns, size) of each session file in the folder
Fingerprint = tuple[tuple[str, int, int, int], ...]


@dataclass(frozen=True, slots=True)
class ProgrammeView:
    """A client's programme as the screen shows it: figures and the Markdown."""

    folder: Path
    programme: Programme
    markdown: str


@dataclass(frozen=True, slots=True)
class _Entry:
    client: str
    fingerprint: Fingerprint
    view: ProgrammeView


def folder_fingerprint(folder: Path) -> Fingerprint:
    """What changes whenever a session file in the folder is saved, added or removed."""
    found = []
    for path in folder.glob("*.json") if folder.is_dir() else ():
        try:
            stat = path.stat()
        except OSError:
            continue  # gone since the listing: it is not part of the programme
        found.append((path.name, stat.st_ino, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(found))


class ProgrammeCache:
    """The latest programmes read, a few clients at most; safe to use from threads.

    One reading at a time: a screen that asks while the idle reading of the same client
    runs waits for it and takes its result, rather than reading the files a second time.
    """

    def __init__(self, workspace: Workspace, clients: int = 4) -> None:
        self.workspace = workspace
        self.clients = clients
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def view(self, client: str) -> ProgrammeView:
        """The client's programme, read again only when its files changed.

        Raises CoalitionError as `client_programme` does (no such client).
        """
        folder = self.workspace.client_dir(client)
        with self._lock:
            fingerprint = folder_fingerprint(folder)
            current = self._current(folder, client, fingerprint)
            if current is not None:
                self._entries.move_to_end(str(folder))
                return current
            found, programme = client_programme(self.workspace, client)
            view = ProgrammeView(found, programme, render_programme(programme))
            self._entries[str(folder)] = _Entry(client, fingerprint, view)
            self._entries.move_to_end(str(folder))  # a stale entry keeps its place otherwise
            while len(self._entries) > self.clients:
                self._entries.popitem(last=False)
            return view

    def cached(self, client: str) -> ProgrammeView | None:
        """The client's programme if it is read and still current, without reading it."""
        folder = self.workspace.client_dir(client)
        return self._current(folder, client, folder_fingerprint(folder))

    def _current(self, folder: Path, client: str, fingerprint: Fingerprint) -> ProgrammeView | None:
        entry = self._entries.get(str(folder))
        if entry and entry.fingerprint == fingerprint and same_client(entry.client, client):
            return entry.view
        return None
