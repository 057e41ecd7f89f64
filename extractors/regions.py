"""press_regions: named places and areas, linked to official keys (AGS, NUTS, ISO).

Words of the text are looked up in the gazetteer (``regions_gazetteer``): longest phrase first,
with the genitive (``Niedersachsens``, ``des Heidekreises``), upper-case datelines (``HILDESHEIM.``)
and compound tails (``Leine-Weser-Gebiet``). Each hit is then read in its context:

- a generic head before it picks the kind (``Landkreis Celle`` -> Kreis 03351, ``Stadt Celle`` ->
  Gemeinde 03351006, ``Region Leine-Weser`` -> the ArL region); a plural head carries over a list
  (``den Landkreisen Uelzen und Celle``); a bare name follows what the same text said elsewhere,
  then the Kreis and Land the text is about, then the town before the Kreis;
- names that are also ordinary words (``Regen``, ``Essen``, ``Weil``) count only with place context:
  a head, a place preposition, a list with other places, ``Regens Bürgermeisterin``;
- no region: a place that closes an organisation name (``Amt für regionale Landesentwicklung
  Lüneburg``, ``JVA Uelzen``), a surname after a given name or Herr/Frau, the contact block;
- villages after ``Ortsteil``/``Ortsteilen``/``OT`` are kept even when the gazetteer lacks them, and so
  are unknown names the context marks as places: a named region after ``Region``; a village-shaped
  name (``regions_place_suffixes.txt``) after ``in``/``aus``/``nach``, in a list after such a place, or
  before ``im Landkreis X``/``bei X``; later bare mentions of such a name count too;
- no region either: a genitive that completes a title (``Kulturhauptstadt Europas``), a list of names
  after an organisation head (``Polizeiinspektionen Anklam, Stralsund und Wismar``).

Output: ``schemas.Region`` items via ``add_fact(doc, "regions", ...)`` (one per place, with all
mentions) and one span per mention in ``doc.spans["regions"]`` (label = kind, ``span._.fact``).
"""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc

from schemas import Mention, Region, stable_id

from .base import add_fact, data_lines, data_table, doc_text, nonspace_runs, zones
from .regions_gazetteer import (DISTRICT, FREE_CITY, MUNI, STATE, WORD_RE, Entry, Gazetteer, Variant,
                                gazetteer, nominative, qualifier_free, words)

GIVEN_NAMES = "de/given_names.tsv"
PLACE_SUFFIXES = "de/regions_place_suffixes.txt"

_GAP_IN_NAME = re.compile(r"[ \t]*[/(]?[ \t]*|\.[ \t]*|[ \t]+")  # between words of one name
_LIST_SEP = re.compile(r"\s*(?:,|,?\s*(?:und|oder|sowie|bzw\.)|[-–—/])\s*")
# a list link with an adjective (and article): "für Vorpommern und das östliche Mecklenburg"
_LIST_SEP_NP = re.compile(r"\s*(?:,|,?\s*(?:und|oder|sowie))\s+(?:(?:der|die|das|dem|den|des)\s+)?"
                          r"(?!(?:der|die|das|dem|den|des|ein|eine|einer|eines|einem|einen)\s)[a-zäöüß]{3,}(?:e|en|er|es|em)\s+")
_ORG_FILLER = re.compile(r"(für|der|des|die|den|dem|und|zu|zur|zum|von|&|[a-zäöüß]+(isch|lich|ig|al|iv|ell|är)(e|en|er|es|em)?)")
# the kinds a generic head selects, in tiers: "Landkreis Rosenheim" is the Kreis before the kreisfreie Stadt
_HEAD_KIND = {"district": ((DISTRICT,), (FREE_CITY,)), "municipality": ((MUNI, FREE_CITY),),
              "collective": ((MUNI,),), "state": ((STATE,),)}
