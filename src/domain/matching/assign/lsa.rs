//! Jonker–Volgenant (LAPJV) for dense assignment: column reduction, reduction transfer,
//! two rounds of augmenting row reduction, then shortest augmenting paths with dense
//! scans (Dijkstra on reduced costs with column prices). Integer costs, so the result is
//! exactly optimal.

use super::{AssignError, Assignment, MAX_COST};

/// Marks a missing (infeasible) pair in [`solve_dense`]'s matrix.
pub const NO_PAIR: i64 = -1;

/// Solves a dense instance: `cost` is `rows × cols`, row-major, one row per client and
/// one column per place (expand a candidate with capacity c into c columns); a negative
/// entry ([`NO_PAIR`]) marks an infeasible pair. Maximises the number of assigned rows,
/// then minimises the total cost. Returns, per row, the assigned column. Memory is
/// O(max(rows, cols)²); beyond 16,384 × 16,384 the problem is refused as too large
/// (use [`super::solve_sparse`]).
pub fn solve_dense(rows: usize, cols: usize, cost: &[i64]) -> Result<Assignment, AssignError> {
    if rows.checked_mul(cols) != Some(cost.len()) {
        return Err(AssignError::WrongMatrixSize);
    }
    let n = rows.max(cols);
    // The padded square matrix is n² i64: refuse beyond 2^28 entries (2 GiB).
    if n.checked_mul(n).is_none_or(|cells| cells > 1 << 28) {
        return Err(AssignError::TooLarge);
    }
    let mut max = 0;
    for &c in cost {
        if c > MAX_COST {
            return Err(AssignError::CostOutOfRange { cost: c });
        }
        max = max.max(c);
    }
    let big = (max + 1) * (rows as i64 + 1);
    // Square matrix: padding rows cost 0 everywhere; padding columns and missing pairs
    // cost BIG (the row stays unassigned).
    let mut m = vec![0i64; n * n];
    for i in 0..rows {
        for j in 0..n {
            m[i * n + j] = if j < cols {
                let c = cost[i * cols + j];
                if c < 0 { big } else { c }
            } else {
                big
            };
        }
    }
    let x = lapjv(n, &m);
    let mut total = 0;
    let mut count = 0;
    let assigned = (0..rows)
        .map(|i| {
            let j = x[i];
            let c = m[i * n + j];
            if j < cols && c < big {
                total += c;
                count += 1;
                Some(j)
            } else {
                None
            }
        })
        .collect();
    Ok(Assignment {
        assigned,
        total_cost: total,
        assigned_count: count,
    })
}

const INF: i64 = i64::MAX / 4;
const NONE: usize = usize::MAX;

/// Square LAPJV on `c` (`n × n`, row-major, non-negative): the column of each row.
pub(super) fn lapjv(n: usize, c: &[i64]) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![0];
    }
    let mut x = vec![NONE; n]; // column of row
    let mut y = vec![NONE; n]; // row of column
    let mut v = vec![INF; n]; // column prices
    // Column reduction.
    for i in 0..n {
        let row = &c[i * n..(i + 1) * n];
        for j in 0..n {
            if row[j] < v[j] {
                v[j] = row[j];
                y[j] = i;
            }
        }
    }
    let mut unique = vec![true; n];
    for j in (0..n).rev() {
        let i = y[j];
        if x[i] == NONE {
            x[i] = j;
        } else {
            unique[i] = false;
            y[j] = NONE;
        }
    }
    // Reduction transfer.
    let mut free = Vec::with_capacity(n);
    for i in 0..n {
        if x[i] == NONE {
            free.push(i);
        } else if unique[i] {
            let j = x[i];
            let row = &c[i * n..(i + 1) * n];
            let mut min = INF;
            for j2 in 0..n {
                if j2 != j {
                    min = min.min(row[j2] - v[j2]);
                }
            }
            v[j] -= min;
        }
    }
    // Augmenting row reduction, twice.
    for _ in 0..2 {
        if free.is_empty() {
            break;
        }
        augmenting_row_reduction(n, c, &mut free, &mut x, &mut y, &mut v);
    }
    // Shortest augmenting paths.
    let mut d = vec![0i64; n];
    let mut pred = vec![0usize; n];
    let mut cols: Vec<usize> = (0..n).collect();
    for &f in &free {
        let sink = find_path(n, c, f, &y, &mut v, &mut d, &mut pred, &mut cols);
        let mut j = sink;
        loop {
            let i = pred[j];
            y[j] = i;
            let prev = x[i];
            x[i] = j;
            if i == f {
                break;
            }
            j = prev;
        }
    }
    x
}

