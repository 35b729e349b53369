"""Tests of the fake Telegram Bot API: strictness rules, polling, webhooks, faults, and PTB itself."""

from __future__ import annotations

import contextlib
import http.server
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

# tests/ has no __init__.py, so pytest puts it on sys.path (plain `pytest` and `python -m pytest`).
from fake_bot_api import NOT_MODIFIED, QUERY_TOO_OLD, TOKEN, WEBHOOK_CONFLICT, FakeBotAPI
from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

pytestmark = pytest.mark.timeout(30)

KEYBOARD = {"inline_keyboard": [[{"text": "Next", "callback_data": "next"}]]}


@pytest.fixture
def api() -> Iterator[FakeBotAPI]:
    with FakeBotAPI() as server:
        yield server


@pytest.fixture
def client(api: FakeBotAPI) -> Iterator[httpx.Client]:
    # trust_env=False: proxy variables must never route test traffic elsewhere.
    with httpx.Client(base_url=f"{api.base_url}{TOKEN}/", timeout=5, trust_env=False) as http_client:
        yield http_client


def call(client: httpx.Client, method: str, **params: Any) -> httpx.Response:
    """POST form-encoded parameters the way PTB does (non-strings JSON-encoded)."""
    data = {k: v if isinstance(v, str) else json.dumps(v) for k, v in params.items()}
    return client.post(method, data=data)


