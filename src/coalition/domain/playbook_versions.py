"""A playbook's version identifies its content: a content hash, and the released versions.

A session keeps the hash of the playbook text it ran beside the declared version, so two
sessions that both say `kotter-alignment 1.2.0` can be told apart if someone edited the
file without bumping its version. The bundled playbooks' released versions are listed, with
their hashes, in `playbooks/released.toml`; `coalition playbook validate` warns when a file
claims a released version but holds other content.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass

HASH_PREFIX = "sha256:"


def content_hash(text: str) -> str:
    """`sha256:<hex>` of the playbook's text with line ends made LF (as it is parsed)."""
    normal = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(normal.encode("utf-8", "surrogateescape")).hexdigest()
    return HASH_PREFIX + digest


@dataclass(frozen=True, slots=True)
class Release:
    """A released version of a bundled playbook and the hash of its text."""

    name: str
    version: str
    hash: str

    def entry(self) -> str:
        """The registry's TOML for this release."""
        return (
            f'[[release]]\nname = "{self.name}"\nversion = "{self.version}"\nhash = "{self.hash}"\n'
        )


def parse_releases(text: str, source: str) -> tuple[Release, ...]:
    """The releases a registry lists; ValueError naming the source and entry if malformed."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{source}: not valid TOML ({error})") from error
    releases = []
    for number, entry in enumerate(data.get("release", []), 1):
        fields = [entry.get(key) if isinstance(entry, dict) else None
                  for key in ("name", "version", "hash")]  # fmt: skip
        if not all(isinstance(value, str) and value for value in fields):
            raise ValueError(f"{source}: release {number} needs name, version and hash as text")
        name, version, digest = (str(value) for value in fields)
        if not digest.startswith(HASH_PREFIX):
            raise ValueError(f"{source}: release {number} ({name}) has a hash without sha256:")
        releases.append(Release(name, version, digest))
    return tuple(releases)


def version_warning(name: str, version: str, digest: str, releases: Iterable[Release]) -> str:
    """Why a playbook's version does not identify its content ("" when it does, or when that
    name and version were never released)."""
    released = [r for r in releases if (r.name, r.version) == (name, version)]
    if not released or any(r.hash == digest for r in released):
        return ""
    return (
        f"'{name}' {version} was released with other content ({released[0].hash[:19]}…; this "
        f"file is {digest[:19]}…): its content changed and its version did not. Give it a new "
        f"version in its front matter (for a copy you adapt, one of your own, like "
        f"{version}-yourname) so that sessions that ran either text can be told apart."
    )


def release_problem(name: str, version: str, digest: str, releases: Iterable[Release]) -> str:
    """What to do when a bundled playbook is not a registered release ("" when it is)."""
    releases = tuple(releases)
    changed = version_warning(name, version, digest, releases)
    this = Release(name, version, digest)
    if changed:
        return (
            f"{changed} Bump `version` in playbooks/{name}.md, then add its new release to "
            f"playbooks/released.toml:\n{this.entry()}"
        )
    if this not in releases:
        return (
            f"'{name}' {version} is not in playbooks/released.toml. If this is a new version, "
            f"add it (keep the earlier releases):\n{this.entry()}"
        )
    return ""
