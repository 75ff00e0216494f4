"""The model keeps its rules: assignments are validated, fields exist only on the
element types where they mean something, and library calls leave the garbage
collector alone (issues 15 and 16)."""

from __future__ import annotations

import gc
import io
from contextlib import contextmanager
from unittest import mock

import pytest
from click.testing import CliRunner
from pydantic import ValidationError

import eaframe
from eaframe import _gc
from eaframe.attributes import Budget, Instrument, Source, Target, Text
from eaframe.diagram import Point
from eaframe.elements import (
    ELEMENT_TYPES,
    FIELD_ORDER,
    FIELD_TYPES,
    AndJunction,
    ApplicationComponent,
    BusinessService,
    Element,
    OrJunction,
    SystemFields,
)
from eaframe.exceptions import ModelValidationError
from eaframe.model import ModelMetadata, View, ViewLayout
from eaframe.relationships import Access, Serving
from eaframe.synthetic import synthetic_model


# ------------------------------------------------------------ 1. assignments are validated
def _cases():
    return [
        (lambda: ApplicationComponent(id="a"), "security_level", 99),
        (lambda: ApplicationComponent(id="a"), "id", "not an id!"),
        (lambda: ApplicationComponent(id="a"), "type", "Node"),
        (lambda: ApplicationComponent(id="a"), "replaces", ["bad id"]),
        (lambda: ApplicationComponent(id="a"), "sources", ["1bad"]),
        (lambda: BusinessService(id="s"), "service_level", 5),
        (lambda: BusinessService(id="s"), "dossiers_total", -1),
        (lambda: Serving(id="r", source="a", target="b"), "source", "bad id"),
        (lambda: Access(id="r", source="a", target="b"), "access_type", "steal"),
        (lambda: View(id="v"), "id", "not an id!"),
        (lambda: View(id="v"), "elements", ["bad id"]),
        (lambda: ViewLayout(), "direction", "XX"),
        (lambda: ModelMetadata(title={"en": "t"}), "framework_version", "two"),
        (lambda: Text(en="x"), "other", {"!!": "x"}),
        (lambda: Target(indicator="x", value=1), "unit", ""),
        (lambda: Budget(total=10, investment=4, operating=6), "operating", 7),
        (lambda: Instrument(kind="decision"), "kind", "edict"),
        (lambda: Source(title="t"), "title", None),
        (lambda: Point(x=1, y=2), "x", "left"),
    ]


@pytest.mark.parametrize("make,field,bad", _cases(), ids=lambda x: x if isinstance(x, str) else None)
def test_assignment_is_validated_and_leaves_the_object_unchanged(make, field, bad):
    obj = make()
    before = obj.model_dump()
    with pytest.raises(ValidationError):
        setattr(obj, field, bad)
    assert obj.model_dump() == before


def test_valid_assignment_is_converted_like_construction():
    e = ApplicationComponent(id="a")
    e.security_level = "3"
    e.replaces = ["old.a"]
    assert e.security_level == 3 and e.replaces == ("old.a",)
    assert e == ApplicationComponent(id="a", security_level=3, replaces=["old.a"])


def test_id_lists_cannot_be_changed_past_validation():
    e = ApplicationComponent(id="a", sources=["S1"], replaces=["old.a"])
    with pytest.raises(AttributeError):
        e.replaces.append("bad id")  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        e.sources.append("S2")  # type: ignore[attr-defined]
    e.sources = (*e.sources, "S2")
    assert e.sources == ("S1", "S2")
    # the file formats are unchanged: lists in, lists out
    m = eaframe.ArchitectureModel.build({"title": {"en": "t"}, "sources": {"S1": {"title": "s"}, "S2": {"title": "s"}}},
                                        elements=[e])
    assert "replaces:\n  - old.a" in eaframe.dumps(m)
    assert eaframe.loads(eaframe.dumps(m)) == m


# ------------------------------------------------- 2. fields only where they mean something
def test_junctions_take_only_the_concept_fields():
    concept = ["id", "name", "documentation", "sources", "confidence", "properties", "type"]
    assert list(AndJunction.model_fields) == concept and list(OrJunction.model_fields) == concept


