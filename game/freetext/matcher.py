"""Match typed text to the replies shown: cosine similarity, accepted only when it is clear.

A reply's score is the best cosine similarity between the typed text and any of its
phrasings (its `text` and its `also:` list). The best reply is *accepted* only when its
score clears `Thresholds.score` and its lead over the second-best reply clears
`Thresholds.margin`; otherwise the trainee picks from the list. With a single reply shown
there is no second: its margin is its score. The thresholds were chosen on the
collaboration-goals paraphrase set and checked on a held-out one (docs/free-text.md).

Embeddings of a scenario's phrasings are computed once (those of a node when first matched, or
all of them by `prepare`) and cached in the data folder under the scenario's sha256 and the
model's name, so a changed file or model never reuses them.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from game import paths
from game.freetext.model import Embedder, Vectors, shared_embedder
from game.scenario.model import Choice, Scenario

MAX_CACHE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Thresholds:
    score: float = 0.855
    """Cosine similarity the best reply must reach (e5's scores for unrelated text sit around 0.75–0.85)."""
    margin: float = 0.0025
    """How far the best reply must lead the second-best."""


THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Match:
    """The best reply for a typed text, and whether it was clear enough to take."""

    best: Choice | None  # the best-scoring reply, accepted or not (None: empty text or nothing shown)
    number: int | None  # its shown number
    score: float
    margin: float
    accepted: bool

    @property
    def choice(self) -> Choice | None:
        """The reply the client heard, or None when the trainee must pick."""
        return self.best if self.accepted else None

    def logged(self, picked: bool) -> dict[str, Any]:
        """The choice event's `match` field (format section 6)."""
        score, margin = round(self.score, 4), round(self.margin, 4)
        return {"score": score, "margin": margin, "accepted": self.accepted, "picked": picked}


def phrasings(choice: Choice) -> tuple[str, ...]:
    return (choice.text, *choice.also)


def scenario_phrasings(scenario: Scenario) -> list[str]:
    """Every distinct phrasing of every reply, in file order."""
    seen: dict[str, None] = {}
    for node in scenario.nodes.values():
        for choice in node.choices:
            seen.update(dict.fromkeys(phrasings(choice)))
    return list(seen)


def cache_path(scenario: Scenario, embedder: Embedder, folder: Path | None = None) -> Path:
    folder = folder if folder is not None else paths.data_home() / "freetext"
    safe = "".join(c if c.isalnum() or c in "-._" else "_" for c in embedder.name)
    return folder / f"{scenario.sha256}-{safe}.npz"


class Matcher:
    """Matches typed text against shown replies; thread-safe, so a game can prepare it in the background."""

    def __init__(
        self,
        embedder: Embedder | None = None,
        thresholds: Thresholds = THRESHOLDS,
        cache_folder: Path | None = None,
    ) -> None:
        self._embedder = embedder
        self.thresholds = thresholds
        self._cache_folder = cache_folder
        self._vectors: dict[str, dict[str, Vectors]] = {}  # scenario sha256 -> phrasing -> vector
        self._lock = threading.RLock()

    @property
    def embedder(self) -> Embedder:
        """The model, loaded on first use (raises FreeTextUnavailable without the extra)."""
        with self._lock:
            if self._embedder is None:
                self._embedder = shared_embedder()
            return self._embedder

    def prepare(self, scenario: Scenario) -> None:
        """Load the model and every reply vector of the scenario (cached, else embedded and cached).

        Optional: `match` embeds what it needs as it goes. The game calls this in the background
        as a session opens, so no turn waits for the model.
        """
        with self._lock:
            self._ensure(scenario, scenario_phrasings(scenario))

    def _ensure(self, scenario: Scenario, texts: Iterable[str]) -> dict[str, Vectors]:
        """The scenario's vectors, with `texts` among them: read from the cache once, the rest embedded and cached."""
        embedder = self.embedder
        path = cache_path(scenario, embedder, self._cache_folder)
        vectors = self._vectors.get(scenario.sha256)
        if vectors is None:
            vectors = self._vectors[scenario.sha256] = _read_cache(path)
        missing = list(dict.fromkeys(t for t in texts if t not in vectors))
        if missing:
            vectors.update(zip(missing, embedder.embed(missing), strict=True))
            _write_cache(path, vectors)
        return vectors

    def match(self, scenario: Scenario, shown: Sequence[Choice], typed: str) -> Match:
        """The best of `shown` (in shown order, numbered from 1) for `typed`."""
        text = typed.strip()
        if not text or not shown:
            return Match(None, None, 0.0, 0.0, False)
        with self._lock:
            query = self.embedder.embed([text])[0]
        return self.match_vector(scenario, shown, query)

    def match_vector(self, scenario: Scenario, shown: Sequence[Choice], query: Vectors) -> Match:
        """As `match`, for a text already embedded (measurements embed many texts in one batch)."""
        if not shown:
            return Match(None, None, 0.0, 0.0, False)
        with self._lock:
            vectors = self._ensure(scenario, (p for c in shown for p in phrasings(c)))
            scores = [max(float(vectors[p] @ query) for p in phrasings(c)) for c in shown]
        order = sorted(range(len(scores)), key=lambda i: -scores[i])
        best = order[0]
        margin = scores[best] - scores[order[1]] if len(order) > 1 else scores[best]
        accepted = scores[best] >= self.thresholds.score and margin >= self.thresholds.margin
        return Match(shown[best], best + 1, scores[best], margin, accepted)


def _read_cache(path: Path) -> dict[str, Vectors]:
    """The cached vectors by phrasing; nothing when the file is missing, too large or not ours."""
    try:
        if path.stat().st_size > MAX_CACHE_BYTES:
            return {}
        with np.load(path, allow_pickle=False) as data:
            texts, vectors = data["texts"], data["vectors"]
    except (OSError, KeyError, ValueError, EOFError):
        return {}
    if texts.ndim != 1 or vectors.ndim != 2 or len(texts) != len(vectors) or vectors.dtype != np.float32:
        return {}
    return {str(text): vectors[i] for i, text in enumerate(texts)}


def _write_cache(path: Path, vectors: dict[str, Vectors]) -> None:
    """Write atomically (a temporary file renamed into place); a cache that cannot be written is only slower."""
    if not vectors:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".npz")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as file:
            np.savez(file, texts=np.array(list(vectors), dtype=str), vectors=np.stack(list(vectors.values())))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
