"""Conversations: what a chat is talking about, through the real Application and the fake Bot API."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import AsyncIterator

import pytest
from conftest import Clock, sqlite_url, test_settings
from fake_bot_api import FakeBotAPI
from test_telegram import reply_to

from bot.brain import Answer, Brain, Topic
from bot.chats import TOPIC_SECONDS, topic_after
from bot.service import build_application, polling
from bot.store import Store, migrate

CHAT, OTHER_CHAT = 1001, 1002


@pytest.fixture
async def talk(api: FakeBotAPI, brain: Brain, clock: Clock) -> AsyncIterator[FakeBotAPI]:
    url = sqlite_url()
    await migrate(url)
    api.database_url = url  # type: ignore[attr-defined]  # for tests that wait for a write
    async with polling(build_application(test_settings(api), brain, Store(url, clock=clock))):
        yield api


async def topic_written(api: FakeBotAPI, clock: Clock, chat_id: int = CHAT) -> None:
    """Wait until the chat's topic, as of the clock's now, is in the database: the bot writes it
    just after it sends the reply, and a test that moves the clock must not move it in between."""
    import sqlite3

    path = api.database_url.removeprefix("sqlite:///")  # type: ignore[attr-defined]
    until = (clock.now + dt.timedelta(seconds=TOPIC_SECONDS)).replace(tzinfo=None)

    def written(_: FakeBotAPI) -> bool:
        with sqlite3.connect(path) as conn:
            row = conn.execute("SELECT topic_until FROM chats WHERE chat_id = ?", (chat_id,)).fetchone()
        return row is not None and row[0] is not None and dt.datetime.fromisoformat(row[0]) >= until

    assert await api.await_for(written), "the topic was never written"


async def test_a_follow_up_is_about_the_film_just_shown(talk: FakeBotAPI) -> None:
    assert (await reply_to(talk, "/film mirror"))["text"].startswith("Mirror (Зеркало)")
    assert "Andrei Tarkovsky" in (await reply_to(talk, "who directed it?"))["text"]
    assert "1975" in (await reply_to(talk, "а когда он вышел?"))["text"]
    assert "Margarita Terekhova" in (await reply_to(talk, "and who's in it"))["text"]


async def test_a_follow_up_about_the_person_lists_their_films(talk: FakeBotAPI) -> None:
    await reply_to(talk, "who directed springtime")
    reply = await reply_to(talk, "what else did he make?")
    assert "Grigori Aleksandrov in the catalogue" in reply["text"] and "Circus" in reply["text"]


async def test_the_topic_expires(talk: FakeBotAPI, clock: Clock) -> None:
    await reply_to(talk, "/film mirror")
    await topic_written(talk, clock)
    clock.advance(seconds=TOPIC_SECONDS - 1)
    assert "Andrei Tarkovsky" in (await reply_to(talk, "who directed it?"))["text"]
    await topic_written(talk, clock)
    clock.advance(seconds=TOPIC_SECONDS + 1)  # the answer above set it again; now it has run out
    reply = await reply_to(talk, "who directed it?")
    assert "directed by" not in reply["text"] and "/film" in reply["text"]  # the help, not a guess


async def test_a_reply_to_an_older_card_is_about_that_card(talk: FakeBotAPI) -> None:
    mirror = await reply_to(talk, "/film mirror")
    await reply_to(talk, "/film circus")
    reply = await reply_to(talk, "who directed it?", reply_to_message_id=mirror["message_id"])
    assert "Andrei Tarkovsky" in reply["text"]
    # and the chat now talks about Mirror again
    assert "1975" in (await reply_to(talk, "when did it come out"))["text"]


async def test_two_chats_do_not_share_what_they_talk_about(talk: FakeBotAPI) -> None:
    await reply_to(talk, "/film mirror", chat_id=CHAT)
    reply = await reply_to(talk, "who directed it?", chat_id=OTHER_CHAT)
    assert "directed by" not in reply["text"]
    assert "Andrei Tarkovsky" in (await reply_to(talk, "who directed it?", chat_id=CHAT))["text"]


async def test_a_film_not_in_the_catalogue_ends_the_topic(talk: FakeBotAPI) -> None:
    await reply_to(talk, "/film mirror")
    assert "don't have" in (await reply_to(talk, "what about Stalker?"))["text"]
    assert "directed by" not in (await reply_to(talk, "who directed it?"))["text"]


async def test_a_button_makes_its_film_the_topic(talk: FakeBotAPI) -> None:
    card = await reply_to(talk, "/film springtime")
    await reply_to(talk, "/film mirror")
    talk.press_button(card["message_id"], "cast:springtime:en")
    assert await talk.await_for(lambda a: any("Lyubov Orlova" in m["text"] for m in a.sent_messages(CHAT)))
    assert "1947" in (await reply_to(talk, "what year is it from?"))["text"]


# --- the memory alone -------------------------------------------------------------------------


def test_the_topic_after_an_answer(brain: Brain) -> None:
    mirror, day = Topic(film="mirror"), dt.date(2026, 12, 6)

    def answer(text: str, topic: Topic | None = mirror) -> Answer:
        return brain.answer(text, day, random.Random(0), context=topic)

    assert topic_after(answer("who directed circus"), mirror) == Topic(film="circus", asked="director")
    assert topic_after(answer("films by Vertov"), mirror) == Topic(person="Dziga Vertov")
    # a person with one film here: it is the film talked about too
    assert topic_after(answer("films by Kalatozov"), mirror) == Topic(
        "cranes-are-flying", "Mikhail Kalatozov"
    )
    # a list of films ends the topic: "who directed it?" after it is about none of them
    assert topic_after(answer("/films"), mirror) is None
    assert topic_after(answer("films of 1982"), mirror) is None
    # a year's one film is the film talked about
    assert topic_after(answer("films of the 50s"), mirror) == Topic(film="cranes-are-flying")
    assert topic_after(answer("hi"), mirror) == mirror
    assert topic_after(answer("who directed Stalker"), mirror) is None


@pytest.mark.parametrize(
    ("first", "then", "film_ids"),
    [
        ("who directed springtime?", "what else did he direct?", ["circus", "springtime"]),
        ("кто снимался в астеническом синдроме", "а другие фильмы режиссёра?", ["asthenic-syndrome"]),
        ("what's the voice about", "any other films by him?", ["voice"]),
    ],
)
def test_what_else_after_a_film_is_its_directors_films(
    brain: Brain, first: str, then: str, film_ids: list[str]
) -> None:
    """ "what else" outweighs the "direct" beside it: the director's films, not the director again."""
    day = dt.date(2026, 12, 6)
    answer = brain.answer(then, day, context=topic_after(brain.answer(first, day), None))
    assert (answer.intent, [f.id for f in answer.films]) == ("filmography", film_ids)


