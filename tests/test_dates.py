"""press_dates: every date form the issue names, and the look-alikes that are no dates.

All texts are invented. The publication date of most cases is Thursday 12 February 2026.
"""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

import extractors  # noqa: F401  (registers the factories)
from extractors.base import facts, matches_at
from extractors.dates import find_dates

PUB = dt.date(2026, 2, 12)  # a Thursday


def values(text: str, published: dt.date | None = PUB) -> list[str]:
    return [v for _, v, _, _ in find_dates(text, published)]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("press_dates")
    return nlp


def run(nlp, text: str, published: dt.date | None = PUB, amounts=(), contact=None):
    doc = nlp.make_doc(text)
    doc._.published = published
    if contact:
        doc._.zones = {"contact": contact}
    if amounts:
        doc.spans["amounts"] = [doc.char_span(s, e, alignment_mode="expand") for s, e in amounts]
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


# ------------------------------------------------------------------ explicit dates

@pytest.mark.parametrize("text, expected", [
    ("Die Ministerin übergab am 12. Februar 2026 den Bescheid.", ["2026-02-12"]),
    ("Stichtag ist der 03.02.2025.", ["2025-02-03"]),
    ("Die Frist endet am 12.2.26.", ["2026-02-12"]),
    ("Seit dem 1.1.2024 gilt die neue Richtlinie.", ["2024-01-01"]),
    ("Der Vertrag (2025-06-30) liegt vor.", ["2025-06-30"]),
    ("Die Anhörung ist am 5. Okt. 2025 gewesen.", ["2025-10-05"]),
    ("Im Jänner 2026 war es kalt.", ["2026-01"]),
    ("Im Februar 2026 startet das Programm.", ["2026-02"]),
    ("Ende März 2026 soll alles fertig sein.", ["2026-03"]),
    ("Die Daten (Stand 03.2025) sind vorläufig.", ["2025-03"]),
    ("Die Mittel stehen bis zum 31. Dezember 2028 bereit.", ["2028-12-31"]),
    ("Der Ausschuss tagte am Mittwoch, den 20. November 2024, in Kiel.", ["2024-11-20"]),
    ("Am Mo., 16.02.2026 beginnt die Frist.", ["2026-02-16"]),
])
def test_explicit_forms(text, expected):
    assert values(text) == expected


def test_weekday_before_a_date_is_part_of_it_not_a_relative_date(nlp):
    doc = run(nlp, "Das Kabinett hat am Dienstag, 30. April 2024, getagt.")
    (item,) = facts(doc, "dates")
    assert (item.text, item.value, item.relative) == ("am Dienstag, 30. April 2024", "2024-04-30", False)


# ------------------------------------------------------------------ years and periods

@pytest.mark.parametrize("text, expected", [
    ("Im Jahr 2025 wurden 30 Projekte gefördert.", ["2025"]),
    ("Bis 2028 sollen 500 Kitas entstehen.", ["2028"]),
    ("Der Haushalt 2025 sieht mehr Mittel vor.", ["2025"]),
    ("Seit 2019 läuft das Projekt.", ["2019"]),
    ("Die Jahre 2017 und 2018 waren gut.", ["2017", "2018"]),
    ("Im ersten Halbjahr 2025 wurden 40 Anträge gestellt.", ["2025"]),
    ("Im Frühjahr 2026 beginnt der Bau.", ["2026"]),
    ("Bis Ende 2026 werden alle Anträge bearbeitet.", ["2026"]),
    ("Das Schuljahr 2025/26 beginnt bald.", ["2025", "2026"]),
    ("Die Strategie reicht über das Jahr 2050 hinaus.", ["2050"]),
    ("Die Zahl der Anträge (2024: 450) stieg.", ["2024"]),
])
def test_years(text, expected):
    assert values(text) == expected


@pytest.mark.parametrize("text", [
    "Die Förderperiode 2021-2027 läuft.",
    "Die Förderperiode 2021–2027 läuft.",
    "Die Förderperiode 2021 bis 2027 läuft.",
    "Die Förderperiode 2021–27 läuft.",
    "Zwischen 2021 und 2027 fließen die Mittel.",
])
def test_year_ranges_give_both_years_as_one_range(nlp, text):
    items = facts(run(nlp, text), "dates")
    assert [d.value for d in items] == ["2021", "2027"]
    assert items[0].range_id == items[1].range_id is not None
    assert [d.range_part for d in items] == ["start", "end"]
    assert all(d.granularity == "year" for d in items)


