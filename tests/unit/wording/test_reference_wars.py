"""analysis.wording.reference_wars: the reference wars' wounded-per-killed ratios and where a claimant's figure sits among them.

Expected values are worked by hand from data/reference_ratios.csv (wounded / killed):
    us-ww2      670,846 / 291,557 = 2.3009   (291,557 × 2 = 583,114; 87,732 / 291,557 = 0.3009)   → "2.3"
    us-korea    103,284 /  33,739 = 3.0613   ( 33,739 × 3 = 101,217;  2,067 /  33,739 = 0.0613)   → "3.1"
    us-vietnam  303,644 /  47,434 = 6.4014   ( 47,434 × 6 = 284,604; 19,040 /  47,434 = 0.4014)   → "6.4"
    us-oif       31,947 /   3,482 = 9.1749   (  3,482 × 9 =  31,338;    609 /   3,482 = 0.1749)   → "9.2"
so the table, sorted by ratio, runs World War II, Korea, Vietnam, Iraq; its lowest is 2.3, its highest 9.2, and the
highest below Iraq's is Vietnam's 6.4, which counts every wounded soldier (153,303 of its 303,644 hospitalised).
"""

import math

import pandas as pd

import pytest

from analysis.errors import DataError
from analysis.ledger import reference
from analysis.wording import reference_wars as history
from analysis.uncertainty.derive import Quantity
from analysis.uncertainty.intervals import Interval

WW2 = "US forces in World War II (December 1941–December 1946, the counting period of the CRS table), 2.3"
KOREA = "US forces in Korean War (1950–1953), 3.1"
VIETNAM = "US forces in Vietnam War (1964–1973), 6.4"
IRAQ = "US forces in Iraq, Operation Iraqi Freedom (2003–2010), 9.2"
# Vietnam's hospitalised wounded alone: 153,303 / 47,434 = 3.2319 (47,434 x 3 = 142,302; 11,001 / 47,434 = 0.2319)
COUNTING = ("US forces in Vietnam War count every wounded soldier (6.4); on those hospitalised alone it is 3.2, so "
            "where a ratio ranks among these wars depends on how wounded are counted.")
HEADER = ",".join(reference.COLUMNS) + "\n"


@pytest.fixture(scope="module")
def ref():
    return reference.load()


def table(tmp_path, rows: str, header: str = HEADER):
    path = tmp_path / "ref.csv"
    path.write_text(header + rows, encoding="utf-8")
    return path


def wpk(low, high, open_low=False, open_high=False):
    return {"wounded_per_killed": Quantity(Interval(low, high, None, open_low, open_high), ("x",), "implied")}


# load ---------------------------------------------------------------------------------------------------------------

def test_load__reference_table__ratios_sorted_and_reindexed(ref):
    assert list(ref["ref_id"]) == ["us-ww2", "us-korea", "us-vietnam", "us-oif"]
    assert list(ref.index) == [0, 1, 2, 3]
    assert list(ref.columns) == list(reference.COLUMNS) + ["wounded_hospitalised", "wounded_per_killed"]
    assert list(ref["wounded_per_killed"]) == pytest.approx([2.3009, 3.0613, 6.4014, 9.1749], abs=1e-4)
    assert list(ref["killed"]) == [291_557, 33_739, 47_434, 3_482]
    assert str(ref["killed"].dtype) == "int64" and str(ref["wounded"].dtype) == "int64"


def test_load__equal_ratios__keep_the_file_order(tmp_path):
    # 20 / 10 = 2 three times, 5 / 10 = 0.5 once: the three ties keep their order (c, a, b)
    path = table(tmp_path, "c,C,F,10,20,k,w,s\na,A,F,10,20,k,w,s\nb,B,F,10,20,k,w,s\nd,D,F,10,5,k,w,s\n")
    assert list(reference.load(path)["ref_id"]) == ["d", "c", "a", "b"]


def test_load__many_equal_ratios__keep_the_file_order(tmp_path):
    # 18 rows r0..r17 with wounded (i mod 3) × 10 over 10 killed: ratios 0, 1, 2, 0, 1, 2, ...; a stable sort keeps
    # each tie in file order (numpy's default sort does not, from 17 rows on)
    path = table(tmp_path, "".join(f"r{i},C,F,10,{i % 3 * 10},k,w,s\n" for i in range(18)))
    assert list(reference.load(path)["ref_id"]) == [f"r{i}" for k in range(3) for i in range(k, 18, 3)]


def test_load__zero_wounded_and_one_killed__are_accepted(tmp_path):
    path = table(tmp_path, "a,A,F,4,0,k,w,s\nb,B,F,1,2,k,w,s\n")
    assert list(reference.load(path)["wounded_per_killed"]) == [0.0, 2.0]  # 0 / 4, 2 / 1


