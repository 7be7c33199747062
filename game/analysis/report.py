"""The debrief report: one self-contained HTML page (and a CSV) for a trainee or a class.

Rendered with Jinja2 with escaping on by default, so a trainee's name or any
scenario text that looks like markup comes out as text. Charts are inline SVG
built from numbers only; the page loads nothing from anywhere.

Each session's section lays out its `DebriefView` (game.analysis.presentation),
the same model the terminal and the game draw; the class summary adds those up.
Every log is re-run first (game.record.verify): a roster at the top names each
session's class, sessions that are not verified are marked and left out of the
class figures, and files that could not be read are listed.
"""

from __future__ import annotations

import csv
import hashlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game import __version__
from game.analysis.debrief import effective_events
from game.analysis.presentation import (
    MITI_REFERENCE_TITLE,
    Band,
    DebriefView,
    MeterView,
    course_bands,
    debrief_view,
    pooled_miti,
)
from game.analysis.steps import replay_steps
from game.record.log import SessionLog
from game.record.notes import read_notes
from game.record.verify import DESCRIPTION, SKIPPED, UNKNOWN, Checked, check_pair
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
Inputs = Sequence[Checked | Pair]


@dataclass
class TraineeView:
    log: SessionLog
    debrief: DebriefView
    chart: str
    notes: list[dict[str, Any]]
    anchor: str
    status: str = "yes"
    counted: bool = True


@dataclass
class RosterRow:
    """One session at the top of the report: who, how it ended, where the meters finished, MITI, its class."""

    number: int
    trainee: str
    scenario: str
    ending: str
    rating: str | None
    finals: str
    r_to_q: str
    percent_complex: str
    status: str
    counted: bool
    anchor: str | None  # its section's anchor (None in a summary, or when it has no section)
    reason: str | None


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


