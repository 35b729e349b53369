"""A strict fake of the Telegram Bot API for end-to-end tests.

`FakeBotAPI` runs a real HTTP server on 127.0.0.1 (random free port) in daemon threads, so the
real python-telegram-bot ``Application`` can talk to it over HTTP whatever event loop the test
uses. It refuses what Telegram refuses, with Telegram's error texts, so bugs surface in tests.
Only the standard library is used.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.parser
import email.policy
import http.client
import itertools
import json
import queue
import re
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["TOKEN", "ApiError", "Call", "FakeBotAPI", "parse_html"]

TOKEN = "123456:fake-test-token-not-real"
"""An obviously fake token; PTB needs one, Telegram would reject it."""

MAX_TEXT_UTF16 = 4096
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are"
    " exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active;"
    " use deleteWebhook to delete the webhook first"
)
FAULTS = frozenset({"429", "5xx", "reset", "timeout", "blocked", "chat_not_found"})
_5XX_TEXT = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
# Telegram only sends these update kinds when they are requested explicitly.
_NOT_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
# Form values are JSON-encoded unless they are strings (see PTB's RequestParameter.json_value);
# these parameters are always strings, so "123" must not be decoded into an int.
_STRING_PARAMS = frozenset(
    {
        "text",
        "parse_mode",
        "callback_query_id",
        "inline_query_id",
        "url",
        "secret_token",
        "description",
        "short_description",
        "action",
        "inline_message_id",
        "next_offset",
        "language_code",
        "caption",
        "ip_address",
        "business_connection_id",
        "message_effect_id",
    }
)
_CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)
_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,9})|([A-Za-z][A-Za-z0-9]*));")
_SPACE = " \t\r\n\v\0"
_COMMAND_RE = re.compile(r"/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])")
_MENTION_RE = re.compile(r"(?<![A-Za-z0-9_@])@[A-Za-z0-9_]{5,32}(?![A-Za-z0-9_])")
_SECRET_RE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_COMMAND_NAME_RE = re.compile(r"[a-z0-9_]{1,32}")
_PATH_RE = re.compile(r"/bot([^/]*)/([A-Za-z]+)")
_DEFAULT = object()


class ApiError(Exception):
    """A refusal with Telegram's error code and description."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass(frozen=True)
class Call:
    """One request the server received; `time` is `time.monotonic()` at arrival."""

    method: str
    params: dict[str, Any]
    status: int
    response: dict[str, Any]
    time: float
    content_type: str = ""
    """The request's Content-Type without parameters: "application/json", a form, or "" for none."""


