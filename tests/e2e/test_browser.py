"""The HTML brief in a real browser (Debian's chromium under Playwright), opened from file:// as a reader would:
offline, no console errors, fits a phone (390 px) and a desktop (1280 px) without sideways page scrolling, every
in-page link lands, every chart says its numbers, web links open a new tab safely, and axe-core finds no WCAG 2.1 AA
violation. A full-page screenshot at each width is written under the session's temporary folder for a person to see."""

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
    yield dict(width=width, page=page, refused=refused, errors=errors, shot=shot)
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
    assert all(a["target"] == "tr" for a in links if a["href"].startswith("#claim-"))
    contents = [a for a in links if a["contents"]]
    # every section heading: the notebook's "## " cells and the one the later-reports section writes itself
    sections = page.evaluate("document.querySelectorAll('.text_cell_render h2, section.later > h2').length")
    assert len(contents) == sections >= 10 and all(a["target"] == "h2" for a in contents)


def test_every_chart_states_its_numbers(view):
    page = view["page"]
    alts = page.evaluate("Array.from(document.images).map(i => i.getAttribute('alt') || '')")
    assert len(alts) >= 3 and all(re.search(r"\d", a) for a in alts), alts
    text = page.evaluate("document.body.innerText")
    for alt in alts:  # every number the alt text gives is also on the page, in a table a reader can see
        for n in re.findall(r"\d[\d,.]*\d%?|\d%?", alt):
            assert n in text, (n, alt[:80])
    forest = next(a for a in alts if a.startswith("Range plot"))
    # "about 300" read as ±10% is 270–330, "around 11,000" 9,900–12,100; "as high as 50%" is read as between half
    # of it and it, 25.0–50.0%; NIS's "between 10,000 and 11,000" is read as itself
    for reading in ("270–330", "900–1,100", "2,430–2,970", "9,900–12,100", "25.0–50.0%", "10,000–11,000"):
        assert f"(read as {reading})" in forest
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
    # every claim row links its source, and so does every entry under Sources
    counts = page.evaluate("""() => Array.from(document.querySelectorAll('tr[id^="claim-"], ol.sources > li'))
        .map(e => e.querySelectorAll('a[target="_blank"]').length)""")
    assert len(counts) >= 7 and set(counts) == {1}


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
