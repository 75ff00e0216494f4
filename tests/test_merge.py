"""Three-way merge: eaframe.merge.merge3, ``eaframe merge`` and its use as a git merge driver."""

from __future__ import annotations

import copy
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from edits_support import edit_data
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import eaframe
from eaframe.cli import main
from eaframe.merge import SEQUENCES, MergeBaseError, merge3
from eaframe.model import ArchitectureModel
from eaframe.modeldiff import diff
from eaframe.modeldiff.compare import REFERENCE_FIELDS
from eaframe.modelfile import to_data
from eaframe.synthetic import synthetic_model

BASE = """\
metadata: {title: {en: m}, properties: {owner: a}}
elements:
- {id: a, type: ApplicationComponent, name: {en: A, vi: Ā}, status: existing}
- {id: b, type: ApplicationComponent, name: {en: B}}
- {id: c, type: BusinessActor, name: {en: C}}
relationships:
- {id: r1, type: Serving, source: a, target: c}
views:
- {id: v, name: {en: V}, elements: [a, b, c]}
"""


def model(text: str) -> ArchitectureModel:
    return eaframe.loads(text)


def edited(text: str, *pairs: tuple[str, str]) -> ArchitectureModel:
    for old, new in pairs:
        assert old in text
        text = text.replace(old, new)
    return model(text)


# ---------------------------------------------------------------- unit tests
def test_changes_to_different_concepts_and_fields_merge_cleanly():
    base = model(BASE)
    ours = edited(BASE, ("en: A,", "en: A2,"), ("en: C}", "en: C2}"))
    theirs = edited(BASE, ("vi: Ā", "vi: Ā2"), ("{en: B}", "{en: B2}"), ("owner: a", "owner: z"))
    r = merge3(base, ours, theirs)
    assert r and r.conflicts == ()
    m = r.model
    assert (m["a"].name.en, m["a"].name.vi, m["b"].name.en, m["c"].name.en) == ("A2", "Ā2", "B2", "C2")
    assert m.metadata.properties == {"owner": "z"}


def test_same_field_changed_differently_is_a_conflict_with_id_field_and_values():
    r = merge3(model(BASE), edited(BASE, ("en: A,", "en: A2,")), edited(BASE, ("en: A,", "en: A3,")))
    assert not r
    [c] = r.conflicts
    assert (c.subject, c.id, c.field, c.base, c.ours, c.theirs) == ("element", "a", "name.en", "A", "A2", "A3")
    assert r.model["a"].name.en == "A2"  # ours' value is kept in the model


def test_same_change_on_both_sides_is_no_conflict():
    side = edited(BASE, ("en: A,", "en: A2,"), ("status: existing", "status: planned"))
    r = merge3(model(BASE), side, side)
    assert not r.conflicts and r.model == side


def test_removed_on_one_side_and_changed_on_the_other_is_a_conflict():
    ours = edited(BASE, ("- {id: b, type: ApplicationComponent, name: {en: B}}\n", ""), ("[a, b, c]", "[a, c]"))
    theirs = edited(BASE, ("{en: B}", "{en: B2}"))
    r = merge3(model(BASE), ours, theirs)
    [c] = r.conflicts
    assert (c.id, c.field, c.ours, c.theirs["name"]) == ("b", None, None, {"en": "B2"})
    assert "ours removed the element, theirs changed it" in c.message
    assert r.model["b"].name.en == "B2"
    # the same without the change: the removal merges
    r = merge3(model(BASE), ours, model(BASE))
    assert not r.conflicts and "b" not in {e.id for e in r.model.elements}


