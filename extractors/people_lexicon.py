"""Word lists and word tests for finding people in German releases (shared by people, quotes, contacts).

Everything is read from data files under ``extractors/data/de`` once per process.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from .base import WORD_MEMO_LIMIT, data_lines, data_table


@functools.lru_cache(maxsize=None)
def given_names() -> dict[str, str]:
    """Given name -> gender ('m', 'f' or 'u')."""
    rows = data_table("de/given_names.tsv") + data_table("de/given_names_extra.tsv")
    return {row[0]: (row[1] if len(row) > 1 else "u") for row in rows}


@functools.lru_cache(maxsize=None)
def _set(relpath: str) -> frozenset[str]:
    return frozenset(data_lines(relpath))


def particles() -> frozenset[str]:
    return _set("de/name_particles.txt")


def academic_titles() -> frozenset[str]:
    return _set("de/academic_titles.txt")


def non_person_words() -> frozenset[str]:
    return _set("de/people_non_person_words.txt")


def np_stop_words() -> frozenset[str]:
    return _set("de/people_np_stop.txt")


def speech_words() -> frozenset[str]:
    return _set("de/speech_verbs.txt")


@functools.lru_cache(maxsize=None)
def credit_cues() -> tuple[tuple[str, ...], ...]:
    """Cues of image credits and CMS bylines, lower case, as word tuples: ('foto',), ('gespeichert', 'von')."""
    return tuple(tuple(line.lower().split()) for line in data_lines("de/credit_cues.txt"))


@functools.lru_cache(maxsize=None)
def _credit_firsts() -> frozenset[str]:
    return frozenset(c[0] for c in credit_cues())


def opens_credit(word: str) -> bool:
    """True if a credit cue starts with this word (in any case)."""
    return word.lower() in _credit_firsts()


@functools.lru_cache(maxsize=None)
def _suffix_tuple(relpath: str) -> tuple[str, ...]:
    return tuple(sorted(data_lines(relpath), key=len, reverse=True))


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def is_name_word(text: str) -> bool:
    """Capitalised word shaped like a name part (Grote, Otte-Kinast, Heinen-Kljajić), not a known non-name."""
    if len(text) < 2 or text in non_person_words():
        return False
    for part in text.split("-"):
        # each part: capital letter, then lower-case letters (accents allowed) or an apostrophe (O'Neill)
        if len(part) < 2 or not part[0].isupper() or not part[0].isalpha() \
                or not all(c.islower() or c in "'’" or (c.isupper() and part[k] in "'’")
                           for k, c in enumerate(part[1:])):
            return False  # O'Connor: a capital only after the apostrophe
    low = text.lower()
    if "-" in low and low.rsplit("-", 1)[1] in non_name_tails():
        return False
    return True


@functools.lru_cache(maxsize=None)
def district_names() -> frozenset[str]:
    """Names of Länder and Kreise from the shared gazetteer: 'stellvertretender Landrat Diepholz, Ulf Schmidt'."""
    return frozenset(row[2] for row in data_table("de/gazetteer.tsv")
                     if len(row) > 2 and row[1] in ("state", "district"))


def non_name_tails() -> frozenset[str]:
    return _set("de/people_non_name_tails.txt")


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def is_institution_word(text: str) -> bool:
    """Capitalised word that ends in an institution or street word (Stiftung, Thünen-Institut, MuseumsForum)."""
    low = text.lower()
    if not text[:1].isupper() and low != "e.v.":
        return False
    return any(low.endswith(t) for t in non_name_tails() if len(t) >= 4 or low == t)


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def looks_like_noun(text: str) -> bool:
    """True for words whose ending marks a common noun (Förderung, Förderbescheide), not a surname."""
    low = text.lower().rsplit("-", 1)[-1]
    for suf in _suffix_tuple("de/people_noun_suffixes.txt"):
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            return True
    return False


@functools.lru_cache(maxsize=WORD_MEMO_LIMIT)
def is_given_name(text: str) -> bool:
    if text in given_names():
        return True
    # Double given names: Hans-Peter, Anna-Lena
    parts = text.split("-")
    return len(parts) > 1 and all(p in given_names() for p in parts)


def gender_of(text: str) -> str:
    return given_names().get(text.split("-")[0], "u")


# ---------------------------------------------------------------- roles

@dataclass(frozen=True)
class RoleWord:
    """A token recognised as an office title."""

    title: str        # nominative singular as it should be written (Landrat, Regionalentwicklungsministerin)
    gender: str       # 'm', 'f' or 'u' (adjectival nouns whose ending does not tell)
    plural: bool
    adjectival: bool
    stem: str         # for adjectival nouns: the word without ending (Landesbeauftragt)


@functools.lru_cache(maxsize=None)
def _role_endings() -> dict[str, tuple[str, str, str, bool]]:
    """Ending (lower case) -> (head form to write, gender, class, plural?, compound?) for every inflected form."""
    out: dict[str, tuple] = {}

    def put(form: str, base: str, gender: str, cls: str, plural: bool, compound: bool) -> None:
        out.setdefault(form, (base, gender, cls, plural, compound))

    for row in data_table("de/roles.tsv"):
        if row[2] == "abbr":
            continue  # see _abbreviations()
        masc, fem, cls = row[0], row[1], row[2]
        # compound: False (stands alone), 0 (may end a compound) or N (only after a first part of >= N letters)
        compound = False if row[3] == "no" else 0 if row[3] == "yes" else int(row[3])
        extra = row[4].split(",") if len(row) > 4 and row[4] else []
        if cls == "adj":
            for end in ("er", "e", "en", "em", "es"):
                put(masc + end, masc, "u", cls, False, compound)
            continue
        if cls == "en":
            put(masc, masc, "u" if masc == fem else "m", cls, False, compound)
            put(masc + "s", masc, "u", cls, True, compound)
            put(fem, fem, "u" if masc == fem else "f", cls, False, compound)
            continue
        mg = "u" if masc == fem else "m"  # Mitglied: one form for both
        put(masc, masc, mg, cls, False, compound)
        endings = ("s", "es", "n", "en", "e") if cls == "strong" else ("en", "n")
        for end in endings:
            put(masc + end, masc, mg, cls, end not in ("s", "es"), compound)
        put(fem, fem, "f", cls, False, compound)
        put(fem + "nen", fem, "f", cls, True, compound)
        for form in extra:
            put(form, masc, "m", cls, True, compound)
    return out


@functools.lru_cache(maxsize=None)
def _abbreviations() -> frozenset[str]:
    return frozenset(row[0] for row in data_table("de/roles.tsv") if row[2] == "abbr")


@functools.lru_cache(maxsize=4096)
def role_word(text: str) -> RoleWord | None:
    """Recognise an office title, also inside compounds (Regionalentwicklungsministerin -> head ministerin)."""
    if text in _abbreviations():
        return RoleWord(text, "u", False, False, "")
    if not text or not text[0].isupper() or not all(c.isalpha() or c == "-" for c in text):
        return None
    low = text.lower()
    ends = _role_endings()
    for i in range(len(low)):
        hit = ends.get(low[i:])
        if hit is None:
            continue
        base, gender, cls, plural, compound = hit
        prefix = text[:i]
        if prefix and (compound is False or (len(prefix) < 3 and not prefix.endswith("-"))):
            continue
        if compound and len(prefix) < compound:
            continue
        if cls == "adj":
            stem = prefix + text[i:i + len(base)]
            ending = low[i + len(base):]
            g = "m" if ending == "er" else "u"
            return RoleWord(stem + ("er" if g == "m" else "e"), g, False, True, stem)
        plural_form = plural and cls != "weak"
        # the text's own spelling of the head without its ending (Landrats -> Landrat, MdB stays MdB);
        # irregular plurals take the lexicon's form (Landräte -> Landrat)
        head = text[i:i + len(base)]
        if head.lower() != base:
            head = base if prefix and not prefix.endswith("-") else base[:1].upper() + base[1:]
        return RoleWord(prefix + head, gender, plural_form, False, "")
    return None


@functools.lru_cache(maxsize=None)
def _modifiers() -> tuple[dict[str, str], dict[str, str]]:
    """(adjective forms -> stem, abbreviation -> stem)."""
    forms, abbr = {}, {}
    for row in data_table("de/role_modifiers.tsv"):
        stem = row[0]
        for end in ("e", "er", "en", "em", "es"):
            forms[stem + end] = stem
        if len(row) > 1 and row[1] != "-":
            for a in row[1].split(","):
                abbr[a] = stem
    return forms, abbr


def modifier_stem(text: str) -> str | None:
    """Stem of a role modifier (stellvertretenden -> stellvertretend), None if the word is none."""
    return _modifiers()[0].get(text.lower())


def abbreviation_modifier(text: str) -> str | None:
    """Stem for an abbreviated modifier written without its dot as the tokenizer splits it (stv -> stellvertretend)."""
    return _modifiers()[1].get(text + ".")
