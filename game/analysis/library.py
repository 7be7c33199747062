"""Library statistics: is a scenario gameable, responsive, coded and calibrated? (issue 16)

Pure functions over a loaded scenario; nothing here reads the clock or writes anything. The
definitions, in the issue's words and as computed here:

- A **screen** is a node together with the replies shown there, over every state a session can reach
  (the engine's own rules, seed 0, continue and fallback steps followed as in play, within a turn and a
  state budget as `explore`'s). Two states showing the same replies at the same node are one screen. With
  `shuffle: true` a screen is the node with the *set* of replies shown.
- On screens with two or more replies, a **tell rule** picks one reply by its surface: its position
  (k = 1…4), the longest or the shortest text (characters), the first reply with "?" or without "?"
  (only on screens mixing both kinds), or the reply sharing the most distinct words of four or more letters
  (`[^\\W\\d_]+`, compared case-folded) with the node's `say` text, all its lines together. A rule that
  finds a tie at the top, or no shared word, says nothing on that screen. A rule's **share** is the part of
  the screens where it speaks on which it picks a good reply; it counts only where it speaks on at least
  `MIN_SPOKEN` screens. With `shuffle: true` position rules do not apply, and "the first with ?" (and
  "without ?") counts the share of good replies among those with (without) "?".
- A **choice node** has two or more replies in the file; it **ignores** the trainee when every reply goes
  to the same `next` and none has a `react`.
- **Calibration** reads each reply's own effects: the mean |change of hope| and of trust over all replies of
  the file (a reply that leaves a meter alone counts 0), the largest |change of hope|, and whether a path
  with `POOR_LIMIT` or more poor replies reaches an ending rated good.
"""

from __future__ import annotations

import gc
import re
import sys
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.rules import Position, rules_for
from game.scenario.model import Choice, Node, Scenario

SEED = 0
MAX_TURNS = 100
MAX_STATES = 2_000_000
MIN_SPOKEN = 8  # a tell rule counts only in a file where it speaks on at least this many screens
TELL_LIMIT = 0.5  # a counted rule may pick a good reply on at most this share of its screens
POOR_LIMIT = 5  # no path with this many poor replies or more may reach a good ending
POOR_CAP = 12  # poor replies are counted up to this many on a path (loops could make it endless)
HOPE_LIMIT = 8  # no reply may move hope by more than this
UNRESPONSIVE_LIMIT = 0.2  # at most this share of choice nodes may ignore the trainee
WORD = re.compile(r"[^\W\d_]+")
MIN_WORD = 4

TELL_RULES: tuple[str, ...] = (
    "position 1",
    "position 2",
    "position 3",
    "position 4",
    "longest",
    "shortest",
    "first with ?",
    "first without ?",
    "shared words",
)
POSITION_RULES = TELL_RULES[:4]


@dataclass(frozen=True)
class Screen:
    """A node with the replies shown there (ids in shown order; in file order when shuffled)."""

    node: str
    choices: tuple[str, ...]
    path: tuple[int, ...]  # the first path (shown numbers, seed 0) that reaches it

    def describe(self) -> str:
        return f"{self.node} [{', '.join(self.choices)}] via {list(self.path)}"


@dataclass
class RuleShare:
    """How often one tell rule picks a good reply on the screens where it speaks."""

    rule: str
    spoken: int = 0
    good: float = 0.0  # screens on which it picked a good reply (a fraction on a shuffled screen)

    @property
    def counts(self) -> bool:
        return self.spoken >= MIN_SPOKEN

    @property
    def share(self) -> float | None:
        return self.good / self.spoken if self.spoken else None

    @property
    def breaks(self) -> bool:
        share = self.share
        return self.counts and share is not None and share > TELL_LIMIT


