#!/usr/bin/env python3
"""Times scipy's linear_sum_assignment on the cost matrix written by
`korpu bench engine --write-matrix FILE` (little-endian int64, row-major, n x n; -1 marks an
infeasible pair). Usage: python3 tools/bench/lsa.py FILE N [RUNS]"""
import sys
import time

import numpy as np
from scipy.optimize import linear_sum_assignment

path, n = sys.argv[1], int(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
cost = np.fromfile(path, dtype="<i8").reshape(n, n)
if (cost < 0).any():
    # Infeasible pairs: a cost above any assignment of feasible pairs.
    cost = np.where(cost < 0, (cost.max() + 1) * (n + 1), cost)
times = []
for _ in range(runs):
    t = time.perf_counter()
    rows, cols = linear_sum_assignment(cost)
    times.append(time.perf_counter() - t)
total = int(cost[rows, cols].sum())
times.sort()
print(f"scipy linear_sum_assignment {n}x{n}: median {times[len(times) // 2]:.3f} s "
      f"(runs {', '.join(f'{x:.3f}' for x in times)}), total cost {total}")
