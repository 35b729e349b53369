"""What a message asks: its words, read against a table of cue words per intent.

A message is read names first: `search.Index.find_names` finds the spans that
name a film or a person; the words outside them are looked up here. Each word
is read as a known word (a cue, a question or chat word, "it"), as a slip of
one (a letter or two off: "direted", "когд"), as Russian typed in Latin letters
("kto snyal"), or as a word the bot does not know, which may be part of the
title of a film the catalogue lacks. Nothing here looks films up.

The wording is data: to teach the bot a new way of asking, add a word or a
phrase to CUE_TABLE.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .text import clean, has_cyrillic, typed_russian, word_of_its_own

INTENTS = (
    "film", "director", "year", "fact", "about", "cast", "filmography",
    "by_year", "list", "random", "today", "help", "clarify", "not_found",
)  # fmt: skip
# The intents that ask about one film.
FILM_INTENTS = frozenset({"film", "director", "year", "fact", "about", "cast"})
# The kinds of words that ask nothing (see the table below).
TALK = frozenset({"chat", "request", "chatter", "thanks", "bye"})

# What each intent is asked with. One line: an intent, its weight, then words and phrases, comma
# separated; "*" ends a stem ("режисс*" is режиссёр, режиссера, ...). Where several cues meet, the
# heavier wins, then the one nearest the film's name. Besides the intents:
#   cinema    turns "list" into the films about cinema;
#   pronoun   stands for the film or person the chat is talking about ("who directed it?");
#   generic   words for "a film", never a title on their own;
#   request   words that make a message a request without saying what for ("pls", «расскажи»);
#   chat      words that ask nothing and name nothing: small words, courtesy, chat;
#   sequel    a word after a title that makes it another film ("Ирония судьбы. Продолжение");
#   chatter   everyday words around a question ("my mom loves it"), which may still be a
#             title when the message asks nothing else ("Brat");
#   thanks, bye  courtesy: they ask nothing, but a message of nothing else gets a short reply.
# Russian typed in Latin letters is read as Cyrillic first ("kto snyal" is "кто снял"), so it
# needs no lines of its own.
CUE_TABLE = """
director 3: director, directors, directed, direct, directs, directing, filmmaker, filmmakers,
    helmed, helm, made by, shot by, created by, filmed by, animated by, behind the camera, whose,
    who made, who shot, who filmed, who created, who animated, who is behind, responsible for,
    режисс*, постановщик*, чей, чья, чье, кем, автор*
director 2: снял, сняла, сняли, снимал, снимала, поставил, поставила, нарисовал
director 1: who, кто, made, make, shot, created, сделал, сделала
year 3: when, year, years, released, release, came out, come out, comes out, premiere*, premiered,
    how old, aired, first shown, date, decade, когда, год, года, году, годов, вышел, вышла, вышло,
    вышли, выхода, выпуска, премьер*, дата, сколько лет, снят, снято, снята, датирован*
about 3: what is about, more detail, more details, in detail, подробнее, поподробнее, подробно,
    детальнее, plot, plots, story, storyline, synopsis, summary, summarize, summarise, describe,
    description, premise, what happens, about what, what is it like, whats it like, going on,
    сюжет*, о чем, про что, содержани*, описани*, рассказывает, происходит
about 0: about, like
film 1: что за фильм, что это за фильм, what film is it, what is this film
cast 3: в главных ролях, главную роль, главные роли, главной роли, главная роль, cast, actors,
    состав, актерский состав, actor, actress, actresses, starring, starred, stars, plays, played,
    playing, acted, acting, acts, act, role, roles, lead, leads, voiced, voices, who is in, who was
    in, who are in, in it, актер*, актрис*, в ролях, роль, роли, ролях, играет, играют, играл,
    играла, играли, сыграл*, снимался, снималась, снимались, снялся, снялась, снялись, озвуч*
fact 3: fact, facts, trivia, interesting, fun, did you know, something i dont know, something cool,
    anything cool, how it was made, how they made it, how they filmed, как снимали, famous,
    знаменит, знаменита, знамениты,
    award, awards, prize, prizes, won, win, famous for, special about, is it
    true, is that true, true that, правда ли, правда что, это правда, факт*,
    интересн*, любопытн*, наград*, премия, премии, премию, призы, приз, известен, известна
fact 4: behind the scenes, making of, чем знаменит, чем знаменита, чем известен, чем известна
filmography 3: same director, this director, that director, other films by, more films by, этого
    режиссера, того же режиссера, этого же режиссера
