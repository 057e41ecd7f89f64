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

import bisect
import functools
import operator
import re
from dataclasses import dataclass, field
from itertools import compress

from pydantic import TypeAdapter
from spacy.language import Language
from spacy.tokens import Doc

from schemas import Region, stable_id

from .base import (WORD_MEMO_LIMIT, data_lines, data_table, doc_text, fact_span, facts, nonspace_runs, note_span_bounds,
                   span_bounds, zones)
from .regions_gazetteer import (DISTRICT, FREE_CITY, MUNI, STATE, Entry, Gazetteer, Variant,
                                gazetteer, nominative, qualifier_free, word_table, words)

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
# what every _URL_RE match holds (none spans white space): it is tried only on the non-space
# runs holding one. A match here is the ".", ":" or "@" of one of rf"https?://|www\.|@|\.(?:{_TLDS})\b"
# (re.I): the same runs, but re skips to those three rare characters in C (h, t, p and w have
# no other case forms under re.I; s has "ſ").
_URL_TRIGGER = re.compile(rf"[.:@](?:(?<=@)|(?<=[hH][tT][tT][pP]:)//|(?<=[hH][tT][tT][pP][sSſ]:)//"
                          rf"|(?<=[wW][wW][wW]\.)|(?<=\.)(?i:(?:{_TLDS})\b))")
# a venue line names the place of the event even inside the venue's name: "Wo: Staatskanzlei Potsdam"
_VENUE_RE = re.compile(r"\b(?:Wo|Ort|Veranstaltungsort|Treffpunkt):[ \t]*[^.:\n]*$")
# single-word Gemeinden named after a landscape do take an article ("in der Wedemark")
# a quoted name: „…“, "…", ‚…‘, »…«
_QUOTED_RE = re.compile(r"[„“\"‚»«]([^„“”\"‚‘’»«\n]{2,120})[“”\"‘’«»]")
_WITH_ARTICLE = ("mark", "land", "heide", "marsch", "bruch", "moor", "aue", "wald", "börde", "tal")
_HEAD_CLASSES = ("district", "municipality", "collective", "state", "region", "ortsteil")


@dataclass(slots=True)
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
    prev: tuple[str | None, str] | None = None   # memo of _prev_word
    person: bool | None = None    # memo of _is_person


@dataclass
class _Ctx:
    text: str
    texts: list[str]    # the words of the text (see regions_gazetteer.word_table)
    starts: list[int]   # their character offsets
    ends: list[int]
    gaps: list[str]     # gaps[k]: the text before word k, after word k - 1
    g: Gazetteer
    given: frozenset[str]
    about: list[tuple]        # _about of each word (see _word_answers)
    name_starts: list[int]    # the words where a gazetteer name may start
    cue_words: list[int]      # the words _ortsteile looks after
    hits: list[Hit] = field(default_factory=list)

    def heads(self, k: int) -> frozenset[str]:
        """``g.heads_of`` word k (read with the word's other answers, see _word_answers)."""
        return self.about[k][0]

    def is_org(self, k: int) -> bool:
        """``g.is_org`` word k (read with the word's other answers, see _word_answers)."""
        return self.about[k][1]

    def word_ending_at(self, pos: int) -> int | None:
        """Index of the word that ends at character `pos`, if one does."""
        j = bisect.bisect_left(self.ends, pos)
        return j if j < len(self.ends) and self.ends[j] == pos else None


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

@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
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


def _phrase_at(c: _Ctx, i: int) -> Hit | None:
    """The longest gazetteer phrase of two or more words starting at word `i`, or None (one-word
    names: :func:`_single_word_match`)."""
    texts = c.texts
    best: Hit | None = None
    # forms without a genitive ending: a genitive ends a name, it does not start a longer one
    for form in [form for form, cut in _word_forms(texts[i]) if not cut]:
        for key, variants in c.g.index.get(form, ()):
            n = len(key)
            if n == 1 or i + n > len(texts) or (best and n <= best.wj - best.wi):
                continue
            genitive, ok = False, True
            for k in range(1, n):
                w, want = texts[i + k], key[k]
                fits = _same(w, want)
                if not fits and k == n - 1 and w in (want + "s", want + "es") \
                        and not want.endswith(("s", "ß", "x", "z")):
                    fits = genitive = True
                # the gap after the word: a word that does not fit is the common case
                if not fits or not _GAP_IN_NAME.fullmatch(c.gaps[i + k]):
                    ok = False
                    break
            if not ok:
                continue
            start, end = c.starts[i], c.ends[i + n - 1]
            if "(" in c.text[start:end] and c.text[end:end + 1] == ")":
                end += 1
            surface = c.text[start:end]
            if genitive:
                cut = len(texts[i + n - 1]) - len(key[-1])
                surface = surface[: len(surface) - cut] if cut > 0 else surface
            if surface.isupper() and len(surface) >= 4:
                surface = surface.title()
            best = Hit(start, end, surface, variants, i, i + n, genitive)
    return best


_NO_START = (None, None)   # see _single_word_match


