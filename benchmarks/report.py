"""The table every benchmark prints: each figure, and against its target whether it
is met.  TARGETS map a figure to (limit, "<=" or ">=", unit)."""
from __future__ import annotations


def table(figures: dict, targets: dict) -> str:
    lines = [f"{'figure':32} {'measured':>14}  {'target':>12}  ok", "-" * 66]
    for key, value in figures.items():
        target = targets.get(key)
        if target is None:
            lines.append(f"{key:32} {value:>14}")
            continue
        limit, sense, _unit = target
        ok = value <= limit if sense == "<=" else value >= limit
        lines.append(f"{key:32} {value:>14}  {sense} {limit:<9}  {'yes' if ok else 'NO'}")
    return "\n".join(lines)