@pytest.mark.parametrize("text, expected", [
    ("Die Messe findet vom 1. bis 3. März 2026 statt.", ["2026-03-01", "2026-03-03"]),
    ("Die Messe findet vom 1.-3. März 2026 statt.", ["2026-03-01", "2026-03-03"]),
    ("Die Messe findet vom 1. bis 3. März statt.", ["2026-03-01", "2026-03-03"]),
    ("Die Schau ist vom 28. Dezember bis 3. Januar 2026 zu sehen.", ["2025-12-28", "2026-01-03"]),
    ("Geöffnet vom 12.02. bis 14.03.2026.", ["2026-02-12", "2026-03-14"]),
    ("Von Januar bis März 2026 läuft die Ausschreibung.", ["2026-01", "2026-03"]),
])
def test_day_and_month_ranges(nlp, text, expected):
    items = facts(run(nlp, text), "dates")
    assert [d.value for d in items] == expected
    assert items[0].range_id == items[1].range_id is not None
    assert (items[0].range_part, items[1].range_part) == ("start", "end")


def test_coordinated_days_are_two_dates_not_a_range(nlp):
    items = facts(run(nlp, "Die Klausur am 19. und 20. Januar 2026 war ein Erfolg."), "dates")
    assert [d.value for d in items] == ["2026-01-19", "2026-01-20"]
    assert all(d.range_id is None for d in items)


# ------------------------------------------------------------------ day or month without a year

@pytest.mark.parametrize("text, expected", [
    ("Anfang März beginnt die Bauphase.", ["2026-03"]),
    ("Mitte März wird eröffnet.", ["2026-03"]),
    ("Bewerbungen sind ab September möglich.", ["2026-09"]),
    ("Am 12.03. tagt der Ausschuss.", ["2026-03-12"]),
    ("Der Festakt beginnt um 10.30 Uhr am 12. Mai.", ["2026-05-12"]),
    # the release is from February: a November in the past tense was last year's
    ("Am 6. November eröffnete sie die Konferenz.", ["2025-11-06"]),
    ("Bis September dieses Jahres wird das Labor fertig.", ["2026-09"]),
    ("Anträge gehen zum 15.12. des Vorjahres ein.", ["2025-12-15"]),
    ("Im Juli und August finden Führungen statt.", ["2026-07", "2026-08"]),
    ("Die Quote sank von Februar auf März.", ["2026-02", "2026-03"]),
    ("Im Vergleich zum März des vorigen Jahres sank die Quote.", ["2025-03"]),
    ("Seit dem 1. Oktober läuft das Projekt.", ["2025-10-01"]),
])
def test_day_or_month_without_year_takes_the_publication_year(text, expected):
    assert values(text) == expected


def test_a_december_release_looks_ahead_into_january():
    assert values("Anträge sind ab 15. Januar möglich.", dt.date(2025, 12, 10)) == ["2026-01-15"]


def test_without_publication_date_the_year_comes_from_the_sentence():
    text = "Die Ministerin hat am 6. November die Konferenz „Zukunft Land“ 2018 eröffnet."
    assert values(text, None) == ["2018-11-06", "2018"]


def test_without_any_year_a_day_is_left_out():
    assert values("Am 6. November beginnt die Konferenz.", None) == []


def test_given_name_august_is_no_month():
    assert values("Das sagte August Müller in Celle.") == []
    assert values("August Müller sprach im August in Celle.") == ["2026-08"]


# ------------------------------------------------------------------ relative dates

