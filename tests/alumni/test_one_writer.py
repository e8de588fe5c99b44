"""Every writer of a graduate outcome (the school's record, the spreadsheet import, the graduate's own report)
goes through one service (alumni.services.outcomes_write), so an outcome is checked by the same rules whoever
writes it: a rule learnt by one writer is known to all."""

from __future__ import annotations

import pytest
from django.utils import timezone

from alumni.models import GraduateOutcome
from tests import factories as f
from tests.access import client_for
from tests.alumni.test_import import good_rows, upload, xlsx

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate().year - 1


def malformed(code: str) -> str:
    return code[:17] + ("1" if code[17] != "1" else "2")


def school_record(world, **fields):
    body = {"institution": world.school.pk, "student_number": "20234607020101", "full_name": "张三",
            "graduation_year": LAST_YEAR, "status": "employed", "employer_name": "某公司", "work_city": "武汉",
            **fields}  # fmt: skip
    return client_for(world.admin.user).post("/api/v1/outcomes/", body, format="json")


def self_report(world, **fields):
    body = {"graduation_year": LAST_YEAR, "status": "employed", "employer_name": "某公司", "work_city": "武汉",
            **fields}  # fmt: skip
    return client_for(world.student.user).post("/api/v1/outcomes/self-report/", body, format="json")


@pytest.mark.parametrize("write", [school_record, self_report])
def test_a_credit_code_with_a_wrong_check_character_is_refused_by_every_writer(world, write):
    response = write(world, employer_credit_code=malformed(world.company.credit_code))
    assert response.status_code == 400, response.content
    assert "employer_credit_code" in response.json()["fields"]
    assert not GraduateOutcome.objects.exists()


def test_the_import_refuses_the_same_credit_code_on_its_row(world):
    rows = good_rows(world)
    rows[0][7] = malformed(world.company.credit_code)  # 统一社会信用代码 of the first graduate
    response = upload(world, xlsx(rows), dry_run=True)
    assert response.status_code == 400
    assert [(e["row"], e["field"]) for e in response.json()["row_errors"]] == [(2, "employer_credit_code")]


def test_a_school_cannot_record_its_graduate_under_another_schools_class(world):
    elsewhere = f.CohortFactory(major__institution=world.other_school)
    response = school_record(world, cohort=elsewhere.pk)
    assert response.status_code == 400, response.content
    assert "cohort" in response.json()["fields"]
    assert not GraduateOutcome.objects.exists()


def test_an_imported_cell_longer_than_its_field_is_refused_rather_than_cut(world):
    rows = good_rows(world)
    rows[1][6] = "很长的单位名称" * 20  # 单位名称: 140 characters, the field holds 120
    response = upload(world, xlsx(rows), dry_run=False)
    assert response.status_code == 400
    assert [(e["row"], e["field"]) for e in response.json()["row_errors"]] == [(3, "employer_name")]
    assert not GraduateOutcome.objects.exists()


def test_a_graduates_report_of_an_overlong_credit_code_is_a_400_not_a_database_error(world):
    response = self_report(world, employer_credit_code="9" * 20)
    assert response.status_code == 400, response.content
    assert "employer_credit_code" in response.json()["fields"]
