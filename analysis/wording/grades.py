"""Source grades in words: the Admiralty code (analysis.ledger.grades) as the brief shows it beside a claim."""

from __future__ import annotations

from analysis.ledger.grades import CREDIBILITY, RELIABILITY, Grade, grade_of


def grade_code(grade: Grade | None) -> str:
    """'B2', or '' for an ungraded source."""
    return "".join(grade) if grade else ""


def grade_words(grade: Grade | None) -> str:
    """'B2 (usually reliable source; information probably true)', or 'ungraded'."""
    if not grade:
        return "ungraded"
    r, c = grade
    source = "source’s reliability cannot be judged" if r == "F" else f"{RELIABILITY[r]} source"
    information = "information’s truth cannot be judged" if c == "6" else f"information {CREDIBILITY[c]}"
    return f"{r}{c} ({source}; {information})"


def grade_note(grade: Grade | None) -> str:
    """The grade as a note beside a claim: 'graded B2 (usually reliable source; information probably true)', or
    'source not graded'."""
    return f"graded {grade_words(grade)}" if grade else "source not graded"


def grades_used(claims, sources) -> list[Grade]:
    """The grades of these claims' sources, each once, in code order (ungraded ones left out)."""
    return sorted({g for g in (grade_of(r, sources) for _, r in claims.iterrows()) if g})


def grade_key(grades: list[Grade]) -> str:
    """The key to the grade codes a table shows: 'Grade: the source’s reliability (A–F) and the information’s
    credibility (1–6), Admiralty code: B2 usually reliable source; information probably true.'"""
    if not grades:
        return ""
    return ("Grade: the source’s reliability (A–F) and the information’s credibility (1–6), Admiralty code: "
            + "; ".join(grade_words(g) for g in grades) + ".")


def weights_words(weights: dict[str, float]) -> str:
    """The pool's weights by source grade: 'weights by source grade (NIS 0.12, CSIS 0.12)'."""
    return "weights by source grade (" + ", ".join(f"{c} {w:.2f}" for c, w in weights.items()) + ")"
