"""press_people on invented releases: each pattern of issue 3 and its negatives."""
from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

import extractors  # noqa: F401  (registers the components)
from extractors.base import facts
from extractors.people_lexicon import role_word


def _nlp(**cfg):
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n"]})
    nlp.add_pipe("press_contacts")
    nlp.add_pipe("press_people", config=cfg)
    return nlp


NLP = _nlp()


def people(text: str) -> dict[str, list[str]]:
    doc = NLP(text)
    return {p.name: [r.title for r in p.roles] for p in facts(doc, "people")}


def test_role_before_name_and_surname_link():
    text = ("Regionalentwicklungsministerin Hanna Belstedt überreichte am Montag einen Förderbescheid "
            "an Landrat Jens Grotefeld. „Das ist ein guter Tag“, sagte Ministerin Belstedt. "
            "Belstedts Besuch endete am Abend.")
    doc = NLP(text)
    got = {p.name: p for p in facts(doc, "people")}
    assert set(got) == {"Hanna Belstedt", "Jens Grotefeld"}
    assert [r.title for r in got["Hanna Belstedt"].roles] == ["Regionalentwicklungsministerin", "Ministerin"]
    assert [r.title for r in got["Jens Grotefeld"].roles] == ["Landrat"]
    # full name, 'Ministerin Belstedt' and the genitive 'Belstedts' are one person
    assert [m.text for m in got["Hanna Belstedt"].mentions] == ["Hanna Belstedt", "Belstedt", "Belstedts"]
    assert len(doc.spans["people"]) == 4
    for p in got.values():
        for m in p.mentions:
            assert text[m.start:m.end] == m.text


def test_genitive_place_before_role_and_hyphenated_surname():
    got = people("Niedersachsens Landwirtschaftsministerin Barbara Otte-Kinstedt besuchte den Hof.")
    assert got == {"Barbara Otte-Kinstedt": ["Landwirtschaftsministerin"]}


def test_apposition_with_genitive_complement():
    got = people("Jens Grotefeld, Landrat des Heidekreises, dankte dem Land für die Förderung.")
    assert got == {"Jens Grotefeld": ["Landrat des Heidekreises"]}


def test_role_with_coordinated_complement_before_name():
    got = people("Das erklärte der Minister für Inneres und Sport, Boris Pistolenko, in Hannover.")
    assert got == {"Boris Pistolenko": ["Minister für Inneres und Sport"]}
    got = people("Dazu Petra Kleinow, Bundesministerin für Wohnen, Stadtentwicklung und Bauwesen: „Wir fördern "
                 "das gern und mit Nachdruck.“")
    assert got == {"Petra Kleinow": ["Bundesministerin für Wohnen, Stadtentwicklung und Bauwesen"]}


def test_landesbeauftragter_with_particle_and_colon():
    got = people("Der Landesbeauftragte für regionale Landesentwicklung Leine-Weser, Ottmar von Holtzen: "
                 "„Die Region gewinnt durch jedes Projekt an Stärke.“")
    assert got == {"Ottmar von Holtzen": ["Landesbeauftragter für regionale Landesentwicklung Leine-Weser"]}


def test_speech_patterns_for_bare_surnames():
    got = people("„Die Landwirtschaft gehört in die Mitte der Gesellschaft“, so Otte-Kinstedt.")
    assert got == {"Otte-Kinstedt": []}
    got = people("Faesberg: „Wir müssen unsere Sicherheit neu denken und handeln.“")
    assert got == {"Faesberg": []}


def test_academic_titles_are_kept_apart():
    doc = NLP("Prof. Dr. Anna Beispielmann leitet das Projekt. Dr. Karl Obermüller ist Leiter des Gesundheitsamtes.")
    got = {p.name: p for p in facts(doc, "people")}
    assert set(got) == {"Anna Beispielmann", "Karl Obermüller"}
    assert got["Anna Beispielmann"].honorifics == ["Prof. Dr."]
    assert [r.title for r in got["Karl Obermüller"].roles] == ["Leiter des Gesundheitsamtes"]


def test_lists_of_people():
    got = people("Lisa und David Lebusch eröffneten ihr Café in Celle.")
    assert got == {"Lisa Lebusch": [], "David Lebusch": []}


