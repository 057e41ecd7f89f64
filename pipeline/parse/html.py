"""Turn a press-release web page into a clean release (title, date, issuer, body).

The page is read once with BeautifulSoup (lxml) and flattened into *lines*: one
per block element, each remembering its element, how much of it is link text
and whether it sits in page furniture (nav, footer, cookie banner, share bar,
...; patterns in data/html_rules.toml). The body is the subtree whose lines
score best (text counts, links and furniture count against), then filtered line
by line. Title, date and issuer are chosen among metadata and visible
candidates, preferring those near the headline.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from pipeline.parse.html_dates import find_dates, parse_iso
from pipeline.parse.html_rules import compiled, date_cues, rules
from pipeline.types import ParsedDocument, RawDocument

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


def declared_charset(data: bytes) -> str | None:
    """Charset named by a <meta charset>, http-equiv Content-Type or XML declaration."""
    head = data[:4096]
    for rx in (rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", rb"<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)"):
        m = re.search(rx, head, re.I)
        if m:
            name = m.group(1).decode("ascii", "ignore").lower()
            return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii") else name
    return None


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

    @property
    def heading(self) -> str | None:
        return self.block.name if self.block.name in HEADINGS else None


@dataclass
class Page:
    soup: BeautifulSoup
    lines: list[Line] = field(default_factory=list)
    pos: dict[int, int] = field(default_factory=dict)        # id(tag) -> index of its first line
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
        return "class"
    return "weak" if any(compiled()["weak_token"].search(t) for t in toks) else False


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
            page.pos.setdefault(id(child), len(page.lines))
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
        if weak_boxes and ln.weak is not None and longest[id(ln.weak)] < 150:
            ln.furniture = True
    return page


# --------------------------------------------------------------------------- metadata

def _meta(soup: BeautifulSoup) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for m in soup.find_all("meta"):
        key = m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv")
        val = m.get("content")
        if key and val and val.strip():
            out.setdefault(key.strip().lower(), []).append(clean_text(val))
    return out


def _jsonld(soup: BeautifulSoup) -> list[dict]:
    objs: list[dict] = []

    def add(o):
        if isinstance(o, list):
            for x in o:
                add(x)
        elif isinstance(o, dict):
            objs.append(o)
            add(o.get("@graph"))

    for sc in soup.find_all("script", type=re.compile("ld\\+json", re.I)):
        try:
            add(json.loads(sc.string or ""))
        except (ValueError, TypeError):
            continue
    return objs


def _ld_name(v) -> str | None:
    if isinstance(v, list):
        v = v[0] if v else None
    if isinstance(v, dict):
        v = v.get("name")
    return clean_text(v) if isinstance(v, str) and v.strip() else None


# --------------------------------------------------------------------------- title

def _split_title(s: str) -> list[str]:
    """The title and all runs of its separator-delimited segments."""
    seps = rules()["title"]["separators"]
    parts = [s]
    for sep in seps:
        parts = [p for q in parts for p in q.split(sep)]
    parts = [p.strip() for p in parts if p.strip()]
    out = {s.strip()}
    for i in range(len(parts)):
        for j in range(i + 1, len(parts) + 1):
            # rejoin with the original separators by slicing the source string
            a = s.find(parts[i])
            b = s.find(parts[j - 1], a) + len(parts[j - 1]) if a >= 0 else -1
            if a >= 0 and b > a:
                out.add(s[a:b].strip())
    return sorted(out, key=len, reverse=True)


def _heading_texts(h: Tag) -> list[str]:
    """Text of a heading, plus the text without a kicker/overline child."""
    full = clean_text(h.get_text(" "))
    texts = [full]
    kick = compiled()["kicker"]
    kids = [c for c in h.find_all(True) if any(kick.search(t) for t in _tokens(c))]
    if kids:
        rest = full
        for k in kids:
            kt = clean_text(k.get_text(" "))
            if kt and kt in rest:
                rest = rest.replace(kt, " ", 1)
        rest = clean_text(clean_text(rest).strip(" :–-|"))
        if rest:
            texts.insert(0, rest)
    # a headline split in child spans (kicker + headline) without telling class names
    parts = [clean_text(c.get_text(" ")) for c in h.find_all(True, recursive=False)]
    if len(parts) > 1:
        texts += [t for t in parts if len(t) >= 10 and t not in texts]
    m = compiled()["title_label"].match(texts[0])
    if m and len(m.group("rest")) >= 10:
        texts.insert(0, m.group("rest"))  # "Medienmitteilung der Baudirektion: Headline"
    return texts


def _set_off(text: str, start: int, end: int) -> bool:
    """Is text[start:end] separated from the rest of `text` by punctuation (":", "|", "-")?"""
    before, after = text[:start].rstrip(), text[end:].lstrip()
    ok_before = not before or before[-1] in ":|–—-·»"
    ok_after = not after or after[0] in ":|–—-·«"
    return ok_before and ok_after


def find_title(page: Page, meta: dict, ld: list[dict]) -> tuple[str | None, Tag | None]:
    soup = page.soup
    generic = compiled()["generic_title"]
    metas = []
    for k in ("og:title", "twitter:title", "dcterms.title", "dc.title", "title", "name"):
        metas += meta.get(k, [])
    metas += [x["headline"] for x in ld if isinstance(x.get("headline"), str)]
    if soup.title and soup.title.string:
        metas.append(clean_text(soup.title.string))
    segs: dict[str, int] = {}
    for rank, m in enumerate(metas):
        for s in _split_title(m):
            if not generic.match(s.strip(" :")):
                segs.setdefault(squash(s), rank)
    heads = [h for h in soup.find_all(HEADINGS) if id(h) in page.pos]
    best = None  # (score, text, tag)
    for order, h in enumerate(heads):
        level = int(h.name[1])
        furn = _in_furniture(page, h)
        for variant, text in enumerate(_heading_texts(h)):
            if not text or generic.match(text.strip(" :")) or len(text) > 300:
                continue
            sq = squash(text)
            score = None
            if sq in segs:
                score = 100 - 8 * level - 3 * segs[sq] - 2 * variant
            else:
                inner = [s for s in segs if len(s) >= 15 and len(s.split()) >= 3 and s in sq]
                if inner:
                    sub = max(inner, key=len)
                    # recover the original casing of the segment from the heading text
                    m = re.search(r"\W+".join(map(re.escape, sub.split())), text, re.I)
                    if m and _set_off(text, m.start(), m.end()):
                        text, score = m.group(0), 70 - 8 * level  # label or site name beside the headline
                    else:
                        score = 65 - 8 * level  # metadata holds a shortened headline: keep the heading
            if score is None:
                continue
            score -= 30 if furn else 0
            score -= order * 0.01
            if best is None or score > best[0]:
                best = (score, text, h)
    if best:
        return best[1], best[2]
    for h in heads:  # no heading confirms a metadata title: trust a content h1
        if h.name == "h1" and not _in_furniture(page, h):
            t = _heading_texts(h)[0]
            if len(t) >= 10 and not generic.match(t):
                return t, h
    sites = {squash(x) for k in ("og:site_name", "application-name") for x in meta.get(k, [])}
    for m in metas:  # else the metadata title without its site and section parts
        parts = [p.strip() for p in re.split(r"\s+(?:[|–—·»/-]|::)\s+", m)]
        parts = [p for p in parts if p and not generic.match(p) and squash(p) not in sites]
        # a headline has more words than a site name and rarely names an authority
        scored = [(len(p.split()) - (4 if compiled()["authority"].search(p) and len(p.split()) < 6 else 0), p)
                  for p in parts]
        if scored:
            return max(scored, key=lambda x: x[0])[1], None
    return None, None


def _heading_above(page: Page, body: list[Line]) -> tuple[str | None, Tag | None]:
    """Without metadata: the heading opening the body, or the last one just above it."""
    generic = compiled()["generic_title"]
    for ln in body[:2]:
        if ln.heading in ("h1", "h2", "h3") and len(ln.text) < 200 and len(body) > 1:
            return ln.text, ln.block
    first = body[0]
    for ln in reversed(page.lines[max(0, first.index - 12):first.index]):
        if ln.heading and not ln.furniture and not generic.match(ln.text.strip(" :")) and len(ln.text) >= 10:
            return ln.text, ln.block
    return None, None


def _in_furniture(page: Page, tag: Tag) -> bool:
    for p in [tag, *tag.parents]:
        if id(p) in page.furniture:
            return page.furniture[id(p)]
    return False


# --------------------------------------------------------------------------- body

def _line_value(line: Line) -> float:
    n = len(line.text)
    if line.furniture:
        return -n - 10
    return (n - line.link) - 2 * line.link - 12


def _main_lines(page: Page) -> list[Line]:
    """Lines of the subtree with the best summed line value."""
    score: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    longest: dict[int, int] = {}  # longest run of non-link text per element
    for ln in page.lines:
        v = _line_value(ln)
        n = 0 if ln.furniture else len(ln.text) - ln.link
        for el in ln.chain:
            score[id(el)] = score.get(id(el), 0.0) + v
            tags[id(el)] = el
            if n > longest.get(id(el), 0):
                longest[id(el)] = n
    if not score:
        return []
    # containers only: a lone paragraph must not beat the article holding it
    best = max((k for k in score if tags[k].name not in TEXT_BLOCKS), key=lambda k: score[k], default=None)
    if best is None:
        return []
    # a page-wide wrapper won because of stray text outside the article: prefer the
    # article/main element inside it when that holds most of the value
    marked = [k for k, el in tags.items() if k != best and score[k] >= 0.75 * score[best] and _is_article(el)
              and any(p is tags[best] for p in el.parents)]
    if marked:
        best = max(marked, key=lambda k: score[k])
    chosen = {best}
    # leads and intros often sit in a sibling box of the body text: climb while the
    # ancestor is still mostly body, taking sibling boxes with running text
    node = tags[best]
    for _ in range(4):
        parent = node.parent
        if parent is None or parent.name in ("body", "html", "[document]"):
            break
        if score.get(id(parent), 0) < 0.6 * score[best]:
            break
        for sib in parent.children:
            if isinstance(sib, Tag) and sib is not node and score.get(id(sib), 0) > 40 and id(sib) not in chosen:
                if longest.get(id(sib), 0) >= 80:
                    chosen.add(id(sib))
        node = parent
    return [ln for ln in page.lines if any(id(el) in chosen for el in ln.chain)]


def _is_article(el: Tag) -> bool:
    return (el.name in ("article", "main") or (el.get("role") or "").lower() in ("main", "article")
            or (el.get("itemprop") or "").lower() == "articlebody")


_CONTACTISH = re.compile(r"@|www\.|https?://|\+?\d[\d /()-]{6,}")


def _is_linky(line: Line) -> bool:
    if line.link <= 0.5 * len(line.text):
        return False
    return not _CONTACTISH.search(line.text) or len(line.text) > 120


def _cookie_notice(text: str) -> bool:
    c = compiled()
    return len(text) < 700 and bool(c["cookie_word"].search(text)) and bool(c["consent_word"].search(text))


def _date_only(text: str) -> bool:
    hits = find_dates(text)
    if not hits:
        return False
    rest = text
    for _, s, e in reversed(hits):
        rest = rest[:s] + rest[e:]
    rest = compiled()["date_filler"].sub(" ", rest)
    return len(clean_text(re.sub(r"[\W\d]+", " ", rest))) <= 3


def extract_body(page: Page, title: str | None, title_tag: Tag | None) -> list[Line]:
    c = compiled()
    lines = [ln for ln in _main_lines(page) if not ln.furniture]
    out: list[Line] = []
    started = False
    tsq = squash(title) if title else None
    for ln in lines:
        t = ln.text
        low = t.casefold().strip(" :")
        if tsq and (squash(t) == tsq or (ln.heading and len(tsq) > 20 and tsq in squash(t))):
            continue
        if title_tag is not None and (ln.block is title_tag or title_tag in ln.chain):
            continue
        if started and len(t) < 70 and c["stop_line"].match(low):
            break
        if len(t) < 100 and (c["drop_line"].match(low) or c["byline"].match(t)):
            continue
        if len(t) < 300 and c["breadcrumb"].match(t):
            continue
        if ln.heading and len(t) < 60 and c["generic_title"].match(low):
            continue  # section name ("News Releases") above the headline
        if tsq and len(t) < 2 * len(title) + 40 and tsq in squash(t) and len(tsq) > 20:
            continue  # breadcrumb or kicker line repeating the headline
        if _is_linky(ln) or _cookie_notice(t):
            continue
        if len(t) < 80 and (_date_only(t) or _labelled_date(t)):
            continue
        if len(t) < 80 and c["meta_label"].match(t) and (not started or not c["meta_label"].sub("", t).strip()):
            continue  # metadata lines above the text; bare labels anywhere
        out.append(ln)
        if len(t) >= 100:
            started = True
    # headings left dangling at the end introduced link lists that were dropped
    while out and out[-1].heading and len(out[-1].text) < 80:
        out.pop()
    # a page-top dateline line ("Bern, 17.08.2007 - Rede von ...") is not body
    if out and len(out[0].text) < 200 and _dateline(out[0].text):
        out = out[1:]
    return out


def _labelled_date(text: str) -> bool:
    """A short "Stand: 25.01.2022" / "Aktuelle Meldung 21.01.2022" line."""
    hits = find_dates(text)
    if not hits:
        return False
    rest = clean_text(text[:hits[0][1]] + " " + text[hits[0][2]:])
    return bool(compiled()["meta_label"].match(rest)) or (len(rest.split()) <= 3 and not rest.endswith("."))


_DATELINE = re.compile(r"^[A-ZÄÖÜ][\w. /()-]{1,40},\s*(?:den\s+)?(?=\d)")


def _dateline(text: str) -> dt.date | None:
    m = _DATELINE.match(text)
    if not m:
        return None
    hits = find_dates(text[m.end():m.end() + 25])
    return hits[0][0] if hits and hits[0][1] == 0 else None


# --------------------------------------------------------------------------- date

def find_published(page: Page, meta: dict, ld: list[dict], title_idx: int | None,
                   body: list[Line], us: bool, url: str | None = None) -> dt.date | None:
    cands: list[tuple[float, dt.date]] = []
    for key, score in rules()["dates"]["meta"]:
        for v in meta.get(key, []):
            d = parse_iso(v)
            if d:
                cands.append((score, d))
    for x in ld:
        for key, score in (("datePublished", 92), ("dateCreated", 70), ("dateModified", 35)):
            d = parse_iso(x.get(key)) if isinstance(x.get(key), str) else None
            if d:
                cands.append((score, d))

    def near(idx: int | None) -> float:
        if title_idx is None or idx is None:
            return 0.0
        dist = idx - title_idx
        dist = -dist * 2 if dist < 0 else dist  # dates above the headline count less far off
        return max(0.0, 25.0 * (1 - dist / 40))

    for tag in page.soup.find_all(["time"]) + page.soup.find_all(attrs={"itemprop": re.compile("date", re.I)}):
        if id(tag) not in page.pos or tag.name == "meta":
            continue
        value = tag.get("datetime") or tag.get("content") or tag.get_text(" ")
        d = parse_iso(value) if re.match(r"\s*\d{4}-?\d\d", value or "") else None
        if d is None:
            hits = find_dates(clean_text(value), us)
            d = hits[0][0] if hits else None
        if not d:
            continue
        prop = (tag.get("itemprop") or "").lower()
        base = 88 if prop in ("datepublished", "datecreated") else 30 if "modified" in prop else 62
        idx = page.pos[id(tag)]
        before = page.lines[idx].text if idx < len(page.lines) else ""
        if compiled()["neg_date_cue"].search(before.split(clean_text(tag.get_text(" ")) or "\0")[0]):
            continue
        cands.append((base + near(idx) - (30 if _in_furniture(page, tag) else 0), d))

    neg = compiled()["neg_date_cue"]
    for ln in page.lines:
        if len(ln.text) > 160:
            continue
        hits = find_dates(ln.text, us)
        if not hits:
            continue
        d, s, _ = hits[0]
        prefix = ln.text[:s]
        if not prefix.strip() and ln.index > 0:
            # "erstellt am:" <br> "12.03.2024": the cue is the line before
            prev = page.lines[ln.index - 1].text
            if len(prev) < 40:
                prefix = prev + " "
        if neg.search(prefix):
            continue
        base = None
        for rx, sc in date_cues():
            if rx.search(prefix):
                base = max(base or 0, sc)
        if base is None and _date_only(ln.text):
            base = 60
        if base is None:
            continue
        linked = ln.link > 0.5 * len(ln.text)  # dates of teasers and event lists sit in links
        cands.append((base + near(ln.index) - (30 if ln.furniture else 0) - (25 if linked else 0), d))
    # datelines open the body; look at the first lines after the headline
    start = title_idx if title_idx is not None else (body[0].index if body else 0)
    for ln in page.lines[start:start + 15]:
        d = _dateline(ln.text) if not ln.furniture else None
        if d:
            cands.append((70 + near(ln.index), d))
            break
    if not cands and title_idx is not None:
        # last resort: a date in the lines around the headline, without a cue
        for ln in page.lines[max(0, title_idx - 3):title_idx + 6]:
            hits = [] if ln.furniture or len(ln.text) > 200 else find_dates(ln.text, us)
            if hits and not neg.search(ln.text[:hits[0][1]]):
                cands.append((40 + near(ln.index), hits[0][0]))
    if not cands and url:
        # last resort: /2024/03/12/ or /20240312 in the page address
        m = re.search(r"/((?:19|20)\d\d)[/-]?([01]\d)[/-]?([0-3]\d)(?:[/_-]|\.html|$)", url)
        if m:
            try:
                cands.append((10, dt.date(int(m[1]), int(m[2]), int(m[3]))))
            except ValueError:
                pass
    if not cands:
        return None
    return max(cands, key=lambda c: c[0])[1]


# --------------------------------------------------------------------------- issuer

def _clean_issuer(s: str | None) -> str | None:
    if not s:
        return None
    s = clean_text(s)
    s = re.sub(r"^(logo( de[rs])?|(zur )?startseite( de[rs])?|home(page)?( of)?)\b[\s:-]*", "", s, flags=re.I)
    s = re.sub(r"[\s:-]*\b(startseite|homepage|logo)$", "", s, flags=re.I)
    s = re.split(r",\s*(?:übermittelt durch|transmitted by)\b", s, flags=re.I)[0]
    # drop taglines: "Jamaica Information Service - The Voice of Jamaica"
    s = re.split(r"\s+[-–|—:]\s+", s)[0].strip(" .,;")
    if not s or len(s) > 150 or compiled()["issuer_junk"].match(s) or not re.search(r"[^\W\d]", s):
        return None
    return s


def _is_home_link(href: str, host: str | None) -> bool:
    # "/", "/de/", "index.html", "/startseite/", optionally on the page's own host
    m = re.fullmatch(r"(?:https?://([^/]+))?(/[\w-]{0,3}/?|/?(?:index\.\w+|startseite/?)|/?[\w-]{0,3}/startseite/?)",
                     href.strip(), re.I)
    return bool(m) and (m.group(1) is None or (host is not None and m.group(1).lower().removeprefix("www.") == host))


def find_issuer(page: Page, meta: dict, ld: list[dict], title: str | None, host: str | None = None) -> str | None:
    c = compiled()
    # an explicit "Herausgeber" line names the publisher even on a host's page
    for i, ln in enumerate(page.lines):
        m = c["issuer_label"].match(ln.text)
        if m and len(ln.text) < 200 and not ln.furniture:
            rest = (m.group("rest") or "").strip()
            if not rest and i + 1 < len(page.lines):
                rest = page.lines[i + 1].text
            got = _clean_issuer(rest)
            if got and len(got) < 120:
                return got
    for x in ld:
        for key in ("publisher", "sourceOrganization"):
            got = _clean_issuer(_ld_name(x.get(key)))
            if got:
                return got
    cands: list[str] = []
    for key in rules()["issuer"]["meta_keys"]:
        for v in meta.get(key, []):
            got = _clean_issuer(v)
            if got and not (key == "author" and _looks_personal(got)):
                cands.append(got)
    site = _title_site(page.soup, title)
    if site:
        # a title part naming an authority beats a portal-wide site name
        if looks_authoritative(site) and not any(looks_authoritative(x) for x in cands[:1]):
            cands.insert(0, site)
        else:
            cands.append(site)
    if not cands:
        # the site logo: an image linking to the home page, or one named logo in the page header
        for img in page.soup.find_all("img", alt=True)[:30]:
            link = img.find_parent("a")
            home = link is not None and _is_home_link(link.get("href") or "", host)
            named = any("logo" in t.lower() for t in _tokens(img) + _tokens(img.parent)) or "logo" in img["alt"].lower()
            in_head = img.find_parent(["header"]) is not None or img.find_parent(attrs={"role": "banner"}) is not None
            if home or (named and in_head):
                got = _clean_issuer(img["alt"])
                if got:
                    cands.append(got)
                    break
    if not cands:
        for ln in reversed(page.lines):
            if not any(el.name == "footer" or (el.get("role") == "contentinfo") or
                       any("footer" in t.lower() for t in _tokens(el)) for el in ln.chain):
                continue
            m = re.match(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(.+)$", ln.text, re.I)
            if m:
                got = _clean_issuer(m.group(1))
                if got:
                    cands.append(got)
                    break
    if not any(looks_authoritative(x) for x in cands[:1]):
        # a portal-wide site name: the breadcrumb may name the authority ("Startseite > Senatsverwaltung für ...")
        crumb = _breadcrumb_authority(page)
        if crumb:
            cands.insert(0, crumb)
    if not cands:
        return None
    # a bare domain ("www.stadt-lindenau.de") is the weakest name for an authority
    cands.sort(key=_is_domain)
    best = cands[0]
    # "BfS" + "Bundesamt für Strahlenschutz" -> "Bundesamt für Strahlenschutz (BfS)"
    if re.fullmatch(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,9}", best) and sum(ch.isupper() for ch in best) >= 2:
        for other in cands[1:]:
            if len(other) > len(best) + 5 and _abbreviates(best, other):
                return f"{other} ({best})"
    return best


def _is_domain(s: str) -> bool:
    return bool(re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", s))


def looks_authoritative(s: str) -> bool:
    """Does the name look like an authority's ("Stadt Ahlen", "Bundesamt für ...") rather than a portal's?"""
    return not _is_domain(s) and bool(compiled()["authority"].search(s))


def _breadcrumb_authority(page: Page) -> str | None:
    bp = compiled()["bp_token"]
    for ln in page.lines[:400]:
        crumbish = compiled()["breadcrumb"].match(ln.text) or any(
            "crumb" in t.lower() and bp.search(t) for el in ln.chain[:4] for t in _tokens(el))
        if not crumbish:
            continue
        for part in re.split(r"\s[>›»/]\s|:\s", ln.text):
            part = _clean_issuer(part)
            if part and len(part.split()) >= 2 and looks_authoritative(part) and len(part) < 100:
                return part
    return None


def _abbreviates(abbr: str, name: str) -> bool:
    """Do the letters of `abbr` follow the word initials of `name` ("BfS", "Bundesamt für Strahlenschutz")?"""
    initials = iter(w[0].lower() for w in re.findall(r"\w+", name))
    return all(ch in initials for ch in abbr.lower())


def _looks_personal(s: str) -> bool:
    return bool(re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]+(?:\s+[A-ZÄÖÜ]\.)?\s+[A-ZÄÖÜ][a-zäöüß-]+", s))


def _title_site(soup: BeautifulSoup, title: str | None) -> str | None:
    """The site part of <title> ("BfS - Pressemitteilungen - Headline" -> "BfS")."""
    if not (soup.title and soup.title.string):
        return None
    full = clean_text(soup.title.string)
    tsq = squash(title or "")
    generic = compiled()["generic_title"]
    for sep in (" | ", " - ", " – ", " — ", ": "):
        if sep not in full:
            continue
        parts = [p.strip() for p in full.split(sep)]
        rest = [p for p in parts if squash(p) != tsq and tsq not in squash(p) and squash(p) not in tsq
                and not generic.match(p)]
        if rest and len(rest) < len(parts):
            # the site name sits at either end; prefer the end away from the headline
            return _clean_issuer(rest[-1] if squash(parts[0]) == tsq or tsq in squash(parts[0]) else rest[0])
    return None


# --------------------------------------------------------------------------- language

_STOP = {
    "de": set("der die das und ist nicht mit von den für auf dem des eine ein sich auch wird werden zu im".split()),
    "en": set("the and of to in is for that with on are be by this was from as it".split()),
    "fr": set("le la les et des est une pour dans que du sur pas au par".split()),
    "it": set("il di che la per non una sono della del nel alla gli".split()),
}


def guess_language(text: str, declared: str | None) -> str:
    words = re.findall(r"[a-zäöüßéèàç]+", text.casefold())[:2000]
    if len(words) >= 30:
        counts = {lang: sum(w in stop for w in words) for lang, stop in _STOP.items()}
        lang, n = max(counts.items(), key=lambda kv: kv[1])
        if n >= 5:
            return lang
    if declared:
        return declared.split("-")[0].split("_")[0].lower()
    return "de"


# --------------------------------------------------------------------------- entry

def _redecode(raw: RawDocument, html: str) -> tuple[str, str | None]:
    """Fix a wrong decoding: U+FFFD from a bad guess, or UTF-8 read as Latin-1 ("Ã¼").
    Returns the text and the charset used when it was decoded again."""
    data = raw.data or b""
    bad = html.count("\ufffd")
    mojibake = len(re.findall("[ÃÂ][\u0080-\u00bf]", html))
    if not data or (bad < 3 and mojibake < 3):
        return html, None
    for enc in (declared_charset(data), "utf-8", "cp1252"):
        if not enc:
            continue
        try:
            text = data.decode(enc)
        except (LookupError, UnicodeDecodeError):
            continue
        if text.count("\ufffd") < bad or len(re.findall("[ÃÂ][\u0080-\u00bf]", text)) < mojibake:
            return text, enc
    return html, None


def parse_html(raw: RawDocument, html: str) -> ParsedDocument:
    """Parse one decoded HTML page into a ParsedDocument."""
    html, redecoded = _redecode(raw, html)
    soup = BeautifulSoup(html, "lxml")
    meta = _meta(soup)
    ld = _jsonld(soup)
    declared_lang = (soup.html.get("lang") if soup.html else None) or next(
        iter(meta.get("language", []) + meta.get("dcterms.language", []) + meta.get("content-language", [])), None)
    page = flatten(soup)
    title, title_tag = find_title(page, meta, ld)
    body = extract_body(page, title, title_tag)
    if sum(len(ln.text) for ln in body) < 150:
        # a short release in a box named like a teaser: read the page again keeping such boxes
        retry = flatten(soup, weak_boxes=False)
        title2, tag2 = find_title(retry, meta, ld)
        body2 = extract_body(retry, title2, tag2)
        if sum(len(ln.text) for ln in body2) > sum(len(ln.text) for ln in body):
            page, title, title_tag, body = retry, title2, tag2, body2
    if title is None and body:
        title, title_tag = _heading_above(page, body)
        if title_tag is not None:
            body = [ln for ln in body if ln.block is not title_tag]
    title_idx = page.pos.get(id(title_tag)) if title_tag is not None else (body[0].index if body else None)
    text = "\n".join(ln.text for ln in body)
    if len(text) < 200:
        # script-rendered pages may carry the article only as JSON-LD
        ld_body = next((x["articleBody"] for x in ld if isinstance(x.get("articleBody"), str)), "")
        if len(ld_body) > len(text):
            text = "\n".join(filter(None, (clean_text(p) for p in re.split(r"\n\s*", ld_body))))
    lang = guess_language(text, declared_lang if isinstance(declared_lang, str) else None)
    canon = soup.find("link", rel=lambda v: v and "canonical" in (v if isinstance(v, list) else [v]))
    canonical = (canon.get("href") if canon else None) or next(iter(meta.get("og:url", [])), None)
    host = (urlsplit(canonical or raw.url or "").hostname or "").removeprefix("www.") or None
    # month/day order only on American pages
    us = bool(re.match(r"en-us", declared_lang or "", re.I)) or (lang == "en" and (host or "").endswith((".gov", ".us")))
    published = find_published(page, meta, ld, title_idx, body, us, canonical or raw.url)
    issuer = find_issuer(page, meta, ld, title, host)
    return ParsedDocument(
        raw=raw, text=text, title=title, published=published, issuer=issuer, language=lang,
        canonical_url=canonical, encoding=redecoded or raw.encoding, media_type="text/html",
    )