_NAMED_KINDS = ("region", "landscape", "metropolitan_region", "government_region")
# web and mail addresses ("www.twitter.com/MHKBG_NRW", "presse@celle.de") name no places
_TLDS = "de|com|org|net|eu|info"
_URL_RE = re.compile(rf"\S*(?:https?://|www\.|@)\S*|\S+\.(?:{_TLDS})\b\S*", re.I)
# what every _URL_RE match holds (none spans white space): it is tried only on runs holding one
_URL_TRIGGER = re.compile(rf"https?://|www\.|@|\.(?:{_TLDS})\b", re.I)
# a venue line names the place of the event even inside the venue's name: "Wo: Staatskanzlei Potsdam"
_VENUE_RE = re.compile(r"\b(?:Wo|Ort|Veranstaltungsort|Treffpunkt):[ \t]*[^.:\n]*$")
# single-word Gemeinden named after a landscape do take an article ("in der Wedemark")
# a quoted name: „…“, "…", ‚…‘, »…«
_QUOTED_RE = re.compile(r"[„“\"‚»«]([^„“”\"‚‘’»«\n]{2,120})[“”\"‘’«»]")
_WITH_ARTICLE = ("mark", "land", "heide", "marsch", "bruch", "moor", "aue", "wald", "börde", "tal")
_HEAD_CLASSES = ("district", "municipality", "collective", "state", "region", "ortsteil")


@dataclass
class Hit:
    start: int                    # char offsets of the name (without head)
    end: int
    surface: str                  # nominative surface (genitive ending dropped)
    variants: list[Variant]
    wi: int                       # index of the first word
    wj: int                       # index after the last word
    genitive: bool = False
    head: str | None = None       # class of the generic head before it
    head_word: str | None = None
    accepted: bool = False
    entry: Entry | None = None
    adhoc_kind: str | None = None  # a village after "Ortsteil" that the gazetteer lacks
    repeat: bool = False          # a later bare mention of such a name


@dataclass
class _Ctx:
    text: str
    words: list[re.Match]
    g: Gazetteer
    given: frozenset[str]
    hits: list[Hit] = field(default_factory=list)


@functools.lru_cache(maxsize=None)
def _given_names() -> frozenset[str]:
    """Given names from the people lexicon: a place name right after one is a surname."""
    try:
        return frozenset(row[0] for row in data_table(GIVEN_NAMES) if row and row[0][:1].isupper())
    except FileNotFoundError:  # the people lexicon is optional here
        return frozenset()


@functools.lru_cache(maxsize=None)
def _place_suffixes() -> tuple[str, ...]:
    return tuple(sorted(set(data_lines(PLACE_SUFFIXES)), key=len, reverse=True))


# ----------------------------------------------------------------------------- finding names

@functools.lru_cache(maxsize=65536)
def _word_forms(w: str) -> tuple[tuple[str, int], ...]:
    """Lookup forms of one word and how many letters of genitive ending each drops:
    as written, de-capitalised dateline (HILDESHEIM), -s (Niedersachsens), -es (Heidekreises)."""
    forms = [(w, 0)]
    if len(w) >= 4 and w.isupper() and w.isalpha():
        forms.append((w.capitalize(), 0))
    if len(w) > 3 and w.endswith("s"):
        forms.append((w[:-1], 1))
        if w.endswith("es"):
            forms.append((w[:-2], 2))
    return tuple(forms)


def _same(w: str, want: str) -> bool:
    return w == want or (w.isupper() and len(w) >= 4 and w.capitalize() == want)


def _match_at(c: _Ctx, i: int) -> Hit | None:
    """The longest gazetteer phrase starting at word `i`, or None."""
    ws = c.words
    first = ws[i].group()
    if not first[:1].isupper():
        return None
    best: Hit | None = None
    for form, cut in _word_forms(first):
        gen = cut > 0
        for key, variants in c.g.index.get(form, ()):
            n = len(key)
            if i + n > len(ws) or (best and n <= best.wj - best.wi):
                continue
            if n == 1:
                if cut == 1 and key[0].endswith(("s", "ß", "x", "z")):
                    continue  # "Celles" is no genitive of "Cell"; sibilants take -es
                genitive = gen
            else:
                if gen:
                    continue
                genitive, ok = False, True
                for k in range(1, n):
                    w, want = ws[i + k].group(), key[k]
                    if not _GAP_IN_NAME.fullmatch(c.text[ws[i + k - 1].end():ws[i + k].start()]):
                        ok = False
                    elif _same(w, want):
                        continue
                    elif k == n - 1 and w in (want + "s", want + "es") and not want.endswith(("s", "ß", "x", "z")):
                        genitive = True
                    else:
                        ok = False
                    if not ok:
                        break
                if not ok:
                    continue
            start, end = ws[i].start(), ws[i + n - 1].end()
            if "(" in c.text[start:end] and c.text[end:end + 1] == ")":
                end += 1
            surface = c.text[start:end]
            if genitive:
                last = ws[i + n - 1].group()
                cut = len(last) - len(key[-1] if n > 1 else form)
                surface = surface[: len(surface) - cut] if cut > 0 else surface
            if surface.isupper() and len(surface) >= 4:
                surface = surface.title()
            best = Hit(start, end, surface, variants, i, i + n, genitive=genitive)
    if i + 1 < len(ws) and c.text[ws[i].end():ws[i + 1].start()] in (" - ", " – "):
        # "Ebersbach - Neugersdorf": a hyphenated name written with spaces around the hyphen
        joined = f"{first}-{ws[i + 1].group()}"
        variants = c.g.lookup(words(joined))
        if variants:
            s, e = ws[i].start(), ws[i + 1].end()
            return Hit(s, e, joined, variants, i, i + 2)
    if best is None and ("-" in first or "‐" in first):
        # "Leine-Weser-Gebiet": the name before a generic compound tail
        parts = re.split(r"[-‐]", first)
        if "hyphen" in c.g.heads_of(parts[-1]):
            stem = first[: len(first) - len(parts[-1]) - 1]
            variants = c.g.lookup((stem,))
            if variants:
                s = ws[i].start()
                best = Hit(s, s + len(stem), stem, variants, i, i + 1)
    return best


