"""The debrief report: one self-contained HTML page (and a CSV) for a trainee or a class.

Rendered with Jinja2 with escaping on by default, so a trainee's name or any
scenario text that looks like markup comes out as text. Charts are inline SVG
built from numbers only; the page loads nothing from anywhere.

Each session's section lays out its `DebriefView` (game.analysis.presentation),
the same model the terminal and the game draw; the class summary adds those up.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game import __version__
from game.analysis.debrief import effective_events
from game.analysis.presentation import MITI_REFERENCE_TITLE, DebriefView, MeterView, debrief_view, pooled_miti
from game.analysis.steps import replay_steps
from game.record.log import SessionLog
from game.record.notes import read_notes
from game.scenario.model import Scenario

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]
DASHES = ["", "8 5", "2 4", "10 3 2 3", "5 3", "1 2"]
CSV_HEADER = [
    "session",
    "trainee",
    "scenario_id",
    "scenario_sha256",
    "mode",
    "started_at",
    "verified",
    "log",
    "turn",
    "node",
    "choice",
    "number",
    "text",
    "skill",
    "quality",
    "code",
    "react",
    "typed",
    "match_score",
    "t",
    "outcome",
]
"""Section 6's CSV header; `meter:NAME` then `delta:NAME` columns follow, one of each per meter."""
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Pair = tuple[Scenario, SessionLog]


@dataclass
class TraineeView:
    log: SessionLog
    debrief: DebriefView
    chart: str
    notes: list[dict[str, Any]]
    anchor: str


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#39;")
    )


def svg_chart(
    series: Sequence[tuple[MeterView, float]],
    meters: Sequence[MeterView],
    width: int = 640,
    height: int = 200,
    labels: dict[str, str] | None = None,
    title: str = "",
) -> str:
    """A line chart as inline SVG: (a meter's course, opacity) per line; numbers only in it.

    `meters` (a session's, in the scenario's order) give each meter its colour, dash and legend.
    """
    left, right, top, bottom = 36, 10, 24, 22
    plot_w, plot_h = width - left - right, height - top - bottom
    steps = max((len(meter.points) for meter, _ in series), default=1) - 1 or 1
    order = [m.name for m in meters]
    titles = {m.name: m.title for m in meters}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_escape(title or "meter chart")}" class="chart">'
    ]
    for value in (0, 50, 100):
        y = top + plot_h - plot_h * value / 100
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#ccc" stroke-width="1"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="11" text-anchor="end" fill="#555">{value}%</text>')
    for meter, opacity in series:
        span = max(1, meter.high - meter.low)
        index = order.index(meter.name) if meter.name in order else 0
        points = " ".join(
            f"{left + plot_w * i / steps:.1f},{top + plot_h - plot_h * (v - meter.low) / span:.1f}"
            for i, v in enumerate(meter.values)
        )
        dash = f' stroke-dasharray="{DASHES[index % len(DASHES)]}"' if DASHES[index % len(DASHES)] else ""
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{OKABE_ITO[index % len(OKABE_ITO)]}" '
            f'stroke-width="{2.5 if opacity >= 1 else 1.5}" stroke-opacity="{opacity:.2f}"{dash}/>'
        )
    x = left
    for index, name in enumerate(order):
        if labels is not None and name not in labels:
            continue
        colour = OKABE_ITO[index % len(OKABE_ITO)]
        dash = f' stroke-dasharray="{DASHES[index % len(DASHES)]}"' if DASHES[index % len(DASHES)] else ""
        out.append(f'<line x1="{x}" y1="12" x2="{x + 26}" y2="12" stroke="{colour}" stroke-width="3"{dash}/>')
        label = (labels or {}).get(name) or titles[name]
        out.append(f'<text x="{x + 32}" y="16" font-size="12" fill="#222">{_escape(label)}</text>')
        x += 40 + 8 * len(label)
    out.append(f'<text x="{left}" y="{height - 4}" font-size="11" fill="#555">start</text>')
    out.append(f'<text x="{width - right}" y="{height - 4}" font-size="11" fill="#555" text-anchor="end">end</text>')
    out.append("</svg>")
    return "".join(out)


