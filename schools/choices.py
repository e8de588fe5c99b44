"""Shared vocabularies of Wuhan: districts and functional zones (WUHAN.md), kinds of school, major categories."""

from __future__ import annotations

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class District(TextChoices):
    """The 13 districts of Wuhan."""

    JIANGAN = "jiangan", _("Jiang'an")
    JIANGHAN = "jianghan", _("Jianghan")
    QIAOKOU = "qiaokou", _("Qiaokou")
    HANYANG = "hanyang", _("Hanyang")
    WUCHANG = "wuchang", _("Wuchang")
    QINGSHAN = "qingshan", _("Qingshan")
    HONGSHAN = "hongshan", _("Hongshan")
    DONGXIHU = "dongxihu", _("Dongxihu")
    HANNAN = "hannan", _("Hannan")
    CAIDIAN = "caidian", _("Caidian")
    JIANGXIA = "jiangxia", _("Jiangxia")
    HUANGPI = "huangpi", _("Huangpi")
    XINZHOU = "xinzhou", _("Xinzhou")


class Zone(TextChoices):
    """Wuhan's six official functional zones; a place has a district and, separately, an optional zone."""

    WEDZ = "wedz", _("Wuhan Economic & Technological Development Zone")
    EAST_LAKE_HITECH = "east_lake_hitech", _("East Lake Hi-Tech Development Zone")
    EAST_LAKE_SCENIC = "east_lake_scenic", _("East Lake Scenic Area")
    CHEMICAL = "chemical", _("Wuhan Chemical Industrial Zone")
    AIRPORT = "airport", _("Wuhan Airport Economic Development Zone")
    NEW_PORT = "new_port", _("Wuhan New Port")


class InstitutionKind(TextChoices):
    """The type of a school. 《职业学校学生实习管理规定》 (art. 2) covers 中职, 高职专科 and 高职本科 schools; an
    ordinary undergraduate university (普通本科) is outside it (COMPLIANCE.md, "Scope")."""

    SECONDARY_VOCATIONAL = "secondary_vocational", _("Secondary vocational school (中职)")
    HIGHER_VOCATIONAL = "higher_vocational", _("Higher vocational college, junior college level (高职专科)")
    VOCATIONAL_UNDERGRADUATE = "vocational_undergraduate", _("Vocational undergraduate university (高职本科)")
    ORDINARY_UNDERGRADUATE = "ordinary_undergraduate", _("Ordinary undergraduate university (普通本科)")


# The kinds 《职业学校学生实习管理规定》 covers (art. 2).
REGULATED_KINDS = frozenset(
    {
        InstitutionKind.SECONDARY_VOCATIONAL,
        InstitutionKind.HIGHER_VOCATIONAL,
        InstitutionKind.VOCATIONAL_UNDERGRADUATE,
    }
)


class MajorCategory(TextChoices):
    """专业大类 of the national vocational catalogue (2021) used by our majors, plus engineering for
    undergraduate majors. Placements must not cross a category (COMPLIANCE.md rule 12)."""

    EQUIPMENT = "46", _("Equipment manufacturing (46)")
    ELECTRONICS_IT = "51", _("Electronics and information (51)")
    TRANSPORT = "50", _("Transport (50)")
    FINANCE_COMMERCE = "53", _("Finance and commerce (53)")
    ENGINEERING = "08", _("Engineering, undergraduate (08)")


class Gender(TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")
