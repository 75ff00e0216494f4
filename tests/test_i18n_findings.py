"""Finding texts in both languages are kept as a compact template + parameters (eaframe.checks.registry.finder)
and render exactly as the Msg-based findings did.

``tests/data/i18n/finding_texts.json.gz`` holds the texts made on main at bcc5911 (before the findings
stopped keeping :class:`eaframe.i18n.Msg` objects) by :func:`finding_texts`: rule, message, English,
Vietnamese, fix, fix in English and in Vietnamese of every finding, and the not-applicable reasons, for
every bundled model, a synthetic model and the enriched benchmark model (conformance rules).
"""

from __future__ import annotations

import gc
import gzip
import json
import pickle
from datetime import date
from pathlib import Path

from checks_support import recorded_models

from eaframe import synthetic_model
from eaframe.checks import Finding, run_checks
from eaframe.i18n import localize, msg

EXPECTED = Path(__file__).parent / "data" / "i18n" / "finding_texts.json.gz"


def finding_texts() -> dict:
    models = recorded_models()
    out = {}
    for name, m, framework in models:
        r = run_checks(m, as_of=date(2026, 1, 1), framework_model=framework)
        rows = [[f.rule, str(f.message), f.text("en"), f.text("vi"), str(f.fix), f.fix_text("en"), f.fix_text("vi")]
                for f in r.findings]
        out[name] = {"findings": rows, "na": [[i, str(x), localize(x, "vi")] for i, x in r.not_applicable]}
    return out


def test_finding_texts_in_both_languages_are_those_made_before_the_compact_form():
    expected = json.loads(gzip.decompress(EXPECTED.read_bytes()))
    got = finding_texts()
    got = {k: v for k, v in got.items() if k in expected}  # bundled models added later are not in the file
    assert set(got) == set(expected)
    for name in expected:
        assert got[name]["na"] == expected[name]["na"], name
        assert len(got[name]["findings"]) == len(expected[name]["findings"]), name
        for g, e in zip(got[name]["findings"], expected[name]["findings"], strict=True):
            assert g == e, name
    assert sum(len(v["findings"]) for v in got.values()) > 2500


def test_findings_hold_plain_strings_and_an_untracked_source():
    r = run_checks(synthetic_model(200, seed=2))
    assert r.findings
    for f in r.findings:
        assert type(f.message) is str and type(f.fix) is str
    gc.collect()
    plain = [f for f in r.findings if f.rule in ("EGOV-H5", "EGOV-H7")]
    assert plain and not any(gc.is_tracked(f.source) for f in plain)


def test_a_finding_made_from_plain_text_or_a_msg_renders_and_round_trips():
    f = Finding("EGOV-H5", "warning", msg("element {a} cites no source", a="x"), ("x",))
    assert f.text("vi") != f.text("en") == "element x cites no source" and f.source == ()
    r = run_checks(synthetic_model(50, seed=2), select=["EGOV-H5"])
    g = r.findings[0]
    assert g.source and g.text("vi") != g.message
    back = Finding.from_dict(g.to_dict())
    assert back == g and hash(back) == hash(g) and back.source == ()
    assert g.to_dict("vi")["message"] == g.text("vi") and g.to_dict("vi")["fix"] == g.fix_text("vi")
    assert pickle.loads(pickle.dumps(g)).text("vi") == g.text("vi")
