"""The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters, the last a check character.

Layout: 1 registration authority, 2 organisation type, 3–8 administrative division code, 9–17 organisation
code (GB 11714, itself with a check character), 18 check character over the first 17.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
SHAPE = re.compile(rf"^[{ALPHABET}]{{2}}\d{{6}}[{ALPHABET}]{{10}}$")

ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def check_character(first17: str) -> str:
    total = sum(ALPHABET.index(ch) * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_code_check(first8: str) -> str:
    """The GB 11714 check character of the 9-character organisation code."""
    total = sum(ORG_ALPHABET.index(ch) * w for ch, w in zip(first8, ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def normalize(value: str) -> str:
    return (value or "").strip().upper().replace(" ", "")


def validate_credit_code(value: str) -> None:
    code = normalize(value)
    if len(code) != 18:
        raise ValidationError(
            _("A unified social credit code has 18 characters; this one has %(n)d."),
            code="credit_code_length",
            params={"n": len(code)},
        )
    if not SHAPE.match(code):
        raise ValidationError(
            _(
                "The unified social credit code contains characters that are not allowed "
                "(digits and capital letters except I, O, S, V, Z; positions 3–8 are digits)."
            ),
            code="credit_code_characters",
        )
    if check_character(code[:17]) != code[17]:
        raise ValidationError(
            _("The check character of the unified social credit code is wrong (GB 32100-2015)."),
            code="credit_code_check",
        )


def make_demo_credit_code(serial: int, division: str = "420100") -> str:
    """A well-formed code for generated demo data: 91 (enterprise), a Wuhan division code, an organisation code
    from the serial with its own check character, and the check character. Not any real company's code."""
    body = f"DM{serial:06d}"[:8]
    org = body + org_code_check(body)
    first17 = "91" + division + org
    return first17 + check_character(first17)
