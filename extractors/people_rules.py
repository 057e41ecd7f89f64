"""Rule-based finder of person mentions and the role titles standing with them.

Works on the tokens of a spaCy ``Doc`` (``spacy.blank("de")`` is enough). Evidence for a
name, strongest first: an office title before it (``Landrat Jens Grote``), an academic
title or Herr/Frau (``Dr. Anna Beispiel``), a given name from the data file followed by a
surname (``Olaf Lies``), and a speech pattern for bare surnames (``“, so Otte-Kinast``,
``Faeser: „…“``). Role titles are taken where they stand with the mention: before the
name, in apposition (``Jens Grote, Landrat des Heidekreises``), in brackets, or as
predicate (``X ist Y``).
"""
from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass, field
from itertools import compress

from spacy.tokens import Doc

from . import people_lexicon as lex
from .base import WORD_MEMO_LIMIT, doc_text, memo_map, token_range_chars

# Words that open the complement of a role title (Landrat des Heidekreises, Minister für Inneres).
_COMPLEMENT_OPENERS = frozenset(
    "für des der von vom im in bei beim am an zu zur zum aus for of at".split())
_ARTICLES = frozenset("der die das den dem des the".split())
_FEMININE_ARTICLES = frozenset(["die"])
_INDEFINITE = frozenset("ein eine einen einem einer a an".split())
_LIST_WORDS = frozenset(["und", "sowie", "&", "and"])
_PREDICATE_WORDS = frozenset(["ist", "war", "wird", "bleibt", "als", "zum", "zur"])
_PREDICATE_FILLERS = frozenset("seit nun jetzt künftig bereits auch zudem der die neue neuer neu neuen".split())
# Time words that may open an apposition: 'Thomas Hampel, nunmehr Polizeipräsident in München'.
_APPOSITION_FILLERS = frozenset("nunmehr inzwischen mittlerweile heute jetzt nun bisher zuvor damals früher".split())
_PARTY = frozenset("SPD CDU CSU FDP AfD Grüne Grünen Linke BSW SSW FW ÖDP Piraten parteilos".split())
_HONORIFICS = frozenset(["Herr", "Frau", "Herrn", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms."])
_SAINT = frozenset(["St.", "Sankt", "Hl.", "Heilige", "Heiligen", "Santa", "San", "Saint"])
_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")
_OPEN_QUOTES = frozenset(["„", "\"", "»", "«", "“", "‚", "'"])
_CLOSE_QUOTES = frozenset(["“", "\"", "”", "«", "»", "‘", "'"])


@dataclass
class RoleHit:
    """An office title found in the text, already in nominative singular."""

    start: int          # token index
    end: int
    title: str
    gender: str
    plural: bool
    complement: tuple[int, int] | None = None
    mods: list[tuple[str, str, bool]] = field(default_factory=list)
    word: lex.RoleWord | None = None


@dataclass
class Candidate:
    """One mention of a person as found by a rule."""

    start: int                      # token index of the first name token (titles excluded)
    end: int
    given: list[str]
    particles: list[str]
    surname: str
    honorifics: list[str] = field(default_factory=list)
    roles: list[RoleHit] = field(default_factory=list)
    strength: str = "given"         # role | title | given | weak | model | link (surname only, joins a person)
    gender: str = "u"

    @property
    def full(self) -> bool:
        return bool(self.given)


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def _name_not_role(t: str) -> bool:
    return lex.is_name_word(t) and lex.role_word(t) is None


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def _may_open_role(t: str) -> bool:
    """False if :meth:`Finder.role_at` finds nothing at a token with this text (no title or modifier)."""
    return lex.role_word(t) is not None or lex.modifier_stem(t) is not None or lex.abbreviation_modifier(t) is not None


_NONE, _PLAIN, _ANY = 0, 1, 2   # _NONE is falsy: Finder.run filters on it
_KIND = 3                        # the bits of a token flag (token_flags) that hold one of these
CREDIT_FLAG = 4                  # the flag bit of a word that starts an image credit cue


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def _opens(t: str) -> int:
    """Which rules of :meth:`Finder._at` may start at a token with this text: _NONE (not a name word,
    title, modifier, honorific or academic title: the tests every rule there begins with), _PLAIN (a
    name-shaped word that is none of the others: only the list and speech rules) or _ANY."""
    if t in _HONORIFICS or t in lex.academic_titles() or _may_open_role(t):
        return _ANY
    if not lex.is_name_word(t):
        return _NONE
    if lex.is_given_name(t):
        return _ANY
    # the list and speech rules begin with Finder.surname_ok: a word shaped like a common noun
    # (Förderung) or an institution word can start neither
    return _NONE if lex.looks_like_noun(t) or t.lower() in lex.non_name_tails() else _PLAIN


_FLAGS_MEMO: dict[str, int] = {}        # word -> _flags(word)
_CUE_BEFORE_MEMO: dict[str, int] = {}   # word -> _cue_before(word)


def _flags(t: str) -> int:
    return _opens(t) | (CREDIT_FLAG if lex.opens_credit(t) else 0)


def token_flags(words: list[str]) -> list[int]:
    """Per word, :func:`_opens` (the bits ``_KIND``), plus ``CREDIT_FLAG`` for a word that starts
    an image credit cue: the two things asked of every token of a release, answered by one look-up
    per token. The answers are kept per word in a plain dict (bounded), so that the look-ups run
    in C (``map``) instead of one Python call per token."""
    return memo_map(_FLAGS_MEMO, _flags, words)


_SPEECH, _LIST = 2, 1   # what _cue_before answers besides 0


def _cue_before(t: str) -> int:
    """Whether a plain name word after the token `t` may open a rule: _SPEECH after a speech
    verb (rule 6), _LIST after a list link (rule 5, and rule 6 only with a colon), else 0."""
    if t.lower() in lex.speech_words():
        return _SPEECH
    return _LIST if t in (",", "und") else 0


def _cue(t: str) -> int:
    """:func:`_cue_before`, kept per word (bounded)."""
    cue = _CUE_BEFORE_MEMO.get(t)
    if cue is None:
        if len(_CUE_BEFORE_MEMO) > WORD_MEMO_LIMIT:
            _CUE_BEFORE_MEMO.clear()
        cue = _CUE_BEFORE_MEMO[t] = _cue_before(t)
    return cue


class Finder:
    """Scan one Doc for person mentions. Construct per document; call :meth:`run`."""

    def __init__(self, doc: Doc, blocked: list[tuple[int, int]] | None = None, words: list[str] | None = None,
                 places: set[int] | None = None, flags: list[int] | None = None):
        self.doc = doc
        self.places = places or set()  # tokens of place names found by an earlier component
        self.T = words if words is not None else [t.text for t in doc]
        self.flags = flags             # token_flags(self.T), when the caller has them
        self.n = len(self.T)
        blocked_tokens = set()
        for s, e in blocked or []:
            blocked_tokens.update(range(s, e))
        self.blocked = blocked_tokens
        self.cands: list[Candidate] = []
        # the word lists the rules ask for all the time, looked up once per document
        self.particles, self.academic_titles = lex.particles(), lex.academic_titles()
        self.non_name_tails, self.speech_words = lex.non_name_tails(), lex.speech_words()
        self.np_stop_words, self.district_names = lex.np_stop_words(), lex.district_names()

    # ------------------------------------------------------------ token tests
    def tok(self, i: int) -> str:
        return self.T[i] if 0 <= i < self.n else ""

    def name_ok(self, i: int) -> bool:
        return 0 <= i < self.n and i not in self.blocked and _name_not_role(self.T[i])

    def surname_ok(self, i: int) -> bool:
        return self.name_ok(i) and not lex.looks_like_noun(self.T[i]) and self.T[i].lower() not in self.non_name_tails

    def given_at(self, i: int) -> bool:
        return self.name_ok(i) and lex.is_given_name(self.T[i])

    def title_at(self, i: int) -> int:
        """Number of tokens of an academic title starting at i (0 if none)."""
        t = self.tok(i)
        if t in self.academic_titles:
            # 'Dr.-Ing' + '.' as the tokenizer splits it
            return 2 if self.tok(i + 1) == "." and not t.endswith(".") else 1
        return 0

    def line_start(self, i: int) -> bool:
        j = i - 1
        while j >= 0 and self.T[j].isspace() and "\n" not in self.T[j]:
            j -= 1
        return j < 0 or "\n" in self.T[j] or self.T[j] in (".", "!", "?", ":")

    # ------------------------------------------------------------ names
    def grab_name(self, i: int, strong: bool) -> Candidate | None:
        """Read [titles] given* [particles] surname starting at token i."""
        j, hon = i, []
        while (k := self.title_at(j)):
            hon.append("".join(self.T[j:j + k]))
            j += k
        if hon:
            strong = True
        start = j
        given = []
        while len(given) < 4 and (self.given_at(j) or (given and _INITIAL.match(self.tok(j)))):
            given.append(self.T[j])  # given names and middle initials (Hans J. Maier)
            j += 1
        # 'Johann Heinrich von Thünen-Institut': an institution named after someone
        k = j
        while self.tok(k) in self.particles:
            k += 1
        if given and k < self.n and lex.is_institution_word(self.T[k]) and "-" in self.T[k]:
            return None
        c = self._grab(start, j, given, hon, strong)
        if c is not None:
            self._join_hyphenated(c)
        # 'Hans Böckler Stiftung', 'Heinz Nixdorf MuseumsForum', 'Karl Marx Straße'
        if c is not None and lex.is_institution_word(self.tok(c.end)):
            return None
        # a saint's name is a church or hospital: 'St. Johannes Hospital', 'Sankt Marien'
        if c is not None and self.tok(start - 1) in _SAINT:
            return None
        # a name standing alone in quotation marks names a thing: Initiative „Frieda Nadig“
        if c is not None and self.tok(c.start - 1) in _OPEN_QUOTES and self.tok(c.end) in _CLOSE_QUOTES:
            return None
        return c

    def _particle_compound(self, j: int) -> int | None:
        """End of a surname like 'Keller-van Hoorn' (hyphen + particle, then a name word) starting at j."""
        head, _, tail = self.tok(j).rpartition("-")
        if head and tail in self.particles and lex.is_name_word(head) and self.name_ok(j + 1):
            return j + 2
        return None

    def _join_hyphenated(self, c: Candidate) -> None:
        """English tokenization splits 'Thibodeau-Marchand' into three tokens: join them back."""
        while self.tok(c.end) == "-" and self.name_ok(c.end + 1):
            a, h, b = self.doc[c.end - 1], self.doc[c.end], self.doc[c.end + 1]
            if a.whitespace_ or h.whitespace_:
                break
            c.surname += "-" + b.text
            c.end += 2

    def _surname_at(self, j: int) -> bool:
        """Surname after given names; a bare office word counts too (Anna Richter, Paul Kanzler)."""
        if self.surname_ok(j):
            return True
        t = self.tok(j)
        rw = lex.role_word(t) if j not in self.blocked and lex.is_name_word(t) else None
        return rw is not None and rw.title == t and not self.name_ok(j + 1) and not lex.looks_like_noun(t)

    def _grab(self, start: int, j: int, given: list[str], hon: list[str], strong: bool) -> Candidate | None:
        # particles (von der, de) only where a surname follows
        p = j
        parts = []
        while self.tok(p) in self.particles and (given or strong) and len(parts) < 2:
            parts.append(self.T[p])
            p += 1
        # 'Melanie Walter zu Gast': after two given names only von/van/vom start a surname
        if parts and self.surname_ok(p) and (len(given) < 2 or parts[0] in ("von", "van", "vom")):
            return Candidate(start, p + 1, given, parts, self.T[p], hon, strength="title" if hon else "given",
                             gender=lex.gender_of(given[0]) if given else "u")
        if given and (e := self._particle_compound(j)):
            # 'Jörn Keller-van Hoorn'
            return Candidate(start, e, given, [], " ".join(self.T[j:e]), hon, strength="title" if hon else "given",
                             gender=lex.gender_of(given[0]))
        if given and self._surname_at(j) and not lex.is_given_name(self.T[j]):
            return Candidate(start, j + 1, given, [], self.T[j], hon, strength="title" if hon else "given",
                             gender=lex.gender_of(given[0]))
        if given and self.surname_ok(j):
            # a further given name read as surname: Walter in 'Melanie Walter'
            return Candidate(start, j + 1, given, [], self.T[j], hon, strength="title" if hon else "given",
                             gender=lex.gender_of(given[0]))
        if len(given) >= 2 and not _INITIAL.match(given[-1]):
            return Candidate(start, j, given[:-1], [], given[-1], hon, strength="title" if hon else "given",
                             gender=lex.gender_of(given[0]))
        if not strong:
            return None
        if len(given) == 1:
            # 'Ministerin Walter': a given name standing alone after a title is the surname
            return Candidate(start, j, [], [], given[0], hon, strength="title" if hon else "role")
        if not self.surname_ok(start):
            return None
        # unknown given name + particle + surname (Konstanze zu Rantzau)
        p, parts = start + 1, []
        while self.tok(p) in self.particles and len(parts) < 3:
            parts.append(self.T[p])
            p += 1
        # 'Schiewer zu den Wahlergebnissen': preposition + article, not a name particle
        if parts[:1] in (["zu"], ["zur"], ["zum"]) and len(parts) > 1:
            parts = []
        if parts and self.surname_ok(p):
            return Candidate(start, p + 1, [self.T[start]], parts, self.T[p], hon, strength="title" if hon else "role")
        # unknown given name + surname (Joli Haller) or a bare surname (Dobrindt)
        if self.surname_ok(start + 1) and not self.name_ok(start + 2) and self.tok(start + 2) not in self.particles:
            return Candidate(start, start + 2, [self.T[start]], [], self.T[start + 1], hon,
                             strength="title" if hon else "role")
        return Candidate(start, start + 1, [], [], self.T[start], hon, strength="title" if hon else "role")

    # ------------------------------------------------------------ roles
    def _np(self, k: int) -> int | None:
        """End of a short noun phrase at k ([adjectives] Capitalised+), None if none."""
        m, adj = k, 0
        t = self.tok(m)
        if len(t) > 2 and t.endswith("-") and t[0].isupper():
            return m + 1  # 'Bundes-' in 'Bundes- und Europaangelegenheiten'
        while adj < 3 and self._is_adjective(self.tok(m)):
            m, adj = m + 1, adj + 1
        caps = 0
        while caps < 5:
            t = self.tok(m)
            if not t or not t[0].isupper() or not all(c.isalpha() or c in "-/." for c in t) or m in self.blocked:
                # 'die Belange älterer Menschen': a genitive attribute with its adjective
                if caps and self._is_adjective(t) and self.tok(m + 1)[:1].isupper() and not self._name_starts(m + 1):
                    m += 1
                    continue
                break
            if self.title_at(m) or self._name_starts(m) or t in self.np_stop_words:
                break
            # '… von Landrat Andreas Meier': a second title with its own name ends the phrase
            if lex.role_word(t) and (self._name_starts(m + 1) or self.title_at(m + 1)):
                break
            m, caps = m + 1, caps + 1
            # 'der Stadt Haren (Ems)'
            if self.tok(m) == "(" and self.tok(m + 2) == ")" and self.tok(m + 1)[:1].isupper():
                m += 3
        return m if caps else None

    @staticmethod
    def _is_adjective(t: str) -> bool:
        return t.isalpha() and t.islower() and t.endswith(("e", "en", "er", "es", "em")) \
            and t not in _ARTICLES and t not in _COMPLEMENT_OPENERS

    def _name_starts(self, m: int) -> bool:
        """A given name followed by a name word or particle: a person's name begins at m."""
        if not lex.is_given_name(self.tok(m)):
            return False
        k = m + 1
        while self.tok(k) in self.particles:
            k += 1
        return self.name_ok(k)

    def _np_after(self, k: int) -> int | None:
        """A further coordinated noun phrase at k, optionally with its article ('und die Informationsfreiheit')."""
        if self.tok(k) in _ARTICLES:
            k += 1
        return None if self._role_starts(k) else self._np(k)

    def _np_list(self, k: int) -> int | None:
        end = self._np(k)
        if end is None:
            return None
        while True:
            if self.tok(end) in _LIST_WORDS and (e := self._np_after(end + 1)):
                end = e
                continue
            if self.tok(end) == ",":
                m = end
                while self.tok(m) == "," and (e := self._np_after(m + 1)):
                    m = e
                if m != end and self.tok(m) in _LIST_WORDS and (e := self._np_after(m + 1)):
                    end = e
                    continue
            return end

    def _role_starts(self, k: int) -> bool:
        """A second title begins at k ('Landrat des Heidekreises und Vorsitzender des …'): no coordination."""
        return lex.role_word(self.tok(k)) is not None or lex.modifier_stem(self.tok(k)) is not None

    def complement(self, k: int) -> int:
        """End of the complement of a role title starting at k (k itself if none)."""
        end, segs = k, 0
        while segs < 4:
            m, comma = end, False
            # 'des Innern und für Heimat': a coordinated second phrase
            if self.tok(m) in _LIST_WORDS and segs and self.tok(m + 1) in _COMPLEMENT_OPENERS:
                m += 1
            # 'Staatsminister des Innern, für Sport und Integration, …': only as a bracketed insertion
            elif self.tok(m) == "," and segs and self.tok(m + 1) in _COMPLEMENT_OPENERS:
                m, comma = m + 1, True
            if self.tok(m) not in _COMPLEMENT_OPENERS:
                break
            # 'in das Dienstzimmer', 'in die Schule': a direction, not a place of office
            if self.tok(m) == "in" and self.tok(m + 1) in ("das", "die", "den"):
                break
            m += 1
            if self.tok(m) in _ARTICLES:
                m += 1
            e = self._np_list(m)
            if e is None or (comma and self.tok(e) != ","):
                break
            end, segs = e, segs + 1
        return end

    def _modifiers_at(self, j: int) -> tuple[int, list[tuple[str, str, bool]]]:
        """Role modifiers from token j on: (index after them, [(surface, stem, abbreviated?)])."""
        mods = []
        while True:
            t = self.tok(j)
            stem = lex.modifier_stem(t)
            if stem:
                mods.append((t, stem, False))
                j += 1
                continue
            abbr = lex.abbreviation_modifier(t)
            if abbr and self.tok(j + 1) == ".":
                mods.append((t + ".", abbr, True))  # 'stv' '.' as the tokenizer splits it
                j += 2
                continue
            return j, mods

    def role_at(self, i: int, with_complement: bool = True) -> RoleHit | None:
        """[modifiers] TITLE [complement] starting at token i."""
        if not _may_open_role(self.tok(i)):
            return None  # the common case, decided by one cached test
        j, mods = self._modifiers_at(i)
        if j >= self.n or j in self.blocked:
            return None
        rw = lex.role_word(self.T[j])
        if rw is None:
            return None
        gender, plural = rw.gender, rw.plural
        if gender == "u":
            # 'die Beauftragte' is feminine; 'Der Beauftragte' and 'der Vorsitzende' (ending -e) are masculine
            # nominative; 'die Abgeordneten' is plural
            prev, ending = self.tok(i - 1), self.T[j].lower()
            gender = "f" if prev in _FEMININE_ARTICLES else "m" if prev == "Der" else "u"
            if prev.lower() == "der" and ending.endswith("e"):
                gender = "m"
            if rw.adjectival and prev in _FEMININE_ARTICLES and ending.endswith("en"):
                gender, plural = "u", True
        end, comp = j + 1, None
        if with_complement:
            c = self.complement(end)
            if c > end:
                comp, end = (end, c), c
        hit = RoleHit(i, end, "", gender, plural, comp, mods, rw)
        hit.title = self._title(hit)
        return hit

    def _title(self, hit: RoleHit) -> str:
        """Nominative singular: modifiers and adjectival nouns inflected for the gender, complement as written."""
        ending = "er" if hit.gender == "m" else "e"
        words = [surface if is_abbr else surface[:1] + stem[1:] + ending for surface, stem, is_abbr in hit.mods]
        words.append(hit.word.stem + ending if hit.word.adjectival else hit.word.title)
        if hit.complement:
            words.append(self.text_of(*hit.complement))
        return " ".join(words)

    def text_of(self, s: int, e: int) -> str:
        """``doc[s:e].text`` (s < e) cut from the text: no Span and no Token per word."""
        start, end = token_range_chars(self.doc, s, e)
        return doc_text(self.doc)[start:end]

    def retitle(self, hit: RoleHit, gender: str) -> None:
        """Re-inflect adjectival titles and modifiers once the person's gender is known."""
        if gender != "u" and hit.gender == "u":
            hit.gender = gender
            hit.title = self._title(hit)

    # ------------------------------------------------------------ apposition after a name
    def role_after(self, e: int) -> RoleHit | None:
        """A title after the name ending at token e: ', Landrat des …', '(Leiterin …)', 'ist Ministerin'."""
        if self.tok(e) == "(" and self.tok(e + 1) in _PARTY | {"Bündnis"}:
            while e < self.n and self.tok(e) != ")" and e < self.n:
                e += 1
            e += 1
        # 'Anna Weber aus Celle, Vorsitzende des Vereins': the home town before the apposition
        if self.tok(e) in ("aus", "von") and self.tok(e + 1)[:1].isupper() and self.tok(e + 2) == ",":
            e += 2
        t = self.tok(e)
        # 'Dr. Nicole Hoffmeister-Krautz MdL': an abbreviated title right after the name
        if t.startswith("Md") and (hit := self.role_at(e, with_complement=False)):
            return hit
        if t in (",", "("):
            k = e + 1
            if self.tok(k) in _APPOSITION_FILLERS:
                k += 1
            # 'Matthias Kinzel, einen Polizeiführer, …': also the indefinite article
            if self.tok(k) in _ARTICLES or self.tok(k) in _INDEFINITE:
                k += 1
            # 'nunmehr Münchner Polizeipräsident': a place adjective before the title
            if self.tok(k).endswith("er") and self.tok(k)[:1].isupper() and lex.role_word(self.tok(k + 1)) \
                    and lex.modifier_stem(self.tok(k)) is None:
                k += 1
            hit = self.role_at(k)
            # 'X, Staatsminister Y, …' is a list of people, not an apposition
            if hit and not hit.plural and not self._name_follows(hit):
                return hit
        if t in _PREDICATE_WORDS:
            k = e + 1
            # 'ist seit 2021 Landrat', 'ist nun die neue Leiterin'
            while k - e < 5 and (self.tok(k) in _PREDICATE_FILLERS or self.tok(k).isdigit()):
                k += 1
            hit = self.role_at(k)
            if hit and not hit.plural:
                return hit
        return None

    def _name_follows(self, hit: RoleHit) -> bool:
        """True if a name follows the title: then the title introduces the next person, not an apposition."""
        j = hit.end
        if self.tok(j) == "," and hit.complement:
            j += 1
        c = self.grab_name(j, strong=True)
        return c is not None and (c.full or c.honorifics or self.tok(c.end) not in (",", ".", ":", ")", "und"))

    # ------------------------------------------------------------ scan
    def run(self, start: int = 0, end: int | None = None) -> list[Candidate]:
        """Scan tokens [start, end) (the whole doc by default); returns the candidates found."""
        stop = self.n if end is None else end
        T, n, blocked = self.T, self.n, self.blocked
        resume = start
        kinds = self.flags[start:stop] if self.flags is not None else token_flags(T[start:stop])
        cue_of = _CUE_BEFORE_MEMO.get   # _cue without a call per token (it fills the memo)
        # most tokens can open no rule: only the others are visited (selected in C, not in a Python loop);
        # a word that opens no rule but a credit cue ('©') is visited too, and _at passes it by
        for i in compress(range(start, stop), kinds):
            if i < resume or i in blocked:
                continue
            # a plain capitalised word opens only rules 5 and 6 (a list of names, a speech pattern)
            if kinds[i - start] & _KIND == _PLAIN:
                if not ((i + 1 < n and T[i + 1] == ":") or (i + 2 < n and T[i + 2] == ":")):
                    cue = cue_of(T[i - 1], -1) if i > 0 else 0
                    if cue == -1:   # a word not seen before
                        cue = _cue(T[i - 1])
                    if not cue:
                        continue
                    # after a list link without a colon only rule 5 may apply: the name after a
                    # full name of the list ("Johanna Klatt, Aristea Kiehl und …")
                    if cue == _LIST and not (self.cands and self.cands[-1].full and self.cands[-1].end == i - 1):
                        continue
            nxt = self._at(i)
            resume = nxt if nxt > i else i + 1
        return self.cands

    def _add(self, c: Candidate, role: RoleHit | None = None) -> int:
        # 'die Bürgermeisterinnen und Bürgermeister Anna Schmidt und …': a masculine (plural) title is not hers
        plural_context = role is not None and self.tok(role.start - 1) in ("und", "sowie", ",", "die", "den")
        if role and not (role.gender == "m" and c.gender == "f" and plural_context):
            c.roles.append(role)
        after = self.role_after(c.end)
        resume = c.end
        if after:
            c.roles.append(after)
            # the apposition is read: it must not introduce the next name ('A, Prorektor, Ministerin B')
            resume = after.end
            # 'Jens Grote, Landrat des Heidekreises und Vorsitzender des Kreistages'
            if self.tok(after.end) in _LIST_WORDS and (second := self.role_at(after.end + 1)) and not second.plural:
                c.roles.append(second)
                resume = second.end
        if c.gender == "u":
            for r in c.roles:
                if r.gender != "u":
                    c.gender = r.gender
                    break
        for r in c.roles:
            # 'von Kreistagsabgeordneter Susanne X': the ending -er is her dative, not a masculine form
            if c.gender == "f" and r.gender == "m" and r.word is not None and r.word.adjectival:
                r.gender = "u"
            self.retitle(r, c.gender)
        self.cands.append(c)
        return resume

    def _at(self, i: int) -> int:
        """Try each rule at token i; returns the index to continue from."""
        if i in self.blocked:
            return i + 1
        t = self.T[i]
        # 1. office title before the name
        hit = self.role_at(i)
        if hit:
            j = hit.end
            # 'Die junge Sängerin, Frau Andrea Wenzel, …': an apposition opened by Frau/Herr or an academic title
            if self.tok(j) == "," and not hit.complement and not hit.plural \
                    and (self.tok(j + 1) in _HONORIFICS or self.title_at(j + 1)):
                k = j + 1 + (self.tok(j + 1) in _HONORIFICS)
                c = self.grab_name(k, strong=True)
                if c and c.full:
                    if self.tok(j + 1) in _HONORIFICS:
                        c.gender = "f" if self.tok(j + 1) in ("Frau", "Mrs", "Mrs.", "Ms", "Ms.") else "m"
                    return self._add(c, hit)
            if self.tok(j) == "," and hit.complement:
                c = self.grab_name(j + 1, strong=False)
                if c is None:
                    # an unknown given name: 'Die Leiterin des Hauses, Małgorzata Wiśniewska, stellte …'
                    c = self.grab_name(j + 1, strong=True)
                    c = c if c and c.full and self.tok(c.end) in (",", ":", "(", ")", ".") else None
                if c:
                    return self._add(c, hit)
                # 'der Präsident des Landkreistages, Landrat Bernd Lührmann': two titles, one person
                hit2 = self.role_at(j + 1, with_complement=False)
                c = self.grab_name(hit2.end, strong=True) if hit2 and not hit2.plural else None
                if c and (c.full or c.honorifics):
                    c.roles.append(hit)
                    return self._add(c, hit2)
            if self.tok(j) in (":", "ist", "war") and not hit.plural:
                # 'Regierungssprecher: Thomas Weidlich', 'Sprecherin des Bündnisses ist Prof. Dr. Konstanze zu Rantzau'
                c = self.grab_name(j + 1, strong=False)
                if c:
                    return self._add(c, hit)
                # 'Schirmherr ist Ministerpräsident Winfried Kretschmann': the second title brings the name
                hit2 = self.role_at(j + 1, with_complement=False) if self.tok(j) != ":" else None
                c = self.grab_name(hit2.end, strong=True) if hit2 and not hit2.plural else None
                if c and (c.full or c.honorifics):
                    c.roles.append(hit)
                    return self._add(c, hit2)
            if self.tok(j) in _LIST_WORDS and not hit.plural and (hit2 := self.role_at(j + 1)) and not hit2.plural:
                # 'Bürgermeister und Präsident des Senats Dr. Henrik Ostermann'
                c = self.grab_name(hit2.end, strong=True)
                if c and (c.full or c.honorifics):
                    c.roles.append(hit)
                    return self._add(c, hit2)
            # 'der stellvertretende Landrat Diepholz, Ulf Schmidt': a place completes the title
            if hit.complement is None and (j in self.places or self.tok(j) in self.district_names):
                pe = j + 1
                while pe in self.places:
                    pe += 1
                if self.tok(pe) == "," and (c := self.grab_name(pe + 1, strong=False)) and c.full and not hit.plural:
                    hit.complement, hit.end = (j, pe), pe
                    hit.title = self._title(hit)
                    return self._add(c, hit)
            c = self.grab_name(j, strong=True)
            if c and not hit.plural:
                if c.strength == "given":
                    c.strength = "role"
                return self._add(c, hit)
            if c and hit.plural:
                # 'die Ministerinnen Anna X und Petra Y': the plural title belongs to each name of the list
                end = self._add(c, copy.copy(hit))
                while self.tok(end) in _LIST_WORDS | {","} and (c := self.grab_name(end + 1, strong=False)):
                    end = self._add(c, copy.copy(hit))
                return end
            return max(i + 1, hit.start + 1)
        # 2. Herr / Frau
        if t in _HONORIFICS:
            k = i + 1
            hit = self.role_at(k, with_complement=False)
            if hit:
                k = hit.end
            c = self.grab_name(k, strong=True)
            if c:
                c.gender = "f" if t in ("Frau", "Mrs", "Mrs.", "Ms", "Ms.") else "m"
                return self._add(c, hit)
            return i + 1
        # 3. academic title
        if self.title_at(i):
            c = self.grab_name(i, strong=True)
            if c:
                return self._add(c)
            return i + 1
        # 4. given name + surname; lists 'Lisa und David Lebuser'
        if self.given_at(i):
            c = self.grab_name(i, strong=False)
            if c:
                return self._add(c)
            if self.tok(i + 1) in ("und", ",") and self.given_at(i + 2):
                c2 = self.grab_name(i + 2, strong=False)
                if c2 and c2.full:
                    self.cands.append(Candidate(i, i + 1, [t], c2.particles, c2.surname, strength="given",
                                                gender=lex.gender_of(t)))
                    return self._add(c2)
        # 5. an unknown given name inside a list of full names: 'Johanna Klatt, Aristea Kiehl und Klara Birks'
        prev = self.cands[-1] if self.cands else None
        if prev is not None and prev.full and prev.end == i - 1 and self.tok(i - 1) in (",", "und") \
                and self.surname_ok(i) and self.surname_ok(i + 1) and i not in self.places \
                and self.tok(i + 2) in (",", "und") and self._name_starts(i + 3):
            return self._add(Candidate(i, i + 2, [t], [], self.T[i + 1], strength="given"))
        # 6. bare surname in a speech pattern
        if self.surname_ok(i) and not lex.is_given_name(t):
            prev = self.tok(i - 1).lower()
            # '“, sagte X' (German) and '," said X' (English)
            after_quote = prev in self.speech_words and (
                (self.tok(i - 2) == "," and self.tok(i - 3) in _CLOSE_QUOTES)
                or (self.tok(i - 2) in _CLOSE_QUOTES and self.tok(i - 3) in (",", ".", "!", "?")))
            colon_quote = self.tok(i + 1) == ":" and self._quote_follows(i + 2) and (
                self.line_start(i) or self.tok(i - 1).lower() in self.speech_words)
            # 'Müller betonte: „…“' at the start of a sentence
            colon_quote = colon_quote or (
                self.tok(i + 2) == ":" and self.tok(i + 1).lower() in self.speech_words and self.tok(i + 1).islower()
                and self.line_start(i) and self._quote_follows(i + 3))
            # a genitive place before a title is no speaker: '„…“, so Niedersachsens Ministerpräsident'
            if (after_quote or colon_quote) and lex.role_word(self.tok(i + 1)) is None \
                    and (c := self.grab_name(i, strong=True)):
                c.strength = "weak"
                return self._add(c)
            if prev in self.speech_words and not self.name_ok(i + 1):
                self.cands.append(Candidate(i, i + 1, [], [], t, strength="link"))
                return i + 1
        return i + 1

    def _quote_follows(self, k: int) -> bool:
        while k < self.n and self.T[k].isspace():
            k += 1
        return self.tok(k) in _OPEN_QUOTES
