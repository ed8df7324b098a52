//! A static bounding-volume tree over candidates, packed by `rstar`'s bulk loader and
//! flattened into arrays whose nodes carry summaries of the candidates below them.
//!
//! Points are Earth-centred Cartesian coordinates in metres on the haversine sphere
//! ([`LatLon::to_xyz`](super::super::location::LatLon::to_xyz)). The chord from the query
//! point to a node's box is a lower bound on the chord to any candidate inside, and
//! [`arc_lower_bound_m`] turns it into a lower bound on the haversine distance. The
//! summaries (union of languages, skills, availability, specialties; intersection of site
//! flags; whether any candidate is active or remote; the largest own radius) give a
//! score upper bound and let whole subtrees be skipped when no candidate in them can be
//! feasible.

// Index loops over parallel arrays read more clearly than zipped iterators here.
#![allow(clippy::needless_range_loop)]

use std::collections::VecDeque;

use rstar::primitives::GeomWithData;
use rstar::{ParentNode, RStarInsertionStrategy, RTree, RTreeNode, RTreeParams};

use super::super::availability::WeeklyAvailability;
use super::super::filter::ClientQuery;
use super::super::location::arc_lower_bound_m;
use super::super::profile::{CandidateKind, CandidateProfile, SiteFlags};
use super::super::tags::{NeedSet, TagSet};

/// Node fan-out used for bulk loading: a bucket of up to 64 nearby candidates, which
/// [`build`] then splits into leaves of up to [`LEAF`].
pub(super) struct PackParams;

impl RTreeParams for PackParams {
    const MIN_SIZE: usize = 4;
    const MAX_SIZE: usize = 16;
    const REINSERTION_COUNT: usize = 4;
    type DefaultInsertionStrategy = RStarInsertionStrategy;
}

type Item = GeomWithData<[f64; 3], u32>;

/// One node as the search reads it first (40 bytes): a box, the range of children or
/// candidates, and what distance pruning needs. The rest of its summary is in
/// [`Summary`], read only for leaves that survive the distance bound.
#[derive(Debug, Clone, Copy)]
pub(super) struct Node {
    /// Box corners in f32, rounded outwards so the box still contains every point.
    pub lo: [f32; 3],
    pub hi: [f32; 3],
    pub start: u32,
    pub end: u32,
    /// Largest own radius below (rounded up; infinite if any is unlimited or remote).
    pub max_radius_m: f32,
    pub leaf: bool,
    pub any_active: bool,
    pub any_remote: bool,
}

/// Summaries of the candidates below a node, for leaf bounds.
#[derive(Debug, Clone, Copy)]
pub(super) struct Summary {
    pub langs: TagSet,
    pub skills: TagSet,
    pub avail: WeeklyAvailability,
    pub spec: NeedSet,
    pub all_flags: SiteFlags,
}

impl Node {
    fn empty(leaf: bool) -> Self {
        Self {
            lo: [f32::INFINITY; 3],
            hi: [f32::NEG_INFINITY; 3],
            start: 0,
            end: 0,
            max_radius_m: 0.0,
            leaf,
            any_active: false,
            any_remote: false,
        }
    }

    fn absorb_box(&mut self, lo: &[f32; 3], hi: &[f32; 3]) {
        for a in 0..3 {
            self.lo[a] = self.lo[a].min(lo[a]);
            self.hi[a] = self.hi[a].max(hi[a]);
        }
    }

    /// Lower bound on the haversine distance from `p` to any candidate in the node.
    #[inline]
    pub fn min_distance_m(&self, p: &[f64; 3]) -> f64 {
        let mut s = 0.0;
        for a in 0..3 {
            let (lo, hi) = (f64::from(self.lo[a]), f64::from(self.hi[a]));
            let d = if p[a] < lo {
                lo - p[a]
            } else if p[a] > hi {
                p[a] - hi
            } else {
                0.0
            };
            s += d * d;
        }
        arc_lower_bound_m(s.sqrt())
    }
}

impl Summary {
    fn empty() -> Self {
        Self {
            langs: TagSet::EMPTY,
            skills: TagSet::EMPTY,
            avail: WeeklyAvailability::EMPTY,
            spec: NeedSet::EMPTY,
            all_flags: SiteFlags::all(),
        }
    }

    fn absorb(&mut self, o: &Summary) {
        self.langs = self.langs.union(o.langs);
        self.skills = self.skills.union(o.skills);
        self.avail = self.avail.union(&o.avail);
        self.spec = self.spec.union(o.spec);
        self.all_flags = self.all_flags.intersection(o.all_flags);
    }
}

