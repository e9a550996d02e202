"""Mutation fuzzing of every door into the database: the importer (.txt/.docx), the Excel tracking
workbook import, program packages (the raw file, and the JSON inside a correctly hashed and signed
package, so the schema and import_package are reached) and the database open path. Anything raised
other than the core's own HgdeskError (a clear Vietnamese message) is a bug.

Seeds are fixed (`seed_for`), so a run is repeatable. Used by bench/fuzz.py (10 000+ inputs) and,
with fewer inputs, by the test suite.
"""

from __future__ import annotations

import copy
import json
import random
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from hgdesk.errors import HgdeskError


def seed_for(name: str) -> int:
    """A stable seed per target (Python's hash() of a string changes on every run)."""
    return zlib.crc32(name.encode("utf-8"))


def mutations(seed_data: bytes, rng: random.Random) -> Iterator[bytes]:
    """Endless variations of a valid input: bit flips, cut ends, spliced and repeated spans."""
    while True:
        data = bytearray(seed_data)
        for _ in range(rng.randint(1, 8)):
            op = rng.random()
            if not data:
                data = bytearray(rng.randbytes(rng.randint(0, 64)))
            elif op < 0.35:
                i = rng.randrange(len(data))
                data[i] ^= 1 << rng.randrange(8)
            elif op < 0.5:
                data = data[: rng.randrange(len(data) + 1)]
            elif op < 0.65:
                i = rng.randrange(len(data))
                data[i:i] = rng.randbytes(rng.randint(1, 32))
            elif op < 0.8:
                i, j = sorted(rng.randrange(len(data)) for _ in range(2))
                data[i:i] = data[i:j][:4096]
            elif op < 0.9:
                i = rng.randrange(len(data))
                del data[i: i + rng.randint(1, 256)]
            else:
                data = bytearray(rng.randbytes(rng.randint(0, 512)))
        yield bytes(data)


def zip_mutations(seed_data: bytes, rng: random.Random) -> Iterator[bytes]:
    """Variations inside a zip container (.docx, .xlsx, .hgdesk): one member mutated, the archive
    rebuilt with correct checksums, so the parsers behind the zip layer are reached."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(seed_data)) as z:
        members = {name: z.read(name) for name in z.namelist()}
    names = sorted(members)
    streams = {name: mutations(data, rng) for name, data in members.items()}
    while True:
        target = rng.choice(names)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for name in names:
                z.writestr(name, next(streams[name]) if name == target else members[name])
        yield buffer.getvalue()


def _hostile_values(rng: random.Random) -> list[Any]:
    return [None, True, 0, -1, 2**63, 99, 1e308, float("nan"), float("inf"), -0.0, "", "x" * rng.choice((41, 201, 5000)),
            "=1+1", "\x00", "ư\u0301", {}, {"a": 1}, [], [1, "a"], "2024", "monthly", [{}], {"kind": "item"}]


def _paths(value: Any, prefix: tuple = ()) -> Iterator[tuple]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value[:30]):
            yield from _paths(item, (*prefix, index))


def json_mutations(document: Any, rng: random.Random) -> Iterator[bytes]:
    """Variations of a JSON document: values replaced by other types, huge or non-finite numbers,
    over-long strings, unknown codes, removed keys, deep nesting; serialised (NaN allowed)."""
    paths = [p for p in _paths(document) if p]
    while True:
        doc = copy.deepcopy(document)
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(paths)
            parent = doc
            try:
                for step in path[:-1]:
                    parent = parent[step]
                op = rng.random()
                if op < 0.7:
                    parent[path[-1]] = rng.choice(_hostile_values(rng))
                elif op < 0.85 and isinstance(parent, dict):
                    del parent[path[-1]]
                else:
                    nested: Any = {"kind": "item", "children": []}
                    for _ in range(rng.randint(1, 40)):
                        nested = {"kind": "item", "children": [nested]}
                    parent[path[-1]] = [nested]
            except (KeyError, IndexError, TypeError):
                continue
        yield json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode("utf-8")


@dataclass
class Outcome:
    inputs: int = 0
    accepted: int = 0
    refused: int = 0
    bugs: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)

    @property
    def unhandled(self) -> int:
        return sum(self.kinds.values())


def run(target: Callable[[bytes], object], inputs: Iterator[bytes], count: int) -> Outcome:
    outcome = Outcome()
    for _, data in zip(range(count), inputs, strict=False):
        outcome.inputs += 1
        try:
            target(data)
            outcome.accepted += 1
        except HgdeskError:
            outcome.refused += 1
        except Exception as exc:  # the finding
            outcome.kinds[type(exc).__name__] += 1
            if len(outcome.bugs) < 20:
                outcome.bugs.append(f"{type(exc).__name__}: {exc}"[:300])
    return outcome
