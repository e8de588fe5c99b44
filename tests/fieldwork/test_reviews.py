"""Students' reviews and the k-anonymous averages: none below five ratings, republished only after five more."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from accounts.actor import actor_for
from core.errors import DomainError
from fieldwork.reviews import review_submit
from tests import factories as f
from tests.access import client_for


@pytest.fixture
def slot(world):
    return f.SlotFactory(company=world.company, base=world.base, majors=[world.major], mentor=world.mentor)


def rate(world, slot, stars: int, status="completed"):
    student = f.StudentFactory(
        institution=world.school, cohort=world.cohort, advisor=world.teacher, user=f.UserFactory()
    )
    placement = f.PlacementFactory(student=student, slot=slot, status=status)
    return review_submit(
        actor=actor_for(student.user), placement=placement, company_stars=stars, base_stars=stars,
        mentor_stars=stars, company_comment=f"评分{stars}",
    )  # fmt: skip


def company_rating(world, user=None):
    response = client_for(user or world.admin.user).get(f"/api/v1/company-ratings/{world.company.pk}/")
    assert response.status_code == 200, response.content
    return response.json()["rating"]


def test_four_ratings_show_no_average_and_five_do(world, slot):
    for stars in (5, 4, 4, 3):
        rate(world, slot, stars)
    assert company_rating(world) is None
    rate(world, slot, 4)
    assert company_rating(world) == {"average": 4.0, "count": 5}


def test_the_average_changes_only_after_five_new_ratings(world, slot):
    for stars in (5, 4, 4, 3, 4):
        rate(world, slot, stars)
    for stars in (1, 1, 1, 1):  # ratings six to nine: the published average stays
        rate(world, slot, stars)
        assert company_rating(world) == {"average": 4.0, "count": 5}
    rate(world, slot, 1)  # the tenth
    assert company_rating(world) == {"average": 2.5, "count": 10}


def test_students_see_the_average_on_slots_and_comments_stay_with_the_school(world, slot):
    for stars in (5, 5, 4, 4, 2):
        rate(world, slot, stars)
    student = client_for(world.student.user)
    listed = student.get("/api/v1/slots/", {"page_size": 100}).json()["results"]
    (row,) = [r for r in listed if r["id"] == slot.pk]
    assert row["company_rating"] == {"average": 4.0, "count": 5}
    assert student.get(f"/api/v1/company-ratings/{world.company.pk}/").json()["comments"] == []
    assert len(client_for(world.admin.user).get(f"/api/v1/company-ratings/{world.company.pk}/").json()["comments"]) == 5
    assert (
        client_for(world.other_admin.user).get(f"/api/v1/company-ratings/{world.company.pk}/").json()["comments"] == []
    )


def test_the_company_never_reads_ratings_or_reviews(world, slot):
    review = rate(world, slot, 3)
    hr = client_for(world.hr.user)
    assert hr.get(f"/api/v1/company-ratings/{world.company.pk}/").status_code == 404
    assert hr.get(f"/api/v1/placement-reviews/{review.pk}/").status_code == 404
    assert client_for(world.teacher.user).get(f"/api/v1/placement-reviews/{review.pk}/").status_code == 200


def test_a_review_waits_for_the_end_and_is_given_once(world, slot):
    with pytest.raises(DomainError):
        rate(world, slot, 4, status="active")
    placement = f.PlacementFactory(student=world.student, slot=slot, status="completed")
    actor = actor_for(world.student.user)
    review_submit(actor=actor, placement=placement, company_stars=4, base_stars=4, mentor_stars=5)
    with pytest.raises(DomainError):
        review_submit(actor=actor, placement=placement, company_stars=1, base_stars=1, mentor_stars=1)
    with pytest.raises(PermissionDenied):
        review_submit(actor=actor_for(world.teacher.user), placement=placement, company_stars=1, base_stars=1)


def test_stars_out_of_range_are_a_400(world, slot):
    placement = f.PlacementFactory(student=world.student, slot=slot, status="completed")
    response = client_for(world.student.user).post(
        "/api/v1/placement-reviews/",
        {"placement": placement.pk, "company_stars": 6, "base_stars": 0, "mentor_stars": 3},
        format="json",
    )
    assert response.status_code == 400 and {"company_stars", "base_stars"} <= set(response.json()["fields"])
