"""The xAPI tests' LRS: one Ralph for the whole run (see tests/lrs/kit.py), stopped by its process group."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.lrs.kit import Ralph, RalphError, start_ralph


@pytest.fixture(scope="session")
def ralph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ralph]:
    try:
        server = start_ralph(tmp_path_factory.mktemp("ralph"))
    except RalphError as exc:
        pytest.fail(str(exc))
    try:
        yield server
    finally:
        server.stop()
