//! Secondary trees, one per skill (per specialty for psychologists), over the candidates
//! that have it.
//!
//! The skills component is the most selective part of the score, and a leaf summary
//! (the union of a few candidates' skills) bounds it poorly. So `top_k` searches the
//! candidates that share a skill with the client in the trees of the client's skills,
//! where the search radius needed to find k good candidates is small, and the rest in
//! the main tree with a bound whose skills component is 0. Each candidate is scored in
//! exactly one tree: the main tree if it shares no skill with the client, otherwise the
//! tree of the lowest skill it shares.

use super::super::profile::{CandidateKind, CandidateProfile};
use super::columns::Columns;
use super::tree::{self, Tree};

/// The skill bits a candidate is filed under.
pub(super) fn facet_bits(c: &CandidateProfile) -> u64 {
    if c.kind == CandidateKind::Psychologist {
        u64::from(c.specialties.bits())
    } else {
        c.skills.bits()
    }
}

/// One secondary tree: its leaves hold slots into `members` (positions in the main
/// index) and into its own copy of the search columns, laid out in the facet's order so
/// that a leaf scan reads contiguous memory.
pub(super) struct Facet {
    pub tree: Tree,
    pub members: Vec<u32>,
    pub cols: Columns,
}

/// The secondary trees by skill bit, plus each position's facet bits.
#[derive(Default)]
pub(super) struct Facets {
    pub by_bit: Vec<Option<Facet>>,
    pub bits: Vec<u64>,
}

pub(super) fn build(cands: &[CandidateProfile], xyz: &[[f64; 3]]) -> Facets {
    let bits: Vec<u64> = cands.iter().map(facet_bits).collect();
    let by_bit = (0..64)
        .map(|b| {
            let subset: Vec<u32> = (0..cands.len() as u32)
                .filter(|p| bits[*p as usize] & (1u64 << b) != 0)
                .collect();
            if subset.is_empty() {
                return None;
            }
            let points: Vec<[f64; 3]> = subset.iter().map(|p| xyz[*p as usize]).collect();
            let keys: Vec<u64> = subset.iter().map(|p| bits[*p as usize]).collect();
            let (mut tree, order) = tree::build(&points, &keys);
            let members: Vec<u32> = order.iter().map(|i| subset[*i as usize]).collect();
            tree.summarise(cands, xyz, &|slot| members[slot] as usize);
            let profiles: Vec<CandidateProfile> =
                members.iter().map(|p| cands[*p as usize].clone()).collect();
            let cols = Columns::new(&profiles);
            Some(Facet {
                tree,
                members,
                cols,
            })
        })
        .collect();
    Facets { by_bit, bits }
}

impl Facets {
    pub fn heap_bytes(&self) -> usize {
        self.bits.capacity() * 8
            + self
                .by_bit
                .iter()
                .flatten()
                .map(|f| f.tree.heap_bytes() + f.members.capacity() * 4 + f.cols.heap_bytes())
                .sum::<usize>()
    }
}