def ok(client: httpx.Client, method: str, **params: Any) -> Any:
    response = call(client, method, **params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True
    return body["result"]


def refused(client: httpx.Client, method: str, status: int, description: str, **params: Any) -> None:
    response = call(client, method, **params)
    assert response.status_code == status, response.text
    assert response.json() == {"ok": False, "error_code": status, "description": description}


def bot_sends(client: httpx.Client, text: str = "hi", chat_id: int = 1001, **params: Any) -> dict:
    return ok(client, "sendMessage", chat_id=chat_id, text=text, **params)


def test_get_me_wrong_token_and_unknown_method(api: FakeBotAPI, client: httpx.Client) -> None:
    assert ok(client, "getMe") == {
        "id": 123456,
        "is_bot": True,
        "first_name": "Film Bot",
        "username": "film_test_bot",
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": True,
    }
    wrong = httpx.post(f"{api.base_url}654321:wrong/getMe", trust_env=False)
    assert (wrong.status_code, wrong.json()["description"]) == (401, "Unauthorized")
    refused(client, "sendFilm", 404, "Not Found")
    assert [(c.method, c.status) for c in api.calls] == [("getMe", 200), ("getMe", 401), ("sendFilm", 404)]
    assert all(TOKEN not in repr(c) for c in api.calls)


def test_send_message_needs_a_chat_the_user_wrote_in(api: FakeBotAPI, client: httpx.Client) -> None:
    refused(client, "sendMessage", 400, "Bad Request: chat not found", chat_id=1001, text="hi")
    api.send_message("hello")
    sent = bot_sends(client, "hi", reply_markup=KEYBOARD)
    assert sent["message_id"] == 2  # shares the chat's sequence with the user's message 1
    assert sent["chat"]["type"] == "private"
    assert sent["from"]["id"] == api.bot_id
    assert sent["reply_markup"] == KEYBOARD
    assert api.sent_messages(1001) == [sent]
    assert api.sent_messages(7) == []
    assert [c.status for c in api.calls_of("sendMessage")] == [400, 200]


@pytest.mark.parametrize(
    ("text", "parse_mode"), [("", None), ("  \n\t ", None), ("<b> </b>", "HTML"), ("<i></i>", "HTML")]
)
def test_empty_text_is_refused(
    api: FakeBotAPI, client: httpx.Client, text: str, parse_mode: str | None
) -> None:
    api.send_message("hello")
    extra = {"parse_mode": parse_mode} if parse_mode else {}
    refused(
        client, "sendMessage", 400, "Bad Request: message text is empty", chat_id=1001, text=text, **extra
    )
    assert api.sent_messages() == []


def test_text_length_counts_visible_utf16_units(api: FakeBotAPI, client: httpx.Client) -> None:
    api.send_message("hello")
    too_long = "Bad Request: message is too long"
    bot_sends(client, "a" * 4096)
    refused(client, "sendMessage", 400, too_long, chat_id=1001, text="a" * 4097)
    bot_sends(client, "<b>" + "&amp;" * 4096 + "</b>", parse_mode="HTML")  # tags and entities are free
    bot_sends(client, "\N{GRINNING FACE}" * 2048)  # 2 UTF-16 units each
    refused(client, "sendMessage", 400, too_long, chat_id=1001, text="\N{GRINNING FACE}" * 2048 + "a")
    message_id = bot_sends(client, "short")["message_id"]
    refused(
        client,
        "editMessageText",
        400,
        "Bad Request: MESSAGE_TOO_LONG",
        chat_id=1001,
        message_id=message_id,
        text="b" * 4097,
    )
    assert len(api.sent_messages()) == 4


def test_html_is_parsed_into_entities(api: FakeBotAPI, client: httpx.Client) -> None:
    api.send_message("hello")
    html = (
        '<b>bold</b> \N{GRINNING FACE} <a href="https://x.y/?a=1&amp;b=2">link</a> &lt;3&#33;&#x21; '
        '<pre><code class="language-python">x</code></pre> <span class="tg-spoiler">s</span> '
        "<blockquote expandable>q</blockquote>"
    )
    sent = bot_sends(client, html, parse_mode="HTML")
    assert sent["text"] == "bold \N{GRINNING FACE} link <3!! x s q"
    assert sent["entities"] == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "text_link", "offset": 8, "length": 4, "url": "https://x.y/?a=1&b=2"},
        {"type": "pre", "offset": 18, "length": 1, "language": "python"},
        {"type": "spoiler", "offset": 20, "length": 1},
        {"type": "expandable_blockquote", "offset": 22, "length": 1},
    ]
    literal = bot_sends(client, "<foo> & <b>")  # no parse_mode: taken literally
    assert literal["text"] == "<foo> & <b>"
    assert "entities" not in literal


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo" at byte offset 0'),
        ("\N{LATIN SMALL LETTER E WITH ACUTE}<br>", 'Unsupported start tag "br" at byte offset 2'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<b", "Unclosed start tag at byte offset 0"),
        ("1 <2", "Unclosed start tag at byte offset 2"),
        ("a < b", 'Unsupported start tag "" at byte offset 2'),
        ("Tom & Jerry", "Character entity expected at byte offset 4"),
        ("&nbsp;", 'Unsupported entity "&nbsp;" at byte offset 0'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<a>x</a>", 'Tag "a" must have attribute "href" at byte offset 0'),
    ],
)
def test_bad_html_is_refused(api: FakeBotAPI, client: httpx.Client, html: str, error: str) -> None:
    api.send_message("hello")
    refused(
        client,
        "sendMessage",
        400,
        f"Bad Request: can't parse entities: {error}",
        chat_id=1001,
        text=html,
        parse_mode="HTML",
    )
    assert api.sent_messages() == []


@pytest.mark.parametrize(
    ("button", "error"),
    [
        ({"text": "x", "callback_data": "\N{LATIN SMALL LETTER E WITH ACUTE}" * 33}, "BUTTON_DATA_INVALID"),
        ({"text": "x", "callback_data": ""}, "BUTTON_DATA_INVALID"),
        ({"text": "x", "url": "ftp://example.org"}, "BUTTON_URL_INVALID"),
        ({"text": "x", "url": "example.org"}, "BUTTON_URL_INVALID"),
        ({"text": "", "callback_data": "x"}, "text buttons are unallowed in the inline keyboard"),
        ({"text": "x"}, "text buttons are unallowed in the inline keyboard"),
    ],
)
def test_bad_inline_buttons_are_refused(
    api: FakeBotAPI, client: httpx.Client, button: dict, error: str
) -> None:
    api.send_message("hello")
    markup = {"inline_keyboard": [[button]]}
    refused(client, "sendMessage", 400, f"Bad Request: {error}", chat_id=1001, text="x", reply_markup=markup)
    assert api.sent_messages() == []


