"""expand_inputs: URL lists, feeds, sitemaps and archive walks with per-site rules."""
from __future__ import annotations

import datetime as dt
import email.utils
import gzip
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from pipeline.fetch import Fetcher, FetchSettings, SiteRules, Target, expand_inputs, is_url_list_file, load_site_rules
from pipeline.fetch.archive import parse_listing_date, read_listing
from pipeline.fetch.feeds import parse_feed
from pipeline.fetch.testing import LocalServer, Reply
from pipeline.types import InputError

FIXTURES = Path(__file__).parent / "fixtures" / "web"
HTML = {"Content-Type": "text/html; charset=utf-8"}
XML = {"Content-Type": "application/xml"}
SHIPPED = load_site_rules()


def settings(tmp_path: Path, **overrides) -> FetchSettings:
    return FetchSettings(**{"delay": 0.01, "cache_dir": tmp_path / "cache", "retries": 0, **overrides})


def fixture(name: str, base: str = "") -> bytes:
    return (FIXTURES / name).read_text("utf-8").replace("{base}", base).encode("utf-8")


def shipped_rule_on_localhost(name: str) -> SiteRules:
    """A shipped rule, unchanged except that it applies to the test server's host."""
    rule = next(r for r in SHIPPED.rules if r.name == name)
    return SiteRules((replace(rule, hosts=("127.0.0.1",)),), SHIPPED.months)


@pytest.fixture
def server():
    with LocalServer() as srv:
        yield srv


def expand(server, tmp_path, inputs, **kwargs):
    with Fetcher(settings(tmp_path)) as fetcher:
        return list(expand_inputs(inputs, fetcher, **kwargs))


# --- feeds ---------------------------------------------------------------------------

def rss_50(base: str) -> bytes:
    items = []
    for n in range(50):
        day = dt.date(2024, 6, 30) - dt.timedelta(days=n)
        # 23:30 UTC is already the next day in Berlin: dates are German calendar days.
        stamp = email.utils.format_datetime(dt.datetime(day.year, day.month, day.day, 23, 30, tzinfo=dt.timezone.utc))
        items.append(f"<item><title>PM {n}</title><link>{base}/presse/pm-{n}.html</link><pubDate>{stamp}</pubDate></item>")
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Presse</title>{"".join(items)}</channel></rss>'.encode()


def test_feed_with_50_items(server, tmp_path):
    server.add("/presse/feed.rss", Reply(body=rss_50(server.url("")), headers={"Content-Type": "application/rss+xml"}))
    targets = expand(server, tmp_path, [server.url("/presse/feed.rss")])
    assert len(targets) == 50 and all(isinstance(t, Target) and t.via == "feed" for t in targets)
    assert targets[0].url == server.url("/presse/pm-0.html")
    assert targets[0].published == dt.date(2024, 7, 1)  # 30 June 23:30 UTC = 1 July in Berlin
    assert targets[-1].published == dt.date(2024, 5, 13)
    assert {t.origin for t in targets} == {server.url("/presse/feed.rss")}


def test_feed_since_bound(server, tmp_path):
    server.add("/presse/feed.rss", Reply(body=rss_50(server.url("")), headers={"Content-Type": "text/xml"}))
    targets = expand(server, tmp_path, [server.url("/presse/feed.rss")], since=dt.date(2024, 6, 22))
    assert [t.published for t in targets] == [dt.date(2024, 7, 1) - dt.timedelta(days=n) for n in range(10)]


def test_atom_feed_links_and_dates():
    items = parse_feed(fixture("atom_presse.xml", "http://presse.example"), "http://presse.example/feed/atom.xml")
    assert [(i.url, i.published) for i in items] == [
        ("http://presse.example/presse/radwege-2024.html", dt.date(2024, 5, 2)),
        ("http://presse.example/presse/klimaanpassung.html", dt.date(2024, 5, 1)),  # not the enclosure
        ("http://presse.example/presse/alt.html", dt.date(2024, 3, 1)),
    ]


def test_feed_with_entity_expansion_is_not_expanded():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b"<rss><channel><item><title>&b;</title><link>http://x.example/a</link></item></channel></rss>"
    )
    items = parse_feed(bomb, "http://x.example/")
    assert [i.url for i in items] == ["http://x.example/a"] and "aaaa" not in (items[0].title or "")


def test_forced_feed_that_is_html_is_an_error(server, tmp_path):
    server.add("/seite.html", Reply(body=b"<html><p>keine Feed</p></html>", headers=HTML))
    (result,) = expand(server, tmp_path, ["feed:" + server.url("/seite.html")])
    assert isinstance(result, InputError) and "not an RSS/Atom feed" in result.reason


# --- sitemaps ------------------------------------------------------------------------

