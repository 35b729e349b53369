"""Misses: the titles people asked for that the catalogue lacks, with a count and the last day.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "misses",
        sa.Column("name", sa.String(200), primary_key=True),
        sa.Column("asked", sa.Integer(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("misses")
