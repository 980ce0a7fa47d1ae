"""The programme view: a client's sessions, session by session, as figures. No Textual here.

Each session file is a snapshot of the programme's state at that session, so each session's
figures are what its own file holds; the logs and the totals take each item at its latest
status (the latest session that holds it wins). One pass over the sessions in running order,
each item looked at a fixed number of times: linear in sessions × items.

- **Stopped coming**: a member who was present at some session, then absent (or off the
  roster) at two sessions in a row; named at the second one, once per absence. A fresh
  start (`starts_afresh`) begins a new roster: only absences after it count.
- **Slipped**: an action still open at a session whose date is after its due date.
- **Closed**: an action done or dropped in a session, where the session before that held it
  had it open (or it is new).
- **Steps worked**: `facilitation.worked_steps`, where the steps that count as captured in
  are those of items added or changed in the session (a carried item left as it came sits
  in the review step, and says nothing about that step); members added or changed count
  for the roster step (`facilitation.roster_step`), and so does one taken off the roster of
  the session this one carried from; marking who came does not.
- **Clash**: one ID held by two sessions for two different items (`services.clashes`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from coalition.domain.alignment import Verdict, reporting_share
from coalition.domain.changes import attendance_taken
from coalition.domain.decision_log import IN_FORCE
from coalition.domain.facilitation import roster_step, worked_steps
from coalition.domain.models import (
    ActionItem,
    ActionStatus,
    Decision,
    DecisionStatus,
    Initiative,
    IrritantStatus,
    Item,
    Objective,
    Participant,
    Session,
    SessionInfo,
    Side,
    Win,
    id_number,
)
from coalition.domain.progress import RatingLevel, latest_ratings
from coalition.domain.roles import is_volunteer
from coalition.errors import CoalitionError
from coalition.minutes.programme_model import (
    ActionFlow,
    Attendance,
    IrritantFunnel,
    LoggedDecision,
    LoggedHands,
    LoggedObjective,
    LoggedWin,
    Programme,
    RegisterEntry,
    SessionFigures,
    SlippedAction,
)
from coalition.services.carry_forward import ClientSessions, client_sessions
from coalition.services.clashes import ClashFinder
from coalition.services.item_versions import LatestVersions
from coalition.services.workspace import Workspace

PROGRAMME_FILE = "programme.md"  # beside the client's sessions
CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


def client_programme(workspace: Workspace, client: str) -> tuple[Path, Programme]:
    """The client's folder and its programme; a clear error when it has no sessions."""
    sessions = client_sessions(workspace, client) if client.strip() else []
    if sessions:
        return sessions[0][0].parent, build_programme(sessions)
    root = workspace.sessions_dir
    folders = sorted(
        folder.name
        for folder in (root.iterdir() if root.is_dir() else ())
        if folder.is_dir() and any(folder.glob("*.json"))
    )
    there = (
        f"The clients' folders there: {', '.join(folders)}. "
        if folders
        else "There are no sessions there yet (`coalition new` starts one). "
    )
    raise CoalitionError(
        f"No sessions of the client '{client}' in {root}. {there}Give the client's name as "
        "`coalition list` shows it, or the name of its folder.",
        title="Client not found",
    )


def build_programme(sessions: ClientSessions) -> Programme:
    """The programme of a client's sessions, given in running order (`client_sessions`)."""
    walk = _Walk({path.stem: session.info.date for path, session in sessions})
    figures = tuple(walk.session(n, path, s) for n, (path, s) in enumerate(sessions, 1))
    return walk.programme(sessions[-1][1].info.client if sessions else "", figures)


def starts_afresh(info: SessionInfo, number: int) -> bool:
    """A session started with `new --fresh` after others: it has its place among the
    client's sessions (`sequence`, which files from before it was recorded lack) and
    continues none."""
    return number > 1 and info.sequence > 0 and not info.previous


def _items(session: Session) -> Iterable[Item]:
    return itertools.chain(
        session.participants, session.decisions, session.actions, session.irritants,
        session.notes, session.streams, session.metrics, session.wins, session.ratings,
        session.shows_of_hands, session.objectives, session.initiatives,
    )  # fmt: skip


