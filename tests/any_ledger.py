"""Any valid ledger, as a Hypothesis strategy, and a brief computed and rendered from it the way the notebook does
(tests/property/test_any_ledger.py states what must hold of every such brief).

A generated ledger has 1 to 8 claimants. Each claimant gives one or more of the five metrics, each claim under any
of the five bounds, with or without a hedge, an attribution of ours, a named spokesperson, a reporting verb, an
echo of another claimant's claim, an error group, dates of every precision (or none) and, now and then, a second
claim of the same metric that supersedes the first. A claimant's counts are drawn in the order the validator's
rules need (deployed, then casualties at most that, then killed and wounded at most the casualties) and each claim
is worded around its count so that what it allows contains it: one claimant's figures of one date always agree.
A "loose" claimant instead draws each count on its own and dates every claim differently, so the agreement rule,
which binds only figures of one date, never applies: its figures may then breach the identities (more killed than
casualties), which the brief must say in words. Every number set appears in the quote, as digits.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import strategies as st

import ledgers

METRICS = ("deployed", "killed", "wounded", "casualties", "casualty_rate")
BOUNDS = ("exact", "approximate", "range", "up_to", "at_least")
# Claimant names as analysts write them: plural nouns ending in s (their possessive is "Officials’"), acronyms
# ending in S ("CSIS’s"), text that markup would swallow (escaped wherever shown), accents, quotes.
NAMES = ("Alpha Ministry", "Gamma Officials", "CSIS", "Delta Monitor", "Western officials",
         "<b>Bold</b> & Sons", "Ōmega “Watch”", "Zeta", "O'Neil Institute", "Eta Forces")
HEDGES = ("potentially", "could be", "reportedly", "may have")
DATES = ("", "2024", "2024-11", "2025-01-13", "2025-02", "2025-02-04", "2025-04-30")
PERSONS_MAX = 10_000_000


def slug(name: str) -> str:
    """A claim-id prefix from a claimant's name: 'Gamma Officials' -> 'gamma-officials'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "x"


def _percent_text(hundredths: int) -> str:
    """A percent with at most two decimals as the ledger writes it: 3330 -> '33.3', 5000 -> '50'."""
    whole, frac = divmod(hundredths, 100)
    return f"{whole}.{frac:02d}".rstrip("0").rstrip(".")


@st.composite
def _counts(draw, loose: bool) -> dict[str, int]:
    """A claimant's underlying figures: persons, and the rate in hundredths of a percent."""
    size = st.sampled_from((10, 300, 2_700, 11_000, 250_000, 3_000_000))
    deployed = draw(st.one_of(size, st.integers(1, 5_000_000)))
    if loose:
        any_count = st.one_of(size, st.integers(0, 5_000_000))
        return dict(deployed=deployed, casualties=draw(any_count), killed=draw(any_count), wounded=draw(any_count),
                    casualty_rate=draw(st.integers(0, 10_000)))
    casualties = draw(st.integers(0, deployed))
    return dict(deployed=deployed, casualties=casualties, killed=draw(st.integers(0, casualties)),
                wounded=draw(st.integers(0, casualties)), casualty_rate=draw(st.integers(0, 10_000)))


@st.composite
def _numbers(draw, metric: str, value: int) -> dict[str, str]:
    """low/best/high cells of one claim around `value` (a count, or hundredths of a percent), under a drawn bound:
    what the claim allows always contains the value."""
    bound = draw(st.sampled_from(BOUNDS))
    percent = metric == "casualty_rate"
    top = 10_000 if percent else PERSONS_MAX
    bottom = 1 if metric == "deployed" else 0  # 0 deployed is refused: a rate over it is undefined
    text = _percent_text if percent else str
    below = draw(st.integers(0, max(value - bottom, 0)))
    above = draw(st.integers(0, top - value))
    if bound in ("exact", "approximate"):
        return dict(best=text(value), bound=bound)
    if bound == "range":
        cells = dict(low=text(value - below), high=text(value + above), bound="range")
        if draw(st.booleans()):
            cells["best"] = text(value)
        return cells
    if bound == "up_to":
        return dict(high=text(max(value + above, bottom)), bound="up_to")
    return dict(low=text(max(value - below, bottom)), bound="at_least")


