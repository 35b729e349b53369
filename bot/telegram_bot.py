"""The Telegram adapter: python-telegram-bot handlers around the answering core.

What the bot does with each update lives here (messages, commands, buttons,
inline mode, the daily film's commands and cards, errors); every answer comes
from `Brain`, and chat state from the `Store`. `bot/service.py` wires these
handlers into the `Application` and runs it.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from dataclasses import replace
from functools import lru_cache
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    Update,
)
from telegram.constants import ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from telegram.ext import (
    ContextTypes,
)

from . import config
from .brain import Answer, Brain, Topic
from .catalog import Film
from .chats import TOPIC_SECONDS, topic_after
from .delivery import Outcome
from .messages import LANGUAGES, N_, date_text, language_of, tr
from .metrics import Metrics
from .render import HTML, Button, Text, answer_keyboard, film_keyboard, render, split_message
from .render import card as film_card
from .schedule import DEFAULT_MINUTE, parse_time, parse_zone, time_text, zone
from .store import ChatState, Due, Store, Subscription

log = logging.getLogger("film_bot")

COMMANDS = [
    ("film", N_("a film's card: /film mirror")),
    ("fact", N_("a fact about a film: /fact circus")),
    ("random", N_("a random film")),
    ("today", N_("the film of the day")),
    ("films", N_("the whole catalogue")),
    ("language", N_("answer in English or Russian: /language ru")),
    ("subscribe", N_("the film of the day every morning: /subscribe 09:00")),
    ("unsubscribe", N_("stop the daily film")),
    ("subscription", N_("when the daily film comes")),
    ("timezone", N_("this chat's time zone: /timezone Europe/Moscow")),
    ("forget", N_("delete everything I keep about this chat")),
    ("help", N_("what I can do")),
]
DESCRIPTION = N_(
    "I answer questions about a checked catalogue of Soviet films, many of them about cinema "
    "itself: who directed a film, when it came out, what it is about, who is in it, a fact, a "
    "person's films, a year's films, a random pick or the film of the day. English or Russian."
)
SHORT_DESCRIPTION = N_("Questions about Soviet films about cinema, in English or Russian.")
NOT_TEXT = N_("I read text only: send me a film title or a question, for example “who directed Mirror?”")
SOMETHING_WRONG = N_("Sorry, something went wrong on my side. Please try again in a moment.")
STALE_BUTTON = N_("That button is out of date. Ask me again, or try /films.")
AND_MORE = N_("…and more: ask about a year or a person to narrow it down.")
LANGUAGE_SET = {
    "en": N_("I will answer in English."),
    "ru": N_("I will answer in Russian."),
    None: N_("I will answer in the language of each message."),
}
LANGUAGE_USAGE = N_("/language ru, /language en, or /language auto (the language of each message).")
SUBSCRIBED = N_(
    "Done: the film of the day will come here every day at {time} ({zone}), the first on {date}. "
    "/subscribe 21:30 changes the time, /timezone the time zone, /unsubscribe stops it."
)
SUBSCRIPTION = N_("The film of the day comes here every day at {time} ({zone}); the next on {date}.")
PAUSED = N_("The daily film is paused: I could not write to this chat. /subscribe starts it again at {time}.")
NOT_SUBSCRIBED = N_("This chat gets no daily film. /subscribe sends the film of the day every day at 09:00.")
UNSUBSCRIBED = N_("Done: no more daily films here. /subscribe starts them again.")
TIME_USAGE = N_("I could not read that time. Try /subscribe 09:00 or /subscribe 21:30.")
TIMEZONE_SET = N_("Done: this chat's time zone is {zone}; it is {time} there now.")
TIMEZONE_SHOWN = N_(
    "This chat's time zone is {zone}; it is {time} there now. "
    "Change it with /timezone Europe/Moscow or /timezone +3."
)
TIMEZONE_USAGE = N_(
    "I do not know that time zone. Try /timezone Europe/Moscow, /timezone UTC or /timezone +3."
)
FORGOTTEN = N_(
    "Done: I have deleted everything I kept about this chat: its language, time zone, daily film "
    "and what we were talking about."
)
ADMINS_ONLY = N_("Only the group's administrators can change that.")
NOT_SAVED = N_("Sorry, I could not save that just now. Please try again in a minute.")
SUBSCRIBE_BUTTON = N_("Send me this every day")
STOP_BUTTON = N_("Stop")
MAX_MESSAGES_PER_REPLY = 3  # a long list is shortened rather than flooding the chat
INLINE_RESULTS = 20


def keyboard(rows: list[list[Button]]) -> InlineKeyboardMarkup | None:
    """Telegram's keyboard for rows of buttons (None for none)."""
    return _keyboard(tuple(map(tuple, rows))) if rows else None


