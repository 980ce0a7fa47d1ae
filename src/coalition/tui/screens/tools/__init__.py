"""The alignment tools: coalition balance, value streams, reporting review, irritant register.

Each is a screen on top of the session screen. `tool_for_step` picks the one a step needs:
by the bundled playbook's step IDs first, then by what the step captures.
"""

from __future__ import annotations

from coalition.domain.models import StepSnapshot
from coalition.tui.screens.tools.base import ToolScreen
from coalition.tui.screens.tools.coalition_tool import CoalitionTool
from coalition.tui.screens.tools.irritants import IrritantTool
from coalition.tui.screens.tools.reporting import ReportingTool
from coalition.tui.screens.tools.value_streams import ValueStreamTool

# name -> (screen, what the palette and the chooser call it, its key in the chooser)
TOOLS: dict[str, tuple[type[ToolScreen], str, str]] = {
    "coalition": (CoalitionTool, "coalition roster and balance", "c"),
    "streams": (ValueStreamTool, "value streams plus technology", "v"),
    "reporting": (ReportingTool, "reporting review", "r"),
    "irritants": (IrritantTool, "irritant register and dot voting", "i"),
}
TOOL_BY_STEP = {
    "coalition": "coalition",
    "value-streams": "streams",
    "stream-map": "streams",
    "reporting": "reporting",
    "measures": "reporting",
    "irritants": "irritants",
}
TOOL_BY_CAPTURE = {
    "stream": "streams",
    "metric": "reporting",
    "irritant": "irritants",
    "participant": "coalition",
}


def tool_for_step(step: StepSnapshot) -> str | None:
    """The tool a step is about, or None for a step that only takes captures."""
    if step.id in TOOL_BY_STEP:
        return TOOL_BY_STEP[step.id]
    for kind, tool in TOOL_BY_CAPTURE.items():
        if kind in step.captures:
            return tool
    return None


__all__ = [
    "TOOLS",
    "CoalitionTool",
    "IrritantTool",
    "ReportingTool",
    "ToolScreen",
    "ValueStreamTool",
    "tool_for_step",
]
