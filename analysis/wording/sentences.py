"""The sentences the brief writes about a claim, a figure, a comparison, a probability or a judgment's robustness
(the bottom line's, the later reports' and other wars' have modules of their own in analysis.wording).

Say exactly what the source said: a bound stays a bound ("at most", "at least"), a hedge stays in every
sentence that uses its claim, an attribution that is ours says so, "says" is for stated figures and "implies"
for derived ones, and a probability always carries its number.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis.wording import numbers as formatting
from analysis.uncertainty.intervals import Interval

# ICD 203 (US Intelligence Community Directive 203, Analytic Standards): estimative terms and their ranges.
ESTIMATIVE = (
    (0.05, "almost no chance"),
    (0.20, "very unlikely"),
    (0.45, "unlikely"),
    (0.55, "roughly even chance"),
    (0.80, "likely"),
    (0.95, "very likely"),
    (1.00, "almost certainly"),
)


def estimative(p: float) -> str:
    """A probability in ICD 203's words with its number, never beyond 1-99 %: 'almost certainly (99 %)'."""
    if p is None or math.isnan(p):
        return "with no probability to give"
    shown = min(max(round(p * 100), 1), 99)
    term = next(t for upper, t in ESTIMATIVE if shown / 100 < upper)  # shown is at most 99 %: below the last
    return f"{term} ({shown} %)"


def sig(x: float, digits: int) -> float:
    """x rounded to `digits` significant figures."""
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, digits - 1 - int(math.floor(math.log10(abs(x)))))


def significant_digits(x: float, unit: str) -> int:
    """How many significant figures a stated figure carries as the brief prints it (300: 1, 2,700: 2, 27.3 %: 3)."""
    text = f"{x:g}" if unit == "as written" else formatting.number(x, unit).replace(",", "").rstrip("%")
    digits = text.replace(".", "").lstrip("0")
    if "." not in text:
        digits = digits.rstrip("0")
    return max(len(digits), 1)


def rounded(x: float, digits: int, unit: str) -> str:
    """x to `digits` significant figures, printed with just the decimals those need: 28%, 9.0, 10,500."""
    if x is None or not math.isfinite(x):
        return formatting.number(x, unit)
    v = sig(x, digits)
    decimals = max(0, digits - 1 - int(math.floor(math.log10(abs(v))))) if v else 0
    if unit == "persons":
        return f"{v:,.{decimals}f}"
    return f"{v:.{decimals}f}%" if unit == "percent" else f"{v:.{decimals}f}"


def _place(x: float, digits: int) -> int:
    """The decimal place (decimals; negative for tens, hundreds) that `digits` significant figures give x."""
    return digits - 1 - int(math.floor(math.log10(abs(x))))


def _band_decimals(p: dict, digits: int) -> int | None:
    """One decimal place for every percentile of a band: the finest its values need at `digits` significant
    figures, but no finer than its spread (p5 to p95) needs; None where nothing finite sets one."""
    values = [v for v in p.values() if v is not None and math.isfinite(v) and v != 0]
    if not values:
        return None
    finest = max(_place(v, digits) for v in values)
    ends = [p.get(k) for k in ("p5", "p95")]
    if all(e is not None and math.isfinite(e) for e in ends) and ends[1] > ends[0]:
        return min(finest, _place(ends[1] - ends[0], digits))
    return finest


def _at_place(x: float, decimals: int | None, unit: str) -> str:
    """x rounded to a decimal place (`_band_decimals`), printed with just the decimals it needs."""
    if decimals is None or x is None or not math.isfinite(x):
        return rounded(x, 2, unit)
    v = round(x, decimals)
    shown = max(decimals, 0)
    if unit == "persons":
        return f"{v:,.{shown}f}"
    return f"{v:.{shown}f}%" if unit == "percent" else f"{v:.{shown}f}"


def span(low: float, high: float, digits: int, unit: str) -> str:
    """Two rounded ends as one range: '7.9–10', '8.8–11%', '10,000–11,000'."""
    a, b = rounded(low, digits, unit), rounded(high, digits, unit)
    if a == b:
        return a
    return f"{a[:-1]}–{b}" if unit == "percent" else f"{a}–{b}"


def band_digits(p: dict, digits: int = 2) -> int:
    """Two significant figures, or three where two would merge neighbouring percentiles (the band would vanish)."""
    def merged(a: str, b: str) -> bool:
        ok = all(p.get(k) is not None and math.isfinite(p[k]) for k in (a, b))
        return ok and p[a] != p[b] and sig(p[a], digits) == sig(p[b], digits)

    if digits < 3 and any(merged(a, b) for a, b in (("p5", "p25"), ("p75", "p95"), ("p25", "p75"))):
        return 3
    return digits


