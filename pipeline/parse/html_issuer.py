"""Who issued the release: publisher metadata, a "Herausgeber" line, the authority named
beside the headline, the site name, logo or footer, preferring names of authorities
over portal names."""
from __future__ import annotations

import re

from bs4 import BeautifulSoup

from pipeline.parse.html_page import Page, _tokens, clean_text, squash
from pipeline.parse.html_rules import compiled, rules


def _ld_name(v) -> str | None:
    if isinstance(v, list):
        v = v[0] if v else None
    if isinstance(v, dict):
        v = v.get("name")
    return clean_text(v) if isinstance(v, str) and v.strip() else None


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


def find_issuer(page: Page, meta: dict, ld: list[dict], title: str | None, host: str | None = None,
                title_idx: int | None = None) -> str | None:
    c = compiled()
    # an explicit "Herausgeber" line names the publisher even on a host's page
    for i, ln in enumerate(page.lines):
        m = c["issuer_label"].match(ln.text)
        if m is None and len(ln.text) < 120 and not ln.text.endswith("."):
            m = c["issuer_label_bare"].match(ln.text)
            m = m if m and looks_authoritative(m.group("rest")) else None
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
    explicit = 0  # candidates from publisher metadata proper
    for key in rules()["issuer"]["meta_keys"]:
        for v in meta.get(key, []):
            got = _clean_issuer(v)
            if got and not (key == "author" and _looks_personal(got)):
                cands.append(got)
                explicit += key in rules()["issuer"]["publisher_keys"]
    site = _title_site(page.soup, title)
    if site:
        # a title part naming an authority beats a portal-wide site name
        if looks_authoritative(site) and not any(looks_authoritative(x) for x in cands[:1]):
            cands.insert(0, site)
        else:
            cands.append(site)
    # a portal page names the ministry or police headquarters beside the headline
    near = _authority_near_title(page, title_idx)
    if near and squash(near) not in {squash(x) for x in cands[:explicit]}:
        cands.insert(explicit, near)
    if not cands:
        cands += filter(None, [_logo_name(page, host)])
    if not cands:
        cands += filter(None, [_footer_name(page)])
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
        # the logo or the footer of the same site may spell it out ("StMELF")
        for other in filter(None, (_logo_name(page, host), _footer_name(page))):
            if len(other) > len(best) + 5 and _abbreviates(best, other, loose=True):
                return f"{other} ({best})"
    return best


def _logo_name(page: Page, host: str | None) -> str | None:
    """The alt text of the site logo: an image linking to the home page, or one named logo in the header."""
    for img in page.soup.find_all("img", alt=True)[:30]:
        link = img.find_parent("a")
        home = link is not None and _is_home_link(link.get("href") or "", host)
        named = any("logo" in t.lower() for t in _tokens(img) + _tokens(img.parent)) or "logo" in img["alt"].lower()
        in_head = img.find_parent(["header"]) is not None or img.find_parent(attrs={"role": "banner"}) is not None
        if home or (named and in_head):
            got = _clean_issuer(img["alt"])
            if got:
                return got
    return None


def _footer_name(page: Page) -> str | None:
    """The holder named in the footer's copyright line ("© 2024 Stadt Lindenau")."""
    for ln in reversed(page.lines):
        if not any(el.name == "footer" or (el.get("role") == "contentinfo") or
                   any("footer" in t.lower() for t in _tokens(el)) for el in ln.chain):
            continue
        m = re.match(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(.+)$", ln.text, re.I)
        if m:
            got = _clean_issuer(m.group(1))
            if got:
                return got
    return None


def _authority_near_title(page: Page, title_idx: int | None) -> str | None:
    """A short line beside the headline that is an authority's name ("Polizeipräsidium Oberfranken |
    14.01.2026", "Ministerium für Heimat, Kommunales, Bau und Digitalisierung")."""
    if title_idx is None:
        return None
    head, joiner = compiled()["authority_head"], compiled()["name_joiner"]
    for ln in page.lines[max(0, title_idx - 4):title_idx + 4]:
        if ln.index == title_idx or (ln.furniture and not ln.soft) or len(ln.text) > 150 or ln.link > len(ln.text) / 2:
            continue
        if any(compiled()["kicker"].search(t) for t in _tokens(ln.block)):
            continue  # a news kicker names the topic ("Landkreis Göttingen"), not the publisher
        for part in re.split(r"\s+[|·•/]\s+|\s+[–—-]\s+", ln.text):
            part = re.sub(r"[\s,]*\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}.*$", "", part).strip()  # a date after the name
            part = compiled()["issued_by_label"].sub("", part)  # "Pressemitteilung der Behörde für ..."
            words = part.rstrip(",").split()
            if (2 <= len(words) <= 12 and head.match(part) and not re.search(r"[\d.:;!?„“\"«»()]", part)
                    and all(w[0].isupper() or joiner.match(w) for w in words) and not joiner.match(words[-1])
                    and looks_authoritative(part)):
                return _clean_issuer(part)
    return None


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


def _abbreviates(abbr: str, name: str, loose: bool = False) -> bool:
    """Do the letters of `abbr` follow the word initials of `name` ("BfS", "Bundesamt für Strahlenschutz")?
    loose: any letters in order, the first an initial ("StMELF", "Bayerisches Staatsministerium für Ernährung")."""
    words = re.findall(r"\w+", name)
    if loose:
        low = " ".join(words).lower()
        for m in re.finditer(r"\b" + re.escape(abbr[0].lower()), low):
            rest = iter(low[m.end():])
            if all(ch in rest for ch in abbr[1:].lower()):
                return True
        return False
    initials = iter(w[0].lower() for w in words)
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
