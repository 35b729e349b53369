"""Answers as a person reads them: the sentence for each intent, cards, lists and not-found."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import re

import pytest

from bot.brain import Answer, Brain
from bot.catalog import Film, load_catalog
from bot.render import HTML, PLAIN, as_json, render

DAY = dt.date(2026, 3, 1)
TOTAL = 22


@pytest.fixture(scope="module")
def brain() -> Brain:
    return Brain(load_catalog())


def ask(brain: Brain, text: str, seed: int = 5) -> Answer:
    return brain.answer(text, DAY, random.Random(seed))


def say(brain: Brain, text: str, seed: int = 5) -> str:
    return render(ask(brain, text, seed), PLAIN, TOTAL)


def film(brain: Brain, film_id: str) -> Film:
    return brain.catalog.by_id[film_id]


def test_catalogue_size(brain: Brain) -> None:
    assert len(brain.catalog) == TOTAL


# --- director ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "film_id"),
    [
        ("who directed springtime", "springtime"),
        ("кто снял Летят журавли?", "cranes-are-flying"),
        ("who made the voice", "voice"),
        ("who directed circus", "circus"),  # two directors
    ],
)
def test_director_answer_is_one_sentence_naming_film_and_director(
    brain: Brain, text: str, film_id: str
) -> None:
    f = film(brain, film_id)
    reply = say(brain, text)
    assert "\n" not in reply
    assert reply.endswith(".") and reply.count(". ") == 0
    if ask(brain, text).lang == "ru":  # asked in Russian: answered in Russian
        assert f.original_title in reply and all((d.name_ru or d.name) in reply for d in f.directors)
        assert reply.startswith("Режиссёр")
    else:
        assert reply == f"{f.title} ({f.year}) was directed by {f.director_names}."


def test_director_answer_names_no_other_film(brain: Brain) -> None:
    reply = say(brain, "who directed the beginning")
    assert "Gleb Panfilov" in reply
    assert all(f.title not in reply for f in brain.catalog if f.id != "beginning")


# --- year ----------------------------------------------------------------------------


def test_year_answer(brain: Brain) -> None:
    assert say(brain, "when did mirror come out") == "Mirror came out in 1975."


def test_year_answer_tells_made_and_shown_years_when_they_differ(brain: Brain) -> None:
    reply = say(brain, "when was the irony of fate released")
    assert "1975" in reply and "1976" in reply
    assert reply == "The Irony of Fate was made in 1975 and first shown in 1976."


# --- film card ----------------------------------------------------------------------


@pytest.mark.parametrize("film_id", [f.id for f in load_catalog()])
def test_card_has_titles_year_directors_description_and_a_fact(brain: Brain, film_id: str) -> None:
    f = film(brain, film_id)
    answer = ask(brain, f"/start {film_id}")
    reply = render(answer, PLAIN, TOTAL)
    assert f.title in reply
    assert f.original_title in reply
    assert str(f.year) in reply
    if f.made:
        assert str(f.made) in reply
    for director in f.directors:
        assert director.name in reply
    assert f.description in reply
    assert any(fact in reply for fact in f.facts)


def test_card_for_a_free_text_title(brain: Brain) -> None:
    reply = say(brain, "Голос")
    f = film(brain, "voice")
    assert f.ru is not None
    assert reply.startswith("Голос (The Voice), 1982")
    assert "Илья Авербах" in reply and f.ru.description in reply and "Факт:" in reply
    english = say(brain, "The Voice")
    assert english.startswith("The Voice (Голос), 1982")
    assert "Ilya Averbakh" in english and f.description in english and "Fact:" in english


def test_another_random_pick_is_never_the_film_just_shown(brain: Brain) -> None:
    rng = random.Random(3)
    picks = [brain.random_pick(rng, exclude="mirror") for _ in range(200)]
    assert all(a.intent == "random" and a.films[0].id != "mirror" for a in picks)
    assert len({a.films[0].id for a in picks}) == len(brain.catalog) - 1


def test_filmography_by_name(brain: Brain) -> None:
    answer = brain.filmography("Grigori Aleksandrov")
    assert answer.intent == "filmography" and [f.id for f in answer.films] == ["circus", "springtime"]


# --- fact, about, cast -------------------------------------------------------------------


def test_fact_answer_tells_one_of_the_films_facts(brain: Brain) -> None:
    f = film(brain, "mirror")
    seen = set()
    for seed in range(30):
        answer = ask(brain, "fun fact about the mirror", seed)
        assert 0 <= answer.fact < len(f.facts)
        reply = render(answer, PLAIN, TOTAL)
        assert f.title in reply and f.facts[answer.fact] in reply
        seen.add(answer.fact)
    assert len(seen) > 1  # the fact varies with the random source


def test_about_answer_gives_the_description(brain: Brain) -> None:
    f = film(brain, "springtime")
    reply = say(brain, "what is springtime about")
    assert f.title in reply and f.description in reply


def test_cast_answer_names_every_actor(brain: Brain) -> None:
    f = film(brain, "pokrovsky-gate")
    reply = say(brain, "who acts in the pokrovsky gate")
    assert all(actor in reply for actor in f.cast)


def test_cast_of_a_documentary_explains_there_is_no_cast(brain: Brain) -> None:
    f = film(brain, "man-with-a-movie-camera")
    assert f.cast == () and f.cast_note
    assert f.cast_note in say(brain, "cast of man with a movie camera")


# --- lists ----------------------------------------------------------------------------------


def test_list_answer_names_every_film(brain: Brain) -> None:
    reply = say(brain, "/films")
    assert f"All {TOTAL} films" in reply
    for f in brain.catalog:
        assert f"{f.title} ({f.year}" in reply  # "(1988, made 1987)" where the years differ


def test_cinema_list_names_only_films_about_cinema(brain: Brain) -> None:
    reply = say(brain, "which films are about cinema?")
    for f in brain.catalog:
        line = f"• {f.title} ({f.year}"
        assert (line in reply) == (f.cinema_relation != "none"), f.id
    about, touching = reply.split("more touch on it")
    assert all(f.title in about for f in brain.catalog if f.cinema_relation == "strong")
    assert all(f.title in touching for f in brain.catalog if f.cinema_relation == "some")


def test_by_year_answer_lists_every_film(brain: Brain) -> None:
    answer = ask(brain, "films of 1982")
    reply = render(answer, PLAIN, TOTAL)
    assert "1982" in reply.splitlines()[0]
    assert len(answer.films) == 4
    for f in answer.films:
        assert f.title in reply


def test_by_year_answer_for_an_empty_year_says_so(brain: Brain) -> None:
    answer = brain.by_year(1990)
    assert answer.films == ()
    assert "no films from 1990" in render(answer, PLAIN, TOTAL)


@pytest.mark.parametrize(
    "question",
    ["films from the 1980s", "80s films", "movies of the 80's", "фильмы 80-х", "кино 80-х годов", "1980s"],
)
def test_a_decade_lists_every_film_made_or_shown_in_it(brain: Brain, question: str) -> None:
    answer = ask(brain, question)
    in_decade = [f for f in brain.catalog.films if any(1980 <= y <= 1989 for y in f.years)]
    expected = [f.id for f in sorted(in_decade, key=lambda f: f.year)]  # in order of year
    assert (answer.intent, [f.id for f in answer.films]) == ("by_year", expected), question
    head = "Фильмы 1980-х годов:" if answer.lang == "ru" else "Films from the 1980s:"
    assert len(expected) >= 5 and render(answer, PLAIN, TOTAL).startswith(head)


def test_an_empty_decade_says_so(brain: Brain) -> None:
    answer = ask(brain, "90s films")
    assert answer.films == () and "no films from the 1990s" in render(answer, PLAIN, TOTAL)


@pytest.mark.parametrize("question", ["80 days", "mirror 70s", "1982"])
def test_a_number_is_not_taken_for_a_decade(brain: Brain, question: str) -> None:
    answer = ask(brain, question)
    assert not answer.decade, question


def test_filmography_answer_lists_every_film_and_the_role(brain: Brain) -> None:
    answer = ask(brain, "films by Vertov")
    reply = render(answer, PLAIN, TOTAL)
    assert answer.person == "Dziga Vertov"
    assert reply.startswith("Dziga Vertov")
    assert "Man with a Movie Camera" in reply and "Kino-Eye" in reply
    assert reply.count("as director") == 2
    answer = ask(brain, "фильмы Вертова")
    reply = render(answer, PLAIN, TOTAL)
    assert answer.person == "Dziga Vertov" and reply.startswith("Дзига Вертов — фильмы в каталоге")
    assert "Человек с киноаппаратом" in reply and "Кино-глаз" in reply and reply.count("режиссёр") == 2


def test_filmography_of_an_actor_says_actor(brain: Brain) -> None:
    answer = ask(brain, "Lyubov Orlova")
    reply = render(answer, PLAIN, TOTAL)
    assert {f.id for f in answer.films} == {"circus", "springtime"}
    assert reply.count("in the cast") == 2 and "Circus" in reply and "Springtime" in reply


def test_clarify_answer_names_the_candidates(brain: Brain) -> None:
    reply = say(brain, "человек")
    assert reply.startswith("Какой фильм вы имеете в виду?")
    assert "Человек с киноаппаратом" in reply and "Человек с бульвара Капуцинов" in reply
    reply = render(dataclasses.replace(ask(brain, "человек"), lang="en"), PLAIN, TOTAL)  # in English
    assert reply.startswith("Which film do you mean?")
    assert "Man with a Movie Camera" in reply and "A Man from the Boulevard des Capucines" in reply


# --- not_found --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Titanic", "Stalker", "Солярис", "who directed the godfather"])
def test_not_found_says_so_and_suggests_commands(brain: Brain, text: str) -> None:
    answer = ask(brain, text)
    assert answer.intent == "not_found" and answer.films == ()
    reply = render(answer, PLAIN, TOTAL)
    if answer.lang == "ru":
        assert "в моём каталоге советских фильмов нет" in reply
    else:
        assert "don't have" in reply and "catalogue" in reply
    assert "/films" in reply and "/random" in reply


def test_not_found_names_what_was_asked(brain: Brain) -> None:
    assert "stalker" in say(brain, "Stalker").lower()


@pytest.mark.parametrize(("text", "film_id"), [("springfield", "springtime"), ("pokrov", "pokrovsky-gate")])
def test_not_found_suggests_a_near_title(brain: Brain, text: str, film_id: str) -> None:
    answer = ask(brain, text)
    assert answer.intent == "not_found" and answer.films == ()
    assert answer.suggestion is not None and answer.suggestion.id == film_id
    assert f"Did you mean {answer.suggestion.title}" in render(answer, PLAIN, TOTAL)


def test_not_found_without_a_near_title_suggests_none(brain: Brain) -> None:
    answer = ask(brain, "Титаник")
    assert answer.suggestion is None
    assert "Did you mean" not in render(answer, PLAIN, TOTAL)


# --- help, random, today -------------------------------------------------------------------------


def test_help_text_shows_examples_and_commands(brain: Brain) -> None:
    reply = say(brain, "/help")
    assert str(TOTAL) in reply
    for command in ("/film", "/fact", "/random", "/today", "/films", "/help"):
        assert command in reply


def test_random_answer_is_a_card_of_the_picked_film(brain: Brain) -> None:
    answer = ask(brain, "/random", seed=11)
    f = answer.films[0]
    reply = render(answer, PLAIN, TOTAL)
    assert reply.startswith("A random pick:")
    assert f.description in reply and f.facts[answer.fact] in reply


def test_today_answer_names_the_date(brain: Brain) -> None:
    reply = say(brain, "/today")
    assert "Film of the day, 1 March 2026" in reply


def test_today_answer_follows_the_date_given(brain: Brain) -> None:
    from bot.brain import film_of_the_day

    for offset in range(0, 200, 17):
        day = DAY + dt.timedelta(days=offset)
        answer = brain.answer("film of the day", day)
        assert answer.day == day
        assert answer.films == (film_of_the_day(brain.catalog, day),)


# --- HTML and JSON ---------------------------------------------------------------------------


def test_html_escapes_catalogue_text(brain: Brain) -> None:
    f = film(brain, "mirror")
    index = next(i for i, fact in enumerate(f.facts) if "&" in fact)
    reply = render(Answer("fact", (f,), fact=index), HTML, TOTAL)
    assert "Sight &amp; Sound" in reply
    assert "<b>Mirror</b>" in reply


def without_own_markup(reply: str) -> str:
    return re.sub(r"</?[bi]>", "", reply)


@pytest.mark.parametrize(
    "text", ["<b>Titanic</b> & <script>", "who directed <i>mirror</i>", "/film <a href=x>"]
)
def test_html_escapes_the_users_text(brain: Brain, text: str) -> None:
    reply = render(ask(brain, text), HTML, TOTAL)
    assert "<" not in without_own_markup(reply) and ">" not in without_own_markup(reply)


def test_html_not_found_echo_is_escaped() -> None:
    reply = render(Answer("not_found", query="<b>Stalker</b> & co"), HTML, TOTAL)
    assert "&lt;b&gt;Stalker&lt;/b&gt; &amp; co" in reply
    assert "<b>Stalker" not in reply


def test_as_json(brain: Brain) -> None:
    import json

    data = json.loads(as_json(ask(brain, "films by Vertov"), total=TOTAL))
    assert data["query"] == "films by Vertov"
    assert data["intent"] == "filmography"
    assert data["films"] == ["man-with-a-movie-camera", "kino-eye"]
    assert "Dziga Vertov" in data["text"]


@pytest.mark.parametrize(
    ("question", "intent"),
    [("who directed it?", "director"), ("when did it come out", "year"), ("who is in it", "cast"),
     ("what is it about", "about"), ("/fact", "fact"), ("кто снял этот фильм", "director")],
)  # fmt: skip
def test_a_question_in_reply_to_a_card_is_about_that_card(brain: Brain, question: str, intent: str) -> None:
    answer = brain.answer(question, DAY, random.Random(0), context="slave-of-love")
    assert answer.intent == intent
    assert [f.id for f in answer.films] == ["slave-of-love"]


def test_a_named_film_wins_over_the_card_replied_to(brain: Brain) -> None:
    answer = brain.answer("who directed mirror", DAY, random.Random(0), context="slave-of-love")
    assert [f.id for f in answer.films] == ["mirror"]


def test_a_fact_without_a_film_is_about_some_film(brain: Brain) -> None:
    answers = {brain.answer("fun fact", DAY, random.Random(seed)).films[0].id for seed in range(30)}
    assert len(answers) > 3
    assert all(brain.answer("a fact", DAY, random.Random(1)).intent == "fact" for _ in range(2))


@pytest.mark.parametrize(
    ("question", "intent", "film_ids"),
    [
        ("plot kino eye", "about", ["kino-eye"]),
        ("cast blonde around the corner", "cast", ["blonde-around-the-corner"]),
        ("show me films from 1975", "by_year", ["mirror", "irony-of-fate", "slave-of-love"]),
        ("any films from 1930?", "by_year", []),
        ("кино 1957 года", "by_year", ["cranes-are-flying"]),
        ("give me a film to watch", "random", None),
        ("Дружининой фильмы", "filmography", ["circus-princess"]),
        ("чей фильм цирк", "director", ["circus"]),
        ("чья картина покровские ворота", "director", ["pokrovsky-gate"]),
        ("whose film is the voice", "director", ["voice"]),
        ("кто снимал весну", "director", ["springtime"]),
        ("что за фильм раба любви", "film", ["slave-of-love"]),
        ("do you know kino-eye?", "film", ["kino-eye"]),
        ("have you heard of the beginning", "film", ["beginning"]),
        ("hey, do you know what year mirror came out?", "year", ["mirror"]),
        ("when the voice came out", "year", ["voice"]),
        ("do you know any films by vertov", "filmography", ["man-with-a-movie-camera", "kino-eye"]),
        ("who's behind the camera on the mirror", "director", ["mirror"]),
        ("year of release mirror", "year", ["mirror"]),
        ("год выпуска зеркала", "year", ["mirror"]),
        ("что интересного в фильме весна", "fact", ["springtime"]),
        ("give me something random", "random", None),
        ("random soviet film", "random", None),
        ("какой фильм сегодня", "today", None),
        ("movies Tarkovsky directed", "filmography", ["mirror"]),
        ("show me Muratova's films", "filmography", ["asthenic-syndrome"]),
        ("anything by Kalatozov?", "filmography", ["cranes-are-flying"]),
        ("list films by Aleksandrov", "filmography", ["circus", "springtime"]),
        ("show me mirror", "film", ["mirror"]),
        ("give me the cranes are flying", "film", ["cranes-are-flying"]),
        ("show me films from 1975", "by_year", ["mirror", "irony-of-fate", "slave-of-love"]),
        ("mirror fact", "fact", ["mirror"]),
        ("how many films do you have", "list", None),
        ("list of films", "list", None),
        ("who are you", "help", []),
        ("ok", "help", []),
        ("who directed it", "help", []),  # no card replied to: explain how to ask
    ],
)  # fmt: skip
def test_more_ways_of_asking(brain: Brain, question: str, intent: str, film_ids: list[str] | None) -> None:
    answer = ask(brain, question)
    assert answer.intent == intent, question
    if film_ids is not None:
        assert [f.id for f in answer.films] == film_ids, question


@pytest.mark.parametrize("text", ["thanks", "Thank you!", "спасибо"])
def test_thanks_gets_a_friendly_reply_not_a_search(brain: Brain, text: str) -> None:
    assert ask(brain, text).intent == "help"


def test_a_name_with_an_unknown_title_is_not_that_person(brain: Brain) -> None:
    # "Stalker" is not in the catalogue; the bot must not answer as if only the name was asked
    answer = ask(brain, "Andrei Tarkovsky Stalker")
    assert answer.intent == "not_found" and answer.films == ()


@pytest.mark.parametrize(
    ("question", "film_ids"),
    [
        ("what did Vertov direct", ["man-with-a-movie-camera", "kino-eye"]),
        ("what has Tabakov been in", ["shine-shine-my-star", "man-from-the-boulevard-des-capucines"]),
        ("who is Dziga Vertov", ["man-with-a-movie-camera", "kino-eye"]),
        ("кто такая Кира Муратова", ["asthenic-syndrome"]),
    ],
)  # fmt: skip
def test_questions_about_a_person_list_their_films(brain: Brain, question: str, film_ids: list[str]) -> None:
    answer = ask(brain, question)
    assert answer.intent == "filmography", question
    assert [f.id for f in answer.films] == film_ids


def test_who_is_in_a_film_is_still_its_cast(brain: Brain) -> None:
    assert ask(brain, "who is in the voice").intent == "cast"


@pytest.mark.parametrize(
    ("question", "film_id"),
    [("vesna orlova", "springtime"), ("circus orlova", "circus"), ("mirror yankovsky", "mirror")],
)
def test_a_title_with_a_stars_name_is_that_film(brain: Brain, question: str, film_id: str) -> None:
    answer = ask(brain, question)
    assert (answer.intent, [f.id for f in answer.films][:1]) == ("film", [film_id]), question


def test_a_stars_name_alone_is_still_the_star_and_finds_no_film_by_itself(brain: Brain) -> None:
    assert ask(brain, "Orlova").intent == "filmography"
    assert ask(brain, "Orlova Stalker").intent == "not_found"  # a star's name is no title


@pytest.mark.parametrize(
    ("question", "intent", "film_id"),
    [
        ("kto snyal zerkalo", "director", "mirror"),
        ("kto snial nachalo", "director", "beginning"),
        ("kogda vyshel golos", "year", "voice"),
        ("v kakom godu vyshla vesna", "year", "springtime"),
        ("o chem zerkalo", "about", "mirror"),
        ("v rolyakh letyat zhuravli", "cast", "cranes-are-flying"),
        ("kto igraet v vesne", "cast", "springtime"),
        ("fakt o filme golos", "fact", "voice"),
        ("filmy tarkovskogo", "filmography", "mirror"),
    ],
)  # fmt: skip
def test_russian_questions_typed_in_latin_letters(
    brain: Brain, question: str, intent: str, film_id: str
) -> None:
    answer = ask(brain, question)
    assert (answer.intent, [f.id for f in answer.films][:1]) == (intent, [film_id]), question


@pytest.mark.parametrize(("question", "intent"), [("film dnya", "today"), ("sluchainyi film", "random")])
def test_russian_commands_typed_in_latin_letters(brain: Brain, question: str, intent: str) -> None:
    assert ask(brain, question).intent == intent