def _quote(cells: dict[str, str], hedge: str, metric: str, commas: bool) -> str:
    """The source's words: every number set, as digits (thousands separated or not), the hedge verbatim."""
    def shown(v: str) -> str:
        return f"{int(v):,}" if commas and "." not in v else v

    unit = "%" if metric == "casualty_rate" else f" {metric}"
    numbers = " to ".join(shown(cells[c]) + unit for c in ("low", "best", "high") if c in cells)
    return f"{hedge} {numbers} <said> “so” & more".strip() if hedge else f"Reported: {numbers} <said> & more"


@st.composite
def ledger_rows(draw, max_claimants: int = 8) -> list[dict]:
    """The rows of a valid ledger (tests.ledgers.row dicts, optional columns set where drawn)."""
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=max_claimants, unique=True))
    rows: list[dict] = []
    for name in names:
        loose = draw(st.booleans()) and draw(st.booleans())  # one claimant in four
        counts = draw(_counts(loose))
        metrics = draw(st.lists(st.sampled_from(METRICS), min_size=1, max_size=5, unique=True))
        free_dates = iter(draw(st.permutations(DATES[1:])))
        for metric in metrics:
            for n in range(draw(st.sampled_from((1, 1, 1, 2)))):
                cells = draw(_numbers(metric, counts[metric]))
                hedge = draw(st.sampled_from(("",) * 3 + HEDGES))
                date = next(free_dates, "2026") if loose else draw(st.sampled_from(DATES))
                dated_in = draw(st.sampled_from(("as_of", "published")))
                claim_id = f"{slug(name)}-{metric.replace('_', '-')}-{n + 1}"
                row = ledgers.row(claim_id, metric, claimant=name,
                                  quote=_quote(cells, hedge, metric, draw(st.booleans())),
                                  source_url=draw(st.sampled_from(("https://example.org/a", "https://example.org/b",
                                                                   f"https://example.org/{slug(name)}"))),
                                  **{dated_in: date}, **{k: v for k, v in cells.items() if k != "bound"})
                row["bound"] = cells["bound"]
                if hedge:
                    row["hedge"] = hedge
                if draw(st.booleans()) and draw(st.booleans()):
                    row["attribution"] = "inferred"
                    row["attributed_by"] = "https://example.org/attribution"
                if draw(st.booleans()):
                    row["spokesperson"] = draw(st.sampled_from(("Seth Jones", "Jane O’Hara", "A <i>Speaker</i>")))
                if draw(st.booleans()):
                    row["verb"] = draw(st.sampled_from(("estimated", "said", "put")))
                if draw(st.booleans()) and draw(st.booleans()):
                    row["error_group"] = f"{slug(name)}-briefing"
                if row.get("as_of") and draw(st.booleans()) and draw(st.booleans()):
                    row["dated_by"] = "https://example.org/dating"
                if n == 1 and draw(st.booleans()):
                    row["supersedes"] = claim_id[:-1] + "1"
                rows.append(row)
    ids = [r["claim_id"] for r in rows]
    for r in rows:  # an echo names another claimant's claim
        others = [i for i, o in zip(ids, rows) if o["claimant"] != r["claimant"]]
        if others and draw(st.booleans()) and draw(st.booleans()):
            r["lineage"] = draw(st.sampled_from(others))
    return rows


OPTIONAL = ("hedge", "attribution", "attributed_by", "verb", "lineage", "error_group", "dated_by")


def write(rows: list[dict], folder: str | Path | None = None) -> Path:
    """The rows as a ledger file in `folder` (a new temporary folder by default), optional columns where set."""
    folder = Path(folder or tempfile.mkdtemp(prefix="any-ledger-"))
    return ledgers.write(folder / "claims.csv", rows, extra=tuple(c for c in OPTIONAL if any(c in r for r in rows)))


FAST = dict(draws=2_000, sensitivity_draws=500)


def render(b) -> str:
    """Every section of the brief as HTML, in the notebook's order (notebooks/briefing.ipynb), without its later
    reports; charts are left out (empty images): their numbers are in the tables and alt texts rendered here."""
    from analysis.present import annex, brief_charts, figures, tables
    from analysis.present import sections as present

    drawn = {name: b"" for name in brief_charts.CHARTS}
    parts = [present.header(b, ""), present.key_judgments_section(b, None), present.changes_section(b),
             tables.claims_table(b), figures.claims_figure(b, drawn), annex.method_section(b),
             annex.bands_section(b, drawn), annex.sensitivity_section(b, drawn), annex.flags_section(b),
             annex.robustness_section(b), annex.history_section(b), annex.sources_section(b),
             annex.reproducibility(b)]
    return "\n".join(p.data for p in parts)