def band_digits_for(status: str, low: float | None, high: float | None) -> int:
    """Significant figures for a figure's band: two, or three where its stated figure carries three (a derived or
    pooled figure carries no precision of its own beyond its inputs')."""
    if status != "stated":
        return 2
    ends = [x for x in (low, high) if x and math.isfinite(x)]
    return min(max([2] + [significant_digits(x, "as written") for x in ends]), 3)


def figure_band(p: dict, unit: str, digits: int, split: bool, open_bounds) -> str:
    """A figure's band as the brief words it; a band resting on a bound says it is set by our reading of it (the
    bound has no middle of its own)."""
    text = band(p, unit, digits, split)
    if "up_to" in open_bounds or "at_least" in open_bounds:
        text = "set by our reading of a bound: " + text
    return text


def _band_places(p: dict, unit: str, digits: int):
    """A band's percentiles printed at one decimal place chosen from its spread, and `span(a, b)` joining two of them
    ('950–1,050'; one figure where both print alike)."""
    digits = band_digits(p, digits)
    r = {k: _at_place(v, _band_decimals(p, digits), unit) for k, v in p.items() if v is not None}

    def span(a: str, b: str) -> str:
        if r[a] == r[b]:
            return r[a]
        return f"{r[a][:-1]}–{r[b]}" if unit == "percent" else f"{r[a]}–{r[b]}"
    return r, span


def band_columns(p: dict, unit: str, digits: int = 2, split: bool = False) -> dict[str, str]:
    """A band as a table row shows it, rounded as `band` rounds it: its median, 50% band and 90% band ('—' for the
    median of a pool whose claimants' figures do not overlap: it has no meaningful middle)."""
    r, span = _band_places(p, unit, digits)
    middle = split or p.get("p50") is None
    return dict(median="—" if middle else r["p50"], band50="—" if middle else span("p25", "p75"),
                band90=span("p5", "p95"))


def band(p: dict, unit: str, digits: int = 2, split: bool = False) -> str:
    """A Monte Carlo band in prose, rounded to two significant figures (three where a stated figure or the band
    needs them): no false precision."""
    r, span = _band_places(p, unit, digits)
    if split or p.get("p50") is None:
        return (f"the claimants’ figures do not overlap, so the pool has no meaningful middle; "
                f"90% band {span('p5', 'p95')} spans both")
    return f"median {r['p50']}; 50% band {span('p25', 'p75')}; 90% band {span('p5', 'p95')}"


UNBOUNDED = "not bounded by the claims"
# What a derived figure counts, where a sentence must name it (a figure of its own would carry its unit).
NOUNS = {"deployed": "the force", "killed": "the number killed", "wounded": "the number wounded",
         "casualties": "the casualties", "casualty_rate": "the casualty rate",
         "killed_share_force": "the share of the force killed", "killed_share_casualties": "the share of casualties "
         "killed", "wounded_per_killed": "wounded per killed"}


def derived_digits(rows: pd.DataFrame) -> int:
    """Significant figures a figure derived from these claims supports: as many as the most precise of their
    numbers carries (1,920: 3; 17.45: 4; 300: 1), and at least two (300 + 2,700 is 3,000, not 3,000 to one figure)."""
    found = [2]
    for c in ("low", "best", "high"):
        for x in rows[c] if c in rows.columns else ():
            if x == x and x:  # not NaN, not 0
                text = f"{float(x):.2f}".rstrip("0").rstrip(".")  # as the ledger writes it: at most 2 decimals
                shown = text.replace(".", "").lstrip("0")
                found.append(len(shown if "." in text else shown.rstrip("0")))
    return max(found)


def _to_digits(x: float, digits: int | None, direction: int = 0) -> float:
    """A count to `digits` significant figures: to the nearest (direction 0), down (-1: a floor is never raised) or
    up (1: a ceiling is never lowered); a count already within them, or no digits given, is left as it is."""
    if digits is None or not x or not math.isfinite(x):
        return x
    scale = 10.0 ** (math.floor(math.log10(abs(x))) - digits + 1)
    if scale <= 1:
        return x
    step = {0: round, -1: lambda y: math.floor(y + 1e-9), 1: lambda y: math.ceil(y - 1e-9)}[direction]
    return step(x / scale) * scale


