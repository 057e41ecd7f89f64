"""press_programs on invented sentences: every form it should find, and what it must leave alone."""
from __future__ import annotations

import pytest
import spacy

import extractors  # noqa: F401  (registers the factories)
from extractors.base import zones
from extractors.programs_lexicon import stem, stem_key
from schemas import Program


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("press_programs")
    return nlp


def programs(nlp, text: str) -> list[Program]:
    doc = nlp(text)
    return list((doc._.facts or {}).get("programs", []))


def names(nlp, text: str) -> list[str]:
    return [p.name for p in programs(nlp, text)]


# ------------------------------------------------------------------ quoted names after a head word

@pytest.mark.parametrize("text, expected", [
    ("Mit dem Programm „Zukunftsräume Niedersachsen“ fördert das Land kleinere Städte.", "Zukunftsräume Niedersachsen"),
    ("Das Förderprogramm ‚Neustart im Quartier‘ startet im Mai.", "Neustart im Quartier"),
    ("Grundlage ist die Richtlinie „Landschaftswerte“ des Landes.", "Landschaftswerte"),
    ("Im Rahmen des Projekts „Digitale Dorfmitte Beispielstadt“ entsteht ein Treffpunkt.", "Digitale Dorfmitte Beispielstadt"),
    ("Der Wettbewerb \"Grüne Höfe\" geht in die zweite Runde.", "Grüne Höfe"),
    ("Das Bundesprogramm „Gemeinsam wachsen!“ wird fortgesetzt.", "Gemeinsam wachsen!"),
    ("Das Sonderprogramm des Landes „Stadt und Land – Hand in Hand“ ist beliebt.", "Stadt und Land – Hand in Hand"),
])
def test_quoted_name_after_head(nlp, text, expected):
    assert names(nlp, text) == [expected]


def test_coordinated_quoted_names(nlp):
    found = names(nlp, "Bei zwei Vorhaben wirken die Programme ‚Ortskern aktiv‘ und ‚Kofinanzierung plus‘ zusammen.")
    assert found == ["Ortskern aktiv", "Kofinanzierung plus"]


def test_quoted_name_with_head_inside_or_after(nlp):
    assert names(nlp, "Die Landesregierung verlängert den „Pakt für Heimatvereine“ um zwei Jahre.") == [
        "Pakt für Heimatvereine"]
    assert names(nlp, "Das „Fit für morgen“-Programm läuft aus.") == ["Fit für morgen"]
    assert names(nlp, "Das Land hat das „Dorferneuerungsprogramm 2025“ veröffentlicht.") == [
        "Dorferneuerungsprogramm 2025"]


@pytest.mark.parametrize("text", [
    "„Das Programm ist ein voller Erfolg“, sagte Landrat Hans Probe.",
    "„Mit dem Förderprogramm helfen wir den Kommunen“, sagte die Ministerin.",
    "Das Programm „ist ein wichtiger Baustein für die Region“, betonte der Minister.",
    "Zum Projekt: „Wir freuen uns sehr“, sagte Bürgermeisterin Lena Muster.",
    "Danach ging es zum Waldgasthaus „Zum Kuckuck“ in Beispielheim.",
    "Das Rahmenprogramm „Musik am Abend“ begleitet die Tagung.",
    "Die Bürgerinitiative „Rettet den Stadtpark“ sammelte Unterschriften.",
])
def test_quotes_that_are_no_programme(nlp, text):
    assert names(nlp, text) == []


# ------------------------------------------------------------------ lexicon

def test_known_acronyms(nlp):
    found = names(nlp, "Rund 8 Millionen Euro kommen aus den EU-Förderfonds EFRE und ESF+ (EFRE/ESF+).")
    assert found == ["EFRE", "ESF+"]        # ESF+ is not also read as ESF


def test_acronym_in_compound_and_inflected(nlp):
    assert names(nlp, "Die LEADER-Region erhält EFRE-Mittel.") == ["LEADER", "EFRE"]
    assert names(nlp, "Davon profitieren die REGIONALEN im Bergischen Land.") == ["REGIONALE"]


def test_known_long_form_inflected(nlp):
    ps = programs(nlp, "Das Land investiert Mittel aus dem Europäischen Landwirtschaftsfonds für die "
                       "Entwicklung des ländlichen Raumes in Dorfläden.")
    assert [p.name for p in ps] == ["Europäischer Landwirtschaftsfonds für die Entwicklung des ländlichen Raums"]
    assert ps[0].kind == "fund"
    assert ps[0].mentions[0].text.startswith("Europäischen Landwirtschaftsfonds")


