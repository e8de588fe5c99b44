"""Large sends leave the request: on the platform (a broker, tasks not inline) their live delivery is a Celery
job queued after commit; without a broker (make run, the tests) it happens inline as before."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from notices import services, tasks
from notices.models import Notice
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued(monkeypatch, settings):
    """Pretend a broker is there: record what would be queued instead of running it."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    jobs: list[list[int]] = []
    monkeypatch.setattr(tasks.deliver_notices, "delay", lambda ids: jobs.append(ids))
    return jobs


@pytest.fixture
def pushed(monkeypatch):
    batches: list[list[int]] = []
    monkeypatch.setattr(services, "deliver", lambda notices: batches.append([n.pk for n in notices]))
    monkeypatch.setattr(tasks, "deliver", lambda notices: batches.append([n.pk for n in notices]))
    return batches


def test_a_large_send_is_delivered_by_a_job_queued_after_commit(queued, pushed, django_capture_on_commit_callbacks):
    users = UserFactory.create_batch(services.BACKGROUND_MIN)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notices = services.notice_send(recipients=users, kind="round_opened", params={"round": "R"})
    assert queued == [] and pushed == []  # nothing before the transaction commits
    for callback in callbacks:
        callback()
    assert queued == [[n.pk for n in notices]]
    assert pushed == []  # the request did not push anything itself


def test_a_small_send_is_still_pushed_from_the_request(queued, pushed, django_capture_on_commit_callbacks):
    users = UserFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        notices = services.notice_send(recipients=users, kind="round_opened", params={"round": "R"})
    assert queued == []
    assert pushed == [[n.pk for n in notices]]


def test_without_a_broker_a_large_send_is_pushed_inline(settings, pushed, django_capture_on_commit_callbacks):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    users = UserFactory.create_batch(services.BACKGROUND_MIN)
    with django_capture_on_commit_callbacks(execute=True):
        services.notice_send(recipients=users, kind="round_opened", params={"round": "R"})
    assert len(pushed) == 1 and len(pushed[0]) == services.BACKGROUND_MIN


def test_the_job_pushes_the_stored_notices_and_running_it_twice_pushes_the_same_ones(pushed):
    users = UserFactory.create_batch(3)
    ids = [n.pk for n in services.notice_send(recipients=users, kind="round_opened", params={"round": "R"})]
    pushed.clear()
    assert tasks.deliver_notices(ids) == 3
    assert tasks.deliver_notices(ids) == 3
    assert pushed == [sorted(ids), sorted(ids)]
    assert Notice.objects.filter(pk__in=ids).count() == 3  # nothing stored twice


def test_send_notice_command_sends_to_accounts_by_email(queued):
    user = UserFactory(email="someone@example.com")
    out = StringIO()
    call_command("send_notice", "someone@example.com", "--text", "maintenance tonight", stdout=out)
    notice = Notice.objects.get(recipient=user)
    assert notice.params == {"text": "maintenance tonight"}
    assert out.getvalue().strip() == str(notice.pk)
    with pytest.raises(CommandError):
        call_command("send_notice", "nobody@example.com", "--text", "x")