def interval(v: Interval, unit: str, digits: int | None = None) -> str:
    """A figure in words that keep its bounds: '3,000', '27.3–30.0%', 'at most 5,500', 'at least 18.2%'. A count
    derived from claims is given to the `digits` its inputs support (derived_digits), a bound's end rounded
    outward; percents and ratios keep their one decimal."""
    if v.open_low and v.open_high:
        return UNBOUNDED
    d = digits if unit == "persons" else None
    if v.open_low:
        return f"at most {formatting.number(_to_digits(v.high, d, 1), unit)}"
    if v.open_high:
        return f"at least {formatting.number(_to_digits(v.low, d, -1), unit)}"
    point = None if v.point is None else _to_digits(v.point, d)
    return formatting.figure(_to_digits(v.low, d), point, _to_digits(v.high, d), unit)


bounded = interval  # the name analysis.judgments and later modules call it by: a figure in words that keep its bounds


BOUND_WORDS = {"exact": "{v}", "approximate": "about {v}", "up_to": "up to {v}", "at_least": "at least {v}"}
HEDGED_WORDS = {"exact": "{h} {v}", "approximate": "{h} {v}", "up_to": "{h} as high as {v}",
                "at_least": "{h} at least {v}"}


def claim_figure(row) -> str:
    """A claim's figure in the words of its bound and hedge: 'about 300', 'potentially 1,000', '10,000–11,000'."""
    unit, hedge = row["unit"], row.get("hedge", "")
    if row["bound"] == "range":
        span = formatting.interval(row["low"], row["high"], unit)
        text = span if math.isnan(row["best"]) else f"{formatting.number(row['best'], unit)} ({span})"
        return f"{hedge} {text}" if hedge else text
    value = {"up_to": row["high"], "at_least": row["low"]}.get(row["bound"], row["best"])
    words = HEDGED_WORDS if hedge else BOUND_WORDS
    shown = f"{value:g}%" if unit == "percent" else formatting.number(value, unit)  # as precise as the source
    return words[row["bound"]].format(v=shown, h=hedge)


NOUN = {"deployed": "troops deployed", "killed": "killed", "wounded": "wounded", "casualties": "casualties",
        "casualty_rate": "casualty rate", "wounded_per_killed": "wounded per killed",
        "killed_share_casualties": "killed as a share of casualties", "killed_share_force": "killed as a share of "
        "the force"}


def and_list(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 2 else items)


def shared_error(claims: pd.DataFrame) -> str:
    """Why claims read as independent may not be, in this ledger's terms: 'claims from one briefing, such as NIS’s
    killed and wounded, may in fact share their error', the example the first briefing (`error_group`) of two claims
    or more among those used; without one, no example."""
    if "error_group" not in claims.columns:  # no briefings given (validate gives the column its default, "")
        claims = claims.assign(error_group="")
    groups = claims[claims["error_group"] != ""]
    sizes = groups["error_group"].value_counts()
    first = next((g for g in dict.fromkeys(groups["error_group"]) if sizes[g] > 1), None)
    if first is None:
        return "claims from one briefing may in fact share their error"
    rows = groups[groups["error_group"] == first]
    owners = [f"{possessive(c)} {and_list([NOUN[m] for m in rows.loc[rows['claimant'] == c, 'metric']])}"
              for c in dict.fromkeys(rows["claimant"])]
    return f"claims from one briefing, such as {and_list(owners)}, may in fact share their error"


def actor(rows: pd.DataFrame) -> str:
    """Who made these claims, as the source says: 'Seth Jones (CSIS)', 'NIS'."""
    claimant = rows["claimant"].iloc[0]
    people = [p for p in dict.fromkeys(rows["spokesperson"]) if p]
    return f"{people[0]} ({claimant})" if len(people) == 1 else claimant


def inferred(rows: pd.DataFrame) -> bool:
    """Whether any of these claims is attributed by us rather than by the source."""
    return bool((rows.get("attribution", pd.Series(dtype=str)) == "inferred").any())


def attributed_by_us(claims: pd.DataFrame) -> frozenset[str]:
    """The claimants any of whose claims here we attributed (the source names no claimant): each is marked
    '(our attribution)' wherever the brief names it beside a figure of those claims."""
    if "attribution" not in claims.columns:
        return frozenset()
    return frozenset(claims.loc[claims["attribution"] == "inferred", "claimant"])


def named(name: str, ours=frozenset()) -> str:
    """'NIS (our attribution)' where we attributed its claims (`ours`, from `attributed_by_us`), else the name."""
    return f"{name} (our attribution)" if name in ours else name


def owned(name: str, ours=frozenset()) -> str:
    """The possessive, marked where the attribution is ours: 'NIS’s (our attribution)', 'CSIS’s'."""
    return f"{possessive(name)} (our attribution)" if name in ours else possessive(name)


