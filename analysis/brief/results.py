"""results.json: every derived figure with its band and source claim ids, for other tools and for `brief diff`.

Strict JSON: every number is a finite JSON number or null, never NaN, Infinity or a string. What a null means:
- `stated.point`: the claim gives no single figure (a range or a bound); `stated.low` / `stated.high`: that end is
  open (see `open_bounds`): "up to 50 %" has no low end.
- a flag's `factor`: the two claimants' figures overlap, so there is no gap to measure.
- `band.p50` of a pooled figure with `split: true`: its `p50_null_reason` says why (the claimants' ranges do not
  overlap: the pool has no meaningful middle).
- any other null, or a value that could not be finite (a ratio over a figure of 0, such as wounded per killed when
  0 killed are claimed): the figure's (or flag's) `undefined` maps the field ("band.p50", "stated.high",
  "factor") to the reason; the top-level `undefined` does so for parameters, robustness and dependence.
"""

from __future__ import annotations

import json
import math
from numbers import Real
from pathlib import Path

import pandas as pd

from analysis.judgments.hindsight import SAME_TIME_DAYS
from analysis.judgments.robustness import GRID
from analysis.ledger import selection
from analysis.wording import sentences as wording
from analysis.uncertainty.derive import QUANTITIES
from analysis.uncertainty.montecarlo import POOLED
from analysis.errors import NotResults
from analysis.paths import display, write_atomic
from analysis.brief.compute import Brief

SCHEMA_VERSION = 1
INFINITE = "infinite: a ratio over a figure of 0 is undefined"
NOT_A_NUMBER = "undefined: no number can be computed from the claims (such as 0 over 0)"
DOCUMENTED_NULLS = ("stated.point", "factor")  # NaN there has one meaning, given in the module's docstring


def _num(x, where: str = "", undefined: dict | None = None):
    """A float rounded to 6 significant digits, or None: stable text, no spurious precision, strict JSON.

    A value that is not finite becomes None, and `undefined[where]` says why (a NaN in DOCUMENTED_NULLS has its
    meaning documented above and needs no reason)."""
    if x is None:
        return None
    x = float(x)
    if math.isfinite(x):
        return float(f"{x:.6g}")
    if undefined is not None and (math.isinf(x) or where not in DOCUMENTED_NULLS):
        undefined[where] = INFINITE if math.isinf(x) else NOT_A_NUMBER
    return None


def _plain(value, where: str, undefined: dict):
    """Parameters as strict JSON: a non-finite float becomes None, with its reason."""
    if isinstance(value, dict):
        return {k: _plain(v, f"{where}.{k}", undefined) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, f"{where}[{i}]", undefined) for i, v in enumerate(value)]
    if isinstance(value, float) and not math.isfinite(value):
        undefined[where] = INFINITE if math.isinf(value) else NOT_A_NUMBER
        return None
    return value


def _stated(iv, undefined: dict, where: str) -> dict:
    """An interval as the claims give it: an open end is null, never ours."""
    return dict(low=None if iv.open_low else _num(iv.low, f"{where}.low", undefined),
                point=_num(iv.point, f"{where}.point", undefined),
                high=None if iv.open_high else _num(iv.high, f"{where}.high", undefined))


def hindsight(h) -> dict:
    """What "What later reports said" compares (analysis.judgments.hindsight.Hindsight) as plain data: each of the
    article's figures against other claimants' figures at the same time and later (like for like, or marked unlike),
    each claimant's revisions, and the possible echoes. A ratio's end an open bound leaves open is null."""
    comparisons = []
    for i, (_, r) in enumerate(h.comparisons.iterrows()):
        undefined: dict[str, str] = {}
        side = lambda who: dict(  # noqa: E731
            claimant=r[f"{who}_claimant"], claim_ids=list(r[f"{who}_ids"]), status=r[f"{who}_status"],
            date=r[f"{who}_date"], scope=r[f"{who}_scope"], stated=_stated(r[who], undefined, f"{who}.stated"))
        comparisons.append(dict(
            metric=r["metric"], article=side("article"), other=side("later"), group=r["group"], like=bool(r["like"]),
            pick=r["pick"], ratio=_stated(r["ratio"], undefined, "ratio"),
            ratio_read=_stated(r["ratio_read"], undefined, "ratio_read"),
            band={k: _num(r[k], f"band.{k}", undefined) for k in ("p5", "p50", "p95")},
            share_of_draws_article_lower=_num(r["p_below"], "share_of_draws_article_lower", undefined),
            draws_kept=int(r["draws_kept"]),
            verdict=r["verdict"], echo=list(r["echo"]), **({"undefined": undefined} if undefined else {})))
    revisions = []
    for (claimant, metric), g in h.revisions.groupby(["claimant", "metric"], sort=False):
        steps = []
        for _, r in g.iterrows():
            undefined = {}
            steps.append(dict(
                claim_ids=list(r["ids"]), status=r["status"], date=r["date"], scope=r["scope"], group=r["group"],
                stated=_stated(r["value"], undefined, "stated"),
                **({} if r["ratio"] is None else dict(ratio=_stated(r["ratio"], undefined, "ratio"),
                                                      compared=r["compared"], direction=r["direction"])),
                **({"undefined": undefined} if undefined else {})))
        revisions.append(dict(claimant=claimant, metric=metric, steps=steps))
    echoes = [dict(claim_id=r["claim_id"], claimant=r["claimant"], echoes=r["echoes"],
                   echoes_claimant=r["echoes_claimant"], kind=r["kind"]) for _, r in h.echoes.iterrows()]
    return dict(same_time_until=h.until, same_time_days=SAME_TIME_DAYS, comparisons=comparisons, revisions=revisions,
                echoes=echoes)


