"""Alembic environment: the connection is handed over by hgdesk.db.Database.upgrade."""

from alembic import context

from hgdesk.models import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
