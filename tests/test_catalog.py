"""The catalogue loader on the real catalogue and on files broken in each way it must report."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from bot.catalog import CatalogError, Film, load_catalog, parse_catalog
from bot.cli import main

FIXTURES = Path(__file__).parent / "fixtures"

# Checked against ../shared/reference/film-facts.md: id, title, original title,
# year of first release or broadcast, year made (where it differs), directors.
REFERENCE = [
    ("mirror", "Mirror", "Зеркало", 1975, None, ["Andrei Tarkovsky"]),
    ("cold-summer-of-1953", "The Cold Summer of 1953", "Холодное лето пятьдесят третьего…", 1988, 1987, ["Aleksandr Proshkin"]),
    ("cranes-are-flying", "The Cranes Are Flying", "Летят журавли", 1957, None, ["Mikhail Kalatozov"]),
    ("circus", "Circus", "Цирк", 1936, None, ["Grigori Aleksandrov", "Isidor Simkov"]),
    ("irony-of-fate", "The Irony of Fate", "Ирония судьбы, или С лёгким паром!", 1976, 1975, ["Eldar Ryazanov"]),
    ("circus-princess", "The Circus Princess", "Принцесса цирка", 1982, None, ["Svetlana Druzhinina"]),
    ("house-that-swift-built", "The House That Swift Built", "Дом, который построил Свифт", 1982, None, ["Mark Zakharov"]),
    ("pokrovsky-gate", "The Pokrovsky Gate", "Покровские ворота", 1983, 1982, ["Mikhail Kozakov"]),
    ("blonde-around-the-corner", "The Blonde Around the Corner", "Блондинка за углом", 1984, None, ["Vladimir Bortko"]),
    ("asthenic-syndrome", "The Asthenic Syndrome", "Астенический синдром", 1989, None, ["Kira Muratova"]),
    ("man-with-a-movie-camera", "Man with a Movie Camera", "Человек с киноаппаратом", 1929, None, ["Dziga Vertov"]),
    ("kino-eye", "Kino-Eye", "Кино-глаз", 1924, None, ["Dziga Vertov"]),
    ("kiss-from-mary-pickford", "A Kiss from Mary Pickford", "Поцелуй Мэри Пикфорд", 1927, None, ["Sergei Komarov"]),
    ("springtime", "Springtime", "Весна", 1947, None, ["Grigori Aleksandrov"]),
    ("film-film-film", "Film, Film, Film", "Фильм, фильм, фильм", 1968, None, ["Fyodor Khitruk"]),
    ("shine-shine-my-star", "Shine, Shine, My Star", "Гори, гори, моя звезда", 1970, 1969, ["Alexander Mitta"]),
    ("beginning", "The Beginning", "Начало", 1970, None, ["Gleb Panfilov"]),
    ("slave-of-love", "A Slave of Love", "Раба любви", 1976, 1975, ["Nikita Mikhalkov"]),
    ("twenty-days-without-war", "Twenty Days Without War", "Двадцать дней без войны", 1977, 1976, ["Aleksei German"]),
    ("voice", "The Voice", "Голос", 1982, None, ["Ilya Averbakh"]),
    ("man-from-the-boulevard-des-capucines", "A Man from the Boulevard des Capucines", "Человек с бульвара Капуцинов", 1987, None, ["Alla Surikova"]),
    ("paper-eyes-of-prishvin", "The Paper Eyes of Prishvin", "Бумажные глаза Пришвина", 1989, None, ["Valery Ogorodnikov"]),
]  # fmt: skip


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def test_bundled_catalogue_agrees_with_the_reference_sheet(catalog):
    got = [(f.id, f.title, f.original_title, f.year, f.made, [d.name for d in f.directors]) for f in catalog]
    assert got == REFERENCE


def test_no_claim_the_reference_marks_false_is_in_the_catalogue(catalog):
    text = " ".join(" ".join(map(str, dataclasses.astuple(f))) for f in catalog).lower()
    for false_claim in ("chulyukin", "yevtushenko", "box office hit", "mistaken for", "flashback"):
        assert false_claim not in text


def test_every_film_is_complete_and_sourced(catalog):
    for film in catalog:
        assert 2 <= len(film.facts) <= 4, film.id
        assert 0 <= len(film.cast) <= 6, film.id
        assert film.cast or film.cast_note, film.id
        assert film.cinema_relation in ("strong", "some", "none"), film.id
        assert film.wikipedia or film.imdb or film.other_sources, film.id
        sentences = film.description.count(". ") + 1
        assert 2 <= sentences <= 4, film.id


def test_the_films_about_cinema_are_marked_so(catalog):
    about_cinema = {f.id for f in catalog if f.cinema_relation == "strong"}
    assert {"man-with-a-movie-camera", "slave-of-love", "voice", "film-film-film"} <= about_cinema
    assert catalog.by_id["cranes-are-flying"].cinema_relation == "none"


def test_aliases_are_unique_across_films(catalog):
    seen: dict[str, str] = {}
    for film in catalog:
        for name in film.names:
            assert seen.setdefault(name.casefold(), film.id) == film.id, name


def test_films_are_frozen(catalog):
    with pytest.raises(dataclasses.FrozenInstanceError):
        catalog.films[0].title = "Something else"  # type: ignore[misc]
    assert isinstance(catalog.by_id["mirror"], Film)


def test_valid_fixture_loads():
    catalog = load_catalog(FIXTURES / "valid.yaml")
    assert [f.id for f in catalog] == ["first-film", "second-film"]
    assert catalog.by_id["second-film"].years == (1960, 1961)


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        ("broken-syntax.yaml", ["YAML syntax error at line 20, column"]),
        ("broken-missing.yaml", ["film 2 (second-film): field 'title': missing"]),
        ("broken-type.yaml", ["film 1 (first-film): field 'year': expected a year as a whole number"]),
        (
            "broken-unknown.yaml",
            ["film 1 (first-film): field 'descripton': unknown field (did you mean 'description'?)"],
        ),
        ("broken-duplicate.yaml", ["film 2 (first-film): duplicate id, already used by film 1"]),
        ("broken-year.yaml", ["film 1 (first-film): field 'year': expected a year from 1895 to", "got 1850"]),
        (
            "broken-empty-name.yaml",
            ["film 2 (second-film): field 'directors[1].name': expected a non-empty text"],
        ),
    ],
)
def test_each_kind_of_problem_names_film_and_field(fixture, expected):
    with pytest.raises(CatalogError) as caught:
        load_catalog(FIXTURES / fixture)
    message = str(caught.value)
    assert message.startswith(str(FIXTURES / fixture))
    for part in expected:
        assert part in message


def test_all_problems_are_reported_at_once():
    with pytest.raises(CatalogError) as caught:
        load_catalog(FIXTURES / "broken-many.yaml")
    problems = caught.value.problems
    assert any("film 1 (first-film): field 'year'" in p and "3000" in p for p in problems)
    assert any("film 2 (second-film): field 'descripton'" in p for p in problems)


def test_film_without_id_is_named_by_position():
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8").replace("  - id: second-film\n", "  -\n")
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, "x.yaml")
    assert any(p.startswith("film 2: field 'id': missing") for p in caught.value.problems)


@pytest.mark.parametrize("text", ["", "just text", "films: 3", "films: []"])
def test_a_file_that_is_not_a_catalogue_is_refused(text):
    with pytest.raises(CatalogError):
        parse_catalog(text)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CatalogError, match="file not found"):
        load_catalog(tmp_path / "nope.yaml")


def test_yaml_tags_are_not_executed(tmp_path):
    bad = tmp_path / "evil.yaml"
    bad.write_text("films: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="YAML"):
        load_catalog(bad)


def test_check_command_on_bundled_catalogue(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "22 films" in out and "people" in out and "names indexed" in out


def test_check_command_on_broken_file_prints_every_problem(capsys):
    assert main(["check", str(FIXTURES / "broken-many.yaml")]) == 1
    err = capsys.readouterr().err
    assert "3 problems" in err and "Traceback" not in err
    assert "descripton" in err and "3000" in err


def test_catalogue_path_from_the_environment(monkeypatch, capsys):
    monkeypatch.setenv("FILM_BOT_CATALOG", str(FIXTURES / "valid.yaml"))
    assert main(["check"]) == 0
    assert "2 films" in capsys.readouterr().out


# --- the Russian text ---------------------------------------------------------------------------


def test_every_bundled_film_has_russian_text_that_pairs_with_the_english() -> None:
    for film in load_catalog():
        assert film.ru is not None, film.id
        assert len(film.ru.facts) == len(film.facts), film.id
        assert len(film.ru.cast) == len(film.cast), film.id
        assert (film.ru.cast_note is None) == (film.cast_note is None), film.id
        assert film.ru.description and film.ru.studio and film.ru.cinema_note, film.id
        assert any("а" <= ch <= "я" for ch in film.ru.description.lower()), film.id


RUSSIAN = """
    ru:
      description: Фильм, придуманный для тестов.
      facts: [Он есть только в этом файле., Второй факт лишний.]
      cast: [Анна Примерова]
      studio: Тестовая студия
      cinema_note: Он не о кино.