def test_lexicon_respects_capitals_and_exclamation_mark(nlp):
    assert names(nlp, "Davon profitieren besonders die kleineren Städte und Gemeinden im Land.") == []
    assert names(nlp, "Viele Menschen wollen Demokratie leben und gestalten.") == []
    assert names(nlp, "Das Programm Demokratie leben! fördert Projekte.") == ["Demokratie leben!"]


def test_known_name_as_first_part_of_compound(nlp):
    assert names(nlp, "Sie besuchten das Zukunftsräumeprojekt MakerSpace an der Gesamtschule.") == [
        "Zukunftsräume", "MakerSpace"]


# ------------------------------------------------------------------ acronym <-> long form

def test_definition_joins_long_form_and_acronym(nlp):
    text = ("Die Mittel stammen aus dem Europäischen Fonds für Regionale Entwicklung (EFRE). "
            "Der EFRE finanziert auch Radwege.")
    ps = programs(nlp, text)
    assert len(ps) == 1
    p = ps[0]
    assert p.name == "Europäischer Fonds für regionale Entwicklung"
    assert p.aliases == ["EFRE"]
    assert [m.text for m in p.mentions] == ["Europäischen Fonds für Regionale Entwicklung", "EFRE", "EFRE"]


def test_definition_of_unknown_acronym(nlp):
    ps = programs(nlp, "Gefördert wird aus dem Landesprogramm Handwerk Digital (LHD). Das LHD läuft bis 2027.")
    assert len(ps) == 1
    assert ps[0].aliases == ["LHD"]
    assert "Handwerk Digital" in ps[0].name


def test_definition_with_acronym_first(nlp):
    ps = programs(nlp, "Das KIP (Kommunalinvestitionsprogramm) unterstützt Schulen.")
    assert [(p.name, p.aliases) for p in ps] == [("Kommunalinvestitionsprogramm", ["KIP"])]
    assert names(nlp, "Das Projekt wird vom BMBF (Bundesministerium für Bildung und Forschung) gefördert.") == []


def test_acronym_in_apposition_to_head_compound(nlp):
    ps = programs(nlp, "Mit dem Kommunalinvestitionsprogramm KIP unterstützt das Land Kommunen.")
    assert [(p.name, p.aliases) for p in ps] == [("Kommunalinvestitionsprogramm", ["KIP"])]
    assert names(nlp, "Die Förderung läuft im Rahmen des Entwicklungsprogrammes PFEIL.") == ["PFEIL"]


@pytest.mark.parametrize("text", [
    "Die Kreditanstalt für Wiederaufbau (KfW) vergibt zinsgünstige Kredite.",
    "Das Amt für regionale Landesentwicklung (ArL) berät die Kommunen.",
])
def test_definition_of_an_organisation_is_no_programme(nlp, text):
    assert names(nlp, text) == []


def test_singular_and_plural_mentions_merge(nlp):
    text = ("Genau darauf setzt unser Programm ‚Zukunftsregion in Niedersachsen‘. "
            "Mit dem Programm „Zukunftsregionen in Niedersachsen“ unterstützt das Land Kooperationen. "
            "Das Programm „Zukunftsregionen in Niedersachsen“ läuft bis 2028.")
    ps = programs(nlp, text)
    assert len(ps) == 1
    assert ps[0].name == "Zukunftsregionen in Niedersachsen"
    assert ps[0].aliases == ["Zukunftsregion in Niedersachsen"]
    assert len(ps[0].mentions) == 3


# ------------------------------------------------------------------ compounds

@pytest.mark.parametrize("text, expected, kind", [
    ("Wir brauchen ein Demokratiefördergesetz.", "Demokratiefördergesetz", "law"),
    ("Das Kabinett beschloss eine Änderung des Landesbeamtengesetzes.", "Landesbeamtengesetz", "law"),
    ("Das Startchancen-Programm beginnt zum Schuljahr 2024/25.", "Startchancen-Programm", "programme"),
    ("Im Mittelpunkt steht das Gute-KiTa-Gesetz des Bundes.", "Gute-KiTa-Gesetz", "law"),
    ("Dazu kommen Mittel für das 5-Standorte-Programm im Revier.", "5-Standorte-Programm", "programme"),
    ("Grundlage ist § 6 des ERP-Wirtschaftsplangesetzes 2025.", "ERP-Wirtschaftsplangesetz", "law"),
])
def test_compound_names(nlp, text, expected, kind):
    ps = programs(nlp, text)
    assert [(p.name, p.kind) for p in ps] == [(expected, kind)]


