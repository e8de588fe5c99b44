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
    """专业大类 of 《职业教育专业目录（2021年）》 (Ministry of Education, 教职成〔2021〕2号) used by our majors, plus
    工学 (08) of 《普通高等学校本科专业目录》 for undergraduate majors. Placements must not cross a category
    (COMPLIANCE.md rule 12)."""

    EQUIPMENT = "46", _("Equipment manufacturing (46)")
    ELECTRONICS_IT = "51", _("Electronics and information (51)")
    TRANSPORT = "50", _("Transport (50)")
    FINANCE_COMMERCE = "53", _("Finance and commerce (53)")
    ENGINEERING = "08", _("Engineering, undergraduate (08)")


class Gender(TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")


class Province(TextChoices):
    """China's provincial-level divisions by their GB/T 2260 codes: where a base lies, so that a placement outside
    Hubei (跨省实习) is flagged and needs the school's explicit approval before it starts."""

    BEIJING = "11", _("Beijing")
    TIANJIN = "12", _("Tianjin")
    HEBEI = "13", _("Hebei")
    SHANXI = "14", _("Shanxi")
    INNER_MONGOLIA = "15", _("Inner Mongolia")
    LIAONING = "21", _("Liaoning")
    JILIN = "22", _("Jilin")
    HEILONGJIANG = "23", _("Heilongjiang")
    SHANGHAI = "31", _("Shanghai")
    JIANGSU = "32", _("Jiangsu")
    ZHEJIANG = "33", _("Zhejiang")
    ANHUI = "34", _("Anhui")
    FUJIAN = "35", _("Fujian")
    JIANGXI = "36", _("Jiangxi")
    SHANDONG = "37", _("Shandong")
    HENAN = "41", _("Henan")
    HUBEI = "42", _("Hubei")
    HUNAN = "43", _("Hunan")
    GUANGDONG = "44", _("Guangdong")
    GUANGXI = "45", _("Guangxi")
    HAINAN = "46", _("Hainan")
    CHONGQING = "50", _("Chongqing")
    SICHUAN = "51", _("Sichuan")
    GUIZHOU = "52", _("Guizhou")
    YUNNAN = "53", _("Yunnan")
    TIBET = "54", _("Tibet")
    SHAANXI = "61", _("Shaanxi")
    GANSU = "62", _("Gansu")
    QINGHAI = "63", _("Qinghai")
    NINGXIA = "64", _("Ningxia")
    XINJIANG = "65", _("Xinjiang")
    TAIWAN = "71", _("Taiwan")
    HONG_KONG = "81", _("Hong Kong")
    MACAO = "82", _("Macao")