def _single_word_match(g: Gazetteer, w: str) -> tuple[tuple[str, list[Variant], bool] | None, frozenset[str] | None]:
    """What :func:`_phrase_at` finds at the word `w` when no longer gazetteer phrase goes on
    past it: (surface, variants, genitive) or None; and the second words of the longer phrases
    that a form of `w` starts (None if there are none).

    Both depend on the word alone: _word_answers keeps them per word (bounded)."""
    forms = _word_forms(w)
    seconds = frozenset(key[1] for form, _ in forms for key, _ in g.index.get(form, ()) if len(key) > 1)
    for form, cut in forms:   # the first one-word name that fits wins
        for key, variants in g.index.get(form, ()):
            if len(key) > 1 or (cut == 1 and key[0].endswith(("s", "ß", "x", "z"))):
                continue  # "Celles" is no genitive of "Cell"; sibilants take -es
            surface = w[: len(form)] if cut > 0 else w   # the genitive ending dropped
            if surface.isupper() and len(surface) >= 4:
                surface = surface.title()
            return (surface, variants, cut > 0), seconds or None
    return None, seconds or None


def _may_go_on(w: str, seconds: frozenset[str]) -> bool:
    """False if no phrase with one of `seconds` as its second word can go on with the word `w`
    (the forms _phrase_at accepts: as written, an upper-case dateline, a genitive ending)."""
    return w in seconds or (w.isupper() and len(w) >= 4 and w.capitalize() in seconds) \
        or (w.endswith("s") and (w[:-1] in seconds or (w.endswith("es") and w[:-2] in seconds)))


def _match_at(c: _Ctx, i: int) -> Hit | None:
    """The longest gazetteer phrase starting at word `i`, or None."""
    texts = c.texts
    first = texts[i]
    if not first[:1].isupper():
        return None
    best: Hit | None = None
    single, seconds = c.about[i][3]
    if seconds and i + 1 < len(texts) and _may_go_on(texts[i + 1], seconds):
        best = _phrase_at(c, i)
    if best is None and single is not None:   # no longer phrase fits here: the answer kept for the word
        best = Hit(c.starts[i], c.ends[i], single[0], single[1], i, i + 1, single[2])
    if i + 1 < len(texts) and c.gaps[i + 1] in _SPACED_HYPHENS:
        # "Ebersbach - Neugersdorf": a hyphenated name written with spaces around the hyphen
        joined = f"{first}-{texts[i + 1]}"
        variants = c.g.lookup(words(joined))
        if variants:
            s, e = c.starts[i], c.ends[i + 1]
            return Hit(s, e, joined, variants, i, i + 2)
    if best is None and (found := _compound_stem(c.g, first)):
        stem, variants = found
        s = c.starts[i]
        best = Hit(s, s + len(stem), stem, variants, i, i + 1)
    return best


# a hyphen with spaces around it between two words: "Ebersbach - Neugersdorf" (see _match_at)
_SPACED_HYPHENS = frozenset({" - ", " – "})


_STARTS, _CUE = 1, 2   # word flags: a gazetteer name may start here; _ortsteile looks after it
_FLAG_BITS = operator.itemgetter(2)   # of an _about tuple


def _about(g: Gazetteer, w: str) -> tuple[frozenset[str], bool, int, tuple]:
    """What the rules ask about the word `w`: its ``heads_of`` classes, whether it is an
    organisation head, its flags, and its :func:`_single_word_match` where a name may start."""
    starts = _may_start(g, w)
    flags = (_STARTS if starts else 0) | (_CUE if _ortsteil_cue(g, w) else 0)
    return g.heads_of(w), g.is_org(w), flags, _single_word_match(g, w) if starts else _NO_START


@dataclass(slots=True)
class _WordMemo:
    """:func:`_about` per word seen so far (bounded), while the gazetteer and its heads stay."""
    g: Gazetteer
    heads: dict
    org_suffixes: tuple
    about: dict[str, tuple] = field(default_factory=dict)

    def remember(self, w: str) -> tuple:
        if len(self.about) > WORD_MEMO_LIMIT:
            self.about.clear()
        found = self.about[w] = _about(self.g, w)
        return found


_MEMO: list[_WordMemo] = []   # the one in use


def _word_memo(g: Gazetteer) -> _WordMemo:
    """The word memo of gazetteer `g` as it is now."""
    memo = _MEMO[0] if _MEMO else None
    if memo is None or memo.g is not g or memo.heads is not g.heads or memo.org_suffixes is not g.org_suffixes:
        _MEMO[:] = [_WordMemo(g, g.heads, g.org_suffixes)]
    return _MEMO[0]


def _word_answers(g: Gazetteer, texts: list[str]) -> tuple[list[tuple], list[int], list[int]]:
    """:func:`_about` of each word, the indices of the words where a gazetteer name may start,
    and of the words _ortsteile looks after. The answers are kept per distinct word (bounded),
    so a text costs one dict probe per word, run in C by ``map``, and the rules later read
    them by word index."""
    memo = _word_memo(g)
    about = list(map(memo.about.get, texts))
    for k in compress(range(len(texts)), map(operator.not_, about)):   # the few words not seen yet
        about[k] = memo.about.get(texts[k]) or memo.remember(texts[k])
    starts, cues = [], []
    for i in compress(range(len(texts)), map(_FLAG_BITS, about)):   # most words have none
        if about[i][2] & _STARTS:
            starts.append(i)
        if about[i][2] & _CUE:
            cues.append(i)
    return about, starts, cues


