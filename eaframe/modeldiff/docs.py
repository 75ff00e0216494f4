"""Generated parts of ``docs/diff.md``: the worked example and the JSON schema.

Used by ``scripts/gen_docs.py`` (and so by the test that keeps ``docs/`` in step).
"""

from __future__ import annotations

import json

__all__ = ["EXAMPLE_PAIRS", "diff_example", "diff_json_schema"]

#: The bundled version pairs shown in docs/diff.md (old, new).
EXAMPLE_PAIRS = (("vn-province-1.0", "vn-province-2.0"), ("dongnai-2019", "dongnai-2020"))


def diff_example() -> str:
    """Markdown: ``eaframe diff`` output for each bundled version pair.

    For each pair: the name-status lines with field details of the architecture changes
    of the elements, views and metadata, the first relationship lines (the others are
    left out for length; their counts are in the summary), the count of the
    provenance-only changes, then the ``--stat`` summary.
    """
    from dataclasses import replace

    from ..bundled import bundled_models, load_model
    from .compare import diff
    from .render import _counted, format_name_status, format_stat

    shown_rels = 6
    names = set(bundled_models())
    parts = []
    for old, new in EXAMPLE_PAIRS:
        if old not in names or new not in names:
            parts.append(f"*(`{old}` → `{new}`: shown here once both models are bundled.)*\n")
            continue
        d = diff(load_model(old), load_model(new))
        arch, prov = d.architecture(), d.provenance()
        left_out = len(arch.relationships) - shown_rels
        lines = [format_name_status(replace(arch, relationships=(), views=(), metadata=()), lang="en"),
                 format_name_status(replace(arch, elements=(), views=(), metadata=(),
                                            relationships=arch.relationships[:shown_rels]), lang="en"),
                 f"    ... ({max(left_out, 0)} more relationship lines)",
                 format_name_status(replace(arch, elements=(), relationships=()), lang="en"),
                 "",
                 f"provenance only (sources, confidence): {_counted(len(prov.elements), len(prov.relationships))}"
                 " modified (not listed; --provenance lists them)"]
        body = "\n".join(x for x in lines if x is not None)
        parts.append(f"### `eaframe diff {old} {new} --lang en`\n\n"
                     f"The architecture changes (only the first {shown_rels} relationship lines) and the count of "
                     f"the provenance-only changes:\n\n"
                     f"```text\n{body}\n```\n")
        parts.append(f"Summary (`--stat`):\n\n```text\n{format_stat(d)}\n```\n")
    return "\n".join(parts)


def diff_json_schema() -> str:
    """Markdown: the JSON Schema of ``eaframe diff --format json``."""
    from .render import JSON_SCHEMA

    return "```json\n" + json.dumps(JSON_SCHEMA, ensure_ascii=False, indent=2) + "\n```\n"
