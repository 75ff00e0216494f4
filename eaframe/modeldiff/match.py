"""Matching the concepts of two versions: by id, by ``replaces``, by similarity, by endpoints.

Elements are matched in three passes, each over what the earlier passes left:

1. **id** — the same id in both versions (the e-government convention: a building
   block keeps its id across versions, so a new name on the same id is a name change);
2. **replaces** — a new element declares the ids of the old elements it replaces;
3. **similarity** (optional) — an unmatched old element and an unmatched new element
   of the same type whose names (in Vietnamese or English) are similar and whose
   neighbours are similar, scored 0–1, above a threshold.

Relationships are matched by id, then by (source, type, target) with the endpoints
translated through the element matching.

Similarity matching is not quadratic: candidates come from an index of the unmatched
new elements by (type, name token) and by (type, neighbour), tokens shared by too many
elements are skipped as uninformative, and each old element is scored against at most
:data:`MAX_CANDIDATES` candidates.

Examples
--------
>>> from eaframe.elements import ApplicationComponent
>>> old = [ApplicationComponent(id="lgsp_v1", name={"en": "Provincial integration platform"})]
>>> new = [ApplicationComponent(id="lgsp", name={"en": "Provincial integration platform (LGSP)"})]
>>> [(o, n, round(s, 2)) for o, n, s in similar_pairs(old, new, {}, {}, {})]
[('lgsp_v1', 'lgsp', 0.92)]
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Optional

if TYPE_CHECKING:
    from ..relationships import Relationship

__all__ = [
    "DEFAULT_THRESHOLD",
    "MAX_CANDIDATES",
    "MAX_POSTINGS",
    "NAME_WEIGHT",
    "normalise_name",
    "name_tokens",
    "name_similarity",
    "bigrams",
    "dice",
    "neighbour_similarity",
    "similarity",
    "match_replaces",
    "similar_pairs",
    "match_relationships",
]

#: Minimum score for two elements with different ids to be reported as one renamed element.
DEFAULT_THRESHOLD = 0.6
#: Weight of the name similarity in the score when either element has neighbours
#: (the rest is the neighbour similarity); without neighbours the score is the name similarity.
NAME_WEIGHT = 0.6
#: At most this many candidates are scored for each unmatched old element.
MAX_CANDIDATES = 8
#: Index entries (a name token or a neighbour of a given type) shared by more elements
#: than this are skipped as uninformative.
MAX_POSTINGS = 200

_SPLIT = re.compile(r"[^\w]+", re.UNICODE)


def normalise_name(text: Optional[str]) -> str:
    """Lower-case, without Vietnamese diacritics, single-spaced.

    Examples
    --------
    >>> normalise_name("Nền tảng  tích hợp, chia sẻ dữ liệu — Đồng Nai")
    'nen tang tich hop chia se du lieu dong nai'
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(t for t in _SPLIT.split(stripped.lower()) if t)


def name_tokens(name) -> set[str]:
    """The tokens of a name (a :class:`~eaframe.attributes.Text`) in every language."""
    out: set[str] = set()
    for _lang, value in name.items():
        out.update(normalise_name(value).split())
    return out


def bigrams(text: str) -> frozenset:
    """The set of character bigrams of a normalised name (spaces included).

    Examples
    --------
    >>> sorted(bigrams("cong"))
    ['co', 'ng', 'on']
    """
    return frozenset(text[i:i + 2] for i in range(len(text) - 1)) if len(text) > 1 else frozenset((text,))


def dice(a: frozenset, b: frozenset) -> float:
    """Dice coefficient ``2 |a ∩ b| / (|a| + |b|)`` of two sets (0 when both are empty)."""
    total = len(a) + len(b)
    return 2 * len(a & b) / total if total else 0.0


def name_similarity(a, b) -> float:
    """Best similarity (0–1) of two names over the languages both have.

    The similarity of two texts is the Dice coefficient of the character bigrams of
    their normalised forms (:func:`normalise_name`): 1 for the same words up to case
    and diacritics, high for a few words added or changed, low for unrelated names.
    It is linear in the length of the names.

    Examples
    --------
    >>> from eaframe.attributes import Text
    >>> name_similarity(Text(vi="Cổng thông tin điện tử"), Text(vi="Cổng thông tin điện tử tỉnh"))
    0.9375
    >>> name_similarity(Text(vi="Cổng"), Text(en="Portal"))
    0.0
    """
    return _name_score(_signature(a), _signature(b))


def neighbour_similarity(old_neighbours: Iterable[str], new_neighbours: Iterable[str]) -> Optional[float]:
    """Jaccard similarity of two neighbour sets (ids already translated to the new version).

    ``None`` when neither element has neighbours.

    Examples
    --------
    >>> neighbour_similarity({"a", "b"}, {"b", "c"})
    0.3333
    >>> neighbour_similarity(set(), set()) is None
    True
    """
    a, b = set(old_neighbours), set(new_neighbours)
    if not a and not b:
        return None
    return round(len(a & b) / len(a | b), 4)


