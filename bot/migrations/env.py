"""Alembic's environment: migrates the connection `store.migrate` hands over, or, when run as
`alembic upgrade head` from the repository, the database of DATABASE_URL."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from bot.config import database_url
from bot.store import engine_for, metadata


def run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


async def run_on_database_url() -> None:
    engine = engine_for(database_url())
    async with engine.begin() as conn:
        await conn.run_sync(run)
    await engine.dispose()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    asyncio.run(run_on_database_url())
