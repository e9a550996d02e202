"""Write resources/i18n/qtbase_vi.ts (Qt's own dialog strings in Vietnamese) and compile it.

Qt ships no Vietnamese translation of its own dialogs (message-box buttons, "Show Details…",
file dialogs, wizards, context menus). Run after editing the table:
    .venv/bin/python tools/make_qt_translation.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "hgdesk" / "resources" / "i18n" / "qtbase_vi.ts"

BUTTONS = {
    "OK": "Đồng ý", "Save": "Lưu", "Save All": "Lưu tất cả", "Open": "Mở", "&Yes": "&Có", "Yes to &All": "Có với tất &cả",
    "&No": "&Không", "N&o to All": "Khô&ng với tất cả", "Abort": "Hủy bỏ", "Retry": "Thử lại", "Ignore": "Bỏ qua",
    "Close": "Đóng", "Cancel": "Hủy", "Discard": "Không lưu", "Don't Save": "Không lưu", "Close without Saving": "Đóng không lưu",
    "Help": "Trợ giúp", "Apply": "Áp dụng", "Reset": "Đặt lại", "Restore Defaults": "Khôi phục mặc định",
    "Yes": "Có", "No": "Không",
}
CONTEXTS: dict[str, dict[str, str]] = {
    "QPlatformTheme": BUTTONS,
    "QDialogButtonBox": BUTTONS,
    "QMessageBox": {
        "Show Details...": "Xem chi tiết…", "Hide Details...": "Ẩn chi tiết", "OK": "Đồng ý",
        "Copy": "Sao chép", "<h3>About Qt</h3>": "<h3>Giới thiệu Qt</h3>", "About Qt": "Giới thiệu Qt",
    },
    "QFileDialog": {
        "Look in:": "Tìm trong:", "&Look in:": "&Tìm trong:", "Files of &type:": "&Loại tệp:",
        "File &name:": "&Tên tệp:", "File name:": "Tên tệp:", "Files of type:": "Loại tệp:",
        "&Open": "&Mở", "&Save": "&Lưu", "Open": "Mở", "Save As": "Lưu thành", "Directory:": "Thư mục:",
        "New Folder": "Thư mục mới", "&New Folder": "Thư mục &mới", "Create New Folder": "Tạo thư mục mới",
        "Detail View": "Xem chi tiết", "List View": "Xem danh sách", "Back": "Quay lại", "Forward": "Tiến tới",
        "Parent Directory": "Thư mục cha", "All Files (*)": "Tất cả tệp (*)", "&Choose": "&Chọn",
        "Recent Places": "Nơi gần đây", "My Computer": "Máy tính", "Computer": "Máy tính",
        "%1 already exists.\nDo you want to replace it?": "%1 đã có.\nBạn có muốn ghi đè không?",
        "Are you sure you want to delete '%1'?": "Bạn có chắc muốn xóa “%1”?", "&Delete": "&Xóa",
        "&Rename": "Đổi &tên", "Show &hidden files": "Hiện tệp ẩ&n", "Find Directory": "Tìm thư mục",
        "Directories": "Thư mục", "Files": "Tệp", "Drive": "Ổ đĩa", "File": "Tệp", "Unknown": "Không rõ",
        "%1\nFile not found.\nPlease verify the correct file name was given.":
            "%1\nKhông tìm thấy tệp.\nHãy kiểm tra lại tên tệp.",
    },
    "QFileSystemModel": {"Name": "Tên", "Size": "Cỡ", "Type": "Loại", "Kind": "Loại", "Date Modified": "Ngày sửa",
                         "My Computer": "Máy tính", "Computer": "Máy tính"},
    "QLineEdit": {"&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "Cắ&t", "&Copy": "&Sao chép",
                  "&Paste": "&Dán", "Delete": "Xóa", "Select All": "Chọn tất cả"},
    "QWidgetTextControl": {"&Undo": "&Hoàn tác", "&Redo": "&Làm lại", "Cu&t": "Cắ&t", "&Copy": "&Sao chép",
                           "&Paste": "&Dán", "Delete": "Xóa", "Select All": "Chọn tất cả",
                           "Copy &Link Location": "Sao chép địa chỉ liên &kết"},
    "QWizard": {"< &Back": "< &Quay lại", "&Next": "&Tiếp", "&Next >": "&Tiếp >", "&Finish": "&Hoàn tất",
                "Cancel": "Hủy", "&Help": "&Trợ giúp", "Go Back": "Quay lại", "Continue": "Tiếp tục",
                "Commit": "Xác nhận", "Done": "Xong", "Help": "Trợ giúp"},
    "QUndoStack": {"Undo %1": "Hoàn tác %1", "Redo %1": "Làm lại %1", "Undo": "Hoàn tác", "Redo": "Làm lại"},
    "QUndoGroup": {"Undo %1": "Hoàn tác %1", "Redo %1": "Làm lại %1", "Undo": "Hoàn tác", "Redo": "Làm lại"},
    "QUndoModel": {"<empty>": "<trống>"},
    "QProgressDialog": {"Cancel": "Hủy"},
    "QAbstractSpinBox": {"&Step up": "&Tăng", "Step &down": "&Giảm", "&Select All": "&Chọn tất cả"},
    "QCalendarWidget": {"Week": "Tuần"},
    "QPrintDialog": {"Print": "In", "&Print": "&In", "Print To File ...": "In ra tệp…", "Print range": "Phạm vi in",
                     "All Pages": "Tất cả các trang", "Pages from": "Từ trang", "to": "đến", "Copies": "Số bản",
                     "Collate": "Xếp theo bộ", "&Options >>": "&Tùy chọn >>", "&Options <<": "&Tùy chọn <<",
                     "Print to File (PDF)": "In ra tệp (PDF)", "Local file": "Tệp trên máy",
                     "Write PDF file": "Ghi tệp PDF", "A4": "A4", "Print all": "In tất cả",
                     "Odd Pages": "Trang lẻ", "Even Pages": "Trang chẵn", "Current Page": "Trang hiện tại",
                     "Selection": "Phần đã chọn", "Print current page": "In trang hiện tại", "Portrait": "Dọc", "Landscape": "Ngang"},
    # the print dialog's forms (qprintsettingsoutput.ui, qprintwidget.ui, qpagesetupwidget.ui) translate
    # in their own contexts
    "QPrintSettingsOutput": {
        "Form": "Mẫu", "Copies": "Số bản", "Copies:": "Số bản:", "Collate": "Xếp theo bộ", "Reverse": "In ngược thứ tự",
        "Options": "Tùy chọn", "Color Mode": "Chế độ màu", "Color": "Màu", "Grayscale": "Đen trắng",
        "Duplex Printing": "In hai mặt", "Double Sided Printing": "In hai mặt", "None": "Không", "Off": "Tắt",
        "Long side": "Lật theo cạnh dài", "Long side binding": "Lật theo cạnh dài", "Short side": "Lật theo cạnh ngắn",
        "Short side binding": "Lật theo cạnh ngắn", "Print range": "Phạm vi in", "Print all": "In tất cả",
        "Pages from": "Từ trang", "to": "đến", "Pages": "Các trang", "Current Page": "Trang hiện tại",
        "Selection": "Phần đã chọn", "Page &Set:": "&Nhóm trang:", "All Pages": "Tất cả các trang",
        "Odd Pages": "Trang lẻ", "Even Pages": "Trang chẵn", "Output Settings": "Thiết lập bản in",
        "Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. "
        "E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.":
            "Ghi các trang hoặc khoảng trang, cách nhau bằng dấu phẩy; khoảng trang là hai số nối bằng gạch ngang. "
            "Ví dụ: 3,5-7,9 in các trang 3, 5, 6, 7 và 9.",
    },
    "QPrintWidget": {"Form": "Mẫu", "Printer": "Máy in", "&Name:": "&Tên:", "P&roperties": "&Thuộc tính",
                     "Location:": "Vị trí:", "Preview": "Xem trước", "Type:": "Loại:", "Output &file:": "&Tệp in ra:",
                     "...": "…"},
    "QPrintPropertiesDialog": {"Printer Properties": "Thuộc tính máy in", "Job Options": "Tùy chọn lệnh in",
                               "Page Setup Conflicts": "Thiết lập trang xung đột", "Advanced": "Nâng cao"},
    "QPrintPropertiesWidget": {"Form": "Mẫu", "Page": "Trang", "Advanced": "Nâng cao"},
    "QPageSetupWidget": {
        "Form": "Mẫu", "Paper": "Giấy", "Page size:": "Khổ giấy:", "Width:": "Rộng:", "Height:": "Cao:",
        "Paper source:": "Khay giấy:", "Orientation": "Hướng giấy", "Portrait": "Dọc", "Landscape": "Ngang",
        "Reverse landscape": "Ngang, đảo chiều", "Reverse portrait": "Dọc, đảo chiều", "Margins": "Lề",
        "top margin": "lề trên", "left margin": "lề trái", "right margin": "lề phải", "bottom margin": "lề dưới",
        "Page Layout": "Bố cục trang", "Page order:": "Thứ tự trang:", "Pages per sheet:": "Số trang mỗi tờ:",
        "Millimeters (mm)": "Milimét (mm)", "Inches (in)": "Inch (in)", "Points (pt)": "Điểm (pt)",
        "Custom": "Tùy chỉnh",
    },
    "QPageSetupDialog": {"Page Setup": "Thiết lập trang"},
    "QPrintPreviewDialog": {"Print Preview": "Xem trước khi in", "Print": "In", "Page Setup": "Thiết lập trang",
                            "Close": "Đóng"},
    "QShortcut": {"Ctrl": "Ctrl", "Shift": "Shift", "Alt": "Alt", "Del": "Del", "Ins": "Ins", "Home": "Home",
                  "End": "End", "Esc": "Esc"},
}


def write_ts() -> None:
    parts = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", '<TS version="2.1" language="vi_VN">']
    for context, messages in CONTEXTS.items():
        parts.append(f"<context><name>{context}</name>")
        for source, translation in messages.items():
            parts.append(f"<message><source>{escape(source)}</source><translation>{escape(translation)}"
                         "</translation></message>")
        parts.append("</context>")
    parts.append("</TS>")
    TS.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main() -> int:
    write_ts()
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    return subprocess.call([str(lrelease), "-silent", str(TS), "-qm", str(TS.with_suffix(".qm"))])


if __name__ == "__main__":
    sys.exit(main())