def test_sitemap_index_with_gzip_child_and_since(server, tmp_path):
    base = server.url("")
    server.add("/sitemap.xml", Reply(body=fixture("sitemap_index.xml", base), headers=XML))
    server.add("/sitemap-presse.xml", Reply(body=fixture("sitemap_presse.xml", base), headers=XML))
    server.add("/sitemap-alt.xml.gz", Reply(body=gzip.compress(fixture("sitemap_alt.xml", base)),
                                            headers={"Content-Type": "application/x-gzip"}))
    everything = expand(server, tmp_path, [server.url("/sitemap.xml")])
    assert [t.url.rsplit("/", 1)[1] for t in everything] == [
        "pm-2024-041.html", "pm-2024-040.html", "pm-2023-101.html", "ohne-datum.html", "pm-2022-007.html"]
    assert everything[0].published == dt.date(2024, 4, 29) and everything[0].via == "sitemap"

    recent = expand(server, tmp_path, [server.url("/sitemap.xml")], since=dt.date(2024, 1, 1))
    # Old entries and the old child sitemap are skipped; undated entries stay.
    assert [t.url.rsplit("/", 1)[1] for t in recent] == ["pm-2024-041.html", "pm-2024-040.html", "ohne-datum.html"]


# --- URL lists and plain URLs --------------------------------------------------------

def test_url_list_file_with_comments_feeds_and_duplicates(server, tmp_path):
    server.add("/feed.rss", Reply(body=rss_50(server.url("")), headers={"Content-Type": "application/rss+xml"}))
    listing = tmp_path / "urls.txt"
    listing.write_text(
        "# Pressemitteilungen zum Testen\n\n"
        f"{server.url('/presse/pm-3.html')}\n"
        f"{server.url('/presse/pm-3.html#oben')}   # derselbe, mit Anker\n"
        f"{server.url('/einzeln.html')}\n"
        f"feed:{server.url('/feed.rss')}\n",
        "utf-8",
    )
    assert is_url_list_file(listing)
    targets = expand(server, tmp_path, [str(listing)], since=dt.date(2024, 6, 28))
    assert [t.url for t in targets] == [server.url(p) for p in (
        "/presse/pm-3.html", "/einzeln.html", "/presse/pm-0.html", "/presse/pm-1.html", "/presse/pm-2.html")]
    assert targets[0].via == "list" and targets[0].origin == str(listing)
    assert not server.hits_for("/einzeln.html")  # plain page URLs are not fetched while expanding


def test_non_url_inputs_are_errors(tmp_path):
    html_file = tmp_path / "seite.html"
    html_file.write_text("<html><p>Text</p></html>", "utf-8")
    assert not is_url_list_file(html_file)
    with Fetcher(settings(tmp_path)) as fetcher:
        results = list(expand_inputs([str(html_file), "kein-url", "  ", "# Kommentar"], fetcher))
    assert [type(r) for r in results] == [InputError, InputError]


# --- archive listings ----------------------------------------------------------------

def serve_nds(server: LocalServer) -> str:
    path = "/startseite/aktuelles/presseinformationen/"
    for page in (1, 2, 3):
        server.add(f"{path}?seite={page}", Reply(body=fixture(f"nds_presse_{page}.html"), headers=HTML))
    server.add(path, Reply(body=fixture("nds_presse_1.html"), headers=HTML))
    return server.url(path)


def test_niedersachsen_archive_walks_all_three_pages(server, tmp_path):
    start = serve_nds(server)
    targets = expand(server, tmp_path, [start], rules=shipped_rule_on_localhost("niedersachsen"))
    assert len(targets) == 11 and all(t.via == "archive" and t.origin == start for t in targets)
    assert targets[0].url == server.url(
        "/startseite/aktuelles/presseinformationen/landwirtschaftsministerin-besucht-versuchsgut-in-wehnen-230010.html")
    assert targets[0].published == dt.date(2024, 3, 20) and targets[-1].published == dt.date(2024, 2, 6)
    assert [t.published for t in targets] == sorted((t.published for t in targets), reverse=True)
    assert not any("impressum" in t.url or "kontakt" in t.url or "themen" in t.url for t in targets)
    assert len(server.hits_for("/startseite/aktuelles/presseinformationen/")) == 3


def test_niedersachsen_archive_since_stops_the_walk(server, tmp_path):
    start = serve_nds(server)
    targets = expand(server, tmp_path, [start], since=dt.date(2024, 3, 10),
                     rules=shipped_rule_on_localhost("niedersachsen"))
    assert [t.published.day for t in targets] == [20, 18, 15, 12]
    # Page 2 holds only older items, so page 3 is never requested.
    queries = [urlsplit(h.path).query for h in server.hits_for("/startseite/aktuelles/presseinformationen/")]
    assert queries == ["", "seite=2"]


def test_federal_card_layout_with_german_month_names(server, tmp_path):
    path = "/SiteGlobals/BMWI/Forms/Listen/Medienraum/Medienraum_Formular.html"
    server.add(path, Reply(body=fixture("bmwk_liste_1.html"), headers=HTML))
    server.add(f"{path}?gtp=3920_list%253D2", Reply(body=fixture("bmwk_liste_2.html"), headers=HTML))
    targets = expand(server, tmp_path, [server.url(path)], rules=shipped_rule_on_localhost("bund-gsb-cards"))
    assert [t.published for t in targets] == [dt.date(2024, 4, 12), dt.date(2024, 4, 10), dt.date(2024, 4, 3),
                                              dt.date(2024, 3, 28), dt.date(2024, 3, 21)]
    assert targets[3].url == server.url("/Redaktion/DE/Pressemitteilungen/2024/03/20240328-gruendungsoffensive.html")


