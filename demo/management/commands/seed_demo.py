"""Load the demo world: the real Wuhan institutions, brands and companies of the source document, plus
generated students, staff, bases, slots, placements, certificates and graduate outcomes that are plainly marked
as demo data, built around today. Each app's `demo.py` seeds its own part; this command calls them in the
order their data depends on. Idempotent and deterministic."""

from __future__ import annotations

import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts import demo as accounts_demo
from alumni import demo as alumni_demo
from careers import demo as careers_demo
from careers import demo_hires as careers_hires
from careers import policies as careers_policies
from careers.fairs import demo as fairs_demo
from certificates import demo as certificates_demo
from companies import demo as companies_demo
from companies.models import Company, TrainingBase
from fieldwork import demo as fieldwork_demo
from fieldwork import demo_incidents as fieldwork_demo_incidents
from fieldwork import demo_reviews as fieldwork_reviews
from notices import demo as notices_demo
from placements import demo as placements_demo
from placements import demo_history as placements_history
from placements import demo_self_arranged as placements_self_arranged
from placements.models import Placement, Slot
from schools import demo as schools_demo
from schools.models import Institution, Student, Teacher


class Command(BaseCommand):
    help = "Load the demo world (idempotent) and print the demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print only the logins.")

    def handle(self, *args, quiet: bool = False, **options):
        started = time.monotonic()
        rng = random.Random(2026)  # a fixed seed (not a date): the same world every time
        with transaction.atomic():
            schools_demo.seed_schools(rng=rng)
            companies_demo.seed_companies(rng=rng)
            logins = accounts_demo.seed_logins()
            certificates_demo.seed_certificates()
            placements_demo.seed_placements(hr_user=logins["hr"], teacher_user=logins["teacher"])
            placements_demo.seed_round(teacher_user=logins["teacher"])
            alumni_demo.seed_outcomes()
            careers_demo.seed_careers()  # after the placements (interns get offers) and the outcomes
            # last term's completed internships, then the company hires some of its interns (conversion from flows)
            completed = placements_history.seed_completed_placements(teacher_user=logins["teacher"])
            careers_hires.seed_hires(completed)
            fairs_demo.seed_fairs()  # booths bring the demo jobs; the report shows their applications
            careers_policies.seed_policies()  # true facts (WUHAN.md), not demo data
            fieldwork_demo.seed_fieldwork(admin_user=logins["schooladmin"])
            fieldwork_demo_incidents.seed_visits_and_incidents(teacher_user=logins["teacher"], hr_user=logins["hr"])
            fieldwork_reviews.seed_reviews()  # the finished placements' students rate them
            # students' own companies (after the reviews, which count last term's school-arranged interns):
            # one waiting for the school, one running, one completed on the company's paper assessment
            placements_self_arranged.seed_self_arranged()
            notices_demo.settle_notices()
        elapsed = time.monotonic() - started
        if not quiet:
            self.stdout.write(
                f"Demo world ready in {elapsed:.1f} s: {Institution.objects.count()} institutions, "
                f"{Company.objects.count()} companies, {TrainingBase.objects.count()} training bases "
                f"({TrainingBase.objects.filter(kind='on_campus').count()} on campus), "
                f"{Student.objects.count()} students, {Teacher.objects.count()} staff, "
                f"{Slot.objects.count()} slots, {Placement.objects.count()} placements."
            )
        self.stdout.write(f"Demo logins (password: {accounts_demo.DEMO_PASSWORD}):")
        for email, _username, label in accounts_demo.DEMO_LOGINS:
            self.stdout.write(f"  {email:<26} {label}")