def test_removed_on_one_side_and_referred_to_on_the_other_is_kept_as_a_conflict():
    ours = edited(BASE, ("- {id: b, type: ApplicationComponent, name: {en: B}}\n", ""), ("[a, b, c]", "[a, c]"))
    theirs = edited(BASE, ("views:", "- {id: r2, type: Serving, source: b, target: c}\nviews:"))
    r = merge3(model(BASE), ours, theirs)
    [c] = r.conflicts
    assert (c.subject, c.id) == ("element", "b") and "refers to it" in c.message and "'r2'" in c.message
    assert r.model is not None and r.model["r2"].source == "b" and r.model["b"].name.en == "B"


def test_a_field_set_back_to_its_default_merges():
    # canonical data leaves defaults out: a field cleared to its default (not None) loses its key
    src = BASE.replace("status: existing}", "status: existing, sources: [S1]}").replace(
        "metadata: {", "metadata: {languages: [en], sources: {S1: {title: s}}, ")
    ours = edited(src, ("status: existing, sources: [S1]}", "status: existing}"), ("languages: [en], ", ""))
    theirs = edited(src, ("en: A,", "en: A2,"), ("title: {en: m}", "title: {en: m2}"))
    for r in (merge3(model(src), ours, theirs), merge3(model(src), theirs, ours)):
        assert not r.conflicts and r.model is not None
        assert (r.model["a"].sources, r.model["a"].name.en) == ((), "A2")
        assert (r.model.metadata.languages, r.model.metadata.title.en) == (ours.metadata.languages, "m2")


def test_added_on_both_sides_with_the_same_id():
    add = "- {id: d, type: BusinessActor, name: {en: D}}\nrelationships:"
    same = merge3(model(BASE), edited(BASE, ("relationships:", add)), edited(BASE, ("relationships:", add)))
    assert not same.conflicts and same.model["d"].name.en == "D"
    other = edited(BASE, ("relationships:", add.replace("en: D", "en: D2")))
    r = merge3(model(BASE), edited(BASE, ("relationships:", add)), other)
    assert [(c.id, c.field, c.base, c.ours, c.theirs) for c in r.conflicts] == [("d", "name", None, {"en": "D"}, {"en": "D2"})]


def test_additions_keep_their_place_and_order_does_not_depend_on_the_side():
    ours = edited(BASE, ("- {id: b,", "- {id: a1, type: BusinessActor, name: {en: A1}}\n- {id: b,"))
    theirs = edited(BASE, ("relationships:", "- {id: z, type: BusinessActor, name: {en: Z}}\nrelationships:"))
    r1, r2 = merge3(model(BASE), ours, theirs), merge3(model(BASE), theirs, ours)
    assert [e.id for e in r1.model.elements] == ["a", "a1", "b", "c", "z"]
    assert r1.model == r2.model


def test_unrelated_base_is_an_error_naming_the_side_and_an_id():
    other = model("metadata: {title: {en: o}}\nelements:\n- {id: x, type: BusinessActor, name: {en: X}}\n")
    with pytest.raises(MergeBaseError, match="not an ancestor of theirs.*'a'") as info:
        merge3(model(BASE), model(BASE), other)
    assert info.value.side == "theirs"


def test_invalid_merged_model_is_reported_as_conflicts():
    # ours retypes a to a BusinessActor (no security level); theirs sets its security level
    ours = edited(BASE, ("{id: a, type: ApplicationComponent, name: {en: A, vi: Ā}, status: existing}",
                         "{id: a, type: BusinessActor, name: {en: A, vi: Ā}}"),
                  ("{id: r1, type: Serving, source: a, target: c}", "{id: r1, type: Association, source: a, target: c}"))
    theirs = edited(BASE, ("status: existing", "status: existing, security_level: 3"))
    r = merge3(model(BASE), ours, theirs)
    assert r.conflicts and r.model is None
    assert any(c.subject == "model" and c.id == "a" for c in r.conflicts)


# ------------------------------------------------------------ property tests
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def by_id(m: ArchitectureModel) -> dict:
    data = to_data(m)
    return {key: {c["id"]: c for c in data.get(key, [])} for key, _ in SEQUENCES} | {"metadata": data["metadata"]}


