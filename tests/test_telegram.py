"""End to end: the real python-telegram-bot Application against the fake Bot API over HTTP."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import test_settings
from fake_bot_api import TOKEN, FakeBotAPI
from instances import BotProcess

from bot.brain import Brain
from bot.catalog import load_catalog
from bot.service import build_application, polling
from bot.telegram_bot import COMMANDS, NOT_TEXT, STALE_BUTTON

CHAT = 1001
GROUP = -2002


def texts(api: FakeBotAPI, chat_id: int = CHAT) -> list[str]:
    return [m["text"] for m in api.sent_messages(chat_id)]


async def reply_to(api: FakeBotAPI, text: str, chat_id: int = CHAT, **kwargs) -> dict:
    """Send `text` as the user and wait for the bot's next message in that chat."""
    before = len(api.sent_messages(chat_id))
    api.send_message(text, chat_id=chat_id, **kwargs)
    assert await api.await_for(lambda a: len(a.sent_messages(chat_id)) > before), f"no reply to {text!r}"
    return api.sent_messages(chat_id)[before]


def buttons(message: dict) -> dict[str, str]:
    """label -> callback_data or url."""
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return {b["text"]: b.get("callback_data") or b.get("url") for row in rows for b in row}


async def test_start_sets_command_menu_and_descriptions(bot: FakeBotAPI):
    commands = bot.calls_of("setMyCommands")
    assert commands and [c["command"] for c in commands[-1].params["commands"]] == [n for n, _ in COMMANDS]
    assert bot.calls_of("setMyDescription") and bot.calls_of("setMyShortDescription")


async def test_private_question_gets_an_answer(bot: FakeBotAPI):
    reply = await reply_to(bot, "who directed the cranes are flying?")
    assert "Mikhail Kalatozov" in reply["text"] and "The Cranes Are Flying" in reply["text"]


async def test_film_card_has_buttons_and_links(bot: FakeBotAPI):
    reply = await reply_to(bot, "/film mirror")
    assert reply["text"].startswith("Mirror (Зеркало), 1975")
    found = buttons(reply)
    assert found["Another fact"].startswith("fact:mirror:")
    assert found["Cast"] == "cast:mirror:en"  # the card's language: its buttons answer in it
    assert found["More by Tarkovsky"] == "more:mirror:en"
    assert found["Random film"] == "rnd:mirror:en"
    assert found["Wikipedia"].startswith("https://en.wikipedia.org/")
    assert found["IMDb"].startswith("https://www.imdb.com/title/tt0072443")
    # Telegram's limit; the fake server refuses more, so every sent keyboard was within it
    assert all(len(d.encode()) <= 64 for d in found.values() if not d.startswith("http"))


async def test_commands_each_answer(bot: FakeBotAPI):
    assert "Film of the day" in (await reply_to(bot, "/today"))["text"]
    assert "A random pick" in (await reply_to(bot, "/random"))["text"]
    assert "All 22 films" in (await reply_to(bot, "/films"))["text"]
    assert "/film" in (await reply_to(bot, "/help"))["text"]
    assert "A fact about" in (await reply_to(bot, "/fact circus"))["text"]


async def test_deep_link_opens_the_film(bot: FakeBotAPI):
    reply = await reply_to(bot, "/start slave-of-love")
    assert reply["text"].startswith("A Slave of Love")


async def test_unknown_film_is_said_plainly(bot: FakeBotAPI):
    reply = await reply_to(bot, "Titanic")
    assert "don't have" in reply["text"] and "/films" in reply["text"]


async def test_another_fact_button_edits_the_card(bot: FakeBotAPI):
    card = await reply_to(bot, "/film mirror")
    data = buttons(card)["Another fact"]
    bot.press_button(card["message_id"], data)
    assert await bot.await_for(lambda a: a.bot_message(CHAT, card["message_id"])["text"] != card["text"])
    edited = bot.bot_message(CHAT, card["message_id"])
    assert edited["text"].startswith("Mirror (Зеркало)")
    assert buttons(edited)["Another fact"] != data  # the next press shows the fact after that
    assert await bot.await_for(lambda a: len(a.callback_answers) == 1)