def test_load__missing_columns__named_in_table_order(tmp_path):
    header = "ref_id,conflict,killed,wounded,killed_definition,wounded_definition\n"
    path = table(tmp_path, "a,A,4,2,k,w\n", header=header)
    with pytest.raises(DataError) as e:
        reference.load(path)
    assert str(e.value) == f"{path}: missing column(s) force, source"


@pytest.mark.parametrize("rows, named", [
    # data row n is line n + 1 of the file (the header is line 1)
    pytest.param("a,A,F,4,2,k,w,s\nb,B,F,0,2,k,w,s\n", "3", id="zero killed"),
    pytest.param("a,A,F,4,-1,k,w,s\nb,B,F,4,2,k,w,s\n", "2", id="negative wounded"),
    pytest.param("a,A,F,4,2,k,w,s\nb,B,F,4,2,k,w,\nc,C,F,4,2,k,w,  \n", "3, 4", id="blank source"),
    pytest.param("a,A,F,0,2,k,w,s\nb,B,F,4,2,k,w,s\nc,C,F,4,-3,k,w,s\n", "2, 4", id="several bad rows"),
])
def test_load__bad_rows__refused_naming_their_lines(tmp_path, rows, named):
    path = table(tmp_path, rows)
    with pytest.raises(DataError) as e:
        reference.load(path)
    assert str(e.value) == f"{path}: row(s) {named} need positive counts and a source"


@pytest.mark.parametrize("killed, wounded", [("4.5", "2"), ("4", "2.5")])
def test_load__fractional_count__refused(tmp_path, killed, wounded):
    path = table(tmp_path, f"a,A,F,{killed},{wounded},k,w,s\n")
    with pytest.raises(DataError, match=rf"^{path}: a count must be a whole number \(cannot safely convert"):
        reference.load(path)


# nearest / place ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ratio, name", [(0.0, WW2), (2.68, WW2), (2.69, KOREA), (4.73, KOREA), (4.74, VIETNAM),
                                         (7.78, VIETNAM), (7.79, IRAQ), (50.0, IRAQ)])
def test_nearest__closest_ratio(ref, ratio, name):
    # midpoints: (2.3009 + 3.0613) / 2 = 2.681; (3.0613 + 6.4014) / 2 = 4.731; (6.4014 + 9.1749) / 2 = 7.788
    assert history.nearest(ratio, ref) == name


def test_place__above_every(ref):
    assert history.place(9.2, ref) == f"above every reference war; closest to {IRAQ}"


def test_place__below_every(ref):
    assert history.place(2.3, ref) == f"below every reference war; closest to {WW2}"


def test_place__within(ref):
    assert history.place(5.0, ref) == f"within the reference wars' 2.3–9.2; closest to {VIETNAM}"


def test_place__at_the_ends__within(ref):
    r = ref["wounded_per_killed"]
    assert history.place(r.max(), ref) == f"within the reference wars' 2.3–9.2; closest to {IRAQ}"
    assert history.place(r.min(), ref) == f"within the reference wars' 2.3–9.2; closest to {WW2}"


# place_interval -----------------------------------------------------------------------------------------------------

def test_place_interval__open_low__below_some(ref):
    # "at most 5.7" (CSIS): Vietnam's 6.4 and Iraq's 9.2 lie above it, Korea's 3.1 and WW2's 2.3 do not
    assert history.place_interval(0, 5.7, True, ref) == \
        "below US forces in Vietnam War (6.4), US forces in Iraq, Operation Iraqi Freedom (9.2)"


def test_place_interval__open_low__below_all(ref):
    assert history.place_interval(0, 2.0, True, ref) == "below every reference war"


def test_place_interval__open_low__at_the_lowest__below_the_rest(ref):
    # a bound equal to WW2's ratio: WW2 meets it (not above it), the other three lie above
    low = ref["wounded_per_killed"].min()
    assert history.place_interval(0, low, True, ref) == ("below US forces in Korean War (3.1), US forces in Vietnam "
                                                         "War (6.4), US forces in Iraq, Operation Iraqi Freedom (9.2)")


def test_place_interval__open_low__every_war_meets_it(ref):
    assert history.place_interval(0, 20.0, True, ref) == "a bound that every reference war meets, so it places nothing"
    top = ref["wounded_per_killed"].max()
    assert history.place_interval(0, top, True, ref) == "a bound that every reference war meets, so it places nothing"


