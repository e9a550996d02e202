"""Build the .docx members of the corpus (run from the repository root:
``.venv/bin/python -m tests.corpus.make_docx``). Kept so the files can be rebuilt and checked."""

from __future__ import annotations

from pathlib import Path

from tests.docx_builder import DocxBuilder

HERE = Path(__file__).parent
SEED_002 = Path("/work/shared/seeds/002_dabe0b5075744a25.txt")


def seed002_pasted_line_by_line() -> None:
    """Seed 002 (text copied out of a PDF) pasted into Word: one paragraph per physical line."""
    b = DocxBuilder()
    source = HERE / "c25_seed002_as_docx.source.txt"
    for line in source.read_text(encoding="utf-8").splitlines():
        b.para(line)
    b.save(HERE / "c25_seed002_as_docx.docx")


def dongson_with_word_numbering() -> None:
    """c11 typed in Word: header table, automatic numbering for parts, items and sections."""
    b = DocxBuilder()
    b.header_table(
        ["ĐẢNG BỘ TỈNH THANH HÓA", "ĐẢNG ỦY PHƯỜNG ĐÔNG SƠN", "*", "Số 02-KH/ĐU"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Đông Sơn, ngày 17 tháng 9 năm 2025"],
    )
    b.para("KẾ HOẠCH")
    b.para("học tập, quán triệt, triển khai thực hiện Nghị quyết Đại hội")
    b.para("Đảng bộ phường lần thứ I, nhiệm kỳ 2025 - 2030")
    b.para("-----")
    b.para("Nghị quyết Đại hội Đại biểu Đảng bộ phường Đông Sơn lần thứ I đề ra phương hướng chung là: "
           "Xây dựng Đảng và hệ thống chính trị trong sạch, vững mạnh; nâng cao năng lực lãnh đạo, hiệu lực, "
           "hiệu quả quản lý, điều hành của chính quyền; đẩy mạnh cải cách hành chính, chuyển đổi số; phấn đấu "
           "đến năm 2030 xây dựng Đông Sơn đạt tiêu chí đô thị văn minh.")
    b.para("NHỮNG CHỈ TIÊU QUAN TRỌNG CẦN QUÁN TRIỆT", b.outline, 0)
    b.data_table([
        ["Chỉ tiêu", "Mục tiêu đến năm 2030"],
        ["Tốc độ tăng tổng giá trị sản phẩm bình quân hằng năm", "11,8%"],
        ["Thu nhập bình quân đầu người", "95 triệu đồng"],
        ["Tỷ lệ dân số tham gia bảo hiểm y tế", "96%"],
        ["Thành lập mới doanh nghiệp trong nhiệm kỳ", "750 doanh nghiệp"],
        ["Kết nạp đảng viên", "600 đảng viên"],
    ])
    b.para("TỔ CHỨC THỰC HIỆN", b.outline, 0)
    b.para("Các chi bộ trực thuộc tổ chức học tập, quán triệt Nghị quyết đến 100% đảng viên.", b.items)
    b.para("Văn phòng Đảng ủy theo dõi, tổng hợp kết quả, báo cáo Ban Thường vụ Đảng ủy.", b.items)
    b.header_table(
        ["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy,", "- Các chi, đảng bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy."],
        ["T/M ĐẢNG ỦY", "BÍ THƯ"],
    )
    b.save(HERE / "c27_kh_phuong_dongson_word.docx")


def _verbatim_lines(name: str, start: str) -> list[str]:
    """The lines of a verbatim corpus text from the one that starts with `start` (its page lines dropped)."""
    lines = [x for x in (HERE / name).read_text(encoding="utf-8").splitlines() if x.strip()]
    return lines[next(i for i, x in enumerate(lines) if x.startswith(start)):]


def cv175_typed_in_word() -> None:
    """c43 (Công văn 175-CV/TU of the Thành ủy, verbatim body) typed in Word the way the office would:
    a header table with the number and date its page title states, the subject line under the number,
    body and signature as published. Reconstructed: the place line (the page gives no place)."""
    b = DocxBuilder()
    b.header_table(
        ["THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH", "*", "Số 175-CV/TU",
         "V/v tổ chức kỷ niệm 77 năm ngày thành lập Đảng và phát động cuộc vận động \"Học tập và làm theo "
         "tấm gương đạo đức Hồ Chí Minh\""],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "TP. Hồ Chí Minh, ngày 25 tháng 01 năm 2007"],
    )
    for line in _verbatim_lines("c43_cv175_thanh_uy_hcm_web.txt", "Thực hiện chỉ đạo"):
        b.para(line)
    b.save(HERE / "c51_cv175_word_header_table.docx")


def hd06_for_layout_text() -> Path:
    """c41 (Hướng dẫn 06-HD/UBKTTW, verbatim) in Word with its header as a two-column table, to be printed
    to PDF by LibreOffice and read back with `pdftotext -layout` (make_layout.sh)."""
    b = DocxBuilder()
    b.header_table(["BAN CHẤP HÀNH TRUNG ƯƠNG", "ỦY BAN KIỂM TRA", "-------", "Số: 06-HD/UBKTTW"],
                   ["ĐẢNG CỘNG SẢN VIỆT NAM", "---------------", "Hà Nội, ngày 18 tháng 12 năm 2018"])
    for line in _verbatim_lines("c41_hd06_ubkttw_web.txt", "HƯỚNG DẪN"):
        b.para(line)
    return b.save(HERE.parent.parent / "build" / "c52_hd06_ubkttw.docx")


if __name__ == "__main__":
    seed002_pasted_line_by_line()
    dongson_with_word_numbering()
    cv175_typed_in_word()
    hd06_for_layout_text()