def test_valid_buttons_at_the_limits_are_accepted(api: FakeBotAPI, client: httpx.Client) -> None:
    api.send_message("hello")
    row = [
        {"text": "a", "callback_data": "\N{LATIN SMALL LETTER E WITH ACUTE}" * 32},  # 64 bytes
        {"text": "b", "url": "https://example.org"},
        {"text": "c", "url": "tg://user?id=1"},
        {"text": "d", "switch_inline_query_current_chat": ""},
    ]
    assert bot_sends(client, reply_markup={"inline_keyboard": [row]})["reply_markup"]["inline_keyboard"] == [
        row
    ]


def test_edit_message_text_rules(api: FakeBotAPI, client: httpx.Client) -> None:
    user_message_id = api.send_message("hello")["message"]["message_id"]
    sent = bot_sends(client, "<b>x</b>", parse_mode="HTML", reply_markup=KEYBOARD)
    target = {"chat_id": 1001, "message_id": sent["message_id"]}
    refused(
        client,
        "editMessageText",
        400,
        "Bad Request: message to edit not found",
        chat_id=1001,
        message_id=99,
        text="y",
    )
    refused(
        client,
        "editMessageText",
        400,
        "Bad Request: message can't be edited",
        chat_id=1001,
        message_id=user_message_id,
        text="y",
    )
    # Same parsed text and same markup: not modified, even though the HTML is spelled differently.
    refused(
        client,
        "editMessageText",
        400,
        NOT_MODIFIED,
        text="<B>x</B>",
        parse_mode="HTML",
        reply_markup=KEYBOARD,
        **target,
    )
    refused(client, "editMessageText", 400, "Bad Request: message text is empty", text=" ", **target)
    # Same text without entities is a change; omitting reply_markup removes the keyboard.
    edited = ok(client, "editMessageText", text="x", **target)
    assert "entities" not in edited and "reply_markup" not in edited
    assert api.bot_message(1001, sent["message_id"]) == edited
    assert api.sent_messages()[0]["text"] == "x" and api.sent_messages()[0]["entities"]  # as sent
    assert ok(client, "editMessageText", inline_message_id="AAE1", text="from inline") is True
    assert api.inline_edits[0]["text"] == "from inline"


def test_edit_message_reply_markup_rules(api: FakeBotAPI, client: httpx.Client) -> None:
    api.send_message("hello")
    target = {"chat_id": 1001, "message_id": bot_sends(client, "x", reply_markup=KEYBOARD)["message_id"]}
    refused(client, "editMessageReplyMarkup", 400, NOT_MODIFIED, reply_markup=KEYBOARD, **target)
    other = {"inline_keyboard": [[{"text": "Back", "callback_data": "back"}]]}
    assert ok(client, "editMessageReplyMarkup", reply_markup=other, **target)["reply_markup"] == other
    assert "reply_markup" not in ok(client, "editMessageReplyMarkup", **target)
    refused(client, "editMessageReplyMarkup", 400, NOT_MODIFIED, **target)
    refused(
        client,
        "editMessageReplyMarkup",
        400,
        "Bad Request: message to edit not found",
        chat_id=1001,
        message_id=50,
        reply_markup=other,
    )


