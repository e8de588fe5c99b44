"""careers.fairs: recruitment fairs, their booths and registrations (issue 18).

The scene's fair is our school's (its admin organises it; its teachers staff the check-in desk), open, with our
company's booth approved (our HR applied) and the student registered. Organisers manage a fair; students it is for
register; every vetted company sees published fairs and applies for a booth; the report is the organisers' and
the city's (the analyst reads figures, never a registration); another school's staff do not see our school's
fair."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.actor import actor_for
from careers.fairs import services
from tests.permissions.vocabulary import ALLOW, DENY, EMPTY, HIDE, row

UNSEEN = {"other_staff": HIDE, "pending_hr": HIDE, "outsider": HIDE}
MANAGE = row(DENY, admin=ALLOW, **UNSEEN)  # our school's admin organises the scene's fair
REPORT = row(DENY, admin=ALLOW, analyst=ALLOW, city_staff=ALLOW, **UNSEEN)

TABLE = {
    "GET /api/v1/fairs/": row(ALLOW, other_staff=EMPTY, pending_hr=EMPTY, outsider=EMPTY),
    "POST /api/v1/fairs/": row(DENY, admins=ALLOW, city_staff=ALLOW),  # 400 without a body
    "GET /api/v1/fairs/{id}/": row(ALLOW, **UNSEEN),
    "PATCH /api/v1/fairs/{id}/": MANAGE,
    "POST /api/v1/fairs/{id}/open/": MANAGE,  # 409: already open
    "POST /api/v1/fairs/{id}/close/": MANAGE,
    "POST /api/v1/fairs/{id}/cancel/": MANAGE,  # 400 without a reason
    "POST /api/v1/fairs/{id}/register/": row(DENY, students=ALLOW, **UNSEEN),  # the student: 409, registered
    "POST /api/v1/fairs/{id}/check-in/": row(DENY, staff=ALLOW, **UNSEEN),  # 400 without a code
    "GET /api/v1/fairs/{id}/report/": REPORT,
    "GET /api/v1/fairs/{id}/report-xlsx/": REPORT,
    # who registered and did not come: the desk staff only (our school's fair: its admin and teachers), never
    # the company with a booth, the analyst or the city's staff (not the organisers of a school's fair)
    "GET /api/v1/fairs/{id}/not-checked-in-xlsx/": row(DENY, staff=ALLOW, **UNSEEN),
    "GET /api/v1/booths/": row(ALLOW, other_staff=EMPTY, pending_hr=EMPTY, outsider=EMPTY),
    "POST /api/v1/booths/": row(DENY, vetted_hr=ALLOW, pending_hr=ALLOW),  # 400 without a fair
    "GET /api/v1/booths/{id}/": row(ALLOW, **UNSEEN),  # approved: shown with the fair
    "PATCH /api/v1/booths/{id}/": row(DENY, hr=ALLOW, **UNSEEN),
    "POST /api/v1/booths/{id}/approve/": MANAGE,  # 409: decided already
    "POST /api/v1/booths/{id}/refuse/": MANAGE,  # 400 without a reason
    "POST /api/v1/booths/{id}/withdraw/": row(DENY, hr=ALLOW, **UNSEEN),
    "GET /api/v1/fair-registrations/": row(EMPTY, student=ALLOW, staff=ALLOW),
    "GET /api/v1/fair-registrations/{id}/": row(HIDE, student=ALLOW, staff=ALLOW),
    "POST /api/v1/fair-registrations/{id}/cancel/": row(HIDE, student=ALLOW, staff=DENY),
}


def build(s) -> dict:
    """The scene's fair, booth and registration, made through the services (see the module's docstring); returns
    their records for the scene."""
    from tests.permissions.scene import Record

    w = s.world
    admin = actor_for(w.admin.user)
    starts = timezone.now() + timedelta(days=7)
    fair = services.fair_create(
        actor=admin, title="新能源汽车专场招聘会", starts_at=starts, ends_at=starts + timedelta(hours=4), venue="体育馆"
    )
    s.fair = services.fair_open(actor=admin, fair=fair)
    s.booth = services.booth_apply(actor=actor_for(w.hr.user), fair=s.fair, jobs=[s.job], slots=[s.slot])
    services.booth_approve(actor=admin, booth=s.booth)
    s.fair_registration = services.registration_create(actor=actor_for(w.student.user), fair=s.fair)
    return {
        "fairs": Record(s.fair.pk),
        "booths": Record(s.booth.pk),
        "fair-registrations": Record(s.fair_registration.pk),
    }
