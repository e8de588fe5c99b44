"""placements: slots, applications and placements, their papers, journals, breach reports, school policies and
match rounds.

Open slots of approved companies are public to everyone signed in; the company's HR posts and changes them. A
placement is seen by its three parties: the student, their school's staff, the company's staff; each action
belongs to one of them (README "What you can do in the app"). Journals and breach reports are between the
student and their school, never the company. The city's analyst reads figures only: no placement, paper,
journal, report or round. The scene's placement is active, its round open (not a draft)."""

from __future__ import annotations

from tests.permissions.vocabulary import ALLOW, DENY, EMPTY, HIDE, OMIT, public, row


def placement_action(**who):
    """Everyone who sees the placement but is not named is refused (403); everyone else does not find it."""
    return row(HIDE, **{"student": DENY, "staff": DENY, "company": DENY, **who})


def round_action(**who):
    """Everyone who sees the round (our school's staff, the students of its class, the slots' company) but is
    not named is refused; everyone else does not find it."""
    return row(HIDE, **{"staff": DENY, "students": DENY, "company": DENY, **who})


TEACHERS = {"staff": ALLOW}  # the admin does everything a teacher does for the school
PAPERS = row(HIDE, student=ALLOW, staff=ALLOW, company=ALLOW)  # the placement's parties