filmography 4: what else, anything else, other films, other movies, что еще, еще что, что еще снял,
    другие фильмы, еще фильмы, в каких фильмах, in which films, in what films, где играл, где
    играла, где играет, где снимался, где снималась, где снимается, в чем снимался, в чем снималась
filmography 2: filmography, else, films by, movies by, work, works, career, фильмография, his films,
    her films, his movies, her movies, его фильмы, ее фильмы, фильмы с ним, фильмы с ней
list 4: full list, whole list, entire list, complete list, whole catalogue, whole catalog, full
    catalogue, full catalog, полный список, весь список, весь каталог, полный каталог
list 2: list, catalogue, catalog, catalogs, everything, all films, all movies, all of them, what
    films, which films, what movies, which movies, how many, what do you have, collection, library,
    коллекция, коллекции, коллекцию, список, каталог,
    перечисли, все фильмы, какие фильмы, сколько фильмов, что есть, database, база, базе, базу, базы
list 1: films, movies, фильмы, фильмов, all, все
cinema 3: о самом кино, про само кино, о самом кинематографе, about cinema, about filmmaking, about
    making films, about making movies, about films, about movies, about the cinema, about directors,
    about actors, about film making, о кино, про кино, о съемках, про съемки, о кинематографе, про
    кинематограф, о фильмах, про фильмы, о режиссерах, про режиссеров, об актерах, про актеров
random 3: another one, one more, another film, another movie, ещё один, еще один, еще одну, другой
    фильм, давай другой, выбери, выбери сам, на твой выбор, random, recommend*, recs, rec, suggest*,
    advise*, advice, surprise, pick, what should i watch, what to watch, what can i watch, something
    to watch, anything to watch, film to watch, movie to watch, films to watch, movies to watch,
    фильм посмотреть, фильм на вечер, give me anything, give me something, show me something,
    something good, anything good, хочу посмотреть, посмотреть что нибудь, что нибудь посмотреть,
    что то посмотреть, глянуть что нибудь, bored, lucky, idk what to watch, удиви, удивите,
    случайн*, рандом*, посоветуй*, порекомендуй*, посоветуете, что посмотреть, что бы посмотреть,
    что глянуть, скучно, наугад, любой фильм, какой нибудь фильм, посоветовать, посоветуешь,
    порекомендовать, порекомендуешь
today 3: film of the day, movie of the day, pick of the day, todays film, todays movie, daily,
    todays pick, today pick, pick for today, film for today, movie for today, фильм дня, кино дня,
    фильм на сегодня, сегодняшний
today 2: today, todays, сегодня
help 2: help, commands, command, menu, start, what can you do, how does it work, how do you work,
    who are you, what are you, instructions, помощь, помоги, помогите, команды, меню, что умеешь,
    что ты умеешь, как пользоваться, кто ты, ask, type, write, искать, найти, спросить, спрашивать,
    how to use, how do i use, how can i use, use this bot, пользоваться, пользоваться ботом
help 1: salem, салем, how are you today, how r you today, здарова, здорова, здрово, hi, hello, hey,
    hiya, howdy, greetings, yo, sup, wassup, whassup, whatsup, evening, morning, afternoon, привет,
    приветствую, здравствуй, здравствуйте, здрасте, хай, добрый, доброе, салют, хелп, how are you,
    how r you, how is it going, как дела, как ты, как жизнь
thanks 1: thanks, thank you, thx, ty, cheers, спасибо, спс, благодарю, дякую, dyakuyu, рахмет,
    rakhmet, rahmet
bye 1: bye, goodbye, bye bye, see you, see ya, good night, talk tomorrow, thats all, that is all,
    это все, на этом все, пока, до свидания, до
    завтра, до встречи, спокойной ночи
pronoun 0: it, its, this, that, this one, that one, he, she, him, his, her, they, them, there, он,
    она, оно, они, его, ее, него, нее, ней, нем, них, их, этот, эта, это, этого, этом, этой, этот
    фильм, тот, там, туда
sequel 0: sequel, prequel, remake, продолжение, приквел, ремейк, римейк
generic 0: film, movie, picture, cartoon, flick, pic, documentary, documentaries, doc, документалка,
    документалку, документальный, кинофильм*, мультфильм*, мультик*, мульт, фильм, фильма, фильме,
    фильму, фильмом, картина, картину, картины, картине, кино, кинцо, киношка
request 0: please, pls, plz, info, information, details, tell, tell me, show, give, gimme, send, can
    you, could you, would you, do you know, do you have, do u have, have you got, got any, есть ли,
    у тебя есть, у вас есть, пожалуйста, плиз, пжл, пжлст, пжлста, пж, пож, скажи, скажите,
    подскажи, подскажите, расскажи, расскажите, инфо, инфа, инфу, информация, информацию,
    подробности, напомни, покажи, покажите, дай, дайте, скинь, пришли, назови, выдай
