"""Recording graduate outcomes: a school admin records and corrects them (the employer matched to a company on
the platform by its credit code, the Wuhan flag taken from the city), a graduate reports their own, which the
school then confirms, and nothing a graduate says overwrites what the school recorded."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from alumni.models import GraduateOutcome
from alumni.services import outcome_create
from notices.models import Notice
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/outcomes/"
SELF_REPORT = "/api/v1/outcomes/self-report/"


def record(world, **fields) -> dict:
    """The body of an outcome of the world's school: an employed 2026 graduate, in Wuhan."""
    return {
        "institution": world.school.pk,
        "student_number": "20234607020101",
        "full_name": "张三",
        "graduation_year": 2026,
        "status": "employed",
        "employer_name": "",
        "employer_credit_code": world.company.credit_code,
        "work_city": "武汉",
        "district": "caidian",
        "zone": "wedz",
        "industry": "汽车制造业",
        "reported_on": "2026-08-31",
        **fields,
    }


def blank_outcome(world) -> GraduateOutcome:
    """The graduate of `record` as the school first listed them: outcome unknown."""
    return outcome_create(
        institution=world.school,
        student_number="20234607020101",
        full_name="张三",
        graduation_year=2026,
        status="unknown",
        reported_on=date(2026, 6, 30),
    )


@pytest.fixture(params=[pytest.param("create"), "correct"])
def save(request, world):
    """save(**fields) -> the response of a school admin recording the outcome of `record`, either as a new
    record (POST) or as a correction of the graduate the school listed with an unknown outcome (PATCH)."""

    def _save(**fields):
        client = client_for(world.admin.user)
        if request.param == "create":
            return client.post(URL, record(world, **fields), format="json")
        outcome = blank_outcome(world)
        return client.patch(f"{URL}{outcome.pk}/", record(world, **fields), format="json")

    _save.success = 201 if request.param == "create" else 200
    return _save


@pytest.fixture
def saved(world, save):
    """saved(**fields) -> the record as the school then reads it back."""

    def _saved(**fields) -> dict:
        response = save(**fields)
        assert response.status_code == save.success, response.content
        return client_for(world.admin.user).get(f"{URL}{response.json()['id']}/").json()

    return _saved


def patch(world, outcome_id: int, **fields):
    return client_for(world.admin.user).patch(f"{URL}{outcome_id}/", fields, format="json")


# -- recording ---------------------------------------------------------------------------------------------------


def test_a_school_admin_records_a_new_outcome(world):
    response = client_for(world.admin.user).post(URL, record(world), format="json")
    assert response.status_code == 201, response.content
    assert GraduateOutcome.objects.get().student_number == "20234607020101"


def test_the_reporting_date_defaults_to_today(world):
    data = record(world)
    del data["reported_on"]
    response = client_for(world.admin.user).post(URL, data, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["reported_on"] == timezone.localdate().isoformat()


def test_a_recorded_outcome_is_confirmed_by_the_admin_who_recorded_it(world, saved):
    body = saved()
    assert body["confirmed"] is True
    assert GraduateOutcome.objects.get(pk=body["id"]).confirmed_by == world.admin.user


# -- the employer ------------------------------------------------------------------------------------------------


def test_the_employer_is_matched_to_the_company_on_the_platform_by_its_credit_code(world, saved):
    body = saved()
    assert body["employer"] == world.company.pk
    assert body["employer_on_platform"] == world.company.name
    assert body["employer_name"] == world.company.name  # filled in from the platform when left empty


def test_a_credit_code_typed_in_lower_case_still_finds_the_company(world, saved):
    body = saved(employer_credit_code=world.company.credit_code.lower())
    assert body["employer"] == world.company.pk
    assert body["employer_credit_code"] == world.company.credit_code


def test_the_name_the_school_gave_the_employer_is_kept(world, saved):
    body = saved(employer_name="东风汽车（武汉）分公司")
    assert body["employer"] == world.company.pk
    assert body["employer_name"] == "东风汽车（武汉）分公司"


def test_an_employer_not_on_the_platform_is_kept_by_name_without_a_match(world, saved):
    body = saved(employer_credit_code="", employer_name="武汉某汽车销售服务有限公司")
    assert body["employer"] is None and body["employer_on_platform"] is None
    assert body["employer_name"] == "武汉某汽车销售服务有限公司"


def test_a_credit_code_of_no_company_on_the_platform_matches_nothing(world, saved):
    unknown = f.CompanyFactory.build().credit_code  # well-formed, never saved
    body = saved(employer_credit_code=unknown, employer_name="外地企业")
    assert body["employer"] is None
    assert body["employer_credit_code"] == unknown


def test_changing_the_credit_code_moves_the_match_to_the_other_company(world, saved):
    body = saved()
    response = patch(
        world, body["id"], employer_credit_code=world.other_company.credit_code, employer_name=world.other_company.name
    )
    assert response.status_code == 200, response.content
    assert response.json()["employer"] == world.other_company.pk


def test_clearing_the_credit_code_drops_the_match(world):
    outcome = blank_outcome(world)
    assert patch(world, outcome.pk, **record(world)).json()["employer"] == world.company.pk
    response = patch(world, outcome.pk, employer_credit_code="", employer_name="武汉某汽车销售服务有限公司")
    assert response.status_code == 200, response.content
    assert response.json()["employer"] is None


# -- the city ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "in_wuhan"),
    [("武汉", True), ("武汉市", True), ("湖北省武汉市蔡甸区", True), ("Wuhan", True), ("深圳", False), ("襄阳", False)],
)
def test_the_city_says_whether_the_graduate_works_in_wuhan(saved, city, in_wuhan):
    body = saved(work_city=city)
    assert body["in_wuhan"] is in_wuhan


