"""press_quotes: quotations („…“, "…", »…«, with ‚…‘ nested) and who said them.

Runs after press_people and links each quotation to a ``Person.id`` where the text
attributes it: after the quote (``“, sagte X``, ``“, so Ministerin X``, ``“, ergänzte die
Ministerin`` -> the person of that role), or before it (``X: „…“``, ``Landrat X ergänzte: „…“``).
A quotation that only continues the previous speaker (``und führt aus: „…“``) keeps that
speaker. Short quoted names (``„Europa bei uns zuhause“``) are not quotations.
"""
from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from schemas import Quote

from . import people_lexicon as lex
from .base import doc_text, facts, sentence_starts, span_bounds

# opening mark -> closing marks
_PAIRS = {"„": "“”\"", "»": "«", "«": "»", "“": "”", "\"": "\"", "‹": "›", "›": "‹",
          "‚": "‘"}  # single low-high marks also stand alone in agency copy ('‚Ich freue mich …‘')
# a full stop ends the attribution, except after a title abbreviation ('sagt Dr. Georg Schneider')
_SENT_END = re.compile(r"(?<!\bDr)(?<!\bProf)(?<!\bSt)(?<!\bstv)\.(?!\w)|[!?\n]")
_WORD = re.compile(r"\w+")
# the first word after a quote, "er"/"sie" after it, and capitalised words (role words) in the attribution
_FIRST_WORD = re.compile(r"\s*,?\s*(\w+)")
_PRONOUN = re.compile(r"\s*(er|sie)\b")
_CAPITALISED = re.compile(r"[A-ZÄÖÜ][\wäöüß-]+")
# the scan jumps from mark to mark in C instead of testing every character in Python
_OPENER = re.compile("[" + re.escape("".join(_PAIRS)) + "]")
_CLOSER = {o: re.compile("[" + re.escape(c) + "]") for o, c in _PAIRS.items()}


def find_quotes(text: str, max_len: int = 3000) -> list[tuple[int, int]]:
    """(start, end) of each top-level quotation including its marks; an unclosed last one runs to the end."""
    out, i, n = [], 0, len(text)
    while (m := _OPENER.search(text, i)) is not None:
        i = m.start()
        # the first closing mark at most max_len characters on
        close = _CLOSER[text[i]].search(text, i + 1, min(n, i + max_len + 1))
        if close is not None:
            out.append((i, close.start() + 1))
            i = close.start() + 1
            continue
        if n - i < max_len and text[i] in "„»" and not any(c in text[i + 1:] for c in "„»"):
            out.append((i, n))  # excerpt cut inside a quotation
            break
        i += 1
    return out


def _is_speech(inner: str, attributed: bool) -> bool:
    words = len(_WORD.findall(inner))
    if words < 4:
        return False
    return attributed or words >= 7 or inner.rstrip()[-1:] in ".!?…"


@Language.factory("press_quotes", default_config={"max_len": 3000, "window": 160})
def make_quotes(nlp: Language, name: str, max_len: int, window: int):
    return QuotesComponent(max_len, window)


class QuotesComponent:
    def __init__(self, max_len: int = 3000, window: int = 160):
        self.max_len = max_len
        self.window = window

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        people = facts(doc, "people")
        mentions = sorted((m.start, m.end, p) for p in people for m in p.mentions)
        starts = [m[0] for m in mentions]
        skip = span_bounds(doc, "programs")[1]
        prev_speaker, prev_end = None, -1
        found = None   # the quotes' fact list, looked up at the first quote: doc._ is read once
        for qs, qe in find_quotes(text, self.max_len):
            inner_s, inner_e = qs + 1, qe - 1 if qe < len(text) or text[qe - 1] in "“”\"«»‹›" else qe
            while inner_s < inner_e and text[inner_s].isspace():
                inner_s += 1
            while inner_e > inner_s and text[inner_e - 1].isspace():
                inner_e -= 1
            if inner_e <= inner_s or any(s < qe and qs < e for s, e in skip):
                continue
            speaker, attributed = self._after(text, qe, mentions, starts, people)
            if speaker is None:
                speaker, attributed2 = self._before(text, qs, prev_end, mentions, starts, prev_speaker)
                attributed = attributed or attributed2
            inner = text[inner_s:inner_e]
            if not _is_speech(inner, attributed):
                continue
            if found is None:
                found = facts(doc, "quotes")
            found.append(Quote(text=inner, start=inner_s, end=inner_e,
                               sentence=self._sentence(doc, inner_s),
                               speaker=speaker.id if speaker else None,
                               speaker_name=speaker.name if speaker else None))
            prev_speaker, prev_end = speaker, qe
        return doc

    @staticmethod
    def _sentence(doc: Doc, char: int) -> int | None:
        starts = sentence_starts(doc)
        return bisect.bisect_right(starts, char) - 1 if starts else None

    def _after(self, text, qe, mentions, starts, people):
        """`“, sagte X` / `“, so Ministerin X` / `“, ergänzte die Ministerin`."""
        tail = text[qe:qe + self.window]
        m = _FIRST_WORD.match(tail)
        if not m or m.group(1).lower() not in lex.speech_words() or m.group(1) in ("Dazu", "Laut"):
            return None, False
        end = _SENT_END.search(tail, m.end())
        limit = qe + (end.start() if end else len(tail))
        k = bisect.bisect_left(starts, qe)
        if k < len(mentions) and mentions[k][0] < limit:
            return mentions[k][2], True
        # '“, sagte er': the person named last before the quote
        if _PRONOUN.match(tail, m.end()) and k > 0 and qe - mentions[k - 1][1] < 1500:
            return mentions[k - 1][2], True
        # a role word alone: the person who holds that role, nearest before the quote
        for w in _CAPITALISED.findall(text, qe, limit):
            rw = lex.role_word(w)
            if rw:
                return self._by_role(rw.title, qe, mentions), True
        return None, True

    @staticmethod
    def _by_role(title: str, before: int, mentions):
        t = title.lower()
        best = None
        for s, e, p in mentions:
            if s > before:
                break
            # 'der Minister' is the Staatsminister, not the Ministerin
            if any(w.endswith(t) for r in p.roles for w in r.title.lower().split()):
                best = p
        return best

    def _before(self, text, qs, prev_end, mentions, starts, prev_speaker):
        """`X: „…“`, `Landrat X ergänzte: „…“`; a bare `und führt aus: „…“` continues the last speaker."""
        lo = max(prev_end, qs - self.window, 0)
        head = text[lo:qs]
        if not head.rstrip().endswith(":"):
            # a quote right after an attributed quote in the same paragraph continues it
            if prev_speaker is not None and 0 <= qs - prev_end < 120 and "\n\n" not in text[prev_end:qs]:
                between = bisect.bisect_left(starts, prev_end), bisect.bisect_left(starts, qs)
                if all(mentions[i][2] is prev_speaker for i in range(*between)):
                    return prev_speaker, True
            return None, False
        # the clause introducing the quote: from the last sentence end before the colon
        intro = head.rstrip()[:-1]
        cut = max(intro.rfind(". "), intro.rfind("\n\n"), intro.rfind("! "), intro.rfind("? "))
        lo2 = lo + cut + 1 if cut >= 0 else lo
        k_lo, k_hi = bisect.bisect_left(starts, lo2), bisect.bisect_left(starts, qs)
        if k_hi > k_lo:
            return mentions[k_hi - 1][2], True
        if prev_speaker is not None and prev_end >= 0 and qs - prev_end < 300:
            return prev_speaker, True
        return None, True
