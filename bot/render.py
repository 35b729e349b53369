"""Answers as text a person reads: Telegram HTML (every catalogue and user text escaped),
plain text for the terminal, and one-line JSON for `film-bot ask --json`."""

from __future__ import annotations

import html
import json

from .brain import Answer
from .catalog import Film
from .messages import DEFAULT, date_text, ntr, tr


class Markup:
    """How to write bold and italic text, and how to escape what is not markup."""

    def __init__(self, html_mode: bool) -> None:
        self.html = html_mode

    def esc(self, text: str) -> str:
        return html.escape(text, quote=False) if self.html else text

    def b(self, text: str) -> str:
        return f"<b>{self.esc(text)}</b>" if self.html else text

    def i(self, text: str) -> str:
        return f"<i>{self.esc(text)}</i>" if self.html else text


PLAIN, HTML = Markup(False), Markup(True)


def help_text(lang: str | None, total: int) -> str:
    """What the bot can do, with examples."""
    about = ntr(
        lang,
        "I answer questions about {n} Soviet film, with a focus on films about cinema itself.",
        "I answer questions about {n} Soviet films, with a focus on films about cinema itself.",
        total,
    ).format(n=total)
    examples = tr(
        lang,
        "Ask in English or Russian, for example:\n"
        "• Mirror  (or Зеркало, Zerkalo)\n"
        "• who directed The Cranes Are Flying?\n"
        "• when did The Irony of Fate come out?\n"
        "• fun fact about Circus\n"
        "• what is The Voice about?\n"
        "• who acts in The Pokrovsky Gate?\n"
        "• films by Tarkovsky  /  фильмы Муратовой\n"
        "• films of 1982  /  80s films\n"
        "• which films are about cinema?\n"
        "Then “who directed it?” or “and the year?” ask about the film just shown.\n"
        "Commands: /film <title>, /fact <title>, /random, /today, /films, /subscribe, /language, /help",
    )
    return f"{about} {examples}"


class Text:
    """A film's words in one language: its Russian text where the answer is Russian and the
    catalogue has it, else its English text."""

    def __init__(self, film: Film, lang: str | None) -> None:
        self.film = film
        self.lang = lang or DEFAULT
        russian = self.lang == "ru"
        ru = film.ru if russian else None
        self.missing = russian and ru is None  # a Russian answer in English words, which it says
        self.title = film.original_title if russian else film.title
        self.other_title = film.title if russian else film.original_title
        self.description = ru.description if ru else film.description
        self.facts = ru.facts if ru else film.facts
        self.cast = ru.cast if ru else film.cast
        self.cast_note = ru.cast_note if ru else film.cast_note
        self.studio = ru.studio if ru else film.studio
        self.cinema_note = ru.cinema_note if ru else film.cinema_note
        names = [(d.name_ru or d.name) if russian else d.name for d in film.directors]
        self.directors = join(names, self.lang)

    def person(self, name: str) -> str:
        """A person of this film by their Latin name, as this language writes it."""
        if self.lang != "ru":
            return name
        for director in self.film.directors:
            if director.name == name:
                return director.name_ru or name
        if name in self.film.cast and self.film.ru is not None:
            return self.film.ru.cast[self.film.cast.index(name)]
        return name

    def years(self) -> str:
        """'1975', or '1988 (made in 1987)' where production and release differ."""
        film = self.film
        if film.made is None:
            return str(film.year)
        return tr(self.lang, "{year} (made in {made})").format(year=film.year, made=film.made)

    def years_in_brackets(self) -> str:
        """The same, to stand inside brackets: '1988, made in 1987'."""
        film = self.film
        if film.made is None:
            return str(film.year)
        return tr(self.lang, "{year}, made in {made}").format(year=film.year, made=film.made)


def join(names: list[str] | tuple[str, ...], lang: str | None) -> str:
    """ "A", "A and B", "A, B and C" (in Russian with "и")."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + tr(lang, " and ") + names[-1]


def line_for(film: Film, m: Markup, lang: str | None, director: bool = True) -> str:
    """One list line: title, year and (unless `director` is False) the director."""
    text = Text(film, lang)
    by = f", {m.esc(text.directors)}" if director else ""
    return f"• {m.b(text.title)} ({m.esc(text.years_in_brackets())}){by}"


def card(film: Film, m: Markup, fact: int = 0, lang: str | None = None) -> str:
    """A film's card: titles, year, directors, description and a fact."""
    text = Text(film, lang)
    label = tr(lang, "Fact:")
    lines = [
        f"{m.b(text.title)} ({m.esc(text.other_title)}), {m.esc(text.years())}",
        m.esc(
            ntr(
                lang,
                "Directed by {directors} · {studio}",
                "Directed by {directors} · {studio}",
                len(film.directors),
            ).format(directors=text.directors, studio=text.studio)
        ),
        "",
        m.esc(text.description),
        "",
        f"{m.i(label)} {m.esc(text.facts[fact % len(text.facts)])}",
    ]
    if text.missing:
        lines += ["", m.i(tr(lang, "(The catalogue has this film's text in English only.)"))]
    return "\n".join(lines)