def short_outlet(url: str, outlets: dict[str, str]) -> str:
    """An outlet's short name: 'CNA' for 'CNA (Channel NewsAsia; AFP copy)'."""
    return outlets.get(url, url).split(" (")[0]


def _attributed_after(rows: pd.DataFrame, outlets: dict[str, str]) -> list[str]:
    """The short names of the outlets whose reports support an attribution of ours, each once, in ledger order."""
    return [short_outlet(u, outlets) for u in dict.fromkeys(rows["attributed_by"]) if u]


def attribution_note(rows: pd.DataFrame, outlets: dict[str, str]) -> str:
    """'attributed to NIS by us, after CNA; the source names no claimant' for inferred claims, else ''."""
    if not inferred(rows):
        return ""
    by = _attributed_after(rows, outlets)
    after = f", after {' and '.join(by)}" if by else ""
    return f"attributed to {rows['claimant'].iloc[0]} by us{after}; the source names no claimant"


def _object(row, figure: str) -> str:
    """The claim's figure with what it counts: '300 killed', 'a force of about 11,000', 'a casualty rate …'."""
    metric = row["metric"]
    if metric == "deployed":
        return f"a force of {figure}"
    if metric == "casualty_rate":
        return f"that casualty rates {figure}" if row.get("hedge", "") else f"a casualty rate of {figure}"
    return f"{figure} {metric}"


def capital(text: str) -> str:
    """The sentence with its first letter capitalised."""
    return text[:1].upper() + text[1:]


def hedges(rows: pd.DataFrame) -> list[str]:
    """The source's hedge words on these claims, in ledger order."""
    return [h for h in dict.fromkeys(rows.get("hedge", pd.Series(dtype=str))) if h]


def stated(row, outlets: dict[str, str]) -> str:
    """A stated claim in a sentence: 'Seth Jones (CSIS) estimated potentially 1,000', or for an attribution of
    ours 'about 300, reported (attributed to NIS by CNA; the attribution is ours)'."""
    rows = pd.DataFrame([row])
    figure = claim_figure(row)
    if inferred(rows):
        what = f"{figure} {row['metric']}" if row["metric"] in ("killed", "wounded", "casualties") else figure
        return f"{what} reported ({attribution_note(rows, outlets)})"
    return f"{actor(rows)} {row.get('verb', '') or 'says'} {_object(row, figure)}"


def implied(rows: pd.DataFrame, figure: str, outlets: dict[str, str], what: str = "", name: str = "") -> str:
    """A derived figure in a sentence: 'the figures of Seth Jones (CSIS), hedged “could be”, imply at most 5,500';
    a figure the claims leave unbounded, or undefined (a ratio over 0), is said of the quantity `name`: 'the
    figures of … leave the casualty rate unbounded at both ends'."""
    who = actor(rows)
    if inferred(rows):
        by = _attributed_after(rows, outlets)
        subject = f"the figures we attribute to {who}" + (f" (after {' and '.join(by)})" if by else "")
    else:
        subject = f"the figures of {who}"
    h = hedges(rows)
    if h:
        subject += ", hedged " + " and ".join(f"“{x}”" for x in h) + ","
    dates = sorted({d for d in rows["as_of"].where(rows["as_of"] != "", rows["published"])
                    if d} if {"as_of", "published"} <= set(rows.columns) else set())
    mixed = f" (from figures of different dates: {', '.join(dates)})" if len(dates) > 1 else ""
    noun = NOUNS.get(name, what.strip() or "the figure")
    if figure == UNBOUNDED:
        return f"{subject} leave {noun} unbounded at both ends{mixed}"
    if figure.startswith("undefined ("):
        return f"{subject} leave {noun} {figure}{mixed}"
    return f"{subject} imply {figure}{what}{mixed}"


def undefined(name: str) -> str:
    """A ratio whose denominator the claims put at zero, in words."""
    over = {"wounded_per_killed": "no one killed", "killed_share_casualties": "no casualties",
            "killed_share_force": "no force", "casualty_rate": "no force"}.get(name, "zero")
    return f"undefined (the claims give {over}: a ratio over zero has no value)"


IDENTITIES = {  # an identity of one claimant's own figures, by the quantity that shows it broken (montecarlo.BREACHES)
    "wounded": "casualties below killed",
    "killed": "wounded above casualties",
    "casualty_rate": "more casualties than troops deployed",
    "killed_share_force": "more killed than troops deployed",
    "killed_share_casualties": "more killed than casualties",
}