@pytest.mark.parametrize("text", [
    "Der Kreis entwickelt eine KI-Strategie für die Verwaltung.",
    "Anlässlich des Geburtstages des Grundgesetzes lud der Bund ein.",
    "Das EU-Programm und das Gesetz treten in Kraft.",
    "Die Förderung erfolgt über ein Förderprogramm des Landes.",
    "Das BMWSB-Programm wurde vorgestellt.",
    "Das 100-Millionen-Programm wurde vorgestellt.",
])
def test_generic_nouns_are_no_programme(nlp, text):
    assert names(nlp, text) == []


# ------------------------------------------------------------------ unquoted names after a head

@pytest.mark.parametrize("text, expected", [
    ("Sechs Kommunen wurden ins Förderprogramm Dorfentwicklung aufgenommen.", "Dorfentwicklung"),
    ("Mit dem Programm Nationale Projekte des Städtebaus fördert der Bund Vorhaben.",
     "Nationale Projekte des Städtebaus"),
    ("Die Förderung läuft im Rahmen des Entwicklungsprogrammes PFEIL.", "PFEIL"),
    ("Geld aus dem Bundesprogramm Mehrgenerationenhaus, das seit Jahren läuft, erhalten drei Vereine.",
     "Mehrgenerationenhaus"),
    ("Das Land fördert im Rahmen der Landeskampagne Start-up BW die Gründerzentren.", "Start-up BW"),
    ("Die Strategie Niedersachsen 2030 wird fortgeschrieben.", "Niedersachsen 2030"),
    ("Erste Bescheide aus dem Bundesförderprogramm für den Breitbandausbau sind erteilt.",
     "Bundesförderprogramm für den Breitbandausbau"),
    ("Der Bund hat den Nationalen Aktionsplan Integration vorgestellt.", "Nationaler Aktionsplan Integration"),
    ("Die Landesregierung setzt die Nationale Wasserstoffstrategie um.", "Nationale Wasserstoffstrategie"),
    ("Im Rahmen der Strategie Künstliche Intelligenz der Bundesregierung entstehen Projekte.",
     "Künstliche Intelligenz"),
])
def test_unquoted_name_after_head(nlp, text, expected):
    assert names(nlp, text) == [expected]


@pytest.mark.parametrize("text", [
    "Im Projekt Schülerinnen und Schüler lernen programmieren.",
    "Das Projekt startet Anfang 2026 in Beispielstadt.",
    "Im Wettbewerb Jugend forscht gewann eine Schülerin.",
    "Mit der Förderrichtlinie Digitalisierung kleiner Unternehmen hilft das Land.",
    "Der Förderverein unterstützt das Projekt Theater AG.",
    "Das Förderprogramm Kommunen stärken unterstützt Gemeinden.",
    "Das Bundesprogramm für den Ausbau von Radwegen wird aufgestockt.",
    "Das Land finanziert aus dem Förderprogramm Investitionen in Schulen.",
    "12 Termine stehen insgesamt auf dem Programm. Im Fokus steht die Landwirtschaft.",
])
def test_no_partial_or_generic_names_after_head(nlp, text):
    assert names(nlp, text) == []


# ------------------------------------------------------------------ record contract

def test_mentions_spans_ids_and_kinds(nlp):
    text = ("Mit dem Programm „Zukunftsräume Niedersachsen“ und dem Europäischen Sozialfonds Plus (ESF+) "
            "fördert das Land Projekte. Auch das Gute-KiTa-Gesetz hilft.")
    doc = nlp(text)
    ps = doc._.facts["programs"]
    assert [p.name for p in ps] == ["Zukunftsräume Niedersachsen", "Europäischer Sozialfonds Plus",
                                    "Gute-KiTa-Gesetz"]
    assert [p.kind for p in ps] == ["programme", "fund", "law"]
    for p in ps:
        for m in p.mentions:
            assert text[m.start:m.end] == m.text
    assert len(doc.spans["programs"]) == sum(len(p.mentions) for p in ps)
    assert all(s._.fact is not None for s in doc.spans["programs"])
    again = nlp(text)._.facts["programs"]
    assert [p.id for p in again] == [p.id for p in ps]
    assert len({p.id for p in ps}) == 3


