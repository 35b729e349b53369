"""The benchmark scripts still run: each one's --quick mode exits 0 and prints its table.

Timings are not checked; these only keep benchmarks/ working as the code changes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"


def run(*args: str, timeout: float = 120) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert done.returncode == 0, f"{args} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def header_row(output: str) -> list[str]:
    """The column names of the first Markdown table in `output`."""
    for line in output.splitlines():
        if line.startswith("| "):
            return [cell.strip() for cell in line.strip("|").split("|")]
    raise AssertionError(f"no table in:\n{output}")


def check_table(output: str, script: str, columns: list[str]) -> None:
    assert output.startswith(f"$ python benchmarks/{script}"), output[:200]
    names = header_row(output)
    for column in columns:
        assert column in names, f"{column!r} not in {names}"
    rows = [line for line in output.splitlines() if line.startswith("| ")]
    assert len(rows) >= 2, output  # the header and at least one row


@pytest.mark.parametrize(
    "script", ["generate.py", "latency.py", "load.py", "startup.py", "e2e.py", "delivery.py"]
)
def test_help(script: str) -> None:
    assert "usage:" in run(str(BENCH / script), "--help", timeout=60)


def test_generate_writes_a_valid_deterministic_catalogue(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    run("benchmarks/generate.py", "60", str(first), "--seed", "3")
    run("benchmarks/generate.py", "60", str(second), "--seed", "3")
    assert first.read_bytes() == second.read_bytes()
    catalog = load_catalog(first)
    assert len(catalog) == 60
    assert all(len(f.id) <= 48 and f.aliases for f in catalog)
    sys.path.insert(0, str(BENCH))
    try:
        from generate import KINDS, queries
    finally:
        sys.path.remove(str(BENCH))
    mix = queries(catalog.films, 60, seed=1)
    assert len(mix) == 60 and {kind for _, kind in mix} == set(KINDS)


def test_latency_quick(tmp_path: Path) -> None:
    out = run("benchmarks/latency.py", "--quick", "--out", str(tmp_path))
    check_table(
        out,
        "latency.py --quick",
        ["films", "core median ms", "core p99 ms", "core max ms", "exhaustive p99 ms", "agreement"],
    )


def test_load_quick(tmp_path: Path) -> None:
    out = run("benchmarks/load.py", "--quick", "--out", str(tmp_path))
    check_table(out, "load.py --quick", ["films", "load", "wall s", "peak RSS MB"])
    assert "| cold" in out and "| warm" in out


def test_startup_quick() -> None:
    out = run("benchmarks/startup.py", "--quick")
    check_table(out, "startup.py --quick", ["command", "median ms"])
    assert "telegram imported: False" in out


def test_e2e_quick() -> None:
    out = run("benchmarks/e2e.py", "--quick")
    check_table(out, "e2e.py --quick", ["bot", "concurrent_updates", "replies/s", "median ms", "p99 ms"])
    assert "| echo" in out and "| film-bot" in out


def test_e2e_breakdown_quick() -> None:
    out = run("benchmarks/e2e.py", "--quick", "--breakdown")
    columns = ["bot", "CPU ms/reply", "answering core ms", "httpcore pool bookkeeping ms", "rest ms"]
    check_table(out, "e2e.py --quick --breakdown", columns)
    names = header_row(out)
    rows = {
        cells[0]: dict(zip(names, cells, strict=True))
        for line in out.splitlines()
        if line.startswith("| ") and not line.startswith("| bot")
        for cells in [[cell.strip() for cell in line.strip("|").split("|")]]
    }
    # the timers are really in place: only the film bot answers, and both bots use the pool
    assert float(rows["film-bot"]["answering core ms"]) > 0
    assert float(rows["echo"]["answering core ms"]) == 0
    assert float(rows["echo"]["httpcore pool bookkeeping ms"]) > 0


def test_e2e_instructions_quick() -> None:
    args = [sys.executable, "benchmarks/e2e.py", "--instructions", "--quick"]
    if shutil.which("valgrind") is None:  # the mode says what it needs instead of failing obscurely
        done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
        assert done.returncode == 2 and "needs valgrind" in done.stderr
        return
    out = run(*args[1:], timeout=300)
    check_table(out, "e2e.py --instructions --quick", ["bot", "instructions per reply (millions)"])
    rows = {line.split("|")[1].strip(): line for line in out.splitlines() if line.startswith("| ")}
    assert "1.00×" in rows["echo"] and float(rows["film-bot"].split("|")[4]) > 0


def test_instructions_per_reply_is_the_difference_of_two_runs() -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from e2e import instructions_in, per_reply
    finally:
        sys.path.remove(str(BENCH))
    log = "==1== Collected : 5\n==1== I   refs:      4,183,999,047\n"
    assert instructions_in(log) == 4_183_999_047
    # 50 users: 100 replies cost 1,000 M, 500 replies 3,000 M -> 2,000 M / 400 replies
    assert per_reply({10: 3_000_000_000, 2: 1_000_000_000}, 50) == 5_000_000
    with pytest.raises(ValueError):
        instructions_in("valgrind: no such file")


def test_delivery_quick(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Needs the PostgreSQL server (the fixture checks it is there); its databases are its own."""
    from conftest import TEST_DATABASE_URL

    monkeypatch.setenv("BENCH_DATABASE_URL", TEST_DATABASE_URL)
    out = run("benchmarks/delivery.py", "--quick", timeout=180)
    check_table(
        out, "delivery.py --quick", ["database", "instances", "chats reached", "sent twice", "cards/s"]
    )
    assert out.count("\n| postgresql |") == 4 and out.count("\n| sqlite ") == 2, out  # parts 1, 2, 3
    assert "read µs p50" in out
