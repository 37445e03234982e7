"""Everything one brief says, computed once from the ledger and the parameters: load, select, derive, simulate."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analysis.ledger import case, grades, reference
from analysis.wording import bottom_line
from analysis.wording import sentences as wording
from analysis.judgments import engine, hindsight, robustness
from analysis.ledger import selection
from analysis.judgments.consistency import flags
from analysis.uncertainty.derive import Quantity, allowed_figures, claimant_order, stated_figures
from analysis.uncertainty.distributions import Assumptions, read_hedges
from analysis.ledger.validate import validate
from analysis.uncertainty import bands as binning
from analysis.uncertainty.bands import Binned
from analysis.uncertainty.montecarlo import POOLED
from analysis.params import BriefParams
from analysis.paths import NOTEBOOK, REFERENCE_RATIOS, display, resolve
from analysis.uncertainty.sensitivity import tornado

# The parameters only the presentation reads: left out of Brief.params.
PRESENTATION_ONLY = ("title",)


@dataclass(frozen=True)
class Later:
    """What later reports said, as data: the later ledger the `later` parameter names, and hindsight on this brief's
    claims against it, computed once with the brief (the section only renders it)."""

    path: str                       # the `later` parameter as given
    unrelated: tuple[str, ...] = ()  # the claims it revises when none is in this brief's ledger: it follows another
    hindsight: hindsight.Hindsight | None = None  # None when unrelated
    claimants: tuple[str, ...] = ()  # both ledgers' claimants in ledger order (one colour each in the later chart)

    @property
    def shown(self) -> bool:
        """Whether the section has later claims to show (some follow this article and are known by as_of)."""
        return self.hindsight is not None and len(self.hindsight.known) > 0


@dataclass
class Brief:
    """The inputs, the chosen claims and every computed table of one brief."""

    params: dict                    # the BriefParams as plain values (BriefParams.values()), less the title
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
    later: Later | None = None      # what later reports said (the `later` parameter); None when it is empty
    later_claims: pd.DataFrame | None = None   # the later ledger's claims (validated), where it follows this one
    judgments: list = ()            # every judgment (analysis.judgments.engine), ranked
    bottom_line: list = ()          # the bottom line's items (analysis.wording.bottom_line.Item)
    others: tuple = ({}, {})        # claimants beyond MAX_SHOWN: (interval figures, bands), for results.json and the pool
    pool_weights: dict = field(default_factory=dict)  # the pool's weights as used ({} equal; by_grade worked out)
    case_title: str = ""            # the title when none is given: the case's (analysis.ledger.case.title)
    inputs: tuple = ()              # every input file as (path as shown, SHA-256): ledgers, sources, notebook…

    def rows(self, claim_ids) -> pd.DataFrame:
        """The claims (in the sources' words) with these ids, in ledger order."""
        return self.claims[self.claims["claim_id"].isin(list(claim_ids))]

    def ledger_name(self) -> str:
        """The ledger as a report shows it: its path relative to the project, or several joined by commas."""
        return ", ".join(display(x) for x in self.ledger_paths)

    def outlets(self) -> dict[str, str]:
        """Outlet names by source URL, from the case's sources.csv (analysis.ledger.case.sources)."""
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
        figures[c] = stated_figures(own, borrow=borrow)[c]
        bands[c] = binning.summarise(own, a, min(draws, REST_DRAWS), seed, borrow, bins=REST_BINS)[c]
    return figures, bands


def sha256(*paths: Path) -> str:
    """The SHA-256 in hex of the file (of several files, of their bytes one after another)."""
    h = hashlib.sha256()
    for path in paths:
        h.update(Path(path).read_bytes())
    return h.hexdigest()


def _later(b: Brief, later_path: str) -> tuple[Later | None, pd.DataFrame | None]:
    """What later reports said of this brief, and the later ledger's claims (validated), where `later_path` is given
    and the ledger follows this article (its `supersedes` name a claim here, or name none outside its own file)."""
    if not later_path:
        return None, None
    path = resolve(later_path)
    if not hindsight.claim_ids(path):
        return None, None  # a later ledger with no rows yet (`brief new` writes its header alone)
    foreign = hindsight.foreign_targets(path)
    if foreign and not foreign & set(b.ledger["claim_id"]):
        return Later(later_path, unrelated=tuple(sorted(foreign))), None
    # The brief's ledger may already hold the later claims (the `all-reports` scenario reads both files as one).
    article = b.ledger[~b.ledger["claim_id"].isin(hindsight.claim_ids(path))]
    claims = hindsight.load(path, article)
    combined = hindsight.combine(article, claims)
    as_of = b.params["as_of"] or None
    chosen = list(b.stated)
    art_claims = selection.latest(selection.as_of_filter(article[article["claimant"].isin(chosen)], as_of))
    shown = combined[(combined["source"] == "later") | combined["claimant"].isin(chosen)]
    h = hindsight.analyse(art_claims, shown, b.assumptions, int(b.params["draws"]), int(b.params["seed"]), as_of)
    return Later(later_path, hindsight=h, claimants=tuple(claimant_order(combined))), claims


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


def input_files(ledgers: list[Path], later: str, sources: Path) -> list[Path]:
    """Every file a brief is made from, each once: the ledgers, the later ledger, the scopes beside the first
    ledger, the sources file, reference_ratios.csv and the notebook (where each exists)."""
    files = [*ledgers, *([resolve(later)] if later else []), Path(ledgers[0]).parent / "scopes.csv", sources,
             REFERENCE_RATIOS, NOTEBOOK]
    return [f for f in dict.fromkeys(Path(x).resolve() for x in files) if f.is_file()]


def compute(params: BriefParams | None = None, /, **values) -> Brief:
    """Load inputs, select the claims, derive and simulate: one call makes everything the brief shows.

    `params` as the notebook builds them (BriefParams.from_values); `values` instead, by keyword, are checked into
    one the same way (for tests and scripts)."""
    if params is None:
        params = BriefParams.from_values(values)
    elif values:
        raise TypeError("compute takes BriefParams or parameter values by keyword, not both")
    paths = [resolve(x) for x in (params.ledger if isinstance(params.ledger, tuple) else [params.ledger])]
    ledger = validate(paths if len(paths) > 1 else paths[0])
    path = paths[0]
    chosen = selection.select(ledger, list(params.claimants) or None, params.as_of or None)
    described = case.sources(paths[0])
    sources = grades.load(described) if described.exists() else pd.DataFrame()
    weights = grades.claimant_weights(chosen, sources) if params.weights == "by_grade" else (
        dict(params.weights) or None)
    borrow = dict(params.borrow) or None
    draws, seed = params.draws, params.seed
    shown = shown_claimants(chosen, weights, borrow)
    claims = chosen[chosen["claimant"].isin(shown)].reset_index(drop=True)
    a = Assumptions.of(params)
    read = read_hedges(claims, a.hedge_reading)
    stated = stated_figures(read, borrow=borrow)
    tolerant = allowed_figures(read, a, borrow)
    binned = binning.summarise(read, a, draws, seed, borrow)
    rest = _the_rest(chosen, shown, a, draws, seed, borrow)
    everyone = {**binned, **rest[1]}
    pooled = binning.pool(everyone, weights) if len(everyone) > 1 else {}
    sens = tornado(read, a, params.sensitivity_draws, seed, borrow, weights)
    lineage = dict(zip(read["claim_id"], read["lineage"])) if "lineage" in read.columns else {}

    def prob(x: str, y: str, name: str) -> float:
        return binning.prob_greater(binned[x][name], binned[y][name])

    brief = Brief(
        params={k: v for k, v in params.values().items() if k not in PRESENTATION_ONLY}, ledger_path=path,
        ledger_paths=tuple(paths), ledger_sha256=sha256(*paths), ledger=ledger,
        claims=claims, read=read,
        assumptions=a, stated=stated, tolerant=tolerant, binned=binned, pooled=pooled,
        bands=binning.table(binned, pooled), flags=flags(tolerant, lineage, prob),
        flags_as_ceiling=flags(allowed_figures(read_hedges(claims, "upper_bound"), a), lineage),
        sensitivity=sens, reference=reference.load(REFERENCE_RATIOS), sources=sources,
        robustness=wording.robustness_table(robustness.evaluate(claims, a, weights, borrow, seed),
                                            wording.attributed_by_us(claims)),
        dependence=robustness.dependence(read, a, borrow, seed),
        others=rest, pool_weights=dict(weights or {}), case_title=case.title(paths),
    )
    brief.later, brief.later_claims = _later(brief, params.later)
    every = pd.concat([claims, brief.later_claims], ignore_index=True) if brief.later_claims is not None else claims
    grade = dict(zip(every["claim_id"], grades.grades(every, sources)))
    brief.inputs = tuple((display(f), sha256(f)) for f in input_files(paths, params.later, described))
    brief.judgments = engine.judge(claims, a, borrow, brief.flags, brief.flags_as_ceiling, brief.later_claims,
                                   grade.get, _includes(path))
    brief.bottom_line = bottom_line.items(engine.bottom_line(brief.judgments), brief.judgments, claims,
                                          brief.later_claims, stated, brief.outlets())
    if params.since:
        from analysis.brief import diff
        from analysis.brief import results

        old = results.load(resolve(params.since))
        brief.since = (old, diff.compare(old, results.to_dict(brief)))
    return brief


__all__ = ["Brief", "Later", "compute", "POOLED"]
