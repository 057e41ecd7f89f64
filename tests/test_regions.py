"""press_regions: named places with official keys, on invented press-release sentences."""
from __future__ import annotations

import pytest
import spacy

import extractors  # noqa: F401  (registers the factories)
from extractors.base import data_lines
from extractors.regions_gazetteer import gazetteer
from schemas import Region


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("press_regions")
    return nlp


def run(nlp, text: str, contact: tuple[int, int] | None = None):
    doc = nlp.make_doc(text)
    if contact:
        doc._.zones = {"contact": contact}
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def regions(nlp, text: str, **kw) -> dict[str, Region]:
    doc = run(nlp, text, **kw)
    return {r.name: r for r in (doc._.facts or {}).get("regions", [])}


def codes(nlp, text: str, **kw) -> dict[str, str | None]:
    return {name: r.code for name, r in regions(nlp, text, **kw).items()}


# ----------------------------------------------------------------------------- gazetteer data

def test_gazetteer_holds_all_levels_with_keys():
    g = gazetteer()
    kinds: dict[str, int] = {}
    for e in g.entries.values():
        kinds[e.kind] = kinds.get(e.kind, 0) + 1
    assert kinds["state"] == 16
    # 400 NUTS-3 regions: 398 Kreise and kreisfreie Städte, plus Berlin and Hamburg kept as Länder
    assert kinds["district"] + kinds["district_free_city"] == 398
    assert kinds["municipality"] > 10_500
    heidekreis = g.entries["de-ags-03358"]
    assert (heidekreis.name, heidekreis.kind, heidekreis.nuts) == ("Heidekreis", "district", "DE938")
    assert g.entries["de-ags-03351006"].name == "Celle"
    assert g.entries["de-ags-03241"].name == "Region Hannover"


def test_gazetteer_header_names_source_and_licence():
    from extractors.base import DATA_DIR
    head = [line for line in (DATA_DIR / "de" / "gazetteer.tsv").read_text(encoding="utf-8").splitlines()[:20]
            if line.startswith("#")]
    text = "\n".join(head)
    assert "Source" in text and "dl-de/by-2-0" in text and "Built" in text
    assert len(data_lines("de/gazetteer.tsv")) > 11_000


# ----------------------------------------------------------------------------- German forms

def test_districts_state_and_genitives_carry_official_keys(nlp):
    text = ("Niedersachsen unterstützt den Heidekreis beim Aufbau eines Netzwerks. Gemeinsam mit den "
            "Landkreisen Uelzen und Celle will der Landrat des Heidekreises Niedersachsens Norden stärken.")
    got = regions(nlp, text)
    assert {n: r.code for n, r in got.items()} == {
        "Niedersachsen": "03", "Heidekreis": "03358", "Uelzen": "03360", "Celle": "03351"}
    assert got["Heidekreis"].kind == "district" and got["Heidekreis"].nuts == "DE938"
    assert [m.text for m in got["Heidekreis"].mentions] == ["Heidekreis", "Heidekreises"]
    assert got["Niedersachsen"].kind == "state"


def test_list_after_plural_head_keeps_the_kind(nlp):
    got = codes(nlp, "Für den Zusammenschluss der Landkreise Celle, Heidekreis und Uelzen gibt es Geld.")
    assert got == {"Celle": "03351", "Heidekreis": "03358", "Uelzen": "03360"}


def test_town_and_district_of_one_name_get_different_keys(nlp):
    town = regions(nlp, "Die Stadt Celle erhält 2 Millionen Euro.")["Celle"]
    district = regions(nlp, "Der Landkreis Celle erhält 2 Millionen Euro.")["Celle"]
    assert (town.code, town.kind) == ("03351006", "municipality")
    assert (district.code, district.kind) == ("03351", "district")
    # a bare name follows what the same text said of it elsewhere
    assert codes(nlp, "Im Landkreis Celle wird gebaut. Celle freut sich.")["Celle"] == "03351"
    assert codes(nlp, "Ministerin Eva Tannhäuser besuchte Celle.")["Celle"] == "03351006"


