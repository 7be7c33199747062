"""Which sessions a debrief can trust: every log re-run and classified as format section 6 says.

`yes` (the re-run matches the log), `diverged` (it does not: edited by hand or damaged),
`unknown-scenario` (no file with the logged sha256 is found) or `playtest` (started with `--from`
or `--set`); diverged and unknown-scenario take precedence over playtest. A file that is not a
readable log, or whose scenario does not load, is `skipped`. The report and the class view both
use this, so they cannot disagree about which sessions count.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.record.locate import ScenarioNotFound, changed_warning, find_scenario, needed
from game.record.log import LogError, SessionLog, read_log
from game.scenario.model import Scenario

YES = "yes"
DIVERGED = "diverged"
UNKNOWN = "unknown-scenario"
PLAYTEST = "playtest"
SKIPPED = "skipped"
COUNTED = (YES,)
"""The classes class figures count by default (playtests join them on request)."""

DESCRIPTION = {
    YES: "verified",
    DIVERGED: "the log differs from a re-run of its scenario (edited by hand or damaged)",
    UNKNOWN: "the scenario it was played on is not found",
    PLAYTEST: "a playtest (started part-way or with meters set)",
    SKIPPED: "not a readable session log",
}


@dataclass
class Checked:
    """One input file: its log and scenario where they could be read, its class and why."""

    path: Path
    status: str
    log: SessionLog | None = None
    scenario: Scenario | None = None  # the played scenario; for unknown-scenario, a changed file if any
    reason: str | None = None  # one line for every class but yes
    line: int | None = None  # diverged: the log's line where the re-run first differs
    warnings: list[str] = field(default_factory=list)

    @property
    def shown(self) -> bool:
        """Whether the session can be laid out: its log re-runs on the scenario it was played on.

        A diverged log is not: what it claims the trainee said and what that did cannot be trusted.
        """
        return self.log is not None and self.scenario is not None and self.status in (YES, PLAYTEST)

    def counted(self, include_playtests: bool = False) -> bool:
        """Whether it goes into class figures."""
        return self.status == YES or (include_playtests and self.status == PLAYTEST)


def is_playtest(log: SessionLog) -> bool:
    return log.header.get("from") is not None or log.header.get("set") is not None


def check_logs(
    files: Iterable[Path | SessionLog], folders: Iterable[Path] = (), explicit: Path | None = None
) -> list[Checked]:
    """Read, locate and re-run every log (each scenario file loaded once), in the order given."""
    folders = list(folders)
    loaded: dict[Path, Scenario | str] = {}
    results = []
    for item in files:
        if isinstance(item, SessionLog):
            log = item
        else:
            try:
                log = read_log(item)
            except LogError as exc:
                reason = str(exc).removeprefix(f"{item}:").strip()  # the path is said beside it
                results.append(Checked(Path(item), SKIPPED, reason=reason))
                continue
        results.append(_check(log, folders, explicit, loaded))
    return results


def _load(path: Path, loaded: dict[Path, Scenario | str]) -> Scenario | str:
    from game.scenario.diagnostics import ScenarioError
    from game.scenario.loader import load_file

    key = path.resolve()
    if key not in loaded:
        try:
            loaded[key] = load_file(path)
        except ScenarioError as exc:
            loaded[key] = f"its scenario {path} does not load ({len(exc.diagnostics)} problem(s); run rapport validate)"
        except OSError as exc:
            loaded[key] = f"its scenario {path} cannot be read ({exc.strerror})"
    return loaded[key]


def _check(log: SessionLog, folders: list[Path], explicit: Path | None, loaded: dict[Path, Scenario | str]) -> Checked:
    from game.record.replay import replay

    checked = Checked(log.path, YES, log, warnings=list(log.warnings))
    try:
        path, same = (explicit, True) if explicit is not None else find_scenario(log.header, folders, log.path)
    except ScenarioNotFound:
        checked.status, checked.reason = UNKNOWN, needed(log.header)
        return checked
    scenario = _load(path, loaded)
    if isinstance(scenario, str):
        checked.status, checked.reason = SKIPPED, scenario
        return checked
    checked.scenario = scenario
    if not same or scenario.sha256 != log.header.get("scenario_sha256"):
        checked.status, checked.reason = UNKNOWN, needed(log.header)
        return checked
    if (warning := changed_warning(log.header, path)) is not None:
        checked.warnings.append(f"{log.path}: {warning}")
    try:
        _, divergence = replay(scenario, log)
    except Exception as exc:  # one log's surprise must not sink the others
        checked.status, checked.reason = DIVERGED, f"internal error while re-running it: {type(exc).__name__}: {exc}"
        return checked
    if divergence is not None:
        checked.status, checked.line = DIVERGED, divergence.line
        checked.reason = f"the re-run differs at line {divergence.line}: {divergence.message}"
    elif is_playtest(log):
        checked.status, checked.reason = PLAYTEST, DESCRIPTION[PLAYTEST]
    return checked


def check_pair(scenario: Scenario, log: SessionLog) -> Checked:
    """Classify a log against a scenario already in hand (the game's own just-played session)."""
    return _check(
        log, [], Path(scenario.path or "<scenario>"), {Path(scenario.path or "<scenario>").resolve(): scenario}
    )


def viewable(
    checked: Iterable[Checked], warn: Callable[[str], None]
) -> tuple[list[tuple[Scenario, SessionLog]], dict[Path, str]]:
    """What the replay viewer and the class view show: the sessions that re-run on their played scenario.

    Every other input is named through `warn` with its class and why. Also returns the class of each
    shown session that is not plainly verified (playtests), for marking and leaving out of figures.
    """
    pairs: list[tuple[Scenario, SessionLog]] = []
    marks: dict[Path, str] = {}
    for item in checked:
        for message in item.warnings:
            warn(message)
        if item.shown and item.scenario is not None and item.log is not None:
            pairs.append((item.scenario, item.log))
            if item.status != YES:
                marks[item.path] = item.status
        elif item.log is None:
            warn(f"{item.path}: {item.reason} (skipped)")
        else:
            warn(f"{item.path}: {item.status}: {item.reason} (not shown)")
    return pairs, marks
