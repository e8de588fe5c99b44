"""Import partner companies from XLSX (school admins): all rows checked first, nothing written unless all are
valid. A company already on the platform (same credit code) is updated; new ones are approved by the importing
school admin, who vouches for them."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from companies.credit_code import normalize
from companies.models import Company, Segment, VettingStatus
from config.importing import Column, RowErrors, as_int, as_text, clean_row, read_rows
from schools.choices import District, Zone

COLUMNS = [
    Column("name", "企业名称", "name", example="武汉某汽车零部件有限公司"),
    Column("short_name", "简称", "short name", required=False),
    Column("credit_code", "统一社会信用代码", "credit code", example="18位，含校验位"),
    Column("district", "所在区", "district", required=False, example="江夏区"),
    Column("zone", "功能区", "zone", required=False, example="武汉经济技术开发区"),
    Column("segment", "产业环节", "segment", example="零部件"),
    Column("headcount", "在岗职工人数", "headcount", example="1200"),
    Column("address", "地址", "address", required=False),
]
NOTES = [
    "所在区与功能区至少填写一项。产业环节可填：整车、三电、零部件、智能网联、氢能、材料、后市场、其他。",
    "Give the district or the zone (or both). Segment: 整车, 三电, 零部件, 智能网联, 氢能, 材料, 后市场, 其他 "
    "or the English labels.",
]
SEGMENT_WORDS = {
    "整车": Segment.VEHICLE,
    "三电": Segment.THREE_ELECTRIC,
    "零部件": Segment.PARTS,
    "智能网联": Segment.ICV,
    "氢能": Segment.HYDROGEN,
    "材料": Segment.MATERIALS,
    "后市场": Segment.AFTERMARKET,
    "其他": Segment.OTHER,
}
DISTRICT_WORDS = {
    "江岸": "jiangan", "江汉": "jianghan", "硚口": "qiaokou", "汉阳": "hanyang", "武昌": "wuchang",
    "青山": "qingshan", "洪山": "hongshan", "东西湖": "dongxihu", "汉南": "hannan", "蔡甸": "caidian",
    "江夏": "jiangxia", "黄陂": "huangpi", "新洲": "xinzhou",
}  # fmt: skip
ZONE_WORDS = {
    "经开区": "wedz", "武汉经济技术开发区": "wedz", "武汉经开区": "wedz", "车谷": "wedz",
    "东湖高新区": "east_lake_hitech", "东湖新技术开发区": "east_lake_hitech", "光谷": "east_lake_hitech",
    "东湖生态旅游风景区": "east_lake_scenic", "化工区": "chemical", "武汉化学工业区": "chemical",
    "临空港": "airport", "武汉临空港经济技术开发区": "airport", "新港": "new_port", "武汉新港": "new_port",
}  # fmt: skip


def _lookup(value: str, words: dict[str, str], choices) -> str | None:
    if not value:
        return ""
    if value in choices.values:
        return value
    for label_value, label in choices.choices:
        if value.lower() == str(label).lower():
            return label_value
    key = value.removesuffix("区") if words is DISTRICT_WORDS else value
    return words.get(key)


@dataclass
class CompanyImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0


def companies_import(*, user, upload, dry_run: bool) -> CompanyImportResult:
    """Read the sheet's cells into companies (the words of the template's vocabulary, a name or credit code
    repeated in the file, the platform's company of the same credit code updated in place), then check each
    with the model's full_clean(), as company_register does: required fields, lengths and the credit code's
    check character are the model's, not restated here. Every row's errors are collected first; one bad row
    and nothing is written."""
    rows = read_rows(upload, COLUMNS)
    errors = RowErrors(COLUMNS)
    codes = [normalize(as_text(raw.get("credit_code"))) for _number, raw in rows]
    by_code = {c.credit_code: c for c in Company.objects.filter(credit_code__in=set(codes) - {""})}
    now = timezone.now()
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    companies: list[tuple[int, Company]] = []
    for (number, raw), code in zip(rows, codes, strict=True):
        unread: set[str] = set()

        def refuse(field: str, message, number=number, unread=unread) -> None:
            errors.add(number, field, message)
            unread.add(field)

        data: dict = {
            "name": as_text(raw.get("name")),
            "short_name": as_text(raw.get("short_name")),
            "credit_code": code,
        }
        if data["name"] in seen_names:
            refuse("name", _("The same company is on row %(row)d.") % {"row": seen_names[data["name"]]})
        elif data["name"]:
            seen_names[data["name"]] = number
        if code in seen_codes:
            refuse("credit_code", _("The same credit code is on row %(row)d.") % {"row": seen_codes[code]})
        elif code:
            seen_codes[code] = number
        district = _lookup(as_text(raw.get("district")), DISTRICT_WORDS, District)
        if district is None:
            refuse("district", _("Not one of Wuhan's 13 districts."))
        zone = _lookup(as_text(raw.get("zone")), ZONE_WORDS, Zone)
        if zone is None:
            refuse("zone", _("Not one of Wuhan's functional zones."))
        # The API's rules beyond the model (companies/api/serializers.py): a place, and someone on staff.
        if district == "" and zone == "":
            refuse("district", _("Give the district or the functional zone (or both)."))
        data["district"], data["zone"] = district or "", zone or ""
        segment = _lookup(as_text(raw.get("segment")), SEGMENT_WORDS, Segment)
        if segment is None:
            refuse("segment", _("Not a known industry segment."))
        data["segment"] = segment or ""
        try:
            data["headcount"] = as_int(raw.get("headcount"))
        except ValueError as exc:
            refuse("headcount", exc)
            data["headcount"] = None
        data["address"] = as_text(raw.get("address"))
        company = by_code.get(code) if seen_codes.get(code) == number else None
        if company is None:
            company = Company(**data, vetting_status=VettingStatus.APPROVED, vetted_by=user, vetted_at=now)
        else:  # an empty cell keeps what the platform has, except the place, which the sheet restates
            for key, value in data.items():
                if value not in ("", None) or key in ("district", "zone"):
                    setattr(company, key, value)
        clean_row(errors, number, company, fields=data, unread=unread)
        companies.append((number, company))

    # Names are unique: one query for the whole file, not full_clean's one per row.
    names_taken = dict(
        Company.objects.filter(name__in=[c.name for _n, c in companies]).values_list("name", "credit_code")
    )
    for number, company in companies:
        other = names_taken.get(company.name)
        if other is not None and other != company.credit_code:
            errors.add(number, "name", _("Another company with a different credit code already has this name."))
    errors.items.sort(key=lambda e: e["row"])
    errors.raise_if_any()

    result = CompanyImportResult(rows=len(companies))
    result.updated = sum(1 for _n, c in companies if c.pk)
    result.created = result.rows - result.updated
    if dry_run:
        return result
    with transaction.atomic():
        for _number, company in companies:
            company.save()
    return result
