"""The topic remembers what was last asked about its film, so "and Circus?" asks it again.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch:  # SQLite alters tables only in batches
        batch.add_column(sa.Column("topic_asked", sa.String(20)))


def downgrade() -> None:
    with op.batch_alter_table("chats") as batch:
        batch.drop_column("topic_asked")
