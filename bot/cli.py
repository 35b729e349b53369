"""`film-bot`: run | chat | ask | check | db | misses. Wiring only; the answers come from brain.py."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import config
from .cache import load_brain
from .catalog import CatalogError, load_catalog, secondary_sources
from .messages import LANGUAGES
from .render import PLAIN, as_json, render


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a catalogue and print a one-line summary."""
    from .search import Index

    catalog = load_catalog(config.catalog_path(args.path))  # always the YAML itself, never the cache
    index = Index(catalog)
    print(
        f"{catalog.path}: OK, {len(catalog)} films, {len(catalog.people())} people, "
        f"{index.name_count} names indexed"
    )
    for a, b in catalog.spelled_twice():
        print(f"note: {a!r} and {b!r} look like one person spelled two ways; use one spelling")
    english_only = [f.id for f in catalog if f.ru is None]
    if english_only:
        print(
            f"note: {len(english_only)} films have no Russian text (`ru:`) and answer in English: {', '.join(english_only)}"
        )
    for film_id, url in secondary_sources(catalog):
        print(
            f"warning: {film_id}: {url} is not a primary source (see README, Catalogue); cite the page it copies"
        )
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question, or every line of standard input."""
    brain = load_brain(config.catalog_path())
    zone = config.timezone()
    lines = [" ".join(args.query)] if args.query else sys.stdin
    lang = None if args.lang == "auto" else args.lang
    for line in lines:
        answer = brain.answer(line.rstrip("\n"), config.today(zone), lang=lang)
        if args.json:
            print(as_json(answer, total=len(brain.catalog)), flush=True)
        else:
            print(
                render(answer, PLAIN, len(brain.catalog)), end="\n\n" if not args.query else "\n", flush=True
            )
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """A conversation in the terminal, with the same answers as on Telegram."""
    from .chats import topic_after

    brain = load_brain(config.catalog_path())
    zone = config.timezone()
    topic = None  # the terminal is one chat: "who directed it?" follows the last answer
    lang = None if args.lang == "auto" else args.lang
    print(f"Film bot: {len(brain.catalog)} Soviet films. Ask me anything; /help for ideas, Ctrl-D to leave.")
    while True:
        try:
            line = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if line.strip().lower() in {"quit", "exit", "/quit", "/exit"}:
            return 0
        if not line.strip():
            continue
        answer = brain.answer(line, config.today(zone), context=topic, lang=lang)
        topic = topic_after(answer, topic)
        print(render(answer, PLAIN, len(brain.catalog)), end="\n\n")


def cmd_db(args: argparse.Namespace) -> int:
    """`film-bot db upgrade`: bring the chat-state database to the newest schema."""
    import asyncio

    from .store import StoreError, migrate, shown

    url = config.database_url()
    try:
        asyncio.run(migrate(url))
    except StoreError as exc:
        print(f"film-bot: {exc}", file=sys.stderr)
        return 1
    print(f"{shown(url)}: up to date")
    return 0


SKELETON = """\
  - id: {id}
    title: ""             # the English title, as the film's Wikipedia article or IMDb gives it
    original_title: ""    # the Russian title
    year:                 # the release year, from the same source
    directors:
      - name: ""
        name_ru: ""
    cast: []
    studio: ""
    aliases: ["{asked}"]  # what people typed
    description: ""       # in your own words, from the sources below
    facts: []             # each one backed by a source below
    cinema: {{relation: "", note: ""}}
    sources: {{wikipedia: "", imdb: ""}}  # primary pages only (README, Catalogue)
"""


def cmd_misses(args: argparse.Namespace) -> int:
    """The films people asked for that the catalogue lacks, most asked first."""
    import asyncio
    import datetime as dt
    import re

    from .store import Store, StoreError, shown

    since = None
    if args.since:
        found = re.fullmatch(r"(\d+)d", args.since.strip())
        if found is None:
            print(f"film-bot: --since takes days, like 30d; got {args.since!r}", file=sys.stderr)
            return 2
        since = config.today() - dt.timedelta(days=int(found[1]))
    url = config.database_url()

    async def read() -> list[tuple[str, int, dt.date]]:
        from .store import migrate

        await migrate(url)
        store = Store(url)
        try:
            return await store.misses(since, args.top)
        finally:
            await store.close()

    try:
        rows = asyncio.run(read())
    except StoreError as exc:
        print(f"film-bot: {exc}", file=sys.stderr)
        return 1
    where = f" since {since.isoformat()}" if since else ""
    if not rows:
        print(f"No film asked for{where} is missing from the catalogue ({shown(url)}).")
        return 0
    print(f"Asked for and not in the catalogue{where}, most asked first ({shown(url)}):\n")
    print(f"{'asked':>5}  {'last asked':<10}  title as typed (folded)")
    for name, asked, last in rows:
        print(f"{asked:>5}  {last.isoformat():<10}  {name}")
    print(
        "\nTo add one: check it against primary sources (README, Catalogue), fill in its entry in "
        "data/films.yaml and run `film-bot check`. The most asked, to start from:\n"
    )
    for name, _, _ in rows[:3]:
        slug = re.sub(r"[^a-z0-9]+", "-", name).strip("-")[:48] or "film"
        print(SKELETON.format(id=slug, asked=name))
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Run the Telegram bot (imported only here, so `ask` and `chat` start fast)."""
    from .service import run

    return run()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="film-bot", description="A bot that answers questions about Soviet films."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    run.set_defaults(func=cmd_run)
    chat = sub.add_parser("chat", help="talk to the bot in the terminal")
    _language_option(chat)
    chat.set_defaults(func=cmd_chat)
    ask = sub.add_parser("ask", help="answer a question, or each line of standard input")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    _language_option(ask)
    ask.add_argument("query", nargs="*", help="the question (default: read standard input)")
    ask.set_defaults(func=cmd_ask)
    db = sub.add_parser("db", help="the chat-state database (DATABASE_URL, default an SQLite file)")
    db.add_argument("action", choices=["upgrade"], help="upgrade: create or migrate its tables")
    db.set_defaults(func=cmd_db)
    missed = sub.add_parser("misses", help="the films people asked for that the catalogue lacks")
    missed.add_argument("--top", type=int, default=20, help="how many (default 20)")
    missed.add_argument("--since", help="only those asked in the last days, as 30d")
    missed.set_defaults(func=cmd_misses)
    check = sub.add_parser("check", help="validate a catalogue file")
    check.add_argument("path", nargs="?", help="the catalogue (default: FILM_BOT_CATALOG or the bundled one)")
    check.set_defaults(func=cmd_check)
    return parser


def _language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=["auto", *LANGUAGES],
        default="auto",
        help="the language of answers where a message does not tell (default: auto, then English)",
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CatalogError as exc:
        print(exc, file=sys.stderr)
        return 1
    except config.ConfigError as exc:
        print(f"film-bot: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
