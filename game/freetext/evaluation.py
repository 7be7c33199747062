"""Measure the matcher on a paraphrase set, and choose its thresholds on data.

A paraphrase set (tests/freetext/paraphrases-*.yaml) lists, for replies of one scenario,
texts a trainee might type meaning that reply, and off-topic lines that mean none. Each
paraphrase is matched against every distinct reply of its node (a superset of what any one
moment shows, so the figures are if anything pessimistic); each off-topic line against every
node. `bench/run.py` reports these figures and tests/freetext holds them to the targets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from game.freetext.matcher import Match, Matcher, Thresholds, phrasings
from game.scenario.model import Choice, Scenario


class SetError(Exception):
    """A paraphrase set that does not fit its scenario; the message says where."""


@dataclass(frozen=True)
class ParaphraseSet:
    scenario_id: str
    replies: dict[str, dict[str, list[str]]]  # node -> choice id -> paraphrases
    off_topic: list[str]

    @property
    def paraphrase_count(self) -> int:
        return sum(len(texts) for node in self.replies.values() for texts in node.values())


def read_set(path: Path) -> ParaphraseSet:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("scenario"), str):
        raise SetError(f"{path}: a paraphrase set is a mapping with 'scenario', 'replies' and 'off_topic'")
    replies = data.get("replies") or {}
    for node, by_choice in replies.items():
        for choice, texts in (by_choice or {}).items():
            if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
                raise SetError(f"{path}: {node}/{choice}: paraphrases must be a list of texts")
    off_topic = data.get("off_topic") or []
    if not all(isinstance(t, str) and t.strip() for t in off_topic):
        raise SetError(f"{path}: 'off_topic' must be a list of texts")
    return ParaphraseSet(data["scenario"], replies, off_topic)


@dataclass(frozen=True)
class Trial:
    node: str
    typed: str
    intended: str | None  # the intended reply's id; None for an off-topic line
    match: Match
    correct: bool  # the best reply says what the intended one says (False for off-topic lines)


def candidates(scenario: Scenario, node_id: str) -> list[Choice]:
    """A node's replies, one per distinct text (a text repeated under other conditions is never shown twice)."""
    seen: dict[str, Choice] = {}
    for choice in scenario.nodes[node_id].choices:
        seen.setdefault(choice.text, choice)
    return list(seen.values())


def run_set(matcher: Matcher, scenario: Scenario, pset: ParaphraseSet) -> list[Trial]:
    """Every paraphrase against its node, then every off-topic line against every node with replies."""
    if pset.scenario_id != scenario.id:
        raise SetError(f"the set is for scenario '{pset.scenario_id}', not '{scenario.id}'")
    wanted = list(_paraphrases(scenario, pset))
    lines = [typed for _, _, typed in wanted] + list(pset.off_topic)
    vectors = dict(zip(lines, matcher.embedder.embed(lines), strict=True)) if lines else {}
    trials = []
    for node_id, intended, typed in wanted:
        shown = candidates(scenario, node_id)
        found = matcher.match_vector(scenario, shown, vectors[typed])
        correct = found.best is not None and found.best.text in phrasings(intended)
        trials.append(Trial(node_id, typed, intended.id, found, correct))
    for node in scenario.nodes.values():
        if node.choices:
            shown = candidates(scenario, node.id)
            for typed in pset.off_topic:
                trials.append(Trial(node.id, typed, None, matcher.match_vector(scenario, shown, vectors[typed]), False))
    return trials


def _paraphrases(scenario: Scenario, pset: ParaphraseSet) -> Iterator[tuple[str, Choice, str]]:
    for node_id, by_choice in pset.replies.items():
        node = scenario.nodes.get(node_id)
        if node is None:
            raise SetError(f"scenario '{scenario.id}' has no node '{node_id}'")
        for choice_id, texts in by_choice.items():
            choice = node.choice(choice_id)
            if choice is None:
                raise SetError(f"node '{node_id}' of '{scenario.id}' has no reply '{choice_id}'")
            for typed in texts:
                yield node_id, choice, typed


@dataclass(frozen=True)
class Figures:
    paraphrases: int
    off_topic_trials: int
    top1: float  # the best reply is the intended one, accepted or not
    accepted_as_intended: float  # accepted and the intended one (the first target)
    accuracy_of_accepted: float  # of the accepted paraphrases, the share taken as the intended reply
    off_topic_rejected: float  # off-topic (line, node) trials not accepted (the second target)


def figures(trials: list[Trial], thresholds: Thresholds | None = None) -> Figures:
    """The figures of `trials`, re-judged under `thresholds` when given (scores do not depend on them)."""

    def accepted(trial: Trial) -> bool:
        if thresholds is None:
            return trial.match.accepted
        return trial.match.score >= thresholds.score and trial.match.margin >= thresholds.margin

    meant = [t for t in trials if t.intended is not None]
    off = [t for t in trials if t.intended is None]
    taken = [t for t in meant if accepted(t)]
    return Figures(
        paraphrases=len(meant),
        off_topic_trials=len(off),
        top1=_share(sum(t.correct for t in meant), len(meant)),
        accepted_as_intended=_share(sum(t.correct for t in taken), len(meant)),
        accuracy_of_accepted=_share(sum(t.correct for t in taken), len(taken)),
        off_topic_rejected=_share(sum(not accepted(t) for t in off), len(off)),
    )


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def choose_thresholds(trials: list[Trial]) -> Thresholds:
    """The thresholds that do best on both targets at once: the highest of the two rates' minimum.

    Scores run over 0.80–0.95 in steps of 0.005, margins 0–0.05 by 0.0025. Several pairs
    usually tie; the middle of the tie is taken (the median score among them, then the median
    margin at that score), so the line sits as far from both kinds of mistake as the data allows.
    """
    grid = [Thresholds(round(s * 0.005, 3), round(m * 0.0025, 4)) for s in range(160, 191) for m in range(21)]
    rated = [(min(f.accepted_as_intended, f.off_topic_rejected), t) for t in grid for f in [figures(trials, t)]]
    top = max(rate for rate, _ in rated)
    tied = [t for rate, t in rated if rate == top]
    scores = sorted({t.score for t in tied})
    score = scores[(len(scores) - 1) // 2]
    margins = sorted(t.margin for t in tied if t.score == score)
    return Thresholds(score, margins[(len(margins) - 1) // 2])