def test_caption_list_with_roles_does_not_leak_roles_to_neighbours():
    got = people("Im Bild v.l.: Bürgermeister Tom Harlinger, Staatssekretärin Eva Morgenroth, "
                 "stellvertretender Landrat Willi Kessel und Bürgermeisterin Ute Brandhorst (Lindberg).")
    assert got == {"Tom Harlinger": ["Bürgermeister"], "Eva Morgenroth": ["Staatssekretärin"],
                   "Willi Kessel": ["stellvertretender Landrat"], "Ute Brandhorst": ["Bürgermeisterin"]}


def test_inflected_roles_are_nominative_singular():
    got = people("Die Gruppe sprach mit dem stellvertretenden Landrat Willi Kessel und dem Präsidenten Otto Brennecke.")
    assert got == {"Willi Kessel": ["stellvertretender Landrat"], "Otto Brennecke": ["Präsident"]}
    got = people("Die Rede der Landesbeauftragten Dinah Wollbrecht-Sauer wurde gelobt.")
    assert got == {"Dinah Wollbrecht-Sauer": ["Landesbeauftragte"]}


def test_predicate_and_party_are_handled():
    got = people("Anna Kerstenbach (SPD), Vorsitzende des Ausschusses, eröffnete die Sitzung. "
                 "Kerstenbach ist seit 2020 im Amt.")
    assert got == {"Anna Kerstenbach": ["Vorsitzende des Ausschusses"]}


def test_coreference_role_is_not_attached():
    got = people("Markus Felbinger eröffnete die Messe. Danach besuchte der Sozialminister die Stände.")
    assert got == {"Markus Felbinger": []}


def test_not_people():
    text = ("Foto: Max Musterfrau. Ob Herr oder Frau, alle sind eingeladen. Die Förderung geht an das "
            "August-Gottschalk-Haus in Esens, das Robert Koch-Institut und die Konrad-Adenauer-Straße. "
            "Am Mittwoch, 12. August, trafen sich Bürgermeister und Landräte in der Lüneburger Heide.")
    assert people(text) == {}


def test_image_credit_in_brackets_and_cms_byline():
    assert people("Der Bau beginnt im Mai (Foto: Petra Schönfeld/Stadt Celle).") == {}
    assert people("Gespeichert von Robin Tellmann am 19. Oktober 2020\nDer Wettbewerb startet.") == {}


def test_place_and_programme_spans_block_bare_surnames():
    nlp = spacy.blank("de")
    nlp.add_pipe("press_people")
    doc = nlp.make_doc("„Wir kommen gern wieder und bringen Ideen mit“, so Celle.")
    doc.spans["regions"] = [doc[12:13]]
    assert facts(nlp.get_pipe("press_people")(doc), "people") == []


def test_contact_block_names_are_people():
    got = people("Das Land fördert neue Radwege mit großem Einsatz.\n\n"
                 "Ansprechpartner: Aaron Gottwald, stv. Pressesprecher\nTelefon: 089 2162-2291")
    assert got == {"Aaron Gottwald": ["stv. Pressesprecher"]}


def test_role_word_recognises_compounds_and_forms():
    assert role_word("Regionalentwicklungsministerin").title == "Regionalentwicklungsministerin"
    assert role_word("Landrätin").title == "Landrätin"
    assert role_word("Landrats").title == "Landrat"
    assert role_word("Oberbürgermeisterin").title == "Oberbürgermeisterin"
    assert role_word("Staatssekretärin").title == "Staatssekretärin"
    assert role_word("Landesbeauftragter").title == "Landesbeauftragter"
    assert role_word("Beigeordnete").adjectival
    assert role_word("Bürgermeisterinnen").plural
    for word in ("Ministerium", "Landratsamt", "Präsidentschaft", "Bürgermeisterwahl", "Rat", "Förderung"):
        assert role_word(word) is None


