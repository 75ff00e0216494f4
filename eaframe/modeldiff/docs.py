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

    For each pair: the name-status lines with field details of the elements, views and
    metadata (the relationship lines are left out for length; their counts are in the
    summary), then the ``--stat`` summary.
    """
    from dataclasses import replace

    from ..bundled import bundled_models, load_model
    from .compare import diff
    from .render import format_name_status, format_stat

    names = set(bundled_models())
    parts = []
    for old, new in EXAMPLE_PAIRS:
        if old not in names or new not in names:
            parts.append(f"*(`{old}` → `{new}`: shown here once both models are bundled.)*\n")
            continue
        d = diff(load_model(old), load_model(new))
        n_rel = len(d.relationships)
        body = format_name_status(replace(d, relationships=()), lang="en")
        parts.append(f"### `eaframe diff {old} {new} --lang en`\n\n"
                     f"Elements, views and metadata ({n_rel} relationship lines left out here):\n\n"
                     f"```text\n{body}\n```\n")
        parts.append(f"Summary (`--stat`):\n\n```text\n{format_stat(d)}\n```\n")
    return "\n".join(parts)


def diff_json_schema() -> str:
    """Markdown: the JSON Schema of ``eaframe diff --format json``."""
    from .render import JSON_SCHEMA

    return "```json\n" + json.dumps(JSON_SCHEMA, ensure_ascii=False, indent=2) + "\n```\n"
