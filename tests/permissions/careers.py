"""careers: résumés, graduate jobs, applications and interviews.

A résumé is the student's own (their school's staff and the companies they share it with read it through an
application). Open jobs are for everyone with a role; a vetted company's HR posts and manages its own. An
application is seen by the student, the HR of the job's company and the student's school's staff; each move is
made by one side only (the other gets a 403, whoever cannot see it a 404). An interview likewise: the student
picks a time, either side cancels. The city's talent policies (政策信息) are read by everyone signed in and kept by
the city's staff."""

from __future__ import annotations

from tests.permissions.vocabulary import ALLOW, DENY, EMPTY, HIDE, row

OURS = {"student": ALLOW, "staff": ALLOW, "hr": ALLOW}
STUDENT_MOVE = row(HIDE, student=ALLOW, staff=DENY, hr=DENY)
COMPANY_MOVE = row(HIDE, hr=ALLOW, staff=DENY, student=DENY)
JOB_WRITE = row(DENY, hr=ALLOW, outsider=HIDE, pending_hr=HIDE)
POLICY_KEEP = row(DENY, city_staff=ALLOW)  # the restore: 409, not archived

TABLE = {
    "GET /api/v1/resume/": row(DENY, students=ALLOW),
    "PATCH /api/v1/resume/": row(DENY, students=ALLOW),
    "GET /api/v1/resume/pdf/": row(DENY, students=ALLOW),
    "GET /api/v1/resume/photo/": row(DENY, student=ALLOW, classmate=HIDE),  # the classmate has no photo
    "POST /api/v1/resume/photo/": row(DENY, students=ALLOW, multipart=True),  # 400 without a file
    "GET /api/v1/jobs/": row(ALLOW, outsider=EMPTY, pending_hr=EMPTY),
    "POST /api/v1/jobs/": row(DENY, vetted_hr=ALLOW, pending_hr=ALLOW),  # pending: 409 from the service
    "GET /api/v1/jobs/{id}/": row(ALLOW, outsider=HIDE, pending_hr=HIDE),
    "PATCH /api/v1/jobs/{id}/": JOB_WRITE,
    "POST /api/v1/jobs/{id}/publish/": JOB_WRITE,  # 409: already open
    "POST /api/v1/jobs/{id}/close/": JOB_WRITE,
    "GET /api/v1/job-applications/": row(EMPTY, **OURS),
    "POST /api/v1/job-applications/": row(DENY, students=ALLOW),  # 400 without a job
    "GET /api/v1/job-applications/{id}/": row(HIDE, **OURS),
    "GET /api/v1/job-applications/{id}/resume-pdf/": row(HIDE, **OURS),  # shared with the company applied to
    "POST /api/v1/job-applications/{id}/withdraw/": STUDENT_MOVE,
    "POST /api/v1/job-applications/{id}/accept/": STUDENT_MOVE,  # 409: no offer yet
    "POST /api/v1/job-applications/{id}/decline/": STUDENT_MOVE,
    "POST /api/v1/job-applications/{id}/reject/": COMPANY_MOVE,
    "POST /api/v1/job-applications/{id}/offer/": COMPANY_MOVE,
    "POST /api/v1/job-applications/{id}/interview/": COMPANY_MOVE,
    "GET /api/v1/interviews/": row(EMPTY, **OURS),
    "GET /api/v1/interviews/{id}/": row(HIDE, **OURS),
    "GET /api/v1/interviews/{id}/ics/": row(HIDE, **OURS),
    "POST /api/v1/interviews/{id}/pick/": row(HIDE, student=ALLOW, staff=DENY, hr=DENY),  # 409: already picked
    "POST /api/v1/interviews/{id}/cancel/": row(HIDE, student=ALLOW, hr=ALLOW, staff=DENY),
    "GET /api/v1/policies/": row(ALLOW),
    "POST /api/v1/policies/": POLICY_KEEP,  # 400 without a body
    "GET /api/v1/policies/{id}/": row(ALLOW),
    "PATCH /api/v1/policies/{id}/": POLICY_KEEP,
    "POST /api/v1/policies/{id}/archive/": POLICY_KEEP,
    "POST /api/v1/policies/{id}/restore/": POLICY_KEEP,
}
