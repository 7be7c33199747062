"""MITI 4 figures (section 6): counted by hand for a coded session, and shown the same everywhere."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from game.analysis.presentation import MITI_REFERENCE_TITLE, MitiView, debrief_view, pooled_miti
from game.analysis.report import render_html
from game.engine.session import Session
from game.record.log import read_log
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from game.text_play import debrief_lines
from tests.helpers import scenario_of

CODED = """
format: 1
id: coded
title: Coded
client: {name: Ana}
meters:
  trust: {start: 50}
  hope: {start: 50}
start: a
nodes:
  a:
    say: Hello.
    choices:
      - {id: sr, text: "SR", skill: empathy, quality: good, code: simple_reflection, next: a}
      - {id: cr, text: "CR", skill: empathy, quality: good, code: complex_reflection, next: a}
      - {id: q, text: "Q", skill: empathy, quality: neutral, code: question, next: a}
      - {id: cr-af, text: "CR and affirm", skill: empathy, quality: good, code: [complex_reflection, affirm], next: a}
      - {id: conf, text: "Confront", skill: empathy, quality: poor, code: [confront, persuade], next: a}
      - {id: ppp, text: P, skill: hope, quality: good, code: [persuade_with_permission, seeking_collaboration], next: a}
      - {id: auto, text: "Autonomy", skill: empathy, quality: good, code: emphasizing_autonomy, next: a}
      - {id: info, text: "Info", skill: empathy, quality: neutral, code: giving_information, next: a}
      - {id: none, text: "Uncoded", skill: empathy, quality: neutral, next: a}
      - {id: stop, text: "Bye", skill: empathy, quality: neutral, next: end}
  end:
    ending: {outcome: done}
"""


def played(*actions: str) -> list[dict[str, Any]]:
    session = Session(scenario_of(CODED))
    for action in actions:
        session.undo() if action == "undo" else session.choose(action)
    return session.events


def test_the_figures_match_a_hand_count_and_undone_replies_do_not_count() -> None:
    events = played("sr", "cr", "q", "cr-af", "conf", "q", "undo", "ppp", "auto", "info", "none", "sr", "stop")
    miti = debrief_view(scenario_of(CODED), events).miti
    assert miti is not None
    # by hand: SR 2 (sr, sr); CR 2 (cr, cr-af); Q 1 (the second q was undone); affirm 1, confront 1, persuade 1,
    # persuade with permission 1, seeking collaboration 1, emphasizing autonomy 1, giving information 1
    assert (miti.simple, miti.complex, miti.reflections, miti.questions) == (2, 2, 4, 1)
    assert miti.r_to_q == "4.00"
    assert miti.percent_complex == "50%"
    assert miti.adherent == 1 + 1 + 1 + 1  # affirm, seeking collaboration, emphasizing autonomy, with permission
    assert miti.non_adherent == 2  # confront, persuade
    assert miti.count("giving_information") == 1


def test_r_to_q_without_questions_and_percent_complex_without_reflections_are_dashes() -> None:
    no_questions = debrief_view(scenario_of(CODED), played("cr", "sr", "sr", "stop")).miti
    assert no_questions is not None
    assert no_questions.questions == 0 and no_questions.r_to_q == "—"
    assert no_questions.percent_complex == "33%"  # 1 of 3, a whole percent
    no_reflections = debrief_view(scenario_of(CODED), played("q", "q", "q", "auto", "stop")).miti
    assert no_reflections is not None
    assert no_reflections.reflections == 0 and no_reflections.percent_complex == "—"
    assert no_reflections.r_to_q == "0.00"
    nothing = debrief_view(scenario_of(CODED), played("stop")).miti
    assert nothing is not None and (nothing.r_to_q, nothing.percent_complex) == ("—", "—")


def test_two_decimals_and_whole_percents() -> None:
    miti = MitiView.of({"simple_reflection": 1, "complex_reflection": 1, "question": 3})
    assert miti.r_to_q == "0.67" and miti.percent_complex == "50%"
    miti = MitiView.of({"simple_reflection": 2, "complex_reflection": 1, "question": 2})
    assert miti.r_to_q == "1.50" and miti.percent_complex == "33%"


def test_class_figures_pool_the_counts() -> None:
    scenario = scenario_of(CODED)
    views = [debrief_view(scenario, played("cr", "q", "stop")), debrief_view(scenario, played("sr", "sr", "stop"))]
    pooled = pooled_miti(views)
    assert pooled is not None
    assert (pooled.simple, pooled.complex, pooled.questions) == (2, 1, 1)
    assert pooled.r_to_q == "3.00" and pooled.percent_complex == "33%"  # pooled, not the mean of 1.00 and —


def test_a_scenario_without_codes_shows_no_miti_figures() -> None:
    scenario = scenario_of(re.sub(r", code: (\[[^\]]*\]|[a-z_]+)", "", CODED))
    view = debrief_view(scenario, Session(scenario).events)
    assert view.miti is None
    assert not any("MITI" in line for line in debrief_lines(view))


def test_terminal_debrief_and_report_show_the_figures_beside_the_reference_levels(tmp_path: Path) -> None:
    scenario = load_file(Path(__file__).resolve().parent.parent / "fixtures" / "every-addition.yaml")
    runner = SessionRunner.start(scenario, seed=0, log=tmp_path / "s.jsonl", trainee="Ana")
    for choice in ("how-much", "undo", "reflect", "permission", "simple"):
        runner.undo() if choice == "undo" else runner.choose(choice)
    runner.continue_()
    runner.close()
    log = read_log(tmp_path / "s.jsonl")
    view = debrief_view(scenario, log.events)
    miti = view.miti
    assert miti is not None
    assert (miti.reflections, miti.simple, miti.complex, miti.questions) == (2, 1, 1, 0)  # the question was undone
    assert (miti.r_to_q, miti.percent_complex, miti.adherent, miti.non_adherent) == ("—", "50%", 2, 0)
    text = "\n".join(debrief_lines(view))
    assert view.flags == (("Named her own reason", False), ("felt judged", False))  # labels, else names
    assert "Named her own reason: no" in text and "felt judged: no" in text
    assert "R:Q" in text and "reference level: fair 1:1, good 2:1" in text
    assert "%CR" in text and "50%" in text and "reference level: fair 40%, good 50%" in text
    assert MITI_REFERENCE_TITLE in text and "not grades" in text
    page = render_html([(scenario, log)])
    assert "MITI 4 behaviour counts (the replies that stand)" in page
    assert "MITI 4 behaviour counts, pooled over the class" in page
    assert "fair 40%, good 50%" in page and "not grades" in page
    assert "Pretty much, yeah." in page and "She didn&#39;t take his side." in page
