"""The minutes' and the export's shows of hands: each question with its counts, the share of
yes and Kotter's verdict (three in four or more)."""

from __future__ import annotations

from typing import Any

from coalition.domain.models import Session
from coalition.domain.show_of_hands import THRESHOLD_LABEL, ShowOfHands
from coalition.minutes.escape import escape_cell
from coalition.minutes.tables import table


def shows_of_hands(session: Session) -> str:
    """`## Shows of hands`: one row per question, in ID order (empty when none was taken)."""
    if not session.shows_of_hands:
        return ""
    rows = (
        [hands.id, escape_cell(hands.question), str(hands.yes), str(hands.present),
         f"{hands.percent} %", "yes" if hands.reaches_threshold else "no"]
        for hands in session.shows_of_hands
    )  # fmt: skip
    headers = ["ID", "Question", "Yes", "Present", "Share", f"{THRESHOLD_LABEL.capitalize()}?"]
    return "\n\n".join([
        "## Shows of hands",
        f"Kotter's test for urgency: it is high enough when about {THRESHOLD_LABEL} of the "
        "managers honestly believe business as usual is unacceptable.",
        table(headers, rows),
    ])  # fmt: skip


def hands_data(hands: ShowOfHands) -> dict[str, Any]:
    """A show of hands as the JSON export has it: its record, the share and the verdict."""
    return hands.to_record() | {
        "percent": hands.percent,
        "three_in_four": hands.reaches_threshold,
    }
