"""The film catalogue: frozen data objects, loaded from YAML and validated.

Every problem in a catalogue file is reported at once, each naming the file,
the film (by id, or by position when the id is missing) and the field.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "films.yaml"
FIRST_FILM_YEAR = 1895
RELATIONS = ("strong", "some", "none")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class CatalogError(Exception):
    """A catalogue that cannot be used; `problems` lists every reason, one line each."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = str(path)
        self.problems = problems
        noun = "problem" if len(problems) == 1 else "problems"
        lines = [f"{self.path}: {len(problems)} {noun}:"] + [f"  - {p}" for p in problems]
        super().__init__("\n".join(lines))


@dataclass(frozen=True, slots=True)
class Person:
    """A director or an actor; `name_ru` is the Cyrillic name where known."""

    name: str
    name_ru: str | None = None


@dataclass(frozen=True, slots=True)
class Russian:
    """A film's text in Russian: each field says what its English twin says."""

    description: str
    facts: tuple[str, ...]
    cast: tuple[str, ...]
    studio: str
    cinema_note: str
    cast_note: str | None = None


@dataclass(frozen=True, slots=True)
class Film:
    """One catalogue entry. `year` is the first release or broadcast; `made` the production year."""

    id: str
    title: str
    original_title: str
    year: int
    directors: tuple[Person, ...]
    cast: tuple[str, ...]
    studio: str
    description: str
    facts: tuple[str, ...]
    cinema_relation: str
    cinema_note: str
    made: int | None = None
    aliases: tuple[str, ...] = ()
    cast_note: str | None = None
    imdb: str | None = None
    wikipedia: str | None = None
    other_sources: tuple[str, ...] = ()
    ru: Russian | None = None  # the Russian text; None: the film answers in English only

    @property
    def years(self) -> tuple[int, ...]:
        """Every year the film belongs to: its release year and, where it differs, its making."""
        return (self.year,) if self.made is None else (self.made, self.year)

    @property
    def names(self) -> tuple[str, ...]:
        """Every title the film goes by, the usual English one first."""
        return (self.title, self.original_title, *self.aliases)

    @property
    def director_names(self) -> str:
        return " and ".join(d.name for d in self.directors)


@dataclass(frozen=True)
class Catalog:
    """The loaded catalogue: films in file order, looked up by id."""

    films: tuple[Film, ...]
    path: str = ""
    by_id: Mapping[str, Film] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {f.id: f for f in self.films})

    def __iter__(self) -> Iterator[Film]:
        return iter(self.films)

    def __len__(self) -> int:
        return len(self.films)

    def people(self) -> set[str]:
        """Every distinct person named as director or cast."""
        return {d.name for f in self.films for d in f.directors} | {c for f in self.films for c in f.cast}

    def spelled_twice(self) -> list[tuple[str, str]]:
        """Pairs of names that look like one person spelled two ways ("Elena Solovey" and
        "Yelena Solovey"): the same surname and first names a letter or two apart. A person's
        films are gathered under one spelling, so the catalogue should use one."""
        from rapidfuzz import fuzz

        by_surname: dict[str, dict[str, str]] = {}
        for name in self.people():
            *first, surname = name.split()
            by_surname.setdefault(_skeleton(surname), {})[" ".join(first)] = name
        pairs = []
        for firsts in by_surname.values():
            names = sorted(firsts)
            for i, a in enumerate(names):
                pairs += [
                    (firsts[a], firsts[b])
                    for b in names[i + 1 :]
                    if a and b and fuzz.ratio(_skeleton(a), _skeleton(b)) >= 90
                ]
        return sorted(pairs)


def _skeleton(name: str) -> str:
    """A Latin name with the usual transliteration choices folded: Yelena/Elena, Pyotr/Petr,
    Fyodor/Fedor, Andrey/Andrei, Alexander/Aleksandr all meet."""
    name = name.casefold().replace("yo", "e").replace("ye", "e").replace("x", "ks").replace("j", "y")
    return name.replace("iy", "i").replace("y", "i")


