"""hgdesk-cli: the command-line face of hgdesk.services (stable contract for scripts and tests)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from typing import Any

from hgdesk.arguments import argument_parser
from hgdesk.errors import HgdeskError, InputError


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _open(args: argparse.Namespace):
    """The database, opened through the same checks as the window: identity, then health."""
    from hgdesk.db import Database
    from hgdesk.errors import DatabaseError

    db = Database(args.database)
    if not db.healthy():
        db.dispose()
        raise DatabaseError("Tệp dữ liệu bị hỏng (kiểm tra toàn vẹn không đạt). Xem các bản sao lưu bằng lệnh "
                            "“backups” và khôi phục bằng lệnh “restore”.")
    return db


def cmd_parse(args: argparse.Namespace) -> int:
    from hgdesk import services

    parsed = services.parse_only(args.file)
    if args.json:
        _print_json(parsed.to_json())
    else:
        data = parsed.to_json()
        print(f"{data['kind']} {data['year']} quý {data['quarter']}: {sum(1 for _ in parsed.walk())} mục")
        for warning in parsed.warnings:
            print(f"Cảnh báo: {warning}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from hgdesk import services

    db = _open(args)
    program_id = services.import_file(db, args.file, args.organization)
    if args.json:
        _print_json(services.program_json(db, program_id))
    else:
        print(program_id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from hgdesk import services

    rows = services.list_programs(_open(args))
    if args.json:
        _print_json([row.__dict__ for row in rows])
    else:
        for row in rows:
            state = "dự thảo" if row.status == "draft" else "đã ban hành"
            print(f"{row.id:>5}  {row.organization:<28} {row.title:<45} {state}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from hgdesk import services

    data = services.program_json(_open(args), args.id)
    if args.json:
        _print_json(data)
    else:
        from hgdesk.importing.model import ParsedNode

        def walk(nodes: list[dict], depth: int) -> None:
            for n in nodes:
                node = ParsedNode(n["kind"], n["label"], n["heading"], n["text"])
                print("  " * depth + f"[{n['id']}] {node.label} {(node.heading or node.text)[:80]}")
                walk(n["children"], depth + 1)

        walk(data["nodes"], 0)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from hgdesk.errors import InputError

    if not args.pdf and not args.docx:
        raise InputError("Cần ít nhất một trong --pdf hoặc --docx.")
    options = {"profile": args.profile, "tone": args.tone, "duplex": args.duplex}
    if not (args.source.isdigit() and not Path(args.source).exists()):
        # A file: rendered without loading the database layer (the whole process stays short).
        from hgdesk.printing import render_file

        for path in render_file(Path(args.source), {"pdf": args.pdf, "docx": args.docx}, **options):
            print(path)
        return 0
    from hgdesk import services

    source, db = int(args.source), _open(args)
    if args.pdf:
        print(services.export_pdf(db, source, args.pdf, **options))
    if args.docx:
        print(services.export_docx(db, source, args.docx, **options))
    return 0


def cmd_derive(args: argparse.Namespace) -> int:
    from hgdesk import services

    db = _open(args)
    if args.organization is not None:
        program_id = services.derive_for_organisation(db, args.id, args.organization)
    elif args.quarter is not None:
        program_id = services.derive_quarter(db, args.id, args.quarter, as_new_version=args.new_version)
    else:
        raise InputError("Cần --quarter N (chương trình quý) hoặc --organization ID (chương trình cấp dưới).")
    if args.json:
        _print_json(services.program_json(db, program_id))
    else:
        print(program_id)
    return 0


def cmd_task(args: argparse.Namespace) -> int:
    from hgdesk import services

    db = _open(args)
    if args.action == "set":
        from hgdesk.vocab import TaskStatus

        if args.status and TaskStatus.parse(args.status) == TaskStatus.DROPPED:  # as in the window: a reason
            services.drop_tasks(db, [args.task_id], args.note or "")
            args.status, args.note = None, None
        result = services.update_task(db, args.task_id, status=args.status, lead_unit=args.unit,
                                      cooperating_units=args.cooperating, result_note=args.note)
        _print_json(result) if args.json else print(result["status"])
    else:
        chain = services.task_chain(db, args.task_id)
        if args.json:
            _print_json(chain)
        else:
            for link in chain:  # a quarter that set the same annual task again, not carried: "(giao lại)"
                again = " (giao lại)" if link["restated"] else ""
                print(f"{link['period']:<10} {link['status'] + again:<22} {link['text'][:90]}")
    return 0


def cmd_close_quarter(args: argparse.Namespace) -> int:
    from hgdesk import services

    db = _open(args)
    proposal = services.close_quarter_proposal(db, args.id)
    for item in proposal:
        print(f"{item['task_id']:>6}  {item['label']:<6} {item['text'][:90]}")
    if not args.yes:
        print(f"{len(proposal)} nhiệm vụ chưa hoàn thành sẽ được chuyển sang quý sau. Chạy lại với --yes để xác nhận.")
        return 0
    carried = services.close_quarter(db, args.id)
    print(f"Đã kết thúc quý; {len(carried)} nhiệm vụ chuyển sang quý sau.")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from hgdesk import services

    db = _open(args)
    data: Any
    if args.kind == "carried":
        data = services.report_carried(db, args.id, args.minimum)
    elif args.kind == "coverage":
        data = services.report_coverage(db, args.id)
    else:
        data = services.report_status(db, args.id)
    if args.json:
        _print_json(data)
    elif args.kind == "carried":
        for unit, tasks in data.items():
            print(unit)
            for t in tasks:
                print(f"  {t['carries']} lần  {t['text'][:90]}")
    elif args.kind == "coverage":
        for row in data:
            print(f"{row['node_id']:>6}  {row['label']:<6} {row['text'][:90]}")
    else:
        for row in data:
            counts = ", ".join(f"{k}: {v}" for k, v in row["status"].items())
            print(f"Quý {row['quarter']}: {row['total']} nhiệm vụ ({counts})")
    return 0


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from hgdesk import services

    print(services.export_tracking_workbook(_open(args), args.id, args.out))
    return 0


def cmd_import_xlsx(args: argparse.Namespace) -> int:
    from hgdesk import services

    report = services.import_tracking_workbook(_open(args), args.id, args.file, apply=not args.dry_run)
    if args.json:
        _print_json(report)
        return 0
    for change in report["changes"]:
        print(f"dòng {change['row']}: nhiệm vụ {change['task_id']} {change['field']}: {change['old']!r} → {change['new']!r}")
    for line in report["conflicts"]:
        print(f"XUNG ĐỘT {line}")
    for line in report["errors"]:
        print(f"LỖI {line}")
    state = "đã cập nhật" if report["applied"] else "chạy thử, chưa cập nhật"
    print(f"{len(report['changes'])} thay đổi, {len(report['conflicts'])} xung đột, {len(report['errors'])} lỗi ({state}).")
    return 2 if report["errors"] else 0


def cmd_export_package(args: argparse.Namespace) -> int:
    from hgdesk import services

    print(services.export_package(_open(args), args.id, args.out))
    return 0


def cmd_import_package(args: argparse.Namespace) -> int:
    from hgdesk import services

    print(services.import_package(_open(args), args.file, args.organization, trust=args.trust))
    return 0


def cmd_issue(args: argparse.Namespace) -> int:
    from datetime import date

    from hgdesk import services
    from hgdesk.errors import InputError

    try:
        issued = date.fromisoformat(args.date)
    except ValueError:
        raise InputError(f"Ngày “{args.date}” không hợp lệ; dạng đúng là YYYY-MM-DD, ví dụ 2024-04-03.") from None
    services.issue_program(_open(args), args.id, args.number, issued)
    print(f"Đã ban hành chương trình {args.id}, số {args.number}, ngày {issued:%d/%m/%Y}.")
    return 0


def cmd_new_version(args: argparse.Namespace) -> int:
    from hgdesk import services

    print(services.new_version(_open(args), args.id))
    return 0


def cmd_node(args: argparse.Namespace) -> int:
    from hgdesk import services
    from hgdesk.errors import InputError

    if args.text is None and args.heading is None:
        raise InputError("Cần --text hoặc --heading.")
    services.edit_node(_open(args), args.node_id, heading=args.heading, text=args.text)
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from hgdesk import services

    entries = services.audit_entries(_open(args), args.id)
    if args.json:
        _print_json(entries)
    else:
        for e in entries:
            print(f"{e['id']:>6}  {e['when']}  {e['user']:<20} {e['action_vi']} {e['entity_id'] or ''}  {e['detail']}")
    return 0


def cmd_undo(args: argparse.Namespace) -> int:
    """Undo (or redo) an operation by its number in `audit` (the first column)."""
    from hgdesk import services

    db = _open(args)
    changes = (services.redo if args.command == "redo" else services.undo)(db, args.op_id)
    print(changes.op_id)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from hgdesk import services

    print(services.backup_now(_open(args))["path"])
    return 0


def cmd_backups(args: argparse.Namespace) -> int:
    from hgdesk import services

    rows = services.list_backups(_open(args))
    if args.json:
        _print_json(rows)
    for row in rows if not args.json else []:
        print(f"{row['created']}  {row['kind_vi']:<20} {row['size'] / 1024:8.0f} KB  {row['path']}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from hgdesk import services
    from hgdesk.db import Database

    db = Database(args.database, upgrade=False)
    safety = services.restore_backup(db, args.file)
    Database(args.database).dispose()  # the restored file opens and is brought up to date
    print(f"Đã khôi phục từ “{args.file}”." + (f" Bản trước khi khôi phục: {safety['path']}" if safety else ""))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from hgdesk import services

    results = services.search(_open(args), " ".join(args.words))
    if args.json:
        _print_json(results)
    for r in results if not args.json else []:
        print(f"[{r['program_id']}:{r['node_id']}] {r['program']} {r['label']} {r['snippet'][:100]}")
    return 0


def cmd_org(args: argparse.Namespace) -> int:
    """org add (the first-run answers), org edit (any stored field), org list."""
    from hgdesk import services

    db = _open(args)
    if args.action == "list":
        rows = services.list_organizations(db)
        if args.json:
            _print_json(rows)
        for row in [] if args.json else rows:
            print(f"{row['id']:>5}  {row['name']}" + ("  (Dữ liệu mẫu)" if row["demo"] else ""))
        return 0
    if args.action == "add":
        if not args.kind or not args.name:
            raise InputError("org add cần --kind và --name (ví dụ: --kind commune --unit xã --name \"Hòa An\").")
        org_id = services.setup_office(
            db, kind=args.kind, name=args.name, unit=args.unit or "", superior_kind=args.superior_kind,
            superior_name=args.superior or "", place=args.place or "", suffix=args.suffix or "",
            signer_position=args.signer_position or "BÍ THƯ", signer_name=args.signer_name or "",
            recipients=args.recipient or [])
        if args.json:
            _print_json(services.organization(db, org_id))
        else:
            print(org_id)
        return 0
    if args.id is None:
        raise InputError("org edit cần số cơ quan (xem: hgdesk-cli org list).")
    changes = {field: value for field, value in (
        ("name", args.name), ("header_name", args.header), ("superior_line", args.superior_line),
        ("symbol_suffix", args.suffix), ("place", args.place), ("signer_authority", args.signer_authority),
        ("signer_position", args.signer_position), ("signer_name", args.signer_name),
        ("recipients", args.recipient)) if value is not None}
    if not changes:
        raise InputError("org edit: không có gì để sửa (ví dụ: --place \"Phường Ngô Quyền\").")
    services.update_organization(db, args.id, **changes)
    _print_json(services.organization(db, args.id)) if args.json else print(args.id)
    return 0


def cmd_program(args: argparse.Namespace) -> int:
    """program rename/delete/restore/archive/unarchive/trash; demo data removal."""
    from hgdesk import services

    db = _open(args)
    if args.action == "trash":
        rows = services.trash(db)
        for row in rows:
            print(f"{row['id']:>5}  {row['organization']:<28} {row['title']:<45} còn {row['days_left']} ngày")
        return 0
    if args.action == "remove-demo":
        print(services.remove_demo(db))
        return 0
    if args.id is None:
        raise InputError(f"program {args.action} cần số chương trình (xem: hgdesk-cli list).")
    if args.action == "rename":
        print(services.rename_program(db, args.id, args.name or ""))
    elif args.action == "delete":
        services.delete_program(db, args.id)
    elif args.action == "restore":
        services.restore_program(db, args.id)
    else:
        services.archive_program(db, args.id, archived=args.action == "archive")
    return 0

def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0 when no error (warnings and suggestions allowed), 1 when errors, 2 for bad input."""
    from pathlib import Path

    from hgdesk import services
    from hgdesk.checks.engine import UNKNOWN

    if args.source.isdigit() and not Path(args.source).exists():
        report = services.check_program(_open(args), int(args.source), args.profile)
    else:
        report = services.check_file(args.source, args.profile)
    if args.note:
        services.export_check_note(report, args.note)
    code = 1 if report.errors else 0
    try:
        if args.json:
            _print_json(report.to_json())
        else:
            print(f"Kiểm tra thể thức: {report.name} — theo {report.profile_name}")
            for group, findings in report.by_severity().items():
                label = "" if group == UNKNOWN else group.upper()  # its message says "Không kiểm tra được"
                for f in findings:
                    print(f"{label:<9} {f.message} ({f.clause})")
            print(f"{report.summary()}; {report.rules_run} quy tắc đã chạy.")
    except BrokenPipeError:  # `| head -1`: the result is still the exit code
        _stdout_closed()
    return code


