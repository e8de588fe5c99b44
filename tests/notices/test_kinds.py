"""The notices drawer's filter by kind and 'mark this kind read' (issue 14, defect 6), and dates in notices."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from notices.services import notice_send
from tests.access import assert_access
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def signed_in(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_the_kind_endpoints_need_a_signed_in_user_and_touch_only_ones_own_notices():
    alice, bob = UserFactory(), UserFactory()
    notice_send(recipients=[alice, bob], kind="journal_submitted", params={"student": "甲", "title": "第1周"})
    assert_access("/api/v1/notices/kinds/", allowed=[alice], denied=[], denied_status=(404,))
    assert_access(
        "/api/v1/notices/read-kind/", method="post", data={"kind": "journal_submitted"}, allowed=[alice], denied=[]
    )
    assert signed_in(bob).get("/api/v1/notices/unread/").json() == {"unread": 1}


def test_a_teacher_filters_by_kind_and_marks_one_kind_read():
    teacher = UserFactory()
    for week in range(3):
        notice_send(recipients=[teacher], kind="journal_submitted", params={"student": "甲", "title": f"第{week}周"})
    (certificate,) = notice_send(recipients=[teacher], kind="certificate_uploaded", params={"student": "乙"})
    client = signed_in(teacher)
    assert client.get("/api/v1/notices/kinds/").json() == [
        {"kind": "journal_submitted", "total": 3, "unread": 3},
        {"kind": "certificate_uploaded", "total": 1, "unread": 1},
    ]
    assert client.get("/api/v1/notices/?kind=certificate_uploaded").json()["count"] == 1
    assert client.post("/api/v1/notices/read-kind/", {"kind": "journal_submitted"}).json() == {"marked": 3}
    assert client.get("/api/v1/notices/unread/").json() == {"unread": 1}
    assert client.get("/api/v1/notices/?unread=true").json()["results"][0]["id"] == certificate.pk


def test_an_unknown_kind_is_a_translated_400_that_marks_nothing():
    user = UserFactory()
    notice_send(recipients=[user], kind="approved", params={})
    client = signed_in(user)
    response = client.post("/api/v1/notices/read-kind/", {"kind": "nonsense"}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 400
    assert "kind" in str(response.json())
    assert client.get("/api/v1/notices/unread/").json() == {"unread": 1}
    assert client.get("/api/v1/notices/?kind=nonsense").status_code == 400


def test_dates_in_notices_read_the_chinese_way_in_chinese():
    user = UserFactory()
    notice_send(
        recipients=[user], kind="slot_opened", params={"company": "东风", "slot": "装调", "start": "2027-03-01"}
    )
    client = signed_in(user)
    assert "2027年3月1日" in client.get("/api/v1/notices/").json()["results"][0]["body"]
    english = client.get("/api/v1/notices/", HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]
    assert "2027-03-01" in english["body"]
