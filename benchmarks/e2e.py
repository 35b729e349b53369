"""End-to-end replies per second and reply latency through the fake Telegram Bot API server.

    python benchmarks/e2e.py [--messages 2000] [--users 200] [--delay 0.05] [--runs 7] [--quick]
    python benchmarks/e2e.py --breakdown [--runs 7]
    python benchmarks/e2e.py --instructions [--users 50]

The real python-telegram-bot Application polls tests/fake_bot_api.py's server
(127.0.0.1, in a process of its own) as tests/conftest.py `polling` does.
Every user's numbered questions are queued at once (user 1's first, user 2's
first, ..., then everyone's second, ...); the run ends when every question has
its reply. Two bots, in pairs of runs side by side (taking turns to go first),
each run against a fresh server:

* film-bot: `build_application(Settings(rate limits off), Brain(load_catalog()))`;
* echo: an Application with one MessageHandler replying with the message's
  text, built with the same request objects, defaults and the same
  `concurrent_updates` (the bot's PerChatUpdateProcessor).

Then both again with every sendMessage answered after `--delay` seconds (a
round trip to Telegram). The ratio to the echo bot is the median of the ratios
within pairs: this machine's speed drifts by 10-20% from run to run, and two
runs side by side drift least. Each user asks about a different film in each message
(alternating `/start <film-id>` deep links and the film's title as free text),
so a reply names its question: the script checks that no reply is missing and
that each chat's replies come in the order of its messages.

Latency: from queuing the user's message in the fake server to the reply being
recorded there (the sendMessage call's arrival time plus the configured delay).

`--breakdown` runs the pairs with no delay and splits each bot's CPU time per
reply into parts, timed by wrapping the functions that do them: the answering
core (Brain.answer and the rendering of the reply), python-telegram-bot turning
JSON into objects (each update, and the Message every sendMessage returns), and
httpcore's connection-pool bookkeeping (`_assign_requests_to_connections`,
which runs on every request and checks every pooled connection); the rest is
python-telegram-bot's other work, httpx, asyncio and the start and stop of the
run. The wrapping costs a little time itself, so these runs are not the ones
that give the ratio.

`--instructions` counts instead of timing, so this machine's changes of speed
do not matter: each bot runs in a process of its own under valgrind's
cachegrind (which must be installed), once with 2 and once with 10 messages
from each user, and the difference in machine instructions, over the
difference in replies, is the bot's cost per reply without its start and stop.
Counts still move by a few percent from run to run (how updates are batched
and how requests meet in the connection pool depend on timing), much less than
times do here. An instruction is not a fixed time, and the kernel's share
(system calls, sockets) is not counted, so the ratio of the counts estimates the
ratio of replies per second without deciding it.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import contextlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import _common as c

NO_METRICS = "film-bot, metrics off"  # FILM_BOT_METRICS=0: what counting for /metrics costs a reply
COLUMNS = [
    "bot", "concurrent_updates", "sendMessage delay ms", "messages", "users", "runs", "replies",
    "missing", "out of order", "replies/s", "median ms", "p99 ms", "replies/s vs echo", "pairs: lowest-highest",
]  # fmt: skip
ALLOWED = ["message", "edited_message", "callback_query", "inline_query"]
PARTS = ["answering core", "JSON to PTB objects", "httpcore pool bookkeeping"]
INSTRUCTION_COLUMNS = [
    "bot", "users", "replies (runs)", "instructions per reply (millions)", "replies/s vs echo (by instructions)",
]  # fmt: skip
INSTRUCTION_RUNS = (2, 10)  # messages from each user in the two runs whose difference is counted
BREAKDOWN_COLUMNS = [
    "bot", "runs", "replies/s", "CPU ms/reply", *(f"{p} ms" for p in PARTS), "pool bookkeeping: lowest-highest",
    "rest ms",
]  # fmt: skip


def film_bot_app(api: Any, brain: Any, concurrency: int, metrics: bool = True) -> Any:
    from fake_bot_api import TOKEN

    from bot.config import Settings
    from bot.service import build_application

    # chat state in a fresh SQLite file, as `film-bot run` keeps it by default, or in the
    # database of E2E_DATABASE_URL (a PostgreSQL database the run may fill)
    folder = tempfile.mkdtemp(prefix="film-bot-e2e-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    database = os.environ.get("E2E_DATABASE_URL") or f"sqlite:///{Path(folder) / 'chats.sqlite3'}"
    settings = Settings(
        token=TOKEN,
        base_url=api.base_url,
        rate_overall=0,
        rate_group=0,
        concurrency=concurrency,
        database_url=database,
        metrics=metrics,
    )
    return build_application(settings, brain)


def echo_app(api: Any, concurrency: int) -> Any:
    """A plain echo bot with the film bot's request settings, defaults and update processor."""
    from fake_bot_api import TOKEN
    from telegram import Update
    from telegram.ext import ContextTypes, MessageHandler, filters

    from bot.config import Settings
    from bot.service import application_builder

    settings = Settings(
        token=TOKEN, base_url=api.base_url, rate_overall=0, rate_group=0, concurrency=concurrency
    )

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if message is not None and message.text is not None:
            await message.reply_text(html.escape(message.text, quote=False), do_quote=False)

    app = application_builder(settings).build()  # the bot's own request, retry and concurrency settings
    app.add_handler(MessageHandler(filters.UpdateType.MESSAGE & filters.TEXT, echo))
    return app


