"""Weekly reports worth reading (issue 17): the school's sections, a draft kept while typing, photos through the
upload pipeline, the teacher's review list (unread first, comment with a score, filters), the mentor's comment,
the to-do counts and the day-before digest (one notice per person per day)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from PIL import Image

from config.celery import app as celery_app
from notices.models import Notice
from placements import reminders
from placements.models import Journal, JournalPhoto
from placements.services import journals
from tests import factories as f
from tests.placements.helpers import actor, client_for, image_bytes, make_slot, named, new_student, set_policy

pytestmark = pytest.mark.django_db

SECTIONS = [
    {"title": "本周工作", "text": "参与电池包拆装，学习高压安全规范。"},
    {"title": "收获", "text": "熟悉了绝缘检测流程。"},
    {"title": "问题", "text": ""},
    {"title": "下周计划", "text": "跟师傅学习电机检修。"},
]


def running_placement(world, student=None, *, started_days_ago: int = 30, company=None, mentor=None):
    """An active placement started `started_days_ago` days ago on a six-month slot that began then."""
    today = timezone.localdate()
    slot = make_slot(
        world,
        company=company,
        start_date=today - timedelta(days=started_days_ago),
        end_date=today + timedelta(days=180 - started_days_ago),
        application_deadline=today - timedelta(days=started_days_ago + 10),
        mentor=mentor if mentor is not None else world.mentor,
    )
    return f.PlacementFactory(
        student=student or world.student,
        slot=slot,
        status="active",
        started_at=timezone.now() - timedelta(days=started_days_ago),
    )


@pytest.fixture
def running(world):
    return running_placement(world)


def draft_url(placement):
    return f"/api/v1/placements/{placement.pk}/journal-draft/"


def submit(user, placement, **data):
    body = {"title": "第一周", "sections": SECTIONS, **data}
    return client_for(user).post(f"/api/v1/placements/{placement.pk}/journals/", body, format="json")


def submitted_journal(world, placement, title="第一周"):
    return journals.journal_submit(actor=actor(world.student.user), placement=placement, title=title, sections=SECTIONS)


# -- the school's template -------------------------------------------------------------------------------------


def test_a_school_asks_for_the_four_default_sections_until_its_admin_renames_them(world, running):
    answer = client_for(world.student.user).get(draft_url(running)).json()
    assert answer == {"template": ["本周工作", "收获", "问题", "下周计划"], "draft": None}

    policy_id = set_policy(world.school).pk
    changed = client_for(world.admin.user).patch(
        f"/api/v1/school-policies/{policy_id}/", {"journal_sections": ["本周工作", "安全体会"]}, format="json"
    )
    assert changed.status_code == 200, changed.json()
    assert client_for(world.student.user).get(draft_url(running)).json()["template"] == ["本周工作", "安全体会"]


@pytest.mark.parametrize("sections", [[], ["本周工作", "本周工作"], ["x" * 21], ["", "a"], [str(i) for i in range(9)]])
def test_a_template_needs_one_to_eight_distinct_short_titles(world, sections):
    policy_id = set_policy(world.school).pk
    answer = client_for(world.admin.user).patch(
        f"/api/v1/school-policies/{policy_id}/", {"journal_sections": sections}, format="json"
    )
    assert answer.status_code == 400
    assert any(key.startswith("journal_sections") for key in answer.json()["fields"])


def test_a_teacher_does_not_change_the_template(world):
    policy_id = set_policy(world.school).pk
    answer = client_for(world.teacher.user).patch(
        f"/api/v1/school-policies/{policy_id}/", {"journal_sections": ["本周工作"]}, format="json"
    )
    assert answer.status_code == 403


# -- drafts and submission -------------------------------------------------------------------------------------


def test_a_draft_is_kept_while_typing_and_becomes_the_journal_with_its_number(world, running):
    client = client_for(world.student.user)
    first = client.post(draft_url(running), {"title": "第一", "sections": SECTIONS[:1]}, format="json")
    assert first.status_code == 200
    again = client.post(draft_url(running), {"title": "第一周", "sections": SECTIONS[:2]}, format="json").json()
    assert again["draft"]["id"] == first.json()["draft"]["id"]  # one draft per placement, saved over
    assert again["draft"]["status"] == "draft" and again["draft"]["period"] == 1
    # a draft does not count, is not listed, and the teacher does not see it
    assert journals.journal_summary(running).submitted == 0
    assert client.get("/api/v1/journals/", {"placement": running.pk}).json()["count"] == 0
    teacher = client_for(world.teacher.user)
    assert teacher.get(f"/api/v1/journals/{again['draft']['id']}/").status_code == 404

    done = submit(world.student.user, running)
    assert done.status_code == 201, done.json()
    journal = Journal.objects.get(pk=done.json()["id"])
    assert journal.pk == again["draft"]["id"] and journal.status == "submitted" and journal.period == 1
    assert [s["title"] for s in journal.sections] == ["本周工作", "收获", "问题", "下周计划"]
    assert journal.body.startswith("【本周工作】\n参与电池包拆装") and "【问题】" not in journal.body  # empty left out
    assert client.get(draft_url(running)).json()["draft"] is None
    assert journals.journal_summary(running).submitted == 1
    assert submit(world.student.user, running).json()["period"] == 2


def test_an_earlier_client_still_submits_a_body_alone(world, running):
    answer = client_for(world.student.user).post(
        f"/api/v1/placements/{running.pk}/journals/",
        {"title": "第一周", "body": "学习了高压安全规范，参与了电池包拆装。"},
        format="json",
    )
    assert answer.status_code == 201
    assert answer.json()["body"] == "学习了高压安全规范，参与了电池包拆装。" and answer.json()["sections"] == []


def test_a_section_outside_the_template_or_too_little_text_is_a_400_and_nothing_is_saved(world, running):
    odd = submit(world.student.user, running, sections=[{"title": "心情", "text": "今天很好今天很好今天很好"}])
    assert odd.status_code == 400 and "sections" in odd.json()["fields"]
    short = submit(world.student.user, running, sections=[{"title": "本周工作", "text": "很好"}])
    assert short.status_code == 400 and "sections" in short.json()["fields"]
    assert not Journal.objects.filter(placement=running).exists()


def test_only_the_student_keeps_a_draft(world, running):
    for user in (world.teacher.user, world.mentor.user, world.hr.user):
        assert client_for(user).post(draft_url(running), {"title": "x"}, format="json").status_code == 403
    assert client_for(world.classmate.user).get(draft_url(running)).status_code == 404


# -- photos ----------------------------------------------------------------------------------------------------


def photo_upload(user, journal, content=None):
    upload = named(content or image_bytes("PNG"), "现场.png")
    return client_for(user).post(f"/api/v1/journals/{journal.pk}/photos/", {"file": upload}, format="multipart")


def draft_of(world, placement):
    return journals.journal_draft_save(actor=actor(world.student.user), placement=placement, title="第一周")


def test_photos_go_through_the_image_pipeline_and_lose_their_exif(world, running):
    draft = draft_of(world, running)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    answer = photo_upload(world.student.user, draft, image_bytes("JPEG", exif=exif.tobytes()))
    assert answer.status_code == 201, answer.json()
    photo = JournalPhoto.objects.get(pk=answer.json()["id"])
    with Image.open(photo.file.open("rb")) as stored:
        assert not stored.getexif()
    assert answer.json()["url"] == f"/api/v1/journal-photos/{photo.pk}/file/"
    not_an_image = photo_upload(world.student.user, draft, b"%PDF-1.4 not a photo %%EOF")
    assert not_an_image.status_code == 400

    journal = Journal.objects.get(pk=submit(world.student.user, running).json()["id"])
    assert list(journal.photos.all()) == [photo]  # the draft's photos go with it
    for user in (world.teacher.user, world.mentor.user, world.student.user):
        served = client_for(user).get(f"/api/v1/journal-photos/{photo.pk}/file/")
        assert served.status_code == 200 and served["Cache-Control"] == "private, no-store"
    assert client_for(world.hr.user).get(f"/api/v1/journal-photos/{photo.pk}/file/").status_code == 404
    # a submitted journal keeps its photos
    assert client_for(world.student.user).delete(f"/api/v1/journal-photos/{photo.pk}/").status_code == 409
    assert photo_upload(world.student.user, journal).status_code == 409


def test_a_journal_takes_at_most_six_photos_and_the_student_removes_one_from_a_draft(world, running):
    draft = draft_of(world, running)
    for _ in range(journals.JOURNAL_PHOTOS_MAX):
        assert photo_upload(world.student.user, draft).status_code == 201
    seventh = photo_upload(world.student.user, draft)
    assert seventh.status_code == 400 and "file" in seventh.json()["fields"]
    photo = draft.photos.first()
    assert client_for(world.teacher.user).delete(f"/api/v1/journal-photos/{photo.pk}/").status_code == 404
    assert client_for(world.student.user).delete(f"/api/v1/journal-photos/{photo.pk}/").status_code == 204
    assert draft.photos.count() == journals.JOURNAL_PHOTOS_MAX - 1


# -- comments, scores, the mentor ------------------------------------------------------------------------------


def comment(user, journal, **data):
    return client_for(user).post(f"/api/v1/journals/{journal.pk}/comment/", data, format="json")


def test_the_teacher_comments_with_an_optional_score_and_the_mentor_in_their_own_field(world, running):
    journal = submitted_journal(world, running)
    scored = comment(world.teacher.user, journal, comment="条理清楚。", score=92)
    assert scored.status_code == 200, scored.json()
    assert (scored.json()["teacher_comment"], scored.json()["score"]) == ("条理清楚。", 92)
    assert comment(world.teacher.user, journal, comment="好", score=101).status_code == 400

    mentored = comment(world.mentor.user, journal, comment="动手能力强。")
    assert mentored.status_code == 200
    body = mentored.json()
    assert (body["mentor_comment"], body["teacher_comment"], body["score"]) == ("动手能力强。", "条理清楚。", 92)
    assert body["mentor_commented_by_name"] == world.mentor.user.display_name
    assert comment(world.mentor.user, journal, comment="好", score=80).status_code == 400  # a mentor does not score
    assert Notice.objects.filter(recipient=world.student.user, kind="journal_commented").count() == 2


def test_hr_and_another_companys_mentor_do_not_see_the_journal(world, running):
    journal = submitted_journal(world, running)
    other_mentor = f.CompanyMemberFactory(company=world.company, role="mentor")
    for user in (world.hr.user, other_mentor.user, world.other_hr.user):
        assert comment(user, journal, comment="看看").status_code == 404
    assert comment(world.student.user, journal, comment="自评").status_code == 403


# -- the review list -------------------------------------------------------------------------------------------


def review(user, **query):
    answer = client_for(user).get("/api/v1/journals/review/", query)
    assert answer.status_code == 200, answer.json()
    return answer.json()["results"]


def test_the_review_list_shows_every_advisees_journal_unread_first_then_newest(world, running):
    other = new_student(world)
    elsewhere = running_placement(world, other)
    older = submitted_journal(world, running, "第一周")
    newer = journals.journal_submit(actor=actor(other.user), placement=elsewhere, title="另一位同学", sections=SECTIONS)
    latest = submitted_journal(world, running, "第二周")
    assert [j["id"] for j in review(world.teacher.user)] == [latest.pk, newer.pk, older.pk]
    assert all(j["unread"] for j in review(world.teacher.user))

    read = client_for(world.teacher.user).post(f"/api/v1/journals/{latest.pk}/read/")
    assert read.status_code == 200 and read.json()["unread"] is False
    comment(world.teacher.user, older, comment="不错。")
    rows = review(world.teacher.user)
    assert [(j["id"], j["unread"]) for j in rows] == [(newer.pk, True), (latest.pk, False), (older.pk, False)]
    # read state is per reviewer: the mentor has read nothing yet
    assert all(j["unread"] for j in review(world.mentor.user))
    # the student's other teachers (the school admin, who advises nobody here) have nothing to review
    assert review(world.admin.user) == []


def test_the_review_list_filters_by_class_company_and_unread(world, running):
    other_cohort = f.CohortFactory(major=world.major)
    other = new_student(world, cohort=other_cohort)
    company = f.CompanyFactory()
    elsewhere = running_placement(world, other, company=company, mentor=f.CompanyMemberFactory(company=company))
    mine = submitted_journal(world, running)
    theirs = journals.journal_submit(actor=actor(other.user), placement=elsewhere, title="江汉", sections=SECTIONS)
    assert [j["id"] for j in review(world.teacher.user, cohort=world.cohort.pk)] == [mine.pk]
    assert [j["id"] for j in review(world.teacher.user, company=company.pk)] == [theirs.pk]
    comment(world.teacher.user, mine, comment="好。")
    assert [j["id"] for j in review(world.teacher.user, unread="true")] == [theirs.pk]
    assert [j["id"] for j in review(world.teacher.user, unread="false")] == [mine.pk]
    rows = review(world.teacher.user)
    assert rows[0]["cohort_name"] == other_cohort.name and rows[0]["company_name"] == company.name


def test_students_and_outsiders_have_no_review_list(world):
    for user in (world.student.user, world.outsider):
        assert client_for(user).get("/api/v1/journals/review/").status_code == 403


# -- to-do counts and the digest -------------------------------------------------------------------------------


def counts(user) -> dict[str, int]:
    answer = client_for(user).get("/api/v1/me/todo/")
    assert answer.status_code == 200
    return {item["key"]: item["count"] for item in answer.json()["items"]}


def test_the_todo_counts_unread_for_the_teacher_and_the_mentor_and_what_the_student_owes(world):
    placement = running_placement(world, started_days_ago=15)  # two due by now, none in
    assert counts(world.student.user)["journals_due"] == 2
    journal = submitted_journal(world, placement)
    assert counts(world.student.user)["journals_due"] == 1
    assert counts(world.teacher.user)["journals_to_review"] == 1
    assert counts(world.mentor.user)["journals_to_comment"] == 1
    journals.journal_mark_read(actor=actor(world.teacher.user), journal=journal)
    assert counts(world.teacher.user)["journals_to_review"] == 0
    assert counts(world.mentor.user)["journals_to_comment"] == 1
    assert "journals_to_comment" not in counts(world.hr.user)  # HR who mentors nobody


def test_the_day_before_a_journal_is_due_each_student_gets_one_digest_a_day(world):
    # two placements (rare, but one digest for both), each with its first journal due tomorrow
    running_placement(world, started_days_ago=6)
    company = f.CompanyFactory()
    running_placement(world, started_days_ago=6, company=company, mentor=f.CompanyMemberFactory(company=company))
    not_yet = new_student(world)
    running_placement(world, not_yet, started_days_ago=3)

    assert journals.journal_summary(world.student.placements.first()).next_due == timezone.localdate() + timedelta(1)
    assert reminders.remind_journals_due_tomorrow() == 1
    assert reminders.remind_journals_due_tomorrow() == 0  # a second run the same day sends nothing
    [notice] = Notice.objects.filter(recipient=world.student.user, kind="journal_due_digest")
    assert notice.params["count"] == 2
    assert not Notice.objects.filter(recipient=not_yet.user, kind="journal_due_digest").exists()


def test_a_student_who_already_wrote_the_journal_due_tomorrow_hears_nothing(world):
    placement = running_placement(world, started_days_ago=6)
    submitted_journal(world, placement)
    assert reminders.remind_journals_due_tomorrow() == 0


def test_without_a_scheduler_the_students_app_computes_their_digest_when_it_opens(world, settings):
    running_placement(world, started_days_ago=6)  # the first journal due tomorrow
    settings.REMINDERS_ON_DEMAND = True
    counts(world.student.user)
    counts(world.student.user)  # opened twice the same day: still one digest
    assert Notice.objects.filter(recipient=world.student.user, kind="journal_due_digest").count() == 1
    counts(world.teacher.user)  # staff opening the app send nobody anything
    assert Notice.objects.filter(kind="journal_due_digest").count() == 1


def test_with_a_scheduler_reading_the_todo_sends_nothing(world, settings):
    running_placement(world, started_days_ago=6)
    settings.REMINDERS_ON_DEMAND = False
    counts(world.student.user)
    assert not Notice.objects.filter(kind="journal_due_digest").exists()


def test_the_digest_is_on_the_platforms_schedule_and_runs_on_demand():
    entries = {entry["task"] for entry in celery_app.conf.beat_schedule.values()}
    assert "placements.tasks.remind_journals_due_tomorrow" in entries
    assert reminders.REMINDERS["journals_due"] is reminders.remind_journals_due_tomorrow


def test_the_review_list_runs_a_fixed_number_of_queries(world, running, django_assert_max_num_queries):
    for i in range(5):
        journal = submitted_journal(world, running, f"第{i + 1}周")
        JournalPhoto.objects.create(
            journal=journal, file="journals/x.png", extension="png", content_type="image/png", size=1
        )
    client = client_for(world.teacher.user)
    with django_assert_max_num_queries(12):
        answer = client.get("/api/v1/journals/review/")
    assert answer.json()["count"] == 5