@pytest.mark.parametrize("text, expected", [
    ("Heute übergab die Ministerin den Bescheid.", "2026-02-12"),
    ("Gestern wurde der Vertrag unterzeichnet.", "2026-02-11"),
    ("Die Ausstellung öffnet morgen ihre Türen.", "2026-02-13"),
    ("Morgen beginnt die Woche der Umwelt.", "2026-02-13"),
    ("Der Landtag hat am Montag den Haushalt beschlossen.", "2026-02-09"),
    ("Am kommenden Montag wird der Minister Celle besuchen.", "2026-02-16"),
    ("Am Dienstag wird der Minister Celle besuchen.", "2026-02-17"),
    ("Der Bundestag hat am Donnerstag debattiert.", "2026-02-12"),
    ("Am vergangenen Donnerstag wurde der Preis verliehen.", "2026-02-05"),
    ("Die Ministerin eröffnete am heutigen Donnerstag die Messe.", "2026-02-12"),
    ("Die Minister überreichten am (heutigen) Mittwoch die Bescheide.", "2026-02-12"),
    ("In der heutigen Kabinettssitzung wurde beraten.", "2026-02-12"),
    ("Die Anmeldung ist bis Freitag möglich.", "2026-02-13"),
    ("Nach Angaben des Ministeriums vom Freitag sind es 99 Kommunen.", "2026-02-06"),
    ("Ab dem morgigen Freitag gilt die neue Regel.", "2026-02-13"),
    ("Am Montag nächster Woche beginnt der Bau.", "2026-02-16"),
    ("Am Freitag der vergangenen Woche wurde gefeiert.", "2026-02-06"),
    ("Die Gewinner des diesjährigen Wettbewerbs stehen fest.", "2026"),
    ("In diesem Jahr werden 20 Projekte gefördert.", "2026"),
    ("Im nächsten Jahr folgt die zweite Runde.", "2027"),
    ("Im vergangenen Jahr gingen 120 Anträge ein.", "2025"),
    ("In Bayern fließen heuer 6 Millionen Euro.", "2026"),
])
def test_relative_dates_resolve_against_the_publication_date(nlp, text, expected):
    items = facts(run(nlp, text), "dates")
    assert [(d.value, d.relative) for d in items] == [(expected, True)]


@pytest.mark.parametrize("text", [
    "Heute übergab die Ministerin den Bescheid.",
    "Der Landtag hat am Montag den Haushalt beschlossen.",
    "Die Gewinner des diesjährigen Wettbewerbs stehen fest.",
    "In diesem Jahr werden 20 Projekte gefördert.",
])
def test_relative_dates_need_a_publication_date(text):
    assert values(text, None) == []


@pytest.mark.parametrize("text", [
    "Die heutigen Anforderungen an die Verwaltung sind hoch.",
    "Die Schule von morgen braucht Platz.",
    "Das änderte sich von heute auf morgen.",
    "Guten Morgen, sagte der Landrat.",
    "Die Sitzung dauerte bis in den Morgen.",
    "In den kommenden Jahren wächst der Bedarf.",
    "Die Ausstellung ist von Montag bis Freitag geöffnet.",
    "Sprechzeiten: Mo. bis Fr. 9 bis 12 Uhr",
    "Der Umsatz des Vorjahres stieg.",
])
def test_present_day_words_and_idioms_are_no_dates(text):
    assert values(text) == []


# ------------------------------------------------------------------ look-alikes

@pytest.mark.parametrize("text", [
    "Die Kosten betragen 13,5 Millionen Euro, mit 40 Projekten.",
    "So geht es: die Mittel werden mit Bescheid vergeben.",
    "Telefon: 0511 120-2026, Fax 0511 120-2019",
    "Tel. 0211/8618-2024",
    "Postanschrift: Planckstraße 2, 30169 Hannover",
    "Pressemitteilung Nr. 23/2026",
    "Pressemitteilung-Nr. 51/25",
    "Insgesamt gingen 1.450 Anträge ein.",
    "Nach § 2026 BGB gilt das nicht.",
    "Weitere Infos unter www.example.de/2024/presse oder presse2024@example.de",
    "Az. 2026/123 und Drucksache 19/2024",
    "Rund 2000 Gäste kamen, dazu über 2030 Teilnehmende.",
    "Der Bericht liegt als bericht_2024.pdf vor.",
    "Die B 2024 wird ausgebaut.",
    "Die Verordnung (EU) 2021/1060 regelt das.",
    "Das Land zahlt 2024 Euro pro Platz.",
    "Die Welterberegion zählt 26 061 Besucher.",
    "Die 1990er Jahre waren anders.",
    "Der Bus der Linie 2019 fährt ab 10.15 Uhr.",
    "Der 75. Geburtstag des Grundgesetzes wurde gefeiert.",
])
def test_look_alikes_are_no_dates(text):
    assert values(text) == []


def test_a_date_after_a_reference_number_still_counts():
    assert values("Nr. 23/2026 vom 12.03.2026") == ["2026-03-12"]


def test_amount_spans_are_skipped(nlp):
    text = "Für 2025 stehen 2026 Euro bereit."
    start = text.index("2026")
    items = facts(run(nlp, text, amounts=[(start, start + len("2026 Euro"))]), "dates")
    assert [d.value for d in items] == ["2025"]