def _logged(item: Objective | Initiative, session: int) -> LoggedObjective:
    if isinstance(item, Objective):
        kind = "IT objective" if item.side is Side.IT else "business objective"
        return LoggedObjective(item.id, kind, item.text, (), item.serves, session)
    kind = "AI initiative" if item.ai else "initiative"
    return LoggedObjective(item.id, kind, item.text, item.owners, item.serves, session)


def _by_id(ids: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(ids, key=lambda item_id: (id_number(item_id), item_id)))


class _Walk:
    """What one pass over the sessions, in running order, keeps between sessions."""

    def __init__(self, dates: dict[str, dt.date]) -> None:
        self.dates = dates  # session file name -> date, for items' origins
        self.first_seen: dict[str, tuple[int, dt.date]] = {}  # ID -> first session holding it
        self.names: dict[str, str] = {}  # member ID -> latest name
        self.missed: dict[str, int] = {}  # member once present -> sessions missed in a row
        self.actions: dict[str, ActionItem] = {}  # latest version by ID
        self.slipped_at: dict[str, list[int]] = defaultdict(list)
        self.irritants: dict[str, IrritantStatus] = {}  # latest status by ID
        self.decisions: dict[str, Decision] = {}
        self.accepted: set[str] = set()  # decisions accepted at some session
        self.wins: dict[str, Win] = {}
        self.hands: list[LoggedHands] = []  # each in its session: never carried
        self.objectives: dict[str, Objective | Initiative] = {}  # latest version by ID
        self.dimensions: dict[str, str] = {}  # casefolded dimension -> first spelling
        self.clashes = ClashFinder()
        self.versions = LatestVersions()
        self.rosters: dict[str, set[str]] = {}  # session file name -> its members' IDs
        # ID -> (latest text, detail, latest state, {state: first session number reaching it})
        self.registers: dict[str, tuple[str, str, str, dict[str, int]]] = {}

    def session(self, number: int, path: Path, session: Session) -> SessionFigures:
        info = session.info
        new: set[str] = set()
        changed_steps: set[str] = set()
        roster = roster_step(info) or ""  # members have no step: they count for this one
        stem = path.stem
        for item in _items(session):
            if item.id not in self.first_seen:
                self.first_seen[item.id] = (number, info.date)
                new.add(item.id)
            self.clashes.sight(item, stem, number)
            step = roster if isinstance(item, Participant) else getattr(item, "step", "")
            changed = self.versions.changed(item)
            if step and changed and session.baseline.get(item.id) != item:  # not as carried in
                changed_steps.add(step)  # new here, or changed since the session before
        members = {member.id for member in session.participants}
        if roster and self.rosters.get(info.previous, set()) - members:
            changed_steps.add(roster)  # someone carried in was taken off the roster
        self.rosters[stem] = members
        retired = [m.id for m in session.metrics if self._before(m.id) == Verdict.RETIRE.value]
        share = reporting_share(session.metrics, retired)  # retired before: no longer sent
        worked = worked_steps(info, changed_steps)
        for decision in session.decisions:
            self.decisions[decision.id] = decision
            if decision.status in IN_FORCE:
                self.accepted.add(decision.id)
        self.wins.update((win.id, win) for win in session.wins)
        self.hands.extend(
            LoggedHands(h.id, h.question, h.yes, h.present, h.percent, h.reaches_threshold, number)
            for h in sorted(session.shows_of_hands, key=lambda h: id_number(h.id))
        )
        self.objectives.update((o.id, o) for o in session.objectives)
        self.objectives.update((x.id, x) for x in session.initiatives)
        for irritant in session.irritants:
            detail = ", ".join(filter(None, (irritant.irritates, irritant.service)))
            for day, status in irritant.history:  # reached in this session, then left
                if day == info.date:
                    self._register(irritant.id, irritant.text, detail, status.value, number)
            self._register(irritant.id, irritant.text, detail, irritant.status.value, number)
        for metric in session.metrics:
            detail = f"{metric.audience or 'no audience'}; {metric.metric_kind.value}"
            self._register(metric.id, metric.name, detail, metric.verdict.value, number)
        return SessionFigures(
            number=number,
            stem=stem,
            date=info.date,
            title=info.title,
            playbook=info.playbook.name,
            status=info.status.value,
            attendance=self._attendance(
                session.participants, attendance_taken(session), fresh=starts_afresh(info, number)
            ),
            irritants=self._funnel(session, new),
            actions=self._actions(number, session, new),
            outcome_metrics=share.outcome_now,
            business_metrics=share.total_now,
            ratings=self._ratings(session),
            steps_worked=tuple(s.title for s in info.playbook.steps if s.id in worked),
            steps_total=len(info.playbook.steps),
        )

    def _before(self, item_id: str) -> str:
        """An irritant's status or a metric's verdict at the latest session before holding it."""
        return self.registers[item_id][2] if item_id in self.registers else ""

    def _register(self, item_id: str, text: str, detail: str, state: str, number: int) -> None:
        """An irritant's status or a metric's verdict at this session."""
        reached = self.registers.get(item_id, ("", "", "", {}))[3]
        reached.setdefault(state, number)
        self.registers[item_id] = (text, detail, state, reached)

    def _entries(self, prefix: str, states: tuple[str, ...]) -> tuple[RegisterEntry, ...]:
        return tuple(
            RegisterEntry(i, text, detail, now,
                          tuple(sorted(reached.items(), key=lambda r: (r[1], states.index(r[0])))))
            for i, (text, detail, now, reached) in (
                (i, self.registers[i]) for i in _by_id(self.registers) if i.startswith(prefix)
            )
        )  # fmt: skip

    def _attendance(
        self, participants: list[Participant], taken: bool, *, fresh: bool
    ) -> Attendance:
        if fresh:  # a new roster: absences before it do not add up with those after it
            self.missed.clear()
        present = sorted((p for p in participants if p.present), key=lambda p: id_number(p.id))
        self.names.update((p.id, p.name) for p in participants)
        here = {p.id for p in present}
        stopped = []
        for member_id in self.missed if taken else ():  # not taken: nobody missed it
            if member_id not in here:
                self.missed[member_id] += 1
                if self.missed[member_id] == 2:
                    stopped.append(member_id)
        self.missed.update(dict.fromkeys(here, 0))
        sides = [p.side for p in present]
        return Attendance(
            taken=taken,
            present=tuple(p.name for p in present),
            roster=len(participants),
            business=sides.count(Side.BUSINESS),
            it=sides.count(Side.IT),
            external=sides.count(Side.EXTERNAL),
            stopped_coming=tuple(self.names[m] for m in _by_id(stopped)),
            volunteers=sum(is_volunteer(p.role) for p in participants),
        )

    def _funnel(self, session: Session, new: set[str]) -> IrritantFunnel:
        counts = dict.fromkeys(IrritantStatus, 0)
        oldest: tuple[dt.date, int, str] | None = None
        for irritant in session.irritants:
            counts[irritant.status] += 1
            self.irritants[irritant.id] = irritant.status
            if irritant.status is not IrritantStatus.PUBLICIZED:
                since = (self._raised_on(irritant.id, irritant.origin, session),
                         id_number(irritant.id), irritant.id)  # fmt: skip
                oldest = since if oldest is None or since < oldest else oldest
        return IrritantFunnel(
            open=counts[IrritantStatus.OPEN],
            being_removed=counts[IrritantStatus.BEING_REMOVED],
            removed=counts[IrritantStatus.REMOVED],
            publicized=counts[IrritantStatus.PUBLICIZED],
            raised=sum(irritant.id in new for irritant in session.irritants),
            oldest_id=oldest[2] if oldest else "",
            oldest_age_days=max(0, (session.info.date - oldest[0]).days) if oldest else 0,
        )

    def _raised_on(self, item_id: str, origin: str, session: Session) -> dt.date:
        """The date of the session an item came from, else of the first one holding it."""
        if origin in self.dates:
            return self.dates[origin]
        if origin in session.info.origins:
            return session.info.origins[origin][1]
        try:
            return dt.date.fromisoformat(origin[:10])
        except ValueError:
            return self.first_seen[item_id][1]

    def _actions(self, number: int, session: Session, new: set[str]) -> ActionFlow:
        opened, closed, slipped = [], [], []
        for action in session.actions:
            before = self.actions.get(action.id)
            if action.id in new:
                opened.append(action.id)
            if action.status in CLOSED and (before is None or before.status not in CLOSED):
                closed.append(action.id)
            if action.status is ActionStatus.OPEN and action.due and action.due < session.info.date:
                slipped.append(action.id)
                self.slipped_at[action.id].append(number)
            self.actions[action.id] = action
        still_open = sum(a.status is ActionStatus.OPEN for a in session.actions)
        return ActionFlow(_by_id(opened), _by_id(closed), _by_id(slipped), still_open)

    def _ratings(self, session: Session) -> tuple[tuple[str, RatingLevel], ...]:
        titles = {step.id: step.title for step in session.info.playbook.steps}
        latest = latest_ratings(session.ratings, titles)  # by ID: the last one wins
        for key, (name, _) in latest.items():
            self.dimensions.setdefault(key, name)
        order = {key: index for index, key in enumerate(self.dimensions)}
        return tuple(
            (self.dimensions[k], latest[k][1].level) for k in sorted(latest, key=order.__getitem__)
        )

    def programme(self, client: str, figures: tuple[SessionFigures, ...]) -> Programme:
        return Programme(
            client=client,
            sessions=figures,
            dimensions=tuple(self.dimensions.values()),
            slipped=self._slipped(),
            decisions=self._decision_log(),
            wins=tuple(
                LoggedWin(w.id, w.text, w.owner, self.first_seen[w.id][0])
                for w in (self.wins[i] for i in _by_id(self.wins))
            ),
            clashes=self.clashes.found(),
            open_actions=sum(a.status is ActionStatus.OPEN for a in self.actions.values()),
            irritants_total=len(self.irritants),
            irritants_publicized=sum(
                status is IrritantStatus.PUBLICIZED for status in self.irritants.values()
            ),
            irritant_register=self._entries("I-", tuple(s.value for s in IrritantStatus)),
            metric_register=self._entries("M-", tuple(v.value for v in Verdict)),
            shows_of_hands=tuple(self.hands),
            objectives=tuple(
                _logged(self.objectives[i], self.first_seen[i][0])
                for i in sorted(self.objectives, key=lambda i: (i[0] != "O", id_number(i), i))
            ),
        )

    def _slipped(self) -> tuple[SlippedAction, ...]:
        """Actions overdue at two sessions or more, by their latest owner."""
        rows = [
            SlippedAction(self.actions[i].owner, i, self.actions[i].text, tuple(numbers))
            for i, numbers in self.slipped_at.items()
            if len(numbers) >= 2
        ]
        return tuple(sorted(rows, key=lambda r: (r.owner.casefold(), r.owner, id_number(r.id))))

    def _decision_log(self) -> tuple[LoggedDecision, ...]:
        """Every decision accepted at some session, with the chain of those replacing it."""
        replaced_by: dict[str, list[str]] = defaultdict(list)
        for decision in self.decisions.values():
            if decision.supersedes and decision.id in self.accepted:
                replaced_by[decision.supersedes].append(decision.id)
        log = []
        for decision_id in _by_id(self.accepted):
            decision = self.decisions[decision_id]
            superseded = decision_id in replaced_by or decision.status is DecisionStatus.SUPERSEDED
            log.append(
                LoggedDecision(
                    id=decision_id,
                    text=decision.text,
                    owners=decision.owners,
                    session=self.first_seen[decision_id][0],
                    status="superseded" if superseded else decision.status.value,
                    chain=self._chain(decision_id, replaced_by),
                )
            )
        return tuple(log)

    def _chain(self, decision_id: str, replaced_by: dict[str, list[str]]) -> tuple[str, ...]:
        """`D-1 → D-4 → D-9`: back to the first decision replaced, on to the one in force
        (the earliest replacement, when two decisions replace one)."""
        seen = {decision_id}
        back: list[str] = []
        current: Decision | None = self.decisions.get(decision_id)
        while current is not None and current.supersedes and current.supersedes not in seen:
            back.append(current.supersedes)
            seen.add(current.supersedes)
            current = self.decisions.get(current.supersedes)
        forward: list[str] = []
        following = decision_id
        while following in replaced_by:
            following = _by_id(replaced_by[following])[0]
            if following in seen:
                break
            forward.append(following)
            seen.add(following)
        return (*reversed(back), decision_id, *forward)