def _trainee_view(scenario: Scenario, log: SessionLog, index: int) -> TraineeView:
    debrief = debrief_view(scenario, log.events)
    chart = svg_chart(
        [(meter, 1.0) for meter in debrief.meters],
        debrief.meters,
        labels={m.name: f"{m.title} {m.start} → {m.end}" for m in debrief.meters},
        title=f"Meters of {log.trainee}",
    )
    steps = replay_steps(scenario, log.events)
    notes = []
    for note in read_notes(log.path):
        step = steps[note.step] if 0 <= note.step < len(steps) else None
        notes.append(
            {
                "step": note.step,
                "text": note.text,
                "line": step.line if step else None,
                "node": step.node.id if step else None,
            }
        )
    return TraineeView(log, debrief, chart, notes, f"trainee-{index}")


def scenario_summary(scenario: Scenario, views: list[TraineeView]) -> dict[str, Any]:
    endings: Counter[str] = Counter()
    unfinished = 0
    poor: Counter[tuple[str, str]] = Counter()
    profile: dict[str, Counter[str]] = {}
    labels: dict[str, str] = {}
    finals: dict[str, list[int]] = {m.name: [] for m in scenario.meters}
    for view in views:
        debrief = view.debrief
        if debrief.ending:
            endings[debrief.ending.outcome] += 1
        else:
            unfinished += 1
        for meter in debrief.meters:
            if meter.points and meter.name in finals:
                finals[meter.name].append(meter.end)
        for row in debrief.skills:
            labels.setdefault(row.skill, row.label)
            profile.setdefault(row.skill, Counter()).update({q: row.count(q) for q in ("good", "neutral", "poor")})
        for reply in debrief.replies:
            if reply.quality == "poor":
                poor[(reply.node, reply.choice)] += 1
    ending_rows: list[dict[str, Any]] = []
    for node in scenario.nodes.values():
        if node.ending and node.ending.outcome not in [r["outcome"] for r in ending_rows]:
            ending_rows.append(
                {
                    "outcome": node.ending.outcome,
                    "title": node.ending.title or node.ending.outcome,
                    "rating": node.ending.rating or "unrated",
                    "count": endings[node.ending.outcome],
                }
            )
    common_poor = []
    for (node_id, choice_id), count in poor.most_common(5):
        choice = scenario.nodes[node_id].choice(choice_id)
        if choice is not None:
            common_poor.append(
                {
                    "count": count,
                    "node": node_id,
                    "text": choice.text,
                    "feedback": choice.feedback,
                    "line": (scenario.nodes[node_id].say or ("",))[0],
                }
            )
    class_charts = []
    meters = views[0].debrief.meters if views else ()
    for meter in meters:
        lines = [(course, 0.45) for v in views if (course := v.debrief.meter(meter.name)) is not None]
        class_charts.append(
            svg_chart(
                lines,
                meters,
                labels={meter.name: f"{meter.title}: one line per session"},
                title=f"{meter.title} across the class",
            )
        )
    return {
        "endings": ending_rows,
        "unfinished": unfinished,
        "averages": [
            {"title": m.title, "value": round(sum(finals[m.name]) / len(finals[m.name]), 1) if finals[m.name] else None}
            for m in scenario.meters
        ],
        "profile": [
            {"skill": labels[skill], **{q: c[q] for q in ("good", "neutral", "poor")}} for skill, c in profile.items()
        ],
        "common_poor": common_poor,
        "class_charts": class_charts,
        "miti": pooled_miti(view.debrief for view in views),
    }