def test_after_a_random_film_another_one_is_another_random_film(brain: Brain) -> None:
    day = dt.date(2026, 12, 6)
    shown = brain.answer("recommend something", day, random.Random(1))
    for text in ("another one pls", "давай другой", "one more"):
        answer = brain.answer(text, day, random.Random(1), context=topic_after(shown, None))
        assert answer.intent == "random" and answer.films != shown.films, text


def test_after_a_persons_films_a_question_about_it_is_about_their_film(brain: Brain) -> None:
    """ "what else did he make?", then "а когда он вышел?": their one film here, or which one?"""
    day = dt.date(2026, 12, 6)
    topic = topic_after(brain.answer("what else did Kalatozov make", day), None)
    year = brain.answer("а когда он вышел?", day, context=topic)
    assert (year.intent, [f.id for f in year.films]) == ("year", ["cranes-are-flying"])
    topic = topic_after(brain.answer("films by Vertov", day), None)
    which = brain.answer("when did it come out?", day, context=topic)
    assert which.intent == "clarify"
    assert {f.id for f in which.films} == {"man-with-a-movie-camera", "kino-eye"}
    # an actor's one film: "what else did she do?" is still hers, not its director's
    topic = topic_after(brain.answer("Lyudmila Gurchenko", day), None)
    more = brain.answer("what else did she do", day, context=topic)
    assert (more.intent, more.person) == ("filmography", "Lyudmila Gurchenko")


