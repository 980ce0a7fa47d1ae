"""Secrets of one opening of the room: new every time it opens, compared in constant time."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field

TOKEN_BYTES = 24  # 192 random bits, at least the 128 the security model asks for
# The short code people type after the bare address: no 0/O, 1/I/L to misread.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_token() -> str:
    """A URL-safe random token."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def new_code() -> str:
    """A short join code (about 40 bits: guessing it is limited per minute)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def same_secret(given: str | None, expected: str) -> bool:
    """Whether a secret someone sent is the expected one, in constant time."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8", "replace"), expected.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class RoomSecrets:
    """The join token (participants), the facilitator's token and the join code."""

    join: str = field(default_factory=new_token)
    facilitator: str = field(default_factory=new_token)
    code: str = field(default_factory=new_code)

    def code_matches(self, typed: str) -> bool:
        """The typed join code, ignoring case, spaces and dashes."""
        cleaned = "".join(ch for ch in typed.upper() if ch.isalnum())
        return same_secret(cleaned, self.code)
