"""Sequences of packages from several offices, some re-keyed, some impostors: after every step the
trust the database holds equals what the secretary decided, and a refused package changed nothing."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from hgdesk import packages, services, signing
from hgdesk.db import Database
from hgdesk.errors import InputError, UntrustedPackageError
from tests.dbstate import snapshot

BODY = {"kind": "annual", "year": 2025, "title": ["Chương trình công tác năm 2025"], "opening": [], "closing": [],
        "recipients": ["Lưu VP"], "nodes": [{"kind": "part", "label": "I", "heading": "NHIỆM VỤ", "text": "",
                                             "children": [{"kind": "item", "text": "Tổ chức hội nghị."}]}],
        "organization": {"name": "Tỉnh ủy Hậu Giang", "level": "province"}}
NAMES = ("Tỉnh ủy Hậu Giang", "Huyện ủy Phụng Hiệp", "Đảng ủy xã Tân Bình")


class Office:
    def __init__(self, name: str) -> None:
        self.name, self.origin, self.key = name, str(uuid.uuid4()), Ed25519PrivateKey.generate()

    @property
    def public(self) -> bytes:
        return signing.public_bytes(self.key)


class TrustSequences(RuleBasedStateMachine):
    offices = Bundle("offices")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp())
        self.db = Database(str(self.folder / "district.sqlite3"))
        self.trusted: dict[str, bytes] = {}  # origin -> key, as the secretary decided
        self.names: dict[str, bytes] = {}
        self.programs = 0

    @rule(target=offices, name=st.sampled_from(NAMES))
    def an_office_starts_sending(self, name):
        return Office(name)

    @rule(office=offices)
    def the_office_changes_its_key(self, office):
        office.key = Ed25519PrivateKey.generate()

    @rule(office=offices, trust=st.booleans())
    def a_package_arrives(self, office, trust):
        path = self.folder / "goi.hgdesk"
        path.write_bytes(packages.write_package(BODY, f"{office.origin}:1", office.name, office.key))
        fingerprint = signing.fingerprint(office.public)
        known = self.trusted.get(office.origin) or self.names.get(office.name)
        before = snapshot(self.db)
        try:
            services.import_package(self.db, path, trust=fingerprint if trust else None)
        except UntrustedPackageError as unknown:
            assert known is None and not trust and unknown.fingerprint == fingerprint
            assert snapshot(self.db) == before
        except InputError as refused:
            assert known is not None and known != office.public and "khóa ký đã thay đổi" in str(refused)
            assert snapshot(self.db) == before
        else:
            assert known == office.public or (known is None and trust)
            if known is None:
                self.trusted[office.origin] = self.names[office.name] = office.public
            self.programs += 1

    @invariant()
    def what_is_stored_is_what_was_decided(self):
        stored = {o["origin"]: o["fingerprint"] for o in services.trusted_offices(self.db)}
        assert stored == {origin: signing.fingerprint(key) for origin, key in self.trusted.items()}
        assert len(services.list_programs(self.db)) == self.programs

    def teardown(self) -> None:
        self.db.dispose()
        shutil.rmtree(self.folder, ignore_errors=True)


TrustSequences.TestCase.settings = settings(max_examples=12, stateful_step_count=8, deadline=None)
test_trust_follows_the_secretarys_decisions = TrustSequences.TestCase
