"""Page -> release: title, date, issuer, language, canonical URL and clean body text.

Fixture pages in tests/fixtures/pages are invented releases in the shape of real
sites: a Land portal, a federal ministry, a city (TYPO3, windows-1252), a Swiss
canton, GOV.UK, a WordPress municipality, a press portal and a news site.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.parse.html import declared_charset, parse_html
from pipeline.types import RawDocument

PAGES = Path(__file__).parent / "fixtures" / "pages"


def parse_file(name: str, encoding: str = "utf-8"):
    data = (PAGES / name).read_bytes()
    return parse_html(RawDocument(key=name, data=data, path=str(PAGES / name)), data.decode(encoding, "replace"))


def parse_string(html: str, data: bytes | None = None):
    return parse_html(RawDocument(key="t.html", data=data if data is not None else html.encode()), html)


def lines(text: str) -> list[str]:
    return text.split("\n")


# --------------------------------------------------------------------------- fixture pages

def test_niedersachsen_portal_page():
    doc = parse_file("nds-ministerium-radwege.html")
    assert doc.title == "Land fördert 42 neue Radwege im ländlichen Raum"
    assert doc.published == dt.date(2025, 3, 11)  # "erstellt am", not "zuletzt aktualisiert am"
    assert doc.issuer == "Nds. Ministerium für Wirtschaft, Verkehr, Bauen und Digitalisierung"
    assert doc.canonical_url.endswith("land-foerdert-42-neue-radwege-231456.html")
    assert doc.language == "de"
    body = doc.text
    assert body.startswith("Verkehrsminister legt Förderprogramm für 2025 vor\nHANNOVER. Das Land")
    assert "Landesstraßen" in body and "\u00ad" not in body  # soft hyphens removed
    assert "Kommunen können Zuschüsse beantragen" in lines(body)  # heading on its own line
    assert "Fahrradabstellanlagen an Bahnhöfen" in lines(body)  # list item on its own line
    assert body.rstrip().endswith("E-Mail: pressestelle@mw.example.de")  # contact block kept
    for junk in ("Cookies", "Sie sind hier", "Direkt zum Inhalt", "Seite teilen", "Das könnte Sie auch",
                 "Neue Buslinien", "Impressum", "erstellt am", "Artikel-Informationen", "Verkehr und Mobilität"):
        assert junk not in body, junk
    assert doc.title not in body


def test_federal_ministry_page():
    doc = parse_file("bund-ministerium-ausbildung.html")
    assert doc.title == "Mehr Azubis in der Pflege: Bund startet Ausbildungsoffensive"  # no kicker, no " - BMAS"
    assert doc.published == dt.date(2024, 6, 18)  # JSON-LD datePublished, not dcterms.modified
    assert doc.issuer == "Bundesministerium für Arbeit und Soziales"
    body = doc.text
    assert body.startswith("Bundesarbeitsministerin Helga Sommerfeld")  # the lead box is body
    assert "„Gute Pflege braucht gut ausgebildete Menschen." in body
    assert "schnellere Anerkennung ausländischer Abschlüsse." in lines(body)
    assert body.endswith("E-Mail: presse@bmas.example")
    for junk in ("Datenschutzeinstellungen", "Foto: BMAS", "Datum:", "Teilen", "Wie bewerten",
                 "Mindestlohn steigt", "Folgen Sie uns", "Startseite", "Pressemitteilung"):
        assert junk not in body, junk


def test_city_page_with_wrong_lang_and_cp1252():
    data = (PAGES / "stadt-buecherei-cp1252.html").read_bytes()
    assert declared_charset(data) == "windows-1252"
    doc = parse_html(RawDocument(key="c.html", data=data), data.decode("windows-1252"))
    assert doc.title == "Stadtbücherei öffnet sonntags"  # an h2: there is no h1
    assert doc.published == dt.date(2023, 10, 6)  # <time itemprop=datePublished>, not sidebar events
    assert doc.issuer == "Stadt Lindenau"
    assert doc.language == "de"  # the page claims lang="en"
    body = doc.text
    assert "Selbstverbuchungssystem" in body and "Sonntagsöffnung" in body  # \u00ad and \u200b gone
    assert body.endswith("(buecherei@lindenau.example).")
    for junk in ("Zurück", "Lesesaal", "Foto:", "Herbstmarkt", "Sprechstunden", "Zustimmung", "Internetredaktion"):
        assert junk not in body, junk


def test_city_page_decoded_with_the_wrong_charset_is_repaired():
    data = (PAGES / "stadt-buecherei-cp1252.html").read_bytes()
    doc = parse_html(RawDocument(key="c.html", data=data), data.decode("utf-8", "replace"))
    assert doc.title == "Stadtbücherei öffnet sonntags"
    assert "\ufffd" not in doc.text
    assert doc.encoding == "windows-1252"


def test_utf8_page_read_as_latin1_is_repaired():
    html = page("<h1>Geld für Dorfgemeinschaftshäuser</h1>" + ARTICLE)
    doc = parse_html(RawDocument(key="m.html", data=html.encode("utf-8")), html.encode("utf-8").decode("latin-1"))
    assert doc.title == "Geld für Dorfgemeinschaftshäuser"
    assert "Förderung" in doc.text and "Ã" not in doc.text


def test_swiss_canton_page():
    doc = parse_file("kanton-medienmitteilung.html")
    assert doc.title == "Kanton baut Velonetz entlang der Limmat aus"  # label before ":" dropped
    assert doc.published == dt.date(2024, 3, 12)
    assert doc.issuer == "Kanton Zürich"
    assert doc.language == "de"
    body = doc.text
    assert body.startswith("Der Kanton Zürich baut das Velonetz")
    assert "Bauarbeiten in drei Etappen" in lines(body)
    assert body.count("Bauarbeiten in drei Etappen") == 1  # the table of contents is not body
    for junk in ("Zurück zur Übersicht", "Inhalt", "Seite teilen", "Kantonsschule", "Bleiben Sie informiert",
                 "Amt für Kommunikation", "12. März 2024"):
        assert junk not in body, junk


def test_english_government_page():
    doc = parse_file("govuk-press-release.html")
    assert doc.title == "Rural bus routes to get £25 million boost"
    assert doc.published == dt.date(2024, 5, 9)  # "Published", not "Last updated"
    assert doc.issuer == "Department for Transport"  # the "From:" line, not the portal name GOV.UK
    assert doc.language == "en"
    body = doc.text
    assert body.startswith("Hundreds of rural bus routes in England will be protected under a new funding")
    assert "£25 million to protect 400 rural bus routes" in lines(body)
    assert body.endswith("close on 30 August 2024.")
    for junk in ("cookies", "Skip to main content", "Share this page", "Related content", "Crown copyright",
                 "Press release", "From:", "Last updated"):
        assert junk not in body, junk


# --------------------------------------------------------------------------- small pages

def page(body: str, head: str = "", lang: str = "de") -> str:
    return f'<html lang="{lang}"><head><meta charset="utf-8">{head}</head><body>{body}</body></html>'


ARTICLE = ("<p>Die Landesregierung hat am Dienstag ein neues Programm zur Förderung von Dorfgemeinschaftshäusern "
           "beschlossen. Insgesamt stehen 12 Millionen Euro bereit, die Kommunen ab sofort beantragen können.</p>"
           "<p>Ministerin Erika Beispiel sagte, die Häuser seien Treffpunkte für Vereine, Feuerwehren und Familien "
           "und verdienten mehr Unterstützung durch das Land.</p>")


def test_title_site_suffix_stripped_without_matching_heading():
    doc = parse_string(page("<div><p>x</p></div>" + ARTICLE,
                            "<title>Neues Programm für Dorfgemeinschaftshäuser | Staatskanzlei Musterland</title>"))
    assert doc.title == "Neues Programm für Dorfgemeinschaftshäuser"
    assert doc.issuer == "Staatskanzlei Musterland"


def test_generic_h1_is_not_the_title():
    html = page('<h1>Pressemitteilungen</h1><h2>Neues Programm für Dorfgemeinschaftshäuser</h2>' + ARTICLE,
                "<title>Neues Programm für Dorfgemeinschaftshäuser - Landratsamt Beispielkreis</title>")
    doc = parse_string(html)
    assert doc.title == "Neues Programm für Dorfgemeinschaftshäuser"
    assert "Pressemitteilungen" not in doc.text


def test_kicker_inside_h1_dropped():
    html = page('<h1><span class="topline">Förderung</span> <span class="headline">Geld für Dorfhäuser</span></h1>'
                + ARTICLE, '<meta property="og:title" content="Geld für Dorfhäuser">')
    assert parse_string(html).title == "Geld für Dorfhäuser"


@pytest.mark.parametrize("snippet, expected", [
    ("<p>Stand: 14.02.2023</p>", dt.date(2023, 2, 14)),
    ("<p>erstellt am 3. Mai 2022</p>", dt.date(2022, 5, 3)),
    ("<p>Letzte Änderung 14.02.2019</p>", None),
    ("<p>Pressemitteilung vom 07.11.2021</p>", dt.date(2021, 11, 7)),
])
def test_date_cues(snippet, expected):
    doc = parse_string(page("<h1>Geld für Dorfgemeinschaftshäuser</h1>" + snippet + ARTICLE))
    assert doc.published == expected


def test_dateline_before_body_gives_date_and_is_not_body():
    html = page("<h1>Geld für Dorfgemeinschaftshäuser</h1><p>Bern, 17.08.2021 - Rede von Regierungsrat Max Muster,"
                " Thun, 18. August 2021</p>" + ARTICLE)
    doc = parse_string(html)
    assert doc.published == dt.date(2021, 8, 17)
    assert not doc.text.startswith("Bern, 17.08.2021")


def test_us_numeric_date_on_us_page():
    html = page("<h2>Governor announces rural grants</h2><p>2/11/2026</p><p>" + "The state will fund rural clinics "
                "and schools with new grants, the governor said on Wednesday in the capital. " * 3 + "</p>",
                "<title>Governor announces rural grants - State of Example</title>", lang="en-US")
    assert parse_string(html).published == dt.date(2026, 2, 11)


def test_metadata_date_loses_to_time_in_article():
    html = page('<article><h1>Geld für Dorfgemeinschaftshäuser</h1><time datetime="2022-01-25">25.01.2022</time>'
                + ARTICLE + "</article>", '<meta name="dcterms.date" content="2022-01-21T09:43+01:00">')
    assert parse_string(html).published == dt.date(2022, 1, 25)


def test_herausgeber_line_beats_host_metadata():
    html = page("<h1>Geld für Dorfgemeinschaftshäuser</h1>" + ARTICLE +
                "<dl><dt>Herausgeber</dt><dd>Departement für Bildung und Kultur</dd></dl>",
                '<meta name="author" content="Departement für Finanzen">')
    assert parse_string(html).issuer == "Departement für Bildung und Kultur"


def test_zero_width_and_soft_hyphen_removed_and_whitespace_normalised():
    html = page("<h1>Titel der Meldung für den Test</h1><p>Das  Land\u00a0fördert Dorf\u00adgemeinschafts\u00adhäuser "
                "mit \u2060Treibhausgas\u2060-Bilanz und\u200b vielen\n\n weiteren Maßnahmen in allen Landkreisen "
                "des Landes, wie die Landesregierung am Montag mitteilte.</p>")
    text = parse_string(html).text
    assert "Dorfgemeinschaftshäuser" in text and "Treibhausgas-Bilanz" in text
    assert "  " not in text and "\u00a0" not in text and "\u200b" not in text


def test_link_lists_and_cookie_texts_inside_article_dropped():
    html = page('<article><h1>Geld für Dorfgemeinschaftshäuser</h1>' + ARTICLE +
                '<div class="infokasten"><p><a href="/x">Mehr Geld für Sportvereine: Das Land fördert 200 '
                'Sportstätten in allen Regionen des Landes</a></p></div>'
                '<ul><li><a href="/a">Alle Meldungen zum Thema Förderung im ländlichen Raum</a></li></ul>'
                '<div id="cookie-notice"><p>Wir verwenden Cookies, um Ihnen das beste Nutzererlebnis zu bieten. '
                'Wenn Sie fortfahren, stimmen Sie der Verwendung zu.</p></div></article>')
    text = parse_string(html).text
    assert "Dorfgemeinschaftshäusern" in text
    assert "Sportvereine" not in text and "Alle Meldungen" not in text and "Cookies" not in text


def test_nested_list_items_with_repeated_text_all_kept():
    items = "".join(f"<li>Person {i}:<ul><li>One count of money laundering (F4)</li></ul></li>" for i in range(3))
    html = page(f"<h1>Three people plead guilty in fraud case</h1>{ARTICLE}<ul>{items}</ul>", lang="en")
    assert parse_string(html).text.count("One count of money laundering (F4)") == 3


@pytest.mark.parametrize("head, expected", [
    (b'<meta charset="ISO-8859-15">', "iso-8859-15"),
    (b'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">', "utf-8"),
    (b'<?xml version="1.0" encoding="windows-1252"?>', "windows-1252"),
    (b'<meta charset="iso-8859-1">', "cp1252"),  # browsers read Latin-1 as windows-1252
    (b"<title>no declaration</title>", None),
])
def test_declared_charset(head, expected):
    assert declared_charset(b"<html><head>" + head + b"</head><body></body></html>") == expected


def test_empty_page_gives_empty_record():
    doc = parse_string("<html><body></body></html>")
    assert doc.text == "" and doc.title is None and doc.published is None


def test_article_wrapper_with_a_furniture_like_class_is_kept():
    para = ("<p>Die Landesregierung hat ein Programm beschlossen, das Kommunen bei der Sanierung von Schwimmbädern "
            "unterstützt. Insgesamt stehen dafür in den kommenden Jahren 30 Millionen Euro bereit.</p>")
    html = page(f"<nav><a href='/'>Start</a></nav><div class='content-stage'><h1>Land saniert Schwimmbäder</h1>"
                f"{para}{para.replace('Insgesamt', 'Zusätzlich')}<div class='share'><a href='#'>Teilen</a> Facebook</div>"
                "</div><footer>Impressum</footer>")
    doc = parse_string(html)
    assert doc.title == "Land saniert Schwimmbäder"
    assert doc.text.startswith("Die Landesregierung hat ein Programm beschlossen")
    assert "Zusätzlich stehen" in doc.text
    assert "Facebook" not in doc.text and "Impressum" not in doc.text


def test_title_without_metadata_taken_from_heading_above_body():
    html = page("<h1>News Releases</h1><h2>Governor signs rural broadband bill into law</h2>"
                "<p>The governor signed a bill on Monday that expands broadband access in rural counties across the "
                "state, with grants for local providers and new mapping of unserved homes.</p>", lang="en")
    doc = parse_string(html)
    assert doc.title == "Governor signs rural broadband bill into law"
    assert "News Releases" not in doc.text and "Governor signs" not in doc.text


@pytest.mark.parametrize("line", ["Mittwoch, 12. März 2025", "12.03.2025 – 10:15 Uhr", "Wednesday 12 March 2025"])
def test_date_line_beside_headline_is_the_date_and_not_body(line):
    doc = parse_string(page(f"<p>{line}</p><h1>Geld für Dorfgemeinschaftshäuser</h1>" + ARTICLE))
    assert doc.published == dt.date(2025, 3, 12)
    assert "12" not in doc.text.split("\n")[0][:12]
    assert doc.text.startswith("Die Landesregierung hat am Dienstag")


def test_label_before_colon_dropped_from_heading():
    html = page("<h1>Pressemitteilung Nr. 12/2025: Geld für Dorfgemeinschaftshäuser</h1>" + ARTICLE)
    assert parse_string(html).title == "Geld für Dorfgemeinschaftshäuser"


def test_shortened_metadata_title_keeps_full_heading():
    html = page("<h1>Land fördert Dorfgemeinschaftshäuser mit zwölf Millionen Euro</h1>" + ARTICLE,
                '<meta property="og:title" content="Land fördert Dorfgemeinschaftshäuser">')
    assert parse_string(html).title == "Land fördert Dorfgemeinschaftshäuser mit zwölf Millionen Euro"


def test_wordpress_municipality_page():
    doc = parse_file("gemeinde-wordpress-kita.html")
    assert doc.title == "Neue Kita am Mühlenweg eröffnet"
    assert doc.published == dt.date(2024, 9, 2)  # published, not the "updated" <time>
    assert doc.issuer == "Gemeinde Waldheim"
    assert doc.text.startswith("Nach 14 Monaten Bauzeit")
    assert doc.text.endswith("Telefon 03456 7890-12 entgegen.")
    for junk in ("Teilen mit", "Ähnliche Beiträge", "Sommerfest", "Kommentar", "Lindenallee", "Cookies", "Redaktion"):
        assert junk not in doc.text, junk


def test_press_portal_page_names_the_authority_not_the_portal():
    doc = parse_file("polizei-presseportal.html")
    assert doc.issuer == "Polizeiinspektion Lindenau"
    assert doc.published == dt.date(2025, 3, 12)
    assert doc.text.startswith("Lindenau (ots) - In der Nacht zu Dienstag")
    assert doc.text.endswith("E-Mail: pressestelle@pi-lindenau.example")  # contact block kept
    assert "Rückfragen bitte an:" in lines(doc.text)
    for junk in ("Cookies", "Original-Content", "Drucken", "Verkehrsunfall", "news aktuell"):
        assert junk not in doc.text, junk


def test_news_page_with_unlabelled_kicker_and_inline_ads():
    doc = parse_file("nachrichten-hochwasser.html")
    assert doc.title == "Pegel an der Donau sinken langsam"
    assert doc.published == dt.date(2024, 6, 4)  # JSON-LD datePublished, not meta date / last-modified
    assert doc.issuer == "Der Nachrichtendienst"
    assert doc.text.startswith("In Passau und Regensburg entspannt sich die Lage.")
    assert doc.text.endswith("auch bei sinkenden Pegeln brechen.")
    for junk in ("Anzeige", "Mehr zum Thema", "Starkregen", "Von Jana Beispiel", "Quelle: dpa", "Waldbrand",
                 "Cookies", "Hochwasser in Bayern"):
        assert junk not in doc.text, junk


def test_script_rendered_page_falls_back_to_json_ld_article_body():
    ld = ('{"@type":"NewsArticle","headline":"Land fördert Dorfläden","datePublished":"2025-02-04",'
          '"articleBody":"Das Land fördert kleine Dorfläden mit 3,2 Millionen Euro.\\nAnträge sind ab sofort möglich.",'
          '"publisher":{"@type":"Organization","name":"Staatskanzlei Musterland"}}')
    html = page('<div id="app"></div>', f'<script type="application/ld+json">{ld}</script>')
    doc = parse_string(html)
    assert doc.text == "Das Land fördert kleine Dorfläden mit 3,2 Millionen Euro.\nAnträge sind ab sofort möglich."
    assert doc.title == "Land fördert Dorfläden"
    assert doc.published == dt.date(2025, 2, 4)
    assert doc.issuer == "Staatskanzlei Musterland"


def test_domain_site_name_loses_to_authority_name():
    html = page("<h1>Geld für Dorfgemeinschaftshäuser</h1>" + ARTICLE,
                '<meta property="og:site_name" content="www.lindenau.example">'
                "<title>Geld für Dorfgemeinschaftshäuser | Stadt Lindenau</title>")
    assert parse_string(html).issuer == "Stadt Lindenau"


def test_acronym_publisher_completed_from_site_name():
    html = page("<h1>Geld für Dorfgemeinschaftshäuser</h1>" + ARTICLE,
                '<meta name="dcterms.publisher" content="BfL">'
                '<meta property="og:site_name" content="Bundesamt für Landentwicklung">')
    assert parse_string(html).issuer == "Bundesamt für Landentwicklung (BfL)"


def test_breadcrumb_names_the_authority_behind_a_portal_name():
    html = page('<nav class="breadcrumb"><ol><li><a href="/">Startseite</a></li><li><a href="/sen">Senatsverwaltung für '
                'Bildung und Sport</a></li><li><a href="/p">Presse</a></li></ol></nav>'
                "<h1>Geld für Dorfgemeinschaftshäuser</h1>" + ARTICLE,
                '<meta property="og:site_name" content="Musterstadt.example">')
    assert parse_string(html).issuer == "Senatsverwaltung für Bildung und Sport"


def test_short_release_in_a_teaser_box_is_still_found():
    html = page('<nav><a href="/">Start</a> <a href="/a">Aktuelles</a></nav><div class="news-teaser">'
                "<h1>Rathaus am Freitag geschlossen</h1><p>Das Rathaus bleibt am Freitag wegen einer Betriebsfeier "
                "geschlossen.</p><p>Das Bürgerbüro öffnet am Samstag von 9 bis 12 Uhr.</p></div>")
    doc = parse_string(html)
    assert doc.title == "Rathaus am Freitag geschlossen"
    assert doc.text == ("Das Rathaus bleibt am Freitag wegen einer Betriebsfeier geschlossen.\n"
                        "Das Bürgerbüro öffnet am Samstag von 9 bis 12 Uhr.")
