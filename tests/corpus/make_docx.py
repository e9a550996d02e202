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


def tamky_plan_typed_in_word() -> None:
    """Held-out round 4: a ward plan typed in Word with numbers typed by hand, under a two-cell header table,
    a hard line break inside the title, the signature block in a two-cell table."""
    b = DocxBuilder()
    b.header_table(["ĐẢNG BỘ THÀNH PHỐ ĐÀ NẴNG", "ĐẢNG ỦY PHƯỜNG TAM KỲ", "*", "Số 09-KH/ĐU"],
                   ["ĐẢNG CỘNG SẢN VIỆT NAM", "Tam Kỳ, ngày 25 tháng 8 năm 2025"])
    b.para("KẾ HOẠCH")
    b.para("học tập, quán triệt và triển khai thực hiện Nghị quyết Đại hội đại biểu")
    b.para("Đảng bộ phường lần thứ I, nhiệm kỳ 2025 - 2030")
    b.para("-----")
    b.para("Thực hiện Nghị quyết Đại hội đại biểu Đảng bộ phường Tam Kỳ lần thứ I, nhiệm kỳ 2025 - 2030, "
           "Ban Thường vụ Đảng ủy phường xây dựng Kế hoạch học tập, quán triệt và triển khai thực hiện như sau:")
    b.para("I. MỤC ĐÍCH, YÊU CẦU")
    b.para("1. Mục đích")
    b.para("- Giúp cán bộ, đảng viên và Nhân dân nắm vững mục tiêu tổng quát và 15 chỉ tiêu chủ yếu của Nghị quyết.")
    b.para("- Tạo sự thống nhất về nhận thức và hành động trong toàn Đảng bộ.")
    b.para("2. Yêu cầu")
    b.para("- Việc học tập, quán triệt phải nghiêm túc, thiết thực, gắn với chương trình hành động của từng chi bộ.")
    b.para("II. NỘI DUNG")
    b.para("1. Các chỉ tiêu chủ yếu cần quán triệt")
    b.para("- Tổng thu ngân sách nhà nước tăng bình quân hằng năm 8-9%;")
    b.para("- Tổng giá trị sản phẩm trên địa bàn tăng bình quân tối thiểu 12%;")
    b.para("- Thu nhập bình quân đầu người tăng hơn 8%/năm;")
    b.para("- Tỷ lệ hộ nghèo theo chuẩn đa chiều dưới 0,2% vào năm 2030.")
    b.para("2. Bốn nội dung trọng tâm của Chương trình hành động")
    b.para("- Huy động mạnh mẽ nguồn lực xã hội để phát triển kinh tế theo hướng tăng tỷ trọng thương mại - dịch vụ.")
    b.para("- Nâng cao hiệu quả sản xuất công nghiệp, nông nghiệp đô thị.")
    b.para("III. TỔ CHỨC THỰC HIỆN")
    b.para("Các chi bộ trực thuộc tổ chức quán triệt đến 100% đảng viên trước ngày 30/9/2025.")
    b.header_table(["Nơi nhận:", "- Ban Thường vụ Thành ủy,", "- Các chi bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy."],
                   ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "Nguyễn Thị Thu Lan"])
    b.save(HERE / "c57_kh_phuong_tamky_word.docx")


