"""What a message asks: every intent, in English and Russian, as words and as commands."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace

import pytest

from bot.brain import Answer, Brain
from bot.catalog import load_catalog
from bot.intents import CUES, INTENTS, LEXICON, Cues, command, find_cues, find_years, tokens
from bot.render import PLAIN, render
from bot.text import has_cyrillic

DAY = dt.date(2026, 3, 1)
ALL_IDS = [f.id for f in load_catalog()]


@pytest.fixture(scope="module")
def brain() -> Brain:
    return Brain(load_catalog())


def ask(brain: Brain, text: str, seed: int = 1) -> Answer:
    return brain.answer(text, DAY, random.Random(seed))


def lacked(brain: Brain, text: str) -> Answer:
    """The answer to a message about a film the catalogue lacks: not found, naming no film."""
    answer = ask(brain, text)
    assert (answer.intent, answer.films) == ("not_found", ()), text
    return answer


def lacked_offering(brain: Brain, text: str, typed: str, offered: str) -> None:
    """Not found, quoting what was typed, and offering the catalogue film `offered`."""
    answer = lacked(brain, text)
    assert answer.subject == typed and answer.suggestion is not None and answer.suggestion.id == offered


def check(brain: Brain, text: str, intent: str, film_ids: list[str]) -> None:
    answer = ask(brain, text)
    assert (answer.intent, [f.id for f in answer.films]) == (intent, film_ids), text


def test_intent_names_are_exactly_the_documented_ones() -> None:
    assert set(INTENTS) == {
        "film", "director", "year", "fact", "about", "cast", "filmography",
        "by_year", "list", "random", "today", "help", "clarify", "not_found",
    }  # fmt: skip


# --- film -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("Springtime", "springtime"),
        ("tell me about the mirror", "mirror"),
        ("info on springtime", "springtime"),
        ("what do you know about the beginning", "beginning"),
        ("расскажи про голос", "voice"),
        ("расскажи о фильме весна", "springtime"),
        ("найди зеркало", "mirror"),
        ("the movie the voice", "voice"),
        ("фильм зеркало", "mirror"),
        ("/film cranes", "cranes-are-flying"),
        ("/film голос", "voice"),
        ("/film@some_bot the voice", "voice"),
    ],
)
def test_film(brain: Brain, text: str, film_id: str) -> None:
    check(brain, text, "film", [film_id])


@pytest.mark.parametrize(("film_id"), ["mirror", "kino-eye", "man-from-the-boulevard-des-capucines"])
def test_start_with_a_film_id_is_a_deep_link_to_its_card(brain: Brain, film_id: str) -> None:
    check(brain, f"/start {film_id}", "film", [film_id])
    assert command(f"/start {film_id}").film_id == film_id  # type: ignore[union-attr]


def test_start_with_an_unknown_film_id_is_not_found(brain: Brain) -> None:
    check(brain, "/start no-such-film", "not_found", [])


# --- director ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("who directed mirror", "mirror"),
        ('Who directed "The Voice"?', "voice"),
        ("WHO DIRECTED KINO EYE???", "kino-eye"),
        ("who made the cranes are flying", "cranes-are-flying"),
        ("who's the director of slave of love", "slave-of-love"),
        ("who was the director of circus princess", "circus-princess"),
        ("Who filmed Man with a Movie Camera?", "man-with-a-movie-camera"),
        ("who shot twenty days without war", "twenty-days-without-war"),
        ("who directed the movie springtime", "springtime"),
        ("director of kino-eye", "kino-eye"),
        ("blonde around the corner director", "blonde-around-the-corner"),
        ("Please, who directed The Cranes Are Flying?", "cranes-are-flying"),
        ("can you tell me who directed the beginning", "beginning"),
        ("кто снял зеркало", "mirror"),
        ("кто режиссёр фильма голос", "voice"),
        ("кто режиссер иронии судьбы", "irony-of-fate"),
        ("режиссер летят журавли", "cranes-are-flying"),
        ("кто поставил голос", "voice"),
        ("подскажите кто снял весну", "springtime"),
        ("/director voice", "voice"),
    ],
)
def test_director(brain: Brain, text: str, film_id: str) -> None:
    check(brain, text, "director", [film_id])


# --- year -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("when did mirror come out", "mirror"),
        ("when was the voice released", "voice"),
        ("what year was circus made", "circus"),
        ("which year is springtime from", "springtime"),
        ("when did the irony of fate premiere", "irony-of-fate"),
        ("when was kino eye released?", "kino-eye"),
        ("release year of the beginning", "beginning"),
        ("mirror release date", "mirror"),
        ("когда вышла раба любви", "slave-of-love"),
        ("в каком году вышел фильм весна", "springtime"),
        ("в каком году сняли зеркало", "mirror"),
        ("год выхода цирк", "circus"),
        ("/year circus", "circus"),
    ],
)
def test_year(brain: Brain, text: str, film_id: str) -> None:
    check(brain, text, "year", [film_id])


# --- fact ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("fun fact about springtime", "springtime"),
        ("fact about kino eye", "kino-eye"),
        ("trivia about the voice", "voice"),
        ("give me a fact about circus", "circus"),
        ("tell me something interesting about circus", "circus"),
        ("fun facts about the mirror", "mirror"),
        ("интересный факт о фильме цирк", "circus"),
        ("факт про голос", "voice"),
        ("что интересного о фильме весна", "springtime"),
        ("/fact cranes", "cranes-are-flying"),
        ("/fact зеркало", "mirror"),
        ("/FACT voice", "voice"),
    ],
)
def test_fact(brain: Brain, text: str, film_id: str) -> None:
    check(brain, text, "fact", [film_id])


# --- about --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("what is springtime about", "springtime"),
        ("what is the mirror about?", "mirror"),
        ("what happens in springtime", "springtime"),
        ("plot of the beginning", "beginning"),
        ("synopsis of the voice", "voice"),
        ("the voice plot", "voice"),
        ("о чем фильм раба любви", "slave-of-love"),
        ("о чём фильм голос", "voice"),
        ("про что зеркало", "mirror"),
        ("сюжет весна", "springtime"),
        ("/about voice", "voice"),
    ],
)
def test_about(brain: Brain, text: str, film_id: str) -> None:
    check(brain, text, "about", [film_id])


# --- cast ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("who starred in circus", "circus"),
        ("who plays in irony of fate", "irony-of-fate"),
        ("who acted in mirror", "mirror"),
        ("cast of the voice", "voice"),
        ("actors of slave of love", "slave-of-love"),
        ("the voice cast", "voice"),
        ("cast of kino eye", "kino-eye"),
        ("кто играл в фильме покровские ворота", "pokrovsky-gate"),
        ("кто снимался в весне", "springtime"),
        ("актеры иронии судьбы", "irony-of-fate"),
        ("актёры фильма зеркало", "mirror"),
        ("в ролях весна", "springtime"),
        ("/cast mirror", "mirror"),
    ],
)
def test_cast(brain: Brain, text: str, film_id: str) -> None:
    check(brain, text, "cast", [film_id])


# --- filmography ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_ids"),
    [
        ("films by tarkovsky", ["mirror"]),
        ("Ryazanov films", ["irony-of-fate"]),
        ("Tarkovsky's films", ["mirror"]),
        ("films directed by Mikhail Kalatozov", ["cranes-are-flying"]),
        ("Kira Muratova films", ["asthenic-syndrome"]),
        ("movies with oleg yankovsky", ["mirror", "house-that-swift-built"]),
        ("Andrei Mironov", ["blonde-around-the-corner", "man-from-the-boulevard-des-capucines"]),
        ("Evgeny Leonov", ["house-that-swift-built", "shine-shine-my-star"]),
        ("Vertov", ["man-with-a-movie-camera", "kino-eye"]),
        ("alexandrov", ["circus", "springtime"]),
        ("Ranevskaya", ["springtime"]),
        ("что снял Рязанов", ["irony-of-fate"]),
        ("Дзига Вертов", ["man-with-a-movie-camera", "kino-eye"]),
    ],
)
def test_filmography_lists_all_their_films(brain: Brain, text: str, film_ids: list[str]) -> None:
    # each of these people has exactly these films in the catalogue
    check(brain, text, "filmography", film_ids)


def test_filmography_of_a_director_and_an_actor_in_the_same_film(brain: Brain) -> None:
    answer = ask(brain, "Mikhail Kononov")
    assert answer.intent == "filmography"
    assert answer.person == "Mikhail Kononov"
    assert {f.id for f in answer.films} == {"beginning", "twenty-days-without-war"}


# --- by_year -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("films of 1982", 1982),
        ("1936", 1936),
        ("movies from 1970", 1970),
        ("фильмы 1975 года", 1975),
        ("what films came out in 1989", 1989),
        ("what movies were released in 1984", 1984),
        ("какие фильмы вышли в 1947 году", 1947),
        ("что вышло в 1987 году", 1987),
        ("1970 год", 1970),
        ("films from 1976", 1976),
    ],
)
def test_by_year_lists_every_film_of_that_year(brain: Brain, text: str, year: int) -> None:
    expected = [f.id for f in brain.catalog if year in f.years]
    assert expected, year
    check(brain, text, "by_year", expected)
    assert ask(brain, text).year == year


def test_by_year_counts_the_production_year_too(brain: Brain) -> None:
    # The Pokrovsky Gate was made in 1982 and shown in 1983
    ids = [f.id for f in ask(brain, "films of 1982").films]
    assert {"circus-princess", "house-that-swift-built", "voice", "pokrovsky-gate"} <= set(ids)
    assert "pokrovsky-gate" in [f.id for f in ask(brain, "1983").films]


@pytest.mark.parametrize("text", ["films from 1999", "1953", "фильмы 2020 года"])
def test_by_year_without_films(brain: Brain, text: str) -> None:
    answer = ask(brain, text)
    assert answer.intent in ("by_year", "not_found")
    assert answer.films == ()


# --- list ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "/films",
        "/list",
        "list films",
        "show all films",
        "all movies",
        "what films do you have",
        "what movies do you know",
        "какие фильмы у тебя есть",
        "список фильмов",
        "все фильмы",
        "каталог",
        "фильмы",
    ],
)
def test_list_is_the_whole_catalogue(brain: Brain, text: str) -> None:
    answer = ask(brain, text)
    assert (answer.intent, answer.cinema_only) == ("list", False), text
    assert [f.id for f in answer.films] == ALL_IDS


@pytest.mark.parametrize(
    "text",
    [
        "/films about cinema",
        "which films are about making movies",
        "which of your films are about cinema",
        "какие фильмы про кино",
        "фильмы о кино",
    ],
)
def test_list_of_films_about_cinema(brain: Brain, text: str) -> None:
    answer = ask(brain, text)
    assert (answer.intent, answer.cinema_only) == ("list", True), text
    expected = {f.id for f in brain.catalog if f.cinema_relation in ("strong", "some")}
    assert {f.id for f in answer.films} == expected
    # the films most about cinema come first
    relations = [f.cinema_relation for f in answer.films]
    assert relations == sorted(relations, key=["strong", "some"].index)


# --- random ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "/random",
        "/Random",
        "surprise me",
        "what should I watch tonight",
        "suggest a film",
        "pick a movie",
        "give me a random movie",
        "посоветуй фильм",
        "что посмотреть",
        "посоветуй что-нибудь",
        "случайный",
    ],
)
def test_random(brain: Brain, text: str) -> None:
    answer = ask(brain, text)
    assert answer.intent == "random", text
    assert len(answer.films) == 1 and answer.films[0].id in ALL_IDS


def test_random_follows_the_seed(brain: Brain) -> None:
    picks = {ask(brain, "/random", seed).films[0].id for seed in range(40)}
    assert len(picks) > 5  # not always the same film
    assert ask(brain, "/random", 3) == ask(brain, "/random", 3)


# --- today ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["/today", "/today@film_bot", "film of the day", "today's film", "film for today", "what is the film of the day",
     "фильм дня", "сегодня", "фильм на сегодня"],
)  # fmt: skip
def test_today(brain: Brain, text: str) -> None:
    answer = ask(brain, text)
    assert answer.intent == "today", text
    assert answer.day == DAY
    assert answer.films == (brain.film_of_the_day(DAY).films[0],)


# --- help ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["/help", "/start", "/help me", "hi", "Hi!", "hello there", "good evening", "what can you do",
     "how does this work", "commands", "привет", "Здравствуй!", "добрый вечер", "что ты умеешь",
     "/unknowncommand", "/film", "", "   ",
     # small talk, thanks and goodbyes ask nothing about a film
     "как дела у тебя?", "hey how are you", "how do i use this bot", "thx, that was super helpful",
     "good night bot, talk tomorrow", "спасибо большое, очень помог!", "ну ладно, пока",
     "ты лучший бот", "what's your fav?", "hi, I have homework about Soviet cinema", "are you a robot?",
     "tell me a joke", "Привет! Бабушка просит найти фильм", "здарова бот", "hello there! how are you today?",
     "dyakuyu"],
)  # fmt: skip
def test_help(brain: Brain, text: str) -> None:
    answer = ask(brain, text)
    assert answer.intent == "help", text
    assert answer.films == ()


# --- clarify --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["человек", "chelovek s", "/film человек", "who directed человек"])
def test_clarify_offers_both_close_films(brain: Brain, text: str) -> None:
    answer = ask(brain, text)
    assert answer.intent == "clarify", text
    assert {f.id for f in answer.films} == {"man-with-a-movie-camera", "man-from-the-boulevard-des-capucines"}


# --- not_found -----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["qwertyuiop", "Pulp Fiction 1994", "/film titanic", "Служебный роман"])
def test_not_found(brain: Brain, text: str) -> None:
    check(brain, text, "not_found", [])


# --- the parser alone -----------------------------------------------------------------------------


def asked(text: str) -> str | None:
    """The heaviest intent the cue table reads in `text`, names left in."""
    toks = tokens(text)
    return Cues(find_cues(toks, [True] * len(toks))).best(set(INTENTS) | {"cinema"})


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("who directed The Voice?", "director"),
        ("Кто снял «Зеркало»?", "director"),
        ("when did circus come out", "year"),
        ("когда сняли Гори, гори, моя звезда?", "year"),  # "когда" asks; "сняли" only says of what
        ("fun fact about springtime", "fact"),
        ("what is the mirror about", "about"),
        ("what is the mirror about?", "about"),
        ("cast of the voice", "cast"),
        ("kto snyal zerkalo", "director"),  # Russian typed in Latin letters reads as Russian
        ("film dnya", "today"),  # "film" reads as "фильм" beside a Russian word
        ("give me a random film", "random"),
    ],
)
def test_the_cue_table_reads_what_is_asked(text: str, intent: str) -> None:
    assert asked(text) == intent, text


def test_a_stranded_about_asks_what_a_film_is_about() -> None:
    # "about" ends the question: stronger than "actors" in a remark after it
    assert asked("Mirror, what is it about? no actors??") == "about"
    assert asked("tell me about Mirror and its actors") == "cast"


@pytest.mark.parametrize(
    ("word", "reads_as"),
    [
        # a common word of its own is not a slip of the table word a letter away
        ("wars", ""),
        ("mary", ""),
        ("heart", ""),
        ("огни", ""),
        ("лето", ""),
        ("осень", ""),
        # but forms of one word are one word, and a typo is a typo
        ("star", "stars"),
        ("смотрим", "смотрел"),
        ("directer", "directed"),
        ("режисер", "режисс"),
    ],
)
def test_a_word_of_its_own_is_no_slip(word: str, reads_as: str) -> None:
    assert tokens(word)[0].read == reads_as, word


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("who directed the shining", "the shining"),
        ("when was white heat released", "white heat"),
        ("a quiet place cast", "a quiet place"),
        ("what year is small soldiers from", "small soldiers"),
        ("кто снял фильм осень", "осень"),
    ],
)
def test_a_missing_title_of_common_words_is_quoted_whole(brain: Brain, text: str, typed: str) -> None:
    """Its words were read as slips of the question's ("shining" as "singing", «осень» as
    «очень»): the reply named a part of the title, or none."""
    assert lacked(brain, text).subject == typed


@pytest.mark.parametrize(
    ("word", "reads_as"),
    [
        ("direted", "directed"),
        ("когд", "когда"),
        ("kogda", "когда"),
        ("режисер", "режисс"),
        ("filmy", "фильмы"),
    ],
)
def test_a_slip_or_a_transliteration_reads_as_the_table_word(word: str, reads_as: str) -> None:
    token = tokens(f"kto {word}" if word == "filmy" else word)[-1]
    assert token.read.startswith(reads_as), (word, token.read)


def test_the_cue_table_is_plain_words() -> None:
    # every intent of the table is one the bot answers, or one of the documented word kinds
    kinds = set(INTENTS) | {
        "cinema",
        "pronoun",
        "generic",
        "chat",
        "request",
        "chatter",
        "sequel",
        "thanks",
        "bye",
    }
    assert {c.intent for c in CUES} <= kinds
    assert all(w and w == w.lower() and " " not in w for c in CUES for w in c.words)
    assert "режисс" not in LEXICON.words and LEXICON.knows("режиссера")  # a stem is no word of its own


def test_years_and_decades() -> None:
    def whens(text: str) -> list[tuple[int, bool]]:
        return [(w.year, w.decade) for w in find_years(tokens(text))]

    assert whens("films of 1982") == [(1982, False)]
    assert whens("фильмы 1957 года") == [(1957, False)]
    assert whens("nineteen seventy five") == [(1975, False)]
    assert whens("80s films") == [(1980, True)]
    assert whens("фильмы 80-х") == [(1980, True)]
    assert whens("20 days without war") == []  # two digits are a year only when the words say so


def test_commands() -> None:
    assert command("who directed mirror") is None
    assert command("/random").intent == "random"  # type: ignore[union-attr]
    assert command("/films@film_bot about cinema") == command("/films about cinema")
    assert command("/fact mirror").argument == "mirror"  # type: ignore[union-attr]
    assert command("/start mirror").film_id == "mirror"  # type: ignore[union-attr]
    assert command("/start").film_id is None  # type: ignore[union-attr]
    assert command("/nonsense x").intent == "help"  # type: ignore[union-attr]


def test_parse_years(brain: Brain) -> None:
    assert (ask(brain, "films of 1982").intent, ask(brain, "films of 1982").year) == ("by_year", 1982)
    assert ask(brain, "фильмы 1957 года").year == 1957
    assert ask(brain, "1924").intent == "by_year"


def test_commands_without_arguments(brain: Brain) -> None:
    assert ask(brain, "/random").intent == "random"
    assert ask(brain, "/today").intent == "today"
    assert ask(brain, "/films").intent == "list"
    assert ask(brain, "/films").cinema_only is False
    assert ask(brain, "/films about cinema").cinema_only is True
    assert ask(brain, "/start").intent == "help"


@pytest.mark.parametrize(
    ("text", "intent", "film_id"),
    [
        # courtesy and verbs around a question or a title
        ("do you have the cranes are flying?", "film", "cranes-are-flying"),
        ("есть у вас Покровские ворота?", "film", "pokrovsky-gate"),
        ("хочу посмотреть Иронию судьбы", "film", "irony-of-fate"),
        ("i want to watch the voice", "film", "voice"),
        ("info kino-eye", "film", "kino-eye"),
        ("please tell me who directed the voice", "director", "voice"),
        (
            "Будьте добры, расскажите, о чем Человек с бульвара Капуцинов",
            "about",
            "man-from-the-boulevard-des-capucines",
        ),
        ("tell me what mirror is about", "about", "mirror"),
        # years
        ("в каком году вышли Летят журавли", "year", "cranes-are-flying"),
        ("какого года фильм Человек с бульвара Капуцинов", "year", "man-from-the-boulevard-des-capucines"),
        ("how old is the house that swift built", "year", "house-that-swift-built"),
        # facts, awards among them
        ("интересные факты о Цирке", "fact", "circus"),
        ("расскажи интересный факт про Покровские ворота", "fact", "pokrovsky-gate"),
        ("что интересного известно о фильме Раба любви?", "fact", "slave-of-love"),
        ("did the cranes are flying win any awards?", "fact", "cranes-are-flying"),
        ("какие награды получил Летят журавли", "fact", "cranes-are-flying"),
        # cast
        ("who are the actors in the house that swift built", "cast", "house-that-swift-built"),
        # a title wrapped in chat filler, generic words or a year's "года"
        ("mirror film", "film", "mirror"),
        ("кино Зеркало", "film", "mirror"),
        ("lol irony of fate", "film", "irony-of-fate"),
        ("про Цирк", "film", "circus"),
        ("цирк 1936 года", "film", "circus"),
        ("what about Springtime?", "film", "springtime"),
        ("Ищу фильм Покровские ворота", "film", "pokrovsky-gate"),
        ("Mirror это что за фильм", "film", "mirror"),
        # hedges and particles around a question
        ("не помню кто снял Весну", "director", "springtime"),
        ("I wonder when Irony of Fate came out", "year", "irony-of-fate"),
        ("хм, кто же поставил «Дом, который построил Свифт»", "director", "house-that-swift-built"),
        ("what's Mirror about lol", "about", "mirror"),
        # the question after the title
        ("Mirror was directed by?", "director", "mirror"),
        ("the beginning 1970 who directed", "director", "beginning"),
        ("Зеркало какого года?", "year", "mirror"),
        ("Асенический синдром год выхода", "year", "asthenic-syndrome"),
        # other verbs and nouns
        ("who animated Film Film Film", "director", "film-film-film"),
        ("когда снимали Цирк", "year", "circus"),
        ("kakogo goda blondinka za uglom", "year", "blonde-around-the-corner"),
        ("did Mirror win anything?", "fact", "mirror"),
        ("кто в главной роли в Начале", "cast", "beginning"),
        ("who played the main role in A Slave of Love", "cast", "slave-of-love"),
        ("главные актеры фильма Голос", "cast", "voice"),
        # generic words that make a title, other wordings, ц typed as c
        ("what is film film film about", "about", "film-film-film"),
        ("when was film film film made", "year", "film-film-film"),
        ("the film film film", "film", "film-film-film"),
        ("which director made springtime", "director", "springtime"),
        ("describe the house that swift built", "about", "house-that-swift-built"),
        ("cirk 1936", "film", "circus"),
        # no known wording: cue words say what is asked, the rest names the film
        ("who helmed Mirror?", "director", "mirror"),
        ("когда премьера Иронии судьбы", "year", "irony-of-fate"),
        ("what's the storyline of Mirror", "about", "mirror"),
        ("which actors are in Mirror", "cast", "mirror"),
        ("behind the scenes of The Irony of Fate", "fact", "irony-of-fate"),
        ("The Irony of Fate was made by whom?", "director", "irony-of-fate"),
        ("who directd the pokrovsky gate", "director", "pokrovsky-gate"),
        ("Who directed the 1970 film The Beginning?", "director", "beginning"),
        ("short description of Kino-Eye", "about", "kino-eye"),
        ("who's starring in Circus?", "cast", "circus"),
        ("сколько лет фильму Цирк", "year", "circus"),
        ("кто снял мультфильм Фильм, фильм, фильм", "director", "film-film-film"),
    ],
)
def test_more_ways_to_ask_about_a_film(brain: Brain, text: str, intent: str, film_id: str) -> None:
    answer = ask(brain, text)
    assert (answer.intent, answer.films[0].id if answer.films else None) == (intent, film_id), text


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what else did Ryazanov make?", "filmography"),
        ("что ещё снял Михалков?", "filmography"),
        ("что есть за 1947 год?", "by_year"),
        ("anything from 1957", "by_year"),
        ("мне скучно, посоветуй кино", "random"),
        ("хочу посмотреть что-нибудь", "random"),
        ("any recommendations?", "random"),
        ("рандом", "random"),
        ("расскажи интересный факт", "fact"),
        ("tell me something interesting", "fact"),
        ("весь список", "list"),
        ("как пользоваться ботом", "help"),
        ("tell me who you are", "help"),
        ("что глянуть вечером?", "random"),
        ("recommend smth", "random"),
        ("give me anything", "random"),
        ("im bored, suggest a film", "random"),
        ("which film is today", "today"),
        ("хелп", "help"),
        ("привет бот", "help"),
        ("hi there, what r u", "help"),
        ("а ты что умеешь", "help"),
        ("как тут искать фильм", "help"),
        ("what do i type here", "help"),
        ("скинь список фильмов", "list"),
        ("full list pls", "list"),
        ("I'm feeling lucky", "random"),
        ("daily film", "today"),
        ("команды", "help"),
        ("what can I ask you", "help"),
        ("give me the full list", "list"),
        ("перечисли все фильмы", "list"),
        ("list your movies", "list"),
        ("what's in your catalogue?", "list"),
    ],
)
def test_more_ways_to_ask_without_a_title(brain: Brain, text: str, intent: str) -> None:
    assert ask(brain, text).intent == intent, text


def test_an_optional_preposition_is_a_whole_word(brain: Brain) -> None:
    # "из" once matched the start of "известно", leaving "вестно ..." as the film's name
    check(brain, "что известно о фильме Раба любви", "fact", ["slave-of-love"])
    assert ask(brain, "fact fortune").subject == "fortune"


@pytest.mark.parametrize(
    ("text", "film_ids"),
    [
        ("что ещё есть у Тарковского", ["mirror"]),
        ("с Табаковым что есть", ["shine-shine-my-star", "man-from-the-boulevard-des-capucines"]),
        ("movies w/ Yelena Solovey", ["blonde-around-the-corner", "slave-of-love"]),
        ("Хитрук мультфильмы", ["film-film-film"]),
        ("chto snyal Zakharov", ["house-that-swift-built"]),
        ("в чем снимался Никулин", ["twenty-days-without-war"]),
        # a person's case form in either alphabet
        ("filmy s orlovoy", ["circus", "springtime"]),
        ("s orlovoj", ["circus", "springtime"]),
        ("фильмы с Орловой", ["circus", "springtime"]),
    ],
)
def test_chat_wordings_about_a_person(brain: Brain, text: str, film_ids: list[str]) -> None:
    check(brain, text, "filmography", film_ids)


@pytest.mark.parametrize(
    ("text", "year", "decade"),
    [
        ("фильмы 88 года", 1988, False),
        ("what came out in '57", 1957, False),
        ("список фильмов 1936 года", 1936, False),
        ("фильмы семидесятых", 1970, True),
        ("the thirties", 1930, True),
    ],
)
def test_years_in_two_digits_and_decades_in_words(brain: Brain, text: str, year: int, decade: bool) -> None:
    answer = ask(brain, text)
    assert (answer.intent, answer.year, answer.decade) == ("by_year", year, decade), text


@pytest.mark.parametrize("text", ["20 days without war", "фильм 20 дней без войны"])
def test_two_digits_are_a_year_only_when_the_words_say_so(brain: Brain, text: str) -> None:
    check(brain, text, "film", ["twenty-days-without-war"])


@pytest.mark.parametrize("text", ["фильмы про войну", "кино про любовь и войну", "про любовь"])
def test_a_topic_is_not_a_title_found_by_one_of_its_words(brain: Brain, text: str) -> None:
    # "войну" is a word of "Двадцать дней без войны", but the catalogue is not searched by topic
    assert ask(brain, text).intent != "film", text


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("Ирония судьбы 2", "irony-of-fate"),
        ("кто снял иронию судьбы 2", "irony-of-fate"),
        ("mirror ii", "mirror"),
        ("cold summer of 1954", "cold-summer-of-1953"),
        ("холодное лето 1954", "cold-summer-of-1953"),
        ("who directed cold summer of 1954", "cold-summer-of-1953"),
    ],
)
def test_a_sequel_number_names_a_film_the_catalogue_lacks(brain: Brain, text: str, offered: str) -> None:
    answer = ask(brain, text)
    assert answer.intent == "not_found" and answer.suggestion is not None, text
    assert answer.suggestion.id == offered


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("cold summer of 1953", "cold-summer-of-1953"),
        ("холодное лето 53", "cold-summer-of-1953"),
        ("circus 1936", "circus"),
        ("the irony of fate 1975", "irony-of-fate"),  # made in 1975, shown in 1976
        ("20 days without war", "twenty-days-without-war"),
        ("20 дней без войны", "twenty-days-without-war"),
        ("/film circus:1", "circus"),
    ],
)
def test_a_number_the_title_holds_or_the_films_year_still_finds_the_film(
    brain: Brain, text: str, film_id: str
) -> None:
    check(brain, text, "film", [film_id])


@pytest.mark.parametrize(
    ("text", "intent", "film_id"),
    [
        ("wat is mirror about", "about", "mirror"),
        ("who direted mirror", "director", "mirror"),
        ("when was the cranes are flying realeased", "year", "cranes-are-flying"),
        ("acters in cranes are flying", "cast", "cranes-are-flying"),
        ("когд вышло зеркало", "year", "mirror"),
        ("кто режисер принцессы цирка", "director", "circus-princess"),
        ("про што человек с бульвара капуцинов", "about", "man-from-the-boulevard-des-capucines"),
    ],
)
def test_a_mistyped_asking_word_is_read_as_the_word_it_is_a_slip_from(
    brain: Brain, text: str, intent: str, film_id: str
) -> None:
    check(brain, text, intent, [film_id])


def test_a_mistyped_question_about_a_missing_film_says_what_is_missing(brain: Brain) -> None:
    answer = ask(brain, "wat is stalker about")
    assert answer.intent == "not_found" and answer.films == ()
    assert answer.subject == "stalker" and answer.query == "wat is stalker about"


def test_a_title_own_words_are_not_respelled_into_a_question(brain: Brain) -> None:
    # "tears" is one slip from no asking word, "believe" from none: still not in the catalogue
    answer = ask(brain, "moscow does not believe in tears")
    assert answer.intent == "not_found" and answer.films == ()


@pytest.mark.parametrize(
    ("text", "intent", "film_id"),
    [
        ("circus princess what is it about", "about", "circus-princess"),
        ("irony of fate - what's it about?", "about", "irony-of-fate"),
        ("mirror who stars in it", "cast", "mirror"),
        ("голос когда он вышел", "year", "voice"),
        ("house that swift built when", "year", "house-that-swift-built"),
        ("бумажные глаза пришвина когда вышли", "year", "paper-eyes-of-prishvin"),
    ],
)
def test_a_question_after_the_title_asks_about_the_title(
    brain: Brain, text: str, intent: str, film_id: str
) -> None:
    check(brain, text, intent, [film_id])


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("who voices film film film", "cast"),
        ("кто озвучивал фильм фильм фильм", "cast"),
        ("фильм фильм фильм в каком году", "year"),
        ("кто сделал мультик фильм фильм фильм", "director"),
    ],
)
def test_film_film_film_inside_a_question(brain: Brain, text: str, intent: str) -> None:
    check(brain, text, intent, ["film-film-film"])


@pytest.mark.parametrize(
    ("text", "intent", "film_ids"),
    [
        ("chey film raba lyubvi", "director", ["slave-of-love"]),
        ("god vypuska ironii sudby", "year", ["irony-of-fate"]),
        (
            "gde igral mironov",
            "filmography",
            ["blonde-around-the-corner", "man-from-the-boulevard-des-capucines"],
        ),
        ("sluchaynyy film", "random", None),
        ("kakie filmy est", "list", None),
        ("chto ty umeesh", "help", None),
        ("filmy semidesyatykh", "by_year", ["beginning", "shine-shine-my-star"]),
        ("о чем филм голос", "about", ["voice"]),
    ],
)
def test_russian_typed_in_latin_letters_is_read_as_russian(
    brain: Brain, text: str, intent: str, film_ids: list[str] | None
) -> None:
    answer = ask(brain, text)
    assert answer.intent == intent, text
    assert film_ids is None or set(film_ids) <= {f.id for f in answer.films}, text


@pytest.mark.parametrize("text", ["the man who fell to earth", "kin dza dza", "brat", "solyaris"])
def test_a_missing_film_typed_in_latin_letters_stays_missing(brain: Brain, text: str) -> None:
    answer = ask(brain, text)
    assert answer.intent == "not_found" and answer.films == (), text


@pytest.mark.parametrize(
    ("text", "intent", "film_ids"),
    [
        ("films from nineteen seventy five", "by_year", ["mirror", "irony-of-fate", "slave-of-love"]),
        ("movies from nineteen fifty-seven", "by_year", ["cranes-are-flying"]),
        ("wen was letyat zhuravli made", "year", ["cranes-are-flying"]),
        ("slave of love fun facts", "fact", ["slave-of-love"]),
        ("год фильма двадцать дней без войны", "year", ["twenty-days-without-war"]),
    ],
)
def test_years_in_words_and_other_chat_wordings(
    brain: Brain, text: str, intent: str, film_ids: list[str]
) -> None:
    check(brain, text, intent, film_ids)


@pytest.mark.parametrize(
    ("text", "intent", "film_ids"),
    [
        ("what's asthenic syndrome about? is it depressing", "about", ["asthenic-syndrome"]),
        ("what's paper eyes of prishvin about, sounds weird", "about", ["paper-eyes-of-prishvin"]),
        ("dziga vertov documentaries", "filmography", ["man-with-a-movie-camera", "kino-eye"]),
        ("gimme a fact on cold summer of 1953", "fact", ["cold-summer-of-1953"]),
    ],
)
def test_a_question_with_chatter_around_it(brain: Brain, text: str, intent: str, film_ids: list[str]) -> None:
    check(brain, text, intent, film_ids)


def test_chatter_after_a_missing_film_is_not_read_as_russian(brain: Brain) -> None:
    answer = ask(brain, "stalker? is it good")
    assert answer.intent == "not_found" and answer.films == ()
    assert answer.query == "stalker? is it good" and not has_cyrillic(answer.subject)


@pytest.mark.parametrize(
    ("text", "intent", "film_ids"),
    [
        ("Is Mirror from the 70s?", "year", ["mirror"]),
        ("was circus made in the thirties", "year", ["circus"]),
        ("what is shine shine my star abt", "about", ["shine-shine-my-star"]),
        ("what films r from 1970", "by_year", ["shine-shine-my-star", "beginning"]),
        ("советские фильмы 50-х", "by_year", ["cranes-are-flying"]),
        ("when did Tarkovsky make Mirror", "year", ["mirror"]),
        ("when did film film film come out", "year", ["film-film-film"]),
        ("Who plays Lukashin in Irony of Fate", "cast", ["irony-of-fate"]),
        ("tell me something i dont know about kino eye", "fact", ["kino-eye"]),
        ("KTO REZHISSER TSIRKA", "director", ["circus"]),  # "of the circus", not "Printsessa tsirka"
        ("kto rezhisser printsessy tsirka", "director", ["circus-princess"]),
        ("printsessa tsirka", "film", ["circus-princess"]),
    ],
)
def test_more_chat_wordings(brain: Brain, text: str, intent: str, film_ids: list[str]) -> None:
    check(brain, text, intent, film_ids)


@pytest.mark.parametrize("text", ["что есть в каталоге", "whats in your catalogue"])
def test_what_the_catalogue_holds_is_the_list(brain: Brain, text: str) -> None:
    assert ask(brain, text).intent == "list"


def test_a_random_film_in_slang(brain: Brain) -> None:
    assert ask(brain, "рандомный фильм").intent == "random"


def test_what_are_we_watching_today_is_the_film_of_the_day(brain: Brain) -> None:
    assert ask(brain, "что смотрим сегодня").intent == "today"


@pytest.mark.parametrize(
    ("text", "intent"),
    [("list pls", "list"), ("what can u do", "help"), ("i was wondering who directed the voice", "director")],
)
def test_chat_shorthand_around_a_question(brain: Brain, text: str, intent: str) -> None:
    assert ask(brain, text).intent == intent, text


@pytest.mark.parametrize("text", ["film", "the film", "film film", "фильм"])
def test_generic_words_alone_name_no_film(brain: Brain, text: str) -> None:
    assert ask(brain, text).intent in ("not_found", "help"), text


@pytest.mark.parametrize(
    ("text", "film_ids"),
    [
        (
            "all films with Andrei Mironov",
            ["blonde-around-the-corner", "man-from-the-boulevard-des-capucines"],
        ),
        ("какие фильмы у Рязанова", ["irony-of-fate"]),
        ("everything by Dziga Vertov", ["kino-eye", "man-with-a-movie-camera"]),
    ],
)
def test_a_list_question_that_names_a_person_is_their_filmography(
    brain: Brain, text: str, film_ids: list[str]
) -> None:
    answer = ask(brain, text)
    assert answer.intent == "filmography" and set(film_ids) <= {f.id for f in answer.films}, text


@pytest.mark.parametrize("text", ["The Voice TV show", "who helmed Stalker", "когда премьера Соляриса"])
def test_cue_words_find_no_film_that_is_not_there(brain: Brain, text: str) -> None:
    assert ask(brain, text).intent == "not_found", text


@pytest.mark.parametrize("text", ["who directed", "когда", "cast", "who helmed"])
def test_a_question_with_no_name_in_it_gets_help(brain: Brain, text: str) -> None:
    assert ask(brain, text).intent == "help", text


@pytest.mark.parametrize("text", ["The Godfather", "starry night"])
def test_a_cue_is_a_whole_word_not_the_start_of_one(brain: Brain, text: str) -> None:
    # "god" (год in Latin letters) once matched "godfather", leaving no name and so no answer
    assert ask(brain, text).intent == "not_found", text


def test_a_word_one_slip_from_a_cue_names_no_film(brain: Brain) -> None:
    # "helmet" is one letter from "helmed": read as asking, but it never answers about a film
    assert ask(brain, "the helmet").films == ()


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("Весна на Заречной улице — кто играет?", "Весна на Заречной улице"),
        ("who directed Mirror Crack'd", "Mirror Crack'd"),
        ("Orlova Stalker", "Stalker"),
    ],
)
def test_a_name_that_runs_on_into_unknown_capitalised_words_is_a_title_the_catalogue_lacks(
    brain: Brain, text: str, typed: str
) -> None:
    answer = lacked(brain, text)
    assert typed in answer.subject, answer.subject


@pytest.mark.parametrize(
    ("text", "intent", "film_ids"),
    [
        ("Who plays Lukashin in Irony of Fate", "cast", ["irony-of-fate"]),  # a character, not a title
        ("who directed Slave of Love, was it Mikhalkov?", "director", ["slave-of-love"]),
        ("бабушка обожает Весну, о чем он вообще?", "about", ["springtime"]),  # lowercase chatter
        ("filmy tarkovskogo", "filmography", ["mirror"]),  # a whole name beats a near title
    ],
)
def test_words_beside_a_name_that_are_no_title(
    brain: Brain, text: str, intent: str, film_ids: list[str]
) -> None:
    check(brain, text, intent, film_ids)


@pytest.mark.parametrize(
    "text",
    [
        "о чем Цирк зажигает огни",
        "Зеркало для героя кто снял",
        "tsirk zazhigaet ogni god",
        "o chem moskva slezam ne verit",
    ],
)
def test_a_russian_title_goes_on_in_lowercase_after_its_first_word(brain: Brain, text: str) -> None:
    lacked(brain, text)


@pytest.mark.parametrize(
    ("text", "intent", "film_id"),
    [
        ("сюжет фильма Голос, коротко", "about", "voice"),  # a comma ends the title
        ("когда вышла «Принцесса цирка»? в детстве смотрела раз сто", "year", "circus-princess"),
        ("dziga vertov documentaries", "filmography", "man-with-a-movie-camera"),
    ],
)
def test_a_title_ends_at_a_comma_or_a_closing_quote(
    brain: Brain, text: str, intent: str, film_id: str
) -> None:
    answer = ask(brain, text)
    assert answer.intent == intent and film_id in [f.id for f in answer.films], text


@pytest.mark.parametrize(
    "text",
    [
        "The Mirror Has Two Faces",  # Title Case runs on over small capitalised words
        "voice of the whale",  # "of the" joins a title to what follows
        "A Mirror for a Hero",
        "ирония судьбы. продолжение",  # a sequel
        "Circus of Fear who directed it",
    ],
)
def test_a_longer_title_that_begins_with_a_catalogue_one_is_not_found(brain: Brain, text: str) -> None:
    lacked(brain, text)


@pytest.mark.parametrize("text", ["фильмы Хитрука", "films by khitruk"])
def test_film_words_and_a_persons_name_ask_for_the_persons_films(brain: Brain, text: str) -> None:
    # «Фильм, фильм, фильм» is found by "фильмы" and its director's name, but no title is named
    check(brain, text, "filmography", ["film-film-film"])


@pytest.mark.parametrize(
    ("text", "intent", "film_ids"),
    [
        # the question is the sentence that ends with "?", not a remark with "когда" before it
        (
            "вчера смотрел Холодное лето 53-го, когда студентом был. Так вот вопрос: кто режиссёр?",
            "director",
            ["cold-summer-of-1953"],
        ),
        # the film's own year describes it; it does not ask for it
        ("расскажи про фильм Голос 82 года", "film", ["voice"]),
        # a long run that finds nothing is cut where it went on over unknown words, not inside the title
        (
            "ok so my teacher assigned Man with a Movie Camera for film class, whats it about?",
            "about",
            ["man-with-a-movie-camera"],
        ),
        ("chto est za 1970 god", "by_year", ["shine-shine-my-star", "beginning"]),
    ],
)
def test_long_messages_and_years_beside_a_title(
    brain: Brain, text: str, intent: str, film_ids: list[str]
) -> None:
    answer = ask(brain, text)
    assert answer.intent == intent and set(film_ids) <= {f.id for f in answer.films}, text


@pytest.mark.parametrize(
    ("text", "typed", "offered"),
    [
        ("who directed mirror for a hero", "mirror for a hero", "mirror"),
        ("кто снял зеркало для героя", "зеркало для героя", "mirror"),
        ("кто снял весну на заречной улице", "весну на заречной улице", "springtime"),
        ("what year is spring on zarechnaya street from?", "spring on zarechnaya street", "springtime"),
    ],
)
def test_a_lowercase_title_running_on_past_a_catalogue_title_is_lacked_and_offers_it(
    brain: Brain, text: str, typed: str, offered: str
) -> None:
    """Small words and words the bot does not know after a title make a longer title, typed in
    lowercase as often as not: the catalogue lacks it, and the film it begins with is offered."""
    lacked_offering(brain, text, typed, offered)


@pytest.mark.parametrize(
    ("text", "typed", "offered"),
    [
        ("who created black mirror?", "black mirror", "mirror"),
        ("kto snyal chernoe zerkalo", "chernoe zerkalo", "mirror"),
        ("кто снял семнадцать мгновений весны?", "семнадцать мгновений весны", "springtime"),
        ("королевство кривых зеркал какого года", "королевство кривых зеркал", "mirror"),
        ("chaplin's the circus what year was it released", "chaplin's the circus", "circus"),
        ("almodovar's the human voice, who's in it?", "almodovar's the human voice", "voice"),
        ("the china syndrome what's it about", "the china syndrome", "asthenic-syndrome"),
    ],
)
def test_a_word_describing_a_lowercase_title_before_it_makes_another_title(
    brain: Brain, text: str, typed: str, offered: str
) -> None:
    """Before a one-word title typed in lowercase, a word the bot does not know that describes it
    (an adjective, a numeral, a noun it hangs on) or says whose it is belongs to a longer title."""
    lacked_offering(brain, text, typed, offered)


@pytest.mark.parametrize(
    ("text", "typed", "offered"),
    [
        ("a summer place, who directed it", "a summer place", "cold-summer-of-1953"),
        ("who is in the eyes of laura mars", "the eyes of laura mars", "paper-eyes-of-prishvin"),
        ("kiss me deadly what year", "kiss me deadly", "kiss-from-mary-pickford"),
        ("поцелуй на мосту кто играет", "поцелуй на мосту", "kiss-from-mary-pickford"),
    ],
)
def test_a_word_of_a_longer_title_in_a_phrase_of_other_words_is_another_title(
    brain: Brain, text: str, typed: str, offered: str
) -> None:
    """One word of a longer title names it only alone: joined to words no question holds, by a
    small word or none, it is a word of another title, and the film it is a word of is offered."""
    lacked_offering(brain, text, typed, offered)


@pytest.mark.parametrize(
    ("text", "intent", "film"),
    [
        ("tell me about cranes pls", "film", "cranes-are-flying"),
        ("расскажи про журавлей", "film", "cranes-are-flying"),
        ("когда вышли журавли", "year", "cranes-are-flying"),
        ("кто снял капуцинов 1987", "director", "man-from-the-boulevard-des-capucines"),
        ("who directed princess my mom loves it", "director", "circus-princess"),
        ("what year is syndrome from lol", "year", "asthenic-syndrome"),
    ],
)
def test_a_word_of_a_longer_title_alone_among_the_questions_words_is_the_film(
    brain: Brain, text: str, intent: str, film: str
) -> None:
    check(brain, text, intent, [film])


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("кто снял брат", "брат"),
        ("когда вышел фильм брат 2", "брат 2"),
        ("kto snyal brat 2", "brat 2"),
    ],
)
def test_an_everyday_word_a_film_question_is_asked_of_is_a_title(brain: Brain, text: str, typed: str) -> None:
    """«брат» is an everyday word (chatter), but the object of «кто снял» all the same."""
    assert lacked(brain, text).subject == typed


@pytest.mark.parametrize(
    "text",
    ["мама, кто снял?", "got any fun facts? something i can tell my friends", "who directed it? my mom asks"],
)
def test_an_everyday_word_outside_the_question_is_no_title(brain: Brain, text: str) -> None:
    """Someone addressed, or a word in another sentence than the question, is not its object."""
    assert ask(brain, text).intent != "not_found", text


def test_a_lacked_title_takes_the_noun_its_adjective_describes(brain: Brain) -> None:
    """«ребята» is a chat word («привет, ребята»), but after «весёлые» it is that word's noun:
    the title is «Весёлые ребята», beside Orlova, who starred in it; not her filmography."""
    assert lacked(brain, "весёлые ребята кто снял").subject == "весёлые ребята"
    assert lacked(brain, "весёлые ребята с орловой, какой год?").subject == "весёлые ребята"


@pytest.mark.parametrize(
    "text",
    [
        "вчера в парке гуляли, весна пришла, птички поют",
        "my little sister broke the mirror again, mom is furious",
        "голос у соседа громкий, спать невозможно",
        "zerkalo v vannoy razbilos, uzhas",
        "the circus came to our town, kids are thrilled",
        "looked at myself in the mirror after the gym, not bad haha",  # "after" is no «актер»
        "we took the kids to the circus last weekend",
        "сегодня в зеркале увидела седой волос, ужас",  # «сегодня» is a time, not the film of the day
        "голос после ангины еле вернулся, ура",  # «еле» is no word of «Елена» Safonova's
        "my cat knocked over the mirror, 7 years bad luck lol",  # a count, and no "Mirror 7"
        # a verb of the sentence, which the title word is not the subject of
        "на выходных сходили в цирк с племянниками",
        "в доме опять отключили свет, сидим при свечах",
        "мы ходили в цирк всей семьей",  # «всей» is no «все» (all films) mistyped
        # a sentence longer than titles are, asking nothing, of the speaker or of a time
        "my son saw a falling star last night and made a wish",  # "made" is no "who made"
        "we are at the very beginning of a long holiday lol",
        "my grandma has a voice like an angel, she sings in a choir",
        "spring is finally here, the sun shines all day long lol",  # English "day" is no «дай»
        # what the sentence says of a title word is no word of a title: the start of the week is hard
        "начало отпуска тяжёлое, как всегда",
        "nachalo nedeli trudnoe kak obychno",
    ],
)
def test_a_remark_with_an_everyday_title_word_gets_help(brain: Brain, text: str) -> None:
    """Nothing in it asks, the title word is typed in lowercase and the rest says something of
    its own: a remark, not a request for a card, and no title the catalogue lacks."""
    assert ask(brain, text).intent == "help", text


@pytest.mark.parametrize(
    ("text", "courtesy", "lang"),
    [
        ("thx!", "thanks", "en"),
        ("nice, ty", "thanks", "en"),
        ("spasibo!", "thanks", "ru"),
        ("спасибо, пока", "bye", "ru"),
        ("good night bot, talk tomorrow", "bye", "en"),
        ("hey", None, "en"),
    ],
)
def test_thanks_and_goodbyes_get_a_short_reply(
    brain: Brain, text: str, courtesy: str | None, lang: str
) -> None:
    answer = ask(brain, text)
    assert (answer.intent, answer.courtesy, answer.lang) == ("help", courtesy, lang), text
    reply = render(answer, PLAIN, len(brain.catalog))
    long_help = render(replace(answer, courtesy=None), PLAIN, len(brain.catalog))
    assert (len(reply) < 80) == (courtesy is not None) and (reply == long_help) == (courtesy is None), text


@pytest.mark.parametrize(
    ("text", "intent", "film_ids"),
    [
        ("i love mirror", "film", ["mirror"]),
        ("в каких фильмах играл олег янковский", "filmography", ["mirror", "house-that-swift-built"]),
        # a person beside a declined title: the title's question, not the person's films
        ("кто играл в весне кроме орловой?", "cast", ["springtime"]),
        # a first name spelt another way is still the person's: not a title of hers
        ("elena safonova what else did she play in", "filmography", ["voice"]),
        # a title found through a person of it does not run on past the person's name
        ("the voice with filatov any good? what's it about", "about", ["voice"]),
        ("thx, that helped a lot", "help", None),
        ("мульт фильм фильм фильм кто снял", "director", ["film-film-film"]),
        ("pokazhi filmy kotorye u tebya est", "list", None),
        ("зеркало, скинь инфу плиз", "film", ["mirror"]),
        ("i watched Mirror yesterday, stunning", "film", ["mirror"]),
        ("do u have kin-dza-dza", "not_found", []),
        ("удиви меня чем-нибудь", "random", None),
        ("что у тебя в базе?", "list", None),
        ("who else stars in the cranes are flying besides batalov", "cast", ["cranes-are-flying"]),
    ],
)
def test_a_request_or_a_name_alone_is_no_remark(
    brain: Brain, text: str, intent: str, film_ids: list[str] | None
) -> None:
    answer = ask(brain, text)
    assert answer.intent == intent, text
    assert film_ids is None or [f.id for f in answer.films] == film_ids, text


@pytest.mark.parametrize("text", ["ya tolko nachal tut", "я только начал смотреть", "privet, ya nachal"])
def test_a_russian_verb_a_slip_from_a_title_is_the_verb(brain: Brain, text: str) -> None:
    """ "начал" (started) is a letter from «Начало», but a verb is no title."""
    assert "beginning" not in [f.id for f in ask(brain, text).films], text


@pytest.mark.parametrize(
    ("text", "intent", "film"),
    [
        # a verb of the sentence, in either language, is not the title's
        ("i rewatched mirror yesterday, who directed it", "director", "mirror"),
        ("вчера пересмотрел зеркало, кто режиссер", "director", "mirror"),
        ("vchera peresmotrel zerkalo kto rezhisser", "director", "mirror"),
        # punctuation sets a word off; an article begins the title; so does a capital
        ("homework: mirror - who directed", "director", "mirror"),
        ("tell me about my childhood fave the pokrovsky gate", "film", "pokrovsky-gate"),
        ("my teacher assigned Mirror, what year", "year", "mirror"),
        # a title of several words typed whole is described, not lengthened
        (
            "культовый человек с бульвара капуцинов интересный факт",
            "fact",
            "man-from-the-boulevard-des-capucines",
        ),
        ("avantgarde man with a movie camera fun fact?", "fact", "man-with-a-movie-camera"),
        ("info kino-eye", "film", "kino-eye"),
        ("dokumentalka kinoglaz kto snyal", "director", "kino-eye"),
        ("Мы с женой каждый Новый год смотрим Иронию судьбы, кто её снял?", "director", "irony-of-fate"),
        (
            "saw a clip of the house that swift built on youtube, who are the actors",
            "cast",
            "house-that-swift-built",
        ),
    ],
)
def test_words_before_a_title_that_do_not_describe_it_stay_outside_it(
    brain: Brain, text: str, intent: str, film: str
) -> None:
    check(brain, text, intent, [film])


@pytest.mark.parametrize(
    ("text", "intent", "film"),
    [
        ("who directed mirror in 1975", "director", "mirror"),
        ("who directed mirror, i watched it yesterday", "director", "mirror"),
        ("кто снял зеркало тарковского", "director", "mirror"),
        ("who plays in circus by aleksandrov", "cast", "circus"),
    ],
)
def test_what_follows_a_title_and_is_known_stays_outside_it(
    brain: Brain, text: str, intent: str, film: str
) -> None:
    check(brain, text, intent, [film])


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("do u have office romance by ryazanov", "irony-of-fate"),
        ("tarkovsky stalker", "mirror"),
        ("есть у тебя гараж от рязанова?", "irony-of-fate"),
    ],
)
def test_a_title_beside_a_person_is_theirs_and_lacked(brain: Brain, text: str, offered: str) -> None:
    """Words the bot does not know next to a person ("X by Ryazanov") are a title of theirs that
    the catalogue lacks: not their filmography, but one of their films offered."""
    answer = lacked(brain, text)
    assert answer.suggestion is not None and answer.suggestion.id == offered


@pytest.mark.parametrize(
    "text", ["films by ryazanov", "what else did ryazanov make", "фильмы тарковского плз"]
)
def test_a_persons_films_asked_for_stay_a_filmography(brain: Brain, text: str) -> None:
    assert ask(brain, text).intent == "filmography"


@pytest.mark.parametrize("text", ["when did mirror mirror come out", "circus circus"])
def test_a_title_word_said_twice_that_the_title_says_once_is_another_film(brain: Brain, text: str) -> None:
    lacked(brain, text)


@pytest.mark.parametrize(
    ("text", "film"),
    [
        ("who directed film film film", "film-film-film"),
        ("гори гори моя звезда кто снял", "shine-shine-my-star"),
    ],
)
def test_titles_that_repeat_a_word_are_still_found(brain: Brain, text: str, film: str) -> None:
    check(brain, text, "director", [film])


@pytest.mark.parametrize("text", ["is solaris in your list?", "do you have stalker in the catalogue"])
def test_asking_whether_the_list_holds_a_film_is_about_that_film(brain: Brain, text: str) -> None:
    lacked(brain, text)


@pytest.mark.parametrize(
    ("text", "intent"),
    [("list all ur films", "list"), ("what films do u have bro", "list"), ("thanks a lot!", "help"),
     ("any recs? something funny maybe", "random"), ("yo wassup", "help")],
)  # fmt: skip
def test_the_list_and_chatter_without_a_title(brain: Brain, text: str, intent: str) -> None:
    assert ask(brain, text).intent == intent


@pytest.mark.parametrize(("text", "lang"), [("filmy Tarkovskogo", "ru"), ("fil'my Muratovoi", "ru"), ("s orlovoy", "ru"),
                                            ("films by tarkovsky", "en")])  # fmt: skip
def test_a_name_declined_in_latin_letters_asks_in_russian(brain: Brain, text: str, lang: str) -> None:
    answer = ask(brain, text)
    assert (answer.intent, answer.lang) == ("filmography", lang), text


def test_more_detail_about_a_film_in_a_case_form(brain: Brain) -> None:
    check(brain, "про Рабу любви подробнее", "about", ["slave-of-love"])


@pytest.mark.parametrize("text", ["Which is older, Circus or Springtime?", "Что старше: «Цирк» или «Весна»?"])
def test_two_titles_joined_by_or_are_both_found(brain: Brain, text: str) -> None:
    """A run of words holding two names fits no one title whole; cut at "or", each is a film."""
    answer = ask(brain, text)
    assert answer.intent != "not_found" and answer.films[0].id == "circus", text


@pytest.mark.parametrize(
    ("text", "typed", "offered"),
    [
        ("tell me about the film Circus of the Stars", "Circus of the Stars", "circus"),
        # "Live" was read as "like" mistyped, which cut the title short and offered The House
        # That Swift Built; it is a word of its own, and no search more is made for an offer
        ("who stars in The House I Live In?", "The House I Live In", None),
        ("An Ordinary Miracle with Yankovsky and Abdulov - what is it about?", None, "mirror"),  # his
    ],
)
def test_title_cased_words_after_a_title_and_a_title_with_a_person_are_titles_lacked(
    brain: Brain, text: str, typed: str | None, offered: str | None
) -> None:
    answer = lacked(brain, text)
    assert typed is None or answer.subject == typed, text
    assert offered is None or (answer.suggestion is not None and answer.suggestion.id == offered), text


@pytest.mark.parametrize(
    ("text", "intent", "lang"),
    [
        ("chto posmotret", "random", "ru"),  # «посмотреть» with its soft sign lost, not «посмотрел»
        ("salem! kakie filmy u vas est?", "list", "ru"),  # a greeting in its own sentence is no title
        ("Какие фильмы в каталоге о самом кино?", "list", "ru"),
        ("А ещё какие-нибудь старые немые фильмы у Вас есть?", "list", "ru"),  # «Вас»: polite, not a title
        ("a Holodnoe leto 53?", "film", "ru"),
        ("chto za fil'm nachalo?", "film", "ru"),
    ],
)
def test_russian_in_either_alphabet_as_people_type_it(
    brain: Brain, text: str, intent: str, lang: str
) -> None:
    answer = ask(brain, text)
    assert (answer.intent, answer.lang) == (intent, lang), text


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("я шагаю по москве", "шагаю по москве"),  # short enough to be a title, verb and all
        ("heaven's gate 1980 — is it true it bankrupted the studio?", "heaven's gate 1980"),
        ("mirror mask 2005, is it true it flopped?", "mirror mask 2005"),
    ],
)
def test_a_sentence_that_may_be_a_title_or_was_searched_as_one_is_lacked(
    brain: Brain, text: str, subject: str
) -> None:
    """A run of words searched as a title already ("gate" is a word of Pokrovsky Gate) is the
    title asked about, not the claim after "is it true"."""
    assert lacked(brain, text).subject == subject, text


@pytest.mark.parametrize(
    ("text", "intent", "film_id"),
    [
        ("правда ли что зеркало запрещали", "fact", "mirror"),  # «запрещали» is the sentence's verb
        ("pravda li chto zerkalo zapreshchali", "fact", "mirror"),
        ("is it true that mirror was banned?", "fact", "mirror"),
        ("Поцелуй Мэри Пикфорд — правда, что сама Пикфорд там снималась?", "fact", "kiss-from-mary-pickford"),
        ("who made springtime i rewatched", "director", "springtime"),  # English "i" is no «и»
        ("Цирк 36-го года, расскажи интересное", "fact", "circus"),
    ],
)
def test_what_follows_a_title_and_is_the_sentences_stays_outside_it(
    brain: Brain, text: str, intent: str, film_id: str
) -> None:
    answer = ask(brain, text)
    assert (answer.intent, [f.id for f in answer.films][:1]) == (intent, [film_id]), text


def test_a_title_before_a_verb_it_is_the_subject_of_is_one_title(brain: Brain) -> None:
    """«цирк зажигает огни»: the circus lights the lights, a title the catalogue lacks."""
    answer = ask(brain, "tsirk zazhigaet ogni kto snyal")
    assert (answer.intent, answer.subject) == ("not_found", "tsirk zazhigaet ogni")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Цирк 36-го года", 1936),
        ("фильмы 1982-го", 1982),
        ("что вышло в 76-м", 1976),
        ("chto vyshlo v 76-m godu", 1976),
    ],
)
def test_a_year_with_its_ordinal_ending_is_a_year(brain: Brain, text: str, year: int) -> None:
    assert [w.year for w in find_years(tokens(text))] == [year], text


@pytest.mark.parametrize(
    ("text", "subject"),
    [("who directed star wars", "star wars"), ("star wars cast pls", "star wars")],
)
def test_a_cue_read_through_a_slip_beside_an_unknown_word_is_that_titles(
    brain: Brain, text: str, subject: str
) -> None:
    """ "star" reads as "stars" (who plays), but beside "wars" it is a title's word."""
    assert lacked(brain, text).subject == subject, text


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("фильмы восемьдесят девятого года", 1989),
        ("filmy vosemdesyat devyatogo goda", 1989),
        ("что было в семидесятом году", 1970),
        ("семьдесят шестой год что есть", 1976),
    ],
)
def test_a_year_in_russian_words_is_a_year(brain: Brain, text: str, year: int) -> None:
    answer = ask(brain, text)
    assert (answer.intent, answer.year) == ("by_year", year), text


