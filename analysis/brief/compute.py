"""Everything one brief says, computed once from the ledger and the parameters: load, select, derive, simulate."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.ledger import reference
from analysis.wording import bottom_line
from analysis.wording import sentences as wording
from analysis.judgments import engine, hindsight, robustness
from analysis.ledger import selection
from analysis.judgments.consistency import flags
from analysis.uncertainty.derive import Quantity, stated_figures
from analysis.uncertainty.distributions import STATED, Assumptions, read_hedges
from analysis.ledger.validate import validate
from analysis.uncertainty import bands as binning
from analysis.uncertainty.bands import Binned
from analysis.uncertainty.montecarlo import POOLED
from analysis.params import BriefParams
from analysis.paths import NOTEBOOK, REFERENCE_RATIOS, SOURCES, display, resolve
from analysis.uncertainty.sensitivity import tornado

# The analysis's parameters: BriefParams (analysis.params) less those only the presentation reads.
DEFAULTS = {k: v for k, v in BriefParams.defaults().items() if k not in ("title",)}


@dataclass
class Brief:
    """The inputs, the chosen claims and every computed table of one brief."""

    params: dict
    ledger_path: Path                # the first ledger file
    ledger_paths: tuple              # every ledger file, read as one ledger
    ledger_sha256: str
    ledger: pd.DataFrame            # every claim in the ledger file
    claims: pd.DataFrame            # the claims this brief uses (claimants, as_of, latest), in the sources' words
    read: pd.DataFrame              # the same claims as the analysis reads them (hedge_reading applied)
    assumptions: Assumptions
    stated: dict[str, dict[str, Quantity]]       # exact intervals of what the claims say (bounds open)
    tolerant: dict[str, dict[str, Quantity]]     # the same with the analyst's tolerance on "about"
    binned: dict[str, dict[str, Binned]]         # Monte Carlo distributions per claimant and quantity
    pooled: dict[str, Binned]                    # their weighted mixture, per quantity
    bands: pd.DataFrame             # Monte Carlo percentiles per claimant (and pooled)
    flags: pd.DataFrame
    flags_as_ceiling: pd.DataFrame  # the same comparisons with every hedged claim read as a ceiling ("as many as")
    sensitivity: pd.DataFrame
    reference: pd.DataFrame
    sources: pd.DataFrame
    robustness: pd.DataFrame        # each judgment over the grid of the analyst's readings
    dependence: pd.DataFrame        # bands that exist only because claims are read as independent
    since: tuple | None = None      # (the earlier results.json, its changes to this brief), when asked for
    later_claims: pd.DataFrame | None = None   # the later ledger's claims (validated), where it follows this one
    judgments: list = ()            # every judgment (analysis.judgments.engine), ranked
    bottom_line: list = ()          # the bottom line's items (analysis.wording.bottom_line.Item)
    others: tuple = ({}, {})        # claimants beyond MAX_SHOWN: (interval figures, bands), for results.json and the pool
    inputs: tuple = ()              # every input file as (path as shown, SHA-256): ledgers, sources, notebook…

    def rows(self, claim_ids) -> pd.DataFrame:
        """The claims (in the sources' words) with these ids, in ledger order."""
        return self.claims[self.claims["claim_id"].isin(list(claim_ids))]

    def ledger_name(self) -> str:
        """The ledger as a report shows it: its path relative to the project, or several joined by commas."""
        return ", ".join(display(x) for x in self.ledger_paths)

    def outlets(self) -> dict[str, str]:
        """Outlet names by source URL, from data/sources.csv."""
        return dict(zip(self.sources.get("source_url", []), self.sources.get("outlet", [])))

    def band(self, claimant: str, quantity: str) -> dict[str, float]:
        """The Monte Carlo percentiles (p5..p95) of one claimant's (or the pool's) quantity."""
        row = self.bands[(self.bands["claimant"] == claimant) & (self.bands["quantity"] == quantity)]
        if row.empty and quantity in self.others[1].get(claimant, {}):
            return self.others[1][claimant][quantity].percentiles()
        if row.empty:
            raise KeyError(f"no band for {claimant} / {quantity}")
        return {k: float(row[k].iloc[0]) for k in ("p5", "p25", "p50", "p75", "p95")}

    def evidence_date(self) -> str:
        """The latest date among the claims used, and who dated them (analysis.wording.sentences.evidence_date)."""
        dates = selection.dated(self.claims)
        by_us = (self.claims["dated_by"] != "") if "dated_by" in self.claims.columns else dates == "\0"
        return wording.evidence_date([d for d in dates if d], n=len(self.claims),
                                     by_source=int(((dates != "") & ~by_us).sum()), by_us=int(by_us.sum()),
                                     undated=int((dates == "").sum()))


MAX_SHOWN = 8        # claimants a brief shows in its charts, tables and comparisons; results.json holds every one
REST_DRAWS = 20_000  # Monte Carlo draws a claimant beyond MAX_SHOWN gets (its band goes to results.json and the pool)
REST_BINS = 4_096    # and its bins: 1/4,096 of its own range, in 1/16 of the memory


def shown_claimants(claims: pd.DataFrame, weights: dict | None, borrow: dict | None) -> list[str]:
    """The claimants the brief shows: all of them up to MAX_SHOWN; beyond that the heaviest by weight (where weights
    are given), then in ledger order, plus any claimant a shown one borrows from."""
    order = list(dict.fromkeys(claims["claimant"]))
    if len(order) <= MAX_SHOWN:
        return order
    if weights:
        order = sorted(order, key=lambda c: -float(weights.get(c, 0.0)))  # stable: ledger order breaks ties
    shown = order[:MAX_SHOWN]
    return [c for c in dict.fromkeys(claims["claimant"]) if c in shown or c in set((borrow or {}).values())]


def _the_rest(chosen: pd.DataFrame, shown: list[str], a: Assumptions, draws: int, seed: int,
              borrow: dict | None) -> tuple[dict, dict]:
    """Interval figures and bands of the claimants the brief does not show, one claimant at a time (flat memory)."""
    figures, bands = {}, {}
    lenders = set((borrow or {}).values())
    for c in dict.fromkeys(chosen["claimant"]):
        if c in shown:
            continue
        own = read_hedges(chosen[chosen["claimant"].isin({c} | lenders)], a.hedge_reading)
        figures[c] = stated_figures(own, STATED, borrow)[c]
        bands[c] = binning.summarise(own, a, min(draws, REST_DRAWS), seed, borrow, bins=REST_BINS)[c]
    return figures, bands


def sha256(*paths: Path) -> str:
    """The SHA-256 in hex of the file (of several files, of their bytes one after another)."""
    h = hashlib.sha256()
    for path in paths:
        h.update(Path(path).read_bytes())
    return h.hexdigest()


def _later_claims(ledger: pd.DataFrame, later_path: str) -> pd.DataFrame | None:
    """The later ledger's claims, validated, where `later_path` is given and the ledger follows this article (its
    `supersedes` name a claim here, or name none outside its own file)."""
    if not later_path:
        return None
    path = resolve(later_path)
    foreign = hindsight.foreign_targets(path)
    if foreign and not foreign & set(ledger["claim_id"]):
        return None
    article = ledger[~ledger["claim_id"].isin(hindsight.claim_ids(path))]
    return hindsight.load(path, article)


def _grades(sources: pd.DataFrame) -> dict:
    """(reliability, credibility) by source URL, where sources.csv grades its sources."""
    if not {"reliability", "credibility"} <= set(sources.columns):
        return {}
    return {u: (r, c) for u, r, c in zip(sources["source_url"], sources["reliability"], sources["credibility"])
            if r and c}


def _includes(ledger_path: Path) -> dict:
    """Which scopes each scope includes, from scopes.csv beside the ledger (column `includes`, ';'-separated)."""
    f = Path(ledger_path).parent / "scopes.csv"
    if not f.is_file():
        return {}
    table = pd.read_csv(f, dtype=str, keep_default_na=False)
    if "includes" not in table.columns:
        return {}
    return {s: tuple(x.strip() for x in inc.split(";") if x.strip()) for s, inc in zip(table["scope"],
                                                                                      table["includes"])}


def input_files(ledgers: list[Path], later: str) -> list[Path]:
    """Every file a brief is made from, each once: the ledgers, the later ledger, the scopes beside the first
    ledger, sources.csv, reference_ratios.csv and the notebook (where each exists)."""
    files = [*ledgers, *([resolve(later)] if later else []), Path(ledgers[0]).parent / "scopes.csv", SOURCES,
             REFERENCE_RATIOS, NOTEBOOK]
    return [f for f in dict.fromkeys(Path(x).resolve() for x in files) if f.is_file()]


def compute(**params) -> Brief:
    """Load inputs, select the claims, derive and simulate: one call makes everything the brief shows."""
    unknown = sorted(set(params) - set(DEFAULTS))
    if unknown:
        raise TypeError(f"unknown brief parameter(s): {', '.join(unknown)}")
    p = {**DEFAULTS, **params}
    paths = [resolve(x) for x in (p["ledger"] if isinstance(p["ledger"], list) else [p["ledger"]])]
    ledger = validate(paths if len(paths) > 1 else paths[0])
    path = paths[0]
    chosen = selection.select(ledger, p["claimants"] or None, p["as_of"] or None)
    weights = p["weights"] or None
    borrow = p["borrow"] or None
    shown = shown_claimants(chosen, weights, borrow)
    claims = chosen[chosen["claimant"].isin(shown)].reset_index(drop=True)
    a = Assumptions(p["distribution"], float(p["approx_tolerance"]), float(p["upto_floor"]),
                    float(p["atleast_ceiling"]), p["hedge_reading"], float(p["correlation"]))
    read = read_hedges(claims, a.hedge_reading)
    stated = stated_figures(read, STATED, borrow)
    tolerant = stated_figures(read, a, borrow)
    binned = binning.summarise(read, a, int(p["draws"]), int(p["seed"]), borrow)
    rest = _the_rest(chosen, shown, a, int(p["draws"]), int(p["seed"]), borrow)
    everyone = {**binned, **rest[1]}
    pooled = binning.pool(everyone, weights) if len(everyone) > 1 else {}
    sens = tornado(read, a, int(p["sensitivity_draws"]), int(p["seed"]), borrow, weights)
    sources = pd.read_csv(SOURCES, dtype=str, keep_default_na=False) if SOURCES.exists() else pd.DataFrame()
    lineage = dict(zip(read["claim_id"], read["lineage"])) if "lineage" in read.columns else {}

    def prob(x: str, y: str, name: str) -> float:
        return binning.prob_greater(binned[x][name], binned[y][name])

    brief = Brief(
        params=p, ledger_path=path, ledger_paths=tuple(paths), ledger_sha256=sha256(*paths), ledger=ledger,
        claims=claims, read=read,
        assumptions=a, stated=stated, tolerant=tolerant, binned=binned, pooled=pooled,
        bands=binning.table(binned, pooled), flags=flags(tolerant, lineage, prob),
        flags_as_ceiling=flags(stated_figures(read_hedges(claims, "upper_bound"), a), lineage),
        sensitivity=sens, reference=reference.load(REFERENCE_RATIOS), sources=sources,
        robustness=wording.robustness_table(robustness.evaluate(claims, a, weights, borrow, int(p["seed"]))),
        dependence=robustness.dependence(read, a, borrow, int(p["seed"])),
        others=rest,
    )
    brief.later_claims = _later_claims(ledger, p["later"])
    brief.inputs = tuple((display(f), sha256(f)) for f in input_files(paths, p["later"]))
    grade = _grades(sources)
    url = dict(zip(claims["claim_id"], claims["source_url"]))
    if brief.later_claims is not None:
        url.update(zip(brief.later_claims["claim_id"], brief.later_claims["source_url"]))
    brief.judgments = engine.judge(claims, a, borrow, brief.flags, brief.flags_as_ceiling, brief.later_claims,
                                   lambda i: grade.get(url.get(i, "")), _includes(path))
    brief.bottom_line = bottom_line.items(engine.bottom_line(brief.judgments), brief.judgments, claims,
                                          brief.later_claims, stated)
    if p["since"]:
        from analysis.brief import diff
        from analysis.brief import results

        old = results.load(resolve(p["since"]))
        brief.since = (old, diff.compare(old, results.to_dict(brief)))
    return brief


__all__ = ["Brief", "compute", "DEFAULTS", "POOLED"]