def questions(films: list[Any], users: int, per_user: int) -> dict[int, list[tuple[str, str]]]:
    """chat id -> [(question, film title it is about)], a different film in each of a chat's messages."""
    plan: dict[int, list[tuple[str, str]]] = {}
    for u in range(users):
        chat = 10_001 + u
        asks = []
        for k in range(per_user):
            film = films[(u + k) % len(films)]
            asks.append((f"/start {film.id}" if k % 2 == 0 else film.title, film.title))
        plan[chat] = asks
    return plan


class RemoteFakeAPI:
    """tests/fake_bot_api.py's server in a process of its own, driven over a pipe.

    In this process it would share the GIL with the bot being measured, so
    the bot would pay for the server's work (parsing, HTML checks) and every
    request would wait on thread switches; Telegram runs elsewhere too.
    """

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--serve-fake-api"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.base_url = self.call({"cmd": "hello"})["base_url"]

    def call(self, request: dict[str, Any]) -> Any:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def stop(self) -> None:
        with contextlib.suppress(Exception):
            self.call({"cmd": "stop"})
        self.process.wait(timeout=10)


def serve_fake_api() -> None:
    """The child's side of RemoteFakeAPI: one JSON command a line on stdin, one answer on stdout."""
    from fake_bot_api import FakeBotAPI

    api = FakeBotAPI().start()
    for line in sys.stdin:
        request = json.loads(line)
        answer: Any = {}
        if request["cmd"] == "hello":
            answer = {"base_url": api.base_url}
        elif request["cmd"] == "delay":
            api.set_delay(request["method"], request["seconds"])
        elif request["cmd"] == "send":  # returns when each was queued, on the shared monotonic clock
            answer = [
                (api.send_message(text, chat_id=chat), time.monotonic())[1]
                for chat, text in request["messages"]
            ]
        elif request["cmd"] == "wait":  # until `total` replies were sent, or the timeout
            api.wait_for(
                lambda a, n=request["total"]: len(a.sent_messages()) >= n, timeout=request["timeout"]
            )
            calls = [call for call in api.calls_of("sendMessage") if call.status == 200]
            answer = [
                (c.response["result"]["chat"]["id"], c.response["result"]["text"], c.time) for c in calls
            ]
        elif request["cmd"] == "stop":
            api.stop()
            print(json.dumps({}), flush=True)
            return
        print(json.dumps(answer), flush=True)