async def test_cast_and_director_buttons_reply(bot: FakeBotAPI):
    card = await reply_to(bot, "/film springtime")
    bot.press_button(card["message_id"], "cast:springtime:en")
    assert await bot.await_for(lambda a: any("Lyubov Orlova" in t for t in texts(a)))
    bot.press_button(card["message_id"], "more:springtime:en")
    assert await bot.await_for(lambda a: any("Grigori Aleksandrov in the catalogue" in t for t in texts(a)))
    assert "Circus" in texts(bot)[-1]


async def test_another_random_film_never_repeats_the_one_shown(bot: FakeBotAPI):
    card = await reply_to(bot, "/random")
    shown = buttons(card)["Another random film"].split(":")[1]
    for _ in range(5):
        before = len(bot.sent_messages(CHAT))
        bot.press_button(card["message_id"], f"rnd:{shown}:en")
        assert await bot.await_for(lambda a, n=before: len(a.sent_messages(CHAT)) > n)
        card = bot.sent_messages(CHAT)[-1]
        new = buttons(card)["Another random film"].split(":")[1]
        assert new != shown
        shown = new


async def test_clarify_offers_one_button_per_film(api: FakeBotAPI, tmp_path):
    # Three films whose titles differ only in their number: "long made up title" fits all equally.
    three = Brain(load_catalog(big_catalogue(tmp_path / "three.yaml", 3)))
    async with polling(build_application(test_settings(api), three)):
        reply = await reply_to(api, "long made up title")
        options = buttons(reply)
        assert "Which film do you mean?" in reply["text"]
        assert sorted(options.values()) == ["card:film-0:en", "card:film-1:en", "card:film-2:en"]
        api.press_button(reply["message_id"], "card:film-2:en")
        assert await api.await_for(lambda a: len(a.sent_messages(CHAT)) == 2)
        assert api.sent_messages(CHAT)[-1]["text"].startswith(
            "A Very Long Made-Up Film Title Number 2 <&> (Фильм 2)"
        )


async def test_stale_or_forged_button_gets_a_short_answer(bot: FakeBotAPI):
    card = await reply_to(bot, "/film voice")
    # A button from an older catalogue: the fake server only lets a user press real buttons,
    # so forge the update as raw data.
    bot.add_update({"callback_query": {
        "id": "999", "from": {"id": CHAT, "is_bot": False, "first_name": "U"},
        "message": card, "chat_instance": "1", "data": "fact:no-such-film:1",
    }})  # fmt: skip
    bot.add_update({"callback_query": {
        "id": "998", "from": {"id": CHAT, "is_bot": False, "first_name": "U"},
        "message": card, "chat_instance": "1", "data": "<script>",
    }})  # fmt: skip
    assert await bot.await_for(lambda a: len(a.calls_of("answerCallbackQuery")) >= 2)
    texts_ = [c.params.get("text") for c in bot.calls_of("answerCallbackQuery")]
    assert texts_.count(STALE_BUTTON) == 2


async def test_group_ignores_chatter_but_answers_mentions_commands_and_replies(bot: FakeBotAPI):
    group = {"chat_id": GROUP, "chat_type": "supergroup", "user_id": 7}
    bot.send_message("mirror is a great film", **group)
    reply = await reply_to(bot, "@film_test_bot who directed mirror", **group)
    assert "Andrei Tarkovsky" in reply["text"]
    assert len(texts(bot, GROUP)) == 1  # the chatter before it got no answer
    reply = await reply_to(bot, "/film@film_test_bot voice", **group)
    assert reply["text"].startswith("The Voice")
    reply = await reply_to(
        bot, "when did the voice come out?", reply_to_message_id=reply["message_id"], **group
    )
    assert "1982" in reply["text"]
    bot.send_message("/film@some_other_bot mirror", **group)
    bot.send_message("nice", **group)
    await reply_to(bot, "@film_test_bot circus", **group)
    assert len(texts(bot, GROUP)) == 4


async def test_non_text_gets_a_hint_and_edits_are_ignored(bot: FakeBotAPI):
    bot.send_sticker(chat_id=CHAT)
    assert await bot.await_for(lambda a: texts(a) == [NOT_TEXT])
    bot.send_photo(chat_id=CHAT)
    bot.send_voice(chat_id=CHAT)
    assert await bot.await_for(lambda a: texts(a).count(NOT_TEXT) == 3)
    first = await reply_to(bot, "mirror")
    bot.edit_message(first["message_id"] - 1, "circus")
    await reply_to(bot, "voice")  # handled after the edit: nothing was sent for the edit
    assert len(texts(bot)) == 5