def test_contact_block_keeps_full_dates_but_no_bare_years(nlp):
    body = "Die Förderung läuft seit 2019.\n"
    contact = "Pressestelle, Raum 2024, Stand: 12.02.2026, heute erreichbar"
    doc = run(nlp, body + contact, contact=(len(body), len(body + contact)))
    assert sorted(d.value for d in facts(doc, "dates")) == ["2019", "2026-02-12"]


# ------------------------------------------------------------------ component output

def test_component_writes_spans_and_valid_items(nlp):
    text = "Hannover, 12.02.2026 – Die Ministerin hat gestern in Celle 2025 gelobt."
    doc = run(nlp, text)
    items = facts(doc, "dates")
    assert [(d.value, d.granularity, d.relative) for d in items] == [
        ("2026-02-12", "day", False), ("2026-02-11", "day", True), ("2025", "year", False)]
    for d in items:
        assert text[d.start:d.end] == d.text
    assert [s.text for s in doc.spans["dates"]] == ["12.02.2026", "gestern", "2025"]
    assert all(s.label_ == "DATE" and s._.fact is not None for s in doc.spans["dates"])


def test_component_is_configurable(nlp):
    nlp2 = spacy.blank("de")
    nlp2.add_pipe("sentencizer")
    nlp2.add_pipe("press_dates", config={"span_group": "when", "relative": False})
    doc = nlp2.make_doc("Heute, im Jahr 2026.")
    doc._.published = PUB
    for _, proc in nlp2.pipeline:
        doc = proc(doc)
    # the span follows token bounds ("2026." is one token); the item keeps the exact text
    assert [s._.fact.text for s in doc.spans["when"]] == ["2026"]


def test_without_publication_date_a_lone_year_of_the_text_is_the_context():
    text = "Die Konferenz 2018 war ein Erfolg.\nAm 6. November sprach die Ministerin in Celle."
    assert values(text, None) == ["2018", "2018-11-06"]


# ------------------------------------------------------------------ a whole release

RELEASE = """\
Land fördert Radwege im Heidekreis mit 2,4 Millionen Euro
Pressemitteilung Nr. 17/2026
Hannover, 12.02.2026 – Verkehrsministerin Erika Beispiel hat am Mittwoch in Soltau \
Förderbescheide über 2,4 Millionen Euro übergeben. Die Mittel stammen aus dem Programm \
„Radland 2030“, das von 2021 bis 2027 läuft. Bereits im vergangenen Jahr flossen 1.450 \
Anträge ein; rund 2000 Gäste kamen zur Auftaktveranstaltung am 3. März 2025.
„Die heutigen Anforderungen an den Radverkehr sind hoch“, sagte die Ministerin. \
Die nächste Förderrunde startet im September, Anträge sind bis zum 30.06. möglich.
Die Radwege sollen bis Ende 2028 fertig sein. Am kommenden Dienstag besucht die \
Ministerin Walsrode.
Kontakt: Pressestelle, Tel. 0511 120-2026, presse2026@example.de, \
www.example.de/2024/radwege, Postfach 2019, 30159 Hannover
"""


def test_a_whole_release(nlp):
    text = RELEASE
    contact = text.index("Kontakt:")
    doc = run(nlp, text, contact=(contact, len(text)))
    got = sorted({d.value for d in facts(doc, "dates")})
    assert got == ["2021", "2025", "2025-03-03", "2026-02-11", "2026-02-12", "2026-02-17",
                   "2026-06-30", "2026-09", "2027", "2028", "2030"]


@pytest.mark.parametrize("text", [
    "29. bis 12.02.2026",          # no 29 February 2026: left out, no crash
    "1. - 2. - 3. und 4.",
    "am 1. und 2. und",
    "Mittwoch, den\n(heutigen) bis Freitag – 2021/20",
    "dieſes Jahr, HEUTE, MÄRZ 2026",
])
def test_odd_input_gives_valid_items_only(nlp, text):
    doc = run(nlp, text)
    for d in facts(doc, "dates"):
        assert text[d.start:d.end] == d.text
        dt.date.fromisoformat(d.value + "-01-01"[len(d.value) - 4:])


# ------------------------------------------------------------------ English releases