chat 0: немые, немых, немое, немой, посмотреть, robot, joke, jokes, your name, homework, assignment,
    норм, нормально, шутка, шутку, робот, a, an, the, of, in, on, at, for, to, from, with, by, and,
    or, but, so, as, about it, is, are, was, were, be, been, being, am, do, does, did, done, have,
    has, had, can, could, would, will, should, shall, may, might, must, i, im, ive, id, me, my,
    mine, you, your, yours, we, us, our, what, which, how, why, where, whats, hows, these, those,
    here, some, any, one, ones, more, again, also, too, very, really, actually, just, still, even,
    only, pretty, quite, much, many, thank, ok, okay, okey, k, well, yes, yeah, yep, no, nope, not,
    lol, haha, ugh, lmao, meh, oof, yay, ура, хаха, ахах, ахаха, ого, увы, choose, myself, yourself,
    himself, herself, ourselves, themselves, in a nutshell, in short, в двух словах, вкратце,
    кратко, полный, полностью, hah, hmm, hm, um, uh, eh, oh, ah, wow, btw, idk, tbh, omg, rn, tho,
    imo, ngl, fr, bro, man, dude, guys, bot, say, said, know, knew, think, want, wanna, need, like,
    watch, seen, saw, see, question, quick, anyone, anybody, someone, somebody, something, anything,
    last, now, then, ago, lot, lots, time, times, good, great, cool, nice, best, awesome, amazing,
    favorite, favourite, fav, fave, favs, old, classic, soviet, russian, ussr, kind, sort, way,
    thing, things, there, get, got, find, look, looking, let, lets, go, going, gonna, wanted, asked,
    heard, read, writing, sure, maybe, perhaps, probably, guess, exactly, briefly, short, quickly,
    thanks in advance, in advance, full, whole, complete, entire, available, never, ever, always,
    first, second, third, fourth, fifth, tenth, umpteenth, other, another, same, all, every, each,
    both, either, neither, if, than, because, since, while, after, before, until, up, down, out,
    off, over, under, yet, already, soon, hey there, hi there, dear, sir, mate, buddy, fam, yall,
    ya, gotta, kinda, sorta, totally, literally, seriously, honestly, basically, anyway, anyways,
    helped, whatever, besides, except, кроме, vibe, vibes, recommended, recommends, saw it, seen it,
    heard of, never heard, do you, i wonder, я, мне, меня, мной, ты, тебя, тебе, вы, вас, вам, мы,
    нас, нам, и, а, но, или, ну, же, ли, вот, как, так, что, чё, че, чо, шо, где, почему, зачем,
    какой, какая, какое, какие, каком, какого, в, во, на, с, со, у, о, об, обо, про, по, за, из, к,
    ко, от, до, для, при, без, не, ни, да, нет, большое, огромное, помог, помогла, помогли, выручил,
    слушай, слушайте, глянуть, глянь, бота, боту, ботом, боте, знаешь, знаете, хочу, хотел, хотела,
    помню, забыл, забыла, интересно, кстати, короче, блин, лол, хм, эх, ох, ой, очень, просто,
    вообще, тоже, еще, уже, только, всё, мой, моя, мое, мои, твой, наш, свой, бот, ботик, дружище,
    чувак, народ, классный, хороший, старый, советский, советские, старые, любимый, лучший, лучшая,
    лучшее, лучше, тут, здесь, щас, сейчас, потом, давно, недавно, снова, опять, может, наверное,
    кажется, вроде, типа, ладно, окей, ок, ага, угу, хорошо, понятно, ясно, круто, супер, доброго,
    времени, суток, дня, утра, вечера, ребята, друзья, был, была, было, были, есть, будет, быть,
    мог, могу, можешь, можно, нужно, надо, совет, советовал, советовала, советовали, посоветовал,
    посоветовала, никогда, первый, второй, третий, раз, сам, сама, сами, весь, вся, всех, один,
    одна, одно, ещё, такая, такой, такое, такие, каждый, каждая, который, которая, которое, которые,
    которых, которую
