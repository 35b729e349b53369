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
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain
from operator import itemgetter

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from .catalog import Catalog, Film
from .text import latin, name_keys, query_keys

CUTOFF = 80.0  # below this nothing fits: the answer is "not found"
NEAR = 60.0  # a candidate worth keeping in the ranked list
SUGGEST = 70.0  # a near miss worth offering with "did you mean"
TIE = 4.0  # two films closer than this are both offered ("which one?")
_WORD_MATCH = 75.0  # one typed word and one name word are the same word above this
LONGEST_WORD = 40  # a longer typed "word" is matched only exactly: no title word is that long
# Words that carry no meaning in a title; dropped unless nothing else is left.
STOPWORDS = frozenset("the a an of and or in on at to by for i il ili s v na o".split())
# Words one slip from "the" that are words of their own, not a mistyped article.
_NOT_THE = frozenset({"he", "she", "they", "then", "them", "thy", "tho", "thee", "tie", "toe", "tee", "tea"})


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
    entry: int = field(default=-1, compare=False)  # its place in the index (see Index.entry_words)


Words = tuple[str, ...]
Table = dict[str, float]  # indexed word -> its similarity to one query word (absent: 0)


@dataclass(frozen=True, slots=True)
class _Entry:
    """Everything one film or person is known by: its names as word tuples, and context words."""

    names: tuple[Words, ...]
    context: Words = ()  # a film's directors' names and its years: extra words a query may add

    @property
    def words(self) -> set[str]:
        return {w for name in self.names for w in name}


def _entry(texts: list[str], context: set[str] | None = None) -> _Entry:
    """The entry for names given as text; words are interned, so a large index shares them."""
    names: dict[Words, None] = {}
    for text in texts:
        for key in name_keys(text):
            names[tuple(sys.intern(w) for w in _words(key))] = None
    return _Entry(tuple(names), tuple(sys.intern(w) for w in sorted(context or ())))


@dataclass(frozen=True, slots=True)
class _Query:
    """One form of the query, with what scoring needs worked out once per search."""

    words: Words
    tables: tuple[Table, ...]  # per word: indexed word -> similarity (absent: 0)
    best: Table  # indexed word -> its best similarity to any of the query's words
    weights: tuple[int, ...]
    joined_table: Table  # the words run together: "kinoeye" and "kino eye" are one title

    @classmethod
    def of(cls, words: Words, tables: dict[str, Table]) -> _Query:
        mine = tuple(tables[w] for w in words)
        best: Table = {}
        for table in mine:
            for word, similarity in table.items():
                if similarity > best.get(word, 0.0):
                    best[word] = similarity
        # a whole-name match is for spacing and spelling ("kino eye", "dvadcat dnej"), not for
        # a name plus extra words: "Andrei Tarkovsky Stalker" is not Andrei Tarkovsky
        together = "".join(words)
        joined = {
            w: s for w, s in tables.get(together, {}).items() if abs(len(w) - len(together)) <= len(w) / 4
        }
        return cls(words, mine, best, tuple(len(w) for w in words), joined)


def _score(query: _Query, entry: _Entry, name_weight: float) -> tuple[float, float]:
    """Score one query form against one film or person.

    The query's words are explained by the entry's title words or context
    words; at least one must be a title word. The result is how well the
    query is explained, scaled down when the query covers little of the
    best name, so "cranes" finds The Cranes Are Flying but ranks below an
    exact title. Word similarities come from the query's tables, so scoring
    is lookups rather than comparisons. The second number, how well the
    words run together match a whole name, ranks equal scores: "Зима для
    легенды" before "Легенда для зимы".
    """
    whole = 0.0
    if query.joined_table:
        whole = max(query.joined_table.get("".join(name), 0.0) for name in entry.names)
        whole = whole if whole >= CUTOFF else 0.0
    names_words = [w for name in entry.names for w in name if w in query.best]
    if not names_words:
        return whole, whole
    best = query.best
    title = [max((t.get(w, 0.0) for w in names_words), default=0.0) for t in query.tables]
    # most context words (directors, cast, years) meet no query word: look only at those that do
    context_words = [w for w in entry.context if w in best]
    context = [max((t.get(w, 0.0) for w in context_words), default=0.0) for t in query.tables]
    explained = sum(w * max(t, c) for w, t, c in zip(query.weights, title, context, strict=True))
    explained /= sum(query.weights)
    covered = max(sum(len(w) * best.get(w, 0.0) for w in name) / sum(map(len, name)) for name in entry.names)
    return max(explained * ((1 - name_weight) + name_weight * covered / 100), whole), whole


