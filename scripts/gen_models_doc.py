#!/usr/bin/env python3
"""Regenerate the generated sections of docs/models.md from the bundled model files.

Each generated section sits between ``<!-- gen:NAME -->`` and ``<!-- /gen:NAME -->``
markers; the text around them is written by hand. tests/test_models_doc.py fails when
the document is out of sync with the model files.

Usage::

    python scripts/gen_models_doc.py           # rewrite the sections in place
    python scripts/gen_models_doc.py --check   # exit 1 if docs/models.md is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # docgen.py beside this script

from docgen import replace_marked_section, update_files  # noqa: E402

from eaframe.elements import BuildingBlock, LineageFields, TargetFields  # noqa: E402
from eaframe.modelfile import load  # noqa: E402

__all__ = ["DOC", "NAMES", "sections", "render", "main"]

DOC = ROOT / "docs" / "models.md"
NAMES = ["vn-province-1.0", "vn-province-2.0", "vn-province-3.0", "vn-province-4.0", "dongnai-2019", "dongnai-2020",
         "binhphuoc-2020", "dongnai-2025"]
SHORT = {"vn-province-1.0": "v1.0", "vn-province-2.0": "v2.0", "vn-province-3.0": "v3.0", "vn-province-4.0": "v4.0",
         "dongnai-2019": "ĐN 2019", "dongnai-2020": "ĐN 2020", "binhphuoc-2020": "BP 2020", "dongnai-2025": "ĐN 2025"}
#: Where names come from in the blocks table: v2.0 first (the catalogue), then the others.
NAME_ORDER = ("vn-province-2.0", "vn-province-1.0", "vn-province-3.0", "vn-province-4.0", "dongnai-2020",
              "dongnai-2019", "binhphuoc-2020", "dongnai-2025")
CONFIDENCE = ["V", "V2", "K", "I"]


def _models() -> dict:
    return {n: load(ROOT / "models" / f"{n}.yaml") for n in NAMES}


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _summary(models: dict) -> str:
    rows = ["| Model | Title | Instrument | Realises | Elements | Relationships | Views |",
            "| --- | --- | --- | --- | ---: | ---: | ---: |"]
    for n, m in models.items():
        md = m.metadata
        ins = md.instrument
        instrument = (f"{ins.kind.value} {ins.number or '(number unknown)'} of "
                      f"{ins.date.isoformat() if ins.date else '(date unknown)'}") if ins else "–"
        rows.append(f"| `{n}` | {_cell(md.title.en)} | {_cell(instrument)} | {md.realises or '–'} | "
                    f"{len(m.elements)} | {len(m.relationships)} | {len(m.views)} |")
    return "\n".join(rows)


def _presence(m, eid: str, framework: bool) -> str:
    e = m.get(eid)
    if e is None:
        return "–"
    if not isinstance(e, BuildingBlock):
        return "✓"
    if framework and e.mandatory is not None:
        return "mandatory" if e.mandatory else "optional"
    if e.status is not None and e.status.value != "existing":
        return e.status.value
    return "✓"


def _blocks(models: dict) -> str:
    order: list[str] = []
    seen = set()
    for n in NAME_ORDER:
        for e in models[n].elements:
            if e.id not in seen:
                seen.add(e.id)
                order.append(e.id)
    head = ("| id | ArchiMate type | English name | Vietnamese name | "
            + " | ".join(SHORT[n] for n in NAMES) + " | Confidence |")
    rows = [head, "| " + " | ".join(["---"] * (5 + len(NAMES))) + " |"]
    for eid in order:
        # names as in the newest framework model that has the block, else the newest province model
        src = next(models[n] for n in NAME_ORDER if eid in models[n])
        e = src.element(eid)
        conf = sorted({models[n].element(eid).confidence.value for n in NAMES if eid in models[n]},
                      key=CONFIDENCE.index)
        cells = [_presence(models[n], eid, n.startswith("vn-")) for n in NAMES]
        rows.append(f"| `{eid}` | {e.type} | {_cell(e.name.en)} | {_cell(e.name.vi)} | "
                    + " | ".join(cells) + f" | {', '.join(conf)} |")
    return "\n".join(rows)


def _renames(models: dict) -> str:
    rows: list[str] = []
    for old, new in (("vn-province-1.0", "vn-province-2.0"), ("vn-province-2.0", "vn-province-3.0"),
                     ("vn-province-3.0", "vn-province-4.0")):
        m1, m2 = models[old], models[new]
        a, b = SHORT[old], SHORT[new]
        if rows:
            rows.append("")
        rows += [f"| id | {a} label | {b} label |", "| --- | --- | --- |"]
        for e2 in m2.elements:
            e1 = m1.get(e2.id)
            if e1 is not None and e1.name.vi != e2.name.vi:
                rows.append(f"| `{e2.id}` | {_cell(e1.name.vi)} ({_cell(e1.name.en)}) | "
                            f"{_cell(e2.name.vi)} ({_cell(e2.name.en)}) |")
        rows += ["", f"| {b} block | replaces ({a}) |", "| --- | --- |"]
        for e2 in m2.elements:
            if isinstance(e2, LineageFields) and e2.replaces:
                rows.append(f"| `{e2.id}` | {', '.join(f'`{r}`' for r in e2.replaces)} |")
    return "\n".join(rows)


def _confidence(models: dict) -> str:
    rows = ["| Model | Concepts | " + " | ".join(CONFIDENCE) + " |", "| --- | ---: | " + " | ".join(["---:"] * 4) + " |"]
    for n, m in models.items():
        c = Counter(x.confidence.value for x in m.concepts())
        rows.append(f"| `{n}` | {sum(c.values())} | " + " | ".join(str(c.get(k, 0)) for k in CONFIDENCE) + " |")
    return "\n".join(rows)


def _illustrative(models: dict) -> str:
    rows = ["| Model | id | Name | Service level | Dossiers total | Dossiers online | Other attributes |",
            "| --- | --- | --- | ---: | ---: | ---: | --- |"]
    for n in ("dongnai-2019", "dongnai-2020"):
        for e in models[n].elements:
            if e.confidence.value != "I":
                continue
            # deliberately over every element type: a field the type lacks counts as unset
            v = {name: getattr(e, name, None) for name in ("security_level", "protection_plan_approved", "procurement",
                                                           "status", "service_level", "dossiers_total",
                                                           "dossiers_online")}
            other = []
            if v['security_level'] is not None:
                other.append(f"security level {v['security_level']}")
            if v['protection_plan_approved'] is not None:
                other.append("plan approved" if v['protection_plan_approved'] else "no approved plan")
            if v['procurement'] is not None:
                other.append(v['procurement'].value)
            if v['status'] is not None:
                other.append(v['status'].value)
            if v['service_level'] is None and v['dossiers_total'] is None and not other:
                continue
            rows.append(f"| `{n}` | `{e.id}` | {_cell(e.name.en)} | {v['service_level'] or '–'} | "
                        f"{'–' if v['dossiers_total'] is None else v['dossiers_total']} | "
                        f"{'–' if v['dossiers_online'] is None else v['dossiers_online']} | {', '.join(other) or '–'} |")
    return "\n".join(rows)


def _targets(models: dict) -> str:
    m = models["dongnai-2020"]
    rows = ["| id | Indicator | Target | Vietnamese wording |", "| --- | --- | --- | --- |"]
    for e in m.elements:
        if isinstance(e, TargetFields) and e.target is not None:
            t = e.target
            rows.append(f"| `{e.id}` | `{t.indicator}` | {t.comparison} {t.value:g} {t.unit} | {_cell(e.name.vi)} |")
    b = m.element("dn.it_program_2019_2020").budget
    rows += ["", f"Budget of `dn.it_program_2019_2020`: total {b.total:,} = investment {b.investment:,} + "
                 f"operating {b.operating:,} ({b.unit})."]
    return "\n".join(rows)


def _sources(models: dict) -> str:
    merged: dict = {}
    used: dict[str, list] = {}
    for n, m in models.items():
        for sid, s in m.metadata.sources.items():
            merged.setdefault(sid, s)
            used.setdefault(sid, []).append(SHORT[n])

    def key(sid: str):
        m = re.fullmatch(r"S(\d+)", sid)
        return (0, int(m.group(1))) if m else (1, sid)

    rows = ["| Id | Source | What we use it for | Used in |", "| --- | --- | --- | --- |"]
    for sid in sorted(merged, key=key):
        s = merged[sid]
        title = f"[{_cell(s.title)}]({s.url})" if s.url else _cell(s.title)
        rows.append(f"| {sid} | {title} | {_cell(s.note or '')} | {', '.join(used[sid])} |")
    return "\n".join(rows)


def sections() -> dict[str, str]:
    """The generated sections of docs/models.md, by marker name."""
    models = _models()
    return {
        "summary": _summary(models),
        "blocks": _blocks(models),
        "renames": _renames(models),
        "targets": _targets(models),
        "confidence": _confidence(models),
        "illustrative": _illustrative(models),
        "sources": _sources(models),
    }


def render(text: str) -> str:
    """``text`` with every generated section replaced by its current content."""
    for name, body in sections().items():
        try:
            text = replace_marked_section(text, name, body + "\n", tag="gen")
        except KeyError as err:
            raise SystemExit(f"{DOC}: {err.args[0]}") from None
    return text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if docs/models.md is out of date")
    args = ap.parse_args(argv)
    return update_files({DOC: render(DOC.read_text(encoding="utf-8"))}, args.check,
                        "python scripts/gen_models_doc.py", ROOT)

if __name__ == "__main__":
    raise SystemExit(main())
