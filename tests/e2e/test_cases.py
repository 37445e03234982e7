"""The worked cases beside Kursk (data/cases/*/): each builds, and its bottom line states its own dispute.

Ukrainian losses, late 2024 (data/cases/ukraine-losses/claims.csv): Zelensky's 43,000 killed and 370,000 wounded
imply 413,000 casualties; Russia's Ministry of Defence claims 975,100: 975,100 / 413,000 = 2.361, so "at least
2.3 times apart" (a ratio of two exact figures, floored). The Wall Street Journal's 80,000 killed against
Zelensky's 43,000: 80,000 / 43,000 = 1.86, "at least 1.8 times apart".
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p for p in (ROOT / "data" / "cases").iterdir() if (p / "claims.csv").is_file())

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def ukraine(tmp_path_factory):
    out = tmp_path_factory.mktemp("ukraine") / "report"
    case = ROOT / "data" / "cases" / "ukraine-losses"
    run = subprocess.run([sys.executable, "-m", "analysis", "build", "-f", str(case / "params.yaml"),
                          "-p", "draws", "20000", "-p", "sensitivity_draws", "5000", "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    return out


def test_ukraine__bottom_line_states_the_casualty_dispute(ukraine):
    data = json.loads((ukraine / "results.json").read_text(encoding="utf-8"))
    texts = [b["text"] for b in data["bottom_line"]]
    casualties = [t for t in texts if "975,100" in t]
    assert casualties and "Russia Ministry of Defence: 975,100; Volodymyr Zelensky (Ukraine): 413,000 (implied): " \
        "at least 2.3 times apart" in casualties[0]
    assert any("The Wall Street Journal: 80,000; Volodymyr Zelensky (Ukraine): 43,000: at least 1.8 times apart" in t
               for t in texts)


def test_ukraine__nothing_of_kursk_and_no_artefacts(ukraine):
    html = (ukraine / "briefing.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(style|script)[^>]*>.*?</\1>", " ", html, flags=re.S))
    text = re.sub(r'src="data:[^"]*"', "", text)
    for word in ("North Korea", "Kursk", "NIS", "CSIS", " nan", "NaN", "None", "undefined", " inf "):
        assert word not in text, word
    assert "<title>Ukrainian military losses, late 2024: what the sources claim</title>" in html


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_case_validates(case):
    run = subprocess.run([sys.executable, "-m", "analysis", "validate", str(case / "claims.csv")],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0 and run.stdout.startswith("ok: "), run.stdout + run.stderr
