"""The demo's recruitment fairs (issue 18): made through the services and flagged demo, so their report shows
numbers from the careers demo's flows and the city's staff find a booth to decide."""

from __future__ import annotations

from careers.fairs.models import BoothStatus, Fair, FairStatus
from careers.fairs.report import fair_report


def test_the_schools_demo_fair_reports_booths_registrations_and_check_ins(demo):
    fair = Fair.objects.get(is_demo=True, institution__name="武汉城市职业学院")
    assert fair.status == FairStatus.OPEN
    assert fair.booths.filter(status=BoothStatus.APPROVED, company__name="东风汽车集团有限公司").exists()
    assert not fair.booths.filter(is_demo=False).exists() and not fair.registrations.filter(is_demo=False).exists()
    report = fair_report(fair)
    assert report["companies"] >= 2 and report["registered"] > report["checked_in"] > 0
    assert report["applications"] > 0


def test_the_city_fair_waits_for_the_city_staff_to_decide_a_booth(demo):
    fair = Fair.objects.get(is_demo=True, institution__isnull=True)
    assert fair.created_by.username == "citystaff"
    assert fair.booths.filter(status=BoothStatus.PENDING).count() == 1