def test_answer_callback_query_rules(api: FakeBotAPI, client: httpx.Client) -> None:
    api.send_message("hello")
    sent = bot_sends(client, "pick", reply_markup=KEYBOARD)
    with pytest.raises(ValueError, match="no button"):
        api.press_button(sent["message_id"], "prev")
    with pytest.raises(ValueError, match="no bot message"):
        api.press_button(1, "next")
    query = api.press_button(sent["message_id"], "next")["callback_query"]
    assert query["message"]["text"] == "pick" and query["data"] == "next"
    refused(
        client,
        "answerCallbackQuery",
        400,
        "Bad Request: MESSAGE_TOO_LONG",
        callback_query_id=query["id"],
        text="x" * 201,
    )
    assert ok(client, "answerCallbackQuery", callback_query_id=query["id"], text="x" * 200) is True
    refused(client, "answerCallbackQuery", 400, QUERY_TOO_OLD, callback_query_id=query["id"])
    refused(client, "answerCallbackQuery", 400, QUERY_TOO_OLD, callback_query_id="123")
    assert len(api.callback_answers) == 1


def article(result_id: str, text: str = "film", **content: Any) -> dict:
    return {
        "type": "article",
        "id": result_id,
        "title": "t",
        "input_message_content": {"message_text": text, **content},
    }


@pytest.mark.parametrize(
    ("results", "error"),
    [
        ([article(str(i)) for i in range(51)], "RESULTS_TOO_MUCH"),
        ([article("1"), article("1")], "RESULT_ID_DUPLICATE"),
        ([article("")], "RESULT_ID_INVALID"),
        ([article("\N{LATIN SMALL LETTER E WITH ACUTE}" * 33)], "RESULT_ID_INVALID"),
        ([article("1", " ")], "message text is empty"),
        ([article("1", "x" * 4097)], "message is too long"),
        (
            [article("1", "<br>", parse_mode="HTML")],
            'can\'t parse entities: Unsupported start tag "br" at byte offset 0',
        ),
    ],
)
def test_bad_inline_answers_are_refused(
    api: FakeBotAPI, client: httpx.Client, results: list, error: str
) -> None:
    query_id = api.inline_query("matrix")["inline_query"]["id"]
    refused(
        client, "answerInlineQuery", 400, f"Bad Request: {error}", inline_query_id=query_id, results=results
    )
    assert api.inline_answers == []


def test_inline_query_can_be_answered_once(api: FakeBotAPI, client: httpx.Client) -> None:
    query_id = api.inline_query("matrix", offset="10")["inline_query"]["id"]
    results = [article(str(i), "<b>film</b>", parse_mode="HTML") for i in range(50)]
    assert ok(client, "answerInlineQuery", inline_query_id=query_id, results=results, cache_time=0)
    refused(client, "answerInlineQuery", 400, QUERY_TOO_OLD, inline_query_id=query_id, results=[])
    refused(client, "answerInlineQuery", 400, QUERY_TOO_OLD, inline_query_id="42", results=[])
    assert api.inline_answers[0]["results"] == results


def test_get_updates_long_polls_until_an_update_arrives(api: FakeBotAPI, client: httpx.Client) -> None:
    timer = threading.Timer(0.3, api.send_message, args=("late",))
    timer.start()
    started = time.monotonic()
    updates = ok(client, "getUpdates", timeout=5)
    assert 0.2 < time.monotonic() - started < 3
    assert [u["message"]["text"] for u in updates] == ["late"]
    started = time.monotonic()
    assert ok(client, "getUpdates", offset=updates[0]["update_id"] + 1, timeout=0.3) == []
    assert time.monotonic() - started >= 0.25


def test_get_updates_offsets_limit_and_negative_offset(api: FakeBotAPI, client: httpx.Client) -> None:
    ids = [api.send_message(f"m{i}")["update_id"] for i in range(5)]
    assert [u["update_id"] for u in ok(client, "getUpdates", limit=2)] == ids[:2]
    assert [u["update_id"] for u in ok(client, "getUpdates")] == ids  # nothing confirmed yet
    assert [u["update_id"] for u in ok(client, "getUpdates", offset=ids[2])] == ids[2:]
    assert (api.confirmed_offset, api.pending_updates) == (ids[2], 3)
    assert [u["update_id"] for u in ok(client, "getUpdates", offset=-1)] == ids[4:]
    assert api.pending_updates == 1
    assert ok(client, "getUpdates", offset=ids[4] + 1) == []
    assert (api.confirmed_offset, api.pending_updates) == (ids[4] + 1, 0)


