"""spaCy's own tokenizer, memoised per whitespace-delimited chunk.

spaCy 3.8's ``Tokenizer`` caches how it split each chunk ("Landrätin", "2026.", "(EFRE)"), but
after the first special case in a text ("\\n", "Dr.", "Nr.", "z.B." — every press release has
them) it stops saving to that cache for the rest of the text (spaCy issue #13950). Releases
then pay the prefix/suffix/infix rules for almost every chunk, which makes tokenisation about
five times slower than it is on text without special cases.

``ChunkMemoTokenizer`` wraps the language's tokenizer and gives the same tokens: it cuts the
text into chunks exactly as spaCy does (runs of non-space characters, runs of other
whitespace, a single space after a token being that token's trailing space), asks the wrapped
tokenizer once for each chunk it has not seen, and builds the ``Doc`` from the remembered
words. Token texts, whitespace and character offsets are identical to spaCy's; tests compare
the two on the samples and on random text. Token attributes that special cases set besides
the text (``NORM``) are not carried over; no component of this project reads them.
"""
from __future__ import annotations

import functools
import re
from itertools import chain
from operator import itemgetter

from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractors.base import remember_text

# A chunk's token texts and their trailing-space flags
Entry = tuple[tuple[str, ...], tuple[bool, ...]]

# Chunks as spaCy cuts a text: a run of non-space characters with the single space after it
# (which spaCy makes the last token's trailing whitespace), or a run of other whitespace.
# `\s` is str.isspace(), spaCy's test too.
_CHUNKS = re.compile(r"\S+ ?|\s+")
# A word of (German or ASCII) letters, with at most one of these marks after it: no prefix,
# suffix or infix rule of spaCy's matches letters, so unless the word is a special case
# ("cannot" in English), spaCy's split is the word, then the mark. Most new words of a release
# (names, compounds) look like this; they are split here without asking spaCy (see _split).
_PLAIN_WORD = re.compile(r"([A-Za-zÄÖÜäöüß]+)([,;:!?]?)")
_words = itemgetter(0)
_spaces = itemgetter(1)


@functools.cache
def _flags(n: int, trailing_space: bool) -> tuple[bool, ...]:
    """Trailing-space flags of a word chunk's n tokens, one tuple shared by all such chunks."""
    return (False,) * (n - 1) + (trailing_space,)


class ChunkMemoTokenizer:
    """Callable like ``nlp.tokenizer``: text -> Doc with spaCy's tokens, chunk splits memoised.

    The memo keeps two generations of at most `max_chunks` entries each: when the current one
    is full it becomes the old one, and chunks met again are carried over from it. So the
    chunks in use stay while the memo's memory stays level over any number of texts."""

    def __init__(self, tokenizer, max_chunks: int = 5_000):
        self.tokenizer = tokenizer
        self.vocab: Vocab = tokenizer.vocab
        self.max_chunks = max_chunks
        self._memo: dict[str, Entry] = {}
        self._old: dict[str, Entry] = {}
        self._special = set(tokenizer.rules)

    def __call__(self, text: str) -> Doc:
        chunks = _CHUNKS.findall(text)
        entries = list(map(self._memo.get, chunks))
        if None in entries:
            entries = self._fill(chunks, entries)
        words = list(chain.from_iterable(map(_words, entries)))
        doc = Doc(self.vocab, words=words, spaces=list(chain.from_iterable(map(_spaces, entries))))
        remember_text(doc, text, words)     # the extractors read both without rebuilding them
        return doc

    def adopt(self, other: ChunkMemoTokenizer) -> None:
        """Take over the memo of a tokenizer with the same rules (a rebuilt pipeline's
        predecessor): the splits hold for any vocabulary."""
        self._memo, self._old = dict(other._memo), dict(other._old)

    def _fill(self, chunks: list[str], entries: list[Entry | None]) -> list[Entry]:
        """`entries` completed: the chunks missing from the memo are carried over from the old
        generation or split by the wrapped tokenizer, and remembered."""
        found: dict[str, Entry] = {}
        unknown = []
        for chunk in sorted({c for c, e in zip(chunks, entries) if e is None}):
            entry = self._old.get(chunk)
            if entry is None:
                unknown.append(chunk)
            else:
                found[chunk] = entry
        found.update(self._split(unknown))
        for chunk, entry in found.items():
            self._remember(chunk, entry)
        return [found[c] if e is None else e for c, e in zip(chunks, entries)]

    def _split(self, chunks: list[str]) -> dict[str, Entry]:
        """The entries of new chunks, asking the wrapped tokenizer once for all word chunks.

        Each call of spaCy's tokenizer costs tens of microseconds besides the splitting (the
        special-case matcher runs over the whole result), so the words go in one text, one per
        line: a line break is a token of its own that no special case spans, so each word
        splits as it does alone."""
        out: dict[str, Entry] = {}
        words: dict[str, str] = {}      # chunk -> its word, without the trailing space
        special = self._special
        for chunk in chunks:
            if chunk[0].isspace():
                doc = self.tokenizer(chunk)
                out[chunk] = (tuple(t.text for t in doc), tuple(bool(t.whitespace_) for t in doc))
                continue
            word = chunk[:-1] if chunk[-1] == " " else chunk
            plain = _PLAIN_WORD.fullmatch(word)
            if plain and plain[1] not in special and word not in special:
                parts = (plain[1], plain[2]) if plain[2] else (plain[1],)
                out[chunk] = (parts, _flags(len(parts), chunk[-1] == " "))
            else:
                words[chunk] = word
        if not words:
            return out
        unique = sorted(set(words.values()))
        split: list[list[str]] = [[]]
        for token in self.tokenizer("\n".join(unique)):
            if token.text == "\n":
                split.append([])
            else:
                split[-1].append(token.text)
        if len(split) != len(unique) or any("".join(w) != u for w, u in zip(split, unique)):
            split = [[t.text for t in self.tokenizer(u)] for u in unique]   # not as expected: one by one
        tokens = dict(zip(unique, split))
        for chunk, word in words.items():
            parts = tokens[word]
            out[chunk] = (tuple(parts), _flags(len(parts), chunk[-1] == " "))
        return out

    def _remember(self, chunk: str, entry: Entry) -> None:
        if len(self._memo) >= self.max_chunks:
            self._old, self._memo = self._memo, {}
        self._memo[chunk] = entry

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # spaCy serialises the tokenizer with the pipeline: delegate to the wrapped one.
    def to_bytes(self, **kwargs):
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data, **kwargs):
        self.tokenizer.from_bytes(data, **kwargs)
        self._forget()
        return self

    def to_disk(self, path, **kwargs):
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.tokenizer.from_disk(path, **kwargs)
        self._forget()
        return self

    def _forget(self) -> None:
        """New rules: what was learnt from the old ones no longer holds."""
        self._memo.clear()
        self._old.clear()
        self._special = set(self.tokenizer.rules)
