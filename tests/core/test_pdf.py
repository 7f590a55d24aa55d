"""PDFs are made from our own templates with nothing fetched from the network: a remote image
or a file path in a page is refused, our own static files are used."""

import socket

import pytest

from coproduce.core.pdf import BASE_URL, LocalOnlyFetcher, RefusedURL, html_to_pdf, render_pdf
from tests.core.pdf_helpers import info_title, is_tagged, language, xmp_title


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection is recorded and fails."""
    attempts = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("No network in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda address, *a, **k: refuse(None, address))
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: refuse(None, host))
    return attempts


@pytest.mark.parametrize(
    "address",
    [
        "http://example.com/logo.png",
        "https://example.com/style.css",
        "//example.com/style.css",
        "ftp://example.com/file",
        "file:///etc/passwd",
        f"{BASE_URL}media/receipts/1/2.jpg",
        f"{BASE_URL}static/../settings.py",
        f"{BASE_URL}static/css/no-such-file.css",
    ],
)
def test_the_fetcher_refuses_anything_but_our_static_files(address):
    fetcher = LocalOnlyFetcher()
    with pytest.raises(RefusedURL):
        fetcher(address if "://" in address else "https:" + address)


def test_the_fetcher_gives_our_own_static_files():
    response = LocalOnlyFetcher()(f"{BASE_URL}static/css/coproduce.css")
    assert response.content_type == "text/css"
    assert b".app-pre" in response.read()


def test_a_page_with_remote_images_and_styles_is_made_without_touching_the_network(no_network):
    html = """<html><head>
      <link rel="stylesheet" href="https://fonts.example.com/font.css">
      <link rel="stylesheet" href="/static/css/coproduce.css">
      </head><body>
      <h1>Statement</h1>
      <img src="http://tracker.example.com/pixel.png" alt="">
      <img src="file:///etc/hostname" alt="">
      <img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      </body></html>"""
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert no_network == []


@pytest.fixture
def a_template(settings, tmp_path):
    """A page template of our own, found before the apps' templates."""
    (tmp_path / "pdf_test.jinja").write_text(
        "<html><head><link rel='stylesheet' href='{{ static(\"css/coproduce.css\") }}'></head>"
        "<body><h1>{{ title }}</h1><p>{{ organisation_name }}</p></body></html>",
        encoding="utf-8",
    )
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0] = {**templates[0], "DIRS": [str(tmp_path)]}
    settings.TEMPLATES = templates
    return "pdf_test.jinja"


def test_render_pdf_makes_a_pdf_of_a_template_with_our_stylesheet(
    a_template, no_network, monkeypatch
):
    fetched = []
    original = LocalOnlyFetcher.fetch

    def spy(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(LocalOnlyFetcher, "fetch", spy)
    pdf = render_pdf(a_template, {"title": "Statement <of> payments"})
    assert fetched == [f"{BASE_URL}static/css/coproduce.css"]
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert no_network == []


def test_every_pdf_is_tagged_for_screen_readers_with_its_title_and_language():
    pdf = html_to_pdf(
        "<html><head><title>Welcome pack (Eve Expert) – Coproduce</title></head>"
        "<body><h1>Welcome</h1><p>Hello.</p><table><tr><td>1</td></tr></table></body></html>"
    )
    assert is_tagged(pdf)
    assert language(pdf) == "en-GB"
    assert info_title(pdf) == "Welcome pack (Eve Expert) – Coproduce"
    assert xmp_title(pdf) == "Welcome pack (Eve Expert) – Coproduce"


def test_a_pdf_keeps_the_language_its_page_gives():
    pdf = html_to_pdf('<html lang="cy"><head><title>Croeso</title></head><body>Croeso</body>')
    assert language(pdf) == "cy"


def test_a_page_without_a_title_element_is_titled_by_its_main_heading(a_template):
    pdf = render_pdf(a_template, {"title": "Statement <of>  payments"})
    assert is_tagged(pdf)
    assert info_title(pdf) == "Statement <of> payments"
    assert language(pdf) == "en-GB"


def test_a_pdf_with_no_title_at_all_is_refused():
    with pytest.raises(ValueError, match="title"):
        html_to_pdf("<html><body><p>Nothing says what this is.</p></body></html>")
