"""schools: institutions, specialty groups, majors, classes, students, teachers, the student import.

The directory (institutions, specialty groups, majors) is read by everyone signed in and changed by the school's
admins. Classes, students and staff are the school's own: its staff read them, a student reads their own record,
class and advisor, the city's analyst reads none (figures only). Nothing is deleted: records are archived."""

from __future__ import annotations

from tests.permissions.vocabulary import ALLOW, DENY, EMPTY, HIDE, OMIT, row

# Directory records of our school: every signed-in user reads them; only its admins change them.
DIRECTORY_READ = row(ALLOW)
DIRECTORY_CREATE = row(DENY, admins=ALLOW)  # each admin for their own school (400 for an empty form)
DIRECTORY_WRITE = row(DENY, admin=ALLOW)

# Our class: its school's staff and its students read it.
COHORT_WRITE = row(HIDE, admin=ALLOW, teacher=DENY, students=DENY)
# The student's record: our staff and the student; a classmate does not see it.
STUDENT_WRITE = row(HIDE, admin=ALLOW, teacher=DENY, student=DENY)
# The advisor's staff record: our staff, and the students they advise (the classmate has the same advisor).
TEACHER_WRITE = row(HIDE, admin=ALLOW, teacher=DENY, students=DENY)

TABLE = {
    "GET /api/v1/institutions/": DIRECTORY_READ,
    "GET /api/v1/institutions/{id}/": DIRECTORY_READ,
    "PATCH /api/v1/institutions/{id}/": DIRECTORY_WRITE,
    "GET /api/v1/specialty-groups/": DIRECTORY_READ,
    "POST /api/v1/specialty-groups/": DIRECTORY_CREATE,
    "GET /api/v1/specialty-groups/{id}/": DIRECTORY_READ,
    "PATCH /api/v1/specialty-groups/{id}/": DIRECTORY_WRITE,
    "GET /api/v1/majors/": DIRECTORY_READ,
    "POST /api/v1/majors/": DIRECTORY_CREATE,
    "GET /api/v1/majors/{id}/": DIRECTORY_READ,
    "PATCH /api/v1/majors/{id}/": DIRECTORY_WRITE,
    "POST /api/v1/majors/{id}/archive/": DIRECTORY_WRITE,
    "POST /api/v1/majors/{id}/restore/": DIRECTORY_WRITE,  # 409 not_archived: let in
    "GET /api/v1/cohorts/": row(EMPTY, staff=ALLOW, students=ALLOW, other_staff=OMIT),
    "POST /api/v1/cohorts/": DIRECTORY_CREATE,
    "GET /api/v1/cohorts/{id}/": row(HIDE, staff=ALLOW, students=ALLOW),
    "PATCH /api/v1/cohorts/{id}/": COHORT_WRITE,
    "POST /api/v1/cohorts/{id}/archive/": COHORT_WRITE,
    "POST /api/v1/cohorts/{id}/restore/": COHORT_WRITE,
    "GET /api/v1/students/": row(EMPTY, staff=ALLOW, student=ALLOW, classmate=OMIT, other_staff=OMIT),
    "POST /api/v1/students/": DIRECTORY_CREATE,
    "GET /api/v1/students/{id}/": row(HIDE, staff=ALLOW, student=ALLOW),
    "PATCH /api/v1/students/{id}/": STUDENT_WRITE,
    "POST /api/v1/students/{id}/archive/": STUDENT_WRITE,
    "POST /api/v1/students/{id}/restore/": STUDENT_WRITE,
    "POST /api/v1/students/{id}/activation-code/": STUDENT_WRITE,  # 400: already activated, still let in
    "GET /api/v1/teachers/": row(EMPTY, staff=ALLOW, students=ALLOW, other_staff=OMIT),
    "POST /api/v1/teachers/": DIRECTORY_CREATE,  # invites by e-mail
    "GET /api/v1/teachers/{id}/": row(HIDE, staff=ALLOW, students=ALLOW),
    "PATCH /api/v1/teachers/{id}/": TEACHER_WRITE,
    "POST /api/v1/teachers/{id}/archive/": TEACHER_WRITE,  # removes the advisor from the school
    "POST /api/v1/teachers/{id}/restore/": TEACHER_WRITE,
    "POST /api/v1/imports/students/": row(DENY, admins=ALLOW, multipart=True),  # 400 without a file
    "GET /api/v1/imports/students/template/": row(DENY, admins=ALLOW),
}