@dataclass(frozen=True)
class _Fault:
    kind: str
    retry_after: int
    status: int
    seconds: float


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets and length limits."""
    return len(text.encode("utf-16-le")) // 2


def _parse_error(message: str) -> ApiError:
    return ApiError(400, f"Bad Request: can't parse entities: {message}")


def _decode_entity(s: str, i: int, byte_offset: Callable[[int], int]) -> tuple[str, int]:
    """Decode the character reference starting at ``s[i] == "&"``; return (char, next index)."""
    m = _ENTITY_RE.match(s, i)
    if m is None:
        raise _parse_error(f"Character entity expected at byte offset {byte_offset(i)}")
    hex_digits, dec_digits, name = m.groups()
    if name is not None:
        if name not in _NAMED_ENTITIES:
            raise _parse_error(f'Unsupported entity "{m.group(0)}" at byte offset {byte_offset(i)}')
        return _NAMED_ENTITIES[name], m.end()
    code = int(hex_digits, 16) if hex_digits is not None else int(dec_digits)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise _parse_error(f'Unsupported entity "{m.group(0)}" at byte offset {byte_offset(i)}')
    return chr(code), m.end()


def parse_html(s: str) -> tuple[str, list[dict[str, Any]]]:
    """Parse Telegram's HTML subset into (visible text, entities), raising `ApiError` like Telegram.

    Modelled on tdlib's ``parse_html``; stricter in two places on purpose (a bare ``&`` and an
    ``<a>`` without ``href`` are refused, as they are bugs in a bot even where Telegram copes).
    """
    out: list[str] = []
    pos16 = 0
    # Each open tag: [name, start offset (UTF-16), argument, expandable, start index].
    stack: list[list[Any]] = []
    entities: list[dict[str, Any]] = []
    n = len(s)

    def boff(k: int) -> int:
        return len(s[:k].encode())

    i = 0
    while i < n:
        c = s[i]
        if c == "&":
            ch, i = _decode_entity(s, i, boff)
            out.append(ch)
            pos16 += utf16_len(ch)
            continue
        if c != "<":
            out.append(c)
            pos16 += 2 if ord(c) > 0xFFFF else 1
            i += 1
            continue
        begin = i
        i += 1
        if i < n and s[i] == "/":
            if not stack:
                raise _parse_error(f"Unexpected end tag at byte offset {boff(begin)}")
            j = i + 1
            while j < n and s[j] not in _SPACE and s[j] != ">":
                j += 1
            end_name = s[i + 1 : j].lower()
            while j < n and s[j] in _SPACE:
                j += 1
            if j >= n or s[j] != ">":
                raise _parse_error(f"Unclosed end tag at byte offset {boff(begin)}")
            name, start, arg, expandable, _ = stack[-1]
            if end_name and end_name != name:
                raise _parse_error(
                    f'Unmatched end tag at byte offset {boff(begin)}, expected "</{name}>",'
                    f' found "</{end_name}>"'
                )
            stack.pop()
            i = j + 1
            length = pos16 - start
            if name == "code" and arg and stack and stack[-1][0] == "pre" and stack[-1][1] == start:
                # <pre><code class="language-x"> is one pre entity with a language.
                stack[-1][2] = arg
                continue
            if length == 0:
                continue
            entity: dict[str, Any] = {"type": _TAG_TYPES[name], "offset": start, "length": length}
            if name == "a":
                entity["url"] = arg
            elif name == "pre" and arg:
                entity["language"] = arg
            elif name == "tg-emoji":
                entity["custom_emoji_id"] = arg
            elif name == "blockquote" and expandable:
                entity["type"] = "expandable_blockquote"
            entities.append(entity)
            continue
        # A start tag: the name runs up to a space or ">", like in tdlib.
        j = i
        while j < n and s[j] not in _SPACE and s[j] != ">":
            j += 1
        if j >= n:
            raise _parse_error(f"Unclosed start tag at byte offset {boff(begin)}")
        name = s[i:j].lower()
        if name not in _TAG_TYPES:
            raise _parse_error(f'Unsupported start tag "{name}" at byte offset {boff(begin)}')
        i = j
        arg: str | None = None
        expandable = False
        while True:
            while i < n and s[i] in _SPACE:
                i += 1
            if i >= n:
                raise _parse_error(f"Unclosed start tag at byte offset {boff(begin)}")
            if s[i] == ">":
                i += 1
                break
            attr_start = i
            while i < n and s[i] not in _SPACE and s[i] not in "=>":
                i += 1
            attr = s[attr_start:i].lower()
            if not attr:
                raise _parse_error(f'Empty attribute name in the tag "{name}" at byte offset {boff(begin)}')
            while i < n and s[i] in _SPACE:
                i += 1
            if i >= n:
                raise _parse_error(f"Unclosed start tag at byte offset {boff(begin)}")
            if s[i] != "=":
                if name == "blockquote" and attr == "expandable":
                    expandable = True
                    continue
                raise _parse_error(
                    f'Expected equal sign in declaration of an attribute of the tag "{name}"'
                    f" at byte offset {boff(begin)}"
                )
            i += 1
            while i < n and s[i] in _SPACE:
                i += 1
            if i >= n:
                raise _parse_error(f"Unclosed start tag at byte offset {boff(begin)}")
            if s[i] in "'\"":
                quote = s[i]
                i += 1
                parts: list[str] = []
                while i < n and s[i] != quote:
                    if s[i] == "&":
                        ch, i = _decode_entity(s, i, boff)
                        parts.append(ch)
                    else:
                        parts.append(s[i])
                        i += 1
                if i >= n:
                    raise _parse_error(f"Unclosed start tag at byte offset {boff(begin)}")
                i += 1
                value = "".join(parts)
            else:
                value_start = i
                while i < n and (s[i].isalnum() or s[i] in ".-"):
                    i += 1
                value = s[value_start:i].lower()
                if i >= n or (s[i] not in _SPACE and s[i] != ">"):
                    raise _parse_error(f"Unexpected end of name token at byte offset {boff(value_start)}")
            if name == "a" and attr == "href":
                arg = value
            elif name == "code" and attr == "class" and value.startswith("language-"):
                arg = value[len("language-") :]
            elif (name == "span" and attr == "class") or (name == "tg-emoji" and attr == "emoji-id"):
                arg = value
            # Telegram ignores other attributes.
        if name == "span" and arg != "tg-spoiler":
            raise _parse_error(f'Tag "span" must have class "tg-spoiler" at byte offset {boff(begin)}')
        if name == "a" and not arg:
            raise _parse_error(f'Tag "a" must have attribute "href" at byte offset {boff(begin)}')
        if name == "tg-emoji" and not (arg and arg.isdigit()):
            raise _parse_error(f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {boff(begin)}')
        stack.append([name, pos16, arg, expandable, begin])
    if stack:
        raise _parse_error(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def prepare_text(
    text: Any, parse_mode: Any, entities: Any, too_long: str
) -> tuple[str, list[dict[str, Any]]]:
    """Turn a text parameter into Telegram's stored (text, entities), or raise `ApiError`."""
    raw = "" if text is None else text if isinstance(text, str) else json.dumps(text)
    mode = (parse_mode or "").lower() if isinstance(parse_mode, str) else ""
    if mode == "html":
        visible, ents = parse_html(raw)
    elif mode == "":
        visible, ents = raw, list(entities) if isinstance(entities, list) else []
    else:
        # Telegram supports Markdown(V2); the fake refuses loudly rather than accept it unchecked.
        raise ApiError(400, f"Bad Request: unsupported parse_mode {parse_mode!r} in the fake Bot API")
    stripped = visible.strip()
    if not stripped:
        raise ApiError(400, "Bad Request: message text is empty")
    total = utf16_len(stripped)
    if total > MAX_TEXT_UTF16:
        raise ApiError(400, too_long)
    # Telegram trims surrounding whitespace; entity offsets shift with it.
    lead = utf16_len(visible[: len(visible) - len(visible.lstrip())])
    kept = []
    for ent in ents:
        start = max(ent["offset"] - lead, 0)
        end = min(ent["offset"] + ent["length"] - lead, total)
        if end > start:
            kept.append({**ent, "offset": start, "length": end - start})
    return stripped, kept


def _valid_button_url(url: Any) -> bool:
    if not isinstance(url, str):
        return False
    parts = urlsplit(url)
    if parts.scheme in ("http", "https"):
        return bool(parts.netloc)
    return parts.scheme == "tg" and len(url) > len("tg://")


def validate_markup(markup: Any) -> dict[str, Any] | None:
    """Validate a reply_markup; return the inline keyboard Telegram echoes in the message, if any."""
    if markup is None:
        return None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        rows = markup["inline_keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise ApiError(
                400,
                "Bad Request: can't parse inline keyboard button: Field "
                '"inline_keyboard" must be an Array of Arrays',
            )
        if sum(len(row) for row in rows) > 100:
            raise ApiError(400, "Bad Request: reply markup is too long")
        for row in rows:
            for button in row:
                _validate_inline_button(button)
        kept = [row for row in rows if row]
        return {"inline_keyboard": kept} if kept else None
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise ApiError(
                400, 'Bad Request: can\'t parse keyboard button: Field "keyboard" must be an Array of Arrays'
            )
        for row in rows:
            for button in row:
                label = button.get("text") if isinstance(button, dict) else button
                if not isinstance(label, str) or not label.strip():
                    raise ApiError(400, "Bad Request: keyboard button text is empty")
        return None
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return None
    raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")


def _validate_inline_button(button: Any) -> None:
    if not isinstance(button, dict):
        raise ApiError(
            400, "Bad Request: can't parse inline keyboard button: InlineKeyboardButton must be an Object"
        )
    label = button.get("text")
    actions = [key for key in _BUTTON_ACTIONS if key in button]
    if not isinstance(label, str) or not label.strip() or not actions:
        raise ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        raise ApiError(
            400,
            "Bad Request: can't parse inline keyboard button: "
            "exactly one of the optional fields must be used",
        )
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode()) <= 64:
            raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
    if "url" in button and not _valid_button_url(button["url"]):
        raise ApiError(400, "Bad Request: BUTTON_URL_INVALID")