def to_dict(b: Brief, later=None) -> dict:
    """The brief's results as plain data; with `later` (analysis.judgments.hindsight.Hindsight), its hindsight."""
    figures = []
    stated_all = {**b.stated, **b.others[0]}
    for claimant, quantities in list(stated_all.items()) + ([(POOLED, b.pooled)] if b.pooled else []):
        for name, q in quantities.items():
            iv = None if claimant == POOLED else q.value
            undefined: dict[str, str] = {}
            split = claimant == POOLED and bool(q.split)
            band = {k: _num(v, f"band.{k}", None if split and k == "p50" else undefined)
                    for k, v in b.band(claimant, name).items()}
            if split:  # the claimants' ranges leave a gap: a middle value there is a number nobody claimed
                band["p50"] = None
            binned = None if claimant == POOLED else {**b.binned, **b.others[1]}.get(claimant, {}).get(name)
            read = getattr(b, "tolerant", {}).get(claimant, {}).get(name) if claimant != POOLED else None
            figures.append(dict(
                claimant=claimant, quantity=name, status=q.status, claim_ids=list(q.claim_ids),
                dated=sorted({d for d in selection.dated(b.ledger[b.ledger["claim_id"].isin(q.claim_ids)]) if d}),
                # what the claims say: an end they leave open (the low end of "as high as") is null, never ours
                stated=None if iv is None else dict(
                    low=None if iv.open_low else _num(iv.low, "stated.low", undefined),
                    point=_num(iv.point, "stated.point", undefined),
                    high=None if iv.open_high else _num(iv.high, "stated.high", undefined)),
                band=band,
                # our reading of it, as the comparisons and the claims table read it ("about" within the tolerance)
                **({"read": _read(read.value, undefined)} if read is not None else {}),
                open_bounds=sorted(q.open_bounds),
                **({"breach": bool(q.breach)} if claimant != POOLED and q.breach else {}),
                **({"dropped_draws": dict(sorted((wording.identity_broken(k), n) for k, n in binned.dropped.items()))}
                   if binned is not None and binned.dropped
                   else {}),
                **({"split": bool(q.split)} if claimant == POOLED else {}),
                **({"p50_null_reason": "the claimants' ranges do not overlap: the pool has no meaningful middle"}
                   if split else {}),
                **({"undefined": undefined} if undefined else {}),
            ))
    flags = []
    for _, r in b.flags.iterrows():
        undefined = {}
        flags.append(dict(
            quantity=r["quantity"], claimants=[r["claimant_a"], r["claimant_b"]], verdict=r["verdict"],
            claim_ids=r["claim_ids"].split(", "), echo=bool(r["echo"]),
            factor=_num(float(r["factor"]), "factor", undefined),
            p_a_greater=_num(float(r["p_a_greater"]), "p_a_greater", undefined),
            text=wording.comparison(r, b.tolerant, QUANTITIES[r["quantity"]][1],
                                    lambda c, n: wording.hedges(b.rows(b.stated[c][n].claim_ids)), b.stated),
            **({"undefined": undefined} if undefined else {})))
    undefined = {}
    robustness = [dict(judgment=r["judgment"], holds=int(r["holds"]), cells=int(r["cells"]),
                       share=_num(float(r["share"]), f"robustness[{i}].share", undefined), flips=r["flips"])
                  for i, (_, r) in enumerate(b.robustness.iterrows())]
    dependence = [dict(claimant=d["claimant"], quantity=d["quantity"],
                       independent_p5=_num(b.band(d["claimant"], d["quantity"])["p5"],
                                           f"dependence[{i}].independent_p5", undefined),
                       independent_p95=_num(b.band(d["claimant"], d["quantity"])["p95"],
                                            f"dependence[{i}].independent_p95", undefined),
                       fully_correlated=_num(d["value"], f"dependence[{i}].fully_correlated", undefined))
                  for i, (_, d) in enumerate(b.dependence.iterrows())]
    judgments = [_judgment(j, i, undefined) for i, j in enumerate(getattr(b, "judgments", ()))]
    bottom = [dict(key=item.key, heading=item.heading, text=item.text(), confidence=item.confidence,
                   reason=item.reason, claim_ids=[i for _, ids in item.parts for i in ids])
              for item in getattr(b, "bottom_line", ())]
    sensitivity = [dict(claimant=r["claimant"], metric=r["metric"], claim_id=r["claim_id"], watched=r["watched"],
                        **{k: _num(r[k], f"sensitivity[{i}].{k}", undefined)
                           for k in ("input_low", "input_high", "base_p50", "p50_at_low", "p50_at_high", "swing")})
                   for i, (_, r) in enumerate(getattr(b, "sensitivity", pd.DataFrame()).iterrows())]
    params = dict(b.params, ledger=b.ledger_name())
    if params.get("since"):
        params["since"] = display(params["since"])
    params = _plain(params, "parameters", undefined)
    return dict(schema_version=SCHEMA_VERSION, evidence=b.evidence_date(), ledger=b.ledger_name(),
                ledger_sha256=b.ledger_sha256, parameters=params, claims=list(b.claims["claim_id"]),
                figures=figures, flags=flags, robustness=robustness, dependence=dependence,
                judgments=judgments, bottom_line=bottom, sensitivity=sensitivity,
                robustness_grid={k: list(v) for k, v in GRID.items()}, counts=counts(b),
                inputs=[dict(path=name, sha256=sha) for name, sha in getattr(b, "inputs", ())],
                **({"hindsight": hindsight(later)} if later is not None else {}),
                **({"undefined": undefined} if undefined else {}))