class Index:
    """Every name in a catalogue, ready to be searched.

    Scoring every name costs time in proportion to the catalogue, so a
    search first gathers candidates: each query word finds the indexed
    words that share character trigrams with it (then compared for real),
    those words find the films and people whose names hold them, and only
    the best `CANDIDATES` are scored in full. `search(..., exhaustive=True)`
    compares every word and scores everything instead, for comparison.
    """

    CANDIDATES = 25  # films and people scored in full per query
    WORDS_CHECKED = 100  # indexed words compared in full per query word
    COMMON = 2_000  # a word in more names than this adds no new candidates, only ranks them
    COMMON_GRAM = 2_000  # a trigram in more words than this is skipped once rarer ones found enough

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        people: dict[str, list[str]] = defaultdict(list)
        person_films: dict[str, list[Film]] = defaultdict(list)
        films: list[_Entry] = []
        for film in catalog:
            context: set[str] = {str(y) for y in film.years}
            for director in film.directors:
                for text in filter(None, (director.name, director.name_ru)):
                    context.update(w for k in name_keys(text) for w in k.split())
                    people[director.name] += [text, text.split()[-1]]  # the surname alone too
                person_films[director.name].append(film)
            for actor in film.cast:
                # "vesna orlova": a star's name says which film is meant, too
                context.update(w for k in name_keys(actor) for w in k.split())
                people[actor] += [actor, actor.split()[-1]]
                if film not in person_films[actor]:
                    person_films[actor].append(film)
            films.append(_entry(list(film.names), context))
        self._person_films = {name: tuple(fs) for name, fs in person_films.items()}
        # Films first, then people: an entry's number is its place in these lists.
        self._films: list[Film | None] = [*catalog.films, *(None for _ in people)]
        self._people: list[str | None] = [*(None for _ in catalog.films), *people]
        self._entries = films + [_entry(list(dict.fromkeys(texts))) for texts in people.values()]
        self._build_candidate_index()

    def _build_candidate_index(self) -> None:
        word_ids: dict[str, int] = {}
        postings: list[array[int]] = []  # word number -> entries whose names hold it

        def number_of(word: str) -> int:
            if word not in word_ids:
                word_ids[word] = len(postings)
                postings.append(array("i"))
            return word_ids[word]

        for number, entry in enumerate(self._entries):
            joined = {"".join(n) for n in entry.names if len(n) > 1}  # "kino eye" as "kinoeye" too
            for word in entry.words | joined:
                postings[number_of(word)].append(number)
            for word in entry.context:  # compared with the query, but they find no films themselves
                number_of(word)
        # trigram -> length -> the words of that length holding it: a typed word is compared only
        # with words long enough and short enough to reach _WORD_MATCH with it
        trigrams: dict[str, dict[int, array[int]]] = defaultdict(dict)
        for word, number in word_ids.items():
            if len(word) > 3:  # short words must match exactly, so they need no trigrams
                for gram in _trigrams(word):
                    trigrams[gram].setdefault(len(word), array("i")).append(number)
        self._words = list(word_ids)
        self._word_ids = word_ids
        self._trigrams = dict(trigrams)
        # all postings in one flat array with offsets: 400,000 small arrays would cost far more
        self._offsets = array("i", [0])
        self._postings = array("i")
        for entries in postings:
            self._postings.extend(entries)
            self._offsets.append(len(self._postings))
        # letters in each entry's shortest name: among equal candidates the shorter name fits better
        shortest = (min(sum(map(len, name)) for name in e.names) for e in self._entries)
        self._name_letters = array("H", (min(n, 65535) for n in shortest))

    @property
    def name_count(self) -> int:
        """How many distinct name forms are indexed (for `film-bot check`)."""
        return sum(len(e.names) for e in self._entries)

    def knows(self, word: str) -> bool:
        """Whether some name holds `word` (a Latin word, as names are indexed)."""
        return word in self._word_ids

    def films_of(self, person: str) -> tuple[Film, ...]:
        return self._person_films.get(person, ())

    def _similar_words(self, word: str) -> Table:
        """Indexed words like `word`, with their similarity, found through shared trigrams.

        A word that is indexed as it is was typed as meant: it is not widened
        to its look-alikes (which is also what keeps exact queries fast).
        """
        if word in self._word_ids:
            return {word: 100.0}
        if not 3 < len(word) <= LONGEST_WORD:
            return {}
        shared: Counter[int] = Counter()
        lengths = _comparable_lengths(len(word))
        grams = []
        for gram in _trigrams(word):
            by_length = self._trigrams.get(gram, {})
            postings = [by_length[n] for n in lengths if n in by_length]
            grams.append((sum(map(len, postings)), postings))
        # rarest trigrams first; a very common one ("ova", "ski") only counts once others found little
        for size, postings in sorted(grams, key=itemgetter(0)):
            if size > self.COMMON_GRAM and len(shared) >= self.WORDS_CHECKED:
                break
            for words in postings:
                shared.update(words)
        others = (self._words[n] for n, _ in shared.most_common(self.WORDS_CHECKED))
        table = {other: similarity for other in others if (similarity := word_similarity(word, other))}
        if max(table.values(), default=0.0) < 85 and len(word) <= 12:
            # trigrams miss swapped letters in short words ("hravest" shares little with "harvest"),
            # so look one edit away; a longer word keeps enough trigrams for a typo to be found
            nearby = (w for w in _one_edit_away(word) if w in self._word_ids)
            table.update((w, similarity) for w in nearby if (similarity := word_similarity(word, w)))
        return table

    def word_table(self, word: str, memo: dict[str, Table] | None = None) -> Table:
        """Indexed words like one typed word, in any of its Latin forms, with their similarity;
        each form's table is kept in `memo` for the searches of the same message."""
        memo = {} if memo is None else memo
        table: Table = {}
        for key in query_keys(word):
            for form in key.split():
                if form not in memo:
                    memo[form] = self._similar_words(form)
                for other, similarity in memo[form].items():
                    table[other] = max(similarity, table.get(other, 0.0))
        return table

    def entry_words(self, match: Match) -> frozenset[str]:
        """Every word a match's film or person is indexed under: its names and its context."""
        entry = self._entries[match.entry]
        return frozenset(entry.words) | frozenset(entry.context)

    def _without_mistyped_article(self, key: str) -> str:
        """ "teh voice", "te mirror": a short first word one slip from "the" is that article
        (and dropped like it), unless some name holds it as a word of its own."""
        first, _, rest = key.partition(" ")
        mistyped = first not in self._word_ids and first not in _NOT_THE and OSA.distance(first, "the") == 1
        return rest if rest and mistyped else key

    def _all_similar_words(self, word: str) -> Table:
        """Like `_similar_words`, but comparing `word` with every indexed word (in C, by rapidfuzz)."""
        if word in self._word_ids:
            return {word: 100.0}
        if not 3 < len(word) <= LONGEST_WORD:
            return {}
        found = process.extract(word, self._words, scorer=fuzz.ratio, score_cutoff=_WORD_MATCH, limit=None)
        return {w: s for w, s, _ in found if len(w) > 3}

    def _holding(self, word: str) -> Sequence[int]:
        """The entries whose names hold `word`, in order."""
        number = self._word_ids[word]
        return memoryview(self._postings)[self._offsets[number] : self._offsets[number + 1]]

    def _candidates(self, words: list[str], tables: dict[str, Table]) -> list[int]:
        """Entries whose names hold words like the most query words; on ties, shorter names first.

        A query word in very many names (more than COMMON, like "goda") is
        left out when rarer words are there to find the candidates. The
        counting and ranking run mostly in C, which is what keeps this fast.
        """
        groups: list[Sequence[int]] = []  # per query word: the entries holding a word like it
        for query_word in words:
            found = [self._holding(w) for w in tables[query_word]]
            if found:
                groups.append(found[0] if len(found) == 1 else set().union(*found))  # type: ignore[arg-type]
        rare = [g for g in groups if len(g) <= self.COMMON] or groups
        counts = Counter(chain.from_iterable(rare))
        if len(counts) <= self.CANDIDATES:
            return list(counts)
        ranked = heapq.nlargest(self.CANDIDATES, counts.items(), key=itemgetter(1))
        cut = ranked[-1][1]
        sure = [entry for entry, count in ranked if count > cut]
        at_cut = [entry for entry, count in ranked if count == cut]
        if sum(n for count, n in Counter(counts.values()).items() if count >= cut) > self.CANDIDATES:
            at_cut = [entry for entry, count in counts.items() if count == cut]  # more tie than room
        tied = sorted(at_cut, key=self._name_letters.__getitem__)
        return sure + tied[: self.CANDIDATES - len(sure)]

    def search(
        self, text: str, limit: int = 5, exhaustive: bool = False, memo: dict[str, Table] | None = None
    ) -> list[Match]:
        """Candidates for what `text` names, best first; empty when nothing reaches NEAR.

        `exhaustive` compares every query word with every indexed word and
        scores every film and person instead of the candidates.
        """
        forms = [_words(self._without_mistyped_article(k)) for k in query_keys(text)]
        if not forms:
            return []
        # each word, and the words run together ("kino eye" may be indexed as "kinoeye")
        words = list(dict.fromkeys(w for form in forms for w in (*form, *_pairs(form))))
        numbers: range | list[int]
        if exhaustive:
            tables = {q: self._all_similar_words(q) for q in words}
            numbers = range(len(self._entries))
        else:
            memo = {} if memo is None else memo  # one message's searches share their words' tables
            tables = {q: memo[q] if q in memo else memo.setdefault(q, self._similar_words(q)) for q in words}
            numbers = self._candidates(words, tables)
        queries = [_Query.of(form, tables) for form in forms]
        scored = []
        for number in numbers:
            weight = 0.25 if self._films[number] is not None else 0.4
            score, whole = max(_score(q, self._entries[number], weight) for q in queries)
            if score >= NEAR:
                scored.append((-score, -whole, number))
        # best first; on equal scores the words in a name's order, then films before people (a title
        # is the likelier meaning), then file order
        found = []
        for negative, _, number in sorted(scored)[:limit]:
            film, person = self._films[number], self._people[number]
            if film is not None:
                found.append(Match(-negative, film=film, entry=number))
            elif person is not None:
                found.append(Match(-negative, person=person, films=self.films_of(person), entry=number))
        return found


