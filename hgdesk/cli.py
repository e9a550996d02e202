"""hgdesk-cli: the command-line face of hgdesk.services (stable contract for scripts and tests)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from hgdesk.errors import HgdeskError


def _print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _open(args: argparse.Namespace):
    from hgdesk.db import Database

    return Database(args.database)


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

    from hgdesk import services
    from hgdesk.errors import InputError

    if not args.pdf and not args.docx:
        raise InputError("Cần ít nhất một trong --pdf hoặc --docx.")
    source: int | Path
    if args.source.isdigit() and not Path(args.source).exists():
        source, db = int(args.source), _open(args)
    else:
        source, db = Path(args.source), None
    if args.pdf:
        print(services.export_pdf(db, source, args.pdf, args.profile))
    if args.docx:
        print(services.export_docx(db, source, args.docx, args.profile))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hgdesk-cli", description="hgdesk: chương trình công tác.")
    parser.add_argument("--database", metavar="URL", help="đường dẫn tệp SQLite hoặc URL SQLAlchemy")
    sub = parser.add_subparsers(dest="command", required=True)

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
    p.add_argument("--profile", default="party", help="party (Hướng dẫn 36) hoặc state (Nghị định 30)")
    p.set_defaults(func=cmd_render)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except HgdeskError as exc:
        print(f"hgdesk-cli: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
