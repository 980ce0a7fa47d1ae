"""What the programme view shows: plain, frozen figures for each session of one client.

`services.programme` computes them from the client's session files; `minutes.programme`
renders them as Markdown and `minutes.programme_html` as a page. The figures live here,
below both, because the layer contracts let services import minutes and never the reverse.
Sessions are numbered S1, S2 ... in the order they ran; every tuple is in a fixed order, so
the same sessions always give the same figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coalition.domain.progress import RatingLevel


@dataclass(frozen=True, slots=True)
class Attendance:
    """Who came: the members marked present, the roster, and who stopped coming."""

    taken: bool  # False when a carried roster was never marked: who came is not known
    present: tuple[str, ...]  # names, in ID order
    roster: int  # members on the coalition's roster in this session's file
    business: int  # of those present
    it: int
    external: int
    # Present at an earlier session, then absent or off the roster at the session before
    # this one and at this one: named once, at the second session missed in a row.
    stopped_coming: tuple[str, ...]
    # Volunteers on the roster (the 2014 network beside the hierarchy), present or not.
    volunteers: int = 0


@dataclass(frozen=True, slots=True)
class IrritantFunnel:
    """The irritant register at the end of a session, by status."""

    open: int
    being_removed: int
    removed: int
    publicized: int
    raised: int  # irritants first seen in this session
    oldest_id: str  # the oldest irritant not yet publicized ("" when there is none)
    oldest_age_days: int  # its age at this session, from the date of the session it came from


@dataclass(frozen=True, slots=True)
class ActionFlow:
    """Action items through a session, by ID."""

    opened: tuple[str, ...]  # first seen in this session
    closed: tuple[str, ...]  # done or dropped in this session
    slipped: tuple[str, ...]  # still open with a due date before this session's date
    still_open: int  # open at the end of the session


@dataclass(frozen=True, slots=True)
class SessionFigures:
    """One session of the programme."""

    number: int  # 1, 2, 3 ... in running order; shown as S1, S2, S3
    stem: str  # the session file's name without `.json`
    date: dt.date
    title: str
    playbook: str  # the playbook's name
    status: str  # open or closed
    attendance: Attendance
    irritants: IrritantFunnel
    actions: ActionFlow
    outcome_metrics: int  # business-outcome metrics among those sent to business audiences
    business_metrics: int  # metrics sent to business audiences
    ratings: tuple[tuple[str, RatingLevel], ...]  # (dimension, level), as Programme.dimensions
    steps_worked: tuple[str, ...]  # step titles, in agenda order
    steps_total: int  # steps in the session's agenda

    @property
    def label(self) -> str:
        return f"S{self.number}"


@dataclass(frozen=True, slots=True)
class SlippedAction:
    """An action that was overdue at two sessions or more, with its latest owner."""

    owner: str
    id: str
    text: str
    sessions: tuple[int, ...]  # the numbers of the sessions where it had slipped


@dataclass(frozen=True, slots=True)
class LoggedDecision:
    """A decision that was accepted at some session, as its latest session has it."""

    id: str
    text: str
    owners: tuple[str, ...]
    session: int  # the session it was first recorded in
    status: str  # superseded when an accepted decision replaces it, else its latest status
    chain: tuple[str, ...]  # from the first decision it replaced to the one now in force


@dataclass(frozen=True, slots=True)
class LoggedWin:
    """A short-term win and the session it was recorded in."""

    id: str
    text: str
    owner: str
    session: int


@dataclass(frozen=True, slots=True)
class LoggedHands:
    """A show of hands and the session it was taken in (each belongs to its session)."""

    id: str
    question: str
    yes: int
    present: int
    percent: int
    reached: bool  # three in four or more: Kotter's urgency test
    session: int


@dataclass(frozen=True, slots=True)
class LoggedObjective:
    """An objective or initiative at its latest state, and the session it was first in."""

    id: str
    kind: str  # "business objective", "IT objective", "initiative", "AI initiative"
    text: str
    owners: tuple[str, ...]  # an initiative's owners (none for an objective)
    serves: str
    session: int


@dataclass(frozen=True, slots=True)
class Sighting:
    """One of two different items that carry the same ID."""

    session: int  # the first session that holds it
    origin: str  # the session file it comes from (its own, when raised there)
    text: str


@dataclass(frozen=True, slots=True)
class Clash:
    """One ID used for two different items by sessions that did not carry it from each
    other: typically two laptops that started sessions of one client from the same state."""

    id: str
    kind: str
    first: Sighting
    second: Sighting


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """An irritant or a metric across the programme: the session it first reached each
    status (an irritant's) or verdict (a metric's) in, and where it stands now."""

    id: str
    text: str
    detail: str  # who an irritant irritates / its service; a metric's audience and kind
    now: str  # its latest status or verdict
    reached: tuple[tuple[str, int], ...]  # (status or verdict, session number), in order


@dataclass(frozen=True, slots=True)
class Programme:
    """A client's sessions as one programme."""

    client: str
    sessions: tuple[SessionFigures, ...]
    dimensions: tuple[str, ...]  # health-check dimensions, in the order first rated
    slipped: tuple[SlippedAction, ...]  # by owner, then ID
    decisions: tuple[LoggedDecision, ...]  # by ID
    wins: tuple[LoggedWin, ...]  # by ID
    clashes: tuple[Clash, ...]  # by ID, then session
    # Across the programme, each item at its latest status (the latest session holding it).
    open_actions: int
    irritants_total: int
    irritants_publicized: int
    irritant_register: tuple[RegisterEntry, ...] = ()  # by ID
    metric_register: tuple[RegisterEntry, ...] = ()  # by ID
    shows_of_hands: tuple[LoggedHands, ...] = ()  # by session, then ID
    objectives: tuple[LoggedObjective, ...] = ()  # objectives, then initiatives, by ID