def _read(iv, undefined: dict) -> dict:
    """Our reading of a figure (the tolerance on "about" applied): an end the claims leave open is null."""
    return dict(low=None if iv.open_low else _num(iv.low, "read.low", undefined),
                high=None if iv.open_high else _num(iv.high, "read.high", undefined))


def counts(b: Brief) -> dict:
    """The counts the brief prints: claims used and in the ledger, claimants, sources; later claims and reports."""
    later = getattr(b, "later_claims", None)
    later = later if later is not None else b.ledger.iloc[0:0].assign(source_url="")
    later = selection.as_of_filter(later, b.params.get("as_of") or None)
    dates = selection.dated(b.claims) if "as_of" in b.claims else pd.Series("", index=b.claims.index)
    by_us = b.claims["dated_by"] != "" if "dated_by" in b.claims else dates == "\0"  # as the header counts them
    return dict(claims_used=len(b.claims), claims_in_ledger=len(b.ledger), claimants=len(b.stated),
                sources=int(b.claims["source_url"].nunique()) if "source_url" in b.claims else 0,
                claims_dated_by_us=int(by_us.sum()), claims_undated=int((dates == "").sum()),
                later_claims=len(later),
                later_reports=int(later["source_url"].nunique()))


def _judgment(j, i: int, undefined: dict) -> dict:
    """One judgment of the engine (analysis.judgments.engine.Judgment) as plain data: its basis, confidence and
    grid share."""
    where = f"judgments[{i}]"

    def end(x: float, is_open: bool, name: str):
        return None if is_open else _num(x, f"{where}.{name}", undefined)

    return dict(
        key=j.key, kind=j.kind, quantity=j.quantity, verdict=j.verdict, subject=j.subject,
        claimants=list(j.claimants), claim_ids=list(j.claim_ids), status=j.status,
        factor=None if math.isnan(j.factor) else _num(j.factor, f"{where}.factor", undefined),
        higher=j.higher, lower=j.lower, bound_of=j.bound_of, echo=j.echo, rests_on_hedge=list(j.reading),
        grid_holds=j.grid_holds, grid_cells=j.grid_cells,
        grid_share=None if not j.grid_cells else _num(j.share, f"{where}.grid_share", undefined),
        merged_into=j.merged_into, confidence=j.confidence, rank=j.rank,
        basis=_plain(j.basis, f"{where}.basis", undefined),
        evidence=[dict(claimant=e.claimant, claim_id=e.claim_id, date=e.date, low=end(e.low, e.open_low, "low"),
                       high=end(e.high, e.open_high, "high"), scope=e.scope, relation=e.relation, when=e.when,
                       direction=e.direction) for e in j.evidence])


