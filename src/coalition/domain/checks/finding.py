"""A finding: one check that failed, the items it concerns and what to do."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coalition.domain.checks.catalogue import CHECKS


@dataclass(frozen=True, slots=True)
class Finding:
    """One failed check. `items` are item IDs, each once; `subjects` name what is wrong when
    it is finer than an item (a stage: `V-1 Triage`, an owner: `A-2 Carol`)."""

    code: str
    check: str
    items: tuple[str, ...]
    advice: str
    subjects: tuple[str, ...] = ()

    @property
    def named(self) -> tuple[str, ...]:
        """What a reader is shown: the subjects, else the item IDs."""
        return self.subjects or self.items

    @property
    def message(self) -> str:
        """The finding in one line: the check, what it names, and the advice."""
        named = f" ({', '.join(self.named)})" if self.named else ""
        return " ".join(f"{self.check}{named}: {self.advice}".split())


def found(code: str, items: Iterable[str], subjects: Iterable[str] = ()) -> list[Finding]:
    """The check's finding for these items, or none when there are none."""
    ids = tuple(dict.fromkeys(items))
    if not ids:
        return []
    check = CHECKS[code]
    return [Finding(code, check.title, ids, check.advice, tuple(dict.fromkeys(subjects)))]