def test_get_updates_honours_allowed_updates(api: FakeBotAPI, client: httpx.Client) -> None:
    api.add_update({"poll": {"id": "1", "question": "?", "options": [], "total_voter_count": 0}})
    api.add_update({"message_reaction": {"chat": {"id": 1, "type": "private"}}})
    message_update = api.send_message("hi")
    assert [next(k for k in u if k != "update_id") for u in ok(client, "getUpdates")] == ["poll", "message"]
    assert ok(client, "getUpdates", allowed_updates=["message"]) == [message_update]
    assert api.pending_updates == 1  # the poll was dropped, as Telegram never stores it


class _Receiver(http.server.ThreadingHTTPServer):
    """A stand-in for the bot's webhook endpoint: checks the secret, records what it got."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.received: list[tuple[str | None, dict]] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                given = self.headers.get("X-Telegram-Bot-Api-Secret-Token")
                receiver.received.append((given, body))
                self.send_response(200 if given == receiver.secret else 403)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet."""

        super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


@pytest.fixture
def receiver() -> Iterator[_Receiver]:
    server = _Receiver("s3cret_token-1")
    yield server
    server.shutdown()
    server.server_close()


def test_webhook_delivery_secret_and_conflict(
    api: FakeBotAPI, client: httpx.Client, receiver: _Receiver
) -> None:
    queued = api.send_message("before the webhook")
    refused(
        client,
        "setWebhook",
        400,
        "Bad Request: bad webhook: the fake Bot API only delivers to 127.0.0.1/localhost",
        url="https://example.org/hook",
    )
    assert ok(client, "setWebhook", url=receiver.url, secret_token=receiver.secret) is True
    assert api.webhook is not None and api.webhook["secret_token"] == receiver.secret
    refused(client, "getUpdates", 409, WEBHOOK_CONFLICT)
    live = api.send_message("after")
    assert api.wait_for(lambda a: len(a.webhook_responses) == 2)
    assert api.webhook_responses == [200, 200]
    assert receiver.received == [(receiver.secret, queued), (receiver.secret, live)]
    assert api.post_to_webhook({"message": live["message"]}, secret="wrong") == 403
    assert api.post_to_webhook({"message": live["message"]}, secret=None) == 403
    assert api.post_to_webhook(live) == 200
    assert ok(client, "getWebhookInfo")["url"] == receiver.url
    assert ok(client, "deleteWebhook") is True
    assert api.webhook is None
    assert ok(client, "getUpdates") == []


def test_delete_webhook_drop_pending_updates(api: FakeBotAPI, client: httpx.Client) -> None:
    api.send_message("a")
    assert ok(client, "deleteWebhook", drop_pending_updates=False) is True
    assert api.pending_updates == 1
    assert ok(client, "deleteWebhook", drop_pending_updates=True) is True
    assert api.pending_updates == 0
    assert ok(client, "getUpdates") == []


@pytest.mark.parametrize(
    ("fault", "options", "status", "body"),
    [
        (
            "429",
            {"retry_after": 3},
            429,
            {"description": "Too Many Requests: retry after 3", "parameters": {"retry_after": 3}},
        ),
        ("5xx", {"status": 502}, 502, {"description": "Bad Gateway"}),
        ("5xx", {"status": 500}, 500, {"description": "Internal Server Error"}),
        ("blocked", {}, 403, {"description": "Forbidden: bot was blocked by the user"}),
        ("chat_not_found", {}, 400, {"description": "Bad Request: chat not found"}),
    ],
)
def test_error_faults_refuse_without_sending(
    api: FakeBotAPI, client: httpx.Client, fault: str, options: dict, status: int, body: dict
) -> None:
    api.send_message("hello")
    api.inject("sendMessage", fault, times=2, **options)
    for _ in range(2):
        response = call(client, "sendMessage", chat_id=1001, text="x")
        assert response.status_code == status
        assert response.json() == {"ok": False, "error_code": status, **body}
    assert api.sent_messages() == []
    assert ok(client, "getMe")  # faults are per method
    bot_sends(client, "x")  # and only `times` calls long
    assert [c.status for c in api.calls_of("sendMessage")] == [status, status, 200]


