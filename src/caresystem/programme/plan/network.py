"""The plan's dependency network as pure functions: cycle detection, and "what moves if this slips".

Nodes are (type, id) pairs. An edge (predecessor -> successor, lag) means the successor cannot be due before the
predecessor's due date plus the lag. A slip travels down every path; the slack on an edge (how much later the
successor is already due than the constraint needs) absorbs part of it, and where paths meet the largest push wins
(the longest path through the network), as in the critical path method.
"""

from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import date, timedelta

Node = tuple[str, int]


def path_between(successors: dict[Node, list[Node]], start: Node, goal: Node) -> list[Node] | None:
    """A shortest path start -> ... -> goal following edges, or None (breadth-first)."""
    came_from: dict[Node, Node | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            path = [node]
            while came_from[path[-1]] is not None:
                path.append(came_from[path[-1]])
            return path[::-1]
        for nxt in successors.get(node, ()):
            if nxt not in came_from:
                came_from[nxt] = node
                queue.append(nxt)
    return None


def cycle_if_added(successors: dict[Node, list[Node]], predecessor: Node, successor: Node) -> list[Node] | None:
    """The cycle a new edge predecessor -> successor would close, as a path that starts and ends at the
    predecessor; None when the network stays acyclic."""
    if predecessor == successor:
        return [predecessor, predecessor]
    back = path_between(successors, successor, predecessor)
    return None if back is None else [predecessor, *back]


@dataclass(frozen=True)
class Moved:
    node: Node
    shift_days: int
    new_date: date | None
    via: tuple[Node, ...]  # the path from the slipped item that pushes it most


def propagate(edges: list[tuple[Node, Node, int]], dates: dict[Node, date | None], start: Node, days: int,
              fixed: frozenset[Node] = frozenset()) -> list[Moved]:
    """Every item downstream of `start` after it slips `days` days, in dependency order.

    `dates` are current due dates (None for undated items, which pass a push on unabsorbed); `fixed` items (complete
    or cancelled) do not move. Assumes no cycles (the service refuses them).
    """
    successors: dict[Node, list[tuple[Node, int]]] = defaultdict(list)
    for pred, succ, lag in edges:
        successors[pred].append((succ, lag))
    reachable, stack = {start}, [start]
    while stack:
        for succ, _ in successors[stack.pop()]:
            if succ not in reachable:
                reachable.add(succ)
                stack.append(succ)
    indegree = {n: 0 for n in reachable}
    for node in reachable:
        for succ, _ in successors[node]:
            indegree[succ] += 1
    shift: dict[Node, int] = {start: days}
    via: dict[Node, tuple[Node, ...]] = {start: (start,)}
    order, queue = [], deque([start])
    while queue:
        node = queue.popleft()
        order.append(node)
        for succ, lag in successors[node]:
            push = shift[node] - _slack(dates.get(node), dates.get(succ), lag)
            if succ not in shift or push > shift[succ]:
                shift[succ], via[succ] = push, via[node] + (succ,)
            indegree[succ] -= 1
            if indegree[succ] == 0:  # every push has arrived: fix the item's shift
                shift[succ] = 0 if succ in fixed else max(shift[succ], 0)
                queue.append(succ)
    moved = []
    for node in order[1:]:
        current = dates.get(node)
        moved.append(Moved(node, shift[node], current + timedelta(days=shift[node]) if current else None,
                           via[node]))
    return moved


def _slack(pred_date: date | None, succ_date: date | None, lag: int) -> int:
    if pred_date is None or succ_date is None:
        return 0
    return max(0, (succ_date - (pred_date + timedelta(days=lag))).days)