def xuandinh_plan_with_word_numbering() -> None:
    """Held-out round 4: a commune plan in Word with automatic numbering and its targets in a Word table."""
    b = DocxBuilder()
    b.header_table(["ĐẢNG BỘ TỈNH ĐỒNG NAI", "ĐẢNG ỦY XÃ XUÂN ĐỊNH", "*", "Số 31-KH/ĐU"],
                   ["ĐẢNG CỘNG SẢN VIỆT NAM", "Xuân Định, ngày 06 tháng 02 năm 2026"])
    for line in ("KẾ HOẠCH", "thực hiện nhiệm vụ chính trị năm 2026", "-----",
                 "Căn cứ kết quả Hội nghị tổng kết việc thực hiện các nghị quyết, chỉ thị của Đảng năm 2025 ngày "
                 "04/02/2026, Ban Thường vụ Đảng ủy xã Xuân Định ban hành Kế hoạch thực hiện nhiệm vụ năm 2026 "
                 "như sau:"):
        b.para(line)
    b.para("MỤC TIÊU, CHỈ TIÊU", b.outline, 0)
    b.data_table([["Chỉ tiêu", "Năm 2026"], ["Tổng thu ngân sách nhà nước trên địa bàn", "35 tỷ đồng"],
                  ["Tỷ lệ hộ nghèo", "dưới 1%"], ["Tỷ lệ tổ chức đảng hoàn thành tốt nhiệm vụ trở lên", "90%"]])
    b.para("NHIỆM VỤ, GIẢI PHÁP", b.outline, 0)
    for task in ("Nâng cao chất lượng công tác xây dựng Đảng, hiệu lực quản lý nhà nước.",
                 "Phát triển kinh tế - xã hội, chăm lo đời sống Nhân dân.",
                 "Giữ vững quốc phòng, an ninh, trật tự an toàn xã hội."):
        b.para(task, b.items)
    b.para("TỔ CHỨC THỰC HIỆN", b.outline, 0)
    b.para("Văn phòng Đảng ủy theo dõi, đôn đốc, định kỳ báo cáo Ban Thường vụ Đảng ủy.")
    b.header_table(["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy,", "- Các chi bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy."],
                   ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "", "Lê Thị Hiệp"])
    b.save(HERE / "c61_kh_xa_xuandinh_2026_word.docx")


def phutho_notice_issuer_on_two_lines() -> None:
    """Held-out round 5: a ward notice in Word whose header cell writes the issuer over two lines and whose
    signature cell says "(Đã ký)" in place of the name."""
    b = DocxBuilder()
    b.header_table(["ĐẢNG BỘ TỈNH PHÚ THỌ", "ĐẢNG ỦY PHƯỜNG", "PHÚ THỌ", "*", "Số 36-TB/ĐU"],
                   ["ĐẢNG CỘNG SẢN VIỆT NAM", "Phú Thọ, ngày 28 tháng 7 năm 2025"])
    b.para("THÔNG BÁO")
    b.para("kết luận của Ban Thường vụ Đảng ủy phường về triển khai Nghị quyết Đại hội")
    b.para("-----")
    b.para("Ngày 28/7/2025, Ban Thường vụ Đảng ủy phường Phú Thọ họp, cho ý kiến về việc triển khai Nghị quyết "
           "Đại hội đại biểu Đảng bộ phường lần thứ I, nhiệm kỳ 2025 - 2030. Ban Thường vụ kết luận như sau:")
    b.para("1. Phường Phú Thọ được thành lập trên cơ sở hợp nhất phường Hùng Vương và các xã Văn Lung, Hà Lộc "
           "với 47 chi, đảng bộ trực thuộc; các chi, đảng bộ khẩn trương kiện toàn tổ chức.")
    b.para("2. Giao Ủy ban nhân dân phường tạo điều kiện thuận lợi cho 28 dự án đầu tư tại các khu công nghiệp "
           "trên địa bàn, bảo đảm việc làm cho người lao động.")
    b.para("3. Các chi, đảng bộ trực thuộc tổ chức quán triệt Nghị quyết Đại hội đến 100% đảng viên trong tháng 8/2025.")
    b.header_table(["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy,", "- Các chi, đảng bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy."],
                   ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "(Đã ký)"])
    b.save(HERE / "c67_tb_phuong_phutho_word.docx")


