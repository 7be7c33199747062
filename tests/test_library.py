"""Issue 16's library statistics, computed for every shipped scenario (game.analysis.library).

Every shipped file must meet every rule. The definitions are checked on small hand-computed scenarios
first. The shipped files are walked in parallel, one process per core: the walk is most of this file's time.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from game.analysis.library import (
    HOPE_LIMIT,
    MIN_SPOKEN,
    POOR_LIMIT,
    TELL_LIMIT,
    TELL_RULES,
    UNRESPONSIVE_LIMIT,
    LibraryStats,
    details,
    library_stats,
    main,
    markdown_table,
    words,
)
from game.paths import scenario_files, scenarios_dir
from game.scenario.loader import load_file
from tests.helpers import HEAD, scenario_of

SHIPPED = scenario_files(scenarios_dir())


def stats_of(path: Path) -> LibraryStats:
    return library_stats(load_file(path))


@pytest.fixture(scope="module")
def library() -> dict[str, LibraryStats]:
    largest_first = sorted(SHIPPED, key=lambda p: p.stat().st_size, reverse=True)
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        walked = dict(zip(largest_first, pool.map(stats_of, largest_first), strict=True))
    return {path.stem: walked[path] for path in SHIPPED}


# -- the definitions on hand-computed scenarios -----------------------------------------------------


def test_screens_are_counted_once_per_node_and_replies_shown() -> None:
    scenario = scenario_of(
        HEAD
        + """
start: a
nodes:
  a:
    say: "I feel tired and stuck."
    choices:
      - {text: "You feel stuck.", skill: empathy, quality: good, effects: {trust: 5}, next: a}
      - {text: "Why is that, then?", skill: empathy, quality: poor, effects: {trust: -30}, next: b}
      - {text: "Okay, let us end here then.", skill: empathy, quality: neutral, effects: {hope: 2}, next: end}
  b:
    choices:
      - {text: "Sorry.", skill: feedback, quality: neutral, when: trust < 30, next: end}
      - {text: "Go on.", skill: feedback, quality: good, when: trust >= 30, next: end}
  end:
    ending: {outcome: end, rating: good}
"""
    )
    stats = library_stats(scenario)
    # a (one screen whatever trust is), b at trust 20/25/... (Sorry) and at trust >= 30 (Go on)
    assert sorted((s.node, s.choices) for s in stats.screens) == [("a", ("1", "2", "3")), ("b", ("1",)), ("b", ("2",))]
    assert [(s.node, s.choices) for s in stats.no_good] == [("b", ("1",))]
    rules = stats.rules
    assert (rules["position 1"].spoken, rules["position 1"].good) == (1, 1.0)
    assert (rules["position 2"].good, rules["position 4"].spoken) == (0.0, 0)
    assert rules["longest"].good == 0.0 and rules["shortest"].good == 1.0
    assert rules["first with ?"].good == 0.0 and rules["first without ?"].good == 1.0
    assert rules["shared words"].good == 1.0  # "stuck" (four letters or more) is shared with the say text
    assert not any(r.counts for r in rules.values())  # fewer than MIN_SPOKEN screens: no rule counts
    assert stats.choice_nodes == 2 and stats.ignoring_nodes == ["b"]  # both replies go to `end`, no react
    assert stats.mean_abs_trust == pytest.approx(35 / 5) and stats.mean_abs_hope == pytest.approx(2 / 5)
    assert stats.max_abs_hope == 2 and len(stats.uncoded) == 5
    assert stats.most_poor_to_good == 1  # a -> b (poor) -> end
    assert MIN_SPOKEN == 8


def test_ties_and_no_shared_word_leave_a_rule_silent() -> None:
    scenario = scenario_of(
        HEAD
        + """
start: a
nodes:
  a:
    say: ["Nothing works.", "It is all pointless."]
    choices:
      - {text: "Tell me more.", skill: empathy, quality: good, react: "Hm.", next: end}
      - {text: "Tell me less.", skill: empathy, quality: poor, next: end}
  end:
    ending: {outcome: end, rating: good}
"""
    )
    stats = library_stats(scenario)
    assert stats.rules["longest"].spoken == 0 and stats.rules["shortest"].spoken == 0  # equal lengths
    assert stats.rules["shared words"].spoken == 0  # no shared word of four letters
    assert stats.rules["first with ?"].spoken == 0  # no reply with "?"
    assert stats.ignoring_nodes == []  # a react answers the trainee
    assert words("Nothing works; it's ALL pointless, 2day") == {"nothing", "works", "pointless"}


def test_shuffled_screens_are_sets_and_question_rules_count_shares() -> None:
    scenario = scenario_of(
        HEAD
        + """
shuffle: true
start: a
nodes:
  a:
    choices:
      - {text: "What now?", skill: empathy, quality: good, next: end}
      - {text: "Why, though?", skill: empathy, quality: poor, next: end}
      - {text: "I see.", skill: empathy, quality: good, next: end}
  end:
    ending: {outcome: end, rating: good}
