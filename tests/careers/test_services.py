"""The careers services: posting jobs, the application stage machine (illegal moves are 409s), interviews, the
accepted offer that becomes a graduate outcome the school confirms, and what a company sees of a résumé."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.actor import actor_for
from alumni.models import GraduateOutcome, OutcomeSource
from alumni.report import conversion_figures
from alumni.services import outcome_confirm
from careers import services
from careers.documents import interview_ics, resume_content, resume_pdf
from careers.models import InterviewStatus, JobStatus, Stage
from careers.selectors import applications_visible_to, resume_sections_for
from core.errors import DomainError
from notices.models import Notice
from tests import factories as f

pytestmark = pytest.mark.django_db


def actor(member_or_user):
    return actor_for(getattr(member_or_user, "user", member_or_user))


def finalist(world, **extra):
    """A student of our school in their final (third) year, with an account."""
    return f.StudentFactory(
        institution=world.school, cohort=world.cohort, entry_year=f.entry_year(3), user=f.UserFactory(), **extra
    )


def open_job(world, company=None, hr=None, **fields):
    company = company or world.company
    hr = hr or world.hr
    data = {
        "title": "电池包装调工程师", "district": "hannan", "zone": "wedz", "salary_min": 5000, "salary_max": 7000,
        "headcount": 3, "closing_date": f.days_from_today(30), **fields,
    }  # fmt: skip
    job = services.job_create(actor=actor(hr), company_id=company.pk, **data)
    return services.job_publish(actor=actor(hr), job=job)


@pytest.fixture
def scene(world):
    student = finalist(world)
    job = open_job(world)
    return world, student, job


def test_hr_of_a_vetted_company_posts_and_publishes_a_job(world):
    job = open_job(world)
    assert job.status == JobStatus.OPEN


def test_pending_company_cannot_post_a_job(world):
    with pytest.raises(DomainError) as exc:
        services.job_create(
            actor=actor(world.pending_hr), company_id=world.pending_company.pk, title="x", district="hannan",
            salary_min=1, salary_max=2, headcount=1, closing_date=f.days_from_today(5),
        )  # fmt: skip
    assert exc.value.code == "company_not_approved"


def test_mentor_and_other_company_cannot_post_for_our_company(world):
    for who in (world.mentor, world.other_hr):
        with pytest.raises(PermissionDenied):
            services.job_create(
                actor=actor(who), company_id=world.company.pk, title="x", district="hannan", salary_min=1,
                salary_max=2, headcount=1, closing_date=f.days_from_today(5),
            )  # fmt: skip


def test_salary_range_upside_down_is_a_field_error(world):
    with pytest.raises(ValidationError) as exc:
        services.job_create(
            actor=actor(world.hr), company_id=world.company.pk, title="x", district="hannan", salary_min=9000,
            salary_max=5000, headcount=1, closing_date=f.days_from_today(5),
        )  # fmt: skip
    assert "salary_max" in exc.value.message_dict


def test_second_year_student_cannot_apply(world):
    job = open_job(world)
    with pytest.raises(DomainError) as exc:
        services.application_submit(actor=actor(world.student), job=job)
    assert exc.value.code == "not_final_year"


def test_graduate_keeps_applying_after_the_school_archives_them(world):
    job = open_job(world)
    graduate = f.StudentFactory(
        institution=world.school, cohort=world.cohort, entry_year=f.entry_year(5), user=f.UserFactory(),
        archived_at=timezone.now(),
    )  # fmt: skip
    application = services.application_submit(actor=actor(graduate), job=job)
    assert application.stage == Stage.SUBMITTED


def test_required_certificate_must_be_verified(world):
    program = f.CertificateProgramFactory(name="智能新能源汽车1+X")
    job = open_job(world)
    job.required_certificates.set([program])
    student = finalist(world)
    with pytest.raises(DomainError) as exc:
        services.application_submit(actor=actor(student), job=job)
    assert exc.value.code == "certificate_missing"
    f.StudentCertificateFactory(student=student, program=program, status="verified")
    assert services.application_submit(actor=actor(student), job=job).stage == Stage.SUBMITTED


def test_applying_twice_is_a_conflict(scene):
    _w, student, job = scene
    services.application_submit(actor=actor(student), job=job)
    with pytest.raises(DomainError) as exc:
        services.application_submit(actor=actor(student), job=job)
    assert exc.value.code == "already_applied"


def test_closed_job_takes_no_applications(scene):
    w, student, job = scene
    services.job_close(actor=actor(w.hr), job=job)
    with pytest.raises(DomainError):
        services.application_submit(actor=actor(student), job=job)


def test_full_path_interview_offer_accept_records_an_outcome_the_school_confirms(scene):
    w, student, job = scene
    application = services.application_submit(actor=actor(student), job=job, note="希望加入")
    assert Notice.objects.filter(recipient=w.hr.user, kind="job_applied").exists()
    times = [timezone.now() + timedelta(days=3, hours=h) for h in (1, 2)]
    interview = services.interview_propose(
        actor=actor(w.hr), application=application, times=times, location="沌口厂区行政楼201"
    )
    application.refresh_from_db()
    assert application.stage == Stage.INTERVIEW
    slot = interview.slots.last()
    interview = services.interview_pick(actor=actor(student), interview=interview, slot_id=slot.pk)
    assert interview.status == InterviewStatus.SCHEDULED and interview.starts_at == slot.starts_at
    assert Notice.objects.filter(recipient=w.hr.user, kind="interview_scheduled").exists()
    ics = interview_ics(interview)
    assert ics.startswith("BEGIN:VCALENDAR") and "DTSTART:" in ics and "沌口厂区行政楼201" in ics
    services.application_offer(actor=actor(w.hr), application=application, start_date=f.days_from_today(60))
    application = services.offer_accept(actor=actor(student), application=application)
    assert application.stage == Stage.ACCEPTED
    outcome = GraduateOutcome.objects.get(pk=application.outcome_id)
    assert outcome.source == OutcomeSource.OFFER and not outcome.confirmed
    assert outcome.employer == w.company and outcome.in_wuhan and outcome.district == "hannan"
    assert Notice.objects.filter(recipient=w.admin.user, kind="outcome_offer_accepted").exists()
    outcome = outcome_confirm(actor=actor(w.admin), outcome=outcome)
    assert outcome.confirmed
    assert [e.to_stage for e in application.events.all()] == ["submitted", "interview", "offered", "accepted"]


def test_conversion_counts_a_confirmed_offer_from_a_former_intern(scene):
    """The internship-to-hire figure moves once the school confirms an outcome that came from an offer."""
    w, student, job = scene
    slot = f.SlotFactory(company=w.company, base=w.base)
    f.PlacementFactory(student=student, slot=slot, status="completed")

    def hired() -> int:
        rows = conversion_figures(params={})["companies"]
        return next((r["hired"] for r in rows if r["key"] == w.company.pk), 0)

    assert hired() == 0
    application = services.application_submit(actor=actor(student), job=job)
    services.application_offer(actor=actor(w.hr), application=application, start_date=f.days_from_today(30))
    application = services.offer_accept(actor=actor(student), application=application)
    assert hired() == 0  # not yet confirmed by the school
    outcome_confirm(actor=actor(w.admin), outcome=application.outcome)
    assert hired() == 1


@pytest.mark.parametrize(
    ("stage", "action"),
    [
        ("submitted", "accept"),
        ("interview", "decline"),
        ("offered", "withdraw"),
        ("offered", "reject"),
        ("rejected", "offer"),
        ("withdrawn", "offer"),
        ("accepted", "withdraw"),
        ("declined", "accept"),
    ],
)
def test_illegal_moves_are_conflicts(scene, stage, action):
    w, student, job = scene
    application = services.application_submit(actor=actor(student), job=job)
    type(application).objects.filter(pk=application.pk).update(stage=stage)
    application.refresh_from_db()
    company = actor(w.hr)
    calls = {
        "accept": lambda: services.offer_accept(actor=actor(student), application=application),
        "decline": lambda: services.offer_decline(actor=actor(student), application=application),
        "withdraw": lambda: services.application_withdraw(actor=actor(student), application=application),
        "reject": lambda: services.application_reject(actor=company, application=application, reason="不合适"),
        "offer": lambda: services.application_offer(
            actor=company, application=application, start_date=f.days_from_today(10)
        ),
    }
    with pytest.raises(DomainError) as exc:
        calls[action]()
    assert exc.value.status == 409 and exc.value.code == "illegal_stage_move"


def test_the_student_cannot_move_the_companys_stages_nor_the_company_the_students(scene):
    w, student, job = scene
    application = services.application_submit(actor=actor(student), job=job)
    with pytest.raises(PermissionDenied):
        services.application_reject(actor=actor(student), application=application, reason="x")
    with pytest.raises(PermissionDenied):
        services.application_withdraw(actor=actor(w.hr), application=application)
    with pytest.raises(PermissionDenied):
        services.application_reject(actor=actor(w.other_hr), application=application, reason="x")


def test_rejection_needs_a_reason(scene):
    w, student, job = scene
    application = services.application_submit(actor=actor(student), job=job)
    with pytest.raises(ValidationError):
        services.application_reject(actor=actor(w.hr), application=application, reason=" ")


def test_a_second_offer_cannot_be_accepted(world):
    student = finalist(world)
    first, second = open_job(world), open_job(world, title="售后技术支持")
    apps = [services.application_submit(actor=actor(student), job=j) for j in (first, second)]
    for a in apps:
        services.application_offer(actor=actor(world.hr), application=a, start_date=f.days_from_today(30))
    services.offer_accept(actor=actor(student), application=apps[0])
    with pytest.raises(DomainError) as exc:
        services.offer_accept(actor=actor(student), application=apps[1])
    assert exc.value.code == "offer_already_accepted"


def test_either_side_cancels_an_interview_with_a_reason(scene):
    w, student, job = scene
    application = services.application_submit(actor=actor(student), job=job)
    times = [timezone.now() + timedelta(days=2)]
    interview = services.interview_propose(actor=actor(w.hr), application=application, times=times, location="线上")
    with pytest.raises(ValidationError):
        services.interview_cancel(actor=actor(student), interview=interview, reason="")
    services.interview_cancel(actor=actor(student), interview=interview, reason="时间冲突")
    assert Notice.objects.filter(recipient=w.hr.user, kind="interview_cancelled").exists()
    with pytest.raises(PermissionDenied):
        services.interview_cancel(actor=actor(w.other_hr), interview=interview, reason="x")
    again = services.interview_propose(actor=actor(w.hr), application=application, times=times, location="线上")
    services.interview_cancel(actor=actor(w.hr), interview=again, reason="面试官出差")
    assert Notice.objects.filter(recipient=student.user, kind="interview_cancelled").exists()


def test_proposed_times_must_be_in_the_future(scene):
    w, student, job = scene
    application = services.application_submit(actor=actor(student), job=job)
    with pytest.raises(ValidationError) as exc:
        services.interview_propose(
            actor=actor(w.hr), application=application, times=[timezone.now() - timedelta(hours=1)], location="x"
        )
    assert "times" in exc.value.message_dict


def test_reminder_goes_the_day_before_once(scene):
    w, student, job = scene
    application = services.application_submit(actor=actor(student), job=job)
    tomorrow = timezone.localtime() + timedelta(days=1)
    at = tomorrow.replace(hour=10, minute=0, second=0, microsecond=0)
    interview = services.interview_propose(actor=actor(w.hr), application=application, times=[at], location="x")
    services.interview_pick(actor=actor(student), interview=interview, slot_id=interview.slots.get().pk)
    assert services.remind_interviews_tomorrow() == 1
    assert services.remind_interviews_tomorrow() == 0
    assert Notice.objects.filter(recipient=student.user, kind="interview_reminder").count() == 1


# -- résumé visibility ----------------------------------------------------------------------------------------


def test_company_sees_only_the_shared_sections_and_only_when_the_student_lets_it(scene):
    w, student, job = scene
    resume = services.resume_update(
        actor=actor(student), student=student, statement="热爱新能源汽车", phone="13800000000",
        skills=["电池检测", "高压安全"], visibility="applied", shared_sections=["statement", "skills"],
    )  # fmt: skip
    hr = actor(w.hr)
    assert resume_sections_for(hr, student, resume) is None  # has not applied to our company
    services.application_submit(actor=actor(student), job=job)
    sections = resume_sections_for(hr, student, resume)
    assert sections == {"statement", "skills"}
    content = resume_content(student, resume, sections)
    assert content["statement"] == "热爱新能源汽车" and "phone" not in content and "placements" not in content
    assert resume_sections_for(actor(w.other_hr), student, resume) is None
    resume = services.resume_update(actor=actor(student), student=student, visibility="vetted")
    assert resume_sections_for(actor(w.other_hr), student, resume) == {"statement", "skills"}
    resume = services.resume_update(actor=actor(student), student=student, visibility="hidden")
    assert resume_sections_for(hr, student, resume) is None
    assert resume_sections_for(actor(w.admin), student, resume) is not None  # the school sees its students'


def test_company_sees_only_applications_to_its_own_jobs(scene):
    w, student, job = scene
    other_job = open_job(w, company=w.other_company, hr=w.other_hr)
    ours = services.application_submit(actor=actor(student), job=job)
    theirs = services.application_submit(actor=actor(student), job=other_job)
    assert list(applications_visible_to(actor(w.hr))) == [ours]
    assert list(applications_visible_to(actor(w.other_hr))) == [theirs]
    assert set(applications_visible_to(actor(w.admin))) == {ours, theirs}
    assert not applications_visible_to(actor(w.other_admin)).exists()


def test_unknown_resume_section_is_a_field_error(scene):
    _w, student, _job = scene
    with pytest.raises(ValidationError) as exc:
        services.resume_update(actor=actor(student), student=student, shared_sections=["salary"])
    assert "shared_sections" in exc.value.message_dict


def test_resume_pdf_embeds_a_cjk_font(scene):
    w, student, _job = scene
    program = f.CertificateProgramFactory(name="智能新能源汽车1+X")
    f.StudentCertificateFactory(student=student, program=program, status="verified")
    f.PlacementFactory(student=student, slot=f.SlotFactory(company=w.company, base=w.base), status="completed",
                       final_grade="excellent")  # fmt: skip
    resume = services.resume_update(
        actor=actor(student), student=student, statement="热爱新能源汽车", skills=["高压安全"]
    )
    content = resume_content(student, resume, resume_sections_for(actor(student), student, resume))
    assert content["certificates"][0]["program"] == "智能新能源汽车1+X"
    assert content["placements"][0]["company"] == w.company.name
    pdf = resume_pdf(content)
    assert pdf.startswith(b"%PDF")
    assert b"/FontFile2" in pdf and b"Type0" in pdf  # a TrueType font embedded as a composite (CJK) font


def test_a_suspended_companys_jobs_leave_the_lists_and_take_no_applications(world):
    from companies.models import Company, VettingStatus
    from tests.access import client_for

    job = open_job(world)
    student = finalist(world)
    Company.objects.filter(pk=world.company.pk).update(vetting_status=VettingStatus.SUSPENDED)
    assert client_for(student.user).get("/api/v1/jobs/").json()["count"] == 0
    assert client_for(world.hr.user).get(f"/api/v1/jobs/{job.pk}/").status_code == 200  # its own staff still see it
    with pytest.raises(DomainError):
        services.application_submit(actor=actor(student.user), job=job)


def test_an_accepted_offer_never_overwrites_an_outcome_the_school_confirmed(scene):
    from alumni.services import outcome_record_offer
    from careers.selectors import graduation_year

    w, student, job = scene
    other = f.CompanyFactory(vetting_status="approved")
    recorded = outcome_record_offer(
        student=student, employer=other, graduation_year=graduation_year(student), district="jianghan",
        start_date=f.days_from_today(30),
    )  # fmt: skip
    confirmed = outcome_confirm(actor=actor(w.admin), outcome=recorded)
    before = GraduateOutcome.objects.filter(pk=confirmed.pk).values().get()
    application = services.application_submit(actor=actor(student), job=job)
    services.application_offer(actor=actor(w.hr), application=application, start_date=f.days_from_today(60))
    services.offer_accept(actor=actor(student), application=application)
    assert GraduateOutcome.objects.filter(pk=confirmed.pk).values().get() == before
    assert Notice.objects.filter(recipient=w.admin.user, kind="outcome_offer_differs").exists()
