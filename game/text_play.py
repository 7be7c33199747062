"""The terminal front end: the same engine, played one typed line at a time.

It asks nothing but the session's own questions, so a script or a screen
reader can drive it: each line read answers the current choice (a number, or
`u` to undo in practice mode) or, at a continue step, just goes on. With free
text (`play --text --free`) the line is the reply in the trainee's own words,
matched to the replies shown; the list appears only when the match is unclear
or the trainee says it is not what they meant.
End of input or Ctrl-C ends cleanly, with the log intact and its path printed.
"""

from __future__ import annotations

import sys
import textwrap
from typing import TYPE_CHECKING, Any, TextIO

from game.analysis.debrief import Debrief
from game.analysis.presentation import MITI_REFERENCE_TITLE, DebriefView, MitiView, from_debrief
from game.engine.session import SessionError
from game.record.runner import SessionRunner
from game.scenario.model import Choice, Scenario

if TYPE_CHECKING:
    from game.freetext.matcher import Matcher

PRACTICE_NOTE = "Rapport is practice material, not clinical guidance, supervision or treatment."
WIDTH = 76


class TextPlay:
    def __init__(self, runner: SessionRunner, out: TextIO, matcher: Matcher | None = None) -> None:
        self.runner = runner
        self.matcher = matcher  # free text when set
        self.lines: TextIO | None = None
        self.session = runner.session
        self.scenario: Scenario = runner.session.scenario
        self.out = out
        self.log_path = str(runner.path) if runner.path is not None else None

    def say(self, text: str = "", indent: str = "") -> None:
        """Print wrapped text; continuation lines keep the indentation, plus two spaces."""
        if not text:
            print(file=self.out, flush=True)
            return
        lead = indent + text[: len(text) - len(text.lstrip())]
        wrapped = textwrap.fill(
            text.strip(),
            WIDTH,
            initial_indent=lead,
            subsequent_indent=lead + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        )
        print(wrapped, file=self.out, flush=True)

    # -- showing ----------------------------------------------------------------

    def show_node(self) -> None:
        turn = self.session.current()
        node = turn.node
        name = self.scenario.client.name
        self.say()
        if node.narration:
            self.say(f"[{node.narration}]", "  ")
        if turn.line:
            self.say(f'{name}: "{turn.line}"')
        if node.thought and self.session.mode == "practice":
            self.say(f"({name} thinks: {node.thought})", "  ")

    def show_choices(self) -> None:
        for shown in self.session.current().choices:
            self.say(f'{shown.number}. "{shown.choice.text}"', "   ")

    def show_coach(self, choice_id: str, node_id: str) -> None:
        node = self.scenario.nodes[node_id]
        choice = node.choice(choice_id)
        if choice is None:
            return
        label = self.scenario.skill_label(choice.skill)
        feedback = f": {choice.feedback}" if choice.feedback else ""
        self.say(f"Coach — {label}, {choice.quality}{feedback}", "  ")
        if choice.thought:
            self.say(f"({self.scenario.client.name} thinks: {choice.thought})", "  ")

    def show_react(self, choice_id: str, node_id: str) -> None:
        """The client's immediate reaction to the reply, in every mode, before anything else."""
        choice = self.scenario.nodes[node_id].choice(choice_id)
        if choice is not None and choice.react:
            self.say(f'{self.scenario.client.name}: "{choice.react}"')

    def prompt(self) -> str:
        turn = self.session.current()
        if turn.choices:
            extra = ", u to undo" if self.session.can_undo else ""
            if self.matcher is not None:
                return f"Your reply, in your own words{extra}: "
            return f"Your reply (1-{len(turn.choices)}{extra}): "
        return "[Enter to continue" + (", u to undo" if self.session.can_undo else "") + "] "

    # -- the loop ----------------------------------------------------------------

    def run(self, lines: TextIO) -> int:
        self.lines = lines
        self.show_node()
        while True:
            turn = self.session.current()
            if turn.finished:
                break
            if turn.choices and self.matcher is None:
                self.show_choices()
            print(self.prompt(), end="", file=self.out, flush=True)
            try:
                line = lines.readline()
            except KeyboardInterrupt:
                line = ""
            if line and not lines.isatty():
                print(file=self.out)  # the typed answer did not echo a line break
            if not line:
                self.say()
                self.say("Session paused before its end.")
                self.say_log(resume=True)
                return 0
            self.answer(line.strip())
            if self.runner.failure is not None:
                return self.stop_unsaved(self.runner.failure)
        self.finish()
        return 1 if self.session.current().error else 0

    def answer(self, text: str) -> None:
        session = self.session
        turn = session.current()
        if text.lower() in ("u", "undo"):
            if not session.can_undo:
                self.say("Undo is only available in practice mode, after a choice.", "  ")
                return
            self.runner.undo()
            if self.runner.failure is not None:
                return
            self.say("(Undone: back to just before your last reply.)", "  ")
            self.show_node()
            return
        if turn.choices and self.matcher is not None:
            self.answer_freely(text)
            return
        if turn.choices:
            if not (text.isascii() and text.isdigit() and len(text) < 4 and 1 <= int(text) <= len(turn.choices)):
                self.say(f"Type a number from 1 to {len(turn.choices)}.", "  ")
                return
            self.take(turn.choices[int(text) - 1].choice)
            return
        self.runner.continue_()
        if self.runner.failure is not None:
            return
        self.show_node()

    def take(self, chosen: Choice, typed: str | None = None, match: dict[str, Any] | None = None) -> None:
        """Make the choice, then show what follows it: the react, the coach (practice), the next node."""
        node_id = self.session.current().node.id
        try:
            self.runner.choose(chosen.id, typed, match)
        except SessionError as exc:
            self.say(str(exc), "  ")
            return
        if self.runner.failure is not None:
            return  # nothing more is shown that the log does not hold
        self.show_react(chosen.id, node_id)
        if self.session.mode == "practice":
            self.show_coach(chosen.id, node_id)
        self.show_node()

    def answer_freely(self, typed: str) -> None:
        """Free text: accepted, the client heard it (practice: unless the trainee says otherwise); else pick."""
        assert self.matcher is not None
        turn = self.session.current()
        shown = [c.choice for c in turn.choices]
        found = self.matcher.match(self.scenario, shown, typed)
        heard = found.choice
        if heard is not None and self.session.mode == "practice":
            self.say(f'The client heard: "{heard.text}"', "  ")
            reply = self.ask("[Enter if that is what you meant, n to pick from the list] ")
            if reply is None:
                return
            if reply.lower() in ("n", "no"):
                heard = None
        if heard is not None:
            self.take(heard, typed, found.logged(picked=False))
            return
        if typed:
            self.say(f'You said: "{typed}"', "  ")
        self.say("Which of these did you mean?" if typed else "Choose a reply:", "  ")
        self.show_choices()
        while True:
            number = self.ask(f"Your reply (1-{len(shown)}): ")
            if number is None:
                return
            if number.isascii() and number.isdigit() and len(number) < 4 and 1 <= int(number) <= len(shown):
                break
            self.say(f"Type a number from 1 to {len(shown)}.", "  ")
        self.take(shown[int(number) - 1], typed, found.logged(picked=True))

    def ask(self, prompt: str) -> str | None:
        """One more line for the current reply; None at the end of input (the reply is not made)."""
        print(prompt, end="", file=self.out, flush=True)
        try:
            line = self.lines.readline() if self.lines is not None else ""
        except KeyboardInterrupt:
            line = ""
        if line and self.lines is not None and not self.lines.isatty():
            print(file=self.out)
        return line.strip() if line else None

    def stop_unsaved(self, failure: str) -> int:
        """The log cannot be written: stop, saying where the session stands (exit 1)."""
        print(f"rapport: {failure}", file=sys.stderr)
        print(
            "The log keeps everything up to your last saved reply; "
            f"free some space and resume with: rapport play --resume {self.log_path} --text",
            file=sys.stderr,
        )
        return 1

    def say_log(self, resume: bool = False) -> None:
        if not self.log_path:
            return
        self.say(f"Session log: {self.log_path}")
        if resume:
            self.say(f"Resume with: rapport play --resume {self.log_path} --text")

    def finish(self) -> None:
        turn = self.session.current()
        if turn.error:
            self.say()
            self.say(f"The scenario stopped: {turn.error}")
        self.say()
        for line in debrief_lines(Debrief.from_events(self.scenario, self.session.events)):
            self.say(line)
        self.say()
        self.say(PRACTICE_NOTE)
        self.say_log()


