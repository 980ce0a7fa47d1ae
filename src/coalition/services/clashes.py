"""ID clashes between a client's sessions: one ID held by two sessions for two different
items. No Textual here.

The items come from different sessions (their `origin`, or the session itself when raised
there), so neither session carried it from the other, and their text differs. This is what
two laptops give when each starts a session of the client from the same state and both
meet in git. The programme view lists the clashes; `coalition new` warns before carrying
from them, since carrying forward keeps one item per ID.
"""

from __future__ import annotations

from collections.abc import Iterable

from coalition.domain.models import Item, Metric, Participant, ValueStream, id_number
from coalition.minutes.programme_model import Clash, Sighting
from coalition.services.carry_forward import ClientSessions


class ClashFinder:
    """Items sighted session by session, in running order; `found` lists the clashes."""

    def __init__(self) -> None:
        self.origins: dict[str, set[str]] = {}  # ID -> the sessions its items come from
        self.texts: dict[str, dict[str, Sighting]] = {}  # ID -> its texts, first seen where
        self.clashes: list[Clash] = []

    def sight(self, item: Item, stem: str, number: int) -> None:
        """Record where an ID comes from (session `number`, file `stem`); two origins and
        two texts make a clash."""
        origin = getattr(item, "origin", "") or stem
        origins = self.origins.setdefault(item.id, set())
        if origin in origins:
            return  # carried from a session that holds it, or raised here: the same item
        origins.add(origin)
        sighting = Sighting(number, origin, _label(item))
        texts = self.texts.setdefault(item.id, {})  # each text once, with its first sighting
        if sighting.text not in texts:
            self.clashes.extend(
                Clash(item.id, item.kind, first, sighting) for first in texts.values()
            )
            texts[sighting.text] = sighting

    def found(self) -> tuple[Clash, ...]:
        """The clashes, by ID, then by the sessions they were sighted in."""
        return tuple(sorted(self.clashes, key=_clash_order))


def find_clashes(sessions: ClientSessions) -> tuple[Clash, ...]:
    """The ID clashes of a client's sessions, given in running order (`client_sessions`)."""
    finder = ClashFinder()
    for number, (path, session) in enumerate(sessions, 1):
        for item in session.items():
            finder.sight(item, path.stem, number)
    return finder.found()


def clash_warning(clashes: Iterable[Clash], sessions: ClientSessions, client: str) -> list[str]:
    """What `coalition new` says before carrying from clashing sessions, line by line: each
    ID, and the file and text of each of its items."""
    files = [path.name for path, _ in sessions]
    lines = [
        f"Warning: the sessions of {client} this one carries from use one ID for two "
        "different items (two laptops, say); carrying forward keeps one item per ID:"
    ]
    for clash in clashes:
        lines.append(
            f"  {clash.id} ({clash.kind}): '{clash.first.text}' in "
            f"{files[clash.first.session - 1]}, '{clash.second.text}' in "
            f"{files[clash.second.session - 1]}."
        )
    lines.append(
        f'Check what the new session holds under those IDs; `coalition programme "{client}"` '
        "lists the clashes and docs/programme.md says how to resolve one."
    )
    return lines


def _label(item: Item) -> str:
    """What tells two items with one ID apart: a name, or the item's text."""
    if isinstance(item, Participant | ValueStream | Metric):
        return item.name
    return item.text


def _clash_order(clash: Clash) -> tuple[str, int, int, int]:
    prefix = clash.id.partition("-")[0]
    return (prefix, id_number(clash.id), clash.first.session, clash.second.session)