TABLE = {
    # -- slots
    "GET /api/v1/slots/": row(ALLOW),
    # Vetted HR post slots (400 for an empty form); a company under review gets through to the 409
    # company_not_approved that says why not yet.
    "POST /api/v1/slots/": row(DENY, vetted_hr=ALLOW, pending_hr=ALLOW),
    "GET /api/v1/slots/{id}/": row(ALLOW),
    "PATCH /api/v1/slots/{id}/": row(DENY, hr=ALLOW),
    "POST /api/v1/slots/{id}/publish/": row(DENY, hr=ALLOW),  # 409: already open
    "POST /api/v1/slots/{id}/close/": row(DENY, hr=ALLOW),
    "POST /api/v1/slots/{id}/cancel/": row(DENY, hr=ALLOW),
    "GET /api/v1/slots/{id}/eligibility/": row(ALLOW, note="non-students are told only students apply"),
    # A slot held for naming high-risk work (art. 17) is reviewed by the admins of the schools it is offered to (the
    # scene's base works with our school); the scene's slot is open, so the admin is let in to a 409.
    "POST /api/v1/slots/{id}/approve-review/": row(DENY, admin=ALLOW, body=lambda s: {"reason": "核实不涉及高危作业"}),
    "POST /api/v1/slots/{id}/refuse-review/": row(DENY, admin=ALLOW, body=lambda s: {"reason": "涉及高危作业"}),
    # -- placements
    "GET /api/v1/placements/": row(
        EMPTY, student=ALLOW, staff=ALLOW, company=ALLOW, classmate=OMIT, other_staff=OMIT, other_hr=OMIT
    ),
    "POST /api/v1/placements/": row(DENY, students=ALLOW),  # a student applies
    "GET /api/v1/placements/export/": row(DENY, all_staff=ALLOW),
    "GET /api/v1/placements/{id}/": row(HIDE, student=ALLOW, staff=ALLOW, company=ALLOW),
    "POST /api/v1/placements/{id}/withdraw/": placement_action(student=ALLOW),
    "POST /api/v1/placements/{id}/approve/": placement_action(**TEACHERS),
    "POST /api/v1/placements/{id}/reject/": placement_action(**TEACHERS),
    "POST /api/v1/placements/{id}/confirm/": placement_action(hr=ALLOW),
    "POST /api/v1/placements/{id}/decline/": placement_action(hr=ALLOW),
    "POST /api/v1/placements/{id}/start/": placement_action(**TEACHERS, hr=ALLOW),
    "POST /api/v1/placements/{id}/request-end/": placement_action(student=ALLOW),
    "POST /api/v1/placements/{id}/decide-end/": placement_action(**TEACHERS),
    "POST /api/v1/placements/{id}/complete/": placement_action(**TEACHERS),
    "POST /api/v1/placements/{id}/waive-journals/": placement_action(**TEACHERS),  # 400: no reason
    # The teacher and the admin assess as the school, the company's staff (HR or mentor) as the company: who may
    # depends on the role the body names, so the row sends one (as the teacher).
    "POST /api/v1/placements/{id}/assess/": placement_action(
        **TEACHERS, body=lambda s: {"role": "teacher", "grade": "good"}, note="assessing as the teacher"
    ),
    # A company with nobody on the platform assesses on paper: the placement's teacher (the student's advisor) or
    # an admin of the school records it with its scan; nobody else, the company's own staff included (they assess
    # through assess/). 400 for the empty form (the scene's company has staff, which the service refuses: 409).
    "POST /api/v1/placements/{id}/paper-assessment/": placement_action(teacher=ALLOW, admin=ALLOW, multipart=True),
    # Papers: the company's HR uploads the agreement, the student the consent form, the school any of them; the
    # mentor is no party to the paperwork (which party uploads which kind, the service checks once the form is read).
    "POST /api/v1/placements/{id}/documents/": placement_action(**TEACHERS, hr=ALLOW, student=ALLOW, multipart=True),
    # A teacher and a mentor for every placement: the company's HR names the mentor, the school the teacher; the
    # school or the company's staff (HR or mentor) record the safety training. 400s: the bodies are empty.
    "POST /api/v1/placements/{id}/mentor/": placement_action(hr=ALLOW),
    "POST /api/v1/placements/{id}/teacher/": placement_action(**TEACHERS),
    "POST /api/v1/placements/{id}/safety-training/": placement_action(**TEACHERS, company=ALLOW),
    "GET /api/v1/placement-documents/{id}/": PAPERS,
    "GET /api/v1/placement-documents/{id}/file/": PAPERS,
    # The school checks or returns a paper (the guardian's consent); the others who see it are refused. The scene's
    # paper is the agreement, which needs no check: staff are let in to a 409.
    "POST /api/v1/placement-documents/{id}/check/": row(HIDE, student=DENY, staff=ALLOW, company=DENY),
    "POST /api/v1/placement-documents/{id}/return/": row(
        HIDE, student=DENY, staff=ALLOW, company=DENY, body=lambda s: {"reason": "看不清，请重新上传。"}
    ),
    # -- journals: the student, their school and the placement's company mentor (not HR, not the rest of the
    # company); the student writes (a draft kept while typing, photos in it), the school and the mentor comment
    "POST /api/v1/placements/{id}/journals/": placement_action(student=ALLOW),
    "GET /api/v1/placements/{id}/journal-draft/": placement_action(student=ALLOW),
    "POST /api/v1/placements/{id}/journal-draft/": placement_action(student=ALLOW),
    "GET /api/v1/journals/": row(EMPTY, student=ALLOW, staff=ALLOW, mentor=ALLOW, classmate=OMIT, other_staff=OMIT),
    "GET /api/v1/journals/{id}/": row(HIDE, student=ALLOW, staff=ALLOW, mentor=ALLOW),
    "POST /api/v1/journals/{id}/comment/": row(HIDE, student=DENY, **TEACHERS, mentor=ALLOW),
    # the reviewer's list (their advisees' or interns' journals): every teacher and vetted company member may ask
    "GET /api/v1/journals/review/": row(DENY, all_staff=ALLOW, company_staff=ALLOW),
    "POST /api/v1/journals/{id}/read/": row(HIDE, student=DENY, **TEACHERS, mentor=ALLOW),
    # 409: the scene's journal is submitted (photos go into a draft)
    "POST /api/v1/journals/{id}/photos/": row(HIDE, student=ALLOW, staff=DENY, mentor=DENY, multipart=True),
    "GET /api/v1/journal-photos/{id}/file/": row(HIDE, student=ALLOW, staff=ALLOW, mentor=ALLOW),
    "DELETE /api/v1/journal-photos/{id}/": row(HIDE, student=ALLOW, staff=DENY, mentor=DENY),
    # -- breach reports: the student and their school only
    "GET /api/v1/breach-reports/": row(EMPTY, student=ALLOW, staff=ALLOW, classmate=OMIT, other_staff=OMIT),
    "POST /api/v1/breach-reports/": row(DENY, students=ALLOW),
    "GET /api/v1/breach-reports/{id}/": row(HIDE, student=ALLOW, staff=ALLOW),
    "POST /api/v1/breach-reports/{id}/answer/": row(HIDE, student=DENY, **TEACHERS),
    # -- the school's placement policy: read by its staff, changed by its admins
    "GET /api/v1/school-policies/": row(EMPTY, staff=ALLOW, other_staff=OMIT),
    "GET /api/v1/school-policies/{id}/": row(HIDE, staff=ALLOW),
    "PATCH /api/v1/school-policies/{id}/": row(HIDE, admin=ALLOW, teacher=DENY),
    # -- the high-risk work list (art. 17): the platform's terms and each school's; school staff read it, a school's
    # admins keep their school's terms (the scene's term is our school's)
    "GET /api/v1/hazard-terms/": row(EMPTY, staff=ALLOW, other_staff=OMIT),
    "POST /api/v1/hazard-terms/": row(DENY, admins=ALLOW),  # 400: no term
    "GET /api/v1/hazard-terms/{id}/": row(HIDE, staff=ALLOW),
    "PATCH /api/v1/hazard-terms/{id}/": row(HIDE, admin=ALLOW, teacher=DENY),
    "DELETE /api/v1/hazard-terms/{id}/": row(HIDE, admin=ALLOW, teacher=DENY),
    # -- working-time exceptions (art. 17): the slot's company proposes (its HR), the staff of the schools the slot
    # works with approve or refuse and file them; the company's staff and those schools' staff read them
    "GET /api/v1/hours-exceptions/": row(EMPTY, staff=ALLOW, company=ALLOW, other_staff=OMIT, other_hr=OMIT),
    "POST /api/v1/hours-exceptions/": row(DENY, vetted_hr=ALLOW),  # 400 for an empty form
    "GET /api/v1/hours-exceptions/{id}/": row(HIDE, staff=ALLOW, company=ALLOW),
    "POST /api/v1/hours-exceptions/{id}/decide/": row(HIDE, **TEACHERS, company=DENY),  # 400: no reason
    "POST /api/v1/hours-exceptions/{id}/file/": row(HIDE, **TEACHERS, company=DENY),  # 400: no authority
    # -- the guardian's consent online: the student's school lists and sends the links (400s: empty bodies); the
    # guardian answers without signing in, with the token and code from the text message (400s: no token)
    "GET /api/v1/guardian-consents/": row(EMPTY, staff=ALLOW, other_staff=OMIT),
    "POST /api/v1/guardian-consents/": row(DENY, all_staff=ALLOW),
    "POST /api/v1/guardian-consent/link/": public(),
    "POST /api/v1/guardian-consent/open/": public(),
    "POST /api/v1/guardian-consent/decide/": public(),
    # -- filing with the education authority: the school's staff read its filings; its admins list and export
    # the arrangements, record filings and approve cross-province placements, each for their own school
    # -- the internship archive: the student's school keeps it (its staff download the PDF, the student their
    # own); the company sees the placement but not the archive; a class's ZIP for its school's staff only
    "GET /api/v1/placements/{id}/internship-archive/": row(HIDE, student=ALLOW, staff=ALLOW, company=DENY),
    "GET /api/v1/cohorts/{id}/internship-archive/": row(HIDE, staff=ALLOW),
    # -- self-arranged placements: the student proposes (400 for an empty form) and reads their own, withdraws
    # it; our school's staff read them, its admin approves (vetting the company) or rejects (400 without reason)
    "GET /api/v1/self-arranged/": row(EMPTY, student=ALLOW, staff=ALLOW),
    "POST /api/v1/self-arranged/": row(DENY, students=ALLOW),
    "GET /api/v1/self-arranged/{id}/": row(HIDE, student=ALLOW, staff=ALLOW),
    "POST /api/v1/self-arranged/{id}/approve/": row(HIDE, student=DENY, teacher=DENY, admin=ALLOW),
    "POST /api/v1/self-arranged/{id}/reject/": row(HIDE, student=DENY, teacher=DENY, admin=ALLOW),
    "POST /api/v1/self-arranged/{id}/withdraw/": row(HIDE, student=ALLOW, staff=DENY),
    "GET /api/v1/filings/": row(EMPTY, staff=ALLOW, other_staff=OMIT),
    "POST /api/v1/filings/": row(DENY, admins=ALLOW),
    "GET /api/v1/filings/arrangements/": row(DENY, admins=ALLOW),
    "GET /api/v1/filings/export/": row(DENY, admins=ALLOW),
    "POST /api/v1/filings/approve-cross-province/": row(DENY, admins=ALLOW),
    # -- the regulation's citations and their clauses (the app's 依据 link): the public regulation
    "GET /api/v1/regulation/": public(),
    # -- match rounds: our school's staff run them; the class's students rank; the slots' company ranks applicants
    "GET /api/v1/match-rounds/": row(
        EMPTY, staff=ALLOW, students=ALLOW, company=ALLOW, other_staff=OMIT, other_hr=OMIT
    ),
    "POST /api/v1/match-rounds/": row(DENY, all_staff=ALLOW),  # each school's staff for their school
    "GET /api/v1/match-rounds/{id}/": round_action(staff=ALLOW, students=ALLOW, company=ALLOW),
    "PUT /api/v1/match-rounds/{id}/": round_action(**TEACHERS),
    "PATCH /api/v1/match-rounds/{id}/": round_action(**TEACHERS),
    "POST /api/v1/match-rounds/{id}/open/": round_action(**TEACHERS),
    "POST /api/v1/match-rounds/{id}/close/": round_action(**TEACHERS),
    "POST /api/v1/match-rounds/{id}/run/": round_action(**TEACHERS),
    "POST /api/v1/match-rounds/{id}/publish/": round_action(**TEACHERS),
    "GET /api/v1/match-rounds/{id}/verify/": round_action(**TEACHERS),
    "GET /api/v1/match-rounds/{id}/slots/": round_action(staff=ALLOW, students=ALLOW, company=ALLOW),
    "GET /api/v1/match-rounds/{id}/result/": round_action(staff=ALLOW, students=ALLOW, company=ALLOW),
    # The students of the round's class rank; our student is already placed this term, so is out of the round.
    "GET /api/v1/match-rounds/{id}/preferences/": round_action(classmate=ALLOW),
    "PUT /api/v1/match-rounds/{id}/preferences/": round_action(classmate=ALLOW),
    # The order of the applicants to our company's slot: its HR only. Who may depends on the slot named (in the
    # query, in the body), so the rows name ours, as the app does.
    "GET /api/v1/match-rounds/{id}/priorities/": round_action(hr=ALLOW, query=lambda s: {"slot": s.slot.pk}),
    "PUT /api/v1/match-rounds/{id}/priorities/": round_action(
        hr=ALLOW, body=lambda s: {"slot": s.slot.pk, "students": []}
    ),
}
