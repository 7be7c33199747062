"""Section 6 in the game window: the react typed before the next line and kept, the reply's thought with the
coach (practice only), react in the transcript (H), the replay viewer and the debrief, MITI figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.record.log import read_log
from game.record.runner import SessionRunner
from game.scenario.loader import load_file

EVERY = Path(__file__).resolve().parent.parent / "fixtures" / "every-addition.yaml"


def _session(app: Any, mode: str = "practice") -> Any:
    from game.ui.scenes.session import SessionScene

    runner = SessionRunner.start(load_file(EVERY), seed=0, mode=mode, logged=False)
    scene = SessionScene(app, runner)
    app.reset(scene) if hasattr(app, "reset") else app.push(scene)
    return scene


def test_the_react_is_typed_first_then_the_line_and_both_stay_with_the_reply(app: Any) -> None:
    scene = _session(app)
    scene.skip_typing()
    scene._choose(1)  # "Coming here was more his idea than yours." -> "Pretty much, yeah."
    assert scene.phase == "typing"
    scene.update(0.05)
    assert scene.react_writer.visible > 0 and scene.typewriter.visible == 0  # the react types first
    for _ in range(400):
        scene.update(0.05)
    assert scene.react_writer.done and scene.typewriter.done
    texts = [block[0] for block in scene._exchange_blocks()]
    reply = "“Coming here was more his idea than yours.”"
    assert texts.index(reply) < texts.index("“Pretty much, yeah.”") < texts.index(scene.typewriter.text)
    app.draw()
    texts = [block[0] for block in scene._exchange_blocks()]
    assert "“Pretty much, yeah.”" in texts  # still there once settled, until the next reply
    assert scene.choose_now(1)
    texts = [block[0] for block in scene._exchange_blocks()]
    assert "“Pretty much, yeah.”" not in texts and "“I suppose I did.”" in texts


def test_the_react_is_shown_when_a_rule_redirects(app: Any) -> None:
    scene = _session(app)
    assert scene.choose_now(3) and scene.choose_now(3)  # two lectures: the walk-out rule fires
    assert scene.session.current().node.id == "leaving"
    texts = [block[0] for block in scene._exchange_blocks()]
    assert "“You sound just like him.”" in texts
    assert texts.index("“You sound just like him.”") < texts.index("“I don't need another lecture.”")


def test_the_replys_thought_comes_with_the_coach_in_practice_mode_only(app: Any) -> None:
    scene = _session(app)
    assert scene.choose_now(1)
    assert scene.coach is not None
    choice, thought = scene.coach
    assert choice.id == "reflect" and thought is not None and thought.startswith("She didn't take his side.")
    app.draw()
    assessment = _session(app, "assessment")
    assert assessment.choose_now(1)
    assert assessment.coach is None
    app.draw()


def test_the_transcript_overlay_shows_the_react_and_the_thought_only_in_practice(app: Any) -> None:
    from game.ui.scenes.overlays import transcript_html

    scene = _session(app)
    assert scene.choose_now(1)
    palette = app.theme.palette
    practice = transcript_html(scene.scenario, scene.session.events, "practice", palette)
    assert "Pretty much, yeah." in practice and "didn&#x27;t take his side" in practice
    assessment = transcript_html(scene.scenario, scene.session.events, "assessment", palette)
    assert "Pretty much, yeah." in assessment and "take his side" not in assessment


def test_the_replay_viewer_and_the_debrief_show_the_react(app: Any, tmp_path: Path) -> None:
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.replay import ReplayScene

    scenario = load_file(EVERY)
    runner = SessionRunner.start(scenario, seed=0, log=tmp_path / "s.jsonl", trainee="Ana")
    for choice in ("reflect", "permission", "autonomy"):
        runner.choose(choice)
    runner.continue_()
    runner.close()
    log = read_log(tmp_path / "s.jsonl")
    replay = ReplayScene(app, scenario, log)
    app.push(replay)
    replay.revealed = True
    drawn: list[str] = []
    original = app.theme.draw_text_block

    def record(surface: Any, text: str, *args: Any, **kwargs: Any) -> Any:
        drawn.append(text)
        return original(surface, text, *args, **kwargs)

    app.theme.draw_text_block = record
    from game.ui import widgets

    card_draw = widgets.Card.draw

    def record_card(card: Any, *args: Any, **kwargs: Any) -> Any:
        drawn.append(card.text)
        return card_draw(card, *args, **kwargs)

    widgets.Card.draw = record_card  # type: ignore[method-assign]
    try:
        app.draw()
    finally:
        widgets.Card.draw = card_draw  # type: ignore[method-assign]
        app.theme.draw_text_block = original
    assert any("Lena Koval: “Pretty much, yeah.”" in text for text in drawn), drawn
    app.pop()
    debrief = DebriefScene(app, scenario, log.events, None)
    app.push(debrief)
    app.draw()
    assert debrief.text_box is not None
    html = debrief.text_box.html_text
    assert "Pretty much, yeah." in html and "MITI 4 behaviour counts" in html and "R:Q" in html
    assert "reference level: fair 40%, good 50%" in html and "not grades" in html
    assert "Named her own reason: yes · felt judged: no" in html


def test_a_scenario_copy_that_could_not_be_kept_is_told_in_the_window(app: Any) -> None:
    from game.ui.scenes.session import SessionScene

    runner = SessionRunner.start(load_file(EVERY), seed=0, logged=False)
    runner.warnings.append("warning: the played scenario could not be kept (No space left on device)")
    SessionScene(app, runner)
    assert app._toast is not None and "No space left on device" in app._toast[0]
