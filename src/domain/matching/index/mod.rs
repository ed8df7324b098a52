//! A spatial index per candidate kind, with exact best-scored suggestions.
//!
//! [`CandidateIndex::top_k`] returns the `k` best-scored feasible candidates, exactly as
//! a scan of every candidate with [`evaluate`](super::filter::evaluate) would, in ranking
//! order (score, then distance, then id). It searches the tree best-first by an upper
//! bound on the score of anything below a node (see the `tree` submodule): the distance part of the
//! bound comes from the node's distance to the client, the rest from the node's
//! summaries. The search stops as soon as the best remaining bound is below the current
//! k-th score, so no farther candidate that could still win is ever skipped. Previous
//! helpers (continuity) are looked up by id first, so the bound needs no continuity term.
//!
//! The index holds static attributes only. Free capacity lives in the database and is
//! passed per query as a function `id -> free places`; 0 excludes the candidate.

mod columns;
mod facets;
mod search;
mod topk;
mod tree;

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::filter::{ClientQuery, Exclusion, evaluate_query, features_of_feasible, suggestion};
use super::profile::{CandidateKind, CandidateProfile, ClientProfile};
use super::score::{MatchConfig, ScoreComponents, Suggestion};
use super::tags::Vocabularies;

/// Why an index could not be built.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "problem")]
pub enum IndexError {
    /// Two candidates share an id.
    DuplicateId {
        /// The id.
        id: i64,
    },
    /// A candidate is not of the index's kind.
    WrongKind {
        /// The candidate's id.
        id: i64,
    },
    /// The configuration's weights are invalid (see `Weights::validate`).
    InvalidWeights,
    /// A travel limit is negative or not finite.
    InvalidTravelLimits,
}

impl std::fmt::Display for IndexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot build matching index: {self:?}")
    }
}

impl std::error::Error for IndexError {}

/// An immutable index of the candidates of one kind.
pub struct CandidateIndex {
    kind: CandidateKind,
    config: MatchConfig,
    vocab: Vocabularies,
    tree: tree::Tree,
    /// Candidates in tree order ("positions"), full profiles (read by explanations).
    cands: Vec<CandidateProfile>,
    /// What the search reads, by position.
    cols: columns::Columns,
    /// One small tree per skill (per specialty for psychologists).
    facets: facets::Facets,
    pos_of_id: HashMap<i64, u32>,
}

/// A scored feasible candidate during a search.
#[derive(Debug, Clone, Copy)]
pub(super) struct Hit {
    pub pos: u32,
    pub id: i64,
    pub score: f64,
    pub distance_m: f64,
}

impl Hit {
    /// Ranking order: higher score, then shorter distance, then lower id.
    pub fn better_than(&self, o: &Hit) -> bool {
        match self.score.total_cmp(&o.score) {
            Ordering::Greater => true,
            Ordering::Less => false,
            Ordering::Equal => match self.distance_m.total_cmp(&o.distance_m) {
                Ordering::Less => true,
                Ordering::Greater => false,
                Ordering::Equal => self.id < o.id,
            },
        }
    }
}

/// The k best hits so far, best first.
pub(super) struct TopK {
    k: usize,
    hits: Vec<Hit>,
}

impl TopK {
    pub fn new(k: usize) -> Self {
        Self {
            k,
            // `k` may come from a request: never reserve more than a page of results.
            hits: Vec::with_capacity(k.min(256).saturating_add(1)),
        }
    }

    /// The score a new hit must reach to have a chance, if the list is full.
    #[inline]
    pub fn threshold(&self) -> Option<f64> {
        if self.hits.len() >= self.k {
            self.hits.last().map(|h| h.score)
        } else {
            None
        }
    }

    #[inline]
    pub fn admits(&self, h: &Hit) -> bool {
        self.k > 0
            && (self.hits.len() < self.k || self.hits.last().is_some_and(|w| h.better_than(w)))
    }

    pub fn offer(&mut self, h: Hit) {
        if !self.admits(&h) {
            return;
        }
        let at = self.hits.partition_point(|x| x.better_than(&h));
        self.hits.insert(at, h);
        self.hits.truncate(self.k);
    }

    pub fn into_hits(self) -> Vec<Hit> {
        self.hits
    }
}

impl CandidateIndex {
    /// Builds the index of `kind` from `candidates`. `config` fixes the weights and travel
    /// limits used by every query; `vocab` names codes in explanations.
    pub fn build(
        kind: CandidateKind,
        candidates: Vec<CandidateProfile>,
        config: MatchConfig,
        vocab: Vocabularies,
    ) -> Result<Self, IndexError> {
        if config.weights.validate().is_err() {
            return Err(IndexError::InvalidWeights);
        }
        if !config.travel.is_valid() {
            return Err(IndexError::InvalidTravelLimits);
        }
        let mut seen = HashMap::with_capacity(candidates.len());
        for c in &candidates {
            if c.kind != kind {
                return Err(IndexError::WrongKind { id: c.id });
            }
            if seen.insert(c.id, ()).is_some() {
                return Err(IndexError::DuplicateId { id: c.id });
            }
        }
        drop(seen);
        let points: Vec<[f64; 3]> = candidates.iter().map(|c| c.location.to_xyz()).collect();
        let keys: Vec<u64> = candidates
            .iter()
            .map(|c| c.skills.bits().rotate_left(8) | u64::from(c.specialties.bits()))
            .collect();
        let (mut tree, order) = tree::build(&points, &keys);
        let mut slots: Vec<Option<CandidateProfile>> = candidates.into_iter().map(Some).collect();
        let mut cands = Vec::with_capacity(order.len());
        let mut xyz = Vec::with_capacity(order.len());
        for &i in &order {
            if let Some(c) = slots.get_mut(i as usize).and_then(Option::take) {
                xyz.push(points[i as usize]);
                cands.push(c);
            }
        }
        tree.summarise(&cands, &xyz, &|slot| slot);
        let facets = facets::build(&cands, &xyz);
        let cols = columns::Columns::new(&cands);
        let pos_of_id = cands
            .iter()
            .enumerate()
            .map(|(p, c)| (c.id, p as u32))
            .collect();
        Ok(Self {
            kind,
            config,
            vocab,
            tree,
            cands,
            cols,
            facets,
            pos_of_id,
        })
    }