@dataclass
class LibraryStats:
    """The figures of issue 16 for one scenario file."""

    scenario_id: str
    path: str
    shuffle: bool
    states: int = 0
    truncated: bool = False
    screens: list[Screen] = field(default_factory=list)
    no_good: list[Screen] = field(default_factory=list)  # screens (any number of replies) with no good reply
    rules: dict[str, RuleShare] = field(default_factory=dict)
    choice_nodes: int = 0
    ignoring_nodes: list[str] = field(default_factory=list)
    replies: int = 0
    uncoded: list[tuple[str, str]] = field(default_factory=list)  # (node, choice id)
    mean_abs_hope: float = 0.0
    mean_abs_trust: float = 0.0
    max_abs_hope: int = 0
    max_hope_replies: list[tuple[str, str]] = field(default_factory=list)  # the replies that reach it
    hope_over_limit: list[tuple[str, str, int]] = field(default_factory=list)  # (node, choice id, delta)
    most_poor_to_good: int | None = None  # most poor replies on a path to a good ending (at most POOR_CAP)
    poor_to_good_path: tuple[int, ...] | None = None  # a path with >= POOR_LIMIT poor replies to a good ending
    unreached_endings: list[str] = field(default_factory=list)  # ending nodes no session reaches
    never_shown: list[tuple[str, str]] = field(default_factory=list)  # (node, choice id) on no screen

    @property
    def choice_screens(self) -> list[Screen]:
        return [s for s in self.screens if len(s.choices) >= 2]

    @property
    def ignoring_share(self) -> float:
        return len(self.ignoring_nodes) / self.choice_nodes if self.choice_nodes else 0.0

    @property
    def worst_rule(self) -> RuleShare | None:
        """The counted rule with the highest share (the first in TELL_RULES on a tie)."""
        counted = [r for r in self.rules.values() if r.counts and r.share is not None]
        return max(counted, key=lambda r: r.share or 0.0, default=None)


# -- words and tells ---------------------------------------------------------------------------


def words(text: str) -> set[str]:
    """The distinct words of four or more letters in `text`, case-folded."""
    return {w.casefold() for w in WORD.findall(text) if len(w) >= MIN_WORD}


def _unique_top(values: Sequence[float]) -> int | None:
    """The index of the single highest value, or None on a tie at the top."""
    top = max(values)
    at_top = [i for i, v in enumerate(values) if v == top]
    return at_top[0] if len(at_top) == 1 else None


def tell_picks(node: Node, shown: Sequence[Choice], shuffled: bool) -> dict[str, float]:
    """For each tell rule that speaks on this screen, how good its pick is (1 good, 0 not; a share when
    the rule picks among replies whose order is random)."""
    good = [1.0 if c.quality == "good" else 0.0 for c in shown]
    out: dict[str, float] = {}
    if len(shown) < 2:
        return out
    if not shuffled:
        for k, rule in enumerate(POSITION_RULES):
            if k < len(shown):
                out[rule] = good[k]
    lengths = [len(c.text) for c in shown]
    longest = _unique_top(lengths)
    if longest is not None:
        out["longest"] = good[longest]
    shortest = _unique_top([-n for n in lengths])
    if shortest is not None:
        out["shortest"] = good[shortest]
    asking = [i for i, c in enumerate(shown) if "?" in c.text]
    telling = [i for i, c in enumerate(shown) if "?" not in c.text]
    if asking and telling:
        if shuffled:
            out["first with ?"] = sum(good[i] for i in asking) / len(asking)
            out["first without ?"] = sum(good[i] for i in telling) / len(telling)
        else:
            out["first with ?"] = good[asking[0]]
            out["first without ?"] = good[telling[0]]
    said: set[str] = set()
    for line in node.say:
        said |= words(line)
    shared = [len(words(c.text) & said) for c in shown]
    if max(shared) > 0:
        top = _unique_top(shared)
        if top is not None:
            out["shared words"] = good[top]
    return out


# -- the walk ----------------------------------------------------------------------------------


@dataclass
class _Walk:
    states: int = 0
    truncated: bool = False
    screens: dict[tuple[str, tuple[str, ...]], Screen] = field(default_factory=dict)
    screen_order: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    shown_at: dict[tuple[str, tuple[str, ...]], tuple[Choice, ...]] = field(default_factory=dict)
    most_poor_to_good: int | None = None
    poor_to_good_path: tuple[int, ...] | None = None
    endings: set[str] = field(default_factory=set)  # ending nodes reached