"""
    )
    stats = library_stats(scenario)
    assert [s.choices for s in stats.screens] == [("1", "2", "3")]
    assert all(stats.rules[rule].spoken == 0 for rule in TELL_RULES[:4])
    assert stats.rules["first with ?"].good == 0.5 and stats.rules["first without ?"].good == 1.0


def test_poor_replies_are_counted_along_paths_to_good_endings() -> None:
    scenario = scenario_of(
        HEAD
        + """
start: a
nodes:
  a:
    choices:
      - {text: "Poor.", skill: empathy, quality: poor, effects: {trust: -1}, next: a}
      - {text: "Fine.", skill: empathy, quality: good, next: win}
      - {text: "Bad.", skill: empathy, quality: poor, next: lose}
  win:
    ending: {outcome: win, rating: good}
  lose:
    ending: {outcome: lose, rating: poor}
"""
    )
    stats = library_stats(scenario)
    assert stats.most_poor_to_good is not None and stats.most_poor_to_good >= POOR_LIMIT
    assert stats.poor_to_good_path is not None
    assert stats.poor_to_good_path[-1] == 2 and stats.poor_to_good_path.count(1) >= POOR_LIMIT


def test_endings_no_session_reaches_and_replies_never_shown_are_listed() -> None:
    scenario = scenario_of(
        HEAD
        + """
start: a
nodes:
  a:
    choices:
      - {text: "Go on.", skill: empathy, quality: good, effects: {trust: 10}, next: b}
      - {text: "Never.", skill: empathy, quality: good, when: trust > 90, next: lost}
  b:
    choices:
      - {text: "Now?", skill: empathy, quality: good, when: trust > 55, next: won}
      - {text: "Later?", skill: empathy, quality: good, when: trust < 55, next: lost}
  won:
    ending: {outcome: won, rating: good}
  lost:
    ending: {outcome: lost, rating: poor}
"""
    )
    stats = library_stats(scenario)
    assert stats.unreached_endings == ["lost"]  # trust is 60 at b, never above 90 at a
    assert stats.never_shown == [("a", "2"), ("b", "2")]
    assert details(stats)[-3:] == [
        "  no session reaches the ending lost",
        "  never shown: a reply 2",
        "  never shown: b reply 2",
    ]


def test_the_command_explains_itself_rather_than_reading_help_as_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert capsys.readouterr().out.startswith("`python -m game.analysis.library [--details] [FILE...]`")


# -- the shipped library ----------------------------------------------------------------------------


def test_every_shipped_file_is_walked_in_full(library: dict[str, LibraryStats]) -> None:
    assert len(library) >= 9
    assert [name for name, stats in library.items() if stats.truncated] == []
    assert markdown_table(library.values()).count("\n") == len(library) + 1


def test_every_ending_is_reached_and_every_reply_shown(library: dict[str, LibraryStats]) -> None:
    # what `validate --strict` warns about, on a walk with no time budget (see test_cli_scenario_tools)
    for name, stats in library.items():
        assert (stats.unreached_endings, stats.never_shown) == ([], []), name


def test_every_screen_offers_a_good_reply(library: dict[str, LibraryStats]) -> None:
    for name, stats in library.items():
        assert stats.no_good == [], (name, [s.describe() for s in stats.no_good])


def test_no_surface_rule_finds_the_good_reply(library: dict[str, LibraryStats]) -> None:
    for name, stats in library.items():
        for rule in stats.rules.values():
            if not rule.counts or rule.share is None:
                continue
            assert rule.share <= TELL_LIMIT + 1e-9, f"{name}: {rule.rule} picks a good reply on {rule.share:.0%}"


def test_the_client_answers_the_trainee(library: dict[str, LibraryStats]) -> None:
    for name, stats in library.items():
        assert stats.ignoring_share <= UNRESPONSIVE_LIMIT + 1e-9, (name, stats.ignoring_nodes)


def test_replies_are_coded(library: dict[str, LibraryStats]) -> None:
    for name, stats in library.items():
        assert stats.uncoded == [], name


def test_hope_moves_slower_than_trust(library: dict[str, LibraryStats]) -> None:
    for name, stats in library.items():
        assert stats.mean_abs_hope < stats.mean_abs_trust, name


def test_no_reply_moves_hope_by_more_than_the_limit(library: dict[str, LibraryStats]) -> None:
    assert HOPE_LIMIT == 8
    for name, stats in library.items():
        assert stats.hope_over_limit == [], (name, stats.hope_over_limit)


def test_poor_replies_do_not_reach_a_good_ending(library: dict[str, LibraryStats]) -> None:
    for name, stats in library.items():
        most = stats.most_poor_to_good or 0
        assert most < POOR_LIMIT, (name, stats.poor_to_good_path)