def test_a_number_word_without_the_word_for_year_is_no_year() -> None:
    assert find_years(tokens("восемьдесят девятого")) == []


@pytest.mark.parametrize(
    ("text", "intent"),
    [("hiii", "help"), ("heyyy who directed mirrorrr", "director"), ("спасибооо", "help"), ("plsss", "help")],
)
def test_a_letter_typed_over_and_over_is_the_word_meant(brain: Brain, text: str, intent: str) -> None:
    answer = ask(brain, text)
    assert (answer.intent, answer.subject if intent == "help" else answer.films[0].id) == (
        intent,
        "" if intent == "help" else "mirror",
    ), text


def test_a_stretched_title_the_catalogue_lacks_is_quoted_as_typed(brain: Brain) -> None:
    assert ask(brain, "who directed stalkerrr").subject == "stalkerrr"


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("chaplin's the circus from 1928 — who is in it", "chaplin's the circus"),
        ("stalker 1979 who directed", "stalker 1979"),
    ],
)
def test_a_year_after_a_title_the_catalogue_lacks_is_that_films(
    brain: Brain, text: str, subject: str
) -> None:
    assert lacked(brain, text).subject == subject, text


@pytest.mark.parametrize(
    "text",
    [
        "the good the bad and the ugly",  # long, but of no speaker and no time
        "once upon a time in the west",
        "war and peace bondarchuk how long is it lol",  # a question word, with no question mark
        "spring in a small town info pls",  # a request
    ],
)
def test_a_long_title_alone_or_asked_about_is_no_remark(brain: Brain, text: str) -> None:
    assert ask(brain, text).intent == "not_found", text


