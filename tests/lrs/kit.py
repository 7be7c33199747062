"""A real LRS for the xAPI tests and the benchmark: Ralph, in its own process group; and classes of sessions.

Ralph (PyPI ralph-malph, in the test extra) runs `ralph runserver -b fs` on a free port of
127.0.0.1, with a credentials file made by `ralph auth`, everything under a temporary folder.
Ralph 5.1's file backend writes each batch with "create" into one file name and so refuses the
second write; an empty RALPH_BACKENDS__LRS__FS__DEFAULT_LRS_FILE makes it write each batch to a
new file and read them all back, which is what an LRS must do.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from game.record.log import read_log
from game.record.runner import SessionRunner
from game.scenario.loader import load_file

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
READY_SECONDS = 120.0


class RalphError(Exception):
    """Ralph is missing or did not start; the message holds the end of its log."""


def ralph_command() -> str:
    beside = Path(sys.executable).parent / "ralph"
    found = str(beside) if beside.exists() else shutil.which("ralph")
    if found is None:
        raise RalphError("ralph is not installed: pip install -e '.[test]' (the test extra holds ralph-malph)")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_ralph(folder: Path) -> Ralph:
    """A Ralph with a fresh credentials file, ready to answer; `stop` it when done."""
    (folder / "statements").mkdir(parents=True, exist_ok=True)
    server = Ralph(folder, free_port(), "rapport-tests", secrets.token_urlsafe(16))
    server.launch()  # the server starts while `ralph auth` hashes the password: both take seconds
    account = ["-A", server.user, "https://rapport.invalid/tests"]
    try:
        made = subprocess.run(
            [ralph_command(), "auth", "-u", server.user, "-p", server.password, "-s", "all", *account, "-w"],
            env=server.environment(),
            cwd=folder,
            capture_output=True,
            timeout=300,
        )
        if made.returncode != 0:
            raise RalphError(f"ralph auth failed: {made.stderr.decode(errors='replace')[-1500:]}")
        server.wait_ready()  # Ralph reads the credentials file at the first authenticated request
    except BaseException:
        server.stop()
        raise
    return server


@dataclass
class Ralph:
    """A running Ralph LRS; `stop` and `start` keep its port and its stored statements."""

    folder: Path
    port: int
    user: str
    password: str
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI/"

    @property
    def auth(self) -> str:
        return f"{self.user}:{self.password}"

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_APP_DIR": str(self.folder / "app"),
            "RALPH_AUTH_FILE": str(self.folder / "auth.json"),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.folder / "statements"),
            "RALPH_BACKENDS__LRS__FS__DEFAULT_LRS_FILE": "",
            # each page of a query re-reads every file: large pages keep reading a cohort back linear
            "RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT": "100000",
        }

    def launch(self) -> None:
        """Start the server (not waiting); uvicorn watches its working folder, so it gets an empty one."""
        (self.folder / "cwd").mkdir(exist_ok=True)
        self.process = subprocess.Popen(
            [ralph_command(), "runserver", "-b", "fs", "-h", "127.0.0.1", "-p", str(self.port)],
            cwd=self.folder / "cwd",
            env=self.environment(),
            stdout=(self.folder / "server.log").open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the reloader and the server stop together
        )

    def wait_ready(self) -> None:
        """Poll the heartbeat until it answers (never a fixed sleep)."""
        deadline = time.monotonic() + READY_SECONDS
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RalphError(f"ralph stopped at start: {self.log_tail()}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RalphError(f"ralph did not answer within {READY_SECONDS} s: {self.log_tail()}")

    def start(self) -> None:
        self.launch()
        self.wait_ready()

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=20)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.process = None

    def log_tail(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace")[-1500:] if path.exists() else "(no log)"

    def stored(self) -> list[dict[str, object]]:
        """Every statement in Ralph's files, duplicates included: what 'exactly once' is judged on."""
        found = []
        for path in sorted((self.folder / "statements").glob("*")):
            found += [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return found


def play_class(folder: Path, prefix: str, count: int, scenario_name: str = "collaboration-goals") -> list[Path]:
    """`count` finished practice sessions, each with its own trainee and seed; some undo a reply,
    some are interrupted and resumed, so every kind of statement occurs."""
    scenario = load_file(SCENARIOS / f"{scenario_name}.yaml")
    rng = random.Random(prefix)
    folder.mkdir(parents=True, exist_ok=True)
    logs = []
    for index in range(count):
        path = folder / f"{scenario.id}-{prefix}-{index}.jsonl"
        trainee = None if index == 2 else f"{prefix} trainee {index}"
        runner = SessionRunner.start(scenario, seed=rng.randrange(2**40), trainee=trainee, log=path)
        runner.advance()
        turns = 0
        while not runner.session.current().finished:
            turns += 1
            shown = runner.session.current().choices
            runner.choose_number(rng.randrange(len(shown)) + 1)
            runner.advance()
            if turns == 2 and index % 3 == 0 and runner.session.can_undo and not runner.session.current().finished:
                runner.undo()
            if turns == 3 and index % 4 == 1 and not runner.session.current().finished:
                runner.close()
                runner = SessionRunner.resume(read_log(path), scenario)
        runner.close()
        logs.append(path)
    return logs