def test_contact_zone_is_skipped(nlp):
    text = "Das Programm „Grüne Höfe“ startet.\nKontakt: Projektbüro EFRE, Musterstraße 1"
    doc = nlp.make_doc(text)
    zones(doc)["contact"] = (text.index("Kontakt"), len(text))
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [p.name for p in doc._.facts["programs"]] == ["Grüne Höfe"]


def test_empty_text(nlp):
    doc = nlp("")
    assert (doc._.facts or {}).get("programs", []) == []
    assert list(doc.spans["programs"]) == []


def test_stem_makes_inflections_equal():
    assert stem("Europäischen") == stem("Europäischer")
    assert stem("Raumes") == stem("Raums")
    assert stem_key("Zukunftsregionen in Niedersachsen") == stem_key("Zukunftsregion in Niedersachsen")


# ------------------------------------------------------------------ nominative of inflected names

@pytest.mark.parametrize("text, expected", [
    ("Die Mittel stammen aus der Einkommensorientierten Förderung (EOF).", "Einkommensorientierte Förderung"),
    ("Das Geld kommt aus dem Kommunalen Wohnraumförderungsprogramm (KommWFP).",
     "Kommunales Wohnraumförderungsprogramm"),
    ("Hinzu kommen Zuschüsse aus dem Sächsischen regionalen Förderprogramm für das Handwerk (SRF).",
     "Sächsisches regionales Förderprogramm für das Handwerk"),
    ("Die Mittel des Digitalen Investitionsfonds (DIF) sind verplant.", "Digitaler Investitionsfonds"),
    ("Die Jury des Stadt-Land-Wettbewerbs (SLW) hat entschieden.", "Stadt-Land-Wettbewerb"),
])
def test_inflected_long_forms_return_to_the_nominative(nlp, text, expected):
    assert names(nlp, text) == [expected]


def test_capitalised_adjective_with_lower_case_adjectives_before_head(nlp):
    assert names(nlp, "Geld kommt aus dem Sächsischen regionalen Förderprogramm.") == \
        ["Sächsisches regionales Förderprogramm"]
    assert names(nlp, "Sie nutzen die digitalen kommunalen Programme.") == []


def test_nominative_leaves_unknown_nouns_and_place_adjectives_alone():
    from extractors.programs_rules import nominative
    assert nominative("Berliner Schulbauoffensive") == "Berliner Schulbauoffensive"
    assert nominative("Vitale Dörfer") == "Vitale Dörfer"                          # plural: unknown gender
    assert nominative("Nationale Projekte des Städtebaus") == "Nationale Projekte des Städtebaus"
    assert nominative("Europäischer Fonds für regionale Entwicklung") == \
        "Europäischer Fonds für regionale Entwicklung"
    assert nominative("Nationalen Strategie") == "Nationale Strategie"


# ------------------------------------------------------------------ long forms headed by a head word

def test_headed_long_form_with_acronym_that_does_not_spell_out(nlp):
    ps = programs(nlp, "Gefördert wird über die Richtlinie zur Förderung der nachhaltigen Dorfentwicklung "
                       "(NDERL S-H) mit Mitteln des Landes.")
    assert [(p.name, p.aliases, p.kind) for p in ps] == [
        ("Richtlinie zur Förderung der nachhaltigen Dorfentwicklung", ["NDERL S-H"], "guideline")]


def test_written_out_law_title_with_short_name(nlp):
    ps = programs(nlp, "Der Landtag beschloss das Gesetz zur Stärkung der kommunalen Schwimmbäder "
                       "(Schwimmbadstärkungsgesetz). Das Schwimmbadstärkungsgesetz gilt ab Mai.")
    assert [(p.name, p.kind) for p in ps] == [("Schwimmbadstärkungsgesetz", "law")]
    assert ps[0].aliases == ["Gesetz zur Stärkung der kommunalen Schwimmbäder"]


@pytest.mark.parametrize("text", [
    "Das Gesetz zur Änderung des Baugesetzbuchs (BauGB) tritt in Kraft.",      # BauGB is the last word only
    "Der Verein für Sport und Kultur (VSK) erhielt Geld.",
    "Die Förderung für Kinder (siehe Anlage) läuft.",
    "Das Gesetz über die Feststellung des Haushaltsplans (Haushaltsgesetz) liegt vor.",
])
def test_no_headed_long_form_without_a_programme(nlp, text):
    assert names(nlp, text) == []


# ------------------------------------------------------------------ quoted names with dashes and full stops

