"""Small numbers suppressed the way official statistics producers do it (the ONS's rules for tables of counts).

  1. Primary: a count from 1 to 9 is shown as "<10".
  2. Rounding: every other count is rounded to the nearest 5 (0 stays 0); totals are rounded from the exact sum.
  3. Secondary: in a table with totals, every row and every column that hides one number hides at least two, so a
     hidden count cannot be worked out from its total and the numbers beside it. The extra cell hidden is the
     smallest non-zero count in that line that settles another line too, or disturbs none (a total when nothing
     else is left), and is shown as "[c]".
"""
from __future__ import annotations

from dataclasses import dataclass

SMALL = "<10"
WITHHELD = "[c]"
RULE = ("Counts from 1 to 9 are shown as \"<10\". Other counts are rounded to the nearest 5, totals from the exact "
        "sum. Where a row or column of a table would hide only one count, a second one is hidden too (shown as "
        "\"[c]\"), so no hidden count can be worked out from the totals. The list of cells (borough, "
        "circumstance and interest) has no totals; a conversation naming two interests counts in both, so its "
        "cells do not add up to the tables.")


def rounded(n: int) -> int:
    """The nearest multiple of 5 (counts are whole numbers, so there is never a tie)."""
    return 5 * ((n + 2) // 5)


def shown(n: int) -> str:
    """A count on its own, with no total to protect: 0, "<10", or rounded to 5."""
    if n < 0:
        raise ValueError(f"a count cannot be negative: {n}")
    return "0" if n == 0 else SMALL if n < 10 else str(rounded(n))


@dataclass(frozen=True)
class Table:
    """A table of counts as published: `shown` holds the text of each cell, with the row totals as the last
    column and the column totals as the last row; `values` the rounded number, or None where hidden (for
    charts)."""
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    shown: tuple[tuple[str, ...], ...]
    values: tuple[tuple[int | None, ...], ...]

    def cell(self, row: str, column: str) -> str:
        return self.shown[self.rows.index(row)][self.columns.index(column)]


def table(rows: list[str], columns: list[str], counts: list[list[int]], total: str = "Total") -> Table:
    """Suppresses `counts` (rows × columns) with its row totals, column totals and grand total added."""
    if any(len(r) != len(columns) for r in counts) or len(counts) != len(rows):
        raise ValueError("counts must have one row per row label and one value per column label")
    grid = [list(r) + [sum(r)] for r in counts]
    grid.append([sum(r[j] for r in grid) for j in range(len(columns) + 1)])
    hidden = secondary(grid)
    text = tuple(tuple(WITHHELD if hidden[i][j] == 2 else shown(v) for j, v in enumerate(r))
                 for i, r in enumerate(grid))
    values = tuple(tuple(None if hidden[i][j] else rounded(v) for j, v in enumerate(r)) for i, r in enumerate(grid))
    return Table(tuple(rows) + (total,), tuple(columns) + (total,), text, values)


def secondary(grid: list[list[int]]) -> list[list[int]]:
    """Which cells of `grid` (its last row and last column being totals) are hidden: 1 for a small count, 2 for
    one hidden so that a small count cannot be recovered. Every line (row or column, total included) ends with no
    hidden cell or at least two."""
    n_rows, n_cols = len(grid), len(grid[0])
    hidden = [[1 if 0 < v < 10 else 0 for v in r] for r in grid]
    lines = [[(i, j) for j in range(n_cols)] for i in range(n_rows)] + \
            [[(i, j) for i in range(n_rows)] for j in range(n_cols)]
    changed = True
    while changed:
        changed = False
        for line in lines:
            if sum(1 for i, j in line if hidden[i][j]) != 1:
                continue
            open_ = [(i, j) for i, j in line if not hidden[i][j] and grid[i][j] > 0]
            if not open_:
                continue
            inner = [(i, j) for i, j in open_ if i < n_rows - 1 and j < n_cols - 1]
            across = (lambda c: [hidden[c[0]][k] for k in range(n_cols)]) if line[0][0] != line[-1][0] else \
                (lambda c: [hidden[k][c[1]] for k in range(n_rows)])
            # Best: a cell whose other line already hides one count (hiding it settles both lines); then one
            # whose other line hides two or more; last one that starts a new line to settle. Then the smallest.
            rank = {1: 0, 0: 2}
            pick = min(inner or open_, key=lambda c: (rank.get(sum(1 for h in across(c) if h), 1),
                                                      grid[c[0]][c[1]], c))
            hidden[pick[0]][pick[1]] = 2
            changed = True
    return hidden