def _set(node: dict, path: tuple, value) -> None:
    for p in path[:-1]:
        node = node.setdefault(p, {})
    if value is None:
        node.pop(path[-1], None)
    else:
        node[path[-1]] = value


def apply_both(base: ArchitectureModel, ours: ArchitectureModel, theirs: ArchitectureModel) -> dict:
    """The concepts of base with the changes of diff(base, ours) and diff(base, theirs) applied (order aside)."""
    exp = by_id(base)
    fwd: dict = {}
    diffs = [(by_id(side), diff(base, side)) for side in (ours, theirs)]
    for _, d in diffs:
        fwd.update(d.renames())
    for data, d in diffs:  # renames and additions first: the other side's edits follow a declared rename
        for key, _ in SEQUENCES:
            for c in getattr(d, key):
                if c.kind in ("added", "renamed"):
                    exp[key].pop(c.old_id, None)
                    exp[key][c.id] = data[key][c.id]
    for _data, d in diffs:
        for fc in d.metadata:
            _set(exp["metadata"], fc.path, fc.new)
        for key, _ in SEQUENCES:
            for c in getattr(d, key):
                if c.kind == "removed":
                    exp[key].pop(c.id, None)  # (both sides may remove it)
                elif c.kind not in ("added", "renamed"):
                    cid = c.id if c.id in exp[key] else fwd.get(c.id, c.id)
                    concept = copy.deepcopy(exp[key][cid])
                    for fc in c.fields:
                        if not fc.derived:
                            _set(concept, fc.path, fc.new)
                    exp[key][cid] = concept
    for key, subject in SEQUENCES:  # references to renamed concepts follow the rename
        for concept in exp[key].values():
            for f in REFERENCE_FIELDS[subject]:
                v = concept.get(f)
                if isinstance(v, list):
                    concept[f] = [fwd.get(i, i) for i in v]
                elif v is not None:
                    concept[f] = fwd.get(v, v)
    # through the model, so that defaults are written as to_data writes them
    m = ArchitectureModel.model_validate({"metadata": exp["metadata"],
                                          **{key: list(exp[key].values()) for key, _ in SEQUENCES}})
    return by_id(m)


def build(n: int, seed: int, fa: float, sa: int, fb: float, sb: int, keep_metadata: bool) -> tuple:
    """A base (synthetic model) and two random edits of it."""
    base = to_data(synthetic_model(n, seed=seed))
    a, b = edit_data(base, fa, sa), edit_data(base, fb, sb)
    if keep_metadata:  # edit_data always marks the metadata: let one side leave it alone
        b["metadata"] = base["metadata"]
    return tuple(ArchitectureModel.model_validate(x) for x in (base, a, b))


# drawn as numbers (a short failing example), built with build()
three_versions = st.tuples(st.integers(3, 60), st.integers(0, 10_000), st.floats(0.01, 0.2), st.integers(0, 10_000),
                           st.floats(0.01, 0.2), st.integers(0, 10_000), st.booleans())


@SETTINGS
@given(three_versions)
def test_merge_with_an_unchanged_side_is_the_changed_side(versions):
    base, a, _ = build(*versions)
    assert merge3(base, a, base).model == a
    assert merge3(base, base, a).model == a
    assert merge3(base, a, a).model == a
    assert merge3(base, base, base).model == base


def same_new_ids_differ(base: ArchitectureModel, a: ArchitectureModel, b: ArchitectureModel) -> bool:
    """Whether both sides added (or renamed a concept to) the same id with different data: then applying
    both diffs one after the other keeps the last one's version, which is no model of a merge."""
    da, db = by_id(a), by_id(b)
    for key, _ in SEQUENCES:
        new_a, new_b = ({c.id for c in getattr(diff(base, side), key) if c.kind in ("added", "renamed")}
                        for side in (a, b))
        if any(da[key][i] != db[key][i] for i in new_a & new_b):
            return True
    return False