def toanthang_plan_with_outline_numbering() -> None:
    """Held-out round 6: a commune plan in Word whose parts and sections are both automatic outline
    numbering (I. / 1.), its targets typed as dash lines, the signature table with the name."""
    b = DocxBuilder()
    b.header_table(["ĐẢNG BỘ TỈNH PHÚ THỌ", "ĐẢNG ỦY XÃ TOÀN THẮNG", "*", "Số 04-KH/ĐU"],
                   ["ĐẢNG CỘNG SẢN VIỆT NAM", "Toàn Thắng, ngày 15 tháng 8 năm 2025"])
    for line in ("KẾ HOẠCH", "thực hiện Nghị quyết Đại hội đại biểu Đảng bộ xã lần thứ I, nhiệm kỳ 2025 - 2030", "-----"):
        b.para(line)
    b.para("MỤC TIÊU, CHỈ TIÊU", b.outline, 0)
    b.para("Mục tiêu chung", b.outline, 1)
    b.para("Xây dựng Đảng bộ và hệ thống chính trị trong sạch, vững mạnh; phát triển kinh tế - xã hội nhanh, bền vững.")
    b.para("Các chỉ tiêu chủ yếu đến năm 2030", b.outline, 1)
    b.para("- Tỷ lệ lao động qua đào tạo đạt 80%;")
    b.para("- Tỷ lệ dân số tham gia bảo hiểm y tế đạt 96%;")
    b.para("- Hộ nghèo giảm còn dưới 2%.")
    b.para("NHIỆM VỤ, GIẢI PHÁP", b.outline, 0)
    b.para("Chuyển dịch cơ cấu lao động, giảm tỷ trọng lao động nông nghiệp.", b.outline, 1)
    b.para("Nâng cao chất lượng giáo dục, giữ vững 100% trường học đạt chuẩn.", b.outline, 1)
    b.para("TỔ CHỨC THỰC HIỆN", b.outline, 0)
    b.para("Các chi bộ trực thuộc xây dựng kế hoạch cụ thể, báo cáo kết quả hằng năm.")
    b.header_table(["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy,", "- Các chi bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy."],
                   ["T/M BAN THƯỜNG VỤ", "BÍ THƯ", "", "", "Đinh Văn Hải"])
    b.save(HERE / "c73_kh_xa_toanthang_word_outline.docx")


