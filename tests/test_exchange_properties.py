"""Property tests: random models survive XML (and CSV); mutated files fail only with eaframe errors."""

from __future__ import annotations

import random
import tempfile
import warnings

from exchange_support import schema_errors
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eaframe import ArchitectureModel, EaframeError, dumps, synthetic_model
from eaframe.attributes import AccessType
from eaframe.elements import ELEMENT_TYPES
from eaframe.exchange import generate_archimate, parse_archimate, read_archi_csv, write_archi_csv
from eaframe.relationships import RELATIONSHIP_TYPES

# XML-safe text: no control characters or surrogates (those cannot be written to XML 1.0)
_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff") | st.sampled_from(
    ["\n", "\t", "\r", "&", "<", ">", '"', "'", "ư", "đ", "Ế"])
text_value = st.text(_chars, min_size=1, max_size=20)
text = st.fixed_dictionaries({}, optional={"vi": text_value, "en": text_value,
                                           "other": st.dictionaries(st.sampled_from(["fr", "de", "zh-Hans"]),
                                                                    text_value, max_size=2)})
prop_key = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=12).filter(
    lambda k: not k.startswith("eaframe:") and not k.startswith("dc:") and k.strip() == k and k)
props = st.dictionaries(prop_key, text_value, max_size=3)
ids = st.from_regex(r"[a-z][a-z0-9_.\-]{0,8}", fullmatch=True)


colour = st.fixed_dictionaries({"r": st.integers(0, 255), "g": st.integers(0, 255), "b": st.integers(0, 255)},
                              optional={"a": st.integers(0, 100)})
style = st.fixed_dictionaries({}, optional={
    "fill_color": colour, "line_color": colour, "line_width": st.integers(1, 5),
    "font": st.fixed_dictionaries({}, optional={"name": text_value, "size": st.sampled_from(["9", "9.5", "12.0"]),
                                                "style": st.sampled_from(["bold", "italic underline"]),
                                                "color": colour})})
point = st.fixed_dictionaries({"x": st.integers(0, 5000), "y": st.integers(0, 5000)})


@st.composite
def diagrams(draw, vid: str, elements: list, rels: list):
    """A random drawing of a view: nested nodes, a note, connections with bendpoints and styles."""
    def geom():
        return {"x": draw(st.integers(0, 3000)), "y": draw(st.integers(0, 3000)),
                "w": draw(st.integers(1, 400)), "h": draw(st.integers(1, 200))}

    nodes, node_of = [], {}
    for k, eid in enumerate(elements):
        n = {"id": f"{vid}-n{k}", "element": eid, **geom()}
        if draw(st.booleans()):
            n["style"] = draw(style)
        if draw(st.booleans()):
            n["label"] = draw(text)
        node_of[eid] = n["id"]
        if nodes and draw(st.booleans()):
            nodes[-1].setdefault("nodes", []).append(n)  # nested, absolute coordinates
        else:
            nodes.append(n)
    nodes.append({"id": f"{vid}-note", "kind": "Label", "label": draw(text), "view_refs": [vid], **geom()})
    conns = []
    for k, r in enumerate(rels):
        s, t = node_of.get(r["source"]), node_of.get(r["target"])
        if s and t:
            c = {"id": f"{vid}-c{k}", "relationship": r["id"], "source": s, "target": t,
                 "bendpoints": draw(st.lists(point, max_size=2))}
            if draw(st.booleans()):
                c["source_attachment"] = draw(point)
                c["style"] = draw(style)
            conns.append(c)
    if nodes[:-1]:
        conns.append({"id": f"{vid}-line", "kind": "Line", "source": f"{vid}-note", "target": nodes[0]["id"]})
    return {"nodes": nodes, "connections": conns}