    /// The kind of candidates indexed.
    pub fn kind(&self) -> CandidateKind {
        self.kind
    }

    /// Number of candidates.
    pub fn len(&self) -> usize {
        self.cands.len()
    }

    /// Whether the index is empty.
    pub fn is_empty(&self) -> bool {
        self.cands.is_empty()
    }

    /// The configuration used by queries.
    pub fn config(&self) -> &MatchConfig {
        &self.config
    }

    /// The vocabularies used for explanations.
    pub fn vocabularies(&self) -> &Vocabularies {
        &self.vocab
    }

    /// The candidate with this id.
    pub fn get(&self, id: i64) -> Option<&CandidateProfile> {
        self.pos_of_id.get(&id).map(|p| &self.cands[*p as usize])
    }

    /// All candidates, in the index's internal order.
    pub fn candidates(&self) -> &[CandidateProfile] {
        &self.cands
    }

    /// Approximate memory held by the index, in bytes (struct arrays, tree, id map).
    pub fn memory_bytes(&self) -> usize {
        let map = self.pos_of_id.capacity() * (std::mem::size_of::<(i64, u32)>() + 1);
        std::mem::size_of::<Self>()
            + self.cands.capacity() * std::mem::size_of::<CandidateProfile>()
            + self.cols.heap_bytes()
            + self.facets.heap_bytes()
            + self.tree.heap_bytes()
            + map
            + self.vocab.languages.heap_bytes()
            + self.vocab.skills.heap_bytes()
            + self.vocab.work_kinds.heap_bytes()
    }

    /// The `k` best-scored feasible candidates for `client`, best first, explained.
    /// `free_places(id)` gives each candidate's current free capacity (0 excludes it).
    pub fn top_k(
        &self,
        client: &ClientProfile,
        k: usize,
        free_places: impl Fn(i64) -> u32,
    ) -> Vec<Suggestion> {
        let q = ClientQuery::new(client, &self.config);
        self.top_hits(&q, k, &|pos| free_places(self.cands[pos as usize].id) > 0)
            .into_iter()
            .map(|h| {
                let c = &self.cands[h.pos as usize];
                suggestion(
                    &q,
                    c,
                    &features_of_feasible(&q, c, h.distance_m),
                    &self.vocab,
                )
            })
            .collect()
    }

    /// Like [`CandidateIndex::top_k`] without explanations: `(id, score)` pairs, best
    /// first.
    pub fn top_ids(
        &self,
        client: &ClientProfile,
        k: usize,
        free_places: impl Fn(i64) -> u32,
    ) -> Vec<(i64, f64)> {
        let q = ClientQuery::new(client, &self.config);
        self.top_hits(&q, k, &|pos| free_places(self.cands[pos as usize].id) > 0)
            .into_iter()
            .map(|h| (h.id, h.score))
            .collect()
    }

    /// Why `candidate_id` is or is not a match for `client`: the explained suggestion, or
    /// every failed constraint ([`Exclusion::UnknownCandidate`] alone if the id is not in
    /// this index).
    pub fn explain(
        &self,
        client: &ClientProfile,
        candidate_id: i64,
        free_places: u32,
    ) -> Result<Suggestion, Vec<Exclusion>> {
        let Some(&pos) = self.pos_of_id.get(&candidate_id) else {
            return Err(vec![Exclusion::UnknownCandidate]);
        };
        let q = ClientQuery::new(client, &self.config);
        let (c, trig) = (
            &self.cands[pos as usize],
            &self.cols.place[pos as usize].trig,
        );
        let f = evaluate_query(&q, c, trig, free_places, &self.vocab)?;
        Ok(suggestion(&q, c, &f, &self.vocab))
    }

    /// Positions of the client's previous helpers present in this index.
    pub(super) fn previous_positions(&self, q: &ClientQuery<'_>) -> Vec<u32> {
        q.client
            .previous_helpers
            .iter()
            .filter_map(|id| self.pos_of_id.get(id).copied())
            .collect()
    }

    /// Scores the candidate at `pos` if feasible (capacity aside).
    #[inline]
    pub(super) fn feasible_at(
        &self,
        q: &ClientQuery<'_>,
        pos: u32,
    ) -> Option<(ScoreComponents, Hit)> {
        let p = pos as usize;
        let id = self.cols.place[p].id;
        let packed = self.cols.packed(p, self.kind);
        let (comp, d) = q.feasible(
            id,
            &packed,
            &self.cands[p].location,
            &self.cols.place[p].trig,
        )?;
        let score = comp.score(&q.weights);
        Some((
            comp,
            Hit {
                pos,
                id,
                score,
                distance_m: d,
            },
        ))
    }
}

#[cfg(test)]
mod tests;