@pytest.mark.parametrize("text,expected", [
    ("Oberbürgermeisterin Dr. Katrin Albers-Wendt begrüßte die Gäste.", {"Katrin Albers-Wendt": ["Oberbürgermeisterin"]}),
    ("Ministerpräsident Olaf Liesegang und die stellvertretende Ministerpräsidentin Julia Willie Hamburg stellten "
     "die Ergebnisse vor.", {"Olaf Liesegang": ["Ministerpräsident"],
                             "Julia Willie Hamburg": ["stellvertretende Ministerpräsidentin"]}),
    ("An einem Tisch sitzen der Chef der Staatskanzlei Frank Dodenhof und weitere Gäste.",
     {"Frank Dodenhof": ["Chef der Staatskanzlei"]}),
    ("Die Leiterin des Gesundheitsamtes, Dr. Anna Beispielmann, warnte vor Hitze.",
     {"Anna Beispielmann": ["Leiterin des Gesundheitsamtes"]}),
    ("Bundesminister Dobrinski hat die Bescheide erteilt.", {"Dobrinski": ["Bundesminister"]}),
])
def test_release_sentences(text, expected):
    assert people(text) == expected


def test_model_merge_with_a_tiny_saved_pipeline(tmp_path):
    ner = spacy.blank("de")
    ruler = ner.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": "Ødegård Vikström"}, {"label": "LOC", "pattern": "Celle"}])
    ner.to_disk(tmp_path / "tiny")
    nlp = _nlp(ner_model=str(tmp_path / "tiny"))
    doc = nlp("Zu Gast in Celle war Ødegård Vikström mit Landrat Jens Grotefeld.")
    names = sorted(p.name for p in facts(doc, "people"))
    assert names == ["Jens Grotefeld", "Ødegård Vikström"]
    # without the model the unknown name is not found
    assert sorted(p.name for p in facts(NLP("Zu Gast in Celle war Ødegård Vikström mit Landrat Jens Grotefeld."),
                                        "people")) == ["Jens Grotefeld"]


def test_two_titles_before_one_name():
    got = people("Auch der Präsident des Landkreistages, Landrat Bernd Lührsen, begrüßte die Vereinfachung.")
    assert got == {"Bernd Lührsen": ["Präsident des Landkreistages", "Landrat"]}


def test_names_named_after_people_are_not_people():
    assert people("Die Hans Böckler Stiftung und die Karl Marx Straße liegen in Celle.") == {}
    # a surname that is also an office word stays a surname
    assert people("Anna Richter sagte, das sei gut.") == {"Anna Richter": []}
    assert people("Prof. Hans J. Maiwald spricht.") == {"Hans J. Maiwald": []}


def test_dative_apposition_and_english_release():
    got = people("Der Bescheid ging an Jens Grotefeld, dem Landrat des Heidekreises.")
    assert got == {"Jens Grotefeld": ["Landrat des Heidekreises"]}
    got = people('"We will support rural towns across the region," said Hubertson. Mayor Anna Smithers agreed.')
    assert got == {"Hubertson": [], "Anna Smithers": ["Mayor"]}


def test_genitive_place_before_title_is_no_speaker():
    assert people("„Wir stärken die Regionen im ganzen Land“, so Niedersachsens Ministerpräsident.") == {}


def test_two_titles_in_apposition_and_predicate_with_filler():
    got = people("Jens Grotefeld, Landrat des Heidekreises und Vorsitzender des Kreistages, eröffnete die Sitzung.")
    assert got == {"Jens Grotefeld": ["Landrat des Heidekreises", "Vorsitzender des Kreistages"]}
    got = people("Anna Kerstenbach ist seit 2021 Bürgermeisterin der Gemeinde Wietze.")
    assert got == {"Anna Kerstenbach": ["Bürgermeisterin der Gemeinde Wietze"]}
    got = people("Die neue Landrätin Tanja Schweigert stellte sich vor.")
    assert got == {"Tanja Schweigert": ["Landrätin"]}


@pytest.mark.parametrize("text", [
    "Das Land fördert das Heinz Nixdorf MuseumsForum in Paderborn.",
    "Das Johann Heinrich von Thünen-Institut forscht zu ländlichen Räumen.",
    "Im Rahmen der Initiative „Frieda Nadig“ werden Frauen gefördert.",
    "Die Carl Zeiss Stiftung fördert die Forschung.",
    "Ein Sprecher des Ministeriums sagte, man prüfe das.",
    "Am Tag der Städtebauförderung beteiligen sich Celle, Emden und Leer.",
])
def test_institutions_and_generic_mentions_are_not_people(text):
    assert people(text) == {}


