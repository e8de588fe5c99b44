"""The permission matrix of every certificates endpoint, checked the same way (tests/access.py): anonymous 401, the
parties allowed, 403 for those who may see a record but not do this to it, 404 for those who must not even learn
that it exists. A student's certificates (and above all the scans) are seen by the student, their school's staff
and companies the student applied to, never the city's analysts (figures only); only the student's school verifies
them; a school's assessment sessions stay inside the school; the report is for school staff and analysts."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from certificates.models import AssessmentSession, CertificateProgram, StudentCertificate
from tests import factories as f
from tests.access import CREATED, FORBIDDEN, NOT_FOUND, assert_access, listed_ids, status_for
from tests.certificates.helpers import CERTIFICATES, SESSIONS, body_of, png, upload
from tests.placements.helpers import client_for, make_slot, named

pytestmark = pytest.mark.django_db

PROGRAMS = "/api/v1/certificate-programs/"
IMPORT = "/api/v1/imports/certificates/"
REPORT = "/api/v1/certificates/report/"


@pytest.fixture
def scene(world, program):
    """The student uploaded a scan (pending) and applied to a slot of the world's company; the classmate holds a
    verified certificate; the other school's student too. The student's school has an open session at its
    on-campus base with the student registered; the other school has one of its own."""
    response = upload(world.student.user, program, png(size=(400, 300)))
    assert response.status_code == 201, response.json()
    world.company.headcount = 1000
    world.company.save()
    f.PlacementFactory(student=world.student, slot=make_slot(world), status="pending")
    session = f.AssessmentSessionFactory(program=program, base=world.campus_base)
    registration = f.RegistrationFactory(session=session, student=world.student)
    other_base = f.OnCampusBaseFactory(host_institution=world.other_school)
    return SimpleNamespace(
        certificate=StudentCertificate.objects.get(pk=response.json()["id"]),
        classmates=f.StudentCertificateFactory(student=world.classmate, program=program),
        others=f.StudentCertificateFactory(student=world.other_student, program=program),
        session=session,
        registration=registration,
        other_session=f.AssessmentSessionFactory(program=program, base=other_base),
    )


def certificate_url(scene, suffix: str = "") -> str:
    return f"{CERTIFICATES}{scene.certificate.pk}/{suffix}"


def session_url(session, suffix: str = "") -> str:
    return f"{SESSIONS}{session.pk}/{suffix}"


# -- anonymous -------------------------------------------------------------------------------------------------


ENDPOINTS = [
    ("get", PROGRAMS),
    ("post", PROGRAMS),
    ("patch", "{programs}{program}/"),
    ("get", CERTIFICATES),
    ("post", CERTIFICATES),
    ("get", "{certificates}{certificate}/"),
    ("post", "{certificates}{certificate}/verify/"),
    ("post", "{certificates}{certificate}/reject/"),
    ("get", "{certificates}{certificate}/scan/"),
    ("get", "{certificates}{certificate}/thumbnail/"),
    ("get", SESSIONS),
    ("post", SESSIONS),
    ("get", "{sessions}{session}/"),
    ("patch", "{sessions}{session}/"),
    ("post", "{sessions}{session}/register/"),
    ("get", "{sessions}{session}/registrations/"),
    ("post", "{sessions}{session}/results/"),
    ("post", IMPORT),
    ("get", IMPORT + "template/"),
    ("get", REPORT),
    ("get", REPORT + "?format=xlsx"),
]


def test_anonymous_visitors_get_401_everywhere(scene, program):
    ids = {"program": program.pk, "certificate": scene.certificate.pk, "session": scene.session.pk}
    paths = {"programs": PROGRAMS, "certificates": CERTIFICATES, "sessions": SESSIONS}
    answers = {(method, path): status_for(None, method, path.format(**ids, **paths)) for method, path in ENDPOINTS}
    assert {endpoint: code for endpoint, code in answers.items() if code != 401} == {}


# -- the catalogue ---------------------------------------------------------------------------------------------


def test_everyone_signed_in_reads_the_catalogue(world, scene, program):
    everyone = world.users("student", "teacher", "admin", "hr", "mentor", "other_hr", "other_teacher", "analyst",
                     "outsider")  # fmt: skip
    assert_access(PROGRAMS, allowed=everyone, denied=[])
    assert_access(f"{PROGRAMS}{program.pk}/", allowed=everyone, denied=[])
    assert listed_ids(world.outsider, PROGRAMS) == {program.pk}


def test_only_school_admins_add_programmes_to_the_catalogue(world):
    data = {"name": "智能网联汽车测试装调", "kind": "one_x", "levels": ["junior", "intermediate", "senior"]}
    assert_access(
        PROGRAMS,
        method="post",
        data=data,
        allowed=world.users("admin"),
        allowed_status=CREATED,
        denied=world.users("teacher", "student", "hr", "mentor", "analyst", "outsider"),
        denied_status=FORBIDDEN,
    )
    added = CertificateProgram.objects.get(name="智能网联汽车测试装调")
    assert added.institution == world.school  # the adding school owns it


def test_only_the_admins_of_the_school_that_added_a_programme_change_it(world, program):
    program.institution = world.school
    program.save()
    assert_access(
        f"{PROGRAMS}{program.pk}/",
        method="patch",
        data={"url": "https://vslc.ncb.edu.cn/"},
        allowed=world.users("admin"),
        denied=world.users("other_admin", "teacher", "student", "hr", "mentor", "analyst", "outsider"),
        denied_status=FORBIDDEN,
    )
    program.refresh_from_db()
    assert program.url == "https://vslc.ncb.edu.cn/"


def test_the_national_catalogue_is_not_changed_through_the_api(world, program):
    assert program.institution is None
    response = client_for(world.admin.user).patch(f"{PROGRAMS}{program.pk}/", {"levels": ["senior"]}, format="json")
    assert response.status_code == 403
    program.refresh_from_db()
    assert program.levels == ["junior", "intermediate", "senior"]


def test_programmes_are_never_deleted_nor_handed_to_another_school(world, program):
    program.institution = world.school
    program.save()
    client = client_for(world.admin.user)
    assert client.delete(f"{PROGRAMS}{program.pk}/").status_code == 405
    moved = client.patch(f"{PROGRAMS}{program.pk}/", {"institution": world.other_school.pk}, format="json")
    assert moved.status_code == 200
    assert CertificateProgram.objects.get(pk=program.pk).institution == world.school


def test_a_school_admin_adds_programmes_only_for_their_own_school(world):
    data = {"name": "别校证书", "kind": "one_x", "levels": ["junior"], "institution": world.other_school.pk}
    response = client_for(world.admin.user).post(PROGRAMS, data, format="json")
    assert response.status_code == 400
    assert "institution" in response.json()["fields"]
    assert not CertificateProgram.objects.filter(name="别校证书").exists()


def test_the_catalogue_says_who_may_edit(world, program):
    detail = f"{PROGRAMS}{program.pk}/"
    assert client_for(world.admin.user).get(detail).json()["can_edit"] is False  # the national catalogue
    program.institution = world.school
    program.save()
    assert client_for(world.admin.user).get(detail).json()["can_edit"] is True
    assert client_for(world.other_admin.user).get(detail).json()["can_edit"] is False
    assert client_for(world.teacher.user).get(detail).json()["can_edit"] is False


# -- students' certificates ------------------------------------------------------------------------------------


def test_students_list_only_their_own_certificates(world, scene):
    assert listed_ids(world.student.user, CERTIFICATES) == {scene.certificate.pk}
    assert listed_ids(world.classmate.user, CERTIFICATES) == {scene.classmates.pk}
    assert listed_ids(world.other_student.user, CERTIFICATES) == {scene.others.pk}
    # Asking for someone else's by filter changes nothing.
    assert listed_ids(world.student.user, CERTIFICATES, student=world.classmate.pk) == set()


def test_school_staff_list_their_schools_certificates_and_analysts_none(world, scene):
    ours = {scene.certificate.pk, scene.classmates.pk}
    assert listed_ids(world.teacher.user, CERTIFICATES) == ours
    assert listed_ids(world.admin.user, CERTIFICATES) == ours
    assert listed_ids(world.other_teacher.user, CERTIFICATES) == {scene.others.pk}
    # The city's analysts read the report's figures, never a student's certificate: an empty list.
    assert listed_ids(world.analyst, CERTIFICATES) == set()


def test_companies_list_only_the_certificates_of_students_who_applied_to_them(world, scene):
    assert listed_ids(world.hr.user, CERTIFICATES) == {scene.certificate.pk}
    assert listed_ids(world.mentor.user, CERTIFICATES) == {scene.certificate.pk}
    assert listed_ids(world.other_hr.user, CERTIFICATES) == set()
    assert listed_ids(world.outsider, CERTIFICATES) == set()


def test_a_certificate_is_seen_by_the_student_their_school_and_the_companies_applied_to(world, scene):
    assert_access(
        certificate_url(scene),
        allowed=world.users("student", "teacher", "admin", "hr", "mentor"),
        denied=world.users(
            "classmate", "other_student", "other_teacher", "other_admin", "other_hr", "analyst", "outsider"
        ),
        denied_status=NOT_FOUND,
    )


def test_only_students_upload_certificates(world, program):
    assert_access(
        CERTIFICATES,
        method="post",
        data={"program": program.pk, "level": "junior", "number": "X-1", "issue_date": "2026-07-01"},
        allowed=[],
        denied=world.users("teacher", "admin", "hr", "mentor", "analyst", "outsider"),
        denied_status=FORBIDDEN,
    )
    assert upload(world.classmate.user, program, png(), number="X-1").status_code == 201
    assert not StudentCertificate.objects.exclude(student=world.classmate).exists()


def test_certificates_are_not_changed_or_deleted_through_the_api(world, scene):
    for method in ("patch", "put", "delete"):
        assert status_for(world.teacher.user, method, certificate_url(scene), {"status": "verified"}) == 405
    scene.certificate.refresh_from_db()
    assert scene.certificate.status == "pending"


@pytest.mark.parametrize(("action", "data"), [("verify", None), ("reject", {"reason": "编号与照片不符"})])
def test_only_the_students_school_verifies_or_rejects(action, data, world, scene):
    assert_access(
        certificate_url(scene, f"{action}/"),
        method="post",
        data=data,
        allowed=world.users("teacher"),
        denied=world.users("student", "hr", "mentor"),
        denied_status=FORBIDDEN,
    )
    assert_access(
        certificate_url(scene, f"{action}/"),
        method="post",
        data=data,
        allowed=[],
        denied=world.users(
            "classmate", "other_student", "other_teacher", "other_admin", "other_hr", "analyst", "outsider"
        ),
        denied_status=NOT_FOUND,
    )
    scene.certificate.refresh_from_db()
    assert scene.certificate.status == {"verify": "verified", "reject": "rejected"}[action]
    assert scene.certificate.verified_by == world.teacher.user


def test_the_schools_admin_may_verify_too(world, scene):
    response = client_for(world.admin.user).post(certificate_url(scene, "verify/"))
    assert response.status_code == 200
    assert response.json()["verified_by_name"]


@pytest.mark.parametrize("kind", ["scan", "thumbnail"])
def test_a_scan_is_served_only_to_the_people_who_may_see_the_certificate(kind, world, scene):
    url = certificate_url(scene, f"{kind}/")
    for user in world.users("student", "teacher", "admin", "hr", "mentor"):
        response = client_for(user).get(url)
        assert response.status_code == 200, user.username
        assert response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert body_of(response)
    for user in world.users(
        "classmate", "other_student", "other_teacher", "other_admin", "other_hr", "analyst", "outsider"
    ):
        assert client_for(user).get(url).status_code == 404, user.username
    assert client_for(None).get(url).status_code == 401


def test_a_company_sees_a_students_scan_only_once_the_student_has_applied(world, program):
    response = upload(world.student.user, program, png())
    scan = response.json()["scan_url"]
    hr = client_for(world.hr.user)
    assert hr.get(scan).status_code == 404
    world.company.headcount = 1000
    world.company.save()
    assert client_for(world.student.user).post("/api/v1/placements/", {"slot": make_slot(world).pk}).status_code == 201
    assert body_of(hr.get(scan)) == body_of(client_for(world.student.user).get(scan))
    assert client_for(world.other_hr.user).get(scan).status_code == 404


def test_a_scan_is_never_served_from_a_public_url(world, scene, settings):
    """The storage's URL leads nowhere: the single-page app answers it with its own HTML, never the file."""
    assert scene.certificate.scan.url.startswith(settings.MEDIA_URL)
    response = client_for(None).get(scene.certificate.scan.url)
    assert not response["Content-Type"].startswith("image/")
    assert Path(scene.certificate.scan.path).read_bytes() not in response.content