def _walk(scenario: Scenario, max_turns: int, max_states: int) -> _Walk:
    """Every state a session can reach, as `explore` walks them, keeping the screens and a graph of the
    replies (poor or not) between states, from which the most poor replies on a path to each state follow."""
    rules = rules_for(scenario)
    nodes = rules.nodes
    reads_turn = rules.reads_turn
    out = _Walk()

    def key_of(p: Position) -> tuple[Any, ...]:
        return tuple(p) if reads_turn else tuple(p[:5])

    def settle(p: Position) -> Position | None:
        """Follow continue and fallback steps to where a reply is due or the session ends (None: stuck)."""
        seen: set[Position] = set()
        while True:
            node = nodes[p.node]
            if node.ending is not None:
                return p
            if node.choices and rules.offers_any(p):
                return p
            if node.next is None or p in seen:
                return None
            seen.add(p)
            p = rules.enter(p, node.next)

    first = settle(rules.start())
    if first is None:
        return out
    start_key = key_of(first)
    positions: dict[tuple[Any, ...], Position] = {start_key: first}
    edges: dict[tuple[Any, ...], list[tuple[int, int, tuple[Any, ...]]]] = {}  # key -> (number, poor, child)
    queue: deque[tuple[Any, ...]] = deque([start_key])
    came_by: dict[tuple[Any, ...], tuple[tuple[Any, ...], int]] = {}  # key -> (parent key, shown number)

    def path_to(key: tuple[Any, ...]) -> tuple[int, ...]:
        numbers: list[int] = []
        while key in came_by:
            key, number = came_by[key]
            numbers.append(number)
        return tuple(reversed(numbers))

    while queue:
        key = queue.popleft()
        p = positions[key]
        node = nodes[p.node]
        if node.ending is not None:
            out.endings.add(p.node)
            continue
        offered = rules.offered(p)
        shown = rules.in_shown_order(offered, p, SEED)
        on_screen = offered if scenario.shuffle else shown  # shuffled: the set of replies, in file order
        screen_key = (p.node, tuple(c.id for c in on_screen))
        if screen_key not in out.screens:
            out.screens[screen_key] = Screen(p.node, screen_key[1], path_to(key))
            out.screen_order.append(screen_key)
            out.shown_at[screen_key] = on_screen
        if p.turn >= max_turns:
            out.truncated = True
            continue
        children = edges.setdefault(key, [])
        for number, choice in enumerate(shown, start=1):
            after, rule = rules.choose(p, choice)
            child = settle(rules.enter(after, rule.goto if rule is not None else choice.next))
            if child is None:
                continue
            child_key = key_of(child)
            children.append((number, 1 if choice.quality == "poor" else 0, child_key))
            if child_key not in positions:
                if len(positions) >= max_states:
                    out.truncated = True
                    continue
                positions[child_key] = child
                came_by[child_key] = (key, number)
                queue.append(child_key)
    out.states = len(positions)

    # the most poor replies (up to POOR_CAP) on any path to each state: values only grow, so this ends
    most: dict[tuple[Any, ...], int] = {start_key: 0}
    came_from: dict[tuple[tuple[Any, ...], int], tuple[tuple[Any, ...], int, int]] = {}
    work: deque[tuple[Any, ...]] = deque([start_key])
    while work:
        key = work.popleft()
        value = most[key]
        for number, poor, child_key in edges.get(key, ()):
            reached = min(POOR_CAP, value + poor)
            if reached > most.get(child_key, -1):
                most[child_key] = reached
                came_from.setdefault((child_key, reached), (key, value, number))
                work.append(child_key)
    best: tuple[int, tuple[Any, ...]] | None = None
    for key, p in positions.items():
        ending = nodes[p.node].ending
        if ending is not None and ending.rating == "good" and key in most and (best is None or most[key] > best[0]):
            best = (most[key], key)
    if best is not None:
        out.most_poor_to_good = best[0]
        if best[0] >= POOR_LIMIT:
            numbers: list[int] = []
            at: tuple[tuple[Any, ...], int] = (best[1], best[0])
            while at in came_from:
                parent, parent_value, number = came_from[at]
                numbers.append(number)
                at = (parent, parent_value)
            out.poor_to_good_path = tuple(reversed(numbers))
    return out


