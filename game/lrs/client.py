"""An xAPI 1.0.3 client for the statements resource, on the standard library's urllib.

Every failure becomes an `LrsError` of one line that names what went wrong (unreachable, bad
credentials, a statement refused with the LRS's reason) and never the password: the credentials
live only in the Authorization header of each request.
"""

from __future__ import annotations

import base64
import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit, urlunsplit

XAPI_VERSION = "1.0.3"
UNREACHABLE, CREDENTIALS, REFUSED, SERVER = "unreachable", "credentials", "refused", "server"
MAX_RESPONSE_BYTES = 256 * 1024 * 1024


class LrsError(Exception):
    """A request that failed; `kind` says how (unreachable, credentials, refused, server)."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class Conflict(Exception):
    """HTTP 409: the LRS already holds some id of the batch (which ones, it does not say)."""


def xapi_base(url: str) -> str:
    """The xAPI base (ending in '/') of `…/xAPI`, `…/xAPI/` or `…/xAPI/statements`; ValueError if not a URL.

    Credentials in the URL are refused: they would be printed with it and kept in the ledger.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"'{_clip(url)}' is not an http(s) URL of an LRS's xAPI endpoint")
    if parts.username is not None or parts.password is not None:
        raise ValueError("the LRS URL holds credentials: give them with --auth USER:PASSWORD or RAPPORT_LRS_AUTH")
    if parts.query or parts.fragment:
        raise ValueError(f"'{_clip(url)}': the xAPI base takes no query or fragment")
    path = parts.path.rstrip("/")
    if path.endswith("/statements"):
        path = path[: -len("/statements")]
    return urlunsplit((parts.scheme, parts.netloc, path + "/", "", ""))


def parse_auth(text: str) -> tuple[str, str]:
    """USER:PASSWORD (the password may hold ':'); ValueError, never echoing the text, when malformed."""
    user, sep, password = text.partition(":")
    if not sep or not user:
        raise ValueError("credentials must be written USER:PASSWORD")
    return user, password


def _clip(text: str, size: int = 80) -> str:
    text = "".join(c if c.isprintable() else "?" for c in text)
    return text if len(text) <= size else text[: size - 1] + "…"


@dataclass
class LrsClient:
    """Requests to one LRS; `auth` is (user, password) for HTTP Basic, or None."""

    base: str
    auth: tuple[str, str] | None = None
    timeout: float = 60.0

    def _headers(self, body: bool) -> dict[str, str]:
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if body:
            headers["Content-Type"] = "application/json"
        if self.auth is not None:
            token = base64.b64encode(f"{self.auth[0]}:{self.auth[1]}".encode()).decode("ascii")
            headers["Authorization"] = f"Basic {token}"
        return headers

    def _request(self, method: str, url: str, body: bytes | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(url, data=body, headers=self._headers(body is not None), method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return int(response.status), response.read(MAX_RESPONSE_BYTES)
        except urllib.error.HTTPError as exc:
            with exc:
                return int(exc.code), exc.read(64 * 1024)
        except (OSError, http.client.HTTPException) as exc:  # refused, reset, timed out, cut short
            reason = getattr(exc, "reason", exc)
            raise LrsError(f"the LRS at {self.base} cannot be reached ({_clip(str(reason))})", UNREACHABLE) from None

    def _fail(self, status: int, body: bytes, what: str) -> LrsError:
        if status in (401, 403):
            user = self.auth[0] if self.auth else None
            who = f"as '{_clip(user, 40)}'" if user else "without credentials (give --auth or RAPPORT_LRS_AUTH)"
            return LrsError(f"the LRS at {self.base} refused the credentials {who} (HTTP {status})", CREDENTIALS)
        reason = reason_of(body)
        if 400 <= status < 500:
            return LrsError(f"the LRS refused {what} (HTTP {status}): {reason}", REFUSED)
        return LrsError(f"the LRS failed on {what} (HTTP {status}): {reason}", SERVER)

    def post(self, batch: Sequence[Mapping[str, Any]]) -> None:
        """Store a batch; returns when the LRS answered 2xx. Raises Conflict on 409, LrsError otherwise."""
        body = json.dumps(list(batch), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        status, answer = self._request("POST", urljoin(self.base, "statements"), body)
        if status == 409:
            raise Conflict(reason_of(answer))
        if not 200 <= status < 300:
            raise self._fail(status, answer, f"a batch of {len(batch)} statement(s)")

    def get(self, statement_id: str) -> dict[str, Any] | None:
        """The statement the LRS holds under this id, or None."""
        url = urljoin(self.base, "statements") + "?" + urlencode({"statementId": statement_id})
        status, answer = self._request("GET", url)
        if status == 404:
            return None
        if status != 200:
            raise self._fail(status, answer, f"the request for statement {statement_id}")
        found = _json(answer)
        if isinstance(found, dict) and isinstance(found.get("statements"), list):  # some LRSs answer a list
            found = next((s for s in found["statements"] if isinstance(s, dict)), None)
        return found if isinstance(found, dict) and found.get("id") == statement_id else None

    def query(self, params: Mapping[str, str]) -> Iterator[dict[str, Any]]:
        """Every statement matching the query, page after page (the `more` links)."""
        url: str | None = urljoin(self.base, "statements") + ("?" + urlencode(params) if params else "")
        seen = set()
        while url and url not in seen:
            seen.add(url)
            status, answer = self._request("GET", url)
            if status != 200:
                raise self._fail(status, answer, "the query for statements")
            page = _json(answer)
            if not isinstance(page, dict) or not isinstance(page.get("statements"), list):
                raise LrsError(f"the LRS at {self.base} answered the query with no statements list", SERVER)
            yield from (s for s in page["statements"] if isinstance(s, dict))
            more = page.get("more")
            url = urljoin(self.base, more) if isinstance(more, str) and more else None


def _json(body: bytes) -> object:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def reason_of(body: bytes) -> str:
    """The LRS's reason in one line: its JSON `detail`/`message`/`error`, or the start of its text."""
    found = _json(body)
    if isinstance(found, dict):
        found = found.get("detail") or found.get("message") or found.get("error") or found
    if isinstance(found, list):  # pydantic-style: a list of {loc, msg}
        parts = []
        for item in found[:3]:
            if isinstance(item, dict):
                where = ".".join(str(p) for p in item.get("loc", ()) if p != "body")
                parts.append(f"{where}: {item.get('msg')}" if where else str(item.get("msg")))
            else:
                parts.append(str(item))
        found = "; ".join(parts)
    text = found if isinstance(found, str) else body.decode("utf-8", "replace") if body else "no reason given"
    return _clip(" ".join(text.split()), 300) or "no reason given"