_STR = "a non-empty text"
# field name -> required?
_FILM_FIELDS: dict[str, bool] = {
    "id": True, "title": True, "original_title": True, "year": True, "made": False,
    "directors": True, "cast": True, "cast_note": False, "studio": True, "aliases": False,
    "description": True, "facts": True, "cinema": True, "ru": False, "sources": True,
}  # fmt: skip
_RUSSIAN_FIELDS = {
    "description": True, "facts": True, "cast": False, "studio": True, "cast_note": False,
    "cinema_note": True,
}  # fmt: skip
# Hosts of primary sources: the film's Wikipedia articles and IMDb page, studios, festivals and film
# archives. `film-bot check` notes any other host: copies, blogs and fan pages back nothing.
PRIMARY_HOSTS = (
    "wikipedia.org", "imdb.com", "mosfilm.ru", "lenfilm.ru", "soyuzmultfilm.ru", "gorkyfilm.ru",
    "festival-cannes.com", "berlinale.de", "labiennale.org", "kviff.com", "moscowfilmfestival.ru",
    "miff.com.au", "iffr.com", "idfa.nl", "sakhalinfilmfestival.ru", "sputnikfestiwal.pl",
    "cinemareborn.com.au", "archivefest.ru", "gosfilmofond.ru", "net-film.ru", "bfi.org.uk",
    "bampfa.org", "harvardfilmarchive.org", "cinema.ucla.edu", "arsenal-berlin.de",
)  # fmt: skip
_DIRECTOR_FIELDS = {"name": True, "name_ru": False}
_CINEMA_FIELDS = {"relation": True, "note": True}
_SOURCE_FIELDS = {"imdb": False, "wikipedia": False, "other": False}


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Load and validate a catalogue file (default: the bundled one); raise CatalogError."""
    path = Path(path) if path is not None else DEFAULT_PATH
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(path, ["file not found"]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(path, [f"cannot read the file: {exc}"]) from None
    return parse_catalog(text, path)


def parse_catalog(text: str, path: Path | str = "<catalogue>") -> Catalog:
    """Validate catalogue YAML text; every problem is collected before raising."""
    import yaml  # imported here: a start-up from the compiled cache never parses YAML

    # libyaml's C loader is many times faster; both are safe loaders
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(text, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        raise CatalogError(path, [f"YAML syntax error at {where}{exc.problem}"]) from None
    except yaml.YAMLError as exc:
        raise CatalogError(path, [f"YAML syntax error: {exc}"]) from None
    if not isinstance(data, dict) or not isinstance(data.get("films"), list):
        raise CatalogError(path, ["expected a mapping with a list under `films:`"])
    extra = sorted(set(data) - {"films"})
    problems = [f"unknown top-level field {k!r} (expected only `films`)" for k in extra]
    films: list[Film] = []
    seen: dict[str, int] = {}
    for position, raw in enumerate(data["films"], start=1):
        film, film_problems = _film(raw, position)
        problems += film_problems
        if film is None:
            continue
        if film.id in seen:
            problems.append(
                f"film {position} ({film.id}): duplicate id, already used by film {seen[film.id]}"
            )
            continue
        seen[film.id] = position
        films.append(film)
    if not data["films"]:
        problems.append("the catalogue has no films")
    if problems:
        raise CatalogError(path, problems)
    return Catalog(tuple(films), str(path))


class _Checker:
    """Reads one film's fields, noting every problem against the film's label."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[str] = []

    def problem(self, name: str, message: str) -> None:
        self.problems.append(f"{self.label}: field {name!r}: {message}")

    def fields(self, raw: Any, spec: dict[str, bool], prefix: str = "") -> dict[str, Any]:
        """The known fields of a mapping; unknown and missing required ones are problems."""
        if not isinstance(raw, dict):
            self.problem(prefix.rstrip(".") or "film", f"expected a mapping, got {_kind(raw)}")
            return {}
        for key in raw:
            if key not in spec:
                hint = _closest(str(key), spec)
                self.problem(
                    f"{prefix}{key}", "unknown field" + (f" (did you mean {hint!r}?)" if hint else "")
                )
        for key, required in spec.items():
            if required and raw.get(key) is None:
                self.problem(f"{prefix}{key}", "missing (required)")
        return {k: v for k, v in raw.items() if k in spec}

    def text(self, name: str, value: Any) -> str | None:
        if value is None:
            return None  # a missing required field was reported by fields()
        if not isinstance(value, str) or not value.strip():
            self.problem(name, f"expected {_STR}, got {_kind(value)}")
            return None
        return " ".join(value.split())

    def texts(self, name: str, value: Any, least: int = 0, most: int = 1000) -> tuple[str, ...]:
        if value is None:
            value = []
        if not isinstance(value, list):
            self.problem(name, f"expected a list of texts, got {_kind(value)}")
            return ()
        out = tuple(t for i, v in enumerate(value) if (t := self.text(f"{name}[{i + 1}]", v)))
        if not least <= len(value) <= most:
            self.problem(name, f"expected {least} to {most} items, got {len(value)}")
        return out

    def year(self, name: str, value: Any) -> int | None:
        this_year = dt.date.today().year
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(name, f"expected a year as a whole number, got {_kind(value)}")
            return None
        if not FIRST_FILM_YEAR <= value <= this_year:
            self.problem(name, f"expected a year from {FIRST_FILM_YEAR} to {this_year}, got {value}")
            return None
        return value


