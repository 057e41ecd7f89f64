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

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

from extractors.base import remember_text

# A chunk's token texts and their trailing-space flags (all False: a chunk holds no space)
Entry = tuple[tuple[str, ...], tuple[bool, ...]]

# Runs of whitespace and runs of anything else; `\s` is str.isspace(), spaCy's test too.
_RUNS = re.compile(r"\s+|\S+")


class ChunkMemoTokenizer:
    """Callable like ``nlp.tokenizer``: text -> Doc with spaCy's tokens, chunk splits memoised.

    The memo keeps two generations of at most `max_chunks` entries each: when the current one
    is full it becomes the old one, and chunks met again are carried over from it. So the
    chunks in use stay while the memo's memory stays level over any number of texts."""

    def __init__(self, tokenizer, max_chunks: int = 10_000):
        self.tokenizer = tokenizer
        self.vocab: Vocab = tokenizer.vocab
        self.max_chunks = max_chunks
        self._memo: dict[str, Entry] = {}
        self._old: dict[str, Entry] = {}

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        runs = _RUNS.findall(text)
        new = {run for run in runs if run not in self._memo and not run[0].isspace()}
        if new:
            self._learn(new)
        memo = self._memo
        is_space = not (runs and runs[0][0].isspace())   # flipped before each run: runs alternate
        for chunk in runs:
            is_space = not is_space
            if is_space and chunk[0] == " " and words:
                # spaCy: one space right after a token is that token's trailing whitespace
                spaces[-1] = True
                chunk = chunk[1:]
                if not chunk:
                    continue
            entry = memo.get(chunk)
            if entry is None:
                entry = self._lookup(chunk)
            words += entry[0]
            spaces += entry[1]
        doc = Doc(self.vocab, words=words, spaces=spaces)
        remember_text(doc, text, words)     # the extractors read both without rebuilding them
        return doc

    def _remember(self, chunk: str, words) -> Entry:
        if len(self._memo) >= self.max_chunks:
            self._old, self._memo = self._memo, {}
        entry = self._memo[chunk] = (tuple(words), (False,) * len(words))
        return entry

    def _learn(self, chunks: set[str]) -> None:
        """Remember the splits of new word chunks, asking the wrapped tokenizer once for all.

        Each call of spaCy's tokenizer costs tens of microseconds besides the splitting (the
        special-case matcher runs over the whole result), so a release's new chunks go in one
        text, one per line: a line break is a token of its own that no special case spans,
        so each chunk splits as it does alone."""
        unknown = []
        for chunk in sorted(chunks):
            entry = self._old.get(chunk)
            if entry is None:
                unknown.append(chunk)
            else:
                self._remember(chunk, entry[0])
        if not unknown:
            return
        split: list[list[str]] = [[]]
        for token in self.tokenizer("\n".join(unknown)):
            if token.text == "\n":
                split.append([])
            else:
                split[-1].append(token.text)
        if len(split) != len(unknown) or any("".join(w) != c for w, c in zip(split, unknown)):
            return          # not as expected: leave these chunks to _lookup, one by one
        for chunk, words in zip(unknown, split):
            self._remember(chunk, words)

    def _lookup(self, chunk: str) -> Entry:
        """The entry for a chunk not in the current memo: carried over from the old generation,
        or asked of the wrapped tokenizer."""
        entry = self._old.get(chunk)
        return self._remember(chunk, entry[0] if entry else [t.text for t in self.tokenizer(chunk)])

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    # spaCy serialises the tokenizer with the pipeline: delegate to the wrapped one.
    def to_bytes(self, **kwargs):
        return self.tokenizer.to_bytes(**kwargs)

    def from_bytes(self, data, **kwargs):
        self.tokenizer.from_bytes(data, **kwargs)
        self._memo.clear()
        self._old.clear()
        return self

    def to_disk(self, path, **kwargs):
        self.tokenizer.to_disk(path, **kwargs)

    def from_disk(self, path, **kwargs):
        self.tokenizer.from_disk(path, **kwargs)
        self._memo.clear()
        self._old.clear()
        return self