# -- the figures -------------------------------------------------------------------------------


def _delta(choice: Choice, meter: str) -> int:
    return sum(int(v) for name, v in choice.effects if name == meter and not isinstance(v, bool))


def library_stats(scenario: Scenario, max_turns: int = MAX_TURNS, max_states: int = MAX_STATES) -> LibraryStats:
    """Issue 16's figures for one scenario."""
    stats = LibraryStats(scenario.id, scenario.path, scenario.shuffle)
    collecting = gc.isenabled()
    gc.disable()  # many small tuples and no cycles, as in explore
    try:
        walk = _walk(scenario, max_turns, max_states)
    finally:
        if collecting:
            gc.enable()
    stats.states, stats.truncated = walk.states, walk.truncated
    stats.rules = {rule: RuleShare(rule) for rule in TELL_RULES}
    for screen_key in walk.screen_order:
        screen = walk.screens[screen_key]
        stats.screens.append(screen)
        shown = walk.shown_at[screen_key]
        if not any(c.quality == "good" for c in shown):
            stats.no_good.append(screen)
        for rule, value in tell_picks(scenario.nodes[screen.node], shown, scenario.shuffle).items():
            stats.rules[rule].spoken += 1
            stats.rules[rule].good += value
    stats.most_poor_to_good, stats.poor_to_good_path = walk.most_poor_to_good, walk.poor_to_good_path
    stats.unreached_endings = [n.id for n in scenario.nodes.values() if n.ending and n.id not in walk.endings]
    on_screen = {(screen.node, choice_id) for screen in stats.screens for choice_id in screen.choices}
    stats.never_shown = [
        (n.id, c.id) for n in scenario.nodes.values() for c in n.choices if (n.id, c.id) not in on_screen
    ]

    replies = [(node, c) for node in scenario.nodes.values() for c in node.choices]
    stats.replies = len(replies)
    for node in scenario.nodes.values():
        if len(node.choices) >= 2:
            stats.choice_nodes += 1
            if len({c.next for c in node.choices}) == 1 and not any(c.react for c in node.choices):
                stats.ignoring_nodes.append(node.id)
    stats.uncoded = [(node.id, c.id) for node, c in replies if not c.code]
    if replies:
        hope = [abs(_delta(c, "hope")) for _, c in replies]
        trust = [abs(_delta(c, "trust")) for _, c in replies]
        stats.mean_abs_hope = sum(hope) / len(replies)
        stats.mean_abs_trust = sum(trust) / len(replies)
        stats.max_abs_hope = max(hope)
        stats.max_hope_replies = [(n.id, c.id) for (n, c), h in zip(replies, hope, strict=True) if h == max(hope)]
        stats.hope_over_limit = [
            (n.id, c.id, _delta(c, "hope")) for (n, c), h in zip(replies, hope, strict=True) if h > HOPE_LIMIT
        ]
    return stats


# -- the table ---------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{round(100 * value)}%"


def _rule_cell(share: RuleShare) -> str:
    if not share.counts:
        return "–" if not share.spoken else f"({_percent(share.share)}/{share.spoken})"
    mark = " ✗" if share.breaks else ""
    return f"{_percent(share.share)}/{share.spoken}{mark}"


COLUMNS: tuple[str, ...] = (
    "file",
    "states",
    "screens",
    "≥2 replies",
    "no good reply",
    "pos 1",
    "pos 2",
    "pos 3",
    "pos 4",
    "longest",
    "shortest",
    "first ?",
    "first no ?",
    "shared words",
    "ignoring nodes",
    "uncoded",
    "mean abs Δhope",
    "mean abs Δtrust",
    "max abs Δhope",
    "most poor → good ending",
)