def test_a_film_word_still_asks_in_a_long_sentence(brain: Brain) -> None:
    answer = ask(brain, "i love the film mirror so much, my favourite")
    assert (answer.intent, [f.id for f in answer.films]) == ("film", ["mirror"])


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # alone, a title goes on over the chat words between the words the bot does not know
        ("once upon a time in the west", "once upon a time in the west"),
        ("hi! moscow does not believe in tears pls", "moscow does not believe in tears"),
        # quotation marks hold a title whole: a word of a catalogue title in them is not that film
        ("«Лето» Серебренникова — кто там играет?", "Лето"),
        ("кто снял фильм «Звезда» про разведчиков?", "Звезда"),
        ('who directed "the mirror has two faces"', "the mirror has two faces"),
        # a year or a person after it is the lacked film's, not a list of the year's films
        ("heaven's gate, the cimino one from 1980 — who's in it", "heaven's gate"),
        ("Звезда 2002 года Лебедева, про разведчиков, кто играет", "Звезда 2002"),
        ("Volga-Volga with Lyubov Orlova, can you show it?", "Volga-Volga"),  # "Lyubov" is no «любой»
        ("come and see (1985) klimov", "come and see"),  # a year in brackets follows a title
        ("the ascent 1976 shepitko", "the ascent 1976 shepitko"),
        # a word where a catalogue title's first word should be: another film
        ("shop around the corner, lubitsch, pls", "shop around the corner"),
        ("summer with monika, bergman", "summer with monika"),  # a name past a comma is no remark
    ],
)
def test_a_lacked_title_is_quoted_whole(brain: Brain, text: str, subject: str) -> None:
    assert lacked(brain, text).subject == subject, text


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("кто снял «Зеркало»?", "mirror"),
        ("кто снял «Иронию судьбы»", "irony-of-fate"),
        ('"Circus" cast', "circus"),
    ],
)
def test_a_whole_title_in_quotation_marks_is_found(brain: Brain, text: str, film_id: str) -> None:
    assert [f.id for f in ask(brain, text).films] == [film_id], text


