"""Ed25519 signatures of program packages: who sent it, and that nobody changed it on the way.

Each database has its own signing key, created on first use and stored in the database itself
(`app_meta`), so it lives beside the data on every backend and every backup carries it. Offices
whose packages are accepted are recorded, per origin database, with their public key: a later
package from that origin must carry the same key.
"""

from __future__ import annotations

import base64
import hashlib
import json
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.orm import Session

from hgdesk.models import AppMeta

KEY_ROW = "signing_key"
TRUST_ROW = "trusted_offices"
CONTEXT = b"hgdesk-package-signature-v2\n"


def own_key(s: Session) -> Ed25519PrivateKey:
    """This database's signing key (made and stored on first use)."""
    row = s.get(AppMeta, KEY_ROW)
    if row is None:
        key = Ed25519PrivateKey.generate()
        s.add(AppMeta(key=KEY_ROW, value=key.private_bytes_raw().hex()))
        s.flush()
        return key
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(row.value))


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes_raw()


def fingerprint(public_key: bytes) -> str:
    """Short enough to read out on the phone: 5 groups of 4 hex digits of the key's SHA-256."""
    digest = hashlib.sha256(public_key).hexdigest().upper()[:20]
    return "-".join(digest[i:i + 4] for i in range(0, 20, 4))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any) -> bytes | None:
    if not isinstance(text, str) or len(text) > 200:
        return None
    try:
        return base64.b64decode(text, validate=True)
    except ValueError:
        return None


def sign(key: Ed25519PrivateKey, manifest: bytes) -> bytes:
    return key.sign(CONTEXT + manifest)


def verify(public_key: bytes, signature: bytes, manifest: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, CONTEXT + manifest)
        return True
    except (InvalidSignature, ValueError):
        return False


def trusted(s: Session) -> dict[str, dict[str, str]]:
    """origin database id → {"name", "key" (base64), "fingerprint", "since"}."""
    row = s.get(AppMeta, TRUST_ROW)
    if row is None:
        return {}
    try:
        value = json.loads(row.value)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def trust(s: Session, origin: str, name: str, public_key: bytes) -> None:
    offices = trusted(s)
    offices[origin] = {"name": name, "key": b64(public_key), "fingerprint": fingerprint(public_key),
                       "since": datetime.now(UTC).isoformat(timespec="seconds")}
    row = s.get(AppMeta, TRUST_ROW)
    text = json.dumps(offices, ensure_ascii=False)
    if row is None:
        s.add(AppMeta(key=TRUST_ROW, value=text))
    else:
        row.value = text
