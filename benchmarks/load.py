"""Catalogue load time and peak memory, cold (no compiled cache) and warm (cache beside the file).

    python benchmarks/load.py [--sizes 1000,10000,100000] [--seed 0] [--quick]

For each size a generated catalogue is copied into a fresh temporary folder and
loaded in a fresh Python process twice: first with no cache beside it (cold:
YAML parsed and checked, index built, cache written) and then again (warm: the
cache written by the first load is reused while the YAML is unchanged). Each
child loads the way the bot does: `bot.cache.load_brain(path)` where that
module exists, else `Brain(load_catalog(path))`. A child reports wall and CPU
seconds, how much of the wall time went to `load_catalog` (YAML parse and
checks; 0 when the cache answered), and its peak RSS (`ru_maxrss`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import _common as c

COLUMNS = ["films", "YAML MB", "load", "API", "wall s", "CPU s", "load_catalog s", "peak RSS MB", "cache MB"]

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[2])
path = sys.argv[1]
base = resource.getrusage(resource.RUSAGE_SELF)
import bot.catalog, bot.brain, bot.search
spent = {"load_catalog": 0.0}
try:
    import bot.cache as cache
    api = "load_brain"
except ImportError:
    cache = None
    api = "load_catalog+Brain"
original = bot.catalog.load_catalog
def timed(*args, **kwargs):
    started = time.perf_counter()
    try:
        return original(*args, **kwargs)
    finally:
        spent["load_catalog"] += time.perf_counter() - started
if cache is not None:
    cache.load_catalog = timed
before = resource.getrusage(resource.RUSAGE_SELF)
started = time.perf_counter()
if cache is not None:
    brain = cache.load_brain(__import__("pathlib").Path(path))
else:
    brain = bot.brain.Brain(timed(path))
wall = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF)
cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
print(json.dumps({"films": len(brain.catalog), "api": api, "wall": wall, "cpu": cpu,
                  "load_catalog": spent["load_catalog"], "maxrss_kb": after.ru_maxrss}))
"""


def child(path: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "FILM_BOT_CATALOG"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(c.ROOT)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"loading {path} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def caches(folder: Path, catalogue: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p != catalogue]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Catalogue load time and peak memory, cold and warm.")
    parser.add_argument("--sizes", default="1000,10000,100000", help="catalogue sizes (default %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="catalogue seed (default 0)")
    parser.add_argument(
        "--out", type=Path, default=None, help="where generated catalogues go (default benchmarks/out/)"
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: sizes 22 (bundled) and 500")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes = "22,500"
    c.header()
    rows = []
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        print(f"# {size} films ...", file=sys.stderr, flush=True)
        from bot.catalog import DEFAULT_PATH

        source = DEFAULT_PATH if size == 22 else c.catalogue_file(size, args.seed, args.out)
        with tempfile.TemporaryDirectory(prefix="film-bot-load-") as tmp:
            folder = Path(tmp)
            catalogue = folder / "films.yaml"
            shutil.copyfile(source, catalogue)  # a private copy: no cache from earlier runs beside it
            for label in ("cold", "warm"):
                if label == "cold":
                    for leftover in caches(folder, catalogue):
                        leftover.unlink()
                result = child(catalogue)
                cache_bytes = sum(p.stat().st_size for p in caches(folder, catalogue))
                rows.append([
                    c.fmt(int(result["films"])),  # type: ignore[call-overload]
                    c.fmt(catalogue.stat().st_size / 1e6, 1),
                    label,
                    str(result["api"]),
                    c.fmt(float(result["wall"]), 2),  # type: ignore[arg-type]
                    c.fmt(float(result["cpu"]), 2),  # type: ignore[arg-type]
                    c.fmt(float(result["load_catalog"]), 2),  # type: ignore[arg-type]
                    c.fmt(int(result["maxrss_kb"]) / 1024, 0),  # type: ignore[call-overload]
                    c.fmt(cache_bytes / 1e6, 1) if cache_bytes else "none",
                ])  # fmt: skip
    print(c.table(COLUMNS, rows))
    print(
        "\nEach row is a fresh process. cold: no cache beside the catalogue; warm: the next process, "
        "with whatever cache the cold one left.\nwall/CPU s: the load call only (imports excluded); "
        "load_catalog s: of which YAML parsing and checks; peak RSS: the whole process (ru_maxrss)."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
