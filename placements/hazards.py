"""The high-risk work screen (art. 17), as pure functions: a slot's words are normalised and searched for the terms
of the maintained list (HazardTerm: the platform's and the schools'). A checkbox left unticked is not a loophole:
a slot whose title or description names such work goes to the school for review (services/slot_review.py).

Normalising folds full-width to half-width and compatibility forms (NFKC), case and every kind of space, so
"Ｘ光 探伤", "x光探伤" and "X 光探伤" are one text; punctuation stays (a term never spans a sentence)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_SPACES = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff]+")

# The fields of a slot the screen reads (what a company writes about the work).
SCREENED_FIELDS = ("title", "description")


def normalise(text: str) -> str:
    """The form both a text and a term are compared in: NFKC (full-width to half-width), case-folded, no spaces."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text or "").casefold())


@dataclass(frozen=True)
class Term:
    """One entry of the list: what a school or the platform wrote, its category and whose it is (None: the
    platform's)."""

    term: str
    category: str
    institution_id: int | None = None

    @property
    def normalized(self) -> str:
        return normalise(self.term)


def find_terms(texts: Iterable[str], terms: Iterable[Term]) -> list[dict]:
    """The terms named in `texts`, one entry per normalised term (the first listed wins), in the order of the
    list: [{"term", "normalized", "category", "institution"}]. A term inside a longer one that also matched (爆破
    within 爆破作业) is still listed: each is what a reviewer reads."""
    haystack = "\n".join(normalise(t) for t in texts if t)
    found: dict[str, dict] = {}
    for term in terms:
        key = term.normalized
        if key and key not in found and key in haystack:
            found[key] = {
                "term": term.term,
                "normalized": key,
                "category": term.category,
                "institution": term.institution_id,
            }
    return list(found.values())


def unapproved(matches: list[dict], approved: Iterable[str]) -> list[dict]:
    """The matches a school has not approved yet (an approval covers the terms it saw, never a new one)."""
    covered = set(approved)
    return [m for m in matches if m["normalized"] not in covered]