def identity_broken(name: str) -> str:
    """The identity a figure out of bounds breaks, in words: 'casualties below killed' for a negative wounded."""
    return IDENTITIES.get(name, "an impossible share")


def breach(name: str) -> str:
    """What an implied share above 100 % means, in words, instead of printing it."""
    return (f"more than 100% ({identity_broken(name)}): the claims cannot all describe one force over one period — "
            "reinforcements or a longer period may explain it")


SHARES = ("casualty_rate", "killed_share_force", "killed_share_casualties")
_WHAT = {"casualty_rate": "more casualties than troops deployed", "killed_share_force": "more killed than troops "
         "deployed", "killed_share_casualties": "more killed than casualties"}


def share(v: Interval, name: str) -> str | None:
    """A share whose figure reaches above 100 %, in words (a share of one force cannot): the whole of it above 100 %
    (`breach`), a ceiling above 100 % (which caps nothing), or a range running from a share to above 100 %; None
    for a share that stays within 100 % (or a floor, "at least X%"), which `interval` words."""
    if name not in SHARES or not v.high > 100 or (v.open_high and not v.open_low and v.low <= 100):
        return None
    if v.low > 100:
        return breach(name)
    if v.open_low:
        return f"no ceiling below 100% (at the claims’ own ceiling, {_WHAT[name]})"
    return f"from {formatting.number(v.low, 'percent')} to above 100% ({_WHAT[name]} at its high end)"


# Why agreement with an open bound ("as high as", "at least") is weak evidence: said once, here.
BOUND_TESTS_LITTLE = "a bound tests little"


def read_words(v: Interval, name: str, unit: str) -> str:
    """Our reading of a figure as a table or alt text shows it: '2,700–3,300', and a share that reading pushes above
    100 % in words (see `share`)."""
    return share(v, name) or formatting.reading(v, unit)


def read_as(v: Interval, unit: str, digits: int | None = None) -> str:
    """What a claim allows under the analyst's tolerance: '300 (read as 270–330)', 'at most 5,150' (a derived count
    to the `digits` its inputs support, as `interval` gives it)."""
    if v.point is not None and not (v.open_low or v.open_high) and v.low != v.high:
        d = digits if unit == "persons" else None
        return (f"{formatting.number(_to_digits(v.point, d), unit)} (read as "
                f"{formatting.interval(_to_digits(v.low, d), _to_digits(v.high, d), unit)})")
    return interval(v, unit, digits)


def possessive(name: str) -> str:
    """A name with its possessive: 'CSIS’s', 'Zeta’s', but 'Gamma Officials’' (a plural noun's s takes the
    apostrophe alone; an acronym's S does not, nor a name's double s: 'Ross’s')."""
    last = name.split()[-1] if name.split() else name
    return f"{name}’" if last.endswith("s") and not last.endswith("ss") and not last.isupper() else f"{name}’s"


def counted(n: int, one: str, many: str) -> str:
    """A count with its noun (or verb phrase) in number: '1 figure', '2 figures', '0 figures', '1 is hedged'."""
    return f"{n} {one if n == 1 else many}"


def confidence(figures: int, sources: int, loose: int, hedged: int, ours: int, undated: int, claimants: int,
               compared: int, kinds: dict[str, int]) -> str:
    """What the confidence judgment rests on, counted: the figures and their sources, how many are bounds, hedged,
    attributed by us or undated, and what the comparisons between claimants (`compared` of them; `kinds`: verdicts
    other than consistent, by count) find."""
    found = [counted(kinds[k], k, f"{k}s") for k in ("contradiction", "disagreement", "tension") if kinds.get(k)]
    disputes = sum(kinds.get(k, 0) for k in ("contradiction", "disagreement", "tension"))
    if claimants < 2:
        checked = "with one claimant there is nothing to cross-check"
    elif not compared:
        checked = "the claimants give no figure both can be compared on"
    elif not disputes:
        checked = (f"{counted(compared, 'comparison', 'comparisons')} between claimants "
                   f"{'finds' if compared == 1 else 'find'} no conflict")
    else:
        of = "the 1 comparison" if compared == 1 else f"{disputes} of {compared} comparisons"
        checked = f"{of} between claimants {'finds' if disputes == 1 else 'find'} {' and '.join(found)}"
    by_us = "attributed by us rather than by the source"
    return (f"{counted(figures, 'figure', 'figures')} from "
            f"{counted(sources, 'published source', 'published sources')}; "
            f"{counted(loose, 'is approximate or an open-ended bound', 'are approximate or open-ended bounds')}, "
            f"{counted(hedged, 'is hedged by its source', 'are hedged by their source')}, "
            f"{counted(ours, f'is {by_us}', f'are {by_us}')}, "
            f"{counted(undated, 'carries no date', 'carry no date')}, and {checked}. "
            + ("The figure cannot" if figures == 1 else "None of the figures can") + " be checked independently here.")


