"""factory_boy factories for accounts: users (with a verified primary address) and the password they sign in with."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

PASSWORD = "Correct-Horse-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@test.example.com")
    full_name = factory.Sequence(lambda n: f"测试用户{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def email_address(self, create, extracted, **kwargs):
        if create:
            self.save()
            if self.email:
                EmailAddress.objects.get_or_create(
                    user=self, email=self.email, defaults={"primary": True, "verified": True}
                )