# -- assessment sessions ---------------------------------------------------------------------------------------


def test_a_schools_sessions_are_listed_for_its_staff_and_students_only(world, scene):
    ours, theirs = {scene.session.pk}, {scene.other_session.pk}
    for name in ("teacher", "admin", "student", "classmate"):
        assert listed_ids(world.users(name)[0], SESSIONS) == ours, name
    for name in ("other_teacher", "other_admin", "other_student"):
        assert listed_ids(world.users(name)[0], SESSIONS) == theirs, name
    for name in ("hr", "mentor", "other_hr", "analyst", "outsider"):
        assert listed_ids(world.users(name)[0], SESSIONS) == set(), name


def test_another_schools_session_is_invisible(world, scene):
    assert_access(
        session_url(scene.session),
        allowed=world.users("teacher", "admin", "student", "classmate"),
        denied=world.users(
            "other_teacher", "other_admin", "other_student", "hr", "mentor", "other_hr", "analyst", "outsider"
        ),
        denied_status=NOT_FOUND,
    )


def test_school_staff_schedule_sessions_at_their_own_on_campus_base(world, program):
    day = f.days_from_today(40).isoformat()
    data = {"program": program.pk, "level": "junior", "base": world.campus_base.pk, "date": day, "seats": 20}
    assert_access(
        SESSIONS,
        method="post",
        data=data,
        allowed=world.users("teacher", "admin"),
        allowed_status=CREATED,
        denied=world.users("student", "hr", "mentor", "analyst", "outsider"),
        denied_status=FORBIDDEN,
    )
    refused = client_for(world.other_teacher.user).post(SESSIONS, data, format="json")
    assert refused.status_code == 400
    assert "base" in refused.json()["fields"]
    off_campus = client_for(world.teacher.user).post(SESSIONS, {**data, "base": world.base.pk}, format="json")
    assert off_campus.status_code == 400
    assert AssessmentSession.objects.count() == 2


