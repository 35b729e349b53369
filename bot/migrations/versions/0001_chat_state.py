"""Chat state: chats (language, time zone, topic), daily-film subscriptions, the shared send clock.

Revision ID: 0001
Revises:
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chats",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, primary_key=True),
        sa.Column("language", sa.String(8)),
        sa.Column("timezone", sa.String(64)),
        sa.Column("topic_film", sa.String(100)),
        sa.Column("topic_person", sa.String(200)),
        sa.Column("topic_until", sa.DateTime()),
    )
    op.create_table(
        "subscriptions",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, primary_key=True),
        sa.Column("minute", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("paused", sa.String(16)),
        sa.Column("last_day", sa.Date()),
        sa.Column("due_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_by", sa.String(64)),
        sa.Column("claimed_until", sa.DateTime()),
    )
    op.create_index("subscriptions_due", "subscriptions", ["active", "due_at"])
    send_clock = op.create_table(
        "send_clock",
        sa.Column("name", sa.String(32), primary_key=True),
        sa.Column("next_at", sa.Float(), nullable=False),
    )
    op.bulk_insert(send_clock, [{"name": "delivery", "next_at": 0.0}])


def downgrade() -> None:
    op.drop_table("send_clock")
    op.drop_index("subscriptions_due", table_name="subscriptions")
    op.drop_table("subscriptions")
    op.drop_table("chats")
