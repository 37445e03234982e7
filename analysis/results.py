"""results.json: every derived figure with its band and source claim ids, for other tools and for `brief diff`."""

from __future__ import annotations

import json
import math
from pathlib import Path

from analysis import wording
from analysis.derive import QUANTITIES
from analysis.montecarlo import POOLED
from analysis.paths import display, write_atomic
from analysis.report import Brief

SCHEMA_VERSION = 1


def _num(x):
    """A float rounded to 6 significant digits (None for NaN): stable text, no spurious precision."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return None
    if math.isinf(x):
        return "inf"
    return float(f"{x:.6g}")


def to_dict(b: Brief) -> dict:
    """The brief's results as plain data."""
    figures = []
    for claimant, quantities in list(b.stated.items()) + ([(POOLED, b.pooled)] if b.pooled else []):
        for name, q in quantities.items():
            iv = None if claimant == POOLED else q.value
            band = {k: _num(v) for k, v in b.band(claimant, name).items()}
            split = claimant == POOLED and q.split
            if split:  # the claimants' ranges leave a gap: a middle value there is a number nobody claimed
                band["p50"] = None
            binned = None if claimant == POOLED else b.binned.get(claimant, {}).get(name)
            figures.append(dict(
                claimant=claimant, quantity=name, status=q.status, claim_ids=list(q.claim_ids),
                # what the claims say: an end they leave open (the low end of "as high as") is null, never ours
                stated=None if iv is None else dict(low=None if iv.open_low else _num(iv.low), point=_num(iv.point),
                                                    high=None if iv.open_high else _num(iv.high)),
                band=band,
                open_bounds=sorted(q.open_bounds),
                **({"breach": bool(q.breach)} if claimant != POOLED and q.breach else {}),
                **({"dropped_draws": dict(sorted(binned.dropped.items()))} if binned is not None and binned.dropped
                   else {}),
                **({"split": bool(q.split)} if claimant == POOLED else {}),
                **({"p50_null_reason": "the claimants' ranges do not overlap: the pool has no meaningful middle"}
                   if split else {}),
            ))
    flags = [dict(quantity=r["quantity"], claimants=[r["claimant_a"], r["claimant_b"]], verdict=r["verdict"],
                  claim_ids=r["claim_ids"].split(", "), echo=bool(r["echo"]),
                  factor=_num(float(r["factor"])), p_a_greater=_num(float(r["p_a_greater"])),
                  text=wording.comparison(r, b.tolerant, QUANTITIES[r["quantity"]][1],
                                          lambda c, n: wording.hedges(b.rows(b.stated[c][n].claim_ids)),
                                          b.stated))
             for _, r in b.flags.iterrows()]
    robustness = [dict(judgment=r["judgment"], holds=int(r["holds"]), cells=int(r["cells"]),
                       share=_num(float(r["share"])), flips=r["flips"]) for _, r in b.robustness.iterrows()]
    params = dict(b.params, ledger=display(b.ledger_path))
    if params.get("since"):
        params["since"] = display(params["since"])
    return dict(schema_version=SCHEMA_VERSION, evidence=b.evidence_date(), ledger=display(b.ledger_path),
                ledger_sha256=b.ledger_sha256, parameters=params, claims=list(b.claims["claim_id"]),
                figures=figures, flags=flags, robustness=robustness,
                dependence=[dict(claimant=d["claimant"], quantity=d["quantity"],
                                 independent_p5=_num(b.band(d["claimant"], d["quantity"])["p5"]),
                                 independent_p95=_num(b.band(d["claimant"], d["quantity"])["p95"]),
                                 fully_correlated=_num(d["value"]))
                            for _, d in b.dependence.iterrows()])


def dumps(data: dict) -> str:
    """Canonical JSON text: sorted keys, two-space indent, trailing newline."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write(b: Brief, path: str | Path) -> Path:
    """Write results.json atomically (temporary file, then rename)."""
    return write_atomic(path, dumps(to_dict(b)))


def load(path: str | Path) -> dict:
    """Read a results.json, or the one inside a report folder."""
    p = Path(path)
    if p.is_dir():
        p = p / "results.json"
    return json.loads(p.read_text(encoding="utf-8"))