def test_region_hannover_is_an_official_name(nlp):
    got = regions(nlp, "Projekte im Landkreis Hildesheim und in der Region Hannover sowie in Hannover.")
    assert got["Region Hannover"].code == "03241"
    assert got["Hannover"].code == "03241001"
    assert got["Hildesheim"].code == "03254"


def test_town_names_with_river_abbreviation_and_bad(nlp):
    got = regions(nlp, "Geld geht nach Nienburg/Weser, Winsen (Luhe), Hann. Münden und Bad Bentheim.")
    assert set(got) == {"Nienburg/Weser", "Winsen (Luhe)", "Hann. Münden", "Bad Bentheim"}
    assert got["Nienburg/Weser"].code == "03256022"
    assert got["Winsen (Luhe)"].mentions[0].text == "Winsen (Luhe)"


def test_hyphenated_regions_stay_whole(nlp):
    got = regions(nlp, "Die Zukunftsregionen Hannover-Hildesheim und Elbtalaue-Heide-Wendland sowie das "
                       "Leine-Weser-Gebiet.")
    assert set(got) == {"Hannover-Hildesheim", "Elbtalaue-Heide-Wendland", "Leine-Weser"}
    assert got["Hannover-Hildesheim"].kind == "region"


def test_dateline_in_capitals_and_named_regions(nlp):
    got = regions(nlp, "HILDESHEIM. – Die Region Leine-Weser zeigt Beispiele aus der Lüneburger Heide "
                       "und dem Bergischen Land.")
    assert set(got) == {"Hildesheim", "Leine-Weser", "Lüneburger Heide", "Bergisches Land"}
    assert got["Lüneburger Heide"].kind == "landscape"


def test_place_in_a_role_title_counts(nlp):
    got = regions(nlp, "Der Landesbeauftragte für regionale Landesentwicklung Leine-Weser, Tom Brendler, kam.")
    assert set(got) == {"Leine-Weser"}


def test_countries_in_german_with_iso_codes(nlp):
    got = regions(nlp, "Großbritanniens Handel mit Deutschland und der EU leidet; auch die Ukraine und "
                       "die Bundesrepublik Deutschland reagieren.")
    assert got["Großbritannien"].code == "GB"
    assert got["Deutschland"].code == "DE"
    assert got["Ukraine"].kind == "country"
    assert got["EU"].kind == "supranational"


def test_villages_after_ortsteil_heads(nlp):
    got = regions(nlp, "Gemeinde Grasellenbach mit den Ortsteilen Litzelbach, Scharbach und Tromm.")
    assert {"Grasellenbach", "Litzelbach", "Scharbach", "Tromm"} <= set(got)
    assert got["Litzelbach"].kind == "other" and got["Litzelbach"].code is None


def test_homonym_is_resolved_by_the_district_named_beside_it(nlp):
    got = regions(nlp, "Gefördert werden Bergen (Lk Celle), Barsinghausen und Uchte.")
    assert got["Bergen"].code == "03351004"
    assert got["Uchte"].code.startswith("03256")


# ----------------------------------------------------------------------------- common words

def test_common_word_names_need_place_context(nlp):
    assert regions(nlp, "Der Regen fiel die ganze Nacht.") == {}
    assert regions(nlp, "Regen und Wind bestimmten den Tag.") == {}
    assert "Regen" in regions(nlp, "Die Delegation reiste nach Regen.")
    assert "Regen" in regions(nlp, "Die Stadt Regen erhält 600000 Euro.")
    got = regions(nlp, "Frauenau, Lindberg, Regen und Zwiesel erhalten Mittel.")
    assert {"Frauenau", "Lindberg", "Regen", "Zwiesel"} <= set(got)
    assert "Regen" in regions(nlp, "Regens Bürgermeisterin Ilka Sommer dankte.")