def _may_start(g: Gazetteer, w: str) -> bool:
    """False if :func:`_match_at` surely finds nothing at the word `w` (unless a spaced hyphen
    follows it): no lookup form of it starts a gazetteer phrase, nor is it a name before a
    generic compound tail."""
    return w[:1].isupper() and (any(f in g.index for f, _ in _word_forms(w)) or bool(_compound_stem(g, w)))


_HYPHENS = re.compile(r"[-‐]")


def _compound_stem(g: Gazetteer, w: str) -> tuple[str, list[Variant]] | None:
    """"Leine-Weser-Gebiet": the name before a generic compound tail, with its variants."""
    if "-" not in w and "‐" not in w:
        return None
    parts = _HYPHENS.split(w)
    if "hyphen" in g.heads_of(parts[-1]):
        stem = w[: len(w) - len(parts[-1]) - 1]
        variants = g.lookup((stem,))
        if variants:
            return stem, variants
    return None


def _starter_indices(c: _Ctx) -> list[int]:
    """Indices of the words where a gazetteer name may start: the flagged words, and the words
    before a spaced hyphen (the only place where _match_at finds a name at another word)."""
    found = c.name_starts
    if " - " in c.text or " – " in c.text:
        before_spaced = compress(range(len(c.gaps) - 1), map(_SPACED_HYPHENS.__contains__, c.gaps[1:]))
        found = sorted(set(found).union(before_spaced))
    return found


_ELIDED_TAIL = re.compile(r"[-‐](\s|$)")


def _find(c: _Ctx) -> None:
    after = 0   # the word after the last hit: hits do not overlap
    for i in _starter_indices(c):
        if i < after:
            continue
        hit = _match_at(c, i)
        if hit and c.text[hit.end:hit.end + 1] in ("-", "‐") and _ELIDED_TAIL.match(c.text[hit.end:hit.end + 2]):
            hit = None  # the first part of an elided compound: "Bundes- und Landesmittel"
        if hit:
            c.hits.append(hit)
            after = hit.wj


_PHRASE_GOES_ON = re.compile(r"[ \t]*(?:[-‐]|[A-ZÄÖÜ0-9])")   # a hyphen, capital or digit after a name


def _unknown_after(c: _Ctx, i: int, known: set[int], classes: frozenset[str]) -> None:
    """An unknown name right after word `i`: a named region after "Region", a village after "in".

    After a preposition only names with a typical place ending count ("in Alladorf"); an article
    in between ("in der ...") or a hyphenated compound ("in Know-how") is no place name.
    """
    j = i + 1
    if j >= len(c.texts) or not c.texts[j][:1].isupper():
        return   # the most common case first: "in der", "von den"
    if j in known or c.gaps[j] != " ":
        return
    w = c.texts[j]
    if w.isupper() or c.heads(j) or w in c.g.common or c.is_org(j) or w in c.given:
        return
    if _PHRASE_GOES_ON.match(c.text, c.ends[j], c.ends[j] + 3):
        return  # "Region Hannover Messe", "in Neubauten 2025": the phrase goes on
    if "regionname" in classes:
        kind, head = "region", "region"
    elif _village_like(w):
        kind, head = "other", None
    else:
        return
    c.hits.append(Hit(c.starts[j], c.ends[j], w, [], j, j + 1, head=head,
                      head_word=c.texts[i] if head else None, adhoc_kind=kind))
    known.add(j)


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def _village_like(w: str) -> bool:
    """A word shaped like a village name: typical ending, every hyphen part capitalised
    ("Anger-Crottendorf", not "Know-how")."""
    parts = _HYPHENS.split(w)
    low = parts[-1].lower()
    return all(p[:1].isupper() for p in parts) and not low.endswith(_NOUN_ENDINGS) and any(
        low.endswith(suf) and len(low) - len(suf) >= 3 for suf in _place_suffixes())


# endings of abstract and common nouns: "in Zukunft im Landkreis", "in Betreuung bei Celle" name no village
_NOUN_ENDINGS = ("ung", "heit", "keit", "schaft", "tion", "tät", "nis", "ismus", "ment", "zeit", "kunft", "trieb",
                 "arbeit", "ität", "enz", "anz", "ik", "ur", "gang", "stand", "bereich", "form", "kraft", "sicht",
                 "sitz", "flow", "show", "how")
# a qualifier after a place name: " im Landkreis ", " bei ", " (Kreis "; its two branches are
# found separately (see _qualifier_matches)
_QUALIFIER_WORDS = re.compile(r" (?:im (?:Land)?[Kk]reis|in der (?:Stadt|Gemeinde)|bei) ")
_QUALIFIER_LEADS = (" im ", " in der ", " bei ")   # how each _QUALIFIER_WORDS match starts
_QUALIFIER_BRACKET = re.compile(r"\((?:Landkreis|Kreis|Lkr\.?|LK) ")
_QUALIFIER_AFTER = re.compile(rf"{_QUALIFIER_WORDS.pattern}|[ \t]*{_QUALIFIER_BRACKET.pattern}")