@pytest.mark.parametrize("text, expected", [
    ("Das Land verlängert das Bundesprogramm „Dorfladen. Gemeinsam – Vor Ort“ bis 2028.",
     "Dorfladen. Gemeinsam – Vor Ort"),
    ("Seit 2020 hat das Land über das Förderprogramm „Heimat. Wandel. Beispielland.“ investiert.",
     "Heimat. Wandel. Beispielland."),
    ("- „Lebendige Zentren – Stärkung der Ortskerne im ländlichen Raum“: 30 Mio. €",
     "Lebendige Zentren – Stärkung der Ortskerne im ländlichen Raum"),
    ("Kern des Plans ist der „Brückenschlag über den Fluss 2.0“, mit dem die Stadt wächst.",
     "Brückenschlag über den Fluss 2.0"),
])
def test_quoted_names_with_dash_full_stop_or_version(nlp, text, expected):
    assert names(nlp, text) == [expected]


@pytest.mark.parametrize("text", [
    "Die Ministerin sagte im Projekt „Wir bauen. Das ist gut so.“ etwas.",   # a sentence, not a name
    "„Wir sind bei Version 2.0“, sagte sie.",
    "Er rief: „Mehr Geld – jetzt!“",
])
def test_quoted_sentences_stay_out(nlp, text):
    assert names(nlp, text) == []


# ------------------------------------------------------------------ compounds, versions, English names

@pytest.mark.parametrize("text, expected", [
    ("Das Dorfladenförderprogramm wird fortgesetzt.", "Dorfladenförderprogramm"),
    ("Der Bund trägt die Hälfte aus der Glasfaser-Richtlinie 3.0, das Land den Rest.", "Glasfaser-Richtlinie 3.0"),
    ("Das Ministerium stockt seinen Beitrag zum Moldova Heating Support Fund auf.", "Moldova Heating Support Fund"),
    ("Supported by state aid under the European Batteries Act, the plant opens.", "European Batteries Act"),
    ("Die Förderfamilie „Wandel & Region“ läuft seit 2017.", "Wandel & Region"),
])
def test_compounds_versions_and_english_names(nlp, text, expected):
    assert names(nlp, text) == [expected]


@pytest.mark.parametrize("text", [
    "Das Bundesförderprogramm läuft, ein Landesförderprogramm fehlt.",
    "Ein Dorfladenförderprogramm wäre gut.",
    "Die Mittel kommen aus dem KfW-Programm und der KfW-Richtlinie.",
    "Die EU-Richtlinie gilt ab dem 2.10.2025.",
    "Sie sprach mit dem International Monetary Fund und dem World Food Programme.",
    "Die Energy Fund ist kein Name.",
    "Großer Archäologischer Fund bei Bauarbeiten in der Altstadt",
    "Bereits im Vorjahr hatte das Land 1,8 Millionen Euro an Überbrückungshilfen gezahlt.",
])
def test_generic_compounds_and_organisations_stay_out(nlp, text):
    assert names(nlp, text) == []


def test_english_acronym_act_and_definition(nlp):
    assert names(nlp, "Der AI Act gilt ab 2026.") == ["AI Act"]
    ps = programs(nlp, "Die Umsetzung des Digital Markets Act (DMA) beginnt. Der DMA gilt für Plattformen.")
    assert [(p.name, p.aliases, p.kind) for p in ps] == [("Digital Markets Act", ["DMA"], "law")]
    assert names(nlp, "Der International Monetary Fund (IMF) hilft.") == []
    assert names(nlp, "Die ESF Programme laufen aus.") == ["ESF"]      # German plural, not English


def test_named_singular_of_an_exact_entry_is_found(nlp):
    assert names(nlp, "Die Überbrückungshilfe III läuft aus.") == ["Überbrückungshilfe III"]


# ------------------------------------------------------------------ programme strands and periods

@pytest.mark.parametrize("text, expected", [
    ("Das Vorhaben wird aus dem Programm Interreg North Sea der Europäischen Union gefördert.",
     "Interreg North Sea"),
    ("Der Ausschuss des Programms Interreg VI-A Oberrhein-Schwarzwald tagte.",
     "Interreg VI-A Oberrhein-Schwarzwald"),
    ("Mit Interreg Fördermitteln entstehen Radwege.", "Interreg"),
    ("Die Mittel kommen aus Interreg EFRE-Mitteln.", "Interreg"),
])
def test_interreg_takes_its_strand(nlp, text, expected):
    assert expected in names(nlp, text)