chatter 0: по телевизору, по телику, this year, last year, next year, в этом году, в прошлом году,
    в следующем году, sing, sings, singing, song, songs, mom, mum, dad, grandma,
    grandpa, granny, friend, friends, wife, husband, girlfriend, boyfriend, kids, night, yesterday,
    tonight, tomorrow, weekend, love, loved, loves, liked, watched, watching, remember, forgot,
    forget, forgetting, wonder, wondering, curious, essay, school, class, course, funny, sad, scary,
    weather, youtube, netflix, online, internet, helpful, useful, super, new year, new years,
    christmas, holidays, новый год, новым годом, нового года, новому году, новогодн*, праздник*,
    погода, погоду, ютуб, ютубе, телевизор, телевизору, интернете, бабушка, мама, папа, друг,
    подруга, брат, сестра, вчера, вечер, вечером, утро, день, ночь, смотрел, смотрела, смотрели,
    посмотрел, посмотрела, видел, видела, люблю, нравится, понравился, обожает, обожаю, говорят,
    говорит, слышал, слышала
"""


@dataclass(frozen=True)
class Cue:
    """One entry of the cue table: a phrase (or stem) that asks for an intent."""

    intent: str
    weight: int
    words: tuple[str, ...]
    stem: bool = False  # the last word is a stem: it matches any word it begins


def _parse_table(table: str) -> tuple[Cue, ...]:
    cues: list[Cue] = []
    for block in re.split(r"\n(?=\S)", table.strip()):
        head, _, body = block.partition(":")
        intent, weight = head.split()
        for item in body.split(","):
            phrase = " ".join(item.split())
            if phrase:
                stem = phrase.endswith("*")
                words = tuple(
                    w for c in clean(phrase.rstrip("*")).split() for w in SHORTHAND.get(c, c).split()
                )
                cues.append(Cue(intent, int(weight), words, stem))
    return tuple(cues)


# Chat shorthand too short or too far from its word to be found as a slip of it.
SHORTHAND = {
    "u": "you", "r": "are", "ur": "your", "abt": "about", "bout": "about", "wut": "what", "wat": "what",
    "smth": "something", "sth": "something", "smt": "something", "pls": "please", "plz": "please",
    "whos": "who is", "whats": "what is", "wheres": "where is", "hows": "how is", "dont": "do not",
    "didnt": "did not", "doesnt": "does not", "cant": "can not", "wanna": "want to", "gonna": "going to",
    "ill": "i will", "youll": "you will",
    "youre": "you are", "theyre": "they are", "isnt": "is not", "wasnt": "was not", "arent": "are not",
    "havent": "have not", "wont": "will not", "thats": "that is", "theres": "there is",
    "yr": "year", "dir": "director", "flick": "film", "flicks": "films", "mov": "movie", "pic": "film",
    "wen": "when", "wher": "where", "eshe": "еще", "esche": "еще", "eshche": "еще",
    "што": "что", "est": "есть", "yest": "есть", "ктo": "кто", "чо": "что", "чё": "что", "че": "что", "шо": "что", "щас": "сейчас", "плз": "пожалуйста",
}  # fmt: skip


CUES = _parse_table(CUE_TABLE)


_SIGNS = re.compile("[ьъ]")
_STRETCHED = re.compile(r"([^\W\d_])\1{2,}")  # a letter typed three times or more


@dataclass(frozen=True)
class Lexicon:
    """The cue table made ready for lookups."""

    phrases: dict[str, tuple[Cue, ...]]  # first word -> cues starting with it, longest first
    stems: tuple[Cue, ...]  # one-word stems, longest first
    words: frozenset[str]  # every whole word of the table
    by_letter: dict[str, tuple[str, ...]]  # the words by first letter, for finding slips
    asking: frozenset[str]  # the words of cues that ask something (not chat), and "film" words

    @classmethod
    def of(cls, cues: tuple[Cue, ...]) -> Lexicon:
        phrases: dict[str, list[Cue]] = {}
        for cue in cues:
            if not (cue.stem and len(cue.words) == 1):
                phrases.setdefault(cue.words[0], []).append(cue)
        for listed in phrases.values():
            listed.sort(key=lambda c: (-len(c.words), -c.weight))
        stems = sorted((c for c in cues if c.stem and len(c.words) == 1), key=lambda c: -len(c.words[0]))
        words = frozenset(w for c in cues for w in c.words if not (c.stem and w == c.words[-1]))
        by_letter: dict[str, list[str]] = {}
        for word in sorted(words | {c.words[0] for c in stems}):
            if len(word) >= 3:
                by_letter.setdefault(word[0], []).append(word)
        asking = frozenset(w for c in cues if c.intent not in TALK for w in c.words)
        return cls(
            {k: tuple(v) for k, v in phrases.items()},
            tuple(stems),
            words,
            {k: tuple(v) for k, v in by_letter.items()},
            asking,
        )

    def stem_of(self, word: str) -> Cue | None:
        return next((c for c in self.stems if word.startswith(c.words[0])), None)

    def knows(self, word: str) -> bool:
        return word in self.words or self.stem_of(word) is not None

    def slip(self, word: str) -> str | None:
        """The table word that `word` is most likely a slip of (a letter or two off), or None."""
        if len(word) < 4:
            return None
        slips = 1 if len(word) <= 6 else 2
        # a slip seldom changes the first letter; the second may ("hwo"). A short word one letter
        # from a chat word is more often a word of its own ("cold", not "could")
        pool = [w for w in self.by_letter.get(word[0], ()) if len(word) >= 5 or w in self.asking]
        found = process.extract(word, pool, scorer=OSA.distance, score_cutoff=slips, limit=3)
        stems = [
            c.words[0]
            for c in self.stems
            if len(word) > len(c.words[0]) and OSA.distance(word[: len(c.words[0])], c.words[0]) <= 1
        ]
        # Russian typed in Latin letters loses its soft and hard signs ("posmotret" is «посмотреть»,
        # not «посмотрел»): a word those signs alone set apart comes first
        signless = _SIGNS.sub("", word)
        found = sorted(
            found, key=lambda f: (f[1], _SIGNS.sub("", str(f[0])) != signless, abs(len(f[0]) - len(word)))
        )
        if found and (found[0][1] == 0 or not stems):
            return str(found[0][0])
        return stems[0] if stems else None


LEXICON = Lexicon.of(CUES)


@dataclass(frozen=True)
class Token:
    """One word of a message: as cleaned, where it stands in the message, and how it reads."""

    word: str  # cleaned: lowercase, no accents or punctuation
    start: int  # where the typed text it comes from begins and ends in the message
    end: int
    read: str = ""  # the table word it reads as ("" for a word the table lacks)
    russian: bool = False  # read as Russian (Cyrillic, or Russian typed in Latin letters)
    capital: bool = False  # typed with a capital letter, not at a sentence's start
    upper: bool = False  # typed with a capital letter, wherever it stands
    typed: int = 0  # which typed word it comes from: "Кин-дза-дза" is one typed word, three words
    final: bool = False  # the last word of a sentence ("what is it about?")
    alt: str = ""  # a Latin word's Russian reading, where it has another: "film" is also "фильм"
    slipped: bool = False  # read as a table word it is a slip of ("direted" as "directed")
    question: bool = False  # in a sentence that ends with a question mark
    possessive: bool = False  # typed with 's: "Chaplin's" (not "it's", "what's")
    apart: bool = False  # set off from the next word by punctuation: "homework:", "ok,", "— "

    @property
    def known(self) -> bool:
        return bool(self.read)

    @property
    def kind(self) -> str | None:
        """What the word is read alone: an intent, or "chat", "chatter", "generic", "pronoun"."""
        return word_kind(self.read)


_TYPED = re.compile(r"[^\W_]+(?:['’`ʼ-][^\W_]+)*")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s*)$")
_NEXT_STOP = re.compile(r"[.!?]")  # the end of the sentence a word stands in
_SENTENCE_END = re.compile(r"\s*(?:[.!?;),»”\"]|$)")  # a closing quote ends a title too
_NUMBER_AND_ENDING = re.compile(r"(\d{2,})([^\W\d_]{1,3})")  # "1975м", "80х", "1980s": the number apart
_POSSESSIVE = re.compile(r"(?<![\W\d_])['’`ʼ]s$", re.IGNORECASE)
_APART = re.compile(r"\s*(?:[^\w\s'’`ʼ-]|-\s)")  # after a word: a comma, a colon, a dash, a bracket


def tokens(message: str) -> list[Token]:
    """The message's words, each read against the cue table."""
    out: list[Token] = []
    for number, typed in enumerate(_TYPED.finditer(message)):
        capital = typed.group()[0].isupper() and not _SENTENCE_START.search(message[: typed.start()])
        final = bool(_SENTENCE_END.match(message, typed.end()))
        ending = _NEXT_STOP.search(message, typed.end())
        question = bool(ending and ending.group() == "?")
        apart = bool(_APART.match(message, typed.end()))
        whose = bool(_POSSESSIVE.search(typed.group())) and clean(typed.group()).split()[-1:] != ["is"]
        words = [_unstretched(w) for w in clean(typed.group()).split()]
        words = [p for w in words for p in SHORTHAND.get(w, w).split()]
        words = [part for w in words for part in _number_apart(w)]
        # a number's ordinal ending says nothing: "36-го года", "в 82-м" are years
        words = [w for i, w in enumerate(words) if not (i and words[i - 1].isdigit() and w in _ORDINAL)]
        for i, word in enumerate(words):
            read, russian, alt, slipped = _reading(word)
            last = final and i == len(words) - 1
            out.append(
                Token(
                    word,
                    typed.start(),
                    typed.end(),
                    read,
                    russian,
                    capital,
                    typed.group()[0].isupper(),
                    number,
                    last,
                    alt,
                    slipped,
                    question,
                    whose and i == len(words) - 1,
                    apart and i == len(words) - 1,
                )
            )
    if language(out) == "ru":  # "kto rezhisser fil'ma": a word that reads either way reads as Russian
        out = [
            replace(t, read=t.alt, russian=True, alt=t.read) if t.alt and not t.russian else t for t in out
        ]
    return out


