"""The unified social credit code (GB 32100-2015): 18 characters, positions 3-8 digits, no I/O/S/V/Z, and a
check character over the first 17. A company cannot be registered with a mistyped code."""

from __future__ import annotations

import string

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from companies.credit_code import ALPHABET, check_character, make_demo_credit_code, org_code_check, validate_credit_code
from companies.models import Company
from tests.access import client_for

# The example code printed in GB 32100-2015 and quoted by most validators.
PUBLISHED_EXAMPLE = "91350100M000100Y43"

bodies = st.builds(
    lambda head, division, org: head + division + org,
    st.text(ALPHABET, min_size=2, max_size=2),
    st.text(string.digits, min_size=6, max_size=6),
    st.text(ALPHABET, min_size=9, max_size=9),
)


def error_code(value: str) -> str | None:
    try:
        validate_credit_code(value)
    except ValidationError as exc:
        return exc.error_list[0].code
    return None


def test_the_published_example_is_valid():
    assert error_code(PUBLISHED_EXAMPLE) is None
    assert check_character(PUBLISHED_EXAMPLE[:17]) == "3"


@pytest.mark.parametrize(("serial", "division"), [(1, "420100"), (42, "420115"), (999_999, "420112"), (123, "420113")])
def test_demo_codes_have_the_real_world_layout_and_validate(serial, division):
    code = make_demo_credit_code(serial, division)
    assert len(code) == 18
    assert code[:2] == "91"  # registered with market regulation, enterprise
    assert code[2:8] == division
    assert org_code_check(code[8:16]) == code[16]  # the embedded GB 11714 organisation code checks out
    assert error_code(code) is None


def test_demo_codes_are_distinct_for_distinct_serials():
    codes = {make_demo_credit_code(serial) for serial in range(1, 3001)}
    assert len(codes) == 3000


@settings(database=None, max_examples=200)
@given(bodies)
def test_any_body_with_its_check_character_appended_validates(body):
    assert error_code(body + check_character(body)) is None


@settings(database=None, max_examples=300)
@given(bodies, st.integers(min_value=0, max_value=17), st.sampled_from(ALPHABET))
def test_changing_any_single_character_of_a_valid_code_makes_it_invalid(body, position, replacement):
    code = body + check_character(body)
    if code[position] == replacement:
        replacement = ALPHABET[(ALPHABET.index(replacement) + 1) % len(ALPHABET)]
    typo = code[:position] + replacement + code[position + 1 :]
    # both are right: a character the standard does not allow there, or an allowed one that breaks the check
    assert error_code(typo) in {"credit_code_check", "credit_code_characters"}


@pytest.mark.parametrize("value", ["", PUBLISHED_EXAMPLE[:17], PUBLISHED_EXAMPLE + "0", "9135"])
def test_a_code_of_the_wrong_length_is_refused(value):
    assert error_code(value) == "credit_code_length"


@pytest.mark.parametrize("letter", list("IOSVZ"))
def test_the_forbidden_letters_are_refused(letter):
    body = PUBLISHED_EXAMPLE[:10] + letter + PUBLISHED_EXAMPLE[11:17]
    assert error_code(body + "0") == "credit_code_characters"


def test_a_letter_in_the_division_code_is_refused():
    code = "91A50100M000100Y4"
    assert error_code(code + "3") == "credit_code_characters"


def test_lower_case_and_spaces_are_normalised_by_the_validator():
    assert error_code(" " + PUBLISHED_EXAMPLE.lower()[:9] + " " + PUBLISHED_EXAMPLE.lower()[9:]) is None


# -- through the API ----------------------------------------------------------------------------------------


def register(client: APIClient, code: str, **headers):
    data = {
        "name": "武汉校验测试有限公司",
        "credit_code": code,
        "segment": "parts",
        "headcount": 100,
        "district": "jiangxia",
    }
    return client.post("/api/v1/companies/", data, format="json", **headers)


@pytest.fixture
def signed_in(world) -> APIClient:
    client = client_for(world.outsider)
    return client


def test_the_api_stores_a_lower_case_code_in_capitals(signed_in):
    response = register(signed_in, PUBLISHED_EXAMPLE.lower())
    assert response.status_code == 201, response.content
    assert response.json()["credit_code"] == PUBLISHED_EXAMPLE
    assert Company.objects.get(name="武汉校验测试有限公司").credit_code == PUBLISHED_EXAMPLE


def test_the_api_refuses_a_code_already_registered_whatever_its_case(signed_in, world):
    response = register(signed_in, world.company.credit_code.lower())
    assert response.status_code == 400
    assert "credit_code" in response.json()["fields"]
    assert not Company.objects.filter(name="武汉校验测试有限公司").exists()


def test_the_api_explains_a_wrong_check_character_in_chinese_by_default(signed_in):
    response = register(signed_in, PUBLISHED_EXAMPLE[:17] + "4")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"] == "输入有误，请查看标出的字段。"
    assert body["fields"] == {"credit_code": ["统一社会信用代码的校验码有误（GB 32100-2015）。"]}
    assert not Company.objects.filter(name="武汉校验测试有限公司").exists()


def test_the_api_explains_a_wrong_check_character_in_english_on_request(signed_in):
    response = register(signed_in, PUBLISHED_EXAMPLE[:17] + "4", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["fields"] == {
        "credit_code": ["The check character of the unified social credit code is wrong (GB 32100-2015)."]
    }


def test_the_api_reports_the_length_of_a_short_code(signed_in):
    response = register(signed_in, PUBLISHED_EXAMPLE[:17], HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["fields"]["credit_code"] == [
        "A unified social credit code has 18 characters; this one has 17."
    ]