@pytest.mark.parametrize(
    ("text", "intent", "film_ids"),
    [
        ("rnj cyzk pthrfkj", "director", ["mirror"]),  # «кто снял зеркало» in English layout
        ("d rfrjv ujle dsikf dtcyf?", "year", ["springtime"]),
        ("ghbdtn", "help", []),
        ("who directed mirror", "director", ["mirror"]),  # English stays English
    ],
)
def test_russian_typed_in_english_layout_is_read_as_meant(
    brain: Brain, text: str, intent: str, film_ids: list[str]
) -> None:
    answer = ask(brain, text)
    assert (answer.intent, [f.id for f in answer.films]) == (intent, film_ids), text
    assert answer.lang == ("en" if text.startswith("who") else "ru"), text


def test_a_title_in_english_layout_the_catalogue_lacks_is_quoted_in_cyrillic(brain: Brain) -> None:
    assert lacked(brain, "rnj cyzk cnfkrth").subject == "сталкер"


@pytest.mark.parametrize(
    "text",
    [
        "what else did oleg yankovsky play in? loved him in mirror",
        "что ещё снимал Григорий Александров? кроме Цирка",
        "I adore Elena Solovey. Which of her films are in your collection?",
    ],
)
def test_what_else_a_person_made_beside_a_title_of_theirs_is_their_films(brain: Brain, text: str) -> None:
    assert ask(brain, text).intent == "filmography", text


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("есть что посоветовать на вечер?", "random"),
        ("весна в этом году ранняя, уже почки на деревьях", "help"),  # a time, not a year asked
        ("Just rewatched Tarkovsky's Mirror for the third time. What happens in it?", "about"),
        # what the message says it does not want asks nothing
        ("shine shine my star, don't need the plot, just what year it was", "year"),
        ("зеркало, сюжет не надо, только год", "year"),
        ("not sure who directed mirror", "director"),
        ("no, who directed mirror?", "director"),  # a "no" of its own clause
        ("what's in your collection?", "list"),
        ("anything cool about the making of the Cranes Are Flyng", "fact"),
        ("v etom godu chto-nibud' posovetuesh?", "random"),  # э typed as e: «в этом году»
        ("who plays in around the corner", "cast"),  # a title without its first word, alone
        ("any behind the scenes story about mirror?", "fact"),  # not its story: a fact
        ("чем знаменит Цирк?", "fact"),
        ("the tall blonde lady selling flowers near my office smiles at everyone", "help"),
        ("thx, that's all", "help"),  # a goodbye, not the whole list
        ("начало каникул наконец-то, ура", "help"),  # a sigh past a comma says something
        ("лето холодное какое-то, дождь каждый день", "help"),  # says the summer is cold
        ("лето холодное пятьдесят третьего, кто там играет?", "cast"),  # the whole title, reordered
        ("муратовский астенический синдром какого года", "year"),  # an adjective of its noun
        ("кто играет в «Начале» Панфилова?", "cast"),  # a title declined in quotation marks
        ("who are the star of mirror", "cast"),  # a slip beside a name, or a number, still asks
        ("filmy 1970 goda", "by_year"),
        ("Олег Янковский где снимался? зеркало обожаю", "filmography"),  # where he acted: his films
        ("send me the full list, i'll choose myself", "list"),
        ("покажи весь список фильмов", "list"),
        ("о чём Двадцать дней без войны в двух словах", "about"),  # «в двух словах»: briefly
    ],
)
def test_everyday_words_read_as_what_they_are(brain: Brain, text: str, intent: str) -> None:
    assert ask(brain, text).intent == intent, text