async def run_once(
    kind: str, brain: Any, users: int, per_user: int, delay: float, timeout: float, concurrency: int
) -> dict[str, Any]:
    from bot.service import polling

    api = RemoteFakeAPI()
    try:
        if delay:
            api.call({"cmd": "delay", "method": "sendMessage", "seconds": delay})
        app = (
            echo_app(api, concurrency)
            if kind == "echo"
            else film_bot_app(api, brain, concurrency, metrics=kind != NO_METRICS)
        )
        plan = questions(list(brain.catalog.films), users, per_user)
        total = users * per_user
        async with polling(app):
            await asyncio.sleep(0.2)  # let the first long poll open
            order = [(chat, asks[k][0]) for k in range(per_user) for chat, asks in plan.items()]
            times = await asyncio.to_thread(api.call, {"cmd": "send", "messages": order})
            queued: dict[int, list[float]] = defaultdict(list)
            for (chat, _), at in zip(order, times, strict=True):
                queued[chat].append(at)
            first = min(times)
            sent = await asyncio.to_thread(api.call, {"cmd": "wait", "total": total, "timeout": timeout})
            done = len(sent) >= total
            if not done:
                await asyncio.sleep(0.5)  # anything still in flight
        by_chat: dict[int, list[tuple[str, float]]] = defaultdict(list)
        for chat, text, at in sent:
            by_chat[chat].append((text, at + delay))
        latencies, missing, out_of_order, last = [], 0, 0, first
        for chat, asks in plan.items():
            got = by_chat.get(chat, [])
            missing += max(0, len(asks) - len(got))
            for k, (text, at) in enumerate(got[: len(asks)]):
                question, title = asks[k]
                fits = text == question if kind == "echo" else text.startswith(title)
                if not fits:
                    out_of_order += 1
                latencies.append((at - queued[chat][k]) * 1000)
                last = max(last, at)
        return {
            "replies": len(sent),
            "missing": missing,
            "out_of_order": out_of_order,
            "rate": len(sent) / (last - first) if last > first else float("nan"),
            "median": c.median(latencies),
            "p99": c.percentile(latencies, 99),
            "timed_out": not done,
        }
    finally:
        api.stop()


