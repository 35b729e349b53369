"""Any text at all gets an answer: no exception, a known intent, a non-empty reply, HTML escaped."""

from __future__ import annotations

import datetime as dt
import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.brain import Answer, Brain
from bot.catalog import load_catalog
from bot.intents import INTENTS
from bot.render import HTML, PLAIN, render

DAY = dt.date(2026, 3, 1)
CATALOG = load_catalog()
BRAIN = Brain(CATALOG)  # module level: hypothesis does not mix with function-scoped fixtures

_CATALOGUE_WORDS = sorted(
    {w for f in CATALOG for name in (*f.names, *f.cast, *(d.name for d in f.directors)) for w in name.split()}
)
_QUESTION_WORDS = [
    "who", "directed", "when", "fact", "about", "cast", "films", "by", "of", "the", "a", "movie",
    "кто", "снял", "когда", "вышел", "фильмы", "о", "чем", "в", "ролях", "/film", "/fact", "/start",
    "/random", "/today", "/films", "/help", "1982", "20", "1936", "what", "is", "?", "!",
]  # fmt: skip
_ODD = ["\u200b", "\u200d", "\ufeff", "\x00", "\x07", "\n", "\t", "\r", "\u202e", "😀", "🎬", "👨‍👩‍👧", "ё", "Ё",
        "<b>", "</i>", "&", "&amp;", "<script>", "'", "’", "\"", "«", "»", "̈", "ﬁ", "Ⅻ", "١٢"]  # fmt: skip
_CYRILLIC = st.text(
    alphabet=st.characters(min_codepoint=0x0400, max_codepoint=0x04FF), min_size=1, max_size=12
)

mixed_text = st.lists(
    st.one_of(
        st.sampled_from(_CATALOGUE_WORDS),
        st.sampled_from(_QUESTION_WORDS),
        st.sampled_from(_ODD),
        _CYRILLIC,
        st.text(max_size=6),
    ),
    max_size=30,
).flatmap(lambda parts: st.sampled_from([" ", "", "  "]).map(lambda sep: sep.join(parts)))

_OWN_MARKUP = re.compile(r"</?[bi]>")


def check_answer(text: str) -> Answer:
    answer = BRAIN.answer(text, DAY, random.Random(0))
    assert isinstance(answer, Answer)
    assert answer.intent in INTENTS
    plain = render(answer, PLAIN, len(CATALOG))
    html = render(answer, HTML, len(CATALOG))
    assert plain.strip()
    assert html.strip()
    # the only tags are the bot's own <b> and <i>: anything the user typed is escaped
    rest = _OWN_MARKUP.sub("", html)
    assert "<" not in rest and ">" not in rest
    if answer.intent in (
        "film",
        "director",
        "year",
        "fact",
        "about",
        "cast",
        "filmography",
        "random",
        "today",
    ):
        assert answer.films
    if answer.intent == "clarify":
        assert len(answer.films) >= 2
    if answer.intent in ("not_found", "help"):
        assert answer.films == ()
    return answer


@settings(max_examples=200, deadline=None, database=None)
@given(st.text(max_size=4096))
def test_any_unicode_text_gets_an_answer(text: str) -> None:
    check_answer(text)


@settings(max_examples=200, deadline=None, database=None)
@given(mixed_text)
def test_catalogue_words_cyrillic_emoji_and_control_characters(text: str) -> None:
    check_answer(text)


@settings(max_examples=50, deadline=None, database=None)
@given(
    st.sampled_from([f.title for f in CATALOG]),
    st.sampled_from(["\u200b", "\ufeff", "\x00", "  ", "\t", "!!", "?"]),
)
def test_invisible_characters_around_a_title_do_not_hide_it(title: str, junk: str) -> None:
    answer = check_answer(f"{junk}{title}{junk}")
    assert answer.films, repr(junk + title)
    assert title in render(answer, PLAIN, len(CATALOG))


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n", "\x00", "\u200b", "😀" * 4096, "a" * 4096, "who directed " + "the " * 1000, "<b>" * 500,
     "/start " + "x" * 100, "/" * 50, "1" * 4096],
)  # fmt: skip
def test_edge_cases(text: str) -> None:
    check_answer(text)


def test_user_tags_appear_escaped_in_html() -> None:
    answer = Answer("not_found", query="<b>hello</b>")
    html = render(answer, HTML, len(CATALOG))
    assert "&lt;b&gt;hello&lt;/b&gt;" in html