def _find(c: _Ctx) -> None:
    i = 0
    ws = c.words
    while i < len(ws):
        if not ws[i].group()[:1].isupper():
            i += 1          # what _match_at answers first: names start with a capital
            continue
        hit = _match_at(c, i)
        if hit and re.match(r"[-‐](\s|$)", c.text[hit.end:hit.end + 2]):
            hit = None  # the first part of an elided compound: "Bundes- und Landesmittel"
        if hit:
            c.hits.append(hit)
            i = hit.wj
        else:
            i += 1


def _unknown_after(c: _Ctx, i: int, known: set[int], classes: frozenset[str]) -> None:
    """An unknown name right after word `i`: a named region after "Region", a village after "in".

    After a preposition only names with a typical place ending count ("in Alladorf"); an article
    in between ("in der ...") or a hyphenated compound ("in Know-how") is no place name.
    """
    ws, j = c.words, i + 1
    if j >= len(ws) or j in known or c.text[ws[i].end():ws[j].start()] != " ":
        return
    w = ws[j].group()
    if not w[:1].isupper() or w.isupper() or c.g.heads_of(w) or w in c.g.common or c.g.is_org(w) or w in c.given:
        return
    if re.match(r"[ \t]*(?:[-‐]|[A-ZÄÖÜ0-9])", c.text[ws[j].end():ws[j].end() + 3]):
        return  # "Region Hannover Messe", "in Neubauten 2025": the phrase goes on
    if "regionname" in classes:
        kind, head = "region", "region"
    elif _village_like(w):
        kind, head = "other", None
    else:
        return
    c.hits.append(Hit(ws[j].start(), ws[j].end(), w, [], j, j + 1, head=head,
                      head_word=ws[i].group() if head else None, adhoc_kind=kind))
    known.add(j)


def _village_like(w: str) -> bool:
    """A word shaped like a village name: typical ending, every hyphen part capitalised
    ("Anger-Crottendorf", not "Know-how")."""
    parts = re.split(r"[-‐]", w)
    low = parts[-1].lower()
    return all(p[:1].isupper() for p in parts) and not low.endswith(_NOUN_ENDINGS) and any(
        low.endswith(suf) and len(low) - len(suf) >= 3 for suf in _place_suffixes())


# endings of abstract and common nouns: "in Zukunft im Landkreis", "in Betreuung bei Celle" name no village
_NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "tät", "nis", "ismus", "ment", "zeit", "kunft", "trieb",
                 "arbeit", "ität", "enz", "anz", "ik", "ur", "gang", "stand", "bereich", "form", "kraft", "sicht",
                 "sitz", "flow", "show", "how")
_QUALIFIER_AFTER = re.compile(r" (?:im (?:Land)?[Kk]reis|in der (?:Stadt|Gemeinde)|bei) |[ \t]*\((?:Landkreis|Kreis|Lkr\.?|LK) ")
# every position where _QUALIFIER_AFTER matches, found in one pass (group 1 is that match)
_QUALIFIER_AT = re.compile(f"(?=({_QUALIFIER_AFTER.pattern}))")


