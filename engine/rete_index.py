"""An index for experta's alpha network, so a fact visits only the tests that can match it.

experta's RETE tests every incoming fact against every constant test under its type: with one
pattern per fact id, each Datum walks past dozens of `id == '...'` tests. Grouping a node's
children that test the same field for equality with a literal, and routing each fact straight to
the children expecting its value, gives the same matches (a child whose literal differs would have
rejected the fact) for a fraction of the work.
"""
from __future__ import annotations

from facts.experta_compat import L
from experta.conditionalelement import NOT
from experta.fact import Fact
from experta.matchers import ReteMatcher
from experta.matchers.rete.check import FeatureCheck
from experta.matchers.rete.mixins import ChildNode
from experta.matchers.rete.nodes import FeatureTesterNode

MIN_GROUP = 4  # below this many sibling tests a plain scan is as fast


class _Router:
    """Stands in for a group of literal-test children; routes by the tested field's value."""

    def __init__(self, field: str, children: list):
        self.field = field
        self.children = children          # kept so experta's own walks (reset, conflict sets) work
        self.index: dict = {}
        for child in children:
            self.index.setdefault(child.node.matcher.how.value, []).append(child)

    def reset(self) -> None:
        for child in self.children:
            child.node.reset()

    def route(self, token) -> None:
        for fact in token.data:
            try:
                value = fact[self.field]
            except (KeyError, TypeError):
                return
            for child in self.index.get(value, ()):
                child.callback(token)
            return


def _literal_field(child) -> str | None:
    node = child.node
    if not isinstance(node, FeatureTesterNode) or not isinstance(node.matcher, FeatureCheck):
        return None
    how = node.matcher.how
    if type(how) is L and how.__bind__ is None and isinstance(node.matcher.what, str):
        try:
            hash(how.value)
        except TypeError:
            return None
        return node.matcher.what
    return None


def index_network(root) -> int:
    """Rewrite the network under `root` in place; returns how many routers were installed."""
    installed, seen, stack = 0, set(), [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        groups: dict[str, list] = {}
        for child in node.children:
            field = _literal_field(child)
            if field is not None:
                groups.setdefault(field, []).append(child)
        for field, members in sorted(groups.items()):
            if len(members) < MIN_GROUP:
                continue
            router = _Router(field, members)
            keep = [c for c in node.children if c not in members]
            node.children[:] = keep + [ChildNode(router, router.route)]
            installed += 1
        for child in node.children:
            if isinstance(child.node, _Router):
                stack.extend(member.node for member in child.node.children)
            else:
                stack.append(child.node)
    return installed


def track_dirty_conflict_sets(matcher) -> None:
    """Let `matcher.changes()` ask only the conflict sets a change reached, not every rule's.

    experta collects activations by polling each rule's conflict-set node after every change; a
    node that received no token since the last poll has nothing to report, so skipping it returns
    the same activations.
    """
    nodes = matcher._get_conflict_set_nodes()
    dirty: set[int] = set()
    order = {id(node): position for position, node in enumerate(nodes)}

    for node in nodes:
        original = node._activate

        def activate(token, _original=original, _key=id(node)):
            dirty.add(_key)
            return _original(token)
        node._activate = activate

    by_key = {id(node): node for node in nodes}
    root = matcher.root_node

    def changes(adding=None, deleting=None):
        for fact in deleting or ():
            root.remove(fact)
        for fact in adding or ():
            root.add(fact)
        added, removed = [], []
        for key in sorted(dirty, key=order.__getitem__):
            c_added, c_removed = by_key[key].get_activations()
            added.extend(c_added)
            removed.extend(c_removed)
        dirty.clear()
        return added, removed

    matcher.changes = changes


class ConjunctiveReteMatcher(ReteMatcher):
    """experta's matcher without rewriting each rule into disjunctive normal form when every rule
    is a plain conjunction of fact patterns, as ours are: such a rule is its own normal form (the
    rewrite returns equal patterns), and rewriting costs more than building the rest of the
    network. Any other rule set is prepared as experta prepares it."""

    @staticmethod
    def prepare_ruleset(engine):
        rules = engine.get_rules()
        if all(rule and not isinstance(rule[0], NOT) and all(isinstance(c, Fact) for c in rule)
               for rule in rules):
            return set(rules)
        return ReteMatcher.prepare_ruleset(engine)
