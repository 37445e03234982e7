"""Every number the body of the brief prints is traced: found in results.json or in a claim of the ledgers (issue 21).

The body is the brief up to the annex's heading. A printed number matches a recorded one when the recorded one,
rounded as printed (to the printed decimals, or to the printed significant figures), gives it; a percentage may be
recorded as a fraction (0.1 for "±10%"). A date matches a claim's date (its as_of or published), "Jan 2025" its
month. Claim ids in footnotes and "Figure 1" / "Table 1" are labels, not figures.
"""

import csv
import html as htmllib
import json
import math
import re

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow

MONTHS = {m: i for i, m in enumerate(("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                                      "Dec"), 1)}


def _body_text(page: str) -> str:
    body = page.split('<main class="brief">', 1)[1].split('<h2 id="Annex"', 1)[0]
    for pattern in (r"<nav[^>]*>.*?</nav>", r"<sup class=\"ref\">.*?</sup>",
                    r"<code class=\"id\">.*?</code>", r"<img [^>]*>", r"<style.*?</style>", r"<[^>]+>"):
        body = re.sub(pattern, " ", body, flags=re.S)
    return " ".join(htmllib.unescape(body).split())


def _walk(x):
    """Every leaf of a JSON value."""
    if isinstance(x, dict):
        for v in x.values():
            yield from _walk(v)
    elif isinstance(x, list):
        for v in x:
            yield from _walk(v)
    else:
        yield x


def _leaves(x):
    """Every number in a JSON value (not a boolean)."""
    return (float(v) for v in _walk(x) if isinstance(v, (int, float)) and not isinstance(v, bool))


def _strings(x):
    return (v for v in _walk(x) if isinstance(v, str))


def _claims():
    return [r for f in ("claims.csv", "later-reports.csv") for r in csv.DictReader((ROOT / "data" / f).open())]


def _sig(x: float, digits: int) -> float:
    return 0.0 if x == 0 else round(x, digits - 1 - int(math.floor(math.log10(abs(x)))))


def _matches(printed: str, recorded: set[float]) -> bool:
    percent = printed.endswith("%")
    text = printed.rstrip("%").replace(",", "")
    value = float(text)
    decimals = len(text.split(".")[1]) if "." in text else 0
    digits = len(text.replace(".", "").lstrip("0").rstrip("0") if "." not in text else text.replace(".", "").lstrip("0"))
    for v in recorded | ({v * 100 for v in recorded} if percent else set()):  # a share recorded as a fraction
        if round(v, decimals) == value or (digits and _sig(v, digits) == value):
            return True
    return False


@pytest.fixture(scope="module")
def body(built_brief):
    return _body_text((built_brief / "briefing.html").read_text(encoding="utf-8"))


def test_the_body_is_the_brief_before_the_annex(body):
    assert body.startswith("North Korean losses in Kursk") and "Bottom line up front" in body
    assert "What later reports said" in body and "Method and caveats" not in body



def test_every_date_the_body_prints_is_a_claims_date(body, built_brief):
    # or a date results.json records (the last day "at the same time" as the article: 14 days after its latest claim)
    results = json.loads((built_brief / "results.json").read_text(encoding="utf-8"))
    dates = {r[c] for r in _claims() for c in ("as_of", "published") if r[c]}
    dates |= {s for s in _strings(results) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s)}
    months = {d[:7] for d in dates}
    for d in re.findall(r"\b\d{4}-\d{2}(?:-\d{2})?\b", body):
        assert d in dates, d
    for month, year in re.findall(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})\b", body):
        assert f"{year}-{MONTHS[month]:02d}" in months, (month, year)


def test_every_number_the_body_prints_is_in_results_or_a_claim(body, built_brief):
    results = json.loads((built_brief / "results.json").read_text(encoding="utf-8"))
    recorded = set(_leaves(results))
    for r in _claims():
        recorded |= {float(r[c]) for c in ("low", "best", "high") if r[c]}
    text = re.sub(r"\b\d{4}-\d{2}(?:-\d{2})?\b", " ", body)  # dates: the test above
    text = re.sub(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b", " ", text)
    text = re.sub(r"\b(?:Figure|Table) \d+\b", " ", text)  # labels
    numbers = re.findall(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?%?", text)
    assert len(numbers) > 80
    untraced = sorted({n for n in numbers if not _matches(n.rstrip(","), recorded)})
    assert untraced == []
