"""The answering core: one message in, one `Answer` out.

Pure: no Telegram, no I/O. "Today" and the source of randomness are
arguments, so every answer is a plain, repeatable function call in tests.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, replace
from itertools import islice, product

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .catalog import Catalog, Film
from .intents import PRONOUNS, SUBJECT_INTENTS, Parsed, cue_intent, cue_words, parse, wording_words
from .search import CUTOFF, STOPWORDS, SUGGEST, TIE, Index, Match
from .text import clean, has_cyrillic, latin, latin_genitive_stem, spell_numbers, typed_russian

# Words that name no film on their own: "film" must not answer with "Film, Film, Film".
GENERIC = frozenset(
    [
        "a",
        "an",
        "the",
        "film",
        "films",
        "movie",
        "movies",
        "cinema",
        "kino",
        "picture",
        "pictures",
        "фильм",
        "фильмы",
        "фильма",
        "фильме",
        "фильму",
        "фильмом",
        "кино",
        "картина",
        "мультфильм",
        "мультфильма",
        "мультфильме",
        "мультфильму",
    ]
)

# Words a message may wrap a title in that name no film: "mirror film", "lol irony of fate",
# "про Зеркало", "цирк 1936 года". Cut from the ends only when the whole finds nothing.
FILLER = GENERIC | frozenset(
    "cartoon cartoons animated мультик lol haha hmm hm хм ну же а и вот про о об about "
    "года год году г please pls".split()
)

RESPELLINGS = 3  # words tried for a mistyped word of a question that found nothing, and readings
WHOLE = 90.0  # a score that only a whole name (with typos at most) reaches, not a part of one
# Words that ask rather than name. A question of nothing else ("who directed") gets help.
QUESTION_WORDS = frozenset(
    "who whom whos what whats which when where why how is was are were be been did does do has have had "
    "can could would will tell me us you your i my the a an of in on at for by to from with and or it its "
    "this that there any some all every one ones more other else show give list know see watch want name "
    "кто кем кого что чем когда где какой какая какое какие какого каком каких как сколько чей чья это этот "
    "эта был была было были есть у в во на с со из за к по или ли мне нам тебя вас ты вы все весь "
    "расскажи скажи покажи дай пожалуйста kto chto kakoy kakogo".split()
)
# What is taken away to leave the name in a question worded in no known way: "who helmed Mirror"
# leaves "mirror". (Cue words go too, unless some name holds them.)
ASKING = (
    FILLER
    | QUESTION_WORDS
    | frozenset(  # words that describe the question, not the film
        "main first exactly briefly quickly without spoilers spoiler everything work works known career full "
        "whole complete entire act acted acting appear appeared appears "
        "famous so really actually decade musical comedy drama documentary soviet "
        "главную главные главных создания выпуска показали телевизору рассказывает вкратце краткое "
        "кратко подробности любопытные известен известна известно".split()
    )
)
# Chat shorthand too short or too far from the word it stands for to be respelled.
_SHORTHAND = {"u": "you", "r": "are", "ur": "your", "abt": "about", "bout": "about", "wut": "what"}
_NUMBERS = re.compile(r"\d{2,}")
_SENTENCE_END = re.compile(r"[?!.;]+|,\s")  # "Shine, Shine, My Star" has commas of its own
# A sequel's number after a title: "Ирония судьбы 2", "mirror ii" name another film.
_SEQUEL = re.compile(r"\s(?:[2-9]|ii|iii|iv)$")

_EPOCH = dt.date(2024, 1, 1)  # day 0 of the film-of-the-day cycles


@dataclass(frozen=True)
class Answer:
    """What the bot says, as data: render.py turns it into text."""

    intent: str
    films: tuple[Film, ...] = ()
    query: str = ""
    subject: str = ""
    person: str | None = None  # filmography: whose films
    year: int | None = None  # by_year: which year (the first of the decade when `decade`)
    decade: bool = False  # by_year: the ten years from `year`
    fact: int = 0  # which of the film's facts to tell
    day: dt.date | None = None  # today: the date the film belongs to
    cinema_only: bool = False  # list: only the films about cinema
    suggestion: Film | None = None  # not_found: a near title worth offering


class Brain:
    """Answers questions about one catalogue."""

    def __init__(self, catalog: Catalog, index: Index | None = None) -> None:
        self.catalog = catalog
        self.index = index or Index(catalog)
        # The wording words by first letter, and by second ("?h"), and length, for respelling a
        # mistyped one: a slip seldom changes both a word's first letter and its second.
        self._wording: dict[tuple[str, int], list[str]] = {}
        for word in sorted(wording_words()):
            for key in ((word[0], len(word)), (f"?{word[1]}", len(word))):
                self._wording.setdefault(key, []).append(word)

    def answer(
        self, message: str, today: dt.date, rng: random.Random | None = None, context: str | None = None
    ) -> Answer:
        """The answer to one message; `rng` picks random films and facts (default: a fresh one).

        `context` is the id of the film the conversation is about (the bot's
        message being replied to): "who directed it?" and a bare "/fact" are about it.
        """
        rng = rng or random.Random()
        found = self._answer(message, today, rng, context)
        if found.intent != "not_found":
            return found
        # Read it again: "what's mirror about? is it sad" asks in its first sentence; "wat is mirror
        # about", "когд вышло зеркало": a mistyped asking word hides the wording. A reading counts
        # only if a known wording fits it, so a title's own words are never made into a question.
        sentences = [s for s in _SENTENCE_END.split(message) if s.strip()]
        respelled = _worded(self._respellings(message, names_too=has_cyrillic(message)))
        readings = sentences if len(sentences) > 1 else []
        if not has_cyrillic(message):
            russian = typed_russian(message)  # "kakie filmy est": Russian typed in Latin letters
            mended = self._respellings(russian, names_too=True)
            if mended or not wording_words().isdisjoint(clean(russian).split()):  # else no wording fits
                readings += [russian, *mended]
        for reading, parsed in [*respelled, *_worded(readings)][:RESPELLINGS]:
            retry = self._answer(reading, today, rng, context, parsed)
            if retry.intent != "not_found":
                return replace(retry, query=found.query)
        if respelled:  # "wat is stalker about": not found, and the answer says "stalker"
            reading, parsed = respelled[0]
            return replace(self._answer(reading, today, rng, context, parsed), query=found.query)
        return found

    def _answer(
        self,
        message: str,
        today: dt.date,
        rng: random.Random,
        context: str | None,
        parsed: Parsed | None = None,
    ) -> Answer:
        parsed = parsed or parse(message)
        q = message.strip()
        in_context = self.catalog.by_id.get(context or "")
        if (
            in_context
            and parsed.intent in SUBJECT_INTENTS
            and parsed.subject in PRONOUNS
            and not parsed.film_id
        ):
            intent = "film" if parsed.intent == "filmography" else parsed.intent
            return self.about_film(in_context, intent, rng, q)
        match parsed.intent:
            case "help":
                return Answer("help", query=q)
            case "today":
                return self.film_of_the_day(today, q)
            case "random":
                return self.random_pick(rng, query=q)
            case "list":
                named = None if parsed.cinema_only else self._named_in(q)
                if named is not None and named.person is not None:  # "all films with Andrei Mironov"
                    return Answer(
                        "filmography", named.films, query=q, subject=named.person, person=named.person
                    )
                if named is not None and named.film is not None:
                    return Answer("film", (named.film,), query=q)
                return self.listing(parsed.cinema_only, q)
            case "by_year":
                return self.by_year(parsed.year or 0, q, decade=parsed.decade)
        if parsed.film_id is not None:
            linked = self.catalog.by_id.get(parsed.film_id)
            return Answer("film", (linked,), query=q) if linked else Answer("not_found", query=q)
        if not parsed.subject and parsed.intent == "fact":  # "a fun fact": about any film
            return self.about_film(rng.choice(self.catalog.films), "fact", rng, q)
        if parsed.subject in PRONOUNS:
            # "/film" alone, or "who directed it?" with no card replied to: explain how to ask
            return Answer("help", query=q)
        return self._about_subject(parsed, q, rng)

    def _about_subject(self, parsed: Parsed, query: str, rng: random.Random) -> Answer:
        asked = parsed.intent
        found, best = self._find(parsed.subject, clean(query))
        stem = latin_genitive_stem(parsed.subject)
        if stem and best is not None and best.score < 100:
            # "kto rezhisser tsirka": "of the circus" typed in Latin letters. The word as typed is
            # part of "Printsessa tsirka"; without its ending it is the whole of "Tsirk".
            retry, whole = self._find(stem, stem)
            if whole is not None and whole.score >= 100:
                found, best = retry, whole
        if best is None:
            # Try again with filler cut from the ends ("mirror film", "цирк 1936 года"), then with
            # the asking taken away ("who helmed Mirror"), each only if it changes the words the
            # search weighs. Only a whole name counts now: "фильмы про войну" is a topic.
            tried = {_weighed(parsed.subject)}
            retries = [(t, False) for t in _without_filler(parsed.subject)]
            retries += [(t, True) for t in self._cores(parsed.subject)]
            for text, asking_removed in retries:
                if _weighed(text) in tried:
                    continue
                tried.add(_weighed(text))
                retry, candidate = self._find(text, text)
                if candidate is not None and candidate.score >= WHOLE:
                    found, best = retry, candidate
                    if asking_removed and not parsed.worded:  # no wording fitted: the cue words tell
                        asked = cue_intent(parsed.subject) or asked
                    break
        if best is None and not set(parsed.subject.split()) - QUESTION_WORDS - cue_words(parsed.subject):
            return Answer("help", query=query)  # "who directed", "когда": a question with no name in it
        if best is None:
            near = next(
                (m.film or m.films[0] for m in found if m.score >= SUGGEST and (m.film or m.films)), None
            )
            return Answer("not_found", query=query, subject=parsed.subject, suggestion=near)
        if best.person is not None:
            return Answer("filmography", best.films, query=query, subject=parsed.subject, person=best.person)
        rivals = [m for m in found if m.film is not None and best.score - m.score < TIE]
        if len(rivals) > 1 and best.score < 100:
            films = tuple(m.film for m in rivals if m.film is not None)
            return Answer("clarify", films, query=query, subject=parsed.subject)
        assert best.film is not None
        if _another_film(parsed.subject, best.film):
            # a sequel, or a title with another number, that the catalogue lacks: say so, and offer
            # the film itself
            return Answer("not_found", query=query, subject=parsed.subject, suggestion=best.film)
        intent = asked if asked != "filmography" else "film"
        return self.about_film(best.film, intent, rng, query, parsed.subject)

    def _respellings(self, message: str, names_too: bool = False) -> list[str]:
        """`message` with its unknown words (in no wording and, unless `names_too`, no name)
        replaced by the wording words one slip away (two in a long word), nearest first:
        "wat" -> "what", "was"; "филм" -> "фильм" (a guess at Latin-typed Russian); chat
        shorthand by what it stands for ("u" -> "you")."""
        words = clean(message).split()
        options: list[list[str]] = []
        for word in words:
            near: list[str] = [_SHORTHAND[word]] if word in _SHORTHAND else []
            unknown = len(word) >= 3 and word not in wording_words()
            if unknown and (names_too or not self.index.knows(latin(word))):
                slips = 1 if len(word) <= 6 else 2
                starts = (*word[:2], f"?{word[1]}")  # "hwo": "who"; "што": "что"
                lengths = range(len(word) - slips, len(word) + slips + 1)
                alike = sorted({w for s in starts for n in lengths for w in self._wording.get((s, n), ())})
                found = process.extract(word, alike, scorer=OSA.distance, score_cutoff=slips, limit=None)
                nearest = sorted(found, key=lambda f: (f[1], f[0][0] != word[0], abs(len(f[0]) - len(word))))
                near += [w for w, _, _ in nearest[:RESPELLINGS]]
            options.append([*near, word])  # "семидесятых" is one of a decade's words, as typed
        tried = list(islice(product(*options), RESPELLINGS * 2))
        return [" ".join(t) for t in tried if list(t) != words]

    def _cores(self, subject: str) -> list[str]:
        """`subject` without its asking words, which leaves what names a film or person: first
        without generic words too ("the film"), then keeping them ("Kino-Eye")."""
        cues = cue_words(subject)
        kept = [
            w
            for w in subject.split()
            if (w not in ASKING or w in GENERIC) and not (w in cues and not self.index.knows(latin(w)))
        ]
        cores = [" ".join(w for w in kept if w not in GENERIC), " ".join(kept)]
        return [c for c in dict.fromkeys(cores) if c and c != subject]

    def _named_in(self, text: str) -> Match | None:
        """The film or person a question names as a whole ("all films with Andrei Mironov")."""
        for core in self._cores(clean(text)):
            if set(core.split()) <= GENERIC:  # "all films" names no film, not even "Film, Film, Film"
                continue
            found = self.index.search(core)
            if found and found[0].score >= WHOLE:
                return found[0]
        return None

    def _find(self, subject: str, said: str) -> tuple[list[Match], Match | None]:
        """What `subject` names, and the best match if it fits; `said` is the whole wording,
        which must hold a whole title when the subject is only generic words."""
        found = self.index.search(subject)
        best = found[0] if found and found[0].score >= CUTOFF else None
        if best is not None and set(subject.split()) <= GENERIC:
            names = best.film.names if best.film else ()
            exact = any(f" {n} " in f" {said} " for n in map(clean, names))
            best = best if exact else None  # only a whole title, such as "Film, Film, Film"
        return found, best

    def about_film(
        self, film: Film, intent: str, rng: random.Random, query: str = "", subject: str = ""
    ) -> Answer:
        """An answer about one known film; a fact is picked at random."""
        fact = rng.randrange(len(film.facts)) if intent == "fact" else 0
        return Answer(intent, (film,), query=query, subject=subject, fact=fact)

    def random_pick(self, rng: random.Random, exclude: str | None = None, query: str = "") -> Answer:
        """A random film with a random fact, never the film `exclude` (the one just shown)."""
        films = [f for f in self.catalog.films if f.id != exclude] or list(self.catalog.films)
        film = rng.choice(films)
        return Answer("random", (film,), query=query, fact=rng.randrange(len(film.facts)))

    def filmography(self, person: str) -> Answer:
        """The films of one person in the catalogue."""
        return Answer("filmography", self.index.films_of(person), person=person)

    def film_of_the_day(self, day: dt.date, query: str = "") -> Answer:
        film = film_of_the_day(self.catalog, day)
        return Answer("today", (film,), query=query, day=day, fact=day.toordinal() % len(film.facts))

    def listing(self, cinema_only: bool, query: str = "") -> Answer:
        films = self.catalog.films
        if cinema_only:
            rank = {"strong": 0, "some": 1}
            films = tuple(
                sorted(
                    (f for f in films if f.cinema_relation in rank),
                    key=lambda f: (rank[f.cinema_relation], f.year),
                )
            )
        return Answer("list", films, query=query, cinema_only=cinema_only)

    def by_year(self, year: int, query: str = "", decade: bool = False) -> Answer:
        """The films of a year (made or first shown then), or of the ten years from it."""
        years = range(year, year + 10) if decade else range(year, year + 1)
        films = tuple(f for f in self.catalog.films if any(y in years for y in f.years))
        if decade:  # ten years read best in order; within a year, the catalogue's order
            films = tuple(sorted(films, key=lambda f: f.year))
        return Answer("by_year", films, query=query, year=year, decade=decade)


def _worded(readings: list[str]) -> list[tuple[str, Parsed]]:
    """The readings that a known wording fits, each with how it parses."""
    return [(r, parsed) for r in readings if (parsed := parse(r)).worded]


def _weighed(text: str) -> tuple[str, ...]:
    """The words of `text` that the search weighs (it drops stopwords such as "the", "of")."""
    return tuple(w for w in text.split() if w not in STOPWORDS)


def _another_film(subject: str, film: Film) -> bool:
    """Whether `subject` names another film than `film` by a number: a sequel ("Ирония судьбы 2",
    "mirror ii"), or a number of two digits or more that its names do not hold and that is not its
    year ("cold summer of 1954"; "circus 1936" and "circus 36" are Circus)."""
    sequel, numbers = _SEQUEL.search(subject), _NUMBERS.findall(subject)
    if not sequel and not numbers:
        return False  # most questions: nothing to check
    names = [f" {clean(n)} " for n in film.names]
    words = {w for name in names for w in name.split()}
    if sequel and sequel.group().strip() not in words:
        return True
    years = {str(y) for y in film.years}
    allowed = words | years | {y[2:] for y in years}  # "цирк 36"
    # "20 days without war" is "Twenty Days Without War", "20 дней без войны" "Двадцать дней …"
    spelled = {spell_numbers(n) for n in numbers if n not in allowed}
    return any(not any(f" {number} " in name for name in names) for number in spelled)


def _without_filler(subject: str) -> list[str]:
    """The subject with filler words cut from its ends, one word at a time, shortest last:
    "lol irony of fate film" -> ["lol irony of fate", "irony of fate"]."""
    words = subject.split()
    shorter = []
    while len(words) > 1 and (words[0] in FILLER or words[-1] in FILLER):
        words = words[:-1] if words[-1] in FILLER else words[1:]
        shorter.append(" ".join(words))
    return shorter


def film_of_the_day(catalog: Catalog, day: dt.date) -> Film:
    """The same film for everyone on `day`; every film once per cycle before any repeats.

    Days are counted in cycles as long as the catalogue; each cycle is a
    shuffle of the films seeded by the cycle's number (a string seed, which
    Python hashes the same way in every process).
    """
    films = sorted(catalog.films, key=lambda f: f.id)
    cycle, position = divmod((day - _EPOCH).days, len(films))
    random.Random(f"film-of-the-day:{cycle}").shuffle(films)
    return films[position]


__all__ = ["Answer", "Brain", "Match", "film_of_the_day"]
