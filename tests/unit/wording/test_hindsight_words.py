"""The words of "What later reports said" (analysis.wording.hindsight), from hand-made rows: the NIS's about 300
killed of 13 January 2025 against its about 2,000 of 2 September 2025 (300 / 2,000 = 0.15)."""

import pandas as pd
from markupsafe import Markup

from analysis.uncertainty.intervals import Interval
from analysis.wording import hindsight as words


def test_timing_caveat__a_later_figure_need_not_make_the_earlier_wrong():
    assert words.timing_caveat("after", "2025-01-13", "2025-09-02") == (
        "The later figure (2025-09-02) comes after the article's (2025-01-13): it covers a longer period and possibly "
        "more deployments, so a lower early figure can be right for its date.")
    assert words.timing_caveat("undated", "", "2025-09-02").startswith(
        "The article's figure is undated and the later one is of 2025-09-02:")
    assert words.timing_caveat("", "2025-01-13", "2025-01-13") == ""


def test_caveats__more_than_two_dates_said_once():
    h = pd.DataFrame(dict(timing=["after"] * 3, article_date=["2025-01-13"] * 3,
                          later_date=["2025-03", "2025-04-30", "2025-09-02"]))
    out = words.caveats(h, ["2025-01-13"], ["2025-03", "2025-04-30", "2025-09-02"])
    assert out[0] == ("The later figures are dated 2025-03 to 2025-09-02, the article's 2025-01-13: later figures "
                      "cover a longer period and may count more deployments, so a lower early figure can be right "
                      "for its date.")
    assert len(out) == 2 and out[1].startswith("Claimants count in their own ways")


def test_ratio_and_chance__a_bound_stays_a_bound():
    assert words.ratio_words(Interval(0.15, 0.15, 0.15), "") == "0.15"          # 300 / 2,000
    assert words.ratio_words(Interval(0.0, 0.5), "at_most") == "at most 0.50"   # 3,000 against more than 6,000
    assert words.chance_lower("at_most", 1.0) == "— (a bound)"
    assert words.chance_lower("", 1.0) == "almost certainly (99 %)"


def test_notes_escape_the_ledger_text():
    note = words.unrelated_note("<b>x.csv</b>", ("a-1", "b-2"))
    assert isinstance(note, Markup) and "<code>&lt;b&gt;x.csv&lt;/b&gt;</code>" in note and "(a-1, b-2)" in note
    assert words.none_known_note("2024-12") == "No later report is dated on or before 2024-12."