def build_parser() -> argparse.ArgumentParser:
    parser = argument_parser("hgdesk-cli", "hgdesk: chương trình công tác.")
    parser.add_argument("--database", metavar="URL", help="đường dẫn tệp SQLite hoặc URL SQLAlchemy")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH", required=True)

    p = sub.add_parser("parse", help="đọc tệp, không lưu gì")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("import", help="đọc tệp và lưu thành chương trình mới")
    p.add_argument("file")
    p.add_argument("--organization", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("list", help="liệt kê các chương trình")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="xem một chương trình")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("render", help="in ra PDF/DOCX theo thể thức văn bản")
    p.add_argument("source", metavar="ID_OR_FILE", help="số chương trình đã lưu, hoặc tệp (đọc trực tiếp, không lưu)")
    p.add_argument("--pdf", metavar="OUT.pdf")
    p.add_argument("--docx", metavar="OUT.docx")
    p.add_argument("--profile", default="party",
                   help="party (theo ngày văn bản: Hướng dẫn 36 hoặc 05), party_hd36_2018, party_hd05_2026 "
                        "hoặc state (Nghị định 30)")
    p.add_argument("--tone", default=None, help="kiểu đặt dấu thanh khi in: uỷ hoặc ủy (mặc định theo thể thức)")
    p.add_argument("--duplex", action="store_true", help="in hai mặt: lề trang chẵn đối xứng (trái 15, phải 30 mm)")
    p.set_defaults(func=cmd_render)

    p = sub.add_parser("check", help="kiểm tra thể thức một chương trình đã lưu hoặc một tệp (.docx, .txt)")
    p.add_argument("source", metavar="ID_OR_FILE")
    p.add_argument("--profile", help="mẫu thể thức: party, state hoặc tên tệp mẫu (mặc định: theo ngày văn bản)")
    p.add_argument("--note", metavar="OUT.pdf|OUT.docx", help="xuất kết quả thành phiếu kiểm tra")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("derive", help="soạn chương trình quý (hoặc của cấp dưới) từ chương trình năm")
    p.add_argument("id", type=int, help="số của chương trình công tác năm")
    p.add_argument("--quarter", type=int, choices=[1, 2, 3, 4])
    p.add_argument("--organization", type=int, metavar="ORG_ID", help="soạn chương trình năm cho cơ quan cấp dưới")
    p.add_argument("--new-version", action="store_true", help="quý đã có chương trình: soạn thêm “Dự thảo lần N+1”")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_derive)

    p = sub.add_parser("task", help="theo dõi nhiệm vụ")
    p.add_argument("action", choices=["set", "chain"])
    p.add_argument("task_id", type=int)
    p.add_argument("--status", help="not_started|in_progress|done|carried|dropped hoặc tên tiếng Việt")
    p.add_argument("--unit", help="cơ quan chủ trì")
    p.add_argument("--cooperating", help="cơ quan phối hợp")
    p.add_argument("--note", help="ghi chú kết quả; với --status dropped: lý do không thực hiện (bắt buộc)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_task)

    p = sub.add_parser("close-quarter", help="kết thúc quý: chuyển nhiệm vụ chưa xong sang quý sau")
    p.add_argument("id", type=int)
    p.add_argument("--yes", action="store_true", help="xác nhận (không có: chỉ liệt kê)")
    p.set_defaults(func=cmd_close_quarter)

    p = sub.add_parser("report", help="báo cáo: carried (chuyển ≥ 2 lần), coverage (độ phủ), status")
    p.add_argument("kind", choices=["carried", "coverage", "status"])
    p.add_argument("id", type=int, help="số chương trình (coverage: chương trình năm)")
    p.add_argument("--minimum", type=int, default=2, help="carried: số lần chuyển tối thiểu")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("export-xlsx", help="xuất sổ theo dõi nhiệm vụ (Excel) cho các đơn vị")
    p.add_argument("id", type=int)
    p.add_argument("out", metavar="OUT.xlsx")
    p.set_defaults(func=cmd_export_xlsx)

    p = sub.add_parser("import-xlsx", help="nhập lại sổ theo dõi các đơn vị đã điền")
    p.add_argument("id", type=int)
    p.add_argument("file")
    p.add_argument("--dry-run", action="store_true", help="chỉ liệt kê thay đổi, không cập nhật")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import_xlsx)

    p = sub.add_parser("export-package", help="xuất gói chương trình (.hgdesk) gửi cấp dưới")
    p.add_argument("id", type=int)
    p.add_argument("out", metavar="OUT.hgdesk")
    p.set_defaults(func=cmd_export_package)

    p = sub.add_parser("import-package", help="nhập gói chương trình (.hgdesk) nhận từ cấp trên")
    p.add_argument("file")
    p.add_argument("--organization", type=int, metavar="ORG_ID", help="gán cho cơ quan này")
    p.add_argument("--trust", metavar="DẤU_KHÓA",
                   help="tin cậy cơ quan gửi có dấu khóa này (đã đối chiếu với nơi gửi)")
    p.set_defaults(func=cmd_import_package)

    p = sub.add_parser("issue", help="ban hành: gán số, ngày và khóa nội dung")
    p.add_argument("id", type=int)
    p.add_argument("--number", required=True)
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD")
    p.set_defaults(func=cmd_issue)

    p = sub.add_parser("new-version", help="tạo bản dự thảo mới từ chương trình đã ban hành")
    p.add_argument("id", type=int)
    p.set_defaults(func=cmd_new_version)

    p = sub.add_parser("node", help="sửa một mục (số mục là \"id\" trong show --json)")
    p.add_argument("action", choices=["set"])
    p.add_argument("node_id", type=int)
    p.add_argument("--text")
    p.add_argument("--heading")
    p.set_defaults(func=cmd_node)

    p = sub.add_parser("audit", help="nhật ký thay đổi của một chương trình")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit)

    for name, text in (("undo", "hoàn tác một thao tác (số thao tác: cột đầu của lệnh audit)"),
                       ("redo", "làm lại một thao tác đã hoàn tác")):
        p = sub.add_parser(name, help=text)
        p.add_argument("op_id", type=int)
        p.set_defaults(func=cmd_undo)

    p = sub.add_parser("backup", help="sao lưu ngay")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("backups", help="danh sách bản sao lưu")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backups)
    p = sub.add_parser("restore", help="khôi phục từ một bản sao lưu (bản hiện tại được sao lưu trước)")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("org", help="cơ quan: add (thiết lập cơ quan của mình), edit, list")
    p.add_argument("action", choices=["add", "edit", "list"])
    p.add_argument("id", type=int, nargs="?")
    p.add_argument("--kind", help="province, city, commune, affiliated, district")
    p.add_argument("--unit", help="xã, phường hoặc đặc khu (với --kind commune)")
    p.add_argument("--name")
    p.add_argument("--superior", help="tên tỉnh/thành phố của đảng bộ cấp trên")
    p.add_argument("--superior-kind", default="tỉnh", help="tỉnh hoặc thành phố")
    p.add_argument("--header", help="dòng tên cơ quan ban hành (org edit)")
    p.add_argument("--superior-line", help="dòng đảng bộ cấp trên (org edit)")
    p.add_argument("--suffix", help="ký hiệu cơ quan: TU, ĐU, …")
    p.add_argument("--place")
    p.add_argument("--signer-authority")
    p.add_argument("--signer-position")
    p.add_argument("--signer-name")
    p.add_argument("--recipient", action="append", help="một nơi nhận (lặp lại cho mỗi nơi)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_org)

    p = sub.add_parser("program", help="quản lý chương trình: rename, delete, restore, archive, unarchive, trash, "
                                       "remove-demo")
    p.add_argument("action", choices=["rename", "delete", "restore", "archive", "unarchive", "trash", "remove-demo"])
    p.add_argument("id", type=int, nargs="?")
    p.add_argument("--name", help="tên mới (rename)")
    p.set_defaults(func=cmd_program)

    p = sub.add_parser("search", help="tìm trong mọi chương trình (không phân biệt dấu)")
    p.add_argument("words", nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)
    return parser


def _stdout_closed() -> None:
    """The reader of our output went away (`hgdesk-cli check 12 | head -1`): what is still to be written
    goes nowhere, quietly (no traceback at exit)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _flushed(code: int) -> int:
    """The command's exit code, once its output is written; a closed pipe does not change it."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _stdout_closed()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from hgdesk.messages import database_problem, install_log_redaction, redact

    install_log_redaction()
    args = build_parser().parse_args(argv)
    try:
        return _flushed(args.func(args))
    except BrokenPipeError:  # the reader left while a long listing was printed (`… | head`)
        _stdout_closed()
        return 0
    except HgdeskError as exc:
        print(f"hgdesk-cli: {redact(str(exc))}", file=sys.stderr)
        return 2
    except SQLAlchemyError as exc:  # a database error outside a service's unit of work
        print(f"hgdesk-cli: {database_problem(exc)}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