def test_only_the_host_schools_staff_change_a_session(world, scene):
    assert_access(
        session_url(scene.session),
        method="patch",
        data={"seats": 40},
        allowed=world.users("teacher", "admin"),
        denied=world.users("student"),
        denied_status=FORBIDDEN,
    )
    assert_access(
        session_url(scene.session),
        method="patch",
        data={"seats": 40},
        allowed=[],
        denied=world.users("other_teacher", "other_admin", "hr", "analyst", "outsider"),
        denied_status=NOT_FOUND,
    )


def test_only_students_of_the_host_school_register(world, scene):
    assert_access(
        session_url(scene.session, "register/"),
        method="post",
        allowed=world.users("classmate"),
        denied=world.users("teacher", "admin"),
        denied_status=FORBIDDEN,
    )
    assert_access(
        session_url(scene.session, "register/"),
        method="post",
        allowed=[],
        denied=world.users("other_student", "other_teacher", "hr", "analyst", "outsider"),
        denied_status=NOT_FOUND,
    )
    assert set(scene.session.registrations.values_list("student", flat=True)) == {world.student.pk, world.classmate.pk}


def test_a_student_sees_their_own_registration_in_the_session(world, scene):
    mine = client_for(world.student.user).get(session_url(scene.session)).json()
    assert mine["mine"] == {"id": scene.registration.pk, "result": "pending", "score": None}
    assert mine["registered"] == 1
    assert client_for(world.classmate.user).get(session_url(scene.session)).json()["mine"] is None