def test_place_interval__closed__above_every(ref):
    assert history.place_interval(9.5, 12.0, False, ref) == f"above every reference war (highest: {IRAQ})"


def test_place_interval__closed__low_at_the_highest__includes_it(ref):
    # low = 9.1749 (Iraq's own ratio), high = 12: the range includes Iraq and reaches above every war; its midpoint
    # (10.59) alone would have said "above every reference war", which the range's low end contradicts
    top = ref["wounded_per_killed"].max()
    assert history.place_interval(top, 12.0, False, ref) == (
        "a range that includes US forces in Iraq, Operation Iraqi Freedom (9.2); it reaches above every reference war")
    # 2,430/330 = 7.36 to 2,970/270 = 11.0 (NIS's killed and wounded each read ±10 %): includes Iraq's 9.17
    assert history.place_interval(2430 / 330, 2970 / 270, False, ref) == (
        "a range that includes US forces in Iraq, Operation Iraqi Freedom (9.2); it reaches above every reference war")


def test_place_interval__closed__below_every(ref):
    assert history.place_interval(1.0, 2.0, False, ref) == f"below every reference war (lowest: {WW2})"


def test_place_interval__closed__high_at_the_lowest__includes_it(ref):
    # low 1, high = 2.3009 (WW2's own ratio): includes WW2, reaches below every war
    low = ref["wounded_per_killed"].min()
    assert history.place_interval(1.0, low, False, ref) == (
        "a range that includes US forces in World War II (2.3); it reaches below every reference war")


def test_place_interval__closed__names_every_war_within_it(ref):
    # 2.5-7.5 holds Korea's 3.06 and Vietnam's 6.40; 2.0-4.0 holds WW2's 2.30 and Korea's 3.06 and starts below
    # WW2; 1.0-12.0 holds all four and reaches past both ends
    assert history.place_interval(2.5, 7.5, False, ref) == \
        "a range that includes US forces in Korean War (3.1), US forces in Vietnam War (6.4)"
    assert history.place_interval(2.0, 4.0, False, ref) == ("a range that includes US forces in World War II (2.3), "
                                                            "US forces in Korean War (3.1); it reaches below every "
                                                            "reference war")
    assert history.place_interval(1.0, 12.0, False, ref) == (
        "a range that includes US forces in World War II (2.3), US forces in Korean War (3.1), US forces in Vietnam "
        "War (6.4), US forces in Iraq, Operation Iraqi Freedom (9.2); it reaches below and above every reference war")


def test_place_interval__closed__between_two_wars__placed_by_its_midpoint(ref):
    # 4.0-5.0 holds no war's ratio: mid 4.5 is 1.44 from Korea (3.06), 1.90 from Vietnam (6.40)
    assert history.place_interval(4.0, 5.0, False, ref) == f"within the reference wars' 2.3–9.2; closest to {KOREA}"
    # a point (NIS's 2,700 / 300 = 9.0) holds none either: nearest Iraq (0.17 away)
    assert history.place_interval(9.0, 9.0, False, ref) == f"within the reference wars' 2.3–9.2; closest to {IRAQ}"


# counting_note ------------------------------------------------------------------------------------------------------

def test_counting_note__a_row_with_hospitalised_wounded__says_the_ranking_depends_on_it(ref):
    assert history.counting_note(ref) == COUNTING


def test_counting_note__no_row_gives_hospitalised_wounded__nothing(ref):
    assert history.counting_note(ref.drop(columns="wounded_hospitalised")) == ""
    assert history.counting_note(ref.assign(wounded_hospitalised=pd.NA)) == ""


def test_basis__says_the_ww2_and_korea_rows_may_not_share_vietnams_basis():
    assert "may not be on one basis" in history.BASIS
    assert "is itself a finding" not in history.BASIS


# place_sentence -----------------------------------------------------------------------------------------------------

def test_place_sentence__nis_and_csis(ref):
    # as the brief prints it. NIS: 2,700 / 300 = 9.0, within 2.3–9.2, nearest Iraq (0.17 away); 9.0 > 6.4: the note.
    # CSIS: 50 % × 11,000 = 5,500 casualties less 1,000 killed = at most 4,500 wounded, / 1,000 = at most 4.5:
    # below Vietnam and Iraq; a bound gets no note.
    stated = {"NIS": wpk(9.0, 9.0), "CSIS": wpk(0.0, 4.5, open_low=True)}
    assert history.place_sentence(stated, ref) == (
        f"NIS (9.0): within the reference wars' 2.3–9.2; closest to {IRAQ}. "
        "CSIS (at most 4.5): below US forces in Vietnam War (6.4), US forces in Iraq, Operation Iraqi Freedom (9.2). "
        f"{COUNTING}")


