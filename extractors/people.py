"""press_people: named people, their roles and every mention, without a statistical model.

Candidates come from :mod:`extractors.people_rules`; this component drops image credits
and place/programme names, links surname-only mentions to the full name given elsewhere
(one person, several mentions), and writes ``schemas.Person`` items plus spans in
``doc.spans["people"]``. With ``ner_model`` set to an installed spaCy pipeline (name or
path), that pipeline's PER entities are merged in as further candidates.
"""
from __future__ import annotations

import bisect
import functools
from itertools import compress

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from schemas import Person, stable_id

from . import people_lexicon as lex
from .base import doc_text, fact_of, facts, sentence_starts, set_fact, span_bounds, token_range_chars, token_texts
from .people_rules import CREDIT_FLAG, Candidate, Finder, RoleHit, token_flags
from .regions import region_bounds

SPAN_KEY = "people"
_MODEL_LABELS = frozenset(["PER", "PERSON"])


def credit_zones(doc: Doc, words: list[str], flags: list[int]) -> list[tuple[int, int]]:
    """Token ranges of image credits and CMS bylines ('Foto: Max Muster', 'Gespeichert von …').
    `words`: the token texts; `flags`: ``token_flags(words)``."""
    cues = lex.credit_cues()
    zones, n = [], len(words)
    if max(flags, default=0) < CREDIT_FLAG:
        return zones    # no token starts a cue (most releases): told in C, without a step per token
    # only tokens whose lower-case form starts a cue; the flags that are not 0 are few, picked in C
    for i in [i for i in compress(range(n), flags) if flags[i] & CREDIT_FLAG]:
        low = [x.lower() for x in words[i:i + 4]]
        for cue in cues:
            k = len(cue)
            if tuple(low[:k]) != cue:
                continue
            nxt = words[i + k] if i + k < n else ""
            if not (k > 1 or nxt in (":", "©") or cue == ("©",) or _short_credit_line(words, i, k)):
                continue
            # 'Foto: …' ends at the line end, a closing bracket or the first full stop
            j = i + k
            while j < n and "\n" not in words[j] and words[j] not in (")", ".", ";") and j - i < 16:
                j += 1
            zones.append((i, j))
            break
    return zones


def _short_credit_line(words: list[str], i: int, k: int) -> bool:
    """'Foto Max Muster' on a line of its own: a credit also without a colon."""
    if i > 0 and "\n" not in words[i - 1]:
        return False
    j = i + k
    while j < len(words) and "\n" not in words[j]:
        j += 1
    return 1 < j - i - k <= 5 and words[i + k][:1].isupper()


@functools.lru_cache(maxsize=4)
def _load_model(name: str) -> Language:
    return spacy.load(name)


def _model_candidates(doc: Doc, name: str, finder: Finder) -> list[Candidate]:
    """PER entities of an installed pipeline as candidates (titles stripped, last token = surname)."""
    other = _load_model(name)(doc.text)
    out = []
    for ent in other.ents:
        if ent.label_ not in _MODEL_LABELS:
            continue
        span = doc.char_span(ent.start_char, ent.end_char, alignment_mode="contract")
        if span is None:
            continue
        s, e = span.start, span.end
        hon = []
        while s < e and (k := finder.title_at(s)):
            hon.append("".join(finder.T[s:s + k]))
            s += k
        while s < e and finder.T[s] in ("Herr", "Frau"):
            s += 1
        words = [t.text for t in doc[s:e] if not t.is_punct and not t.is_space]
        if not words or not words[-1][:1].isupper():
            continue
        parts = [w for w in words[:-1] if w in lex.particles()]
        given = [w for w in words[:-1] if w not in lex.particles()]
        out.append(Candidate(s, e, given, parts, words[-1], hon, strength="model",
                             gender=lex.gender_of(given[0]) if given else "u"))
    return out


class _Entity:
    """Mentions of one person while linking."""

    def __init__(self, cand: Candidate):
        self.cands = [cand]

    @property
    def best(self) -> Candidate:
        return max(self.cands, key=lambda c: (len(c.given) + len(c.particles), c.strength != "model"))

    @property
    def surname(self) -> str:
        return self.best.surname


@functools.lru_cache(maxsize=4096)   # a hash per name: kept per name
def _person_id(name: str) -> str:
    return stable_id("person", name.casefold())


def _strip_genitive(word: str, known: set[str]) -> str:
    if word not in known and word.endswith("s") and word[:-1] in known:
        return word[:-1]
    return word


@Language.factory("press_people", default_config={"ner_model": None, "span_key": SPAN_KEY, "link_surnames": True})
def make_people(nlp: Language, name: str, ner_model: str | None, span_key: str, link_surnames: bool):
    return PeopleComponent(ner_model, span_key, link_surnames)


