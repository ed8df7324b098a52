//! Best-first search for the k best-scored feasible candidates.
//!
//! Inner nodes enter the heap with a distance-only bound (their summaries cover too many
//! candidates to prune); leaves with the summary bound of [`super::tree::Node::bound`].
//! A leaf's candidates are tested cheapest and most selective first, reading the column
//! arrays: flags, languages and skills give a bound with availability at its best, and
//! most candidates stop there; availability, then distance, then areas and capacity
//! follow. Scores are computed with the same expressions as
//! [`ClientQuery::feasible`](super::super::filter::ClientQuery), so they are identical.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::super::filter::ClientQuery;
use super::super::profile::CandidateKind;
use super::super::score::ScoreComponents;
use super::super::tags::NeedSet;
use super::columns::Columns;
use super::{CandidateIndex, Hit, TopK};

#[derive(PartialEq)]
struct Pending {
    ub: f64,
    node: u32,
    /// [`MAIN`] or a facet's skill bit.
    tree: u8,
}

/// Tree id of the main tree in [`Pending`].
const MAIN: u8 = u8::MAX;

impl Eq for Pending {}

impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Pending {
    fn cmp(&self, other: &Self) -> Ordering {
        self.ub
            .total_cmp(&other.ub)
            .then_with(|| other.tree.cmp(&self.tree))
            .then_with(|| other.node.cmp(&self.node))
    }
}

impl CandidateIndex {
    /// The core of [`CandidateIndex::top_k`]: the best hits for which `has_room(pos)`.
    pub(in super::super) fn top_hits(
        &self,
        q: &ClientQuery<'_>,
        k: usize,
        has_room: &dyn Fn(u32) -> bool,
    ) -> Vec<Hit> {
        let mut best = TopK::new(k);
        if k == 0 || self.cands.is_empty() {
            return Vec::new();
        }
        let skip = self.previous_positions(q);
        for &pos in &skip {
            if let Some((_, hit)) = self.feasible_at(q, pos)
                && has_room(pos)
            {
                best.offer(hit);
            }
        }
        // Candidates sharing a skill with the client are searched in the skill trees;
        // the main tree then only scores candidates without one (skills component 0).
        let client_bits = if self.kind == CandidateKind::Psychologist {
            u64::from(q.client.needs.bits())
        } else {
            q.client.skills.bits()
        };
        let no_skills = client_bits != 0;
        let mut heap = BinaryHeap::new();
        if let Some((ub, _)) = self.tree.bound_above(0, q, self.kind, None, no_skills) {
            heap.push(Pending {
                ub,
                node: 0,
                tree: MAIN,
            });
        }
        for b in 0..64u8 {
            if client_bits & (1u64 << b) != 0
                && let Some(Some(f)) = self.facets.by_bit.get(usize::from(b))
                && let Some((ub, _)) = f.tree.bound(0, q, self.kind)
            {
                heap.push(Pending {
                    ub,
                    node: 0,
                    tree: b,
                });
            }
        }
        while let Some(Pending { ub, node, tree }) = heap.pop() {
            if best.threshold().is_some_and(|t| ub < t) {
                break;
            }
            let (t, members, skills_zero) = if tree == MAIN {
                (&self.tree, None, no_skills)
            } else {
                match self.facets.by_bit.get(usize::from(tree)) {
                    Some(Some(f)) => (&f.tree, Some((&f.cols, &f.members)), false),
                    _ => continue,
                }
            };
            let n = &t.nodes[node as usize];
            if n.leaf {
                let dist_ub =
                    q.weights.distance * q.weights.distance_component(n.min_distance_m(&q.xyz));
                let (cols, members) = match members {
                    None => (&self.cols, None),
                    Some((cols, m)) => (cols, Some(m.as_slice())),
                };
                self.scan_leaf(
                    q,
                    dist_ub,
                    cols,
                    n.start..n.end,
                    members,
                    client_bits,
                    tree,
                    &skip,
                    &mut best,
                    has_room,
                );
                continue;
            }
            for child in n.start..n.end {
                let threshold = best.threshold();
                if let Some((cub, _)) = t.bound_above(child, q, self.kind, threshold, skills_zero)
                    && !threshold.is_some_and(|t| cub < t)
                {
                    heap.push(Pending {
                        ub: cub,
                        node: child,
                        tree,
                    });
                }
            }
        }
        best.into_hits()
    }

    /// Scores the candidates in slots `slots` of `cols` (one leaf) that belong to tree
    /// `tree` for this client (see [`super::facets`]). `members` maps a facet's slots to
    /// positions in the main index (`None` for the main tree, whose slots are positions).
    #[inline]
    #[allow(clippy::too_many_arguments)]
    fn scan_leaf(
        &self,
        q: &ClientQuery<'_>,
        dist_ub: f64,
        cols: &Columns,
        slots: std::ops::Range<u32>,
        members: Option<&[u32]>,
        client_bits: u64,
        tree: u8,
        skip: &[u32],
        best: &mut TopK,
        has_room: &dyn Fn(u32) -> bool,
    ) {
        let cl = q.client;
        let w = q.weights;
        let clash = q.clash.bits();
        let psych = self.kind == CandidateKind::Psychologist;
        let psych_needs = if psych { cl.needs.bits() } else { 0 };
        for slot in slots {
            let p = slot as usize;
            let meta = cols.meta[p];
            let spec = Columns::spec_bits(meta);
            let skill_bits = if psych {
                u64::from(spec)
            } else {
                cols.skills[p].bits()
            };
            let shared_bits = skill_bits & client_bits;
            let home = if shared_bits == 0 {
                MAIN
            } else {
                shared_bits.trailing_zeros() as u8
            };
            if home != tree
                || !Columns::active(meta)
                || Columns::flags_bits(meta) & clash != 0
                || (psych_needs != 0 && spec & psych_needs == 0)
            {
                continue;
            }
            let langs = cols.langs[p];
            if !cl.languages.intersects(langs) {
                continue;
            }
            let skills = q.skills_component(self.kind, cols.skills[p], NeedSet::from_bits(spec));
            let language = q.language_component(langs);
            let mut comp = ScoreComponents {
                distance: 0.0,
                skills,
                availability: 1.0,
                language,
                continuity: 0.0,
            };
            let threshold = best.threshold();
            if threshold.is_some_and(|t| dist_ub + comp.rest(&w) < t)
                || cl.barred_work.intersects(cols.work[p])
            {
                continue;
            }
            let pos = members.map_or(slot, |m| m[p]);
            if !skip.is_empty() && skip.contains(&pos) {
                continue;
            }
            let shared = cl.availability.overlap_slots(&cols.avail[p]);
            if shared == 0 {
                continue;
            }
            comp.availability = q.availability_component(shared);
            let rest = comp.rest(&w);
            if threshold.is_some_and(|t| dist_ub + rest < t) {
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
            let hit = Hit {
                pos,
                id: place.id,
                score: comp.score(&w),
                distance_m: d,
            };
            if best.admits(&hit)
                && q.areas_ok(bound, &self.cands[pos as usize].location, trig)
                && has_room(pos)
            {
                best.offer(hit);
            }
        }
    }
}
