"""Worker innovation studios (职工创新工作室), their ratings and their work: topics → research
projects → innovation results (创新成果) with patents and economic benefit, exhibitions of
results, and alliances of studios across unions. One module per part."""

from innovation.models.exhibitions import Exhibition, ExhibitionItem, ExhibitionSection
from innovation.models.patents import Patent, PatentKind
from innovation.models.results import InnovationResult, ResultImage
from innovation.models.studios import Studio, StudioLevel
from innovation.models.work import (
    InnovationTopic,
    ProjectStatus,
    ResearchProject,
    TopicStatus,
    WorkLog,
)

__all__ = [
    "Exhibition",
    "ExhibitionItem",
    "ExhibitionSection",
    "InnovationResult",
    "InnovationTopic",
    "Patent",
    "PatentKind",
    "ProjectStatus",
    "ResearchProject",
    "ResultImage",
    "Studio",
    "StudioLevel",
    "TopicStatus",
    "WorkLog",
]
