"""The PDF brief's pages: no page left half empty because a chart moved on, and no heading left at a page's foot."""

import pytest

pytestmark = pytest.mark.slow


def _walk(box, tags=()):
    """Every box under `box`, with the element tags of its ancestors."""
    tags = tags + ((getattr(box, "element_tag", None),) if getattr(box, "element_tag", None) else ())
    yield box, tags
    for child in getattr(box, "children", None) or []:
        yield from _walk(child, tags)


@pytest.fixture(scope="module")
def pages(built_brief):
    """For each page: how full its text block is, and the tags around its last and first content."""
    import weasyprint
    from weasyprint.formatting_structure import boxes

    html = (built_brief / "briefing.html").read_text(encoding="utf-8")
    doc = weasyprint.HTML(string=html, base_url=str(built_brief)).render()  # as build.render_pdf lays it out
    out = []
    for page in doc.pages:
        box = page._page_box  # WeasyPrint's layout tree: the only place that says where things sit on a page
        top, height = box.content_box_y(), box.height
        content = [(b, tags) for b, tags in _walk(box) if isinstance(b, (boxes.TextBox, boxes.ReplacedBox))
                   and top - 1 <= b.position_y <= top + height and "@page" not in str(tags)]
        content = [(b, tags) for b, tags in content if not isinstance(b, boxes.TextBox) or b.text.strip()]
        last = max(content, key=lambda c: c[0].position_y + c[0].height)
        first = min(content, key=lambda c: c[0].position_y)
        out.append(dict(filled=(last[0].position_y + last[0].height - top) / height, last_tags=last[1],
                        first_is_image=isinstance(first[0], boxes.ReplacedBox)))
    return out


def test_no_half_empty_page_before_a_chart(pages):
    assert len(pages) >= 6
    for number, (page, following) in enumerate(zip(pages, pages[1:]), 1):
        assert page["filled"] >= 0.55, f"page {number} is {page['filled']:.0%} full" + (
            " before a chart" if following["first_is_image"] else "")


def test_no_heading_at_the_foot_of_a_page(pages):
    for number, page in enumerate(pages[:-1], 1):
        assert not {"h1", "h2", "h3", "caption"} & set(page["last_tags"]), f"page {number} ends with a heading"
