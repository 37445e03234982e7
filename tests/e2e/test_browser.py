"""The HTML brief in a real browser (Debian's chromium under Playwright), opened from file:// as a reader would:
offline, no console errors, fits a phone (390 px) and a desktop (1280 px) without sideways page scrolling, every
in-page link lands, every chart says its numbers, web links open a new tab safely, and axe-core finds no WCAG 2.1 AA
violation. A full-page screenshot at each width is written under the session's temporary folder for a person to see.

The annex opens folded (each part a <details>); the screenshot shows it so, and the tests then open every part (as a
reader's clicks would) and check the whole brief."""

import re

import pytest

pytestmark = pytest.mark.slow
WIDTHS = (390, 1280)


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def view(request, built_brief, chromium, screenshots):
    """The brief open at one width; every request other than the file itself refused and recorded."""
    width = request.param
    url = (built_brief / "briefing.html").as_uri()
    context = chromium.new_context(viewport={"width": width, "height": 900}, java_script_enabled=True)
    page = context.new_page()
    refused, errors = [], []

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            refused.append(r.request.url[:120])
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    shot = screenshots / f"briefing-{width}px.png"
    page.screenshot(path=str(shot), full_page=True)
    print(f"screenshot: {shot}")
    folded = page.evaluate("""() => ({parts: document.querySelectorAll('details.annex-part').length,
        open: document.querySelectorAll('details[open]').length, height: document.body.scrollHeight})""")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    folded["opened_height"] = page.evaluate("document.body.scrollHeight")
    yield dict(width=width, page=page, refused=refused, errors=errors, shot=shot, folded=folded)
    context.close()


def test_opens_offline_without_errors(view):
    page = view["page"]
    assert view["refused"] == [], "the brief asked for something outside its file"
    assert view["errors"] == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.title() == "North Korean losses in Kursk: what the sources claim"


def test_the_notebook_text_is_all_there(view):
    """Every markdown cell's headings and prose reach the page (the template rewrites those cells)."""
    import json

    from conftest import ROOT

    text = " ".join(view["page"].evaluate("document.body.innerText").split())
    cells = json.loads((ROOT / "notebooks" / "briefing.ipynb").read_text(encoding="utf-8"))["cells"]
    for cell in (c for c in cells if c["cell_type"] == "markdown"):
        for block in "".join(cell["source"]).split("\n\n"):
            words = re.findall(r"[A-Za-z0-9’']+", block)[:8]
            assert re.search(r"\W+".join(map(re.escape, words)), text), block[:60]


