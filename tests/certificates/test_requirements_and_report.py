"""Slots that require certificates, and the certificates report.

A slot's required_certificates names catalogue programmes at levels they offer; only verified certificates at
or above the minimum level count, and the application check, the "eligible for me" filter and a match round
all agree on that. The report is checked against figures worked out by hand on a small school."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from certificates.models import Level, StudentCertificate
from placements.models import Slot
from tests import factories as f
from tests.placements.helpers import as_json, client_for, compliant_slot_values, make_slot, new_student

pytestmark = pytest.mark.django_db

SLOTS = "/api/v1/slots/"
REPORT = "/api/v1/certificates/report/"


@pytest.fixture
def roomy_company(world):
    """The world's company is big enough that the intern-share caps stay out of the way."""
    world.company.headcount = 1000
    world.company.save()
    return world.company


def needs(program, level: str) -> dict:
    return {"program": program.pk, "min_level": level}


# -- the slot form ---------------------------------------------------------------------------------------------


def post_slot(world, required):
    values = as_json(compliant_slot_values(world))
    values["required_certificates"] = required
    return client_for(world.hr.user).post(SLOTS, values, format="json")


def test_a_slot_may_require_catalogue_certificates_at_levels_they_offer(world, program, roomy_company):
    brand = f.CertificateProgramFactory(kind="enterprise", levels=["junior", "intermediate"])
    response = post_slot(world, [needs(program, "senior"), needs(brand, "intermediate")])
    assert response.status_code == 201, response.json()
    assert response.json()["required_certificates"] == [needs(program, "senior"), needs(brand, "intermediate")]
    assert Slot.objects.get(pk=response.json()["id"]).required_certificates == [
        needs(program, "senior"), needs(brand, "intermediate")
    ]  # fmt: skip


@pytest.mark.parametrize(
    "required",
    [
        pytest.param(lambda p, brand: [{"program": 999_999, "min_level": "junior"}], id="an unknown programme"),
        pytest.param(lambda p, brand: [needs(brand, "senior")], id="a level the programme does not offer"),
        pytest.param(lambda p, brand: [needs(p, "expert")], id="a level that does not exist"),
        pytest.param(lambda p, brand: [{"program": p.pk}], id="no level"),
        pytest.param(lambda p, brand: [needs(p, "junior"), needs(p, "senior")], id="a programme named twice"),
        pytest.param(lambda p, brand: [p.pk], id="not a list of objects"),
        pytest.param(lambda p, brand: {"program": p.pk, "min_level": "junior"}, id="not a list"),
    ],
)
def test_the_slot_form_refuses_requirements_outside_the_catalogue(required, world, program, roomy_company):
    brand = f.CertificateProgramFactory(kind="enterprise", levels=["junior", "intermediate"])
    response = post_slot(world, required(program, brand))
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["required_certificates"]
    assert not Slot.objects.exists()


@pytest.mark.parametrize("bad_id", ["abc", {"id": 1}])
def test_a_programme_id_that_is_not_a_number_is_refused_on_required_certificates(bad_id, world, roomy_company):
    response = post_slot(world, [{"program": bad_id, "min_level": "junior"}])
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["required_certificates"]


def test_changing_a_slots_requirements_is_checked_the_same_way(world, program, roomy_company):
    slot = make_slot(world)
    hr = client_for(world.hr.user)
    refused = hr.patch(f"{SLOTS}{slot.pk}/", {"required_certificates": [{"program": 999_999, "min_level": "junior"}]},
                       format="json")  # fmt: skip
    assert refused.status_code == 400
    assert "required_certificates" in refused.json()["fields"]
    accepted = hr.patch(f"{SLOTS}{slot.pk}/", {"required_certificates": [needs(program, "junior")]}, format="json")
    assert accepted.status_code == 200, accepted.json()
    slot.refresh_from_db()
    assert slot.required_certificates == [needs(program, "junior")]


# -- applying --------------------------------------------------------------------------------------------------


def apply(world, slot):
    return client_for(world.student.user).post("/api/v1/placements/", {"slot": slot.pk})


@pytest.mark.parametrize(
    ("status", "level", "admitted"),
    [
        ("verified", "intermediate", True),  # exactly the minimum
        ("verified", "senior", True),  # above it
        ("verified", "junior", False),  # below it
        ("pending", "intermediate", False),  # not verified yet
        ("pending", "senior", False),
        ("rejected", "senior", False),
    ],
)
def test_at_application_only_verified_certificates_at_or_above_the_level_count(
    status, level, admitted, world, program, roomy_company
):
    slot = make_slot(world, required_certificates=[needs(program, "intermediate")])
    f.StudentCertificateFactory(student=world.student, program=program, level=level, status=status)
    response = apply(world, slot)
    if admitted:
        assert response.status_code == 201, response.json()
    else:
        assert response.status_code == 400
        assert program.name in " ".join(response.json()["fields"]["slot"])
        assert str(Level.INTERMEDIATE.label) in " ".join(response.json()["fields"]["slot"])