def test_place_sentence__interval__shown_as_a_range(ref):
    # 7.0–8.0: mid 7.5 nearest Vietnam (1.10 away; Iraq 1.67); its low end 7.0 > 6.4: the note
    assert history.place_sentence({"A": wpk(7.0, 8.0)}, ref) == \
        f"A (7.0–8.0): within the reference wars' 2.3–9.2; closest to {VIETNAM}. {COUNTING}"


def test_place_sentence__bound_above_the_others__no_note(ref):
    # at most 8.0 (its high end above 6.4): Iraq lies above it; a bound may be far lower, so no note
    assert history.place_sentence({"A": wpk(0.0, 8.0, open_low=True)}, ref) == \
        f"A (at most 8.0): below US forces in Iraq, Operation Iraqi Freedom (9.2). {COUNTING}"


def test_place_sentence__note_on_the_low_end(ref):
    # 6.0–7.0: the low end 6.0 is not above Vietnam's 6.4, so no note though the high end is; it holds Vietnam's 6.4
    assert history.place_sentence({"A": wpk(6.0, 7.0)}, ref) == \
        f"A (6.0–7.0): a range that includes US forces in Vietnam War (6.4). {COUNTING}"


def test_place_sentence__claimant_without_ratio__skipped(ref):
    stated = {"A": {"killed": Quantity(Interval(5, 5, 5), ("a",), "stated")}, "B": wpk(3.0, 3.0)}
    assert history.place_sentence(stated, ref) == \
        f"B (3.0): within the reference wars' 2.3–9.2; closest to {KOREA}. {COUNTING}"
    assert history.place_sentence({"A": stated["A"]}, ref) == ""


def test_place_interval__closed__ends_at_the_lowest_and_highest_wars__reach_past_neither(ref):
    # a range whose ends are WW2's own 2.3009 and Iraq's own 9.1749 includes all four and reaches past neither
    r = ref["wounded_per_killed"]
    assert history.place_interval(r.min(), r.max(), False, ref) == (
        "a range that includes US forces in World War II (2.3), US forces in Korean War (3.1), US forces in Vietnam "
        "War (6.4), US forces in Iraq, Operation Iraqi Freedom (9.2)")


# an "at least" ratio (killed "up to" a figure) and one with no end stated: bounds stay bounds -------------------------

def test_place_interval__open_high__above_some(ref):
    # "at least 2.7" (2,700 wounded over killed "up to 1,000"): only WW2's 2.3 lies below it
    assert history.place_interval(2.7, math.inf, False, ref, open_high=True) == \
        "above US forces in World War II (2.3)"


def test_place_interval__open_high__above_all_or_none(ref):
    assert history.place_interval(10.0, math.inf, False, ref, open_high=True) == "above every reference war"
    assert history.place_interval(2.0, math.inf, False, ref, open_high=True) == \
        "a bound that every reference war meets, so it places nothing"
    # at least WW2's own 2.3009: WW2 meets it
    low = ref["wounded_per_killed"].min()
    assert history.place_interval(low, math.inf, False, ref, open_high=True) == \
        "a bound that every reference war meets, so it places nothing"


def test_place_interval__both_ends_open__places_nothing(ref):
    assert history.place_interval(0.0, math.inf, True, ref, open_high=True) == \
        "nothing to place among the reference wars"


def test_place_sentence__at_least__a_bound_with_its_note(ref):
    # at least 7.36 (2,430 / 330): above WW2, Korea and Vietnam; its low end is above 6.4, so the note
    assert history.place_sentence({"A": wpk(7.36, math.inf, open_high=True)}, ref) == (
        "A (at least 7.4): above US forces in World War II (2.3), US forces in Korean War (3.1), US forces in Vietnam "
        f"War (6.4). {COUNTING}")


def test_place_sentence__not_bounded__no_figure_invented(ref):
    assert history.place_sentence({"A": wpk(0.0, math.inf, open_low=True, open_high=True)}, ref) == \
        "A (not bounded by the claims): nothing to place among the reference wars."


def test_place_sentence__a_range_with_a_point__shows_the_range_only(ref):
    # 7.0–8.0 implied from ranges with a stated point of 7.5: the placement speaks of the range, so only the range
    # is shown (mid 7.5 nearest Vietnam; its low end 7.0 > 6.4: the note)
    q = {"wounded_per_killed": Quantity(Interval(7.0, 8.0, 7.5), ("x",), "implied")}
    assert history.place_sentence({"A": q}, ref) == \
        f"A (7.0–8.0): within the reference wars' 2.3–9.2; closest to {VIETNAM}. {COUNTING}"
