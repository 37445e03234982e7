"""Any valid ledger makes a sound brief (issue 18): for ledgers Hypothesis draws (tests/any_ledger.py), the brief is
computed and its sections rendered as the notebook renders them, and what every brief must be is checked.

Each property is a function from the brief and its HTML to a list of problems, so a failing example names every
problem at once. Shrunk failing examples found while writing these are kept as fixed cases (@example below and the
unit tests of the sections and wording they led to).

Profiles (tests/conftest.py registers them; HYPOTHESIS_PROFILE picks one): `ci`, the default, draws the same
ledgers every run (derandomized); `deep` draws ten times as many, at random, to look for new failures. Here the whole
brief is computed for each example, so each test takes a share of the profile's count (EXAMPLES).

Speed: the robustness grid is cut to 8 cells for these tests (ROBUSTNESS_GRID). Each of its judgments is worded the
same whatever the grid's size; only the counts of cells differ. Everything else is the brief as built (few draws).
"""

from __future__ import annotations

import html
import json
import math
import re

import pytest
from hypothesis import Phase, example, given, reject, settings

import any_ledger
from any_ledger import ledger_rows
from analysis.brief import results
from analysis.brief.compute import compute
from analysis.errors import LedgerError
from analysis.judgments import robustness
from analysis.present import sections as present
from analysis.present.quantities import figure_text
from analysis.uncertainty.derive import QUANTITIES

pytestmark = pytest.mark.integration  # whole briefs computed: left out of the mutation run (tests/MUTATION.md)


EXAMPLES = settings.default.max_examples  # the profile's count (tests/conftest.py)
ROBUSTNESS_GRID = {"upto_floor": (0.5, 1.0), "approx_tolerance": (0.1,), "distribution": ("uniform",),
                   "weights": ("equal", "unequal"), "correlation": (0.0,),
                   "hedge_reading": ("as_stated", "upper_bound")}


@pytest.fixture(scope="module", autouse=True)
def small_grid():
    with pytest.MonkeyPatch.context() as m:
        m.setattr(robustness, "GRID", ROBUSTNESS_GRID)
        yield


def brief_of(rows):
    """The ledger written and the brief computed with few draws (compute validates the ledger first: a ledger the
    validator refuses is the strategy's fault, and is rejected, so too many of them fail Hypothesis's health check),
    then rendered."""
    path = any_ledger.write(rows)
    try:
        b = compute(ledger=str(path), **any_ledger.FAST)
    except LedgerError:
        reject()
    return b, any_ledger.render(b)


