"""Text normalisation: every way of typing a name folds to comparable Latin words."""

from __future__ import annotations

import pytest

from bot.text import (
    a_name,
    agrees,
    clean,
    describes,
    has_cyrillic,
    latin,
    name_keys,
    of_the_sentence,
    predicate,
    query_keys,
    spell_numbers,
    stem_russian,
    strip_latin_endings,
    typed_russian,
    word_of_its_own,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("  The  CRANES—are Flying?! ", "the cranes are flying"),
        ("Ирония судьбы, или С лёгким паром!", "ирония судьбы или с легким паром"),
        ("«Летят журавли»", "летят журавли"),
        ("Kino-Eye", "kino eye"),
        ("ЁЛКА", "елка"),
        ("Kálmán", "kalman"),
        ("Ｍｉｒｒｏｒ", "mirror"),  # full-width letters
        ("Tarkovsky's Mirror", "tarkovsky mirror"),  # possessive dropped
        ("Tarkovsky’s Mirror", "tarkovsky mirror"),  # typographic apostrophe too
        ("Dvadtsat' dney", "dvadtsat dney"),  # soft sign in transliteration
        ("snake_case\tand\nlines", "snake case and lines"),
        ("", ""),
        ("?!...", ""),
    ],
)
def test_clean_folds_case_punctuation_accents_and_yo(typed: str, expected: str) -> None:
    assert clean(typed) == expected


def test_clean_keeps_cyrillic_short_i() -> None:
    # й must not lose its breve the way accented Latin letters do
    assert clean("Тарковский") == "тарковский"


def test_clean_removes_control_characters() -> None:
    assert clean("mir\x00ror\x07") == "mir ror"
    assert "\x00" not in clean("\x00\x01the voice\x1f")


def test_has_cyrillic() -> None:
    assert has_cyrillic("Зеркало")
    assert has_cyrillic("Vesnа")  # a Cyrillic а hidden in a Latin word
    assert not has_cyrillic("Zerkalo")
    assert not has_cyrillic("")


def test_stem_russian_strips_inflections_of_cyrillic_words_only() -> None:
    assert stem_russian("фильмы тарковского") == "фильм тарковск"
    assert stem_russian("тарковский") == "тарковск"
    assert stem_russian("муратовой") == stem_russian("муратова")
    assert stem_russian("mirror films") == "mirror films"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("20 days without war", "twenty days without war"),
        ("20 дней без войны", "двадцать дней без войны"),
        ("cold summer of 53", "cold summer of fifty-three"),
        ("1953", "1953"),  # years stay years
        ("no numbers", "no numbers"),
    ],
)
def test_spell_numbers(typed: str, expected: str) -> None:
    assert spell_numbers(typed) == expected


@pytest.mark.parametrize(
    ("cyrillic", "latin_form"),
    [
        ("Весна", "vesna"),
        ("Голос", "golos"),
        ("Раба любви", "raba lyubvi"),
        ("Летят журавли!", "letyat zhuravli"),
    ],
)
def test_latin_transliterates_cyrillic(cyrillic: str, latin_form: str) -> None:
    assert latin(cyrillic) == latin_form


def test_latin_leaves_latin_text_cleaned() -> None:
    assert latin("The Voice!") == "the voice"


def test_name_keys_cover_several_transliteration_schemes() -> None:
    keys = name_keys("Летят журавли")
    assert {"letyat zhuravli", "letiat zhuravli"} <= keys
    assert all(k.isascii() for k in keys)


def test_name_keys_spell_out_numbers() -> None:
    assert "twenty days without war" in name_keys("Twenty Days Without War")
    assert query_keys("20 days without war") >= {"20 days without war", "twenty days without war"}


def test_inflected_query_meets_the_name() -> None:
    # "фильмы Тарковского" and "Андрей Тарковский" share the stem in Latin letters
    query_words = {w for k in query_keys("фильмы Тарковского") for w in k.split()}
    name_words = {w for k in name_keys("Андрей Тарковский") for w in k.split()}
    assert "tarkovsk" in query_words & name_words


def test_yo_and_ye_give_the_same_keys() -> None:
    assert query_keys("Фёдор Хитрук") & name_keys("Федор Хитрук")
    assert clean("Пётр") == clean("Петр")


def test_query_keys_of_nothing_is_empty() -> None:
    assert query_keys("") == set()
    assert query_keys("!!! ???") == set()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("filmy s orlovoy", "filmy s orlov"),
        ("s orlovoj", "s orlov"),
        ("filmy tarkovskogo", "filmy tarkovsk"),
        ("mirror", "mirror"),
        ("boy toy", "boy toy"),  # too short to hold an ending
    ],
)
def test_strip_latin_endings(typed: str, expected: str) -> None:
    assert strip_latin_endings(typed) == expected


def test_latin_typed_case_endings_meet_the_cyrillic_stem() -> None:
    # "орловой" typed in Latin letters reaches the same key as the Cyrillic word does
    assert query_keys("s orlovoy") & query_keys("с орловой")
    assert query_keys("mirror") == {"mirror"}  # nothing cut, no extra form


def test_ts_typed_as_c_meets_the_name() -> None:
    # "cirk" for "Цирк": no standard scheme writes ц as c, but people do
    assert "cirk" in name_keys("Цирк")
    assert "tsirk" in name_keys("Цирк")
    assert not any("c" in key for key in name_keys("Зеркало"))  # only names with ц get the extra form


@pytest.mark.parametrize(
    ("typed", "russian"),
    [
        ("kto rezhisser tsirka", "кто режиссер цирка"),
        ("sluchaynyy", "случайный"),  # y after a vowel is й, after a consonant ы
        ("posovetuy", "посоветуй"),
        ("lyubvi", "любви"),
        ("filmy semidesyatykh", "филмы семидесятых"),
        ("fil'my", "фильмы"),
        ("pomoshch", "помощ"),
        ("Kogda Vyshla Vesna", "когда вышла весна"),
        ("80-h", "80-х"),
    ],
)
def test_typed_russian_reads_latin_letters_back_as_russian(typed: str, russian: str) -> None:
    assert typed_russian(typed) == russian


@pytest.mark.parametrize(
    ("adjective", "noun", "together"),
    [
        ("веселые", "ребята", True),
        ("старый", "друг", True),
        ("новый", "год", True),  # «год» reads as the accusative too: any reading that agrees
        ("ребята", "веселые", False),  # a noun first
        ("хорошая", "фильм", False),  # genders differ
        ("снял", "фильм", False),  # a verb
    ],
)
def test_an_adjective_agrees_with_the_noun_it_describes(adjective: str, noun: str, together: bool) -> None:
    assert agrees(adjective, noun) is together


@pytest.mark.parametrize("word", ["𗀀", "ц𗀀", "𗀀b", "a☃"])
def test_russian_grammar_checks_take_any_word(word: str) -> None:
    """pymorphy3 fails on characters without a Unicode name (Tangut); such a word is no Russian
    word, and no check fails on it."""
    assert not predicate(word) and not of_the_sentence("лето", word) and not describes(word, True)
    assert not word_of_its_own(word, "он") and not agrees(word, "лето") and a_name(word)
