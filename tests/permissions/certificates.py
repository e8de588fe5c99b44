"""certificates: the 1+X catalogue, students' certificates with their scans, assessment sessions, the results
import and the certificates report.

The catalogue is read by everyone signed in; a school admin adds programmes for their school and only that
school's admins change them (the scene's programme is our school's). A certificate is the student's: their
school's teachers verify it, the companies the student applied to may look (the student is placed at ours); no
one else, and no file reaches the city's analyst. Sessions are held at our school's on-campus base for its
students; the student is registered."""

from __future__ import annotations

from tests.permissions.vocabulary import ALLOW, DENY, EMPTY, HIDE, OMIT, row

CERTIFICATE_READ = row(HIDE, student=ALLOW, staff=ALLOW, company=ALLOW)
CERTIFICATE_DECIDE = row(HIDE, staff=ALLOW, student=DENY, company=DENY)
SESSION_STAFF = row(HIDE, staff=ALLOW, students=DENY)

TABLE = {
    "GET /api/v1/certificate-programs/": row(ALLOW),
    "POST /api/v1/certificate-programs/": row(DENY, admins=ALLOW),
    "GET /api/v1/certificate-programs/{id}/": row(ALLOW),
    "PATCH /api/v1/certificate-programs/{id}/": row(DENY, admin=ALLOW),
    "GET /api/v1/student-certificates/": row(
        EMPTY, student=ALLOW, staff=ALLOW, company=ALLOW, classmate=OMIT, other_staff=OMIT
    ),
    "POST /api/v1/student-certificates/": row(DENY, students=ALLOW, multipart=True),
    "GET /api/v1/student-certificates/{id}/": CERTIFICATE_READ,
    "GET /api/v1/student-certificates/{id}/scan/": CERTIFICATE_READ,
    "GET /api/v1/student-certificates/{id}/thumbnail/": CERTIFICATE_READ,
    "POST /api/v1/student-certificates/{id}/verify/": CERTIFICATE_DECIDE,
    "POST /api/v1/student-certificates/{id}/reject/": CERTIFICATE_DECIDE,
    "GET /api/v1/assessment-sessions/": row(EMPTY, staff=ALLOW, students=ALLOW, other_staff=OMIT),
    "POST /api/v1/assessment-sessions/": row(DENY, all_staff=ALLOW),  # at their own school's on-campus base
    "GET /api/v1/assessment-sessions/{id}/": row(HIDE, staff=ALLOW, students=ALLOW),
    "PATCH /api/v1/assessment-sessions/{id}/": SESSION_STAFF,
    "POST /api/v1/assessment-sessions/{id}/register/": row(HIDE, students=ALLOW, staff=DENY),  # the student: 409
    "GET /api/v1/assessment-sessions/{id}/registrations/": SESSION_STAFF,
    "POST /api/v1/assessment-sessions/{id}/results/": SESSION_STAFF,
    "POST /api/v1/imports/certificates/": row(DENY, admins=ALLOW, multipart=True),  # 400 without a file
    "GET /api/v1/imports/certificates/template/": row(DENY, admins=ALLOW),
    "GET /api/v1/certificates/report/": row(DENY, all_staff=ALLOW, analyst=ALLOW),  # figures, each staff their school
}
