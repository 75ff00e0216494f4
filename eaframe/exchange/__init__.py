"""Exchange with other tools: ArchiMate Model Exchange XML, Archi's native ``.archimate``,
Archi CSV, XSD validation.

Examples
--------
>>> from eaframe.exchange import generate_archimate, parse_archimate
>>> from eaframe.synthetic import synthetic_model
>>> m = synthetic_model(20, seed=1)
>>> from eaframe.modelfile import dumps
>>> dumps(parse_archimate(generate_archimate(m, layout="grid"))) == dumps(m)
True
"""

from .archimate import (
    ArchimateReader,
    ArchimateWriter,
    generate_archimate,
    parse_archimate,
    read_archimate,
    write_archimate,
)
from .csv import read_archi_csv, write_archi_csv
from .native import dumps_archi, read_archi, reads_archi, write_archi
from .xsd import load_exchange_schema, validate_exchange

__all__ = [
    "ArchimateReader",
    "ArchimateWriter",
    "read_archimate",
    "write_archimate",
    "parse_archimate",
    "generate_archimate",
    "read_archi",
    "reads_archi",
    "write_archi",
    "dumps_archi",
    "read_archi_csv",
    "write_archi_csv",
    "load_exchange_schema",
    "validate_exchange",
]