def cast_text(film: Film, m: Markup, lang: str | None = None) -> str:
    """Who is in a film; the note explains a cast that is not actors (voices, none)."""
    text = Text(film, lang)
    if text.cast and not text.cast_note:
        stars = tr(lang, "{title} ({year}) stars {cast}.")
        return _with_title(m, stars, text.title, year=film.year, cast=join(text.cast, lang))
    note = text.cast_note or tr(lang, "The catalogue lists no cast for it.")
    return f"{m.b(text.title)} ({film.year})\n{m.esc(note)}"


def _with_title(m: Markup, template: str, title: str, **values: object) -> str:
    """A translated sentence with the film's title in bold: the title's place is "{title}"."""
    return m.esc(template.format(title="\0", **values)).replace("\0", m.b(title))


def render(answer: Answer, m: Markup, total: int = 0) -> str:
    """The reply to `answer`, in its language, in plain text or Telegram HTML."""
    lang = answer.lang or DEFAULT
    films = answer.films
    film = films[0] if films else None
    text = Text(film, lang) if film else None
    match answer.intent:
        case "help" if answer.courtesy == "thanks":
            return m.esc(tr(lang, "You're welcome! Ask about another film any time."))
        case "help" if answer.courtesy == "bye":
            return m.esc(tr(lang, "Goodbye! Come back with more questions about films."))
        case "help":
            return m.esc(help_text(lang, total))
        case "film" if film:
            return card(film, m, answer.fact, lang)
        case "random" if film:
            pick = tr(lang, "A random pick:")
            return f"{m.i(pick)}\n\n{card(film, m, answer.fact, lang)}"
        case "today" if film and answer.day:
            head = tr(lang, "Film of the day, {date}:").format(date=date_text(lang, answer.day))
            return f"{m.i(head)}\n\n{card(film, m, answer.fact, lang)}"
        case "director" if film and text:
            said = ntr(
                lang,
                "{title} ({year}) was directed by {directors}.",
                "{title} ({year}) was directed by {directors}.",
                len(film.directors),
            )
            return _with_title(m, said, text.title, year=film.year, directors=text.directors)
        case "year" if film and text:
            if film.made is None:
                return _with_title(m, tr(lang, "{title} came out in {year}."), text.title, year=film.year)
            said = tr(lang, "{title} was made in {made} and first shown in {year}.")
            return _with_title(m, said, text.title, made=film.made, year=film.year)
        case "fact" if film and text:
            said = tr(lang, "A fact about {title} ({year}): {fact}")
            return _with_title(
                m, said, text.title, year=film.year, fact=text.facts[answer.fact % len(text.facts)]
            )
        case "about" if film and text:
            said = text.cinema_note if answer.cinema_only else text.description
            return f"{m.b(text.title)} ({m.esc(text.years_in_brackets())})\n{m.esc(said)}"
        case "cast" if film:
            return cast_text(film, m, lang)
        case "filmography":
            person = answer.person or ""
            shown = next((Text(f, lang).person(person) for f in films), person)
            head = _with_title(m, tr(lang, "{title} in the catalogue:"), shown)
            return "\n".join([head, *(_role_line(f, person, m, lang) for f in films)])
        case "by_year":
            if not films:
                none = (
                    tr(lang, "The catalogue has no films from the {year}s. Try /films for the whole list.")
                    if answer.decade
                    else tr(lang, "The catalogue has no films from {year}. Try /films for the whole list.")
                )
                return m.esc(none.format(year=answer.year))
            head = tr(lang, "Films from the {year}s:") if answer.decade else tr(lang, "Films from {year}:")
            head = head.format(year=answer.year)
            return "\n".join([m.esc(head), *(line_for(f, m, lang) for f in films)])
        case "list" if answer.cinema_only:
            strong = [f for f in films if f.cinema_relation == "strong"]
            some = [f for f in films if f.cinema_relation != "strong"]
            lines = [
                m.esc(
                    ntr(
                        lang,
                        "{n} film in the catalogue is about cinema itself:",
                        "{n} films in the catalogue are about cinema itself:",
                        len(strong),
                    ).format(n=len(strong))
                )
            ]
            lines += [line_for(f, m, lang) for f in strong]
            if some:
                more = ntr(lang, "{n} more touches on it:", "{n} more touch on it:", len(some))
                lines += ["", m.esc(more.format(n=len(some)))]
                lines += [
                    f"{line_for(f, m, lang, director=False)}\n  {m.esc(Text(f, lang).cinema_note)}"
                    for f in some
                ]
            return "\n".join(lines)
        case "list":
            head = ntr(lang, "All {n} film in the catalogue:", "All {n} films in the catalogue:", len(films))
            return "\n".join([m.esc(head.format(n=len(films))), *(line_for(f, m, lang) for f in films)])
        case "clarify":
            options = [
                f"• {m.b(Text(f, lang).title)} ({f.year}), {m.esc(Text(f, lang).directors)}" for f in films
            ]
            return "\n".join([m.esc(tr(lang, "Which film do you mean?")), *options])
    return not_found(answer, m)


