"""Finding the film or person a piece of text names.

Every name a film or person goes by is indexed in its Latin forms (see
text.py). A query is scored against them word by word, so typos, partial
titles and extra words that name the film's director or year still match,
while short or common words cannot match everything: a query must match a
title word, short words must match exactly, and a candidate that covers
little of the query or of its own name scores below the cut-off.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .catalog import Catalog, Film
from .text import name_keys, query_keys

CUTOFF = 80.0  # below this nothing fits: the answer is "not found"
NEAR = 60.0  # a candidate worth keeping in the ranked list
SUGGEST = 70.0  # a near miss worth offering with "did you mean"
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
    joined = "".join(query)  # "kinoeye" and "kino eye" are one title
    whole = max(word_similarity(joined, "".join(name)) for name in entry.names)
    whole = whole if whole >= CUTOFF else 0.0
    weights = [len(q) for q in query]
    title = [max((word_similarity(q, w) for w in entry.words), default=0.0) for q in query]
    if max(title) == 0.0:
        return whole
    context = [max((word_similarity(q, w) for w in entry.context), default=0.0) for q in query]
    explained = sum(w * max(t, c) for w, t, c in zip(weights, title, context, strict=True))
    explained /= sum(weights)
    covered = max(_coverage(query, name) for name in entry.names)
    score = explained * ((1 - name_weight) + name_weight * covered / 100)
    return max(score, whole)


class Index:
    """Every name in a catalogue, ready to be searched.

    Scoring every name costs time in proportion to the catalogue, so a
    search first gathers candidates: the words of the query find indexed
    words that share a character trigram with them (checked with the real
    word similarity), those words find the films and people whose names
    contain them, and only the best `CANDIDATES` of those are scored in full.
    """

    CANDIDATES = 200  # films and people scored in full per query
    WORDS_CHECKED = 300  # indexed words compared in full per query word

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        people: dict[str, _Entry] = defaultdict(_Entry)
        person_films: dict[str, list[Film]] = defaultdict(list)
        films: list[tuple[Film, _Entry]] = []
        for film in catalog:
            entry = _Entry()
            for name in film.names:
                entry.add(name)
            for director in film.directors:
                for text in filter(None, (director.name, director.name_ru)):
                    entry.context.update(w for k in name_keys(text) for w in k.split())
                    people[director.name].add(text)
                    people[director.name].add(text.split()[-1])  # the surname alone
                person_films[director.name].append(film)
            entry.context.update(str(y) for y in film.years)
            films.append((film, entry))
            for actor in film.cast:
                people[actor].add(actor)
                people[actor].add(actor.split()[-1])
                if film not in person_films[actor]:
                    person_films[actor].append(film)
        self._person_films = {name: tuple(fs) for name, fs in person_films.items()}
        # Films first, then people: an entry's number is its place in this list.
        self._entries: list[tuple[Film | None, str | None, _Entry]] = [(f, None, e) for f, e in films]
        self._entries += [(None, name, e) for name, e in people.items()]
        self._build_candidate_index()

    def _build_candidate_index(self) -> None:
        word_ids: dict[str, int] = {}
        postings: list[list[int]] = []  # word number -> entries whose names hold it
        for number, (_, _, entry) in enumerate(self._entries):
            for word in entry.words | {"".join(n) for n in entry.names if len(n) > 1}:
                if word not in word_ids:
                    word_ids[word] = len(postings)
                    postings.append([])
                postings[word_ids[word]].append(number)
        trigrams: dict[str, list[int]] = defaultdict(list)
        for word, number in word_ids.items():
            if len(word) > 3:  # short words must match exactly, so they need no trigrams
                for gram in _trigrams(word):
                    trigrams[gram].append(number)
        self._words = list(word_ids)
        self._word_ids = word_ids
        self._postings = postings
        self._trigrams = dict(trigrams)

    @property
    def name_count(self) -> int:
        """How many distinct name forms are indexed (for `film-bot check`)."""
        return sum(len(e.names) for _, _, e in self._entries)

    def films_of(self, person: str) -> tuple[Film, ...]:
        return self._person_films.get(person, ())

    def _similar_words(self, word: str) -> list[tuple[int, float]]:
        """Indexed words like `word` (word number, similarity), from shared trigrams."""
        exact = self._word_ids.get(word)
        if len(word) <= 3:
            return [(exact, 100.0)] if exact is not None else []
        shared: Counter[int] = Counter()
        for gram in _trigrams(word):
            shared.update(self._trigrams.get(gram, ()))
        found = [
            (n, word_similarity(word, self._words[n])) for n, _ in shared.most_common(self.WORDS_CHECKED)
        ]
        return [(n, s) for n, s in found if s > 0]

    def _candidates(self, forms: list[tuple[str, ...]]) -> list[int]:
        """Entries whose names share the query's words, most letters matched first."""
        totals: dict[int, float] = defaultdict(float)
        for form in forms:
            # the words, and the words run together ("kino eye" may be indexed as "kinoeye")
            for word in set(form) | ({"".join(form)} if len(form) > 1 else set()):
                best: dict[int, float] = {}
                for number, similarity in self._similar_words(word):
                    for entry in self._postings[number]:
                        if similarity > best.get(entry, 0.0):
                            best[entry] = similarity
                for entry, similarity in best.items():
                    totals[entry] += len(word) * similarity
        return heapq.nlargest(self.CANDIDATES, totals, key=totals.__getitem__)

    def search(self, text: str, limit: int = 5, exhaustive: bool = False) -> list[Match]:
        """Candidates for what `text` names, best first; empty when nothing reaches NEAR.

        `exhaustive` scores every film and person instead of the candidates
        (the benchmark compares the two).
        """
        forms = [_words(k) for k in query_keys(text)]
        if not forms:
            return []
        numbers = range(len(self._entries)) if exhaustive else self._candidates(forms)
        scored = []
        for number in numbers:
            film, person, entry = self._entries[number]
            score = max(_score(q, entry, 0.25 if film else 0.4) for q in forms)
            if score >= NEAR:
                scored.append((-score, number))
        # best first; on equal scores films come first (a title is the likelier meaning), then file order
        found = []
        for negative, number in sorted(scored)[:limit]:
            film, person, _ = self._entries[number]
            if film is not None:
                found.append(Match(-negative, film=film))
            else:
                assert person is not None
                found.append(Match(-negative, person=person, films=self.films_of(person)))
        return found


def _trigrams(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