def test_masculine_plural_title_is_not_attached_to_a_woman():
    got = people("Die Bürgermeisterinnen und Bürgermeister Anna Schmidtke und Peter Meyerhoff freuen sich.")
    assert got == {"Anna Schmidtke": [], "Peter Meyerhoff": []}


def test_genitive_of_full_name_and_particle_guard():
    got = people("Ministerin Walter kam nach Celle. Melanie Walters Besuch war kurz.")
    assert got == {"Melanie Walter": ["Ministerin"]}
    got = people("Olaf Liesegang und Melanie Walter zu Gast in Celle. Karl-Theodor zu Guttenstein sprach.")
    assert got == {"Olaf Liesegang": [], "Melanie Walter": [], "Karl-Theodor zu Guttenstein": []}


_WORDS = ["Landrat", "Jens", "Grotefeld", ",", "des", "Heidekreises", "Ministerin", "Walter", "Walters", "sagte",
          "so", "„", "“", "\"", ":", "Dr.", "Prof.", "Herr", "Frau", "von", "der", "und", "stv", ".", "Foto",
          "\n", "ist", "(", ")", "SPD", "Anna", "Lisa", "Celle", "Förderung", "überreichte"]


@given(st.lists(st.sampled_from(_WORDS), max_size=30))
@settings(max_examples=150, deadline=None)
def test_every_anchor_slices_the_text(words):
    text = " ".join(words)
    doc = NLP(text)
    for p in facts(doc, "people"):
        assert p.name and p.id.startswith("person-")
        for m in p.mentions + [m for r in p.roles for m in r.mentions]:
            assert text[m.start:m.end] == m.text


def test_complements_with_articles_and_bracketed_insertions():
    got = people("Der Bundesbeauftragte für den Datenschutz und die Informationsfreiheit, Prof. Ulrich Kelberer, "
                 "begrüßte die Vorschläge.")
    assert got == {"Ulrich Kelberer": ["Bundesbeauftragter für den Datenschutz und die Informationsfreiheit"]}
    got = people("Bayerns Staatsminister des Innern, für Sport und Integration, Joachim Herrmanner, kündigte das an.")
    assert got == {"Joachim Herrmanner": ["Staatsminister des Innern, für Sport und Integration"]}
    # a trailing 'für …' after an apposition is not part of the title
    got = people("Anna Kerstenbach, Leiterin des Amtes, für die Region zuständig, sprach.")
    assert got == {"Anna Kerstenbach": ["Leiterin des Amtes"]}


def test_abbreviated_title_and_apostrophe_names():
    got = people("Begleitet wird sie von MdB Maja Wallstedt. Ausgezeichnet wurde Tim O'Connor.")
    assert got == {"Maja Wallstedt": ["MdB"], "Tim O'Connor": []}


def test_plural_title_before_a_list_of_names():
    got = people("Die Ministerinnen Anna Kerstenbach und Petra Paulsen sowie Landrat Jens Grotefeld kamen.")
    assert got == {"Anna Kerstenbach": ["Ministerin"], "Petra Paulsen": ["Ministerin"], "Jens Grotefeld": ["Landrat"]}


def test_irregular_plural_title_and_neuter_title():
    assert role_word("Landräte").title == "Landrat" and role_word("Landräte").plural
    got = people("Vorstandsmitglied Anna Kerstenbach sprach.")
    assert got == {"Anna Kerstenbach": ["Vorstandsmitglied"]}


def test_bare_surname_before_speech_verb_and_colon():
    assert people("Das Land zahlt. Kellermann betonte: „Die Mittel kommen genau richtig für alle.“") == {
        "Kellermann": []}
    assert people("Das Land zahlt. Förderung betonte: „Die Mittel kommen genau richtig für alle.“") == {}


def test_title_and_surname_followed_by_a_noun():
    got = people("Melanie Walterfeld besuchte Celle. Dort überreichte Ministerin Walterfeld Bescheide an die Gemeinden.")
    assert got == {"Melanie Walterfeld": ["Ministerin"]}


