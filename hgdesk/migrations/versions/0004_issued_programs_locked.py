"""Issued programs are locked in the database itself: triggers refuse changes to their text
and structure (nodes, indicator targets, header fields), on SQLite and on PostgreSQL.
Tracking (tasks, indicator results) and archiving stay possible.

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

MESSAGE = "hgdesk: chuong trinh da ban hanh, khong sua duoc noi dung"
# Header fields of an issued program that must not change.
FIELDS = ("kind", "year", "quarter", "term", "doc_code", "number", "issue_date", "place", "document_type",
          "title_lines", "signer_authority", "signer_position", "signer_name", "recipients", "opening", "closing",
          "footnotes", "organization_id")


def _changed(old: str, new: str) -> str:
    return " OR ".join(f"{new}.{f} IS NOT {old}.{f}" for f in FIELDS)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        locked = "(SELECT status FROM program WHERE id = {ref}.program_id) <> 'draft'"
        for table in ("node", "indicator"):
            op.execute(f"""CREATE TRIGGER {table}_locked_insert BEFORE INSERT ON {table}
                WHEN {locked.format(ref="NEW")} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")
            op.execute(f"""CREATE TRIGGER {table}_locked_update BEFORE UPDATE ON {table}
                WHEN {locked.format(ref="OLD")} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")
            op.execute(f"""CREATE TRIGGER {table}_locked_delete BEFORE DELETE ON {table}
                WHEN {locked.format(ref="OLD")} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")
        op.execute(f"""CREATE TRIGGER program_locked_update BEFORE UPDATE ON program
            WHEN OLD.status <> 'draft' AND (NEW.status = 'draft' OR {_changed("OLD", "NEW")})
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")
        op.execute(f"""CREATE TRIGGER program_locked_delete BEFORE DELETE ON program
            WHEN OLD.status = 'issued' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""")
    elif dialect == "postgresql":
        changed = " OR ".join(f"NEW.{f} IS DISTINCT FROM OLD.{f}" for f in FIELDS).replace(
            "NEW.title_lines IS DISTINCT FROM OLD.title_lines", "NEW.title_lines::text IS DISTINCT FROM OLD.title_lines::text"
        )
        for json_field in ("recipients", "opening", "closing", "footnotes"):
            changed = changed.replace(f"NEW.{json_field} IS DISTINCT FROM OLD.{json_field}",
                                      f"NEW.{json_field}::text IS DISTINCT FROM OLD.{json_field}::text")
        op.execute(f"""CREATE FUNCTION hgdesk_child_locked() RETURNS trigger AS $$
            DECLARE pid integer;
            BEGIN
              IF TG_OP = 'INSERT' THEN pid := NEW.program_id; ELSE pid := OLD.program_id; END IF;
              IF (SELECT status FROM program WHERE id = pid) <> 'draft' THEN
                RAISE EXCEPTION '{MESSAGE}';
              END IF;
              IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql""")
        for table in ("node", "indicator"):
            op.execute(f"""CREATE TRIGGER {table}_locked BEFORE INSERT OR UPDATE OR DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION hgdesk_child_locked()""")
        op.execute(f"""CREATE FUNCTION hgdesk_program_locked() RETURNS trigger AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN
                IF OLD.status = 'issued' THEN RAISE EXCEPTION '{MESSAGE}'; END IF;
                RETURN OLD;
              END IF;
              IF OLD.status <> 'draft' AND (NEW.status = 'draft' OR {changed}) THEN
                RAISE EXCEPTION '{MESSAGE}';
              END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql""")
        op.execute("""CREATE TRIGGER program_locked BEFORE UPDATE OR DELETE ON program
            FOR EACH ROW EXECUTE FUNCTION hgdesk_program_locked()""")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for table in ("node", "indicator"):
            for what in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_locked_{what}")
        op.execute("DROP TRIGGER IF EXISTS program_locked_update")
        op.execute("DROP TRIGGER IF EXISTS program_locked_delete")
    elif dialect == "postgresql":
        for table in ("node", "indicator"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_locked ON {table}")
        op.execute("DROP TRIGGER IF EXISTS program_locked ON program")
        op.execute("DROP FUNCTION IF EXISTS hgdesk_child_locked()")
        op.execute("DROP FUNCTION IF EXISTS hgdesk_program_locked()")