def test_user_rules_file_wins_and_marks_listings(server, tmp_path):
    rules_file = tmp_path / "meine_seiten.toml"
    rules_file.write_text(
        "# local rules for a test site\n"
        "[[site]]\nname = \"testamt\"\nhosts = [\"127.0.0.1\"]\nlist_urls = ['^/aktuelles/?$']\n"
        "item = \"div.meldung\"\nlink = \"a\"\ndate = \"em\"\nnext = \"a.weiter\"\n",
        "utf-8",
    )
    server.add("/aktuelles", Reply(body=(
        '<div class="meldung"><em>3. Mai 2024</em><a href="/m/1.html">Eins</a></div>'
        '<div class="meldung"><em>2.5.2024</em><a href="/m/2.html">Zwei</a></div>'
        '<a class="weiter" href="/aktuelles">nochmal</a>').encode(), headers=HTML))  # next loops to itself
    with Fetcher(settings(tmp_path, sites_files=(rules_file,))) as fetcher:
        targets = list(expand_inputs([server.url("/aktuelles")], fetcher))
    assert [(t.url, t.published) for t in targets] == [
        (server.url("/m/1.html"), dt.date(2024, 5, 3)), (server.url("/m/2.html"), dt.date(2024, 5, 2))]
    assert len(server.hits_for("/aktuelles")) == 1


def test_archive_rule_that_finds_nothing_says_so(server, tmp_path):
    server.add("/liste.html", Reply(body=b"<html><body><p>leer</p></body></html>", headers=HTML))
    (result,) = expand(server, tmp_path, ["archive:" + server.url("/liste.html")])
    assert isinstance(result, InputError) and "site rule 'generic' finds no items" in result.reason


def test_shipped_rules_recognise_real_listing_urls():
    assert SHIPPED.listing_rule("https://www.ml.niedersachsen.de/startseite/aktuelles/presseinformationen/").name == "niedersachsen"
    assert SHIPPED.listing_rule("https://www.niedersachsen.de/startseite/aktuelles/presse/?seite=4").name == "niedersachsen"
    assert SHIPPED.listing_rule("https://www.bmwk.de/SiteGlobals/BMWI/Forms/Listen/Medienraum/Medienraum_Formular.html?x=1").name == "bund-gsb-cards"
    # A single release on the same site is a page, not a listing.
    assert SHIPPED.listing_rule("https://www.ml.niedersachsen.de/startseite/aktuelles/presseinformationen/moor-123456.html") is None
    assert SHIPPED.listing_rule("https://www.example.org/startseite/aktuelles/presse/") is None
    assert SHIPPED.for_url("https://www.example.org/").name == "generic"


def test_read_listing_ignores_navigation_and_finds_next_page():
    items, following = read_listing(fixture("nds_presse_2.html"), "https://www.ms.niedersachsen.de/startseite/aktuelles/presse/?seite=2",
                                    SHIPPED.for_url("https://www.ms.niedersachsen.de/"), SHIPPED.months)
    assert len(items) == 4 and all("/presseinformationen/" in i.url for i in items)
    assert following == "https://www.ms.niedersachsen.de/startseite/aktuelles/presse/?seite=3"
    _, last = read_listing(fixture("nds_presse_3.html"), "https://www.ms.niedersachsen.de/x/", SHIPPED.rules[0], SHIPPED.months)
    assert last is None


@pytest.mark.parametrize("text, expected", [
    ("12.03.2024", dt.date(2024, 3, 12)),
    ("Pressemitteilung vom 3. Okt. 2023", dt.date(2023, 10, 3)),
    ("1. März 2024 | Hannover", dt.date(2024, 3, 1)),
    ("2024-02-29T10:00:00+01:00", dt.date(2024, 2, 29)),
    ("31.02.2024", None),
    ("Nr. 12 vom Montag", None),
    ("", None),
])
def test_parse_listing_date(text, expected):
    assert parse_listing_date(text, SHIPPED.months) == expected


def test_fetch_inputs_expands_and_fetches(server, tmp_path):
    from pipeline.fetch import fetch_inputs
    from pipeline.types import RawDocument

    server.add("/feed.rss", Reply(body=rss_50(server.url("")), headers={"Content-Type": "application/rss+xml"}))
    for n in range(50):
        server.add(f"/presse/pm-{n}.html", Reply(body=f"<p>{n}</p>".encode(), headers=HTML))
    inputs = [server.url("/feed.rss"), server.url("/presse/pm-40.html"), "nix"]
    results = list(fetch_inputs(inputs, {"delay": 0.01, "cache_dir": tmp_path / "c"}, since=dt.date(2024, 6, 29)))
    docs = sorted(r.key for r in results if isinstance(r, RawDocument))
    assert docs == sorted(server.url(f"/presse/pm-{n}.html") for n in (0, 1, 2, 40))
    assert [r.source for r in results if isinstance(r, InputError)] == ["nix"]
