"""Errors that carry a message for the user (in Vietnamese), raised by the core.

The GUI shows ``str(error)`` in a message box (and ``details``, when there are any, behind
"Chi tiết"); the CLI prints it on stderr and exits 2. Anything else that escapes is a bug.
"""


class HgdeskError(Exception):
    """Base class: the message is complete and meant for the user; `details` is for support."""

    def __init__(self, message: str = "", details: str = "") -> None:
        super().__init__(message)
        self.details = details


class InputError(HgdeskError):
    """A file or value given by the user cannot be used; nothing was changed."""


class NotFoundError(HgdeskError):
    """The program, node or task asked for does not exist (any more)."""


class ConflictError(HgdeskError):
    """Someone else changed the same data since it was read."""


class LockedError(HgdeskError):
    """The change is not allowed, e.g. on an issued program."""


class DatabaseError(HgdeskError):
    """The database cannot be opened or used safely."""


class ForeignDatabaseError(DatabaseError):
    """The file is not an hgdesk database (or was made by a newer version): it is left untouched."""


class DatabaseBusyError(DatabaseError):
    """Another program holds the database; trying again later may work."""


class UntrustedPackageError(InputError):
    """A package signed by an office this database does not know yet: the user may trust it."""

    def __init__(self, message: str, sender: str, fingerprint: str, public_key: bytes) -> None:
        super().__init__(message)
        self.sender = sender
        self.fingerprint = fingerprint
        self.public_key = public_key


class DuplicateQuarterError(InputError):
    """The quarter already has a program: open it, or derive a new draft version beside it."""

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id


class ReportEditedError(InputError):
    """The report of this period was edited since it was drafted: regenerating would overwrite the
    edits, so the caller asks first (then passes overwrite=True) or keeps it."""

    def __init__(self, message: str, existing_id: int) -> None:
        super().__init__(message)
        self.existing_id = existing_id