def _qualified_villages(c: _Ctx) -> None:
    """Village-like names placed by what follows: "Oberaichbach im Landkreis Landshut",
    "Oberellenbach bei Mallersdorf", "Seifertshain (Landkreis Leipzig)"."""
    starts = {h.start for h in c.hits}
    known = {k for h in c.hits for k in range(h.wi, h.wj)}
    qualifiers = {q.start(): q for q in _QUALIFIER_AT.finditer(c.text)}
    for j, m in enumerate(c.words):
        if j in known or j == 0:
            continue
        q = qualifiers.get(m.end())
        if not q or (q.end(1) not in starts and not q.group(1).strip().startswith(("im", "("))):
            continue  # "bei" needs a known place after it
        w, before = m.group(), c.words[j - 1].group()
        # after "in" any name will do ("in Kleintettau im Landkreis Kronach") unless it is shaped like a noun
        after_prep = "prep" in c.g.heads_of(before) and before.islower() and c.text[c.words[j - 1].end():m.start()] == " "
        if not (_village_like(w) or after_prep and w[:1].isupper() and not w.isupper()
                and not w.lower().endswith(_NOUN_ENDINGS)):
            continue
        if w in c.g.common or c.g.heads_of(w) or c.g.is_org(w) or w in c.given:
            continue
        if "article" in c.g.heads_of(before) or re.fullmatch(r"[a-zäöüß]{3,}(?:e|en|er|es|em)", before):
            continue  # "das neue Sportfeld im Landkreis": a noun with its article is no village
        c.hits.append(Hit(m.start(), m.end(), w, [], j, j + 1, adhoc_kind="other"))
        known.add(j)
    c.hits.sort(key=lambda h: h.start)


def _list_partners(c: _Ctx) -> None:
    """Village-like names listed after a place that follows a preposition: "in Buchholz und Heinersdorf"."""
    known = {k for h in c.hits for k in range(h.wi, h.wj)}
    for h in list(c.hits):
        word, gap = _prev_word(c, h)
        if not word or "prep" not in c.g.heads_of(word) or not word.islower() or gap != " ":
            continue
        j = h.wj
        while j < len(c.words):
            sep = c.text[c.words[j - 1].end():c.words[j].start()]
            m = c.words[j]
            if m.group() in ("und", "oder", "sowie") and j + 1 < len(c.words):
                sep += m.group() + c.text[m.end():c.words[j + 1].start()]
                j += 1
                m = c.words[j]
            w = m.group()
            if not _LIST_SEP.fullmatch(sep) or "\n" in sep or "-" in sep or j in known:
                break
            if not _village_like(w) or w in c.g.common or c.g.heads_of(w) or c.g.is_org(w) \
                    or re.match(r"[ \t]*(?:[-‐]|[A-ZÄÖÜ0-9])", c.text[m.end():m.end() + 3]):
                break
            c.hits.append(Hit(m.start(), m.end(), w, [], j, j + 1, adhoc_kind="other"))
            known.add(j)
            j += 1
    c.hits.sort(key=lambda h: h.start)


def _repeat_adhoc(c: _Ctx) -> None:
    """Later bare mentions of a name first found only by its cue ("Gemeinde Steina ... in Steina")."""
    adhoc = {h.surface: h.adhoc_kind for h in c.hits if h.adhoc_kind and h.surface not in c.g.common}
    if not adhoc:
        return
    known = {k for h in c.hits for k in range(h.wi, h.wj)}
    for j, m in enumerate(c.words):
        w = m.group()
        name = w if w in adhoc else (w[:-1] if w.endswith("s") and w[:-1] in adhoc else None)
        if name and j not in known and not (j + 1 < len(c.words) and c.text[m.end():m.end() + 1] == "-"):
            c.hits.append(Hit(m.start(), m.end(), name, [], j, j + 1, genitive=name != w, adhoc_kind=adhoc[name],
                              repeat=True))
    c.hits.sort(key=lambda h: h.start)


