"""The scenario a session was played on, kept byte for byte as `played/SHA256.yaml` (format section 6).

A scenario file is edited after its sessions were played: new feedback, a renamed reply. The
log records the sha256 of the bytes that were played, so a copy named by that hash lets every
reader show an old session exactly as the trainee saw it, on any machine the log and its
`played/` folder are copied to. Copies are written to a temporary file, synced and renamed into
place, so a crash leaves either no copy or a whole one, never a torn file under a hash's name.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
from pathlib import Path

from game import paths

PLAYED = "played"
_SHA256 = re.compile(r"[0-9a-f]{64}")


def is_sha256(value: object) -> bool:
    """Whether a logged hash can name a file (a hostile log's '../x' never becomes a path)."""
    return isinstance(value, str) and _SHA256.fullmatch(value) is not None


def is_played_copy(path: Path) -> bool:
    """Whether a scenario file is a kept copy (`played/SHA256.yaml`): bytes that never change, not an author's file."""
    return path.parent.name == PLAYED and is_sha256(path.stem) and path.suffix == ".yaml"


def played_folder() -> Path:
    """The data folder's `played/`."""
    return paths.data_home() / PLAYED


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):
        return False
    return True


def copies_for(log_path: Path) -> list[Path]:
    """The `played/` folders a copy goes to for a log there: the data folder's, and one beside the log
    when the log lies outside the data folder."""
    folders = [played_folder()]
    if not _inside(log_path, paths.data_home()):
        folders.append(log_path.parent / PLAYED)
    return folders


def keep_played(data: bytes, log_path: Path) -> list[str]:
    """Copy a scenario's bytes once into each `played/` folder for a log at `log_path`.

    An existing copy with the right bytes is left as it is. Returns one line for each copy that
    could not be written (a full disk must not stop the session; the log matters more).
    """
    sha = hashlib.sha256(data).hexdigest()
    problems = []
    for folder in copies_for(log_path):
        target = folder / f"{sha}.yaml"
        if _holds(target, sha):
            continue
        try:
            write_atomically(target, data)
        except OSError as exc:
            problems.append(
                f"the scenario played could not be kept as {target} ({exc.strerror or exc}); "
                "reports will need the scenario file unchanged"
            )
    return problems


def _holds(path: Path, sha: str) -> bool:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() == sha
    except OSError:
        return False


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, sync it, and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    with contextlib.suppress(OSError):  # the rename itself survives a power cut once the folder is synced
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def candidates(log_path: Path | None, sha: object) -> list[Path]:
    """Where a log's played scenario may be, in section 6's order: `played/` beside the log, in its parent
    folder, then the data folder's (nothing for a hash that is not one)."""
    if not is_sha256(sha):
        return []
    name = f"{sha}.yaml"
    found: list[Path] = []
    if log_path is not None:
        here = Path(log_path).parent
        found += [here / PLAYED / name, here.parent / PLAYED / name]
    found.append(played_folder() / name)
    unique: list[Path] = []
    for path in found:
        if path not in unique:
            unique.append(path)
    return unique
