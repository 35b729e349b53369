"""Answers in the asker's language: the message catalogues, Russian answers, and Telegram in Russian."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from conftest import test_settings
from fake_bot_api import FakeBotAPI
from test_telegram import buttons, reply_to

from bot.brain import Brain
from bot.messages import LANGUAGES, date_text, missing, ntr, tr
from bot.render import PLAIN, render
from bot.service import build_application, polling
from bot.telegram_bot import COMMANDS

CHAT = 1001
DAY = dt.date(2026, 12, 6)
LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")


def test_every_message_the_code_says_has_a_russian_translation() -> None:
    assert missing("ru") == []


@pytest.mark.parametrize(
    ("n", "form"), [(1, "фильм"), (3, "фильма"), (11, "фильмов"), (21, "фильм"), (22, "фильма")]
)
def test_russian_plural_forms(n: int, form: str) -> None:
    said = ntr("ru", "All {n} film in the catalogue:", "All {n} films in the catalogue:", n).format(n=n)
    assert said == f"Весь каталог — {n} {form}:"


def test_dates_read_naturally_in_each_language() -> None:
    assert date_text("ru", DAY) == "6 декабря 2026"
    assert date_text("en", DAY) == "6 December 2026"


def test_an_unknown_language_says_the_messages_as_written() -> None:
    assert tr("xx", "Another fact") == "Another fact"


# Russian words only, apart from names that have no Russian form and the bot's commands
RUSSIAN_QUESTIONS = [
    "кто снял Летят журавли?",
    "привет! когда вышла Ирония судьбы?",
    "о чём фильм Голос",
    "кто играет в Покровских воротах",
    "интересный факт про Цирк плиз",
    "фильмы Тарковского",
    "фильмы 80-х",
    "какие фильмы о кино",
    "посоветуй что-нибудь",
    "фильм дня",
    "есть у тебя Сталкер?",
    "kto snyal zerkalo",
    "o chem film vesna",
    "человек",
]
ENGLISH_QUESTIONS = [
    "who directed The Cranes Are Flying?",
    "hi! when did the irony of fate come out?",
    "what is Голос about",
    "fun fact about circus pls",
    "films by Tarkovsky",
    "do you have Stalker?",
]


@pytest.mark.parametrize("question", RUSSIAN_QUESTIONS)
def test_a_russian_question_gets_a_russian_answer(brain: Brain, question: str) -> None:
    answer = brain.answer(question, DAY, random.Random(1))
    text = render(answer, PLAIN, 22)
    assert answer.lang == "ru", question
    # Latin words left are the film's other title in brackets, a person without a Russian
    # name in the catalogue, or a command: never the answer's own words
    leftovers = set(LATIN_WORD.findall(re.sub(r"/\w+|\([^)]*\)", " ", text))) - {"Isidor", "Simkov"}
    assert not leftovers, (question, leftovers)


@pytest.mark.parametrize("question", ENGLISH_QUESTIONS)
def test_an_english_question_gets_an_english_answer(brain: Brain, question: str) -> None:
    answer = brain.answer(question, DAY, random.Random(1))
    text = render(answer, PLAIN, 22)
    assert answer.lang == "en", question
    assert not re.search("[а-яё]", re.sub(r"\([^)]*\)|“[^”]*”", " ", text).lower()), (question, text)


def test_a_film_without_russian_text_says_so_in_russian(brain: Brain) -> None:
    import dataclasses

    film = dataclasses.replace(brain.catalog.by_id["mirror"], ru=None)
    answer = dataclasses.replace(brain.answer("зеркало", DAY), films=(film,))
    text = render(answer, PLAIN, 22)
    assert film.description in text and "только на английском" in text


# --- Telegram ---------------------------------------------------------------------------------


@pytest.fixture
async def bot_ru(api: FakeBotAPI, brain: Brain):
    async with polling(build_application(test_settings(api), brain)):
        yield api


async def test_a_russian_question_gets_a_russian_card_with_russian_buttons(bot_ru: FakeBotAPI) -> None:
    card = await reply_to(bot_ru, "расскажи про Зеркало")
    assert card["text"].startswith("Зеркало (Mirror), 1975") and "Режиссёр: Андрей Тарковский" in card["text"]
    labels = buttons(card)
    assert {"Ещё факт", "В ролях", "Тарковский: другие фильмы", "Случайный фильм"} <= set(labels)
    assert labels["Ещё факт"].endswith(":ru")
    bot_ru.press_button(card["message_id"], labels["Ещё факт"])
    assert await bot_ru.await_for(lambda a: a.bot_message(CHAT, card["message_id"])["text"] != card["text"])
    edited = bot_ru.bot_message(CHAT, card["message_id"])
    assert edited["text"].startswith("Зеркало (Mirror)") and "Факт:" in edited["text"]
    assert "Ещё факт" in buttons(edited)
    bot_ru.press_button(card["message_id"], labels["В ролях"])
    assert await bot_ru.await_for(
        lambda a: any("Маргарита Терехова" in m["text"] for m in a.sent_messages(CHAT))
    )


async def test_language_command_switches_answers_and_buttons(bot_ru: FakeBotAPI) -> None:
    assert "по-русски" in (await reply_to(bot_ru, "/language ru"))["text"]
    menu = [c.params for c in bot_ru.calls_of("setMyCommands") if c.params.get("scope")]
    assert menu[-1]["scope"] == {"type": "chat", "chat_id": CHAT}  # this chat's menu, in Russian
    assert menu[-1]["commands"][0]["description"] == "карточка фильма: /film зеркало"
    card = await reply_to(bot_ru, "/film mirror")  # says no language: the chat's choice
    assert card["text"].startswith("Зеркало (Mirror)") and "Ещё факт" in buttons(card)
    assert (await reply_to(bot_ru, "/language en"))["text"] == "I will answer in English."
    card = await reply_to(bot_ru, "кто снял зеркало")  # the chat's choice wins over the message
    assert card["text"] == "Mirror (1975) was directed by Andrei Tarkovsky."
    card = await reply_to(bot_ru, "/film зеркало")
    assert card["text"].startswith("Mirror (Зеркало)") and "Another fact" in buttons(card)
    menu = [c.params for c in bot_ru.calls_of("setMyCommands") if c.params.get("scope")]
    assert menu[-1]["commands"][0]["description"] == "a film's card: /film mirror"
    await reply_to(bot_ru, "/language auto")
    deleted = bot_ru.calls_of("deleteMyCommands")
    assert deleted and deleted[-1].params["scope"] == {"type": "chat", "chat_id": CHAT}
    assert (await reply_to(bot_ru, "кто снял зеркало"))["text"].startswith("Режиссёр фильма «Зеркало»")
    assert "/language ru" in (await reply_to(bot_ru, "/language fr"))["text"]


async def test_a_telegram_user_whose_language_is_russian_gets_russian_help(bot_ru: FakeBotAPI) -> None:
    bot_ru.user_languages[CHAT] = "ru"
    reply = await reply_to(bot_ru, "/start")
    assert reply["text"].startswith("Я отвечаю на вопросы о 22 советских фильмах")
    bot_ru.user_languages[CHAT] = "en"
    assert (await reply_to(bot_ru, "/start"))["text"].startswith("I answer questions about 22 Soviet films")


async def test_the_command_menu_and_descriptions_are_set_in_every_language(bot_ru: FakeBotAPI) -> None:
    calls = bot_ru.calls_of("setMyCommands")
    by_language = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert set(by_language) == {None, *LANGUAGES[1:]}
    assert [c["command"] for c in by_language["ru"]] == [name for name, _ in COMMANDS]
    assert by_language["ru"][0]["description"] == "карточка фильма: /film зеркало"
    described = {c.params.get("language_code") for c in bot_ru.calls_of("setMyDescription")}
    assert described == {None, "ru"}


@pytest.mark.parametrize(
    ("title", "lang"),
    [
        ("Ironiya sudby", "ru"),
        ("Printsessa tsirka", "ru"),
        ("zerkalo", "ru"),
        ("Mirror", "en"),
        ("circus", "en"),
    ],
)
def test_a_bare_title_typed_as_the_russian_title_is_russian(brain: Brain, title: str, lang: str) -> None:
    assert brain.answer(title, DAY).lang == lang


def test_an_english_title_whose_words_read_as_russian_too_stays_english(brain: Brain) -> None:
    assert brain.answer("Kino-Eye", DAY).lang == "en"  # "kino" is "кино", but "eye" is no word of «Кино-глаз»


def test_every_english_title_is_answered_in_english_and_every_russian_one_in_russian(brain: Brain) -> None:
    for film in brain.catalog:
        assert brain.answer(film.title, DAY).lang == "en", film.title
        assert brain.answer(film.original_title, DAY).lang == "ru", film.original_title
