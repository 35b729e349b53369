"""Answers as text a person reads: Telegram HTML (every catalogue and user text escaped),
plain text for the terminal, and one-line JSON for `film-bot ask --json`."""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from .brain import Answer
from .catalog import Film

Style = Callable[[str], str]


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

HELP = (
    "I answer questions about {n} Soviet films, with a focus on films about cinema itself. "
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
    "Commands: /film <title>, /fact <title>, /random, /today, /films, /help"
)


def year_text(film: Film) -> str:
    """'1975', or '1983 (made 1982)' where production and release differ."""
    return str(film.year) if film.made is None else f"{film.year} (made {film.made})"


def short_title(film: Film) -> str:
    return f"{film.title} ({film.year})"


def line_for(film: Film, m: Markup, director: bool = True) -> str:
    """One list line: title, year and (unless `director` is False) the director."""
    years = str(film.year) if film.made is None else f"{film.year}, made {film.made}"
    by = f", {m.esc(film.director_names)}" if director else ""
    return f"• {m.b(film.title)} ({years}){by}"


def card(film: Film, m: Markup, fact: int = 0) -> str:
    """A film's card: titles, year, directors, description and a fact."""
    return "\n".join([
        f"{m.b(film.title)} ({m.esc(film.original_title)}), {year_text(film)}",
        f"Directed by {m.esc(film.director_names)} · {m.esc(film.studio)}",
        "",
        m.esc(film.description),
        "",
        f"{m.i('Fact:')} {m.esc(film.facts[fact % len(film.facts)])}",
    ])  # fmt: skip


def cast_text(film: Film, m: Markup) -> str:
    """Who is in a film; the note explains a cast that is not actors (voices, none)."""
    if film.cast and not film.cast_note:
        return f"{m.b(film.title)} ({film.year}) stars {m.esc(_join(film.cast))}."
    note = m.esc(film.cast_note or "The catalogue lists no cast for it.")
    return f"{m.b(film.title)} ({film.year}): {note}"


def year_answer(film: Film, m: Markup) -> str:
    if film.made is None:
        return f"{m.b(film.title)} came out in {film.year}."
    return f"{m.b(film.title)} was made in {film.made} and first shown in {film.year}."


def render(answer: Answer, m: Markup, total: int = 0) -> str:
    """The reply to `answer`, in plain text or Telegram HTML."""
    films = answer.films
    film = films[0] if films else None
    match answer.intent:
        case "help":
            return m.esc(HELP.format(n=total or "my"))
        case "film" if film:
            return card(film, m, answer.fact)
        case "random" if film:
            return f"{m.i('A random pick:')}\n\n{card(film, m, answer.fact)}"
        case "today" if film and answer.day:
            day = f"{answer.day.day} {answer.day:%B %Y}"
            return f"{m.i(f'Film of the day, {day}:')}\n\n{card(film, m, answer.fact)}"
        case "director" if film:
            who = m.esc(film.director_names)
            return f"{m.b(film.title)} ({film.year}) was directed by {who}."
        case "year" if film:
            return year_answer(film, m)
        case "fact" if film:
            return f"A fact about {m.b(film.title)} ({film.year}): {m.esc(film.facts[answer.fact])}"
        case "about" if film:
            return f"{m.b(film.title)} ({year_text(film)}): {m.esc(film.description)}"
        case "cast" if film:
            return cast_text(film, m)
        case "filmography":
            head = f"{m.b(answer.person or '')} in the catalogue:"
            return "\n".join([head, *(_role_line(f, answer.person or "", m) for f in films)])
        case "by_year":
            when = f"the {answer.year}s" if answer.decade else str(answer.year)
            if not films:
                return f"The catalogue has no films from {when}. Try /films for the whole list."
            return "\n".join([f"Films from {when}:", *(line_for(f, m) for f in films)])
        case "list" if answer.cinema_only:
            strong = [f for f in films if f.cinema_relation == "strong"]
            some = [f for f in films if f.cinema_relation != "strong"]
            lines = [f"{len(strong)} films in the catalogue are about cinema itself:"]
            lines += [line_for(f, m) for f in strong]
            if some:
                lines += ["", f"{len(some)} more touch on it:"]
                lines += [f"{line_for(f, m, director=False)}: {m.esc(f.cinema_note)}" for f in some]
            return "\n".join(lines)
        case "list":
            return "\n".join([f"All {len(films)} films in the catalogue:", *(line_for(f, m) for f in films)])
        case "clarify":
            options = "\n".join(f"• {m.b(f.title)} ({f.year}), {m.esc(f.director_names)}" for f in films)
            return f"Which film do you mean?\n{options}"
    return not_found(answer, m)


def not_found(answer: Answer, m: Markup) -> str:
    asked = answer.subject or answer.query
    text = f"I don't have “{m.esc(asked[:100])}” in my catalogue of Soviet films."
    if answer.suggestion:
        text += f" Did you mean {m.b(answer.suggestion.title)} ({answer.suggestion.year})?"
    return text + " Try /films for the whole list or /random for a pick."


def as_json(answer: Answer, m: Markup = PLAIN, total: int = 0) -> str:
    """One line of JSON: query, intent, film ids (best first) and the reply text."""
    return json.dumps(
        {
            "query": answer.query,
            "intent": answer.intent,
            "films": [f.id for f in answer.films],
            "text": render(answer, m, total),
        },
        ensure_ascii=False,
    )


def _role_line(film: Film, person: str, m: Markup) -> str:
    directed = any(d.name == person for d in film.directors)
    others = [d.name for d in film.directors if d.name != person]
    if directed:
        role = "as director" + (f", with {m.esc(_join(tuple(others)))}" if others else "")
    else:
        role = f"in the cast, directed by {m.esc(film.director_names)}"
    return f"{line_for(film, m, director=False)}, {role}"


def _join(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# Keyboards as data: rows of buttons, each (label, callback_data) or (label, url).
# callback_data is "<action>:<film id>[:<number>]"; film ids are short slugs, so it
# stays within Telegram's 64 bytes, and no user text ever goes into it.
Button = tuple[str, str | None, str | None]  # label, callback_data, url


def film_keyboard(film: Film, fact: int = 0, random_pick: bool = False) -> list[list[Button]]:
    """Buttons under a film card: another fact, cast, more by the director, a random film, links."""
    rows: list[list[Button]] = [
        [
            ("Another fact", f"fact:{film.id}:{(fact + 1) % len(film.facts)}", None),
            ("Cast", f"cast:{film.id}", None),
        ],
        [
            (f"More by {film.directors[0].name.split()[-1]}", f"more:{film.id}", None),
            ("Another random film" if random_pick else "Random film", f"rnd:{film.id}", None),
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
        return film_keyboard(answer.films[0], answer.fact, random_pick=answer.intent == "random")
    if answer.intent == "clarify":
        return [[(f"{f.title} ({f.year})", f"card:{f.id}", None)] for f in answer.films]
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