fn augmenting_row_reduction(
    n: usize,
    c: &[i64],
    free: &mut Vec<usize>,
    x: &mut [usize],
    y: &mut [usize],
    v: &mut [i64],
) {
    let n_free = free.len();
    let mut current = 0;
    let mut new_free = 0;
    let mut rr_count = 0usize;
    while current < n_free {
        rr_count += 1;
        let i = free[current];
        current += 1;
        let row = &c[i * n..(i + 1) * n];
        let (mut j1, mut u1) = (0, row[0] - v[0]);
        let (mut j2, mut u2) = (NONE, INF);
        for j in 1..n {
            let h = row[j] - v[j];
            if h < u2 {
                if h >= u1 {
                    u2 = h;
                    j2 = j;
                } else {
                    u2 = u1;
                    u1 = h;
                    j2 = j1;
                    j1 = j;
                }
            }
        }
        let mut i0 = y[j1];
        let v1_new = v[j1] - (u2 - u1);
        let v1_lowers = v1_new < v[j1];
        if rr_count < current * n {
            if v1_lowers {
                v[j1] = v1_new;
            } else if i0 != NONE && j2 != NONE {
                j1 = j2;
                i0 = y[j2];
            }
            if i0 != NONE {
                if v1_lowers {
                    current -= 1;
                    free[current] = i0;
                } else {
                    free[new_free] = i0;
                    new_free += 1;
                }
            }
        } else if i0 != NONE {
            free[new_free] = i0;
            new_free += 1;
        }
        x[i] = j1;
        y[j1] = i;
    }
    free.truncate(new_free);
    for &i in free.iter() {
        if x[i] != NONE && y[x[i]] != i {
            x[i] = NONE;
        }
    }
}

/// Dijkstra from free row `start` over columns; returns the free column reached and
/// updates the prices of the columns settled before it.
#[allow(clippy::too_many_arguments)]
fn find_path(
    n: usize,
    c: &[i64],
    start: usize,
    y: &[usize],
    v: &mut [i64],
    d: &mut [i64],
    pred: &mut [usize],
    cols: &mut [usize],
) -> usize {
    let row = &c[start * n..(start + 1) * n];
    for j in 0..n {
        cols[j] = j;
        d[j] = row[j] - v[j];
        pred[j] = start;
    }
    let (mut lo, mut hi) = (0usize, 0usize);
    let mut n_ready = 0;
    let mut found = NONE;
    while found == NONE {
        if lo == hi {
            n_ready = lo;
            // Move every column with the minimal d into cols[lo..hi].
            hi = lo + 1;
            let mut mind = d[cols[lo]];
            let first = hi;
            for k in first..n {
                let j = cols[k];
                if d[j] <= mind {
                    if d[j] < mind {
                        hi = lo;
                        mind = d[j];
                    }
                    cols.swap(k, hi);
                    hi += 1;
                }
            }
            for &j in &cols[lo..hi] {
                if y[j] == NONE {
                    found = j;
                }
            }
        }
        if found == NONE {
            found = scan(n, c, &mut lo, &mut hi, d, cols, pred, y, v);
        }
    }
    let mind = d[cols[lo]];
    for &j in &cols[..n_ready] {
        v[j] += d[j] - mind;
    }
    found
}

/// Scans the columns of the current minimum level; returns a free column reached at the
/// minimum distance, or `NONE` after moving `lo`/`hi` on.
#[allow(clippy::too_many_arguments)]
fn scan(
    n: usize,
    c: &[i64],
    plo: &mut usize,
    phi: &mut usize,
    d: &mut [i64],
    cols: &mut [usize],
    pred: &mut [usize],
    y: &[usize],
    v: &[i64],
) -> usize {
    let (mut lo, mut hi) = (*plo, *phi);
    while lo != hi {
        let j = cols[lo];
        lo += 1;
        let i = y[j];
        let mind = d[j];
        let row = &c[i * n..(i + 1) * n];
        let h = row[j] - v[j] - mind;
        let first = hi;
        for k in first..n {
            let j2 = cols[k];
            let cred = row[j2] - v[j2] - h;
            if cred < d[j2] {
                d[j2] = cred;
                pred[j2] = i;
                if cred == mind {
                    if y[j2] == NONE {
                        return j2;
                    }
                    cols.swap(k, hi);
                    hi += 1;
                }
            }
        }
    }
    *plo = lo;
    *phi = hi;
    NONE
}