def text_of(page: str) -> str:
    """What a reader sees, and what a screen reader reads: the text, with alt texts and titles; no image data."""
    page = re.sub(r'src="data:image/png;base64,[^"]*"', "", page)
    alts = " ".join(re.findall(r'(?:alt|title|aria-label)="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", " ", page) + " " + alts)


# --- properties: each returns the problems it finds --------------------------------------------------------------

# Words that are artefacts of a missing or infinite number, never what a brief means to say. "undefined" is meant
# only as the brief words a ratio over zero (analysis.wording.sentences.undefined): "undefined (the claims give …".
ARTEFACTS = re.compile(r"\b(?:[Nn]a[Nn]|NAN|[Ii]nf(?:inity)?|None(?! of\b)|null|undefined(?! \(the claims give))\b|∞")


def artefacts(b, page: str) -> list[str]:
    text = text_of(page)
    return [f"artefact {m.group(0)!r} in …{text[max(m.start() - 80, 0):m.end() + 40]}…"
            for m in ARTEFACTS.finditer(text)]


PERCENT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s?%")


def shares(b, page: str) -> list[str]:
    """No share or probability above 100 % is printed as a number (a share the claims push above 100 % is said
    in words: "more than 100% (more casualties than troops deployed)")."""
    text = text_of(page)
    return [f"share above 100%: …{text[max(m.start() - 80, 0):m.end() + 20]}…"
            for m in PERCENT.finditer(text) if float(m.group(1).replace(",", "")) > 100]


def ids(b, page: str) -> list[str]:
    """Every claim the brief uses has its row (the footnotes' target), and every footnote points at a row."""
    rows = set(re.findall(r'id="claim-([^"]+)"', page))
    used = set(b.claims["claim_id"])
    linked = set(re.findall(r'href="#claim-([^"]+)"', page))
    return ([f"claim {i} has no row in the claims table" for i in sorted(used - rows)]
            + [f"a footnote links to claim {i}, which has no row" for i in sorted(linked - rows)])


def _possessive_ok(name: str, text: str) -> list[str]:
    if name.endswith("s") and not name.split()[-1].isupper():
        return [f"{name}’s"] if f"{name}’s" in text or f"{name}'s" in text else []
    return []


def grammar(b, page: str) -> list[str]:
    """Counts agree with their verbs and nouns ('1 is', '1 figure'), and a name ending in a plural s takes an
    apostrophe alone ('Gamma Officials’', not 'Gamma Officials’s'; 'CSIS’s' stays)."""
    text = text_of(page)
    found = [f"'{m.group(0)}'" for m in re.finditer(
        r"(?<![\d.,])1 (?:are|carry|find|figures|sources|published sources|comparisons|claims|claimants)\b", text)]
    found += [f"'{m.group(0)}'" for m in re.finditer(r"(?<![\d.,])(?:[02-9]|\d{2,}) (?:is|carries|finds)\b", text)]
    for name in set(b.ledger["claimant"]):
        found += [f"possessive {p!r}" for p in _possessive_ok(name, text)]
    return found


def _has(b, claimant: str, kind: str) -> bool:
    """Whether the claimant has a ceiling (kind 'upper') or a floor ('lower'): a claim 'up to' / 'at least' or a
    figure the claims leave open at that end."""
    bound, side = ("up_to", "open_low") if kind == "upper" else ("at_least", "open_high")
    claims = b.claims[b.claims["claimant"] == claimant]
    return bool((claims["bound"] == bound).any()) or any(
        getattr(q.value, side) for q in b.stated.get(claimant, {}).values())


def bounds(b, page: str) -> list[str]:
    """A bound is worded in its own direction: 'X’s upper bound' only where X has a ceiling, 'lower bound' only a
    floor; a figure shown 'at most' is a ceiling, 'at least' a floor, and a ceiling or floor is never shown as a
    plain figure."""
    text = text_of(page)
    out = []
    names = sorted(set(b.claims["claimant"]), key=len, reverse=True)
    for m in re.finditer(r"(upper|lower) bound", text):
        before = text[max(m.start() - 200, 0):m.start()]
        owner = max(((before.rfind(n), n) for n in names if before.rfind(n) >= 0), default=None)
        if owner is None or owner[0] < len(before) - len(owner[1]) - 60:
            continue  # not a claimant's bound (the method's general words)
        if not _has(b, owner[1], m.group(1)):
            out.append(f"{owner[1]} has no {m.group(1)} bound: …{before[-100:]}{m.group(0)}…")
    for c, quantities in b.stated.items():
        for name, q in quantities.items():
            if q.status == "stated" or math.isinf(q.value.low):
                continue
            shown = figure_text(c, name, b)
            v = q.value
            expect = ("at most" if v.open_low and not v.open_high else "at least" if v.open_high and not v.open_low
                      else None)
            if expect == "at most" and shown.startswith("no ceiling below 100%"):  # a share's ceiling above 100 %
                continue
            if expect == "at least" and v.low > 100 and shown.startswith("more than 100%"):  # a floor above it
                continue
            if expect and not shown.startswith(expect):
                out.append(f"{c} {name} {v} is shown as {shown!r}, not '{expect} …'")
            if not expect and shown.startswith(("at most", "at least")):
                out.append(f"{c} {name} {v} is no bound, but is shown as {shown!r}")
    return out


def escaped(b, page: str) -> list[str]:
    """Ledger text is escaped wherever rendered: no markup from a claimant's name, quote or spokesperson."""
    return [f"unescaped {tag!r}" for tag in ("<b>Bold</b>", "<said>", "<i>Speaker</i>") if tag in page]


def disputes_in_bottom_line(b, page: str) -> list[str]:
    """Every comparison that is not consistent appears in the bottom line (its claimants and quantity)."""
    bottom = " ".join(html.unescape(str(j.text)) + " " + j.heading for j in present.key_judgments(b))
    out = []
    for _, f in b.flags[b.flags["verdict"] != "consistent"].iterrows():
        label = QUANTITIES[f["quantity"]][0].split(" (")[0].lower()
        if not (f["claimant_a"] in bottom and f["claimant_b"] in bottom and label in bottom.lower()):
            out.append(f"{f['verdict']} of {f['claimant_a']} and {f['claimant_b']} on {f['quantity']} is not in the "
                       "bottom line")
    return out


PROPERTIES = (artefacts, shares, ids, grammar, bounds, escaped)


def problems(b, page: str) -> list[str]:
    return [p for prop in PROPERTIES for p in prop(b, page)]


# --- the tests ---------------------------------------------------------------------------------------------------

# Shrunk failing examples, kept as fixed cases (each was a defect; see the unit tests named beside it).
R = any_ledger.ledgers.row


@given(ledger_rows())
@settings(max_examples=EXAMPLES)
@example([R("a-killed-1", best="0", claimant="Zeta"), R("b-killed-1", best="10", claimant="CSIS")])  # factor ∞
@example([R("a-k", best="10000", claimant="Alpha Ministry"), R("b-k", best="9000", claimant="Gamma Officials")])
@example([R("a-c", "casualties", low="3490", claimant="Alpha Ministry"),  # a floor called an upper bound
          R("a-d", "deployed", best="10000", bound="exact", claimant="Alpha Ministry"),
          R("d-r", "casualty_rate", low="33.3", claimant="Delta Monitor")])
@example([R("a-w", "wounded", best="2700", claimant="Alpha Ministry"),  # "nan" in the sensitivity table
          R("a-c", "casualties", high="2800", claimant="Alpha Ministry"),
          R("a-r", "casualty_rate", best="30", claimant="Alpha Ministry")])
@example([R("a-k", "killed", high="300", claimant="Alpha Ministry"),  # unbounded casualties, rate; 1 of each
          R("a-w", "wounded", low="2700", claimant="Alpha Ministry", hedge="potentially",
            quote="potentially 2700 wounded"),
          R("a-d", "deployed", best="1000", claimant="Alpha Ministry", published="2024-11", quote="1000 sent")])
def test_any_valid_ledger_makes_a_sound_brief(rows):
    b, page = brief_of(rows)
    assert problems(b, page) == []


@given(ledger_rows(max_claimants=3))
@settings(max_examples=max(EXAMPLES // 10, 5))
def test_results_json_is_strict_and_the_same_bytes_for_the_same_seed(rows):
    path = any_ledger.write(rows)
    first = results.dumps(results.to_dict(compute(ledger=str(path), **any_ledger.FAST)))
    again = results.dumps(results.to_dict(compute(ledger=str(path), **any_ledger.FAST)))
    assert first == again
    json.loads(first, parse_constant=lambda token: pytest.fail(f"results.json holds {token}"))


@given(ledger_rows(max_claimants=4))
@settings(max_examples=max(EXAMPLES // 10, 5))
def test_every_comparison_not_consistent_is_in_the_bottom_line(rows):
    b, page = brief_of(rows)
    assert disputes_in_bottom_line(b, page) == []