def _film(raw: Any, position: int) -> tuple[Film | None, list[str]]:
    ident = raw.get("id") if isinstance(raw, dict) else None
    label = f"film {position} ({ident})" if isinstance(ident, str) and ident else f"film {position}"
    c = _Checker(label)
    f = c.fields(raw, _FILM_FIELDS)
    if not f:
        return None, c.problems
    film_id = c.text("id", f.get("id"))
    if film_id and not ID_PATTERN.match(film_id):
        c.problem("id", f"expected a lowercase slug like 'cranes-are-flying', got {film_id!r}")
    year, made = c.year("year", f.get("year")), c.year("made", f.get("made"))
    if year and made and made > year:
        c.problem("made", f"production year {made} is after the release year {year}")
    if year and made == year:
        c.problem("made", "equals `year`; leave it out when production and release agree")
    directors = _people(c, f.get("directors"))
    facts = c.texts("facts", f.get("facts"), 1, 10)
    cinema = c.fields(f.get("cinema"), _CINEMA_FIELDS, "cinema.") if "cinema" in f else {}
    relation = c.text("cinema.relation", cinema.get("relation"))
    if relation and relation not in RELATIONS:
        c.problem("cinema.relation", f"expected one of {', '.join(RELATIONS)}, got {relation!r}")
    sources = c.fields(f.get("sources"), _SOURCE_FIELDS, "sources.") if "sources" in f else {}
    urls = {k: c.text(f"sources.{k}", sources.get(k)) for k in ("imdb", "wikipedia")}
    for key, url in urls.items():
        if url and not url.startswith("https://"):
            c.problem(f"sources.{key}", f"expected an https:// address, got {url!r}")
    film = Film(
        id=film_id or "",
        title=c.text("title", f.get("title")) or "",
        original_title=c.text("original_title", f.get("original_title")) or "",
        year=year or 0,
        made=made,
        directors=directors,
        cast=c.texts("cast", f.get("cast"), 0, 6),
        cast_note=c.text("cast_note", f.get("cast_note")),
        studio=c.text("studio", f.get("studio")) or "",
        aliases=c.texts("aliases", f.get("aliases")),
        description=c.text("description", f.get("description")) or "",
        facts=facts,
        cinema_relation=relation or "none",
        cinema_note=c.text("cinema.note", cinema.get("note")) or "",
        imdb=urls["imdb"],
        wikipedia=urls["wikipedia"],
        other_sources=c.texts("sources.other", sources.get("other")),
        ru=_russian(c, f, len(facts), f.get("cast") or [], f.get("cast_note")),
    )
    return (None if c.problems else film), c.problems


def _russian(c: _Checker, f: dict[str, Any], facts: int, cast: list[Any], cast_note: Any) -> Russian | None:
    """The film's Russian text, checked field by field against the English one."""
    if "ru" not in f:
        return None
    ru = c.fields(f.get("ru"), _RUSSIAN_FIELDS, "ru.")
    if not ru:
        return None
    ru_facts = c.texts("ru.facts", ru.get("facts"), 1, 10)
    if len(ru_facts) != facts:
        c.problem(
            "ru.facts", f"{len(ru_facts)} Russian facts for {facts} English ones; each fact needs its twin"
        )
    ru_cast = c.texts("ru.cast", ru.get("cast"), 0, 6)
    if len(ru_cast) != len(cast):
        c.problem("ru.cast", f"{len(ru_cast)} names for the {len(cast)} of `cast`, in the same order")
    ru_cast_note = c.text("ru.cast_note", ru.get("cast_note"))
    if (ru_cast_note is None) != (cast_note is None):
        c.problem("ru.cast_note", "`cast_note` and `ru.cast_note` go together: give both or neither")
    return Russian(
        description=c.text("ru.description", ru.get("description")) or "",
        facts=ru_facts,
        cast=ru_cast,
        studio=c.text("ru.studio", ru.get("studio")) or "",
        cinema_note=c.text("ru.cinema_note", ru.get("cinema_note")) or "",
        cast_note=ru_cast_note,
    )


def secondary_sources(catalog: Catalog) -> list[tuple[str, str]]:
    """(film id, address) of every source whose host is not a primary source's (PRIMARY_HOSTS)."""
    from urllib.parse import urlsplit

    found = []
    for film in catalog:
        for url in filter(None, (film.imdb, film.wikipedia, *film.other_sources)):
            host = (urlsplit(url).hostname or "").lower()
            if not any(host == h or host.endswith(f".{h}") for h in PRIMARY_HOSTS):
                found.append((film.id, url))
    return found


def _people(c: _Checker, raw: Any) -> tuple[Person, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw:
        c.problem("directors", f"expected a non-empty list of people, got {_kind(raw)}")
        return ()
    people = []
    for i, entry in enumerate(raw, start=1):
        d = c.fields(entry, _DIRECTOR_FIELDS, f"directors[{i}].")
        name = c.text(f"directors[{i}].name", d.get("name"))
        name_ru = c.text(f"directors[{i}].name_ru", d.get("name_ru"))
        if name:
            people.append(Person(name, name_ru))
    return tuple(people)


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "an empty text" if not value.strip() else f"text {value[:40]!r}"
    return {bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a mapping"}.get(
        type(value), type(value).__name__
    ) + (f" {value!r}" if isinstance(value, int | float) and not isinstance(value, bool) else "")


def _closest(key: str, names: dict[str, bool]) -> str | None:
    """The known field a typo most likely meant (e.g. 'descripton' -> 'description')."""
    found = difflib.get_close_matches(key, list(names), n=1, cutoff=0.75)
    return found[0] if found else None