def test_nouns_with_article_are_not_towns(nlp):
    assert regions(nlp, "Die Prämie wird für Beratungen auf den Höfen gezahlt.") == {}
    assert regions(nlp, "Wir sehen das im Lichte neuer Entwicklungen.") == {}
    assert regions(nlp, "Projekte bauen Brücken zwischen Menschen.") == {}


# ----------------------------------------------------------------------------- negatives

def test_adjectives_and_compounds_are_not_regions(nlp):
    assert regions(nlp, "Die niedersächsische Landesregierung und hannoversche Firmen nutzen EU-Mittel.") == {}


def test_places_closing_organisation_names_are_not_regions(nlp):
    text = ("Das Amt für regionale Landesentwicklung Lüneburg, die JVA Uelzen, die Universität Hannover "
            "und die Landwirtschaftskammer Niedersachsen sowie das Hainich Klinikum beraten.")
    assert regions(nlp, text) == {}


def test_people_named_like_places_are_not_regions(nlp):
    assert regions(nlp, "Walter Celle und Frau Lübeck sprachen mit Ministerpräsident Stephan Weil.") == {}


def test_contact_block_is_skipped(nlp):
    body = "Das Land fördert Projekte in Celle.\n"
    contact = "Pressestelle\nMusterstraße 2, 30169 Hannover\n"
    got = regions(nlp, body + contact, contact=(len(body), len(body + contact)))
    assert set(got) == {"Celle"}


def test_spans_point_at_the_mentions(nlp):
    text = "Uelzen und der Landkreis Uelzen profitieren, ebenso Niedersachsens Dörfer."
    doc = run(nlp, text)
    spans = list(doc.spans["regions"])
    assert [s.text for s in spans] == ["Uelzen", "Uelzen", "Niedersachsens"]
    assert all(isinstance(s._.fact, Region) for s in spans)
    for r in doc._.facts["regions"]:
        for m in r.mentions:
            assert text[m.start:m.end] == m.text
    ids = {r.id for r in doc._.facts["regions"]}
    assert "de-ags-03" in ids and len(ids) == len(doc._.facts["regions"])


def test_regions_join_the_facts_found_before(nlp):
    doc = nlp.make_doc("Das Land fördert Projekte in Celle.")
    doc._.facts = {"amounts": ["earlier"]}
    for _name, proc in nlp.pipeline:
        doc = proc(doc)
    assert doc._.facts["amounts"] == ["earlier"]
    assert [r.name for r in doc._.facts["regions"]] == ["Celle"]


def test_each_span_carries_its_region(nlp):
    text = "Uelzen und der Landkreis Uelzen profitieren, ebenso Niedersachsens Dörfer und Celle."
    doc = run(nlp, text)
    spans = list(doc.spans["regions"])
    assert [s.start_char for s in spans] == sorted(s.start_char for s in spans)
    for s in spans:
        region = s._.fact
        assert any(m.start == s.start_char and m.end == s.end_char for m in region.mentions)
        assert any(region is r for r in doc._.facts["regions"])
        assert s.label_ == region.kind


def test_district_head_prefers_the_kreis_over_the_city_of_one_name(nlp):
    doc = run(nlp, "Im Landkreis Rosenheim und in der Stadt Rosenheim wird gebaut.")
    got = sorted((r.kind, r.code) for r in doc._.facts["regions"])
    assert got == [("district", "09187"), ("district_free_city", "09163")]


def test_declined_adjectives_in_names_report_the_nominative(nlp):
    got = regions(nlp, "Projekte im Märkischen Kreis, in der Sächsischen Schweiz und im Alten Land.")
    assert set(got) == {"Märkischer Kreis", "Sächsische Schweiz", "Altes Land"}
    assert got["Märkischer Kreis"].code == "05962"