def _qualifier_matches(text: str) -> dict[int, tuple[int, str]]:
    """{position: (end, matched text)} for every position where ``_QUALIFIER_AFTER`` matches.

    Same answer as trying it at each position (the branches never match at the same one),
    but only the places where a branch can start are tried: found by ``str.find`` and a
    scan for the bracket."""
    out: dict[int, tuple[int, str]] = {}
    for lead in _QUALIFIER_LEADS:   # str.find skips to the few places worth a try
        pos = text.find(lead)
        while pos >= 0:   # matches may overlap ("bei im Kreis"): each position is tried
            m = _QUALIFIER_WORDS.match(text, pos)
            if m:
                out[pos] = (m.end(), m.group())
            pos = text.find(lead, pos + 1)
    for m in _QUALIFIER_BRACKET.finditer(text):
        s = m.start()
        while True:   # [ \t]* in front: the match starts at each blank before the bracket, too
            out[s] = (m.end(), text[s:m.end()])
            if s == 0 or text[s - 1] not in " \t":
                break
            s -= 1
    return out


_START = operator.attrgetter("start")   # sort key of hits
_INFLECTED_LOWER = re.compile(r"[a-zäöüß]{3,}(?:e|en|er|es|em)")


def _known_words(c: _Ctx) -> set[int]:
    """Indices of the words inside the hits so far."""
    return {k for h in c.hits for k in range(h.wi, h.wj)}


def _qualified_villages(c: _Ctx) -> None:
    """Village-like names placed by what follows: "Oberaichbach im Landkreis Landshut",
    "Oberellenbach bei Mallersdorf", "Seifertshain (Landkreis Leipzig)"."""
    qualifiers = _qualifier_matches(c.text)
    if not qualifiers:
        return   # most texts: nothing to add, the hits stay sorted
    starts = {h.start for h in c.hits}
    known = _known_words(c)
    for pos in sorted(qualifiers):   # only a qualifier right after a word matters
        j = c.word_ending_at(pos)
        if j is None or j in known or j == 0:
            continue
        q_end, q_text = qualifiers[pos]
        if q_end not in starts and not q_text.strip().startswith(("im", "(")):
            continue  # "bei" needs a known place after it
        w, before = c.texts[j], c.texts[j - 1]
        # after "in" any name will do ("in Kleintettau im Landkreis Kronach") unless it is shaped like a noun
        after_prep = "prep" in c.heads(j - 1) and before.islower() and c.gaps[j] == " "
        if not (_village_like(w) or after_prep and w[:1].isupper() and not w.isupper()
                and not w.lower().endswith(_NOUN_ENDINGS)):
            continue
        if w in c.g.common or c.heads(j) or c.is_org(j) or w in c.given:
            continue
        if "article" in c.heads(j - 1) or _INFLECTED_LOWER.fullmatch(before):
            continue  # "das neue Sportfeld im Landkreis": a noun with its article is no village
        c.hits.append(Hit(c.starts[j], c.ends[j], w, [], j, j + 1, adhoc_kind="other"))
        known.add(j)
    c.hits.sort(key=_START)


def _list_partners(c: _Ctx) -> None:
    """Village-like names listed after a place that follows a preposition: "in Buchholz und Heinersdorf"."""
    known: set[int] | None = None   # made on first need: most places after a preposition end no list
    added = False
    for h in list(c.hits):
        word, gap = _prev_word(c, h)
        if not word or "prep" not in c.heads(h.wi - 1) or not word.islower() or gap != " ":
            continue
        j = h.wj
        while j < len(c.texts):
            sep = c.gaps[j]
            if c.texts[j] in ("und", "oder", "sowie") and j + 1 < len(c.texts):
                sep += c.texts[j] + c.gaps[j + 1]
                j += 1
            w = c.texts[j]
            if "\n" in sep or "-" in sep or not _LIST_SEP.fullmatch(sep):
                break
            if known is None:
                known = _known_words(c)
            if j in known:
                break
            if not _village_like(w) or w in c.g.common or c.heads(j) or c.is_org(j) \
                    or _PHRASE_GOES_ON.match(c.text, c.ends[j], c.ends[j] + 3):
                break
            c.hits.append(Hit(c.starts[j], c.ends[j], w, [], j, j + 1, adhoc_kind="other"))
            known.add(j)
            added = True
            j += 1
    if added:
        c.hits.sort(key=_START)


def _repeat_adhoc(c: _Ctx) -> None:
    """Later bare mentions of a name first found only by its cue ("Gemeinde Steina ... in Steina")."""
    adhoc = {h.surface: h.adhoc_kind for h in c.hits if h.adhoc_kind and h.surface not in c.g.common}
    if not adhoc:
        return
    known = _known_words(c)
    forms = set(adhoc).union(name + "s" for name in adhoc)   # as written or with genitive -s
    for j in [j for j, w in enumerate(c.texts) if w in forms]:
        w = c.texts[j]
        name = w if w in adhoc else w[:-1]    # a form in `forms`: the name or its genitive
        if j not in known and not (j + 1 < len(c.texts) and c.gaps[j + 1].startswith("-")):
            c.hits.append(Hit(c.starts[j], c.ends[j], name, [], j, j + 1, genitive=name != w, adhoc_kind=adhoc[name],
                              repeat=True))
    c.hits.sort(key=_START)


