"""Rapport's xAPI statement profile: which statements a session makes, and every IRI they use.

A finished session becomes one statement when it starts (line 1, the log's header), one per
reply, one per undo and per resume, and one at the end. Each statement's id is a UUID v5 of
`"{session}:{line}"` in Rapport's own namespace and its timestamp is `started_at` plus the
event's `t`, so building the statements of a log twice gives the same statements: that is
what lets a sync be repeated safely. The context extensions carry everything needed to re-run
the session (scenario id and sha256, seed, mode, playtest start), which is how `report --lrs`
verifies what an LRS holds. docs/xapi.md describes the profile for the people reading it.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import quote

from game.record.log import SessionLog
from game.scenario.model import Scenario

IRI_BASE = "https://rapport.invalid/xapi/"
"""Rapport's IRIs. `.invalid` is reserved (RFC 2606): no one else can ever own or serve it."""
NAMESPACE = uuid.UUID("7afeebd3-13bd-5908-8bf4-437e63ea0aec")
"""uuid5(NAMESPACE_URL, IRI_BASE), written out: statement ids must never change with the code."""
DEFAULT_HOME_PAGE = "https://rapport.invalid/trainees"
"""The actor's `account.homePage` until a programme sets its own in the settings."""
ANONYMOUS = "anonymous"
"""The account name of a session played without a trainee's name."""

ADL = "http://adlnet.gov/expapi/"
VERBS: dict[str, tuple[str, str]] = {
    "start": (ADL + "verbs/initialized", "initialized"),
    "reply": (ADL + "verbs/responded", "responded"),
    "undo": (IRI_BASE + "verbs/took-back", "took back"),
    "resume": (ADL + "verbs/resumed", "resumed"),
    "end": (ADL + "verbs/completed", "completed"),
}
"""What each kind of statement says happened: (verb IRI, English display)."""
KIND_OF_VERB = {iri: kind for kind, (iri, _) in VERBS.items()}
REPLY_FIELDS = ("node", "choice", "number", "shown", "skill", "quality", "code", "meters", "flags", "turn")
"""The `choice` event's fields a reply statement carries as result extensions (and `report --lrs` reads back)."""
END_FIELDS = ("node", "outcome", "rating", "meters", "flags", "turn")
"""The `end` event's fields the end statement carries."""
SCENARIO_TYPE = ADL + "activities/simulation"
MOMENT_TYPE = ADL + "activities/interaction"
PLATFORM = "Rapport"


def ext(name: str) -> str:
    """The IRI of one of Rapport's extensions (context or result)."""
    return IRI_BASE + "extensions/" + name


def scenario_iri(scenario_id: str) -> str:
    return IRI_BASE + "scenarios/" + quote(scenario_id, safe="")


def moment_iri(scenario_id: str, node: str) -> str:
    """A moment of a scenario: one of its nodes."""
    return scenario_iri(scenario_id) + "/moments/" + quote(node, safe="")


def statement_id(session: str, line: int) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{session}:{line}"))


def registration(session: str) -> str:
    """xAPI's attempt id: one per session, so an LRS can group a session's statements."""
    return str(uuid.uuid5(NAMESPACE, session))


class ProfileError(Exception):
    """A log that cannot be said as statements (an unreadable `started_at`); one line."""


@dataclass(frozen=True)
class Identity:
    """How the trainee is named to the LRS: under which home page, and pseudonymised or not."""

    home_page: str = DEFAULT_HOME_PAGE
    salt: str | None = None  # set: names are HMAC-SHA256(salt, name), never the name itself
    send_typed: bool = False  # what the trainee typed (free text) goes only where this allows

    @property
    def pseudonymised(self) -> bool:
        return self.salt is not None

    def account_name(self, trainee: str | None) -> str:
        name = trainee or ANONYMOUS
        if self.salt is None:
            return name
        return hmac.new(self.salt.encode("utf-8"), name.encode("utf-8"), hashlib.sha256).hexdigest()

    def actor(self, trainee: str | None) -> dict[str, Any]:
        return {"objectType": "Agent", "account": {"homePage": self.home_page, "name": self.account_name(trainee)}}


def parse_instant(text: object) -> datetime | None:
    """An ISO 8601 date-time as an aware datetime (UTC when it names no offset), or None."""
    if not isinstance(text, str):
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def timestamp(start: datetime, t: float) -> str:
    """`started_at` + t, in UTC to the millisecond (xAPI keeps at least that)."""
    moment = (start + timedelta(seconds=t)).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def duration(seconds: float) -> str:
    """An ISO 8601 duration to the hundredth of a second, as xAPI asks: PT1H2M3.45S."""
    hundredths = max(0, round(seconds * 100))
    hours, rest = divmod(hundredths, 360000)
    minutes, rest = divmod(rest, 6000)
    whole, fraction = divmod(rest, 100)
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{whole}.{fraction:02d}S" if fraction else f"{whole}S")


