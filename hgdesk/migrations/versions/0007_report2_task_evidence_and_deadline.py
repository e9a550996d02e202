"""Evidence for "done" and deadlines typed in the tracking table: task.evidence_ref (number and
symbol of the document that shows the result), task.evidence_file_id/evidence_name (a file kept in
the new evidence_file table, written once), task.deadline_text (the deadline as typed).

Plain ADD COLUMN on SQLite and PostgreSQL (no batch copy of "task": a rebuild would drop the lock
and soft-delete machinery other revisions attached to the tables around it); evidence_file is new.

Revision ID: 0007_report2
Revises: 0007_importer2
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_report2"
down_revision = "0007_importer2"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "evidence_file",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.Column("added_by", sa.String(100), nullable=False, server_default=""),
    )
    op.create_index("ix_evidence_file_sha256", "evidence_file", ["sha256"])
    op.add_column("task", sa.Column("deadline_text", sa.String(200), nullable=False, server_default=""))
    op.add_column("task", sa.Column("evidence_ref", sa.String(200), nullable=False, server_default=""))
    op.add_column("task", sa.Column("evidence_file_id", sa.Integer, nullable=True))
    op.add_column("task", sa.Column("evidence_name", sa.String(255), nullable=False, server_default=""))
    op.create_index("ix_task_evidence_file_id", "task", ["evidence_file_id"])


def downgrade() -> None:
    # plain DROP COLUMN (SQLite ≥ 3.35), as 0005_quarter
    op.drop_index("ix_task_evidence_file_id", "task")
    for column in ("evidence_name", "evidence_file_id", "evidence_ref", "deadline_text"):
        op.drop_column("task", column)
    op.drop_index("ix_evidence_file_sha256", "evidence_file")
    op.drop_table("evidence_file")
