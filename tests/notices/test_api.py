from __future__ import annotations

import pytest
from django.db import transaction
from django.test import override_settings

from notices.models import Notice
from notices.services import notice_send
from tests.access import assert_access, client_for
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_people_list_only_their_own_notices():
    alice, bob = UserFactory(), UserFactory()
    notice_send(recipients=[alice], kind="withdrawn", params={"student": "甲", "slot": "一"})
    notice_send(recipients=[bob], kind="withdrawn", params={"student": "乙", "slot": "二"})
    body = client_for(alice).get("/api/v1/notices/").json()
    assert body["count"] == 1
    assert body["results"][0]["body"] == "甲撤回了对“一”的申请。"
    bobs = Notice.objects.get(recipient=bob)
    assert client_for(alice).get(f"/api/v1/notices/{bobs.pk}/").status_code == 404
    assert client_for(alice).post(f"/api/v1/notices/{bobs.pk}/read/").status_code == 404
    bobs.refresh_from_db()
    assert bobs.read_at is None


def test_the_notice_endpoints_need_a_signed_in_user():
    user = UserFactory()
    (notice,) = notice_send(recipients=[user], kind="approved", params={})
    assert_access("/api/v1/notices/", allowed=[user], denied=[])
    assert_access("/api/v1/notices/unread/", allowed=[user], denied=[])
    assert_access(f"/api/v1/notices/{notice.pk}/", allowed=[user], denied=[UserFactory()], denied_status=(404,))
    assert_access("/api/v1/notices/read-all/", method="post", allowed=[user], denied=[])


def test_reading_marks_and_counts():
    user = UserFactory()
    first, second = (notice_send(recipients=[user], kind="approved", params={})[0] for _ in range(2))
    client = client_for(user)
    assert client.get("/api/v1/notices/unread/").json() == {"unread": 2}
    assert client.post(f"/api/v1/notices/{first.pk}/read/").json() == {"marked": 1}
    assert client.get("/api/v1/notices/unread/").json() == {"unread": 1}
    assert client.get("/api/v1/notices/?unread=true").json()["results"][0]["id"] == second.pk
    assert client.post("/api/v1/notices/read-all/").json() == {"marked": 1}
    assert client.get("/api/v1/notices/unread/").json() == {"unread": 0}


def test_notices_follow_the_readers_language():
    user = UserFactory()
    notice_send(
        recipients=[user], kind="slot_opened", params={"company": "东风", "slot": "装调", "start": "2027-03-01"}
    )
    client = client_for(user)
    assert client.get("/api/v1/notices/").json()["results"][0]["title"] == "有适合你专业的新岗位"
    english = client.get("/api/v1/notices/", HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]
    assert english["title"] == "New slot for your major"


@override_settings(
    CHANNEL_LAYERS={
        "default": {"BACKEND": "channels_redis.core.RedisChannelLayer", "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]}}
    }
)
def test_when_redis_is_down_the_change_still_succeeds_and_the_notice_is_kept(django_capture_on_commit_callbacks):
    from channels.layers import channel_layers

    channel_layers.backends.clear()
    user = UserFactory()
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            notice_send(recipients=[user], kind="approved", params={})
    finally:
        channel_layers.backends.clear()
    assert Notice.objects.filter(recipient=user).count() == 1