def user_entities(text: str) -> list[dict[str, Any]]:
    """Entities Telegram adds to a user's text: a leading bot command and @username mentions."""
    entities: list[dict[str, Any]] = []
    taken_until = 0
    command = _COMMAND_RE.match(text)
    if command:
        entities.append({"type": "bot_command", "offset": 0, "length": utf16_len(command.group())})
        taken_until = command.end()
    for mention in _MENTION_RE.finditer(text, taken_until):
        entities.append(
            {
                "type": "mention",
                "offset": utf16_len(text[: mention.start()]),
                "length": utf16_len(mention.group()),
            }
        )
    return entities


def _decode_form_value(name: str, value: str) -> Any:
    if name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value


def parse_body(content_type: str, body: bytes, query: str) -> dict[str, Any]:
    """Decode request parameters the way the Bot API accepts them (query, form, multipart, JSON)."""
    params: dict[str, Any] = {k: _decode_form_value(k, v) for k, v in parse_qsl(query)}
    ctype = content_type.split(";", 1)[0].strip().lower()
    if not body:
        return params
    if ctype == "application/json":
        decoded = json.loads(body)
        if not isinstance(decoded, dict):
            raise ValueError("JSON body must be an object")
        params.update(decoded)
    elif ctype == "multipart/form-data":
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True) or b""
            if part.get_filename() is not None:
                params[name] = {"file_name": part.get_filename(), "size": len(payload)}
            else:
                params[name] = _decode_form_value(name, payload.decode())
    else:
        for key, value in parse_qsl(body.decode(), keep_blank_values=True):
            params[key] = _decode_form_value(key, value)
    return params


def _int_param(params: dict[str, Any], name: str, default: int | None = None) -> int:
    value = params.get(name)
    if value is None or value == "":
        if default is None:
            raise ApiError(400, f"Bad Request: {name} is empty")
        return default
    if isinstance(value, bool):
        raise ApiError(400, f"Bad Request: invalid {name} specified")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, f"Bad Request: invalid {name} specified") from None


def _float_param(params: dict[str, Any], name: str) -> float:
    try:
        return float(params.get(name) or 0)
    except (TypeError, ValueError):
        raise ApiError(400, f"Bad Request: invalid {name} specified") from None


