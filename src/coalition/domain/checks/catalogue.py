"""Every alignment check: its stable code, its title, what to do, and the seed idea it comes
from (its help text). Scripts rely on the codes (`coalition check`): never rename one."""

from __future__ import annotations

from dataclasses import dataclass

# The health check's own rule: its dimensions are quick signals, and several reds at once
# mean the alignment has slipped too far for a check-up to mend.
TWO_REDS = (
    "two or more dimensions are red, so run the full coalition workshop again rather than "
    "another health check."
)
COALITION_SEED = (
    "Alignment action 1 and Kotter's step 2: a guiding coalition of business and IT people "
    "who together bring position power, expertise, credibility and leadership."
)


@dataclass(frozen=True, slots=True)
class Check:
    """One check: `advice` is empty where each finding words its own (the balance)."""

    code: str
    title: str
    advice: str
    seed: str


CATALOGUE: tuple[Check, ...] = (
    Check(
        "decision-it-only", "Decisions owned only by IT",
        "Give each a business co-owner: an IT-only initiative is how ITSM lost the business.",
        "An initiative owned by IT alone, with no business involvement, is the classic way "
        "IT service management lost the business (seed 000).",
    ),
    Check(
        "one-sided-ownership", "Owned by one side only where both should own it",
        "Name an owner from the other side too: an initiative, or a decision in this step, "
        "is owned by business and IT together.",
        "Convergence (seed 003): outcomes and goals owned jointly by business and IT. "
        "Initiatives always ask for it; among decisions, those of the vision, objectives and "
        "ownership steps.",
    ),
    Check(
        "objective-not-linked", "IT objectives and initiatives serving no business objective",
        "Link each to the business objective it serves, or question why it is there.",
        "Seed 000: IT objectives with no link to the organization's objectives; an IT "
        "objective or initiative serves a business objective, directly or through another.",
    ),
    Check(
        "ai-initiative-no-objective",
        "AI initiatives with no business objective or no business owner",
        "Tie each to a business objective and give it a business owner: the AI is only as "
        "useful as its grasp of how the business works.",
        "Seed 000: AI initiatives without objectives tied to the business strategy, and "
        "without the business people who know how the work is done.",
    ),
    Check(
        "decision-no-owner", "Decisions without an owner",
        "Name who decided and answers for carrying it out, from business and IT.",
        "Alignment action 1: the guiding coalition decides, and each decision is owned by "
        "people it can hold to account; a decision nobody owns is nobody's to carry out.",
    ),
    Check(
        "initiative-no-owner", "Initiatives without an owner",
        "Name an owner from the business and one from IT before the room leaves.",
        "Convergence (seed 003): change work owned jointly by business and IT; an initiative "
        "nobody owns has neither side behind it.",
    ),
    Check(
        "action-no-owner", "Actions without an owner",
        "Name one person for each before the room leaves.",
        "Facilitation practice: an action leaves the room with one named owner, or nobody "
        "does it.",
    ),
    Check(
        "action-no-due-date", "Actions without a due date", "Agree a date the owner believes in.",
        "Facilitation practice: an action has a due date its owner believes in, so the next "
        "session's review can ask about it.",
    ),
    Check(
        "owner-not-on-roster", "Owners who are not on the coalition's roster",
        "Add each to the coalition's roster, or give the item to a member: the "
        "coalition can only follow up on what its members own.",
        "Alignment action 1: the guiding coalition drives the change, so what it decides is "
        "owned by people it can hold to account.",
    ),
    Check(
        "stage-no-technology", "Value-stream stages without supporting technology",
        "Map the systems behind each stage: that is the 'plus' in value streams plus.",
        "Alignment action 2: map business value streams plus the technology that supports "
        "each stage.",
    ),
    Check(
        "stage-no-business-owner", "Value-stream stages without a business owner",
        "Ask who in the business answers for each stage's outcome.",
        "Alignment action 2: review each value stream with non-IT decision-makers; a stage "
        "nobody in the business owns has no one to review it with.",
    ),
    Check(
        "stage-no-it-owner", "Value-stream stages without an IT owner",
        "Ask who in IT answers for the technology behind each stage.",
        "Alignment action 2: review each value stream with IT staff; the technology behind a "
        "stage needs someone in IT who answers for it.",
    ),
    Check(
        "stream-no-end-to-end-owner", "Value streams with no end-to-end owner",
        "Name one person who owns the customer's outcome across every stage, with a business "
        "counterpart.",
        "Detect to correct (seed 003): incident, problem and change owned apart, with no "
        "end-to-end view from the customer's side.",
    ),
    Check(
        "tech-metric-to-business", "Technology metrics sent to business audiences",
        "Replace each with a measure of the business outcome it serves, or retire it.",
        "Alignment action 3: look at what you report to whom; technology metrics sent to "
        "business colleagues are the wrong reports.",
    ),
    Check(
        "metric-replacement-missing", "Metrics to replace with no replacement named",
        "Name the replacement metric.",
        "Alignment action 3: a technology metric is replaced by a measure tied to the "
        "organization's goals, which has to be named.",
    ),
    Check(
        "metric-no-goal", "Metrics with no business goal served",
        "Name the business goal each serves, or retire it: a measure with no goal counts what "
        "the tool makes easy.",
        "Alignment action 3: measuring what the tool makes easy instead of what the business "
        "cares about; every measure should serve a goal of the organization.",
    ),
    Check("coalition-empty", "Coalition balance", "", COALITION_SEED),
    Check("coalition-no-business", "Coalition balance", "", COALITION_SEED),
    Check("coalition-no-it", "Coalition balance", "", COALITION_SEED),
    Check("coalition-one-side-dominates", "Coalition balance", "", COALITION_SEED),
    Check("coalition-missing-quality", "Coalition balance", "", COALITION_SEED),
    Check(
        "irritant-no-owner", "Irritants without an owner",
        "Name who will remove each one, or who will decide whether it goes.",
        "Alignment action 4: continual improvement removes irritants one by one, each with "
        "someone who removes it.",
    ),
    Check(
        "irritants-it-first", "First irritants raised only by IT members",
        "Ask business members for theirs now: the register should not start as IT's view of "
        "itself.",
        "Alignment action 4: the irritants are what people meet when they deal with IT; the "
        "playbook takes the first ones from business members.",
    ),
    Check(
        "irritant-not-publicized", "Irritants removed but not publicized",
        "Tell the people they irritated: a quiet removal changes no one's view of IT.",
        "Alignment action 4: publicize each removal; a fix nobody hears about changes no "
        "one's view of IT.",
    ),
    Check(
        "health-two-reds", "Health check: two reds or more", TWO_REDS.capitalize(),
        "The alignment health check's own rule: several red dimensions at once mean the "
        "alignment has slipped beyond what a check-up can mend.",
    ),
)  # fmt: skip
CHECKS: dict[str, Check] = {check.code: check for check in CATALOGUE}
