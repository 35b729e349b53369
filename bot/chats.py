"""What a chat is talking about: the film or person of the bot's last answer, for a while.

The Telegram adapter reads a chat's topic from the store (`bot/store.py`)
before it asks the core and writes the new one after, so "who directed it?"
after a film's card is about that film; the terminal chat keeps it in a
variable. The core never sees this module; it only receives the topic as an
argument.
"""

from __future__ import annotations

from .brain import Answer, Topic

TOPIC_SECONDS = 30 * 60  # how long a chat's topic lasts after the answer that set it


def topic_after(answer: Answer, before: Topic | None) -> Topic | None:
    """A chat's topic after an answer: what the answer was about; nothing after a film that is
    not in the catalogue, or after a list of films (so "who directed it?" is not taken for the
    film before); else as it was."""
    if answer.topic is not None or answer.intent in ("not_found", "by_year", "list"):
        return answer.topic
    return before
