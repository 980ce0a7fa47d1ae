"""Mermaid flowcharts of value streams: stages left to right, the systems under each.

GitHub renders a ```mermaid block as a diagram. Every label is a double-quoted string with
Mermaid's entity codes for the characters that could end it or start markup, so names with
quotes, brackets, arrows or semicolons never break the diagram.
"""

from __future__ import annotations

from coalition.domain.alignment import ValueStream
from coalition.minutes.escape import clean_line

_ENTITIES = {
    '"': "#quot;",
    "#": "#35;",
    "&": "#amp;",
    "<": "#lt;",
    ">": "#gt;",
    ";": "#59;",
    "%": "#37;",
    "`": "#96;",
    "|": "#124;",
    "\\": "#92;",
}


def mermaid_label(text: str) -> str:
    """A quoted Mermaid label that shows `text` literally."""
    escaped = "".join(_ENTITIES.get(ch, ch) for ch in clean_line(text))
    return f'"{escaped or " "}"'


def stream_flowchart(stream: ValueStream) -> str:
    """A ```mermaid block for one value stream."""
    lines = ["```mermaid", "flowchart LR"]
    for number, stage in enumerate(stream.stages, 1):
        lines.append(f"  subgraph stage{number}[{mermaid_label(f'{number}. {stage.name}')}]")
        lines.append("    direction TB")
        if stage.systems:
            for index, system in enumerate(stage.systems, 1):
                lines.append(f"    stage{number}sys{index}[{mermaid_label(system)}]")
        else:
            lines.append(f"    stage{number}none[{mermaid_label('no technology mapped')}]")
        lines.append("  end")
    lines.extend(f"  stage{n} --> stage{n + 1}" for n in range(1, len(stream.stages)))
    lines.append("```")
    return "\n".join(lines)