"""


def test_russian_facts_and_cast_that_do_not_pair_up_name_the_film_and_field() -> None:
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
    broken = text.replace(
        "    sources: {other: [https://example.org/first]}",
        RUSSIAN.rstrip("\n").lstrip("\n") + "\n    sources: {other: [https://example.org/first]}",
    )
    with pytest.raises(CatalogError) as caught:
        parse_catalog(broken, "ru.yaml")
    problems = "\n".join(caught.value.problems)
    assert "film 1 (first-film): field 'ru.facts': 2 Russian facts for 1 English ones" in problems
    assert "film 1 (first-film): field 'ru.cast': 1 names for the 2 of `cast`" in problems


def test_a_catalogue_without_russian_text_still_loads_and_check_says_so(
    capsys: pytest.CaptureFixture[str],
) -> None:
    catalog = load_catalog(FIXTURES / "valid.yaml")
    assert all(f.ru is None for f in catalog)
    assert main(["check", str(FIXTURES / "valid.yaml")]) == 0
    out = capsys.readouterr().out
    assert "2 films have no Russian text" in out
    # example.org is no primary source of a film
    assert "warning: first-film: https://example.org/first is not a primary source" in out


def test_the_bundled_catalogue_cites_primary_sources_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    assert "warning" not in capsys.readouterr().out
