//! Client data prepared once per query, and the candidate attributes the searches test.
//!
//! Every path that decides feasibility or computes a score without explaining it (the
//! index searches, [`pair_cost`](super::filter::pair_cost), batch pricing) goes through
//! [`ClientQuery`], so all of them compute bit-identical scores.

use super::availability::WeeklyAvailability;
use super::location::{LatLon, Trig};
use super::profile::{CandidateKind, CandidateProfile, ClientProfile, SiteFlag, SiteFlags};
use super::score::{MatchConfig, ScoreComponents, Weights};
use super::tags::{NeedSet, TagSet};

/// The attributes of a candidate that the search tests for every candidate it touches,
/// packed into 88 bytes so that a scan reads as little memory as possible.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Packed {
    pub avail: WeeklyAvailability,
    pub skills: TagSet,
    pub langs: TagSet,
    pub work: TagSet,
    /// The candidate's own radius; infinite when unlimited.
    pub radius_m: f64,
    pub flags: SiteFlags,
    pub spec: NeedSet,
    pub kind: CandidateKind,
    pub active: bool,
    pub location_bound: bool,
}

impl Packed {
    pub fn of(c: &CandidateProfile) -> Self {
        Self {
            avail: c.availability,
            skills: c.skills,
            langs: c.languages,
            work: c.work_kinds,
            radius_m: c.radius_m(),
            flags: c.site_flags,
            spec: c.specialties,
            kind: c.kind,
            active: c.active,
            location_bound: c.location_bound(),
        }
    }
}

/// Client data prepared once per query.
#[derive(Debug, Clone)]
pub(super) struct ClientQuery<'a> {
    pub client: &'a ClientProfile,
    pub weights: Weights,
    pub trig: Trig,
    pub xyz: [f64; 3],
    pub limit_m: f64,
    /// Site flags that exclude a candidate.
    pub clash: SiteFlags,
    /// 1 / target slots.
    inv_target: f64,
    /// The best possible score without distance and continuity.
    pub rest_max: f64,
    /// 1 / number of client skills (0 without skills).
    inv_skills: f64,
    /// 1 / number of client needs (0 without needs).
    inv_needs: f64,
}

fn inverse(n: u32) -> f64 {
    if n == 0 { 0.0 } else { 1.0 / f64::from(n) }
}

impl<'a> ClientQuery<'a> {
    pub fn new(client: &'a ClientProfile, config: &MatchConfig) -> Self {
        let mut clash = client.risk.clash_mask();
        if !client.may_drive {
            clash.insert(SiteFlag::NeedsDriving);
        }
        Self {
            client,
            weights: config.weights,
            trig: client.location.trig(),
            xyz: client.location.to_xyz(),
            limit_m: client.travel_limit_m(&config.travel),
            clash,
            inv_target: 1.0 / config.weights.target_slots(),
            rest_max: config.weights.skills + config.weights.availability + config.weights.language,
            inv_skills: inverse(client.skills.len()),
            inv_needs: inverse(client.needs.len()),
        }
    }

    /// Skills component given the candidate's skill set / specialties.
    #[inline]
    pub fn skills_component(&self, kind: CandidateKind, skills: TagSet, spec: NeedSet) -> f64 {
        let c = self.client;
        if kind == CandidateKind::Psychologist {
            f64::from(c.needs.intersection(spec).len()) * self.inv_needs
        } else {
            f64::from(c.skills.intersection(skills).len()) * self.inv_skills
        }
    }

    #[inline]
    pub fn availability_component(&self, shared_slots: u32) -> f64 {
        (f64::from(shared_slots) * self.inv_target).min(1.0)
    }

    #[inline]
    pub fn language_component(&self, langs: TagSet) -> f64 {
        let shared = self.client.languages.intersection(langs);
        if shared.is_empty() {
            0.0
        } else {
            match self.client.primary_language {
                Some(p) if !shared.contains(p) => 0.5,
                _ => 1.0,
            }
        }
    }

    #[inline]
    pub fn continuity(&self, id: i64) -> bool {
        !self.client.previous_helpers.is_empty() && self.client.previous_helpers.contains(&id)
    }

    /// The score components except distance (which is left at 0).
    #[inline]
    pub fn components_without_distance(&self, c: &Packed, id: i64) -> ScoreComponents {
        ScoreComponents {
            distance: 0.0,
            skills: self.skills_component(c.kind, c.skills, c.spec),
            availability: self
                .availability_component(self.client.availability.overlap_slots(&c.avail)),
            language: self.language_component(c.langs),
            continuity: if self.continuity(id) { 1.0 } else { 0.0 },
        }
    }

    /// The constraints that need no geometry, cheapest first: true if all pass.
    #[inline]
    pub fn static_ok(&self, c: &Packed) -> bool {
        let cl = self.client;
        c.active
            && c.flags.intersection(self.clash).is_empty()
            && cl.languages.intersects(c.langs)
            && !cl.barred_work.intersects(c.work)
            && cl.availability.overlaps(&c.avail)
            && !(c.kind == CandidateKind::Psychologist
                && !cl.needs.is_empty()
                && cl.needs.intersection(c.spec).is_empty())
    }

    /// Distance rules for a candidate at `d_m` metres: true if they pass.
    #[inline]
    pub fn distance_ok(&self, c: &Packed, d_m: f64) -> bool {
        !c.location_bound || (d_m <= self.limit_m && d_m <= c.radius_m)
    }

    /// Area rules at the candidate's location: true if they pass.
    #[inline]
    pub fn areas_ok(&self, location_bound: bool, at: &LatLon, trig: &Trig) -> bool {
        if !location_bound {
            return true;
        }
        let cl = self.client;
        if cl
            .permitted_areas
            .iter()
            .any(|a| !a.contains_trig(at, trig))
        {
            return false;
        }
        !cl.exclusion_zones.iter().any(|z| z.contains_trig(at, trig))
    }

    /// All constraints except capacity, without explanations: the components and the
    /// distance if feasible.
    pub fn feasible(
        &self,
        id: i64,
        c: &Packed,
        at: &LatLon,
        trig: &Trig,
    ) -> Option<(ScoreComponents, f64)> {
        if !self.static_ok(c) {
            return None;
        }
        let d = self.trig.distance_m(trig);
        if !self.distance_ok(c, d) || !self.areas_ok(c.location_bound, at, trig) {
            return None;
        }
        let mut comp = self.components_without_distance(c, id);
        comp.distance = self.weights.distance_component(d);
        Some((comp, d))
    }
}
