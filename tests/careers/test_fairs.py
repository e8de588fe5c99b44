"""Recruitment fairs (issue 18): who organises them, who they are for, booths a company applies for and the
organiser decides, registrations with a QR code checked in once at the door (valid, reused: 409, another fair's:
400), the notices when a fair opens and the day before, and the report of what came of it."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from openpyxl import load_workbook

from accounts.actor import actor_for
from careers import services as careers
from careers.fairs import services
from careers.fairs.models import BoothStatus, Fair, FairStatus
from careers.fairs.report import fair_report
from careers.fairs.selectors import booths_visible_to, fairs_visible_to, registrations_visible_to
from careers.selectors import graduation_year
from core.errors import DomainError
from notices.models import Notice
from placements.reminders import REMINDERS
from tests import factories as f
from tests.access import client_for

pytestmark = pytest.mark.django_db


def actor(member_or_user):
    return actor_for(getattr(member_or_user, "user", member_or_user))


def a_fair(world, organiser=None, *, open_it=True, days=7, **fields):
    """A fair of our school (its admin organises it) a week from now, opened unless told otherwise."""
    organiser = organiser or world.admin
    starts = timezone.now() + timedelta(days=days)
    data = {"title": "新能源汽车专场招聘会", "starts_at": starts, "ends_at": starts + timedelta(hours=4),
            "venue": "武汉城市职业学院体育馆", **fields}  # fmt: skip
    fair = services.fair_create(actor=actor(organiser), **data)
    return services.fair_open(actor=actor(organiser), fair=fair) if open_it else fair


def a_job(world):
    job = careers.job_create(
        actor=actor(world.hr), company_id=world.company.pk, title="电池包装调工程师", district="hannan",
        salary_min=5000, salary_max=7000, headcount=3, closing_date=f.days_from_today(30),
    )  # fmt: skip
    return careers.job_publish(actor=actor(world.hr), job=job)


def finalist(world):
    return f.StudentFactory(
        institution=world.school, cohort=world.cohort, entry_year=f.entry_year(3), user=f.UserFactory()
    )


# -- organisers -------------------------------------------------------------------------------------------------


def test_city_staff_organise_a_city_fair_and_a_school_admin_their_schools(world):
    city = a_fair(world, world.city_staff, open_it=False)
    assert city.institution is None
    school = a_fair(world, open_it=False)
    assert school.institution == world.school
    assert list(school.schools.all()) == [world.school]  # a school's fair is for its own students


@pytest.mark.parametrize("who", ["teacher", "analyst", "hr", "student", "outsider"])
def test_only_city_staff_and_school_admins_organise_fairs(world, who):
    with pytest.raises(PermissionDenied):
        a_fair(world, world.user(who), open_it=False)


def test_a_school_admin_cannot_manage_the_citys_fair_nor_another_schools(world):
    city = a_fair(world, world.city_staff, open_it=False)
    with pytest.raises(PermissionDenied):
        services.fair_open(actor=actor(world.admin), fair=city)
    ours = a_fair(world, open_it=False)
    with pytest.raises(PermissionDenied):
        services.fair_open(actor=actor(world.other_admin), fair=ours)
    with pytest.raises(PermissionDenied):
        services.fair_open(actor=actor(world.city_staff), fair=ours)


def test_a_fair_ends_after_it_starts_and_has_a_venue_or_a_link(world):
    starts = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as exc:
        services.fair_create(actor=actor(world.city_staff), title="x", starts_at=starts, ends_at=starts, venue="")
    assert set(exc.value.message_dict) == {"ends_at", "venue"}


def test_illegal_fair_moves_are_refused_with_the_state(world):
    fair = a_fair(world)
    with pytest.raises(DomainError) as exc:
        services.fair_open(actor=actor(world.admin), fair=fair)
    assert exc.value.code == "fair_state"
    services.fair_cancel(actor=actor(world.admin), fair=fair, reason="场馆检修")
    with pytest.raises(DomainError):
        services.fair_close(actor=actor(world.admin), fair=fair)


# -- audience and notices -----------------------------------------------------------------------------------------


def test_opening_tells_the_students_it_is_for_and_no_one_else(world):
    student = finalist(world)
    year = graduation_year(student)
    other_major = f.MajorFactory(institution=world.school, name="汽车营销与服务")
    other_major_student = f.StudentFactory(
        institution=world.school, cohort=f.CohortFactory(major=other_major), entry_year=student.entry_year,
        user=f.UserFactory(),
    )  # fmt: skip
    first_year = f.StudentFactory(
        institution=world.school, cohort=world.cohort, entry_year=f.entry_year(1), user=f.UserFactory()
    )
    fair = a_fair(world, world.city_staff, majors=[world.major], graduation_years=[year])
    told = set(Notice.objects.filter(kind="fair_opened").values_list("recipient_id", flat=True))
    assert student.user_id in told
    assert not told & {other_major_student.user_id, first_year.user_id, world.other_student.user_id}
    assert fairs_visible_to(actor(student.user)).filter(pk=fair.pk).exists()
    assert not fairs_visible_to(actor(first_year.user)).filter(pk=fair.pk).exists()
    assert not fairs_visible_to(actor(other_major_student.user)).filter(pk=fair.pk).exists()


def test_students_see_no_draft_and_another_schools_students_not_a_schools_fair(world):
    draft = a_fair(world, open_it=False)
    ours = a_fair(world)
    student = actor(world.student)
    assert not fairs_visible_to(student).filter(pk=draft.pk).exists()
    assert fairs_visible_to(student).filter(pk=ours.pk).exists()
    assert not fairs_visible_to(actor(world.other_student)).filter(pk=ours.pk).exists()
    with pytest.raises(DomainError) as exc:
        services.registration_create(actor=actor(world.other_student), fair=ours)
    assert exc.value.code == "fair_not_for_you"


def test_registered_students_are_reminded_the_day_before_once(world):
    fair = a_fair(world, days=1)
    fair.starts_at = timezone.now() + timedelta(days=1)
    fair.save()
    services.registration_create(actor=actor(world.student), fair=fair)
    assert REMINDERS["fairs_tomorrow"]() == 1
    assert REMINDERS["fairs_tomorrow"]() == 0
    assert Notice.objects.filter(kind="fair_reminder", recipient=world.student.user).count() == 1


# -- booths -------------------------------------------------------------------------------------------------------


def test_a_company_applies_with_its_jobs_and_the_organiser_approves_or_refuses_with_a_reason(world):
    fair = a_fair(world, world.city_staff)
    job = a_job(world)
    slot = f.SlotFactory(company=world.company, base=world.base)
    booth = services.booth_apply(actor=actor(world.hr), fair=fair, jobs=[job], slots=[slot])
    assert booth.status == BoothStatus.PENDING
    assert Notice.objects.filter(kind="booth_applied", recipient=world.city_staff).exists()
    with pytest.raises(DomainError) as exc:
        services.booth_apply(actor=actor(world.hr), fair=fair)
    assert exc.value.code == "booth_exists"
    with pytest.raises(PermissionDenied):
        services.booth_approve(actor=actor(world.admin), booth=booth)
    with pytest.raises(ValidationError):
        services.booth_refuse(actor=actor(world.city_staff), booth=booth, reason=" ")
    services.booth_refuse(actor=actor(world.city_staff), booth=booth, reason="展位已满")
    assert Notice.objects.filter(kind="booth_decided", recipient=world.hr.user).exists()
    with pytest.raises(DomainError):
        services.booth_approve(actor=actor(world.city_staff), booth=booth)
    again = services.booth_apply(actor=actor(world.hr), fair=fair, jobs=[job])
    assert again.pk == booth.pk and again.status == BoothStatus.PENDING
    services.booth_approve(actor=actor(world.city_staff), booth=again)


def test_a_booth_shows_only_its_own_companys_jobs_and_slots(world):
    fair = a_fair(world, world.city_staff)
    other_slot = f.SlotFactory(company=world.other_company, base=world.other_base)
    with pytest.raises(ValidationError) as exc:
        services.booth_apply(actor=actor(world.hr), fair=fair, slots=[other_slot])
    assert "slots" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.booth_apply(actor=actor(world.mentor), fair=fair, company_id=world.company.pk)
    with pytest.raises(DomainError) as exc:
        services.booth_apply(actor=actor(world.pending_hr), fair=fair)
    assert exc.value.code == "company_not_approved"


def test_a_company_sees_its_own_booths_and_the_approved_ones_of_others(world):
    fair = a_fair(world, world.city_staff)
    ours = services.booth_apply(actor=actor(world.hr), fair=fair)
    theirs = services.booth_apply(actor=actor(world.other_hr), fair=fair)
    assert set(booths_visible_to(actor(world.hr))) == {ours}
    assert set(booths_visible_to(actor(world.city_staff))) == {ours, theirs}
    assert not booths_visible_to(actor(world.student)).exists()
    services.booth_approve(actor=actor(world.city_staff), booth=theirs)
    assert set(booths_visible_to(actor(world.hr))) == {ours, theirs}
    assert set(booths_visible_to(actor(world.student))) == {theirs}


# -- registration and check-in ------------------------------------------------------------------------------------


def test_check_in_by_qr_once_then_409_and_another_fairs_code_is_400(world):
    fair = a_fair(world)
    other_fair = a_fair(world, title="另一场招聘会")
    mine = services.registration_create(actor=actor(world.student), fair=fair)
    elsewhere = services.registration_create(actor=actor(world.classmate), fair=other_fair)
    assert len(mine.token) >= 32 and len(mine.code) == services.CODE_LENGTH
    desk = actor(world.teacher)  # a school's fair: its teachers staff the desk
    checked = services.registration_check_in(actor=desk, fair=fair, code=services.QR_PREFIX + mine.token)
    assert checked.checked_in_at is not None and checked.checked_in_by == world.teacher.user
    with pytest.raises(DomainError) as exc:
        services.registration_check_in(actor=desk, fair=fair, code=mine.code.lower())
    assert exc.value.code == "already_checked_in"
    with pytest.raises(ValidationError) as exc:
        services.registration_check_in(actor=desk, fair=fair, code=services.QR_PREFIX + elsewhere.token)
    with translation.override("en"):  # the message, whatever the suite's language
        assert "another fair" in str(exc.value.message_dict["code"])
    with pytest.raises(PermissionDenied):
        services.registration_check_in(actor=actor(world.other_admin), fair=fair, code=mine.code)


def test_the_short_code_checks_in_when_the_camera_cannot(world):
    fair = a_fair(world, world.city_staff)
    registration = services.registration_create(actor=actor(world.student), fair=fair)
    with pytest.raises(DomainError) as exc:
        services.registration_create(actor=actor(world.student), fair=fair)
    assert exc.value.code == "already_registered"
    with pytest.raises(ValidationError):
        services.registration_check_in(actor=actor(world.city_staff), fair=fair, code="ZZZZZZ")
    done = services.registration_check_in(actor=actor(world.city_staff), fair=fair, code=f" {registration.code} ")
    assert done.pk == registration.pk


def test_registrations_are_seen_by_the_student_and_the_desk_not_by_companies_or_the_analyst(world):
    fair = a_fair(world)
    registration = services.registration_create(actor=actor(world.student), fair=fair)
    for who in ("student", "admin", "teacher"):
        assert registrations_visible_to(actor(world.user(who))).filter(pk=registration.pk).exists(), who
    for who in ("classmate", "hr", "analyst", "city_staff", "other_admin"):
        assert not registrations_visible_to(actor(world.user(who))).filter(pk=registration.pk).exists(), who


# -- report -------------------------------------------------------------------------------------------------------


def test_the_report_follows_the_fair_to_applications_offers_and_hires_who_stayed(world):
    fair = a_fair(world, world.city_staff, days=0, starts_at=timezone.now() - timedelta(hours=1))
    job = a_job(world)
    booth = services.booth_apply(actor=actor(world.hr), fair=fair, jobs=[job])
    services.booth_approve(actor=actor(world.city_staff), booth=booth)
    student = finalist(world)
    registration = services.registration_create(actor=actor(student.user), fair=fair)
    services.registration_check_in(actor=actor(world.city_staff), fair=fair, code=registration.code)
    services.registration_create(actor=actor(world.student), fair=fair)
    application = careers.application_submit(actor=actor(student.user), job=job)
    careers.application_offer(
        actor=actor(world.hr), application=application, start_date=f.days_from_today(60), salary=6000
    )
    careers.offer_accept(actor=actor(student.user), application=application)
    report = fair_report(fair)
    assert (report["companies"], report["registered"], report["checked_in"]) == (1, 2, 1)
    assert (report["applications"], report["offers"], report["hired"]) == (1, 1, 1)
    assert report["rows"][0]["company"] == world.company.name and report["rows"][0]["hired"] == 1


def test_the_report_is_for_organisers_and_the_city_and_exports_as_xlsx(world):
    fair = a_fair(world)
    services.booth_apply(actor=actor(world.hr), fair=fair)
    assert client_for(world.analyst).get(f"/api/v1/fairs/{fair.pk}/report/").status_code == 200
    assert client_for(world.admin.user).get(f"/api/v1/fairs/{fair.pk}/report/").json()["booths_pending"] == 1
    assert client_for(world.student.user).get(f"/api/v1/fairs/{fair.pk}/report/").status_code == 403
    assert client_for(world.hr.user).get(f"/api/v1/fairs/{fair.pk}/report/").status_code == 403
    response = client_for(world.admin.user).get(f"/api/v1/fairs/{fair.pk}/report-xlsx/")
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet.cell(2, 1).value == world.company.name


# -- API ------------------------------------------------------------------------------------------------------------


def test_api_register_then_check_in_answers_200_409_and_400(world):
    fair = a_fair(world)
    other_fair = a_fair(world, title="另一场")
    student = client_for(world.student.user)
    body = student.post(f"/api/v1/fairs/{fair.pk}/register/").json()
    qr = body["my_registration"]["qr"]
    assert qr.startswith(services.QR_PREFIX)
    other = client_for(world.classmate.user).post(f"/api/v1/fairs/{other_fair.pk}/register/").json()
    desk = client_for(world.admin.user)
    url = f"/api/v1/fairs/{fair.pk}/check-in/"
    first = desk.post(url, {"code": qr}, format="json")
    assert first.status_code == 200 and first.json()["student_name"] == world.student.full_name
    again = desk.post(url, {"code": qr}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "already_checked_in"
    wrong = desk.post(url, {"code": other["my_registration"]["qr"]}, format="json")
    assert wrong.status_code == 400 and "code" in wrong.json()["fields"]
    # nobody but the student reads their QR code
    assert desk.get(f"/api/v1/fairs/{fair.pk}/").json()["my_registration"] is None


def test_api_a_company_applies_for_a_booth_and_the_organiser_approves_it(world):
    fair = a_fair(world, world.city_staff)
    job = a_job(world)
    hr = client_for(world.hr.user)
    created = hr.post("/api/v1/booths/", {"fair": fair.pk, "jobs": [job.pk]}, format="json")
    assert created.status_code == 201, created.json()
    booth = created.json()
    assert booth["job_list"] == [{"id": job.pk, "title": job.title}] and not booth["can_decide"]
    staff = client_for(world.city_staff)
    assert staff.get(f"/api/v1/booths/{booth['id']}/").json()["can_decide"]
    refused = staff.post(f"/api/v1/booths/{booth['id']}/refuse/", {"reason": ""}, format="json")
    assert refused.status_code == 400
    approved = staff.post(f"/api/v1/booths/{booth['id']}/approve/")
    assert approved.json()["status"] == BoothStatus.APPROVED
    assert hr.get(f"/api/v1/fairs/{fair.pk}/").json()["my_booth"]["status"] == BoothStatus.APPROVED
    assert client_for(world.other_hr.user).get(f"/api/v1/booths/{booth['id']}/").status_code == 200  # approved
    assert client_for(world.student.user).get(f"/api/v1/fairs/{fair.pk}/").json()["booth_count"] == 1


def test_api_fair_form_errors_are_400_with_fields(world):
    staff = client_for(world.city_staff)
    starts = timezone.now() + timedelta(days=5)
    response = staff.post(
        "/api/v1/fairs/",
        {"title": "春季招聘会", "starts_at": starts.isoformat(), "ends_at": (starts - timedelta(hours=1)).isoformat(),
         "venue": "", "industries": ["nope"]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert any(field.startswith("industries") for field in response.json()["fields"])
    ok = staff.post(
        "/api/v1/fairs/",
        {"title": "春季招聘会", "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=3)).isoformat(),
         "online_url": "https://example.com/live", "graduation_years": [starts.year], "schools": [world.school.pk]},
        format="json",
    )  # fmt: skip
    assert ok.status_code == 201, ok.json()
    assert ok.json()["status"] == FairStatus.DRAFT and ok.json()["graduation_years"] == [starts.year]
    assert ok.json()["can_manage"] and ok.json()["organiser_name"]


@pytest.mark.parametrize(
    ("starts_days", "length_hours", "field"),
    [(-2, 4, "starts_at"), (-365 * 1700, 4, "starts_at"), (800, 4, "starts_at"), (5, 24 * 8, "ends_at")],
)
def test_a_fair_starts_from_today_within_two_years_and_lasts_at_most_a_week(world, starts_days, length_hours, field):
    # the fuzzer created a fair in the year 308 that ends in 3032
    staff = client_for(world.city_staff)
    starts = timezone.now() + timedelta(days=starts_days)
    response = staff.post(
        "/api/v1/fairs/",
        {"title": "春季招聘会", "starts_at": starts.isoformat(), "venue": "体育馆",
         "ends_at": (starts + timedelta(hours=length_hours)).isoformat()},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400 and field in response.json()["fields"], response.json()
    assert not Fair.objects.filter(title="春季招聘会").exists()


# -- query counts ---------------------------------------------------------------------------------------------------


def _counts(client, url: str, make_rows) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    found = []
    for total in (3, 9):
        make_rows(total)
        client.get(url)  # warm the per-process caches outside the count
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"page_size": total})
        assert response.status_code == 200, response.content
        assert len(response.json()["results"]) == total
        found.append(len(captured.captured_queries))
    return found[0], found[1]


def test_fair_booth_and_registration_lists_are_a_fixed_number_of_queries(world):
    fairs: list = []

    def more_fairs(total):
        while len(fairs) < total:
            fair = a_fair(world, title=f"招聘会{len(fairs)}", majors=[world.major])
            services.registration_create(actor=actor(world.student), fair=fair)
            services.booth_apply(actor=actor(world.hr), fair=fair, jobs=[a_job(world)])
            fairs.append(fair)

    for who, url in (
        ("student", "/api/v1/fairs/"),
        ("hr", "/api/v1/booths/"),
        ("admin", "/api/v1/fair-registrations/"),
    ):
        few, many = _counts(client_for(world.user(who)), url, more_fairs)
        assert few == many, (url, few, many)


def test_the_organisers_menu_counts_the_booths_waiting_for_them(world):
    fair = a_fair(world, world.city_staff)
    services.booth_apply(actor=actor(world.hr), fair=fair)
    services.booth_apply(actor=actor(world.other_hr), fair=fair)

    def todo(user) -> dict:
        items = client_for(user).get("/api/v1/me/todo/").json()["items"]
        return {item["key"]: item for item in items}

    waiting = todo(world.city_staff)["booths_to_decide"]
    assert waiting["count"] == 2
    assert waiting["route"] == {"name": "fair-detail", "params": {"id": str(fair.pk)}, "query": {}}
    assert todo(world.admin.user)["booths_to_decide"]["count"] == 0  # not their fair
    assert "booths_to_decide" not in todo(world.hr.user)