def test_strand_may_be_a_region_found_in_the_text():
    from extractors.programs_rules import lexicon_hits, words_of
    from extractors.programs_lexicon import lexicon
    text = "Mittel aus Interreg Oberrhein fließen."
    hits = lexicon_hits(text, words_of(text, lexicon("de/programs.tsv")), lexicon("de/programs.tsv"), frozenset({"Oberrhein"}))
    assert [h.name for h in hits] == ["Interreg Oberrhein"]
    hits = lexicon_hits(text, words_of(text, lexicon("de/programs.tsv")), lexicon("de/programs.tsv"))
    assert [h.name for h in hits] == ["Interreg"]


def test_period_after_a_programme_is_no_name(nlp):
    assert names(nlp, "Der Wettbewerb ist Teil des EFRE-Programms Beispielland 2021–2027.") == ["EFRE"]
    assert names(nlp, "Die Strategie Beispielland 2030 wird fortgeschrieben.") == ["Beispielland 2030"]


def test_one_word_name_merges_into_the_longer_name_it_starts(nlp):
    ps = programs(nlp, "Häfen arbeiten im Projekt HafenNetz zusammen. Das Treffen des Projekts "
                       "„HafenNetz Ostsee“ fand in Kiel statt.")
    assert [p.name for p in ps] == ["HafenNetz Ostsee"]
    assert ps[0].aliases == ["HafenNetz"]


# ------------------------------------------------------------------ robustness

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = ["Programm", "Förderprogramm", "„", "“", "‚", "‘", "\"", "(", ")", "EFRE", "ESF+", "-Gesetz",
           "Projekt", "Nationale", "des", "für", "den", "Zukunft", "Dorf", " ", " ", ". ", "\n", "Richtlinie",
           "Europäischen Fonds für Regionale Entwicklung", "(GRW)", "Gute-KiTa-Gesetz", "2030", "!", "und"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_any_text_gives_valid_programmes(nlp, pieces):
    text = "".join(pieces)
    for p in programs(nlp, text):
        assert p.name and p.name == p.name.strip()
        assert p.mentions
        for m in p.mentions:
            assert text[m.start:m.end] == m.text


# ------------------------------------------------------------------ audit fixes (invented sentences)

@pytest.mark.parametrize("text, expected", [
    # concept and dialogue heads take a quoted name
    ("Gefördert wird das im Rahmen des Handlungskonzepts „Weltoffenes Musterland“ der Landesregierung.",
     ["Weltoffenes Musterland"]),
    ("Die Gemeinde Beispielheim startet den Stadtdialog „Vom Plan zum Platz“ im Herbst.", ["Vom Plan zum Platz"]),
    # an over-long quoted title after a head: the part before the subtitle dash
    ("Auf der Pressekonferenz zum Landesprogramm „Musterland hält zusammen – gemeinsam gegen die Folgen "
     "der hohen Preise für alle Familien und Betriebe im ganzen Land“ sprach Ministerin Vera Kolbe.",
     ["Musterland hält zusammen"]),
    # "Titel des Programms: „…“" with a full stop inside the quote
    ("Der Titel des Programms: „Stärkung der Pflegekräfte in ländlichen Räumen.“ Es läuft drei Jahre.",
     ["Stärkung der Pflegekräfte in ländlichen Räumen"]),
    # single quotes and the comma typo for the low quote, lower-case first word
    ("Wir nutzen das Förderprogramm ‚digitale Werkstätten an Berufsschulen‘ voll aus.",
     ["digitale Werkstätten an Berufsschulen"]),
    ("Wir nutzen das Förderprogramm ,digitale Werkstätten an Berufsschulen‘ voll aus.",
     ["digitale Werkstätten an Berufsschulen"]),
    # guideline codes with a slash and a year stay whole
    ("Betriebe erhalten Zuschüsse über die Förderrichtlinie KMU/2024 und die Richtlinie TEC/2022.",
     ["KMU/2024", "TEC/2022"]),
    # a list of quoted names with amounts in brackets
    ("Schwerpunkte bilden die Programme „Klügeres Musterland“ (rund 300 Mio. Euro), „Grüneres Musterland“ "
     "sowie „Sozialeres Musterland“ (je 90 Mio. Euro).",
     ["Klügeres Musterland", "Grüneres Musterland", "Sozialeres Musterland"]),
])
def test_audit_shapes_found(nlp, text, expected):
    assert names(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Aus dem Paket stehen 300 Mio. Euro für das Bundesprogramm zur Verfügung.",
    "Brüssel hat ein großes Programm Sachsens für die Förderperiode 2021 bis 2027 genehmigt.",
    "Das Konzept sieht vor, dass die Schulen mehr Geld bekommen.",
    "Im Dialog mit den Bürgern wurde das Konzept Innenstadt weiterentwickelt.",
    "Sie sagte: ,wir wollen das schaffen‘, und ging.",             # comma quote without a head word
    "Sie nannte das Projekt ‚ein echter Gewinn für alle Beteiligten‘.",   # a remark in single quotes
])
def test_audit_shapes_left_out(nlp, text):
    assert names(nlp, text) == []