def similarity(old_element, new_element, old_neighbours=(), new_neighbours=()) -> float:
    """Score (0–1) of ``new_element`` being ``old_element`` under another id.

    ``NAME_WEIGHT`` × name similarity + the rest × neighbour similarity; just the
    name similarity when neither has neighbours; 0 when the types differ.
    """
    if old_element.type != new_element.type:
        return 0.0
    ns = name_similarity(old_element.name, new_element.name)
    nb = neighbour_similarity(old_neighbours, new_neighbours)
    if nb is None:
        return ns
    return round(NAME_WEIGHT * ns + (1 - NAME_WEIGHT) * nb, 4)


def match_replaces(old_unmatched: Mapping[str, object], new_unmatched: Mapping[str, object]) -> list[tuple[str, str]]:
    """Pairs (old id, new id) declared by ``replaces`` on the new elements.

    A new element that replaces several old ones is matched with the first of them
    still unmatched (the others are reported as removed). Pairs come in new-model order.
    """
    pairs = []
    taken: set[str] = set()
    for nid, element in new_unmatched.items():
        for oid in getattr(element, "replaces", ()) or ():
            if oid in old_unmatched and oid not in taken:
                pairs.append((oid, nid))
                taken.add(oid)
                break
    return pairs


def _signature(name) -> dict[str, tuple[str, frozenset]]:
    """Language → (normalised text, its bigrams), for the languages a name has."""
    out = {}
    for lang, value in name.items():
        norm = normalise_name(value)
        if norm:
            out[lang] = (norm, bigrams(norm))
    return out


def _name_score(old_sig: dict, new_sig: dict) -> float:
    """:func:`name_similarity` over pre-computed signatures."""
    best = 0.0
    for lang, (text, grams) in old_sig.items():
        other = new_sig.get(lang)
        if other is None:
            continue
        if text == other[0]:
            return 1.0
        best = max(best, dice(grams, other[1]))
    return round(best, 4)


def similar_pairs(
    old_unmatched: Sequence,
    new_unmatched: Sequence,
    old_neighbours: Mapping[str, set],
    new_neighbours: Mapping[str, set],
    id_map: Mapping[str, str],
    threshold: float = DEFAULT_THRESHOLD,
    max_candidates: int = MAX_CANDIDATES,
    max_postings: int = MAX_POSTINGS,
) -> list[tuple[str, str, float]]:
    """One-to-one pairs (old id, new id, score) of similar unmatched elements.

    Parameters
    ----------
    old_unmatched, new_unmatched
        Elements of each version that no earlier pass matched.
    old_neighbours, new_neighbours
        Neighbour ids (either direction) of those elements in their own version.
    id_map
        Old id → new id of the elements matched so far (to compare neighbourhoods).
    threshold
        Minimum score of a pair.

    Returns
    -------
    list of (old id, new id, score)
        Best pairs first (greedy one-to-one assignment by descending score).
    """
    if not old_unmatched or not new_unmatched:
        return []
    by_token: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_neighbour: dict[tuple[str, str], list[str]] = defaultdict(list)
    new_by_id = {}
    new_sig: dict[str, dict] = {}
    for e in new_unmatched:
        new_by_id[e.id] = e
        sig = _signature(e.name)
        new_sig[e.id] = sig
        for tok in {t for v in sig.values() for t in v[0].split()}:
            by_token[(e.type, tok)].append(e.id)
        for nb in new_neighbours.get(e.id, ()):
            by_neighbour[(e.type, nb)].append(e.id)

    scored: list[tuple[float, str, str]] = []
    for o in old_unmatched:
        counts: Counter = Counter()
        sig = _signature(o.name)
        for tok in {t for v in sig.values() for t in v[0].split()}:
            posting = by_token.get((o.type, tok))
            if posting and len(posting) <= max_postings:
                counts.update(posting)
        mapped_nbrs = {id_map.get(x, x) for x in old_neighbours.get(o.id, ())}
        for nb in mapped_nbrs:
            posting = by_neighbour.get((o.type, nb))
            if posting and len(posting) <= max_postings:
                counts.update(posting)
        if not counts:
            continue
        candidates = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:max_candidates]
        for nid, _shared in candidates:
            ns = _name_score(sig, new_sig[nid])
            nb = neighbour_similarity(mapped_nbrs, new_neighbours.get(nid, ()))
            score = ns if nb is None else round(NAME_WEIGHT * ns + (1 - NAME_WEIGHT) * nb, 4)
            if score >= threshold:
                scored.append((score, o.id, nid))

    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_old: set[str] = set()
    used_new: set[str] = set()
    out = []
    for score, oid, nid in scored:
        if oid in used_old or nid in used_new:
            continue
        used_old.add(oid)
        used_new.add(nid)
        out.append((oid, nid, score))
    return out


def match_relationships(old_rels: Mapping[str, Relationship], new_rels: Mapping[str, Relationship],
                        id_map: Mapping[str, str]) -> list[tuple[str, str]]:
    """Pairs (old id, new id) of relationships with different ids but the same
    (source, type, target), endpoints translated through ``id_map``.

    Several relationships with the same triple are paired in model order.
    """
    waiting: dict[tuple, list[str]] = defaultdict(list)
    for nid, r in new_rels.items():
        waiting[(r.source, r.type, r.target)].append(nid)
    pairs = []
    for oid, r in old_rels.items():
        key = (id_map.get(r.source, r.source), r.type, id_map.get(r.target, r.target))
        queue = waiting.get(key)
        if queue:
            pairs.append((oid, queue.pop(0)))
    return pairs
