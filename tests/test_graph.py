"""The graph view derived from a model, and its query helpers."""

from __future__ import annotations

import networkx as nx
import pytest

from eaframe import ArchitectureModel, find_paths, neighbours, synthetic_model, to_graph
from eaframe.elements import Layer
from eaframe.graph import elements_by_layer, elements_by_property, elements_by_type, has_path


@pytest.fixture
def hub():
    return ArchitectureModel.build(
        {"title": {"en": "hub"}},
        elements=[
            {"id": "portal", "type": "ApplicationComponent", "public_facing": True, "security_level": 2},
            {"id": "one_stop", "type": "ApplicationComponent", "security_level": 3, "properties": {"vendor": "X"}},
            {"id": "lgsp", "type": "ApplicationComponent", "security_level": 3},
            {"id": "ngsp", "type": "ApplicationComponent"},
            {"id": "popdb", "type": "DataObject"},
            {"id": "dc", "type": "Node"},
            {"id": "plateau", "type": "Plateau"},
        ],
        relationships=[
            {"id": "f1", "type": "Flow", "source": "portal", "target": "lgsp"},
            {"id": "f2", "type": "Flow", "source": "one_stop", "target": "lgsp"},
            {"id": "f3", "type": "Flow", "source": "lgsp", "target": "ngsp"},
            {"id": "a1", "type": "Access", "source": "ngsp", "target": "popdb", "access_type": "read"},
            {"id": "s1", "type": "Serving", "source": "dc", "target": "lgsp"},
            {"id": "s2", "type": "Serving", "source": "dc", "target": "portal"},
            {"id": "agg", "type": "Aggregation", "source": "plateau", "target": "f3"},
        ],
    )


def test_nodes_and_edges_keyed_by_ids(hub):
    G = to_graph(hub)
    assert isinstance(G, nx.MultiDiGraph)
    assert set(G.nodes) == {e.id for e in hub.elements}
    assert G.has_edge("lgsp", "ngsp", key="f3")
    assert G.edges["lgsp", "ngsp", "f3"]["concept"] is hub["f3"]
    assert G.nodes["popdb"]["concept"] is hub["popdb"] and G.nodes["dc"]["layer"] is Layer.TECHNOLOGY
    # relationship on a relationship is kept aside, not dropped
    assert G.graph["relationship_links"] == [("agg", "plateau", "f3", "Aggregation")]
    assert G.number_of_edges() == 6


def test_parallel_relationships_are_separate_edges():
    m = ArchitectureModel.build({"title": {"en": "x"}}, elements=[
        {"id": "a", "type": "ApplicationComponent"}, {"id": "b", "type": "ApplicationComponent"}],
        relationships=[{"id": "r1", "type": "Flow", "source": "a", "target": "b"},
                       {"id": "r2", "type": "Serving", "source": "a", "target": "b"}])
    G = to_graph(m)
    assert sorted(k for _, _, k in G.edges(keys=True)) == ["r1", "r2"]


def test_graph_does_not_modify_model(hub):
    before = hub.model_dump()
    G = to_graph(hub)
    G.remove_node("lgsp")
    assert hub.model_dump() == before


def test_queries(hub):
    G = to_graph(hub)
    assert elements_by_type(G, "DataObject", "Node") == ["popdb", "dc"]
    assert elements_by_layer(G, "technology") == ["dc"]
    assert elements_by_property(G, "security_level", 3) == ["one_stop", "lgsp"]
    assert elements_by_property(G, "public_facing") == ["portal"]
    assert elements_by_property(G, "vendor", "X") == ["one_stop"]
    assert sorted(neighbours(G, "lgsp", ["Flow"])) == ["ngsp", "one_stop", "portal"]
    assert neighbours(G, "lgsp", ["Flow"], direction="out") == ["ngsp"]
    assert neighbours(G, "lgsp", direction="in") == ["portal", "one_stop", "dc"]


def test_paths(hub):
    G = to_graph(hub)
    assert has_path(G, "portal", "popdb")
    assert not has_path(G, "portal", "popdb", relationship_types=["Flow"])
    assert list(find_paths(G, "portal", "ngsp", ["Flow"])) == [["portal", "lgsp", "ngsp"]]
    assert list(find_paths(G, "ngsp", "portal", ["Flow"])) == []
    assert list(find_paths(G, "one_stop", "portal", ["Flow"], directed=False)) == [["one_stop", "lgsp", "portal"]]
    assert list(find_paths(G, "portal", "popdb", cutoff=2)) == []


def test_large_synthetic_graph_counts():
    m = synthetic_model(2000, seed=5)
    G = to_graph(m)
    assert G.number_of_nodes() == 2000 and G.number_of_edges() == 4000


def test_fast_construction_equals_public_api_construction(hub):
    from networkx.utils import edges_equal, graphs_equal

    from eaframe.graph import to_graph_reference

    for m in (hub, synthetic_model(500, seed=11)):
        fast, ref = to_graph(m), to_graph_reference(m)
        assert graphs_equal(fast, ref)
        assert edges_equal(fast.edges(keys=True, data=True), ref.edges(keys=True, data=True))
        assert list(fast.in_edges(keys=True)) == list(ref.in_edges(keys=True))
        assert fast.graph == ref.graph
        fast.remove_node(m.elements[0].id)  # the structure stays consistent under edits
        ref.remove_node(m.elements[0].id)
        assert graphs_equal(fast, ref)
