"""Every foreign-key column indexed; a folded-text table with a word-prefix search index
(FTS5 on SQLite, a GIN tsvector index on PostgreSQL), filled once from the existing nodes.

Revision ID: 0005_scale
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005_scale"
down_revision = "0004"
branch_labels = None
depends_on = None

# (table, column) of every foreign key that no index led by it covered.
FOREIGN_KEYS = [
    ("organization", "parent_id"), ("program", "parent_id"), ("node", "parent_id"), ("node", "source_node_id"),
    ("task", "annual_node_id"), ("task", "carried_from_id"), ("carry", "organization_id"),
    ("carry", "from_program_id"), ("carry", "new_task_id"), ("template", "organization_id"),
    ("anniversary", "organization_id"),
]


def upgrade() -> None:
    bind = op.get_bind()
    inspector = sa.inspect(bind)
    for table, column in FOREIGN_KEYS:
        if column in {c["name"] for c in inspector.get_columns(table)}:
            op.create_index(f"ix_{table}_{column}", table, [column])
    op.create_table(
        "node_search",
        sa.Column("node_id", sa.Integer, sa.ForeignKey("node.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("program_id", sa.Integer, sa.ForeignKey("program.id", ondelete="CASCADE"), nullable=False),
        sa.Column("folded", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_node_search_program_id", "node_search", ["program_id"])
    if bind.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE node_fts USING fts5(folded, content='node_search', content_rowid='node_id',"
                   " tokenize='unicode61 remove_diacritics 0', prefix='1 2 3')")
        op.execute("""CREATE TRIGGER node_search_ai AFTER INSERT ON node_search BEGIN
            INSERT INTO node_fts(rowid, folded) VALUES (new.node_id, new.folded); END""")
        op.execute("""CREATE TRIGGER node_search_ad AFTER DELETE ON node_search BEGIN
            INSERT INTO node_fts(node_fts, rowid, folded) VALUES ('delete', old.node_id, old.folded); END""")
        op.execute("""CREATE TRIGGER node_search_au AFTER UPDATE ON node_search BEGIN
            INSERT INTO node_fts(node_fts, rowid, folded) VALUES ('delete', old.node_id, old.folded);
            INSERT INTO node_fts(rowid, folded) VALUES (new.node_id, new.folded); END""")
    else:
        op.execute("CREATE INDEX ix_node_search_tsv ON node_search USING gin (to_tsvector('simple', folded))")
    from hgdesk.search import node_folded

    rows = bind.execute(sa.text("SELECT id, program_id, heading, text FROM node")).all()
    if rows:
        bind.execute(sa.text("INSERT INTO node_search (node_id, program_id, folded) VALUES (:n, :p, :f)"),
                     [{"n": r[0], "p": r[1], "f": node_folded(r[2], r[3])} for r in rows])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE node_fts")
    op.drop_table("node_search")
    for table, column in FOREIGN_KEYS:
        op.drop_index(f"ix_{table}_{column}", table_name=table)
