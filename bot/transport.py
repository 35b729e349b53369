"""How the bot's requests travel to the Bot API: JSON bodies, bounded retries, flood control.

Both classes are python-telegram-bot request objects (`HTTPXRequest`
subclasses), handed to the `ApplicationBuilder` in `service.py`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from .metrics import Metrics, outcome_of

log = logging.getLogger("film_bot")

JSON_HEADERS = {"User-Agent": HTTPXRequest.USER_AGENT, "Content-Type": "application/json"}


class JsonRequest(HTTPXRequest):
    """Posts a call's parameters as one JSON body instead of a URL-encoded form.

    The Bot API takes application/json for every call that uploads no file.
    `json.dumps` runs in C, while URL-encoding quotes a film card byte by byte
    in Python and first serialises every nested value (the keyboard) on its own:
    for a card with buttons that is most of the cost of sending it. Calls that
    upload files go through `HTTPXRequest` unchanged (multipart).

    With `metrics`, every attempt is counted by method and outcome.
    """

    def __init__(self, *args: Any, metrics: Metrics | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.metrics = metrics

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self.metrics is None:
            return await self.attempt(
                url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
            )
        name = url.rsplit("/", 1)[-1]
        try:
            code, payload = await self.attempt(
                url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
            )
        except (TimedOut, NetworkError):
            self.metrics.api_call(name, "network")
            raise
        self.metrics.api_call(name, outcome_of(code))
        return code, payload

    async def attempt(
        self,
        url: str,
        method: str,
        request_data: RequestData | None,
        read_timeout: Any,
        write_timeout: Any,
        connect_timeout: Any,
        pool_timeout: Any,
    ) -> tuple[int, bytes]:
        """One attempt: the request, JSON-encoded, and Telegram's status and body."""
        if request_data is None or request_data.contains_files:
            return await super().do_request(
                url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
            )
        default = self._client.timeout  # the timeouts this object was made with, as HTTPXRequest does
        timeout = httpx.Timeout(
            connect=default.connect if connect_timeout is BaseRequest.DEFAULT_NONE else connect_timeout,
            read=default.read if read_timeout is BaseRequest.DEFAULT_NONE else read_timeout,
            write=default.write if write_timeout is BaseRequest.DEFAULT_NONE else write_timeout,
            pool=default.pool if pool_timeout is BaseRequest.DEFAULT_NONE else pool_timeout,
        )
        body = json.dumps(request_data.parameters, ensure_ascii=False, separators=(",", ":"))
        try:
            response = await self._client.request(
                method, url, content=body.encode(), headers=JSON_HEADERS, timeout=timeout
            )
        except httpx.PoolTimeout as exc:  # the same errors HTTPXRequest raises
            raise TimedOut("Pool timeout: all connections are busy; the request was not sent.") from exc
        except httpx.TimeoutException as exc:
            raise TimedOut from exc
        except httpx.HTTPError as exc:
            raise NetworkError(f"httpx.{type(exc).__name__}: {exc}") from exc
        return response.status_code, response.content


def _retry_after(payload: bytes) -> float | None:
    """The seconds a 429 answer asks to wait, if it says."""
    try:
        wait = json.loads(payload)["parameters"]["retry_after"]
    except (ValueError, KeyError, TypeError):
        return None
    return float(wait) if isinstance(wait, int | float) and wait >= 0 else None


class RetryingRequest(JsonRequest):
    """Retries a call that failed in transit (5xx, reset, timeout) with bounded backoff,
    and waits out Telegram's flood control (429 with retry_after).

    Telegram's other refusals (4xx) are answered at once and never retried;
    getUpdates is left to the updater's own backoff.
    """

    LONGEST_WAIT = 60  # seconds of Telegram's retry_after worth waiting out before giving up

    def __init__(self, *args: Any, retries: int = 3, backoff: float = 0.5, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retries, self.backoff = retries, backoff

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        attempts = 1 if name == "getUpdates" else self.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                code, payload = await super().do_request(url, method, *args, **kwargs)
            except (TimedOut, NetworkError) as exc:
                if last:
                    raise
                if self.metrics is not None:
                    self.metrics.api_retry(name)
                log.warning(
                    "%s failed in transit (%s); retry %d of %d",
                    name,
                    type(exc).__name__,
                    attempt + 1,
                    self.retries,
                )
            else:
                wait = _retry_after(payload) if code == 429 and not last else None
                if wait is not None and wait <= self.LONGEST_WAIT:
                    # flood control: Telegram says how long to wait; the reply still goes out once
                    if self.metrics is not None:
                        self.metrics.api_retry(name)
                    log.warning(
                        "%s: flood control, retry %d of %d in %s s", name, attempt + 1, self.retries, wait
                    )
                    await asyncio.sleep(wait)
                    continue
                if code < 500 or last:
                    return code, payload
                if self.metrics is not None:
                    self.metrics.api_retry(name)
                log.warning("%s got HTTP %d; retry %d of %d", name, code, attempt + 1, self.retries)
            await asyncio.sleep(min(self.backoff * 2**attempt, 8.0))
        raise AssertionError("unreachable")  # pragma: no cover
