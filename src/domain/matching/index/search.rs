//! Exhaustive depth-first search with caller-defined pruning, for batch assignment:
//! enumerating every feasible pair of a client, or only those that could still improve
//! a solution (pricing).

use super::super::filter::ClientQuery;
use super::super::profile::CandidateKind;
use super::super::score::ScoreComponents;
use super::super::tags::NeedSet;
use super::columns::Columns;
use super::{CandidateIndex, Hit};

impl CandidateIndex {
    /// For each node, the maximum of `per_pos` over the candidates below it
    /// (`i64::MIN` for a node without candidates).
    pub(in super::super) fn node_maxima(&self, per_pos: &[i64]) -> Vec<i64> {
        let nodes = &self.tree.nodes;
        let mut out = vec![i64::MIN; nodes.len()];
        for i in (0..nodes.len()).rev() {
            let n = &nodes[i];
            let range = n.start as usize..n.end as usize;
            out[i] = if n.leaf {
                range.filter_map(|p| per_pos.get(p).copied()).max()
            } else {
                range.map(|c| out[c]).max()
            }
            .unwrap_or(i64::MIN);
        }
        out
    }

    /// Calls `visit` for every candidate feasible for the client (capacity aside) below
    /// the nodes that `keep(node, score_upper_bound)` accepts; `keep` sees an upper bound on
    /// the score of every candidate below the node, continuity included.
    pub(in super::super) fn search(
        &self,
        q: &ClientQuery<'_>,
        keep: &dyn Fn(u32, f64) -> bool,
        visit: &mut dyn FnMut(Hit),
    ) {
        if self.cands.is_empty() {
            return;
        }
        let continuity = if self.previous_positions(q).is_empty() {
            0.0
        } else {
            q.weights.continuity
        };
        let mut stack = vec![0u32];
        while let Some(node) = stack.pop() {
            let n = &self.tree.nodes[node as usize];
            let Some((ub, _)) = self.tree.bound(node, q, self.kind) else {
                continue;
            };
            if !keep(node, ub + continuity) {
                continue;
            }
            if n.leaf {
                for pos in n.start..n.end {
                    if let Some((_, hit)) = self.feasible_at(q, pos) {
                        visit(hit);
                    }
                }
            } else {
                stack.extend(n.start..n.end);
            }
        }
    }

    /// Number of feasible (client, candidate) pairs, capacity aside.
    pub fn count_feasible_pairs(&self, clients: &[super::super::profile::ClientProfile]) -> usize {
        clients
            .iter()
            .map(|c| {
                let q = ClientQuery::new(c, &self.config);
                let mut n = 0;
                self.search(&q, &|_, _| true, &mut |_| n += 1);
                n
            })
            .sum()
    }

    /// Every feasible candidate (capacity aside) for the client, in no particular order.
    #[cfg(test)]
    pub(in super::super) fn all_feasible(&self, q: &ClientQuery<'_>) -> Vec<Hit> {
        let mut out = Vec::new();
        self.search(q, &|_, _| true, &mut |h| out.push(h));
        out
    }
}

impl CandidateIndex {
    /// Calls `visit` for every candidate feasible for the client (capacity aside) whose
    /// cost is below `limit(pos)`, below the nodes `keep` accepts (as in
    /// [`CandidateIndex::search`]). Candidates are tested cheapest first, and a candidate
    /// whose cost bound already reaches its limit is dropped before its distance is
    /// computed. Costs are [`Weights::cost_of`] of scores computed exactly as
    /// [`ClientQuery::feasible`] does.
    pub(in super::super) fn search_below(
        &self,
        q: &ClientQuery<'_>,
        keep: &dyn Fn(u32, f64) -> bool,
        limit: &dyn Fn(usize) -> i64,
        visit: &mut dyn FnMut(Hit, i64),
    ) {
        if self.cands.is_empty() {
            return;
        }
        let has_previous = !self.previous_positions(q).is_empty();
        let continuity = if has_previous {
            q.weights.continuity
        } else {
            0.0
        };
        let w = q.weights;
        let cl = q.client;
        let cols = &self.cols;
        let clash = q.clash.bits();
        let psych_needs = if self.kind == CandidateKind::Psychologist {
            cl.needs.bits()
        } else {
            0
        };
        let mut stack = vec![0u32];
        while let Some(node) = stack.pop() {
            let n = &self.tree.nodes[node as usize];
            let Some((ub, mind)) = self.tree.bound(node, q, self.kind) else {
                continue;
            };
            if !keep(node, ub + continuity) {
                continue;
            }
            if !n.leaf {
                stack.extend(n.start..n.end);
                continue;
            }
            let dist_ub = w.distance * w.distance_component(mind);
            for pos in n.start..n.end {
                let p = pos as usize;
                let meta = cols.meta[p];
                let spec = Columns::spec_bits(meta);
                let langs = cols.langs[p];
                if !Columns::active(meta)
                    || Columns::flags_bits(meta) & clash != 0
                    || (psych_needs != 0 && spec & psych_needs == 0)
                    || !cl.languages.intersects(langs)
                    || cl.barred_work.intersects(cols.work[p])
                {
                    continue;
                }
                let max_cost = limit(p);
                let id = cols.place[p].id;
                let mut comp = ScoreComponents {
                    distance: 0.0,
                    skills: q.skills_component(self.kind, cols.skills[p], NeedSet::from_bits(spec)),
                    availability: 1.0,
                    language: q.language_component(langs),
                    continuity: if has_previous && q.continuity(id) {
                        1.0
                    } else {
                        0.0
                    },
                };
                if w.cost_of(dist_ub + comp.rest(&w)) >= max_cost {
                    continue;
                }
                let shared = cl.availability.overlap_slots(&cols.avail[p]);
                if shared == 0 {
                    continue;
                }
                comp.availability = q.availability_component(shared);
                if w.cost_of(dist_ub + comp.rest(&w)) >= max_cost {
                    continue;
                }
                let place = &cols.place[p];
                let trig = &place.trig;
                let d = q.trig.distance_m(trig);
                let bound = Columns::location_bound(meta);
                if bound && (d > q.limit_m || d > place.radius_m) {
                    continue;
                }
                comp.distance = w.distance_component(d);
                let score = comp.score(&w);
                let cost = w.cost_of(score);
                if cost >= max_cost || !q.areas_ok(bound, &self.cands[p].location, trig) {
                    continue;
                }
                visit(
                    Hit {
                        pos,
                        id,
                        score,
                        distance_m: d,
                    },
                    cost,
                );
            }
        }
    }
}
