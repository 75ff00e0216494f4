"""Diagrams: notation, views as queries, DOT output (golden), Graphviz output, no-dot behaviour."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import eaframe
from eaframe.checks import Edge, Finding
from eaframe.elements import ELEMENT_TYPES, Layer
from eaframe.exceptions import GraphvizNotFoundError, RenderError
from eaframe.modeldiff import Change, ModelDiff
from eaframe.relationships import RELATIONSHIP_TYPES
from eaframe.render import styles, to_view
from eaframe.render.dot import to_dot, wrap
from eaframe.render.grid import layout_for, uses_grid
from eaframe.render.output import engine_for
from eaframe.render.views import (
    diff_view,
    findings_view,
    framework_groupings,
    interconnection,
    layered,
    neighbourhood,
    select,
    stored_view,
)

DATA = Path(__file__).parent / "data" / "render"
HAVE_DOT = shutil.which("dot") is not None
needs_dot = pytest.mark.skipif(not HAVE_DOT, reason="Graphviz dot not installed")
SVG_NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def mini():
    return eaframe.load(DATA / "mini-2020.yaml")


@pytest.fixture(scope="module")
def mini_old():
    return eaframe.load(DATA / "mini-2019.yaml")


MINI_FINDINGS = [
    Finding("EGOV-R1", "error", "point-to-point flow", ("prov.public_service_portal", "prov.one_stop_eis"),
            ("f.portal.one_stop",)),
    Finding("EGOV-R7", "warning", "not hosted", ("prov.public_service_portal",),
            missing=(Edge("prov.data_centre", "Serving", "prov.public_service_portal"),)),
]


# --------------------------------------------------------------------------- notation
def test_layer_colours_follow_the_archimate_convention():
    c = styles.LAYER_COLOURS
    assert set(c) == {layer.value for layer in Layer}
    assert c["business"] == "#ffffb5"  # yellow
    assert c["application"] == "#b5ffff"  # blue
    assert c["technology"] == c["physical"] == "#c9e7b7"  # green
    assert c["motivation"] == "#ccccff"  # violet
    assert c["implementation_migration"] == "#ffe0e0"  # pink
    assert c["strategy"] == "#f5deaa"  # tan
    assert c["other"] == "#ffffff"


def test_every_element_type_has_a_family_shape_and_badge():
    assert set(styles.ELEMENT_FAMILY) == set(ELEMENT_TYPES)
    for t in ELEMENT_TYPES:
        assert styles.shape_for(t)["shape"]
    assert styles.element_style is styles.shape_for
    assert styles.shape_for("Node")["shape"] == "box3d"
    assert styles.type_badge("CommunicationNetwork") == "Communication Network"


@pytest.mark.parametrize("types, shape, style", [
    (["BusinessService", "ApplicationService", "TechnologyService", "BusinessEvent", "ApplicationEvent",
      "TechnologyEvent", "ImplementationEvent", "BusinessProcess", "ApplicationFunction", "WorkPackage"],
     "box", "rounded,filled"),  # rounded services, events and behaviour
    (["Goal", "Requirement", "Principle", "Constraint", "Driver", "Assessment", "Outcome", "Stakeholder", "Value",
      "Meaning"], "box", "filled,diagonals"),  # chamfered motivation elements
    (["BusinessActor", "BusinessRole", "ApplicationComponent", "ApplicationInterface", "DataObject", "Contract",
      "Product", "Location"], "box", "filled"),  # rectangles
    (["Node", "Device", "SystemSoftware", "Equipment", "Facility"], "box3d", "filled"),
    (["Artifact", "Deliverable"], "note", "filled"),
    (["Grouping"], "tab", "dashed,filled"),  # a dashed container
    (["AndJunction"], "circle", "filled"),  # junctions: small circles
    (["OrJunction"], "circle", "solid"),
])
def test_archimate_shape_per_type(types, shape, style):
    for t in types:
        got = styles.shape_for(t)
        assert (got["shape"], got["style"]) == (shape, style), t
    assert styles.shape_for("AndJunction")["width"] == styles.shape_for("OrJunction")["width"] == "0.12"


def test_every_type_but_the_junctions_has_an_icon_drawn_by_eaframe():
    from eaframe.render.icons import ICON_DIR, ICONS, icon_png_name

    for t in ELEMENT_TYPES:
        icon = styles.icon_for(t)
        if t in ("AndJunction", "OrJunction"):
            assert icon is None
            continue
        assert icon in ICONS, t
        assert (ICON_DIR / icon_png_name(icon)).is_file(), t
    # types of one kind share an icon, different kinds differ
    assert styles.icon_for("BusinessActor") == "actor" and styles.icon_for("BusinessRole") == "role"
    assert len({styles.icon_for(t) for t in ("BusinessActor", "BusinessRole", "BusinessCollaboration",
                                             "BusinessInterface", "BusinessProcess", "BusinessFunction",
                                             "BusinessInteraction", "BusinessEvent", "BusinessService")}) == 9
    assert styles.icon_for("ApplicationService") == styles.icon_for("TechnologyService") == "service"
    assert styles.icon_for("NoSuchType") is None


@pytest.mark.parametrize("rtype, expected", [
    ("Serving", {"style": "solid", "arrowhead": "vee"}),
    ("Realization", {"style": "dashed", "arrowhead": "empty"}),
    ("Composition", {"arrowtail": "diamond", "arrowhead": "none", "dir": "both"}),
    ("Aggregation", {"arrowtail": "odiamond", "arrowhead": "none", "dir": "both"}),
    ("Assignment", {"arrowtail": "dot", "arrowhead": "normal", "dir": "both"}),
    ("Flow", {"style": "dashed", "arrowhead": "normal"}),
    ("Triggering", {"style": "solid", "arrowhead": "normal"}),
    ("Access", {"style": "dotted", "arrowhead": "vee", "arrowsize": "0.6"}),
    ("Influence", {"style": "dashed"}),
    ("Association", {"style": "solid", "dir": "none"}),
    ("Specialization", {"style": "solid", "arrowhead": "empty"}),
])
def test_relationship_styles_follow_the_archimate_notation(rtype, expected):
    assert set(styles.RELATIONSHIP_STYLES) == set(RELATIONSHIP_TYPES)
    got = styles.RELATIONSHIP_STYLES[rtype]
    assert {k: got.get(k) for k in expected} == expected


def test_access_direction_follows_access_type_and_directed_association_has_an_arrow():
    assert styles.access_style("write")["dir"] == "forward"
    assert styles.access_style("read")["dir"] == "back"
    assert styles.access_style("read_write")["dir"] == "both"
    assert styles.access_style("access")["dir"] == "none"
    assert styles.association_style(True)["arrowhead"] == "lvee"
    assert styles.association_style(False)["dir"] == "none"


# --------------------------------------------------------------------------- views
def test_framework_groupings_become_clusters_of_the_layered_view(mini):
    gs = framework_groupings(mini)
    assert [g.id for g, _ in gs] == ["comp.users", "comp.channels", "comp.apps", "comp.tech", "comp.external"]
    v = layered(mini)
    ids = [c.id for c in v.clusters]
    # bands in the standard layer order (motivation, business, application, technology), each by the
    # layer of most of its members; the one element in no grouping gets a motivation layer band
    assert ids == ["layer.motivation", "comp.users", "comp.channels", "comp.apps", "comp.external", "comp.tech"]
    assert not any(e.type == "Grouping" for e in v.elements.values())
    by_layer = layered(mini, use_groupings=False)
    assert [c.id for c in by_layer.clusters][:3] == ["layer.motivation", "layer.business", "layer.application"]


def test_interconnection_view_has_lgsp_hub_bands_and_only_flows_and_accesses(mini):
    v = interconnection(mini)
    bands = {c.id: c.members for c in v.clusters}
    assert bands["band.lgsp"] == ("prov.lgsp",)
    assert bands["band.ngsp"] == ("ext.ngsp",)
    assert set(bands["band.db"]) == {"nat.db.population", "nat.db.business_reg"}
    assert "prov.public_service_portal" in bands["band.apps"]
    assert "ext.national_document_axis" in bands["band.national"]
    assert {r.type for r in v.relationships.values()} == {"Flow", "Access"}
    assert "f.lgsp.ngsp" in v.relationships and "a.ngsp.pop" in v.relationships


def test_select_by_ids_layers_types_and_group(mini):
    v = select(mini, layers=["technology"])
    assert set(v.elements) == {"prov.data_centre", "net.tslcd"}
    assert set(v.relationships) == {"s.dc.net"}
    v = select(mini, types=["DataObject"], ids=["ext.ngsp"])
    assert set(v.elements) == {"ext.ngsp", "nat.db.population", "nat.db.business_reg"}
    assert set(v.relationships) == {"a.ngsp.pop", "a.ngsp.bus"}
    v = select(mini, group="comp.users")
    assert set(v.elements) == {"actor.citizen", "actor.business"}
    with pytest.raises(RenderError, match="did you mean 'prov.lgsp'"):
        select(mini, ids=["prov.lgsq"])
    with pytest.raises(RenderError, match="not a Grouping"):
        select(mini, group="prov.lgsp")


def test_stored_view_renders_as_stored(mini):
    v = stored_view(mini, "view.services")
    assert list(v.elements) == ["actor.citizen", "biz.online_public_service", "prov.public_service_portal", "prov.sso"]
    assert set(v.relationships) == {"r.service.citizen", "r.portal.service"}  # the stored list, not all
    v2 = stored_view(mini, "Interconnection through the LGSP")  # by name
    assert v2.clusters == [] and "f.lgsp.ngsp" in v2.relationships
    with pytest.raises(RenderError, match="view.interconnection, view.services"):
        stored_view(mini, "nope")


def _within(G, focus, depth):
    U = nx.Graph(G)
    return set(nx.single_source_shortest_path_length(U, focus, cutoff=depth))


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), depth=st.integers(0, 3))
def test_neighbourhood_is_exactly_the_elements_within_depth(seed, depth):
    m = eaframe.synthetic_model(40, seed=seed)
    v = neighbourhood(m, "e0", depth=depth)
    assert set(v.elements) == _within(eaframe.to_graph(m), "e0", depth)
    assert list(v.elements)[0] == "e0"
    expected_rels = {r.id for r in m.relationships if r.source in v.elements and r.target in v.elements}
    assert set(v.relationships) == expected_rels


def test_diff_view_statuses(mini_old, mini):
    v = diff_view(mini_old, mini)
    s = v.status
    assert s["ext.national_public_service_portal"] == "added"
    assert s["prov.sso"] == "added"
    assert s["prov.portal"] == "removed"
    assert s["prov.lgsp"] == "changed"  # renamed: label change, same id
    assert s["ext.ngsp"] == "unchanged"
    assert s["f.portal.npsp"] == "added" and s["f.portal.lgsp.v1"] == "removed"
    assert "prov.portal" in v.elements and "ext.national_document_axis" in v.elements
    small = diff_view(mini_old, mini, only_changes=True)
    assert "actor.citizen" not in small.elements and "prov.sso" in small.elements


def test_diff_view_colours_come_from_the_model_diff_given(mini_old, mini):
    d = ModelDiff(elements=(
        Change("renamed", "element", "prov.public_service_portal", "ApplicationComponent", old_id="prov.portal",
               old_type="ApplicationComponent", match="replaces"),
        Change("modified", "element", "ext.ngsp", "ApplicationComponent", old_id="ext.ngsp",
               old_type="ApplicationComponent"),
        Change("retyped", "element", "prov.sso", "ApplicationService", old_id="prov.sso", old_type="Node"),
        Change("added", "element", "ext.national_document_axis", "ApplicationComponent"),
    ))
    v = diff_view(mini_old, mini, diff=d)
    assert v.status["ext.ngsp"] == "changed" and v.status["prov.sso"] == "changed"
    assert v.status["prov.public_service_portal"] == "changed"
    assert "prov.portal" not in v.elements  # drawn once, under its new id
    assert v.status["prov.lgsp"] == "unchanged"  # not in the diff's changes
    assert v.status["ext.national_document_axis"] == "added"
    computed = diff_view(mini_old, mini)  # eaframe.diff(mini_old, mini)
    assert computed.status["prov.lgsp"] == "changed" and "prov.portal" in computed.elements
    assert diff_view(mini_old, mini, diff=eaframe.diff(mini_old, mini)).status == computed.status
    with pytest.raises(TypeError, match="ModelDiff"):
        diff_view(mini_old, mini, diff={"elements": []})


def test_findings_view_reads_check_findings_and_their_missing_edges(mini):
    fs = [Finding("EGOV-R3", "error", "m", ("prov.document_mgmt",),
                  missing=(Edge("prov.document_mgmt", "Flow", "ext.national_document_axis"),)),
          Finding("EGOV-H1", "warning", "m", ("net.tslcd",))]
    v = findings_view(mini, fs, context=0)
    assert [(e.source, e.target, e.label, e.relationship_type) for e in v.missing] == [
        ("prov.document_mgmt", "ext.national_document_axis", "EGOV-R3", "Flow")]
    assert {"prov.document_mgmt", "net.tslcd"} <= v.highlighted
    with pytest.raises(TypeError, match="Finding"):
        findings_view(mini, [{"rule": "EGOV-R3", "elements": ["prov.document_mgmt"]}])


def test_findings_view_highlights_and_draws_missing_edges(mini):
    v = findings_view(mini, MINI_FINDINGS, context=0)
    assert set(v.elements) == {"prov.public_service_portal", "prov.one_stop_eis", "prov.data_centre"}
    assert {"prov.public_service_portal", "f.portal.one_stop"} <= v.highlighted
    assert [(e.source, e.target, e.label) for e in v.missing] == [
        ("prov.data_centre", "prov.public_service_portal", "EGOV-R7")]
    dot = to_dot(v, lang="en")
    assert re.search(r'"prov.data_centre" -> "prov.public_service_portal" \[style="dashed", color="#d50000".*'
                     r'label=<EGOV-R7 \(Serving\)>', dot)
    wider = findings_view(mini, MINI_FINDINGS, context=1)
    assert set(v.elements) < set(wider.elements)


# --------------------------------------------------------------------------- DOT
GOLDEN_CASES = {
    "layered": lambda m, old: layered(m),
    "layered-by-layer": lambda m, old: layered(m, use_groupings=False),
    "interconnection": lambda m, old: interconnection(m),
    "neighbourhood": lambda m, old: neighbourhood(m, "prov.lgsp", depth=1),
    "stored": lambda m, old: stored_view(m, "view.services"),
    "diff": lambda m, old: diff_view(old, m),
    "findings": lambda m, old: findings_view(m, MINI_FINDINGS),
}


@pytest.mark.parametrize("case", sorted(GOLDEN_CASES))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_dot_golden_mini(case, lang, mini, mini_old, golden):
    view = GOLDEN_CASES[case](mini, mini_old)
    golden(f"render/mini-{case}.{lang}.dot", to_dot(view, lang=lang, legend=(case in ("layered", "diff"))))


def test_dot_is_deterministic_and_language_switches(mini):
    a = eaframe.render(mini, format="dot").source
    assert a == eaframe.render(eaframe.load(DATA / "mini-2020.yaml"), format="dot").source
    assert "Nền tảng tích hợp, chia<BR/>sẻ dữ liệu cấp tỉnh" in a and "Provincial integration" not in a
    en = eaframe.render(mini, format="dot", lang="en").source
    assert "Provincial integration<BR/>and data-sharing" in en
    with pytest.raises(RenderError, match="unknown language"):
        eaframe.render(mini, format="dot", lang="fr")


def test_labels_are_html_escaped():
    m = eaframe.ArchitectureModel.build(
        {"title": {"en": "T <&>"}},
        elements=[{"id": "a", "type": "Node", "name": {"en": 'A <b>&"x"</b>'}},
                  {"id": "b", "type": "Node", "name": {"en": "B"}}],
        relationships=[{"id": "r", "type": "Flow", "source": "a", "target": "b", "name": {"en": "x<y"}}],
    )
    src = eaframe.render(m, kind="neighbourhood", focus="a", format="dot", lang="en").source
    assert '<b>' not in src and "A &lt;b&gt;&amp;\"x\"&lt;/b&gt;" in src and "x&lt;y" in src
    assert "T &lt;&amp;&gt;" in src


def test_upward_edges_are_written_reversed_so_layers_stack(mini):
    # a stacked view laid out by Graphviz dot (layered views have their own grid: test_render_notation.py)
    view = select(mini, ids=[e.id for e in mini.elements])
    assert view.stacked and not uses_grid(view)
    src = to_dot(view, lang="en")
    # Serving from the business service (business) to the citizen (business): same box, as is
    assert '"biz.online_public_service" -> "actor.citizen"' in src
    # Realization from the portal (application) up to the service (business): written reversed
    line = next(x for x in src.splitlines() if 'id="r.portal.service"' in x)
    assert line.startswith('  "biz.online_public_service" -> "prov.public_service_portal"')
    assert 'dir="back"' in line and 'arrowtail="empty"' in line and 'arrowhead="none"' in line


def test_wrap_keeps_words_and_width():
    assert wrap("Hệ thống thông tin một cửa điện tử cấp tỉnh", 20) == [
        "Hệ thống thông tin", "một cửa điện tử cấp", "tỉnh"]
    assert wrap("short") == ["short"]


# --------------------------------------------------------------------------- Graphviz output
def _svg_texts(svg: bytes) -> set[str]:
    root = etree.fromstring(svg)
    return {t.text for t in root.iter(f"{SVG_NS}text") if t.text}


def _labels_present(view, svg: bytes, lang: str) -> None:
    texts = _svg_texts(svg)
    grid = layout_for(view, lang) if uses_grid(view) else None
    for e in view.elements.values():
        if e.type in ("AndJunction", "OrJunction"):
            continue
        for line in (grid.lines[e.id] if grid else wrap(e.name.get(lang, fallback=True) or e.id)):
            assert line in texts, f"label line {line!r} of {e.id} missing from the SVG"


@needs_dot
@pytest.mark.parametrize("case", sorted(GOLDEN_CASES))
def test_svg_parses_and_contains_every_label(case, mini, mini_old):
    view = GOLDEN_CASES[case](mini, mini_old)
    svg = bytes(eaframe.render(view, format="svg", lang="vi"))
    assert isinstance(svg, bytes)
    _labels_present(view, svg, "vi")
    ids = {g.get("id") for g in etree.fromstring(svg).iter(f"{SVG_NS}g")}
    assert set(view.elements) <= ids and set(view.relationships) <= ids


@needs_dot
def test_png_and_pdf_have_their_magic_numbers(mini, tmp_path):
    png = bytes(eaframe.render(mini, kind="interconnection", format="png"))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    out = eaframe.write_diagram(mini, tmp_path / "m.pdf", legend=True)
    assert out.read_bytes()[:5] == b"%PDF-"


@needs_dot
def test_repr_mimebundle_is_a_card_and_a_view_draws_scaled_svg(mini):
    b = mini._repr_mimebundle_()
    assert sorted(b) == ["text/html", "text/plain"]  # the model is a summary card; render(m) draws it
    assert "21 elements" in b["text/plain"] and "Elements by layer" in b["text/html"]
    v = interconnection(mini)
    assert '<svg width="100%"' in v._repr_svg_()


def test_render_arguments_are_checked(mini, mini_old, tmp_path):
    with pytest.raises(RenderError, match="unknown diagram format"):
        eaframe.render(mini, format="gif")
    with pytest.raises(RenderError, match="needs a focus"):
        eaframe.render(mini, kind="neighbourhood", format="dot")
    with pytest.raises(RenderError, match="unknown view kind"):
        eaframe.render(mini, kind="sideways", format="dot")
    with pytest.raises(RenderError, match="cannot tell the diagram format"):
        eaframe.write_diagram(mini, tmp_path / "x.jpeg")
    with pytest.raises(RenderError, match="cannot draw a str"):
        eaframe.render("dongnai", format="dot")
    assert not list(tmp_path.iterdir())
    src = eaframe.render((mini_old, mini), format="dot").source
    assert styles.STATUS_STYLES["added"]["fillcolor"] in src  # added green
    assert to_view(mini, kind="findings", findings=[]).kind == "findings"


# --------------------------------------------------------------------------- without dot
@pytest.fixture
def no_dot(monkeypatch, tmp_path):
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert shutil.which("dot") is None
    return empty


def test_without_dot_dot_output_works_and_svg_says_how_to_install(no_dot, mini, tmp_path):
    src = eaframe.render(mini, format="dot").source
    assert src.startswith('digraph "eaframe"')
    with pytest.raises(GraphvizNotFoundError) as err:
        bytes(eaframe.render(mini, format="svg"))
    msg = str(err.value)
    assert "apt-get install graphviz" in msg and "brew install graphviz" in msg and "choco install graphviz" in msg
    with pytest.raises(GraphvizNotFoundError):
        eaframe.write_diagram(mini, tmp_path / "out.png")
    assert not (tmp_path / "out.png").exists()
    assert eaframe.write_diagram(mini, tmp_path / "out.dot").read_text(encoding="utf-8") == src


def test_without_dot_notebook_display_falls_back_to_text(no_dot, mini):
    b = interconnection(mini)._repr_mimebundle_()
    assert list(b) == ["text/plain"] and "apt-get install graphviz" in b["text/plain"]
    assert interconnection(mini)._repr_svg_() is None
    d = eaframe.render(mini)
    assert d._repr_svg_() is None and "RenderedDiagram" in repr(d)


def test_nested_groupings_count_for_the_top_level_one_and_reference_groupings_are_not_nodes():
    m = eaframe.ArchitectureModel.build(
        {"title": {"en": "t"}},
        elements=[{"id": g, "type": "Grouping"} for g in ("g.a", "g.b", "g.c", "g.inner", "g.ref")]
        + [{"id": x, "type": "ApplicationComponent"} for x in ("x1", "x2", "x3", "x4")],
        relationships=[
            {"id": "m1", "type": "Aggregation", "source": "g.a", "target": "g.inner"},
            {"id": "m2", "type": "Aggregation", "source": "g.inner", "target": "x1"},
            {"id": "m3", "type": "Composition", "source": "g.b", "target": "x2"},
            {"id": "m4", "type": "Aggregation", "source": "g.c", "target": "x3"},
            {"id": "m5", "type": "Aggregation", "source": "g.ref", "target": "x1"},
            {"id": "f", "type": "Flow", "source": "x1", "target": "x4"},
        ])
    gs = dict((g.id, ms) for g, ms in framework_groupings(m))
    assert gs == {"g.a": ["g.inner", "x1"], "g.b": ["x2"], "g.c": ["x3"], "g.ref": ["x1"]}
    v = layered(m)
    assert [(c.id, c.members) for c in v.clusters] == [
        ("g.a", ("g.inner", "x1")), ("g.b", ("x2",)), ("g.c", ("x3",)), ("layer.application", ("x4",))]
    assert "g.ref" not in v.elements and set(v.relationships) == {"f", "m2"}


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from('<>&"\\\n'),
                min_size=1, max_size=40)


@needs_dot
@settings(max_examples=20, deadline=None)
@given(names=st.lists(_text, min_size=2, max_size=5), rel_name=_text, lang=st.sampled_from(["vi", "en"]))
def test_any_names_give_dot_that_graphviz_accepts(names, rel_name, lang):
    import subprocess

    m = eaframe.ArchitectureModel.build(
        {"title": {"vi": names[0], "en": names[-1]}},
        elements=[{"id": f"n{i}", "type": "ApplicationComponent", "name": {"vi": n, "en": n[::-1]}}
                  for i, n in enumerate(names)],
        relationships=[{"id": "r0", "type": "Flow", "source": "n0", "target": "n1", "name": {lang: rel_name}}],
    )
    src = eaframe.render(m, format="dot", lang=lang, legend=True).source  # names the icons' folder
    assert "imagepath=" in src
    command = ["neato", "-n2", "-Tcanon"] if engine_for(src) == "neato-n2" else ["dot", "-Tcanon"]
    r = subprocess.run(command, input=src.encode("utf-8"), capture_output=True)
    assert r.returncode == 0 and not r.stderr, r.stderr.decode("utf-8", "replace")


def test_import_eaframe_and_dot_output_need_no_graphviz(tmp_path):
    import os
    import subprocess
    import sys

    code = ("import eaframe; m = eaframe.synthetic_model(20, seed=0); "
            "print(eaframe.render(m, format='dot').source.splitlines()[0]); print(m._repr_mimebundle_().keys())")
    env = dict(os.environ, PATH=str(tmp_path))
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ['digraph "eaframe" {', "dict_keys(['text/html', 'text/plain'])"]
