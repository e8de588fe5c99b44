"""Check-in through the API: only the outcome is kept, the coordinates reach neither the database nor a log, and
a check-in outside the working day, on a rest day, with check-in turned off or without a placement under way is
refused with the reason."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import connection

from fieldwork.models import CheckIn, FieldworkPolicy
from tests.access import client_for
from tests.fieldwork.conftest import at, north_of_centre

URL = "/api/v1/check-ins/"


def post(user, point, accuracy=12.0, language=None):
    body = {"latitude": point[0], "longitude": point[1], "accuracy": accuracy}
    return client_for(user, language=language).post(URL, body, format="json")


def test_a_student_at_the_base_checks_in_and_only_the_outcome_is_kept(fw):
    with at(fw.wednesday, 9, 5):
        answer = post(fw.w.student.user, north_of_centre(140))
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert (body["outcome"], body["distance_m"], body["accuracy_band"], body["created"]) == (
        "inside",
        100,
        "le20",
        True,
    )
    assert "latitude" not in body and "longitude" not in body


def test_no_column_of_the_stored_check_in_holds_the_coordinates(fw, caplog):
    point = north_of_centre(1234.5)
    caplog.set_level(logging.DEBUG)
    with at(fw.wednesday, 9, 5):
        assert post(fw.w.student.user, point, accuracy=33.3).status_code == 201
    # every column of the row, read from the database itself
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {CheckIn._meta.db_table}")
        columns = [c[0] for c in cursor.description]
        (row,) = cursor.fetchall()
    stored = dict(zip(columns, row, strict=True))
    assert set(columns) == {"id", "placement_id", "day", "at", "outcome", "distance_m", "accuracy_band", "is_demo"}
    text = " ".join(str(v) for v in stored.values())
    for value in (*point, 33.3):
        for digits in (str(value)[:7], f"{value:.4f}", f"{value:.3f}"):
            assert digits not in text
    assert stored["distance_m"] == 1200
    logged = " ".join(r.getMessage() + str(r.args) for r in caplog.records)
    assert f"{point[0]:.4f}" not in logged and f"{point[1]:.4f}" not in logged


def test_a_bad_position_is_a_400_that_does_not_echo_it(fw):
    with at(fw.wednesday, 9, 5):
        answer = post(fw.w.student.user, (91.123456, 114.1))
    assert answer.status_code == 400
    assert "91.123456" not in answer.content.decode()
    assert set(answer.json()["fields"]) == {"latitude"}


def test_checking_in_twice_a_day_keeps_the_first(fw):
    with at(fw.wednesday, 9, 5):
        first = post(fw.w.student.user, north_of_centre(50)).json()
        second = post(fw.w.student.user, north_of_centre(5000))
    assert second.status_code == 200
    assert (second.json()["id"], second.json()["outcome"], second.json()["created"]) == (first["id"], "inside", False)
    assert CheckIn.objects.count() == 1


def test_check_in_opens_an_hour_before_work_and_closes_when_work_ends(fw):
    with at(fw.wednesday, 7, 29):
        early = post(fw.w.student.user, north_of_centre(50), language="en")
    assert early.status_code == 409
    assert early.json()["code"] == "checkin_outside_hours"
    assert "07:30" in early.json()["detail"] and "17:30" in early.json()["detail"]
    with at(fw.wednesday, 17, 31):
        assert post(fw.w.student.user, north_of_centre(50)).json()["code"] == "checkin_outside_hours"
    with at(fw.wednesday, 7, 30):
        assert post(fw.w.student.user, north_of_centre(50)).status_code == 201


def test_no_check_in_on_a_rest_day(fw):
    with at(fw.wednesday + timedelta(days=3), 10):  # Saturday
        answer = post(fw.w.student.user, north_of_centre(50))
    assert (answer.status_code, answer.json()["code"]) == (409, "checkin_rest_day")


def test_no_check_in_where_the_school_turned_it_off(fw):
    FieldworkPolicy.objects.create(institution=fw.w.school, checkin_enabled=False)
    with at(fw.wednesday, 10):
        answer = post(fw.w.student.user, north_of_centre(50))
    assert (answer.status_code, answer.json()["code"]) == (409, "checkin_disabled")


def test_no_check_in_without_a_placement_under_way(fw):
    fw.placement.status = "completed"
    fw.placement.save()
    with at(fw.wednesday, 10):
        answer = post(fw.w.student.user, north_of_centre(50))
    assert answer.status_code == 400
    assert "placement" in answer.json()["fields"]


def test_poor_accuracy_is_recorded_as_such(fw):
    with at(fw.wednesday, 10):
        body = post(fw.w.student.user, north_of_centre(900), accuracy=800).json()
    assert (body["outcome"], body["accuracy_band"]) == ("poor_accuracy", "gt100")


def test_the_student_page_says_whether_and_when_they_can_check_in(fw):
    with at(fw.wednesday, 10):
        page = client_for(fw.w.student.user).get(URL + "today/").json()
        assert (page["can_check_in"], page["opens"], page["closes"]) == (True, "07:30", "17:30")
        post(fw.w.student.user, north_of_centre(50))
        page = client_for(fw.w.student.user).get(URL + "today/").json()
    assert page["can_check_in"] is False and page["today"]["outcome"] == "inside"
    assert page["week"]["checked_in"] == 1, page["week"]["days"]
    assert client_for(fw.w.teacher.user).get(URL + "today/").status_code == 403


def test_the_student_page_gives_the_reason_on_a_rest_day(fw):
    with at(fw.wednesday + timedelta(days=4), 10):  # Sunday
        page = client_for(fw.w.student.user, language="en").get(URL + "today/").json()
    assert (page["can_check_in"], page["refusal_code"]) == (False, "checkin_rest_day")
    assert "rest day" in page["refusal"]
