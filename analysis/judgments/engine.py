"""The judgments engine: every comparison a ledger allows, classified, merged, graded for confidence and ranked.

Judgments are data (`Judgment`); analysis.wording.bottom_line words them. Three kinds:

- between: the same quantity from two claimants of the article's ledger (analysis.judgments.consistency's rows),
  classified consistent / bound (consistent only against an open bound, which tests little) / tension / disagree;
  a derived quantity's disagreement that rests on the same claims as a base one is merged into it (wounded per
  killed derives from the killed figures: one disagreement, not two). Each carries the share of the robustness
  grid's cells (analysis.judgments.robustness.GRID) in which its verdict holds, and, where reading a hedged
  claim as a ceiling ("as many as") makes it consistent, the hedge words it rests on.
- hindsight: one claimant's figure in the article (stated or implied) against the later ledger's figures of the
  same quantity: like for like (same scope), a wider count (a scope that includes the article's), or not
  comparable; claims dated up to analysis.judgments.hindsight.SAME_TIME_DAYS after the article's latest claim are
  "at the same time", not later (the later section groups them the same way).
- revision: one claimant's own figures of one quantity over time, each step up, down or unchanged.

Confidence follows ICD 203's three levels from the evidence: how many independent claimants (an echo, `lineage`,
counts once), how well their sources are graded (Admiralty codes in sources.csv, where given), whether they agree,
whether the judgment survives the robustness grid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import product

import pandas as pd

from analysis.judgments import hindsight as hindsight_
from analysis.judgments import robustness
from analysis.judgments.consistency import flags as compare
from analysis.ledger import selection
from analysis.uncertainty.derive import Quantity, allowed_figures
from analysis.uncertainty.distributions import STATED, Assumptions, allowed_interval, read_hedges

DERIVED = ("casualties", "casualty_rate", "killed_share_force", "killed_share_casualties", "wounded_per_killed")
PRIORITY = ("killed", "casualties", "wounded", "deployed", "casualty_rate", "wounded_per_killed",
            "killed_share_casualties", "killed_share_force")
HINDSIGHT_METRICS = ("killed", "casualties", "wounded", "deployed", "casualty_rate")
WEAK_RELIABILITY = set("DEF")
WEAK_CREDIBILITY = set("456")
GRID_SHARE_FIRM = 0.75   # a judgment holding in fewer of the grid's cells is said as resting on a reading
NOT_STATED = ("", "not stated")


@dataclass(frozen=True)
class Evidence:
    """One figure a judgment rests on."""

    claimant: str
    claim_id: str
    date: str
    low: float
    high: float
    open_low: bool
    open_high: bool
    scope: str = ""
    relation: str = ""       # hindsight: like (same scope), wider, other (not comparable), unknown (scope not stated)
    when: str = ""           # hindsight: same_time or later
    direction: str = ""      # higher, lower or consistent (against the judged figure)


@dataclass
class Judgment:
    """One judgment as data."""

    key: str
    kind: str                # between | hindsight | revision
    quantity: str
    verdict: str             # between: consistent, bound, tension, disagree; hindsight: low, high, borne_out, mixed,
    #                          wider_higher, wider_lower, none; revision: up, down, unchanged, both
    subject: str = ""        # the claimant whose figure is judged (hindsight, revision)
    claimants: tuple = ()
    claim_ids: tuple = ()
    status: str = ""         # the judged figure: stated or implied
    factor: float = math.nan  # between, disagree: the higher figure's low end over the lower's high end
    higher: str = ""
    lower: str = ""
    bound_of: str = ""
    outside: str = ""        # between, tension: whose figure lies outside the other's (inside's) range
    inside: str = ""
    echo: bool = False
    reading: tuple = ()      # hedge words the verdict rests on (it turns consistent read as a ceiling)
    grid_holds: int = 0
    grid_cells: int = 0
    evidence: tuple = ()     # Evidence rows (hindsight, revision)
    merged_into: str = ""
    confidence: str = ""
    basis: dict = field(default_factory=dict)
    rank: int = 0

    @property
    def share(self) -> float:
        return self.grid_holds / self.grid_cells if self.grid_cells else math.nan

    @property
    def disputed(self) -> bool:
        """Whether the evidence speaks against a figure. A wider count (more troops, a longer period) that is higher
        does not: a wider count may well be higher (wider_higher); one that is lower does (wider_lower)."""
        return self.verdict in ("tension", "disagree", "low", "high", "mixed", "wider_lower")


def _start(date: str) -> pd.Timestamp | None:
    return pd.Timestamp(date) if date else None


def _scope_of(rows: pd.DataFrame) -> str:
    scopes = [s for s in dict.fromkeys(rows.get("scope", pd.Series(dtype=str))) if s]
    return scopes[0] if len(scopes) == 1 else ""


def _grid(claims: pd.DataFrame, base: Assumptions, borrow: dict | None, lineage: dict) -> dict:
    """The comparisons under each (tolerance, hedge reading) of the robustness grid: the only readings a
    comparison of intervals depends on. Maps (tolerance, hedge reading) to {(quantity, a, b): verdict}."""
    out = {}
    for tol, hedge in product(robustness.GRID["approx_tolerance"], robustness.GRID["hedge_reading"]):
        a = Assumptions(base.distribution, tol, base.upto_floor, base.atleast_ceiling, hedge, base.correlation)
        rows = compare(allowed_figures(read_hedges(claims, hedge), a, borrow), lineage)
        out[(tol, hedge)] = {(r.quantity, r.claimant_a, r.claimant_b): r.verdict for r in rows.itertuples()}
    return out


def _class(verdict: str, bound_of: str) -> str:
    if verdict in ("disagreement", "contradiction"):
        return "disagree"
    if verdict == "tension":
        return "tension"
    return "bound" if bound_of else "consistent"


def between(flags: pd.DataFrame, as_ceiling: pd.DataFrame, grid: dict, hedges_of) -> list[Judgment]:
    """One judgment per comparison row; derived disagreements merged into the base one they rest on."""
    cells = math.prod(len(v) for v in robustness.GRID.values())
    per = cells // len(grid) if grid else 0
    ceiling = {(r.quantity, r.claimant_a, r.claimant_b): r.verdict for r in as_ceiling.itertuples()}
    out = []
    for r in flags.itertuples():
        pair = (r.quantity, r.claimant_a, r.claimant_b)
        v = _class(r.verdict, r.bound_of)
        firm = v in ("disagree", "tension")
        # a pair no comparison is made for under a reading (a ceiling leaves its derived figure unbounded) finds no
        # dispute there: it counts for a consistent verdict, against a disputed one
        holds = sum(per for g in grid.values() if (g.get(pair, "consistent") != "consistent") == firm)
        reading = ()
        if firm and ceiling.get(pair, "consistent") == "consistent":
            reading = tuple(hedges_of(r.claim_ids.split(", ")))
        out.append(Judgment(
            key=f"between:{r.quantity}:{r.claimant_a}:{r.claimant_b}", kind="between", quantity=r.quantity,
            verdict=v, claimants=(r.claimant_a, r.claimant_b), claim_ids=tuple(r.claim_ids.split(", ")),
            factor=float(r.factor), higher=r.higher, lower=r.lower, bound_of=r.bound_of, outside=r.outside,
            inside=r.inside, echo=bool(r.echo),
            reading=reading, grid_holds=holds, grid_cells=cells if grid else 0))
    for j in out:
        if j.quantity in DERIVED and j.disputed:
            for base in out:
                if (base is not j and base.disputed and base.claimants == j.claimants
                        and base.quantity not in DERIVED and set(base.claim_ids) <= set(j.claim_ids)):
                    j.merged_into = base.key
                    break
    return out


def _evidence(row, a: Assumptions, judged, until: str, article_scope: str, includes: dict) -> Evidence:
    iv = allowed_interval(row, a)
    scope = row.get("scope", "") or ""
    if article_scope in NOT_STATED or scope in NOT_STATED:
        relation = "unknown" if (article_scope or scope) else "like"
    elif scope == article_scope:
        relation = "like"
    elif article_scope in includes.get(scope, ()):
        relation = "wider"
    else:
        relation = "other"
    date = row["as_of"] or row["published"]
    when = hindsight_.group_of(date, until)
    if iv.low > judged.high * (1 + 1e-9):
        direction = "higher"
    elif iv.high < judged.low * (1 - 1e-9):
        direction = "lower"
    else:
        direction = "consistent"
    return Evidence(row["claimant"], row["claim_id"], date, iv.low, iv.high, iv.open_low, iv.open_high, scope,
                    relation, when, direction)


def _weak(e: Evidence) -> bool:
    """A later figure that is an open bound ("at least", "up to") and allows the judged figure: it cannot bear it
    out (a bound tests little), only fail to contradict it."""
    return e.direction == "consistent" and (e.open_low or e.open_high)


def same_count(ev) -> str:
    """The relation of the figures a like-for-like verdict rests on: 'like' (the article's scope) where a later
    figure has it, else 'unknown' (a scope not stated, on either side): such a figure may count other troops, so it
    speaks only where no figure of the same scope does."""
    later = {e.relation for e in ev if e.when == "later"}
    return "unknown" if "unknown" in later and "like" not in later else "like"


def _hindsight_verdict(ev: list[Evidence], judged) -> str:
    """Low / high / borne out / mixed from like-for-like later figures (scope the same; else not stated), a later
    bound that merely allows the figure counting for nothing; allowed where only such bounds speak to it; from a
    wider count only a direction (wider_higher, wider_lower); none without either."""
    same = same_count(ev)
    usable = [e for e in ev if e.when == "later" and e.relation == same]
    if usable:
        dirs = {e.direction for e in usable if not _weak(e)}
        if not dirs:
            return "bound_holds" if judged.open_low or judged.open_high else "allowed"
        if dirs == {"consistent"} and (judged.open_low or judged.open_high):
            return "bound_holds"
        if dirs == {"higher"}:
            return "low"
        if dirs == {"lower"}:
            return "high"
        if dirs == {"consistent"}:
            return "borne_out"
        return "mixed"
    wider = {e.direction for e in ev if e.when == "later" and e.relation == "wider"}
    if wider == {"higher"}:
        return "wider_higher"
    if wider == {"lower"}:
        return "wider_lower"
    return "none"


def hindsight(claims: pd.DataFrame, figures: dict[str, dict[str, Quantity]], later: pd.DataFrame,
              a: Assumptions, includes: dict) -> list[Judgment]:
    """Each article claimant's figure of each quantity against the later ledger's figures of that quantity (an
    undated figure is dated by the article's latest claim)."""
    out = []
    until = hindsight_.same_time_until(claims)
    if later is None or later.empty:
        return out
    for claimant, qs in figures.items():
        for name in HINDSIGHT_METRICS:
            q = qs.get(name)
            if q is None or (math.isinf(q.value.low) and math.isinf(q.value.high)):
                continue
            rows = claims[claims["claim_id"].isin(q.claim_ids)]
            if claimant not in set(rows["claimant"]):
                continue  # wholly borrowed: the lender's claim, judged as the lender's
            scope = _scope_of(rows)
            theirs = later[later["metric"] == name]
            if theirs.empty:
                continue
            ev = [_evidence(r, a, q.value, until, scope, includes) for _, r in theirs.iterrows()]
            ev = [e for e in ev if e.relation != "other"] + [e for e in ev if e.relation == "other"]
            out.append(Judgment(
                key=f"hindsight:{name}:{claimant}", kind="hindsight", quantity=name,
                verdict=_hindsight_verdict(ev, q.value), subject=claimant, claimants=(claimant,),
                claim_ids=tuple(q.claim_ids), status=q.status, evidence=tuple(ev)))
    return out


def revisions(combined: pd.DataFrame, a: Assumptions) -> list[Judgment]:
    """Each claimant's own stated figures of one quantity over time, where it has more than one. A figure of another
    scope than the one before it is no revision of it (direction 'other_scope', left out of the verdict); with no
    step within one scope, the verdict is none."""
    out = []
    if combined is None or combined.empty:
        return out
    # A scope one ledger lacks is blank, not NaN: the article's ledger may have no scope column when the later has one.
    dated = combined.fillna({"scope": ""}).assign(_date=selection.dated(combined))
    for (claimant, metric), rows in dated[dated["_date"] != ""].groupby(["claimant", "metric"], sort=False):
        if len(rows) < 2:
            continue
        rows = rows.assign(_t=rows["_date"].map(_start)).sort_values("_t", kind="stable")
        ev, dirs, prev, prev_scope = [], [], None, None
        for _, r in rows.iterrows():
            iv = allowed_interval(r, a)
            scope = r.get("scope", "")
            d = ""
            if prev is not None and scope != prev_scope:
                d = "other_scope"
            elif prev is not None:
                d = "up" if iv.low > prev.high else "down" if iv.high < prev.low else "unchanged"
                dirs.append(d)
            ev.append(Evidence(claimant, r["claim_id"], r["_date"], iv.low, iv.high, iv.open_low, iv.open_high,
                               scope, direction=d))
            prev, prev_scope = iv, scope
        kinds = set(dirs) - {"unchanged"}
        verdict = ("none" if not dirs else "unchanged" if not kinds else kinds.pop() if len(kinds) == 1
                   else "both")
        out.append(Judgment(key=f"revision:{metric}:{claimant}", kind="revision", quantity=metric, verdict=verdict,
                            subject=claimant, claimants=(claimant,), claim_ids=tuple(rows["claim_id"]),
                            status="stated", evidence=tuple(ev)))
    return out


def _sources(v) -> set:
    """The claims one claim may echo: a lineage ('' or one id) or a set of ids."""
    return {v} if isinstance(v, str) and v else set(v)  # set("") is empty


def _independent(claimants: list[str], ids: list[str], lineage: dict, claimant_of: dict) -> list[str]:
    """The claimants, an echo (a claim that may echo another claimant's claim among these: its lineage names it, or
    it repeats its figure after it) counted once."""
    out = list(dict.fromkeys(claimants))
    for i in ids:
        if any(src in ids and claimant_of.get(src) != claimant_of.get(i) for src in _sources(lineage.get(i, ""))) \
                and claimant_of.get(i) in out:
            out.remove(claimant_of[i])
    return out


def confidence(j: Judgment, lineage: dict, claimant_of: dict, grade_of) -> tuple[str, dict]:
    """ICD 203 confidence (low / moderate / high) and the evidence for it, as data."""
    if j.kind == "hindsight":
        # a like-for-like verdict rests on figures of the same count; a wider count's direction on wider counts
        same = "wider" if j.verdict in ("wider_higher", "wider_lower") else same_count(j.evidence)
        support = [e for e in j.evidence if e.direction == ("higher" if j.verdict in ("low", "wider_higher")
                                                             else "lower" if j.verdict in ("high", "wider_lower")
                                                             else "consistent") and e.relation == same
                   and (j.verdict in ("bound_holds", "allowed") or not _weak(e))]  # a bound allowing it: no support
        ids = [e.claim_id for e in support]
        who = _independent([e.claimant for e in support], ids, lineage, claimant_of)
        agree = j.verdict not in ("mixed", "none")  # any other verdict: every later figure that speaks agrees
    else:
        ids = list(j.claim_ids)
        who = _independent(list(j.claimants), ids, lineage, claimant_of)
        agree = j.verdict in ("consistent", "bound", "unchanged", "up", "down")
        if j.kind == "between" and j.disputed:
            return _dispute_confidence(j, ids, who, claimant_of, grade_of)
    grades = {}
    for i in ids:  # each claimant's best grade among the claims the judgment rests on
        g = grade_of(i)
        c = claimant_of.get(i, "")
        grades[c] = min(x for x in (grades.get(c), g) if x) if g or grades.get(c) else None
    graded = [g for g in grades.values() if g]
    weak = sorted({c for c, g in grades.items() if g and (g[0] in WEAK_RELIABILITY or g[1] in WEAK_CREDIBILITY)})
    strong = [c for c in who if grades.get(c) and c not in weak]
    share = j.share
    firm = math.isnan(share) or share >= GRID_SHARE_FIRM
    wider_only = j.verdict in ("wider_higher", "wider_lower")
    if len(who) >= 3 and agree and firm and not wider_only and len(strong) >= 3:
        level = "high"
    elif len(who) >= 2 and agree and firm and (not graded or len(strong) >= 1):
        level = "moderate"
    else:
        level = "low"
    echoes = sorted(set(claimant_of.get(i, "") for i in ids) - set(who))
    basis = dict(independent=len(who), claimants=who, echoes=echoes, agree=agree, weak=weak,
                 grades={c: "".join(g) for c, g in grades.items() if g}, grid_share=None if math.isnan(share)
                 else share, rests_on_reading=bool(j.reading) or not firm, wider_only=wider_only)
    return level, basis


def _dispute_confidence(j: Judgment, ids: list, who: list, claimant_of: dict, grade_of) -> tuple[str, dict]:
    """A dispute between two claimants: as sure as the readings it survives and the sources it rests on allow.
    High where it holds in at least 90 % of the robustness grid, rests on no hedge and on no weakly graded source;
    moderate where it holds in at least GRID_SHARE_FIRM of it and rests on no hedge; low otherwise."""
    grades = {claimant_of.get(i, ""): grade_of(i) for i in ids}
    weak = sorted({c for c, g in grades.items() if g and (g[0] in WEAK_RELIABILITY or g[1] in WEAK_CREDIBILITY)})
    share = j.share
    if math.isnan(share):
        share = 1.0
    if share >= 0.9 and not j.reading and not weak:
        level = "high"
    elif share >= GRID_SHARE_FIRM and not j.reading:
        level = "moderate"
    else:
        level = "low"
    basis = dict(independent=len(who), claimants=who, echoes=sorted(set(j.claimants) - set(who)), agree=False,
                 weak=weak, grades={c: "".join(g) for c, g in grades.items() if g},
                 grid_share=j.share if j.grid_cells else None, rests_on_reading=bool(j.reading) or share < GRID_SHARE_FIRM, wider_only=False)
    return level, basis


def _score(j: Judgment) -> tuple:
    order = {"hindsight": 0, "between": 1, "revision": 2}
    strength = {"low": 0, "high": 0, "wider_higher": 0, "wider_lower": 0, "disagree": 1, "mixed": 2, "tension": 3,
                "borne_out": 4, "bound_holds": 6, "allowed": 6, "up": 5, "down": 5, "both": 5, "bound": 6, "consistent": 7,
                "unchanged": 7,
                "none": 9}
    apart = -j.factor if j.kind == "between" and not math.isnan(j.factor) else 0.0  # the widest dispute first
    # hindsight resting on one claimant's later figure alone comes after every dispute between claimants
    lone = j.kind == "hindsight" and j.basis.get("independent", 0) < 2
    # among disputes, those held with low confidence after the firmer ones: the bottom line opens with what the
    # evidence supports, then goes by quantity
    firm = j.confidence == "low"
    return (not j.disputed, lone, firm, PRIORITY.index(j.quantity) if j.quantity in PRIORITY else 99,
            strength.get(j.verdict, 8), order[j.kind], apart, j.key)


def rank(judgments: list[Judgment]) -> list[Judgment]:
    """Ranked: what was disputed first (hindsight, then between claimants), then what holds; merged ones last."""
    ordered = sorted([j for j in judgments if not j.merged_into], key=_score) + \
        [j for j in judgments if j.merged_into]
    for k, j in enumerate(ordered, start=1):
        j.rank = k
    return ordered


def bottom_line(judgments: list[Judgment]) -> list[Judgment]:
    """The judgments the bottom line may state, in rank order: every disputed one (hindsight and between; merged ones
    ride with the one they rest on), then hindsight that bears a figure out. Revisions are said in the hindsight.
    The wording stage (analysis.wording.bottom_line.items) keeps MAX_ITEMS of them within its word budget and names
    every dispute it leaves out."""
    top = [j for j in judgments if not j.merged_into and j.kind != "revision"]
    disputed = [j for j in top if j.disputed]
    rest = [j for j in top if not j.disputed and j.verdict == "borne_out"]
    return disputed + rest


def judge(claims: pd.DataFrame, a: Assumptions, borrow: dict | None, flags: pd.DataFrame,
          as_ceiling: pd.DataFrame, later: pd.DataFrame | None = None, grade_of=None,
          includes: dict | None = None) -> list[Judgment]:
    """Every judgment of one brief, ranked. `claims`: the article's claims in the sources' words; `later`: the later
    ledger's claims (validated) or None; `grade_of(claim_id)`: (reliability, credibility) or None."""
    grade_of = grade_of or (lambda _: None)
    lineage = dict(zip(claims["claim_id"], claims.get("lineage", pd.Series([""] * len(claims)))))
    if later is not None and "lineage" in later.columns:
        lineage.update(dict(zip(later["claim_id"], later["lineage"])))
    echo_of = {i: _sources(v) for i, v in lineage.items()}  # and a figure another claimant gave before: an echo
    if later is not None and not later.empty:
        for _, e in hindsight_.echoes(hindsight_.combine(claims, later)).iterrows():
            echo_of.setdefault(e["claim_id"], set()).add(e["echoes"])
    claimant_of = dict(zip(claims["claim_id"], claims["claimant"]))
    if later is not None:
        claimant_of.update(dict(zip(later["claim_id"], later["claimant"])))
    hedge = dict(zip(claims["claim_id"], claims.get("hedge", pd.Series([""] * len(claims)))))

    def hedges_of(ids):
        return [h for h in dict.fromkeys(hedge.get(i, "") for i in ids) if h]

    grid = _grid(claims, a, borrow, {k: v for k, v in lineage.items() if k in claimant_of}) if len(flags) else {}
    found = between(flags, as_ceiling, grid, hedges_of)
    figures = allowed_figures(read_hedges(claims, a.hedge_reading), a, borrow)
    found += hindsight(claims, figures, later, a, includes or {})
    if later is not None and not later.empty:
        found += revisions(pd.concat([claims, later], ignore_index=True), STATED)
    for j in found:
        j.confidence, j.basis = confidence(j, echo_of, claimant_of, grade_of)
    return rank(found)
