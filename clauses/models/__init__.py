"""The clause knowledge base: documents, clauses, gazetteers and tags."""

from .clauses import Clause, ClauseKeyHistory, ClauseTranslation, ClauseVersion, RelatedClause
from .documents import Document, DocumentIssuer, DocumentRelation, SourceFile
from .gazetteer import (Department, DepartmentAlias, EntryRedirect, GazetteerVersion, Industry, IndustryAlias,
                        Region, RegionAlias)
from .tag_kinds import TAG_KINDS, TagKind, tag_kind
from .tags import ClauseDepartment, ClauseIndustry, ClauseRegion, TagLink
from .uploads import StagedUpload

__all__ = [
    "Clause", "ClauseKeyHistory", "ClauseTranslation", "ClauseVersion", "RelatedClause",
    "Document", "DocumentIssuer", "DocumentRelation", "SourceFile", "StagedUpload",
    "Department", "DepartmentAlias", "EntryRedirect", "GazetteerVersion", "Industry", "IndustryAlias", "Region",
    "RegionAlias",
    "ClauseDepartment", "ClauseIndustry", "ClauseRegion", "TagLink",
    "TAG_KINDS", "TagKind", "tag_kind",
]
