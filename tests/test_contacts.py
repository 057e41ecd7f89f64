"""press_contacts on invented contact blocks."""
from __future__ import annotations

import re

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import extractors  # noqa: F401
from extractors import contacts as _contacts
from extractors.base import data_lines, facts, zones
from extractors.contacts import find_block

BODY = ("Das Land fördert neue Radwege in den Kommunen mit insgesamt zwölf Millionen Euro. Die Mittel stammen aus "
        "dem Landeshaushalt und werden über die Landkreise vergeben. Anträge können bis Ende März gestellt "
        "werden. Ministerin Hanna Belstedt sagte, der Radverkehr sei ein wichtiger Teil der Verkehrswende.\n\n")

NLP = spacy.blank("de")
NLP.add_pipe("press_contacts")


def contacts(text: str):
    doc = NLP(text)
    got = facts(doc, "contacts")
    return doc, (got[0] if got else None)


def test_source_line_with_office_address_and_email():
    tail = ("Quelle: Pressestelle der Niedersächsischen Landesregierung, Nds. Staatskanzlei, Planckstraße 2, "
            "30169 Hannover, E-Mail: pressestelle@stk.niedersachsen.de")
    doc, c = contacts(BODY + tail)
    assert zones(doc)["contact"] == (len(BODY), len(BODY + tail))
    assert c.office == "Pressestelle der Niedersächsischen Landesregierung, Nds. Staatskanzlei"
    assert c.address == "Planckstraße 2, 30169 Hannover"
    assert c.emails == ["pressestelle@stk.niedersachsen.de"]
    assert c.text == tail and (c.start, c.end) == (len(BODY), len(BODY + tail))


def test_press_contact_block_with_name_phone_and_obfuscated_mail():
    tail = ("Pressekontakt:\nMinisterium für Verkehr und Digitales\nPressestelle\nCalenberger Straße 2\n"
            "30169 Hannover\nSabine Hildebrecht\nTel.: 0511 120-2137\nFax: 0511 120-2999\n"
            "E-Mail: presse [at] mv.example.de\nwww.mv.example.de")
    _, c = contacts(BODY + tail)
    assert c.office == "Ministerium für Verkehr und Digitales"
    assert c.names == ["Sabine Hildebrecht"]
    assert c.phones == ["0511 120-2137"]
    assert c.emails == ["presse@mv.example.de"]
    assert c.address == "Calenberger Straße 2, 30169 Hannover"
    assert c.urls == ["www.mv.example.de"]


def test_obfuscated_mail_in_capitals_and_no_address_without_postcode():
    tail = "Pressekontakt:\nStadt Musterhausen, Pressestelle\nTel.: 05141 12-345\nE-Mail: info(AT)musterhausen(dot)de"
    _, c = contacts(BODY + tail)
    assert c.emails == ["info@musterhausen.de"]
    assert c.address is None
    assert c.office == "Stadt Musterhausen, Pressestelle"


def test_ansprechpartner_line():
    tail = "Ansprechpartner: Aaron Gottwald, stv. Pressesprecher\n\nPrinzregentenstraße 28, 80538 München"
    _, c = contacts(BODY + tail)
    assert c.names == ["Aaron Gottwald"]
    assert c.address == "Prinzregentenstraße 28, 80538 München"


def test_no_block_in_plain_body_and_body_sentence_with_mail():
    assert find_block(BODY) is None
    text = BODY + ("Wir laden Sie herzlich zur Berichterstattung ein und bitten um Rückmeldung unter "
                   "presse@example.de bis morgen, den 19. November.\nEine Liste finden Sie hier.")
    assert find_block(text) is None


def test_cue_word_early_in_the_text_is_not_a_block():
    text = "Kontakt zwischen Schulen und Betrieben stärken\n\n" + BODY * 2
    assert find_block(text) is None


def test_trailing_contact_lines_without_cue():
    tail = "Pressestelle Landkreis Celle\nTelefon: 05141 916-1234\nE-Mail: presse@landkreis-celle.example"
    doc, c = contacts(BODY + tail)
    assert zones(doc)["contact"][0] == len(BODY)
    assert c.phones == ["05141 916-1234"]


