"""A bounded mutation-fuzz run of every door into the database (bench/fuzz.py runs 10 000+ inputs):
only the core's own clear errors, never an unhandled exception; fixed seeds, so failures repeat."""

from __future__ import annotations

import random

import pytest

from hgdesk.fuzzing import run, seed_for

COUNTS = {"importer (.txt)": 150, "importer (.docx)": 120, "Excel import": 100, "package file": 120,
          "package JSON (signed)": 150, "database open": 100}


@pytest.fixture(scope="module")
def cases(tmp_path_factory):
    from bench.fuzz import targets

    databases, found = targets(tmp_path_factory.mktemp("fuzz"))
    yield {t.name: t for t in found}
    for db in databases:
        db.dispose()


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_every_door_refuses_bad_input_only_with_a_clear_message(cases, name):
    target = cases[name]
    outcome = run(target.call, target.inputs(random.Random(seed_for(name))), COUNTS[name])
    assert outcome.bugs == [], name
    assert outcome.inputs == COUNTS[name] and outcome.refused > 0
    if name == "package JSON (signed)":
        assert outcome.accepted > 0  # past the signature and the schema, into import_package


def test_a_fuzz_run_repeats_exactly_with_its_fixed_seed(cases):
    target = cases["importer (.txt)"]
    first, second = (run(target.call, target.inputs(random.Random(seed_for(target.name))), 60) for _ in range(2))
    assert (first.accepted, first.refused) == (second.accepted, second.refused)
    assert seed_for("importer (.txt)") == 1946859565  # not Python's per-run hash()