async def run_one_bot(args: argparse.Namespace) -> dict[str, Any]:
    from bot.brain import Brain
    from bot.catalog import load_catalog

    brain = Brain(load_catalog())
    per_user = max(1, args.messages // args.users)
    return await run_once(args.run_one, brain, args.users, per_user, 0.0, args.timeout, args.concurrency)


class Stopwatch:
    """Seconds spent in chosen functions, by part; a call inside another timed call counts once."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self._inside = False
        self._undo: list[Callable[[], None]] = []

    def time(self, owner: Any, name: str, part: str) -> None:
        """Replace `owner.name` (a function, method or classmethod) by a timed wrapper."""
        original = owner.__dict__[name]
        function = original.__func__ if isinstance(original, classmethod) else original

        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._inside:
                return function(*args, **kwargs)
            self._inside = True
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds[part] += time.perf_counter() - start
                self._inside = False

        setattr(owner, name, classmethod(timed) if isinstance(original, classmethod) else timed)
        self._undo.append(lambda: setattr(owner, name, original))

    def restore(self) -> None:
        for undo in reversed(self._undo):
            undo()


@contextlib.contextmanager
def timed_parts() -> Iterator[Stopwatch]:
    """A Stopwatch on the functions of each part in PARTS (all synchronous: no await inside)."""
    import httpcore._async.connection_pool as pool
    from telegram import Message, Update

    import bot.telegram_bot as adapter
    from bot.brain import Brain

    watch = Stopwatch()
    watch.time(Brain, "answer", PARTS[0])
    for name in ("render", "keyboard", "split_message"):
        watch.time(adapter, name, PARTS[0])
    watch.time(Update, "de_json", PARTS[1])
    watch.time(Message, "de_json", PARTS[1])
    watch.time(pool.AsyncConnectionPool, "_assign_requests_to_connections", PARTS[2])
    try:
        yield watch
    finally:
        watch.restore()


async def run_breakdown(args: argparse.Namespace) -> list[list[str]]:
    from bot.brain import Brain
    from bot.catalog import load_catalog

    brain = Brain(load_catalog())
    per_user = max(1, args.messages // args.users)
    replies = args.users * per_user
    runs: dict[str, list[dict[str, float]]] = {"film-bot": [], "echo": []}
    with timed_parts() as watch:
        for i in range(args.runs):
            for kind in ("film-bot", "echo") if i % 2 == 0 else ("echo", "film-bot"):
                print(f"# {kind}, breakdown ...", file=sys.stderr, flush=True)
                watch.seconds.clear()
                cpu = time.process_time()
                r = await run_once(kind, brain, args.users, per_user, 0.0, args.timeout, args.concurrency)
                cpu = time.process_time() - cpu
                ms = {part: watch.seconds[part] * 1000 / replies for part in PARTS}
                runs[kind].append({"rate": r["rate"], "cpu": cpu * 1000 / replies, **ms})
    rows = []
    for kind, rs in runs.items():
        cpu = c.median([r["cpu"] for r in rs])
        parts = [c.median([r[part] for r in rs]) for part in PARTS]
        pool = [r[PARTS[2]] for r in rs]
        rows.append([
            kind, c.fmt(len(rs)), c.fmt(c.median([r["rate"] for r in rs]), 0), c.fmt(cpu, 3),
            *(c.fmt(p, 3) for p in parts), f"{min(pool):.3f}-{max(pool):.3f}",
            c.fmt(c.median([r["cpu"] - sum(r[p] for p in PARTS) for r in rs]), 3),
        ])  # fmt: skip
    return rows


def count_instructions(kind: str, users: int, per_user: int, timeout: float, concurrency: int) -> int:
    """Machine instructions of one run of `kind` (start and stop included), counted by cachegrind."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "cachegrind.log"
        command = [
            "valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
            f"--log-file={log}", sys.executable, __file__, "--run-one", kind, "--users", str(users),
            "--messages", str(users * per_user), "--timeout", str(timeout), "--concurrency", str(concurrency),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        result = json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else {}
        if result.get("replies") != users * per_user or result.get("missing"):
            raise SystemExit(f"{kind} under valgrind: {done.returncode}, {result}\n{done.stderr[-2000:]}")
        return instructions_in(log.read_text())


def instructions_in(cachegrind_log: str) -> int:
    """The instruction count ("I refs") from cachegrind's summary."""
    found = re.search(r"I\s+refs:\s+([\d,]+)", cachegrind_log)
    if found is None:
        raise ValueError("no 'I refs' line in cachegrind's output")
    return int(found.group(1).replace(",", ""))


def per_reply(counts: dict[int, int], users: int) -> float:
    """Instructions per reply: the difference of two runs' counts over the difference of their replies."""
    (few, few_count), (many, many_count) = sorted(counts.items())
    return (many_count - few_count) / (users * (many - few))


def run_instructions(args: argparse.Namespace) -> list[list[str]]:
    kinds = ("film-bot", NO_METRICS, "echo")
    jobs = [(kind, n) for kind in kinds for n in INSTRUCTION_RUNS]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # counts barely depend on timing
        futures = {
            job: pool.submit(count_instructions, job[0], args.users, job[1], args.timeout, args.concurrency)
            for job in jobs
        }
        counts = {job: future.result() for job, future in futures.items()}
    cost = {kind: per_reply({n: counts[kind, n] for n in INSTRUCTION_RUNS}, args.users) for kind in kinds}
    replies = " and ".join(str(args.users * n) for n in INSTRUCTION_RUNS)
    ratio = {kind: f"{cost['echo'] / cost[kind]:.2f}×" for kind in kinds}
    return [[kind, c.fmt(args.users), replies, c.fmt(cost[kind] / 1e6, 2), ratio[kind]] for kind in kinds]


async def run_all(args: argparse.Namespace) -> list[list[str]]:
    from bot.brain import Brain
    from bot.catalog import load_catalog

    brain = Brain(load_catalog())
    per_user = max(1, args.messages // args.users)
    rows = []
    problems = []
    for delay in (0.0, args.delay):
        runs: dict[str, list[dict[str, Any]]] = {"film-bot": [], "echo": []}
        for i in range(args.runs):
            # a pair of runs side by side, in turns first: neither bot always meets a warmer machine
            for kind in ("film-bot", "echo") if i % 2 == 0 else ("echo", "film-bot"):
                print(f"# {kind}, sendMessage delay {delay * 1000:.0f} ms ...", file=sys.stderr, flush=True)
                r = await run_once(kind, brain, args.users, per_user, delay, args.timeout, args.concurrency)
                runs[kind].append(r)
                if r["missing"] or r["out_of_order"] or r["timed_out"]:
                    problems.append(
                        f"{kind} at {delay * 1000:.0f} ms: {r['missing']} missing, {r['out_of_order']} out of order"
                    )
        results = {
            kind: {
                "replies": min(r["replies"] for r in rs),
                "missing": max(r["missing"] for r in rs),
                "out_of_order": max(r["out_of_order"] for r in rs),
                **{key: c.median([r[key] for r in rs]) for key in ("rate", "median", "p99")},
            }
            for kind, rs in runs.items()
        }
        # this machine's speed drifts from run to run, so each film-bot run is compared with the
        # echo run beside it, and the table gives the median of those ratios and their range
        pairs = [f["rate"] / e["rate"] for f, e in zip(runs["film-bot"], runs["echo"], strict=True)]
        for kind, r in results.items():
            ratio = c.median(pairs) if kind == "film-bot" else 1.0
            spread = f"{min(pairs):.2f}-{max(pairs):.2f}" if kind == "film-bot" else ""
            rows.append([
                kind, f"PerChatUpdateProcessor({args.concurrency})", c.fmt(delay * 1000, 0), c.fmt(args.users * per_user),
                c.fmt(args.users), c.fmt(args.runs), c.fmt(r["replies"]), c.fmt(r["missing"]), c.fmt(r["out_of_order"]),
                c.fmt(r["rate"], 0), c.fmt(r["median"], 1), c.fmt(r["p99"], 1), f"{ratio:.2f}×", spread,
            ])  # fmt: skip
    run_all.problems = problems  # type: ignore[attr-defined]
    return rows


def main(argv: list[str] | None = None) -> int:
    from bot.config import Settings

    parser = argparse.ArgumentParser(
        description="End-to-end replies/s and reply latency, film bot vs echo bot."
    )
    parser.add_argument("--messages", type=int, default=2000, help="messages in all (default %(default)s)")
    parser.add_argument(
        "--users", type=int, help="users, one private chat each (default 200; 50 with --instructions)"
    )
    parser.add_argument(
        "--delay",
        type=float,
        default=0.05,
        help="sendMessage delay of the second round, seconds (default %(default)s)",
    )
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds to wait for all replies (default %(default)s)"
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=Settings(token="").concurrency,
        help="updates handled at once, for both bots (default: the bot's, %(default)s)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=7,
        help="runs of each bot, in pairs; the table gives medians (default %(default)s)",
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: 100 messages from 10 users, one run")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="instead: where each bot's CPU time per reply goes, with no delay (see the docstring)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="instead: each bot's machine instructions per reply, counted by valgrind (see the docstring)",
    )
    parser.add_argument("--serve-fake-api", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--run-one", choices=["film-bot", NO_METRICS, "echo"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.users = args.users or (50 if args.instructions else 200)
    if args.serve_fake_api:
        serve_fake_api()
        return 0
    if args.run_one:  # one run of one bot, for --instructions: its result as JSON on the last line
        print(json.dumps(asyncio.run(run_one_bot(args))))
        return 0
    if args.instructions:
        if shutil.which("valgrind") is None:
            print("--instructions needs valgrind (Debian and Ubuntu: apt install valgrind)", file=sys.stderr)
            return 2
        if args.quick:
            args.users = 4
        c.header()
        print(c.table(INSTRUCTION_COLUMNS, run_instructions(args)))
        print(
            f"\ninstructions per reply: (count of the run with {INSTRUCTION_RUNS[1]} messages a user - count of "
            f"the run with {INSTRUCTION_RUNS[0]}) / extra replies,\ncounted by valgrind --tool=cachegrind in the "
            "bot's process (the fake server runs natively); replies/s vs echo = echo's count / the bot's;\n"
            "film-bot, metrics off: the same bot with FILM_BOT_METRICS=0, so the difference is what /metrics costs."
        )
        return 0
    if args.quick:
        args.messages, args.users, args.timeout, args.runs = 100, 10, 30.0, 1
    c.header()
    if args.breakdown:
        print(c.table(BREAKDOWN_COLUMNS, asyncio.run(run_breakdown(args))))
        print(
            "\nms/reply: the bot process's CPU time (whole run, start and stop included) / replies, "
            "medians over the runs.\nParts are timed by wrapping their functions; rest = CPU - parts: "
            "python-telegram-bot's other work, httpx, asyncio."
        )
        return 0
    rows = asyncio.run(run_all(args))
    print(c.table(COLUMNS, rows))
    print(
        "\nBoth bots run the same way: same request objects and defaults, concurrent_updates = the bot's "
        f"PerChatUpdateProcessor({args.concurrency})\n(concurrent across chats, in order within a chat); rate limits off. "
        "The fake server runs in a process of its own.\nLatency: message queued -> reply recorded by the server; "
        "replies/s: replies / (last reply - first message);\nreplies/s vs echo: the median, over the pairs of runs "
        "side by side, of film-bot's replies/s / echo's; the last column gives the lowest and highest pair."
    )
    problems = run_all.problems  # type: ignore[attr-defined]
    for p in problems:
        print("# PROBLEM: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
