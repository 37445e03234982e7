"""The words around the brief's charts and tables: each figure's title, caption and alt text, and the short notes
the annex's tables carry. The presentation stage (analysis.present) only places them."""

from __future__ import annotations

CLAIMS_TITLE = "What each claimant’s claims state and imply"
DISTRIBUTION_TITLE = "How widely the claims spread the casualty rate"
TORNADO_TITLE = "How far each input moves the casualty-rate median"
TORNADO_CAPTION = ("Change in each claimant’s median casualty rate when one input goes to the low or high end of our "
                   "reading of it, the others drawn as usual (hatched: low end; grey: high end).")
NOTHING_TO_VARY = "No other input has a range to vary."
# The bands table's notes: a mark in its row, each mark said once under the table (issue 21: one line a row).
BAND_NOTES = {"†": "The claimants’ figures do not overlap: the pool has no meaningful middle, and its median would "
                   "be a figure nobody claimed.",
              "‡": "Set by our reading of a bound."}
# How Method says the hedge reading in force (the parameter's values are its keys).
METHOD_HEDGE = {"as_stated": "read like any other claim of its kind, the hedge kept in every sentence",
                "upper_bound": "read as an upper bound (“potentially X” as “as high as X”)",
                "exclude": "left out of the analysis (still listed among the claims)"}


def claims_caption(tolerance: str) -> str:
    """Figure 1's caption; `tolerance` the reading of "about" ('10%')."""
    return ("Each claimant has its own colour and marker, in every chart. Filled marker: stated by the source; "
            "hollow: worked out from the claimant’s own figures. A range is marked at its ends; a bound at the end it "
            "states, dashed towards the end it leaves open (an arrow: open past the panel’s edge). Thin black line: "
            f"as stated or implied; grey bar: our reading, “about” as ±{tolerance}. Table 1 gives every figure.")


def claim_point(claimant: str, status: str, figure: str, read: str) -> str:
    """One figure of Figure 1 in its alt text: 'NIS implied 3,000 (read as 2,700–3,300)'."""
    return f"{claimant} {status} {figure} (read as {read})"


def claims_alt(panels: list[tuple[str, list[str]]]) -> str:
    """Figure 1's alt text: each panel (quantity label, its points as `claim_point` gives them)."""
    said = [f"{label}: {'; '.join(points)}" for label, points in panels if points]
    return ("Range plot of what each claimant's claims state and imply, one panel per quantity. " + ". ".join(said)
            + ". Table 1 gives the same figures.")


def distribution_caption(pooled: bool, split: bool = False) -> str:
    """The distribution chart's caption; `split`: the pool has no meaningful middle (its row drawn as its 90% band)."""
    return ("Each claimant’s band of the casualty rate (killed and wounded as a share of the force)"
            + (" and, last, the pool’s" if pooled else "") + ": thin line 5th–95th percentile, thick 25th–75th, tick "
            "the median" + ("; the claimants’ figures do not overlap, so the pool’s row is its 90% band alone" if split
                            else "")
            + ". The bands table below gives the same figures.")


def band_mark(split: bool, bound: bool) -> str:
    """A bands-table row's note mark: '†' for a pool with no meaningful middle, '‡' for a band resting on a bound
    ("as high as", "at least"), else none."""
    return "†" if split else "‡" if bound else ""


def band_key(marks) -> str:
    """What each mark a bands table uses means, once, under it ('' where it uses none); a no-break space joins a
    mark to its note, so no line ends with a mark."""
    return " ".join(f"{mark}\u00a0{note}" for mark, note in BAND_NOTES.items() if mark in marks)


def band_point(who: str, median: str | None, band50: str, band90: str) -> str:
    """One band in the distribution chart's alt text; `median` None where the pool has no meaningful middle."""
    return f"{who}: median {median or 'no meaningful middle'}, 50% band {band50}, 90% band {band90}"


def distribution_alt(pooled: bool, points: list[str]) -> str:
    """The distribution chart's alt text: each band it draws (the pool's last, where there is one)."""
    return ("Casualty-rate chart, percent of the force: each claimant's band" + (" and the pool's" if pooled else "")
            + ". " + "; ".join(points) + ". The bands table gives the same figures.")


def swing_point(name: str, span: str, owner: str, at_low: str, at_high: str, swing: str, moved: bool,
                no_draw: str) -> str:
    """One input of the sensitivity chart in its alt text."""
    if moved:
        return f"{name} from {span} moves {owner} median from {at_low} to {at_high} ({swing} points)"
    return f"{name} from {span}: at one end {no_draw} {owner} other figures"


def tornado_alt(points: list[str]) -> str:
    return ("Tornado chart of the casualty-rate median’s change with each input at the low and high end of its "
            "range: " + "; ".join(points) + ". The table below the chart gives the same figures.")


def rate_given(actor: str, figure: str) -> tuple[str, str]:
    """Where a claimant gives the casualty rate itself: the sentence before its claim's footnote and after it, to
    which the band's words are added: ('Seth Jones (CSIS) gives the casualty rate directly (could be as high as
    50%)', ', so no other input moves it; its band is our reading of that claim, ')."""
    return (f"{actor} gives the casualty rate directly ({figure})",
            ", so no other input moves it; its band is our reading of that claim, ")


def timeline_alt(parts: list[str]) -> str:
    """The later chart's alt text: each claimant's points of one quantity ('NIS killed: 300 (2025-01-13), …')."""
    return ("Timeline of claims. " + "; ".join(parts) + ". “What later reports said”, in the body, lists every later "
            "figure with its date.")