@pytest.mark.parametrize("text, expected", [
    ("The minister signed the declaration on 24 February 2026.", ["2026-02-24"]),
    ("The minister signed the declaration on February 24, 2026.", ["2026-02-24"]),
    ("Sentencing is scheduled for March 17.", ["2026-03-17"]),
    ("The conference is scheduled for June 13 to 17.", ["2026-06-13", "2026-06-17"]),
    ("The fair opens on 5, 6 and 7 May 2026.", ["2026-05-05", "2026-05-06", "2026-05-07"]),
    ("EU candidate status was granted in December 2023.", ["2023-12"]),
    ("Construction is due to start in early 2027.", ["2027"]),
    ("Between 2021 and 2027 Saxony receives funds.", ["2021", "2027"]),
    ("The minister visited the site on Tuesday.", ["2026-02-10"]),
    ("Last year 300 projects were funded.", ["2025"]),
    ("The law may pass in May.", ["2026-05"]),
    ("Call +49 30 18615 2026 or see No. 12/2026.", []),
])
def test_english_forms(text, expected):
    assert [v for _, v, _, _ in find_dates(text, PUB, lang="en")] == expected


def test_the_component_follows_the_pipeline_language():
    nlp_en = spacy.blank("en")
    nlp_en.add_pipe("press_dates")
    doc = nlp_en.make_doc("Berlin, 24 February 2026 – The minister spoke today.")
    doc._.published = dt.date(2026, 2, 24)
    doc = nlp_en.get_pipe("press_dates")(doc)
    assert [(d.value, d.relative) for d in facts(doc, "dates")] == [("2026-02-24", False), ("2026-02-24", True)]


def test_heute_meaning_nowadays_is_no_date():
    assert values("Schon heute nutzen viele Schulen das Angebot.") == []
    assert values("Bereits heute sind 300 Stellen besetzt, und das gilt heute noch.") == []
    assert values("Bis heute wurden 40 Anträge gestellt.") == []
    # the day itself still counts
    assert values("Heute übergab die Ministerin den Bescheid in Celle.") == ["2026-02-12"]


def test_day_and_month_after_a_weekday_in_a_schedule():
    assert values("Montag, 16.2.\n9:00 Uhr Besuch der Grundschule") == ["2026-02-16"]
    assert values("Termine: Di. 17.2., 14 Uhr, Rathaus") == ["2026-02-17"]
    # without a weekday or a date word a short "1.2." stays an outline number
    assert values("Siehe Abschnitt 1.2. des Berichts.") == []


# ------------------------------------------------------------------ fast scans (issue 6)
# The date patterns are tried only where a match can start (digit runs, month names) and the
# URL/file patterns only on the non-space runs holding a trigger: the same matches as a scan
# over the whole text, whatever the text.

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from extractors import dates as _dates  # noqa: E402

_PIECES = st.sampled_from([
    " ", "\n", ".", ",", "-", "–", "/", "§", "(", ":", "@", "12", "3", "2026", "2024", "0511", "+49",
    "März", "Mai", "MAI", "Jan.", "Januar", "Sept", "Juni", " bis ", " und ", "im ", "Nr.", "Tel.",
    "www.", "https://", "bund", ".de", ".pdf", "x", "Xmai", "Anfang ", "June", "March",
    "am ", "Montag", "MONTAG", "Friday", "heutige ", "Sitzung", "Morgen ", "morgen", "übermorgen", "Tag",
    "Geschäftszeichen", "TELEFON", "Fax:", "A", "\t", "Drucksache ",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, max_size=25).map("".join), st.sampled_from(["de", "en"]))
def test_fast_scans_find_what_a_full_scan_finds(text, lang):
    lex = _dates.lexicon(lang)
    digits = [m.start() for m in _dates._DIGIT_RUN.finditer(text)]
    for name in ("iso", "num_full", "text_date", "num_dm", "num_month", "year_range", "day_partial", "year"):
        assert [m.span() for m in matches_at(lex.re[name], text, digits)] == \
               [m.span() for m in lex.re[name].finditer(text)], name
    months = _dates._month_starts(text, lex.lang)
    for name in ("mon_year", "month_partial", "month_chain", "month_first"):
        assert [m.span() for m in matches_at(lex.re[name], text, months)] == \
               [m.span() for m in lex.re[name].finditer(text)], name
    for name in ("rel_exact", "weekday", "rel_adj"):
        assert [m.span() for m in _dates._scan(lex, name, text)] == [m.span() for m in lex.re[name].finditer(text)]
    plain = sorted(m.span() for name in ("url", "email", "file", "phone", "reference")
                   for m in lex.re[name].finditer(text))
    _assert_blocked_as(plain, text, lex)


