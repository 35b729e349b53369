"""A Telegram bot that answers questions about a curated catalogue of Soviet films."""

__version__ = "0.1.0"