@pytest.mark.parametrize("text,expected", [
    ("Sprecherin des Bündnisses ist Prof. Dr. Konstanze zu Rantzow von der Universität.",
     {"Konstanze zu Rantzow": ["Sprecherin des Bündnisses"]}),
    ("Begleitet wurde sie von der Beauftragten der Bundesregierung für die Belange älterer Menschen, "
     "Renate Oyelar-Fischer.", {"Renate Oyelar-Fischer": ["Beauftragte der Bundesregierung für die Belange älterer Menschen"]}),
    ("Die Leiterin des Hauses in Eberswalde, Małgosia Wiśniewicz, stellte das Projekt vor.",
     {"Małgosia Wiśniewicz": ["Leiterin des Hauses in Eberswalde"]}),
    ("Aus Vorarlberg sprach Landesrätin Sabine Moosbach-Fink von einem Meilenstein.",
     {"Sabine Moosbach-Fink": ["Landesrätin"]}),
    ("Bürgermeister und Präsident des Senats Dr. Henrik Ostermeier verwies auf die Häfen.",
     {"Henrik Ostermeier": ["Bürgermeister", "Präsident des Senats"]}),
    ("Der Samtgemeindebürgermeister von Sittensen, Jörn Keller-van Hoorst, kündigte das an.",
     {"Jörn Keller-van Hoorst": ["Samtgemeindebürgermeister von Sittensen"]}),
    ("Ministerin für Heimat, Kommunales, Bau und Digitalisierung Petra van der Veldt sagte das.",
     {"Petra van der Veldt": ["Ministerin für Heimat, Kommunales, Bau und Digitalisierung"]}),
    ("Das Kabinett hat Andreas de Boerman zum neuen Staatssekretär im Ministerium für Umwelt ernannt.",
     {"Andreas de Boerman": ["Staatssekretär im Ministerium für Umwelt"]}),
    ("„Das ist ein guter Tag für Thüringen und alle Menschen hier“, sagte Anja Hubertz. Ministerin Hubertz' Besuch "
     "war kurz. Ministerin Hubertzs Besuch auch.", {"Anja Hubertz": ["Ministerin"]}),
])
def test_more_release_sentences(text, expected):
    assert people(text) == expected


def test_english_tokenizer_and_gender_neutral_titles():
    nlp = spacy.blank("en")
    nlp.add_pipe("press_people")
    doc = nlp("Federal Minister Dr. Annika Brandstedt met Canadian Energy Minister Élise Thibodeau-Marchand. "
              "Commissioner for Cohesion and Reforms Lukas Marinescu agreed.")
    got = {p.name: [r.title for r in p.roles] for p in facts(doc, "people")}
    assert got == {"Annika Brandstedt": ["Minister"], "Élise Thibodeau-Marchand": ["Minister"],
                   "Lukas Marinescu": ["Commissioner for Cohesion and Reforms"]}


@pytest.mark.parametrize("text", [
    "Das St. Johannes Hospital in Dortmund erhält eine Förderung.",
    "Die Carl Zeiss AG und die Hermann Hesse GmbH investieren.",
    "Der Verein Lisa Meyerhoff e.V. feiert Geburtstag.",
])
def test_companies_and_saints_are_not_people(text):
    assert people(text) == {}


def test_name_inside_a_programme_span_is_the_programme():
    nlp = spacy.blank("de")
    nlp.add_pipe("press_people")
    doc = nlp.make_doc("Das Programm Frieda Nadig fördert Frauen. Ministerin Hanna Belstedt lobt es.")
    doc.spans["programs"] = [doc[1:4]]
    got = [p.name for p in facts(nlp.get_pipe("press_people")(doc), "people")]
    assert got == ["Hanna Belstedt"]


def test_abbreviated_titles_after_and_before_the_name():
    got = people("Wirtschaftsministerin Dr. Nicole Hoffmeister-Krautz MdL sprach. OB Anna Mustermann begrüßte alle.")
    assert got == {"Nicole Hoffmeister-Krautz": ["Wirtschaftsministerin", "MdL"], "Anna Mustermann": ["OB"]}


def test_conjunction_ob_is_no_title():
    assert people("Ob Rostock, Hamburg oder Berlin: überall gibt es Obst.") == {}


# ---------------------------------------------------------------- audit on unseen releases (issue 3, round 2)