def _assert_blocked_as(plain, text, lex):
    """_Blocked.overlaps answers as a test against all the `plain` ranges, whatever the ranges
    asked about and their order (it remembers what it found per line)."""
    ranges = [(s, e) for s in range(len(text)) for e in range(s + 1, min(len(text), s + 12) + 1)]
    for order in (ranges, ranges[::-1]):
        blocked = _dates._Blocked(text, lex)
        for s, e in order:
            assert blocked.overlaps(s, e) == any(a < e and s < b for a, b in plain), (s, e)


_WORD_PIECES = st.sampled_from([
    " ", "\n", ".", ",", "-", "(", "„", "\u00a0", "12", "3.", "2026", "2024", "Montag", "MONTAG", "am ", "Am ",
    "im ", "IM ", "in ", "bis ", "heute", "HEUTE", "Heute", "ſeit ", "dieſes Jahr", "dıeses ", "İm ", "KOMMENDEN ",
    "des ", "Vorjahres", "vorjahres", "morgen", "Morgen ", "übermorgen", "heutige ", "Heutigen ", "Sitzung",
    "Anfang ", "Mitte ", "März", "Juli", "und ", "x", "ß", "ẞ", "Ende ", "nächsten ", "Woche", "laufenden ",
])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_WORD_PIECES, max_size=25).map("".join), st.sampled_from(["de", "en"]))
def test_word_led_and_digit_scans_find_what_a_full_scan_finds(text, lang):
    lex = _dates.lexicon(lang)
    starts = _dates._led_trigger(lex.lang).starts(text)
    for name in ("idiom", "rel_any", "rel_merge", "rel_exact", "weekday", "rel_adj", "month_cue"):
        assert [m.span() for m in _dates._scan(lex, name, text, starts)] == \
               [m.span() for m in lex.re[name].finditer(text)], name
    for runs in (None, starts and starts[_dates.DIGIT_RUNS]):
        days, years = _dates._digit_starts(text, lex, runs)
        for name, at in (("iso", years), ("year_range", years), ("year", years), ("num_full", days),
                         ("text_date", days), ("num_dm", days), ("num_month", days), ("day_partial", days)):
            assert [m.span() for m in matches_at(lex.re[name], text, at)] == \
                   [m.span() for m in lex.re[name].finditer(text)], name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([" ", "\n", "\t", "Ende", "ENDE", "Anfang", "des", "Jahres", "Halbjahres", "ersten",
                                 "1.", "Quartals", "x", "Mitte", "2026"]), max_size=12).map("".join))
def test_period_words_end_where_the_pattern_ends(text):
    # _widen_periods tries "period_before" only where the text before the white space ends so
    rx, ends = _dates.lexicon("de").re["period_before"], _dates._period_ends("de")
    for pos in range(1, len(text) + 1):
        lo = max(0, pos - 40)
        if rx.search(text, lo, pos):
            assert text[pos - 1].isspace() and text[lo:pos].rstrip().endswith(ends)


def test_case_folds_that_lower_differently_take_the_full_scan():
    # "ſ" and "ı" match "s" and "i" case-insensitively but lower to themselves
    lex = _dates.lexicon("de")
    for text in ("Dieſes Jahr wird gut.", "Es ist dıeses Jahr."):
        assert _dates._led_trigger("de").starts(text) is None
        assert [m.span() for m in _dates._scan(lex, "rel_any", text, None)] == \
               [m.span() for m in lex.re["rel_any"].finditer(text)] != []


def test_fast_scans_on_a_release_line():
    text = "Hannover, 12.03.2026 – Infos unter www.bund.de/a-2026.pdf, Tel. 0511 120-2026, März 2025."
    lex = _dates.lexicon("de")
    months = _dates._month_starts(text, "de")
    assert [text[m.start():m.end()] for m in matches_at(lex.re["mon_year"], text, months)] == ["März 2025"]
    blocked = _dates._Blocked(text, lex)
    assert [blocked.overlaps(s, s + 4) for s in (text.index("2026"), text.index("-2026") + 1, text.index("2025"))] \
        == [False, True, False]
    plain = [(text.index(b), text.index(b) + len(b)) for b in ("www.bund.de/a-2026.pdf,", "Tel. 0511 120-2026")]
    _assert_blocked_as(plain, text, lex)
    assert [v for _, v, _, _ in find_dates(text)] == ["2026-03-12", "2025-03"]
