"""The transcript in pygame_gui's HTML subset, shared by the in-session transcript and the debrief."""

from __future__ import annotations

import html
from typing import Any

from game.analysis.debrief import Debrief


def quality_tag(quality: str, palette: Any) -> str:
    """'[good]' in the quality's colour: a word as well as a colour."""
    colour = {"good": palette.good, "neutral": palette.neutral}.get(quality, palette.poor)
    return f"<font color='{colour}'>[{html.escape(quality)}]</font>"


def transcript_lines(debrief: Debrief, palette: Any, *, revealed: bool, feedback: bool = False) -> list[str]:
    """Who said what. `revealed` adds qualities and the client's thoughts (practice mode, debriefs)."""
    name = html.escape(debrief.scenario.client.name)
    muted = palette.page_muted
    lines: list[str] = []
    for entry in debrief.transcript:
        if entry.kind == "client":
            if entry.narration:
                lines.append(f"<i><font color='{muted}'>{html.escape(entry.narration)}</font></i>")
            if entry.text:
                lines.append(f"<b>{name}:</b> {html.escape(entry.text)}")
            if revealed and entry.node.thought:
                lines.append(f"<i><font color='{muted}'>({name} thinks: {html.escape(entry.node.thought)})</font></i>")
        elif entry.step is not None:
            tag = f" {quality_tag(entry.step.quality, palette)}" if revealed else ""
            if entry.step.typed is not None:  # free text: what was typed, then the reply it was taken as
                lines.append(f"<b>You typed:</b> {html.escape(entry.step.typed)}")
                lines.append(f"<font color='{muted}'>taken as:</font> {html.escape(entry.text or '')}{tag}")
            else:
                lines.append(f"<b>You:</b> {html.escape(entry.text or '')}{tag}")
            if entry.step.react:
                lines.append(f"<b>{name}:</b> {html.escape(entry.step.react)}")
            if revealed and entry.step.thought:
                lines.append(f"<i><font color='{muted}'>({name} thinks: {html.escape(entry.step.thought)})</font></i>")
            if feedback and entry.step.choice and entry.step.choice.feedback:
                lines.append(f"<i>{html.escape(entry.step.choice.feedback)}</i>")
    return lines
