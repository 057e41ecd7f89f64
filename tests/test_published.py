"""press_published: the release's own date from its text, never an event date. Invented texts."""
from __future__ import annotations

import datetime as dt

import pytest
import spacy

import extractors  # noqa: F401  (registers the factories)
from extractors.published import find_published

BODY = ("Die Landesregierung fördert den Ausbau der Radwege in den Landkreisen mit fünf Millionen Euro. "
        "Das teilte das Ministerium für Verkehr mit und nannte weitere Einzelheiten zur Umsetzung in den "
        "Kommunen des Landes, die ihre Anträge bis Ende des Jahres stellen können.")


def published(text: str) -> dt.date | None:
    found = find_published(text)
    return found.date if found else None


@pytest.mark.parametrize("text, expected", [
    ("Radwege werden ausgebaut\nHannover, 12.02.2026 – " + BODY, "2026-02-12"),
    ("Radwege werden ausgebaut\nBERLIN, 3. März 2025. " + BODY, "2025-03-03"),
    ("Radwege werden ausgebaut\nMagdeburg, den 12. Februar 2026\n" + BODY, "2026-02-12"),
    ("Radwege werden ausgebaut\nSCHWERIN (PM), 12.02.2026 – " + BODY, "2026-02-12"),
    ("(21. Juli 2022) München - " + BODY, "2022-07-21"),
    ("Radwege werden ausgebaut\n\n12. Februar 2026\n\n" + BODY, "2026-02-12"),
    ("Radwege werden ausgebaut\nPressemitteilung 10.07.2024\n" + BODY, "2024-07-10"),
    ("Radwege werden ausgebaut\nPressemitteilung vom 12.02.2026\n" + BODY, "2026-02-12"),
    ("Radwege werden ausgebaut\nNr. 23/2026 vom 12.03.2026\n" + BODY, "2026-03-12"),
    ("Radwege werden ausgebaut\nNr. 176/2024 | 19.07.2024 | Ministerium\n" + BODY, "2024-07-19"),
    ("Radwege werden ausgebaut\nGespeichert von Erika Beispiel am 19. Oktober 2020\n" + BODY, "2020-10-19"),
    ("Bericht aus dem Kabinett vom 30. April 2024\n" + BODY, "2024-04-30"),
    ("Radwege werden ausgebaut\n" + BODY + "\n\nArtikel-Informationen\n\nerstellt am:\n06.12.2018\n", "2018-12-06"),
    ("Radwege werden ausgebaut\n" + BODY + "\nveröffentlicht am 06.12.2018", "2018-12-06"),
    ("Radwege werden ausgebaut\n" + BODY + "\n" + BODY + "\nStand: 12.01.2026", "2026-01-12"),
    ("Radwege werden ausgebaut\nDresden (28. Mai 2024) – " + BODY, "2024-05-28"),
    ("Radwege werden ausgebaut\n28.05.2024, 09:00 Uhr — Erstveröffentlichung\n" + BODY, "2024-05-28"),
    ("Radwege werden ausgebaut\nArtikel vom 29.03.2020, 13:41 Uhr\n" + BODY, "2020-03-29"),
    ("Radwege werden ausgebaut\nPressemitteilung 123 | 12. Februar 2026\n" + BODY, "2026-02-12"),
    ("Radwege werden ausgebaut\n12.02.2026Pressemitteilung\n" + BODY, "2026-02-12"),
])
def test_publication_date_sources(text, expected):
    assert published(text) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize("text", [
    # an event date in the body, a title or an event line is not the release date
    "Radwege werden ausgebaut\n" + BODY + " Am 10. Mai 2022 besuchte die Ministerin Celle.",
    "Radwege\n" + BODY + "\nDie Landesregierung hat bei ihrer Klausur am 19. und 20. Januar 2026 beraten.",
    "Empfang im Ministerium\nBeginn: 20.11.2024\nEnde: 20.11.2024 -\n" + BODY,
    "Tag der offenen Tür am 12. Mai 2026\n" + BODY,
    "Radwege werden ausgebaut\nTermin: Montag, 16.02.2026, 10 Uhr\n" + BODY,
    "Radwege werden ausgebaut\nMinisterin besucht am 12.03.2026 Celle\n" + BODY,
    "Einladung zum Pressetermin\nMittwoch, 20. November 2024, 13.30 Uhr\n" + BODY,
    "Radwege werden ausgebaut\nSperrfrist: 12.02.2026\n" + BODY,
    "Ausstellung im Landtag\n12.02.2026 bis 14.03.2026\n" + BODY,
    # relative words never give the publication date
    "Radwege werden ausgebaut\nAb morgen, 14. September, gilt die Regel.\n" + BODY,
    # an earlier release cited in the body
    "Radwege werden ausgebaut\n" + BODY + " Wie in der Pressemitteilung vom 3. März 2025 berichtet, geht es weiter.",
    "Radwege werden ausgebaut\n" + BODY + " Zum Stand 31.12.2025 waren 400 Anträge gestellt.",
    "Radwege werden ausgebaut\nPressemitteilung Nr. 57/2018\n" + BODY,
])
def test_no_publication_date(text):
    assert published(text) is None


def test_component_sets_the_doc_extension_and_keeps_metadata():
    nlp = spacy.blank("de")
    nlp.add_pipe("press_published")
    doc = nlp("Radwege\nHannover, 12.02.2026 – " + BODY)
    assert doc._.published == dt.date(2026, 2, 12)
    assert [s.text for s in doc.spans["published"]] == ["12.02.2026"]

    doc = nlp.make_doc("Radwege\nHannover, 12.02.2026 – " + BODY)
    doc._.published = dt.date(2026, 2, 10)          # from page metadata: it wins
    doc = nlp.get_pipe("press_published")(doc)
    assert doc._.published == dt.date(2026, 2, 10)


def test_publication_date_feeds_relative_dates():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("press_published")
    nlp.add_pipe("press_dates")
    doc = nlp("Radwege\nHannover, 13.02.2026 – Der Landtag hat gestern beraten.")
    assert [(d.value, d.relative) for d in doc._.facts["dates"]] == [
        ("2026-02-13", False), ("2026-02-12", True)]


def test_english_datelines():
    body = "The Federal Ministry and its partners agreed to expand their cooperation on hydrogen."
    found = find_published("Hydrogen partnership\nBerlin, 24 February 2026\n" + body, lang="en")
    assert found is not None and found.date == dt.date(2026, 2, 24)
    assert find_published("Hydrogen partnership\n" + body + " The summit on 3 March 2026 follows.", lang="en") is None


def test_erschienen_am_line_at_the_end_is_the_release_date():
    assert published("Neue Radwege im Kreis\n" + BODY + "\nerschienen am 15.05.2019\n") == dt.date(2019, 5, 15)
    # a date in a long body sentence is no publication line
    long = ("Neue Radwege im Kreis\n" + BODY + "\nDie Ministerin erinnerte daran, dass der erste Bericht zum Thema "
            "bereits vor Jahren erschienen ist und am 15.05.2019 in Celle vorgestellt wurde, was viele freute.\n")
    assert published(long) is None