def at_least_times(factor: float, held: bool = True) -> str:
    """How far apart two figures are, as a multiple that is a lower bound: 'at least 2.7 times', floored to one
    decimal, never rounded up (a factor already floored, such as 2.3 stored as 2.2999…, stays itself); where the gap
    does not hold, 'less than 2.7 times'."""
    shown = math.floor(factor * 10 + 1e-9) / 10
    return f"{'at least' if held else 'less than'} {shown:.1f} times"


def hedged_name(claimant: str, hedge_words: list[str], ours=frozenset()) -> str:
    """'CSIS’s hedged (“potentially”)' where the figure rests on hedged claims, else 'CSIS’s'; 'NIS’s (our
    attribution)' where we attributed its claims."""
    if not hedge_words:
        return owned(claimant, ours)
    return f"{owned(claimant, ours)} hedged (" + ", ".join(f"“{h}”" for h in hedge_words) + ")"


def within_bound(row, figures: dict) -> tuple[str, str, bool, bool] | None:
    """For a consistent comparison where one side alone is a bound (a consistency row's `bound_of`): (whose bound,
    the other claimant, whether the bound is a ceiling, whether the other's whole figure lies within it); else None.
    A ceiling is open below ("as high as"), a floor open above ("at least")."""
    bounds = [c.strip() for c in row["bound_of"].split(",") if c.strip()]
    if row["verdict"] != "consistent" or len(bounds) != 1:
        return None
    bound = bounds[0]
    other = row["claimant_b"] if bound == row["claimant_a"] else row["claimant_a"]
    fbound, fother = figures[bound][row["quantity"]].value, figures[other][row["quantity"]].value
    ceiling = fbound.open_low
    return bound, other, ceiling, (fother.high <= fbound.high if ceiling else fother.low >= fbound.low)


def how_far(higher: str, lower: str, factor: float, ours=frozenset()) -> str:
    """How far apart two figures that cannot both be true are, `higher` being the higher claimant's name as
    `hedged_name` gives it: 'CSIS’s figure is at least 2.7 times NIS’s' (a lower bound on the ratio, never rounded
    up); over a figure of 0 there is no ratio, and the sentence says so."""
    if math.isinf(factor):
        return f"{higher} figure is above {owned(lower, ours)} figure of 0 (no ratio to 0 can be given)"
    return f"{higher} figure is {at_least_times(factor)} {owned(lower, ours)}"


def comparison(row, figures: dict, unit: str, hedges_of=None, stated: dict | None = None, digits_of=None,
               ours=frozenset()) -> str:
    """A consistency row (analysis.judgments.consistency.flags) as a sentence, bounds, hedges and echoes said in words.

    `hedges_of(claimant, quantity)` gives the hedge words of the claims a figure rests on; `stated`, the figures
    as the claims give them, shown beside a bound widened by our tolerance; `digits_of(claimant, quantity)`, the
    significant figures a derived count supports (None for a stated one); `ours`, the claimants we attributed
    (marked as such)."""
    a, b, label = row["claimant_a"], row["claimant_b"], row["label"]
    fa, fb = figures[a][row["quantity"]].value, figures[b][row["quantity"]].value

    def shown(c: str, v: Interval) -> str:
        q = figures[c][row["quantity"]]
        if q.status == "stated" and "at_least" in q.open_bounds and not v.open_high:  # a percent runs to 100
            return f"at least {v.low:g}%" if unit == "percent" else f"at least {formatting.number(v.low, unit)}"
        d = digits_of(c, row["quantity"]) if digits_of else None
        if share(v, row["quantity"]):
            return share(v, row["quantity"])
        text = read_as(v, unit, d)
        s = stated[c][row["quantity"]].value if stated else None
        if s is not None and (v.open_low or v.open_high) and interval(s, unit, d) != interval(v, unit, d):
            end = _to_digits(v.high, d, 1) if v.open_low else _to_digits(v.low, d, -1)
            # the bound's end as our tolerance moves it (open at both ends: unbounded)
            widened = formatting.number(end, unit) if v.open_low != v.open_high else UNBOUNDED
            text = f"{interval(s, unit, d)} ({widened} with our tolerance on “about”)"
        return text

    ta, tb = shown(a, fa), shown(b, fb)
    ha, hb = ((hedges_of(a, row["quantity"]), hedges_of(b, row["quantity"])) if hedges_of else ([], []))
    na, nb = hedged_name(a, ha, ours), hedged_name(b, hb, ours)
    names = {a: na, b: nb}
    v = row["verdict"]
    if v in ("disagreement", "contradiction"):
        text = (f"{label}: {na} {ta} and {nb} {tb} cannot both be true; "
                f"{how_far(names[row['higher']], row['lower'], row['factor'], ours)}.")
        if v == "contradiction":
            text += " What one claimant’s figures imply contradicts what the other states."
    elif v == "tension":
        x, y = row["outside"], row["inside"]
        text = (f"{label}: {na} {ta} and {nb} {tb} overlap only in part: the figure {x} puts forward lies "
                f"outside {owned(y, ours)} range.")
    else:
        relation = within_bound(row, figures)
        if relation:
            bound, other, ceiling, within = relation
            fbound = figures[bound][row["quantity"]].value
            kind = "upper bound" if ceiling else "lower bound"
            sb = stated[bound][row["quantity"]].value if stated else fbound
            end = sb.high if ceiling else sb.low
            end_text = f"{end:g}%" if unit == "percent" and float(end).is_integer() else formatting.number(end, unit)
            theirs = f"{names[bound]} {kind} of {end_text}"
            text = (f"{label}: {names[other]} {tb if other == b else ta} "
                    + (f"lies within {theirs}" if within else f"and {theirs} overlap")
                    + f": consistent, though {BOUND_TESTS_LITTLE}.")
        else:
            text = f"{label}: {na} {ta} and {nb} {tb} overlap: consistent."
    if row.get("echo"):
        text += (" The agreement may be an echo (one figure may derive from the other), not independent "
                 "confirmation.")
    return text  # which figure is higher is arithmetic: no probability word (the draws' share is in results.json)


