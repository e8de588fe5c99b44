"""Two real ASGI worker processes sharing one database and one Redis: a notice created through the API on one
worker reaches a socket held by the other. Runs wherever Redis is at hand (REDIS_URL, or a redis-server
binary: CI installs one); skipped, saying why, elsewhere."""

from __future__ import annotations

import asyncio
import json
import threading

import pytest
import websockets

from tests import live

SETUP = """
from accounts.models import User
from companies.models import Company, CompanyMember
from companies.credit_code import make_demo_credit_code
from schools.models import Institution, Teacher
school = Institution.objects.create(name="武汉城市职业学院", kind="higher_vocational")
admin = User.objects.create_user("admin", "admin@example.com", "Correct-Horse-9")
Teacher.objects.create(user=admin, institution=school, role="admin")
hr = User.objects.create_user("hr", "hr@example.com", "Correct-Horse-9")
company = Company.objects.create(name="东风汽车集团有限公司", credit_code=make_demo_credit_code(1), zone="wedz",
                                 segment="vehicle", headcount=1000)
CompanyMember.objects.create(user=hr, company=company, role="hr")
print(company.pk)
"""


def run(coroutine):
    """asyncio.run in a thread of its own: the browser tests' Playwright keeps a loop running in this one."""
    outcome = {}

    def target():
        try:
            outcome["value"] = asyncio.run(coroutine)
        except BaseException as exc:  # re-raised in the test's thread
            outcome["error"] = exc

    thread = threading.Thread(target=target)
    thread.start()
    thread.join(60)
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory):
    work = tmp_path_factory.mktemp("workers")
    with live.redis_url(work) as redis:
        if redis is None:
            pytest.skip("no Redis here: set REDIS_URL or install redis-server (CI does)")
        env = live.server_env(work, REDIS_URL=redis)
        live.manage(env, "migrate", "--noinput", "-v", "0")
        import subprocess
        import sys

        out = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SETUP], cwd=live.ROOT, env=env, check=True,
            capture_output=True, text=True,
        )  # fmt: skip
        company_id = int(out.stdout.strip().splitlines()[-1])
        with live.daphne(env, work / "one.log") as one, live.daphne(env, work / "two.log") as two:
            yield one, two, company_id


def test_a_notice_made_on_one_worker_reaches_a_socket_on_the_other(two_workers):
    one, two, company_id = two_workers
    hr = live.Browserless(two)
    hr.sign_in("hr@example.com", "Correct-Horse-9")
    admin = live.Browserless(one)
    admin.sign_in("admin@example.com", "Correct-Horse-9")

    async def scenario():
        ws_url = two.replace("http", "ws") + "/ws/notices/?lang=en"
        headers = {"Cookie": hr.session_cookie_header(), "Origin": two}
        async with websockets.connect(ws_url, additional_headers=headers) as socket:
            first = json.loads(await asyncio.wait_for(socket.recv(), 5))
            assert first == {"type": "unread", "unread": 0}
            status, body = await asyncio.to_thread(
                admin.request, "POST", f"/api/v1/companies/{company_id}/vet/", {"vetting_status": "suspended"}
            )
            assert status == 200, body
            notice = json.loads(await asyncio.wait_for(socket.recv(), 5))
            assert notice["type"] == "notice"
            assert notice["notice"]["title"] == "Company review: Suspended"
            unread = json.loads(await asyncio.wait_for(socket.recv(), 5))
            assert unread == {"type": "unread", "unread": 1}

    run(scenario())


def test_a_socket_without_a_session_is_closed(two_workers):
    one, _two, _ = two_workers

    async def scenario():
        url = one.replace("http", "ws") + "/ws/notices/"
        # the consumer closes before accepting, so the server refuses the handshake itself
        with pytest.raises(websockets.exceptions.InvalidStatus) as refused:
            async with websockets.connect(url, additional_headers={"Origin": one}) as socket:
                await asyncio.wait_for(socket.recv(), 5)
        assert refused.value.response.status_code == 403

    run(scenario())