def test_long_form_with_lexicon_acronym_is_one_programme(nlp):
    progs = programs(nlp, "Die Mittel aus dem Europäischen Landwirtschaftsfonds (ELER) sind gesichert. "
                          "Der ELER fördert auch Dörfer.")
    assert len(progs) == 1
    assert {progs[0].name, *progs[0].aliases} == {"Europäischer Landwirtschaftsfonds", "ELER"}


# ------------------------------------------------------------------ audit of unseen releases: general shapes

@pytest.mark.parametrize("text, expected", [
    # a coordinated "für …" phrase after a Landes-/Bundesprogramm, also after "dem neuen"
    ("Mit dem neuen Landesprogramm für Demokratie, Vielfalt und Weltoffenheit stärken wir Vereine.",
     "Landesprogramm für Demokratie, Vielfalt und Weltoffenheit"),
    ("Aus dem Bundesprogramm für Kitas und Familienzentren fließen zwei Millionen Euro.",
     "Bundesprogramm für Kitas und Familienzentren"),
    # a law's title after the bare word "Gesetz"
    ("Grundlage ist das Gesetz zur Kooperation und Information im Dorfschutz.",
     "Gesetz zur Kooperation und Information im Dorfschutz"),
    ("Auf Grundlage des Gesetzes über die Feststellung des Haushaltsplans wird gezahlt.",
     "Gesetz über die Feststellung des Haushaltsplans"),
    # a quote that starts with a known programme and goes on with its qualifiers holds the full name
    ("Gefragt ist die „Überbrückungshilfe des Bundes für Bäckereien und Imkereien“.",
     "Überbrückungshilfe des Bundes für Bäckereien und Imkereien"),
    # "Vorhaben" takes a quoted name
    ("Gefördert werden Modell- und Demonstrationsvorhaben „Grüne Mitte Beispielstadt“.", "Grüne Mitte Beispielstadt"),
])
def test_audit_named_shapes(nlp, text, expected):
    assert names(nlp, text) == [expected]


@pytest.mark.parametrize("text", [
    "Ein neues Landesprogramm für Demokratie hilft den Vereinen.",
    "Ein Gesetz zur Stärkung der Familien fehlt bislang.",
    "Das Gesetz soll im Herbst kommen.",
    "Für ein vom Ministerium zu benennendes „Leuchtturmprojekt“ gibt es mehr Geld.",
    "Das Vorhaben „ist ein großer Gewinn für alle“, sagte sie.",
    "Gefördert wird ein „Modellprojekt“ in der Altstadt.",
])
def test_audit_generic_shapes(nlp, text):
    assert names(nlp, text) == []


# ------------------------------------------------------------------ speed rewrites find what the plain patterns find

_TRICKY = [
    "EFRE (Europäischer Fonds für regionale Entwicklung) und ESF+ (Europäischer Sozialfonds Plus)",
    "x-AB (Alpha Beta) AB (ab) A (B) CD (Cee Dee) (EF (Eff Gee))", "KIP-M-V (Kommunales Investitionsprogramm)\n(X)",
    "Das ist „ein Zitat“ und ‚noch eins‘ und „offen\n„zu“ » a « «b» \"c d\" 'De' “e” ,digitale Bildung‘ x ,y‘",
    "Satz. Noch einer!\n\nNeu: Liste; (Klammer) Ende\n" + "„" + "a" * 130 + "“",
]


def test_acronym_first_matches_are_those_of_finditer():
    from extractors.programs_rules import _ACR_FIRST, _acronym_first_matches
    for text in _TRICKY:
        assert [m.span() for m in _acronym_first_matches(text)] == [m.span() for m in _ACR_FIRST.finditer(text)]