_ORDINAL = frozenset({"го", "м", "й", "ом", "ого", "ый", "ой", "ая", "go", "m", "j", "om"})


def _unstretched(word: str) -> str:
    """A word with a letter typed three times or more, as meant: "hiii" is "hi", "cooool" "cool",
    "plsss" "pls", «спасибооо» «спасибо»; a word the table lacks keeps two ("mirrorrr")."""
    if not _STRETCHED.search(word):
        return word
    twice, once = _STRETCHED.sub(r"\1\1", word), _STRETCHED.sub(r"\1", word)
    return next((w for w in (twice, once) if w in SHORTHAND or _reading(w)[0]), twice)


def _number_apart(word: str) -> list[str]:
    """ "1975м" -> ["1975", "м"]; other words as they are."""
    found = _NUMBER_AND_ENDING.fullmatch(word)
    return list(found.groups()) if found else [word]


@lru_cache(maxsize=1 << 16)  # bounded: a long-running bot meets ever new typos
def _reading(word: str) -> tuple[str, bool, str, bool]:
    """How one word reads: the table word, whether it was read as Russian, a Latin word's other,
    Russian reading ("film" is "фильм" in "film dnya"), and whether the reading is a slip."""
    if word.isdigit():
        return "", False, "", False
    if has_cyrillic(word):
        if LEXICON.knows(word):
            return word, True, "", False
        slip = LEXICON.slip(word)
        slip = None if slip is None or word_of_its_own(word, slip) else slip
        return slip or "", True, "", slip is not None
    russian = typed_russian(word)  # "kto snyal" is "кто снял"
    if russian.startswith("е") and LEXICON.knows(f"э{russian[1:]}"):
        russian = f"э{russian[1:]}"  # "eto", "v etom godu": э typed as e
    exact_russian = LEXICON.knows(russian)
    as_russian = russian if exact_russian else (LEXICON.slip(russian) if len(word) >= 4 else None)
    if LEXICON.knows(word):
        # an English table word reads as Russian only as typed, but for the soft signs that Latin
        # letters lose ("film" is «фильм»; "after" is no slip of «актер»)
        signless = as_russian is not None and _SIGNS.sub("", as_russian) == _SIGNS.sub("", russian)
        return word, False, as_russian if as_russian and signless else "", False
    if exact_russian:
        return russian, True, "", False
    if (slip := LEXICON.slip(word)) is not None and not word_of_its_own(word, slip):
        return slip, False, as_russian or "", True
    if as_russian and len(word) >= 5:
        return as_russian, True, "", True
    return "", False, "", False