async def test_catalogue_text_is_escaped_as_html(bot: FakeBotAPI):
    # Mirror has a fact about "Sight & Sound": a bare & is refused by Telegram (and the fake)
    card = await reply_to(bot, "/film mirror")
    seen = [card["text"]]
    for _ in range(4):
        data = buttons(bot.bot_message(CHAT, card["message_id"]))["Another fact"]
        before = bot.bot_message(CHAT, card["message_id"])["text"]
        bot.press_button(card["message_id"], data)
        assert await bot.await_for(lambda a, b=before: a.bot_message(CHAT, card["message_id"])["text"] != b)
        seen.append(bot.bot_message(CHAT, card["message_id"])["text"])
    assert any("Sight & Sound" in t for t in seen)
    assert all(c.status == 200 for c in bot.calls_of("editMessageText"))


def big_catalogue(path: Path, n: int) -> Path:
    films = [
        {
            "id": f"film-{i}", "title": f"A Very Long Made-Up Film Title Number {i} <&>", "original_title": f"Фильм {i}",
            "year": 1950, "directors": [{"name": f"Director {i}"}], "cast": [], "cast_note": "None.",
            "studio": "Test", "description": "Made up. For tests.", "facts": ["Made up."],
            "cinema": {"relation": "none", "note": "None."}, "sources": {},
        }
        for i in range(n)
    ]  # fmt: skip
    path.write_text(json.dumps({"films": films}), encoding="utf-8")  # JSON is YAML
    return path


async def test_long_lists_are_split_within_telegram_limits(api: FakeBotAPI, tmp_path):
    many = Brain(load_catalog(big_catalogue(tmp_path / "big.yaml", 60)))
    async with polling(build_application(test_settings(api), many)):
        await reply_to(api, "films of 1950")
        await asyncio.sleep(0.2)  # the rest of the reply
    sent = api.calls_of("sendMessage")
    assert len(sent) == 2 and all(c.status == 200 for c in sent)  # each within 4096, valid HTML
    assert "&lt;&amp;&gt;" in sent[0].params["text"]
    listed = "".join(m["text"] for m in api.sent_messages(CHAT))
    assert "Number 0 <&>" in listed and "Number 59 <&>" in listed


async def test_a_huge_list_is_shortened_not_flooded(api: FakeBotAPI, tmp_path):
    many = Brain(load_catalog(big_catalogue(tmp_path / "big.yaml", 400)))
    async with polling(build_application(test_settings(api), many)):
        api.send_message("/films")
        assert await api.await_for(lambda a: len(a.sent_messages(CHAT)) == 3)
        await asyncio.sleep(0.2)
    sent = api.sent_messages(CHAT)
    assert len(sent) == 3 and "…and more" in sent[-1]["text"]


async def test_inline_query_answers_with_articles(bot: FakeBotAPI):
    bot.inline_query("mirror")
    assert await bot.await_for(lambda a: len(a.inline_answers) == 1)
    results = bot.inline_answers[0]["results"]
    assert results[0]["id"] == "mirror"
    assert results[0]["title"] == "Mirror (1975)" and "Andrei Tarkovsky" in results[0]["description"]
    assert results[0]["input_message_content"]["message_text"].startswith("<b>Mirror</b>")
    assert results[0]["reply_markup"]["inline_keyboard"]


async def test_inline_empty_query_offers_today_and_cinema_films(bot: FakeBotAPI, brain):
    bot.inline_query("")
    assert await bot.await_for(lambda a: len(a.inline_answers) == 1)
    ids = [r["id"] for r in bot.inline_answers[0]["results"]]
    assert "man-with-a-movie-camera" in ids and "slave-of-love" in ids
    assert 2 <= len(ids) <= 20 and len(set(ids)) == len(ids)


async def test_inline_no_match_gives_one_nothing_found_article(bot: FakeBotAPI):
    bot.inline_query("qwertyuiop zxcvb")
    assert await bot.await_for(lambda a: len(a.inline_answers) == 1)
    results = bot.inline_answers[0]["results"]
    assert len(results) == 1 and results[0]["title"] == "Nothing found"


async def test_inline_person_lists_their_films(bot: FakeBotAPI):
    bot.inline_query("vertov")
    assert await bot.await_for(lambda a: len(a.inline_answers) == 1)
    ids = {r["id"] for r in bot.inline_answers[0]["results"]}
    assert {"man-with-a-movie-camera", "kino-eye"} <= ids


