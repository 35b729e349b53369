"""What the bot counts, for Prometheus (prometheus-client's text format at GET /metrics).

Every label takes its values from a small fixed set (update kinds, the core's
intents, languages, Bot API methods, outcomes): never a chat id or a message
text, so the number of series stays fixed however many people write.
"""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

# a "_created" timestamp beside every series doubles the page and helps no alert
disable_created_metrics()  # type: ignore[no-untyped-call]

UPDATE_KINDS = ("message", "edited_message", "callback_query", "inline_query", "my_chat_member", "other")
LANGUAGES = ("en", "ru")
# the Bot API methods the bot calls; any other is counted as "other"
METHODS = (
    "getMe", "getUpdates", "sendMessage", "editMessageText", "answerCallbackQuery",
    "answerInlineQuery", "setMyCommands", "deleteMyCommands", "setMyDescription",
    "setMyShortDescription", "getChatMember", "setWebhook", "deleteWebhook",
)  # fmt: skip
# a call's each attempt: answered (ok), refused for flood (429), failed on Telegram's side (5xx),
# forbidden (403: blocked or removed), refused otherwise (4xx), or lost in transit (network)
OUTCOMES = ("ok", "429", "5xx", "403", "4xx", "network")
DELIVERY_OUTCOMES = ("sent", "gone", "skipped", "failed")


def outcome_of(status: int) -> str:
    if 200 <= status < 300:
        return "ok"
    if status in (429, 403):
        return str(status)
    return "5xx" if status >= 500 else "4xx"


class Metrics:
    """The bot's counters, in a registry of its own (so tests can start several bots)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.updates = Counter("film_bot_updates", "Updates received, by kind", ["kind"], registry=r)
        self.answers = Counter(
            "film_bot_answers",
            "Answers given, by what was asked and the language",
            ["intent", "lang"],
            registry=r,
        )
        self.not_found = Counter(
            "film_bot_not_found", "Answers that a film asked about is not in the catalogue", registry=r
        )
        self.core_seconds = Histogram(
            "film_bot_core_seconds",
            "Time the answering core takes for one message",
            buckets=(0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1),
            registry=r,
        )
        self.update_seconds = Histogram(
            "film_bot_update_seconds",
            "Time from an update's arrival at the bot to the end of its handling (replies sent)",
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
            registry=r,
        )
        self.api_calls = Counter(
            "film_bot_bot_api_calls", "Bot API requests, each attempt, by method and outcome", ["method", "outcome"],
            registry=r,
        )  # fmt: skip
        self.api_retries = Counter(
            "film_bot_bot_api_retries",
            "Bot API attempts that were tried again, by method",
            ["method"],
            registry=r,
        )
        self.subscriptions = Gauge(
            "film_bot_subscriptions_active",
            "Chats subscribed to the daily film (read at each scrape)",
            registry=r,
        )
        self.deliveries = Counter("film_bot_deliveries", "Daily cards, by outcome", ["outcome"], registry=r)
        # every series exists from the start, at 0: rates and alerts need no "absent" case
        for kind in UPDATE_KINDS:
            self.updates.labels(kind)
        for method in (*METHODS, "other"):
            for outcome in OUTCOMES:
                self.api_calls.labels(method, outcome)
            self.api_retries.labels(method)
        for outcome in DELIVERY_OUTCOMES:
            self.deliveries.labels(outcome)

    def api_call(self, method: str, outcome: str) -> None:
        self.api_calls.labels(method if method in METHODS else "other", outcome).inc()

    def api_retry(self, method: str) -> None:
        self.api_retries.labels(method if method in METHODS else "other").inc()

    def answer(self, intent: str, lang: str | None) -> None:
        self.answers.labels(intent, lang if lang in LANGUAGES else "en").inc()
        if intent == "not_found":
            self.not_found.inc()

    def update(self, kind: str) -> None:
        self.updates.labels(kind if kind in UPDATE_KINDS else "other").inc()

    def exposition(self) -> bytes:
        """The text format Prometheus scrapes."""
        return bytes(generate_latest(self.registry))
