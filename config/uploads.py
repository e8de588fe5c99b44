"""Uploaded documents and images: the type is decided by the content, never the name; images are opened with
Pillow under a pixel limit, turned upright by their EXIF orientation, re-encoded (which drops EXIF, where
phones put GPS) and bounded in size. Shared by placements' paperwork and certificates' scans."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_EDGE = 4000  # pixels; larger images are scaled down when re-encoded


@dataclass
class CleanFile:
    content: ContentFile
    extension: str
    content_type: str
    size: int


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


def clean_upload(upload, *, max_bytes: int | None = None, allow_pdf: bool = True, field: str = "file") -> CleanFile:
    """Check and normalise an uploaded file; raise ValidationError({field: ...}) and store nothing if bad (`field`:
    the form's name for the file, so the error shows under it)."""
    try:
        return _clean_upload(upload, max_bytes=max_bytes, allow_pdf=allow_pdf)
    except ValidationError as error:
        if field == "file":
            raise
        raise ValidationError({field: error.message_dict.get("file", error.messages)}) from error


def _clean_upload(upload, *, max_bytes: int | None, allow_pdf: bool) -> CleanFile:
    max_bytes = max_bytes or settings.PLACEMENT_UPLOAD_MAX_BYTES
    if upload is None:
        raise ValidationError({"file": [_("Choose a file to upload.")]})
    if upload.size > max_bytes:
        raise ValidationError({"file": [_("The file is larger than %(mb)d MB.") % {"mb": max_bytes // (1024 * 1024)}]})
    data = upload.read()
    kind = _sniff(data[:16])
    if kind is None or (kind == "pdf" and not allow_pdf):
        allowed = _("a PDF, JPEG or PNG file") if allow_pdf else _("a JPEG or PNG image")
        raise ValidationError({"file": [_("This is not %(allowed)s (checked by its content).") % {"allowed": allowed}]})
    if kind == "pdf":
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError({"file": [_("The PDF is damaged or incomplete.")]})
        return CleanFile(ContentFile(data), "pdf", "application/pdf", len(data))
    return _clean_image(data, kind)


def _clean_image(data: bytes, kind: str) -> CleanFile:
    # Pillow's own bomb check (twice the limit raises) backs up the explicit check below.
    Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_PIXELS
    try:
        with Image.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > settings.UPLOAD_MAX_PIXELS:
                raise ValidationError({"file": [_("The image has too many pixels.")]})
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            if max(image.size) > MAX_EDGE:
                image.thumbnail((MAX_EDGE, MAX_EDGE))
            out = io.BytesIO()
            if kind == "png":
                if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
                    image = image.convert("RGBA")
                image.save(out, format="PNG", optimize=True)  # no exif= argument: metadata is dropped
                ext, content_type = "png", "image/png"
            else:
                if image.mode != "RGB":
                    image = image.convert("RGB")
                image.save(out, format="JPEG", quality=88, optimize=True)
                ext, content_type = "jpg", "image/jpeg"
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError({"file": [_("The image has too many pixels.")]}) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError({"file": [_("The image is damaged and cannot be read.")]}) from None
    payload = out.getvalue()
    return CleanFile(ContentFile(payload), ext, content_type, len(payload))


# -- thumbnails: made off the request by a Celery task (core.tasks.make_thumbnail; inline without a broker) --------

THUMBNAIL_EDGE = 320  # pixels: a list of photos on a phone


def thumbnail_name(name: str) -> str:
    """Where a stored image's thumbnail lives: beside it (journal/…/photo.jpg -> journal/…/photo.thumb.jpg)."""
    stem, dot, _ext = name.rpartition(".")
    return f"{stem if dot else name}.thumb.jpg"


def thumbnail_bytes(data: bytes) -> bytes:
    """A small JPEG of an image that went through clean_upload already (verified, bounded, without EXIF)."""
    Image.MAX_IMAGE_PIXELS = settings.UPLOAD_MAX_PIXELS
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        image.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE))
        if image.mode != "RGB":
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=80, optimize=True)
    return out.getvalue()


def thumbnail_make(stored) -> str:
    """Make the stored image's thumbnail once (a job that runs again finds it made); its storage name."""
    target = thumbnail_name(stored.name)
    if stored.storage.exists(target):
        return target
    with stored.storage.open(stored.name, "rb") as source:
        data = source.read()
    return stored.storage.save(target, ContentFile(thumbnail_bytes(data)))


def thumbnail_later(instance, field: str = "file") -> None:
    """After the upload's transaction commits, queue its thumbnail (a Celery task; inline without a broker,
    where a failure is logged and the page shows the full image instead, never a failed upload)."""
    import logging

    from django.db import transaction

    label = instance._meta.label

    def enqueue() -> None:
        from core.tasks import make_thumbnail

        if settings.CELERY_TASK_ALWAYS_EAGER:
            try:
                make_thumbnail.apply(args=[label, instance.pk, field], throw=False)
            except Exception:
                logging.getLogger(__name__).warning("No thumbnail for %s %s", label, instance.pk, exc_info=True)
        else:
            make_thumbnail.delay(label, instance.pk, field)

    transaction.on_commit(enqueue)


def thumbnail_or_original(stored):
    """The thumbnail when it has been made, else the image itself (and its content type then is the caller's)."""
    target = thumbnail_name(stored.name)
    if stored.storage.exists(target):
        from django.db.models.fields.files import FieldFile

        return FieldFile(stored.instance, stored.field, target), "image/jpeg"
    return stored, None


def protected_file_response(stored, *, content_type: str, disposition: str = "inline"):
    """Send an uploaded file once the view has checked who may read it. Behind nginx (FILES_X_ACCEL_PREFIX set)
    Django only names the file and nginx sends it from an internal location, which a guessed URL cannot reach;
    otherwise Django streams it."""
    from urllib.parse import quote

    from django.http import FileResponse, HttpResponse

    prefix = settings.FILES_X_ACCEL_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(stored.name)
    else:
        response = FileResponse(stored.open("rb"), content_type=content_type)
    response["Content-Disposition"] = disposition
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
