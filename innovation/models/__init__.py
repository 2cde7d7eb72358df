"""Worker innovation studios (职工创新工作室), their ratings and their work: topics → research
projects → innovation results (创新成果) with patents and economic benefit, exhibitions of
results, and alliances of studios across unions. One module per part."""

from innovation.models.alliances import Alliance, AllianceMembership
from innovation.models.audit import AuditEntry
from innovation.models.exhibitions import Exhibition, ExhibitionItem, ExhibitionSection
from innovation.models.patents import Patent, PatentKind
from innovation.models.ratings import (
    EvidenceFile,
    Rating,
    RatingCriterion,
    RatingStandard,
    RatingStatus,
    Review,
    Reviewer,
    ReviewItem,
    SelfAssessment,
)
from innovation.models.results import InnovationResult, ResultImage
from innovation.models.studios import (
    Studio,
    StudioLevel,
    StudioLevelGrant,
    StudioMember,
)
from innovation.models.work import (
    InnovationTopic,
    ProjectStatus,
    ResearchProject,
    TopicStatus,
)

__all__ = [
    "Alliance",
    "AllianceMembership",
    "AuditEntry",
    "EvidenceFile",
    "Exhibition",
    "ExhibitionItem",
    "ExhibitionSection",
    "InnovationResult",
    "InnovationTopic",
    "Patent",
    "PatentKind",
    "ProjectStatus",
    "Rating",
    "RatingCriterion",
    "RatingStandard",
    "RatingStatus",
    "ResearchProject",
    "ResultImage",
    "Review",
    "ReviewItem",
    "Reviewer",
    "SelfAssessment",
    "Studio",
    "StudioLevel",
    "StudioLevelGrant",
    "StudioMember",
    "TopicStatus",
]