def test_reset_fault_closes_without_answer(api: FakeBotAPI, client: httpx.Client) -> None:
    api.send_message("hello")
    api.inject("sendMessage", "reset")
    with pytest.raises(httpx.TransportError):
        call(client, "sendMessage", chat_id=1001, text="x")
    assert api.sent_messages() == []
    assert api.calls_of("sendMessage")[0].status == 0
    bot_sends(client, "x")


def test_timeout_fault_sends_but_answers_too_late(api: FakeBotAPI) -> None:
    api.send_message("hello")
    api.inject("sendMessage", "timeout", seconds=0.6)
    with (
        httpx.Client(base_url=f"{api.base_url}{TOKEN}/", timeout=0.2, trust_env=False) as impatient,
        pytest.raises(httpx.ReadTimeout),
    ):
        call(impatient, "sendMessage", chat_id=1001, text="lost reply")
    assert api.wait_for(lambda a: len(a.sent_messages()) == 1, timeout=3)
    assert api.sent_messages()[0]["text"] == "lost reply"


def test_set_delay(api: FakeBotAPI, client: httpx.Client) -> None:
    api.set_delay("getMe", 0.3)
    started = time.monotonic()
    ok(client, "getMe")
    assert time.monotonic() - started >= 0.3
    started = time.monotonic()
    ok(client, "getWebhookInfo")
    assert time.monotonic() - started < 0.25
    api.set_delay("getMe", 0)
    api.set_delay(None, 0.2)
    started = time.monotonic()
    ok(client, "getWebhookInfo")
    assert time.monotonic() - started >= 0.2


def test_go_down_and_come_up_keep_port_and_updates(api: FakeBotAPI, client: httpx.Client) -> None:
    base_url = api.base_url
    results: list[Any] = []

    def long_poll() -> None:
        try:
            results.append(call(client, "getUpdates", timeout=10))
        except httpx.TransportError as error:
            results.append(error)

    poller = threading.Thread(target=long_poll)
    poller.start()
    time.sleep(0.2)  # let the long poll start waiting
    assert poller.is_alive()
    api.go_down()
    poller.join(timeout=3)
    assert len(results) == 1 and isinstance(results[0], httpx.TransportError)
    with pytest.raises(httpx.TransportError):
        call(client, "getMe")
    update = api.send_message("queued while down")
    api.come_up()
    assert api.base_url == base_url
    assert ok(client, "getUpdates") == [update]


def test_stop_is_quick_with_an_open_long_poll() -> None:
    api = FakeBotAPI().start()
    done = threading.Event()

    def long_poll() -> None:
        # A closed connection is an acceptable end of a long poll cut by stop().
        with (
            httpx.Client(base_url=f"{api.base_url}{TOKEN}/", timeout=60, trust_env=False) as c,
            contextlib.suppress(httpx.TransportError),
        ):
            call(c, "getUpdates", timeout=50)
        done.set()

    threading.Thread(target=long_poll, daemon=True).start()
    time.sleep(0.2)
    started = time.monotonic()
    api.stop()
    assert time.monotonic() - started < 1
    assert done.wait(2)


def test_request_encodings(api: FakeBotAPI, client: httpx.Client) -> None:
    api.send_message("hello")
    assert bot_sends(client, "123")["text"] == "123"  # a numeric-looking string stays text
    by_json = client.post("sendMessage", json={"chat_id": 1001, "text": "42", "reply_markup": KEYBOARD})
    assert by_json.json()["result"]["reply_markup"] == KEYBOARD
    multipart = client.post(
        "sendMessage",
        data={"chat_id": "1001", "text": "7", "reply_markup": json.dumps(KEYBOARD)},
        files={"unused": ("a.txt", b"abc")},
    )
    assert multipart.json()["result"]["text"] == "7"
    assert api.calls[-1].params["reply_markup"] == KEYBOARD