@SETTINGS
@given(three_versions)
@example((50, 1, 0.09375, 50, 0.078125, 50, False))  # both sides add the same two concepts in another order
def test_conflict_free_merge_is_symmetric_and_applies_both_diffs(versions):
    base, a, b = build(*versions)
    r = merge3(base, a, b)
    assume(not r.conflicts)
    assert r.model is not None
    assert merge3(base, b, a).model == r.model
    assume(not same_new_ids_differ(base, a, b))
    assert by_id(r.model) == apply_both(base, a, b)


def test_added_on_both_sides_with_a_field_only_one_sets_is_a_conflict():
    # found by the property test above: both added r9, one with a name: not the same addition
    add = "- {id: r9, type: Flow, source: a, target: b}\nviews:"
    named = add.replace("target: b}", "target: b, name: {en: link}, properties: {protocol: SFTP}}")
    for ours, theirs in ((add, named), (named, add)):
        r = merge3(model(BASE), edited(BASE, ("views:", ours)), edited(BASE, ("views:", theirs)))
        assert sorted((c.id, c.field) for c in r.conflicts) == [("r9", "name"), ("r9", "properties")]
        assert all("both sides added the relationship, with different" in c.message for c in r.conflicts)
        assert r.model is not None and r.model["r9"].name.en == ("link" if ours is named else None)


@SETTINGS
@given(three_versions)
def test_conflicts_are_symmetric_too(versions):
    base, a, b = build(*versions)
    r1, r2 = merge3(base, a, b), merge3(base, b, a)
    # conflicts found in the merged data (a reference to a removed concept, an invalid
    # merged model) follow ours' values held in conflicting fields: compare the others,
    # and all of them when those are the only ones
    key = lambda c: (c.subject, c.id or "", c.field or "")  # noqa: E731
    found = lambda c: c.subject == "model" or "refers to it" in c.message  # noqa: E731
    first, second = sorted(key(c) for c in r1.conflicts if not found(c)), sorted(key(c) for c in r2.conflicts
                                                                                  if not found(c))
    assert first == second
    if not first:
        assert sorted(map(key, r1.conflicts)) == sorted(map(key, r2.conflicts))
    for c in r1.conflicts:
        if c.subject != "model":
            assert c.ours != c.theirs