def _ortsteile(c: _Ctx) -> None:
    """Villages listed after 'Ortsteil(en)': kept even when the gazetteer does not know them."""
    known = {k for h in c.hits for k in range(h.wi, h.wj)}
    ws = c.words
    for i, m in enumerate(ws):
        classes = c.g.heads_of(m.group())
        if not classes:
            continue    # most words: none of the cases below
        if classes & {"regionname", "prep"}:
            _unknown_after(c, i, known, classes)
            continue
        if classes & {"collective", "town"}:
            # "Samtgemeinde Bevensen-Ebstorf" (the gazetteer lists Gemeinden, not their unions),
            # "Gemeinde Ilmtal-Weinstraße" (newer than the gazetteer), "Stadt Langnau" (abroad)
            j = i + 1
            w = ws[j].group() if j < len(ws) else ""
            after = c.text[ws[j].end():ws[j].end() + 5] if w else ""
            # an unknown word after "Gemeinde" may be a plain noun ("hat die Gemeinde Fördermittel
            # beantragt"): take it only when punctuation or a place qualifier follows
            town_ok = "collective" in classes or "-" in w or re.match(r"(\s*[,.;:()]|\s*$| (im|in|bei|am|an|und) )", after)
            if w[:1].isupper() and j not in known and not c.g.heads_of(w) and w not in c.g.common \
                    and not c.g.is_org(w) and c.text[m.end():ws[j].start()] == " " and town_ok:
                kind = "collective_municipality" if "collective" in classes else "municipality"
                c.hits.append(Hit(ws[j].start(), ws[j].end(), w, [], j, j + 1,
                                  head="collective" if "collective" in classes else "municipality",
                                  head_word=m.group(), adhoc_kind=kind))
            continue
        if "ortsteil" not in classes:
            continue
        j = i + 1
        while j < len(ws):
            w = ws[j].group()
            gap = c.text[ws[j - 1].end():ws[j].start()]
            if "\n" in gap or gap.strip(" ,") != "" or not w[:1].isupper() or c.g.heads_of(w):
                break
            if j not in known:
                c.hits.append(Hit(ws[j].start(), ws[j].end(), w, [], j, j + 1, head="ortsteil",
                                  head_word=m.group(), adhoc_kind="other"))
            j += 1
            if j < len(ws) and ws[j].group() in ("und", "sowie", "oder"):
                j += 1
            elif not (j < len(ws) and c.text[ws[j - 1].end():ws[j].start()].strip() == ","):
                break
    c.hits.sort(key=lambda h: h.start)


# ----------------------------------------------------------------------------- context

def _prev_word(c: _Ctx, h: Hit) -> tuple[str | None, str]:
    if h.wi == 0:
        return None, ""
    p = c.words[h.wi - 1]
    return p.group(), c.text[p.end():h.start]


def _heads(c: _Ctx) -> None:
    """Set each hit's generic head; plural heads carry over a list of names."""
    prev_hit: Hit | None = None
    for h in c.hits:
        if h.head is None and not h.genitive:
            # a genitive name is no apposition of the head: "die größte Stadt Sachsens" is the Land
            word, gap = _prev_word(c, h)
            if word and gap.strip() in ("", "-") and "\n" not in gap:
                classes = c.g.heads_of(word)
                for cls in _HEAD_CLASSES:
                    if cls in classes:
                        h.head, h.head_word = cls, word
                        break
        if h.head is None and prev_hit and prev_hit.head and prev_hit.head_word \
                and "plural" in c.g.heads_of(prev_hit.head_word) \
                and _LIST_SEP.fullmatch(c.text[prev_hit.end:h.start]):
            h.head, h.head_word = prev_hit.head, prev_hit.head_word
        prev_hit = h


def _in_org(c: _Ctx, h: Hit) -> bool:
    """True if the name closes an organisation's name ('Amt für ... Lüneburg', 'JVA Uelzen')."""
    i = h.wi - 1
    steps = 0
    while i >= 0 and steps < 7:
        w = c.words[i].group()
        gap = c.text[c.words[i].end():c.words[i + 1].start() if i + 1 < len(c.words) else h.start]
        if "\n" in gap or gap.strip() not in ("", ".", "(", ")") or (gap.strip() == "." and len(w) > 4):
            return False  # a full stop ends the name unless it closes an abbreviation ("Nds.")
        classes = c.g.heads_of(w)
        if c.g.is_org(w):
            return True
        if w in ("von", "vom") and i >= 1 and c.g.is_org(c.words[i - 1].group()) \
                and c.text[c.words[i - 1].end():c.words[i].start()] == " ":
            return True  # "Regierung von Oberbayern", "Bezirksamt von Mitte" (but "Bürgermeister von Uchte")
        if classes & {"prep", "district", "municipality", "collective", "state", "region", "ortsteil"}:
            return False  # "in Celle", "Landkreis Celle": the place stands on its own
        if not (w[:1].isupper() or _ORG_FILLER.fullmatch(w)):
            return False
        i -= 1
        steps += 1
    return False


