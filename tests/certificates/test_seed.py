"""`manage.py seed_demo` and certificates: the catalogue's four 1+X programmes with their (public) evaluation
organisations, the five partner brands' certifications marked as demo data, a past session with results and an
open one; and a second run changes nothing."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management import call_command

from certificates.models import AssessmentSession, CertificateProgram, Registration, StudentCertificate
from tests.placements.helpers import client_for

ONE_X = {
    "汽车运用与维修": "北京中车行高新技术有限公司",
    "智能新能源汽车": "北京中车行高新技术有限公司",
    "智能网联汽车测试装调": "国汽（北京）智能网联汽车研究院有限公司",
    "智能网联汽车检测与运维": "",  # organisation not on public record: left blank rather than made up
}
BRANDS = {"奔驰", "比亚迪", "上汽大众", "长安福特", "巴斯夫"}


def test_the_four_1x_programmes_of_the_catalogue_with_their_organisations(demo):
    one_x = CertificateProgram.objects.filter(kind="one_x")
    assert dict(one_x.values_list("name", "organisation")) == ONE_X
    for program in one_x:
        assert program.levels == ["junior", "intermediate", "senior"]
        assert not program.data_note  # true facts, not demo data
        assert program.majors.filter(code="460702").exists()  # 新能源汽车技术


def test_five_brand_certifications_are_marked_as_demo_data(demo):
    brands = CertificateProgram.objects.filter(kind="enterprise")
    assert set(brands.values_list("organisation", flat=True)) == BRANDS
    assert brands.count() == 5
    for program in brands:
        assert "demo" in program.data_note
        assert "演示" in program.name
        assert program.levels == ["junior", "intermediate"]
    assert set(CertificateProgram.objects.values_list("kind", flat=True)) == {"one_x", "enterprise"}


def test_a_past_session_with_results_and_an_open_one(demo):
    past = AssessmentSession.objects.get(status="results")
    upcoming = AssessmentSession.objects.get(status="open")
    assert AssessmentSession.objects.count() == 2
    assert past.date < upcoming.date
    for session in (past, upcoming):
        assert session.program.name == "智能新能源汽车"
        assert session.base.kind == "on_campus"
        assert session.base.partner_brand == "比亚迪"
    assert (past.level, upcoming.level) == ("junior", "intermediate")
    # The past session has every result in, within its seats, and each pass holds its verified certificate.
    results = list(past.registrations.values_list("result", flat=True))
    assert 0 < len(results) <= past.seats
    assert "pending" not in results
    assert {"pass", "fail"} == set(results)
    passed = set(past.registrations.filter(result="pass").values_list("student", flat=True))
    certified = StudentCertificate.objects.filter(program=past.program, level="junior", source="session")
    assert set(certified.values_list("student", flat=True)) == passed
    assert set(certified.values_list("status", flat=True)) == {"verified"}
    assert not Registration.objects.filter(session=upcoming).exclude(result="pending").exists()


def test_the_demo_certificates_are_visible_in_the_report(demo):
    teacher = get_user_model().objects.get(username="teacher")
    rows = client_for(teacher).get("/api/v1/certificates/report/").json()["rows"]
    nev = next(r for r in rows if r["name"] == "智能新能源汽车")
    assert nev["holders"] == nev["passed"] > 0
    assert nev["sat"] == AssessmentSession.objects.get(status="results").registrations.count()


def certificates_snapshot() -> dict:
    return {
        "programs": sorted(CertificateProgram.objects.values_list()),
        "program_majors": sorted(CertificateProgram.majors.through.objects.values_list("certificateprogram", "major")),
        "sessions": sorted(AssessmentSession.objects.values_list()),
        "registrations": sorted(Registration.objects.values_list()),
        "certificates": sorted(StudentCertificate.objects.values_list()),
    }


def test_seeding_twice_changes_no_certificate_data(demo):
    before = certificates_snapshot()
    call_command("seed_demo", quiet=True)
    assert certificates_snapshot() == before