# ------------------------------------------------------------------- CLI
@pytest.fixture
def files(tmp_path):
    (tmp_path / "base.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "ours.yaml").write_text(BASE.replace("en: A,", "en: A2,"), encoding="utf-8")
    (tmp_path / "theirs.yaml").write_text(BASE.replace("{en: B}", "{en: B2}"), encoding="utf-8")
    (tmp_path / "clash.yaml").write_text(BASE.replace("en: A,", "en: A3,"), encoding="utf-8")
    return tmp_path


def run(*args):
    return CliRunner().invoke(main, ["merge", *map(str, args)])


def test_cli_clean_merge(files):
    out = files / "out.yaml"
    r = run(files / "ours.yaml", files / "theirs.yaml", "--base", files / "base.yaml", "-o", out)
    assert r.exit_code == 0, r.output
    m = eaframe.load(out)
    assert (m["a"].name.en, m["b"].name.en) == ("A2", "B2")
    assert CliRunner().invoke(main, ["validate", str(out)]).exit_code == 0


def test_cli_conflicts_exit_1_and_the_file_fails_validation_until_resolved(files):
    out = files / "out.yaml"
    r = run(files / "ours.yaml", files / "clash.yaml", "--base", files / "base.yaml", "-o", out, "--lang", "en")
    assert r.exit_code == 1
    assert "CONFLICT (element 'a' field name.en): both sides changed name.en differently" in r.stderr
    assert f"1 conflict: resolve it in {out}, then delete its `conflicts:` block" in r.stderr
    text = out.read_text(encoding="utf-8")
    assert "conflicts:" in text and "theirs: A3" in text and "ours: A2" in text
    v = CliRunner().invoke(main, ["validate", str(out)])
    assert v.exit_code == 1 and "unknown field 'conflicts'" in v.stderr
    # resolving: choose a value, delete the block
    body = text[text.index("eaframe: '1'"):].replace("en: A2", "en: A4")
    out.write_text(body, encoding="utf-8")
    assert CliRunner().invoke(main, ["validate", str(out)]).exit_code == 0
    assert eaframe.load(out)["a"].name.en == "A4"


def test_cli_conflicts_in_vietnamese_by_default(files):
    # the model's first language (vi unless it says otherwise): messages, the file's comment and conflicts
    out = files / "out.yaml"
    r = run(files / "ours.yaml", files / "clash.yaml", "--base", files / "base.yaml", "-o", out)
    assert r.exit_code == 1
    assert "XUNG ĐỘT (phần tử 'a' trường name.en): hai bên thay đổi name.en khác nhau" in r.stderr
    assert f"1 xung đột: giải quyết trong {out}, sau đó xóa khối `conflicts:` của tệp" in r.stderr
    text = out.read_text(encoding="utf-8")
    head = text[:text.index("\nconflicts:")]
    assert head.startswith("# eaframe merge: 1 xung đột.\n# Mỗi xung đột") and "giữ giá trị của bản OURS" in head
    assert "message: hai bên thay đổi name.en khác nhau" in text and "field: name.en" in text
    for english in ("CONFLICT", "conflict:", "resolve", "both sides", "Each is listed", "the model below"):
        assert english not in r.stderr + head, english
    # a removed concept the other side changed; the base of unrelated models
    gone = files / "gone.yaml"
    gone.write_text(BASE.replace("- {id: b, type: ApplicationComponent, name: {en: B}}\n", "")
                    .replace("elements: [a, b, c]", "elements: [a, c]"), encoding="utf-8")
    r = run(gone, files / "theirs.yaml", "--base", files / "base.yaml", "-o", out)
    assert r.exit_code == 1
    assert "bản OURS đã xóa phần tử, bản THEIRS đã sửa phần tử (giữ lại phiên bản của bản THEIRS)" in r.stderr
    other = files / "other.yaml"
    other.write_text(BASE.replace("id: a,", "id: x,").replace("id: b,", "id: y,").replace("id: c,", "id: z,")
                     .replace("id: r1,", "id: r9,").replace("id: v,", "id: w,").replace("source: a, target: c",
                                                                                       "source: x, target: z")
                     .replace("[a, b, c]", "[x, y, z]"), encoding="utf-8")
    r = run(files / "ours.yaml", other, "--base", files / "base.yaml", "-o", out)
    assert r.exit_code == 1 and "lỗi: " in r.stderr and "bản gốc (BASE) không phải tổ tiên của bản THEIRS" in r.stderr
    r = run(files / "ours.yaml", other, "--base", files / "base.yaml", "-o", out, "--lang", "en")
    assert "error: " in r.stderr and "the base is not an ancestor of theirs" in r.stderr


def test_cli_json_output_with_conflicts(files):
    out = files / "out.json"
    r = run(files / "ours.yaml", files / "clash.yaml", "--base", files / "base.yaml", "-o", out)
    assert r.exit_code == 1
    import json

    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["conflicts"][0]["id"] == "a"
    assert CliRunner().invoke(main, ["validate", str(out)]).exit_code == 1


def test_cli_writes_over_ours_for_the_git_driver_but_not_over_the_others(files):
    ours = files / "ours"
    ours.write_text((files / "ours.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    r = run("--base", files / "base.yaml", ours, files / "theirs.yaml", "-o", ours)
    assert r.exit_code == 0, r.output
    assert eaframe.load(ours)["b"].name.en == "B2"
    before = (files / "theirs.yaml").read_bytes()
    r = run("--base", files / "base.yaml", ours, files / "theirs.yaml", "-o", files / "theirs.yaml")
    assert r.exit_code == 2 and (files / "theirs.yaml").read_bytes() == before


def test_cli_province_options_with_base_are_a_usage_error(files):
    r = run(files / "ours.yaml", files / "theirs.yaml", "--base", files / "base.yaml", "--decisions", "d.yaml")
    assert r.exit_code == 2 and "--decisions" in r.stderr and "without --base" in r.stderr


def test_cli_unrelated_base_names_the_files_and_writes_nothing(files):
    other = files / "other.yaml"
    other.write_text("metadata: {title: {en: o}}\nelements:\n- {id: x, type: BusinessActor, name: {en: X}}\n",
                     encoding="utf-8")
    out = files / "out.yaml"
    r = run(files / "ours.yaml", files / "theirs.yaml", "--base", other, "-o", out)
    assert r.exit_code == 1 and not out.exists()
    assert str(other) in r.stderr and str(files / "ours.yaml") in r.stderr and "'x'" in r.stderr
    assert "Traceback" not in r.stderr


def test_cli_bad_input_names_the_file_and_writes_nothing(files):
    bad = files / "bad.yaml"
    bad.write_text(BASE.replace("target: c", "target: nowhere"), encoding="utf-8")
    out = files / "out.yaml"
    r = run(files / "ours.yaml", bad, "--base", files / "base.yaml", "-o", out)
    assert r.exit_code == 1 and not out.exists() and str(bad) in r.stderr and "nowhere" in r.stderr


# ------------------------------------------------------------------- git
def _eaframe_command() -> str:
    exe = shutil.which("eaframe", path=os.path.dirname(sys.executable))
    return shlex.quote(exe) if exe else f"{shlex.quote(sys.executable)} -m eaframe"


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent)}
    r = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, timeout=60)
    if check:
        assert r.returncode == 0, r.stdout + r.stderr
    return r


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_merge_driver_and_textconv(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    # installed as docs/merge.md says
    (repo / ".gitattributes").write_text("*.yaml merge=eaframe diff=eaframe\n", encoding="utf-8")
    cmd = _eaframe_command()
    _git(repo, "config", "merge.eaframe.name", "eaframe three-way model merge")
    _git(repo, "config", "merge.eaframe.driver", f"{cmd} merge --base %O %A %B -o %A")
    _git(repo, "config", "diff.eaframe.textconv", f"{cmd} export --to yaml -o -")
    (repo / "model.yaml").write_text(BASE, encoding="utf-8")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")

    def branch(name: str, text: str) -> None:
        _git(repo, "checkout", "-q", "-b", name, "main")
        (repo / "model.yaml").write_text(text, encoding="utf-8")
        _git(repo, "commit", "-qam", name)

    # the two sides change neighbouring lines: a line-based merge would conflict
    branch("ours", BASE.replace("en: A,", "en: A2,"))
    branch("theirs", BASE.replace("vi: Ā", "vi: Ā2"))
    branch("clash", BASE.replace("en: A,", "en: A3,"))

    # textconv: git diff shows the canonical model text
    d = _git(repo, "diff", "main", "ours", "--", "model.yaml").stdout
    assert "-    en: A\n" in d and "+    en: A2\n" in d

    _git(repo, "checkout", "-q", "ours")
    r = _git(repo, "merge", "-q", "--no-edit", "theirs", check=False)
    assert r.returncode == 0, r.stdout + r.stderr
    merged = eaframe.load(repo / "model.yaml")
    assert (merged["a"].name.en, merged["a"].name.vi) == ("A2", "Ā2")
    assert _git(repo, "status", "--porcelain").stdout == ""

    r = _git(repo, "merge", "--no-edit", "clash", check=False)
    assert r.returncode != 0 and "CONFLICT" in r.stdout + r.stderr
    assert "model.yaml" in _git(repo, "diff", "--name-only", "--diff-filter=U").stdout
    text = (repo / "model.yaml").read_text(encoding="utf-8")
    assert "conflicts:" in text and "field: name.en" in text and "theirs: A3" in text
    assert CliRunner().invoke(main, ["validate", str(repo / "model.yaml")]).exit_code == 1
    # resolve and commit
    (repo / "model.yaml").write_text(text[text.index("eaframe: '1'"):], encoding="utf-8")
    _git(repo, "add", "model.yaml")
    _git(repo, "commit", "-qm", "resolved")
    assert eaframe.load(repo / "model.yaml")["a"].name.en == "A2"


# ------------------------------------------------------------ rename-aware merge
def _reid(data: dict, old: str, new: str) -> dict:
    """``data`` with element ``old`` given the id ``new`` (declared by ``replaces``), references following."""
    data = copy.deepcopy(data)
    for e in data["elements"]:
        if e["id"] == old:
            e["id"], e["replaces"] = new, [old]
        if e.get("owner") == old:
            e["owner"] = new
    for r in data.get("relationships", []):
        r["source"], r["target"] = (new if r[k] == old else r[k] for k in ("source", "target"))
    for v in data.get("views", []):
        v["elements"] = [new if x == old else x for x in v.get("elements", [])]
    return data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(3, 40), st.integers(0, 10_000), st.data())
