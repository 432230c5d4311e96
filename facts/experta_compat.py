"""The one place experta is imported from.

experta 1.9.4 (its last release) pins frozendict 1.2, which subclasses `collections.Mapping`; that
alias was removed in Python 3.10, so a plain `import experta` fails there. Installing a newer
frozendict instead would make pip report a conflict that requirements.txt cannot express, so the
pins stay and the removed aliases are restored here, before experta is first imported.
"""
import collections
import collections.abc

for _name in ("Mapping", "MutableMapping", "Sequence", "Iterable", "Hashable", "Callable"):
    if not hasattr(collections, _name):
        setattr(collections, _name, getattr(collections.abc, _name))

from experta import (  # noqa: E402  (must follow the aliases above)
    AND, AS, L, MATCH, NOT, OR, TEST, W, DefFacts, Fact, Field, KnowledgeEngine, Rule,
)
from experta.strategies import DepthStrategy  # noqa: E402
from experta.utils import unfreeze  # noqa: E402

__all__ = ["AND", "AS", "L", "MATCH", "NOT", "OR", "TEST", "W", "DefFacts", "DepthStrategy", "Fact",
           "Field", "KnowledgeEngine", "Rule", "unfreeze"]