def test_no_sideways_scrolling_of_the_page(view):
    """No element reaches past the viewport, except inside a box that scrolls on its own (a wide table's)."""
    page, width = view["page"], view["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    too_wide = page.evaluate("""(w) => {
        const scrolls = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
        const inBox = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
                               if (scrolls(p)) return true; return false; };
        return Array.from(document.body.querySelectorAll('*'))
          .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > w + 0.5 || r.left < -0.5); })
          .filter(e => !inBox(e))
          .map(e => `${e.tagName.toLowerCase()}.${e.className} right=${Math.round(e.getBoundingClientRect().right)}`);
    }""", width)
    assert too_wide == []
    # A box that scrolls can be reached by keyboard, so it can be scrolled without a mouse.
    unreachable = page.evaluate("""() => Array.from(document.querySelectorAll('.table-box'))
        .filter(b => b.scrollWidth > b.clientWidth && b.tabIndex < 0).length""")
    assert unreachable == 0


def test_every_in_page_link_lands(view):
    page = view["page"]
    links = page.evaluate("""() => Array.from(document.querySelectorAll('a[href^="#"]')).map(a => {
        const t = document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1)));
        return {href: a.getAttribute('href'), target: t ? t.tagName.toLowerCase() : null,
                contents: !!a.closest('nav.contents')};
    })""")
    missing = [a["href"] for a in links if a["target"] is None]
    assert missing == []
    footnotes = {a["href"] for a in links if a["href"].startswith("#claim-")}
    # the article's six claims, each cited somewhere in the brief (later reports' claims are cited too)
    assert footnotes >= {f"#claim-{c}" for c in ("nis-deployed", "nis-killed", "nis-wounded", "csis-casualty-rate",
                                                  "csis-killed", "csis-deployed")}
    # a claim's footnote lands on its row of Table 1, or on its entry among the later claims
    assert all(a["target"] in ("tr", "li") for a in links if a["href"].startswith("#claim-"))
    assert any(a["target"] == "li" for a in links if a["href"].startswith("#claim-"))
    contents = [a for a in links if a["contents"]]
    # every section heading: the notebook's "## " cells, and those the later-reports section and the annex's parts
    # write themselves
    sections = page.evaluate("document.querySelectorAll('main h2').length")
    assert len(contents) == sections >= 12 and all(a["target"] == "h2" for a in contents)


def test_every_chart_states_its_numbers(view):
    page = view["page"]
    alts = page.evaluate("Array.from(document.images).map(i => i.getAttribute('alt') || '')")
    assert len(alts) >= 3 and all(re.search(r"\d", a) for a in alts), alts
    text = page.evaluate("document.body.innerText")
    for alt in alts:  # every number the alt text gives is also on the page, in a table a reader can see
        for n in re.findall(r"\d[\d,.]*\d%?|\d%?", alt):
            assert n in text, (n, alt[:80])
    claims = next(a for a in alts if a.startswith("Range plot"))
    # "about 300" read as ±10% is 270–330, "around 11,000" 9,900–12,100, "about 2,700" 2,430–2,970;
    # "as high as 50%" and NIS's "between 10,000 and 11,000" are read as stated; NIS's implied rate 3,000 / 11,000
    # to 3,000 / 10,000 = 27.3–30.0%, read with ±10% on each "about" as 2,700 / 11,000 to 3,300 / 10,000
    # = 24.5–33.0%
    for reading in ("270–330", "900–1,100", "2,430–2,970", "9,900–12,100", "24.5–33.0%"):
        assert f"(read as {reading})" in claims
    assert "CSIS stated could be as high as 50% (read as stated)" in claims
    assert "NIS implied 27.3–30.0%" in claims
    rate = next(a for a in alts if a.startswith("Casualty-rate chart"))
    assert "NIS: median" in rate and "CSIS: median" in rate and "Pooled: median" in rate


def test_web_links_open_a_new_tab_without_an_opener(view):
    page = view["page"]
    links = page.evaluate("""() => Array.from(document.links).filter(a => !a.getAttribute('href').startsWith('#'))
        .map(a => ({href: a.href, target: a.target, rel: a.rel, name: a.innerText.trim()}))""")
    assert {a["href"] for a in links} >= {"https://www.express.co.uk/"}  # the article's outlet
    for a in links:
        assert a["href"].startswith(("https://", "http://"))
        assert a["target"] == "_blank" and set(a["rel"].split()) == {"noopener", "noreferrer"}
        assert a["name"]
    # every claim row links its source (a row whose quote and source the row above spans shares its link), and so
    # does every entry under Sources
    counts = page.evaluate("""() => Array.from(document.querySelectorAll('tr[id^="claim-"], ol.sources > li'))
        .map(e => e.querySelectorAll('a[target="_blank"]').length)""")
    spanned = page.evaluate("""() => Array.from(document.querySelectorAll('td[data-label="Source"][rowspan]'))
        .reduce((n, td) => n + td.rowSpan - 1, 0)""")
    assert len(counts) >= 7 and set(counts) <= {0, 1} and counts.count(0) == spanned == 3  # NIS 1, CSIS 2


def test_axe_finds_no_violations(view):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(view["page"])
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in results.response["violations"]]
    assert found == []
    assert results.response["testEngine"]["name"] == "axe-core"


def test_screenshot_written(view):
    from PIL import Image

    with Image.open(view["shot"]) as im:
        assert im.width == view["width"] and im.height > 2000


def test_the_annex_opens_folded(view):
    """Every annex part is a <details>, folded when the page opens; opened, the brief is longer (issue 21)."""
    folded = view["folded"]
    assert folded["parts"] >= 8 and folded["open"] == 0
    assert folded["opened_height"] > 1.5 * folded["height"]


def test_every_figure_numbered_and_titled_in_order(view):
    captions = view["page"].evaluate("""() => Array.from(document.querySelectorAll('figure'))
        .map(f => [f.querySelector('figcaption').innerText, f.querySelectorAll('img').length])""")
    assert [n for _, n in captions] == [1] * len(captions) and len(captions) == 4
    for number, (caption, _) in enumerate(captions, 1):
        assert re.match(rf"Figure {number}\. \S.*?\. \S", caption), caption


def test_claim_ids_never_break_and_tables_keep_inside_their_rule(view):
    """An id (in its own cell or a footnote) sits on one line; nothing in a table reaches past the table's edge or
    its cell's (the later table's last column ran past its rule; ids broke mid-word)."""
    page = view["page"]
    broken = page.evaluate("""() => Array.from(document.querySelectorAll('code.id, sup.ref a'))
        .filter(e => e.getClientRects().length > 1).map(e => e.textContent)""")
    assert broken == []
    spill = page.evaluate("""() => {
        const out = [];
        for (const table of document.querySelectorAll('main table')) {
          const edge = table.getBoundingClientRect().right;
          for (const cell of table.querySelectorAll('td, th')) {
            const right = cell.getBoundingClientRect().right;
            for (const e of cell.querySelectorAll('*')) {
              const r = e.getBoundingClientRect();
              if (r.width && (r.right > right + 0.5 || r.right > edge + 0.5))
                out.push(`${table.className}: ${e.textContent.slice(0, 40)}`);
            }
          }
        }
        return out;
    }""")
    assert spill == []
    ids = page.evaluate("Array.from(document.querySelectorAll('code.id')).map(e => e.textContent)")
    assert {"nis-2025-04-deployed", "csis-casualty-rate"} <= set(ids)