def test_outside_wuhan_the_district_and_zone_are_cleared(saved):
    body = saved(work_city="深圳", district="caidian", zone="wedz")
    assert body["in_wuhan"] is False
    assert body["district"] == "" and body["zone"] == ""
    outcome = GraduateOutcome.objects.get(pk=body["id"])
    assert (outcome.district, outcome.zone) == ("", "")


def test_in_wuhan_the_district_and_zone_are_kept(saved):
    body = saved()
    assert body["in_wuhan"] is True
    assert (body["district"], body["zone"]) == ("caidian", "wedz")
    assert body["district_label"] == "蔡甸区"


def test_moving_a_graduate_out_of_wuhan_and_back_updates_the_flag_and_the_district(world, saved):
    body = saved()
    moved = patch(world, body["id"], work_city="深圳")
    assert moved.status_code == 200, moved.content
    assert moved.json()["in_wuhan"] is False and moved.json()["district"] == "" and moved.json()["zone"] == ""
    back = patch(world, body["id"], work_city="武汉", district="jiangxia")
    assert back.status_code == 200, back.content
    assert back.json()["in_wuhan"] is True and back.json()["district"] == "jiangxia"


def test_in_wuhan_cannot_be_set_by_hand(saved):
    body = saved(work_city="深圳", in_wuhan=True)
    assert body["in_wuhan"] is False


