"""What every app's `demo.py` shares when `manage.py seed_demo` (the demo app) loads the demo world: the mark on
generated rows, generated Chinese names, and the accounts of generated people. It sits in core so that each app's
demo module can use it without importing an app above its own."""

from __future__ import annotations

import functools
import random

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

DEMO_NOTE = "演示数据 / demo data"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余于杜叶程魏苏吕丁任卢姚"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鑫浩宇轩子涵欣怡梓睿博文佳琪思远俊凯"


def person_name(rng: random.Random) -> str:
    """A generated name: a surname and one or two given characters (the caller marks it as demo)."""
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def demo_user(*, username: str, email: str, full_name: str, phone: str | None = None, password: str = ""):
    """The user of that username, made if missing, with its address verified. A generated person gets no
    password (only the demo logins can sign in); a demo login passes its `password`, which a new account takes
    and an existing one is given back when someone changed it."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, email=email, full_name=full_name, phone=phone, phone_verified=bool(phone))
        user.password = password_hash(password) if password else make_password(None)
        user.save()
    elif password and user.password != password_hash(password) and not user.check_password(password):
        user.password = password_hash(password)
        user.save(update_fields=["password"])
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"primary": True, "verified": True})
    return user


@functools.cache
def password_hash(password: str) -> str:
    """The demo password hashed once per process, with a fixed salt: the password is published (README), so the
    salt protects nothing, and a second run then tells an unchanged password by comparing text instead of
    hashing it again for each login (a strong hasher takes a good part of a second each time)."""
    return make_password(password, salt="wuhandemoworld")