@dataclass(frozen=True)
class Found:
    """A cue found in a message, over tokens start..end-1."""

    cue: Cue
    start: int
    end: int
    question: bool = False  # in a sentence that ends with "?": the question, where there are remarks too


def find_cues(toks: list[Token], free: list[bool]) -> list[Found]:
    """The cues among the free tokens (those no name took), longest phrase first at each place."""
    found: list[Found] = []
    i = 0
    while i < len(toks):
        if not free[i] or not toks[i].known:
            i += 1
            continue
        match = _cue_at(toks, free, i)
        if match is None:
            i += 1
            continue
        found.append(match)
        i = match.end
    return found


def _cue_at(toks: list[Token], free: list[bool], i: int) -> Found | None:
    options: list[Found] = []
    for word in filter(None, (toks[i].read, toks[i].alt)):
        for cue in LEXICON.phrases.get(word, ()):
            end = i + len(cue.words)
            if end <= len(toks) and all(free[j] for j in range(i, end)):
                last = len(cue.words) - 1
                if all(
                    _reads_as(t, w, cue.stem and j == last)
                    for j, (t, w) in enumerate(zip(toks[i:end], cue.words, strict=True))
                ):
                    stranded = cue.words == ("about",) and _stranded(toks, i)
                    # "what is it about?"
                    options.append(Found(_STRANDED_ABOUT if stranded else cue, i, end, toks[i].question))
                    break
        stem = LEXICON.stem_of(word)
        if stem:
            options.append(Found(stem, i, i + 1, toks[i].question))
    return max(options, key=lambda f: (f.end, f.cue.weight), default=None)


