"""The index of every app's factories, so a test can say `from tests import factories as f` and `f.SlotFactory`.
It defines nothing: the factories live beside each app's tests (tests/<app>/factories.py), the shared dates in
tests/dates.py. Kept because one `f.` namespace is used by over fifty test modules (and the permission scene);
a new factory goes into its app's module and gets a line here."""

from __future__ import annotations

from tests.accounts.factories import PASSWORD, UserFactory
from tests.certificates.factories import (
    AssessmentSessionFactory,
    CertificateProgramFactory,
    RegistrationFactory,
    StudentCertificateFactory,
)
from tests.companies.factories import (
    CompanyFactory,
    CompanyMemberFactory,
    OffCampusBaseFactory,
    OnCampusBaseFactory,
    SiteInspectionFactory,
)
from tests.dates import (
    DEADLINE_BEFORE_START_DAYS,
    INSPECTED_DAYS_AGO,
    SLOT_LEAD_DAYS,
    SLOT_MONTHS,
    birth_date,
    days_from_today,
    entry_year,
    slot_end,
    today,
)
from tests.placements.factories import (
    MINIMAL_PDF,
    FilingFactory,
    MatchRoundFactory,
    PlacementDocumentFactory,
    PlacementFactory,
    SafetyTrainingFactory,
    SlotFactory,
)
from tests.schools.factories import (
    CohortFactory,
    InstitutionFactory,
    MajorFactory,
    SpecialtyGroupFactory,
    StudentFactory,
    TeacherFactory,
)

__all__ = [
    "DEADLINE_BEFORE_START_DAYS",
    "INSPECTED_DAYS_AGO",
    "MINIMAL_PDF",
    "PASSWORD",
    "SLOT_LEAD_DAYS",
    "SLOT_MONTHS",
    "AssessmentSessionFactory",
    "CertificateProgramFactory",
    "CohortFactory",
    "CompanyFactory",
    "CompanyMemberFactory",
    "FilingFactory",
    "InstitutionFactory",
    "MajorFactory",
    "MatchRoundFactory",
    "OffCampusBaseFactory",
    "OnCampusBaseFactory",
    "PlacementDocumentFactory",
    "PlacementFactory",
    "RegistrationFactory",
    "SafetyTrainingFactory",
    "SiteInspectionFactory",
    "SlotFactory",
    "SpecialtyGroupFactory",
    "StudentCertificateFactory",
    "StudentFactory",
    "TeacherFactory",
    "UserFactory",
    "birth_date",
    "days_from_today",
    "entry_year",
    "slot_end",
    "today",
]
