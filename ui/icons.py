"""Toolbar icons: the platform's icon theme where it has one (Windows 10/11 and most Linux desktops
since Qt 6.7), else Qt's built-in standard icons — nothing to bundle or credit beyond Qt itself."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from hgdesk.services import resource

SP = QStyle.StandardPixmap
T = QIcon.ThemeIcon
# action key → (theme icon, standard icon used when the theme has none)
ICONS = {
    "import": (T.DocumentOpen, SP.SP_DialogOpenButton),
    "derive": (T.DocumentNew, SP.SP_FileIcon),
    "save_version": (T.DocumentSave, SP.SP_DialogSaveButton),
    "issue": (T.MailSend, SP.SP_DialogApplyButton),
    "close_quarter": (T.GoNext, SP.SP_MediaSkipForward),
    "pdf": (T.DocumentSaveAs, SP.SP_FileLinkIcon),
    "print": (T.DocumentPrint, SP.SP_ComputerIcon),
    "help": (T.HelpAbout, SP.SP_DialogHelpButton),
    "undo": (T.EditUndo, SP.SP_ArrowBack),
    "redo": (T.EditRedo, SP.SP_ArrowForward),
    "add": (T.ListAdd, SP.SP_FileDialogNewFolder),
    "delete": (T.ListRemove, SP.SP_TrashIcon),
    "up": (T.GoUp, SP.SP_ArrowUp),
    "down": (T.GoDown, SP.SP_ArrowDown),
    "indent": (T.FormatIndentMore, SP.SP_ArrowRight),
    "outdent": (T.FormatIndentLess, SP.SP_ArrowLeft),
    "find": (T.EditFind, SP.SP_FileDialogContentsView),
    "replace": (T.ViewRefresh, SP.SP_BrowserReload),
}


def icon(key: str) -> QIcon:
    theme, standard = ICONS[key]
    found = QIcon.fromTheme(theme)
    return found if not found.isNull() else QApplication.style().standardIcon(standard)


def app_icon() -> QIcon:
    """The application's icon (window, taskbar): the SVG, with the PNG where SVG cannot be read."""
    found = QIcon(str(resource("icons", "hgdesk.svg")))
    found.addFile(str(resource("icons", "hgdesk.png")))
    return found