def test_a_certificate_of_another_programme_does_not_count(world, program, roomy_company):
    slot = make_slot(world, required_certificates=[needs(program, "junior")])
    f.StudentCertificateFactory(student=world.student, level="senior")  # another programme
    f.StudentCertificateFactory(student=world.classmate, program=program, level="senior")  # someone else's
    assert apply(world, slot).status_code == 400


def test_a_slot_requiring_two_certificates_needs_both(world, program, roomy_company):
    brand = f.CertificateProgramFactory(kind="enterprise", levels=["junior", "intermediate"])
    slot = make_slot(world, required_certificates=[needs(program, "junior"), needs(brand, "junior")])
    f.StudentCertificateFactory(student=world.student, program=program, level="junior")
    refused = apply(world, slot)
    assert refused.status_code == 400
    reasons = " ".join(refused.json()["fields"]["slot"])
    assert brand.name in reasons and program.name not in reasons  # only what is missing is named
    f.StudentCertificateFactory(student=world.student, program=brand, level="intermediate")
    assert apply(world, slot).status_code == 201


def test_verifying_a_pending_certificate_opens_the_slot_to_the_student(world, program, roomy_company):
    slot = make_slot(world, required_certificates=[needs(program, "junior")])
    certificate = f.StudentCertificateFactory(student=world.student, program=program, status="pending")
    assert apply(world, slot).status_code == 400
    response = client_for(world.teacher.user).post(f"/api/v1/student-certificates/{certificate.pk}/verify/")
    assert response.status_code == 200
    assert apply(world, slot).status_code == 201


@pytest.fixture
def mix(world, program, roomy_company):
    """The student holds 智能新能源汽车 at intermediate (verified), a brand certification still pending and another
    rejected; seven slots ask for various things."""
    brand = f.CertificateProgramFactory(kind="enterprise", levels=["junior", "intermediate"])
    rejected_brand = f.CertificateProgramFactory(kind="enterprise", levels=["junior", "intermediate"])
    f.StudentCertificateFactory(student=world.student, program=program, level="intermediate")
    f.StudentCertificateFactory(student=world.student, program=brand, level="intermediate", status="pending")
    f.StudentCertificateFactory(student=world.student, program=rejected_brand, level="junior", status="rejected")
    slot = {
        "none": make_slot(world, title="无证书要求"),
        "junior": make_slot(world, title="初级即可", required_certificates=[needs(program, "junior")]),
        "intermediate": make_slot(world, title="中级", required_certificates=[needs(program, "intermediate")]),
        "senior": make_slot(world, title="高级", required_certificates=[needs(program, "senior")]),
        "pending": make_slot(world, title="品牌认证", required_certificates=[needs(brand, "junior")]),
        "rejected": make_slot(world, title="另一品牌认证", required_certificates=[needs(rejected_brand, "junior")]),
        "both": make_slot(world, title="两张证书",
                          required_certificates=[needs(program, "junior"), needs(brand, "junior")]),
    }  # fmt: skip
    return SimpleNamespace(slot=slot, eligible={"none", "junior", "intermediate"})


def test_the_eligible_filter_agrees_with_the_application_check(world, mix):
    student = client_for(world.student.user)
    listed = student.get(SLOTS, {"eligible": "true", "page_size": 100}).json()["results"]
    eligible_ids = {row["id"] for row in listed}
    by_id = {s.pk: name for name, s in mix.slot.items()}
    assert {by_id[i] for i in eligible_ids} == mix.eligible
    # Each slot's own eligibility answer says the same ...
    for name, slot in mix.slot.items():
        answer = student.get(f"{SLOTS}{slot.pk}/eligibility/").json()
        assert answer["eligible"] is (name in mix.eligible), (name, answer)
    # ... and so does applying to every one of them.
    applied = {name for name, slot in mix.slot.items() if apply(world, slot).status_code == 201}
    assert applied == mix.eligible


def test_the_eligible_filter_is_the_students_own(world, mix):
    """The classmate holds nothing: only the slot without requirements is for them."""
    listed = client_for(world.classmate.user).get(SLOTS, {"eligible": "true", "page_size": 100}).json()["results"]
    assert {row["id"] for row in listed} == {mix.slot["none"].pk}