def test_single_long_line_of_contact_data_without_cue():
    tail = "Stadt Neustadt, Referat Kommunikation, Markt 1, 09111 Neustadt, Telefon 0371 488-1530, presse@neustadt.example"
    _, c = contacts(BODY + tail)
    assert c.start == len(BODY)
    assert c.office == "Stadt Neustadt, Referat Kommunikation"
    assert c.address == "Markt 1, 09111 Neustadt"
    assert c.phones == ["0371 488-1530"] and c.emails == ["presse@neustadt.example"]


def test_visdp_line_names_the_responsible_person():
    tail = "V.i.S.d.P.: Dr. Anna Beispielmann, Referat Presse und Öffentlichkeitsarbeit\nTel. 0511 120-4000"
    doc, c = contacts(BODY + tail)
    assert c.names == ["Anna Beispielmann"]
    assert c.phones == ["0511 120-4000"]
    assert zones(doc)["contact"] == (len(BODY), len(BODY + tail))


def test_kontakt_line_inside_the_body_is_not_the_block():
    text = BODY + "Kontakt: Die Anmeldung läuft über das Rathaus.\n\n" + BODY
    assert find_block(text) is None


def test_contact_block_under_the_title():
    head = ("Neue Förderung für Dorfläden\nAnsprechpartnerin: Julia Mertensen\nTelefon: 0511 120-1234\n"
            "E-Mail: presse@ms.example.de\n\n")
    doc, c = contacts(head + BODY)
    start = head.index("Ansprechpartnerin")
    assert zones(doc)["contact"] == (start, head.index("\n\n"))
    assert c.names == ["Julia Mertensen"]
    assert c.phones == ["0511 120-1234"] and c.emails == ["presse@ms.example.de"]
    # a block at the end is still preferred over the one under the title
    tail = "Pressekontakt: Sven Adlerhorst, Tel. 0511 120-9999"
    _, c = contacts(head + BODY + tail)
    assert c.names == ["Sven Adlerhorst"]


def test_contact_word_in_the_body_without_contact_data_is_no_block():
    text = "Kontakt zu Schulen\nDas Land sucht den Kontakt zu den Schulen.\n\n" + BODY
    doc, c = contacts(text)
    assert c is None and "contact" not in zones(doc)


# The cue pattern is a trie of the lower-cased cues: it must match as the longest-first list did.

_CUES = data_lines("de/contact_cues.txt")
_CUE_PIECES = st.sampled_from([*_CUES, *(c.upper() for c in _CUES), *(c.lower() for c in _CUES),
                               " ", "\t", ":", "\n", "/", " Max", " max", "in", "*", "-", "s"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_CUE_PIECES, min_size=1, max_size=5).map("".join))
def test_cue_trie_matches_as_the_longest_first_list(text):
    alt = "|".join(re.escape(c) for c in sorted(_CUES, key=len, reverse=True))
    plain = re.compile(rf"(?im)^[ \t]*(?:{alt})(?=[ \t]*(?::|$|\n|/|[ \t]+[A-ZÄÖÜ]))")
    for pos in [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]:
        a, b = plain.match(text, pos), _contacts._cue_pattern().match(text, pos)
        assert (a and a.span()) == (b and b.span())


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Tel", "tel", "TEL", "Telefon", "Fax", "E-Mail", "Mail", "Internet", "Web", "Webseite",
                                 " ", "\t", "\u00a0", ",", ":", ".", "x", "Amt", "\n", "2"]), max_size=8).map("".join))
def test_office_line_is_cut_before_its_labels_as_by_a_split(text):
    label_cut = re.compile(r"\s*(?:,|\n|$)\s*(?:Tel|Telefon|Fax|E-Mail|Mail|Internet|Web)\b"
                           r"|\s*(?:Tel(?:efon)?\.?|Fax|E-Mail)\s*:", re.I)
    assert _contacts._before_label(text) == label_cut.split(text, 1)[0]
