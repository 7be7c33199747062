"""Free text in the window: a whole scenario typed in the trainee's own words, under SDL's dummy driver."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import pygame

from game.freetext.evaluation import read_set
from game.freetext.matcher import Matcher
from game.record.log import read_log
from game.record.runner import SessionRunner
from game.scenario.loader import load_file
from game.settings import Settings
from tests.conftest import SCENARIOS
from tests.freetext.conftest import HERE, TUNING
from tests.helpers import rapport
from tests.ui.conftest import press


def type_text(app: Any, text: str) -> None:
    pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=text))
    app.settle(1 / 30)


def test_a_whole_scenario_typed_in_the_window_is_logged_replayed_and_debriefed(
    real_matcher: Matcher,
    tmp_path: Path,
) -> None:
    from game.analysis.debrief import Debrief
    from game.ui.app import App
    from game.ui.free_reply import FIELD, HEARD
    from game.ui.richtext import transcript_lines
    from game.ui.scenes.debrief import DebriefScene, debrief_html
    from game.ui.scenes.session import SessionScene

    scenario = load_file(SCENARIOS / f"{TUNING}.yaml")
    paraphrases = read_set(HERE / f"paraphrases-{TUNING}.yaml").replies
    app = App(settings=Settings(free_text=True), save_settings=False)
    try:
        runner = SessionRunner.start(scenario, seed=2, mode="practice", trainee="Kim", log=tmp_path / "w.jsonl")
        session = SessionScene(app, runner, matcher=real_matcher)
        app.push(session)
        typed: list[str] = []
        heard = 0
        for _ in range(400):
            top = app.stack.top
            if isinstance(top, DebriefScene):
                break
            free = session.free
            assert free is not None
            if session.phase != "choosing":
                press(app, pygame.K_SPACE)
                continue
            assert session.typing == (free.state == FIELD)
            if free.state == FIELD:
                turn = runner.session.current()
                by_id = paraphrases[turn.node.id]
                intended = next(c.choice for c in turn.choices if c.choice.quality == "good" and c.choice.id in by_id)
                typed.append(by_id[intended.id][0])
                type_text(app, typed[-1][:10])
                press(app, pygame.K_BACKSPACE)  # the field edits: the last character goes, and comes back
                type_text(app, typed[-1][9:])
                assert free.text == typed[-1]
                press(app, pygame.K_RETURN)
                if free.state == HEARD:
                    heard += 1
                    app.draw()
            else:
                press(app, pygame.K_RETURN)  # yes, that is what I meant
        assert isinstance(app.stack.top, DebriefScene)
        html = debrief_html(app.stack.top.debrief, app.theme.palette)
        transcript = transcript_lines(
            Debrief.from_events(scenario, runner.session.events), app.theme.palette, revealed=False
        )
    finally:
        app.close()
    log = read_log(tmp_path / "w.jsonl")
    choices = [e for e in log.events if e["type"] == "choice"]
    assert [e["typed"] for e in choices] == typed and heard == len(typed) >= 5
    assert all(e["match"]["accepted"] and not e["match"]["picked"] for e in choices)
    assert "You typed:" in html and escape(typed[0]) in html
    assert sum(line.startswith("<b>You typed:</b>") for line in transcript) == len(typed)  # the H overlay too
    checked = rapport("replay", str(tmp_path / "w.jsonl"), "--check")
    assert checked.returncode == 0, checked.stderr


class Fixed:
    """A stand-in matcher: always the second reply, accepted or not as told."""

    def __init__(self, accepted: bool) -> None:
        self.accepted = accepted

    def prepare(self, scenario: Any) -> None:
        pass

    def match(self, scenario: Any, shown: Any, typed: str) -> Any:
        from game.freetext.matcher import Match

        return Match(shown[1], 2, 0.9 if self.accepted else 0.7, 0.05, self.accepted)


def _session(mode: str, accepted: bool, tmp_path: Path) -> tuple[Any, Any, SessionRunner]:
    from game.ui.app import App
    from game.ui.scenes.session import SessionScene

    scenario = load_file(SCENARIOS / f"{TUNING}.yaml")
    app = App(settings=Settings(free_text=True), save_settings=False)
    runner = SessionRunner.start(scenario, seed=2, mode=mode, log=tmp_path / f"{mode}.jsonl")
    session = SessionScene(app, runner, matcher=Fixed(accepted))
    app.push(session)
    session.skip_typing()
    app.settle(1 / 30)
    return app, session, runner


def test_assessment_takes_an_accepted_reply_silently(tmp_path: Path) -> None:
    app, session, runner = _session("assessment", True, tmp_path)
    try:
        type_text(app, "in my words")
        press(app, pygame.K_RETURN)
        event = [e for e in runner.session.events if e["type"] == "choice"][-1]
        assert event["number"] == 2 and event["typed"] == "in my words"
        assert event["match"] == {"score": 0.9, "margin": 0.05, "accepted": True, "picked": False}
        assert session.free.state == "field" and session.free.text == ""
    finally:
        app.close()


def test_an_unclear_reply_keeps_the_typed_text_above_the_list_and_digits_pick(tmp_path: Path) -> None:
    app, session, runner = _session("practice", False, tmp_path)
    try:
        type_text(app, "3 things")  # a digit in the field is text, not a choice
        assert session.free.text == "3 things" and not [e for e in runner.session.events if e["type"] == "choice"]
        press(app, pygame.K_RETURN)
        assert session.free.state == "pick" and not session.typing
        assert session.free.block_text() == ("You said:", "“3 things”") and len(session.cards) == 4
        press(app, pygame.K_3)
        event = [e for e in runner.session.events if e["type"] == "choice"][-1]
        assert event["number"] == 3 and event["typed"] == "3 things" and event["match"]["picked"] is True
        assert event["match"]["accepted"] is False
    finally:
        app.close()


def test_without_the_model_the_window_says_so_and_shows_the_list(tmp_path: Path) -> None:
    from game.freetext import FreeTextUnavailable

    class Missing(Fixed):
        def prepare(self, scenario: Any) -> None:
            raise FreeTextUnavailable("free text needs its model: pip install 'rapport[freetext]'")

    from game.ui.app import App
    from game.ui.scenes.session import SessionScene

    app = App(settings=Settings(free_text=True), save_settings=False)
    try:
        runner = SessionRunner.start(load_file(SCENARIOS / f"{TUNING}.yaml"), seed=2, logged=False)
        session = SessionScene(app, runner, matcher=Missing(True))
        app.push(session)
        session.skip_typing()
        type_text(app, "hello")
        press(app, pygame.K_RETURN)
        assert session.free is None and len(session.cards) == 4 and not session.typing
    finally:
        app.close()


def test_the_class_view_shows_what_each_trainee_typed_under_the_reply(tmp_path: Path) -> None:
    from game.ui.app import App
    from game.ui.theme import Theme

    scenario = load_file(SCENARIOS / f"{TUNING}.yaml")
    logs = []
    for name, typed in (("Ana", "your list sets the order"), ("Ben", None)):
        runner = SessionRunner.start(scenario, seed=0, trainee=name, log=tmp_path / f"{name}.jsonl")
        start_with_list = next(c.choice for c in runner.session.current().choices if c.choice.id == "start-with-list")
        runner.choose(start_with_list.id, typed, None if typed is None else {**MATCH_LOGGED})
        runner.close()
        logs.append(read_log(tmp_path / f"{name}.jsonl"))
    app = App(settings=Settings(), save_settings=False, size=(1280, 720))
    drawn: list[str] = []
    original = Theme.text

    def noting(self: Any, text: str, *args: Any, **kwargs: Any) -> pygame.Surface:
        drawn.append(text)
        return original(self, text, *args, **kwargs)

    try:
        scene = app.push("class", scenario, logs)
        scene.node_list.selected = next(i for i, n in enumerate(scene.nodes) if n.id == "opening")
        Theme.text = noting  # type: ignore[method-assign]
        app.draw()
    finally:
        Theme.text = original  # type: ignore[method-assign]
        app.close()
    assert any("Ana typed: “your list sets the order”" in text for text in drawn), drawn
    assert not any(text.startswith("Ben typed") for text in drawn)


MATCH_LOGGED = {"score": 0.9, "margin": 0.05, "accepted": True, "picked": False}