_STRANDED_ABOUT = Cue("about", 3, ("about",))


def _stranded(toks: list[Token], i: int) -> bool:
    """Whether "about" ends its sentence, chat aside: "what's Mirror about lol?" """
    for token in toks[i:]:
        if token is not toks[i] and token.kind not in TALK:
            return False
        if token.final:
            return True
    return True


@cache
def word_kind(word: str) -> str | None:
    """The kind of one table word read alone (None for a word the table lacks)."""
    single = [c for c in LEXICON.phrases.get(word, ()) if len(c.words) == 1]
    cue = single[0] if single else LEXICON.stem_of(word)
    return cue.intent if cue else None


def _reads_as(token: Token, word: str, stem: bool) -> bool:
    return any(r == word or (stem and r.startswith(word)) for r in (token.read, token.alt) if r)


# --- years and decades ------------------------------------------------------------------------

FIRST_YEAR, LAST_YEAR = 1895, 2030
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_UNITS = "one two three four five six seven eight nine".split()
_DECADE_NAMES = {
    "двадцат": 2, "тридцат": 3, "сороков": 4, "пятидесят": 5, "шестидесят": 6, "семидесят": 7,
    "восьмидесят": 8, "девяност": 9, "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5,
    "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9,
}  # fmt: skip
_DECADE_WORD = re.compile(
    r"^(?:(1[89]\d|[1-9])0s|(двадцат|тридцат|сороков|пятидесят|шестидесят|семидесят|восьмидесят|девяност)(?:ые|ых|ым|ыми|ой)|(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))$"
)
_DECADE_ENDING = frozenset({"s", "х", "е", "ые", "ых", "x", "h", "kh", "e"})
_YEAR_NEAR = frozenset({"года", "году", "год", "г", "from", "in", "of", "goda", "godu", "god"})


@dataclass(frozen=True)
class When:
    """A year or a decade a message names, over tokens start..end-1."""

    year: int
    decade: bool
    start: int
    end: int


def find_years(toks: list[Token]) -> list[When]:
    """Years ("1975", "nineteen seventy five", "88 года"), decades ("80s", "80-х", "семидесятых")."""
    found: list[When] = []
    i = 0
    while i < len(toks):
        word = toks[i].word
        after = toks[i + 1].word if i + 1 < len(toks) else ""
        before = toks[i - 1].word if i else ""
        decade = _DECADE_WORD.match(word) or _DECADE_WORD.match(typed_russian(word))
        if decade:
            digits, ru, en = decade.groups()
            tens = int(digits) if digits else _DECADE_NAMES[ru or en]
            found.append(When(tens * 10 if tens > 9 else 1900 + tens * 10, True, i, i + 1))
        elif word.isdigit() and len(word) in (2, 4) and after in _DECADE_ENDING and word.endswith("0"):
            tens = int(word) // 10
            found.append(When(tens * 10 if tens > 9 else 1900 + tens * 10, True, i, i + 2))
            i += 1
        elif word.isdigit() and len(word) == 4 and FIRST_YEAR <= int(word) <= LAST_YEAR:
            found.append(When(int(word), False, i, i + 1))
        elif (
            word.isdigit() and len(word) == 2 and (after in _YEAR_NEAR or before in ("from", "in", "в", "v"))
        ):
            found.append(When(1900 + int(word), False, i, i + 1))
        elif (spelt := _russian_year(toks, i)) is not None:
            year, end = spelt
            found.append(When(year, False, i, end))
            i = end - 1
        elif word == "nineteen" and after in _TEENS + _TENS:
            end, year = (
                i + 2,
                1900 + (10 + _TEENS.index(after) if after in _TEENS else 20 + 10 * _TENS.index(after)),
            )
            if after in _TENS and end < len(toks) and toks[end].word in _UNITS:
                year, end = year + _UNITS.index(toks[end].word) + 1, end + 1
            found.append(When(year, False, i, end))
            i = end - 1
        i += 1
    # "1936 года", "in 1982 year": the word for "year" after a number is part of it
    return [
        When(w.year, w.decade, w.start, w.end + 1)
        if w.end < len(toks) and toks[w.end].read in _YEAR_WORDS and not w.decade
        else w
        for w in found
    ]


_YEAR_WORDS = frozenset({"года", "году", "год", "г", "year", "yr"})