def test_user_side_updates(api: FakeBotAPI) -> None:
    command = api.send_message("/film@film_test_bot Matrix")["message"]
    assert command["entities"] == [{"type": "bot_command", "offset": 0, "length": 19}]
    mention = api.send_message(
        "\N{GRINNING FACE} @film_test_bot hi", chat_id=-100, chat_type="group", user_id=5
    )
    assert mention["message"]["entities"] == [{"type": "mention", "offset": 3, "length": 14}]
    assert mention["message"]["chat"]["type"] == "group" and mention["message"]["from"]["id"] == 5
    with pytest.raises(ValueError):
        api.send_message("x", chat_id=100, chat_type="group")
    edited = api.edit_message(command["message_id"], "/film Alien")["edited_message"]
    assert edited["text"] == "/film Alien" and edited["entities"][0]["length"] == 5
    assert "sticker" in api.send_sticker()["message"]
    assert "photo" in api.send_photo()["message"]
    assert "voice" in api.send_voice()["message"]
    assert api.pending_updates == 6


def test_commands_chat_action_and_delete(api: FakeBotAPI, client: httpx.Client) -> None:
    commands = [{"command": "film", "description": "Find a film"}]
    assert ok(client, "setMyCommands", commands=commands) is True
    assert ok(client, "getMyCommands") == commands
    refused(
        client,
        "setMyCommands",
        400,
        "Bad Request: BOT_COMMAND_INVALID",
        commands=[{"command": "Film!", "description": "x"}],
    )
    assert ok(client, "setMyDescription", description="Films") is True
    assert ok(client, "setMyShortDescription", short_description="Films") is True
    refused(client, "sendChatAction", 400, "Bad Request: chat not found", chat_id=1001, action="typing")
    api.send_message("hello")
    assert ok(client, "sendChatAction", chat_id=1001, action="typing") is True
    refused(
        client,
        "sendChatAction",
        400,
        "Bad Request: wrong parameter action in request",
        chat_id=1001,
        action="dancing",
    )
    message_id = bot_sends(client)["message_id"]
    assert ok(client, "deleteMessage", chat_id=1001, message_id=message_id) is True
    refused(
        client,
        "deleteMessage",
        400,
        "Bad Request: message to delete not found",
        chat_id=1001,
        message_id=message_id,
    )
    with pytest.raises(KeyError):
        api.bot_message(1001, message_id)


def test_concurrent_senders_get_unique_message_ids(api: FakeBotAPI) -> None:
    for user in range(1, 21):
        api.send_message("hi", chat_id=user)

    def sender(user: int) -> None:
        with httpx.Client(base_url=f"{api.base_url}{TOKEN}/", timeout=5, trust_env=False) as c:
            for _ in range(20):
                bot_sends(c, "reply", chat_id=user)

    threads = [threading.Thread(target=sender, args=(user,)) for user in range(1, 21)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(api.sent_messages()) == 400
    for user in range(1, 21):
        assert [m["message_id"] for m in api.sent_messages(user)] == list(range(2, 22))


@pytest.mark.asyncio
async def test_real_ptb_application_echoes(api: FakeBotAPI) -> None:
    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.message is not None and update.message.text is not None
        await update.message.reply_text(update.message.text)

    app = ApplicationBuilder().token(TOKEN).base_url(api.base_url).build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        api.send_message("hello <b>world</b> & co", chat_id=42)
        assert await api.await_for(lambda a: len(a.sent_messages(42)) == 1)
        assert api.sent_messages(42)[0]["text"] == "hello <b>world</b> & co"
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
    assert api.pending_updates == 0  # the bot confirmed the update on its way out
    assert all(c.status == 200 for c in api.calls)