def dumps(data: dict) -> str:
    """Canonical strict JSON text: sorted keys, two-space indent, trailing newline; NaN or Infinity raise."""
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def write(b: Brief, path: str | Path, later=None) -> Path:
    """Write results.json atomically (temporary file, then rename); with `later`, its hindsight too."""
    return write_atomic(path, dumps(to_dict(b, later)))


def _is_number(x) -> bool:
    return x is None or (isinstance(x, Real) and not isinstance(x, bool) and math.isfinite(x))


def _kind(x) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(x), "a number")


def check(data, name: str = "results.json") -> dict:
    """`data` if it has the shape of a brief's results.json; else NotResults saying what is not."""
    def bad(why: str):
        raise NotResults(f"{name}: not a brief's results.json ({why})")

    if not isinstance(data, dict):
        bad(f"the top level is {_kind(data)}, not an object")
    for key in ("claims", "figures", "flags"):
        if not isinstance(data.get(key), list):
            bad(f"'{key}' is {'missing' if key not in data else _kind(data[key])}, not a list")
    if not isinstance(data.get("ledger_sha256"), str):
        bad("'ledger_sha256' is " + ("missing" if "ledger_sha256" not in data else "not a string"))
    if not all(isinstance(c, str) for c in data["claims"]):
        bad("'claims' holds something other than claim ids")
    for n, f in enumerate(data["figures"], start=1):
        if not isinstance(f, dict):
            bad(f"figure {n} is {_kind(f)}, not an object")
        for key in ("claimant", "quantity"):
            if not isinstance(f.get(key), str):
                bad(f"figure {n} has no '{key}'")
        label = f"figure {n} ({f['claimant']} {f['quantity']})"
        band = f.get("band")
        if not isinstance(band, dict):
            bad(f"{label} has no 'band'" if band is None else f"{label}: 'band' is {_kind(band)}, not an object")
        for key in ("p5", "p25", "p50", "p75", "p95"):
            if key not in band or not _is_number(band[key]):
                bad(f"{label}: band '{key}' is " + ("missing" if key not in band else f"{band[key]!r}, not a number"))
        stated = f.get("stated")
        if stated is not None:
            if not isinstance(stated, dict):
                bad(f"{label}: 'stated' is {_kind(stated)}, not an object")
            for key in ("low", "point", "high"):
                if not _is_number(stated.get(key)):
                    bad(f"{label}: stated '{key}' is {stated.get(key)!r}, not a number")
        if not isinstance(f.get("open_bounds"), list) or not all(isinstance(o, str) for o in f["open_bounds"]):
            bad(f"{label}: 'open_bounds' is not a list of bound kinds")
    for n, flag in enumerate(data["flags"], start=1):
        if not (isinstance(flag, dict) and isinstance(flag.get("quantity"), str)
                and isinstance(flag.get("verdict"), str) and isinstance(flag.get("claimants"), list)
                and len(flag["claimants"]) == 2 and all(isinstance(c, str) for c in flag["claimants"])):
            bad(f"flag {n} is not a quantity, two claimants and a verdict")
    return data


def _reject_constant(token: str):
    raise ValueError(f"{token} is not strict JSON")


def load(path: str | Path) -> dict:
    """Read a results.json, or the one inside a report folder; NotResults (one line) when it is not one."""
    p = Path(path)
    if p.is_dir():
        p = p / "results.json"
    name = str(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise NotResults(f"{name}: no such file" if p.name != "results.json" or not Path(path).is_dir()
                         else f"{name}: the folder holds no results.json") from None
    except (OSError, UnicodeDecodeError) as e:
        raise NotResults(f"{name}: cannot be read ({getattr(e, 'strerror', None) or e})") from None
    try:
        data = json.loads(text, parse_constant=_reject_constant)
    except ValueError as e:
        raise NotResults(f"{name}: not a brief's results.json (not strict JSON: {e})") from None
    return check(data, name)
