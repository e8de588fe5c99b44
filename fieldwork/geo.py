"""The geofence check, with no Django in it: the great-circle distance from the phone's reported position to the
base's centre, and what is kept of it (inside, outside or too imprecise; the distance rounded to 100 m; a band
for the accuracy). The position itself is used here and nowhere else, and returned to no one."""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)
ROUND_TO_M = 100
EDGE_TOLERANCE_M = 0.5  # a point computed on the edge must not fall outside by a rounding error


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The distance in metres between two points given in degrees (haversine formula, spherical Earth)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def accuracy_band(accuracy_m: float | None) -> str:
    """The phone's reported accuracy (the radius of 68% confidence, in metres) as one of four bands."""
    if accuracy_m is None or accuracy_m < 0 or math.isnan(accuracy_m):
        return "unknown"
    if accuracy_m <= 20:
        return "le20"
    if accuracy_m <= 100:
        return "le100"
    return "gt100"


@dataclass(frozen=True)
class Verdict:
    outcome: str  # inside | outside | poor_accuracy
    distance_m: int  # rounded to ROUND_TO_M
    accuracy_band: str


def judge(
    *, latitude: float, longitude: float, accuracy_m: float | None, centre: tuple[float, float], radius_m: float
) -> Verdict:
    """Inside when the distance is at most the radius (the edge counts as inside); a fix less precise than the
    radius itself cannot tell inside from outside, so it is recorded as too imprecise, never as outside."""
    distance = haversine_m(latitude, longitude, centre[0], centre[1])
    if accuracy_m is not None and accuracy_m > radius_m:
        outcome = "poor_accuracy"
    elif distance <= radius_m + EDGE_TOLERANCE_M:
        outcome = "inside"
    else:
        outcome = "outside"
    rounded = round(distance / ROUND_TO_M) * ROUND_TO_M
    return Verdict(outcome, rounded, accuracy_band(accuracy_m))
