"""The stored data: SQLAlchemy 2.0 typed ORM.

Program, Node and Task carry a version counter (optimistic locking): an UPDATE that finds
another version than the one it read fails, so a concurrent edit is never overwritten.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar = {dict[str, Any]: JSON, list[str]: JSON, list[Any]: JSON}


class Organization(Base):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))  # "Tỉnh ủy Hậu Giang"
    header_name: Mapped[str] = mapped_column(String(200), default="")  # "TỈNH ỦY HẬU GIANG"
    superior_line: Mapped[str] = mapped_column(String(200), default="")  # "ĐẢNG BỘ TỈNH HẬU GIANG"
    symbol_suffix: Mapped[str] = mapped_column(String(20), default="")  # "TU", "HU", "ĐU"
    office_code: Mapped[str] = mapped_column(String(20), default="")  # "VPTU" for "Lưu VPTU."
    place: Mapped[str] = mapped_column(String(100), default="")  # "Hậu Giang"
    level: Mapped[str] = mapped_column(String(20), default="province")
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="SET NULL"))
    signer_authority: Mapped[str] = mapped_column(String(100), default="")  # "T/M TỈNH ỦY"
    signer_position: Mapped[str] = mapped_column(String(100), default="")  # "PHÓ BÍ THƯ"
    signer_name: Mapped[str] = mapped_column(String(100), default="")
    recipients: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)  # shipped sample data ("Dữ liệu mẫu")

    parent: Mapped[Organization | None] = relationship(remote_side=[id])
    programs: Mapped[list[Program]] = relationship(back_populates="organization")


class Program(Base):
    __tablename__ = "program"
    __table_args__ = (Index("ix_program_org_year", "organization_id", "year", "quarter"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="RESTRICT"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("program.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20), default="annual")
    year: Mapped[int | None] = mapped_column(Integer)
    quarter: Mapped[int | None] = mapped_column(Integer)
    term: Mapped[str] = mapped_column(String(20), default="")
    doc_code: Mapped[str] = mapped_column(String(10), default="CTr")
    number: Mapped[str] = mapped_column(String(20), default="")
    issue_date: Mapped[date | None] = mapped_column(Date)
    date_year: Mapped[int | None] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(100), default="")
    document_type: Mapped[str] = mapped_column(String(50), default="CHƯƠNG TRÌNH")
    title_lines: Mapped[list[str]] = mapped_column(default=list)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    draft_version: Mapped[int] = mapped_column(Integer, default=1)
    signer_authority: Mapped[str] = mapped_column(String(100), default="")
    signer_position: Mapped[str] = mapped_column(String(100), default="")
    signer_name: Mapped[str] = mapped_column(String(100), default="")
    recipients: Mapped[list[str]] = mapped_column(default=list)
    opening: Mapped[list[str]] = mapped_column(default=list)
    closing: Mapped[list[str]] = mapped_column(default=list)
    footnotes: Mapped[list[Any]] = mapped_column(default=list)
    warnings: Mapped[list[str]] = mapped_column(default=list)
    source_name: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(DateTime)  # quarter closed, carry-over done
    origin: Mapped[str] = mapped_column(String(80), default="")  # "<database id>:<program id>" it came from
    name: Mapped[str] = mapped_column(String(200), default="")  # the secretary's own name for lists (rename)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)  # in the "Thùng rác" since
    # the issued program this one is a new version of (a version series); a superseded program stays readable
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("program.id", ondelete="RESTRICT"), index=True)
    # the organisation's header lines and symbol as printed when the program was issued (frozen with it)
    issued_header: Mapped[dict[str, Any]] = mapped_column(default=dict)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # what the document is (vocab.DocumentKind: program, plan, resolution, report, letter …); None when
    # not known (programs stored before 0007). Only the kinds with tasks are drafted and tracked (shape.has_tasks).
    document_kind: Mapped[str | None] = mapped_column(String(20), default="program")

    organization: Mapped[Organization] = relationship(back_populates="programs")
    parent: Mapped[Program | None] = relationship(remote_side=[id], foreign_keys=[parent_id])
    nodes: Mapped[list[Node]] = relationship(
        back_populates="program", cascade="all, delete-orphan", order_by="Node.position"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    def header(self) -> dict[str, str]:
        """Issuing body, superior body and symbol suffix: frozen at issue, else the organisation's now."""
        if self.issued_header:
            return dict(self.issued_header)
        org = self.organization
        return {"issuing_body": (org.header_name or org.name.upper()) if org else "",
                "superior_body": org.superior_line if org else "",
                "symbol_suffix": org.symbol_suffix if org else ""}

    @property
    def symbol(self) -> str:
        suffix = self.header()["symbol_suffix"]
        return f"{self.doc_code}/{suffix}" if suffix else self.doc_code

    @property
    def roots(self) -> list[Node]:
        return [n for n in self.nodes if n.parent_id is None and n.deleted_at is None]


