"""What goes over the wire: JSON request bodies, their errors, and keyboards serialised once."""

from __future__ import annotations

import asyncio

import pytest
from conftest import free_port
from fake_bot_api import TOKEN, FakeBotAPI
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import NetworkError, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.render import film_keyboard
from bot.telegram_bot import SerialisedKeyboard, keyboard
from bot.transport import JsonRequest

CHAT = 1001


def request_data(**params: object) -> RequestData:
    return RequestData([RequestParameter.from_input(name, value) for name, value in params.items()])


async def test_every_call_the_bot_makes_is_a_json_body_telegram_accepts(bot: FakeBotAPI):
    bot.send_message("/film mirror", chat_id=CHAT)
    assert await bot.await_for(lambda a: len(a.sent_messages(CHAT)) == 1)
    card = bot.sent_messages(CHAT)[0]
    bot.press_button(card["message_id"], "cast:mirror:en", chat_id=CHAT)
    bot.inline_query("stalker")
    assert await bot.await_for(lambda a: a.callback_answers and a.inline_answers)
    calls = bot.calls
    methods = {c.method for c in calls}
    assert {"getUpdates", "sendMessage", "answerCallbackQuery", "answerInlineQuery"} <= methods
    assert {c.content_type for c in calls if c.params} == {"application/json"}
    assert all(c.status == 200 for c in calls if c.method != "getUpdates"), [
        (c.method, c.response) for c in calls if c.status != 200
    ]
    # the keyboard arrives as a JSON object, not as a string inside the body
    sent = bot.calls_of("sendMessage")[0].params
    assert sent["reply_markup"]["inline_keyboard"][0][0]["text"] == "Another fact"


async def test_non_ascii_text_arrives_unchanged(bot: FakeBotAPI):
    bot.send_message("Зеркало", chat_id=CHAT)
    assert await bot.await_for(lambda a: len(a.sent_messages(CHAT)) == 1)
    assert bot.sent_messages(CHAT)[0]["text"].startswith(
        "Зеркало (Mirror), 1975\nРежиссёр: Андрей Тарковский"
    )


async def test_file_uploads_still_go_as_multipart(api: FakeBotAPI):
    request = JsonRequest()
    await request.initialize()
    try:
        data = request_data(chat_id=CHAT, document=InputFile(b"hello", filename="a.txt"))
        await request.do_request(f"{api.base_url}{TOKEN}/sendDocument", "POST", data)
    finally:
        await request.shutdown()
    call = api.calls[-1]
    assert call.content_type == "multipart/form-data"
    assert call.params["document"] == {"file_name": "a.txt", "size": 5}


async def test_a_call_without_parameters_has_no_body(api: FakeBotAPI):
    request = JsonRequest()
    await request.initialize()
    try:
        code, _ = await request.do_request(f"{api.base_url}{TOKEN}/getMe", "POST", None)
    finally:
        await request.shutdown()
    assert code == 200 and api.calls[-1].content_type == ""


async def test_a_slow_answer_is_a_timeout(api: FakeBotAPI):
    api.send_message("hello", chat_id=CHAT)  # the chat exists once its user has written
    api.set_delay("sendMessage", 1.0)
    request = JsonRequest(read_timeout=0.2)
    await request.initialize()
    try:
        with pytest.raises(TimedOut):
            await request.do_request(
                f"{api.base_url}{TOKEN}/sendMessage", "POST", request_data(chat_id=CHAT, text="x")
            )
        # a timeout passed with the call wins over the one the object was made with
        code, _ = await request.do_request(
            f"{api.base_url}{TOKEN}/sendMessage",
            "POST",
            request_data(chat_id=CHAT, text="x"),
            read_timeout=3.0,
        )
        assert code == 200
    finally:
        await request.shutdown()


async def test_a_full_connection_pool_is_a_timeout_that_says_so(api: FakeBotAPI):
    api.send_message("hello", chat_id=CHAT)
    api.set_delay("sendMessage", 1.0)
    request = JsonRequest(connection_pool_size=1, pool_timeout=0.1)
    await request.initialize()
    url, data = f"{api.base_url}{TOKEN}/sendMessage", request_data(chat_id=CHAT, text="x")
    try:
        first = asyncio.ensure_future(request.do_request(url, "POST", data))
        await asyncio.sleep(0.2)  # the only connection is now busy
        with pytest.raises(TimedOut, match="Pool timeout"):
            await request.do_request(url, "POST", data)
        assert (await first)[0] == 200
    finally:
        await request.shutdown()


async def test_nobody_listening_is_a_network_error():
    request = JsonRequest()
    await request.initialize()
    try:
        with pytest.raises(NetworkError, match=r"httpx\.ConnectError"):
            await request.do_request(
                f"http://127.0.0.1:{free_port()}/bot{TOKEN}/getMe", "POST", request_data(a=1)
            )
    finally:
        await request.shutdown()


def test_a_serialised_keyboard_is_what_python_telegram_bot_would_send(brain):
    film = brain.catalog.by_id["mirror"]
    ours = keyboard(film_keyboard(film))
    assert isinstance(ours, SerialisedKeyboard)
    plain = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, callback_data=b.callback_data, url=b.url) for b in row]
            for row in ours.inline_keyboard
        ]
    )
    assert ours.to_dict() == plain.to_dict()
    assert ours == plain  # equal as Telegram objects too
    assert ours.to_dict(recursive=False) == plain.to_dict(recursive=False)


def test_changing_a_serialised_keyboard_dict_does_not_change_the_next_message(brain):
    ours = keyboard(film_keyboard(brain.catalog.by_id["mirror"]))
    assert ours is not None
    first = ours.to_dict()
    first["inline_keyboard"] = []
    assert ours.to_dict()["inline_keyboard"][0][0]["text"] == "Another fact"
    with pytest.raises(AttributeError):
        ours.inline_keyboard = ()  # type: ignore[misc]  # still a frozen TelegramObject
