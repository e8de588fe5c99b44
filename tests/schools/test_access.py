"""Who may read and change the schools directory: institutions, specialty groups, majors, classes, teachers,
students (and their activation codes), and the student import.

Rules (docs/API.md): a record a user must not see is a 404 and absent from lists; a record they see but may
not change is a 403 on writes; anonymous is always 401."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from schools.models import Cohort, Major, SpecialtyGroup, Student, Teacher
from tests import factories as f
from tests.access import CREATED, FORBIDDEN, NOT_FOUND, assert_access, client_for, listed_ids
from tests.invitations import token_from

pytestmark = pytest.mark.django_db


def everyone(w) -> list:
    return [
        w.student.user,
        w.teacher.user,
        w.admin.user,
        w.other_admin.user,
        w.hr.user,
        w.mentor.user,
        w.analyst,
        w.outsider,
    ]


# -- institutions ---------------------------------------------------------------------------------------------


def test_every_signed_in_user_reads_the_institutions(world):
    assert_access("/api/v1/institutions/", allowed=everyone(world), denied=[])
    assert_access(f"/api/v1/institutions/{world.school.id}/", allowed=everyone(world), denied=[])
    assert {world.school.id, world.other_school.id} <= listed_ids(world.outsider, "/api/v1/institutions/")


def test_school_admin_edits_their_own_schools_profile(world):
    url = f"/api/v1/institutions/{world.school.id}/"
    assert_access(url, method="patch", data={"description": "双高院校"}, allowed=[world.admin.user], denied=[])
    world.school.refresh_from_db()
    assert world.school.description == "双高院校"


def test_nobody_else_edits_a_schools_profile(world):
    url = f"/api/v1/institutions/{world.school.id}/"
    denied = [
        world.teacher.user,
        world.other_admin.user,
        world.student.user,
        world.hr.user,
        world.analyst,
        world.outsider,
    ]
    assert_access(url, method="patch", data={"description": "x"}, allowed=[], denied=denied, denied_status=FORBIDDEN)
    world.school.refresh_from_db()
    assert world.school.description == ""


def test_school_admin_cannot_rename_their_school(world):
    response = client_for(world.admin.user).patch(
        f"/api/v1/institutions/{world.school.id}/", {"name": "改名学院"}, format="json"
    )
    assert response.status_code == 200
    world.school.refresh_from_db()
    assert world.school.name == "武汉城市职业学院"


def test_institutions_cannot_be_added_or_removed_through_the_api(world):
    client = client_for(world.admin.user)
    assert client.post("/api/v1/institutions/", {"name": "新学院", "kind": "higher_vocational"}).status_code == 405
    assert client.delete(f"/api/v1/institutions/{world.school.id}/").status_code == 405


def test_institution_can_edit_flag_is_true_only_for_its_admin(world):
    url = f"/api/v1/institutions/{world.school.id}/"
    assert client_for(world.admin.user).get(url).json()["can_edit"] is True
    assert client_for(world.other_admin.user).get(url).json()["can_edit"] is False
    assert client_for(world.teacher.user).get(url).json()["can_edit"] is False


# -- specialty groups and majors (public directory, written by the school's admin) -------------------------


def test_every_signed_in_user_reads_specialty_groups_and_majors(world):
    group = f.SpecialtyGroupFactory(institution=world.school)
    assert_access("/api/v1/specialty-groups/", allowed=everyone(world), denied=[])
    assert_access(f"/api/v1/specialty-groups/{group.id}/", allowed=everyone(world), denied=[])
    assert_access("/api/v1/majors/", allowed=everyone(world), denied=[])
    assert_access(f"/api/v1/majors/{world.major.id}/", allowed=everyone(world), denied=[])
    assert world.major.id in listed_ids(world.hr.user, "/api/v1/majors/")


def test_school_admin_adds_a_specialty_group_to_their_school(world):
    data = {"institution": world.school.id, "name": "智能新能源汽车技术与服务专业群"}
    assert_access(
        "/api/v1/specialty-groups/",
        method="post",
        data=data,
        allowed=[world.admin.user],
        denied=[],
        allowed_status=CREATED,
    )
    assert SpecialtyGroup.objects.filter(institution=world.school, name=data["name"]).exists()


def test_only_school_admins_add_specialty_groups(world):
    data = {"institution": world.school.id, "name": "专业群"}
    denied = [world.teacher.user, world.student.user, world.hr.user, world.analyst, world.outsider]
    assert_access(
        "/api/v1/specialty-groups/", method="post", data=data, allowed=[], denied=denied, denied_status=FORBIDDEN
    )
    assert not SpecialtyGroup.objects.exists()


def test_school_admin_cannot_add_a_specialty_group_to_another_school(world):
    response = client_for(world.other_admin.user).post(
        "/api/v1/specialty-groups/", {"institution": world.school.id, "name": "专业群"}, format="json"
    )
    assert response.status_code == 400
    assert "institution" in response.json()["fields"]
    assert not SpecialtyGroup.objects.exists()


def test_only_the_schools_admin_edits_its_specialty_group_and_nobody_deletes_it(world):
    group = f.SpecialtyGroupFactory(institution=world.school, name="旧名")
    url = f"/api/v1/specialty-groups/{group.id}/"
    denied = [world.other_admin.user, world.teacher.user, world.hr.user, world.analyst, world.outsider]
    assert_access(url, method="patch", data={"name": "x"}, allowed=[], denied=denied, denied_status=FORBIDDEN)
    assert_access(url, method="patch", data={"name": "新名"}, allowed=[world.admin.user], denied=[])
    group.refresh_from_db()
    assert group.name == "新名"
    assert client_for(world.admin.user).delete(url).status_code == 405
    assert SpecialtyGroup.objects.filter(pk=group.pk).exists()


def test_school_admin_adds_a_major_to_their_school(world):
    data = {"institution": world.school.id, "code": "460701", "name": "汽车制造与试验技术", "category": "46"}
    assert_access(
        "/api/v1/majors/", method="post", data=data, allowed=[world.admin.user], denied=[], allowed_status=CREATED
    )
    assert Major.objects.filter(institution=world.school, code="460701").exists()


def test_only_school_admins_add_majors_and_only_to_their_school(world):
    data = {"institution": world.school.id, "code": "460701", "name": "x", "category": "46"}
    denied = [world.teacher.user, world.student.user, world.hr.user, world.analyst, world.outsider]
    assert_access("/api/v1/majors/", method="post", data=data, allowed=[], denied=denied, denied_status=FORBIDDEN)
    response = client_for(world.other_admin.user).post("/api/v1/majors/", data, format="json")
    assert response.status_code == 400
    assert "institution" in response.json()["fields"]
    assert not Major.objects.filter(code="460701").exists()


def test_a_major_cannot_join_another_schools_specialty_group(world):
    foreign_group = f.SpecialtyGroupFactory(institution=world.other_school)
    response = client_for(world.admin.user).patch(
        f"/api/v1/majors/{world.major.id}/", {"specialty_group": foreign_group.id}, format="json"
    )
    assert response.status_code == 400
    assert "specialty_group" in response.json()["fields"]


def test_only_the_schools_admin_edits_and_archives_its_major(world):
    major = f.MajorFactory(institution=world.school, name="旧专业")
    url = f"/api/v1/majors/{major.id}/"
    denied = [world.other_admin.user, world.teacher.user, world.student.user, world.hr.user, world.analyst]
    assert_access(url, method="patch", data={"name": "x"}, allowed=[], denied=denied, denied_status=FORBIDDEN)
    assert_access(url + "archive/", method="post", allowed=[], denied=denied, denied_status=FORBIDDEN)
    assert_access(url, method="patch", data={"name": "新专业"}, allowed=[world.admin.user], denied=[])
    assert_access(url + "archive/", method="post", allowed=[world.admin.user], denied=[])
    assert Major.objects.get(pk=major.pk).archived_at is not None
    assert major.id not in listed_ids(world.admin.user, "/api/v1/majors/")
    archived = client_for(world.admin.user).get("/api/v1/majors/", {"archived": "true"}).json()["results"]
    assert [row["id"] for row in archived] == [major.id]
    assert client_for(world.admin.user).delete(url).status_code == 405


# -- cohorts (classes) ---------------------------------------------------------------------------------------


def test_a_class_is_read_by_its_schools_staff_and_its_students(world):
    url = f"/api/v1/cohorts/{world.cohort.id}/"
    allowed = [world.student.user, world.classmate.user, world.teacher.user, world.admin.user]
    denied = [
        world.analyst,
        world.other_student.user,
        world.other_teacher.user,
        world.other_admin.user,
        world.hr.user,
        world.mentor.user,
        world.outsider,
    ]
    assert_access(url, allowed=allowed, denied=denied, denied_status=NOT_FOUND)


def test_class_lists_show_only_what_the_viewer_may_see(world):
    other_cohort = world.other_student.cohort
    sibling = f.CohortFactory(major=world.major, name="新能源汽车技术2024级2班")
    assert listed_ids(world.teacher.user, "/api/v1/cohorts/") == {world.cohort.id, sibling.id}
    assert listed_ids(world.student.user, "/api/v1/cohorts/") == {world.cohort.id}
    assert listed_ids(world.other_teacher.user, "/api/v1/cohorts/") == {other_cohort.id}
    assert listed_ids(world.hr.user, "/api/v1/cohorts/") == set()
    assert listed_ids(world.outsider, "/api/v1/cohorts/") == set()
    assert listed_ids(world.analyst, "/api/v1/cohorts/") == set()


def test_school_admin_adds_a_class_to_their_major(world):
    data = {"major": world.major.id, "entry_year": 2025, "name": "新能源汽车技术2025级1班"}
    assert_access(
        "/api/v1/cohorts/", method="post", data=data, allowed=[world.admin.user], denied=[], allowed_status=CREATED
    )
    assert Cohort.objects.filter(major=world.major, name=data["name"]).exists()


def test_only_school_admins_add_classes_and_only_to_their_majors(world):
    data = {"major": world.major.id, "entry_year": 2025, "name": "2025级1班"}
    denied = [world.teacher.user, world.student.user, world.hr.user, world.analyst, world.outsider]
    assert_access("/api/v1/cohorts/", method="post", data=data, allowed=[], denied=denied, denied_status=FORBIDDEN)
    response = client_for(world.other_admin.user).post("/api/v1/cohorts/", data, format="json")
    assert response.status_code == 400
    assert "major" in response.json()["fields"]
    assert not Cohort.objects.filter(name="2025级1班").exists()


def test_only_the_schools_admin_edits_and_archives_a_class(world):
    cohort = f.CohortFactory(major=world.major, name="空班")
    url = f"/api/v1/cohorts/{cohort.id}/"
    for method, path, data in (("patch", "", {"name": "x"}), ("post", "archive/", None)):
        assert_access(url + path, method=method, data=data, allowed=[], denied=[world.teacher.user],
                      denied_status=FORBIDDEN)  # fmt: skip
        hidden = [world.other_admin.user, world.hr.user, world.analyst, world.outsider]
        assert_access(url + path, method=method, data=data, allowed=[], denied=hidden, denied_status=NOT_FOUND)
    assert_access(url, method="patch", data={"name": "改名班"}, allowed=[world.admin.user], denied=[])
    cohort.refresh_from_db()
    assert cohort.name == "改名班"
    assert_access(url + "archive/", method="post", allowed=[world.admin.user], denied=[])
    assert Cohort.objects.get(pk=cohort.pk).archived_at is not None


def test_a_student_cannot_edit_their_own_class(world):
    response = client_for(world.student.user).patch(f"/api/v1/cohorts/{world.cohort.id}/", {"name": "x"}, format="json")
    assert response.status_code == 403


def test_classes_are_never_deleted_through_the_api(world):
    response = client_for(world.admin.user).delete(f"/api/v1/cohorts/{world.cohort.id}/")
    assert response.status_code == 405
    assert Cohort.objects.filter(pk=world.cohort.pk).exists()


def test_archiving_a_class_twice_is_refused_in_the_error_shape(world):
    client = client_for(world.admin.user)
    assert client.post(f"/api/v1/cohorts/{world.cohort.id}/archive/").status_code == 200
    again = client.post(f"/api/v1/cohorts/{world.cohort.id}/archive/")
    assert again.status_code == 409
    assert again.json()["code"] == "already_archived"
    assert client.post(f"/api/v1/cohorts/{world.cohort.id}/restore/").status_code == 200
    assert world.cohort.id in listed_ids(world.admin.user, "/api/v1/cohorts/")


# -- teachers ------------------------------------------------------------------------------------------------


def test_a_teacher_record_is_read_by_its_schools_staff_and_their_advisees(world):
    url = f"/api/v1/teachers/{world.teacher.id}/"
    allowed = [world.teacher.user, world.admin.user, world.student.user, world.classmate.user]
    denied = [
        world.analyst,
        world.other_student.user,
        world.other_teacher.user,
        world.other_admin.user,
        world.hr.user,
        world.mentor.user,
        world.outsider,
    ]
    assert_access(url, allowed=allowed, denied=denied, denied_status=NOT_FOUND)


def test_teacher_lists_show_only_what_the_viewer_may_see(world):
    ours = {world.teacher.id, world.admin.id}
    theirs = {world.other_teacher.id, world.other_admin.id}
    assert listed_ids(world.teacher.user, "/api/v1/teachers/") == ours
    assert listed_ids(world.admin.user, "/api/v1/teachers/") == ours
    assert listed_ids(world.other_teacher.user, "/api/v1/teachers/") == theirs
    assert listed_ids(world.student.user, "/api/v1/teachers/") == {world.teacher.id}  # their advisor only
    assert listed_ids(world.hr.user, "/api/v1/teachers/") == set()
    assert listed_ids(world.outsider, "/api/v1/teachers/") == set()
    assert listed_ids(world.analyst, "/api/v1/teachers/") == set()


def test_a_student_cannot_see_the_school_admins_teacher_record(world):
    response = client_for(world.student.user).get(f"/api/v1/teachers/{world.admin.id}/")
    assert response.status_code == 404


def test_school_admin_adds_a_teacher_who_is_invited_by_email_and_joins_on_accepting(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    data = {"institution": world.school.id, "email": "new.teacher@test.example.com", "full_name": "李老师"}
    client = client_for(world.admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/api/v1/teachers/", data, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["email"], response.json()["status"]) == ("new.teacher@test.example.com", "pending")
    assert [m.to for m in mailoutbox] == [["new.teacher@test.example.com"]]
    assert not Teacher.objects.filter(user__email="new.teacher@test.example.com").exists()
    accept = {"token": token_from(mailoutbox[0]), "full_name": "李老师", "password": "Ginkgo-Lantern-42"}
    assert APIClient().post("/api/v1/invitations/accept/", accept, format="json").status_code == 200
    assert Teacher.objects.filter(institution=world.school, user__email="new.teacher@test.example.com").exists()


def test_only_school_admins_add_teachers_and_only_to_their_school(world):
    data = {"institution": world.school.id, "email": "x@test.example.com", "full_name": "x"}
    denied = [world.teacher.user, world.student.user, world.hr.user, world.analyst, world.outsider]
    assert_access("/api/v1/teachers/", method="post", data=data, allowed=[], denied=denied, denied_status=FORBIDDEN)
    response = client_for(world.other_admin.user).post("/api/v1/teachers/", data, format="json")
    assert response.status_code == 400
    assert "institution" in response.json()["fields"]
    assert not Teacher.objects.filter(user__email="x@test.example.com").exists()


def test_only_the_schools_admin_edits_and_removes_a_teacher(world):
    url = f"/api/v1/teachers/{world.teacher.id}/"
    for method, path, data in (("patch", "", {"title": "x"}), ("post", "archive/", None)):
        assert_access(url + path, method=method, data=data, allowed=[],
                      denied=[world.teacher.user, world.student.user], denied_status=FORBIDDEN)  # fmt: skip
        hidden = [world.other_admin.user, world.hr.user, world.analyst, world.outsider]
        assert_access(url + path, method=method, data=data, allowed=[], denied=hidden, denied_status=NOT_FOUND)
    assert_access(url, method="patch", data={"title": "副教授"}, allowed=[world.admin.user], denied=[])
    world.teacher.refresh_from_db()
    assert world.teacher.title == "副教授"
    assert client_for(world.admin.user).delete(url).status_code == 405
    # Removing a teacher from the school ends the membership; the account and the advisees' history stay.
    assert_access(url + "archive/", method="post", allowed=[world.admin.user], denied=[])
    world.teacher.refresh_from_db()
    assert world.teacher.archived_at is not None
    assert world.student.__class__.objects.get(pk=world.student.pk).advisor_id == world.teacher.pk
    assert listed_ids(world.teacher.user, "/api/v1/students/") == set()  # no access to the school any more
    assert world.teacher.id not in listed_ids(world.admin.user, "/api/v1/teachers/")


def test_a_school_admin_cannot_remove_themselves_from_the_school(world):
    response = client_for(world.admin.user).post(f"/api/v1/teachers/{world.admin.id}/archive/")
    assert response.status_code == 403
    assert Teacher.objects.get(pk=world.admin.pk).archived_at is None


# -- students ------------------------------------------------------------------------------------------------


def test_a_student_sees_only_their_own_student_record(world):
    assert listed_ids(world.student.user, "/api/v1/students/") == {world.student.id}
    client = client_for(world.student.user)
    assert client.get(f"/api/v1/students/{world.student.id}/").status_code == 200
    assert client.get(f"/api/v1/students/{world.classmate.id}/").status_code == 404


def test_a_student_record_is_read_by_its_schools_staff_and_the_student(world):
    url = f"/api/v1/students/{world.student.id}/"
    allowed = [world.student.user, world.teacher.user, world.admin.user]
    denied = [
        world.analyst,
        world.classmate.user,
        world.other_student.user,
        world.other_teacher.user,
        world.other_admin.user,
        world.hr.user,
        world.mentor.user,
        world.outsider,
    ]
    assert_access(url, allowed=allowed, denied=denied, denied_status=NOT_FOUND)


def test_student_lists_show_only_what_the_viewer_may_see(world):
    ours = {world.student.id, world.classmate.id}
    assert listed_ids(world.teacher.user, "/api/v1/students/") == ours
    assert listed_ids(world.admin.user, "/api/v1/students/") == ours
    assert listed_ids(world.other_teacher.user, "/api/v1/students/") == {world.other_student.id}
    assert listed_ids(world.hr.user, "/api/v1/students/") == set()
    assert listed_ids(world.mentor.user, "/api/v1/students/") == set()
    assert listed_ids(world.outsider, "/api/v1/students/") == set()
    assert listed_ids(world.analyst, "/api/v1/students/") == set()


def test_teacher_cannot_read_another_schools_student(world):
    response = client_for(world.other_teacher.user).get(f"/api/v1/students/{world.student.id}/")
    assert response.status_code == 404


def test_only_school_admins_add_students_and_only_to_their_school(world):
    data = {
        "institution": world.school.id,
        "student_number": "2024999",
        "full_name": "新生",
        "birth_date": "2006-09-01",
        "entry_year": 2024,
    }
    denied = [world.teacher.user, world.student.user, world.hr.user, world.analyst, world.outsider]
    assert_access("/api/v1/students/", method="post", data=data, allowed=[], denied=denied, denied_status=FORBIDDEN)
    response = client_for(world.other_admin.user).post("/api/v1/students/", data, format="json")
    assert response.status_code == 400
    assert "institution" in response.json()["fields"]
    assert not Student.objects.filter(student_number="2024999").exists()
    assert_access(
        "/api/v1/students/", method="post", data=data, allowed=[world.admin.user], denied=[], allowed_status=CREATED
    )
    assert Student.objects.filter(institution=world.school, student_number="2024999").exists()


def test_school_admin_cannot_put_a_student_in_another_schools_class(world):
    response = client_for(world.admin.user).patch(
        f"/api/v1/students/{world.student.id}/", {"cohort": world.other_student.cohort_id}, format="json"
    )
    assert response.status_code == 400
    assert "cohort" in response.json()["fields"]
    world.student.refresh_from_db()
    assert world.student.cohort_id == world.cohort.id


def test_only_the_schools_admin_edits_and_archives_a_student(world):
    url = f"/api/v1/students/{world.classmate.id}/"
    visible_but_read_only = [world.teacher.user, world.classmate.user]
    hidden = [world.student.user, world.other_admin.user, world.hr.user, world.analyst, world.outsider]
    for method, path, data in (("patch", "", {"full_name": "x"}), ("post", "archive/", None)):
        assert_access(url + path, method=method, data=data, allowed=[], denied=visible_but_read_only,
                      denied_status=FORBIDDEN)  # fmt: skip
        assert_access(url + path, method=method, data=data, allowed=[], denied=hidden, denied_status=NOT_FOUND)
    assert_access(url, method="patch", data={"full_name": "改名"}, allowed=[world.admin.user], denied=[])
    world.classmate.refresh_from_db()
    assert world.classmate.full_name == "改名"
    assert_access(url + "archive/", method="post", allowed=[world.admin.user], denied=[])
    assert Student.objects.get(pk=world.classmate.pk).archived_at is not None


def test_only_the_schools_admin_reissues_an_activation_code(world):
    pending = f.StudentFactory(institution=world.school, cohort=world.cohort)
    url = f"/api/v1/students/{pending.id}/activation-code/"
    assert_access(url, method="post", allowed=[], denied=[world.teacher.user], denied_status=FORBIDDEN)
    hidden = [world.student.user, world.other_admin.user, world.hr.user, world.analyst, world.outsider]
    assert_access(url, method="post", allowed=[], denied=hidden, denied_status=NOT_FOUND)
    response = client_for(world.admin.user).post(url)
    assert response.status_code == 200
    assert len(response.json()["activation_code"]) == 9


def test_a_student_cannot_reissue_their_own_activation_code(world):
    response = client_for(world.student.user).post(f"/api/v1/students/{world.student.id}/activation-code/")
    assert response.status_code == 403


def test_an_activated_student_gets_no_new_activation_code(world):
    response = client_for(world.admin.user).post(f"/api/v1/students/{world.student.id}/activation-code/")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()["fields"]


def test_student_can_edit_flag_is_true_only_for_the_schools_admin(world):
    url = f"/api/v1/students/{world.student.id}/"
    assert client_for(world.admin.user).get(url).json()["can_edit"] is True
    assert client_for(world.teacher.user).get(url).json()["can_edit"] is False
    assert client_for(world.student.user).get(url).json()["can_edit"] is False


# -- student import --------------------------------------------------------------------------------------------


def test_only_school_admins_download_the_student_template(world):
    denied = [world.teacher.user, world.student.user, world.hr.user, world.analyst, world.outsider]
    assert_access(
        "/api/v1/imports/students/template/",
        allowed=[world.admin.user, world.other_admin.user],
        denied=denied,
        denied_status=FORBIDDEN,
    )


def test_only_school_admins_import_students(world):
    # The denied users are refused before the upload is even read; the allowed path is in test_imports.py.
    denied = [world.teacher.user, world.student.user, world.hr.user, world.analyst, world.outsider]
    assert_access(
        "/api/v1/imports/students/",
        method="post",
        data={"dry_run": True},
        allowed=[],
        denied=denied,
        denied_status=FORBIDDEN,
    )
    response = client_for(world.admin.user).post("/api/v1/imports/students/", {"dry_run": "true"})
    assert response.status_code == 400
    assert "file" in response.json()["fields"]