# -- validation --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"status": "employed", "employer_name": "", "employer_credit_code": ""}, "employer_name"),
        ({"status": "employed", "work_city": ""}, "work_city"),
        ({"status": "self_employed", "work_city": "", "employer_credit_code": ""}, "work_city"),
        ({"graduation_year": 1999}, "graduation_year"),
        ({"graduation_year": timezone.localdate().year + 2}, "graduation_year"),
    ],
)
def test_an_outcome_breaking_a_rule_is_refused_with_the_field_marked_and_nothing_saved(world, save, fields, field):
    response = save(**fields)
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert not GraduateOutcome.objects.exclude(status="unknown").exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"status": "retired"}, "status"),
        ({"district": "nanshan"}, "district"),
        ({"salary_band": "8000"}, "salary_band"),
    ],
)
def test_a_word_outside_the_vocabulary_is_refused(world, fields, field):
    response = client_for(world.admin.user).post(URL, record(world, **fields), format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    assert not GraduateOutcome.objects.exists()


def test_a_graduate_of_next_year_can_be_recorded_ahead(saved):
    body = saved(graduation_year=timezone.localdate().year + 1)
    assert body["graduation_year"] == timezone.localdate().year + 1


@pytest.mark.parametrize("status", ["further_study", "military", "not_seeking", "seeking", "unknown"])
def test_an_outcome_without_work_needs_neither_employer_nor_city(saved, status):
    body = saved(status=status, employer_credit_code="", work_city="", district="", zone="")
    assert body["status"] == status and body["in_wuhan"] is False


def test_a_correction_that_breaks_a_rule_is_refused_and_the_record_stays_as_it_was(world):
    outcome = blank_outcome(world)
    assert patch(world, outcome.pk, **record(world)).status_code == 200
    response = patch(world, outcome.pk, work_city="")
    assert response.status_code == 400
    assert "work_city" in response.json()["fields"]
    outcome.refresh_from_db()
    assert outcome.work_city == "武汉" and outcome.in_wuhan is True


def test_the_same_graduate_and_year_cannot_be_recorded_twice(world):
    blank_outcome(world)
    response = client_for(world.admin.user).post(URL, record(world), format="json")
    assert response.status_code == 400
    assert GraduateOutcome.objects.count() == 1


def test_an_admin_records_only_for_their_own_school(world):
    response = client_for(world.other_admin.user).post(URL, record(world), format="json")
    assert response.status_code == 403
    assert not GraduateOutcome.objects.exists()


# -- a graduate's own report -------------------------------------------------------------------------------------


def self_report(user, **fields):
    data = {
        "graduation_year": 2026,
        "status": "employed",
        "employer_name": "东风汽车集团有限公司",
        "employer_credit_code": "",
        "work_city": "武汉",
        "district": "caidian",
        **fields,
    }
    return client_for(user).post(SELF_REPORT, data, format="json")


def test_a_graduates_own_report_is_recorded_unconfirmed_as_theirs(world):
    response = self_report(world.student.user, employer_credit_code=world.company.credit_code)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["confirmed"] is False and body["source"] == "self"
    assert body["student"] == world.student.pk
    assert body["student_number"] == world.student.student_number
    assert body["full_name"] == world.student.full_name
    assert body["institution"] == world.school.pk
    assert (body["major"], body["cohort"]) == (world.major.pk, world.cohort.pk)
    assert body["employer"] == world.company.pk and body["in_wuhan"] is True
    assert body["reported_on"] == timezone.localdate().isoformat()


def test_a_graduates_own_report_notifies_the_school_admins_and_no_one_else(world):
    second_admin = f.TeacherFactory(institution=world.school, role="admin")
    assert self_report(world.student.user).status_code == 201
    notices = Notice.objects.filter(kind="outcome_reported")
    assert set(notices.values_list("recipient_id", flat=True)) == {world.admin.user_id, second_admin.user_id}
    notice = notices.get(recipient=world.admin.user)
    assert notice.params == {"student": world.student.full_name, "year": 2026}
    assert "confirmed=false" in notice.link


def test_the_school_admin_confirms_a_graduates_report_once(world):
    outcome_id = self_report(world.student.user).json()["id"]
    admin = client_for(world.admin.user)
    pending = admin.get(URL, {"confirmed": "false"}).json()["results"]
    assert [row["id"] for row in pending] == [outcome_id]

    response = admin.post(f"{URL}{outcome_id}/confirm/")
    assert response.status_code == 200, response.content
    assert response.json()["confirmed"] is True
    assert GraduateOutcome.objects.get(pk=outcome_id).confirmed_by == world.admin.user
    assert admin.get(URL, {"confirmed": "false"}).json()["results"] == []

    again = admin.post(f"{URL}{outcome_id}/confirm/")
    assert again.status_code == 409
    assert again.json()["code"] == "conflict"


def test_a_graduate_can_revise_their_report_and_it_stays_one_record(world):
    first = self_report(world.student.user, work_city="深圳", district="").json()
    second = self_report(world.student.user, work_city="武汉", district="hannan").json()
    assert second["id"] == first["id"]
    assert second["in_wuhan"] is True and second["district"] == "hannan"
    assert GraduateOutcome.objects.count() == 1


def test_a_graduate_cannot_overwrite_what_the_school_recorded(world):
    outcome_create(
        institution=world.school,
        student=world.student,
        student_number=world.student.student_number,
        full_name=world.student.full_name,
        graduation_year=2026,
        status="further_study",
        source="import",
        reported_on=date(2026, 8, 31),
        confirmed=True,
    )
    response = self_report(world.student.user)
    assert response.status_code == 409
    outcome = GraduateOutcome.objects.get()
    assert (outcome.status, outcome.source, outcome.confirmed) == ("further_study", "import", True)
    assert not Notice.objects.filter(kind="outcome_reported").exists()


def test_a_graduate_reports_only_after_graduating(world):
    response = self_report(world.student.user, graduation_year=timezone.localdate().year + 1)
    assert response.status_code == 400
    assert "graduation_year" in response.json()["fields"]


def test_a_graduates_report_follows_the_same_rules_as_the_schools(world):
    response = self_report(world.student.user, employer_name="", work_city="武汉")
    assert response.status_code == 400
    assert "employer_name" in response.json()["fields"]
    assert not GraduateOutcome.objects.exists()
    assert not Notice.objects.filter(kind="outcome_reported").exists()


def test_a_graduate_reporting_work_outside_wuhan_has_no_district(world):
    body = self_report(world.student.user, work_city="深圳", district="caidian").json()
    assert body["in_wuhan"] is False and body["district"] == ""


def test_only_graduates_report_their_own_outcome(world):
    for user in (world.admin.user, world.teacher.user, world.hr.user, world.analyst, world.outsider):
        assert self_report(user).status_code == 403, user.username
    assert not GraduateOutcome.objects.exists()