def _miti(scenario: Scenario, log: SessionLog) -> dict[str, Any]:
    from game.analysis.debrief import Debrief
    from game.analysis.presentation import MitiView

    miti = MitiView.of(Debrief.from_events(scenario, log.events).code_counts())
    return {
        "counts": {code: count for code, count in miti.counts if count},
        "reflections": miti.reflections,
        "questions": miti.questions,
        "r_to_q": round(miti.reflections / miti.questions, 2) if miti.questions else None,
        "percent_complex": round(100 * miti.complex / miti.reflections) if miti.reflections else None,
        "adherent": miti.adherent,
        "non_adherent": miti.non_adherent,
    }


def _activity(iri: str, kind: str, name: str) -> dict[str, Any]:
    return {"objectType": "Activity", "id": iri, "definition": {"type": kind, "name": {"und": name}}}


def _deltas(after: Mapping[str, Any], before: Mapping[str, Any]) -> dict[str, int]:
    return {name: value - before[name] for name, value in after.items() if isinstance(before.get(name), int)}


Made = list[tuple[int, dict[str, Any]]]


def statements(scenario: Scenario, log: SessionLog, session: str, identity: Identity) -> Made:
    """(line, statement) for every line of a verified log that makes one, in the log's order.

    Raises ProfileError when the log's `started_at` is not an ISO 8601 date-time.
    """
    header = log.header
    start = parse_instant(header.get("started_at"))
    if start is None:
        raise ProfileError(f"its started_at {str(header.get('started_at'))[:40]!r} is not an ISO 8601 date-time")
    scenario_id = str(header.get("scenario_id"))
    title = str(header.get("scenario_title") or scenario.title or scenario_id)
    actor = identity.actor(header.get("trainee"))
    whole = _activity(scenario_iri(scenario_id), SCENARIO_TYPE, title)
    shared = {
        ext("session"): session,
        ext("scenario-id"): scenario_id,
        ext("scenario-sha256"): header.get("scenario_sha256"),
        ext("seed"): str(header.get("seed")),  # a JSON number loses digits past 2^53 in many stores
        ext("mode"): header.get("mode"),
        ext("from"): header.get("from"),
        ext("set"): header.get("set"),
        ext("started-at"): header.get("started_at"),
        ext("app-version"): header.get("app_version"),
    }
    if not identity.pseudonymised:  # a log's file name may carry the trainee's name
        shared[ext("log")] = log.path.name

    def statement(line: int, kind: str, t: float, target: dict[str, Any], result: Any) -> dict[str, Any]:
        verb, display = VERBS[kind]
        context: dict[str, Any] = {
            "registration": registration(session),
            "platform": PLATFORM,
            "extensions": {**shared, ext("line"): line, ext("t"): t},
        }
        if target is not whole:
            context["contextActivities"] = {"parent": [whole]}
        made: dict[str, Any] = {
            "id": statement_id(session, line),
            "actor": actor,
            "verb": {"id": verb, "display": {"en": display}},
            "object": target,
        }
        if result is not None:
            made["result"] = result
        made["context"] = context
        made["timestamp"] = timestamp(start, t)
        return made

    def moment(node: object) -> dict[str, Any]:
        return _activity(moment_iri(scenario_id, str(node)), MOMENT_TYPE, str(node))

    made = [(1, statement(1, "start", 0, whole, None))]
    before: Mapping[str, Any] = {}
    result: dict[str, Any]
    for line, event in enumerate(log.events, start=2):
        kind = event["type"]
        t = _seconds(event.get("t"))
        if kind == "enter":
            before = event.get("meters") or {}
        elif kind == "choice":
            node = scenario.nodes.get(str(event["node"]))
            choice = node.choice(str(event["choice"])) if node else None
            after = event.get("meters") or {}
            extensions: dict[str, Any] = {ext(name): event.get(name) for name in REPLY_FIELDS}
            extensions[ext("deltas")] = _deltas(after, before)
            if identity.send_typed and isinstance(event.get("typed"), str):
                extensions[ext("typed")] = event["typed"]
            result = {"response": choice.text if choice else "", "extensions": extensions}
            made.append((line, statement(line, "reply", t, moment(event["node"]), result)))
        elif kind == "undo":
            result = {"extensions": {ext("node"): event.get("node"), ext("turn"): event.get("turn")}}
            made.append((line, statement(line, "undo", t, moment(event["node"]), result)))
        elif kind == "resume":
            made.append((line, statement(line, "resume", t, whole, None)))
        elif kind == "end":
            ending: dict[str, Any] = {ext(name): event.get(name) for name in END_FIELDS}
            ending[ext("miti")] = _miti(scenario, log)
            result = {"completion": True, "duration": duration(t), "extensions": ending}
            made.append((line, statement(line, "end", t, whole, result)))
    return made


def _seconds(value: object) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return 0
    return value