# Sensitivity: an input moved to one end of its range where no draw fits the claimant's other figures (wounded above
# every casualties draw) leaves no median to give.
NO_DRAW = "no draw fits"
NO_SWING = ("No input moves a casualty rate across its whole range: at one end of each, no draw fits the claimant’s "
            "other figures (the table says which).")


def sensitivity_lead(top, ours=frozenset()) -> tuple[str, list[str], str]:
    """The sensitivity section's first sentence from the input that moves a casualty rate most (a row of
    analysis.uncertainty.sensitivity.tornado with a swing): (before the claim's footnote, its claim id, after)."""
    unit = top["unit"]
    before = f"The casualty rate moves most with {named(top['claimant'], ours)} {top['metric'].replace('_', ' ')}"
    after = (f": from {formatting.number(top['input_low'], unit)} to {formatting.number(top['input_high'], unit)}, "
             f"{owned(top['watched'], ours)} median moves from {formatting.number(top['p50_at_low'], 'percent')} to "
             f"{formatting.number(top['p50_at_high'], 'percent')} ({top['swing']:.1f} percentage points).")
    return before, [top["claim_id"]], after


def dependence(claimant: str, figures: list[tuple[str, float, float, float, str]], correlation: float,
               ours=frozenset()) -> str:
    """The bands of one claimant that collapse when its briefing's figures share their error
    (analysis.judgments.robustness.dependence), against the brief's own bands under independence: one sentence for
    all of them. `figures`: (quantity label, the one value of every draw, p5, p95, unit) each."""
    values = and_list([f"its {label.lower()} is {rounded(value, 2, unit)}" for label, value, _, _, unit in figures])
    bands = and_list([span(p5, p95, 2, unit) for _, _, p5, p95, unit in figures])
    which = "its 90% band" if len(figures) == 1 else "their 90% bands"
    exists = "exists" if len(figures) == 1 else "exist"
    return (f"Dependence: if {owned(claimant, ours)} figures from one briefing share their error (correlation 1), "
            f"{values} in every draw; {which} of {bands} under independence {exists} only because the brief reads "
            f"those figures as independent (correlation {correlation:g} here).")


