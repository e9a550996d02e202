"""The words the data is made of, declared once: every code stored in the database and its
Vietnamese label. Nothing else spells these codes as literal tuples.

The enums are `StrEnum`s, so a member equals the string stored in the database
(`TaskStatus.DONE == "done"`) and old rows, JSON and workbooks keep working.
The ui imports this module (with the services and the errors) and nothing else of the core.
"""

from __future__ import annotations

from enum import StrEnum

from hgdesk.text import fold


class Vocabulary(StrEnum):
    """A stored code with its Vietnamese label (`LABELS` is filled in after each class)."""

    @property
    def label(self) -> str:
        return _LABELS[type(self)][self]

    @classmethod
    def labels(cls) -> dict[str, str]:
        """Code -> Vietnamese label, in declaration order (for combo boxes and reports)."""
        return {member.value: member.label for member in cls}

    @classmethod
    def codes(cls) -> tuple[str, ...]:
        return tuple(member.value for member in cls)

    @classmethod
    def label_of(cls, code: str) -> str:
        """The label of a stored code, or the code itself for one this version does not know."""
        try:
            return cls(code).label
        except ValueError:
            return code

    @classmethod
    def parse(cls, text: str) -> StrEnum | None:
        """A member from its code ("done") or its Vietnamese label, with or without marks."""
        key = fold(text).replace("-", " ").replace("_", " ").strip()
        for member in cls:
            if key in (fold(member.value).replace("_", " ").replace("-", " "), fold(member.label)):
                return member
        return None


class NodeKind(Vocabulary):
    PART = "part"
    SECTION = "section"
    ITEM = "item"
    BULLET = "bullet"
    PARAGRAPH = "paragraph"
    INDICATOR = "indicator"


class TaskStatus(Vocabulary):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CARRIED = "carried"
    DROPPED = "dropped"


class Timeliness(Vocabulary):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN_ON_TIME = "open_on_time"
    OPEN_LATE = "open_late"
    CARRIED = "carried"
    DROPPED = "dropped"


class ProgramKind(Vocabulary):
    TERM = "term"
    ANNUAL = "annual"
    HALF_YEAR = "half_year"
    QUARTERLY = "quarterly"
    REPORT = "report"


class DocumentKind(Vocabulary):
    """What an imported Party document is (its type line or symbol code says so)."""

    PROGRAM = "program"
    PLAN = "plan"
    RESOLUTION = "resolution"
    REPORT = "report"
    CONCLUSION = "conclusion"
    GUIDANCE = "guidance"
    NOTICE = "notice"
    LETTER = "letter"
    DIRECTIVE = "directive"
    DECISION = "decision"
    REGULATION = "regulation"
    SCHEME = "scheme"
    SUBMISSION = "submission"
    CIRCULAR = "circular"


class CommitteeLevel(Vocabulary):
    """The level of the issuing committee (hgdesk.levels holds its names and symbol suffix)."""

    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"
    AFFILIATED = "affiliated"


class ProgramStatus(Vocabulary):
    DRAFT = "draft"
    ISSUED = "issued"
    ARCHIVED = "archived"


class AuditAction(Vocabulary):
    IMPORT = "import"
    DERIVE = "derive"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    RESTORE = "restore"
    MOVE = "move"
    SPLIT = "split"
    MERGE = "merge"
    TRACK = "track"
    UNTRACK = "untrack"
    ISSUE = "issue"
    SAVE_VERSION = "save_version"
    NEW_VERSION = "new_version"
    CLOSE_QUARTER = "close_quarter"
    EXPORT_PACKAGE = "export_package"
    IMPORT_PACKAGE = "import_package"
    IMPORT_XLSX = "import_xlsx"
    IMPORT_TASKS = "import_tasks"
    RECORD = "record"
    SET_PARENT = "set_parent"
    UNDO = "undo"
    REDO = "redo"
    RESTORE_BACKUP = "restore_backup"
    PICK = "pick"
    UNPICK = "unpick"
    RENAME = "rename"
    ARCHIVE = "archive"
    UNARCHIVE = "unarchive"
    PURGE = "purge"
    REMOVE_DEMO = "remove_demo"
    AUTOFIX = "autofix"


class AuditEntity(Vocabulary):
    PROGRAM = "program"
    NODE = "node"
    TASK = "task"
    ORGANIZATION = "organization"
    TEMPLATE = "template"
    INDICATOR = "indicator"
    ANNIVERSARY = "anniversary"
    DATABASE = "database"


class BackupKind(Vocabulary):
    DAILY = "daily"
    PRE_MIGRATION = "pre-migration"
    PRE_ISSUE = "pre-issue"
    MANUAL = "manual"
    PRE_RESTORE = "pre-restore"


class Profile(Vocabulary):
    PARTY = "party"
    STATE = "state"


