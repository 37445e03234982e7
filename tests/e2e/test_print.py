"""The PDF brief's pages: a body of at most three pages and an annex after a page break; no page left half empty
because a chart moved on, no heading left at a page's foot; charts printed at 7 pt or more; tables that keep every
claim id whole and every word inside their rule; the same headings as the HTML, in the same order (issue 21)."""

import re

import pytest

pytestmark = pytest.mark.slow

MAX_PAGES = 8  # the issue asks for about 8: 3 of body, 5 of annex (README)


def _walk(box, tags=()):
    """Every box under `box`, with the element tags of its ancestors."""
    tags = tags + ((getattr(box, "element_tag", None),) if getattr(box, "element_tag", None) else ())
    yield box, tags
    for child in getattr(box, "children", None) or []:
        yield from _walk(child, tags)


@pytest.fixture(scope="module")
def document(built_brief):
    import weasyprint

    html = (built_brief / "briefing.html").read_text(encoding="utf-8")
    return weasyprint.HTML(string=html, base_url=str(built_brief)).render()  # as build.render_pdf lays it out


@pytest.fixture(scope="module")
def pages(document):
    """For each page: how full its text block is, and the tags around its last and first content."""
    from weasyprint.formatting_structure import boxes

    out = []
    for page in document.pages:
        box = page._page_box  # WeasyPrint's layout tree: the only place that says where things sit on a page
        top, height = box.content_box_y(), box.height
        content = [(b, tags) for b, tags in _walk(box) if isinstance(b, (boxes.TextBox, boxes.ReplacedBox))
                   and top - 1 <= b.position_y <= top + height and "@page" not in str(tags)]
        content = [(b, tags) for b, tags in content if not isinstance(b, boxes.TextBox) or b.text.strip()]
        last = max(content, key=lambda c: c[0].position_y + c[0].height)
        first = min(content, key=lambda c: c[0].position_y)
        out.append(dict(filled=(last[0].position_y + last[0].height - top) / height, last_tags=last[1],
                        first_is_image=isinstance(first[0], boxes.ReplacedBox),
                        text=" ".join(b.text for b, _ in sorted(content, key=lambda c: (c[0].position_y,
                                                                                        c[0].position_x))
                                      if isinstance(b, boxes.TextBox))))
    return out


@pytest.fixture(scope="module")
def pdf(built_brief):
    from pypdf import PdfReader

    return PdfReader(built_brief / "briefing.pdf")


def _annex_page(pdf) -> int:
    """The number of the page the annex starts on: the first whose text begins with its heading."""
    return next(n for n, page in enumerate(pdf.pages, 1) if page.extract_text().lstrip().startswith("Annex"))


def test_a_body_of_three_pages_then_the_annex(pdf):
    assert _annex_page(pdf) - 1 <= 3
    assert "Bottom line up front" in pdf.pages[0].extract_text()
    assert len(pdf.pages) <= MAX_PAGES, f"{len(pdf.pages)} pages"


def test_no_half_empty_page_before_a_chart(pages, pdf):
    assert len(pages) >= 6
    body_ends = _annex_page(pdf) - 1  # the annex starts on a page of its own: the body's last page may be short
    for number, (page, following) in enumerate(zip(pages, pages[1:]), 1):
        if number == body_ends:
            continue
        assert page["filled"] >= 0.55, f"page {number} is {page['filled']:.0%} full" + (
            " before a chart" if following["first_is_image"] else "")


def test_no_heading_at_the_foot_of_a_page(pages):
    for number, page in enumerate(pages[:-1], 1):
        assert not {"h1", "h2", "h3", "caption", "summary"} & set(page["last_tags"]), f"page {number} ends with a heading"


def _placements(pdf):
    """(page number, image width and height in pixels, placed width in inches) of every image drawn in the PDF."""
    from pypdf.generic import NameObject

    out = []
    for number, page in enumerate(pdf.pages, 1):
        xobjects = page["/Resources"].get("/XObject", {})

        def visit(op, args, cm, tm):  # cm: the transformation matrix in force (pypdf keeps it through q, Q and cm)
            if op == b"Do":
                xo = xobjects[NameObject(args[0])].get_object()
                if xo.get("/Subtype") == "/Image":  # an image is drawn into the unit square: cm scales it
                    out.append((number, int(xo["/Width"]), int(xo["/Height"]), (cm[0] ** 2 + cm[1] ** 2) ** 0.5 / 72))

        page.extract_text(visitor_operand_before=visit)
    return out


