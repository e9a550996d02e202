"""Programs are managed: a name the secretary gives (rename), a deletion time (soft delete to the
"Thùng rác" for 30 days), and organisations marked as the shipped sample data ("Dữ liệu mẫu").

Plain ADD COLUMN on both SQLite and PostgreSQL: no table is rebuilt, so the triggers of 0004
that lock issued programs stay as they are (name and deleted_at are not locked fields).

Revision ID: 0005_quarter
Revises: 0006_ops
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_quarter"
down_revision = "0006_ops"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("program", sa.Column("name", sa.String(200), nullable=False, server_default=""))
    op.add_column("program", sa.Column("deleted_at", sa.DateTime, nullable=True))
    op.add_column("organization", sa.Column("is_demo", sa.Boolean, nullable=False, server_default=sa.false()))
    op.create_index("ix_program_deleted_at", "program", ["deleted_at"])


def downgrade() -> None:
    # plain DROP COLUMN (SQLite ≥ 3.35): a batch rebuild of "program" would break 0004's triggers
    op.drop_index("ix_program_deleted_at", "program")
    op.drop_column("organization", "is_demo")
    op.drop_column("program", "deleted_at")
    op.drop_column("program", "name")
