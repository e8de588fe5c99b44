"""The scene the permission matrix plays in: the `world` personas plus one record of every kind, each belonging to
the student's school or to the company the student is placed at, so that "ours" always means the same people:
the student, their classmate and advisor, the school's admin, and the company's HR and mentor.

A path parameter `{id}` resolves to the scene's record of the path's collection (`/api/v1/<collection>/{id}/`),
and a list of that collection is checked for that record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.actor import actor_for
from accounts.services import invitation_create
from alumni.models import TalentRule
from alumni.services import outcome_create
from careers.models import Interview, InterviewSlot, Job, JobApplication, Policy, Resume
from companies.models import CompanyChangeRequest, JobCluster, ListedCompany, SiteInspection
from core.models import Job as BackgroundJob
from notices.services import notice_send
from placements.models import (
    BreachReport,
    Filing,
    GuardianConsent,
    HazardTerm,
    HoursException,
    Journal,
    JournalPhoto,
    SchoolPolicy,
    SelfArrangedProposal,
)
from tests import factories as f
from tests.conftest import build_world
from tests.permissions import fairs, fieldwork_care
from tests.permissions.vocabulary import PERSONAS
from tests.placements.helpers import image_bytes


@dataclass(frozen=True)
class Record:
    """The scene's record of a collection: the value in its URL, and the field that carries it in a list row."""

    key: object
    field: str = "id"


