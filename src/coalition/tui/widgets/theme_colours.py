"""Theme colours for Rich renderables, which cannot read Textual's `$variables` themselves."""

from __future__ import annotations

from textual.color import Color, ColorParseError


def solid(variables: dict[str, str], name: str, default: str) -> str:
    """A theme colour as `#rrggbb` (Rich has no alpha: blend onto the background)."""
    try:
        colour = Color.parse(variables.get(name, default))
        if colour.a < 1:
            background = Color.parse(variables.get("background", "#000000"))
            colour = background.blend(colour.with_alpha(1), colour.a)
    except ColorParseError:
        colour = Color.parse(default)
    return colour.hex6
