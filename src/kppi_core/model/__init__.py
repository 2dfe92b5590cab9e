"""The domain model: frozen, slotted attrs classes with Popolo's names.

Nothing here imports from the rest of kppi_core: data flows from sources into
the model, and from the model into rules, analyses and reports.
"""

from kppi_core.model.areas import Area, AreaLevel
from kppi_core.model.dates import PartialDate
from kppi_core.model.elections import Candidacy, CandidateList, Chamber, District, Election
from kppi_core.model.gender import Gender
from kppi_core.model.nik import Nik
from kppi_core.model.organisations import (
    Capacity,
    Classification,
    Membership,
    Organisation,
    Post,
    Role,
    cadres,
    check_post_holders,
)
from kppi_core.model.people import ContactDetail, Identifier, Person
from kppi_core.model.trainings import (
    Audience,
    FollowUp,
    FollowUpKind,
    Participation,
    ParticipationRole,
    Speaker,
    Training,
    TrainingSession,
)

__all__ = [
    "Area",
    "AreaLevel",
    "Audience",
    "Candidacy",
    "CandidateList",
    "Capacity",
    "Chamber",
    "Classification",
    "ContactDetail",
    "District",
    "Election",
    "FollowUp",
    "FollowUpKind",
    "Gender",
    "Identifier",
    "Membership",
    "Nik",
    "Organisation",
    "PartialDate",
    "Participation",
    "ParticipationRole",
    "Person",
    "Post",
    "Role",
    "Speaker",
    "Training",
    "TrainingSession",
    "cadres",
    "check_post_holders",
]

#: Every public model class, in the order a data set lists them.
MODEL_TYPES = (
    Area,
    PartialDate,
    Nik,
    Identifier,
    ContactDetail,
    Person,
    Organisation,
    Post,
    Membership,
    Speaker,
    TrainingSession,
    Training,
    Participation,
    FollowUp,
    Election,
    District,
    Candidacy,
    CandidateList,
)