def _programme_names(c: _Ctx) -> list[tuple[int, int]]:
    """Character ranges of quoted names right after a programme head word (Programm, Richtlinie ...)."""
    out = []
    for m in _QUOTED_RE.finditer(c.text):
        before = c.text[max(0, m.start() - 40):m.start()].split()
        if before and "programme" in c.g.heads_of(before[-1].strip(",:")):
            out.append((m.start(1), m.end(1)))
    return out


def _numbered(c: _Ctx, h: Hit) -> bool:
    """'in Halle 5', 'Hof 3', 'in March 2023': a common word with a number is no town."""
    return bool(re.match(r" \d{1,4}\b(?![.,]\d)", c.text[h.end:h.end + 7]))


def _club(c: _Ctx, h: Hit) -> bool:
    """'Hannover 96', 'Schalke 04': a town with a two-digit number is a sports club."""
    return bool(re.match(r" \d\d(?!\d|[.,]\d)", c.text[h.end:h.end + 5]))


def _in_title(c: _Ctx, h: Hit) -> bool:
    """'Kulturhauptstadt Europas': a genitive place that completes a title names no region."""
    word, gap = _prev_word(c, h)
    return bool(word and gap == " " and c.text[h.end - 1] == "s" and "title" in c.g.heads_of(word))


def _citation(c: _Ctx, h: Hit) -> bool:
    """'Verordnung (EU) 2021/1060': a name in brackets before a legal reference number."""
    return c.text[h.start - 1:h.start] == "(" and bool(re.match(r"\)\s*(?:Nr\.\s*)?\d", c.text[h.end:h.end + 8]))


def _before_org(c: _Ctx, h: Hit) -> bool:
    """True if an organisation head follows the name ('Hainich Klinikum', 'Hannover Messe')."""
    if h.wj >= len(c.words) or c.text[h.end:c.words[h.wj].start()] != " ":
        return False
    return c.g.is_org(c.words[h.wj].group())


def _is_person(c: _Ctx, h: Hit) -> bool:
    """True if the name is a surname here: after a given name, Herr/Frau, or an office title."""
    word, gap = _prev_word(c, h)
    if not word or gap != " ":
        return False
    classes = c.g.heads_of(word)
    if "person" in classes or ("role" in classes and not h.genitive):
        return True  # "Frau Celle", "Bürgermeisterin Celle" (but "Oberbürgermeister Hannovers")
    if word in ("von", "zu", "vom", "van", "de") and h.wi >= 2:
        before = c.words[h.wi - 2].group()  # "Konstanze zu Rantzau", but "Bürgermeister von Uchte"
        return before in c.given and c.text[c.words[h.wi - 2].end():c.words[h.wi - 1].start()] == " "
    return word in c.given and not c.g.heads_of(word)


def _has_place_context(c: _Ctx, h: Hit) -> bool:
    """Evidence that a name which is also an ordinary word means the place here."""
    if h.head:
        return True
    word, gap = _prev_word(c, h)
    if word and "prep" in c.g.heads_of(word) and gap.strip() == "":
        return True
    if h.genitive and h.wj < len(c.words) and "role" in c.g.heads_of(c.words[h.wj].group()):
        return True
    # a genitive after a noun: "in weiten Teilen Frankens", "im Norden Regens" (not "des Schweizer Frankens")
    if word and gap == " " and c.text[h.end - 1] == "s" and not any(v.entry.name.endswith("s") for v in h.variants) \
            and word[:1].isupper() and not word.isupper() and not word.endswith("er") and not c.g.heads_of(word) \
            and word not in c.given and (h.wi < 2 or c.words[h.wi - 2].group() not in ("des", "eines")):
        return True
    # "Bergen (Lk Celle)": the Kreis in brackets says it is a place
    m = re.match(r"\s*\(\s*([^\W\d_]+)", c.text[h.end:h.end + 30])
    return bool(m and c.g.heads_of(m.group(1)) & {"district", "municipality", "collective"})


# ----------------------------------------------------------------------------- choosing entries

def _kind_rank(e: Entry) -> int:
    if e.named:
        return 6
    return {STATE: 5, FREE_CITY: 4, MUNI: 3, DISTRICT: 2}.get(e.kind, 1)