class SerialisedKeyboard(InlineKeyboardMarkup):
    """An inline keyboard turned into its Bot API form once, when it is made.

    python-telegram-bot turns a keyboard back into a dict for every message it goes
    with, button by button; ours are cached and, like every TelegramObject, immutable.
    """

    __slots__ = ("_as_dict",)

    def __init__(self, inline_keyboard: list[list[InlineKeyboardButton]]) -> None:
        super().__init__(inline_keyboard)
        self._as_dict = super().to_dict()  # "_" attributes may be set on a frozen TelegramObject

    def to_dict(self, recursive: bool = True) -> dict[str, Any]:
        # a fresh top-level dict each time, so the cached one cannot be changed through it
        return dict(self._as_dict) if recursive else super().to_dict(recursive)


@lru_cache(maxsize=4096)
def _keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup:
    # keyboards repeat (one per film and fact) and are immutable: build each once
    return SerialisedKeyboard(
        [
            [
                InlineKeyboardButton(label, url=url)
                if url
                else InlineKeyboardButton(label, callback_data=data)
                for label, data, url in row
            ]
            for row in rows
        ]
    )


class FilmBot:
    """The handlers, holding the brain they answer with and the store of chat state."""

    def __init__(
        self,
        brain: Brain,
        store: Store,
        zone: Any = None,
        rng: random.Random | None = None,
        metrics: Metrics | None = None,
        record_misses: bool = True,
    ) -> None:
        self.brain = brain
        self.store = store
        self.zone = zone or config.timezone()
        self.rng = rng or random.Random()
        self.metrics = metrics
        self.record_misses = record_misses

    @property
    def total(self) -> int:
        return len(self.brain.catalog)

    def answer(
        self, text: str, topic: Topic | None = None, lang: str | None = None, where: Any = None
    ) -> Answer:
        """The core's answer, about `topic` where the text names nothing else, in the text's
        language or else in `lang`; "today" is the date in `where` (the bot's time zone)."""
        today = config.today(where or self.zone)
        if self.metrics is None:
            return self.brain.answer(text, today, self.rng, context=topic, lang=lang)
        started = time.perf_counter()
        answer = self.brain.answer(text, today, self.rng, context=topic, lang=lang)
        self.metrics.core_seconds.observe(time.perf_counter() - started)
        return answer

    def zone_of(self, state: ChatState) -> Any:
        """The chat's time zone: its own (/timezone), else the bot's."""
        return zone(state.timezone) if state.timezone else self.zone

    @staticmethod
    def user_language(update: Update) -> str | None:
        user = update.effective_user
        return language_of(user.language_code if user else None)

    async def preferred_language(self, update: Update) -> str | None:
        """The language for what a message does not tell: the chat's choice, else the user's
        Telegram language."""
        chosen = (
            (await self.store.state(update.effective_chat.id)).language if update.effective_chat else None
        )
        return chosen or self.user_language(update)

    async def reply(self, update: Update, message: Message, text: str) -> None:
        """Answer a message of a chat: "who directed it?" is about the card it replies to, else
        about what the chat was last told of (for TOPIC_SECONDS); the answer sets the topic.
        A chat that chose a language with /language gets every answer in it."""
        state = await self.store.state(message.chat_id)
        replied = film_of_message(message.reply_to_message)
        topic = Topic(film=replied) if replied else state.topic
        answer = self.answer(text, topic, state.language or self.user_language(update), self.zone_of(state))
        if state.language is not None and answer.lang != state.language:
            answer = replace(answer, lang=state.language)
        extra: list[list[Button]] = []
        if answer.intent == "today":
            extra = [await self.subscription_button(message.chat_id, answer.lang)]
        await self.send(message, answer, extra)
        await self.note(message.chat_id, answer, state.topic)
        if answer.intent == "not_found" and answer.subject and self.record_misses:
            await self.store.record_miss(answer.subject, config.today(self.zone_of(state)))

    async def note(self, chat_id: int, answer: Answer, before: Topic | None = None) -> None:
        """Keep what an answer was about as the chat's topic (written only when it changes)."""
        after = topic_after(answer, before)
        if after != before:
            await self.store.remember(chat_id, after, TOPIC_SECONDS)

    async def subscription_button(self, chat_id: int, lang: str | None) -> list[Button]:
        """Under the film of the day: subscribe to it, or stop it where the chat has it."""
        subscription = await self.store.subscription(chat_id)
        lang = lang or "en"
        if subscription is not None and subscription.active:
            return [(tr(lang, STOP_BUTTON), f"unsub:{lang}", None)]
        return [(tr(lang, SUBSCRIBE_BUTTON), f"sub:{lang}", None)]

    async def send(self, message: Message, answer: Answer, extra: list[list[Button]] | None = None) -> None:
        """Reply with an answer, split into messages within Telegram's limit; buttons go last,
        with `extra` rows after the answer's own."""
        if self.metrics is not None:
            self.metrics.answer(answer.intent, answer.lang)
        chunks = split_message(render(answer, HTML, self.total))
        if len(chunks) > MAX_MESSAGES_PER_REPLY:
            chunks = [
                *chunks[: MAX_MESSAGES_PER_REPLY - 1],
                tr(answer.lang, AND_MORE),
            ]
        markup = keyboard(answer_keyboard(answer) + (extra or []))
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            await message.reply_text(chunk, reply_markup=markup if last else None, do_quote=False)

    # --- messages and commands -------------------------------------------------

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/film, /fact, /random, /today, /films, /help, /start (also /cmd@botname in groups)."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        await self.reply(update, message, message.text)

    async def on_language(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/language ru | en | auto: the language of this chat's answers."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        asked = (context.args or [""])[0].lower()
        if asked not in (*LANGUAGES, "auto"):
            lang = await self.preferred_language(update)
            await message.reply_text(tr(lang, LANGUAGE_USAGE), do_quote=False)
            return
        chosen = None if asked == "auto" else asked
        if not await self.store.choose_language(message.chat_id, chosen):
            await message.reply_text(tr(await self.preferred_language(update), NOT_SAVED), do_quote=False)
            return
        # the chat's command menu in its language; "auto" gives it back the user's Telegram language
        scope = BotCommandScopeChat(message.chat_id)
        if chosen is None:
            await context.bot.delete_my_commands(scope=scope)
        else:
            await context.bot.set_my_commands(command_menu(chosen), scope=scope)
        lang = chosen or self.user_language(update)
        await message.reply_text(tr(lang, LANGUAGE_SET[chosen]), do_quote=False)

    async def on_private_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """In a private chat every text is a question."""
        message = update.effective_message
        if message is not None and message.text is not None:
            await self.reply(update, message, message.text)

    async def on_group_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """In groups only mentions of the bot and replies to its messages are questions."""
        message = update.effective_message
        if message is None or message.text is None:
            return
        username = f"@{context.bot.username}".lower()
        replied = message.reply_to_message
        to_bot = (
            replied is not None and replied.from_user is not None and replied.from_user.id == context.bot.id
        )
        mentioned = username in message.text.lower()
        if not (to_bot or mentioned):
            return  # other chatter in the group is not for us
        question = message.text
        if mentioned:
            start = question.lower().index(username)
            question = question[:start] + question[start + len(username) :]
        await self.reply(update, message, question)

    async def on_not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice and the like: a one-line hint."""
        if update.effective_message is not None:
            lang = await self.preferred_language(update)
            await update.effective_message.reply_text(tr(lang, NOT_TEXT), do_quote=False)

    # --- the daily film and the chat's settings ---------------------------------

    async def may_change(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
        """Anyone in a private chat; in a group, its administrators only (asked of Telegram)."""
        chat, message, user = update.effective_chat, update.effective_message, update.effective_user
        if chat is None:
            return False
        if chat.type == ChatType.PRIVATE:
            return True
        if message is not None and message.sender_chat is not None and message.sender_chat.id == chat.id:
            return True  # an anonymous administrator writes as the group itself
        if user is None:
            return False
        try:
            member = await context.bot.get_chat_member(chat.id, user.id)
        except TelegramError as exc:
            log.warning("chat %s: could not check the sender is an administrator: %s", chat.id, exc)
            return False
        return member.status in (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)

    async def say(self, update: Update, message_text: str, lang: str | None = None, **values: str) -> None:
        """Reply with one of the bot's messages, in `lang` or the chat's language."""
        message = update.effective_message
        if message is None:
            return
        lang = lang or await self.preferred_language(update)
        await message.reply_text(tr(lang, message_text).format(**values), do_quote=False)

    def zone_text(self, state: ChatState) -> str:
        """ "Europe/Moscow", "UTC+03:00"."""
        name = state.timezone or str(getattr(self.zone, "key", "UTC"))
        return f"UTC{name}" if name[:1] in "+-" else name

    def schedule(self, state: ChatState, subscription: Subscription, lang: str | None) -> dict[str, str]:
        """A subscription's time, the chat's zone and the date of the next card, for a message."""
        next_day = subscription.due_at.astimezone(self.zone_of(state)).date()
        return {
            "time": time_text(subscription.minute),
            "zone": self.zone_text(state),
            "date": date_text(lang, next_day),
        }

    def zone_now(self, state: ChatState) -> dict[str, str]:
        """The chat's zone and the time there now, for a message."""
        now = dt.datetime.now(self.zone_of(state))
        return {"zone": self.zone_text(state), "time": now.strftime("%H:%M")}

    async def subscribe(
        self, update: Update, context: ContextTypes.DEFAULT_TYPE, minute: int | None, lang: str | None
    ) -> None:
        """Subscribe the chat at `minute` (None: its time so far, else 09:00)."""
        chat_id = update.effective_chat.id if update.effective_chat else 0
        lang = lang or await self.preferred_language(update) or "en"
        if not await self.may_change(update, context):
            await self.say(update, ADMINS_ONLY, lang)
            return
        if minute is None:
            before = await self.store.subscription(chat_id)
            minute = before.minute if before is not None else DEFAULT_MINUTE
        subscription = await self.store.subscribe(chat_id, minute, lang)
        if subscription is None:
            await self.say(update, NOT_SAVED, lang)
            return
        state = await self.store.state(chat_id)
        await self.say(update, SUBSCRIBED, lang, **self.schedule(state, subscription, lang))

    async def unsubscribe(self, update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str | None) -> None:
        if not await self.may_change(update, context):
            await self.say(update, ADMINS_ONLY, lang)
            return
        chat_id = update.effective_chat.id if update.effective_chat else 0
        stopped = await self.store.pause(chat_id, "unsubscribed")
        await self.say(update, UNSUBSCRIBED if stopped else NOT_SUBSCRIBED, lang)

    async def on_subscribe(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/subscribe [time]: the film of the day every day at that time (default 09:00)."""
        asked = " ".join(context.args or [])
        minute = parse_time(asked) if asked else None
        if asked and minute is None:
            await self.say(update, TIME_USAGE)
            return
        await self.subscribe(update, context, minute, None)

    async def on_unsubscribe(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/unsubscribe: no more daily films."""
        await self.unsubscribe(update, context, None)

    async def on_subscription(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/subscription: when the daily film comes, or why it does not."""
        chat_id = update.effective_chat.id if update.effective_chat else 0
        lang = await self.preferred_language(update)
        subscription = await self.store.subscription(chat_id)
        if subscription is None or subscription.paused == "unsubscribed":
            await self.say(update, NOT_SUBSCRIBED, lang)
        elif not subscription.active:
            await self.say(update, PAUSED, lang, time=time_text(subscription.minute))
        else:
            state = await self.store.state(chat_id)
            await self.say(update, SUBSCRIPTION, lang, **self.schedule(state, subscription, lang))

    async def on_timezone(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/timezone [zone]: show or set the chat's time zone ("Europe/Moscow", "+3")."""
        chat_id = update.effective_chat.id if update.effective_chat else 0
        lang = await self.preferred_language(update)
        asked = " ".join(context.args or [])
        if not asked:
            await self.say(update, TIMEZONE_SHOWN, lang, **self.zone_now(await self.store.state(chat_id)))
            return
        name = parse_zone(asked)
        if name is None:
            await self.say(update, TIMEZONE_USAGE, lang)
            return
        if not await self.may_change(update, context):
            await self.say(update, ADMINS_ONLY, lang)
            return
        if not await self.store.set_timezone(chat_id, name):
            await self.say(update, NOT_SAVED, lang)
            return
        await self.say(update, TIMEZONE_SET, lang, **self.zone_now(ChatState(timezone=name)))

    async def on_forget(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/forget: delete everything kept about the chat."""
        chat_id = update.effective_chat.id if update.effective_chat else 0
        lang = self.user_language(update)
        if not await self.may_change(update, context):
            await self.say(update, ADMINS_ONLY, lang)
            return
        chosen = (await self.store.state(chat_id)).language
        if not await self.store.forget(chat_id):
            await self.say(update, NOT_SAVED, lang)
            return
        if chosen is not None:  # /language gave the chat its own command menu
            await context.bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
        await self.say(update, FORGOTTEN, lang)

    async def on_my_chat_member(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The bot was blocked in a private chat or removed from a group: its daily film pauses."""
        change = update.my_chat_member
        if change is None:
            return
        if change.new_chat_member.status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT):
            reason = "blocked" if change.chat.type == ChatType.PRIVATE else "removed"
            if await self.store.pause(change.chat.id, reason):
                log.info("chat %s: daily film paused (%s)", change.chat.id, reason)

    async def deliver(self, bot: Any, card: Due) -> Outcome:
        """Send one chat its film of the day (the `Deliverer`'s `send`)."""
        answer = replace(self.brain.film_of_the_day(card.day), lang=card.language)
        stop: Button = (tr(card.language, STOP_BUTTON), f"unsub:{card.language}", None)
        rows = [*answer_keyboard(answer), [stop]]
        try:
            await bot.send_message(
                card.chat_id, render(answer, HTML, self.total), reply_markup=keyboard(rows)
            )
        except (Forbidden, BadRequest) as exc:
            if _is_gone(exc):
                log.info("chat %s: cannot be written to (%s); its daily film pauses", card.chat_id, exc)
                return "gone"
            log.error("chat %s: daily film refused: %s; skipped for today", card.chat_id, exc)
            return "skipped"
        except TelegramError as exc:
            log.warning("chat %s: daily film not sent (%s); tried again later", card.chat_id, exc)
            return "failed"
        return "sent"

    # --- buttons ---------------------------------------------------------------

    async def on_button(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Button presses: fact:<id>:<n>, cast:<id>, more:<id>, rnd:<id>, card:<id>, each followed by
        the card's language (":ru"), in which the answer comes."""
        query = update.callback_query
        if query is None:
            return
        parts = (query.data or "").split(":")
        action, film_id, rest = parts[0], parts[1] if len(parts) > 1 else "", parts[2:]
        lang = rest.pop() if rest and rest[-1] in LANGUAGES else await self.preferred_language(update)
        number = rest[0] if rest else ""
        if action in ("sub", "unsub"):  # under the film of the day: "sub:<lang>"
            await query.answer()
            if action == "sub":
                await self.subscribe(update, context, None, film_id if film_id in LANGUAGES else lang)
            else:
                await self.unsubscribe(update, context, film_id if film_id in LANGUAGES else lang)
            return
        film = self.brain.catalog.by_id.get(film_id)
        if film is None or action not in ("fact", "cast", "more", "rnd", "card"):
            await query.answer(tr(lang, STALE_BUTTON))
            return
        message = query.message if isinstance(query.message, Message) else None
        if message is None and not query.inline_message_id:
            # the message is inaccessible (deleted, or too old for Telegram to show): nothing to
            # edit and nowhere to reply; say so rather than fail
            await query.answer(tr(lang, STALE_BUTTON))
            return
        if message is not None:  # the chat is now talking about the film whose button was pressed
            await self.note(message.chat_id, Answer("film", (film,)))
        if action == "fact":
            # isdecimal, not isdigit: "²" is a digit that int() refuses (forged callback_data)
            fact = int(number) % len(film.facts) if number.isdecimal() and len(number) < 10 else 0
            await query.answer()
            text = film_card(film, HTML, fact, lang)
            markup = keyboard(film_keyboard(film, fact, lang=lang))
            try:
                await query.edit_message_text(text, reply_markup=markup)
            except BadRequest as exc:
                if "not modified" not in str(exc):
                    raise
            return
        if action == "rnd":
            answer = self.brain.random_pick(self.rng, exclude=film.id)
        elif action == "more":
            answer = self.brain.filmography(film.directors[0].name)
        else:  # "card" from a clarify question, or "cast"
            answer = Answer("film" if action == "card" else "cast", (film,))
        answer = replace(answer, lang=lang)
        await query.answer()
        if message is not None:
            await self.note(message.chat_id, answer)
            await self.send(message, answer)
        else:  # a message posted inline: no chat to write to, so change that message
            if self.metrics is not None:
                self.metrics.answer(answer.intent, answer.lang)
            # one message only: the first part, split at a line end so no tag is cut
            text = split_message(render(answer, HTML, self.total))[0]
            await query.edit_message_text(text, reply_markup=keyboard(answer_keyboard(answer)))

    # --- inline mode -----------------------------------------------------------

    async def on_inline_query(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """@botname <query>: up to 20 films, best first; an empty query offers today's and cinema films."""
        query = update.inline_query
        if query is None:
            return
        text = query.query.strip()
        user_lang = language_of(query.from_user.language_code if query.from_user else None)
        answer = self.answer(text, lang=user_lang) if text else None
        if answer is not None and self.metrics is not None:
            self.metrics.answer(answer.intent, answer.lang)
        lang = answer.lang if answer else user_lang  # the query's language, else the user's
        if answer is None:
            today = self.brain.film_of_the_day(config.today(self.zone)).films[0]
            films = [today, *(f for f in self.brain.listing(cinema_only=True).films if f.id != today.id)]
        else:
            films = [] if answer.intent in ("help", "not_found") else list(answer.films)
        results = [self.article(f, lang) for f in films[:INLINE_RESULTS]]
        if not results and answer is not None:
            results = [
                InlineQueryResultArticle(
                    id="nothing-found",
                    title=tr(lang, "Nothing found"),
                    description=tr(
                        lang, "No film in the catalogue matches; try another title or a director."
                    ),
                    input_message_content=InputTextMessageContent(render(answer, HTML, self.total)),
                )
            ]
        await query.answer(results, cache_time=60, is_personal=user_lang is not None)

    def article(self, film: Film, lang: str | None = None) -> InlineQueryResultArticle:
        text = Text(film, lang)
        return InlineQueryResultArticle(
            id=film.id,
            title=f"{text.title} ({film.year})",
            description=f"{text.directors} · {text.other_title}",
            input_message_content=InputTextMessageContent(film_card(film, HTML, 0, lang)),
            reply_markup=keyboard(film_keyboard(film, lang=lang)),
        )

    # --- errors ----------------------------------------------------------------

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the failure with the update id, tell the user where possible, keep running."""
        error = context.error
        update_id = update.update_id if isinstance(update, Update) else None
        if isinstance(error, Forbidden | BadRequest) and _is_gone(error):
            log.warning(
                "update %s: cannot reply, %s (not retried)", update_id, error, extra={"update_id": update_id}
            )
            return
        if isinstance(error, BadRequest) and "query is too old" in str(error).lower():
            # a button pressed long ago (e.g. while the bot was down): Telegram no longer takes an answer
            log.warning(
                "update %s: button press expired, %s (not retried)",
                update_id,
                error,
                extra={"update_id": update_id},
            )
            return
        log.error("update %s: failed: %s", update_id, error, exc_info=error, extra={"update_id": update_id})
        if (
            isinstance(update, Update)
            and update.effective_chat is not None
            and not isinstance(error, NetworkError)
        ):
            try:
                lang = await self.preferred_language(update)
                await context.bot.send_message(update.effective_chat.id, tr(lang, SOMETHING_WRONG))
            except TelegramError as exc:
                log.warning("update %s: could not tell the user about the failure: %s", update_id, exc)


def film_of_message(message: Message | None) -> str | None:
    """The film a card of ours is about, read from its buttons ("cast:<film id>")."""
    if message is None or message.reply_markup is None:
        return None
    for row in message.reply_markup.inline_keyboard:
        for button in row:
            if isinstance(button.callback_data, str) and button.callback_data.startswith("cast:"):
                return button.callback_data.split(":", 2)[1]
    return None


def _is_gone(error: TelegramError) -> bool:
    """The user blocked the bot, or the chat no longer exists: retrying cannot help."""
    text = str(error).lower()
    return "blocked" in text or "chat not found" in text or "deactivated" in text or "kicked" in text


def command_menu(lang: str) -> list[BotCommand]:
    """The command menu, described in `lang`."""
    return [BotCommand(name, tr(lang, text)) for name, text in COMMANDS]