def not_found(answer: Answer, m: Markup) -> str:
    lang = answer.lang or DEFAULT
    asked = (answer.subject or answer.query)[:100]
    text = m.esc(tr(lang, "I don't have “{asked}” in my catalogue of Soviet films.").format(asked=asked))
    if answer.suggestion:
        near = Text(answer.suggestion, lang)
        offer = tr(lang, "Did you mean {title} ({year})?")
        text += " " + _with_title(m, offer, near.title, year=answer.suggestion.year)
    return text + " " + m.esc(tr(lang, "Try /films for the whole list or /random for a pick."))


def as_json(answer: Answer, m: Markup = PLAIN, total: int = 0) -> str:
    """One line of JSON: query, intent, film ids (best first), language and the reply text."""
    return json.dumps(
        {
            "query": answer.query,
            "intent": answer.intent,
            "films": [f.id for f in answer.films],
            "lang": answer.lang or DEFAULT,
            "text": render(answer, m, total),
        },
        ensure_ascii=False,
    )


def _role_line(film: Film, person: str, m: Markup, lang: str | None) -> str:
    text = Text(film, lang)
    others = [text.person(d.name) for d in film.directors if d.name != person]
    if any(d.name == person for d in film.directors):
        role = (
            tr(lang, "as director, with {others}").format(others=join(others, lang))
            if others
            else tr(lang, "as director")
        )
    else:
        role = tr(lang, "in the cast, directed by {directors}").format(directors=text.directors)
    return f"{line_for(film, m, lang, director=False)}, {m.esc(role)}"


# Keyboards as data: rows of buttons, each (label, callback_data) or (label, url).
# callback_data is "<action>:<film id>[:<number>]:<language>"; film ids are short slugs, so it
# stays within Telegram's 64 bytes, and no user text ever goes into it. The language makes the
# answer to a button speak the card's language.
Button = tuple[str, str | None, str | None]  # label, callback_data, url


def film_keyboard(
    film: Film, fact: int = 0, random_pick: bool = False, lang: str | None = None
) -> list[list[Button]]:
    """Buttons under a film card: another fact, cast, more by the director, a random film, links."""
    lang = lang or DEFAULT
    surname = Text(film, lang).person(film.directors[0].name).split()[-1]
    rows: list[list[Button]] = [
        [
            (tr(lang, "Another fact"), f"fact:{film.id}:{(fact + 1) % len(film.facts)}:{lang}", None),
            (tr(lang, "Cast"), f"cast:{film.id}:{lang}", None),
        ],
        [
            (tr(lang, "More by {name}").format(name=surname), f"more:{film.id}:{lang}", None),
            (
                tr(lang, "Another random film") if random_pick else tr(lang, "Random film"),
                f"rnd:{film.id}:{lang}",
                None,
            ),
        ],
    ]
    links: list[Button] = [
        (label, None, url) for label, url in (("Wikipedia", film.wikipedia), ("IMDb", film.imdb)) if url
    ]
    if links:
        rows.append(links)
    return rows


def answer_keyboard(answer: Answer) -> list[list[Button]]:
    """The buttons that go with an answer, if any."""
    if answer.intent in ("film", "random", "today", "fact", "about") and answer.films:
        return film_keyboard(answer.films[0], answer.fact, answer.intent == "random", answer.lang)
    lang = answer.lang or DEFAULT
    if answer.intent == "clarify":
        return [[(f"{Text(f, lang).title} ({f.year})", f"card:{f.id}:{lang}", None)] for f in answer.films]
    if answer.intent == "not_found" and answer.suggestion is not None:  # "Did you mean Mirror?": one tap
        near = answer.suggestion
        return [[(f"{Text(near, lang).title} ({near.year})", f"card:{near.id}:{lang}", None)]]
    return []


def split_message(text: str, limit: int = 4096) -> list[str]:
    """Split a reply at line ends into messages of at most `limit` characters.

    Rendered lines never open a tag they do not close, so no tag is cut. A
    single line longer than the limit is cut at a space, outside any tag.
    """
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            cut = cut if cut > 0 and "<" not in line[:cut].rsplit(">", 1)[-1] else limit
            head, line = line[:cut], line[cut:].lstrip()
            if current:
                chunks.append(current)
                current = ""
            chunks.append(head)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current.strip():
        chunks.append(current)
    return chunks or [text[:limit]]