_LABELS: dict[type[Vocabulary], dict[Vocabulary, str]] = {
    NodeKind: {NodeKind.PART: "Phần", NodeKind.SECTION: "Mục", NodeKind.ITEM: "Điểm",
               NodeKind.BULLET: "Gạch đầu dòng", NodeKind.PARAGRAPH: "Đoạn văn", NodeKind.INDICATOR: "Chỉ tiêu"},
    TaskStatus: {TaskStatus.NOT_STARTED: "chưa thực hiện", TaskStatus.IN_PROGRESS: "đang thực hiện",
                 TaskStatus.DONE: "hoàn thành", TaskStatus.CARRIED: "chuyển quý sau",
                 TaskStatus.DROPPED: "không thực hiện"},
    Timeliness: {Timeliness.DONE_ON_TIME: "hoàn thành đúng hạn", Timeliness.DONE_LATE: "hoàn thành quá hạn",
                 Timeliness.OPEN_ON_TIME: "chưa hoàn thành, trong hạn",
                 Timeliness.OPEN_LATE: "chưa hoàn thành, quá hạn", Timeliness.CARRIED: "chuyển quý sau",
                 Timeliness.DROPPED: "không thực hiện"},
    ProgramKind: {ProgramKind.TERM: "Văn bản nhiệm kỳ", ProgramKind.ANNUAL: "Chương trình năm",
                  ProgramKind.HALF_YEAR: "Chương trình 6 tháng", ProgramKind.QUARTERLY: "Chương trình quý",
                  ProgramKind.REPORT: "Báo cáo kết quả"},
    DocumentKind: {DocumentKind.PROGRAM: "Chương trình", DocumentKind.PLAN: "Kế hoạch",
                   DocumentKind.RESOLUTION: "Nghị quyết", DocumentKind.REPORT: "Báo cáo",
                   DocumentKind.CONCLUSION: "Kết luận", DocumentKind.GUIDANCE: "Hướng dẫn",
                   DocumentKind.NOTICE: "Thông báo", DocumentKind.LETTER: "Công văn", DocumentKind.DIRECTIVE: "Chỉ thị",
                   DocumentKind.DECISION: "Quyết định", DocumentKind.REGULATION: "Quy định",
                   DocumentKind.SCHEME: "Đề án", DocumentKind.SUBMISSION: "Tờ trình", DocumentKind.CIRCULAR: "Thông tri"},
    CommitteeLevel: {CommitteeLevel.PROVINCE: "Tỉnh ủy, thành ủy", CommitteeLevel.DISTRICT: "Huyện ủy, thị ủy, quận ủy",
                     CommitteeLevel.COMMUNE: "Đảng ủy xã, phường, đặc khu", CommitteeLevel.AFFILIATED: "Đảng ủy trực thuộc"},
    ProgramStatus: {ProgramStatus.DRAFT: "dự thảo", ProgramStatus.ISSUED: "đã ban hành",
                    ProgramStatus.ARCHIVED: "lưu trữ"},
    AuditAction: {
        AuditAction.IMPORT: "nhập", AuditAction.DERIVE: "soạn từ chương trình gốc", AuditAction.CREATE: "thêm",
        AuditAction.UPDATE: "sửa", AuditAction.DELETE: "xóa", AuditAction.RESTORE: "khôi phục",
        AuditAction.MOVE: "di chuyển", AuditAction.SPLIT: "tách đoạn", AuditAction.MERGE: "gộp đoạn",
        AuditAction.TRACK: "theo dõi nhiệm vụ", AuditAction.UNTRACK: "bỏ theo dõi nhiệm vụ",
        AuditAction.ISSUE: "ban hành", AuditAction.SAVE_VERSION: "lưu phiên bản dự thảo",
        AuditAction.NEW_VERSION: "tạo phiên bản mới", AuditAction.CLOSE_QUARTER: "kết thúc quý",
        AuditAction.EXPORT_PACKAGE: "xuất gói", AuditAction.IMPORT_PACKAGE: "nhập gói",
        AuditAction.IMPORT_XLSX: "nhập sổ theo dõi Excel", AuditAction.IMPORT_TASKS: "nhập nhiệm vụ từ sổ Excel",
        AuditAction.RECORD: "ghi kết quả", AuditAction.SET_PARENT: "gắn chương trình gốc",
        AuditAction.UNDO: "hoàn tác", AuditAction.REDO: "làm lại",
        AuditAction.RESTORE_BACKUP: "khôi phục từ bản sao lưu",
        AuditAction.PICK: "đưa nhiệm vụ năm vào quý", AuditAction.UNPICK: "bỏ nhiệm vụ năm khỏi quý",
        AuditAction.RENAME: "đổi tên", AuditAction.ARCHIVE: "lưu trữ", AuditAction.UNARCHIVE: "bỏ lưu trữ",
        AuditAction.PURGE: "xóa hẳn khỏi thùng rác", AuditAction.REMOVE_DEMO: "xóa dữ liệu mẫu",
        AuditAction.AUTOFIX: "sửa tự động thể thức",
    },
    AuditEntity: {AuditEntity.PROGRAM: "chương trình", AuditEntity.NODE: "mục", AuditEntity.TASK: "nhiệm vụ",
                  AuditEntity.ORGANIZATION: "cơ quan", AuditEntity.TEMPLATE: "mẫu văn bản",
                  AuditEntity.INDICATOR: "chỉ tiêu", AuditEntity.ANNIVERSARY: "ngày kỷ niệm",
                  AuditEntity.DATABASE: "cơ sở dữ liệu"},
    BackupKind: {BackupKind.DAILY: "hằng ngày", BackupKind.PRE_MIGRATION: "trước khi nâng cấp",
                 BackupKind.PRE_ISSUE: "trước khi ban hành", BackupKind.MANUAL: "người dùng tạo",
                 BackupKind.PRE_RESTORE: "trước khi khôi phục"},
    Profile: {Profile.PARTY: "Văn bản của Đảng (Hướng dẫn 36-HD/VPTW)",
              Profile.STATE: "Văn bản hành chính nhà nước (Nghị định 30/2020/NĐ-CP)"},
}

# Groups the rules use, named once.
UNFINISHED: tuple[TaskStatus, ...] = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)
# statuses set only with their words: done with its result (and evidence), dropped with its reason
WITH_WORDS: frozenset[TaskStatus] = frozenset({TaskStatus.DONE, TaskStatus.DROPPED})
TEXT_KINDS: tuple[NodeKind, ...] = (NodeKind.ITEM, NodeKind.PARAGRAPH, NodeKind.BULLET)
LEAF_KINDS: tuple[NodeKind, ...] = (*TEXT_KINDS, NodeKind.INDICATOR)
