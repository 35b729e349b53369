"""The answering core: one message in, one `Answer` out.

Pure: no Telegram, no I/O. "Today", the source of randomness and what the
conversation is about are arguments, so every answer is a plain, repeatable
function call in tests.

A message is read once, names first: its words (`intents.tokens`), the
stretches of them that name a film or a person (`search.find_names`), then
what the other words ask (`intents.find_cues`), and the answer.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Collection
from dataclasses import dataclass, replace
from itertools import accumulate, pairwise

from rapidfuzz import fuzz

from .catalog import Catalog, Film
from .intents import (
    FILM_INTENTS,
    TALK,
    Command,
    Cues,
    Found,
    Token,
    command,
    find_cues,
    find_years,
    language,
    tokens,
)
from .messages import DEFAULT
from .search import JOINING, STOPWORDS, SUGGEST, TIE, Index, Match, Span, Table, find_names
from .text import (
    a_name,
    agrees,
    clean,
    describes,
    has_cyrillic,
    keyboard_russian,
    latin,
    latin_genitive_stem,
    of_the_sentence,
    predicate,
    spell_numbers,
    stem_russian,
    strip_latin_endings,
    typed_russian,
)

WHOLE = 90.0  # a score that only a whole name (with typos at most) reaches, not a part of one
_NUMBERS = re.compile(r"\d{2,}")
# A sequel's number after a title: "Ирония судьбы 2", "mirror ii" name another film.
_SEQUEL = re.compile(r"\s(?:[2-9]|ii|iii|iv)$")
# Small words inside titles: "Moscow Does Not Believe in Tears", "Москва слезам не верит", "Зеркало для
# героя", also as typed in Latin letters
_INSIDE_TITLES = frozenset(
    "the a an of in on at and or to not for на в с и о не за из по без для от до под над про у к "
    "na v s i o ne za iz po bez dlya dlia ot do pod nad pro u k".split()
)
_ARTICLES = frozenset({"the", "a", "an"})
# what a film's answer asked that the next message may ask again of another film
_ASKED_AGAIN = frozenset({"director", "year", "cast", "fact", "about"})
# words that begin a message asking the last question again, of the film it names
_CARRY_ON = (("and",), ("what", "about"), ("how", "about"), ("same", "for"), ("а",), ("и",), ("a",),
             ("как", "насчет"), ("что", "насчет"), ("а", "как", "насчет"), ("а", "что", "насчет"),
             ("а", "у"), ("а", "для"), ("а", "в"))  # fmt: skip
_ALWAYS_CAPITAL = frozenset(
    "i im ive id soviet russian ussr english вы вас вам вами ваш ваша ваше ваши вашего".split()
)  # and Russian's polite "you": «у Вас есть»
_GLOBAL = frozenset({"random", "today", "list", "cinema"})

_QUOTED = re.compile(r"«[^»]+»|\"[^\"]+\"|“[^”]+”|„[^“”]+[“”]")
_NEGATIONS = frozenset({"no", "not", "without", "не", "без"})
_WANTING = frozenset({"need", "want", "care", "надо", "нужно", "нужен", "нужна", "хочу"})
_OF_A_YEAR = frozenset({"from", "of", "in", "из", "от", "iz", "ot"})  # "Mirror from 1975"
# words: «я шагаю по москве» may be a title, and so may "moscow does not believe in tears", but
# a Russian sentence of five words with a verb of its own («ходили в цирк с детьми») is not, nor
# is one of seven that asks nothing and tells of the speaker
_LONGER_THAN_TITLES = 5
_LONGER_THAN_A_TITLE = 7
# the speaker's own words: what they sigh or laugh, and the first person
_SIGHS = frozenset("lol haha ugh lmao omg ngl yay лол хаха ахах ахаха блин эх ох ой ура увы".split())
_SPEAKER = _SIGHS | frozenset(
    "i me my mine we us our я меня мне мной мы нас нам наш наша наше наши мой моя мое мои ну".split()
)
# the words that ask a question wherever they stand, question mark or not
_QUESTION_WORDS = frozenset(
    "who what when where which how why whose кто когда где почему зачем сколько чей чья чье какой какая "
    "какое какие каком какого".split()
)

_EPOCH = dt.date(2024, 1, 1)  # day 0 of the film-of-the-day cycles


@dataclass(frozen=True)
class Topic:
    """What a conversation is about: the film, or the person, of the bot's last answer, and what
    it asked about the film ("director"), which "and Circus?", «а Цирк?» ask again."""

    film: str | None = None
    person: str | None = None
    asked: str | None = None


@dataclass(frozen=True)
class Answer:
    """What the bot says, as data: render.py turns it into text."""

    intent: str
    films: tuple[Film, ...] = ()
    query: str = ""
    subject: str = ""  # not_found: the words the person wrote for the film, as typed
    person: str | None = None  # filmography: whose films
    year: int | None = None  # by_year: which year (the first of the decade when `decade`)
    decade: bool = False  # by_year: the ten years from `year`
    fact: int = 0  # which of the film's facts to tell
    day: dt.date | None = None  # today: the date the film belongs to
    cinema_only: bool = False  # list: only the films about cinema; about: how the film relates to it
    suggestion: Film | None = None  # not_found: a near title worth offering
    lang: str | None = None  # the language to answer in ("en", "ru")
    courtesy: str | None = None  # help: "thanks" or "bye" said, and nothing asked

    @property
    def topic(self) -> Topic | None:
        """What the conversation is about after this answer: its one film, or its person."""
        if self.intent == "filmography" and self.person:
            # a person with one film here: "а когда он вышел?" after "what else did he make" is it
            return Topic(film=self.films[0].id if len(self.films) == 1 else None, person=self.person)
        if self.intent in FILM_INTENTS | {"random", "today", "by_year"} and len(self.films) == 1:
            asked = "cinema" if self.cinema_only else self.intent if self.intent in _ASKED_AGAIN else None
            return Topic(film=self.films[0].id, asked=asked)
        return None


@dataclass
class _Reading:
    """One message, read: its words, the names in it, its cues and its years."""

    text: str
    toks: list[Token]
    film: Span | None
    people: list[Span]
    cues: Cues
    years: list[tuple[int, bool]]  # (year, decade) outside any name
    unknown: tuple[int, int] | None  # the words that may be a title the catalogue lacks
    pronoun: bool  # "it", "он": the question is about the film in context
    lang: str | None
    searched: dict[str, tuple[Match, ...]]  # searches already made, by the words searched
    memo: dict[str, Table]  # the tables of similar indexed words those searches built
    begins: Film | None = None  # the catalogue film whose title the unknown one begins with


class Brain:
    """Answers questions about one catalogue."""

    def __init__(self, catalog: Catalog, index: Index | None = None) -> None:
        self.catalog = catalog
        self.index = index or Index(catalog)

    def answer(
        self,
        message: str,
        today: dt.date,
        rng: random.Random | None = None,
        context: Topic | str | None = None,
        lang: str | None = None,
    ) -> Answer:
        """The answer to one message; `rng` picks random films and facts (default: a fresh one).

        `context` is what the conversation is about (a `Topic`, or the id of the
        film whose card is replied to): "who directed it?", "а год?" and a bare
        "/fact" are about it.
        """
        rng = rng or random.Random()
        topic = Topic(film=context) if isinstance(context, str) else context
        q = message.strip()
        asked = command(q)
        if asked is not None:
            found = self._command(asked, q, today, rng, topic)
            if found is not None:
                return replace(found, lang=lang or DEFAULT)
        reading = self._read(asked.argument if asked else q)
        found = self._answer(reading, asked.intent if asked else None, q, today, rng, topic)
        return replace(found, lang=reading.lang or lang or DEFAULT)

    def _command(
        self, asked: Command, q: str, today: dt.date, rng: random.Random, topic: Topic | None
    ) -> Answer | None:
        """The answer to a command that needs no reading, or None."""
        if asked.film_id is not None:
            linked = self.catalog.by_id.get(asked.film_id)
            return Answer("film", (linked,), query=q) if linked else Answer("not_found", query=q)
        if asked.intent == "help":
            return Answer("help", query=q)
        if asked.intent == "today":
            return self.film_of_the_day(today, q)
        if asked.intent == "random":
            return self.random_pick(rng, query=q)
        if asked.intent == "list":
            cinema = Cues(find_cues(toks := tokens(asked.argument), [True] * len(toks))).has("cinema")
            return self.listing(cinema, q)
        if not asked.argument:
            in_context = self._context_film(topic)
            if in_context is not None:
                return self.about_film(in_context, asked.intent, rng, q)
            if asked.intent == "fact":  # "/fact": a fact about any film
                return self.about_film(rng.choice(self.catalog.films), "fact", rng, q)
            return Answer("help", query=q)  # "/film" alone: explain how to ask
        return None

    def _read(self, text: str) -> _Reading:
        toks = tokens(text)
        # most words unread: it may be Russian typed in English layout ("rnj cyzk pthrfkj")
        if 2 * sum(not t.known for t in toks) > len(toks) and (switched := keyboard_russian(text)):
            text, toks = switched, tokens(switched)
        whens = find_years(toks)
        decade = {i for w in whens if w.decade for i in range(w.start, w.end)}  # never part of a title
        # strong phrases such as "film of the day" ask, whatever names hold their words
        strong = {
            i
            for f in find_cues(toks, [True] * len(toks))
            if f.cue.weight >= 3 and f.end - f.start > 1
            for i in range(f.start, f.end)
        }
        searched: dict[str, tuple[Match, ...]] = {}
        memo: dict[str, Table] = {}  # each word's similar indexed words, for every search of this message
        said = language(toks)
        spans = find_names(
            self.index,
            [t.word for t in toks],
            [t.known and not t.slipped for t in toks],
            [t.slipped for t in toks],
            [t.typed for t in toks],
            [_generic(t) for t in toks],
            [i in decade or i in strong for i in range(len(toks))],
            [t.final for t in toks],
            # "i" is «и» in Latin letters, except where it is English "I" ("The House I Live In")
            [t.word in JOINING and not _english_i(t.word, said) for t in toks],
            searched,
            memo,
        )
        in_names = {i for s in spans for i in range(s.start, s.end)}
        # the words of titles the catalogue lacks ("Voice of the Whale"), each with the catalogue film
        # whose title the lacking one begins with, if any ("Mirror" in "mirror for a hero")
        lacked: dict[int, Film | None] = {}
        quotes = _quoted(text, toks)
        spans = [
            whole
            for s in spans
            if s.best is not None and not _topic(toks, s) and not _slip_of_a_cue(toks, s)
            if not _verb_near_a_title(toks, s, said) and not _says_of(toks, s)
            if (whole := self._quoted_title(toks, s, quotes, searched, memo, lacked)) is not None
            if (whole := self._whole_title(toks, whole, in_names, said, searched, memo, lacked)) is not None
        ]
        # "film" is no title, unless the message holds one whole: "Film, Film, Film"
        film = next(
            (
                s
                for s in spans
                if s.best is not None
                and s.best.film is not None
                and (not _only_generic(toks, s) or _holds_title(text, s))
            ),
            None,
        )
        # a number after a comma is not the title's: "the mirror, 7 years bad luck"
        while (
            film is not None
            and film.end - film.start > 1
            and toks[film.end - 1].word.isdigit()
            and "," in text[toks[film.end - 2].end : toks[film.end - 1].start]
        ):
            film = Span(film.start, film.end - 1, film.found)
        people = [_whole_name(toks, s) for s in spans if s.best is not None and s.best.person is not None]
        if film is not None and not people:
            person = self._person_behind_generic(toks, film, text, searched, memo)
            if person is not None:  # "фильмы Хитрука": Khitruk's films, not «Фильм, фильм, фильм»
                film, people = None, [person]
        if (
            film is not None
            and film.best is not None
            and all(toks[i].known for i in range(film.start, film.end))
            and any(p.best and p.best.score > film.best.score for p in people)
        ):
            # "filmy tarkovskogo": a whole name beats a title's near spelling made of table words,
            # but not a title's own words («кто играл в журавлях, кроме самойловой?»)
            film = None
        if film is None and not people:
            film = self._bare_title(toks, searched, memo)
        named = {i for span in ([film, *people] if film else people) for i in range(span.start, span.end)}
        in_year = {i for w in whens for i in range(w.start, w.end) if not toks[i].word.isdigit()}
        free = [i not in named and i not in in_year for i in range(len(toks))]  # "1936 года" asks nothing
        # a cue the message says it does not want asks nothing: "don't need the plot", «без сюжета»
        cues = Cues([f for f in find_cues(toks, free) if not _unwanted(toks, f.start)])
        asking = {i for f in cues.found if f.cue.intent not in TALK for i in range(f.start, f.end)}
        asking |= decade | in_year
        asks = any(f.cue.weight > 0 or f.cue.intent == "pronoun" for f in cues.found) or bool(whens)
        pronoun = any(f.cue.intent == "pronoun" for f in cues.found)
        # everyday words may be the title where nothing else asks ("Brat"), or in the sentence
        # that asks about a film and names none, nor "it": "kto snyal brat 2", "love actually who
        # is in it" (but not "got any fun facts? something i can tell my friends")
        sentence = list(accumulate((t.final for t in toks[:-1]), initial=0))
        asked = {sentence[f.start] for f in cues.found if f.cue.intent in FILM_INTENTS and f.cue.weight > 0}
        everyday = [
            not asks or (sentence[i] in asked and not pronoun and not whens) for i in range(len(toks))
        ]
        # a cue word read through a slip, beside a word the bot does not know, is that title's
        # word: "star" in "who directed star wars" is no "stars" (who plays)
        titled = set(lacked)
        for slip in (f.start for f in cues.found if f.end - f.start == 1 and f.cue.intent not in TALK):
            beside = {
                j
                for j in (slip - 1, slip + 1)
                if 0 <= j < len(toks) and free[j] and not (toks[j].known or toks[j].word.isdigit())
            }
            if beside and toks[slip].slipped:
                titled |= {slip, *beside}
        unknown = _unknown_words(
            toks, [free[i] and (i not in asking or i in titled) for i in range(len(toks))], everyday, titled
        )
        # quotation marks hold a title whole: «Лето» Серебренникова is «Лето»
        unknown = next(((a, b) for a, b in quotes if unknown and a <= unknown[0] < b), unknown)
        # and a year in brackets follows one: "come and see (1985) klimov"
        bracketed = next(
            (w for w in whens if not w.decade and text[toks[w.start].start - 1 : toks[w.start].start] == "("),
            None,
        )
        if bracketed is not None and film is None and not people:
            begins = max(
                (i + 1 for i in range(bracketed.start - 1) if toks[i].final or toks[i].apart), default=0
            )
            if begins < bracketed.start and (unknown is None or unknown[0] >= bracketed.start):
                unknown = (begins, bracketed.start)
        in_unknown = range(*unknown) if unknown else range(0)
        # a year in or right after the title the catalogue lacks is its year: "Brother (1997)",
        # "the circus from 1928"; and so is any year after a title searched as one, or typed with
        # capitals: "heaven's gate, the cimino one from 1980", "Звезда 2002 года Лебедева"
        its_year = (
            unknown[1] + (unknown[1] < len(toks) and toks[unknown[1]].word in _OF_A_YEAR) if unknown else -1
        )
        titled_run = unknown is not None and any(i in titled or toks[i].capital for i in in_unknown)
        years = [
            (w.year, w.decade)
            for w in whens
            if not any(i in named or i in in_unknown for i in range(w.start, w.end))
            and w.start != its_year
            and not (titled_run and unknown is not None and w.start >= unknown[1])
            and not (w.start and not toks[w.start - 1].known and w.start - 1 not in named)  # "blonde 2022"
        ]
        return _Reading(
            text,
            toks,
            film,
            people,
            cues,
            years,
            unknown,
            pronoun,
            _language(toks, named, film, people),
            searched,
            memo,
            next((f for i in in_unknown if (f := lacked.get(i)) is not None), None),
        )

    def _whole_title(
        self,
        toks: list[Token],
        span: Span,
        named: set[int],
        said: str | None,
        searched: dict[str, tuple[Match, ...]],
        memo: dict[str, Table],
        lacked: dict[int, Film | None],
    ) -> Span | None:
        """A name with the unknown words beside it searched as one (`said`: the message's language): "The Cold and Blue Milor" is a
        mistyped title the catalogue holds, but "Orlova Stalker", "Весна на Заречной улице",
        "tsirk zazhigaet ogni" are titles it lacks (None), and "верит" in "Москва слезам не
        верит" is not Vertov."""
        assert span.best is not None
        near = span.best.score < 100 and span.end - span.start == 1
        tail = _tail_of_a_title(toks, span)  # "around the corner", of Blonde Around the Corner
        # one word of a longer title, in a phrase of other words: searched as that phrase ("500
        # days of summer" is not The Cold Summer of 1953, "slave of lov" is A Slave of Love)
        phrase = _phrase_around(toks, span) if span.best.score < WHOLE else None
        start, end = phrase or (span.start, span.end)
        for step in (-1, 1) if phrase is None else ():
            edge, taken = (start - 1 if step < 0 else end), []

            def ends_here(i: int) -> bool:  # a comma or a full stop ends a title
                return 0 <= i < len(toks) and toks[i].final

            if step > 0 and ends_here(end - 1):
                continue
            # a title runs on over small words ("Весна на Заречной улице"); before a name they are
            # the question's ("who plays Lukashin in Irony of Fate"), except beside a near spelling
            title_case = toks[span.start].upper
            while (
                (step > 0 or near)
                and 0 <= edge < len(toks)
                and (
                    (toks[edge].word in _INSIDE_TITLES and not _english_i(toks[edge].word, said))
                    or (step > 0 and title_case and _known_upper(toks[edge]))
                )
            ):  # and over any capitalised word of a Title Cased title ("The Mirror Has Two Faces")
                if toks[edge].upper and edge not in named and toks[edge - 1].word in _INSIDE_TITLES:
                    taken.append(edge)  # a capitalised word after "of the" is the title's: "of the Stars"
                if ends_here(edge):
                    break
                edge += step
            # an English chat word guessed from a slip is no word of the question: beside a title,
            # "whale" is the title's word, not "while" mistyped
            if step < 0 and edge > 0 and toks[edge].word in _ARTICLES and _whose(toks[edge - 1]):
                edge -= 1  # "Chaplin's The Circus": whose film it is, before its article
            while (
                0 <= edge < len(toks)
                and edge not in named
                and (
                    not toks[edge].known
                    or _guessed_chat(toks[edge])
                    or _title_slip(toks[edge], step, title_case)
                )
                and not toks[edge].word.isdigit()
            ):
                if step < 0 and (ends_here(edge) or toks[edge].apart):
                    break  # "homework: Mirror", "ok, mirror"
                taken.append(edge)
                if step > 0 and ends_here(edge):
                    break
                edge += step
            if not taken:
                continue
            # A title's words after its first are often lowercase ("Цирк зажигает огни", "mirror for
            # a hero", "весну на заречной улице"): words the bot does not know after a film's title
            # make a longer title, which the catalogue lacks unless the search finds it. Before a
            # name, a word the bot does not know counts when capitalised, or, before a title typed
            # in lowercase, when it reads as the title's own: whose film ("chaplin's the circus"),
            # or a word that describes it ("black mirror", «семнадцать мгновений весны»), not a
            # verb of the sentence ("assigned mirror", «пересмотрел зеркало»). A title typed from its
            # article on, or of several words, begins where it was typed to: "my fave the pokrovsky
            # gate", "cult man with a movie camera"
            # not past a person the film was found through: "the beginning with churikova worth
            # watching" is The Beginning, with Churikova
            # nor over what a Russian sentence says of the title: «зеркало запрещали», «начало
            # недели тяжёлое как всегда»
            if step > 0 and (has_cyrillic(toks[taken[0]].word) or said == "ru"):
                head = toks[end - 1].word
                taken = taken[
                    : next((k for k, i in enumerate(taken) if of_the_sentence(head, toks[i].word)), None)
                ]
                if not taken:
                    continue
            runs_on = (
                step > 0 and span.best.film is not None and not _of_its_people(toks[end - 1], span.best.film)
            )
            runs_back = (
                step < 0
                and span.best.film is not None
                and not title_case
                and (
                    _whose(toks[taken[0]])
                    or (_one_word(toks, span) and describes(toks[taken[0]].word, said == "ru"))
                    or tail
                )
            )
            if near or toks[taken[0]].capital or runs_on or runs_back:
                start, end = (min(taken), end) if step < 0 else (start, max(taken) + 1)
        if (start, end) == (span.start, span.end):
            return span
        # a word where a title's first word should be makes another title unless the search finds
        # it whole: "shop around the corner" is not Blonde Around the Corner
        whole = tail and start < span.start
        return self._one_title(toks, start, end, span.best.film, whole, searched, memo, lacked)

    def _one_title(
        self,
        toks: list[Token],
        start: int,
        end: int,
        beside: Film | None,
        whole: bool,
        searched: dict[str, tuple[Match, ...]],
        memo: dict[str, Table],
        lacked: dict[int, Film | None],
    ) -> Span | None:
        """Words start..end searched as one title: what the search finds there (found whole, where
        `whole`), or None, with the words kept in `lacked` as a title the catalogue lacks, offered
        beside the catalogue film `beside`."""
        found = Span(start, end, self._search(" ".join(t.word for t in toks[start:end]), searched, memo))
        if found.best is not None and (not whole or found.best.score >= WHOLE):
            return found
        lacked.update(dict.fromkeys(range(start, end), beside))
        return None

    def _search(
        self, words: str, searched: dict[str, tuple[Match, ...]], memo: dict[str, Table]
    ) -> tuple[Match, ...]:
        """The index's search for `words`, made once per message."""
        if words not in searched:
            searched[words] = tuple(self.index.search(words, memo=memo))
        return searched[words]

    def _quoted_title(
        self,
        toks: list[Token],
        span: Span,
        quotes: list[tuple[int, int]],
        searched: dict[str, tuple[Match, ...]],
        memo: dict[str, Table],
        lacked: dict[int, Film | None],
    ) -> Span | None:
        """A name inside quotation marks, which hold a title whole: the quoted words must name a
        film whole, or they are a title the catalogue lacks (None): «Звезда» is not Shine, Shine,
        My Star, nor is «Лето» anything here."""
        start, end = next(((a, b) for a, b in quotes if a <= span.start and span.end <= b), (-1, -1))
        if start < 0 or span.best is None or span.best.person is not None:
            return span
        if (start, end) == (span.start, span.end) and (
            span.best.score >= WHOLE
            or (
                span.best.film is not None and _names_whole([t.word for t in toks[start:end]], span.best.film)
            )
        ):
            return span  # «Зеркало», and «Начале» declined
        return self._one_title(toks, start, end, span.best.film, True, searched, memo, lacked)

    def _person_behind_generic(
        self,
        toks: list[Token],
        film: Span,
        text: str,
        searched: dict[str, tuple[Match, ...]],
        memo: dict[str, Table],
    ) -> Span | None:
        """The person a film's name was found through, where the rest of it is only "film" words."""
        inside = toks[film.start : film.end]
        plain = [t.kind in ("generic", "list") for t in inside]  # "фильмы", "films", "кино"
        if not any(plain) or all(plain) or _holds_title(text, film):
            return None
        words = " ".join(t.word for t, p in zip(inside, plain, strict=True) if not p)
        found = Span(film.start, film.end, self._search(words, searched, memo))
        return found if found.best is not None and found.best.person is not None else None

    def _bare_title(
        self, toks: list[Token], searched: dict[str, tuple[Match, ...]], memo: dict[str, Table]
    ) -> Span | None:
        """A message of nothing but a name made of everyday words (a title such as "Night")."""
        if (
            not toks
            or not all(t.known and _chat(t) for t in toks)
            or all(_generic(t) or _small(t) for t in toks)
        ):
            return None  # words the bot does not know were searched already, as names
        words = " ".join(t.word for t in toks)
        found = searched[words] = tuple(self.index.search(words, memo=memo))
        if found and found[0].score >= WHOLE and found[0].film is not None:
            return Span(0, len(toks), found)
        return None

    def _answer(
        self,
        r: _Reading,
        forced: str | None,
        q: str,
        today: dt.date,
        rng: random.Random,
        topic: Topic | None,
    ) -> Answer:
        cues = r.cues
        if forced is None and _remark(r):
            return Answer("help", query=q)  # "в наш город цирк приехал, дети в восторге"
        if r.film is not None and not (
            r.people and not forced and cues.best(FILM_INTENTS | {"filmography"}) == "filmography"
        ):  # "what else did yankovsky play in? loved him in mirror": his films
            asked = forced or cues.best(FILM_INTENTS - {"film"}, near=r.film.start)
            if asked is None and cues.has("cinema"):
                asked = "cinema"  # "is Mirror about cinema?"
            if asked is None and topic is not None and topic.asked and _carries_on(r.toks, r.film, r.lang):
                asked = topic.asked  # "who directed Mirror?", then "and Circus?"
            # a year that is the film's own describes it ("Голос 82 года"); another asks about it
            other_years = (
                [y for y, decade in r.years if decade or y not in r.film.best.film.years]
                if r.film.best and r.film.best.film
                else []
            )
            if other_years and not forced and cues.weight(asked or "") < 3 and cues.weight("today") < 0:
                asked = "year"  # "is Mirror from the 70s?", "was circus made in the thirties"
            return self._about_span(r, r.film, asked or "film", q, rng)
        if r.people:
            people = [s.best.person for s in r.people if s.best and s.best.person]
            if r.unknown is not None and not cues.has("filmography") and _beside(r.unknown, r.people, r.toks):
                # "office romance by ryazanov", "tarkovsky stalker": a title of theirs the catalogue
                # lacks; the reply offers one of theirs it has
                lacking = self._not_found(r, q)
                films = self.index.films_of(people[0])
                return replace(lacking, suggestion=lacking.suggestion or (films[0] if films else None))
            return self.filmography_of(people, q)
        in_context = self._context_film(topic)
        if forced in FILM_INTENTS and r.unknown is None and in_context is not None:
            return self.about_film(in_context, forced, rng, q)
        titled = r.unknown is not None and any(r.toks[i].capital for i in range(*r.unknown))
        # "a random fact", or "fun fact?" with no film talked about: any film's
        anyones = cues.has("random") or in_context is None
        if cues.weight("fact") >= 3 and not r.pronoun and r.unknown is None and anyones:
            return self.about_film(rng.choice(self.catalog.films), "fact", rng, q)
        global_intent = cues.best(_GLOBAL)
        # "recommend smth pls", "покажи все фильмы"; but "is Come and See in your list?" asks for a
        # film, and so does "is solaris in your list?": a word where a title would stand, beside
        # the list, asks whether the list holds it
        asks_for_one = titled or (global_intent == "list" and r.unknown is not None)
        if global_intent == "cinema" and r.pronoun and in_context is not None and r.unknown is None:
            return self.about_film(in_context, "cinema", rng, q)  # "is it about cinema?"
        if global_intent == "list" and r.pronoun and topic is not None and r.unknown is None:
            # "какие у него фильмы есть?", "his films?": the films of the person talked about
            theirs = self._about_topic(topic, "filmography", q, rng)
            if theirs is not None:
                return theirs
        if global_intent is not None and not r.years and not asks_for_one:
            return self._global(global_intent, q, today, rng, cues, topic)
        if r.years:
            year, decade = r.years[0]
            return self.by_year(year, q, decade=decade)
        asked = forced or cues.best(FILM_INTENTS | {"filmography"})
        if topic is not None and (asked or r.pronoun) and (r.unknown is None or (r.pronoun and not titled)):
            about = self._about_topic(topic, asked or "film", q, rng)
            if about is not None:
                return about
        if r.unknown is not None:
            return self._not_found(r, q)
        if global_intent is not None:
            return self._global(global_intent, q, today, rng, cues, topic)
        # "thx!", «спасибо, пока»: a short reply, not the whole help
        courtesy = "bye" if cues.has("bye") else "thanks" if cues.has("thanks") else None
        return Answer("help", query=q, courtesy=courtesy)

    def _global(
        self, intent: str, q: str, today: dt.date, rng: random.Random, cues: Cues, topic: Topic | None
    ) -> Answer:
        if intent == "today":
            return self.film_of_the_day(today, q)
        if intent == "random":  # "another one": not the film just talked about
            return self.random_pick(rng, exclude=topic.film if topic else None, query=q)
        return self.listing(cues.has("cinema"), q)

    def _about_span(self, r: _Reading, span: Span, asked: str, q: str, rng: random.Random) -> Answer:
        found = list(span.found)
        best = span.best
        assert best is not None and best.film is not None
        words = [t.word for t in r.toks[span.start : span.end]]
        if span.end < len(r.toks) and _SEQUEL.match(f" {r.toks[span.end].word}"):
            words.append(r.toks[span.end].word)  # "mirror ii", "Ирония судьбы 2": another film
        stem = latin_genitive_stem(words[0]) if len(words) == 1 else None
        if stem and best.score < 100:
            # "kto rezhisser tsirka": "of the circus" typed in Latin letters. The word as typed is
            # part of "Printsessa tsirka"; without its ending it is the whole of "Tsirk".
            retry = self.index.search(stem)
            if retry and retry[0].score >= 100 and retry[0].film is not None:
                found, best = retry, retry[0]
        assert best.film is not None
        subject = " ".join(words)
        rivals = [m for m in found if m.film is not None and best.score - m.score < TIE]
        if len(rivals) > 1 and best.score < 100:
            films = tuple(m.film for m in rivals if m.film is not None)
            return Answer("clarify", films, query=q, subject=subject)
        after = r.toks[span.end] if span.end < len(r.toks) else None
        if _another_film(subject, best.film) or (after is not None and after.kind == "sequel"):
            # a sequel, or a title with another number, that the catalogue lacks: say so, and offer
            # the film itself
            typed = r.text[r.toks[span.start].start : r.toks[span.end - 1].end]
            return Answer("not_found", query=q, subject=typed, suggestion=best.film)
        return self.about_film(best.film, asked, rng, q, subject)

    def _about_topic(self, topic: Topic, asked: str, q: str, rng: random.Random) -> Answer | None:
        """The answer about what the conversation is about, or None when it cannot say."""
        film = self._context_film(topic)
        whose = topic.person or (film.directors[0].name if film else None)
        if asked == "filmography" and whose:  # "what else did he make?"
            return self.filmography(whose, q)
        if film is not None:
            return self.about_film(film, asked, rng, q)
        if topic.person and asked in ("film", "director"):
            return self.filmography(topic.person, q)
        if topic.person and asked in FILM_INTENTS:  # "films by Vertov", then "when did it come out?"
            return Answer("clarify", self.index.films_of(topic.person), query=q)
        return None

    def _context_film(self, topic: Topic | None) -> Film | None:
        return self.catalog.by_id.get(topic.film or "") if topic else None

    def _not_found(self, r: _Reading, q: str) -> Answer:
        assert r.unknown is not None
        start, end = r.unknown
        words = " ".join(t.word for t in r.toks[start:end])
        if not (r.people or r.years) and all(f.cue.intent in TALK | {"help"} for f in r.cues.found):
            # nothing asks: the title goes on over the chat words between words the bot does not
            # know, in one clause ("once upon a time in the west", not "once upon")
            start, end = _over_chat(r.toks, start, -1), _over_chat(r.toks, end - 1, 1) + 1
        if start > 0 and r.toks[start - 1].word in _ARTICLES:
            start -= 1  # "The Diamond Arm" as typed, with its article
        typed = r.text[r.toks[start].start : r.toks[end - 1].end]
        near = r.searched[words] if words in r.searched else tuple(self.index.search(words, memo=r.memo))
        offer = next((m.film for m in near if m.score >= SUGGEST and m.film is not None), None)
        # "mirror for a hero" is not Mirror, but the person may have meant Mirror all the same
        return Answer("not_found", query=q, subject=typed, suggestion=r.begins or offer)

    def filmography_of(self, people: list[str], q: str) -> Answer:
        """The films of a person; of two people ("Aleksandrov with Orlova"), the films they share."""
        films = self.index.films_of(people[0])
        for other in people[1:]:
            shared = tuple(f for f in films if f in self.index.films_of(other))
            films = shared or films
        return Answer("filmography", films, query=q, subject=people[0], person=people[0])

    def about_film(
        self, film: Film, intent: str, rng: random.Random, query: str = "", subject: str = ""
    ) -> Answer:
        """An answer about one known film; a fact is picked at random. "cinema" asks how the film
        relates to cinema ("is it about cinema?"): its description's note on that."""
        if intent == "cinema":
            return Answer("about", (film,), query=query, subject=subject, cinema_only=True)
        fact = rng.randrange(len(film.facts)) if intent == "fact" else 0
        return Answer(intent, (film,), query=query, subject=subject, fact=fact)

    def random_pick(self, rng: random.Random, exclude: str | None = None, query: str = "") -> Answer:
        """A random film with a random fact, never the film `exclude` (the one just shown)."""
        films = [f for f in self.catalog.films if f.id != exclude] or list(self.catalog.films)
        film = rng.choice(films)
        return Answer("random", (film,), query=query, fact=rng.randrange(len(film.facts)))

    def filmography(self, person: str, query: str = "") -> Answer:
        """The films of one person in the catalogue."""
        return Answer("filmography", self.index.films_of(person), query=query, subject=person, person=person)

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


def _another_film(subject: str, film: Film) -> bool:
    """Whether `subject` names another film than `film` by a number: a sequel ("Ирония судьбы 2",
    "mirror ii"), or a number of two digits or more that its names do not hold and that is not its
    year ("cold summer of 1954"; "circus 1936" and "circus 36" are Circus)."""
    sequel, numbers = _SEQUEL.search(subject), _NUMBERS.findall(subject)
    if _repeats_more(subject, film):
        return True  # "mirror mirror" is not Mirror
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


def _beside(words: tuple[int, int], names: list[Span], toks: list[Token]) -> bool:
    """Whether a run of words is next to a name, or joined to it by "by" or "with" ("X by
    Ryazanov", "An Ordinary Miracle with Yankovsky")."""
    start, end = words
    joins = ("by", "от", "with", "с", "со")
    return any(
        end == s.start or start == s.end or (end + 1 == s.start and toks[end].word in joins) for s in names
    )


def _repeats_more(subject: str, film: Film) -> bool:
    """Whether `subject` says a word of at least four letters more often than any name of `film`
    does: "mirror mirror" is another title, "Film, Film, Film" and "Shine, Shine" are the film's."""
    said = clean(subject).split()
    repeated = {w for w in said if len(w) >= 4 and said.count(w) > 1}
    if not repeated:
        return False
    names = [clean(n).split() for n in film.names]
    return any(all(said.count(w) > name.count(w) for name in names) for w in repeated)


def _carries_on(toks: list[Token], film: Span, lang: str | None) -> bool:
    """Whether a message is the last question again, of another film: "and Circus?", "what about
    the voice", «а Цирк?», «а в Зеркале?»: it begins with such words and holds little besides."""
    before = tuple(t.word for t in toks[: film.start])
    while len(before) > 1 and before[-1] in _ARTICLES:  # "what about the voice"
        before = before[:-1]
    after = [t for t in toks[film.end :] if t.kind not in TALK]
    if before == ("a",) and lang != "ru":
        return False  # "A Slave of Love" pasted alone: the English article, not «а» in Latin letters
    return before in _CARRY_ON and not after


def _phrase_around(toks: list[Token], span: Span) -> tuple[int, int] | None:
    """The phrase a word of a longer title stands in, where it holds words no question or chat
    holds: "summer" in "500 days of summer", "kiss" in "a kiss before dying", "slave" in "12
    years a slave" are words of other titles. A part of a title names the film only alone,
    between the question's words, punctuation and chat: "who stars in cranes, the girl is so
    pretty", «капуцинов кто снимал»."""
    if len({t.typed for t in toks[span.start : span.end]}) != 1:
        return None
    film = span.best.film if span.best else None
    own = {str(y) for y in film.years} | {str(y)[2:] for y in film.years} if film else set()

    def asks(i: int) -> bool:  # a word of the question, but not a count's unit ("12 years")
        kind = toks[i].kind
        counted = _counted(toks, i) and toks[i - 1].word not in own
        return kind is not None and kind not in TALK and not counted and not _guessed_chat(toks[i])

    def other(i: int) -> bool:  # a word the title may hold but this one does not
        t = toks[i]
        return (t.word.isdigit() and t.word not in own) or (not t.word.isdigit() and t.kind is None)

    start, end = span.start, span.end
    while start > 0 and not (toks[start - 1].final or toks[start - 1].apart) and not asks(start - 1):
        start -= 1
    while end < len(toks) and not (toks[end - 1].final or toks[end - 1].apart) and not asks(end):
        end += 1
    if not any(other(i) for i in [*range(start, span.start), *range(span.end, end)]):
        return None
    while toks[start].known and not other(start):
        start += 1
    while toks[end - 1].known and not other(end - 1):
        end -= 1
    return start, end


def _remark(r: _Reading) -> bool:
    """Whether a message says something rather than asks. Nothing in it asks (no question's cue,
    no request such as "pls" or «расскажи», no person, no year); the name in it is an everyday
    word of a title, or words the bot does not know, typed in lowercase; and the rest says
    something of its own: words the bot does not know elsewhere ("в наш город цирк приехал, дети
    в восторге", "posmotrel v zerkalo utrom i ispugalsya lol"), or a sentence longer than titles
    are, with no question word or mark, that tells of the speaker or of a time ("my sister went
    blonde and regrets it already"). A title alone, "i love mirror", "do u have kin-dza-dza" and
    "the good the bad and the ugly" still ask."""
    # "it", «там» in a remark are its own: "слушай, я весной ездил в цирк и там было круто"
    # nor is "today", «сегодня» alone, a time of the remark ("spring is here, so warm today"), nor
    # a word counted ("7 years bad luck"), nor a cue read only through a slip ("всей" as «все»,
    # "a star" as "stars")
    asks = [
        f
        for f in r.cues.found
        if f.cue.intent not in TALK | {"help", "pronoun"}
        and not all(t.slipped for t in r.toks[f.start : f.end])
        and not (_a_time(f) or _a_count(r.toks, f))
    ]
    # a long sentence with no question word ("war and peace bondarchuk how long is it lol") and no
    # question mark, round no title or one word of one: a weak cue in it is its own word ("saw a
    # shooting star tonight, made a wish"), but "film" still asks ("i love the film mirror, my fave")
    sentence = (
        (r.film is None or _one_word(r.toks, r.film))
        and len(r.toks) >= _LONGER_THAN_A_TITLE
        and not any(t.question or t.read in _QUESTION_WORDS for t in r.toks)
    )
    if sentence:
        asks = [f for f in asks if f.cue.weight >= 2 or f.cue.intent == "generic"]
    # "pls", «расскажи» ask too (but "day" in English is no «дай»)
    requests = [
        f
        for f in r.cues.found
        if f.cue.intent == "request" and (r.lang == "ru" or r.toks[f.start].read == f.cue.words[0])
    ]
    if r.people or r.years or asks or requests:
        return False
    if r.film is not None:
        name = (r.film.start, r.film.end)
        if len({t.typed for t in r.toks[r.film.start : r.film.end] if t.word not in STOPWORDS}) != 1:
            return False  # one word, with its article or not: "i looked in the mirror this morning"
    elif r.unknown is not None:
        name = r.unknown
    else:
        return False
    if any(t.capital or t.question for t in r.toks[name[0] : name[1]]):
        return False
    # such a sentence says something when it tells of the speaker, or of a time, anywhere in it
    if sentence and any(t.read in _SPEAKER or t.kind in ("chatter", "today") for t in r.toks):
        return True
    # else the rest says something in words the bot does not know (not capitalised: "Captain
    # Stone" may be a name). Where no catalogue title was found they must stand apart, past a
    # comma, as more than a name ("summer with monika, bergman" names its maker), or be a Russian
    # verb or predicate in a sentence longer than titles are: a title the catalogue lacks may be a
    # sentence itself ("moscow does not believe in tears", «я шагаю по москве»), but in «ходили в
    # цирк с детьми», «у нас опять отключили горячую воду» someone did something
    others = [
        i
        for i, t in enumerate(r.toks)
        if not name[0] <= i < name[1] and not t.known and not (t.word.isdigit() or t.upper)
    ]
    if r.film is not None:
        return bool(others)
    clauses = list(accumulate((t.final or t.apart for t in r.toks[:-1]), initial=0))
    its_own = {clauses[j] for j in range(*name)}  # the clauses the name stands in
    apart = [i for i in others if clauses[i] not in its_own]
    russian = r.lang == "ru" and len(r.toks) >= _LONGER_THAN_TITLES
    return (
        len(apart) > 1
        or any(not a_name(r.toks[i].word) for i in apart)
        or (russian and any(predicate(r.toks[i].word) for i in others))
        or any(t.read in _SIGHS and clauses[i] not in its_own for i, t in enumerate(r.toks))  # «…, ура»
    )


def _says_of(toks: list[Token], span: Span) -> bool:
    """Whether a title typed in Cyrillic, out of the title's order, says what one of its words
    is, as a sentence: «лето холодное какое-то» (the summer is cold) is not «Холодное лето
    пятьдесят третьего»."""
    words = [t.word for t in toks[span.start : span.end] if not t.word.isdigit()]
    film = span.best.film if span.best else None
    if film is None or len(words) < 2 or not all(has_cyrillic(w) for w in words):
        return False
    if _names_whole(words, film):
        return False
    for name in film.names:  # typed in the title's own order, it is the title
        stems = iter(stem_russian(w) for w in clean(name).split())
        if all(any(stem_russian(w) == n for n in stems) for w in words):
            return False
    # an adjective before a noun it agrees with is that noun's: «муратовский астенический синдром»;
    # a capitalised word is a name («Начале Панфилова Чурикова»)
    upper = [t.upper for t in toks[span.start : span.end] if not t.word.isdigit()]
    return any(
        of_the_sentence(a, b) and not upper[k + 1] and not (k + 2 < len(words) and agrees(b, words[k + 2]))
        for k, (a, b) in enumerate(pairwise(words))
    )


def _names_whole(words: list[str], film: Film) -> bool:
    """Whether typed words hold every word of one of a film's names, in any order and case:
    «Начале», «лето холодное пятьдесят третьего»."""
    typed = {stem_russian(w) for w in words}
    return any({stem_russian(w) for w in clean(name).split()} <= typed for name in film.names)


def _unwanted(toks: list[Token], i: int) -> bool:
    """Whether word i is said not to be wanted: after "no", "not", «не», «без», or beside "not
    need", «не надо» (articles aside): "don't need the plot", «сюжет не надо»."""
    start = next((j + 1 for j in range(i - 1, -1, -1) if toks[j].final or toks[j].apart), 0)  # its clause
    before = [t.read for t in toks[start:i] if t.read not in _ARTICLES][-2:]
    after = [t.read for t in toks[i + 1 : i + 3]]
    return (bool(before) and before[-1] in _NEGATIONS) or any(
        len(two) == 2 and two[0] in _NEGATIONS and two[1] in _WANTING for two in (before, after)
    )


def _tail_of_a_title(toks: list[Token], span: Span) -> bool:
    """Whether a film's name was typed without its first words: "around the corner"."""
    film = span.best.film if span.best else None
    typed = [t.word for t in toks[span.start : span.end]]
    return film is not None and any(
        words[-len(typed) :] == typed and not set(words[: -len(typed)]) <= _ARTICLES
        for words in (clean(name).split() for name in film.names)
    )


def _whole_name(toks: list[Token], span: Span) -> Span:
    """A person's name with the first name typed before it that the table read as something else:
    "Lyubov" (not «любой») in "Volga-Volga with Lyubov Orlova"."""
    assert span.best is not None and span.best.person is not None
    names = set(clean(span.best.person).split())
    start = span.start
    while start > 0 and toks[start - 1].slipped and latin(toks[start - 1].word) in names:
        start -= 1
    return Span(start, span.end, span.found) if start != span.start else span


def _quoted(text: str, toks: list[Token]) -> list[tuple[int, int]]:
    """The stretches of words typed inside quotation marks: «Лето», "Star", “Zerkalo”."""
    stretches = []
    for found in _QUOTED.finditer(text):
        inside = [i for i, t in enumerate(toks) if found.start() < t.start and t.end < found.end()]
        if inside:
            stretches.append((inside[0], inside[-1] + 1))
    return stretches


def _over_chat(toks: list[Token], i: int, step: int) -> int:
    """The last word the bot does not know that word i reaches, going `step`-wise over chat words
    of one clause (not the speaker's: "stalker lol my dad is obsessed" is "stalker")."""
    j, reached = i, i
    while 0 <= j + step < len(toks):
        first = toks[min(j, j + step)]  # of the two words, the one a comma may follow
        if first.final or first.apart:
            break
        j += step
        if not toks[j].known:
            reached = j
        elif toks[j].kind != "chat" or toks[j].read in _SPEAKER:
            break
    return reached


def _english_i(word: str, said: str | None) -> bool:
    """Whether a word of a message in the language `said` is English "I", not «и» in Latin
    letters."""
    return word == "i" and said == "en"


def _of_its_people(token: Token, film: Film) -> bool:
    """Whether a word is a word of the name of a person of the film (director or cast, in
    either language): "churikova", «чуриковой»."""
    names = [*(p.name for p in film.directors), *(p.name_ru or "" for p in film.directors), *film.cast]
    names += list(film.ru.cast) if film.ru is not None else []
    stems = {stem_russian(w) for name in names for w in clean(name).split()}
    stem = stem_russian(token.word)
    return len(stem) >= 4 and stem in stems  # «еле» (barely) is no «Елена»


def _counted(toks: list[Token], i: int) -> bool:
    """Whether word i follows a number, which may count it: "7 years", "12 лет"."""
    return i > 0 and toks[i - 1].word.isdigit()


def _a_count(toks: list[Token], found: Found) -> bool:
    """A cue word counted by a number before it, not by a year: "7 years", "12 лет"."""
    return _counted(toks, found.start) and len(toks[found.start - 1].word) < 4


def _a_time(found: Found) -> bool:
    """ "today", «сегодня» alone: a time, where no film of the day is asked for by name."""
    return found.cue.intent == "today" and found.cue.weight < 3


def _one_word(toks: list[Token], span: Span) -> bool:
    """Whether a name was typed as one word, not from an article: "mirror", «весны», "blonde"."""
    words = [t for t in toks[span.start : span.end] if t.word not in STOPWORDS]
    return len({t.typed for t in words}) == 1 and toks[span.start].word not in _ARTICLES


def _title_slip(token: Token, step: int, title_case: bool) -> bool:
    """A capitalised word after a Title Cased title, read as a slip of a table word, is the
    title's own: "Live" in "The House I Live In" is not "like"."""
    return step > 0 and title_case and token.upper and token.slipped


def _whose(token: Token) -> bool:
    """A name the bot does not know, typed with 's: whose film ("Chaplin's", "nolan's")."""
    return token.possessive and not token.known


def _chat(token: Token) -> bool:
    """Whether a token is a word that asks nothing ("the", "please", "привет")."""
    return token.kind is None or token.kind in TALK or token.kind == "generic"


def _only_generic(toks: list[Token], span: Span) -> bool:
    """Whether a name's words are only words such as "film", "movie", "the"."""
    return all(_generic(t) for t in toks[span.start : span.end] if t.word not in STOPWORDS)


def _holds_title(text: str, span: Span) -> bool:
    film = span.best.film if span.best else None
    said = f" {clean(text)} "
    return film is not None and any(f" {clean(n)} " in said for n in film.names)


def _unknown_words(
    toks: list[Token], free: list[bool], everyday: list[bool], titled: Collection[int]
) -> tuple[int, int] | None:
    """The words most likely to be the title of a film the catalogue lacks: a run of words the
    cue table does not know, or typed with a capital where a title may stand ("the film Брат",
    "Come and See"); small words and numbers may join them; `titled` words are a title's already
    (searched as one, or a cue's slip beside one). The run typed with capitals first, then one
    holding such words, else the longest."""
    title = [free[i] and (i in titled or _title_like(toks, i, everyday[i])) for i in range(len(toks))]
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(toks):
        if not title[i] or (toks[i].word.isdigit() and i not in titled):  # "500 days of summer"
            i += 1
            continue
        start, end = i, i + 1
        i += 1
        while i < len(toks) and free[i]:
            # a comma ends a title typed in lowercase: "цирк приехал, дети в восторге", and so it
            # does before a number that counts what follows it ("mirror, 7 years bad luck")
            year = toks[i].word.isdigit() and (toks[i].final or toks[i].apart or i + 1 == len(toks))
            if (toks[i - 1].final or toks[i - 1].apart) and not (toks[i].capital or year):
                break
            if end - 1 in titled and i not in titled and not toks[i].word.isdigit():
                break  # a title searched whole ends there: «начало недели» in «...тяжелое как всегда»
            if title[i] or (
                toks[i].russian and not toks[end - 1].known and agrees(toks[end - 1].word, toks[i].word)
            ):
                end = i = i + 1  # and the noun a title's adjective describes: «Весёлые ребята»
            elif _small(toks[i]) and i + 1 < len(toks) and title[i + 1]:
                i += 1  # "Moscow Does Not Believe in Tears", "Москва слезам не верит"
            else:
                break
        runs.append((start, end))
    if not runs:
        return None
    return max(
        runs,
        key=lambda r: (
            any(toks[j].capital or (toks[j].upper and not toks[j].known) for j in range(*r)),
            any(j in titled for j in range(*r)),
            r[1] - r[0],
            r[0],
        ),
    )


def _title_like(toks: list[Token], i: int, everyday: bool) -> bool:
    token = toks[i]
    if not token.known:
        # a Russian verb typed in lowercase is the sentence's («бабушка просит найти фильм»)
        return token.upper or not has_cyrillic(token.word) or describes(token.word, True)
    # an everyday word, but not one that addresses someone: «мама, кто снял?»
    if token.word.isdigit() or (everyday and token.kind == "chatter" and not (i == 0 and token.apart)):
        return True
    # a chat word typed with a capital after "film" or beside another such word is a title's, but
    # not one English always capitalises ("homework about Soviet cinema")
    capital = token.capital and token.word not in _ALWAYS_CAPITAL
    return capital and len(token.word) > 1 and _chat(token) and not _generic(token)


def _small(token: Token) -> bool:
    return token.word in STOPWORDS or token.word.isdigit() or (token.known and len(token.word) <= 3)


def _topic(toks: list[Token], span: Span) -> bool:
    """ "фильмы про войну", "films about love", «про любовь»: a word of a title after "about" is a
    topic where films are asked for, or nothing else is; "tell me about cranes" is the film."""
    before = toks[span.start - 1].read if span.start else ""
    partial = span.best is not None and span.best.score < WHOLE and span.end - span.start == 1
    films = span.start == 1 or any(t.kind in ("generic", "list") for t in toks)
    return partial and films and before in ("about", "про", "о", "об", "on")


def _guessed_chat(token: Token) -> bool:
    """An English word read as a slip of a word that asks nothing ("whale" as "while", "Hero" as
    "her"): a guess only."""
    return token.slipped and not token.russian and (token.kind in TALK or token.kind == "pronoun")


def _language(toks: list[Token], named: set[int], film: Span | None, people: list[Span]) -> str | None:
    """The message's language; where its words do not tell, a title typed as the Russian title
    in Latin letters does ("Ironiya sudby", "zerkalo"), and an English one does not ("Mirror");
    so does a name with a Russian case ending typed in Latin letters ("filmy Tarkovskogo")."""
    said = language(toks, named)
    if said is not None:
        return said
    declined = (toks[i].word for p in people for i in range(p.start, p.end) if not has_cyrillic(toks[i].word))
    if any(strip_latin_endings(w) != w for w in declined):
        return "ru"
    if film is None or film.best is None or film.best.film is None:
        return said
    typed = " ".join(t.word for t in toks[film.start : film.end])
    if has_cyrillic(typed):
        return "ru"
    if set(typed.split()) <= set(clean(film.best.film.title).split()):
        return None  # the English title: "Film, Film, Film" is "Фильм, фильм, фильм" typed in Latin too
    title = clean(film.best.film.original_title).split()
    words = [w for w in clean(typed_russian(typed)).split() if not w.isdigit()]  # "Holodnoe leto 53"
    # every word typed is a word of the Russian title: "Kino-Eye" is not "кино ее"
    close = all(w in title or (len(w) >= 3 and max(fuzz.ratio(w, t) for t in title) >= 80) for w in words)
    return "ru" if words and close else None


def _slip_of_a_cue(toks: list[Token], span: Span) -> bool:
    """A near spelling of one word that reads as a word of the question is that word, not a title:
    "filmy" in "kakie filmy est" is «фильмы», not «Фильм, фильм, фильм»."""
    near = span.best is not None and span.best.score < 100 and span.end - span.start == 1
    kind = toks[span.start].kind
    return near and toks[span.start].known and kind is not None and kind not in TALK


def _verb_near_a_title(toks: list[Token], span: Span, said: str | None) -> bool:
    """A Russian verb that one word of a title was found through, by a slip or a shared stem, is
    the verb: "ya tolko nachal", «я только начал» (I have just started) are not «Начало»."""
    film = span.best.film if span.best else None
    if film is None or span.end - span.start != 1:
        return False
    word = toks[span.start].word
    if any(word in clean(name).split() for name in film.names):
        return False  # typed as the title has it
    russian = has_cyrillic(word) or said == "ru"
    return russian and not describes(word, True)


def _known_upper(token: Token) -> bool:
    """A capitalised word the table knows as itself: "Has" in "The Mirror Has Two Faces"."""
    return token.upper and token.known and not token.slipped


def _generic(token: Token) -> bool:
    return token.kind == "generic"


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