def _candidates(h: Hit) -> list[Variant]:
    vs = h.variants
    if h.head in ("region",):
        named = [v for v in vs if v.entry.named and v.entry.kind in _NAMED_KINDS]
        return named or [v for v in vs if v.needs != "head"]
    if h.head in _HEAD_KIND:
        for kinds in _HEAD_KIND[h.head]:
            fit = [v for v in vs if v.entry.kind in kinds]
            if fit:
                return fit
    vs = [v for v in vs if v.needs != "head"]
    full = [v for v in vs if not v.bare or v.preferred]
    return full or vs


def _choose(c: _Ctx) -> None:
    accepted = [h for h in c.hits if h.accepted]
    # first pass: hits with one candidate tell which Länder and Kreise the text is about
    lands: Counter[str] = Counter()
    kreise: set[str] = set()
    by_surface_kind: dict[str, str] = {}
    for h in accepted:
        cands = _candidates(h)
        if len(cands) == 1 and cands[0].entry.code and cands[0].entry.code.isdigit():
            e = cands[0].entry
            lands[e.code[:2]] += 1
            if e.kind in (DISTRICT, FREE_CITY):
                kreise.add(e.code)
        if h.head in _HEAD_KIND:
            by_surface_kind.setdefault(h.surface, h.head)
    land = lands.most_common(1)[0][0] if lands else None
    for h in accepted:
        if h.adhoc_kind:
            continue
        if h.head is None and h.surface in by_surface_kind:
            h.head = by_surface_kind[h.surface]  # a bare "Celle" follows "Landkreis Celle" elsewhere
        cands = _candidates(h)
        if not cands:
            h.accepted = False
            continue

        def score(v: Variant) -> tuple:
            e = v.entry
            return (e.named, bool(e.parent and e.parent in kreise) or bool(e.code in kreise),
                    e.land == land if land else False, v.preferred, not v.bare, _kind_rank(e),
                    e.designation == "Stadt")
        cands.sort(key=score, reverse=True)
        top = cands[0]
        rivals = [v for v in cands[1:] if score(v) == score(top) and v.entry.code != top.entry.code]
        if rivals:  # equally good homonyms (five Gemeinden "Bergen"): name it, but claim no key
            e = top.entry
            h.entry = Entry(id=stable_id("region", e.kind, h.surface), name=h.surface, kind=e.kind)
        else:
            h.entry = top.entry
            if top.inflected:
                h.surface = top.entry.name


# ----------------------------------------------------------------------------- component