def build_scene() -> SimpleNamespace:
    w = build_world()
    s = SimpleNamespace(world=w)
    # The company works with the student's school: the school's admins decide its change requests.
    w.base.institutions.add(w.school)
    s.specialty_group = f.SpecialtyGroupFactory(institution=w.school, name="智能新能源汽车技术与服务")
    s.slot = f.SlotFactory(company=w.company, base=w.base, majors=[w.major], mentor=w.mentor)
    s.placement = f.PlacementFactory(student=w.student, slot=s.slot, status="active")
    s.hours_exception = HoursException.objects.create(slot=s.slot, kind="night", reason="夜班巡检。")
    s.document = f.PlacementDocumentFactory(placement=s.placement, kind="tripartite")
    s.filing = Filing.objects.get(placements=s.placement)  # the factory files a post internship that started
    s.guardian_consent = GuardianConsent.objects.create(
        placement=s.placement, guardian_name="李建国", relation="father", phone="13807150001", token_hash="0" * 64,
        code_hash="0" * 64, expires_at=timezone.now(), sent_at=timezone.now(), sent_by=w.teacher.user,
    )  # fmt: skip
    s.journal = Journal.objects.create(placement=s.placement, period=1, title="第一周", body="熟悉了电池包装调工位。")
    s.journal_photo = JournalPhoto(journal=s.journal, extension="png", content_type="image/png", size=100)
    s.journal_photo.file.save("photo.png", ContentFile(image_bytes("PNG")), save=False)
    s.journal_photo.save()
    s.breach = BreachReport.objects.create(
        student=w.student, institution=w.school, placement=s.placement, company=w.company, kind="overtime",
        description="每天加班到晚上十点以后。",
    )  # fmt: skip
    s.policy, _ = SchoolPolicy.objects.get_or_create(institution=w.school)
    s.hazard_term = HazardTerm.objects.create(institution=w.school, term="氯碱电解", category="toxic")
    s.round = f.MatchRoundFactory(institution=w.school, slots=[s.slot], cohorts=[w.cohort], status="open")
    s.program = f.CertificateProgramFactory(institution=w.school, name="本校新能源汽车检测证书")
    s.certificate = f.StudentCertificateFactory(student=w.student, program=s.program, status="pending")
    s.certificate.scan.save("scan.png", ContentFile(image_bytes("PNG")), save=False)
    s.certificate.thumbnail.save("thumb.jpg", ContentFile(image_bytes("JPEG")), save=False)
    s.certificate.scan_extension, s.certificate.scan_content_type = "png", "image/png"
    s.certificate.save()
    s.session = f.AssessmentSessionFactory(program=s.program, base=w.campus_base)
    s.registration = f.RegistrationFactory(session=s.session, student=w.student)
    s.outcome = outcome_create(
        institution=w.school, student=w.student, student_number=w.student.student_number,
        full_name=w.student.full_name, graduation_year=f.today().year, status="employed", work_city="武汉",
        in_wuhan=True, employer=w.company, employer_name=w.company.name, reported_on=f.today(), confirmed=True,
    )  # fmt: skip
    s.change_request = CompanyChangeRequest(
        company=w.company, requested_by=w.hr.user, headcount=1200, previous={"headcount": w.company.headcount},
        note="社保缴纳人数已变化。", evidence_extension="pdf", evidence_content_type="application/pdf",
    )  # fmt: skip
    s.change_request.evidence.save("evidence.pdf", ContentFile(f.MINIMAL_PDF), save=False)
    s.change_request.save()
    s.inspection = SiteInspection(
        base=w.base, institution=w.school, inspector=w.teacher.user, inspected_on=f.today(), outcome="passed",
        findings="场地与安全设施符合要求。", report_extension="pdf", report_content_type="application/pdf",
        report_size=len(f.MINIMAL_PDF),
    )  # fmt: skip
    s.inspection.report.save("report.pdf", ContentFile(f.MINIMAL_PDF), save=False)
    s.inspection.save()
    s.listing = ListedCompany.objects.create(
        institution=w.school, company=w.company, decided_by=w.admin.user, decided_at=timezone.now(),
        assessment=s.inspection,
    )  # fmt: skip
    s.proposal = SelfArrangedProposal.objects.create(
        student=w.student, company_name="武汉某汽车服务公司", credit_code="91420100MA4K000000",
        company_address="武汉市江夏区文化大道 88 号", district="jiangxia", company_headcount=200,
        post_title="维修实习生", job_cluster=JobCluster.objects.order_by("order").first(), post_headcount=40,
        start_date=s.slot.start_date, end_date=s.slot.end_date, post_wage=5000, stipend=4000, mentor_name="赵师傅",
        mentor_phone="13907150002", guardian_name="李建国", guardian_relation="father", guardian_phone="13807150001",
    )  # fmt: skip
    s.invitation = invitation_create(
        actor=actor_for(w.admin.user), email="new.teacher@test.example.com",
        full_name="新老师", role="teacher", institution=w.school,
    )  # fmt: skip
    s.job = Job.objects.create(
        company=w.company, title="电池包装调技术员", district="hannan", zone="wedz", salary_min=5000, salary_max=7000,
        headcount=2, closing_date=f.days_from_today(30), status="open",
    )  # fmt: skip
    s.resume = Resume.objects.create(student=w.student, statement="热爱新能源汽车。", photo_extension="png",
                                     photo_content_type="image/png")  # fmt: skip
    s.resume.photo.save("photo.png", ContentFile(image_bytes("PNG")))
    s.job_application = JobApplication.objects.create(job=s.job, student=w.student)
    s.interview = Interview.objects.create(
        application=s.job_application, location="沌口厂区行政楼", status="scheduled",
        starts_at=timezone.now() + timedelta(days=3),
    )  # fmt: skip
    InterviewSlot.objects.create(interview=s.interview, starts_at=s.interview.starts_at)
    s.talent_rule = TalentRule.objects.order_by("order").first()
    s.talent_policy = Policy.objects.create(
        title="小微企业吸纳毕业生补贴",
        offers="每吸纳一名高校毕业生，给予企业 1,000 元。",
        source="公开报道",
        source_date="2020",
    )
    (s.notice,) = notice_send(
        recipients=[w.student.user], kind="company_vetted", params={"company": "x", "status": "y"}
    )
    s.background_job = BackgroundJob.objects.create(
        kind=BackgroundJob.Kind.PLACEMENTS_EXPORT,
        owner=w.admin.user,
        institution=w.school,
        status=BackgroundJob.Status.SUCCEEDED,
        result_name="实习名单.xlsx",
        result_type="application/octet-stream",
    )
    s.background_job.result.save("job.xlsx", ContentFile(b"PK\x03\x04 export"), save=True)
    s.records = {
        "institutions": Record(w.school.pk),
        "specialty-groups": Record(s.specialty_group.pk),
        "majors": Record(w.major.pk),
        "cohorts": Record(w.cohort.pk),
        "students": Record(w.student.pk),
        "teachers": Record(w.teacher.pk),  # the student's advisor
        "companies": Record(w.company.pk),
        "company-members": Record(w.mentor.pk),  # HR manages the mentor's membership
        "bases": Record(w.base.pk),
        "company-change-requests": Record(s.change_request.pk),
        "site-inspections": Record(s.inspection.pk),
        "school-companies": Record(s.listing.pk),
        "invitations": Record(s.invitation.pk),
        "slots": Record(s.slot.pk),
        "placements": Record(s.placement.pk),
        "placement-documents": Record(s.document.pk),
        "journals": Record(s.journal.pk),
        "journal-photos": Record(s.journal_photo.pk),
        "breach-reports": Record(s.breach.pk),
        "school-policies": Record(s.policy.pk),
        "hours-exceptions": Record(s.hours_exception.pk),
        "guardian-consents": Record(s.guardian_consent.pk),
        "filings": Record(s.filing.pk),
        "self-arranged": Record(s.proposal.pk),
        "hazard-terms": Record(s.hazard_term.pk),
        "match-rounds": Record(s.round.pk),
        "certificate-programs": Record(s.program.pk),
        "student-certificates": Record(s.certificate.pk),
        "assessment-sessions": Record(s.session.pk),
        "outcomes": Record(s.outcome.pk),
        "talent-rules": Record(s.talent_rule.code, field="code"),
        "jobs": Record(s.job.pk),
        "job-applications": Record(s.job_application.pk),
        "interviews": Record(s.interview.pk),
        "policies": Record(s.talent_policy.pk),
        "notices": Record(s.notice.pk),  # to the student
        "background-jobs": Record(s.background_job.pk),  # an export our school's admin started
        "activation": Record(w.school.pk),  # /activation/institutions/ lists the schools
    }
    s.records |= fieldwork_care.build(s)
    s.records |= fairs.build(s)
    from tests.permissions.fieldwork_daily import build_fieldwork_scene

    s.records |= build_fieldwork_scene(s)
    s.users = {"anon": None} | {name: w.user(name) for name in PERSONAS if name != "anon"}
    return s


API = "/api/v1/"


def collection_of(path: str) -> str:
    """'/api/v1/placements/{id}/approve/' -> 'placements'."""
    return path.removeprefix(API).split("/", 1)[0]


def resolve(scene: SimpleNamespace, path: str) -> str:
    return path.replace("{id}", str(scene.records[collection_of(path)].key)) if "{id}" in path else path


def is_list(path: str, method: str) -> bool:
    """A collection's list (or a list-shaped read such as /activation/institutions/)."""
    if method != "GET" or "{id}" in path:
        return False
    rest = path.removeprefix(API).strip("/").split("/")
    return len(rest) == 1 or path == "/api/v1/activation/institutions/"
