"""Finding the film or person a query names: each matching difficulty on its own."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from bot.brain import Answer, Brain
from bot.catalog import load_catalog
from bot.search import CUTOFF, NEAR, Index, word_similarity

DAY = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def brain() -> Brain:
    return Brain(load_catalog())


@pytest.fixture(scope="module")
def index(brain: Brain) -> Index:
    return brain.index


def ask(brain: Brain, text: str) -> Answer:
    return brain.answer(text, DAY, random.Random(7))


def assert_film(brain: Brain, text: str, film_id: str, intent: str = "film") -> None:
    answer = ask(brain, text)
    assert (answer.intent, [f.id for f in answer.films]) == (intent, [film_id]), text


def assert_person(brain: Brain, text: str, *film_ids: str) -> None:
    answer = ask(brain, text)
    assert answer.intent == "filmography", text
    assert set(film_ids) <= {f.id for f in answer.films}, text


def assert_nothing(brain: Brain, text: str) -> None:
    answer = ask(brain, text)
    assert answer.intent == "not_found", text
    assert answer.films == (), text


# --- the index itself -------------------------------------------------------


def test_word_similarity_short_words_must_be_equal() -> None:
    assert word_similarity("the", "the") == 100.0
    assert word_similarity("the", "tha") == 0.0
    assert word_similarity("war", "was") == 0.0
    assert word_similarity("mirror", "mirorr") >= 75.0
    assert word_similarity("mirror", "circus") == 0.0


def test_search_exact_title_scores_full(index: Index) -> None:
    best = index.search("The Cranes Are Flying")[0]
    assert best.film is not None and best.film.id == "cranes-are-flying"
    assert best.score == 100.0


def test_partial_title_ranks_below_the_exact_one_but_above_cutoff(index: Index) -> None:
    best = index.search("cranes")[0]
    assert best.film is not None and best.film.id == "cranes-are-flying"
    assert CUTOFF <= best.score < 100.0


def test_search_people_carry_their_films(index: Index) -> None:
    best = index.search("Vertov")[0]
    assert best.person == "Dziga Vertov"
    assert {f.id for f in best.films} == {"man-with-a-movie-camera", "kino-eye"}


def test_search_returns_nothing_below_near(index: Index) -> None:
    for query in ("the", "of", "a", "qwertzuiop", "Godfather", ""):
        assert index.search(query) == [], query
    assert all(m.score >= NEAR for m in index.search("zerkalo kalatozov"))


def test_search_limit(index: Index) -> None:
    assert len(index.search("man", limit=1)) <= 1
    assert len(index.search("Aleksandr Oleg Mikhail Yuri", limit=3)) <= 3


def test_films_of_unknown_person_is_empty(index: Index) -> None:
    assert index.films_of("Nobody Atall") == ()
    assert index.name_count > 100


# --- case and punctuation ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("THE VOICE", "voice"),
        ("the blonde around the corner", "blonde-around-the-corner"),
        ("sHiNe, ShInE, mY sTaR!!!", "shine-shine-my-star"),
        ('"Springtime"', "springtime"),
        ("«Покровские ворота»", "pokrovsky-gate"),
        ("kino_eye", "kino-eye"),
        ("Kino—Eye", "kino-eye"),
        ("...the beginning...", "beginning"),
        ("   a   slave  of   love   ", "slave-of-love"),
        ("Film,film,FILM", "film-film-film"),
    ],
)
def test_any_case_and_punctuation(brain: Brain, text: str, film_id: str) -> None:
    assert_film(brain, text, film_id)


# --- ё / е --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("Ирония судьбы, или С легким паром", "irony-of-fate"),
        ("ИРОНИЯ СУДЬБЫ ИЛИ С ЛЁГКИМ ПАРОМ", "irony-of-fate"),
    ],
)
def test_yo_and_ye_titles(brain: Brain, text: str, film_id: str) -> None:
    assert_film(brain, text, film_id)


@pytest.mark.parametrize("name", ["Фёдор Хитрук", "Федор Хитрук"])
def test_yo_and_ye_names(brain: Brain, name: str) -> None:
    assert_person(brain, name, "film-film-film")


@pytest.mark.parametrize("name", ["Пётр Шелохонов", "Петр Шелохонов"])
def test_yo_and_ye_actor_names(brain: Brain, name: str) -> None:
    assert_person(brain, name, "voice")


# --- leading articles -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("Voice", "voice"),  # title is "The Voice"
        ("Beginning", "beginning"),
        ("Slave of Love", "slave-of-love"),  # title is "A Slave of Love"
        ("The Springtime", "springtime"),  # an article the title does not have
        ("A Mirror", "mirror"),
        ("The Kino-Eye", "kino-eye"),
        ("An Irony of Fate", "irony-of-fate"),
        ("The Man with a Movie Camera", "man-with-a-movie-camera"),
        ("Man from the Boulevard des Capucines", "man-from-the-boulevard-des-capucines"),
    ],
)
def test_leading_articles(brain: Brain, text: str, film_id: str) -> None:
    assert_film(brain, text, film_id)


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("teh beginning", "beginning"),
        ("te voice", "voice"),
        ("thg voice", "voice"),
        ("gthe voice", "voice"),
        ("thue mirror", "mirror"),
        ("hte pokrovsky gates", "pokrovsky-gate"),
    ],
)
def test_a_mistyped_leading_article(brain: Brain, text: str, film_id: str) -> None:
    assert_film(brain, text, film_id)


@pytest.mark.parametrize(("text", "title"), [("tea voice", "voice"), ("she mirror", "mirror")])
def test_words_near_the_are_not_all_taken_for_it(brain: Brain, text: str, title: str) -> None:
    """Only a slip of "the" before more words is dropped; "tea" and "she" are words of their own,
    so the search does not score them as the whole title (a message still names the film in them)."""
    assert brain.index.search(text)[0].score < 100 <= brain.index.search(f"te {title}")[0].score
    assert ask(brain, "te").intent in ("not_found", "help")


# --- typos --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("the mirorr", "mirror"),
        ("Cranes Are Flyng", "cranes-are-flying"),
        ("sprintime", "springtime"),
        ("the voise", "voice"),
        ("begining", "beginning"),
        ("the circuss", "circus"),
        ("slave of lov", "slave-of-love"),
        ("the ironey of fate", "irony-of-fate"),
        ("the blond around the corner", "blonde-around-the-corner"),
        ("twenty day without war", "twenty-days-without-war"),
        ("Shine Shine My Starr", "shine-shine-my-star"),
        ("Принцеса цирка", "circus-princess"),
        ("chelovek s kinoaparatom", "man-with-a-movie-camera"),
        ("kino glas", "kino-eye"),
        ("Rabba lyubvi", "slave-of-love"),
    ],
)
def test_typos(brain: Brain, text: str, film_id: str) -> None:
    assert_film(brain, text, film_id)


@pytest.mark.parametrize(
    ("text", "film_ids"),
    [
        ("Tarkofsky", ["mirror"]),
        ("tarkovski", ["mirror"]),
        ("muratowa", ["asthenic-syndrome"]),
        ("Eldar Riazanov", ["irony-of-fate"]),
    ],
)
def test_typos_in_names(brain: Brain, text: str, film_ids: list[str]) -> None:
    assert_person(brain, text, *film_ids)


# --- partial titles -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("cranes", "cranes-are-flying"),
        ("cold summer", "cold-summer-of-1953"),
        ("холодное лето", "cold-summer-of-1953"),
        ("журавли", "cranes-are-flying"),
        ("swift", "house-that-swift-built"),
        ("prishvin", "paper-eyes-of-prishvin"),
        ("paper eyes", "paper-eyes-of-prishvin"),
        ("capucines", "man-from-the-boulevard-des-capucines"),
        ("Boulevard des Capucines", "man-from-the-boulevard-des-capucines"),
        ("movie camera", "man-with-a-movie-camera"),
        ("blondinka", "blonde-around-the-corner"),
        ("asthenic", "asthenic-syndrome"),
        ("twenty days", "twenty-days-without-war"),
        ("Shine My Star", "shine-shine-my-star"),
        ("Kiss Pickford", "kiss-from-mary-pickford"),
        ("с легким паром", "irony-of-fate"),
        ("ирония", "irony-of-fate"),
    ],
)
def test_partial_titles(brain: Brain, text: str, film_id: str) -> None:
    assert_film(brain, text, film_id)


def test_a_word_shared_by_two_titles_asks_which(brain: Brain) -> None:
    answer = ask(brain, "человек")
    assert answer.intent == "clarify"
    assert {f.id for f in answer.films} == {"man-with-a-movie-camera", "man-from-the-boulevard-des-capucines"}


# --- Cyrillic for Latin names, Latin for Cyrillic titles -----------------------


@pytest.mark.parametrize(
    ("text", "film_ids"),
    [
        ("Тарковский", ["mirror"]),
        ("Вертов", ["man-with-a-movie-camera", "kino-eye"]),
        ("Дзига Вертов", ["man-with-a-movie-camera", "kino-eye"]),
        ("Хитрук", ["film-film-film"]),
        ("Авербах", ["voice"]),
        ("Сурикова", ["man-from-the-boulevard-des-capucines"]),
        ("Любовь Орлова", ["circus", "springtime"]),
        ("Янковский", ["mirror", "house-that-swift-built"]),
        ("Олег Табаков", ["shine-shine-my-star", "man-from-the-boulevard-des-capucines"]),
        ("Никулин", ["twenty-days-without-war"]),
        ("Михалков", ["slave-of-love"]),
    ],
)
def test_cyrillic_for_a_latin_name(brain: Brain, text: str, film_ids: list[str]) -> None:
    assert_person(brain, text, *film_ids)


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("Vesna", "springtime"),
        ("Golos", "voice"),
        ("Raba lyubvi", "slave-of-love"),
        ("Raba lubvi", "slave-of-love"),
        ("letiat zhuravli", "cranes-are-flying"),
        ("Zhuravli", "cranes-are-flying"),
        ("Nachalo", "beginning"),
        ("tsirk", "circus"),
        ("princessa cirka", "circus-princess"),
        ("ironia sudby", "irony-of-fate"),
        ("dom kotoryj postroil svift", "house-that-swift-built"),
        ("Pokrovskiye vorota", "pokrovsky-gate"),
        ("astenicheskij sindrom", "asthenic-syndrome"),
        ("Astenicheskii sindrom", "asthenic-syndrome"),
        ("kinoglaz", "kino-eye"),
        ("potseluy meri pikford", "kiss-from-mary-pickford"),
        ("gori gori moya zvezda", "shine-shine-my-star"),
        ("Dvadcat dnej bez vojny", "twenty-days-without-war"),
        ("dvadtsat dnei bez voiny", "twenty-days-without-war"),
        ("Chelovek s bulvara Kapucinov", "man-from-the-boulevard-des-capucines"),
        ("bumazhnye glaza prishvina", "paper-eyes-of-prishvin"),
        ("kholodnoye leto 1953", "cold-summer-of-1953"),
        ("Vesnа", "springtime"),  # the last letter is a Cyrillic а
    ],
)
def test_latin_transliteration_of_a_cyrillic_title(brain: Brain, text: str, film_id: str) -> None:
    assert_film(brain, text, film_id)


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("Весна", "springtime"),
        ("ГОЛОС", "voice"),
        ("Раба любви", "slave-of-love"),
        ("человек с киноаппаратом", "man-with-a-movie-camera"),
        ("киноглаз", "kino-eye"),
        ("поцелуй мери пикфорд", "kiss-from-mary-pickford"),
        ("гори гори моя звезда", "shine-shine-my-star"),
        ("Человек с бульвара Капуцинов", "man-from-the-boulevard-des-capucines"),
        ("бумажные глаза пришвина", "paper-eyes-of-prishvin"),
        ("Холодное лето пятьдесят третьего", "cold-summer-of-1953"),
    ],
)
def test_cyrillic_titles(brain: Brain, text: str, film_id: str) -> None:
    assert_film(brain, text, film_id)


# --- Russian inflected forms --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_ids"),
    [
        ("фильмы Тарковского", ["mirror"]),
        ("фильмы Муратовой", ["asthenic-syndrome"]),
        ("фильмы Рязанова", ["irony-of-fate"]),
        ("фильмы Вертова", ["man-with-a-movie-camera", "kino-eye"]),
        ("фильмы Александрова", ["circus", "springtime"]),
        ("фильмы Панфилова", ["beginning"]),
        ("фильмы Германа", ["twenty-days-without-war"]),
        ("картины Авербаха", ["voice"]),
        ("фильмография Вертова", ["kino-eye"]),
        ("фильмы с Орловой", ["circus", "springtime"]),
        ("Тарковского", ["mirror"]),
        ("Дружининой фильмы", ["circus-princess"]),
    ],
)
def test_russian_inflected_names(brain: Brain, text: str, film_ids: list[str]) -> None:
    assert_person(brain, text, *film_ids)


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("зеркала", "mirror"),
        ("Голоса", "voice"),
        ("Цирка", "circus"),
        ("весну", "springtime"),
        ("о зеркале", "mirror"),
    ],
)
def test_russian_inflected_titles(brain: Brain, text: str, film_id: str) -> None:
    assert_film(brain, text, film_id)


# --- a title followed (or preceded) by its director or year ------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("mirror tarkovsky", "mirror"),
        ("Mirror by Tarkovsky", "mirror"),
        ("Tarkovsky mirror 1975", "mirror"),
        ("зеркало тарковского", "mirror"),
        ("Circus 1936", "circus"),
        ("Circus Aleksandrov", "circus"),
        ("Kalatozov cranes", "cranes-are-flying"),
        ("Irony of Fate 1975", "irony-of-fate"),  # the year it was made
        ("Irony of Fate 1976", "irony-of-fate"),  # the year it came out
        ("Голос 1982", "voice"),
        ("the voice 1982 averbakh", "voice"),
        ("Mikhalkov Slave of Love", "slave-of-love"),
        ("Kino-Eye 1924 Vertov", "kino-eye"),
        ("Ogorodnikov prishvin", "paper-eyes-of-prishvin"),
        ("khitruk film film film", "film-film-film"),
        ("Начало Панфилова", "beginning"),
        ("spring 1947", "springtime"),
    ],
)
def test_title_with_director_or_year(brain: Brain, text: str, film_id: str) -> None:
    assert_film(brain, text, film_id)


def test_a_director_name_alone_is_their_filmography_not_a_film(brain: Brain) -> None:
    assert_person(brain, "Kalatozov", "cranes-are-flying")


# --- numerals for number words -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("20 days without war", "twenty-days-without-war"),
        ("20 дней без войны", "twenty-days-without-war"),
        ("twenty days without war", "twenty-days-without-war"),
        ("cold summer of 53", "cold-summer-of-1953"),
    ],
)
def test_numerals_for_number_words(brain: Brain, text: str, film_id: str) -> None:
    assert_film(brain, text, film_id)


# --- short and common words ---------------------------------------------------


@pytest.mark.parametrize("text", ["the", "a", "of", "and", "the of", "an", "my", "s", "v", "и"])
def test_short_or_common_words_match_no_film(brain: Brain, text: str) -> None:
    answer = ask(brain, text)
    assert answer.intent in ("not_found", "help"), text
    assert answer.films == (), text


# --- films that are not in the catalogue ----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Titanic",
        "titanik",
        "The Godfather",
        "Солярис",
        "Solaris",
        "Stalker",
        "Сталкер",
        "Brat",
        "Брат",
        "Ivan's Childhood",
        "Иваново детство",
        "Battleship Potemkin",
        "Броненосец Потёмкин",
        "Moscow Does Not Believe in Tears",
        "Москва слезам не верит",
        "Служебный роман",
        "Andrei Rublev 1966",
        "Gentlemen of Fortune",
        "Kin-dza-dza",
        "Come and See",
        "Эйзенштейн",
        "Квентин Тарантино",
    ],
)
def test_films_not_in_the_catalogue(brain: Brain, text: str) -> None:
    assert_nothing(brain, text)


@pytest.mark.parametrize(
    "text",
    [
        "who directed titanic",
        "when did stalker come out",
        "fact about solaris",
        "cast of the godfather",
        "films by Spielberg",
    ],
)
def test_questions_about_films_not_in_the_catalogue(brain: Brain, text: str) -> None:
    assert_nothing(brain, text)


def test_words_compared_with_a_typed_word_are_those_of_a_length_that_can_match_it() -> None:
    """The trigram lookup skips words too long or too short to reach the word-match threshold:
    the bound must be exactly rapidfuzz's best case (one word inside the other)."""
    from rapidfuzz import fuzz

    from bot.search import _WORD_MATCH, _comparable_lengths

    for n in range(4, 41):
        reachable = [m for m in range(4, 80) if fuzz.ratio("a" * n, "a" * m) >= _WORD_MATCH]
        assert list(_comparable_lengths(n)) == reachable, n