def _update_kind(update: dict[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "")


def _abort(writer: asyncio.StreamWriter) -> None:
    """Drop the connection with a RST (SO_LINGER 0): the client sees a reset, not an answer."""
    sock = writer.get_extra_info("socket")
    with contextlib.suppress(OSError):
        if sock is not None:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    chunks = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
        chunk = await reader.readexactly(size + 2)
        if size == 0:
            # Trailers are not used by HTTP clients of the Bot API; the final CRLF was read.
            return b"".join(chunks)
        chunks.append(chunk[:-2])


class FakeBotAPI:
    """A strict, thread-safe fake Telegram Bot API server plus the user's side of the chats."""

    def __init__(
        self, token: str = TOKEN, *, bot_username: str = "film_test_bot", delay: float = 0.0
    ) -> None:
        self._token = token
        self.user_languages: dict[int, str] = {}  # user id -> Telegram language_code (default "en")
        self.admins: dict[int, set[int]] = {}  # group id -> its administrators' user ids
        self._blocked: set[int] = set()  # chats that blocked the bot or removed it
        self.bot_id: int = int(token.split(":", 1)[0])
        self.bot_username: str = bot_username
        self._bot_user = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Film Bot",
            "username": bot_username,
        }
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)
        self._stopping = threading.Event()
        self._down = False
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wakeup: asyncio.Event | None = None  # set (in the server loop) on new updates
        self._threads: list[threading.Thread] = []
        self._calls: list[Call] = []
        self._updates: deque[dict[str, Any]] = deque()
        self._next_update_id = 1
        self._confirmed_offset = 0
        self._allowed_updates: frozenset[str] | None = None
        self._chats: dict[int, dict[str, Any]] = {}
        self._last_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._sent: list[dict[str, Any]] = []
        self._open_callback_queries: set[str] = set()
        self._open_inline_queries: set[str] = set()
        self._next_query_id = 4_000_000_000_000
        self._next_file_id = 1
        self._callback_answers: list[dict[str, Any]] = []
        self._inline_answers: list[dict[str, Any]] = []
        self._inline_edits: list[dict[str, Any]] = []
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._descriptions: dict[tuple[str, str], str] = {}
        self._webhook: dict[str, Any] | None = None
        self._webhook_queue: queue.Queue[tuple[dict[str, Any], str, str | None] | None] = queue.Queue()
        self._webhook_responses: list[int] = []
        self._faults: dict[str, deque[_Fault]] = {}
        self._delays: dict[str | None, float] = {None: delay} if delay else {}
        self._methods: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {
            name.lower(): (name, getattr(self, "_m_" + name))
            for name in (
                "getMe",
                "getUpdates",
                "sendMessage",
                "editMessageText",
                "editMessageReplyMarkup",
                "answerCallbackQuery",
                "answerInlineQuery",
                "setMyCommands",
                "getMyCommands",
                "deleteMyCommands",
                "setMyDescription",
                "getMyDescription",
                "setMyShortDescription",
                "getMyShortDescription",
                "deleteWebhook",
                "setWebhook",
                "getWebhookInfo",
                "sendChatAction",
                "deleteMessage",
                "getChatMember",
                "close",
                "logOut",
            )
        }
        self.base_url = ""

    # --- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeBotAPI:
        """Bind 127.0.0.1 on a free port and serve from a daemon thread; returns self."""
        if self._threads:
            raise RuntimeError("already started")
        ready = threading.Event()
        server_thread = threading.Thread(
            target=self._run_server, args=(ready,), name="fake-bot-api", daemon=True
        )
        webhook_thread = threading.Thread(
            target=self._webhook_worker, name="fake-bot-api-webhook", daemon=True
        )
        self._threads = [server_thread, webhook_thread]
        for thread in self._threads:
            thread.start()
        if not ready.wait(5) or not self.base_url:
            raise RuntimeError("the fake Bot API server did not start")
        return self

    def stop(self) -> None:
        """Stop quickly: open long polls, delays and connections are cut, threads joined."""
        loop = self._loop
        if loop is None or self._stopping.is_set():
            return
        self._stopping.set()
        with contextlib.suppress(RuntimeError):  # the loop may already be gone
            loop.call_soon_threadsafe(loop.stop)
        self._webhook_queue.put(None)
        for thread in self._threads:
            thread.join(timeout=2)

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def _run_server(self, ready: threading.Event) -> None:
        # One asyncio loop in one thread serves every connection. A thread per connection
        # would fight the bot's event loop for the GIL and cap throughput at ~150 requests/s.
        loop = asyncio.new_event_loop()
        self._loop = loop
        self._wakeup = asyncio.Event()
        try:
            server = loop.run_until_complete(
                asyncio.start_server(self._serve_connection, "127.0.0.1", 0, limit=1 << 22, backlog=1024)
            )
            self.base_url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}/bot"
        finally:
            ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._shutdown(server))
            loop.close()

    @staticmethod
    async def _shutdown(server: asyncio.Server) -> None:
        server.close()
        tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _wake_pollers(self) -> None:
        loop, wakeup = self._loop, self._wakeup
        if loop is not None and wakeup is not None and not self._stopping.is_set():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(wakeup.set)

    # --- observation -----------------------------------------------------------------------

    @property
    def calls(self) -> list[Call]:
        """Every request received, in order, including refused ones (a snapshot)."""
        with self._lock:
            return list(self._calls)

    def calls_of(self, method: str) -> list[Call]:
        """The calls of one method (canonical name, e.g. "sendMessage")."""
        with self._lock:
            return [call for call in self._calls if call.method == method]

    def sent_messages(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Messages the bot sent with sendMessage, as they were when sent (not after edits)."""
        with self._lock:
            return [m for m in self._sent if chat_id is None or m["chat"]["id"] == chat_id]

    def bot_message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        """The current state (after edits) of a message the bot sent; KeyError if none/deleted."""
        with self._lock:
            message = self._messages[(chat_id, message_id)]
            if message["from"]["id"] != self.bot_id:
                raise KeyError((chat_id, message_id))
            return message

    @property
    def confirmed_offset(self) -> int:
        """The highest offset the bot confirmed via getUpdates."""
        with self._lock:
            return self._confirmed_offset

    @property
    def pending_updates(self) -> int:
        """Updates queued for getUpdates and not yet confirmed."""
        with self._lock:
            return len(self._updates)

    @property
    def webhook(self) -> dict[str, Any] | None:
        """The webhook as set by setWebhook (url, secret_token, allowed_updates, ...), or None."""
        with self._lock:
            return dict(self._webhook) if self._webhook else None

    @property
    def webhook_responses(self) -> list[int]:
        """HTTP status of each webhook delivery (0 when the connection failed)."""
        with self._lock:
            return list(self._webhook_responses)

    @property
    def inline_answers(self) -> list[dict[str, Any]]:
        """Accepted answerInlineQuery calls: their parameters (results decoded)."""
        with self._lock:
            return list(self._inline_answers)

    @property
    def callback_answers(self) -> list[dict[str, Any]]:
        """Accepted answerCallbackQuery calls: their parameters."""
        with self._lock:
            return list(self._callback_answers)

    @property
    def inline_edits(self) -> list[dict[str, Any]]:
        """Accepted edits of inline messages (by inline_message_id): their parameters."""
        with self._lock:
            return list(self._inline_edits)

    def wait_for(self, predicate: Callable[[FakeBotAPI], bool], timeout: float = 5.0) -> bool:
        """Block until `predicate(self)` is true (re-checked on every change); False on timeout."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate(self):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                # Capped so predicates over time-based state are re-checked too.
                self._cond.wait(min(remaining, 0.05))
            return True

    async def await_for(self, predicate: Callable[[FakeBotAPI], bool], timeout: float = 5.0) -> bool:
        """Like `wait_for`, but yields to the event loop (the bot may run in the same loop)."""
        deadline = time.monotonic() + timeout
        while not predicate(self):
            if time.monotonic() >= deadline:
                return False
            await asyncio.sleep(0.005)
        return True

    # --- faults ----------------------------------------------------------------------------

    def inject(
        self,
        method: str,
        fault: str,
        *,
        times: int = 1,
        retry_after: int = 1,
        status: int = 500,
        seconds: float = 0,
    ) -> None:
        """Make the next `times` calls of `method` fail with `fault` (one of `FAULTS`)."""
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; expected one of {sorted(FAULTS)}")
        if method.lower() not in self._methods:
            raise ValueError(f"unknown method {method!r}")
        if fault == "5xx" and status not in _5XX_TEXT:
            raise ValueError(f"status must be one of {sorted(_5XX_TEXT)}")
        with self._lock:
            pending = self._faults.setdefault(method.lower(), deque())
            pending.extend(_Fault(fault, retry_after, status, seconds) for _ in range(times))

    def set_delay(self, method: str | None, seconds: float) -> None:
        """Delay every answer to `method` (every method when None) by `seconds`."""
        key = method.lower() if method is not None else None
        with self._lock:
            if seconds > 0:
                self._delays[key] = seconds
            else:
                self._delays.pop(key, None)

    def go_down(self) -> None:
        """Reset the connection of every request (including open long polls) until `come_up`."""
        with self._cond:
            self._down = True
            self._cond.notify_all()
        self._wake_pollers()

    def come_up(self) -> None:
        """Serve again, on the same port; queued updates were kept."""
        with self._cond:
            self._down = False

    # --- the user's side -------------------------------------------------------------------

    def add_chat(self, chat_id: int, chat_type: str = "private") -> None:
        """A chat the bot may write to, as if its user had written once (for bulk sending)."""
        with self._lock:
            if chat_type == "private":
                user = self._user(chat_id)
                chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
            else:
                chat = {"id": chat_id, "type": chat_type, "title": f"Group {-chat_id}"}
            self._chats.setdefault(chat_id, chat)

    def block(self, chat_id: int, *, announce: bool = True) -> None:
        """The user blocks the bot (a private chat) or the group removes it: sendMessage there gets
        403 from now on; with `announce`, the bot gets the my_chat_member update Telegram sends."""
        with self._lock:
            chat = self._chats[chat_id]
            self._blocked.add(chat_id)
            if not announce:
                return
            private = chat["type"] == "private"
            user = self._user(chat_id if private else 1001)
            new = (
                {"status": "kicked", "user": self._bot_user, "until_date": 0}
                if private
                else {
                    "status": "left",
                    "user": self._bot_user,
                }
            )
            self._emit(
                {
                    "my_chat_member": {
                        "chat": chat,
                        "from": user,
                        "date": int(time.time()),
                        "old_chat_member": {"status": "member", "user": self._bot_user},
                        "new_chat_member": new,
                    }
                }
            )

    def send_message(
        self,
        text: str,
        *,
        chat_id: int = 1001,
        user_id: int | None = None,
        chat_type: str = "private",
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """A user writes `text`; entities for a leading command and mentions are added."""
        extra: dict[str, Any] = {"text": text}
        entities = user_entities(text)
        if entities:
            extra["entities"] = entities
        return self._user_message(chat_id, user_id, chat_type, extra, reply_to_message_id)

    def send_sticker(
        self, *, chat_id: int = 1001, user_id: int | None = None, chat_type: str = "private"
    ) -> dict[str, Any]:
        """A user sends a (minimal, valid) sticker."""
        sticker = {
            **self._file_ids(),
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "\N{FILM FRAMES}",
        }
        return self._user_message(chat_id, user_id, chat_type, {"sticker": sticker}, None)

    def send_photo(
        self, *, chat_id: int = 1001, user_id: int | None = None, chat_type: str = "private"
    ) -> dict[str, Any]:
        """A user sends a (minimal, valid) photo."""
        photo = [{**self._file_ids(), "width": 90, "height": 90, "file_size": 1024}]
        return self._user_message(chat_id, user_id, chat_type, {"photo": photo}, None)

    def send_voice(
        self, *, chat_id: int = 1001, user_id: int | None = None, chat_type: str = "private"
    ) -> dict[str, Any]:
        """A user sends a (minimal, valid) voice message."""
        voice = {**self._file_ids(), "duration": 1, "mime_type": "audio/ogg"}
        return self._user_message(chat_id, user_id, chat_type, {"voice": voice}, None)

    def edit_message(self, message_id: int, text: str, *, chat_id: int = 1001) -> dict[str, Any]:
        """A user edits one of their own text messages (an edited_message update)."""
        with self._lock:
            old = self._messages.get((chat_id, message_id))
            if old is None or old["from"]["id"] == self.bot_id or "text" not in old:
                raise ValueError(f"no user text message {message_id} in chat {chat_id}")
            new = {k: v for k, v in old.items() if k != "entities"}
            new.update(text=text, edit_date=int(time.time()))
            entities = user_entities(text)
            if entities:
                new["entities"] = entities
            self._messages[(chat_id, message_id)] = new
            return self._emit({"edited_message": new})

    def press_button(
        self, message_id: int, data: str, *, chat_id: int = 1001, user_id: int | None = None
    ) -> dict[str, Any]:
        """A user presses the inline button with callback_data `data` on a bot message."""
        with self._lock:
            message = self._messages.get((chat_id, message_id))
            if message is None or message["from"]["id"] != self.bot_id:
                raise ValueError(f"no bot message {message_id} in chat {chat_id}")
            rows = message.get("reply_markup", {}).get("inline_keyboard", [])
            if not any(button.get("callback_data") == data for row in rows for button in row):
                raise ValueError(f"message {message_id} has no button with callback_data {data!r}")
            chat = self._chats[chat_id]
            user = self._user(self._default_user(chat_id, chat["type"], user_id))
            query_id = self._new_query_id()
            self._open_callback_queries.add(query_id)
            return self._emit(
                {
                    "callback_query": {
                        "id": query_id,
                        "from": user,
                        "message": message,
                        "chat_instance": str(-7_000_000 - chat_id),
                        "data": data,
                    }
                }
            )

    def inline_query(self, query: str, *, user_id: int = 1001, offset: str = "") -> dict[str, Any]:
        """A user types `@bot query` in some chat (an inline_query update)."""
        with self._lock:
            query_id = self._new_query_id()
            self._open_inline_queries.add(query_id)
            return self._emit(
                {
                    "inline_query": {
                        "id": query_id,
                        "from": self._user(user_id),
                        "query": query,
                        "offset": offset,
                        "chat_type": "sender",
                    }
                }
            )

    def add_update(self, update_without_id: dict[str, Any]) -> dict[str, Any]:
        """Queue any raw update (e.g. "poll", "my_chat_member"); an update_id is assigned."""
        if "update_id" in update_without_id or len(update_without_id) != 1:
            raise ValueError("pass exactly one update field and no update_id")
        with self._lock:
            return self._emit(dict(update_without_id))

    def post_to_webhook(self, update: dict[str, Any], secret: Any = _DEFAULT) -> int:
        """POST `update` to the webhook now and return the HTTP status (0 if unreachable).

        `secret` defaults to the configured secret token; pass None to omit the header or a
        wrong string to test the bot's check. An update without update_id gets one.
        """
        with self._lock:
            if self._webhook is None:
                raise RuntimeError("no webhook is set")
            url, configured = self._webhook["url"], self._webhook.get("secret_token")
            if "update_id" not in update:
                update = {"update_id": self._take_update_id(), **update}
        return self._post(url, configured if secret is _DEFAULT else secret, update)

    def _file_ids(self) -> dict[str, str]:
        with self._lock:
            n = self._next_file_id
            self._next_file_id += 1
        return {"file_id": f"FAKEFILE{n:08d}", "file_unique_id": f"U{n:08d}"}

    def _new_query_id(self) -> str:
        self._next_query_id += 1
        return str(self._next_query_id)

    def _user(self, user_id: int) -> dict[str, Any]:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": f"User{user_id}",
            "username": f"user{user_id}",
            "language_code": self.user_languages.get(user_id, "en"),
        }

    @staticmethod
    def _default_user(chat_id: int, chat_type: str, user_id: int | None) -> int:
        if user_id is not None:
            return user_id
        return chat_id if chat_type == "private" else 1001

    def _user_message(
        self,
        chat_id: int,
        user_id: int | None,
        chat_type: str,
        content: dict[str, Any],
        reply_to_message_id: int | None,
    ) -> dict[str, Any]:
        if chat_type == "private":
            if chat_id <= 0 or user_id not in (None, chat_id):
                raise ValueError("a private chat's id is the (positive) user id")
        elif chat_type in ("group", "supergroup"):
            if chat_id >= 0:
                raise ValueError("group chats have negative ids")
        else:
            raise ValueError(f"unsupported chat_type {chat_type!r}")
        uid = self._default_user(chat_id, chat_type, user_id)
        with self._lock:
            chat = self._chats.get(chat_id)
            if chat is None:
                user = self._user(uid)
                chat = (
                    {
                        "id": chat_id,
                        "type": "private",
                        "first_name": user["first_name"],
                        "username": user["username"],
                    }
                    if chat_type == "private"
                    else {"id": chat_id, "type": chat_type, "title": f"Group {-chat_id}"}
                )
                self._chats[chat_id] = chat
            elif chat["type"] != chat_type:
                raise ValueError(f"chat {chat_id} is a {chat['type']} chat")
            message: dict[str, Any] = {
                "message_id": self._new_message_id(chat_id),
                "from": self._user(uid),
                "chat": chat,
                "date": int(time.time()),
            }
            if reply_to_message_id is not None:
                replied = self._messages.get((chat_id, reply_to_message_id))
                if replied is None:
                    raise ValueError(f"no message {reply_to_message_id} in chat {chat_id}")
                message["reply_to_message"] = {k: v for k, v in replied.items() if k != "reply_to_message"}
            message.update(content)
            self._messages[(chat_id, message["message_id"])] = message
            return self._emit({"message": message})

    def _new_message_id(self, chat_id: int) -> int:
        # User and bot messages share one message_id sequence per chat, as on Telegram.
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def _take_update_id(self) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        return update_id

    def _emit(self, body: dict[str, Any]) -> dict[str, Any]:
        """Assign an update_id; queue for getUpdates or hand to the webhook (lock held)."""
        update = {"update_id": self._take_update_id(), **body}
        if self._webhook is not None:
            if self._allowed(update, self._webhook.get("allowed_updates")):
                self._webhook_queue.put((update, self._webhook["url"], self._webhook.get("secret_token")))
        else:
            self._updates.append(update)
            self._wake_pollers()
        self._cond.notify_all()
        return update

    @staticmethod
    def _allowed(update: dict[str, Any], allowed: frozenset[str] | None) -> bool:
        kind = _update_kind(update)
        return kind not in _NOT_DEFAULT_UPDATES if not allowed else kind in allowed

    # --- webhook delivery ------------------------------------------------------------------

    def _webhook_worker(self) -> None:
        # One worker delivers in order, which keeps tests deterministic.
        while True:
            item = self._webhook_queue.get()
            if item is None:
                return
            update, url, secret = item
            status = self._post(url, secret, update)
            with self._cond:
                self._webhook_responses.append(status)
                self._cond.notify_all()

    @staticmethod
    def _post(url: str, secret: str | None, update: dict[str, Any]) -> int:
        # http.client rather than urllib: urllib would honour proxy variables.
        parts = urlsplit(url)
        conn_class = http.client.HTTPSConnection if parts.scheme == "https" else http.client.HTTPConnection
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn = conn_class(parts.hostname or "127.0.0.1", parts.port, timeout=10)
        try:
            conn.request("POST", path, json.dumps(update).encode(), headers)
            response = conn.getresponse()
            response.read()
            return response.status
        except OSError:
            return 0
        finally:
            conn.close()

    # --- request dispatch ------------------------------------------------------------------

    async def _serve_connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """Serve HTTP/1.1 requests on one keep-alive connection."""
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                arrived = time.monotonic()
                request_line, *header_lines = head.decode("latin-1").split("\r\n")
                _, target, version = request_line.split(" ", 2)
                headers = {}
                for line in header_lines:
                    name, _, value = line.partition(":")
                    headers[name.strip().lower()] = value.strip()
                if headers.get("transfer-encoding", "").lower() == "chunked":
                    body = await _read_chunked(reader)
                else:
                    body = await reader.readexactly(int(headers.get("content-length") or 0))
                answer = await self._answer(target, headers.get("content-type", ""), body, arrived)
                if answer is None:
                    _abort(writer)
                    return
                if writer.is_closing():
                    return  # the client gave up (e.g. the "timeout" fault)
                status, data = answer
                phrase = HTTPStatus(status).phrase.encode()
                writer.write(
                    b"HTTP/1.1 %d %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n"
                    % (status, phrase, len(data))
                    + data
                )
                await writer.drain()
                if headers.get("connection", "").lower() == "close" or version == "HTTP/1.0":
                    writer.close()
                    return
        except (ConnectionError, ValueError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            # A client hanging up or sending garbage ends its connection only.
            writer.transport.abort()
        except asyncio.CancelledError:
            # Only stop() cancels; ending normally keeps asyncio from logging each connection.
            writer.transport.abort()

    async def _answer(
        self, path: str, content_type: str, body: bytes, arrived: float
    ) -> tuple[int, bytes] | None:
        """Answer one request: (status, JSON body), or None to reset the connection."""
        parts = urlsplit(path)
        match = _PATH_RE.fullmatch(parts.path)
        method = match.group(2) if match else ""
        try:
            params = parse_body(content_type, body, parts.query)
        except (ValueError, UnicodeDecodeError):
            return self._record(
                method, {}, ApiError(400, "Bad Request: can't parse request"), arrived, content_type
            )
        if self._down:
            return self._record(method, params, None, arrived, content_type)
        if match is None:
            return self._record(method, params, ApiError(404, "Not Found"), arrived, content_type)
        if match.group(1) != self._token:
            return self._record(method, params, ApiError(401, "Unauthorized"), arrived, content_type)
        known = self._methods.get(method.lower())
        if known is None:
            return self._record(method, params, ApiError(404, "Not Found"), arrived, content_type)
        method, handler = known
        with self._lock:
            pending = self._faults.get(method.lower())
            fault = pending.popleft() if pending else None
            delay = self._delays.get(method.lower(), self._delays.get(None, 0.0))
        if delay:
            await asyncio.sleep(delay)
        if fault is not None and fault.kind == "timeout":
            await asyncio.sleep(fault.seconds)
        elif fault is not None:
            return self._record(method, params, self._fault_error(fault), arrived, content_type)
        outcome = self._run(handler, params)
        if method == "getUpdates" and isinstance(outcome, dict) and not outcome["result"] and self._wakeup:
            outcome = {"ok": True, "result": await self._long_poll(params, self._wakeup)}
        if self._down:
            # A long poll cut by go_down() gets its connection reset.
            return self._record(method, params, None, arrived, content_type)
        return self._record(method, params, outcome, arrived, content_type)

    def _run(
        self, handler: Callable[[dict[str, Any]], Any], params: dict[str, Any]
    ) -> dict[str, Any] | ApiError:
        with self._lock:
            try:
                return {"ok": True, "result": handler(params)}
            except ApiError as error:
                return error
            except Exception as error:  # a bug in the fake must answer, not kill the connection
                return ApiError(500, f"Internal Server Error: fake bug {type(error).__name__}")

    async def _long_poll(self, params: dict[str, Any], wakeup: asyncio.Event) -> list[dict[str, Any]]:
        """Wait up to `timeout` seconds for updates (after getUpdates found none)."""
        deadline = time.monotonic() + max(_float_param(params, "timeout"), 0.0)
        limit = min(max(_int_param(params, "limit", 100), 1), 100)
        while not self._down:
            # Cleared before looking, so an update queued after the look still wakes us.
            wakeup.clear()
            with self._lock:
                batch = self._collect_updates(limit)
            remaining = deadline - time.monotonic()
            if batch or remaining <= 0:
                return batch
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), remaining)
        return []

    @staticmethod
    def _fault_error(fault: _Fault) -> ApiError | None:
        if fault.kind == "429":
            return ApiError(429, f"Too Many Requests: retry after {fault.retry_after}", fault.retry_after)
        if fault.kind == "5xx":
            return ApiError(fault.status, _5XX_TEXT[fault.status])
        if fault.kind == "blocked":
            return ApiError(403, "Forbidden: bot was blocked by the user")
        if fault.kind == "chat_not_found":
            return ApiError(400, "Bad Request: chat not found")
        return None  # "reset"

    def _record(
        self,
        method: str,
        params: dict[str, Any],
        outcome: dict[str, Any] | ApiError | None,
        arrived: float,
        content_type: str = "",
    ) -> tuple[int, bytes] | None:
        if isinstance(outcome, ApiError):
            status, response = outcome.code, outcome.payload()
        elif outcome is None:
            status, response = 0, {}
        else:
            status, response = 200, outcome
        with self._cond:
            # Serialised under the lock: the result may share dicts that later calls replace.
            data = json.dumps(response).encode()
            ctype = content_type.split(";", 1)[0].strip().lower()
            self._calls.append(Call(method, params, status, response, arrived, ctype))
            self._cond.notify_all()
        return None if outcome is None else (status, data)

    # --- Bot API methods (called with the lock held) ---------------------------------------

    def _chat(self, params: dict[str, Any]) -> dict[str, Any]:
        value = params.get("chat_id")
        if value is None or value == "":
            raise ApiError(400, "Bad Request: chat_id is empty")
        try:
            chat_id = int(value)
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None
        chat = self._chats.get(chat_id)
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    def _m_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self._bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def _m_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self._webhook is not None:
            raise ApiError(409, WEBHOOK_CONFLICT)
        offset = _int_param(params, "offset", 0)
        limit = min(max(_int_param(params, "limit", 100), 1), 100)
        _float_param(params, "timeout")  # validated here, used by _long_poll
        allowed = params.get("allowed_updates")
        if isinstance(allowed, list):
            self._allowed_updates = frozenset(allowed) or None
        if offset > 0:
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
            self._confirmed_offset = max(self._confirmed_offset, offset)
        elif offset < 0:
            # Negative: keep only the last -offset updates and forget the rest.
            while len(self._updates) > -offset:
                self._updates.popleft()
            if self._updates:
                first = self._updates[0]["update_id"]
                self._confirmed_offset = max(self._confirmed_offset, first)
        return self._collect_updates(limit)

    def _collect_updates(self, limit: int) -> list[dict[str, Any]]:
        # Telegram never stores kinds the bot did not ask for, so drop them.
        if any(not self._allowed(u, self._allowed_updates) for u in self._updates):
            self._updates = deque(u for u in self._updates if self._allowed(u, self._allowed_updates))
        return list(itertools.islice(self._updates, limit))

    def _m_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        if chat["id"] in self._blocked:
            if chat["type"] == "private":
                raise ApiError(403, "Forbidden: bot was blocked by the user")
            raise ApiError(403, "Forbidden: bot was kicked from the group chat")
        text, entities = prepare_text(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            "Bad Request: message is too long",
        )
        markup = validate_markup(params.get("reply_markup"))
        reply = params.get("reply_parameters")
        reply = reply if isinstance(reply, dict) else {}
        reply_to = reply.get("message_id", params.get("reply_to_message_id"))
        replied = None
        if reply_to is not None:
            replied = self._messages.get((chat["id"], _int_param({"m": reply_to}, "m")))
            allow = reply.get("allow_sending_without_reply", params.get("allow_sending_without_reply"))
            if replied is None and not allow:
                raise ApiError(400, "Bad Request: message to be replied not found")
        message: dict[str, Any] = {
            "message_id": self._new_message_id(chat["id"]),
            "from": self._bot_user,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        if entities:
            message["entities"] = entities
        if replied is not None:
            message["reply_to_message"] = {k: v for k, v in replied.items() if k != "reply_to_message"}
        if markup is not None:
            message["reply_markup"] = markup
        self._messages[(chat["id"], message["message_id"])] = message
        self._sent.append(message)
        return message

    def _editable(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        key = (chat["id"], _int_param(params, "message_id"))
        message = self._messages.get(key)
        if message is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        if message["from"]["id"] != self.bot_id:
            raise ApiError(400, "Bad Request: message can't be edited")
        return message

    def _replace(self, old: dict[str, Any], **changes: Any) -> dict[str, Any]:
        # Messages are replaced, never mutated, so snapshots handed out stay valid.
        new = {k: v for k, v in {**old, **changes}.items() if v is not None}
        new["edit_date"] = int(time.time())
        self._messages[(old["chat"]["id"], old["message_id"])] = new
        return new

    def _m_editMessageText(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        text, entities = prepare_text(
            params.get("text"),
            params.get("parse_mode"),
            params.get("entities"),
            "Bad Request: MESSAGE_TOO_LONG",
        )
        markup = validate_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            self._inline_edits.append(dict(params))
            return True
        old = self._editable(params)
        if "text" not in old:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        # Editing text without reply_markup removes the inline keyboard, as on Telegram.
        if (old["text"], old.get("entities", []), old.get("reply_markup")) == (text, entities, markup):
            raise ApiError(400, NOT_MODIFIED)
        return self._replace(old, text=text, entities=entities or None, reply_markup=markup)

    def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        markup = validate_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            self._inline_edits.append(dict(params))
            return True
        old = self._editable(params)
        if old.get("reply_markup") == markup:
            raise ApiError(400, NOT_MODIFIED)
        return self._replace(old, reply_markup=markup)

    def _m_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self._open_callback_queries:
            raise ApiError(400, QUERY_TOO_OLD)
        text = params.get("text")
        if isinstance(text, str) and len(text) > 200:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        self._open_callback_queries.discard(query_id)
        self._callback_answers.append(dict(params))
        return True

    def _m_answerInlineQuery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("inline_query_id", ""))
        if query_id not in self._open_inline_queries:
            raise ApiError(400, QUERY_TOO_OLD)
        results = params.get("results")
        if not isinstance(results, list) or not all(isinstance(r, dict) for r in results):
            raise ApiError(400, "Bad Request: can't parse inline query results JSON object")
        if len(results) > 50:
            raise ApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            result_id = result.get("id")
            if not isinstance(result_id, str) or not 1 <= len(result_id.encode()) <= 64:
                raise ApiError(400, "Bad Request: RESULT_ID_INVALID")
            if result_id in seen:
                raise ApiError(400, "Bad Request: RESULT_ID_DUPLICATE")
            seen.add(result_id)
            content = result.get("input_message_content")
            if isinstance(content, dict) and "message_text" in content:
                prepare_text(
                    content["message_text"],
                    content.get("parse_mode"),
                    content.get("entities"),
                    "Bad Request: message is too long",
                )
            validate_markup(result.get("reply_markup"))
        self._open_inline_queries.discard(query_id)
        self._inline_answers.append(dict(params))
        return True

    @staticmethod
    def _scope_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    def _m_setMyCommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            if not isinstance(command, dict):
                raise ApiError(400, "Bad Request: can't parse commands JSON object")
            name = command.get("command")
            if not isinstance(name, str) or not _COMMAND_NAME_RE.fullmatch(name):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            description = command.get("description")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands[self._scope_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _m_getMyCommands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self._commands.get(self._scope_key(params), [])

    def _m_deleteMyCommands(self, params: dict[str, Any]) -> bool:
        self._commands.pop(self._scope_key(params), None)
        return True

    def _set_description(self, params: dict[str, Any], kind: str, limit: int) -> bool:
        text = params.get(kind) or ""
        if not isinstance(text, str) or len(text) > limit:
            raise ApiError(400, f"Bad Request: {kind} is too long")
        self._descriptions[(kind, str(params.get("language_code") or ""))] = text
        return True

    def _m_setMyDescription(self, params: dict[str, Any]) -> bool:
        return self._set_description(params, "description", 512)

    def _m_setMyShortDescription(self, params: dict[str, Any]) -> bool:
        return self._set_description(params, "short_description", 120)

    def _m_getMyDescription(self, params: dict[str, Any]) -> dict[str, str]:
        language = str(params.get("language_code") or "")
        return {"description": self._descriptions.get(("description", language), "")}

    def _m_getMyShortDescription(self, params: dict[str, Any]) -> dict[str, str]:
        language = str(params.get("language_code") or "")
        key = ("short_description", language)
        return {"short_description": self._descriptions.get(key, "")}

    def _m_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self._webhook = None
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        return True

    def _m_setWebhook(self, params: dict[str, Any]) -> bool:
        url = params.get("url") or ""
        if not url:
            return self._m_deleteWebhook(params)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ApiError(400, "Bad Request: bad webhook: HTTPS url must be provided for webhook")
        # Tests must never reach the internet, so only loopback webhooks are accepted.
        if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ApiError(
                400, "Bad Request: bad webhook: the fake Bot API only delivers to 127.0.0.1/localhost"
            )
        secret = params.get("secret_token")
        if secret is not None and not (isinstance(secret, str) and _SECRET_RE.fullmatch(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        allowed = params.get("allowed_updates")
        self._webhook = {
            "url": url,
            "secret_token": secret,
            "allowed_updates": frozenset(allowed) if isinstance(allowed, list) and allowed else None,
            "max_connections": _int_param(params, "max_connections", 40),
        }
        if params.get("drop_pending_updates") is True:
            self._updates.clear()
        # Updates queued for polling are delivered to the new webhook, as Telegram does.
        pending, self._updates = self._updates, deque()
        for update in pending:
            if self._allowed(update, self._webhook["allowed_updates"]):
                self._webhook_queue.put((update, url, secret))
        return True

    def _m_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        hook = self._webhook
        if hook is None:
            return {"url": "", "has_custom_certificate": False, "pending_update_count": len(self._updates)}
        info: dict[str, Any] = {
            "url": hook["url"],
            "has_custom_certificate": False,
            "pending_update_count": self._webhook_queue.qsize(),
            "max_connections": hook["max_connections"],
        }
        if hook["allowed_updates"]:
            info["allowed_updates"] = sorted(hook["allowed_updates"])
        return info

    def _m_sendChatAction(self, params: dict[str, Any]) -> bool:
        self._chat(params)
        if params.get("action") not in _CHAT_ACTIONS:
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    def _m_getChatMember(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        user = self._user(_int_param(params, "user_id"))
        if chat["type"] == "private" or user["id"] not in self.admins.get(chat["id"], set()):
            return {"status": "member", "user": user}
        rights = (
            "can_manage_chat can_delete_messages can_manage_video_chats can_restrict_members "
            "can_promote_members can_change_info can_invite_users can_post_stories can_edit_stories "
            "can_delete_stories"
        ).split()
        admin = {"status": "administrator", "user": user, "can_be_edited": False, "is_anonymous": False}
        return admin | dict.fromkeys(rights, True)

    def _m_deleteMessage(self, params: dict[str, Any]) -> bool:
        chat = self._chat(params)
        key = (chat["id"], _int_param(params, "message_id"))
        if self._messages.pop(key, None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    def _m_close(self, params: dict[str, Any]) -> bool:
        return True

    def _m_logOut(self, params: dict[str, Any]) -> bool:
        return True