def test_short_names_and_abbreviations(nlp):
    got = regions(nlp, "Mittel fließen nach NRW, Frankfurt und Oldenburg.")
    assert got["NRW"].code == "05"
    assert got["Frankfurt"].code == "06412"
    assert got["Oldenburg"].code == "03403"


def test_collective_municipality_after_samtgemeinde(nlp):
    got = regions(nlp, "Die Samtgemeinde Bevensen-Ebstorf erhält Geld.")
    assert got["Bevensen-Ebstorf"].kind == "collective_municipality"


def test_surname_seen_after_a_given_name_stays_a_surname(nlp):
    got = regions(nlp, "Ministerin Anna Hagen lobte das Projekt. Hagen betonte, in Hagen werde gebaut.")
    assert [m.text for m in got["Hagen"].mentions] == ["Hagen"]
    assert got["Hagen"].mentions[0].start == len("Ministerin Anna Hagen lobte das Projekt. Hagen betonte, in ")


def test_urls_numbers_clubs_and_citations_are_not_places(nlp):
    text = ("Folgen Sie www.twitter.com/Staatskanzlei_NRW. Treffpunkt ist in Halle 5. Hannover 96 spielt. "
            "Die Verordnung (EU) 2021/1060 gilt.")
    assert regions(nlp, text) == {}


def test_places_inside_quoted_programme_names_belong_to_the_name(nlp):
    got = regions(nlp, "Aus dem Programm „Zukunftsräume Niedersachsen“ erhält Celle 300000 Euro.")
    assert set(got) == {"Celle"}


def test_english_names(nlp):
    got = regions(nlp, "Lower Saxony and Bavaria work with partners in Germany, Brussels and the United States. "
                       "In March 2023, the Mayor of Hanover met them.")
    assert set(got) == {"Lower Saxony", "Bavaria", "Germany", "Brussels", "United States", "Hanover"}
    assert got["Lower Saxony"].code == "03" and got["Hanover"].code == "03241001"


def test_unknown_names_after_a_singular_town_head(nlp):
    got = regions(nlp, "Die Stadt Langnau (Kanton Bern) und die Gemeinde Wennigsen-Nord erhalten Geld.")
    assert got["Langnau"].kind == "municipality" and got["Langnau"].code is None
    assert "Wennigsen-Nord" in got
    assert regions(nlp, "Dafür hat die Gemeinde Fördermittel beantragt.") == {}


def test_a_village_after_ortsteil_is_no_gemeinde_elsewhere(nlp):
    got = regions(nlp, "Stadt Oestrich-Winkel (Ortsteil Hallgarten) im Rheingau.")
    assert got["Hallgarten"].kind == "other" and got["Hallgarten"].code is None
    assert got["Oestrich-Winkel"].code == "06439012"


def test_elided_compounds_and_decimal_amounts(nlp):
    assert regions(nlp, "Aus Bundes- und Kantonsmitteln kommen 2 Millionen Euro.") == {}
    got = regions(nlp, "Auf Bayern entfallen 13,8 Millionen Euro, auf Hessen 9 Millionen Euro.")
    assert set(got) == {"Bayern", "Hessen"}


def test_short_form_after_the_qualified_name_gets_the_same_name(nlp):
    got = regions(nlp, "Der Landkreis Rotenburg (Wümme) tagte in Rotenburg.")
    assert set(got) == {"Rotenburg (Wümme)"}


def test_surname_with_particle_is_not_a_place(nlp):
    got = regions(nlp, "Sprecherin ist Konstanze zu Rantzau; der Bürgermeister von Uchte dankte.")
    assert set(got) == {"Uchte"}


def test_berlin_bezirke(nlp):
    got = regions(nlp, "Neue Schulen entstehen in Spandau, Treptow-Köpenick und Französisch Buchholz.")
    assert set(got) == {"Spandau", "Treptow-Köpenick", "Französisch Buchholz"}