def robustness_judgment(spec: dict, held: bool, ours=frozenset()) -> str:
    """A robustness judgment (analysis.judgments.robustness) in words, as the brief's own readings find it."""
    kind = spec["kind"]
    if kind == "killed_times":
        who = hedged_name(spec["hi"], spec["hedges"], ours)
        return f"{who} killed figure is {at_least_times(spec['k'], held)} {owned(spec['lo'], ours)}"
    if kind == "rate_within_ceiling":
        return (f"{owned(spec['x'], ours)} casualty rate lies within {owned(spec['y'], ours)} upper bound" if held
                else f"{owned(spec['x'], ours)} casualty rate reaches above {owned(spec['y'], ours)} upper bound")
    if kind == "ratios_conflict":
        return (f"{owned(spec['a'], ours)} and {owned(spec['b'], ours)} wounded-per-killed ratios "
                f"{'cannot' if held else 'can'} both be true")
    if kind == "pooled_median_within":
        return (f"the pooled casualty-rate median lies {'within' if held else 'outside'} {owned(spec['c'], ours)} "
                "implied range")
    return (f"the pooled casualty-rate 90% band {'reaches above' if held else 'stays within'} {owned(spec['c'], ours)} "
            "implied range")


def reading(name: str, value) -> str:
    """One of the analyst's readings in plain words (the parameter's name is for Method only)."""
    if name == "approx_tolerance":
        return f"“about” read as ±{value:.0%}"
    if name == "upto_floor":
        return f"“as high as X” read as no lower than {value:.0%} of X"
    if name == "distribution":
        return f"ranges read as {value}"
    if name == "weights":
        return f"{value} weights"
    if name == "correlation":
        return "claims of one briefing sharing their error" if value else "every claim read as independent"
    if name == "hedge_reading":
        return {"upper_bound": "hedged figures read as upper ends", "as_stated": "hedged figures read as stated",
                "exclude": "hedged figures left out"}.get(value, str(value))
    return f"{name} {value}"


def grid_words(grid: dict, first_owner: str) -> str:
    """The robustness grid's readings in plain words, each parameter's values joined by 'or' (the parameters' names
    are for Method): '“about” read as ±5%, ±10% or ±20%; …; unequal weights double NIS’s'."""
    def alternatives(xs: list[str]) -> str:
        return ", ".join(xs[:-1]) + " or " + xs[-1] if len(xs) > 1 else "".join(xs)
    parts = []
    for name, values in grid.items():
        if name == "approx_tolerance":
            parts.append("“about” read as " + alternatives([f"±{v:.0%}" for v in values]))
        elif name == "upto_floor":
            parts.append("“as high as X” read as no lower than " + alternatives([f"{v:.0%}" for v in values]) + " of X")
        elif name == "distribution":
            parts.append("ranges read as " + alternatives([str(v) for v in values]))
        elif name == "weights":
            parts.append(alternatives([str(v) for v in values]) + f" weights (unequal weights double {first_owner})")
        elif name == "hedge_reading":
            parts.append(alternatives([reading(name, v) for v in values]) + " (“potentially X” as “as high as X”)")
        else:
            parts.append(alternatives([reading(name, v) for v in values]))
    return "; ".join(parts)


def flips(data: tuple) -> str:
    """What flips a robustness judgment (analysis.judgments.robustness._flips), in plain words."""
    if not data:
        return ""
    if data[0] == "every":
        return "fails under every reading"
    if data[0] == "with":
        return "; ".join(" or ".join(reading(name, v) for v in values) for name, values in data[1])
    return "no single reading; fails most often with " + " or ".join(
        f"{reading(name, v)} ({rate:.0%} of its cells)" for name, v, rate in data[1])


def robustness_table(table: pd.DataFrame, ours=frozenset()) -> pd.DataFrame:
    """The robustness table with each judgment and what flips it in words (the columns the brief and results.json
    read); `ours`, the claimants we attributed (marked as such)."""
    words = [robustness_judgment(s, h, ours) for s, h in zip(table["judgment"], table["held"])]
    flipped = [flips(f) for f in table["flips"]]
    return table.assign(judgment=pd.Series(words, index=table.index, dtype=object),
                        flips=pd.Series(flipped, index=table.index, dtype=object)).drop(columns="held")


def evidence_date(dates: list[str], n: int, by_source: int, by_us: int, undated: int) -> str:
    """'as of 2025-02-04 (the source dates none of its 6 figures: 5 are dated by us from other reports, 1 has no
    date)': the evidence's date, never the build's, and who dated it."""
    if not dates:
        return "undated: the source gives no date for these figures"
    if not by_us and not undated:
        return f"as of {max(dates)}"
    parts = []
    if by_us:
        parts.append(f"{by_us} {'is' if by_us == 1 else 'are'} dated by us from other reports")
    if undated:
        parts.append(f"{undated} {'has' if undated == 1 else 'have'} no date")
    if by_source:
        lead = f"the source dates {by_source} of its {n} figures"
    else:
        lead = f"the source dates none of its {n} figure{'s' if n != 1 else ''}"
    return f"as of {max(dates)} ({lead}: {', '.join(parts)})"