_NAME_CUES = frozenset({"regionname", "prep"})   # an unknown name after it may be a place
_TOWN_CUES = frozenset({"collective", "town"})   # a town name after it
_ORTSTEIL_CUES = _NAME_CUES | _TOWN_CUES | {"ortsteil"}


def _ortsteil_cue(g: Gazetteer, w: str) -> bool:
    """True if :func:`_ortsteile` looks at what follows the word `w`."""
    return not _ORTSTEIL_CUES.isdisjoint(g.heads_of(w))


def _ortsteile(c: _Ctx) -> None:
    """Villages listed after 'Ortsteil(en)': kept even when the gazetteer does not know them."""
    known = _known_words(c)
    texts = c.texts
    for i in c.cue_words:   # most words: none of the cases below
        classes = c.heads(i)
        if not _NAME_CUES.isdisjoint(classes):
            _unknown_after(c, i, known, classes)
            continue
        if not _TOWN_CUES.isdisjoint(classes):
            # "Samtgemeinde Bevensen-Ebstorf" (the gazetteer lists Gemeinden, not their unions),
            # "Gemeinde Ilmtal-Weinstraße" (newer than the gazetteer), "Stadt Langnau" (abroad)
            j = i + 1
            w = texts[j] if j < len(texts) else ""
            after = c.text[c.ends[j]:c.ends[j] + 5] if w else ""
            # an unknown word after "Gemeinde" may be a plain noun ("hat die Gemeinde Fördermittel
            # beantragt"): take it only when punctuation or a place qualifier follows
            town_ok = "collective" in classes or "-" in w or re.match(r"(\s*[,.;:()]|\s*$| (im|in|bei|am|an|und) )", after)
            if w[:1].isupper() and j not in known and not c.heads(j) and w not in c.g.common \
                    and not c.is_org(j) and c.gaps[j] == " " and town_ok:
                kind = "collective_municipality" if "collective" in classes else "municipality"
                c.hits.append(Hit(c.starts[j], c.ends[j], w, [], j, j + 1,
                                  head="collective" if "collective" in classes else "municipality",
                                  head_word=texts[i], adhoc_kind=kind))
            continue
        if "ortsteil" not in classes:
            continue
        j = i + 1
        while j < len(texts):
            w = texts[j]
            gap = c.gaps[j]
            if "\n" in gap or gap.strip(" ,") != "" or not w[:1].isupper() or c.heads(j):
                break
            if j not in known:
                c.hits.append(Hit(c.starts[j], c.ends[j], w, [], j, j + 1, head="ortsteil",
                                  head_word=texts[i], adhoc_kind="other"))
            j += 1
            if j < len(texts) and texts[j] in ("und", "sowie", "oder"):
                j += 1
            elif not (j < len(texts) and c.gaps[j].strip() == ","):
                break
    c.hits.sort(key=_START)


# ----------------------------------------------------------------------------- context

def _prev_word(c: _Ctx, h: Hit) -> tuple[str | None, str]:
    """The word before the hit and the gap between them (asked by many rules: kept on the hit)."""
    if h.prev is None:
        h.prev = (None, "") if h.wi == 0 else (c.texts[h.wi - 1], c.gaps[h.wi])   # hits start at a word
    return h.prev


def _heads(c: _Ctx) -> None:
    """Set each hit's generic head; plural heads carry over a list of names."""
    prev_hit: Hit | None = None
    for h in c.hits:
        if h.head is None and not h.genitive:
            # a genitive name is no apposition of the head: "die größte Stadt Sachsens" is the Land
            word, gap = _prev_word(c, h)
            if word and gap.strip() in ("", "-") and "\n" not in gap:
                classes = c.heads(h.wi - 1)
                for cls in _HEAD_CLASSES:
                    if cls in classes:
                        h.head, h.head_word = cls, word
                        break
        if h.head is None and prev_hit and prev_hit.head and prev_hit.head_word \
                and "plural" in c.g.heads_of(prev_hit.head_word) \
                and _LIST_SEP.fullmatch(c.text[prev_hit.end:h.start]):
            h.head, h.head_word = prev_hit.head, prev_hit.head_word
        prev_hit = h


_STANDS_ALONE = frozenset({"prep", "district", "municipality", "collective", "state", "region", "ortsteil"})


def _in_org(c: _Ctx, h: Hit) -> bool:
    """True if the name closes an organisation's name ('Amt für ... Lüneburg', 'JVA Uelzen')."""
    i = h.wi - 1
    steps = 0
    while i >= 0 and steps < 7:
        w = c.texts[i]
        gap = c.gaps[i + 1]
        if gap != " ":   # the common case needs none of these checks
            bare = gap.strip()
            if "\n" in gap or bare not in ("", ".", "(", ")") or (bare == "." and len(w) > 4):
                return False  # a full stop ends the name unless it closes an abbreviation ("Nds.")
        if c.is_org(i):
            return True
        if w in ("von", "vom") and i >= 1 and c.is_org(i - 1) and c.gaps[i] == " ":
            return True  # "Regierung von Oberbayern", "Bezirksamt von Mitte" (but "Bürgermeister von Uchte")
        if not _STANDS_ALONE.isdisjoint(c.heads(i)):
            return False  # "in Celle", "Landkreis Celle": the place stands on its own
        if not (w[:1].isupper() or _ORG_FILLER.fullmatch(w)):
            return False
        i -= 1
        steps += 1
    return False


