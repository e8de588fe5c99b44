"""Operations that change the schools directory: student records and their activation, staff accounts."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.actor import Actor
from accounts.models import Invitation
from accounts.services import invitation_create
from accounts.validators import normalize_cn_mobile, password_errors, phone_for_account
from schools.models import Institution, Student, Teacher

User = get_user_model()

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on a phone


def _code_digest(student_id: int, code: str) -> str:
    normalized = code.replace("-", "").replace(" ", "").upper()
    message = f"{student_id}:{normalized}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def student_issue_activation_code(*, student: Student) -> str:
    """Give the student a new one-time code (replacing any earlier one) and return it; only its digest is
    kept, so the school hands the code over once (printout or the import's code sheet)."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    student.activation_code_hash = _code_digest(student.pk, raw)
    student.activation_expires_at = timezone.now() + timedelta(days=settings.STUDENT_ACTIVATION_CODE_DAYS)
    student.activation_attempts = 0
    student.save(update_fields=["activation_code_hash", "activation_expires_at", "activation_attempts"])
    return f"{raw[:4]}-{raw[4:]}"


@transaction.atomic
def student_create(*, institution: Institution, **fields) -> tuple[Student, str]:
    """A school admin adds a student; returns the record and its one-time activation code."""
    student = Student(institution=institution, **fields)
    student.full_clean()
    student.save()
    code = student_issue_activation_code(student=student)
    return student, code


def _activation_error(message) -> ValidationError:
    return ValidationError({"code": [message]})


def student_activate(
    *,
    institution_id: int,
    student_number: str,
    code: str,
    username: str,
    password: str,
    email: str = "",
    phone: str = "",
) -> User:
    """The student claims the record their school created: school + student number + one-time code, then
    their own password. Wrong codes count against the record; after too many it is locked until the school
    issues a new code."""
    generic = _("The school, student number or activation code is not right.")
    with transaction.atomic():
        student = (
            Student.objects.select_for_update()
            .filter(institution_id=institution_id, student_number=student_number.strip())
            .first()
        )
        if student is None or student.user_id is not None or not student.activation_code_hash:
            raise _activation_error(generic)
        if student.activation_attempts >= settings.STUDENT_ACTIVATION_MAX_ATTEMPTS:
            raise _activation_error(_("Too many wrong codes. Ask your school for a new activation code."))
        if student.activation_expires_at and student.activation_expires_at < timezone.now():
            raise _activation_error(_("This activation code has expired. Ask your school for a new one."))
        if not hmac.compare_digest(student.activation_code_hash, _code_digest(student.pk, code)):
            student.activation_attempts += 1
            student.save(update_fields=["activation_attempts"])
            # Commit the counted attempt, then refuse.
            failed = True
        else:
            failed = False
    if failed:
        raise _activation_error(generic)

    errors: dict[str, list] = {}
    username = username.strip()
    if not username:
        errors["username"] = [_("Choose a username.")]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = [_("This username is taken.")]
    email = (email or "").strip().lower()
    if email and (
        User.objects.filter(email__iexact=email).exists() or EmailAddress.objects.filter(email__iexact=email).exists()
    ):
        errors["email"] = [_("This e-mail address is already used by another account.")]
    phone = normalize_cn_mobile(phone) if phone else ""
    if phone:
        try:
            phone_for_account(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    candidate = User(username=username, email=email, full_name=student.full_name)
    if password_problems := password_errors(password, candidate=candidate):
        errors["password"] = password_problems
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        student = Student.objects.select_for_update().get(pk=student.pk)
        if student.user_id is not None:
            raise _activation_error(generic)
        user = User.objects.create_user(
            username=username,
            email=email,
            password=password,
            full_name=student.full_name,
            phone=phone or None,
        )
        if email:
            EmailAddress.objects.create(user=user, email=email, primary=True, verified=False)
        student.user = user
        student.activation_code_hash = ""
        student.activation_expires_at = None
        student.save(update_fields=["user", "activation_code_hash", "activation_expires_at"])
    return user


def teacher_invite(
    *,
    actor: Actor,
    institution: Institution,
    email: str,
    full_name: str,
    role: str = Teacher.Role.TEACHER,
    **fields,
) -> Invitation:
    """A school admin invites a member of staff by e-mail. No one joins the staff (and no account is touched)
    until the person accepts (accounts.services): the address someone typed at sign-up proves nothing."""
    return invitation_create(
        actor=actor, institution=institution, email=email, full_name=full_name, role=role, **fields
    )
