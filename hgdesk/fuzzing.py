"""Mutation fuzzing of every reader of user files: the importer (.txt/.docx), the Excel tracking
workbook and program packages. Anything raised other than the readers' own InputError is a bug.

Used by bench/fuzz.py (10 000+ inputs) and, with fewer inputs, by the test suite.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from hgdesk.errors import InputError


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


@dataclass
class Outcome:
    inputs: int = 0
    accepted: int = 0
    refused: int = 0
    bugs: list[str] = field(default_factory=list)
    kinds: Counter = field(default_factory=Counter)


def run(target: Callable[[bytes], object], inputs: Iterator[bytes], count: int) -> Outcome:
    outcome = Outcome()
    for _, data in zip(range(count), inputs, strict=False):
        outcome.inputs += 1
        try:
            target(data)
            outcome.accepted += 1
        except InputError:
            outcome.refused += 1
        except Exception as exc:  # the finding
            outcome.kinds[type(exc).__name__] += 1
            if len(outcome.bugs) < 20:
                outcome.bugs.append(f"{type(exc).__name__}: {exc}"[:300])
    return outcome