def test_possessive_quote_and_clause_patterns_match_as_the_plain_ones():
    import re

    from extractors.programs_rules import _CLAUSE_END, _QUOTE_RES
    plain = [re.compile(rx.pattern.replace("}+", "}").replace(",(?<= ,)", "(?<= ),")) for rx in _QUOTE_RES]
    plain.append(re.compile(r"[.!?:;\n(]\s|\n"))
    for text in _TRICKY:
        for fast, slow in zip((*_QUOTE_RES, _CLAUSE_END), plain):
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in slow.finditer(text)]


def test_span_bounds_are_read_from_the_group_once_it_changed(nlp):
    from extractors.base import span_bounds
    doc = nlp("Das Programm „Soziale Stadt“ fördert Quartiere.")
    group = doc.spans["programs"]
    assert len(group) == 1
    assert span_bounds(doc, "programs") == ([(s.start, s.end) for s in group], [(s.start_char, s.end_char) for s in group])
    doc.spans["programs"] = list(group)[:0]
    assert span_bounds(doc, "programs") == ([], [])


# ------------------------------------------------------------------ audit 4: one-word typed compounds, Leader-, years

@pytest.mark.parametrize("text, expected, kind", [
    # a topic before a programme-type word ("sofort", "sonder", "investitions", …) names one programme
    ("Das Umweltsofortprogramm des Landes läuft bis 2027.", "Umweltsofortprogramm", "programme"),
    ("Mittel aus dem Zukunftsinvestitionsfonds fließen in Beispieler Schulen.", "Zukunftsinvestitionsfonds", "fund"),
    ("Der Rat beschloss das Wohnungsbausonderprogramm für Beispielstadt.", "Wohnungsbausonderprogramm", "programme"),
])
def test_typed_one_word_compounds(nlp, text, expected, kind):
    assert [(p.name, p.kind) for p in programs(nlp, text)] == [(expected, kind)]


@pytest.mark.parametrize("text", [
    "Das Land legt ein Sofortprogramm für Hochwasseropfer auf.",
    "Das Sofortprogramm startet im Mai.",
    "Mit dem Sofort-Programm machen wir den ersten Schritt.",
    "Das Landessonderprogramm läuft aus, das Bundessofortprogramm auch.",
    "Ein Klimasofortprogramm wäre gut.",
    "Das Investitionsprogramm wird um 85 Millionen Euro aufgestockt.",
    "Die Investitionssonderprogramme laufen aus.",
    "Der Leader der Beispielband sprach zuerst.",
])
def test_generic_typed_compounds_stay_out(nlp, text):
    assert names(nlp, text) == []


def test_capitalised_acronym_before_hyphen_is_the_known_name(nlp):
    assert names(nlp, "Aus dem Leader-Topf kommen 50.000 Euro für die Beispieler Dorfmitte.") == ["LEADER"]


def test_known_name_with_a_year_is_one_programme(nlp):
    ps = programs(nlp, "Der Bund-Länder-Investitionspakt Sportstätten hilft Vereinen. Grundlage ist die "
                       "Vereinbarung „Investitionspakt zur Förderung von Sportstätten 2021“.")
    assert len(ps) == 1
    assert {ps[0].name, *ps[0].aliases} == {"Bund-Länder-Investitionspakt Sportstätten",
                                            "Investitionspakt zur Förderung von Sportstätten 2021"}


@pytest.mark.parametrize("text, expected", [
    # a title, heading or list item opens with the head word and no article
    ("Förderprogramm Dorfentwicklung: 14 Gemeinden aufgenommen\nDas Land fördert Dörfer.", ["Dorfentwicklung"]),
    ("Meldung\n• Bundesprogramm für Kitas und Familienzentren startet\nDas Land hilft.",
     ["Bundesprogramm für Kitas und Familienzentren"]),
    # the heading's one-word name and the quoted full title are one programme
    ("Bundesprogramm Beispielhaus: neue Runde\nDas Ministerium verlängert das Bundesprogramm "
     "„Beispielhaus. Jung – Alt“ bis 2028.", ["Beispielhaus. Jung – Alt"]),
])
def test_head_word_opening_a_line(nlp, text, expected):
    assert names(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Förderprogramm Investitionen in Schulen\nDas Land hilft.",
    "Sonderprogramm Kommunen startet\nDas Land hilft.",
    "Neu ist es. Förderprogramm Ortsentwicklung heißt es.",
])
def test_head_word_opening_a_line_needs_a_name(nlp, text):
    assert names(nlp, text) == []