def _programme_names(c: _Ctx) -> list[tuple[int, int]]:
    """Character ranges of quoted names right after a programme head word (Programm, Richtlinie ...)
    that hold the start of a hit (the others would remove no hit)."""
    out = []
    starts = [h.start for h in c.hits]   # sorted, as the hits are
    for m in _QUOTED_RE.finditer(c.text):
        k = bisect.bisect_left(starts, m.start(1))
        if k == len(starts) or starts[k] >= m.end(1):
            continue   # most quotes hold no place name
        before = c.text[max(0, m.start() - 40):m.start()].split()
        if before and "programme" in c.g.heads_of(before[-1].strip(",:")):
            out.append((m.start(1), m.end(1)))
    return out


_NUMBER_AFTER = re.compile(r" \d{1,4}\b(?![.,]\d)")
_CLUB_NUMBER_AFTER = re.compile(r" \d\d(?!\d|[.,]\d)")
_REFERENCE_AFTER = re.compile(r"\)\s*(?:Nr\.\s*)?\d")


def _numbered(c: _Ctx, h: Hit) -> bool:
    """'in Halle 5', 'Hof 3', 'in March 2023': a common word with a number is no town."""
    return bool(_NUMBER_AFTER.match(c.text, h.end, h.end + 7))


def _club(c: _Ctx, h: Hit) -> bool:
    """'Hannover 96', 'Schalke 04': a town with a two-digit number is a sports club."""
    return bool(_CLUB_NUMBER_AFTER.match(c.text, h.end, h.end + 5))


def _in_title(c: _Ctx, h: Hit) -> bool:
    """'Kulturhauptstadt Europas': a genitive place that completes a title names no region."""
    word, gap = _prev_word(c, h)
    return bool(word and gap == " " and c.text[h.end - 1] == "s" and "title" in c.heads(h.wi - 1))


def _citation(c: _Ctx, h: Hit) -> bool:
    """'Verordnung (EU) 2021/1060': a name in brackets before a legal reference number."""
    return c.text[h.start - 1:h.start] == "(" and bool(_REFERENCE_AFTER.match(c.text, h.end, h.end + 8))


def _before_org(c: _Ctx, h: Hit) -> bool:
    """True if an organisation head follows the name ('Hainich Klinikum', 'Hannover Messe')."""
    if h.wj >= len(c.texts) or c.text[h.end:c.starts[h.wj]] != " ":
        return False
    return c.is_org(h.wj)


def _is_person(c: _Ctx, h: Hit) -> bool:
    """True if the name is a surname here: after a given name, Herr/Frau, or an office title."""
    if h.person is None:   # asked up to three times per hit
        h.person = _person_rule(c, h)
    return h.person


def _person_rule(c: _Ctx, h: Hit) -> bool:
    word, gap = _prev_word(c, h)
    if not word or gap != " ":
        return False
    classes = c.heads(h.wi - 1)
    if "person" in classes or ("role" in classes and not h.genitive):
        return True  # "Frau Celle", "Bürgermeisterin Celle" (but "Oberbürgermeister Hannovers")
    if word in ("von", "zu", "vom", "van", "de") and h.wi >= 2:
        before = c.texts[h.wi - 2]  # "Konstanze zu Rantzau", but "Bürgermeister von Uchte"
        return before in c.given and c.gaps[h.wi - 1] == " "
    return word in c.given and not c.heads(h.wi - 1)


_BRACKETED_WORD = re.compile(r"\s*\(\s*([^\W\d_]+)")


def _has_place_context(c: _Ctx, h: Hit) -> bool:
    """Evidence that a name which is also an ordinary word means the place here."""
    if h.head:
        return True
    word, gap = _prev_word(c, h)
    if word and "prep" in c.heads(h.wi - 1) and gap.strip() == "":
        return True
    if h.genitive and h.wj < len(c.texts) and "role" in c.heads(h.wj):
        return True
    # a genitive after a noun: "in weiten Teilen Frankens", "im Norden Regens" (not "des Schweizer Frankens")
    if word and gap == " " and c.text[h.end - 1] == "s" and not any(v.entry.name.endswith("s") for v in h.variants) \
            and word[:1].isupper() and not word.isupper() and not word.endswith("er") and not c.heads(h.wi - 1) \
            and word not in c.given and (h.wi < 2 or c.texts[h.wi - 2] not in ("des", "eines")):
        return True
    # "Bergen (Lk Celle)": the Kreis in brackets says it is a place
    m = _BRACKETED_WORD.match(c.text, h.end, h.end + 30)
    return bool(m and c.g.heads_of(m.group(1)) & {"district", "municipality", "collective"})


# ----------------------------------------------------------------------------- choosing entries

_KIND_RANK = {STATE: 5, FREE_CITY: 4, MUNI: 3, DISTRICT: 2}


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)   # a hash per place name: kept per name
def _region_id(kind: str, name: str) -> str:
    """The id of a place the gazetteer does not key."""
    return stable_id("region", kind, name)


def _kind_rank(e: Entry) -> int:
    if e.named:
        return 6
    return _KIND_RANK.get(e.kind, 1)