@pytest.mark.parametrize("text", ["а ещё что он снял?", "что еще он снял", "what else did he make"])
def test_what_else_the_director_of_the_film_in_context_made(brain: Brain, text: str) -> None:
    answer = brain.answer(text, dt.date(2026, 12, 6), context=Topic(film="beginning"))
    assert (answer.intent, answer.person) == ("filmography", "Gleb Panfilov"), text


@pytest.mark.parametrize(
    "text", ["fun fact?", "tell me a fact", "а факт?", "интересный факт?", "any fun fact about it?"]
)
def test_a_fact_asked_after_a_film_is_about_that_film(brain: Brain, text: str) -> None:
    answer = brain.answer(text, dt.date(2026, 12, 6), random.Random(1), context=Topic(film="mirror"))
    assert (answer.intent, [f.id for f in answer.films]) == ("fact", ["mirror"]), text


def test_a_random_fact_stays_random_with_a_film_in_context(brain: Brain) -> None:
    films = {
        brain.answer(
            "a random fact pls", dt.date(2026, 12, 6), random.Random(seed), context=Topic(film="mirror")
        )
        .films[0]
        .id
        for seed in range(20)
    }
    assert len(films) > 3


@pytest.mark.parametrize(
    "text",
    [
        "any other films by the same director?",
        "а ещё фильмы этого режиссёра есть?",
        "какие у него фильмы есть?",
    ],
)
def test_the_films_of_the_person_in_context(brain: Brain, text: str) -> None:
    for topic in (Topic(film="man-with-a-movie-camera"), Topic(person="Dziga Vertov")):
        answer = brain.answer(text, dt.date(2026, 12, 6), context=topic)
        assert (answer.intent, answer.person) == ("filmography", "Dziga Vertov"), (text, topic)


def test_is_it_about_cinema_answers_with_the_films_note_on_it(brain: Brain) -> None:
    from bot.render import PLAIN, render

    springtime = brain.catalog.by_id["springtime"]
    answer = brain.answer("is it about cinema?", dt.date(2026, 12, 6), context=Topic(film="springtime"))
    assert (answer.intent, answer.films, answer.cinema_only) == ("about", (springtime,), True)
    assert springtime.cinema_note in render(answer, PLAIN, 22)
    named = brain.answer("Цирк про кино?", dt.date(2026, 12, 6))
    assert named.intent == "about" and named.cinema_only and named.films[0].id == "circus"
    assert named.films[0].ru.cinema_note in render(named, PLAIN, 22)
    # with no film in context it still lists the films about cinema
    assert brain.answer("which films are about cinema?", dt.date(2026, 12, 6)).intent == "list"


@pytest.mark.parametrize(
    ("first", "then", "intent", "film"),
    [
        ("who directed mirror?", "and circus?", "director", "circus"),
        ("who directed mirror?", "what about the voice", "director", "voice"),
        ("когда вышло Зеркало?", "а Весна?", "year", "springtime"),
        ("кто играл в Иронии судьбы?", "а в Зеркале?", "cast", "mirror"),
        ("kto snyal zerkalo", "a tsirk?", "director", "circus"),
        ("is mirror about cinema?", "and springtime?", "about", "springtime"),
        # a card asked nothing to ask again; a message with its own question asks that
        ("tell me about circus", "and the voice?", "film", "voice"),
        ("who directed mirror?", "and when did circus come out?", "year", "circus"),
        # not a continuation: a title alone gets its card, its own article included
        ("who directed mirror?", "circus", "film", "circus"),
        ("when did the beginning come out?", "A Slave of Love", "film", "slave-of-love"),
    ],
)
def test_and_another_film_asks_the_last_question_again(
    brain: Brain, first: str, then: str, intent: str, film: str
) -> None:
    day = dt.date(2026, 12, 6)
    topic = topic_after(brain.answer(first, day), None)
    answer = brain.answer(then, day, context=topic)
    assert (answer.intent, [f.id for f in answer.films]) == (intent, [film]), (first, then)
