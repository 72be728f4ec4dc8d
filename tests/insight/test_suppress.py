"""Suppression at its boundaries, and secondary suppression that leaves no hidden count recoverable."""
from __future__ import annotations

import itertools
import random

import pytest

from bot.insight.suppress import SMALL, WITHHELD, rounded, secondary, shown, table


@pytest.mark.parametrize("count, text", [(0, "0"), (1, SMALL), (9, SMALL), (10, "10"), (12, "10"), (13, "15"),
                                         (14, "15"), (15, "15"), (17, "15"), (18, "20"), (1002, "1000")])
def test_boundaries(count, text):
    assert shown(count) == text


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        shown(-1)


def test_rounding_is_to_the_nearest_five():
    assert [rounded(n) for n in range(10, 21)] == [10, 10, 10, 15, 15, 15, 15, 15, 20, 20, 20]


def test_totals_are_rounded_from_the_exact_sum():
    t = table(["A", "B"], ["x", "y"], [[12, 13], [14, 16]])
    assert t.shown == (("10", "15", "25"), ("15", "15", "30"), ("25", "30", "55"))     # 25+30 = 55 exactly


def test_one_small_count_in_a_row_hides_a_second_count_in_it_and_in_its_column():
    # Row A: 9 is small; without more, 9 = total(A) - 40 - 30 would be recoverable from the totals.
    t = table(["A", "B", "C"], ["x", "y", "z"], [[9, 40, 30], [20, 25, 50], [35, 60, 45]])
    assert t.cell("A", "x") == SMALL
    hidden_a = [c for c in t.shown[0][:3] if c in (SMALL, WITHHELD)]
    hidden_x = [row[0] for row in t.shown[:3] if row[0] in (SMALL, WITHHELD)]
    assert len(hidden_a) == 2 and len(hidden_x) == 2
    assert t.cell("A", "z") == WITHHELD          # the smallest other count in the row: 30
    assert t.cell("B", "x") == WITHHELD          # the smallest other count in the column: 20


def test_a_small_total_is_hidden_like_a_cell():
    t = table(["A"], ["x", "y"], [[4, 3]])
    assert t.shown[0] == (SMALL, SMALL, SMALL)


def test_zeros_are_not_used_to_hide_a_count():
    t = table(["A", "B"], ["x", "y"], [[5, 0], [0, 30]])
    assert t.cell("A", "y") == "0" and t.cell("B", "x") == "0"
    assert t.cell("A", "Total") == SMALL                 # the small cell's row total is small too
    assert t.cell("Total", "x") == SMALL


def test_the_table_refuses_counts_that_do_not_match_its_labels():
    with pytest.raises(ValueError, match="one row per row label"):
        table(["A"], ["x", "y"], [[1]])


def _recoverable(grid: list[list[int]], hidden: list[list[int]]) -> bool:
    """Whether some line (row or column with its total) hides exactly one count: that count is the line's total
    less the others, all of which are published."""
    lines = [[(i, j) for j in range(len(grid[0]))] for i in range(len(grid))] + \
            [[(i, j) for i in range(len(grid))] for j in range(len(grid[0]))]
    return any(sum(1 for i, j in line if hidden[i][j]) == 1 for line in lines)


def test_no_random_table_leaves_a_hidden_count_alone_in_a_line(trials):
    rnd = random.Random(13)
    for _ in range(trials(400)):
        rows, cols = rnd.randint(1, 6), rnd.randint(1, 6)
        counts = [[rnd.choice((0, 0, 1, 4, 9, 10, 12, 13, 30, 200)) for _ in range(cols)] for _ in range(rows)]
        grid = [r + [sum(r)] for r in counts]
        grid.append([sum(r[j] for r in grid) for j in range(cols + 1)])
        hidden = secondary(grid)
        assert not _recoverable(grid, hidden), counts
        for i, j in itertools.product(range(rows + 1), range(cols + 1)):
            assert bool(hidden[i][j]) or not 0 < grid[i][j] < 10      # every small count is hidden