class PeopleComponent:
    def __init__(self, ner_model: str | None = None, span_key: str = SPAN_KEY, link_surnames: bool = True):
        self.ner_model = ner_model
        self.span_key = span_key
        self.link_surnames = link_surnames
        if ner_model:
            _load_model(ner_model)  # fail early on a wrong name, and load once

    def __call__(self, doc: Doc) -> Doc:
        words = token_texts(doc)
        programs = {i for s, e in span_bounds(doc, "programs")[0] for i in range(s, e)}
        # (start, end) tokens of each region, without a Span object per region
        regions = region_bounds(doc)
        region_tokens = {i for s, e in regions for i in range(s, e)}
        places = region_tokens | programs
        flags = token_flags(words)
        finder = Finder(doc, credit_zones(doc, words, flags), words, places=region_tokens, flags=flags)
        cands = finder.run()
        if self.ner_model:
            taken = {i for c in cands for i in range(c.start, c.end)}
            for c in _model_candidates(doc, self.ner_model, finder):
                span = range(c.start, c.end)
                if not taken.intersection(span) and not finder.blocked.intersection(span):
                    cands.append(c)
        # a name inside a programme name is the programme's ('Programm Frieda Nadig'), unless a title stands with it
        cands = [c for c in cands if self._keep(c, places)
                 and (c.roles or c.honorifics or not programs.issuperset(range(c.start, c.end)))]
        entities = self._link(cands, finder, places)
        self._emit(doc, entities, regions)
        return doc

    @staticmethod
    def _keep(c: Candidate, places: set[int]) -> bool:
        """Drop bare surnames (also after a title: 'Bürgermeister Regens') and model guesses
        that are places or programmes."""
        if c.strength in ("title", "given") or (c.strength == "role" and c.full):
            return True
        return not places.intersection(range(c.start, c.end))

    def _link(self, cands: list[Candidate], finder: Finder, places: set[int]) -> list[_Entity]:
        cands.sort(key=lambda c: c.start)
        # 'Ministerin Walter Bescheide' read as a two-word name, while 'Melanie Walter' is named elsewhere:
        # the first word is her surname and the second is no name
        # ('Ministerin Hubers Besuch': also the genitive)
        surnames_of_full = {c.surname for c in cands if len(c.given) >= 1 and c.strength != "role"}
        for c in cands:
            if c.strength == "role" and len(c.given) == 1 and not c.particles:
                first = _strip_genitive(c.given[0], surnames_of_full)
                if first in surnames_of_full:
                    c.given, c.surname, c.end = [], first, c.start + 1
        full = [c for c in cands if c.full]
        # genitive of a surname seen elsewhere, also bare ('Ministerin Walter' … 'Melanie Walters Besuch')
        known_surnames = {c.surname for c in cands}
        entities: list[_Entity] = []
        by_name: dict[tuple, _Entity] = {}
        # full names first: same given names + surname = one person; 'Julia Hamburg' joins 'Julia Willie Hamburg'
        for c in sorted(full, key=lambda c: -len(c.given)):
            c.surname = _strip_genitive(c.surname, known_surnames - {c.surname})
            key = (tuple(c.given), c.surname)
            ent = by_name.get(key)
            if ent is None:
                for (g, s), e in by_name.items():
                    if s == c.surname and g[0] == c.given[0] and set(c.given) <= set(g):
                        ent = e
                        break
            if ent is None:
                ent = _Entity(c)
                entities.append(ent)
            else:
                ent.cands.append(c)
            by_name[key] = ent
        # bare surnames join the person with that surname (nearest before, else after)
        by_surname: dict[str, list[_Entity]] = {}
        for e in entities:
            by_surname.setdefault(e.surname, []).append(e)
        for c in cands:
            if c.full:
                continue
            c.surname = _strip_genitive(c.surname, set(by_surname))
            options = by_surname.get(c.surname)
            if options:
                ent = min(options, key=lambda e: min(abs(x.start - c.start) + (0 if x.start <= c.start else 10_000)
                                                      for x in e.cands))
                ent.cands.append(c)
            elif c.strength in ("role", "title", "weak", "model"):
                ent = _Entity(c)
                entities.append(ent)
                by_surname[c.surname] = [ent]
        if self.link_surnames:
            self._more_mentions(entities, by_surname, finder, places)
        return entities

    @staticmethod
    def _more_mentions(entities, by_surname, finder: Finder, places: set[int]) -> None:
        """Every further capitalised occurrence of a known surname (or its genitive) is a mention."""
        if not by_surname:
            return      # no surname to look for: no look-up per token
        taken = {i for e in entities for c in e.cands for i in range(c.start, c.end)}
        # surname or its genitive -> surname (the surname itself wins where both read alike)
        keys = {s + "s": s for s in by_surname}
        keys.update((s, s) for s in by_surname)
        T = finder.T
        # the dictionary look-up first (in C): it rules out nearly every token
        for i in compress(range(len(T)), map(keys.__contains__, T)):
            t = T[i]
            key = keys[t]
            if i in taken or i in finder.blocked or i in places or not t[:1].isupper():
                continue
            if len(by_surname[key]) != 1:
                continue
            # part of a longer name-like run is someone else (Olaf Lies vs. another Lies)
            if finder.name_ok(i - 1) and lex.is_given_name(finder.T[i - 1]):
                continue
            by_surname[key][0].cands.append(Candidate(i, i + 1, [], [], key, strength="link"))

    def _emit(self, doc: Doc, entities: list[_Entity], regions: list[tuple[int, int]]) -> None:
        if not entities and self.span_key in doc.spans:
            return
        sent_starts = sentence_starts(doc)
        spans = list(doc.spans[self.span_key]) if self.span_key in doc.spans else []
        # character offsets from token offsets: no Span object per mention
        text = doc_text(doc)

        def sent_of(char: int) -> int | None:
            return bisect.bisect_right(sent_starts, char) - 1 if sent_starts else None

        def text_of(start_tok: int, end_tok: int) -> str:
            """``doc[start_tok:end_tok].text``, cut from the text: no Span, no Token per word."""
            start, end = token_range_chars(doc, start_tok, end_tok)
            return text[start:end]

        def mention(start_tok: int, end_tok: int) -> dict:
            """The fields of a Mention: the Person is validated once, with all its parts."""
            start, end = token_range_chars(doc, start_tok, end_tok)
            return {"text": text[start:end], "start": start, "end": end, "sentence": sent_of(start)}

        found = facts(doc, "people") if entities else []   # doc._ read once, not per person

        for ent in sorted(entities, key=lambda e: min(c.start for c in e.cands)):
            # a person seen only through surname links and no rule of its own is no person
            if all(c.strength == "link" for c in ent.cands):
                continue
            best = ent.best
            name = " ".join(best.given + best.particles + [best.surname])
            honorifics = []
            for c in ent.cands:
                h = " ".join(c.honorifics)
                if h and h not in honorifics:
                    honorifics.append(h)
            roles: dict[str, dict] = {}   # title -> the fields of its Role
            for c in sorted(ent.cands, key=lambda c: c.start):
                for r in c.roles:
                    self._add_role(doc, roles, r, mention, regions, text_of)
            titles = list(roles)
            # 'Landrat' is the same role as 'Landrat des Heidekreises': keep the fuller one
            keep = [t for t in titles if not any(o != t and o.startswith(t + " ") for o in titles)]
            # one span per mention; its character offsets serve the Mention too
            mention_spans = [Span(doc, s, e, label="PER") for s, e in sorted({(c.start, c.end) for c in ent.cands})]
            person = Person(
                id=_person_id(name),
                name=name,
                honorifics=honorifics,
                roles=[roles[t] for t in keep],
                # plain dicts: pydantic validates them into Roles and Mentions in this one call
                mentions=[{"text": text[sp.start_char:sp.end_char], "start": sp.start_char, "end": sp.end_char,
                           "sentence": sent_of(sp.start_char)} for sp in mention_spans],
            )
            found.append(person)
            for span in mention_spans:
                set_fact(doc, span, person.id)
                spans.append(span)
        doc.spans[self.span_key] = spans

    @staticmethod
    def _add_role(doc: Doc, roles: dict[str, dict], r: RoleHit, mention, regions, text_of) -> None:
        """Add the role hit to `roles` (title -> the fields of a Role). `mention(start, end)`: the
        fields of a Mention of tokens [start, end); `text_of(start, end)`: their text."""
        title = " ".join(r.title.split())   # white space runs as one space, as re.sub(r"\s+", " ") and strip()
        m = mention(r.start, r.end)
        if title in roles:
            roles[title]["mentions"].append(m)
            return
        region = None
        lo, hi = r.start - 1, r.end
        for k, (start, end) in enumerate(regions):
            if lo <= start and end <= hi:
                # The region's proper name ("Heidekreis"), not the inflected mention ("Heidekreises").
                s = doc.spans["regions"][k]
                fact = fact_of(doc, s)
                region = fact.name if fact is not None else s.text
                break
        organisation = None
        if r.complement and region is None:
            s, e = r.complement
            organisation = text_of(s, e).split(" ", 1)[-1] if e - s > 1 else None
        roles[title] = {"title": title, "organisation": organisation, "region": region, "mentions": [m]}

