"""Reading a large exchange file in two parts on two threads gives what one parse gives."""

from __future__ import annotations

import re
import warnings

import pytest

from eaframe import synthetic_model
from eaframe.exceptions import ExchangeFormatError
from eaframe.exchange import ArchimateReader, generate_archimate
from eaframe.exchange.archimate import _tree_parser
from eaframe.exchange.split import CUTS, SPLIT_MIN_BYTES, SplitParse, find_cuts

WHOLE = 1 << 62  # a split_min_bytes no file reaches


def find_cut(data: bytes, min_bytes: int = 0):
    """The one cut nearest the middle: ``(head_end, cut, root name, container name)`` or ``None``."""
    found = find_cuts(data, min_bytes, (0.5,))
    return None if found is None else (found[0], found[2][0][0], found[1], found[2][0][1])


def parse_in_parts(data: bytes, make_parser, min_bytes: int):
    return SplitParse(data, make_parser, min_bytes, at=(0.5,)).result()


@pytest.fixture(scope="module")
def xml() -> bytes:
    return generate_archimate(synthetic_model(3000, seed=11), layout="grid")


def read(data: bytes, split: bool, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return ArchimateReader(split_min_bytes=0 if split else WHOLE, **kw).read(data)


def error(data: bytes, split: bool) -> ExchangeFormatError:
    with pytest.raises(ExchangeFormatError) as info:
        read(data, split)
    return info.value


def test_split_read_equals_whole_read(xml):
    cut = find_cut(xml, 0)
    assert cut is not None and xml[cut[1]:].startswith((b"<element ", b"<relationship "))
    assert abs(cut[1] - len(xml) // 2) < len(xml) // 10  # near the middle
    assert read(xml, split=True) == read(xml, split=False)


def test_parts_are_the_halves_of_the_root(xml):
    parts = parse_in_parts(xml, _tree_parser, min_bytes=0)
    assert len(parts) == 2
    (a, _), (b, offset) = parts
    whole = parse_in_parts(xml, _tree_parser, min_bytes=WHOLE)[0][0]
    # the container at the cut is split in two; every other child appears once, in order
    assert [c.tag for c in a] + [c.tag for c in b][1:] == [c.tag for c in whole]
    split_container = a[-1].tag
    assert b[0].tag == split_container
    merged = len(a[-1]) + len(b[0])
    assert merged == len(whole.find(split_container))
    # line numbers of part B, shifted by its offset, are the file's
    first_b = b[0][0]
    ident = first_b.get("identifier")
    line = xml[:xml.index(f'identifier="{ident}"'.encode())].count(b"\n") + 1
    assert first_b.sourceline + offset == line


@pytest.mark.parametrize("change", [
    b"<!-- a comment -->",
    b"<![CDATA[x]]>",
    b"<?pi x?>",
])
def test_no_cut_when_a_less_than_sign_may_not_start_a_tag(xml, change):
    at = xml.index(b"<elements>")
    changed = xml[:at] + change + xml[at:]
    assert find_cut(changed, 0) is None
    assert read(changed, split=True) == read(changed, split=False)


def test_no_cut_for_other_encodings_small_files_or_other_roots(xml):
    assert find_cut(xml, min_bytes=len(xml) + 1) is None
    assert find_cut(xml.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"', 1), 0) is None
    assert find_cut(xml.replace(b"<model ", b"<other ", 1), 0) is None
    assert find_cut(b"<model/>", 0) is None
    assert SPLIT_MIN_BYTES >= 1 << 20


def test_prefixed_namespace_is_cut_with_its_prefix(xml):
    text = xml.decode()
    text = re.sub(r"<(/?)(?=[A-Za-z])(?!xsi:)", r"<\1a:", text)
    text = text.replace('xmlns="http://www.opengroup.org/xsd/archimate/3.0/"',
                        'xmlns:a="http://www.opengroup.org/xsd/archimate/3.0/"', 1)
    prefixed = text.encode()
    cut = find_cut(prefixed, 0)
    assert cut is not None and cut[2] == b"a:model"
    assert read(prefixed, split=True) == read(xml, split=False)


def test_errors_in_the_second_part_name_the_file_line(xml):
    cut = find_cut(xml, 0)[1]
    # an unknown relationship type after the cut
    at = xml.index(b'xsi:type="Serving"', cut + len(xml) // 4)
    bad = xml[:at] + b'xsi:type="Servin"' + xml[at + len(b'xsi:type="Serving"'):]
    line = bad.count(b"\n", 0, at) + 1
    split, whole = error(bad, split=True), error(bad, split=False)
    assert str(split) == str(whole)
    assert split.line == line and "did you mean 'Serving'" in str(split)


def test_malformed_second_part_reports_the_whole_file_error(xml):
    at = xml.index(b"<relationship ", len(xml) * 3 // 4)
    bad = xml[:at] + b"<relationship <" + xml[at + len(b"<relationship "):]
    split, whole = error(bad, split=True), error(bad, split=False)
    assert str(split) == str(whole) and split.line == bad.count(b"\n", 0, at) + 1


def test_lines_beyond_65535_are_found(xml):
    big = generate_archimate(synthetic_model(9000, seed=2), layout="grid")
    assert big.count(b"\n") > 70000
    at = big.rindex(b'xsi:type="Serving"')
    bad = big[:at] + b'xsi:type="Servin"' + big[at + len(b'xsi:type="Serving"'):]
    line = bad.count(b"\n", 0, at) + 1
    assert line > 65535
    assert error(bad, split=True).line == line
    assert error(bad, split=False).line == line


def test_many_exclamation_marks_in_text_do_not_hide_a_comment(xml):
    at = xml.index(b"<elements>")
    noisy = xml[:at] + b"<documentation>" + b"!?" * 30000 + b"</documentation>" + xml[at:]
    assert find_cut(noisy, 0) is not None
    assert find_cut(noisy.replace(b"<elements>", b"<elements><!-- c -->", 1), 0) is None
    assert find_cut(noisy.replace(b"<elements>", b"<elements><?pi?>", 1), 0) is None


def test_errors_come_in_document_order_although_the_last_part_is_read_first(xml):
    # one unknown type in the first part, one in the last: the first one is reported
    head_at = xml.index(b'xsi:type="BusinessProcess"')
    tail_at = xml.rindex(b'xsi:type="Serving"')
    bad = (xml[:head_at] + b'xsi:type="BusinessProces"' + xml[head_at + len(b'xsi:type="BusinessProcess"'):tail_at]
           + b'xsi:type="Servin"' + xml[tail_at + len(b'xsi:type="Serving"'):])
    split, whole = error(bad, split=True), error(bad, split=False)
    assert "BusinessProces'" in str(whole) and str(split) == str(whole)


def test_property_definitions_before_the_last_part_are_used(xml):
    # move the property definitions to the front (schema-invalid order, but readable):
    # the rows converted early with the last part's definitions are thrown away
    start, end = xml.index(b"<propertyDefinitions>"), xml.index(b"</propertyDefinitions>") + len(
        b"</propertyDefinitions>")
    block = xml[start:end]
    moved = xml[:start] + xml[end:]
    at = moved.index(b"<elements>")
    moved = moved[:at] + block + moved[at:]
    assert read(moved, split=True) == read(xml, split=False)


def test_invalid_values_in_the_last_part_are_reported_as_in_one_read(xml):
    # a relationship near the end gets an invalid confidence: validating the last part
    # early fails, so its rows are validated with the whole model, which locates the problem
    ref = re.search(rb'<propertyDefinition identifier="([^"]+)" type="string">\s*<name>eaframe:confidence</name>',
                    xml).group(1)
    at = xml.rindex(b'xsi:type="Serving"/>')
    end = at + len(b'xsi:type="Serving"')
    bad = xml[:end] + b'><properties><property propertyDefinitionRef="' + ref + b'"><value>Z</value></property>' \
        b'</properties></relationship>' + xml[end + 2:]
    split, whole = error(bad, split=True), error(bad, split=False)
    assert "confidence" in str(whole) and str(split) == str(whole)
    assert split.problems[0].line == whole.problems[0].line == bad.count(b"\n", 0, at) + 1


def test_reader_cuts_large_files_in_several_parts(xml):
    parts = SplitParse(xml, _tree_parser, 0).result()
    assert len(parts) == len(CUTS) + 1
    offsets = [offset for _, offset in parts]
    assert offsets == sorted(offsets) and offsets[0] == 0


@pytest.mark.parametrize("fraction", [0.1, 0.3, 0.5, 0.7, 0.8])
def test_an_error_anywhere_is_the_same_in_parts(xml, fraction):
    tag = re.compile(rb"<(element|relationship) ").search(xml, int(len(xml) * fraction))
    at = xml.index(b' xsi:type="', tag.start())
    end = xml.index(b'"', at + len(b' xsi:type="'))
    bad = xml[:at] + b' xsi:type="Nonsense' + xml[end:]
    split, whole = error(bad, split=True), error(bad, split=False)
    assert str(split) == str(whole) and split.line == whole.line


def test_reading_in_parts_works_without_threads(xml, monkeypatch):
    import threading

    def refuse(self):
        raise RuntimeError("can't start new thread")

    expected = read(xml, split=False)
    monkeypatch.setattr(threading.Thread, "start", refuse)
    assert read(xml, split=True) == expected