def svg_band_chart(bands: Sequence[Band], meter: MeterView, width: int = 640, height: int = 210) -> str:
    """A class's spread along one meter as inline SVG: the full range, the middle half and the median.

    However many sessions there are, the chart draws three shapes and a row of counts (how many
    sessions each step stands on), so 200 sessions read as well as 5. Numbers only in it.
    """
    left, right, top, bottom = 36, 10, 26, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    steps = max(1, len(bands) - 1)
    span = max(1, meter.high - meter.low)
    colour = OKABE_ITO[0]

    def x(i: int) -> float:
        return left + plot_w * i / steps

    def y(value: float) -> float:
        return top + plot_h - plot_h * (value - meter.low) / span

    title = f"{meter.title} across the class: median, middle half and range at each step"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_escape(title)}" class="chart">'
    ]
    for fraction in (0, 0.5, 1):
        value = meter.low + span * fraction
        out.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - right}" y2="{y(value):.1f}" stroke="#ccc" '
            'stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" font-size="11" text-anchor="end" fill="#555">'
            f"{round(value)}</text>"
        )

    def area(lower: Sequence[float], upper: Sequence[float]) -> str:
        points = [(x(i), y(v)) for i, v in enumerate(upper)] + [
            (x(i), y(v)) for i, v in reversed(list(enumerate(lower)))
        ]
        return " ".join(f"{px:.1f},{py:.1f}" for px, py in points)

    if len(bands) > 1:
        out.append(
            f'<polygon points="{area([b.low for b in bands], [b.high for b in bands])}" fill="{colour}" '
            'fill-opacity="0.12"/>'
        )
        out.append(
            f'<polygon points="{area([b.q1 for b in bands], [b.q3 for b in bands])}" fill="{colour}" '
            'fill-opacity="0.32"/>'
        )
        median = " ".join(f"{x(i):.1f},{y(b.median):.1f}" for i, b in enumerate(bands))
        out.append(f'<polyline points="{median}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
    elif bands:
        out.append(f'<circle cx="{x(0):.1f}" cy="{y(bands[0].median):.1f}" r="4" fill="{colour}"/>')
    legend = [("0.12", "range"), ("0.32", "middle half"), ("1", "median")]
    lx = left
    for opacity, label in legend:
        out.append(f'<rect x="{lx}" y="6" width="22" height="10" fill="{colour}" fill-opacity="{opacity}"/>')
        out.append(f'<text x="{lx + 28}" y="15" font-size="12" fill="#222">{label}</text>')
        lx += 40 + 7 * len(label)
    out.append(f'<text x="{lx}" y="15" font-size="12" fill="#222">{_escape(meter.title)}</text>')
    every = max(1, -(-len(bands) // 16))  # at most 16 counts along the axis
    out.append(f'<text x="{left - 14}" y="{height - 22}" font-size="10" text-anchor="end" fill="#555">n</text>')
    for i in range(0, len(bands), every):
        out.append(
            f'<text x="{x(i):.1f}" y="{height - 22}" font-size="10" text-anchor="middle" fill="#555">'
            f"{bands[i].n}</text>"
        )
    out.append(f'<text x="{left}" y="{height - 4}" font-size="11" fill="#555">start</text>')
    out.append(
        f'<text x="{width - right}" y="{height - 4}" font-size="11" fill="#555" text-anchor="end">'
        "step (each time the client speaks)</text>"
    )
    out.append("</svg>")
    return "".join(out)


def _trainee_view(scenario: Scenario, checked: Checked, index: int, counted: bool, full: bool) -> TraineeView:
    """A shown session's section; `full` builds its chart and notes too (a summary needs neither)."""
    assert checked.log is not None
    log = checked.log
    debrief = debrief_view(scenario, log.events)
    view = TraineeView(log, debrief, "", [], f"session-{index}", checked.status, counted)
    if not full:
        return view
    view.chart = svg_chart(
        [(meter, 1.0) for meter in debrief.meters],
        debrief.meters,
        labels={m.name: f"{m.title} {m.start} → {m.end}" for m in debrief.meters},
        title=f"Meters of {log.trainee}",
    )
    notes = read_notes(log.path)
    steps = replay_steps(scenario, log.events) if notes else []
    for note in notes:
        step = steps[note.step] if 0 <= note.step < len(steps) else None
        view.notes.append(
            {
                "step": note.step,
                "text": note.text,
                "line": step.line if step else None,
                "node": step.node.id if step else None,
            }
        )
    return view


def scenario_summary(scenario: Scenario, views: list[TraineeView]) -> dict[str, Any]:
    """The class figures of one scenario, over the sessions that count."""
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
    if len(views) > 1:
        for meter in views[0].debrief.meters:
            courses = [c.values for v in views if (c := v.debrief.meter(meter.name)) is not None and c.points]
            class_charts.append(svg_band_chart(course_bands(courses), meter))
    return {
        "endings": ending_rows,
        "unfinished": unfinished,
        "averages": [
            {
                "title": m.title,
                "value": round(sum(finals[m.name]) / len(finals[m.name]), 1) if finals[m.name] else None,
                "median": round(_median(finals[m.name]), 1) if finals[m.name] else None,
                "spread": f"{min(finals[m.name])}–{max(finals[m.name])}" if finals[m.name] else "—",
            }
            for m in scenario.meters
        ],
        "profile": [
            {"skill": labels[skill], **{q: c[q] for q in ("good", "neutral", "poor")}} for skill, c in profile.items()
        ],
        "common_poor": common_poor,
        "class_charts": class_charts,
        "miti": pooled_miti(view.debrief for view in views),
        "counted": len(views),
    }


def _median(values: Sequence[int]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def as_checked(items: Inputs) -> list[Checked]:
    """Inputs as classified sessions: a (scenario, log) pair is re-run on that scenario here."""
    return [item if isinstance(item, Checked) else check_pair(*item) for item in items]


def _last_meters(log: SessionLog) -> dict[str, int]:
    for event in reversed(log.events):
        if isinstance(event.get("meters"), dict):
            return dict(event["meters"])
    return {}


def _roster_row(number: int, checked: Checked, view: TraineeView | None, summary: bool) -> RosterRow:
    log = checked.log
    assert log is not None
    scenario_title = str(log.header.get("scenario_title") or log.header.get("scenario_id") or "")
    if view is not None:
        debrief = view.debrief
        ending = debrief.ending.title if debrief.ending else ("stopped" if debrief.error else "unfinished")
        rating = debrief.ending.rating if debrief.ending else None
        finals = " · ".join(f"{m.title} {m.end}" for m in debrief.meters)
        miti = debrief.miti
        r_to_q, percent = (miti.r_to_q, miti.percent_complex) if miti else ("—", "—")
        scenario_title = debrief.scenario_title
    else:
        ended = log.ended
        ending = str(ended.get("outcome")) if ended else "unfinished"
        rating = None
        scenario = checked.scenario
        titles = {m.name: m.title for m in scenario.meters} if scenario is not None else {}
        finals = " · ".join(f"{titles.get(name, name)} {value}" for name, value in _last_meters(log).items())
        r_to_q = percent = "—"
    return RosterRow(
        number=number,
        trainee=log.trainee,
        scenario=scenario_title,
        ending=ending,
        rating=rating,
        finals=finals,
        r_to_q=r_to_q,
        percent_complex=percent,
        status=checked.status,
        counted=view.counted if view is not None else False,
        anchor=None if summary or view is None else view.anchor,
        reason=checked.reason,
    )


def _grouped(roster: list[RosterRow]) -> list[tuple[str, list[RosterRow]]]:
    """The roster by scenario, in the order scenarios first appear: one line per session, no scenario column."""
    groups: dict[str, list[RosterRow]] = {}
    for row in roster:
        groups.setdefault(row.scenario, []).append(row)
    return list(groups.items())


def build_context(
    items: Inputs,
    progress: Callable[[int, int], None] | None = None,
    include_playtests: bool = False,
    summary: bool = False,
) -> dict[str, Any]:
    """Everything the page shows: the roster, what was skipped, and a section per scenario."""
    checked = as_checked(items)
    sessions = [c for c in checked if c.log is not None]
    groups: dict[tuple[str, str], tuple[Scenario, list[TraineeView]]] = {}
    roster: list[RosterRow] = []
    marked: list[RosterRow] = []
    for number, item in enumerate(sessions, start=1):
        view = None
        if item.shown and item.scenario is not None:
            counted = item.counted(include_playtests)
            view = _trainee_view(item.scenario, item, number, counted, full=not summary)
            groups.setdefault((item.scenario.id, item.scenario.sha256), (item.scenario, []))[1].append(view)
        row = _roster_row(number, item, view, summary)
        roster.append(row)
        if not row.counted:
            marked.append(row)
        if progress is not None:
            progress(number, len(sessions))
    versions = Counter(scenario.id for scenario, _ in groups.values())
    sections = []
    for scenario, views in groups.values():
        counted_views = [v for v in views if v.counted]
        sections.append(
            {
                "scenario": scenario,
                "views": [] if summary else views,
                "sessions": len(views),
                "summary": scenario_summary(scenario, counted_views),
                "anchor": f"scenario-{scenario.id}-{scenario.sha256[:8]}",
                "version": scenario.sha256[:12] if versions[scenario.id] > 1 else None,
            }
        )
    return {
        "sections": sections,
        "roster": roster,
        "roster_groups": _grouped(roster),
        "roster_miti": any(v.debrief.miti is not None for _, views in groups.values() for v in views),
        "marked": marked,
        "skipped": [
            {"path": str(c.path), "reason": c.reason} for c in checked if c.status == SKIPPED and c.log is None
        ],
        "descriptions": DESCRIPTION,
        "include_playtests": include_playtests,
        "summary_only": summary,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "version": __version__,
        "sessions": len(sessions),
        "counted": sum(1 for row in roster if row.counted),
        "inputs": len(checked),
        "miti_reference_title": MITI_REFERENCE_TITLE,
    }


def render_html(
    items: Inputs,
    progress: Callable[[int, int], None] | None = None,
    include_playtests: bool = False,
    summary: bool = False,
) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined
    from markupsafe import Markup

    env = Environment(
        loader=PackageLoader("game", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    context = build_context(items, progress, include_playtests, summary)
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


def _cell(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula gets a leading quote; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _meter_order(checked: Checked) -> list[str]:
    if checked.scenario is not None:
        return list(checked.scenario.meter_names)
    return list(_last_meters(checked.log)) if checked.log is not None else []


def csv_rows(items: Inputs) -> tuple[list[str], list[list[object]]]:
    """One row per choice that stands (undone ones are left out) of every readable log, with its class.

    Text, skill and react come from the scenario the session was played on; a session whose scenario
    is not found keeps them empty (its `verified` says why).
    """
    checked = [c for c in as_checked(items) if c.log is not None]
    meters: list[str] = []
    for item in checked:
        for name in _meter_order(item):
            if name not in meters:
                meters.append(name)
    header = CSV_HEADER + [f"meter:{m}" for m in meters] + [f"delta:{m}" for m in meters]
    rows: list[list[object]] = []
    for item in checked:
        log = item.log
        assert log is not None
        scenario = item.scenario if item.status != UNKNOWN else None
        header_of = log.header
        session = session_id(log)
        ended = log.ended
        outcome = str(ended.get("outcome") or "") if ended else ""
        before: dict[str, Any] = {}
        for event in effective_events(log.events):
            if event["type"] == "enter":
                before = dict(event.get("meters") or {})
            if event["type"] != "choice":
                continue
            node = scenario.nodes.get(str(event.get("node"))) if scenario is not None else None
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
                header_of.get("scenario_id") or "",
                header_of.get("scenario_sha256") or "",
                header_of.get("mode") or "",
                header_of.get("started_at") or "",
                item.status,
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
    items: Inputs,
    out: Path,
    csv_out: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    include_playtests: bool = False,
    summary: bool = False,
) -> None:
    checked = as_checked(items)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(checked, progress, include_playtests, summary), encoding="utf-8")
    if csv_out is not None:
        header, rows = csv_rows(checked)
        csv_out.parent.mkdir(parents=True, exist_ok=True)
        with csv_out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
