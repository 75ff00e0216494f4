"""``eaframe new``: start a province's architecture from a bundled framework."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from ..exceptions import EaframeError
from ..i18n import msg
from ._common import check_output, fail, is_special_file, is_stdio, note, write_or_exit

__all__ = ["new"]

_SUFFIXES = (".yaml", ".yml", ".json")


@click.command()
@click.option("--framework", "framework", required=True, metavar="VERSION",
              help="Framework version (e.g. 2.0) or bundled framework model name (e.g. vn-province-2.0).")
@click.option("--province", required=True, metavar="NAME",
              help="The province's name, e.g. 'Đồng Nai' (used in both languages unless --province-en is given).")
@click.option("--province-en", metavar="NAME", help="The province's name in English, when it differs.")
@click.option("-o", "--output", type=click.Path(allow_dash=True, path_type=Path), metavar="FILE", required=True,
              help="Model file to write (.yaml, .yml or .json; - for YAML on stdout); missing folders are created.")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--lang", type=click.Choice(["vi", "en"]), default=None,
              help="Language of the messages (what was written, a failed write) [default: en]; the model has "
                   "names in both.")
def new(framework: str, province: str, province_en: Optional[str], output: Path, force: bool,
        lang: Optional[str]) -> None:
    """Start a province's architecture from a bundled framework: a model file to fill in.

    The model realises the framework (metadata.realises) and holds its mandatory
    building blocks (the framework's ids, implements set, names in Vietnamese and
    English with the province's name), the national systems they connect to with the
    framework's connections, the framework's views, and model-wide provenance
    defaults (metadata.default_sources citing the framework, default_confidence I)
    that every element inherits until it cites its own. A YAML file gets '# fill in:'
    comments on what only the province knows. The file validates and passes the
    conformance checks; `eaframe check` then lists what the province must fill in.
    An existing OUTPUT is replaced only with --force.

    \b
    Examples:
        eaframe new --framework 2.0 --province "Đồng Nai" -o my-province.yaml
        eaframe new --framework vn-province-1.0 --province "Bắc Giang" -o -
    """
    from ..exceptions import UnknownModelError
    from ..formats import dumps
    from ..new import framework_name, frameworks, new_province, new_province_text

    check_output(output, suffixes=_SUFFIXES)
    try:
        framework_name(framework)
    except UnknownModelError as err:
        listed = ", ".join(f"{v} ({n})" for v, n in frameworks().items()) or "none installed"
        raise click.BadParameter(f"{framework!r} is not a bundled framework; use one of: {listed}",
                                 param_hint="'--framework'") from err
    if not is_stdio(output) and output.exists() and not is_special_file(output) and not force:
        raise click.BadParameter(f"{output} exists; give another file, or --force to replace it",
                                 param_hint="'-o'")
    if not province.strip():
        raise click.BadParameter("the province's name is empty; give it, e.g. --province 'Đồng Nai'",
                                 param_hint="'--province'")
    name = {"vi": province, "en": province_en or province} if province_en else province
    try:
        model = new_province(framework, name)
    except EaframeError as err:
        fail(err, lang)
    text = dumps(model, "json") if output.suffix.lower() == ".json" else new_province_text(model)
    if write_or_exit(output, text, lang):
        counts = {"file": output, "elements": len(model.elements), "relationships": len(model.relationships),
                  "views": len(model.views), "framework": model.metadata.realises}
        note(msg("{file}: {elements} elements, {relationships} relationships, {views} views from {framework}", **counts)
             if is_special_file(output) else
             msg("{file}: {elements} elements, {relationships} relationships, {views} views from {framework}; next: "
                 "eaframe check {file}", **counts), lang)