def test_misplaced_field_is_rejected_with_the_types_that_accept_it():
    with pytest.raises(ValidationError) as exc:
        AndJunction(id="j", security_level=3, dossiers_total=5)
    text = str(exc.value)
    assert "security_level is not a field of AndJunction" in text
    assert "ApplicationComponent, ApplicationCollaboration, Node" in text
    assert "dossiers_total is not a field of AndJunction" in text and "BusinessProcess, BusinessService" in text
    with pytest.raises(ValidationError, match="target is not a field of ApplicationComponent.*Goal"):
        ApplicationComponent(id="a", target={"indicator": "x", "value": 1})
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        ApplicationComponent(id="a", colour="red")  # not a field of any type: pydantic's own message


def test_misplaced_field_in_a_model_file_names_file_place_and_accepting_types():
    text = ("metadata: {title: {en: t}}\nelements:\n  - id: j\n    type: AndJunction\n    security_level: 3\n"
            "  - id: g\n    type: Goal\n    service_level: 2\n")
    with pytest.raises(ModelValidationError) as exc:
        eaframe.loads(text, filename="m.yaml")
    msgs = [str(p) for p in exc.value.problems]
    assert len(msgs) == 2
    assert "m.yaml:5" in msgs[0] and "security_level is not a field of AndJunction" in msgs[0]
    assert "ApplicationComponent" in msgs[0]
    assert "m.yaml:8" in msgs[1] and "service_level is not a field of Goal" in msgs[1] and "BusinessService" in msgs[1]


def test_misplaced_field_through_the_model_constructors():
    data = {"metadata": {"title": {"en": "t"}}, "elements": [{"id": "j", "type": "OrJunction", "budget": {"total": 1}}]}
    for build in (lambda: eaframe.ArchitectureModel(**data), lambda: eaframe.ArchitectureModel.model_validate(data),
                  lambda: eaframe.ArchitectureModel.build(data["metadata"], data["elements"])):
        with pytest.raises(ValidationError, match="budget is not a field of OrJunction.*WorkPackage"):
            build()
    assert not eaframe.ArchitectureModel.__pydantic_custom_init__


def test_field_table():
    systems = {"ApplicationComponent", "ApplicationCollaboration", "Node", "Device", "SystemSoftware",
               "TechnologyCollaboration", "CommunicationNetwork"}
    assert set(FIELD_TYPES["security_level"]) == set(FIELD_TYPES["protection_plan_approved"]) == systems
    assert set(FIELD_TYPES["service_level"]) == set(FIELD_TYPES["service_mode"]) == {"BusinessService"}
    assert set(FIELD_TYPES["dossiers_total"]) == {"BusinessService", "BusinessProcess"}
    assert set(FIELD_TYPES["target"]) == {"Goal", "Outcome", "Requirement"}
    assert set(FIELD_TYPES["budget"]) == systems | {"WorkPackage", "CourseOfAction", "Goal", "ApplicationService",
                                                    "TechnologyService"}
    assert set(FIELD_TYPES["procurement"]) == systems | {"ApplicationService", "TechnologyService"}
    everything_but_junctions = set(ELEMENT_TYPES) - {"AndJunction", "OrJunction"}
    for f in ("status", "scope", "mandatory", "owner", "implements", "replaces"):
        assert set(FIELD_TYPES[f]) == everything_but_junctions
    assert all(issubclass(ELEMENT_TYPES[t], SystemFields) for t in systems)


def test_every_type_keeps_the_canonical_field_order():
    order = {n: i for i, n in enumerate(FIELD_ORDER)}
    for cls in ELEMENT_TYPES.values():
        own = [n for n in cls.model_fields if n in order]
        assert own == sorted(own, key=order.__getitem__), cls.__name__
        assert list(cls.model_fields)[:7] == list(AndJunction.model_fields)


def test_misordered_mixins_are_refused():
    from eaframe.elements import LineageFields, TargetFields

    with pytest.raises(TypeError, match="LineageFields first"):
        class Bad(TargetFields, LineageFields):  # noqa: F841
            pass


def test_elements_inside_a_model_are_validated_by_pydantic_core():
    # The explaining constructor must not route nested validation through Python (speed,
    # and the validation context that strict=False needs).
    assert not any(cls.__pydantic_custom_init__ for cls in ELEMENT_TYPES.values())
    assert Element.__init__ is not eaframe.ArchitectureModel.__init__