def debrief_lines(debrief: DebriefView | Debrief) -> list[str]:
    """The text debrief: ending, meters revealed, skills, key moments, missed chances, points.

    It lays out a `DebriefView` (a `Debrief` is turned into one) and computes nothing itself.
    """
    view = debrief if isinstance(debrief, DebriefView) else from_debrief(debrief)
    out = ["=== Debrief ==="]
    if view.ending:
        ending = view.ending
        rating = f" ({ending.rating})" if ending.rating else ""
        out.append(f"Ending: {ending.title}{rating}")
        if ending.summary:
            out.append(f"  {ending.summary}")
    elif view.error:
        out.append("The session stopped before an ending.")
    else:
        out.append("The session did not reach an ending.")
    out.append("")
    out.append("Meters, hidden while you played (start -> end):")
    for meter in view.meters:
        out.append(f"  {meter.title:<14} {meter.start:>3} -> {meter.end:>3}")
    if view.flags:
        out.append("")
        out.append("What came up (at the end):")
        for title, value in view.flags:
            out.append(f"  {title}: {'yes' if value else 'no'}")
    if view.skills:
        out.append("")
        out.append("Your replies by skill (good / neutral / poor):")
        for row in view.skills:
            out.append(f"  {row.label:<32} {row.good} / {row.neutral} / {row.poor}")
    if view.miti is not None:
        out.append("")
        out.extend(miti_lines(view.miti))
    if view.key_moments:
        out.append("")
        out.append("Key moments (the biggest swings):")
        for reply in view.key_moments:
            out.append(f'  Turn {reply.turn}: "{reply.text}" ({reply.change})')
            if reply.typed is not None:
                out.append(f'    You typed: "{reply.typed}"')
            if reply.react:
                out.append(f'    {view.client_name}: "{reply.react}"')
            if reply.thought:
                out.append(f"    ({view.client_name} thinks: {reply.thought})")
            if reply.feedback:
                out.append(f"    {reply.feedback}")
    if view.missed:
        out.append("")
        out.append("Missed opportunities:")
        for missed in view.missed:
            out.append(f'  Turn {missed.reply.turn}: you said "{missed.reply.text}"')
            if missed.reply.typed is not None:
                out.append(f'    (you typed: "{missed.reply.typed}")')
            out.append(f'    Also on offer: "{missed.alternative.text}" ({missed.alternative.quality})')
            if missed.alternative.feedback:
                out.append(f"    {missed.alternative.feedback}")
    if view.points:
        out.append("")
        out.append("Points to take away:")
        out.extend(f"  - {point}" for point in view.points)
    return out


def miti_lines(miti: MitiView, heading: str = "Your replies by MITI 4 code (the replies that stand):") -> list[str]:
    """The MITI 4 figures, each beside its reference level where MITI 4 gives one."""
    out = [heading]
    for figure, value, reference in miti.rows():
        level = f"   reference level: {reference}" if reference else ""
        out.append(f"  {figure:<26} {value:<8}{level}".rstrip())
    out.append(f"  {MITI_REFERENCE_TITLE}")
    return out
