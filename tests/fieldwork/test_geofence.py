"""The geofence computed on known coordinates: inside, on the edge, outside, and a fix too imprecise to tell."""

from __future__ import annotations

from fieldwork import geo
from tests.fieldwork.conftest import CENTRE, RADIUS, north_of_centre


def judge(point, accuracy):
    return geo.judge(latitude=point[0], longitude=point[1], accuracy_m=accuracy, centre=CENTRE, radius_m=RADIUS)


def test_a_point_111_m_from_the_centre_is_inside():
    verdict = judge(north_of_centre(111), 10)
    assert (verdict.outcome, verdict.distance_m, verdict.accuracy_band) == ("inside", 100, "le20")


def test_a_point_on_the_edge_is_inside_and_one_metre_beyond_is_outside():
    assert judge(north_of_centre(RADIUS), 15).outcome == "inside"
    assert judge(north_of_centre(RADIUS + 1), 15).outcome == "outside"


def test_a_point_over_a_kilometre_away_is_outside_with_the_distance_rounded_to_100_m():
    verdict = judge(north_of_centre(1149), 50)
    assert (verdict.outcome, verdict.distance_m, verdict.accuracy_band) == ("outside", 1100, "le100")


def test_a_fix_less_precise_than_the_radius_is_recorded_as_such_not_as_outside():
    verdict = judge(north_of_centre(2000), RADIUS + 200)
    assert (verdict.outcome, verdict.accuracy_band) == ("poor_accuracy", "gt100")


def test_the_haversine_distance_between_two_wuhan_landmarks():
    # 黄鹤楼 (30.5446, 114.3019) to 武汉站 (30.6075, 114.4245): about 13.8 km
    assert 13_500 < geo.haversine_m(30.5446, 114.3019, 30.6075, 114.4245) < 14_200


def test_an_unknown_accuracy_is_its_own_band():
    assert judge(north_of_centre(10), None).accuracy_band == "unknown"
