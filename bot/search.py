"""Finding the film or person a piece of text names.

Every name a film or person goes by is indexed in its Latin forms (see
text.py). A query is scored against them word by word, so typos, partial
titles and extra words that name the film's director or year still match,
while short or common words cannot match everything: a query must match a
title word, short words must match exactly, and a candidate that covers
little of the query or of its own name scores below the cut-off.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .catalog import Catalog, Film
from .text import name_keys, query_keys

CUTOFF = 80.0  # below this nothing fits: the answer is "not found"
NEAR = 60.0  # a near miss worth suggesting with "did you mean"
TIE = 4.0  # two films closer than this are both offered ("which one?")
_WORD_MATCH = 75.0  # one typed word and one name word are the same word above this
# Words that carry no meaning in a title; dropped unless nothing else is left.
STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "by",
        "for",
        "i",
        "il",
        "ili",
        "s",
        "v",
        "na",
        "o",
    ]
)


def _words(key: str) -> tuple[str, ...]:
    words = key.split()
    kept = tuple(w for w in words if w not in STOPWORDS)
    return kept or tuple(words)


def word_similarity(a: str, b: str) -> float:
    """0-100: how alike two words are; short words must be equal."""
    if a == b:
        return 100.0
    if len(a) <= 3 or len(b) <= 3:
        return 0.0
    score = fuzz.ratio(a, b)
    return score if score >= _WORD_MATCH else 0.0


@dataclass(frozen=True)
class Match:
    """A candidate for what the query names: a film, or a person with their films."""

    score: float
    film: Film | None = None
    person: str | None = None
    films: tuple[Film, ...] = ()


@dataclass
class _Entry:
    """Everything one film or person is known by, as word tuples."""

    names: list[tuple[str, ...]] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    context: set[str] = field(default_factory=set)  # a film's directors' names and its years

    def add(self, text: str) -> None:
        for key in name_keys(text):
            words = _words(key)
            if words not in self.names:
                self.names.append(words)
                self.words.update(words)


def _coverage(query: tuple[str, ...], name: tuple[str, ...]) -> float:
    """0-100: how much of `name` (by letters) the query's words match."""
    total = sum(len(w) for w in name)
    got = sum(len(w) * max(word_similarity(q, w) for q in query) for w in name)
    return got / total


def _score(query: tuple[str, ...], entry: _Entry, name_weight: float) -> float:
    """Score one query form against one film or person.

    The query's words are explained by the entry's title words or context
    words; at least one must be a title word. The result is how well the
    query is explained, scaled down when the query covers little of the
    best name, so "cranes" finds The Cranes Are Flying but ranks below an
    exact title.
    """
    weights = [len(q) for q in query]
    title = [max((word_similarity(q, w) for w in entry.words), default=0.0) for q in query]
    if max(title) == 0.0:
        return 0.0
    context = [max((word_similarity(q, w) for w in entry.context), default=0.0) for q in query]
    explained = sum(w * max(t, c) for w, t, c in zip(weights, title, context, strict=True))
    explained /= sum(weights)
    covered = max(_coverage(query, name) for name in entry.names)
    score = explained * ((1 - name_weight) + name_weight * covered / 100)
    joined = "".join(query)  # "kinoeye" and "kino eye" are one title
    whole = max(fuzz.ratio(joined, "".join(name)) for name in entry.names)
    return max(score, whole if whole >= CUTOFF else 0.0)


class Index:
    """Every name in a catalogue, ready to be searched."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._films: list[tuple[Film, _Entry]] = []
        people: dict[str, _Entry] = defaultdict(_Entry)
        self._person_films: dict[str, list[Film]] = defaultdict(list)
        for film in catalog:
            entry = _Entry()
            for name in film.names:
                entry.add(name)
            for director in film.directors:
                for text in filter(None, (director.name, director.name_ru)):
                    entry.context.update(w for k in name_keys(text) for w in k.split())
                    people[director.name].add(text)
                    people[director.name].add(text.split()[-1])  # the surname alone
                self._person_films[director.name].append(film)
            entry.context.update(str(y) for y in film.years)
            self._films.append((film, entry))
            for actor in film.cast:
                people[actor].add(actor)
                people[actor].add(actor.split()[-1])
                if film not in self._person_films[actor]:
                    self._person_films[actor].append(film)
        self._people = dict(people)

    @property
    def name_count(self) -> int:
        """How many distinct name forms are indexed (for `film-bot check`)."""
        return sum(len(e.names) for _, e in self._films) + sum(len(e.names) for e in self._people.values())

    def films_of(self, person: str) -> tuple[Film, ...]:
        return tuple(self._person_films.get(person, ()))

    def search(self, text: str, limit: int = 5) -> list[Match]:
        """Candidates for what `text` names, best first; empty when nothing reaches NEAR."""
        forms = [_words(k) for k in query_keys(text)]
        if not forms:
            return []
        found = []
        for film, entry in self._films:
            score = max(_score(q, entry, 0.25) for q in forms)
            if score >= NEAR:
                found.append(Match(score, film=film))
        for person, entry in self._people.items():
            score = max(_score(q, entry, 0.4) for q in forms)
            if score >= NEAR:
                found.append(Match(score, person=person, films=self.films_of(person)))
        # films before people on equal scores: a title is the likelier meaning
        found.sort(key=lambda m: (-m.score, m.film is None))
        return found[:limit]
