"""Check or rebuild the Stay-in-Wuhan report's aggregates against the graduate outcomes:
`manage.py stay_rollups --check` prints any drift and exits 1 when there is some; `--rebuild` recomputes them
(the same code the demo seeding runs after its bulk load)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from alumni import rollups


class Command(BaseCommand):
    help = "Check (--check) or rebuild (--rebuild) the Stay-in-Wuhan report's aggregates."

    def add_arguments(self, parser):
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--check", action="store_true", help="report drift; exit 1 if any")
        group.add_argument("--rebuild", action="store_true", help="recompute every aggregate from the outcomes")
        parser.add_argument("--show", type=int, default=10, help="drifting keys to print per table (--check)")

    def handle(self, *args, check: bool, rebuild: bool, show: int, **options):
        started = time.perf_counter()
        if rebuild:
            sizes = rollups.rebuild()
            for name, rows in sizes.items():
                self.stdout.write(f"{name}: {rows} rows")
            self.stdout.write(f"rebuilt in {time.perf_counter() - started:.1f} s")
            return
        found = rollups.drift()
        total = 0
        for name, diffs in found.items():
            total += len(diffs)
            self.stdout.write(f"{name}: {'no drift' if not diffs else f'{len(diffs)} keys drift'}")
            for key, kept, fresh in diffs[:show]:
                self.stdout.write(f"  {key}: kept {kept}, from the outcomes {fresh}")
        self.stdout.write(f"checked in {time.perf_counter() - started:.1f} s")
        if total:
            raise CommandError(f"{total} aggregate keys drift from the outcomes; run --rebuild to fix them.")