def test_models_with_junctions_work_everywhere():
    m = eaframe.ArchitectureModel.build(
        {"title": {"en": "t"}},
        elements=[{"id": "a", "type": "ApplicationComponent", "scope": "provincial", "public_facing": True},
                  {"id": "j", "type": "OrJunction"},
                  {"id": "b", "type": "ApplicationComponent", "owner": "a"},
                  {"id": "g", "type": "Goal", "target": {"indicator": "x", "value": 1}}],
        relationships=[{"id": "r1", "type": "Flow", "source": "a", "target": "j"},
                       {"id": "r2", "type": "Flow", "source": "j", "target": "b"}])
    report = eaframe.run_checks(m)
    assert report.findings is not None
    eaframe.compute_scorecard(m)
    assert eaframe.to_graph(m).number_of_nodes() == 4
    other = eaframe.ArchitectureModel.build(
        {"title": {"en": "t"}},
        elements=[{"id": "a", "type": "ApplicationComponent"}, {"id": "j", "type": "AndJunction"},
                  {"id": "b", "type": "ApplicationComponent"}],
        relationships=[{"id": "r1", "type": "Flow", "source": "a", "target": "j"}])
    d = eaframe.diff(m, other)
    assert eaframe.apply(m, d) == other
    from eaframe.exchange import parse_archimate, write_archimate

    buf = io.BytesIO()
    write_archimate(m, buf)
    assert parse_archimate(buf.getvalue()).elements == m.elements


# ---------------------------------------------- 3. no process-wide side effects
@contextmanager
def _collector_untouched():
    state = (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count())
    forbidden = {name: mock.patch.object(gc, name, side_effect=AssertionError(f"gc.{name}() called"))
                 for name in ("disable", "enable", "freeze", "unfreeze", "set_threshold")}
    for p in forbidden.values():
        p.start()
    try:
        yield
    finally:
        for p in forbidden.values():
            p.stop()
    assert (gc.isenabled(), gc.get_threshold(), gc.get_freeze_count()) == state


@pytest.fixture(scope="module")
def small():
    return synthetic_model(200, seed=5)


def test_library_calls_leave_the_collector_alone(small, tmp_path):
    from edits_support import random_edits

    from eaframe.exchange import parse_archimate, read_archi_csv, write_archi_csv, write_archimate

    with _collector_untouched():
        text = eaframe.dumps(small, "json")
        m = eaframe.loads(text, format="json")
        eaframe.save(m, tmp_path / "m.yaml")
        eaframe.load(tmp_path / "m.yaml")
        eaframe.to_graph(m)
        other = random_edits(m, fraction=0.1, seed=3)
        d = eaframe.diff(m, other)
        eaframe.apply(m, d)
        eaframe.run_checks(m)
        buf = io.BytesIO()
        write_archimate(m, buf)
        parse_archimate(buf.getvalue())
        write_archi_csv(m, tmp_path / "csv")
        read_archi_csv(tmp_path / "csv")
        synthetic_model(50, seed=1)


def test_library_calls_leave_the_collector_alone_when_they_raise():
    with _collector_untouched():
        with pytest.raises(ModelValidationError):
            eaframe.loads("metadata: {title: {en: t}}\nelements:\n  - {id: a, type: Node, security_level: 9}\n")
        with pytest.raises(eaframe.exceptions.EaframeError):
            eaframe.loads("{", format="json")


def test_a_caller_who_disabled_the_collector_keeps_it_disabled(small):
    gc.disable()
    try:
        eaframe.loads(eaframe.dumps(small))
        eaframe.to_graph(small)
        eaframe.diff(small, small)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_pausing_is_an_explicit_opt_in(small):
    seen = []
    previous = _gc.set_bulk_gc_pause(True)
    try:
        with _gc.no_gc():
            seen.append(gc.isenabled())
        with pytest.raises(ValueError):
            with _gc.no_gc():
                raise ValueError("boom")
        assert gc.isenabled()
    finally:
        _gc.set_bulk_gc_pause(previous)
    assert seen == [False] and not _gc.bulk_gc_pause_enabled()


def test_the_cli_opts_in_for_its_own_command_only():
    from eaframe.bundled import bundled_path
    from eaframe.cli import main

    calls = []
    real = gc.disable
    with mock.patch.object(gc, "disable", side_effect=lambda: (calls.append(1), real())):
        # a model file (a bundled model by name is unpickled, with no bulk work to pause for)
        result = CliRunner().invoke(main, ["validate", str(bundled_path("dongnai-2020"))])
    assert result.exit_code == 0, result.output
    assert calls and gc.isenabled()
    assert not _gc.bulk_gc_pause_enabled()