def build_context(pairs: Sequence[Pair], progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    groups: dict[str, tuple[Scenario, list[SessionLog]]] = {}
    for scenario, log in pairs:
        groups.setdefault(scenario.id, (scenario, []))[1].append(log)
    sections = []
    done = 0
    for scenario, logs in groups.values():
        views = []
        for log in logs:
            views.append(_trainee_view(scenario, log, done))
            done += 1
            if progress is not None:
                progress(done, len(pairs))
        sections.append(
            {
                "scenario": scenario,
                "views": views,
                "summary": scenario_summary(scenario, views),
                "anchor": f"scenario-{scenario.id}",
            }
        )
    return {
        "sections": sections,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "version": __version__,
        "sessions": len(pairs),
        "miti_reference_title": MITI_REFERENCE_TITLE,
    }


def render_html(pairs: Sequence[Pair], progress: Callable[[int, int], None] | None = None) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    env = Environment(
        loader=PackageLoader("game", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    context = build_context(pairs, progress)
    for section in context["sections"]:  # charts are built from numbers and escaped labels only
        section["summary"]["class_charts"] = [Markup(c) for c in section["summary"]["class_charts"]]
        for view in section["views"]:
            view.chart = Markup(view.chart)
    return env.get_template("report.html.j2").render(**context)


def session_id(log: SessionLog) -> str:
    """The first 16 hex digits of the SHA-256 of the log's first line (its bytes, without the newline)."""
    if log.session_id is not None:  # rebuilt from an LRS, which holds the id, not the line
        return log.session_id
    try:
        with log.path.open("rb") as handle:
            first = handle.readline()
    except OSError:
        first = b""
    return hashlib.sha256(first.rstrip(b"\r\n")).hexdigest()[:16]


def verified_of(log: SessionLog) -> str:
    """Section 6's `verified` for a log that replays identically: `yes`, or `playtest` (--from or --set)."""
    return "playtest" if log.header.get("from") is not None or log.header.get("set") is not None else "yes"


def _cell(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula gets a leading quote; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_rows(pairs: Iterable[Pair]) -> tuple[list[str], list[list[object]]]:
    """One row per choice that stands (undone ones are left out), meters after the choice and their changes."""
    pairs = list(pairs)
    meters: list[str] = []
    for scenario, _ in pairs:
        for name in scenario.meter_names:
            if name not in meters:
                meters.append(name)
    header = CSV_HEADER + [f"meter:{m}" for m in meters] + [f"delta:{m}" for m in meters]
    rows: list[list[object]] = []
    for scenario, log in pairs:
        header_of = log.header
        session = session_id(log)
        verified = verified_of(log)
        ended = log.ended
        outcome = str(ended.get("outcome") or "") if ended else ""
        before: dict[str, Any] = {}
        for event in effective_events(log.events):
            if event["type"] == "enter":
                before = dict(event.get("meters") or {})
            if event["type"] != "choice":
                continue
            node = scenario.nodes.get(str(event.get("node")))
            choice = node.choice(str(event.get("choice"))) if node else None
            after = event.get("meters") or {}
            codes = event.get("code")
            code = (
                "+".join(str(c) for c in codes) if isinstance(codes, list) else "+".join(choice.code if choice else ())
            )
            match = event.get("match")
            score = match.get("score") if isinstance(match, dict) else None
            row: list[object] = [
                session,
                header_of.get("trainee") or "",
                scenario.id,
                header_of.get("scenario_sha256") or scenario.sha256,
                header_of.get("mode") or "",
                header_of.get("started_at") or "",
                verified,
                log.path.name,
                event.get("turn"),
                event.get("node"),
                event.get("choice"),
                event.get("number"),
                choice.text if choice else "",
                event.get("skill"),
                event.get("quality"),
                code,
                (choice.react or "") if choice else "",
                event.get("typed") if isinstance(event.get("typed"), str) else "",
                score if isinstance(score, int | float) and not isinstance(score, bool) else "",
                event.get("t"),
                outcome,
            ]
            row += [after.get(m, "") for m in meters]
            row += [
                after[m] - before[m] if isinstance(after.get(m), int) and isinstance(before.get(m), int) else ""
                for m in meters
            ]
            rows.append([_cell(value) for value in row])
    return header, rows


def write_report(
    pairs: Sequence[Pair], out: Path, csv_out: Path | None = None, progress: Callable[[int, int], None] | None = None
) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(pairs, progress), encoding="utf-8")
    if csv_out is not None:
        header, rows = csv_rows(pairs)
        csv_out.parent.mkdir(parents=True, exist_ok=True)
        with csv_out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
