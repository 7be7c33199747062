"""A stand-in model for the matcher's logic: words hashed into a vector, so sharing words means similar."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np

from game.freetext.model import Vectors

DIM = 64


class WordsEmbedder:
    """Deterministic and instant; counts what it was asked to embed, to show what the cache saves."""

    name = "fake-words"

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def embed(self, texts: Sequence[str]) -> Vectors:
        self.embedded.extend(texts)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.sha256(word.encode()).hexdigest(), 16) % DIM] += 1.0
            norm = float(np.linalg.norm(out[row]))
            if norm:
                out[row] /= norm
        return out
