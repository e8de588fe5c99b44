"""Every message that cites a rule cites the regulation's own article (《职业学校学生实习管理规定》), never
COMPLIANCE.md's row numbers, and the API gives the clause behind each citation for the app's "依据" link."""

from __future__ import annotations

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from placements.rules import BASES, cite
from tests.placements.helpers import client_for

pytestmark = pytest.mark.django_db


def test_age_first_year_and_banned_work_cite_article_16_working_time_17_and_pay_18():
    articles = {key: basis.article for key, basis in BASES.items()}
    assert articles["age"] == articles["first_year"] == articles["banned_work"] == 16
    assert articles["working_time"] == 17
    assert articles["pay"] == 18


def test_a_check_whose_article_is_not_certain_cites_the_regulation_by_name_without_a_number():
    with translation.override("en"):
        assert cite("fees", "x") == "The Regulation on Internships of Vocational School Students: x"
        assert cite("pay", "x") == "Art. 18 of the Regulation on Internships of Vocational School Students: x"


def test_no_citation_uses_the_private_row_numbers():
    with translation.override("en"):
        for basis in BASES.values():
            assert not basis.citation.startswith("Rule"), basis
            assert str(basis.clause).strip(), basis


def test_anyone_signed_out_reads_every_citation_with_its_clause():
    response = APIClient().get("/api/v1/regulation/")
    assert response.status_code == 200, response.content
    rows = {row["key"]: row for row in response.json()}
    assert rows.keys() == BASES.keys()
    assert rows["pay"]["article"] == 18
    assert rows["pay"]["citation"] == str(BASES["pay"].citation)
    assert "80%" in rows["pay"]["clause"]
    assert rows["fees"]["article"] is None


def test_an_outsider_and_every_role_read_the_same_table(world):
    for user in (world.outsider, world.student.user, world.hr.user, world.teacher.user):
        response = client_for(user).get("/api/v1/regulation/")
        assert response.status_code == 200, response.content
        assert len(response.json()) == len(BASES)


def test_the_table_cannot_be_written(world):
    for user in (None, world.admin.user):  # public to read (no sign-in), so refused as a method, not a person
        assert client_for(user).post("/api/v1/regulation/", {}, format="json").status_code == 405


@pytest.mark.parametrize("wanted", ["9" * 25, "-3", "abc", "1.5"])
def test_a_school_that_is_no_id_is_a_400_not_a_500(wanted):
    response = APIClient(HTTP_ACCEPT_LANGUAGE="zh-hans").get("/api/v1/regulation/", {"institution": wanted})
    assert response.status_code == 400, response.content
    assert "institution" in response.json()["fields"]


def test_an_unknown_or_cleared_school_reads_the_regulation():
    for wanted in ("987654", ""):
        response = APIClient().get("/api/v1/regulation/", {"institution": wanted})
        assert response.status_code == 200, response.content
        assert {row["key"]: row for row in response.json()}["age"]["article"] == 16
