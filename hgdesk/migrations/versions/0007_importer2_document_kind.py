"""A program knows what kind of document it is (program, plan, resolution, report, guidance,
letter …, vocab.DocumentKind), so drafting a quarter and tracking tasks apply only to the kinds
that hold tasks. Existing rows stay NULL ("not known": treated as a program, as before).

Plain ADD COLUMN on both SQLite and PostgreSQL, as 0005_quarter: a batch rebuild of "program"
would drop the triggers of 0004 that lock issued programs (document_kind is not a locked field).

Revision ID: 0007_importer2
Revises: 0005_quarter
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_importer2"
down_revision = "0005_quarter"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("program", sa.Column("document_kind", sa.String(20), nullable=True))


def downgrade() -> None:
    # plain DROP COLUMN (SQLite >= 3.35), for the same reason
    op.drop_column("program", "document_kind")