def test_the_list_of_registrations_is_for_the_host_schools_staff_only(world, scene):
    assert_access(
        session_url(scene.session, "registrations/"),
        allowed=world.users("teacher", "admin"),
        denied=world.users("student", "classmate"),
        denied_status=FORBIDDEN,
    )
    assert_access(
        session_url(scene.session, "registrations/"),
        allowed=[],
        denied=world.users("other_teacher", "other_admin", "other_student", "hr", "analyst", "outsider"),
        denied_status=NOT_FOUND,
    )
    [row] = client_for(world.teacher.user).get(session_url(scene.session, "registrations/")).json()
    assert (row["id"], row["student_number"]) == (scene.registration.pk, world.student.student_number)


def test_only_the_host_schools_staff_enter_results(world, scene):
    data = {"results": [{"registration": scene.registration.pk, "result": "fail", "score": "52"}]}
    assert_access(
        session_url(scene.session, "results/"),
        method="post",
        data=data,
        allowed=world.users("teacher"),
        denied=world.users("student"),
        denied_status=FORBIDDEN,
    )
    assert status_for(world.analyst, "post", session_url(scene.session, "results/"), data) == 404
    # Entered once: the school admin, allowed too, is told the results are in.
    again = client_for(world.admin.user).post(session_url(scene.session, "results/"), data, format="json")
    assert again.status_code == 409
    assert_access(
        session_url(scene.session, "results/"),
        method="post",
        data=data,
        allowed=[],
        denied=world.users("other_teacher", "other_admin", "other_student", "hr", "outsider"),
        denied_status=NOT_FOUND,
    )
    scene.registration.refresh_from_db()
    assert scene.registration.result == "fail"