def hoachau_plan_pasted_from_pdf_into_word() -> None:
    """Held-out round 7: a ward plan copied out of a PDF into Word under a header table, one paragraph per
    physical line (the body hard-wrapped), with a footnote on the cited resolution."""
    b = DocxBuilder()
    b.header_table(["ĐẢNG BỘ THÀNH PHỐ HUẾ", "ĐẢNG ỦY PHƯỜNG HÓA CHÂU", "*", "Số 22-KH/ĐU"],
                   ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hóa Châu, ngày 20 tháng 01 năm 2026"])
    for line in ["KẾ HOẠCH", "đẩy mạnh cải cách hành chính, chuyển đổi số năm 2026", "-----"]:
        b.para(line)
    b.para("Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, công nghệ,",
           footnote="Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.")
    for line in [
        "đổi mới sáng tạo và chuyển đổi số quốc gia, Ban Thường vụ Đảng ủy phường ban hành Kế hoạch",
        "như sau:",
        "I. MỤC TIÊU",
        "1. Giữ vững vị trí nhóm dẫn đầu các phường, xã của thành phố về tiếp nhận hồ sơ trực",
        "tuyến.",
        "2. Phấn đấu 100% cán bộ, công chức phường sử dụng thành thạo các nền tảng số dùng chung.",
        "II. NHIỆM VỤ, GIẢI PHÁP",
        "1. Ứng dụng sổ tay đảng viên điện tử, chuẩn hóa cơ sở dữ liệu đảng viên trong toàn Đảng",
        "bộ phường.",
        "2. Nâng cao kỹ năng chuyển đổi số của cán bộ và Nhân dân.",
    ]:
        b.para(line)
    b.header_table(["Nơi nhận:", "- Thành ủy Huế,", "- Các chi, đảng bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy."],
                   ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"])
    b.save(HERE / "c78_kh_phuong_hoachau_pdf_into_word.docx")


def vinhphu_notice_cells_with_line_breaks() -> None:
    """Held-out round 8: a notice in Word whose header cells hold one paragraph each, their lines
    separated by line breaks (Shift+Enter), as many offices type them."""
    b = DocxBuilder()
    table = b.doc.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (["ĐẢNG BỘ TỈNH PHÚ THỌ", "ĐẢNG ỦY XÃ VĨNH PHÚ", "*", "Số 71-TB/ĐU"],
                                                 ["ĐẢNG CỘNG SẢN VIỆT NAM", "Vĩnh Phú, ngày 05 tháng 01 năm 2026"]),
                           strict=True):
        run = cell.paragraphs[0].add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run = cell.paragraphs[0].add_run(line)
    for line in ("THÔNG BÁO", "kết luận của Ban Thường vụ Đảng ủy xã về nhiệm vụ tháng 01/2026", "-----",
                 "Ngày 05/01/2026, Ban Thường vụ Đảng ủy xã Vĩnh Phú họp, Ban Thường vụ kết luận:",
                 "1. Thu ngân sách nhà nước năm 2025 ước đạt 38,723 tỷ đồng, đạt 154% dự toán.",
                 "2. Ủy ban nhân dân xã chỉ đạo sản xuất vụ Xuân, ứng dụng tiến bộ kỹ thuật.",
                 "3. Các chi bộ tổ chức sinh hoạt chuyên đề về chuyển đổi số theo Nghị quyết số 57-NQ/TW."):
        b.para(line)
    b.header_table(["Nơi nhận:", "- Các chi bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy."],
                   ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ THƯỜNG TRỰC"])
    b.save(HERE / "c81_tb_xa_vinhphu_word_breaks.docx")


def vinhloc_plan_header_table_in_rows() -> None:
    """Held-out round 11: a Word template whose header table has one row per header line (left | right),
    the right cells of the middle rows empty."""
    b = DocxBuilder()
    rows = [("ĐẢNG BỘ TỈNH THANH HÓA", "ĐẢNG CỘNG SẢN VIỆT NAM"), ("ĐẢNG ỦY XÃ VĨNH LỘC", ""), ("*", ""),
            ("Số 19-KH/ĐU", "Vĩnh Lộc, ngày 25 tháng 9 năm 2025")]
    table = b.doc.add_table(rows=len(rows), cols=2)
    for r, (left, right) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text = left, right
    for line in ("KẾ HOẠCH", "học tập, quán triệt Nghị quyết Đại hội đại biểu Đảng bộ xã lần thứ I", "-----",
                 "I. MỤC ĐÍCH, YÊU CẦU",
                 "Cán bộ, đảng viên nắm vững 25 chỉ tiêu của Nghị quyết, phấn đấu đến năm 2030 xã đạt nông thôn mới nâng cao.",
                 "II. NỘI DUNG", "1. Quán triệt mục tiêu tổng quát và các chỉ tiêu chủ yếu.",
                 "2. Xây dựng chương trình hành động của từng chi bộ.", "III. TỔ CHỨC THỰC HIỆN",
                 "Văn phòng Đảng ủy tổng hợp kết quả học tập, báo cáo Ban Thường vụ trước ngày 30/10/2025."):
        b.para(line)
    b.header_table(["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy,", "- Các chi, đảng bộ trực thuộc,", "- Lưu Văn phòng Đảng ủy."],
                   ["T/M BAN THƯỜNG VỤ", "BÍ THƯ"])
    b.save(HERE / "c87_kh_xa_vinhloc_word_header_rows.docx")


if __name__ == "__main__":
    seed002_pasted_line_by_line()
    dongson_with_word_numbering()
    cv175_typed_in_word()
    hd06_for_layout_text()
    tamky_plan_typed_in_word()
    xuandinh_plan_with_word_numbering()
    phutho_notice_issuer_on_two_lines()
    toanthang_plan_with_outline_numbering()
    hoachau_plan_pasted_from_pdf_into_word()
    vinhphu_notice_cells_with_line_breaks()
    vinhloc_plan_header_table_in_rows()
