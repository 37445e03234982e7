"""Source URLs: only http(s) gets into the ledger, and every one becomes a link that opens in a new tab."""

import re

import pytest

from analysis.ledger.validate import LedgerError, validate
from conftest import FIXTURES

HEADER = (FIXTURES / "bad" / "header_only.csv").read_text(encoding="utf-8")
ROW = 'x1,killed,,300,,persons,approximate,Fictional Desk,,,,,"{url}","about 300 died",fictional\n'


def _ledger(tmp_path, url):
    p = tmp_path / "claims.csv"
    p.write_text(HEADER + ROW.format(url=url), encoding="utf-8")
    return p


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://example.org/x",
                                 "mailto:desk@example.org", "//example.org/x", "example.org", "https://", "https://a b"])
def test_validate_refuses_a_source_url_that_is_not_http(tmp_path, url):
    path = _ledger(tmp_path, url)
    with pytest.raises(LedgerError) as info:
        validate(path)
    hits = [p for p in info.value.problems if p.line == 2 and p.column == "source_url"]
    assert hits, str(info.value)
    assert "https?://" in hits[0].message and hits[0].path.endswith("claims.csv")


@pytest.mark.parametrize("url", ["https://example.org/", "http://example.org/a?b=c#d", "https://www.express.co.uk/"])
def test_validate_accepts_http_and_https(tmp_path, url):
    assert list(validate(_ledger(tmp_path, url))["source_url"]) == [url]


def test_cli_names_file_row_and_column(tmp_path, capsys):
    from analysis.publish.cli import main

    path = _ledger(tmp_path, "javascript:alert(1)")
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"claims\.csv:2: column 'source_url': .*https\?://", err), err
