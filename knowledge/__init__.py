"""Pathways' resource knowledge base: YAML data, database, normalisers and the recommendation engine.

Knows nothing of Rasa. The bot and the CLI call the functions re-exported here.
"""
from knowledge.errors import DataError, InputError, AmbiguousInput, KnowledgeBaseUnavailable
from knowledge.profile import Profile

__all__ = ["DataError", "InputError", "AmbiguousInput", "KnowledgeBaseUnavailable", "Profile"]
