"""selection: claimants, as_of, latest claim per claimant and metric; expected frames written out by hand."""

import pandas as pd
import pytest

from analysis.ledger import selection


def claims(*rows) -> pd.DataFrame:
    """Rows of (claim_id, claimant, metric, published, as_of[, supersedes]) as a ledger frame (text as str)."""
    out = pd.DataFrame([(*r, "")[:6] for r in rows],
                       columns=["claim_id", "claimant", "metric", "published", "as_of", "supersedes"])
    return out.astype("str")


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["claim_id"].tolist()


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize("value, start, end", [("2025", "2025-01-01", "2025-12-31"),
                                               ("2025-02", "2025-02-01", "2025-02-31"),
                                               ("2025-02-14", "2025-02-14", "2025-02-14"), ("", "", "")])
def test_partial_dates__first_and_last_day(value, start, end):
    assert (selection._start(value), selection._end(value)) == (start, end)


def test_dated__as_of_else_published_else_blank():
    c = claims(("a", "N", "killed", "2025-03-01", "2025-01-31"), ("b", "N", "killed", "2025-03-01", ""),
               ("c", "N", "killed", "", ""))
    assert selection.dated(c).tolist() == ["2025-01-31", "2025-03-01", ""]


def test_select__as_of_month__keeps_last_day():
    c = claims(("feb28", "N", "killed", "", "2025-02-28"), ("mar1", "N", "wounded", "", "2025-03-01"))
    assert ids(selection.as_of_filter(c, "2025-02")) == ["feb28"]


def test_select__as_of_day__keeps_that_day_drops_the_next():
    c = claims(("d14", "N", "killed", "", "2025-02-14"), ("d15", "N", "wounded", "", "2025-02-15"))
    assert ids(selection.as_of_filter(c, "2025-02-14")) == ["d14"]


def test_select__as_of_year__keeps_december():
    c = claims(("dec", "N", "killed", "", "2025-12-31"), ("jan", "N", "wounded", "", "2026-01-01"))
    assert ids(selection.as_of_filter(c, "2025")) == ["dec"]


def test_select__as_of__month_claim_counts_from_its_first_day():
    """A claim dated only '2025-02' may describe 1 February: it is known by an as_of of 2025-02-01."""
    c = claims(("feb", "N", "killed", "", "2025-02"), ("mar", "N", "wounded", "2025-03", ""))
    assert ids(selection.as_of_filter(c, "2025-02-01")) == ["feb"]
    assert ids(selection.as_of_filter(c, "2025-01-31")) == []


def test_select__as_of__undated_kept_published_used():
    c = claims(("undated", "N", "killed", "", ""), ("pub", "N", "wounded", "2025-04-30", ""))
    assert ids(selection.as_of_filter(c, "2025-04-29")) == ["undated"]
    assert ids(selection.as_of_filter(c, "2025-04-30")) == ["undated", "pub"]


def test_select__as_of_blank__everything():
    c = claims(("a", "N", "killed", "", "2030"))
    assert selection.as_of_filter(c, "") is c and selection.as_of_filter(c, None) is c


# ---------------------------------------------------------------- latest


def test_latest__tie__the_later_row_wins():
    c = claims(("first", "N", "killed", "", "2025-01"), ("second", "N", "killed", "", "2025-01"))
    assert ids(selection.latest(c)) == ["second"]


def test_latest__later_date_wins_over_later_row():
    c = claims(("newer", "N", "killed", "", "2025-04"), ("older", "N", "killed", "", "2025-01"))
    assert ids(selection.latest(c)) == ["newer"]


def test_latest__undated_counts_as_earliest():
    c = claims(("dated", "N", "killed", "", "2025-01"), ("undated", "N", "killed", "", ""))
    assert ids(selection.latest(c)) == ["dated"]


def test_latest__superseded_dropped_even_when_later_dated():
    c = claims(("old", "N", "killed", "", "2025-05"), ("new", "N", "killed", "", "2025-01", "old"))
    assert ids(selection.latest(c)) == ["new"]


def test_latest__one_per_claimant_and_metric__in_ledger_order():
    c = claims(("n-k1", "N", "killed", "", "2025-01"), ("c-k", "C", "killed", "", ""),
               ("n-w", "N", "wounded", "", "2025-01"), ("n-k2", "N", "killed", "", "2025-04", "n-k1"))
    expected = claims(("c-k", "C", "killed", "", ""), ("n-w", "N", "wounded", "", "2025-01"),
                      ("n-k2", "N", "killed", "", "2025-04", "n-k1"))
    pd.testing.assert_frame_equal(selection.latest(c), expected)


def test_latest__without_supersedes_column():
    c = claims(("a", "N", "killed", "", "2025-01"), ("b", "N", "killed", "", "2025-02")).drop(columns="supersedes")
    assert ids(selection.latest(c)) == ["b"]


# ---------------------------------------------------------------- select


def test_select__claimants_and_as_of():
    c = claims(("n-k1", "N", "killed", "", "2025-01-13"), ("n-k2", "N", "killed", "", "2025-04-30", "n-k1"),
               ("c-k", "C", "killed", "", ""))
    assert ids(selection.select(c)) == ["n-k2", "c-k"]
    assert ids(selection.select(c, ["N"])) == ["n-k2"]
    assert ids(selection.select(c, ["N"], "2025-02")) == ["n-k1"]  # the revision is not known yet: the old figure
    assert ids(selection.select(c, [], "2025-04")) == ["n-k2", "c-k"]


def test_select__unknown_claimant__names_the_ledgers():
    c = claims(("n", "NIS", "killed", "", ""), ("c", "CSIS", "killed", "", ""), ("n2", "NIS", "wounded", "", ""))
    with pytest.raises(ValueError) as info:
        selection.select(c, ["KCNA", "NIS", "X"])
    assert str(info.value) == "claimant(s) not in the ledger: KCNA, X; the ledger has NIS, CSIS"


def test_select__nothing_known_yet():
    c = claims(("n", "N", "killed", "", "2025-03"))
    with pytest.raises(ValueError) as info:
        selection.select(c, as_of="2025-02")
    assert str(info.value) == "no claims known by 2025-02"


def test_select__empty_ledger():
    with pytest.raises(ValueError) as info:
        selection.select(claims())
    assert str(info.value) == "no claims selected"
