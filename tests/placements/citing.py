"""What a message citing a check starts with: the regulation's own article (or its name), as placements.rules
cites it in the active language."""

from __future__ import annotations

from placements.rules import BASES, cite


def cites(key: str) -> str:
    """The prefix of every message resting on `key`: "<citation>: " ("…第十六条：" in Chinese)."""
    return cite(key, "")


__all__ = ["BASES", "cites"]
