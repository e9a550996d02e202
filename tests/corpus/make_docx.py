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


if __name__ == "__main__":
    seed002_pasted_line_by_line()
    dongson_with_word_numbering()
