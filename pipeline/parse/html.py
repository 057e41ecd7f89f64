"""Turn a press-release web page into a clean release (title, date, issuer, body).

The page is read once with BeautifulSoup (lxml) and flattened into lines
(html_page.py). The body is the subtree whose lines score best (text counts,
links and furniture count against), then filtered line by line. Title and date
are chosen here among metadata and visible candidates, preferring those near
the headline; the issuer in html_issuer.py. Patterns live in data/html_rules.toml.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from pipeline.parse.html_dates import find_dates, parse_iso
from pipeline.parse.html_issuer import find_issuer
from pipeline.parse.html_page import (FURNITURE_ROLES, HEADINGS, TEXT_BLOCKS, Line, Page, _in_furniture, _tokens,
                                      clean_text, flatten, is_contact_box, squash)
from pipeline.parse.html_rules import compiled, date_cues, rules
from pipeline.types import ParsedDocument, RawDocument

__all__ = ["parse_html", "declared_charset", "clean_text", "squash", "guess_language"]


def declared_charset(data: bytes) -> str | None:
    """Charset named by a <meta charset>, http-equiv Content-Type or XML declaration."""
    head = data[:4096]
    for rx in (rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", rb"<\?xml[^>]+encoding\s*=\s*[\"']([\w.:-]+)"):
        m = re.search(rx, head, re.I)
        if m:
            name = m.group(1).decode("ascii", "ignore").lower()
            return "cp1252" if name in ("iso-8859-1", "latin-1", "latin1", "us-ascii") else name
    return None


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
    # no heading confirms a metadata title: trust a content h1, then one in a title box named
    # like furniture ("ecl-page-header") but outside navigation, sidebars and footers
    hard = set(rules()["boilerplate"]["boilerplate_tags"])
    for h in [h for h in heads if not _in_furniture(page, h)] + [h for h in heads if _in_furniture(page, h)]:
        if h.name == "h1" and not h.find_parent(lambda el: el.name in hard or el.get("role") in FURNITURE_ROLES):
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


# --------------------------------------------------------------------------- body

def _line_value(line: Line) -> float:
    n = len(line.text)
    if line.furniture:
        return -n - 10
    return (n - line.link) - 2 * line.link - 12


def _main_lines(page: Page, title_tag: Tag | None = None) -> list[Line]:
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
    _add_boxes_beside(page, tags[best], chosen, title_tag)
    return [ln for ln in page.lines if any(id(el) in chosen for el in ln.chain)]


def _add_boxes_beside(page: Page, best: Tag, chosen: set[int], title_tag: Tag | None) -> None:
    """Boxes beside the body box that share and rating boxes kept the climb from reaching through
    their common parent: a lead box between the headline and the text, the contact block after it."""
    near = [p for _, p in zip(range(3), best.parents)]
    shares_parent = lambda ln: any(a is el for a in near for el in ln.chain)  # noqa: E731
    taken = [ln.index for ln in page.lines if any(id(el) in chosen for el in ln.chain)]
    title_at = page.pos.get(id(title_tag)) if title_tag is not None else None
    if taken and title_at is not None and title_at < taken[0]:
        for ln in page.lines[title_at + 1:taken[0]]:
            if not ln.furniture and len(ln.text) - ln.link >= 80 and shares_parent(ln):
                chosen.add(id(ln.block))
    if title_at is not None:
        _keep_short_lead(page, title_at, chosen, shares_parent)
    for ln in page.lines[taken[-1] + 1:taken[-1] + 8] if taken else []:
        # a box of its own beside the body box, not one deep inside a site-wide contact widget
        box = next((el for el in ln.chain if is_contact_box(el)), None)
        if box is not None and not ln.furniture and any(box.parent is a for a in near):
            chosen.add(id(box))


def _keep_short_lead(page: Page, title_at: int, chosen: set[int], shares_parent) -> None:
    """A lead of a sentence or two in a box named like a teaser ("teaser-text", "field--name-field-teaser")
    between the headline and the running text is body, though short media/teaser boxes are furniture."""
    lead = compiled()["lead_token"]
    for ln in page.lines[title_at + 1:title_at + 6]:
        if not ln.furniture and len(ln.text) - ln.link >= 80:
            break  # the running text has started
        if (ln.soft and ln.weak is not None and any(lead.search(t) for t in _tokens(ln.weak))
                and ln.link < 0.3 * len(ln.text) and len(ln.text.split()) >= 3 and ln.text.endswith((".", "!", "?"))
                and (shares_parent(ln) or any(id(el) in chosen for el in ln.chain))):
            ln.furniture = ln.soft = False
            chosen.add(id(ln.block))


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
    lines = [ln for ln in _main_lines(page, title_tag) if not ln.furniture]
    out: list[Line] = []
    started = False
    tsq = squash(title) if title else None
    title_at = page.pos.get(id(title_tag)) if title_tag is not None else None
    meta_boxes: set[tuple] = set()  # (tag, classes) of metadata lines: their siblings are metadata too
    for ln in lines:
        t = ln.text
        low = t.casefold().strip(" :")
        box = (ln.block.name, tuple(ln.block.get("class") or ())) if ln.block.get("class") else None
        if tsq and (squash(t) == tsq or (ln.heading and len(tsq) > 20 and tsq in squash(t))):
            continue
        if title_tag is not None and (ln.block is title_tag or title_tag in ln.chain):
            continue
        if title_at is not None and ln.index < title_at and len(t) < 150 and not _is_sentence(t):
            continue  # a kicker or meta line above the headline: "Wirtschaft/Antwort - 14.01.2026 (hib 23/2026)"
        if not started and box in meta_boxes and len(t) < 60 and not _is_sentence(t):
            continue  # "<p class=meta>Polizeimeldung vom 14.01.2026</p><p class=meta>Charlottenburg</p>"
        if started and len(t) < 70 and c["stop_line"].match(low):
            break
        if len(t) < 100 and (c["drop_line"].match(low) or c["byline"].match(t)):
            continue
        if len(t) < 300 and c["breadcrumb"].match(t):
            continue
        if (ln.heading or not started) and len(t) < 60 and c["generic_title"].match(low):
            continue  # section name ("News Releases") or kind label ("Presseaussendung") above the headline
        if tsq and len(t) < 2 * len(title) + 40 and tsq in squash(t) and len(tsq) > 20:
            continue  # breadcrumb or kicker line repeating the headline
        if _is_linky(ln) or _cookie_notice(t):
            continue
        if len(t) < 80 and (_date_only(t) or _labelled_date(t)):
            meta_boxes.add(box)
            continue
        if len(t) < 80 and c["meta_label"].match(t) and (not started or not c["meta_label"].sub("", t).strip()):
            meta_boxes.add(box)
            continue  # metadata lines above the text; bare labels anywhere
        out.append(ln)
        if len(t) >= 100:
            started = True
    # headings left dangling at the end introduced link lists that were dropped
    while out and out[-1].heading and len(out[-1].text) < 80:
        out.pop()
    # a page-top dateline line ("Bern, 17.08.2007 - Rede von ...") is not body; a lead
    # paragraph opening with one ("Bern, 14.01.2026 – Der Bundesrat hat ...") is
    if out and len(out[0].text) < 200 and (_dateline(out[0].text) or _date_first(out[0].text)) \
            and not _is_sentence(out[0].text):
        out = out[1:]
    return out


def _date_first(text: str) -> bool:
    """ "January 14, 2026 - Ottawa, Ontario - Department of ..." """
    hits = find_dates(text[:30])
    return bool(hits) and hits[0][1] == 0


def _is_sentence(text: str) -> bool:
    """Running text: ends like a sentence and holds a lower-case word beyond the dateline."""
    ends = text.rstrip().endswith((".", "!", "?", "“", "\"", "«"))
    return ends and len(re.findall(r"\b[a-zäöüß]{3,}\b", text)) >= 3


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

    dated = [t for t in page.tags if t.name == "time"] + [
        t for t in page.tags if "date" in str(t.get("itemprop") or "").lower() and t.name != "meta"]
    for tag in dated:
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

    # an element named as the date ("<span class=\"pm-datum\">", "<div class=\"press-date\">")
    date_cls, neg_cls = compiled()["date_class"], compiled()["neg_date_class"]
    for tag in page.tags:
        toks = _tokens(tag) if tag.attrs else []
        if tag.name == "time" or not any(date_cls.search(t) for t in toks):
            continue
        text = clean_text(tag.get_text(" "))
        if len(text) > 80 or any(neg_cls.search(t) for t in toks) or tag.find("time") is not None:
            continue
        hits = find_dates(text, us)
        if hits and not compiled()["neg_date_cue"].search(text[:hits[0][1]]):
            cands.append((60 + near(page.pos[id(tag)]) - (30 if _in_furniture(page, tag) else 0), hits[0][0]))

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
        if base is None and any(_date_only(part) for part in re.split(r"\s+[|·•]\s+", ln.text)):
            base = 60  # "12.03.2024" or "Pressemitteilung | Ministerium für ... | 12.03.2024"
        if base is None:
            continue
        linked = ln.link > 0.5 * len(ln.text)  # dates of teasers and event lists sit in links
        cands.append((base + near(ln.index) - _furniture_penalty(ln) - (25 if linked else 0), d))
    # datelines open the body; look at the first lines after the headline
    start = title_idx if title_idx is not None else (body[0].index if body else 0)
    for ln in page.lines[start:start + 15]:
        d = _dateline(ln.text) if not ln.furniture or ln.soft else None
        if d:
            cands.append((70 + near(ln.index) - _furniture_penalty(ln), d))
            break
    if not cands and title_idx is not None:
        # last resort: a date in the lines around the headline, without a cue
        for ln in page.lines[max(0, title_idx - 3):title_idx + 6]:
            hits = [] if (ln.furniture and not ln.soft) or len(ln.text) > 200 else find_dates(ln.text, us)
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


def _furniture_penalty(ln: Line) -> int:
    # a short date/media box is furniture for the body, but its date may well be the release's
    return 10 if ln.soft else 30 if ln.furniture else 0


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
    issuer = find_issuer(page, meta, ld, title, host, title_idx)
    captions = _captions(page, body)
    return ParsedDocument(
        raw=raw, text=text, title=title, published=published, issuer=issuer, language=lang,
        canonical_url=canonical, encoding=redecoded or raw.encoding, media_type="text/html",
        extra={"captions": captions} if captions else {},
    )


def _captions(page: Page, body: list[Line]) -> list[str]:
    """Captions of the article's images, without photo credits. Not body text (gold page bodies
    leave them out), but they often name the people shown: kept aside in ParsedDocument.extra."""
    near = {id(p) for ln in body for _, p in zip(range(3), ln.block.parents)}
    credit, credit_box = compiled()["caption_credit"], compiled()["credit_token"]
    out: list[str] = []
    for cap in page.soup.find_all("figcaption") if near else []:
        box = (cap.find_parent("figure") or cap).parent
        if not any(id(p) in near for p in cap.parents) or box is None or _in_furniture(page, box):
            continue
        # leave out "<span class=\"copyright-note\">© Bundesregierung</span>" and the like
        def credited(x) -> bool:
            el = x.parent
            while el is not None and el is not cap:
                if any(credit_box.search(t) for t in _tokens(el)):
                    return True
                el = el.parent
            return False

        parts = [str(x) for x in cap.find_all(string=True) if not credited(x)]
        text = credit.sub("", clean_text(" ".join(parts))).strip()
        if len(text) >= 10 and text not in out:
            out.append(text)
    return out
