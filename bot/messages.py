"""Every phrase the bot says, in each language it speaks, from standard gettext catalogues.

The English text is the message id (as gettext has it); each other language has
`bot/locale/<lang>/LC_MESSAGES/bot.po`, which translators edit with any PO
editor. The `.po` file is read directly (Babel turns it into gettext's form in
memory), so there is no compile step; its Plural-Forms header gives the
language's plural rules ("1 фильм", "3 фильма", "22 фильма").

`python -m bot.messages` lists the messages of the code that a language lacks.
"""

from __future__ import annotations

import datetime as dt
import gettext
import io
from functools import cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "ru")  # English is the messages' own language; the rest have a .po file
DEFAULT = "en"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of one language (English, or an unknown language: the messages as written)."""
    path = LOCALES / lang / "LC_MESSAGES" / "bot.po"
    if lang == DEFAULT or not path.is_file():
        return gettext.NullTranslations()
    from babel.messages.mofile import write_mo  # imported here: English answers never need Babel
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def N_(message: str) -> str:  # gettext's own name for it
    """Marks a message for translation where it is defined; `tr` translates it where it is said."""
    return message


def tr(lang: str | None, message: str) -> str:
    """`message` in `lang`."""
    return translations(lang or DEFAULT).gettext(message)


def ntr(lang: str | None, singular: str, plural: str, n: int) -> str:
    """The form of a message for `n` things, in `lang` ("{n} films" is "{n} фильма" for 3)."""
    return translations(lang or DEFAULT).ngettext(singular, plural, n)


def date_text(lang: str | None, day: dt.date) -> str:
    """ "6 December 2026", "6 декабря 2026"."""
    from babel.dates import format_date

    return str(format_date(day, "d MMMM y", locale=lang or DEFAULT))


def language_of(code: str | None) -> str | None:
    """The bot's language for a Telegram `language_code` ("ru", "ru-RU"), or None."""
    base = (code or "").split("-")[0].lower()
    return base if base in LANGUAGES else None


def missing(lang: str) -> list[str]:
    """The messages the code says that `lang`'s catalogue does not translate."""
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    keywords = {"tr": (2,), "ntr": (2, 3), "N_": (1,)}
    said = {
        message if isinstance(message, str) else message[0]
        for _, _, message, _, *_ in extract_from_dir(
            Path(__file__).parent, keywords=keywords, method_map=[("**.py", "python")]
        )
    }
    with (LOCALES / lang / "LC_MESSAGES" / "bot.po").open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    done = {
        m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id and m.string and all(m.string)
    }
    return sorted(said - done)


if __name__ == "__main__":
    for language in LANGUAGES[1:]:
        lacking = missing(language)
        print(f"{language}: {len(lacking)} messages untranslated")
        for text in lacking:
            print(f"  {text!r}")
