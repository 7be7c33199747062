"""Command-line parsing only: each command is one `main(args)` in `game.commands`.

Imports are lazy so that a command never pays for what it does not use
(`rapport validate` never imports pygame).
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from collections.abc import Callable, Sequence

from game import __version__


def _seed(text: str) -> int:
    """A session seed: a whole number from 0 to 2^63 - 1 (logs hold it as a JSON integer)."""
    if not (text.isascii() and text.isdigit() and len(text) <= 19 and int(text) < 2**63):
        raise argparse.ArgumentTypeError(f"'{text[:20]}' is not a seed (a whole number from 0 up)")
    return int(text)


def _mode(parser: argparse.ArgumentParser, default: str | None = "practice") -> None:
    parser.add_argument(
        "--mode",
        choices=("practice", "assessment"),
        default=default,
        help="practice shows the coach and allows undo (default: practice)",
    )


def _playtest(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--from", dest="from_node", metavar="NODE", help="start a playtest at NODE instead of the start node"
    )
    parser.add_argument(
        "--set", action="append", metavar="METER=N", default=[], help="set a meter for a playtest (repeatable)"
    )


def _display(parser: argparse.ArgumentParser) -> None:
    """--window, --text-size, --high-contrast/--no-high-contrast: for this run only, never saved."""
    from game.ui.display import parse_text_size, parse_window  # no pygame, nothing heavy

    def typed(parse: Callable[[str], object]) -> Callable[[str], object]:
        def convert(text: str) -> object:
            try:
                return parse(text)
            except ValueError as exc:
                raise argparse.ArgumentTypeError(str(exc)) from None

        return convert

    parser.add_argument(
        "--window",
        type=typed(parse_window),
        metavar="WxH",
        help="window size (default: fits the screen; 1280x720 for screenshots)",
    )
    parser.add_argument(
        "--text-size", type=typed(parse_text_size), metavar="PERCENT", help="text size, 90 to 200 (percent)"
    )
    contrast = parser.add_mutually_exclusive_group()
    contrast.add_argument(
        "--high-contrast", dest="high_contrast", action="store_true", default=None, help="high-contrast colours"
    )
    contrast.add_argument("--no-high-contrast", dest="high_contrast", action="store_false", help="the usual colours")


def _lrs(parser: argparse.ArgumentParser) -> None:
    """--lrs and --auth; also RAPPORT_LRS_URL / RAPPORT_LRS_AUTH (a password on the command line shows in ps)."""
    parser.add_argument("--lrs", metavar="URL", help="the LRS's xAPI base, e.g. https://lrs.example.org/xAPI/")
    parser.add_argument("--auth", metavar="USER:PASSWORD", help="HTTP Basic credentials (safer: RAPPORT_LRS_AUTH)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rapport",
        description="Rapport: practise the therapeutic relationship with simulated clients. "
        "Without a command it opens the game at the title screen.",
    )
    parser.add_argument("--version", action="version", version=f"rapport {__version__}")
    parser.add_argument(
        "--scenarios", action="append", metavar="DIR", help="another folder of scenarios for the title screen"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play a scenario (the window, or --text in the terminal)")
    play.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a scenario file or id")
    _mode(play)
    play.add_argument("--trainee", metavar="NAME", help="your name, for the log and the report")
    play.add_argument("--seed", type=_seed, metavar="N", help="the session's seed (default: random)")
    play.add_argument("--text", action="store_true", help="play in the terminal, no window")
    play.add_argument("--free", action="store_true", help="type your replies in your own words (free text)")
    play.add_argument("--log", metavar="PATH", help="where to write the session log")
    _playtest(play)
    play.add_argument("--resume", metavar="LOG", help="continue an unfinished session")
    play.add_argument("--choices", metavar="1,2,...", help="with --screenshot: choices to make")
    play.add_argument("--screenshot", metavar="OUT.png", help="save the screen and exit")
    play.add_argument(
        "--scene",
        choices=("session", "pause", "help", "transcript", "debrief"),
        default="session",
        help="with --screenshot: what to show (default: session; debrief needs choices that end the session)",
    )
    _display(play)
    play.add_argument("--scenarios", action="append", metavar="DIR", help="more scenario folders")

    run = sub.add_parser("run", help="play headless by shown numbers; print the end state as JSON")
    run.add_argument("scenario", metavar="SCENARIO")
    run.add_argument("--choices", default="", metavar="1,3,2")
    run.add_argument("--seed", type=_seed, metavar="N")
    run.add_argument("--log", metavar="PATH")
    run.add_argument("--trainee", metavar="NAME")
    _mode(run)
    _playtest(run)

    match = sub.add_parser("match", help="which reply shown at a node free text would take TEXT as (JSON)")
    match.add_argument("scenario", metavar="SCENARIO")
    match.add_argument("--node", required=True, metavar="NODE", help="the node whose replies are shown")
    match.add_argument("--seed", type=_seed, metavar="N", help="the seed (default 0; it orders shuffled replies)")
    match.add_argument("text", metavar="TEXT", help="what the trainee would type")

    validate = sub.add_parser("validate", help="check scenario files; every problem with its line")
    validate.add_argument(
        "paths", nargs="*", metavar="PATH_OR_ID", help="files, folders or scenario ids (default: the shipped library)"
    )
    validate.add_argument(
        "--strict", action="store_true", help="warnings fail too; also finds endings and replies no session reaches"
    )
    validate.add_argument("--scenarios", action="append", metavar="DIR", help="more scenario folders (for ids)")

    explore = sub.add_parser("explore", help="walk every path of a scenario")
    explore.add_argument("scenario", metavar="SCENARIO")
    explore.add_argument("--json", action="store_true")

    graph = sub.add_parser("graph", help="draw a scenario as a mermaid or dot graph")
    graph.add_argument("scenario", metavar="SCENARIO")
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    graph.add_argument("-o", "--output", metavar="FILE")
    graph.add_argument(
        "--explore", action="store_true", help="grey out what a walk of every session never reaches (within budgets)"
    )
    for walker in (explore, graph):  # explore's budgets; graph uses them with --explore
        walker.add_argument("--max-turns", type=int, default=100, metavar="N", help="turns per session (default 100)")
        walker.add_argument(
            "--max-states", type=int, default=1_000_000, metavar="N", help="states to visit (default 1,000,000)"
        )
        walker.add_argument("--max-seconds", type=float, default=60.0, metavar="S", help="time to walk (default 60)")

    replay = sub.add_parser("replay", help="replay logs (viewer, class view) or --check them")
    replay.add_argument("logs", nargs="+", metavar="LOG")
    replay.add_argument("--check", action="store_true", help="re-run headless and compare")
    replay.add_argument("--scenario", metavar="PATH", help="the scenario file to use")
    replay.add_argument("--scenarios", action="append", metavar="DIR", help="more scenario folders")
    replay.add_argument("--step", type=int, metavar="N", help="with --screenshot: the step to show")
    replay.add_argument("--screenshot", metavar="OUT.png", help="save what the viewer shows, exit")
    replay.add_argument("--presenter", action="store_true", help="the presenter view (large text, for a projector)")
    _display(replay)

    report = sub.add_parser("report", help="write a debrief report (HTML, and CSV) from logs or an LRS")
    report.add_argument("logs", nargs="*", metavar="LOG_OR_DIR")
    _lrs(report)
    report.add_argument("--scenario-id", metavar="ID", help="with --lrs: only this scenario's sessions")
    report.add_argument("--since", metavar="DATE", help="with --lrs: sessions started on or after (ISO, UTC)")
    report.add_argument("--until", metavar="DATE", help="with --lrs: sessions started on or before (ISO, UTC)")
    report.add_argument("-o", "--output", required=True, metavar="OUT.html")
    report.add_argument("--csv", metavar="OUT.csv")
    report.add_argument("--scenarios", action="append", metavar="DIR", help="more scenario folders")
    report.add_argument("--summary", action="store_true", help="the class summary and the roster only")
    report.add_argument(
        "--include-playtests", action="store_true", help="count playtests (--from, --set) in the class figures"
    )

    sync = sub.add_parser("sync", help="send finished, verified sessions to a Learning Record Store (xAPI)")
    sync.add_argument("logs", nargs="*", metavar="LOG_OR_DIR", help="logs or folders (default: the sessions folder)")
    _lrs(sync)
    sync.add_argument(
        "--pseudonymise", action="store_true", help="name trainees by an HMAC of their name (needs RAPPORT_LRS_SALT)"
    )
    sync.add_argument("--scenarios", action="append", metavar="DIR", help="more scenario folders")

    new = sub.add_parser("new", help="start a new scenario file from a template")
    new.add_argument("id", metavar="ID")

    sub.add_parser("schema", help="print the JSON Schema of the scenario format")

    listing = sub.add_parser("list", help="the scenarios the game knows: id, title, client, minutes, file")
    listing.add_argument("--json", action="store_true", help="as JSON, sorted by id")
    listing.add_argument("--scenarios", action="append", metavar="DIR", help="more scenario folders")

    docs = sub.add_parser("docs", help="print the authoring guide or the format reference (and where they are)")
    docs.add_argument("which", nargs="?", choices=("authoring", "format"), default="authoring")

    portrait = sub.add_parser("portrait", help="draw the client at given meters as a PNG (no caption, no text)")
    portrait.add_argument("scenario", metavar="SCENARIO", help="a scenario file or id")
    portrait.add_argument(
        "--set", action="append", metavar="METER=N", default=[], help="a meter's value (default: its start)"
    )
    portrait.add_argument("--expression", metavar="E", help="an expression hint, e.g. tearful, smiles")
    portrait.add_argument("--size", default="512x512", metavar="WxH", help="the picture's size (default 512x512)")
    portrait.add_argument("-o", "--output", required=True, metavar="OUT.png")
    portrait.add_argument("--scenarios", action="append", metavar="DIR", help="more scenario folders")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from game.errors import RapportError

    if hasattr(signal, "SIGXFSZ") and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a file-size limit fails a write (reported), not the process
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from game.ui.launch import run_game

            return run_game(folders=[__import__("pathlib").Path(d) for d in args.scenarios or []])
        module = importlib.import_module(f"game.commands.{args.command}")
        return int(module.main(args))
    except RapportError as exc:
        if exc.message:
            prefix = f"rapport {args.command}" if args.command else "rapport"
            print(f"{prefix}: {exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("rapport: interrupted", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: one line, and the details on disk
        return _internal_error(exc)


def _internal_error(exc: BaseException) -> int:
    import traceback

    from game import paths

    try:
        path = paths.data_home() / "crash.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        where = f"; details in {path}"
    except OSError:
        where = ""
    print(f"rapport: internal error: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
    return 1
