"""The live notice socket, through the real ASGI application (origin check, session auth) and the real
channel layer of the settings (in memory here, Redis in CI)."""

from __future__ import annotations

import asyncio

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import transaction
from django.test import Client

from config.asgi import application
from notices.models import Notice
from notices.services import notice_send
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]
ORIGIN = (b"origin", b"http://127.0.0.1:8000")


@database_sync_to_async
def session_cookie_for(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


@database_sync_to_async
def make_user(**kwargs):
    return UserFactory(**kwargs)


@database_sync_to_async
def send(users, kind="approved", **params):
    with transaction.atomic():
        return [n.pk for n in notice_send(recipients=users, kind=kind, params=params, link="/placements/1")]


async def connect(user=None, *, query="", origin=ORIGIN):
    headers = [origin, (b"host", b"127.0.0.1:8000")]
    if user is not None:
        headers.append((b"cookie", await session_cookie_for(user)))
    communicator = WebsocketCommunicator(application, f"/ws/notices/{query}", headers=headers)
    connected, _ = await communicator.connect()
    return communicator, connected


async def receive_until(communicator, kind, timeout=2):
    while True:
        message = await communicator.receive_json_from(timeout=timeout)
        if message["type"] == kind:
            return message


async def test_anonymous_connections_are_refused():
    communicator, connected = await connect(None)
    assert not connected
    await communicator.disconnect()


async def test_a_foreign_origin_is_refused():
    user = await make_user()
    communicator, connected = await connect(user, origin=(b"origin", b"http://evil.example.com"))
    assert not connected
    await communicator.disconnect()


async def test_a_user_receives_their_notice_and_never_anothers():
    alice, bob = await make_user(), await make_user()
    a, ok_a = await connect(alice, query="?lang=en")
    b, ok_b = await connect(bob)
    assert ok_a and ok_b
    assert (await a.receive_json_from())["unread"] == 0
    assert (await b.receive_json_from())["unread"] == 0

    await send([alice], student="张明", slot="电池包装配实习", actor="刘老师")
    message = await receive_until(a, "notice")
    assert message["notice"]["title"] == "Application approved by the teacher"
    assert "电池包装配实习" in message["notice"]["body"]
    assert (await receive_until(a, "unread"))["unread"] == 1
    assert await b.receive_nothing(timeout=0.3)
    await a.disconnect()
    await b.disconnect()


async def test_notices_are_rendered_in_the_sockets_language():
    user = await make_user()
    zh, _ = await connect(user)
    await zh.receive_json_from()
    await send([user], student="张明", slot="岗位", actor="刘老师")
    assert (await receive_until(zh, "notice"))["notice"]["title"] == "申请已获指导教师批准"
    await zh.disconnect()


async def test_a_reconnecting_client_gets_what_it_missed_in_order():
    user = await make_user()
    first = await send([user], student="甲", slot="一")
    missed = [(await send([user], student="乙", slot=str(i)))[0] for i in range(3)]
    communicator, connected = await connect(user, query=f"?last={first[0]}")
    assert connected
    replayed = [await receive_until(communicator, "notice") for _ in missed]
    assert [m["notice"]["id"] for m in replayed] == missed
    assert all(m["replayed"] for m in replayed)
    assert (await receive_until(communicator, "unread"))["unread"] == 4
    await communicator.disconnect()


async def test_a_rolled_back_change_notifies_no_one():
    user = await make_user()
    communicator, _ = await connect(user)
    await communicator.receive_json_from()

    @database_sync_to_async
    def change_then_fail():
        try:
            with transaction.atomic():
                notice_send(recipients=[user], kind="approved", params={})
                raise RuntimeError("the change failed")
        except RuntimeError:
            pass

    await change_then_fail()
    assert await communicator.receive_nothing(timeout=0.3)
    assert await database_sync_to_async(Notice.objects.filter(recipient=user).count)() == 0
    await communicator.disconnect()


async def test_marking_all_read_updates_the_count_in_every_tab():
    user = await make_user()
    await send([user], student="甲", slot="一")
    await send([user], student="乙", slot="二")
    tab1, _ = await connect(user)
    tab2, _ = await connect(user)
    assert (await receive_until(tab1, "unread"))["unread"] == 2
    assert (await receive_until(tab2, "unread"))["unread"] == 2
    await tab1.send_json_to({"type": "read_all"})
    assert (await receive_until(tab1, "unread"))["unread"] == 0
    assert (await receive_until(tab2, "unread"))["unread"] == 0
    await tab1.disconnect()
    await tab2.disconnect()


async def test_hello_replays_after_the_given_id():
    user = await make_user()
    communicator, _ = await connect(user)
    await communicator.receive_json_from()
    ids = await send([user], student="甲", slot="一")
    await receive_until(communicator, "notice")
    await communicator.send_json_to({"type": "hello", "last_id": ids[0] - 1})
    message = await receive_until(communicator, "notice")
    assert message["notice"]["id"] == ids[0] and message["replayed"]
    await asyncio.sleep(0)
    await communicator.disconnect()


@database_sync_to_async
def students_of_one_school(n: int):
    from tests.factories import InstitutionFactory, StudentFactory

    school = InstitutionFactory()
    return [StudentFactory(institution=school, user=UserFactory()).user for _ in range(n)]


async def test_a_large_send_fans_out_through_the_school_and_reaches_only_its_recipients():
    users = await students_of_one_school(26)
    recipients, bystander = users[:25], users[25]
    sockets = []
    for user in (recipients[0], recipients[-1], bystander):
        communicator, connected = await connect(user, query="?lang=en")
        assert connected
        await communicator.receive_json_from()
        sockets.append(communicator)
    ids = await send(recipients, kind="slot_opened", company="东风", slot="装调", start="2027-03-01")
    first = await receive_until(sockets[0], "notice")
    last = await receive_until(sockets[1], "notice")
    assert first["notice"]["id"] == ids[0] and last["notice"]["id"] == ids[-1]
    assert first["notice"]["title"] == "New slot for your major"
    assert (await receive_until(sockets[1], "unread"))["unread"] == 1
    assert await sockets[2].receive_nothing(timeout=0.3)
    for communicator in sockets:
        await communicator.disconnect()