# -- imports ---------------------------------------------------------------------------------------------------


def test_only_school_admins_import_results_or_download_the_template(world):
    denied = world.users("teacher", "student", "hr", "mentor", "analyst", "outsider", "other_teacher")
    assert_access(IMPORT, method="post", allowed=[], denied=denied, denied_status=FORBIDDEN)
    assert_access(IMPORT + "template/", allowed=world.users("admin", "other_admin"), denied=denied,
                  denied_status=FORBIDDEN)  # fmt: skip


def test_a_school_admin_imports_only_into_their_own_school(world, program):
    row = f"{world.student.student_number},,智能新能源汽车,初级,N-1,2026-06-30"
    csv = f"学号,姓名,证书名称,等级,证书编号,发证日期\n{row}\n"
    ours = client_for(world.admin.user).post(
        IMPORT, {"file": named(csv.encode(), "results.csv"), "dry_run": "true"}, format="multipart"
    )
    assert ours.status_code == 200, ours.json()
    other = client_for(world.other_admin.user)
    into_ours = other.post(
        IMPORT,
        {"file": named(csv.encode(), "results.csv"), "dry_run": "false", "institution": world.school.pk},
        format="multipart",
    )
    assert into_ours.status_code == 400
    assert "institution" in into_ours.json()["fields"]
    as_theirs = other.post(IMPORT, {"file": named(csv.encode(), "results.csv"), "dry_run": "false"}, format="multipart")
    assert as_theirs.status_code == 400
    assert as_theirs.json()["row_errors"][0]["field"] == "student_number"
    assert not StudentCertificate.objects.exists()


# -- the report ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_the_report_is_for_school_staff_and_analysts(fmt, world, scene):
    assert_access(
        f"{REPORT}?format={fmt}",
        allowed=world.users("teacher", "admin", "other_teacher", "other_admin", "analyst"),
        denied=world.users("student", "classmate", "other_student", "hr", "mentor", "other_hr", "outsider"),
        denied_status=FORBIDDEN,
    )


def test_school_staff_see_only_their_schools_figures(world, scene, program):
    def figures(user, **params):
        [row] = client_for(user).get(REPORT, params).json()["rows"]
        assert row["key"] == program.pk
        return row["certificates"], row["holders"]

    assert figures(world.teacher.user) == (1, 1)  # the classmate's (the student's is still pending)
    assert figures(world.other_teacher.user) == (1, 1)  # the other school's student's
    assert figures(world.analyst) == (2, 2)
    assert figures(world.analyst, institution=world.school.pk) == (1, 1)
    # Naming another school changes nothing for school staff: they still see only their own.
    assert client_for(world.teacher.user).get(REPORT, {"institution": world.other_school.pk}).json()["rows"] == []
