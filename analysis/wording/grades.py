"""Source grades in words: the Admiralty code (analysis.ledger.grades) as the brief shows it beside a claim."""

from __future__ import annotations

from analysis.ledger.grades import CREDIBILITY, RELIABILITY, Grade


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


def weights_words(weights: dict[str, float]) -> str:
    """The pool's weights by source grade: 'weights by source grade (NIS 0.12, CSIS 0.12)'."""
    return "weights by source grade (" + ", ".join(f"{c} {w:.2f}" for c, w in weights.items()) + ")"