@pytest.mark.parametrize("text,expected", [
    ("Die Schauspielerin Katrin Bolzmann las aus ihrem Buch.", {"Katrin Bolzmann": ["Schauspielerin"]}),
    ("Chefarzt Dr. Tobias Gerlach führte durch die Station.", {"Tobias Gerlach": ["Chefarzt"]}),
    ("Kreisbrandinspektor Holger Menzfeld und Stadtplanerin Ina Würtz stellten das Konzept vor.",
     {"Holger Menzfeld": ["Kreisbrandinspektor"], "Ina Würtz": ["Stadtplanerin"]}),
    ("Heimatpfleger Otto Brämer, Rechtsanwältin Sabine Kolt und Landwirt Jörg Hemsen kamen.",
     {"Otto Brämer": ["Heimatpfleger"], "Sabine Kolt": ["Rechtsanwältin"], "Jörg Hemsen": ["Landwirt"]}),
    ("KBM Stefan Rautner übernahm die Einsatzleitung.", {"Stefan Rautner": ["KBM"]}),
])
def test_occupations_and_further_titles(text, expected):
    assert people(text) == expected


def test_occupation_words_as_surnames_and_in_common_nouns():
    # surnames that are also occupations stay names; 'Gegenwart' is no title
    assert people("Auch Jens Pfleger und Maria Förster kamen zur Feier.") == {"Jens Pfleger": [], "Maria Förster": []}
    assert people("In der Gegenwart Bernd Mahlers zeigte sich das.") == {"Bernd Mahlers": []}


def test_plural_adjectival_title_before_a_list():
    got = people("Der Landtag bestellt die Abgeordneten Jörg Wendlin, Anna Krauthe und Peter Solms.")
    assert got == {"Jörg Wendlin": ["Abgeordneter"], "Anna Krauthe": ["Abgeordnete"], "Peter Solms": ["Abgeordneter"]}
    # singular 'der Abgeordneten' (genitive) stays with one person only
    got = people("Auf Einladung der Abgeordneten Anna Krauthe kam Peter Solms.")
    assert got == {"Anna Krauthe": ["Abgeordnete"], "Peter Solms": []}


def test_article_der_with_ending_e_is_masculine():
    got = people("„Gut so“, urteilt der Vorsitzende der Landeskonferenz Prof. Dr. Matthias Kreiner.")
    assert got == {"Matthias Kreiner": ["Vorsitzender der Landeskonferenz"]}


def test_place_completes_title_before_comma_and_name():
    got = people("Der stellvertretende Landrat Diepholz, Uwe Hartmannsberg, begrüßte die Gäste.")
    assert got == {"Uwe Hartmannsberg": ["stellvertretender Landrat Diepholz"]}
    # a surname after the title followed by a list of names stays a surname
    got = people("Landrat Kolbeck, Anna Schmidt und Peter Kurz eröffneten die Ausstellung.")
    assert got["Anna Schmidt"] == [] and got["Peter Kurz"] == []
    assert "Diepholz" not in got


def test_apposition_is_read_once_in_a_caption_list():
    got = people("Auf dem Foto (v.l.n.r.): Dr. Jonas Pelle, Prorektor für Lehre, Ministerin Ute Brandhorst, "
                 "Rektor Prof. Dr. Nils Abeken.")
    assert got == {"Jonas Pelle": ["Prorektor für Lehre"], "Ute Brandhorst": ["Ministerin"],
                   "Nils Abeken": ["Rektor"]}


def test_complement_stops_before_a_direction_and_a_second_title():
    got = people("Am Freitag kamen Jan Lotterbeck, Sicherheitsbeauftragter des Landratsamtes in das Büro von "
                 "Landrat Arne Meiners, um die Urkunde zu übergeben.")
    assert got == {"Jan Lotterbeck": ["Sicherheitsbeauftragter des Landratsamtes"], "Arne Meiners": ["Landrat"]}


def test_apposition_with_time_word_and_place_adjective():
    got = people("Er verabschiedete Thomas Hallmeier, nunmehr Kölner Polizeipräsident, aus dem Amt.")
    assert got == {"Thomas Hallmeier": ["Polizeipräsident"]}
    # an ordinary adjective apposition is no title
    assert people("Er verabschiedete Thomas Hallmeier, nunmehr Rentner im Ruhestand.") == {"Thomas Hallmeier": []}


def test_unknown_given_name_inside_a_list_of_names():
    got = people("Es sprachen Johanna Kleist, Aristea Kiehlbrand und Klara Birkholz von der LAG.")
    assert set(got) == {"Johanna Kleist", "Aristea Kiehlbrand", "Klara Birkholz"}
    # two capitalised words after a name but before no further name are not a person
    got = people("Es sprachen Johanna Kleist, Neue Wege und andere Vereine.")
    assert set(got) == {"Johanna Kleist"}


