"""Page -> release: title, date, issuer, language, canonical URL and clean body text.

Fixture pages in tests/fixtures/pages are invented releases in the shape of real
sites: a Land portal, a federal ministry, a city (TYPO3, windows-1252), a Swiss
canton, GOV.UK, a WordPress municipality, a press portal and a news site; then
more German-language government CMS layouts (Government Site Builder, a Bavarian
ministry, the NRW portal, a Landkreis on IKISS, a city press list, a police
headquarters, an Austrian ministry, the Swiss federal portal), each with cookie
banner, navigation, share and rating boxes, teasers and footer.
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


# --------------------------------------------------------------------------- more CMS layouts

def assert_body(text: str, starts: str, contains: tuple = (), ends: str | None = None, junk: tuple = ()):
    assert text.startswith(starts), text[:120]
    for x in contains:
        assert x in text, x
    if ends is not None:
        assert text.endswith(ends), text[-120:]
    for x in junk:
        assert x not in text, x


def test_government_site_builder_page():
    doc = parse_file("gsb-bundesanstalt-dorfladen.html")
    assert doc.title == "Dorfläden: 40 Projekte erhalten Startgeld"
    assert doc.published == dt.date(2026, 1, 14)  # "Erscheinungsdatum", not "Stand" or DC.date.modified
    assert doc.issuer == "Bundesanstalt für Landwirtschaft und Ernährung"  # DC.creator spelled out, not "BLE"
    assert_body(doc.text, "Mit dem Programm „Dorfläden stärken“",  # the abstract box above the text box
                ("Nächste Förderrunde im Herbst", "Marlene Oberdorf"),
                ends="E-Mail: pressestelle@ble.example",  # contact box inside a "sectionRelated" box
                junk=("Cookies", "Sie sind hier", "Nr. 003/2026", "Erscheinungsdatum", "Quelle: BLE", "Mehr zum Thema",
                      "Regionalvermarktung", "Stand:", "Artikel bewerten", "hilfreich", "Mastodon", "Ökolandbau",
                      "Newsletter", "Impressum", "Leichte Sprache"))


def test_bavarian_ministry_page():
    doc = parse_file("by-staatsministerium-almen.html")
    assert doc.title == "Freistaat fördert Almwirtschaft mit 8,4 Millionen Euro"
    assert doc.published == dt.date(2026, 1, 14)  # "Pressemitteilung Nr. 12 vom 14.01.2026", not the sidebar date
    # the title names only "StMELF": the logo spells it out
    assert doc.issuer.startswith("Bayerisches Staatsministerium für Ernährung, Landwirtschaft, Forsten und Tourismus")
    assert_body(doc.text, "Ministerin: „Almen sind gelebte Heimat",
                ("München – Der Freistaat Bayern", "bis zum 31. März 2026 entgegen."),
                ends="presse@stmelf.bayern.example",
                junk=("Pressemitteilung Nr. 12", "Cookies", "Startseite", "Drucken", "Artikel bewerten", "hilfreich",
                      "Borkenkäfer", "Kempten", "Weitere Informationen zur Almförderung", "Impressum"))


def test_nrw_portal_names_the_ministry_beside_the_headline():
    doc = parse_file("nrw-landesportal-heimat.html")
    assert doc.title == "Heimat-Scheck: 2.000 Vereine erhalten Förderung"
    assert doc.published == dt.date(2026, 1, 14)
    assert doc.issuer == "Ministerium für Heimat, Kommunales, Bau und Digitalisierung"  # not the portal "Land.NRW"
    assert_body(doc.text, "Das Land Nordrhein-Westfalen hat im vergangenen Jahr",
                ("Katharina Vennemann-Ochs",), ends="presse@mhkbd.nrw.example",
                junk=("Direkt zum Inhalt", "Cookies", "Teilen", "WhatsApp", "Schlagworte", "Ehrenamt\n",
                      "Entlastungspaket", "13.01.2026", "zufrieden", "Impressum"))
    assert "Ministerium für Heimat, Kommunales, Bau und Digitalisierung\n" not in doc.text


def test_landkreis_ikiss_page():
    doc = parse_file("landkreis-ikiss-breitband.html")
    assert doc.title == "Glasfaser für 3.200 Haushalte im Außenbereich"  # "Landkreis ...:" prefix dropped
    assert doc.published == dt.date(2026, 1, 14)
    assert doc.issuer == "Landkreis Hameln-Pyrmont"
    assert_body(doc.text, "Hameln. Der Landkreis Hameln-Pyrmont schließt",
                ("Susanne Tielking-Brandt",), ends="breitband@hameln-pyrmont.example",
                junk=("Veröffentlicht am", "Cookies", "Sie befinden sich", "Symbolbild", "Seite drucken", "Merkliste",
                      "Artikel bewerten", "Kreisstraße 23", "Öffnungszeiten", "Süntelstraße", "IKISS"))


def test_city_press_list_with_a_single_release():
    doc = parse_file("stadt-pressedienst-liste.html")
    assert doc.title == "Stadt pflanzt 600 neue Straßenbäume"  # the item, not the list page's "Pressemitteilungen"
    assert doc.published == dt.date(2026, 1, 14)  # the item's date, not the event in the sidebar
    assert doc.issuer == "Stadt Kassel"
    assert_body(doc.text, "Die Stadt Kassel pflanzt in diesem Winter",
                ("Henrike Faltermeyer",), ends="unter Telefon 0561 787-0000 entgegen.",
                junk=("Pressemitteilungen", "Treffer", "Zeitraum", "Seite 1 von 1", "RSS", "Neujahrsempfang",
                      "Cookies", "Instagram"))


def test_police_headquarters_page():
    doc = parse_file("polizei-praesidium-einbruch.html")
    assert doc.title == "Einbrecher in Bamberger Juweliergeschäft festgenommen"
    assert doc.published == dt.date(2026, 1, 14)  # the release's own date, not the teasers' 13.01.
    assert doc.issuer == "Polizeipräsidium Oberfranken"  # named beside the headline, not the portal
    assert_body(doc.text, "BAMBERG. Nach einem Einbruch", ("Kriminalpolizei Bamberg",),
                ends="unter der Telefonnummer 0951 9129-491.",
                junk=("10:42", "Cookies", "Onlinewache", "Drucken", "Als PDF", "Artikel bewerten", "Weitere Meldungen",
                      "A73", "Schockanrufen", "Notruf 110"))


def test_austrian_ministry_page():
    doc = parse_file("at-bundesministerium-wasser.html")
    assert doc.title == "Trinkwasser: 32 Millionen Euro für Gemeinden im ländlichen Raum"
    assert doc.published == dt.date(2026, 1, 14)  # "Wien, 14. Jänner 2026", not the related cards' dates
    assert doc.issuer == "Bundesministerium für Land- und Forstwirtschaft, Regionen und Wasserwirtschaft"
    assert_body(doc.text, "Der Bund unterstützt Gemeinden und Wasserverbände",
                ("Förderung bis 2028 gesichert", "betonte Gschwandtner."),
                ends="presse@bml.example.at",
                junk=("Presseaussendung", "Wien, 14. Jänner", "Cookies", "Startseite", "Link kopieren", "Mühlviertel",
                      "Waldfonds", "Stubenring", "Barrierefreiheit"))


def test_swiss_federal_page_keeps_the_dateline_lead():
    doc = parse_file("ch-bund-medienmitteilung.html")
    assert doc.title == "Bundesrat verabschiedet Mehrjahresprogramm der Neuen Regionalpolitik"
    assert doc.published == dt.date(2026, 1, 14)
    assert doc.issuer == "Der Bundesrat"  # the "Herausgeber" block
    # a dateline opening the lead paragraph is release text (its place and date count as mentions)
    assert_body(doc.text, "Bern, 14.01.2026 – Der Bundesrat hat an seiner heutigen Sitzung",
                ("Graubünden, Wallis und Jura",
                 "Das Programm geht nun an die Bundesversammlung.\nAdresse für Rückfragen"),
                ends="Tel. +41 58 462 00 00",  # the contact box beside the article
                junk=("Medienmitteilung", "Cookies", "Letzte Änderung", "Informiert bleiben", "Rechtliches", "RM"))


# --------------------------------------------------------------------------- rules behind them

@pytest.mark.parametrize("date_box", [
    '<div class="press-date">Lindenau, 14.01.2026</div>',  # place and date in a short "date" box
    '<p class="date">Datum 14.01.2026</p>',
    '<span class="datum">14.01.2026</span>',
    '<p class="pm-meta"><span class="pm-dienststelle">Stadt Lindenau</span> | <span class="pm-datum">14.01.2026, '
    '10:42 Uhr</span></p>',
])
def test_date_box_beside_headline_gives_the_date_and_is_not_body(date_box):
    doc = parse_string(page(f"<main><h1>Geld für Dorfgemeinschaftshäuser</h1>{date_box}{ARTICLE}</main>"))
    assert doc.published == dt.date(2026, 1, 14)
    assert doc.text.startswith("Die Landesregierung hat am Dienstag") and "14.01.2026" not in doc.text


def test_modification_date_box_is_not_the_release_date():
    html = page('<main><h1>Geld für Dorfgemeinschaftshäuser</h1><p>Pressemitteilung vom 12.01.2026</p>' + ARTICLE +
                '<span class="date-modified">20.01.2026</span></main>')
    assert parse_string(html).published == dt.date(2026, 1, 12)


def test_dateline_opening_a_short_lead_paragraph_is_kept():
    html = page("<h1>Geld für Dorfgemeinschaftshäuser</h1><p>Kiel, 14.01.2026 – Das Land fördert Dorfhäuser mit "
                "zwölf Millionen Euro.</p>" + ARTICLE)
    doc = parse_string(html)
    assert doc.published == dt.date(2026, 1, 14)
    assert doc.text.startswith("Kiel, 14.01.2026 – Das Land fördert Dorfhäuser")


@pytest.mark.parametrize("label", ["Pressemitteilung", "Presseaussendung", "Medieninformation"])
def test_kind_label_above_headline_is_neither_title_nor_body(label):
    html = page(f'<main><p class="category">{label}</p><h1>Geld für Dorfgemeinschaftshäuser</h1>{ARTICLE}</main>',
                f"<title>{label} - Geld für Dorfgemeinschaftshäuser - StK</title>")
    doc = parse_string(html)
    assert doc.title == "Geld für Dorfgemeinschaftshäuser"
    assert label not in doc.text
    assert doc.issuer == "StK"  # the singular label is no site name either


@pytest.mark.parametrize("line, expected", [
    ("Senatsverwaltung für Stadtentwicklung und Wohnen", "Senatsverwaltung für Stadtentwicklung und Wohnen"),
    ("Polizeidirektion Lindenau | 14.01.2026", "Polizeidirektion Lindenau"),
    ("Landkreis investiert in Glasfaser", "Musterportal"),  # a subtitle with a verb names no authority
    ("Stadt Lindenau und Landkreis Beispiel: Gemeinsame Erklärung", "Musterportal"),
])
def test_authority_named_beside_the_headline(line, expected):
    html = page(f"<main><p>{line}</p><h1>Geld für Dorfgemeinschaftshäuser</h1>{ARTICLE}</main>",
                '<meta property="og:site_name" content="Musterportal">')
    assert parse_string(html).issuer == expected


def test_publisher_metadata_beats_the_authority_beside_the_headline():
    html = page(f"<main><p>Polizeidirektion Lindenau</p><h1>Geld für Dorfgemeinschaftshäuser</h1>{ARTICLE}</main>",
                '<meta name="dcterms.publisher" content="Ministerium des Innern">')
    assert parse_string(html).issuer == "Ministerium des Innern"


def test_contact_box_after_the_body_is_kept_but_a_site_contact_widget_is_not():
    html = page('<div class="article"><h1>Geld für Dorfgemeinschaftshäuser</h1><div class="text">' + ARTICLE +
                '</div><div class="related contact"><p>Pressestelle, Telefon 0431 988-0000, presse@stk.example</p>'
                '</div><div class="share"><a href="#">Teilen</a></div><div class="rating"><p>Artikel bewerten</p>'
                '<p>Wie hilfreich war dieser Artikel für Sie? Bitte geben Sie uns eine Rückmeldung.</p></div></div>'
                '<div class="widget"><div class="tabs"><div id="contact"><p>Bürgerservice, Telefon 0431 988-1111</p>'
                "</div></div></div>")
    text = parse_string(html).text
    assert text.endswith("presse@stk.example")
    assert "Bürgerservice" not in text and "Artikel bewerten" not in text


def test_image_captions_and_credits_are_not_body():
    # the real gold pages leave captions out of the body text (a caption is often a must-not-contain fragment)
    html = page("<article><h1>Geld für Dorfgemeinschaftshäuser</h1>" + ARTICLE +
                "<figure><img src='a.jpg' alt=''><figcaption>Ministerin Erika Beispiel beim Besuch in Lindenau. "
                "Foto: Staatskanzlei/Max Muster</figcaption></figure>"
                "<div class='photo-caption'>Ministerin Erika Beispiel im Gespräch mit Vereinen.</div></article>")
    text = parse_string(html).text
    assert "beim Besuch in Lindenau" not in text and "Foto:" not in text and "im Gespräch mit Vereinen" not in text
    assert "Ministerin Erika Beispiel sagte" in text


TEASER_LEAD_PAGES = {
    # TYPO3 news: the lead sits in "teaser-text", the date in a "footer" box above it
    "typo3": '<div class="news news-single"><div class="article"><div class="header"><h1>{title}</h1></div>'
             '<div class="footer"><p><span class="news-list-date"><time datetime="2026-01-14">14.01.2026</time></span>'
             '</p></div><div class="teaser-text"><p>{lead}</p></div><div class="news-text-wrap">{body}</div>'
             '<div class="news-backlink-wrap"><a href="/presse">Zurück</a></div></div></div>',
    # Drupal: a one-sentence teaser field under a date field
    "drupal": '<main><article><h1>{title}</h1><div class="field--name-field-date">14.01.2026</div>'
              '<div class="field field--name-field-teaser">{lead}</div><div class="field--name-body">{body}</div>'
              '</article></main>',
    # Sitepark: kind | ministry | date in one meta line, the lead as p.teaser inside the text
    "sitepark": '<main><div class="singleview"><div class="head"><p class="dachzeile">Medieninformation</p>'
                '<h1>{title}</h1>'
                '<p class="meta">Pressemitteilung | Ministerium für Inneres und Sport | 14.01.2026</p></div>'
                '<div class="bodyText"><p class="teaser">{lead}</p>{body}</div></div></main>',
}


@pytest.mark.parametrize("layout", sorted(TEASER_LEAD_PAGES))
def test_short_lead_in_a_teaser_box_is_body(layout):
    html = page('<nav><a href="/">Start</a></nav>' + TEASER_LEAD_PAGES[layout].format(
        title="Kreis fördert Dorfgemeinschaftshäuser", lead="Zwölf Dörfer erhalten Geld.", body=ARTICLE)
        + '<div class="teaser"><p>Bildung: Neue Schulbusse für den Kreis</p></div>'
        + "<footer>© Landkreis Beispiel</footer>")
    doc = parse_string(html)
    assert doc.title == "Kreis fördert Dorfgemeinschaftshäuser"
    assert doc.published == dt.date(2026, 1, 14)
    assert doc.text.startswith("Zwölf Dörfer erhalten Geld.\nDie Landesregierung hat am Dienstag")
    for junk in ("Medieninformation", "Pressemitteilung", "14.01.2026", "Zurück", "Schulbusse"):
        assert junk not in doc.text, junk


def test_short_picture_box_between_headline_and_text_is_not_a_lead():
    html = page('<main><h1>Kreis fördert Dorfgemeinschaftshäuser</h1><div class="picture"><img src="a.jpg" alt="">'
                "<p>Das Dorfgemeinschaftshaus in Lindenau.</p></div>" + ARTICLE + "</main>")
    assert parse_string(html).text.startswith("Die Landesregierung hat am Dienstag")


EN_TEXT = ("<p>The government will invest $25 million in rural broadband over the next three years, the minister "
           "announced on Wednesday. The funding will connect more than 40,000 homes in remote areas.</p>"
           "<p>“Every family deserves a fast and reliable connection,” said Minister Jane Example.</p>")


def test_english_release_with_date_first_dateline_and_trailer_marks():
    html = page('<main><h1>Government invests in rural broadband</h1><h2>News release</h2>'
                "<p>January 14, 2026 - Ottawa, Ontario - Department of Rural Affairs</p>" + EN_TEXT +
                "<p>###</p><p>Search for related information by keyword</p><dl><dt>Date modified:</dt>"
                "<dd>2026-01-15</dd></dl></main>", "<title>Government invests in rural broadband - Example.gov</title>",
                lang="en")
    doc = parse_string(html)
    assert doc.published == dt.date(2026, 1, 14)
    assert doc.text.startswith("The government will invest $25 million")
    assert doc.text.endswith("said Minister Jane Example.")


def test_from_line_without_colon_names_the_department():
    html = page('<main><h1>Minister announces funding for rural broadband</h1><p>From <a href="/org/d">Department of '
                'Rural and Community Development</a></p><p>Published on 14 January 2026</p>' + EN_TEXT + "</main>",
                "<title>gov.example - Minister announces funding for rural broadband</title>", lang="en")
    doc = parse_string(html)
    assert doc.issuer == "Department of Rural and Community Development"
    assert doc.published == dt.date(2026, 1, 14)
    assert "From Department" not in doc.text


def test_sentence_opening_with_from_is_no_issuer_line():
    html = page('<main><h1>Minister announces funding for rural broadband</h1><p>From March the Office of Rural '
                'Affairs takes applications.</p>' + EN_TEXT + "</main>",
                '<meta property="og:site_name" content="Example Government">', lang="en")
    assert parse_string(html).issuer == "Example Government"


def test_captions_kept_aside_without_credits():
    html = page("<article><h1>Geld für Dorfgemeinschaftshäuser</h1>" + ARTICLE +
                "<figure><img src='a.jpg' alt=''><figcaption>Ministerin Erika Beispiel beim Besuch in Lindenau. "
                "Foto: Staatskanzlei/Max Muster</figcaption></figure>"
                "<figure><figcaption>Das neue Dorfhaus in Beispielrode"
                "<span class='copyright-note'>© Gemeinde Beispielrode</span></figcaption></figure></article>"
                "<aside><figure><figcaption>Werbung für den Tag der offenen Tür</figcaption></figure></aside>")
    doc = parse_string(html)
    assert doc.extra["captions"] == ["Ministerin Erika Beispiel beim Besuch in Lindenau.",
                                     "Das neue Dorfhaus in Beispielrode"]
    assert "Beispielrode" not in doc.text


def test_widgets_inside_the_article_are_not_body():
    html = page('<main><article><h1>Geld für Dorfgemeinschaftshäuser</h1><p class="lesezeit">Lesezeit: 3 Minuten</p>'
                '<div class="consent-hinweis"><p>Wir nutzen das Analysewerkzeug Matomo. Mit Ihrer Einwilligung helfen '
                'Sie uns, das Angebot zu verbessern. Sie können Ihre Zustimmung jederzeit widerrufen.</p></div>'
                + ARTICLE +
                '<p>Teilen auf: <a href="#">Facebook</a> <a href="#">X</a> <a href="#">E-Mail</a></p>'
                '<p>Diese Pressemitteilung als PDF herunterladen (PDF, 120 KB)</p><p>Bildnachweis: Staatskanzlei</p>'
                '<div class="stars"><p>Durchschnittliche Bewertung: 4,2 von 5 Sternen (12 Stimmen)</p></div>'
                '<div class="poll"><h3>Ihre Meinung ist gefragt</h3><p>Wie zufrieden sind Sie mit unserem '
                'Internetangebot? Nehmen Sie an unserer kurzen Umfrage teil.</p></div></article></main>')
    text = parse_string(html).text
    assert text.startswith("Die Landesregierung hat am Dienstag")
    assert text.endswith("verdienten mehr Unterstützung durch das Land.")


def test_headline_in_a_title_box_named_like_furniture_beats_a_portal_title():
    html = page('<main><div class="ecl-page-header">'
                '<div class="ecl-page-header__meta">Press release | 14 January 2026 | '
                'Brussels</div><h1 class="ecl-page-header__title">Commission approves funding for rural broadband</h1>'
                "</div>" + EN_TEXT + "</main><footer>© European Union</footer>",
                "<title>Press corner | European Commission</title>", lang="en")
    doc = parse_string(html)
    assert doc.title == "Commission approves funding for rural broadband"
    assert doc.published == dt.date(2026, 1, 14)
    assert doc.issuer == "European Commission"
    assert doc.text.startswith("The government will invest") and "Brussels" not in doc.text


def test_dated_kicker_above_the_headline_is_not_body():
    html = page('<main><div class="artikel"><p class="kicker">Wirtschaft/Antwort - 14.01.2026 (hib 23/2026)</p>'
                "<h1>Förderung von Dorfgemeinschaftshäusern</h1>" + ARTICLE + "</div></main>")
    doc = parse_string(html)
    assert doc.published == dt.date(2026, 1, 14)
    assert doc.text.startswith("Die Landesregierung hat am Dienstag")


@pytest.mark.parametrize("line, expected", [
    ("Publié le 14 janvier 2026", dt.date(2026, 1, 14)),
    ("Pubblicato il 14 gennaio 2026", dt.date(2026, 1, 14)),
    ("Berne, 1er août 2026", dt.date(2026, 8, 1)),
    ("Pressemitteilung 5/2026 · 14.01.2026 · Umwelt", dt.date(2026, 1, 14)),
])
def test_swiss_french_italian_and_dotted_date_lines(line, expected):
    doc = parse_string(page(f"<main><h1>Geld für Dorfgemeinschaftshäuser</h1><p>{line}</p>{ARTICLE}</main>"))
    assert doc.published == expected
    assert doc.text.startswith("Die Landesregierung hat am Dienstag")


@pytest.mark.parametrize("line", [
    "Informationsschreiben vom 14. Oktober 2025PDF | 38 KB | Datei ist nicht barrierefrei",
    "Förderrichtlinie Dorfgemeinschaftshäuser (PDF, 1,2 MB)",
    "Download der Audiodatei",
    "Anna Musterfrau, NDR",
    "Bildnachweis: Staatskanzlei Musterland",
])
def test_download_credit_and_player_lines_are_not_body(line):
    text = parse_string(page(f"<main><h1>Geld für Dorfgemeinschaftshäuser</h1>{ARTICLE}<p>{line}</p></main>")).text
    assert text.endswith("verdienten mehr Unterstützung durch das Land."), line


TEASER_CARD = ('<div class="card"><p>12.01.2026</p><h3><a href="/m{i}">Kreistag berät über Schulentwicklung Nummer {i}'
               '</a></h3><p>Der Kreistag hat in seiner letzten Sitzung über zahlreiche Themen beraten, darunter die '
               'Schulentwicklung, den Nahverkehr und die Förderung von Vereinen im ländlichen Raum.</p></div>')


def test_teaser_cards_with_long_snippets_beside_a_short_release_are_not_body():
    html = page('<main><div class="content"><h1>Geld für Dorfgemeinschaftshäuser</h1><p class="date">14.01.2026</p>'
                + ARTICLE + '</div><section class="more"><h2>Aktuelle Meldungen</h2>'
                + "".join(TEASER_CARD.format(i=i) for i in range(4)) + "</section></main>")
    doc = parse_string(html)
    assert doc.published == dt.date(2026, 1, 14)
    assert doc.text.endswith("verdienten mehr Unterstützung durch das Land.")
    assert "Kreistag" not in doc.text


def test_short_release_under_a_linked_heading_is_still_found():
    html = page('<nav><a href="/">Start</a></nav><div class="post"><h2><a href="/p/rathaus">Rathaus am Freitag '
                'geschlossen</a></h2><p>Das Rathaus bleibt am Freitag wegen einer Betriebsfeier geschlossen.</p>'
                "<p>Das Bürgerbüro öffnet am Samstag von 9 bis 12 Uhr.</p></div>",
                "<title>Rathaus am Freitag geschlossen - Gemeinde Beispiel</title>")
    doc = parse_string(html)
    assert doc.title == "Rathaus am Freitag geschlossen"
    assert doc.text.startswith("Das Rathaus bleibt am Freitag")


@pytest.mark.parametrize("top, head, issuer", [
    # Berlin police: meta lines sharing a class under the headline; the authority only in the breadcrumb
    ('<nav class="breadcrumb"><a href="/">Berlin.example</a> › <a href="/polizei">Polizei Berlin</a> › '
     '<a href="/p">Polizeimeldungen</a></nav><div class="article"><h1>{title}</h1>'
     '<p class="polizeimeldung">Polizeimeldung vom 14.01.2026</p><p class="polizeimeldung">Charlottenburg-Wilmersdorf'
     '</p><p class="polizeimeldung">Nr. 0123</p><div class="textile">{body}</div></div>',
     '<meta property="og:site_name" content="Berlin.example">', "Polizei Berlin"),
    # Hamburg: "Pressemitteilung der Behörde ..." above the headline
    ('<main><p class="press-source">Pressemitteilung der Behörde für Schule und Berufsbildung</p><h1>{title}</h1>'
     '<time datetime="2026-01-14">14. Januar 2026</time>{body}</main>',
     '<meta property="og:site_name" content="hamburg.example">', "Behörde für Schule und Berufsbildung"),
    # Saxony: kind, ministry and date in a header box above the headline
    ('<main><div class="box-header"><p>Medieninformation 12/2026</p><p>Sächsisches Staatsministerium für '
     'Regionalentwicklung</p><p>14.01.2026</p></div><h1>{title}</h1>{body}</main>',
     "<title>Medienservice - Geld für Dorfgemeinschaftshäuser</title>",
     "Sächsisches Staatsministerium für Regionalentwicklung"),
])
def test_state_portals_name_the_authority_and_keep_meta_lines_out(top, head, issuer):
    doc = parse_string(page(top.format(title="Geld für Dorfgemeinschaftshäuser", body=ARTICLE), head))
    assert doc.title == "Geld für Dorfgemeinschaftshäuser"
    assert doc.published == dt.date(2026, 1, 14)
    assert doc.issuer == issuer
    assert doc.text.startswith("Die Landesregierung hat am Dienstag")


def test_label_word_before_a_date_names_no_authority():
    html = page("<main><h1>Geld für Dorfgemeinschaftshäuser</h1><p>Polizeimeldung vom 14.01.2026</p>" + ARTICLE
                + "</main>", '<meta property="og:site_name" content="Musterportal">')
    assert parse_string(html).issuer == "Musterportal"


def test_news_kicker_naming_a_district_is_not_the_issuer():
    html = page('<main><p class="topline">Landkreis Göttingen</p><h1>Geld für Dorfgemeinschaftshäuser</h1>' + ARTICLE
                + "</main>", '<meta property="og:site_name" content="Nachrichten Nord">')
    doc = parse_string(html)
    assert doc.issuer == "Nachrichten Nord"
    assert "Landkreis Göttingen" not in doc.text
