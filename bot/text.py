"""Text normalisation: one comparable Latin form for everything a person may type.

Names and queries are folded to lowercase ASCII words: case, punctuation,
accents and ё/е stop mattering, Cyrillic is transliterated (by the iuliia
library, under several standard schemes, because people transliterate in
different ways), Russian word endings can be stripped (Snowball stemmer),
the same endings typed in Latin letters too ("s orlovoy"), and small numbers can
be spelled out ("20" and "twenty" meet).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from typing import Any

import iuliia
import snowballstemmer

# Wikipedia's scheme (ya, yo, -y), ALA-LC without diacritics (ia, iu, -ii) and
# Moscow Metro's (e, -iy) cover the ways people write Russian in Latin letters.
SCHEMES = (iuliia.WIKIPEDIA, iuliia.ALA_LC_ALT, iuliia.MOSMETRO)

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\b\d{1,3}\b")
_CONTRACTION = re.compile(r"\b(what|who|where|when|how|that|it|there|which)['’`]s\b", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])['’`]s\b", re.IGNORECASE)  # after a letter: "80's" is a decade
_APOSTROPHES = re.compile(r"['’`ʼʹ]")
_stemmer = snowballstemmer.stemmer("russian")
# Russian case endings as people type them in Latin letters ("filmy s orlovoy", "tarkovskogo"),
# after at least four letters; English words seldom end so, and a wrongly cut one meets no name
_LATIN_ENDING = re.compile(
    r"(?<=[a-z]{4})(?:ogo|ego|omu|emu|ymi|imi|yami|ami|ykh|ikh|uyu|oyu|eyu|oy|oj|oi|ym|om)$"
)
# English words ending so, before a title, are verbs of the sentence: "assigned", "rewatching"
_ENGLISH_VERB = re.compile(r"(?:ed|ing)$")
# what a Russian word before a title is when it is a word of that title: «чёрное», «семнадцать»,
# «мгновений» in «семнадцать мгновений весны»; a verb («пересмотрел») or an adverb is the sentence's
_RUSSIAN_WORD = re.compile(r"[а-яё]+(?:-[а-яё]+)*")  # what pymorphy3 is given
_TITLE_PARTS = frozenset({"ADJF", "ADJS", "COMP", "NUMR", "NOUN", "PRTF"})
_LATIN_GENITIVE = re.compile(r"([a-z]{3,}[bcdfghklmnprstvz])a")  # "tsirka": "of the circus"


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


@lru_cache(maxsize=4096)
def clean(text: str) -> str:
    """Lowercase words separated by single spaces; accents, ё, punctuation and control marks gone.

    Cyrillic letters are kept (й stays й); other letters lose their accents.
    """
    text = unicodedata.normalize("NFKC", text)
    text = _CONTRACTION.sub(r"\1 is", text)  # "what's" is "what is", not a possessive
    text = _POSSESSIVE.sub("", text)  # "Tarkovsky's Mirror" -> "Tarkovsky Mirror"
    text = _APOSTROPHES.sub("", text)  # soft signs in transliteration: "sud'by" -> "sudby"
    text = text.casefold().replace("ё", "е")
    out = []
    for ch in text:
        if _CYRILLIC.match(ch):
            out.append(ch)
        else:
            out.extend(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return " ".join(_WORD.findall("".join(out)))


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    return _stemmer.stemWord(word) if has_cyrillic(word) else word


def stem_russian(text: str) -> str:
    """Strip Russian endings from each Cyrillic word ("фильмы тарковского" -> "фильм тарковск")."""
    return " ".join(_stem(w) for w in text.split())


@cache
def _morph() -> Any:
    import pymorphy3  # on first use only: the dictionary takes about 0.3 s and 25 MB

    return pymorphy3.MorphAnalyzer()


@lru_cache(maxsize=4096)
def describes(word: str, russian: bool) -> bool:
    """Whether a cleaned word the bot does not know, typed right before a title, reads as a word
    of that title ("black mirror", «чёрное зеркало», «семнадцать мгновений весны», "chernoe
    zerkalo") rather than as a verb of the sentence ("assigned", «пересмотрел»). Russian words,
    in either alphabet, are read by pymorphy3's dictionary; English ones by their ending."""
    if russian or has_cyrillic(word):
        return any(p.tag.POS in _TITLE_PARTS for p in _parses(word)[:1])
    return not _ENGLISH_VERB.search(word)


@lru_cache(maxsize=4096)
def agrees(adjective: str, noun: str) -> bool:
    """Whether two cleaned Russian words (in either alphabet) are an adjective and the noun it
    describes, agreeing in number and case: «весёлые ребята», "staryi drug"."""
    return any(
        a.tag.POS in ("ADJF", "PRTF")
        and n.tag.POS == "NOUN"
        and (a.tag.number, a.tag.case) == (n.tag.number, n.tag.case)
        and (a.tag.number == "plur" or a.tag.gender == n.tag.gender)
        for a in _parses(adjective)
        for n in _parses(noun)
    )


@lru_cache(maxsize=4096)
def of_the_sentence(noun: str, word: str) -> bool:
    """Whether a Russian word (in either alphabet) after a title word is the sentence's, not the
    title's: a verb the title word cannot be the subject of («зеркало запрещали», they banned
    Mirror; "zerkalo peresmotrel"), or an adjective that says what the title word is («начало
    недели тяжёлое», the start of the week is hard), as Russian titles put adjectives first. In
    «цирк зажигает огни» the circus does the lighting: a title."""
    if not (parses := _parses(word)):
        return False
    first = parses[0].tag
    nouns = [n.tag for n in _parses(noun) if n.tag.POS == "NOUN" and n.tag.case == "nomn"]

    def agrees_with(n: Any) -> bool:
        if first.POS == "VERB" and first.tense != "past":
            return bool(first.number == n.number and first.person == "3per")
        return bool(first.number == n.number and (first.number == "plur" or first.gender in (None, n.gender)))

    if first.POS == "VERB":
        return not any(agrees_with(n) for n in nouns)
    adjectives = [
        a.tag for a in _parses(word) if a.tag.POS in ("ADJF", "ADJS") and a.tag.case in ("nomn", None)
    ]
    return any(
        a.number == n.number and (a.number == "plur" or a.gender == n.gender)
        for a in adjectives
        for n in nouns
    )


@lru_cache(maxsize=4096)
def predicate(word: str) -> bool:
    """Whether a Russian word (in either alphabet) reads first as what a sentence says of its
    subject: a verb («ходили», «отключили», "sorvala") or an adjective in the nominative
    («тяжёлое»)."""
    return any(
        p.tag.POS in ("VERB", "ADJS") or (p.tag.POS == "ADJF" and p.tag.case == "nomn")
        for p in _parses(word)[:1]
    )


@lru_cache(maxsize=4096)
def a_name(word: str) -> bool:
    """Whether a cleaned word the bot does not know reads as someone's name rather than a word of
    either language: "bergman", «бергман», not "beautiful", «красота», "krasota"."""
    if not has_cyrillic(word) and _zipf()(word, "en", wordlist="small") >= _COMMON:
        return False
    if not (parses := _parses(word)):
        return True  # no word of either language
    first = parses[0]
    return not _morph().word_is_known(first.word) or bool({"Surn", "Name", "Patr"} & first.tag.grammemes)


def _parses(word: str) -> list[Any]:
    """pymorphy3's readings of a cleaned word as Russian (Latin letters read as Russian typed in
    them); none for a word of other letters, which pymorphy3 cannot take (it fails on characters
    without a Unicode name, such as Tangut)."""
    russian = typed_russian(word)  # Cyrillic as it is, and Latin letters among it too ("Vesnа")
    return list(_morph().parse(russian)) if _RUSSIAN_WORD.fullmatch(russian) else []


# Russian typed with the keyboard left in English layout: "ghbdtn" is «привет», "cj,frf" «собака»
_KEYS, _RUSSIAN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`", "йцукенгшщзхъфывапролджэячсмитьбюё"
_LAYOUT = str.maketrans(
    dict(zip(_KEYS, _RUSSIAN_KEYS, strict=True))
    | {k: v for k, v in zip(_KEYS.upper(), _RUSSIAN_KEYS.upper(), strict=True) if k.isalpha()}
)
_VOWELS = 0.25  # the share of Latin vowels below which text may be Russian in English layout
# a layout word: letters, and the keys of Russian letters between them ("cj,frf")
_LAYOUT_WORD = re.compile(r"[A-Za-z](?:[A-Za-z\[\];',.`]*[A-Za-z\[\]`;'])?")


def keyboard_russian(text: str) -> str | None:
    """`text` as meant, where it is Russian typed with the keyboard in English layout: "rnj cyzk
    pthrfkj" is «кто снял зеркало». None where it reads as typed: most of its words must be
    Russian words once switched (pymorphy3's dictionary), and more of them than are common English
    words as typed (wordfreq). About 10-40 µs: the reader asks only where most words read as
    nothing."""
    words = _LAYOUT_WORD.findall(text)
    letters = [c for w in words for c in w.casefold() if c.isalpha()]
    # Russian's vowels sit on f, t, b, j, s, z, so switched text is short of Latin vowels (about
    # 7-20% of its letters against 33-45% in English or transliteration): a test that needs no
    # dictionary, so "mirror" loads none
    if not letters or has_cyrillic(text) or sum(c in "aeiouy" for c in letters) >= _VOWELS * len(letters):
        return None
    switched = [w.translate(_LAYOUT) for w in words]
    russian = sum(_morph().word_is_known(w.casefold()) for w in switched if len(w) > 1 or w in "вкоуяс")
    if 2 * russian < len(words) or russian <= sum(
        _zipf()(w, "en", wordlist="small") >= _COMMON for w in words
    ):
        return None
    return _LAYOUT_WORD.sub(lambda found: found.group().translate(_LAYOUT), text)


@cache
def _zipf() -> Any:
    from wordfreq import zipf_frequency  # on first use only: about 0.15 s

    return zipf_frequency


_COMMON = 3.0  # a Zipf frequency: once in a million words of English
_OWN_RUSSIAN = frozenset({"NOUN", "VERB", "INFN"})


@lru_cache(maxsize=4096)
def word_of_its_own(word: str, like: str) -> bool:
    """Whether `word`, a letter or two from the table word `like`, is a word in its own right
    rather than a slip of it: "wars" is not "was", "mary" not "many", «огни» not «они», «лето» not
    «лет». Forms of one word stay one word: "star" is "stars", «смотрим» is «смотрел». English
    words count when common (wordfreq's lists); Russian nouns and verbs when pymorphy3's
    dictionary holds them (other parts of speech mostly differ from the table's forms by case)."""
    if has_cyrillic(word):
        if not (parses := _parses(word)):
            return False
        parsed, table = parses[0], _morph().parse(like)[0]
        return parsed.is_known and parsed.tag.POS in _OWN_RUSSIAN and parsed.normal_form != table.normal_form
    if word.rstrip("s") == like.rstrip("s"):
        return False
    return bool(_zipf()(word, "en", wordlist="small") >= _COMMON)


def latin_genitive_stem(word: str) -> str | None:
    """The word without a genitive -a typed in Latin letters ("tsirka" -> "tsirk"), or None.
    Not cut in `strip_latin_endings`: so many Latin words end so that every such query would
    be searched twice; the caller tries it only where it can settle a question."""
    found = _LATIN_GENITIVE.fullmatch(word)
    return found.group(1) if found else None


def strip_latin_endings(text: str) -> str:
    """Cut Russian case endings typed in Latin letters ("s orlovoy" -> "s orlov"), as the
    stemmer cuts them from Cyrillic ("орловой" -> "орлов"), so both meet the same names."""
    return " ".join(_LATIN_ENDING.sub("", w) for w in text.split())


def spell_numbers(text: str) -> str:
    """Small numbers as words, in Russian for Cyrillic text: "20 days" -> "twenty days"."""
    if not _NUMBER.search(text):
        return text
    from num2words import num2words  # imported here: it loads every language and is rarely needed

    lang = "ru" if has_cyrillic(text) else "en"
    return _NUMBER.sub(lambda m: num2words(int(m.group()), lang=lang), text)


# Russian typed in Latin letters follows no one scheme ("sluchaynyy", "sluchainyi", "fil'my"); the
# transliteration libraries either go the other way only (iuliia) or read one formal scheme, which
# turns "posovetuy" into "посоветуы". One guess, longest spellings first; y is й after a vowel.
_TYPED_RUSSIAN = re.compile(r"shch|sch|zh|kh|ts|ch|sh|yu|ju|ya|ja|yo|jo|ye|je|[a-z'4]")
_RUSSIAN_LETTERS = {
    "shch": "щ", "sch": "щ", "zh": "ж", "kh": "х", "ts": "ц", "ch": "ч", "sh": "ш", "yu": "ю", "ju": "ю",
    "ya": "я", "ja": "я", "yo": "е", "jo": "е", "ye": "е", "je": "е", "'": "ь", "a": "а", "b": "б",
    "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "й", "k": "к", "l": "л",
    "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в",
    "w": "в", "x": "х", "z": "з", "4": "ч",
}  # fmt: skip


def typed_russian(text: str) -> str:
    """Latin letters read as Russian typed in them: "kakie filmy est" -> "какие филмы ест"
    (close enough for a mistyped word to be respelled: "фильмы", "есть")."""

    def letter(found: re.Match[str]) -> str:
        if found.group() != "y":
            return _RUSSIAN_LETTERS[found.group()]
        before = found.string[found.start() - 1 : found.start()]
        return "й" if before and before in "aeiouy" else "ы"

    return _TYPED_RUSSIAN.sub(letter, text.casefold())


def latin(text: str, scheme: iuliia.Schema = iuliia.WIKIPEDIA) -> str:
    """`text` cleaned and in Latin letters (ё is transliterated as ё, "yo", before it is folded)."""
    if has_cyrillic(text):
        text = " ".join(_transliterate(scheme, w) for w in unicodedata.normalize("NFKC", text).split())
    return clean(text)


@lru_cache(maxsize=1 << 16)
def _transliterate(scheme: iuliia.Schema, word: str) -> str:
    """One word in Latin letters; words recur across a catalogue, so each is done once."""
    return str(scheme.translate(word))


def name_keys(name: str) -> set[str]:
    """Every Latin form under which a catalogue name should be found."""
    forms = {name, spell_numbers(name)}
    if has_cyrillic(name):
        forms |= {clean(f) for f in forms} | {stem_russian(clean(f)) for f in forms}
        keys = {latin(f, s) for f in forms for s in SCHEMES}
        # people often type ц as "c" ("cirk"), which none of the schemes does
        keys |= {latin(f.replace("ц", "c").replace("Ц", "C")) for f in forms if "ц" in f.lower()}
        return keys - {""}
    return {latin(f) for f in forms} - {""}


def query_keys(text: str) -> set[str]:
    """The Latin forms of what a person typed, to compare with `name_keys`."""
    forms = {text, spell_numbers(text)}
    if has_cyrillic(text):
        forms |= {stem_russian(clean(f)) for f in forms}
    else:
        forms |= {strip_latin_endings(clean(f)) for f in forms}  # the same when nothing is cut
    return {latin(f) for f in forms} - {""}
