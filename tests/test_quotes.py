"""press_quotes on invented releases: quotation marks, speakers, non-quotes."""
from __future__ import annotations

import spacy

import extractors  # noqa: F401
from extractors.base import facts
from extractors.quotes import find_quotes

NLP = spacy.blank("de")
NLP.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n"]})
for _name in ("press_contacts", "press_people", "press_quotes"):
    NLP.add_pipe(_name)


def quotes(text: str) -> list[tuple[str | None, str]]:
    doc = NLP(text)
    out = []
    for q in facts(doc, "quotes"):
        assert text[q.start:q.end] == q.text
        out.append((q.speaker_name, q.text))
    return out


def test_find_quotes_handles_all_marks_and_nesting():
    text = "„Wir wollen ‚Demokratie leben!‘ stärken“ und »Das gilt« sowie \"Das auch\" und “English”."
    spans = [text[s:e] for s, e in find_quotes(text)]
    assert spans == ["„Wir wollen ‚Demokratie leben!‘ stärken“", "»Das gilt«", "\"Das auch\"", "“English”"]


def test_find_quotes_closing_mark_at_most_max_len_on():
    assert find_quotes("»abc« x", max_len=4) == [(0, 5)]
    assert find_quotes("»abcd« x", max_len=4) == []
    # an unclosed quotation near the end runs to the end of the text
    assert find_quotes("x „abc", max_len=10) == [(2, 6)]


def test_speaker_after_the_quote():
    got = quotes("Ministerin Hanna Belstedt besuchte Celle. „Das ist ein großer Tag für die ganze Region“, "
                 "sagte Belstedt. „Wir bleiben dran und fördern weiter.“")
    assert got == [("Hanna Belstedt", "Das ist ein großer Tag für die ganze Region"),
                   ("Hanna Belstedt", "Wir bleiben dran und fördern weiter.")]


def test_speaker_before_the_quote_with_colon():
    got = quotes("Landrat Jens Grotefeld ergänzte: „Künstliche Intelligenz wird unser Verwaltungshandeln verändern.“")
    assert got == [("Jens Grotefeld", "Künstliche Intelligenz wird unser Verwaltungshandeln verändern.")]
    got = quotes("Dr. Franka Gieseler betonte:\n\n\"Demokratiearbeit braucht verlässliche Strukturen und Kontinuität.\"")
    assert got == [("Franka Gieseler", "Demokratiearbeit braucht verlässliche Strukturen und Kontinuität.")]


def test_speaker_by_role_word_only():
    text = ("Ministerin Hanna Belstedt und Landrat Jens Grotefeld übergaben den Bescheid. "
            "„Das Projekt zeigt, wie Verwaltung modern werden kann“, ergänzte die Ministerin.")
    assert quotes(text) == [("Hanna Belstedt", "Das Projekt zeigt, wie Verwaltung modern werden kann")]


def test_continuation_keeps_the_speaker():
    text = ("„Die Dorfentwicklung ist ein wichtiger Baustein für den ländlichen Raum“, erklärt Ingo Jungmann "
            "und führt aus: „Unser Programm bietet zahlreiche Förderangebote für kleine Kommunen.“")
    assert [s for s, _ in quotes(text)] == ["Ingo Jungmann", "Ingo Jungmann"]


def test_unattributed_and_non_quotes():
    text = ("Der Wettbewerb „Europa bei uns zuhause“ startet. Das Bundesprogramm \"Demokratie leben!\" "
            "läuft weiter.\n\n„Wir müssen unsere Sicherheit im Lichte neuer Realitäten sehen.“")
    assert quotes(text) == [(None, "Wir müssen unsere Sicherheit im Lichte neuer Realitäten sehen.")]


def test_excerpt_cut_inside_a_quote():
    text = "„Mit den heute übergebenen Bescheiden ebnen wir Projekten den Weg, die spürbar die Lebensqualität"
    assert quotes(text) == [(None, text[1:])]


def test_pronoun_and_title_after_speech_verb():
    text = ("Der Abgeordnete Tobias Lindemann nennt den Vorfall besorgniserregend. „Das Unternehmen muss "
            "sicherstellen, dass alles aufgeklärt wird“, sagte er. „Wir brauchen klare Regeln“, sagt Dr. Georg "
            "Schneidewind, der das Labor leitet.")
    assert [s for s, _ in quotes(text)] == ["Tobias Lindemann", "Georg Schneidewind"]


def test_role_word_picks_the_person_of_that_gender():
    text = ("Staatsminister Joachim Herrmanner und Bundesinnenministerin Karin Faberlind trafen sich. "
            "„Wir lassen nicht locker und bleiben dran“, so der Minister.")
    assert [s for s, _ in quotes(text)] == ["Joachim Herrmanner"]


def test_standalone_single_low_high_marks_and_more_speech_verbs():
    text = "Ministerin Svea Brandt lobte die Projekte: ‚Ich freue mich sehr über den Ideenreichtum vor Ort.‘ Gut."
    assert [text[s:e] for s, e in find_quotes(text)] == ["‚Ich freue mich sehr über den Ideenreichtum vor Ort.‘"]
    # an apostrophe does not close a single-mark quotation
    text = "‚Das ist Jan’s großer Tag für alle hier‘"
    assert [text[s:e] for s, e in find_quotes(text)] == [text]
    got = quotes("„Ich bin froh, wenn ich euch nicht so oft sehe“, scherzte Landrat Olaf von Lühnen beim Treffen.")
    assert got == [("Olaf von Lühnen", "Ich bin froh, wenn ich euch nicht so oft sehe")]
