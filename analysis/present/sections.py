"""The brief's opening: its title block, the bottom line (the judgments engine's items) and "Changes since"."""

from __future__ import annotations

from dataclasses import dataclass

from IPython.display import HTML
from markupsafe import Markup

from analysis.brief.compute import Brief
from analysis.present.html import refs, render


def header(b: Brief, title: str) -> HTML:
    """Title block: the title (the case's when none is given), what the brief covers and the date of the evidence
    (never of the build)."""
    n_sources = b.claims["source_url"].nunique()
    return render('section_header.html.j2', title=title or b.case_title, evidence=b.evidence_date(), n=len(b.claims),
                  total=len(b.ledger), claimants=list(b.stated), n_sources=n_sources, more=len(b.others[0]))


@dataclass(frozen=True)
class Judgment:
    """One key judgment as data: its heading and its sentence (Markup, because claim footnotes are links), or, for
    the later reports, one point per later claimant."""

    heading: str
    text: Markup = Markup("")
    points: tuple = ()


def key_judgments(b: Brief, later_view: dict | None = None) -> list[Judgment]:
    """The bottom line: each item the brief's judgments engine chose (Brief.bottom_line), its parts with their
    claim footnotes, then its confidence and the reason."""
    out = []
    for item in b.bottom_line:
        text = Markup("").join(Markup("{}{}").format(t, refs(ids)) for t, ids in item.parts)
        if item.confidence:
            text += Markup(" <em>{} confidence:</em> {}.").format(item.confidence.capitalize(), item.reason)
        out.append(Judgment(item.heading, text))
    return out


def key_judgments_section(b: Brief, later_view: dict | None = None) -> HTML:
    """The key judgments as the brief's first section."""
    return render('section_key_judgments.html.j2', items=key_judgments(b, later_view))


def changes_section(b: Brief, since: str = "") -> HTML:
    """"Changes since" an earlier brief (computed with the brief: `Brief.since`); nothing when there is none."""
    if b.since is None:
        return HTML("")
    old, changes = b.since
    return render('section_changes.html.j2',
                  sha=old.get("ledger_sha256", "")[:12], evidence=old.get("evidence", ""), changes=changes)