@pytest.fixture(scope="module")
def drawn_figures():
    """Every chart of the default brief as matplotlib draws it: (width, height in pixels) -> (name, figure)."""
    from analysis.brief.compute import compute
    from analysis.present import brief_charts, charts

    b = compute()
    figs = {name: make(b) for name, make in brief_charts.FIGURES.items()}  # the later chart among them
    out = {}
    for name, fig in figs.items():
        png = charts.png(fig)
        out[(int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big"))] = (name, fig)
    return out


def test_every_chart_prints_its_text_at_7pt_or_more(pdf, drawn_figures):
    """Printed size = drawn size (pt, from matplotlib) × placed width in the PDF (pypdf) / drawn width (pixels / dpi)."""
    from matplotlib.text import Text

    from analysis.present.charts import DPI

    placed = _placements(pdf)
    assert len(placed) == 4  # Figure 1 in the body; the later chart, the bands and the sensitivity in the annex
    for page, width, height, inches in placed:
        name, fig = drawn_figures[(width, height)]
        scale = inches / (width / DPI)
        smallest = min(t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip())
        assert smallest * scale >= 7, f"{name} (page {page}): {smallest} pt drawn, printed at {smallest * scale:.1f} pt"


def _claim_ids():
    import csv

    from conftest import ROOT

    return {r["claim_id"] for f in ("claims.csv", "later-reports.csv")
            for r in csv.DictReader((ROOT / "data" / f).open(encoding="utf-8"))}


def test_claim_ids_never_break_and_tables_keep_inside_their_rule(document):
    from weasyprint.formatting_structure import boxes

    ids = _claim_ids()
    seen = set()
    for page in document.pages:
        for table, _ in _walk(page._page_box):
            if not isinstance(table, boxes.TableBox):
                continue
            right = table.border_box_x() + table.border_width()
            for cell, _ in _walk(table):
                if not isinstance(cell, boxes.TableCellBox):
                    continue
                cell_right = cell.border_box_x() + cell.border_width()
                for box, tags in _walk(cell):
                    if not isinstance(box, boxes.TextBox) or not box.text.strip():
                        continue
                    end = box.position_x + box.width
                    assert end <= cell_right + 0.5 and end <= right + 0.5, f"{box.text!r} runs past its cell"
                    if "code" in tags or "sup" in tags:
                        for token in re.findall(r"[a-z0-9][a-z0-9-]*", box.text):
                            assert token in ids or not any(i.startswith(token) for i in ids), f"{token!r} broken"
                            seen |= {token} & ids
    assert {"uk-2025-06-deployed", "csis-casualty-rate", "nis-2025-03-casualties"} <= seen


def test_claim_ids_in_the_later_claims_never_break(document):
    """The later claims are a list in two columns on paper: each entry's id is one unbroken line."""
    ids = _claim_ids()
    seen = set()
    for page in document.pages:
        for box, tags in _walk(page._page_box):
            if type(box).__name__ == "TextBox" and "li" in tags and "code" in tags and box.text.strip():
                for token in re.findall(r"[a-z0-9][a-z0-9-]*", box.text):
                    assert token in ids or not any(i.startswith(token) for i in ids), f"{token!r} broken"
                    seen |= {token} & ids
    assert {"west-2025-01-killed", "nis-2025-04-casualties", "uk-2025-06-casualties"} <= seen


def test_html_and_pdf_say_the_same_in_the_same_order(built_brief, pages):
    """Every heading of the HTML is on the pages in the HTML's order (read top to bottom from the PDF's layout: a PDF
    text extractor may list a page's text in another order)."""
    html = (built_brief / "briefing.html").read_text(encoding="utf-8")
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", html)]
    assert len(headings) >= 12
    text = " ".join(" ".join(page["text"] for page in pages).split())
    at = text.find(headings[-1]) + len(headings[-1])  # past the contents list, which names them all in this order
    for h in headings:
        found = text.find(h.replace("&amp;", "&").replace("&#39;", "'"), at)
        assert found >= 0, f"{h!r} missing from the PDF, or out of order"
        at = found + len(h)