# ----------------------------------------------------------------------------- unknown places by cue

def test_a_genitive_after_a_town_head_is_the_owner_not_an_apposition(nlp):
    got = regions(nlp, "Zwickau ist die viertgrößte Stadt Sachsens und liegt im Süden Thüringens nahe.")
    assert got["Sachsen"].kind == "state" and got["Sachsen"].code == "14"
    assert regions(nlp, "Die Stadt Celle und der Landkreis Uelzen planen.")["Celle"].kind == "municipality"


def test_villages_after_a_place_preposition_need_a_place_ending(nlp):
    got = regions(nlp, "In Kleinwendorf soll ein Dorfladen entstehen. Die Ministerin kam aus Obermühlhausen.")
    assert got["Kleinwendorf"].kind == "other" and "Obermühlhausen" in got
    # common nouns after "in" have no such ending or come with an article or hyphen
    got = regions(nlp, "Die Firma investiert in Know-how, in Pflegeheim-Plätze und in Weiterbildung.")
    assert got == {}


def test_unknown_named_region_after_region_head(nlp):
    got = regions(nlp, "Die Region Waldmärker Land profitiert. Auch in der Region Nordhügel wird gebaut.")
    assert got["Nordhügel"].kind == "region"
    assert "Waldmärker" not in got  # a name that goes on after the first word is not cut short


def test_later_bare_mentions_of_a_cue_found_village(nlp):
    text = "Im Ortsteil Ebersgrund wird gebaut. Ebersgrund erhält 40.000 Euro, sagte Landrat Ralf Ebersgrunder."
    assert len(regions(nlp, text)["Ebersgrund"].mentions) == 2


def test_villages_placed_by_a_following_kreis_or_bei(nlp):
    got = regions(nlp, "Gefördert werden Lindenau und Oberkirchbach im Landkreis Landshut sowie "
                       "Niederhausen bei Rottenburg an der Laaber.")
    assert {"Oberkirchbach", "Niederhausen", "Landshut"} <= set(got)
    # a noun with its article is no village: "das neue Sportfeld im Landkreis"
    assert set(regions(nlp, "Das neue Sportfeld im Landkreis Celle ist fertig.")) == {"Celle"}


def test_village_listed_after_a_known_place(nlp):
    got = regions(nlp, "Neue Schulen entstehen in Pankow und Blankenfelde-Süddorf, nicht in Zukunft.")
    assert "Blankenfelde-Süddorf" in got
    assert "Umgebung" not in regions(nlp, "Projekte in Celle und Umgebung.")


def test_ortsteil_abbreviation_ot(nlp):
    got = regions(nlp, "Ort: Gewerbegebiet Nord, 02906 Waldhufen OT Nieder Seifersdorf (Landkreis Görlitz)")
    assert {"Waldhufen", "Görlitz"} <= set(got)
    got = regions(nlp, "Der Festplatz in Waldhufen OT Jänkendorf wird erneuert.")
    assert got["Jänkendorf"].kind == "other"


def test_hyphenated_name_written_with_spaces(nlp):
    got = regions(nlp, "Die Stadt Ebersbach - Neugersdorf erhält Fördermittel.")
    assert "Ebersbach-Neugersdorf" in got and "Ebersbach" not in got


def test_title_genitive_is_no_region(nlp):
    assert "Europa" not in regions(nlp, "Chemnitz ist Kulturhauptstadt Europas 2025.")
    assert "Europa" in regions(nlp, "Chemnitz liegt im Herzen Europas.")


def test_a_list_after_an_organisation_head_names_organisations(nlp):
    got = regions(nlp, "Die Wagen gehen an die Polizeiinspektionen Anklam, Stralsund und Güstrow.")
    assert got == {}
    assert {"Anklam", "Stralsund"} <= set(regions(nlp, "Der Minister besuchte Anklam und Stralsund."))


