"""The staff search (GET /api/v1/search/?q=): each role finds what its lists show it and nothing more, grouped,
five at most per group with the total and the list page that shows them all."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests import factories as f
from tests.access import client_for

URL = "/api/v1/search/"


def search(user, q, **extra):
    return client_for(user, **extra).get(URL, {"q": q})


def groups(response) -> dict[str, dict]:
    assert response.status_code == 200, response.content
    return {g["kind"]: g for g in response.json()["groups"]}


def titles(response, kind: str) -> list[str]:
    return [r["title"] for r in groups(response).get(kind, {"results": []})["results"]]


# -- school staff ------------------------------------------------------------------------------------------------


def test_teacher_finds_their_schools_student_by_part_of_the_name_number_or_class(world):
    world.student.full_name = "张晓明"
    world.student.save()
    found = groups(search(world.user("teacher"), "晓明"))["students"]
    assert [r["title"] for r in found["results"]] == ["张晓明"]
    assert found["results"][0]["url"] == f"/students/{world.student.pk}"
    assert world.student.student_number in found["results"][0]["subtitle"]
    assert found["total"] == 1
    by_number = titles(search(world.user("teacher"), world.student.student_number), "students")
    assert by_number == ["张晓明"]
    by_class = titles(search(world.user("teacher"), "2024级1班"), "students")
    assert sorted(by_class) == sorted([world.student.full_name, world.classmate.full_name])


def test_teacher_does_not_find_another_schools_student_of_the_same_name(world):
    world.student.full_name = "李同名"
    world.student.save()
    world.other_student.full_name = "李同名"
    world.other_student.save()
    found = groups(search(world.user("teacher"), "同名"))["students"]
    assert [r["id"] for r in found["results"]] == [world.student.pk]
    assert groups(search(world.user("other_teacher"), "同名"))["students"]["results"][0]["id"] == world.other_student.pk


def test_archived_students_are_left_out_as_the_students_list_leaves_them_out(world):
    world.classmate.full_name = "王离校"
    world.classmate.archived_at = timezone.now()
    world.classmate.save()
    assert groups(search(world.user("admin"), "离校"))["students"]["total"] == 0


def test_school_staff_find_their_students_placements_by_company_name_slots_and_companies(world):
    slot = f.SlotFactory(company=world.company, base=world.base, title="电池装配实习")
    placement = f.PlacementFactory(student=world.student, slot=slot)
    f.PlacementFactory(student=world.other_student, slot=slot)  # another school's student: not ours to see
    found = groups(search(world.user("teacher"), "东风"))
    assert [r["id"] for r in found["placements"]["results"]] == [placement.pk]
    assert found["placements"]["results"][0]["url"] == f"/placements/{placement.pk}"
    assert found["placements"]["results"][0]["title"] == world.student.full_name
    assert [r["url"] for r in found["companies"]["results"]] == [f"/companies/{world.company.pk}"]
    assert [r["url"] for r in found["slots"]["results"]] == [f"/slots/{slot.pk}"]  # searched by company name
    assert "institutions" not in found and "applicants" not in found


def test_a_group_shows_five_with_the_total_and_a_link_to_the_list_that_shows_them_all(world):
    for _ in range(7):
        f.StudentFactory(institution=world.school, cohort=world.cohort, full_name="赵多多")
    found = groups(search(world.user("admin"), "多多"))["students"]
    assert len(found["results"]) == 5
    assert found["total"] == 7
    more = urlsplit(found["more"])
    assert more.path == "/students" and parse_qs(more.query) == {"search": ["多多"]}
    # the list the link opens lists the same seven
    listed = client_for(world.user("admin")).get("/api/v1/students/", {"search": "多多"}).json()
    assert listed["count"] == 7


def test_the_placements_link_opens_every_status_of_the_teachers_view(world):
    f.PlacementFactory(student=world.student, slot=f.SlotFactory(company=world.company, base=world.base))
    more = urlsplit(groups(search(world.user("teacher"), "东风"))["placements"]["more"])
    assert more.path == "/placements"
    assert parse_qs(more.query) == {"search": ["东风"], "view": ["teacher"], "status": ["all"]}


def test_students_list_search_matches_the_class_too(world):
    listed = client_for(world.user("teacher")).get("/api/v1/students/", {"search": "2024级1班"}).json()
    assert {r["id"] for r in listed["results"]} == {world.student.pk, world.classmate.pk}


# -- company staff -----------------------------------------------------------------------------------------------


def test_hr_finds_their_companys_slots_and_not_another_companys_open_slot(world):
    own = f.SlotFactory(company=world.company, base=world.base, title="整车装调岗")
    f.SlotFactory(company=world.other_company, base=world.other_base, title="整车装调岗（另一家）")
    found = groups(search(world.user("hr"), "整车装调"))
    assert [r["id"] for r in found["slots"]["results"]] == [own.pk]
    assert parse_qs(urlsplit(found["slots"]["more"]).query) == {
        "search": ["整车装调"],
        "company": [str(world.company.pk)],
    }


def test_hr_finds_applicants_to_their_slots_and_no_other_student(world):
    slot = f.SlotFactory(company=world.company, base=world.base)
    world.student.full_name = "陈申请"
    world.student.save()
    world.classmate.full_name = "陈未申请"  # never applied to the company
    world.classmate.save()
    world.other_student.full_name = "陈别家"  # applied to another company
    world.other_student.save()
    application = f.PlacementFactory(student=world.student, slot=slot)
    f.PlacementFactory(student=world.other_student, slot=f.SlotFactory(company=world.other_company))
    for persona in ("hr", "mentor"):
        found = groups(search(world.user(persona), "陈"))
        assert set(found) == {"applicants", "slots", "jobs"}
        assert [(r["id"], r["title"]) for r in found["applicants"]["results"]] == [(application.pk, "陈申请")]
        assert found["applicants"]["total"] == 1
        assert found["applicants"]["results"][0]["url"] == f"/placements/{application.pk}"
    assert groups(search(world.user("other_hr"), "陈申请"))["applicants"]["total"] == 0


# -- the city's analysts -----------------------------------------------------------------------------------------


def test_analyst_finds_companies_and_institutions_and_no_personal_records(world):
    world.student.full_name = "东风学生"  # a name that matches the company's too
    world.student.save()
    f.PlacementFactory(student=world.student, slot=f.SlotFactory(company=world.company, base=world.base))
    found = groups(search(world.analyst, "东风"))
    assert set(found) == {"jobs", "companies", "institutions"}
    assert [r["id"] for r in found["companies"]["results"]] == [world.company.pk]
    institutions = groups(search(world.analyst, "城市职业"))["institutions"]
    assert [r["id"] for r in institutions["results"]] == [world.school.pk]
    assert "东风学生" not in search(world.analyst, "东风").content.decode()


# -- who may not, and bad input ----------------------------------------------------------------------------------


def in_language(language: str, message: str, **params) -> str:
    """`message` as the API says it in `language` (the catalogue's words once translated)."""
    with translation.override(language):
        return gettext(message).format(**params)


REFUSED = "The search is for the staff of schools and companies and for the city's analysts."
EMPTY = "Type something to search for."
TOO_LONG = "Search for at most {max_length} characters."


@pytest.mark.parametrize("persona", ["student", "pending_hr", "outsider"])
def test_students_and_users_without_a_staff_role_are_refused_with_a_reason(world, persona):
    response = search(world.user(persona), "东风")
    assert response.status_code == 403
    assert response.json()["detail"] == in_language("zh-hans", REFUSED)  # Chinese by default
    assert search(world.user(persona), "东风", language="en").json()["detail"] == REFUSED


def test_anonymous_is_asked_to_sign_in(world):
    assert client_for(None).get(URL, {"q": "东风"}).status_code == 401


@pytest.mark.parametrize(("q", "message"), [(None, EMPTY), ("", EMPTY), ("   ", EMPTY), ("x" * 101, TOO_LONG)])
def test_an_empty_or_too_long_text_is_a_translated_400(world, q, message):
    params = {} if q is None else {"q": q}
    response = client_for(world.user("teacher")).get(URL, params)
    assert response.status_code == 400
    assert response.json()["fields"]["q"] == [in_language("zh-hans", message, max_length=100)]
    english = client_for(world.user("teacher"), language="en").get(URL, params)
    assert english.json()["fields"]["q"] == [message.format(max_length=100)]


def test_the_text_is_trimmed_and_a_hundred_characters_are_allowed(world):
    assert titles(search(world.user("teacher"), f"  {world.student.full_name}  "), "students") == [
        world.student.full_name
    ]
    assert search(world.user("teacher"), "x" * 100).status_code == 200


@pytest.mark.parametrize(
    "q",
    ["%", "_", "%%", "\\", "'", '"', '"unclosed', "' OR 1=1 --", "'; DROP TABLE schools_student; --", ",", ",,,",
     '""', "％", "a\x00b", "学生%", "[a-z]*", "😀", "\u200b"],
)  # fmt: skip
def test_sql_like_and_wildcard_text_finds_only_literal_matches_and_never_fails(world, q):
    response = search(world.user("admin"), q)
    assert response.status_code in (200, 400), response.content
    if response.status_code == 200:
        # nobody's name holds these characters: the wildcards are matched literally, not as patterns
        assert all(g["total"] == 0 for g in response.json()["groups"]), (q, response.json())


def test_a_percent_sign_in_a_name_is_found_literally(world):
    world.student.full_name = "百分%之百"
    world.student.save()
    assert titles(search(world.user("teacher"), "%之"), "students") == ["百分%之百"]


def test_the_search_asks_a_bounded_number_of_queries(world, django_assert_max_num_queries):
    slot = f.SlotFactory(company=world.company, base=world.base, title="东风岗位")
    for _ in range(8):
        f.PlacementFactory(student=f.StudentFactory(institution=world.school, full_name="东风同学"), slot=slot)
    client = client_for(world.user("admin"))
    # session and user, the actor (3), then a count and a page for each of the four groups
    with django_assert_max_num_queries(14):
        found = groups(client.get(URL, {"q": "东风"}))
    assert found["students"]["total"] == 8 and found["placements"]["total"] == 8
    hr = client_for(world.user("hr"))
    with django_assert_max_num_queries(10):
        found = groups(hr.get(URL, {"q": "东风"}))
    assert found["applicants"]["total"] == 8 and len(found["applicants"]["results"]) == 5
