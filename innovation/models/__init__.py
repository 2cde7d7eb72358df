"""Worker innovation studios (职工创新工作室), their ratings and their work: topics → research
projects → innovation results (创新成果) with patents and economic benefit, exhibitions of
results, and alliances of studios across unions. One module per part."""

from innovation.models import alliances, ratings  # noqa: F401 (the studio part's models)
from innovation.models.results import InnovationResult
from innovation.models.studios import Studio, StudioLevel

__all__ = ["InnovationResult", "Studio", "StudioLevel"]