class Node(Base):
    __tablename__ = "node"
    __table_args__ = (Index("ix_node_program_parent", "program_id", "parent_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("node.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20))
    label: Mapped[str] = mapped_column(String(40), default="")
    heading: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, default="")
    source_node_id: Mapped[int | None] = mapped_column(ForeignKey("node.id", ondelete="SET NULL"))
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)  # soft delete: same id, restorable
    version: Mapped[int] = mapped_column(Integer, default=1)

    program: Mapped[Program] = relationship(back_populates="nodes")
    parent: Mapped[Node | None] = relationship(remote_side=[id], foreign_keys=[parent_id])
    children: Mapped[list[Node]] = relationship(
        foreign_keys=[parent_id], order_by="Node.position", viewonly=True
    )
    indicator: Mapped[Indicator | None] = relationship(
        back_populates="node", cascade="all, delete-orphan", uselist=False
    )
    task: Mapped[Task | None] = relationship(
        back_populates="node", cascade="all, delete-orphan", uselist=False, foreign_keys="Task.node_id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Task(Base):
    """A node of a quarterly program that is tracked."""

    __tablename__ = "task"

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("node.id", ondelete="CASCADE"), unique=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="not_started")
    lead_unit: Mapped[str] = mapped_column(String(200), default="")
    cooperating_units: Mapped[str] = mapped_column(String(400), default="")
    due_date: Mapped[date | None] = mapped_column(Date)
    completed_date: Mapped[date | None] = mapped_column(Date)
    result_note: Mapped[str] = mapped_column(Text, default="")
    # the deadline as the secretary typed it in the tracking table ("thường xuyên", "trong tháng 6"); "" = from the text
    deadline_text: Mapped[str] = mapped_column(String(200), default="")
    # evidence that it was done: the number and symbol of a document, and/or a file kept in the database
    evidence_ref: Mapped[str] = mapped_column(String(200), default="")
    evidence_file_id: Mapped[int | None] = mapped_column(Integer, index=True)  # EvidenceFile.id
    evidence_name: Mapped[str] = mapped_column(String(255), default="")  # the attached file's name, for lists
    annual_node_id: Mapped[int | None] = mapped_column(ForeignKey("node.id", ondelete="SET NULL"))
    carried_from_id: Mapped[int | None] = mapped_column(ForeignKey("task.id", ondelete="SET NULL"))
    lineage_id: Mapped[int | None] = mapped_column(Integer, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)  # with its node: history kept, restorable
    version: Mapped[int] = mapped_column(Integer, default=1)

    node: Mapped[Node] = relationship(back_populates="task", foreign_keys=[node_id])
    program: Mapped[Program] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class EvidenceFile(Base):
    """A file attached to a task as evidence that it was done, kept in the database (size-limited).

    Written once, never changed: a task points to it by id, so undoing "mark done" only moves the
    task's pointer back and the audit record never holds the file's bytes."""

    __tablename__ = "evidence_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    added_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[str] = mapped_column(String(100), default="")


class TaskEvent(Base):
    """One status change of a task: who, when, from what to what."""

    __tablename__ = "task_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100), default="")
    from_status: Mapped[str] = mapped_column(String(20), default="")
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class Carry(Base):
    """A task carried from one quarter to the next, recorded when the quarter is closed.

    `new_task_id` is filled when the next quarter's program is derived and takes it over.
    """

    __tablename__ = "carry"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    from_program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"))
    to_year: Mapped[int] = mapped_column(Integer)
    to_quarter: Mapped[int] = mapped_column(Integer)
    new_task_id: Mapped[int | None] = mapped_column(ForeignKey("task.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    user: Mapped[str] = mapped_column(String(100), default="")


class Indicator(Base):
    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    node_id: Mapped[int] = mapped_column(ForeignKey("node.id", ondelete="CASCADE"), unique=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    target_value: Mapped[float | None] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(60), default="")
    direction: Mapped[str] = mapped_column(String(10), default="at_least")  # at_least / at_most
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)

    node: Mapped[Node] = relationship(back_populates="indicator")
    program: Mapped[Program] = relationship()
    results: Mapped[list[IndicatorResult]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="IndicatorResult.period"
    )


class IndicatorResult(Base):
    __tablename__ = "indicator_result"
    __table_args__ = (UniqueConstraint("indicator_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))  # "2024-Q2"
    actual_value: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    indicator: Mapped[Indicator] = relationship(back_populates="results")


class Template(Base):
    __tablename__ = "template"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))  # opening / closing / recipients / signer
    program_kind: Mapped[str] = mapped_column(String(20), default="quarterly")
    quarter: Mapped[int | None] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text, default="")


class Anniversary(Base):
    __tablename__ = "anniversary"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    day: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)


class Revision(Base):
    """A snapshot of a program as it was when a draft version was saved."""

    __tablename__ = "revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    draft_version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    snapshot: Mapped[dict[str, Any]] = mapped_column(default=dict)


class AppMeta(Base):
    """Facts about this database, e.g. its own id (named in the packages it exports)."""

    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class AuditEntry(Base):
    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user: Mapped[str] = mapped_column(String(100), default="")
    program_id: Mapped[int | None] = mapped_column(Integer, index=True)
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(30))
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The undo record: every row the operation changed, with its values before and after
    # (hgdesk.operations). Only the first entry of an operation carries it; the others name it in op_id.
    rows: Mapped[list[Any] | None] = mapped_column(JSON(none_as_null=True))
    op_id: Mapped[int | None] = mapped_column(Integer, index=True)


class NodeSearch(Base):
    """The folded text of a node (lower case, no diacritics or tone marks, đ → d), kept current on every
    write by `hgdesk.search`, indexed for word-prefix search (FTS5 on SQLite, a GIN tsvector on PostgreSQL)."""

    __tablename__ = "node_search"

    node_id: Mapped[int] = mapped_column(ForeignKey("node.id", ondelete="CASCADE"), primary_key=True)
    program_id: Mapped[int] = mapped_column(ForeignKey("program.id", ondelete="CASCADE"), index=True)
    folded: Mapped[str] = mapped_column(Text, default="")
