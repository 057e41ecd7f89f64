"""The page as lines: one per visible block element, flagged when it sits in page furniture.

Each line remembers its element, its ancestors (for subtree scoring), how much of
it is link text and whether it lies in navigation, footer, cookie banner, share
bar, ... (tag names, ARIA roles and class/id tokens from data/html_rules.toml).
Short media/date boxes are "soft" furniture (out of the body, but their date may be
the release's); small teaser cards (a linked heading over a snippet) are furniture.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from pipeline.parse.html_dates import find_dates
from pipeline.parse.html_rules import compiled, rules

BLOCK = frozenset(
    "p div section article main header footer nav aside h1 h2 h3 h4 h5 h6 ul ol li dl dt dd "
    "table tr td th thead tbody tfoot blockquote pre figure figcaption form fieldset address "
    "hr center details summary caption body html legend dialog menu".split()
)
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TEXT_BLOCKS = frozenset(HEADINGS + ("p", "li", "dt", "dd", "blockquote", "pre", "figcaption", "caption",
                                    "summary", "legend", "address", "td", "th"))
FURNITURE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog",
                   "menu", "menubar", "alertdialog", "toolbar"}
NEVER_FURNITURE = {"html", "body", "main", "article"}
# soft hyphen, zero-width characters, word joiner, BOM and control characters
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SKIP_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)


def clean_text(s: str) -> str:
    """Drop soft hyphens, zero-width and control characters; collapse whitespace."""
    s = _INVISIBLE.sub("", unicodedata.normalize("NFC", s))
    return re.sub(r"\s+", " ", s).strip()


def squash(s: str) -> str:
    return re.sub(r"[\W_]+", " ", clean_text(s)).strip().casefold()


# --------------------------------------------------------------------------- lines

@dataclass
class Line:
    text: str
    link: int            # characters of link text
    block: Tag           # nearest block element
    chain: tuple         # ancestors (block first), for subtree scoring
    furniture: bool
    index: int = 0
    weak: Tag | None = None  # innermost "weak" furniture ancestor (media box), decided later
    soft: bool = False       # furniture only because its media/date box is short: may still hold the date

    @property
    def heading(self) -> str | None:
        return self.block.name if self.block.name in HEADINGS else None


@dataclass
class Page:
    soup: BeautifulSoup
    lines: list[Line] = field(default_factory=list)
    pos: dict[int, int] = field(default_factory=dict)        # id(tag) -> index of its first line
    tags: list[Tag] = field(default_factory=list)            # visible elements in document order
    furniture: dict[int, bool] = field(default_factory=dict)


_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _tokens(tag: Tag) -> list[str]:
    """Class names and id, camelCase split with '-' ("sectionRelated" -> "section-Related")."""
    cls = tag.get("class") or []
    if isinstance(cls, str):
        cls = cls.split()
    ident = tag.get("id")
    raw = [c for c in cls if isinstance(c, str)] + ([ident] if isinstance(ident, str) else [])
    return [_CAMEL.sub("-", t) for t in raw]


def _hidden(tag: Tag) -> bool:
    if tag.attrs is None:
        return False
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    style = (tag.get("style") or "").replace(" ", "").lower()
    if "display:none" in style or "visibility:hidden" in style:
        return True
    hid = compiled()["hidden_token"]
    return any(hid.match(t) for t in _tokens(tag))


def _is_furniture(tag: Tag) -> bool | str:
    """True for furniture by tag or role, "class" by class/id name, "weak" for media boxes
    (furniture unless they hold running text)."""
    if tag.name in NEVER_FURNITURE:
        return False
    if tag.name in rules()["boilerplate"]["boilerplate_tags"]:
        return True
    if (tag.get("role") or "").lower() in FURNITURE_ROLES:
        return True
    toks = _tokens(tag)
    if any(compiled()["bp_token"].search(t) for t in toks):
        # "sectionRelated contact": the release's contact block, whatever box it sits in
        return False if is_contact_box(tag) else "class"
    return "weak" if any(compiled()["weak_token"].search(t) for t in toks) else False


def is_contact_box(tag: Tag) -> bool:
    return any(compiled()["contact_token"].search(t) for t in _tokens(tag))


def _unflag_main_text(page: Page, by_class: set[int]) -> None:
    """A box flagged only by its class name that holds most of the page's running text is
    the article after all (e.g. a body wrapper called "content-stage")."""
    long_lines = [ln for ln in page.lines if len(ln.text) - ln.link >= 150]
    total = sum(len(ln.text) - ln.link for ln in long_lines)
    if not total:
        return
    share: dict[int, list[int]] = {}
    for ln in long_lines:
        for el in ln.chain:
            if id(el) in by_class:
                share.setdefault(id(el), []).append(len(ln.text) - ln.link)
    wrong = {k for k, v in share.items() if len(v) >= 2 and sum(v) > 0.5 * total}
    if not wrong:
        return
    for k in wrong:
        page.furniture[k] = False
    for ln in page.lines:
        if any(id(el) in wrong for el in ln.chain):
            status = False
            for el in reversed(ln.chain):  # from the root down
                status = status or (id(el) in by_class and id(el) not in wrong) or _is_furniture(el) is True
                page.furniture[id(el)] = status
            ln.furniture = status


def flatten(soup: BeautifulSoup, weak_boxes: bool = True) -> Page:
    """Walk the visible document once and cut it into block lines.
    weak_boxes=False keeps media/teaser boxes of short text (for very short releases)."""
    page = Page(soup)
    drop = set(rules()["boilerplate"]["drop_tags"])
    cur: list[str] = []
    state = {"link": 0}

    def flush(chain: tuple, furn: bool, weak: Tag | None):
        text = clean_text("".join(cur))
        if text:
            page.lines.append(Line(text, min(state["link"], len(text)), chain[0], chain, furn,
                                   len(page.lines), weak))
        cur.clear()
        state["link"] = 0

    def walk(node: Tag, chain: tuple, furn: bool, in_link: bool, depth: int, weak: Tag | None = None):
        for child in node.children:
            if isinstance(child, NavigableString):
                if isinstance(child, _SKIP_STRINGS):
                    continue
                s = str(child)
                cur.append(s)
                if in_link:
                    state["link"] += len(clean_text(s)) + (1 if s[:1].isspace() else 0)
                continue
            if not isinstance(child, Tag) or child.name in drop or _hidden(child) or depth > 300:
                continue
            if id(child) not in page.pos:
                page.pos[id(child)] = len(page.lines)
                page.tags.append(child)
            if child.name == "br":
                flush(chain, furn, weak)
            elif child.name in BLOCK:
                kind = _is_furniture(child)
                f = furn or bool(kind is True or kind == "class")
                w = child if kind == "weak" and not f else weak
                if kind == "class":
                    by_class.add(id(child))
                page.furniture[id(child)] = f
                flush(chain, furn, weak)
                walk(child, (child,) + chain, f, in_link, depth + 1, w)
                flush((child,) + chain, f, w)
            else:
                walk(child, chain, furn, in_link or child.name == "a", depth + 1, weak)

    by_class: set[int] = set()
    root = soup.body or soup
    walk(root, (root,), False, False, 0)
    flush((root,), False, None)
    _unflag_main_text(page, by_class)
    # a media box is furniture unless it holds running text (some CMS wrap the body in one)
    longest: dict[int, int] = {}
    for ln in page.lines:
        if ln.weak is not None:
            longest[id(ln.weak)] = max(longest.get(id(ln.weak), 0), len(ln.text) - ln.link)
    for ln in page.lines:
        if weak_boxes and ln.weak is not None and longest[id(ln.weak)] < 150 and not ln.furniture:
            ln.furniture = ln.soft = True
    if weak_boxes:
        _flag_teaser_cards(page)
    return page


def _flag_teaser_cards(page: Page) -> None:
    """A small box opened by a linked heading ("<h3><a>Other release</a></h3><p>snippet</p>") is a
    teaser of another page, whatever its class names say."""
    for ln in page.lines:
        if not (ln.heading and ln.heading != "h1" and len(ln.chain) > 1 and ln.link >= 0.8 * len(ln.text)):
            continue
        box = ln.chain[1]
        start = page.pos.get(id(box), ln.index)
        lines = []
        for other in page.lines[start:start + 7]:
            if not any(el is box for el in other.chain):
                break
            lines.append(other)
        # the heading opens the box (a date line may stand before it)
        before = [x for x in lines if x.index < ln.index]
        opens = any(x is ln for x in lines) and all(len(x.text) < 40 and find_dates(x.text) for x in before)
        if opens and len(lines) <= 5 and sum(len(x.text) for x in lines) <= 700:
            for x in lines:
                x.furniture = True


def _in_furniture(page: Page, tag: Tag) -> bool:
    for p in [tag, *tag.parents]:
        if id(p) in page.furniture:
            return page.furniture[id(p)]
    return False
