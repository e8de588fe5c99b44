"""Thumbnails of uploaded images are made by a Celery task after the upload commits (inline without a broker):
a journal photo gets a small JPEG beside it, served with ?size=thumb to those who read the journal; the photo
itself until the thumbnail is there; made once however often the task runs; gone with the photo."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from config.uploads import THUMBNAIL_EDGE, thumbnail_name
from core.tasks import make_thumbnail
from placements.models import JournalPhoto
from placements.services import journals
from tests.placements.helpers import actor, client_for, named
from tests.placements.test_journals_weekly import running_placement

pytestmark = pytest.mark.django_db


def big_photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), (30, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def upload(world, capture):
    placement = running_placement(world)
    draft = journals.journal_draft_save(actor=actor(world.student.user), placement=placement, title="第一周")
    client = client_for(world.student.user)
    with capture(execute=True):
        answer = client.post(
            f"/api/v1/journals/{draft.pk}/photos/", {"file": named(big_photo(), "现场.jpg")}, format="multipart"
        )
    assert answer.status_code == 201, answer.content
    return JournalPhoto.objects.get(pk=answer.json()["id"])


def test_a_photos_thumbnail_is_made_after_the_upload_and_served_small(world, django_capture_on_commit_callbacks):
    photo = upload(world, django_capture_on_commit_callbacks)
    storage = photo.file.storage
    assert storage.exists(thumbnail_name(photo.file.name))
    served = client_for(world.student.user).get(f"/api/v1/journal-photos/{photo.pk}/file/", {"size": "thumb"})
    assert served.status_code == 200 and served["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(served.streaming_content))) as thumb:
        assert max(thumb.size) == THUMBNAIL_EDGE
    full = client_for(world.student.user).get(f"/api/v1/journal-photos/{photo.pk}/file/")
    with Image.open(io.BytesIO(b"".join(full.streaming_content))) as image:
        assert max(image.size) == 1600
    # someone who may not read the journal gets neither
    assert (
        client_for(world.hr.user).get(f"/api/v1/journal-photos/{photo.pk}/file/", {"size": "thumb"}).status_code == 404
    )


def test_the_task_running_again_makes_nothing_more_and_the_photo_is_served_until_the_thumbnail_exists(
    world, django_capture_on_commit_callbacks
):
    photo = upload(world, django_capture_on_commit_callbacks)
    storage = photo.file.storage
    name = thumbnail_name(photo.file.name)
    assert make_thumbnail.apply(args=["placements.JournalPhoto", photo.pk]).get() == name
    _folder, files = storage.listdir(name.rsplit("/", 1)[0])
    assert len([f for f in files if f.endswith(".thumb.jpg")]) == 1
    storage.delete(name)
    served = client_for(world.student.user).get(f"/api/v1/journal-photos/{photo.pk}/file/", {"size": "thumb"})
    assert served.status_code == 200 and served["Content-Type"] == photo.content_type
    assert make_thumbnail.apply(args=["placements.JournalPhoto", 999999]).get() is None  # removed meanwhile


def test_removing_a_photo_removes_its_thumbnail(world, django_capture_on_commit_callbacks):
    photo = upload(world, django_capture_on_commit_callbacks)
    storage, name = photo.file.storage, thumbnail_name(photo.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        assert client_for(world.student.user).delete(f"/api/v1/journal-photos/{photo.pk}/").status_code == 204
    assert not storage.exists(name) and not storage.exists(photo.file.name)