def test_preposition_and_article_are_no_name_particles():
    got = people("„Der Süden kann sich freuen“, so Prof. Dr. Schiewald zu den Wahlergebnissen.")
    assert got == {"Schiewald": []}


def test_credit_line_without_colon():
    got = people("Ministerin Svea Brandt besuchte die Hochschule.\nFoto Friederike von Heydebreck\nDanach ging es weiter.")
    assert got == {"Svea Brandt": ["Ministerin"]}


def test_council_members_home_town_and_time_modifiers():
    assert people("Stadtverordnete Hanna Schremmer erkundigt sich nach dem Sachstand.") == \
        {"Hanna Schremmer": ["Stadtverordnete"]}
    got = people("Johann Saalberg aus Gunzenhausen, der frühere Kreisvorsitzende, pflegte die Freundschaft.")
    assert got == {"Johann Saalberg": ["früherer Kreisvorsitzender"]}
    assert people("Der zukünftige Landrat Otto Lederwald war zu Besuch.") == {"Otto Lederwald": ["zukünftiger Landrat"]}
    # 'aus Celle' without a following title adds nothing
    assert people("Johann Saalberg aus Celle, Anna Brehm und Ina Moll kamen.") == \
        {"Johann Saalberg": [], "Anna Brehm": [], "Ina Moll": []}


def test_indefinite_article_apposition_particle_te_and_abbreviated_state_secretary():
    assert people("Die Leitung übernimmt Matthias Kinzberg, ein Polizeiführer mit Erfahrung.") == \
        {"Matthias Kinzberg": ["Polizeiführer"]}
    # an indefinite apposition without a title word adds none
    assert people("Es begrüßte Anna Kolbe, eine Expertin für Bienen, die Gäste.") == {"Anna Kolbe": []}
    assert people("Es sprach Prof. Henrik te Heesenberg über Windkraft.") == {"Henrik te Heesenberg": []}
    assert people("StS Seibold: Guten Tag, meine Damen und Herren!") == {"Seibold": ["StS"]}


def test_apposition_opened_by_honorific_and_feminine_dative_of_adjectival_title():
    assert people("Die junge Sängerin, Frau Andrea Wendler, begeisterte das Publikum.") == \
        {"Andrea Wendler": ["Sängerin"]}
    # a title with its own surname followed by a list stays with its surname
    got = people("Landrat Kolbeck, Frau Anna Schmidt und Herr Peter Kurz eröffneten die Ausstellung.")
    assert got == {"Kolbeck": ["Landrat"], "Anna Schmidt": [], "Peter Kurz": []}
    assert people("Auf Nachfrage von Kreistagsabgeordneter Susanne Stephan-Gelling antwortete er.") == \
        {"Susanne Stephan-Gelling": ["Kreistagsabgeordnete"]}


def test_service_nouns_after_a_title_are_no_surnames():
    assert people("Es handele sich bei dem neuen Leiter Rettungsdienst um einen Beschäftigten.") == {}


def test_title_is_title_and_name():
    assert people("Schirmherr ist Ministerpräsident Winfried Kretschberg.") == \
        {"Winfried Kretschberg": ["Schirmherr", "Ministerpräsident"]}
    # a plural title after 'ist' takes no name
    assert people("Schirmherr ist die Ministerinnen-Runde in Kiel.") == {}


def test_role_region_is_the_regions_proper_name():
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("press_regions")
    nlp.add_pipe("press_people")
    doc = nlp("Jens Grotefeld, Landrat des Heidekreises, begrüßte die Förderung.")
    (person,) = facts(doc, "people")
    (role,) = person.roles
    assert role.title == "Landrat des Heidekreises"
    assert role.region == "Heidekreis"  # nominative, as in the record's regions[]


def test_copyright_sign_opens_a_credit_and_no_rule():
    # '©' is looked up once with every other token (token_flags): it opens a credit zone, no name rule
    assert people("Ministerin Svea Brandt eröffnete das Haus. © Anna Beispiel, Stadt Celle") == {
        "Svea Brandt": ["Ministerin"]}
