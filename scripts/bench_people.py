#!/usr/bin/env python3
"""Benchmark: CPU time of press_contacts + press_people + press_quotes on a ~600-word release.

Prints the tokenisation time and the time of each component (median of many runs) for an
invented release built in this script. Usage: .venv/bin/python scripts/bench_people.py [RUNS]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import spacy  # noqa: E402

import extractors  # noqa: E402,F401

PARAGRAPHS = [
    "Neue Förderung für Dörfer im Landkreis Emsland – Ministerin Maren Ostendorf übergibt Bescheide",
    "Hannover/Meppen. Mit rund 2,4 Millionen Euro unterstützt das Land Niedersachsen sieben Dorfregionen im "
    "Emsland. Die Förderbescheide überreichte Agrarministerin Maren Ostendorf am Freitag in Meppen an Landrat "
    "Marc-André Burghardt sowie die Bürgermeisterinnen und Bürgermeister der beteiligten Gemeinden. Auch "
    "Heinrich Bollmann, Vorsitzender des Heimatvereins Haselünne, nahm an der Übergabe teil.",
    "„Unsere Dörfer sind lebendige Orte, an denen Menschen gern leben und arbeiten. Mit dem Programm "
    "Dorfentwicklung stärken wir genau diese Orte und sichern die Versorgung vor Ort“, sagte Ostendorf. "
    "Burghardt ergänzte: „Die Förderung kommt zur richtigen Zeit. Viele Projekte stehen in den Startlöchern, "
    "und die Gemeinden haben sich intensiv vorbereitet.“",
    "Die Maßnahmen reichen von der Sanierung des Dorfgemeinschaftshauses in Lähden bis zur Neugestaltung des "
    "Marktplatzes in Sögel. Die Gemeinde Herzlake plant zudem einen Mehrgenerationenplatz, der Jung und Alt "
    "zusammenbringen soll. Laut Ostendorf profitieren davon vor allem junge Familien, Vereine und das Ehrenamt. "
    "Der Sprecher des Amtes für regionale Landesentwicklung Weser-Ems, Thomas Kruse, verwies auf die hohe "
    "Nachfrage: In diesem Jahr gingen 45 Anträge ein, im Vorjahr waren es 38.",
    "Der Erste Kreisrat Dr. Martin Gerdes erklärte, der Landkreis werde die Gemeinden bei der Umsetzung "
    "begleiten und die Planungen fachlich unterstützen. Die Leiterin der Kreisentwicklung, Sabine "
    "Többen-Heyne, und ihr Team stehen den Kommunen zur Seite. Dank ging auch an Frau Wessels vom Planungsbüro "
    "und an Herrn Dr. Lübbers, die das Verfahren seit Jahren begleiten.",
    "Die Dorfentwicklung ist eines der wichtigsten Instrumente für die ländlichen Räume in Niedersachsen. Sie "
    "wird aus Mitteln des Europäischen Landwirtschaftsfonds für die Entwicklung des ländlichen Raums, des "
    "Bundes und des Landes finanziert. Seit 2014 wurden so mehr als 1.200 Vorhaben mit über 300 Millionen Euro "
    "gefördert. Die Förderquote liegt für Kommunen bei bis zu 73 Prozent, für private Vorhaben bei 30 Prozent.",
    "„Wer im Dorf investiert, investiert in die Zukunft der ganzen Region. Ich freue mich über jedes Projekt, "
    "das Menschen zusammenbringt“, betonte Ministerin Ostendorf bei ihrem Rundgang. Gemeinsam mit Bürgermeister "
    "Ludger Kewe besichtigte sie anschließend das alte Pfarrhaus, das zu einem Treffpunkt umgebaut werden soll. "
    "Kewe dankte dem Land für die Unterstützung und lud alle Gäste zum Sommerfest ein.",
    "Am Sonntag, 14. Juni, lädt die Gemeinde Lähden zum Tag der offenen Tür ins Haus Marienhain ein. Grußworte "
    "sprechen Pastor Johannes Schnieders und Ortsvorsteherin Gisela Robben. Für Kinder gibt es ein Programm "
    "mit Spielen, Musik und einer Rallye durch das Dorf. Der Eintritt ist frei, eine Anmeldung ist nicht nötig.",
    "Hintergrund: Seit dem Jahr 2019 können Dorfregionen, in denen sich mehrere Orte zusammenschließen, in das "
    "Programm aufgenommen werden. Die Regionen erarbeiten gemeinsam mit den Bürgerinnen und Bürgern einen Plan, "
    "der die Stärken und Schwächen der Dörfer beschreibt und Ziele für die nächsten Jahre festlegt. Begleitet "
    "werden sie dabei von Planungsbüros und den Ämtern für regionale Landesentwicklung. Die Staatssekretärin im "
    "Agrarministerium, Dr. Friederike Holtkamp, hatte das Verfahren im Frühjahr vereinfacht: Anträge können nun "
    "vollständig digital gestellt werden, und die Bearbeitungszeit ist um mehrere Wochen kürzer geworden.",
    "„Wir wollen, dass das Geld schnell ankommt. Die Menschen vor Ort warten nicht gern, und das müssen sie "
    "auch nicht“, sagte Holtkamp. Auch der Präsident des Landkreistages, Landrat Bernd Lührmann, begrüßte die "
    "Vereinfachung. Die kommunalen Spitzenverbände hatten sich seit Langem dafür eingesetzt. Die nächste "
    "Antragsrunde beginnt im September; Unterlagen gibt es beim zuständigen Amt.",
    "Bildunterschrift: Ministerin Maren Ostendorf (Mitte) mit Landrat Marc-André Burghardt (links) und "
    "Bürgermeister Ludger Kewe. Foto: Heiner Dreesmann/ML",
    "Pressekontakt:\nNiedersächsisches Ministerium für Ernährung, Landwirtschaft und Verbraucherschutz\n"
    "Pressestelle\nCalenberger Straße 2, 30169 Hannover\nSabine Hildebrandt\nTel.: 0511 120-2137\n"
    "E-Mail: pressestelle@ml.niedersachsen.de",
]
TEXT = "\n\n".join(PARAGRAPHS)


def cpu_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.process_time_ns()
        fn()
        times.append((time.process_time_ns() - t) / 1e6)
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", "\n"]})
    names = ["press_contacts", "press_people", "press_quotes"]
    for name in names:
        nlp.add_pipe(name)
    for _ in range(5):  # warm the lexicon caches
        nlp(TEXT)
    words = len(TEXT.split())
    print(f"release: {words} words, {len(nlp.make_doc(TEXT))} tokens; median CPU time of {runs} runs")
    print(f"  tokenisation + sentencizer: {cpu_ms(lambda: nlp.get_pipe('sentencizer')(nlp.make_doc(TEXT)), runs):6.2f} ms")
    base = nlp.get_pipe("sentencizer")(nlp.make_doc(TEXT))
    total = 0.0
    for name in names:
        pipe = nlp.get_pipe(name)

        def once(pipe=pipe):
            doc = base.copy()
            doc._.facts, doc._.zones = None, None
            pipe(doc)
        copy_ms = cpu_ms(lambda: base.copy(), runs)
        ms = max(cpu_ms(once, runs) - copy_ms, 0.0)
        total += ms
        print(f"  {name:15s} {ms:6.2f} ms")
    print(f"  people+quotes+contacts beyond tokenisation: {total:.2f} ms")


if __name__ == "__main__":
    main()