_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _comparable_lengths(length: int) -> range:
    """The lengths of the words that may reach _WORD_MATCH with a word of `length` letters: the
    ratio is 200 * common / (length + other), at most 200 * shorter / (length + other), so at 75
    the other is between 3/5 and 5/3 of `length` (and longer than 3 letters, as in word_similarity)."""
    return range(max(4, -(-3 * length // 5)), 5 * length // 3 + 1)


def _one_edit_away(word: str) -> set[str]:
    """Strings one deletion or swap of neighbours away from `word`, and for a short word (whose
    few trigrams a single wrong letter spoils) also one replacement or insertion away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b} | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    if len(word) <= 6:
        edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
        edits |= {a + c + b for a, b in splits for c in _LETTERS}
    return edits


def _pairs(form: Words) -> list[str]:
    """The form's words run together, when that is short enough to be one mistyped title."""
    joined = "".join(form)
    return [joined] if len(form) > 1 and len(joined) <= 24 else []


def _trigrams(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


# --- names inside a longer message -------------------------------------------------------------

NAME_SEARCHES = 10  # searches one message may spend finding the names in it
JOINING = frozenset({"or", "and", "vs", "versus", "или", "и", "ili", "i"})  # words between two names
_HULLS = 3  # of a stretch's candidates, how many are tried as the stretch of words they explain


@dataclass(frozen=True)
class Span:
    """Words start..end-1 of a message and what they name, best first (empty: nothing fits)."""

    start: int
    end: int
    found: tuple[Match, ...]

    @property
    def best(self) -> Match | None:
        return self.found[0] if self.found and self.found[0].score >= CUTOFF else None


def find_names(
    index: Index,
    words: Sequence[str],
    known: Sequence[bool],
    slipped: Sequence[bool],
    typed: Sequence[int],
    generic: Sequence[bool],
    taken: Sequence[bool],
    ends: Sequence[bool],
    joins: Sequence[bool],
    searched: dict[str, tuple[Match, ...]] | None = None,
    memo: dict[str, Table] | None = None,
) -> list[Span]:
    """The stretches of a message that name a film or a person, best first.

    `words` are the message's cleaned words; `known[i]` says word i is an asking
    or chat word, `slipped[i]` that it is a slip of one ("direted"), `typed[i]`
    which typed word it comes from ("Кин-дза-дза" is one typed word, three
    words), so a name never takes part of a typed word; `generic[i]` that it is
    a word such as "film", which a name may hold but seldom begins or ends
    with ("the film Mirror", but "Film, Film, Film"); `taken[i]` that it belongs
    to the question and to no name ("film of the day", "80s"); `ends[i]` that a
    comma or a full stop follows it; `joins[i]` that it may join two names (a word of `JOINING`:
    "or", «и», but "i" only where it is not English "I"). Each search made
    is kept in `searched`, by the words searched, and each word's table of
    similar indexed words in `memo`, for later searches of the same message. A stretch is a run of words some name holds (with typos,
    case endings, transliteration), joined by small words and numbers; a word the
    cue table knows may be part of a name ("Man with a Movie Camera") but never
    starts a search on its own. Each run is searched whole; where its best
    candidates explain only part of it ("i love the irony of fate"), the part
    they explain is searched too, and the rest of the run is searched again for
    another name.
    """
    small = [w.isdigit() or latin(w) in STOPWORDS for w in words]  # "of", "с", numbers: they join names
    memo = {} if memo is None else memo
    tables = [{} if sm else index.word_table(w, memo) for w, sm in zip(words, small, strict=True)]

    done = {} if searched is None else searched

    def search(start: int, end: int) -> tuple[Match, ...]:
        text = " ".join(words[start:end])
        if text not in done:
            done[text] = tuple(index.search(text, memo=memo))
        return done[text]

    exact = [any(s >= 100 for s in t.values()) for t in tables]
    # a word of the cue table is part of a name only as a whole name word ("with", "voice"); a slip
    # of one may be a mistyped name word too ("Starr" for "Star", not "stars")
    nameable = [
        bool(t) and (e or not k) and not x for t, k, e, x in zip(tables, known, exact, taken, strict=True)
    ]

    def bridge(i: int) -> bool:
        return small[i]

    def worth_searching(start: int, end: int) -> bool:
        named = [i for i in range(start, end) if nameable[i]]
        return any(not known[i] for i in named) or len(named) > 1

    def trimmed(start: int, end: int) -> tuple[int, int]:
        while start < end and not nameable[start] and not words[start].isdigit():
            start += 1
        while end > start and not nameable[end - 1] and not words[end - 1].isdigit():
            end -= 1
        return whole_words(start, end)

    def without_generic(start: int, end: int) -> tuple[int, int]:
        """ "фильма Весна" without "фильма"; "Film, Film, Film" stays whole."""
        inner_start, inner_end = start, end
        while inner_start < inner_end and (generic[inner_start] or bridge(inner_start)):
            inner_start += 1
        while inner_end > inner_start and (
            generic[inner_end - 1] or (small[inner_end - 1] and not words[inner_end - 1].isdigit())
        ):
            inner_end -= 1
        if any(nameable[i] and not generic[i] for i in range(inner_start, inner_end)):
            return trimmed(inner_start, inner_end)
        return start, end

    def whole_words(start: int, end: int) -> tuple[int, int]:
        if end <= start:
            return start, start
        while start > 0 and typed[start - 1] == typed[start]:
            start -= 1
        while end < len(words) and typed[end] == typed[end - 1]:
            end += 1
        return start, end

    def explained(match: Match, start: int, end: int) -> list[tuple[int, int]]:
        """The stretch of start..end that the match's names and context explain, with the
        numbers beside it ("cold summer of 1954") and without them ("mirror 70s")."""
        held = index.entry_words(match)
        inside = [i for i in range(start, end) if nameable[i] and not held.isdisjoint(tables[i])]
        if not inside:
            return []
        first, last = inside[0], inside[-1] + 1
        bare = trimmed(first, last)
        while first > start and bridge(first - 1):
            first -= 1
        while last < end and bridge(last):
            last += 1
        return list(dict.fromkeys([trimmed(first, last), bare]))

    runs: list[tuple[int, int]] = []
    whole_only: set[tuple[int, int]] = set()  # runs cut at "or", "и": a name there must fit whole
    i = 0
    while i < len(words):
        if not nameable[i]:
            i += 1
            continue
        start = i
        # a word no table knows between name words is a name word mistyped past finding
        # ("The Pilot of the Distayt Daughter"); the run goes on over it
        while i < len(words) and (nameable[i] or bridge(i) or not (known[i] or slipped[i] or taken[i])):
            i += 1
        runs.append(trimmed(start, i))
    spans: list[Span] = []
    budget = NAME_SEARCHES
    while runs and budget > 0:
        start, end = runs.pop(0)
        if end <= start or not worth_searching(start, end):
            continue
        found = search(start, end)
        budget -= 1
        tried = {(start, end): found}
        best = found[0] if found else None
        whole = (
            best is not None and best.score >= CUTOFF and explained(best, start, end)[:1] == [(start, end)]
        )
        # a run that fits no name whole: the parts its best candidates explain are searched too,
        # where it holds asking or chat words ("i love the irony of fate") or a number ("mirror
        # 70s"), or where nothing fits it at all ("we went to the circus"); whether the words
        # beside such a part make a longer title the catalogue lacks ("tsirk zazhigaet ogni") is
        # for the reading to say (Brain._whole_title). A run of words the cue table does not know
        # that a name fits is that name: "elena solovey" is Yelena Solovey, not "solovey" alone
        mixed = any(
            words[i].isdigit() or (not bridge(i) and (known[i] or slipped[i])) for i in range(start, end)
        )
        if not whole and (mixed or best is None or best.score < CUTOFF):
            inner = without_generic(start, end)
            if inner != (start, end) and budget > 0 and worth_searching(*inner):
                tried[inner] = search(*inner)
                budget -= 1
            for match in found[:_HULLS]:
                for part in explained(match, start, end):
                    if part[1] > part[0] and part not in tried and budget > 0 and worth_searching(*part):
                        tried[part] = search(*part)
                        budget -= 1
        (s, e), found = max(
            tried.items(),
            key=lambda item: (
                bool(item[1]) and item[1][0].score >= CUTOFF,
                item[1][0].score if item[1] else 0.0,
                item[0][1] - item[0][0],
            ),
        )
        span = Span(s, e, found)
        if (start, end) in whole_only and span.best is not None and span.best.score < 100:
            continue
        if span.best is None:
            # nothing fits the run whole: its pieces between asking words may ("Aleksandrov film
            # with Orlova")
            # first where the run went on over words no name holds ("my teacher assigned Man with a
            # Movie Camera"), then at asking words
            crossed = _split(start, end, lambda j: not (nameable[j] or bridge(j) or known[j] or slipped[j]))
            if crossed != [(start, end)]:
                runs += [trimmed(*p) for p in crossed]
                continue
            pieces = _split(start, end, lambda j: (known[j] or slipped[j]) and not bridge(j))
            # and the parts between commas and full stops ("Голос, коротко"); tried only now, as
            # some titles hold commas ("Shine, Shine, My Star")
            pieces = [q for p in pieces for q in _split_after(*p, lambda j: ends[j])]
            if pieces == [(start, end)]:
                # last, at "or", "и": two names joined ("Circus or Springtime"), which a title may
                # also hold ("The Irony of Fate, or Enjoy Your Bath!") but then fits whole. Each
                # part must be a whole name: "войну" in «про любовь и войну» is a topic, not a title
                pieces = _split(start, end, lambda j: joins[j])
                whole_only.update(trimmed(*p) for p in pieces)
            runs += [trimmed(*p) for p in pieces] if pieces != [(start, end)] else []
            continue
        spans.append(span)
        runs += [trimmed(start, s), trimmed(e, end)]  # another name may stand beside this one
    # best first; on equal scores the longer, then the one named first
    return sorted(spans, key=lambda sp: (-(sp.best.score if sp.best else 0.0), sp.start - sp.end, sp.start))


def _split(start: int, end: int, at: Callable[[int], bool]) -> list[tuple[int, int]]:
    """start..end cut into the stretches between the places where `at` holds."""
    pieces, begin = [], start
    for i in range(start, end):
        if at(i):
            if i > begin:
                pieces.append((begin, i))
            begin = i + 1
    return pieces + ([(begin, end)] if end > begin else [])


def _split_after(start: int, end: int, at: Callable[[int], bool]) -> list[tuple[int, int]]:
    """start..end cut after each place where `at` holds."""
    pieces, begin = [], start
    for i in range(start, end):
        if at(i) and i + 1 < end:
            pieces.append((begin, i + 1))
            begin = i + 1
    return [*pieces, (begin, end)]
