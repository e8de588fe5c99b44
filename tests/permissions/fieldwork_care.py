"""fieldwork (issue 17): teacher visits, incidents and students' reviews.

An incident is seen by the student's school (its admins; the student's teacher), the company's HR and the
placement's mentor (the scene's is a hazard, not harassment, so the company sees it), and the student who
reported it; the school closes it, its admins decide whether the company sees it. A visit is the school's own
record. A review is the student's and their school's, never the company's; the published averages reach students
and schools. The city's analyst reads only the serious incidents' counts by company."""

from __future__ import annotations

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.permissions.vocabulary import ALLOW, DENY, EMPTY, HIDE, row

INCIDENT_READERS = {"student": ALLOW, "staff": ALLOW, "company": ALLOW}

TABLE = {
    # -- incidents
    "GET /api/v1/incidents/": row(EMPTY, **INCIDENT_READERS),
    # anyone with a part in placements reports (400 for the empty form); the placement field then says whose
    "POST /api/v1/incidents/": row(DENY, students=ALLOW, all_staff=ALLOW, company_staff=ALLOW),
    "GET /api/v1/incidents/{id}/": row(HIDE, **INCIDENT_READERS),
    "POST /api/v1/incidents/{id}/respond/": row(HIDE, **INCIDENT_READERS),  # 400: no message
    "POST /api/v1/incidents/{id}/close/": row(HIDE, student=DENY, staff=ALLOW, company=DENY),  # 409: unanswered
    "POST /api/v1/incidents/{id}/share/": row(HIDE, student=DENY, teacher=DENY, admin=ALLOW, company=DENY),
    "GET /api/v1/incident-photos/{id}/file/": row(HIDE, **INCIDENT_READERS),
    "GET /api/v1/incident-counts/": row(DENY, analyst=ALLOW),
    # an anonymous report's follow-up, by its code only (400 without one): any student may ask, no one else
    "POST /api/v1/incidents/follow-up/": row(DENY, students=ALLOW),
    "POST /api/v1/incidents/follow-up/reply/": row(DENY, students=ALLOW),
    # -- teacher visits and coverage: the school's staff
    "GET /api/v1/visits/": row(EMPTY, staff=ALLOW),
    "POST /api/v1/visits/": row(DENY, all_staff=ALLOW),  # 400: empty form
    "GET /api/v1/visits/{id}/": row(HIDE, staff=ALLOW),
    "GET /api/v1/visit-photos/{id}/file/": row(HIDE, staff=ALLOW),
    "GET /api/v1/visit-coverage/": row(DENY, all_staff=ALLOW),
    # -- reviews (the student's and their school's) and the published averages (students and schools)
    "GET /api/v1/placement-reviews/": row(EMPTY, student=ALLOW, staff=ALLOW),
    "POST /api/v1/placement-reviews/": row(DENY, students=ALLOW),  # 400: empty form
    "GET /api/v1/placement-reviews/{id}/": row(HIDE, student=ALLOW, staff=ALLOW),
    "GET /api/v1/company-ratings/{id}/": row(HIDE, students=ALLOW, all_staff=ALLOW),
}


def build(s) -> dict:
    """The scene's records of this table: a hazard the student reported (with a photo), a teacher's visit (with a
    photo) and the student's review of the placement."""
    from fieldwork.models import Incident, IncidentPhoto, PlacementReview, Visit, VisitPhoto
    from tests.permissions.scene import Record
    from tests.placements.helpers import image_bytes

    w = s.world
    now = timezone.now()
    s.incident = Incident.objects.create(
        institution=w.school, company=w.company, base=w.base, placement=s.placement, reporter=w.student.user,
        reporter_side="student", kind="hazard", severity="serious", description="车间地面油污未清理。",
        occurred_at=now - timedelta(hours=3), response_due_at=now + timedelta(hours=21),
    )  # fmt: skip
    s.incident_photo = IncidentPhoto(incident=s.incident, extension="png", content_type="image/png", size=100)
    s.incident_photo.file.save("photo.png", ContentFile(image_bytes("PNG")), save=False)
    s.incident_photo.save()
    s.visit = Visit.objects.create(
        institution=w.school, visitor=w.teacher, placement=s.placement, base=w.base, visited_on=now.date(),
        mode="on_site", findings="工位安全防护到位。",
    )  # fmt: skip
    s.visit_photo = VisitPhoto(visit=s.visit, extension="png", content_type="image/png", size=100)
    s.visit_photo.file.save("photo.png", ContentFile(image_bytes("PNG")), save=False)
    s.visit_photo.save()
    s.review = PlacementReview.objects.create(
        placement=s.placement, institution=w.school, company=w.company, base=w.base, mentor=w.mentor,
        company_stars=4, base_stars=4, mentor_stars=5, company_comment="带教认真。",
    )  # fmt: skip
    return {
        "incidents": Record(s.incident.pk),
        "incident-photos": Record(s.incident_photo.pk),
        "visits": Record(s.visit.pk),
        "visit-photos": Record(s.visit_photo.pk),
        "placement-reviews": Record(s.review.pk),
        "company-ratings": Record(w.company.pk),
    }
