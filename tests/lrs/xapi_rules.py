"""xAPI 1.0.3's rules for a statement, as its Data section states them, checked independently of Rapport.

Only what Rapport's statements use is covered: statement properties, Agent with an account,
Verb, Activity with a definition, Result, Context with registration and context activities,
and the formats of UUIDs, IRIs, language maps, timestamps and durations.
"""

from __future__ import annotations

import re
from typing import Any

import rfc3987  # type: ignore[import-untyped]

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
DURATION = re.compile(r"^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$")
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
STATEMENT_KEYS = {"id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority", "version"}


def is_iri(value: object) -> bool:
    return isinstance(value, str) and rfc3987.match(value, rule="absolute_IRI") is not None


def _language_map(value: object, where: str, out: list[str]) -> None:
    if not isinstance(value, dict) or not value:
        out.append(f"{where}: a language map must be a non-empty object")
        return
    for tag, text in value.items():
        if not LANGUAGE.match(tag) or not isinstance(text, str):
            out.append(f"{where}: {tag!r} -> {text!r} is not an RFC 5646 tag with a string")


def _extensions(value: object, where: str, out: list[str]) -> None:
    if not isinstance(value, dict):
        out.append(f"{where}: extensions must be an object")
        return
    out += [f"{where}: extension key {key!r} is not an IRI" for key in value if not is_iri(key)]


def _activity(value: object, where: str, out: list[str]) -> None:
    if not isinstance(value, dict) or value.get("objectType", "Activity") != "Activity" or not is_iri(value.get("id")):
        out.append(f"{where}: an Activity needs an IRI id")
        return
    definition = value.get("definition")
    if definition is not None:
        if not is_iri(definition.get("type")):
            out.append(f"{where}.definition.type is not an IRI")
        if "name" in definition:
            _language_map(definition["name"], f"{where}.definition.name", out)


def problems(statement: dict[str, Any]) -> list[str]:
    """Everything in `statement` that breaks xAPI 1.0.3 (empty when it is sound)."""
    out: list[str] = []
    out += [f"unknown statement property {key!r}" for key in set(statement) - STATEMENT_KEYS]
    for key in ("id", "actor", "verb", "object"):
        if key not in statement:
            out.append(f"the statement lacks '{key}'")
    if not UUID.match(str(statement.get("id"))):
        out.append(f"id {statement.get('id')!r} is not a lower-case RFC 4122 UUID")
    actor = statement.get("actor") or {}
    account = actor.get("account")
    identifiers = [key for key in ("mbox", "mbox_sha1sum", "openid", "account") if key in actor]
    if actor.get("objectType", "Agent") != "Agent" or identifiers != ["account"]:
        out.append("the actor must be an Agent with exactly one identifier, an account")
    elif not (isinstance(account, dict) and is_iri(account.get("homePage")) and isinstance(account.get("name"), str)):
        out.append("the account needs an IRL homePage and a string name")
    verb = statement.get("verb") or {}
    if not is_iri(verb.get("id")):
        out.append(f"verb id {verb.get('id')!r} is not an IRI")
    if "display" in verb:
        _language_map(verb["display"], "verb.display", out)
    _activity(statement.get("object"), "object", out)
    result = statement.get("result")
    if result is not None:
        for key, kind in (("completion", bool), ("success", bool), ("response", str)):
            if key in result and not isinstance(result[key], kind):
                out.append(f"result.{key} must be {kind.__name__}")
        if "duration" in result and not DURATION.match(str(result["duration"])):
            out.append(f"result.duration {result['duration']!r} is not an ISO 8601 duration")
        if "extensions" in result:
            _extensions(result["extensions"], "result", out)
    context = statement.get("context")
    if context is not None:
        if "registration" in context and not UUID.match(str(context["registration"])):
            out.append("context.registration is not a UUID")
        for kind, activities in (context.get("contextActivities") or {}).items():
            if kind not in ("parent", "grouping", "category", "other"):
                out.append(f"context.contextActivities has an unknown key {kind!r}")
            for index, activity in enumerate(activities if isinstance(activities, list) else [activities]):
                _activity(activity, f"context.contextActivities.{kind}[{index}]", out)
        if "extensions" in context:
            _extensions(context["extensions"], "context", out)
    if "timestamp" in statement and not TIMESTAMP.match(str(statement["timestamp"])):
        out.append(f"timestamp {statement['timestamp']!r} is not an ISO 8601 date-time with an offset")
    return out