_CANDIDATES: dict[tuple[int, str | None], tuple[list[Variant], list[Variant]]] = {}


def _candidates(h: Hit) -> list[Variant]:
    """The variants of the hit that fit its head (do not modify the list).

    Hits of the same gazetteer phrase share its variant list: the answer is kept per list
    and head (bounded; the list is kept with it, so its id stays its own)."""
    vs = h.variants
    if not vs:
        return vs
    key = (id(vs), h.head)
    found = _CANDIDATES.get(key)
    if found is None or found[0] is not vs:
        if len(_CANDIDATES) > WORD_MEMO_LIMIT:
            _CANDIDATES.clear()
        found = _CANDIDATES[key] = (vs, _fitting(vs, h.head))
    return found[1]


def _fitting(vs: list[Variant], head: str | None) -> list[Variant]:
    if head in ("region",):
        named = [v for v in vs if v.entry.named and v.entry.kind in _NAMED_KINDS]
        return named or [v for v in vs if v.needs != "head"]
    if head in _HEAD_KIND:
        for kinds in _HEAD_KIND[head]:
            fit = [v for v in vs if v.entry.kind in kinds]
            if fit:
                return fit
    vs = [v for v in vs if v.needs != "head"]
    full = [v for v in vs if not v.bare or v.preferred]
    return full or vs


def _score(v: Variant, kreise: set[str], land: str | None) -> tuple:
    """How well a candidate fits the text: higher is better."""
    e = v.entry
    return (e.named, bool(e.parent and e.parent in kreise) or bool(e.code in kreise),
            e.land == land if land else False, v.preferred, not v.bare, _kind_rank(e),
            e.designation == "Stadt")


def _choose(c: _Ctx) -> None:
    accepted = [h for h in c.hits if h.accepted]
    # first pass: hits with one candidate tell which Länder and Kreise the text is about
    lands: dict[str, int] = {}   # a Counter, without its cost per text
    kreise: set[str] = set()
    by_surface_kind: dict[str, str] = {}
    first: list[list[Variant]] = []   # the candidates of each hit, for the second pass
    for h in accepted:
        cands = _candidates(h)
        first.append(cands)
        if len(cands) == 1 and cands[0].entry.code and cands[0].entry.code.isdigit():
            e = cands[0].entry
            lands[e.code[:2]] = lands.get(e.code[:2], 0) + 1
            if e.kind in (DISTRICT, FREE_CITY):
                kreise.add(e.code)
        if h.head in _HEAD_KIND:
            by_surface_kind.setdefault(h.surface, h.head)
    land = max(lands, key=lands.__getitem__) if lands else None   # the first of the most common
    for h, cands in zip(accepted, first):
        if h.adhoc_kind:
            continue
        if h.head is None and h.surface in by_surface_kind:
            h.head = by_surface_kind[h.surface]  # a bare "Celle" follows "Landkreis Celle" elsewhere
            cands = _candidates(h)   # the head selects other candidates
        if not cands:
            h.accepted = False
            continue
        top, rivals = cands[0], False
        if len(cands) > 1:   # the best candidate; a rival scores the same with another key
            scores = [_score(v, kreise, land) for v in cands]
            # the first of the best, as a stable sort puts it first
            best = max(range(len(cands)), key=scores.__getitem__)
            top = cands[best]
            rivals = any(k != best and scores[k] == scores[best] and cands[k].entry.code != top.entry.code
                         for k in range(len(cands)))
        if rivals:  # equally good homonyms (five Gemeinden "Bergen"): name it, but claim no key
            e = top.entry
            h.entry = Entry(id=_region_id(e.kind, h.surface), name=h.surface, kind=e.kind)
        else:
            h.entry = top.entry
            if top.inflected:
                h.surface = top.entry.name


# ----------------------------------------------------------------------------- component

def _starts_in(h: Hit, ranges: list[tuple[int, int]]) -> bool:
    """True if the hit starts in one of the character ranges (a loop: cheaper than any())."""
    for a, b in ranges:
        if a <= h.start < b:
            return True
    return False


def _inside(h: Hit, ranges: list[tuple[int, int]]) -> bool:
    """True if the hit lies inside one of the character ranges."""
    for a, b in ranges:
        if a <= h.start and h.end <= b:
            return True
    return False


