"""Start-up time of `film-bot ask`, and a check that the terminal paths never import python-telegram-bot.

    python benchmarks/startup.py [--runs 10] [--quick]

Times `film-bot ask "mirror"` (the installed console script) next to
`python -c pass`, median of N runs each after one untimed warm-up run (which
also lets the bundled catalogue's compiled cache, if the code has one, be
written). Then checks that importing bot.cli, bot.brain and bot.render leaves
`telegram` out of sys.modules.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time

import _common as c

COLUMNS = ["command", "runs", "median ms", "min ms", "max ms", "check"]
IMPORT_CHECK = "import bot.cli, bot.brain, bot.render; import sys; print('telegram' in sys.modules)"


def film_bot() -> list[str]:
    exe = shutil.which("film-bot")
    if exe is None:  # not on PATH: the same entry point through the interpreter
        return [sys.executable, "-m", "bot"]
    return [exe]


def timed(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[list[float], str]:
    subprocess.run(cmd, capture_output=True, env=env, cwd=c.ROOT, check=False)  # warm-up
    times, output = [], ""
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=c.ROOT, check=False)
        times.append((time.perf_counter() - started) * 1000)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr}")
        output = done.stdout
    return times, output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Wall time of `film-bot ask` next to `python -c pass`.")
    parser.add_argument("--runs", type=int, default=10, help="timed runs per command (default %(default)s)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 3 runs each")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = 3
    c.header()
    env = {k: v for k, v in os.environ.items() if k != "FILM_BOT_CATALOG"}  # the bundled catalogue
    rows = []
    ask = [*film_bot(), "ask", "mirror"]
    base, _ = timed([sys.executable, "-c", "pass"], args.runs, env)
    times, answer = timed(ask, args.runs, env)
    answered = "answers Mirror" if "Mirror" in answer else "unexpected answer"
    for label, values, check in (("python -c pass", base, ""), ('film-bot ask "mirror"', times, answered)):
        rows.append(
            [
                label,
                c.fmt(len(values)),
                c.fmt(c.median(values)),
                c.fmt(min(values)),
                c.fmt(max(values)),
                check,
            ]
        )
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_CHECK], capture_output=True, text=True, env=env, cwd=c.ROOT, check=False
    )
    imported = done.stdout.strip()
    verdict = "OK" if imported == "False" else "FAIL"
    rows.append(
        [
            "import bot.cli, bot.brain, bot.render",
            "1",
            "",
            "",
            "",
            f"telegram imported: {imported or done.stderr.strip()[-80:]} ({verdict})",
        ]
    )
    print(c.table(COLUMNS, rows))
    print(
        f"\nfilm-bot ask costs {c.median(times) - c.median(base):.0f} ms over a bare interpreter (medians)."
    )
    return 0 if verdict == "OK" else 1


if __name__ == "__main__":
    sys.exit(main())