/// Adds one candidate to a node and its summary.
fn absorb_candidate(n: &mut Node, s: &mut Summary, c: &CandidateProfile, xyz: &[f64; 3]) {
    n.absorb_box(&xyz.map(f32_down), &xyz.map(f32_up));
    n.any_active |= c.active;
    n.any_remote |= !c.location_bound();
    let r = if c.location_bound() {
        c.radius_m()
    } else {
        f64::INFINITY
    };
    n.max_radius_m = n.max_radius_m.max(f32_up(r));
    s.absorb(&Summary {
        langs: c.languages,
        skills: c.skills,
        avail: c.availability,
        spec: c.specialties,
        all_flags: c.site_flags,
    });
}

impl Tree {
    /// `None` if no candidate below node `i` can be feasible for the client (capacity
    /// aside); otherwise an upper bound on their score without continuity, and the
    /// distance lower bound.
    #[inline]
    pub fn bound(&self, i: u32, q: &ClientQuery<'_>, kind: CandidateKind) -> Option<(f64, f64)> {
        self.bound_above(i, q, kind, None, false)
    }

    /// [`Tree::bound`], except that it may return `None` early when the bound is below
    /// `threshold`. Inner nodes get the distance-only bound: their summaries cover too
    /// many candidates to prune. With `no_skills`, the bound is only valid for candidates
    /// that share no skill (or specialty) with the client, whose skills component is 0.
    #[inline]
    pub fn bound_above(
        &self,
        i: u32,
        q: &ClientQuery<'_>,
        kind: CandidateKind,
        threshold: Option<f64>,
        no_skills: bool,
    ) -> Option<(f64, f64)> {
        let n = &self.nodes[i as usize];
        if !n.any_active {
            return None;
        }
        let mind = n.min_distance_m(&q.xyz);
        if !n.any_remote && (mind > q.limit_m || mind > f64::from(n.max_radius_m)) {
            return None;
        }
        let w = &q.weights;
        let dist = w.distance * w.distance_component(mind);
        let rest_max = if no_skills {
            w.availability + w.language
        } else {
            q.rest_max
        };
        let coarse = dist + rest_max;
        if threshold.is_some_and(|t| coarse < t) {
            return None;
        }
        if !n.leaf {
            return Some((coarse, mind));
        }
        let cl = q.client;
        let sum = &self.sums[i as usize];
        if !cl.languages.intersects(sum.langs)
            || !sum.all_flags.intersection(q.clash).is_empty()
            || (kind == CandidateKind::Psychologist
                && !cl.needs.is_empty()
                && cl.needs.intersection(sum.spec).is_empty())
        {
            return None;
        }
        let shared = cl.availability.overlap_slots(&sum.avail);
        if shared == 0 {
            return None;
        }
        let skills = if no_skills {
            0.0
        } else {
            q.skills_component(kind, sum.skills, sum.spec)
        };
        let ub = dist
            + (w.skills * skills
                + w.availability * q.availability_component(shared)
                + w.language * q.language_component(sum.langs));
        Some((ub, mind))
    }
}

/// The largest f32 not above `v`.
fn f32_down(v: f64) -> f32 {
    let f = v as f32;
    if f64::from(f) > v { f.next_down() } else { f }
}

/// The smallest f32 not below `v`.
fn f32_up(v: f64) -> f32 {
    let f = v as f32;
    if f64::from(f) < v { f.next_up() } else { f }
}

/// The flattened tree and the order in which it stores candidates.
pub(super) struct Tree {
    pub nodes: Vec<Node>,
    pub sums: Vec<Summary>,
}