async def test_error_handler_tells_the_user_and_keeps_running(bot: FakeBotAPI, monkeypatch, caplog):
    from bot import telegram_bot

    def broken(self, *args):
        raise RuntimeError("boom")

    monkeypatch.setattr(telegram_bot.FilmBot, "answer", broken)
    reply = await reply_to(bot, "mirror")
    assert reply["text"] == telegram_bot.SOMETHING_WRONG
    assert any("update" in r.getMessage() and "boom" in r.getMessage() for r in caplog.records)
    monkeypatch.undo()
    assert "Tarkovsky" in (await reply_to(bot, "who directed mirror"))["text"]


def run_cli(env_extra: dict[str, str], timeout: float = 20) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_", "FILM_BOT_"))}
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"], env=env, capture_output=True, text=True, timeout=timeout
    )


def test_missing_token_is_one_line_and_exit_2():
    done = run_cli({})
    assert done.returncode == 2
    assert "TELEGRAM_BOT_TOKEN" in done.stderr and "@BotFather" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_film_bot_run_polls_and_never_logs_the_token(api: FakeBotAPI, tmp_path: Path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_BASE_URL": api.base_url,
        "LOG_LEVEL": "DEBUG",
        "FILM_BOT_RATE_PER_SECOND": "0",
        "XDG_STATE_HOME": str(tmp_path),  # where the default SQLite file goes
    }
    process = BotProcess(env)
    try:
        api.send_message("who directed mirror")
        assert api.wait_for(lambda a: len(a.sent_messages(CHAT)) == 1, timeout=20)
        assert "Tarkovsky" in api.sent_messages(CHAT)[0]["text"]
    finally:
        out, err = process.stop(timeout=20)
    assert process.returncode == 0
    assert TOKEN not in out + err and TOKEN.split(":")[1] not in out + err
    assert "getUpdates" in err or "Application started" in err  # DEBUG logging did happen
    assert (tmp_path / "film-bot" / "chats.sqlite3").is_file()  # chat state, created on first start


def test_webhook_mode_needs_a_secret():
    done = run_cli({"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_URL": "https://example.org/hook"})
    assert done.returncode == 2 and "WEBHOOK_SECRET" in done.stderr


async def test_each_callback_is_answered_once(bot: FakeBotAPI):
    card = await reply_to(bot, "/film circus")
    bot.press_button(card["message_id"], "cast:circus:en")
    assert await bot.await_for(lambda a: len(a.sent_messages(CHAT)) == 2)
    refused = [c for c in bot.calls_of("answerCallbackQuery") if c.status != 200]
    assert refused == [] and json.dumps(bot.callback_answers)


async def test_a_reply_to_a_card_is_about_that_film(bot: FakeBotAPI):
    card = await reply_to(bot, "/film the voice")
    reply = await reply_to(bot, "who directed it?", reply_to_message_id=card["message_id"])
    assert reply["text"] == "The Voice (1982) was directed by Ilya Averbakh."
    reply = await reply_to(bot, "/fact", reply_to_message_id=card["message_id"])
    assert reply["text"].startswith("A fact about The Voice (1982)")


async def test_and_another_film_asks_the_chats_last_question_of_it(bot: FakeBotAPI):
    """What was last asked is part of the chat's topic, kept in the store between updates."""
    await reply_to(bot, "who directed Mirror?")
    reply = await reply_to(bot, "and Circus?")
    assert reply["text"].startswith("Circus (1936) was directed by Grigori Aleksandrov")
    reply = await reply_to(bot, "а Весна?")
    assert reply["text"] == "Режиссёр фильма «Весна» (1947) — Григорий Александров."


async def test_a_film_the_catalogue_lacks_offers_the_one_it_begins_with_as_a_button(bot: FakeBotAPI):
    reply = await reply_to(bot, "who directed mirror for a hero")
    assert (
        reply["text"].startswith("I don't have “mirror for a hero”")
        and "Did you mean Mirror (1975)?" in reply["text"]
    )
    assert buttons(reply) == {"Mirror (1975)": "card:mirror:en"}
    before = len(bot.sent_messages(CHAT))
    bot.press_button(reply["message_id"], "card:mirror:en")
    assert await bot.await_for(lambda a: len(a.sent_messages(CHAT)) > before)
    assert bot.sent_messages(CHAT)[-1]["text"].startswith("Mirror (Зеркало), 1975")
