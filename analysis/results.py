"""results.json: every derived figure with its band and source claim ids, for other tools and for `brief diff`."""

from __future__ import annotations

import json
import math
from pathlib import Path

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
            figures.append(dict(
                claimant=claimant, quantity=name, status=q.status, claim_ids=list(q.claim_ids),
                stated=None if iv is None else dict(low=_num(iv.low), point=_num(iv.point), high=_num(iv.high)),
                band={k: _num(v) for k, v in b.band(claimant, name).items()},
                open_bounds=sorted(q.open_bounds),
                **({"split": bool(q.split)} if claimant == POOLED else {}),
            ))
    flags = [dict(quantity=r["quantity"], claimants=[r["claimant_a"], r["claimant_b"]], verdict=r["verdict"],
                  claim_ids=r["claim_ids"].split(", "), text=r["text"]) for _, r in b.flags.iterrows()]
    params = dict(b.params, ledger=display(b.ledger_path))
    return dict(schema_version=SCHEMA_VERSION, evidence=b.evidence_date(), ledger=display(b.ledger_path),
                ledger_sha256=b.ledger_sha256, parameters=params, claims=list(b.claims["claim_id"]),
                figures=figures, flags=flags)


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
