"""Issue 14, defect 8: a refused import's row errors speak the sheet's words. Each names its column by the
template's header in the request's language (not the API's field name), and an impossible date (30 February)
says the day does not exist rather than that the format is wrong."""

from __future__ import annotations

import pytest
from django.utils import translation

from config.importing import Column, RowErrors, as_date
from tests.schools.test_imports import good_rows, row, upload, xlsx

pytestmark = pytest.mark.django_db

COLUMNS = [Column("full_name", "姓名", "Full name"), Column("birth_date", "出生日期", "birth date")]


def test_a_row_error_carries_its_columns_header_in_the_requests_language():
    with translation.override("zh-hans"):
        errors = RowErrors(COLUMNS)
        errors.add(3, "full_name", "必填")
    with translation.override("en"):
        errors.add(4, "full_name", "Required")
    assert [(e["field"], e["header"]) for e in errors.items] == [("full_name", "姓名"), ("full_name", "Full name")]


def test_a_row_error_about_no_column_has_a_blank_header():
    errors = RowErrors(COLUMNS)
    errors.add(3, "", "This row repeats row 2.")
    errors.add(4, "school", "Unknown")
    assert [e["header"] for e in errors.items] == ["", ""]


@pytest.mark.parametrize("text", ["2006-02-30", "2006/2/30", "2006年2月30日", "2007-02-29", "2006-13-01"])
def test_an_impossible_date_says_the_day_does_not_exist(text):
    with translation.override("en"), pytest.raises(ValueError, match="This date does not exist"):
        as_date(text)


@pytest.mark.parametrize("text", ["abc", "2006-02", "06-02-03", "2006-02-03-04"])
def test_a_cell_that_is_no_date_asks_for_the_format(text):
    with translation.override("en"), pytest.raises(ValueError, match="YYYY-MM-DD"):
        as_date(text)


@pytest.mark.parametrize(
    ("text", "day"), [("2008-02-29", "2008-02-29"), ("2006/2/3", "2006-02-03"), ("20060203", "2006-02-03")]
)
def test_real_dates_still_read_in_their_usual_spellings(text, day):
    assert as_date(text).isoformat() == day


def test_the_student_import_names_the_column_by_its_header_and_the_impossible_date_in_chinese(world):
    rows = good_rows(world)
    rows.insert(1, row(world, "2024460702777", "坏日期", **{"出生日期": "2006-02-30"}))
    body = upload(world, xlsx(rows), dry_run=True).json()
    assert [(e["row"], e["field"], e["header"]) for e in body["row_errors"]] == [(3, "birth_date", "出生日期")]


def test_the_student_import_in_english_says_the_date_does_not_exist_under_the_english_header(world):
    rows = good_rows(world)
    rows.insert(1, row(world, "2024460702777", "坏日期", **{"出生日期": "2006-02-30"}))
    from tests.access import client_for
    from tests.schools.test_imports import URL

    client = client_for(world.admin.user)
    response = client.post(URL, {"file": xlsx(rows), "dry_run": "true"}, format="multipart", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    [error] = response.json()["row_errors"]
    assert (error["row"], error["field"], error["header"]) == (3, "birth_date", "birth date")
    assert error["message"] == "This date does not exist."