@st.composite
def models(draw):
    n = draw(st.integers(min_value=1, max_value=8))
    el_ids = draw(st.lists(ids, min_size=n, max_size=n, unique=True))
    elements = []
    for eid in el_ids:
        e = {"id": eid, "type": draw(st.sampled_from(sorted(ELEMENT_TYPES))), "name": draw(text),
             "properties": draw(props)}
        if draw(st.booleans()):
            e["documentation"] = draw(text)
        e.update(draw(st.fixed_dictionaries({}, optional={
            "status": st.sampled_from(["existing", "planned", "retired"]),
            "scope": st.sampled_from(["provincial", "national", "external"]),
            "security_level": st.integers(1, 5),
            "protection_plan_approved": st.booleans(),
            "confidence": st.sampled_from(["V", "V2", "K", "I"]),
            "sources": st.lists(st.sampled_from(["S1", "S2.a"]), max_size=2),
            "dossiers_total": st.integers(100, 1000),
            "dossiers_online": st.integers(0, 100),
            "target": st.fixed_dictionaries({"indicator": st.sampled_from(["a_b", "share"]),
                                             "value": st.floats(-1e6, 1e6, allow_nan=False)},
                                            optional={"comparison": st.sampled_from([">", "<=", "=="]),
                                                      "unit": st.sampled_from(["%", "dossiers"])}),
            "budget": st.integers(0, 10**9).map(lambda t: {"total": t, "investment": t // 3, "operating": t - t // 3}),
        })))
        fields = ELEMENT_TYPES[e["type"]].model_fields  # only the fields that the drawn type takes
        elements.append({k: v for k, v in e.items() if k in fields})
    rels = []
    concept_ids = list(el_ids)
    for k in range(draw(st.integers(0, 8))):
        rtype = draw(st.sampled_from(sorted(RELATIONSHIP_TYPES)))
        src = draw(st.sampled_from(concept_ids))
        tgt = draw(st.sampled_from(concept_ids))
        rid = f"rel{k}"
        if rid in concept_ids:
            continue
        r = {"id": rid, "type": rtype, "source": src, "target": tgt}
        if draw(st.booleans()):
            r["name"] = draw(text)
        if rtype == "Access":
            r["access_type"] = draw(st.sampled_from([None, "access", "read", "write", "read_write"]))
        elif rtype == "Influence":
            r["modifier"] = draw(st.sampled_from([None, "+", "--", "7"]))
        elif rtype == "Association":
            r["is_directed"] = draw(st.booleans())
        if src == rid or tgt == rid:
            continue
        rels.append(r)
        concept_ids.append(rid)  # later relationships may attach to this one
    views = []
    for j in range(draw(st.integers(0, 2))):
        vid = f"view{j}"
        if vid in concept_ids:
            continue
        v = {"id": vid, "name": draw(text), "elements": draw(st.lists(st.sampled_from(el_ids), max_size=6,
                                                                      unique=True))}
        if draw(st.booleans()):
            v["relationships"] = [r["id"] for r in rels if draw(st.booleans())]
        if draw(st.booleans()):
            v["diagram"] = draw(diagrams(vid, v["elements"], rels))
        views.append(v)
    meta = {"title": draw(text), "sources": {"S1": {"title": "one"}, "S2.a": {"title": "two", "url": "u"}},
            "properties": draw(props)}
    data = {"metadata": meta, "elements": elements, "relationships": rels, "views": views}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ArchitectureModel.model_validate(data, context={"strict": False})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_random_models_round_trip_through_xml(shared, m):
    xml = generate_archimate(m, layout="grid")
    assert schema_errors(xml, shared) == []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        back = parse_archimate(xml)
    assert dumps(back) == dumps(m)
    assert generate_archimate(back, layout="grid") == xml


def _normalise_csv(m: ArchitectureModel) -> str:
    # CSV has no views, writes an unspecified access type as Archi's "Access", and an
    # empty documentation cell is no documentation
    data = m.model_copy(deep=True)
    data.views = []
    for c in (*data.elements, *data.relationships):
        if c.documentation is not None and not c.documentation.items():
            c.documentation = None
        if c.type == "Access" and c.access_type is None:
            c.access_type = AccessType.ACCESS
    if data.metadata.documentation is not None and not data.metadata.documentation.items():
        data.metadata.documentation = None
    return dumps(data)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(models())
def test_random_models_round_trip_through_csv(m):
    with tempfile.TemporaryDirectory() as d:
        write_archi_csv(m, d)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            back = read_archi_csv(d)
    assert dumps(back) == _normalise_csv(m)


_VALID = generate_archimate(synthetic_model(12, seed=5), layout="grid")


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_mutated_files_raise_only_eaframe_errors(data):
    buf = bytearray(_VALID)
    rng = random.Random(data.draw(st.integers(0, 2**32 - 1)))
    for _ in range(data.draw(st.integers(1, 8))):
        op = rng.randrange(3)
        pos = rng.randrange(len(buf))
        if op == 0:
            buf[pos] = rng.randrange(256)
        elif op == 1:
            del buf[pos:pos + rng.randrange(1, 40)]
        else:
            buf[pos:pos] = bytes(rng.choice([b"<", b">", b"&", b'"', b"\x00", b"\xc3", b"<node/>", b"-1", b"0"]))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            got = parse_archimate(bytes(buf))
        except EaframeError:
            return
    assert isinstance(got, ArchitectureModel)
