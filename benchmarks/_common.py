"""Helpers shared by the benchmark scripts: paths, the command header, statistics and tables."""

from __future__ import annotations

import math
import os
import platform
import shlex
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"  # generated catalogues and caches (git-ignored)
TESTS = ROOT / "tests"

for _path in (str(ROOT), str(BENCH), str(TESTS)):
    if _path not in sys.path:
        sys.path.insert(0, _path)


def header() -> None:
    """The exact command, then the machine, so a table can be reproduced."""
    argv = sys.argv[:]
    script = os.path.relpath(argv[0], Path.cwd()) if argv and argv[0] else "benchmarks/?.py"
    print("$ " + shlex.join(["python", script, *argv[1:]]))
    print(
        f"# Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs"
    )
    print(flush=True)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); nan for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else math.nan


def fmt(value: float | int | str | None, digits: int = 1) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, str):
        return value
    if isinstance(value, float) and math.isnan(value):
        return "n/a"
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:,.{digits}f}"


def table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown table with aligned columns (numbers right-aligned)."""
    widths = [max(len(c), *(len(r[i]) for r in rows)) if rows else len(c) for i, c in enumerate(columns)]

    def numeric(i: int) -> bool:
        cells = [r[i] for r in rows if r[i] not in ("n/a", "")]
        return bool(cells) and all(
            c.replace(",", "").replace(".", "").replace("-", "").replace("×", "").replace("%", "").isdigit()
            for c in cells
        )

    right = [numeric(i) for i in range(len(columns))]

    def line(cells: Sequence[str]) -> str:
        return (
            "| "
            + " | ".join(
                c.rjust(w) if r else c.ljust(w) for c, w, r in zip(cells, widths, right, strict=True)
            )
            + " |"
        )

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if r else ("-" * (w + 2)) for w, r in zip(widths, right, strict=True)
        )
        + "|"
    )
    return "\n".join([line(columns), rule, *(line(r) for r in rows)])


def catalogue_file(size: int, seed: int = 0, out: Path | None = None) -> Path:
    """A generated catalogue of `size` films in `out` (default benchmarks/out/), written once per size and seed."""
    from generate import write

    path = (out or OUT) / f"films-{size}-seed{seed}.yaml"
    if not path.exists():
        tmp = path.with_suffix(".yaml.partial")
        write(size, tmp, seed)
        tmp.replace(path)
    return path
