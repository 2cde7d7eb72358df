"""Worker innovation studios (职工创新工作室), their ratings and their work: topics → research
projects → innovation results (创新成果) with patents and economic benefit, exhibitions of
results, and alliances of studios across unions. One module per part."""

from innovation.models.results import InnovationResult
from innovation.models.studios import Studio, StudioLevel

# isort: split
# Topics, projects, results' patents and pictures, exhibitions, the work log (results part).
from innovation.models.exhibitions import Exhibition as Exhibition
from innovation.models.exhibitions import ExhibitionItem as ExhibitionItem
from innovation.models.exhibitions import ExhibitionSection as ExhibitionSection
from innovation.models.patents import Patent as Patent
from innovation.models.patents import PatentKind as PatentKind
from innovation.models.results import ResultImage as ResultImage
from innovation.models.work import InnovationTopic as InnovationTopic
from innovation.models.work import ProjectStatus as ProjectStatus
from innovation.models.work import ResearchProject as ResearchProject
from innovation.models.work import TopicStatus as TopicStatus
from innovation.models.work import WorkLog as WorkLog

__all__ = ["InnovationResult", "Studio", "StudioLevel"]
