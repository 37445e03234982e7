"""Everything one brief says, computed once from the ledger and the parameters: load, select, derive, simulate."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis import history, selection
from analysis.consistency import flags
from analysis.derive import Quantity, stated_figures
from analysis.distributions import Assumptions
from analysis.ledger import validate
from analysis import bands as binning
from analysis.bands import Binned
from analysis.montecarlo import POOLED
from analysis.paths import REFERENCE_RATIOS, SOURCES, resolve
from analysis.sensitivity import tornado

DEFAULTS = dict(
    ledger="data/claims.csv", claimants=[], weights={}, distribution="uniform", approx_tolerance=0.10,
    upto_floor=0.5, atleast_ceiling=2.0, draws=200_000, seed=20250101, as_of="", borrow={},
    sensitivity_draws=50_000,
)


@dataclass
class Brief:
    """The inputs, the chosen claims and every computed table of one brief."""

    params: dict
    ledger_path: Path
    ledger_sha256: str
    ledger: pd.DataFrame            # every claim in the ledger file
    claims: pd.DataFrame            # the claims this brief uses (claimants, as_of, latest)
    assumptions: Assumptions
    stated: dict[str, dict[str, Quantity]]       # interval arithmetic on the figures as stated
    tolerant: dict[str, dict[str, Quantity]]     # interval arithmetic with the tolerance assumptions
    binned: dict[str, dict[str, Binned]]         # Monte Carlo distributions per claimant and quantity
    pooled: dict[str, Binned]                    # their weighted mixture, per quantity
    bands: pd.DataFrame             # Monte Carlo percentiles per claimant (and pooled)
    flags: pd.DataFrame
    sensitivity: pd.DataFrame
    reference: pd.DataFrame
    sources: pd.DataFrame

    def band(self, claimant: str, quantity: str) -> dict[str, float]:
        """The Monte Carlo percentiles (p5..p95) of one claimant's (or the pool's) quantity."""
        row = self.bands[(self.bands["claimant"] == claimant) & (self.bands["quantity"] == quantity)]
        if row.empty:
            raise KeyError(f"no band for {claimant} / {quantity}")
        return {k: float(row[k].iloc[0]) for k in ("p5", "p25", "p50", "p75", "p95")}

    def evidence_date(self) -> str:
        """The latest date among the claims used, or a plain statement that the sources give none."""
        all_dates = selection.dated(self.claims)
        dates = [d for d in all_dates if d]
        undated = int((all_dates == "").sum())
        if not dates:
            return "undated: the source gives no date for these figures"
        text = f"as of {max(dates)}"
        return text + (f" ({undated} undated claim{'s' if undated > 1 else ''} included)" if undated else "")


def sha256(path: Path) -> str:
    """The file's SHA-256 in hex."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def compute(**params) -> Brief:
    """Load inputs, select the claims, derive and simulate: one call makes everything the brief shows."""
    unknown = sorted(set(params) - set(DEFAULTS))
    if unknown:
        raise TypeError(f"unknown brief parameter(s): {', '.join(unknown)}")
    p = {**DEFAULTS, **params}
    path = resolve(p["ledger"])
    ledger = validate(path)
    claims = selection.select(ledger, p["claimants"] or None, p["as_of"] or None)
    a = Assumptions(p["distribution"], float(p["approx_tolerance"]), float(p["upto_floor"]),
                    float(p["atleast_ceiling"]))
    borrow = p["borrow"] or None
    stated = stated_figures(claims, borrow=borrow)
    tolerant = stated_figures(claims, a, borrow)
    binned = binning.summarise(claims, a, int(p["draws"]), int(p["seed"]), borrow)
    pooled = binning.pool(binned, p["weights"] or None) if len(binned) > 1 else {}
    sens = tornado(claims, a, int(p["sensitivity_draws"]), int(p["seed"]), borrow, p["weights"] or None)
    sources = pd.read_csv(SOURCES, dtype=str, keep_default_na=False) if SOURCES.exists() else pd.DataFrame()
    return Brief(
        params=p, ledger_path=path, ledger_sha256=sha256(path), ledger=ledger, claims=claims, assumptions=a,
        stated=stated, tolerant=tolerant, binned=binned, pooled=pooled,
        bands=binning.table(binned, pooled), flags=flags(tolerant),
        sensitivity=sens, reference=history.load(REFERENCE_RATIOS), sources=sources,
    )


__all__ = ["Brief", "compute", "DEFAULTS", "POOLED"]