# a year in Russian words, signs dropped: «восемьдесят девятого года», «в семидесятом году»
_RU_TENS = {
    "двадцат": 2, "тридцат": 3, "сорок": 4, "пятдесят": 5, "шестдесят": 6, "семдесят": 7,
    "восемдесят": 8, "девяносто": 9,
}  # fmt: skip
_RU_TENTH = re.compile(
    r"(двадцат|тридцат|сороков|пятидесят|шестидесят|семидесят|восмидесят|девяност)(?:ого|ом|ый|ой)"
)
_RU_UNIT = re.compile(r"(перв|втор|трет|четверт|пят|шест|седм|восм|девят)(?:ого|ом|ой|ый|ий|его|ем)")
_RU_UNITS = "перв втор трет четверт пят шест седм восм девят".split()


def _russian_year(toks: list[Token], i: int) -> tuple[int, int] | None:
    """The year spelt in Russian words from word i, with the word for "year" that must follow it,
    and where it ends: «восемьдесят девятого года» is 1989, «семидесятом году» 1970."""

    def plain(j: int) -> str:
        word = toks[j].word if j < len(toks) else ""
        return _SIGNS.sub("", word if has_cyrillic(word) else typed_russian(word))

    tens, end = _RU_TENS.get(plain(i)), i + 1
    unit = _RU_UNIT.fullmatch(plain(end)) if tens else None
    if tens and unit:
        year, end = 1900 + tens * 10 + _RU_UNITS.index(unit.group(1)) + 1, end + 1
    elif tenth := _RU_TENTH.fullmatch(plain(i)):
        year = 1900 + 10 * _DECADE_NAMES[tenth.group(1).replace("восм", "восьм")]
    else:
        return None
    return (year, end) if end < len(toks) and toks[end].read in _YEAR_WORDS else None


# --- commands -----------------------------------------------------------------------------------

COMMANDS = {
    "film": "film", "fact": "fact", "random": "random", "today": "today", "films": "list",
    "list": "list", "help": "help", "start": "help", "cast": "cast", "director": "director",
    "year": "year", "about": "about",
}  # fmt: skip
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@\w+)?(?:\s+(.*))?$", re.S)


@dataclass(frozen=True)
class Command:
    """A /command: the intent it asks for and the text after it."""

    intent: str
    argument: str = ""
    film_id: str | None = None  # /start <film-id>, a deep link


def command(message: str) -> Command | None:
    """The command a message is, or None for free text; an unknown command asks for help."""
    found = _COMMAND.match(message.strip())
    if found is None:
        return None
    name, argument = found.group(1).lower(), (found.group(2) or "").strip()
    if name == "start" and re.fullmatch(r"[A-Za-z0-9-]{1,64}", argument):
        return Command("film", film_id=argument.lower())
    return Command(COMMANDS.get(name, "help"), argument if name in COMMANDS else "")


@dataclass
class Cues:
    """The cues of a message, sorted out: the best per intent and where it stands."""

    found: list[Found] = field(default_factory=list)

    def weight(self, intent: str) -> int:
        return max((f.cue.weight for f in self.found if f.cue.intent == intent), default=-1)

    def has(self, intent: str) -> bool:
        return any(f.cue.intent == intent for f in self.found)

    def best(self, intents: frozenset[str] | set[str], near: int | None = None) -> str | None:
        """The heaviest of `intents` among the cues; on equal weights, the one nearest `near`."""
        options = [f for f in self.found if f.cue.intent in intents and f.cue.weight > 0]
        if not options:
            return None
        distance = (
            (lambda f: min(abs(f.start - near), abs(f.end - 1 - near))) if near is not None else (lambda f: 0)
        )
        return max(options, key=lambda f: (f.question, f.cue.weight, -distance(f))).cue.intent


def language(toks: list[Token], named: set[int] | frozenset[int] = frozenset()) -> str | None:
    """ "ru" or "en" by the words the message asks with (a slip counts half; a word that reads
    either way and the words of names, `named`, not at all: "Lyubov Orlova" is no Russian); a
    message mostly in Cyrillic is Russian.
    None when its words do not tell."""
    # a word that reads either way ("film", "фильм") does not vote
    asking = [t for i, t in enumerate(toks) if t.known and not t.alt and i not in named]
    russian = sum(1 if t.slipped else 2 for t in asking if t.russian)
    english = sum(1 if t.slipped else 2 for t in asking if not t.russian)
    if russian != english:
        return "ru" if russian > english else "en"
    cyrillic = sum(1 for t in toks if has_cyrillic(t.word))
    if cyrillic * 2 > len(toks):
        return "ru"
    return None if russian == 0 else ("ru" if cyrillic else "en")