def test_list_partner_with_an_adjective_gets_place_context(nlp):
    got = regions(nlp, "Der Fonds für Vorpommern und das östliche Mecklenburg wächst.")
    assert "Mecklenburg" in got
    assert "Bunde" not in regions(nlp, "Mit Mitteln der EU, des Bundes und des Landes.")


def test_genitive_of_a_common_word_place_after_a_noun(nlp):
    assert "Franken" in regions(nlp, "Starker Regen ließ in weiten Teilen Frankens die Flüsse steigen.")
    assert regions(nlp, "Der Kurs des Schweizer Frankens steigt, der Wert des Frankens auch.") == {}


def test_venue_line_names_the_place_inside_the_venue(nlp):
    assert "Potsdam" in regions(nlp, "Wann: Freitag, 10 Uhr Wo: Staatskanzlei Potsdam, Pressefoyer")
    assert "Potsdam" not in regions(nlp, "Die Staatskanzlei Potsdam teilt mit, dass der Termin entfällt.")


def test_place_after_an_organisation_and_von_belongs_to_the_name(nlp):
    assert regions(nlp, "Die Regierung von Oberbayern prüft den Antrag.") == {}
    assert "Uchte" in regions(nlp, "Der Bürgermeister von Uchte begrüßte die Gäste.")


# Fast scans (issue 6): web addresses are looked for only on the non-space runs holding a
# trigger, qualifiers ("im Landkreis") in one pass: the same matches as the plain scans.
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from extractors import regions as _regions  # noqa: E402
from extractors.base import nonspace_runs  # noqa: E402

_REGION_PIECES = st.sampled_from([
    " ", "\n", "\t", "(", ".", "@", ":", "x", "Celle", "http://", "HTTPS://", "hTtPſ://", "www.", "WWW.", "wWw", ".de", ".DE",
    ".info", ".İnfo",
    "im ", "Landkreis ", "Kreis ", "in der ", "Stadt ", "bei ", "Lkr. ", "LK ", "Gemeinde ",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_REGION_PIECES, max_size=20).map("".join))
def test_fast_scans_find_what_the_plain_scans_find(text):
    urls = [m.span() for a, b in nonspace_runs(_regions._URL_TRIGGER, text)
            for m in _regions._URL_RE.finditer(text, a, b)]
    assert urls == [m.span() for m in _regions._URL_RE.finditer(text)]
    at = _regions._qualifier_matches(text)
    for i in range(len(text) + 1):
        q = _regions._QUALIFIER_AFTER.match(text, i)
        assert at.get(i) == (q and (q.end(), q.group()))


def test_word_table_holds_the_word_pattern_matches():
    from extractors.regions_gazetteer import WORD_RE, word_table
    for text in ("Leine-Weser-Gebiet und Celle‐Nord", "MHKBG_NRW in Bad_Bevensen", "", "a_b-c d‐_e 12-3",
                 "-Celle- , Nord‐-Süd_ x", "Bad Bevensen-"):
        texts, starts, ends, gaps = word_table(text)
        found = list(WORD_RE.finditer(text))
        assert texts == [m.group() for m in found]
        assert list(zip(starts, ends)) == [m.span() for m in found]
        bounds = [0, *(p for m in found for p in m.span()), len(text)]
        assert gaps == [text[a:b] for a, b in zip(bounds[::2], bounds[1::2])]


def test_region_bounds_follow_the_span_group(nlp):
    from extractors.regions import region_bounds
    doc = run(nlp, "Der Landkreis Celle und die Stadt Hannover fördern Projekte in Niedersachsen.")
    spans = list(doc.spans["regions"])
    assert region_bounds(doc) == [(s.start, s.end) for s in spans] and len(spans) == 3
    doc.spans["regions"] = spans[1:]   # another group: the bounds noted for the first are not used
    assert region_bounds(doc) == [(s.start, s.end) for s in spans[1:]]