def find_regions(doc: Doc, skip_zones: tuple[str, ...] = ("contact",)) -> list[Hit]:
    """All accepted place hits of `doc`, each with its chosen gazetteer entry."""
    g = gazetteer()
    text = doc_text(doc)
    table = word_table(text)
    c = _Ctx(text, *table, g, _given_names(), *_word_answers(g, table[0]))
    _find(c)
    # places inside web addresses and inside quoted programme names ("Programm „Zukunftsräume
    # Niedersachsen“") belong to those names
    skip = [(m.start(), m.end()) for a, b in nonspace_runs(_URL_TRIGGER, text)
            for m in _URL_RE.finditer(text, a, b)] + _programme_names(c)
    if skip:
        c.hits = [h for h in c.hits if not _starts_in(h, skip)]
    _ortsteile(c)
    _qualified_villages(c)
    _list_partners(c)
    _repeat_adhoc(c)
    _heads(c)
    orgs: set[int] = set()  # starts of names that close an organisation's name
    found_zones = zones(doc)
    skip_ranges = [found_zones[z] for z in skip_zones if found_zones.get(z) is not None]
    for h in c.hits:
        if skip_ranges and _inside(h, skip_ranges):   # in_zone, zones read once
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
        if word and "article" in c.heads(h.wi - 1) and h.wj - h.wi == 1 and not h.surface.endswith(_WITH_ARTICLE) \
                and all(v.entry.kind == MUNI for v in h.variants):
            continue  # towns take no article: "auf den Höfen" (but "die Wedemark", "die Hohe Börde")
        needs = {v.needs for v in h.variants}
        if _citation(c, h):
            continue
        h.accepted = ("" in needs or (h.head is not None and h.head != "ortsteil")
                      or ("ctx" in needs and _has_place_context(c, h) and not _numbered(c, h)))
    # a list after an organisation's place names more of them: "Polizeiinspektionen Anklam, Stralsund und Wismar"
    for a, b in zip(c.hits, c.hits[1:]):
        if a.start in orgs and not b.head:
            gap = c.text[a.end:b.start]
            if _LIST_SEP.fullmatch(gap) and "-" not in gap and "\n" not in gap:
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
            if a.accepted == b.accepted:
                continue
            gap = c.text[a.end:b.start]
            if (_LIST_SEP.fullmatch(gap) or _LIST_SEP_NP.fullmatch(gap)) and "\n" not in gap:
                loser = b if a.accepted else a
                if any(v.needs == "ctx" for v in loser.variants) and not _is_person(c, loser) \
                        and loser.start not in orgs and not _in_org(c, loser) and not _inside(loser, skip_ranges):
                    loser.accepted = changed = True
    _choose(c)
    return [h for h in c.hits if h.accepted and (h.entry or h.adhoc_kind)]


class RegionsComponent:
    def __init__(self, span_group: str = "regions", skip_zones: tuple[str, ...] = ("contact",)):
        self.span_group = span_group
        self.skip_zones = tuple(skip_zones)
        gazetteer()  # load the data now, not on the first document
        _given_names()
        _regions_adapter()

    def __call__(self, doc: Doc) -> Doc:
        self._emit(doc, find_regions(doc, self.skip_zones))
        return doc

    def _emit(self, doc: Doc, hits: list[Hit]) -> None:
        """One Region per place (with all its mentions) and one span per mention."""
        text = doc_text(doc)
        grouped: dict[str, list[Hit]] = {}
        entries: dict[str, Entry] = {}
        for h in hits:
            e = h.entry or Entry(id=_region_id(h.adhoc_kind or "other", h.surface), name=h.surface,
                                 kind=h.adhoc_kind or "other")
            entries[e.id] = e
            grouped.setdefault(e.id, []).append(h)
        named: dict[str, str] = {}
        for ident, hs in grouped.items():
            e = entries[ident]
            names: dict[str, int] = {}   # a Counter, without its cost per place
            for h in hs:
                n = nominative(e, h.surface) if e.named else h.surface
                names[n] = names.get(n, 0) + 1
            if e.named and e.name in names:
                named[ident] = e.name
            elif len(names) == 1:   # most places: one name, nothing to weigh
                named[ident] = next(iter(names))
            else:
                named[ident] = max(names, key=lambda s: (names[s], len(s)))
        # "in Rotenburg" after "Landkreis Rotenburg (Wümme)": the short form names the same place
        full = {(short, entries[i].land): n for i, n in named.items() if (short := qualifier_free(n)) != n}
        places = []
        for ident, hs in grouped.items():
            e = entries[ident]
            places.append({"id": ident, "name": full.get((named[ident], e.land), named[ident]), "kind": e.kind,
                           "code": e.code, "nuts": e.nuts,
                           "mentions": [{"text": text[h.start:h.end], "start": h.start, "end": h.end} for h in hs]})
        # plain dicts: pydantic validates the places and their mentions in one call, not one per place
        regions = _regions_adapter().validate_python(places)
        if regions:
            facts(doc, "regions").extend(regions)
        spans = []
        for region, hs in zip(regions, grouped.values()):
            for h in hs:
                span = fact_span(doc, h.start, h.end, region.kind, region)
                if span is not None:
                    spans.append(span)
        if spans:
            old = list(doc.spans[self.span_group]) if self.span_group in doc.spans else []
            spans.sort(key=_START_CHAR)
            doc.spans[self.span_group] = old + spans
            if not old:
                note_span_bounds(doc, self.span_group, spans)



@functools.cache
def _regions_adapter() -> TypeAdapter[list[Region]]:
    """Validates a document's places in one call (built on first use: it compiles a schema)."""
    return TypeAdapter(list[Region])


_START_CHAR = operator.attrgetter("start_char")


def region_bounds(doc: Doc, group: str = "regions") -> list[tuple[int, int]]:
    """(start token, end token) of each span of ``doc.spans[group]``, in order (see base.span_bounds)."""
    return span_bounds(doc, group)[0]


@Language.factory("press_regions", default_config={"span_group": "regions", "skip_zones": ["contact"]})
def make_regions(nlp: Language, name: str, span_group: str, skip_zones: list[str]) -> RegionsComponent:
    return RegionsComponent(span_group=span_group, skip_zones=tuple(skip_zones))
