"""The importer reads real Party documents it was not written against: the corpus score.

Each document in tests/corpus/ has an expectation written by reading it; the score (share of
checks passed) is printed on every run and may not fall below the last committed floor.
"""

from __future__ import annotations

from tests.corpus_score import report, score_corpus

# Raised with each parser change that improves the score (see the commit messages).
SCORE_FLOOR = 99.7


def test_corpus_score_is_printed_and_does_not_regress(capsys):
    scores = score_corpus()
    text = report(scores)
    with capsys.disabled():
        print("\n" + text)
    passed = sum(len(s.passed) for s in scores)
    total = sum(s.total for s in scores)
    assert len(scores) >= 25
    assert 100 * passed / total >= SCORE_FLOOR, text