/// Packs the points with `rstar` and flattens the result. Returns the tree and the
/// permutation: `order[pos]` is the input index of the candidate stored at `pos`.
pub(super) fn build(points: &[[f64; 3]], keys: &[u64]) -> (Tree, Vec<u32>) {
    let items: Vec<Item> = points
        .iter()
        .enumerate()
        .map(|(i, p)| GeomWithData::new(*p, i as u32))
        .collect();
    let rtree: RTree<Item, PackParams> = RTree::bulk_load_with_params(items);
    let mut t = Flattening {
        nodes: vec![Node::empty(true)],
        order: Vec::with_capacity(points.len()),
        keys,
    };
    let mut queue: VecDeque<(&ParentNode<Item>, usize)> = VecDeque::new();
    queue.push_back((rtree.root(), 0));
    while let Some((parent, slot)) = queue.pop_front() {
        let kids = parent.children();
        let subtrees: Vec<&ParentNode<Item>> = kids
            .iter()
            .filter_map(|k| match k {
                RTreeNode::Parent(p) => Some(p),
                RTreeNode::Leaf(_) => None,
            })
            .collect();
        let elements: Vec<u32> = kids
            .iter()
            .filter_map(|k| match k {
                RTreeNode::Leaf(item) => Some(item.data),
                RTreeNode::Parent(_) => None,
            })
            .collect();
        if subtrees.is_empty() {
            t.bucket(slot, elements);
            continue;
        }
        let first = t.nodes.len();
        let count = subtrees.len() + usize::from(!elements.is_empty());
        t.nodes.extend((0..count).map(|_| Node::empty(true)));
        t.nodes[slot] = Node {
            start: first as u32,
            end: (first + count) as u32,
            ..Node::empty(false)
        };
        for (i, p) in subtrees.into_iter().enumerate() {
            queue.push_back((p, first + i));
        }
        if !elements.is_empty() {
            t.bucket(first + count - 1, elements);
        }
    }
    let sums = vec![Summary::empty(); t.nodes.len()];
    (
        Tree {
            nodes: t.nodes,
            sums,
        },
        t.order,
    )
}

/// Candidates per leaf after a bucket of the packed R-tree is split.
const LEAF: usize = 8;

struct Flattening<'a> {
    nodes: Vec<Node>,
    order: Vec<u32>,
    keys: &'a [u64],
}

impl Flattening<'_> {
    /// Stores one bucket of nearby candidates at `slot`: as one leaf if small, otherwise
    /// as an inner node whose leaves group candidates with similar keys (skills), so that
    /// each leaf's skill summary is narrow and its score bound tight.
    fn bucket(&mut self, slot: usize, mut elements: Vec<u32>) {
        if elements.len() <= LEAF {
            let start = self.order.len() as u32;
            self.order.extend_from_slice(&elements);
            self.nodes[slot] = Node {
                start,
                end: self.order.len() as u32,
                ..Node::empty(true)
            };
            return;
        }
        elements.sort_by_key(|e| (self.keys.get(*e as usize).copied().unwrap_or(0), *e));
        let parts = elements.len().div_ceil(LEAF);
        let first = self.nodes.len();
        self.nodes[slot] = Node {
            start: first as u32,
            end: (first + parts) as u32,
            ..Node::empty(false)
        };
        for k in 0..parts {
            let lo = k * elements.len() / parts;
            let hi = (k + 1) * elements.len() / parts;
            let start = self.order.len() as u32;
            self.order.extend_from_slice(&elements[lo..hi]);
            self.nodes.push(Node {
                start,
                end: self.order.len() as u32,
                ..Node::empty(true)
            });
        }
    }
}

impl Tree {
    /// Computes boxes and summaries bottom-up; `cands` and `xyz` are in stored order.
    /// `position(slot)` maps a leaf slot to the candidate's position in `cands`/`xyz`.
    pub fn summarise(
        &mut self,
        cands: &[CandidateProfile],
        xyz: &[[f64; 3]],
        position: &dyn Fn(usize) -> usize,
    ) {
        self.sums = vec![Summary::empty(); self.nodes.len()];
        for i in (0..self.nodes.len()).rev() {
            let old = self.nodes[i];
            let mut n = Node {
                start: old.start,
                end: old.end,
                ..Node::empty(old.leaf)
            };
            let mut s = Summary::empty();
            if old.leaf {
                for slot in old.start as usize..old.end as usize {
                    let pos = position(slot);
                    absorb_candidate(&mut n, &mut s, &cands[pos], &xyz[pos]);
                }
            } else {
                for child in old.start as usize..old.end as usize {
                    let c = self.nodes[child];
                    n.absorb_box(&c.lo, &c.hi);
                    n.any_active |= c.any_active;
                    n.any_remote |= c.any_remote;
                    n.max_radius_m = n.max_radius_m.max(c.max_radius_m);
                    s.absorb(&self.sums[child]);
                }
            }
            self.nodes[i] = n;
            self.sums[i] = s;
        }
    }

    /// Heap bytes of the node array.
    pub fn heap_bytes(&self) -> usize {
        self.nodes.capacity() * std::mem::size_of::<Node>()
            + self.sums.capacity() * std::mem::size_of::<Summary>()
    }
}