def find_regions(doc: Doc, skip_zones: tuple[str, ...] = ("contact",)) -> list[Hit]:
    """All accepted place hits of `doc`, each with its chosen gazetteer entry."""
    g = gazetteer()
    text = doc_text(doc)
    c = _Ctx(text, list(WORD_RE.finditer(text)), g, _given_names())
    _find(c)
    # places inside web addresses and inside quoted programme names ("Programm „Zukunftsräume
    # Niedersachsen“") belong to those names
    skip = [(m.start(), m.end()) for a, b in nonspace_runs(_URL_TRIGGER, text)
            for m in _URL_RE.finditer(text, a, b)] + _programme_names(c)
    if skip:
        c.hits = [h for h in c.hits if not any(a <= h.start < b for a, b in skip)]
    _ortsteile(c)
    _qualified_villages(c)
    _list_partners(c)
    _repeat_adhoc(c)
    _heads(c)
    orgs: set[int] = set()  # starts of names that close an organisation's name
    skip_ranges = [r for r in (zones(doc).get(z) for z in skip_zones) if r is not None]
    for h in c.hits:
        if any(a <= h.start and h.end <= b for a, b in skip_ranges):   # in_zone, zones read once
            continue
        if h.head == "ortsteil" and not h.adhoc_kind and not h.genitive \
                and all(v.entry.kind == MUNI for v in h.variants):
            h.adhoc_kind = "other"  # a village or quarter: a Gemeinde of that name elsewhere is not meant
        if h.adhoc_kind and not h.repeat:
            h.accepted = True
            continue
        if _in_org(c, h) and not _VENUE_RE.search(text, max(0, h.start - 60), h.start):
            orgs.add(h.start)
            continue
        if _is_person(c, h) or _before_org(c, h) or _club(c, h) or _in_title(c, h):
            continue
        if h.adhoc_kind:
            h.accepted = True
            continue
        word, _gap = _prev_word(c, h)
        if word and "article" in c.g.heads_of(word) and h.wj - h.wi == 1 and not h.surface.endswith(_WITH_ARTICLE) \
                and all(v.entry.kind == MUNI for v in h.variants):
            continue  # towns take no article: "auf den Höfen" (but "die Wedemark", "die Hohe Börde")
        needs = {v.needs for v in h.variants}
        if _citation(c, h):
            continue
        h.accepted = ("" in needs or (h.head is not None and h.head != "ortsteil")
                      or ("ctx" in needs and _has_place_context(c, h) and not _numbered(c, h)))
    # a list after an organisation's place names more of them: "Polizeiinspektionen Anklam, Stralsund und Wismar"
    for a, b in zip(c.hits, c.hits[1:]):
        gap = c.text[a.end:b.start]
        if a.start in orgs and not b.head and _LIST_SEP.fullmatch(gap) and "-" not in gap and "\n" not in gap:
            orgs.add(b.start)
            b.accepted = False
    # a name that stood after a given name is a surname in this text: bare mentions of it are too
    surnames = {h.surface for h in c.hits if not h.adhoc_kind and _is_person(c, h)}
    for h in c.hits:
        if h.accepted and h.surface in surnames and not h.head and not _has_place_context(c, h):
            h.accepted = False
    # a common-word name in a list with accepted places counts too ("Lindberg, Regen und Zwiesel")
    changed = True
    while changed:
        changed = False
        for a, b in zip(c.hits, c.hits[1:]):
            gap = c.text[a.end:b.start]
            if a.accepted != b.accepted and (_LIST_SEP.fullmatch(gap) or _LIST_SEP_NP.fullmatch(gap)) \
                    and "\n" not in gap:
                loser = b if a.accepted else a
                if "ctx" in {v.needs for v in loser.variants} and not _is_person(c, loser) \
                        and loser.start not in orgs and not _in_org(c, loser) and not any(a <= loser.start and loser.end <= b for a, b in skip_ranges):
                    loser.accepted = changed = True
    _choose(c)
    return [h for h in c.hits if h.accepted and (h.entry or h.adhoc_kind)]


class RegionsComponent:
    def __init__(self, span_group: str = "regions", skip_zones: tuple[str, ...] = ("contact",)):
        self.span_group = span_group
        self.skip_zones = tuple(skip_zones)
        gazetteer()  # load the data now, not on the first document
        _given_names()

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        hits = find_regions(doc, self.skip_zones)
        grouped: dict[str, list[Hit]] = {}
        entries: dict[str, Entry] = {}
        for h in hits:
            e = h.entry or Entry(id=stable_id("region", h.adhoc_kind or "other", h.surface), name=h.surface,
                                 kind=h.adhoc_kind or "other")
            entries[e.id] = e
            grouped.setdefault(e.id, []).append(h)
        named: dict[str, str] = {}
        for ident, hs in grouped.items():
            e = entries[ident]
            names = Counter(nominative(e, h.surface) if e.named else h.surface for h in hs)
            named[ident] = e.name if e.named and e.name in names else max(names, key=lambda s: (names[s], len(s)))
        # "in Rotenburg" after "Landkreis Rotenburg (Wümme)": the short form names the same place
        full = {(qualifier_free(n), entries[i].land): n for i, n in named.items() if qualifier_free(n) != n}
        spans = []
        for ident, hs in grouped.items():
            e = entries[ident]
            name = full.get((named[ident], e.land), named[ident])
            region = Region(
                id=ident, name=name, kind=e.kind, code=e.code, nuts=e.nuts,
                mentions=[Mention(text=text[h.start:h.end], start=h.start, end=h.end) for h in hs],
            )
            add_fact(doc, "regions", region)
            for h in hs:
                span = doc.char_span(h.start, h.end, label=e.kind, alignment_mode="expand")
                if span is not None:
                    span._.fact = region
                    spans.append(span)
        if spans:
            old = list(doc.spans[self.span_group]) if self.span_group in doc.spans else []
            doc.spans[self.span_group] = old + sorted(spans, key=lambda sp: sp.start_char)
        return doc


@Language.factory("press_regions", default_config={"span_group": "regions", "skip_zones": ["contact"]})
def make_regions(nlp: Language, name: str, span_group: str, skip_zones: list[str]) -> RegionsComponent:
    return RegionsComponent(span_group=span_group, skip_zones=tuple(skip_zones))
