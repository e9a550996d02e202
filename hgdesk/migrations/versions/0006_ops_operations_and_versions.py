"""Operations keep identity and history: soft delete (node, task, indicator keep their id),
the audit entry doubles as the undo record (rows, op_id) and is append-only, a new version
records the program it supersedes, an issued program keeps the header it was issued with,
and an issued (or archived after issue) program cannot be deleted, on SQLite and PostgreSQL.

Revision ID: 0006_ops
Revises: 0005_scale
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_ops"
down_revision = "0005_scale"
branch_labels = None
depends_on = None

AUDIT = "hgdesk: nhat ky thay doi chi duoc ghi them, khong sua hay xoa duoc"
LOCKED = "hgdesk: chuong trinh da ban hanh, khong sua duoc noi dung"
# an issued program, or one archived after it was issued
ISSUED = "(OLD.status = 'issued' OR (OLD.status = 'archived' AND OLD.issue_date IS NOT NULL))"


# Header fields of an issued program that must not change (as in 0004).
FIELDS = ("kind", "year", "quarter", "term", "doc_code", "number", "issue_date", "place", "document_type",
          "title_lines", "signer_authority", "signer_position", "signer_name", "recipients", "opening", "closing",
          "footnotes", "organization_id")


def _program_lock(fields: tuple[str, ...], deleting_refused: str) -> None:
    """SQLite: (re)create the two triggers that lock an issued program's row."""
    for name in ("program_locked_update", "program_locked_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    changed = " OR ".join(f"NEW.{f} IS NOT OLD.{f}" for f in fields)
    op.execute(f"""CREATE TRIGGER program_locked_update BEFORE UPDATE ON program
        WHEN OLD.status <> 'draft' AND (NEW.status = 'draft' OR {changed})
        BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END""")
    op.execute(f"""CREATE TRIGGER program_locked_delete BEFORE DELETE ON program
        WHEN {deleting_refused} BEGIN SELECT RAISE(ABORT, '{LOCKED}'); END""")


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # plain ADD COLUMN everywhere: on SQLite a batch copy of program or node would drop their lock
    # triggers and, with foreign keys on, cascade the old table's drop into the nodes
    for table in ("node", "task", "indicator"):
        op.add_column(table, sa.Column("deleted_at", sa.DateTime, nullable=True))
    if dialect == "sqlite":
        have = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("program")}
        if "supersedes_id" not in have:  # a downgrade on SQLite leaves it (it cannot drop a foreign key column)
            op.execute("ALTER TABLE program ADD COLUMN supersedes_id INTEGER REFERENCES program (id) "
                       "ON DELETE RESTRICT")
    else:
        op.add_column("program", sa.Column("supersedes_id", sa.Integer, nullable=True))
        op.create_foreign_key("fk_program_supersedes_id", "program", "program", ["supersedes_id"], ["id"],
                              ondelete="RESTRICT")
    op.create_index("ix_program_supersedes_id", "program", ["supersedes_id"])
    op.add_column("program", sa.Column("issued_header", sa.JSON, nullable=False, server_default="{}"))
    op.add_column("audit_entry", sa.Column("rows", sa.JSON, nullable=True))
    op.add_column("audit_entry", sa.Column("op_id", sa.Integer, nullable=True))
    op.create_index("ix_audit_entry_op_id", "audit_entry", ["op_id"])

    if dialect == "sqlite":
        # the lock now covers the new header columns too, and survives archiving an issued program
        _program_lock((*FIELDS, "issued_header", "supersedes_id"), ISSUED)
        op.execute(f"""CREATE TRIGGER audit_entry_append_only_update BEFORE UPDATE ON audit_entry
            BEGIN SELECT RAISE(ABORT, '{AUDIT}'); END""")
        op.execute(f"""CREATE TRIGGER audit_entry_append_only_delete BEFORE DELETE ON audit_entry
            BEGIN SELECT RAISE(ABORT, '{AUDIT}'); END""")
    elif dialect == "postgresql":
        op.execute(f"""CREATE FUNCTION hgdesk_program_kept() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' AND {ISSUED} THEN RAISE EXCEPTION '{LOCKED}'; END IF;
              IF TG_OP = 'UPDATE' AND OLD.status <> 'draft' AND (
                   NEW.issued_header::text IS DISTINCT FROM OLD.issued_header::text
                   OR NEW.supersedes_id IS DISTINCT FROM OLD.supersedes_id) THEN
                RAISE EXCEPTION '{LOCKED}';
              END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql""")
        op.execute("""CREATE TRIGGER program_kept BEFORE UPDATE OR DELETE ON program
            FOR EACH ROW EXECUTE FUNCTION hgdesk_program_kept()""")
        op.execute(f"""CREATE FUNCTION hgdesk_audit_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '{AUDIT}'; END $$ LANGUAGE plpgsql""")
        op.execute("""CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
            FOR EACH ROW EXECUTE FUNCTION hgdesk_audit_append_only()""")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("audit_entry_append_only_update", "audit_entry_append_only_delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        _program_lock(FIELDS, "OLD.status = 'issued'")  # 0004's lock, without the new columns
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_entry_append_only ON audit_entry")
        op.execute("DROP FUNCTION IF EXISTS hgdesk_audit_append_only()")
        op.execute("DROP TRIGGER IF EXISTS program_kept ON program")
        op.execute("DROP FUNCTION IF EXISTS hgdesk_program_kept()")
    op.drop_index("ix_audit_entry_op_id", "audit_entry")
    op.drop_index("ix_program_supersedes_id", "program")
    # SQLite (3.35+) drops plain columns in place; it cannot drop one in a foreign key, which then stays
    for table, column in (("audit_entry", "op_id"), ("audit_entry", "rows"), ("program", "issued_header"),
                          ("program", "supersedes_id"), ("node", "deleted_at"), ("task", "deleted_at"),
                          ("indicator", "deleted_at")):
        if dialect == "sqlite" and column == "supersedes_id":
            continue
        if dialect == "postgresql" and column == "supersedes_id":
            op.drop_constraint("fk_program_supersedes_id", "program", type_="foreignkey")
        op.drop_column(table, column)