def table_row(stats: LibraryStats) -> list[str]:
    name = Path(stats.path).stem if stats.path else stats.scenario_id
    if stats.shuffle:
        name += " (shuffled)"
    most = stats.most_poor_to_good
    poor = "–" if most is None else (f"≥{most}" if most >= POOR_CAP else str(most))
    if most is not None and most >= POOR_LIMIT:
        poor += " ✗"
    calibrated = stats.mean_abs_hope < stats.mean_abs_trust
    return [
        name,
        f"{stats.states:,}" + (" (cut)" if stats.truncated else ""),
        str(len(stats.screens)),
        str(len(stats.choice_screens)),
        str(len(stats.no_good)) + (" ✗" if stats.no_good else ""),
        *(_rule_cell(stats.rules[rule]) for rule in TELL_RULES),
        f"{len(stats.ignoring_nodes)}/{stats.choice_nodes} = {_percent(stats.ignoring_share)}"
        + (" ✗" if stats.ignoring_share > UNRESPONSIVE_LIMIT else ""),
        f"{len(stats.uncoded)}/{stats.replies}" + (" ✗" if stats.uncoded else ""),
        f"{stats.mean_abs_hope:.2f}" + ("" if calibrated else " ✗"),
        f"{stats.mean_abs_trust:.2f}",
        str(stats.max_abs_hope) + (" ✗" if stats.max_abs_hope > HOPE_LIMIT else ""),
        poor,
    ]


def markdown_table(all_stats: Iterable[LibraryStats]) -> str:
    """One markdown table, a row per file. A tell cell is `share/screens spoken on`; in brackets where the
    rule speaks on fewer than MIN_SPOKEN screens (it does not count); ✗ marks a figure that breaks issue 16."""
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(table_row(stats)) + " |" for stats in all_stats]
    return "\n".join(lines)


def details(stats: LibraryStats) -> list[str]:
    """What to fix, one line each: screens without a good reply, counted tells over the limit, ignoring
    nodes, uncoded replies, hope moves over the limit, a path of poor replies to a good ending, and what
    no session reaches."""
    out = [f"{stats.scenario_id}:"]
    out += [f"  no good reply: {s.describe()}" for s in stats.no_good]
    out += [
        f"  tell over {_percent(TELL_LIMIT)}: {r.rule} picks a good reply on {_percent(r.share)} of {r.spoken} screens"
        for r in stats.rules.values()
        if r.breaks
    ]
    if stats.ignoring_share > UNRESPONSIVE_LIMIT:
        out.append(f"  ignoring nodes ({_percent(stats.ignoring_share)}): {', '.join(stats.ignoring_nodes)}")
    if stats.uncoded:
        out.append(f"  uncoded replies: {len(stats.uncoded)} of {stats.replies}")
    out += [f"  hope {delta:+d}: {node} reply {choice}" for node, choice, delta in stats.hope_over_limit]
    if stats.mean_abs_hope >= stats.mean_abs_trust:
        out.append(f"  mean |Δhope| {stats.mean_abs_hope:.2f} >= mean |Δtrust| {stats.mean_abs_trust:.2f}")
    if stats.poor_to_good_path is not None:
        out.append(f"  {stats.most_poor_to_good} poor replies reach a good ending: {list(stats.poor_to_good_path)}")
    out += [f"  no session reaches the ending {node}" for node in stats.unreached_endings]
    out += [f"  never shown: {node} reply {choice}" for node, choice in stats.never_shown]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m game.analysis.library [--details] [FILE...]`: the table for the files (default: shipped)."""
    from game.paths import scenario_files, scenarios_dir
    from game.scenario.loader import load_file

    args = list(sys.argv[1:] if argv is None else argv)
    if "-h" in args or "--help" in args:
        print(main.__doc__)
        return 0
    show_details = "--details" in args
    files = [Path(a) for a in args if a != "--details"] or scenario_files(scenarios_dir())
    all_stats = [library_stats(load_file(path)) for path in files]
    print(markdown_table(all_stats))
    if show_details:
        for stats in all_stats:
            print()
            print("\n".join(details(stats)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
