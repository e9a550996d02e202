"""A short mutation-fuzz run of every reader of user files (bench/fuzz.py runs 10 000 inputs)."""

from __future__ import annotations

import random

import pytest

from hgdesk.fuzzing import mutations, run, zip_mutations


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    from bench.fuzz import targets

    db, found = targets(tmp_path_factory.mktemp("fuzz"))
    yield found
    db.dispose()


@pytest.mark.parametrize("index", range(4))
def test_readers_fail_only_with_their_own_clear_error(cases, index):
    name, seeds, target = cases[index]
    rng = random.Random(index)
    streams = [mutations(s, rng) for s in seeds] + [zip_mutations(s, rng) for s in seeds if s[:4] == b"PK\x03\x04"]

    def inputs():
        while True:
            yield next(rng.choice(streams))

    outcome = run(target, inputs(), 150)
    assert outcome.bugs == [], name
    assert outcome.inputs == 150