def test_edit_on_one_side_follows_a_rename_on_the_other(n, seed, data):
    base_data = to_data(synthetic_model(n, seed=seed))
    k = data.draw(st.integers(0, len(base_data["elements"]) - 1))
    old = base_data["elements"][k]["id"]
    new = old + "_renamed"
    ours_data = _reid(base_data, old, new)
    theirs_data = copy.deepcopy(base_data)
    theirs_data["elements"][k]["name"] = {"en": "Edited by theirs", "vi": "Sửa bởi bên kia"}
    base, ours, theirs = (ArchitectureModel.model_validate(x) for x in (base_data, ours_data, theirs_data))
    for r in (merge3(base, ours, theirs), merge3(base, theirs, ours)):
        assert r.conflicts == ()
        ids = {e.id for e in r.model.elements}
        assert old not in ids and new in ids
        assert r.model.element(new).name.en == "Edited by theirs"
        assert tuple(r.model.element(new).replaces) == (old,)
        assert not any(old in (x.source, x.target) for x in r.model.relationships)
    assert merge3(base, ours, theirs).model == merge3(base, theirs, ours).model


def test_rename_on_both_sides_to_different_ids_is_not_followed():
    base = model(BASE)
    a = ArchitectureModel.model_validate(_reid(to_data(base), "b", "b1"))
    b = ArchitectureModel.model_validate(_reid(to_data(base), "b", "b2"))
    r = merge3(base, a, b)
    assert {"b1", "b2"} <= {e.id for e in r.model.elements}


def test_a_merge_of_unchanged_models_leaves_unset_names_without_a_dict():
    """merge3 compares concepts as the diff does (``same_concept``): pydantic's ``__eq__`` of
    an unset name would make and keep a ``__dict__`` for every unnamed relationship."""
    import gc

    from eaframe import synthetic_model

    base, ours, theirs = (synthetic_model(200, seed=4) for _ in range(3))
    merge3(synthetic_model(50, seed=4), synthetic_model(50, seed=4), synthetic_model(50, seed=4))  # first use
    unnamed = [r for r in base.relationships if not r.name]
    assert unnamed and all(r.name.__pydantic_fields_set__ == set() for r in unnamed)
    gc.collect()
    before = len(gc.get_objects())
    merged = merge3(base, ours, theirs)
    del merged
    gc.collect()
    left = len(gc.get_objects()) - before
    assert left < 50, f"{left} objects left behind in the three models by a merge of {len(unnamed)} unnamed relationships"
