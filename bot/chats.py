"""What the bot keeps about each chat: what it is talking about (the film or person of the bot's
last answer, for a while) and the language it chose.

The Telegram adapter reads a chat's topic before it asks the core and writes
the new one after, so "who directed it?" after a film's card is about that
film. The core never sees this module; it only receives the topic as an
argument. `ChatMemory` is the interface a database-backed store fills later;
`InMemoryChats` keeps topics in this process, each for `TOPIC_SECONDS`.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

from .brain import Answer, Topic

TOPIC_SECONDS = 30 * 60  # how long a chat's topic lasts after the answer that set it
MOST_CHATS = 100_000  # chats remembered at once in memory; the least recently used go first


def topic_after(answer: Answer, before: Topic | None) -> Topic | None:
    """A chat's topic after an answer: what the answer was about; nothing after a film that is
    not in the catalogue (so "who directed it?" is not taken for the film before); else as it was."""
    if answer.topic is not None or answer.intent == "not_found":
        return answer.topic
    return before


class ChatMemory(Protocol):
    """Where the adapter keeps each chat's topic."""

    async def recall(self, chat_id: int) -> Topic | None:
        """The chat's topic, or None when it has none or it expired."""
        ...

    async def remember(self, chat_id: int, topic: Topic | None) -> None:
        """Set the chat's topic (None forgets it)."""
        ...

    async def language(self, chat_id: int) -> str | None:
        """The language the chat chose with /language, or None (as the message is written)."""
        ...

    async def choose_language(self, chat_id: int, lang: str | None) -> None:
        """Set the chat's language (None: as each message is written)."""
        ...


class InMemoryChats:
    """Topics in a bounded map with expiry; `clock` (seconds) is replaceable for tests."""

    def __init__(
        self,
        seconds: float = TOPIC_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        most: int = MOST_CHATS,
    ) -> None:
        self.seconds = seconds
        self.clock = clock
        self.most = most
        self._topics: OrderedDict[int, tuple[Topic, float]] = OrderedDict()
        self._languages: OrderedDict[int, str] = OrderedDict()

    async def recall(self, chat_id: int) -> Topic | None:
        return self.recall_now(chat_id)

    async def remember(self, chat_id: int, topic: Topic | None) -> None:
        self.remember_now(chat_id, topic)

    async def language(self, chat_id: int) -> str | None:
        return self._languages.get(chat_id)

    async def choose_language(self, chat_id: int, lang: str | None) -> None:
        self._languages.pop(chat_id, None)
        if lang is not None:
            self._languages[chat_id] = lang
            while len(self._languages) > self.most:
                self._languages.popitem(last=False)

    def recall_now(self, chat_id: int) -> Topic | None:
        """`recall` for callers without an event loop (the terminal chat)."""
        kept = self._topics.get(chat_id)
        if kept is None:
            return None
        topic, until = kept
        if self.clock() >= until:
            del self._topics[chat_id]
            return None
        return topic

    def remember_now(self, chat_id: int, topic: Topic | None) -> None:
        """`remember` for callers without an event loop (the terminal chat)."""
        self._topics.pop(chat_id, None)
        if topic is None:
            return
        self._topics[chat_id] = (topic, self.clock() + self.seconds)
        while len(self._topics) > self.most:
            self._topics.popitem(last=False)

    def __len__(self) -> int:
        return len(self._topics)