def test_a_match_round_refuses_ranking_a_slot_whose_requirement_the_student_lacks(world, mix):
    round = f.MatchRoundFactory(institution=world.school, slots=list(mix.slot.values()), cohorts=[world.cohort])
    url = f"/api/v1/match-rounds/{round.pk}/preferences/"
    student = client_for(world.student.user)
    refused = student.put(url, {"slots": [mix.slot["junior"].pk, mix.slot["senior"].pk]}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()["fields"]) == ["slots"]
    assert "高级" in " ".join(refused.json()["fields"]["slots"])  # the slot's title is named
    assert student.get(url).json()["slots"] == []  # nothing was saved
    for lacking in ("pending", "rejected", "both"):
        assert student.put(url, {"slots": [mix.slot[lacking].pk]}, format="json").status_code == 400, lacking
    ranked = [mix.slot["intermediate"].pk, mix.slot["junior"].pk, mix.slot["none"].pk]
    accepted = student.put(url, {"slots": ranked}, format="json")
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["slots"] == ranked


# -- the report --------------------------------------------------------------------------------------------------


@pytest.fixture
def school(world, program):
    """A small school worked out by hand.

    Classes: A1 (the world's class, major A) has the student and the classmate; A2 (major A) has 阿达;
    B1 (major B) has 本 and 蔡. The other school's student holds a certificate and sat a session too.

    Certificates (✓ verified, counted; ✗ not counted):
      student   P1 junior ✓, P1 intermediate ✓, P2 junior ✓
      classmate P1 junior ✓, P2 junior ✗ pending
      阿达      P1 junior ✓
      本        P1 junior ✗ rejected, P2 intermediate ✓
      other     P1 junior ✓ (other school)
    Sessions:
      S1 P1 junior (ours):        student pass, classmate pass, 本 fail, 蔡 absent, 阿达 pending
      S2 P2 intermediate (ours):  本 pass, classmate fail
      S3 P1 junior (theirs):      other fail
    """
    p1 = program
    p2 = f.CertificateProgramFactory(name="汽车运用与维修")
    major_b = f.MajorFactory(institution=world.school, name="汽车检测与维修技术")
    a2 = f.CohortFactory(major=world.major, name="新能源汽车技术2024级2班")
    b1 = f.CohortFactory(major=major_b, name="汽车检测与维修技术2024级1班")
    ada = new_student(world, cohort=a2, full_name="阿达")
    ben = new_student(world, cohort=b1, full_name="本")
    cai = new_student(world, cohort=b1, full_name="蔡")
    other = world.other_student

    def cert(student, program, level, status="verified"):
        f.StudentCertificateFactory(student=student, program=program, level=level, status=status)

    cert(world.student, p1, "junior")
    cert(world.student, p1, "intermediate")
    cert(world.student, p2, "junior")
    cert(world.classmate, p1, "junior")
    cert(world.classmate, p2, "junior", "pending")
    cert(ada, p1, "junior")
    cert(ben, p1, "junior", "rejected")
    cert(ben, p2, "intermediate")
    cert(other, p1, "junior")

    def sat(session, **results):
        for student, result in results.values():
            f.RegistrationFactory(session=session, student=student, result=result)

    s1 = f.AssessmentSessionFactory(program=p1, level="junior", base=world.campus_base, status="results")
    s2 = f.AssessmentSessionFactory(program=p2, level="intermediate", base=world.campus_base, status="results")
    s3 = f.AssessmentSessionFactory(program=p1, level="junior",
                                    base=f.OnCampusBaseFactory(host_institution=world.other_school))  # fmt: skip
    sat(s1, a=(world.student, "pass"), b=(world.classmate, "pass"), c=(ben, "fail"), d=(cai, "absent"),
        e=(ada, "pending"))  # fmt: skip
    sat(s2, a=(ben, "pass"), b=(world.classmate, "fail"))
    sat(s3, a=(other, "fail"))
    return SimpleNamespace(p1=p1, p2=p2, major_a=world.major, major_b=major_b, a1=world.cohort, a2=a2, b1=b1)


def figures(rows) -> dict:
    """{key: (certificates, holders, sat, passed, pass_rate)}"""
    return {r["key"]: (r["certificates"], r["holders"], r["sat"], r["passed"], r["pass_rate"]) for r in rows}


def report(user, **params):
    response = client_for(user).get(REPORT, params)
    assert response.status_code == 200, response.content
    return response.json()


def expected_for_the_school(s, group_by: str) -> dict:
    return {
        "program": {
            s.p1.pk: (4, 3, 3, 2, 0.6667),
            s.p2.pk: (2, 2, 2, 1, 0.5),
        },
        "level": {
            "junior": (4, 3, 3, 2, 0.6667),
            "intermediate": (2, 2, 2, 1, 0.5),
        },
        "major": {
            s.major_a.pk: (5, 3, 3, 2, 0.6667),
            s.major_b.pk: (1, 1, 2, 1, 0.5),
        },
        "cohort": {
            s.a1.pk: (4, 2, 3, 2, 0.6667),
            s.a2.pk: (1, 1, 0, 0, None),  # 阿达 holds one but her only sitting has no result yet
            s.b1.pk: (1, 1, 2, 1, 0.5),
        },
    }[group_by]


@pytest.mark.parametrize("group_by", ["program", "level", "major", "cohort"])
def test_the_report_matches_the_figures_worked_out_by_hand(group_by, world, school):
    body = report(world.teacher.user, group_by=group_by)
    assert body["group_by"] == group_by
    assert figures(body["rows"]) == expected_for_the_school(school, group_by)
    assert report(world.admin.user, group_by=group_by) == body


@pytest.mark.parametrize("group_by", ["program", "level", "major", "cohort"])
def test_the_report_names_each_group(group_by, world, school):
    names = {r["key"]: r["name"] for r in report(world.teacher.user, group_by=group_by)["rows"]}
    expected = {
        "program": {school.p1.pk: school.p1.name, school.p2.pk: school.p2.name},
        "level": {"junior": str(Level.JUNIOR.label), "intermediate": str(Level.INTERMEDIATE.label)},
        "major": {school.major_a.pk: school.major_a.name, school.major_b.pk: school.major_b.name},
        "cohort": {school.a1.pk: school.a1.name, school.a2.pk: school.a2.name, school.b1.pk: school.b1.name},
    }[group_by]
    assert names == expected


def test_the_report_groups_by_programme_by_default(world, school):
    assert report(world.teacher.user)["group_by"] == "program"


def test_analysts_see_every_school_and_may_pick_one(world, school):
    everyone = figures(report(world.analyst, group_by="program")["rows"])
    assert everyone == {school.p1.pk: (5, 4, 4, 2, 0.5), school.p2.pk: (2, 2, 2, 1, 0.5)}
    ours = report(world.analyst, group_by="program", institution=world.school.pk)["rows"]
    assert figures(ours) == expected_for_the_school(school, "program")
    theirs = report(world.analyst, group_by="program", institution=world.other_school.pk)["rows"]
    assert figures(theirs) == {school.p1.pk: (1, 1, 1, 0, 0.0)}


def test_another_schools_staff_see_only_their_own_figures(world, school):
    assert figures(report(world.other_teacher.user)["rows"]) == {school.p1.pk: (1, 1, 1, 0, 0.0)}
    assert report(world.teacher.user, institution=world.other_school.pk)["rows"] == []


@pytest.mark.parametrize("group_by", ["program", "level", "major", "cohort"])
def test_the_xlsx_export_has_the_same_numbers(group_by, world, school):
    rows = report(world.teacher.user, group_by=group_by)["rows"]
    response = client_for(world.teacher.user).get(REPORT, {"group_by": group_by, "format": "xlsx"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert (
        f'filename="certificates-by-{group_by}-{timezone.localdate().isoformat()}.xlsx"'
        in response["Content-Disposition"]
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    header, *lines = list(sheet.iter_rows(values_only=True))
    assert len(header) == 6
    assert lines == [
        (r["name"], r["certificates"], r["holders"], r["sat"], r["passed"], r["pass_rate"]) for r in rows
    ]  # fmt: skip


def test_an_unknown_grouping_is_refused_with_400(world, school):
    response = client_for(world.teacher.user).get(REPORT, {"group_by": "teacher"})
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["group_by"]
    assert client_for(world.teacher.user).get(REPORT, {"group_by": "teacher", "format": "xlsx"}).status_code == 400


def test_the_report_narrows_to_a_programme_or_a_level(world, school):
    by_level = figures(report(world.teacher.user, group_by="level", program=school.p2.pk)["rows"])
    assert by_level == {"junior": (1, 1, 0, 0, None), "intermediate": (1, 1, 2, 1, 0.5)}
    by_program = figures(report(world.teacher.user, group_by="program", level="intermediate")["rows"])
    assert by_program == {school.p1.pk: (1, 1, 0, 0, None), school.p2.pk: (1, 1, 2, 1, 0.5)}


def test_the_report_narrows_to_a_year_of_issue_or_of_assessment(world, school):
    long_ago = timezone.localdate().year - 20
    assert report(world.teacher.user, year=long_ago)["rows"] == []
    certificates = StudentCertificate.objects.filter(status="verified", student__institution=world.school)
    issued = {c.issue_date.year for c in certificates}
    rows = [row for year in issued for row in report(world.teacher.user, year=year)["rows"]]
    assert sum(row["certificates"] for row in rows) == certificates.count()


@pytest.mark.parametrize(
    "params, field",
    [({"level": "expert"}, "level"), ({"year": 1000}, "year"), ({"program": 2**70}, "program")],
)
def test_a_bad_report_filter_is_a_400_naming_it(params, field, world):
    response = client_for(world.teacher.user).get(REPORT, params)
    assert response.status_code == 400
    assert field in response.json()["fields"]
