//! The dense benchmark instance: everyone around central Baku, every pair feasible.

use rand::rngs::StdRng;

use super::super::availability::{Weekday, WeeklyAvailability};
use super::super::location::LatLon;
use super::super::profile::{CandidateKind, CandidateProfile, ClientProfile, RiskFlags, SiteFlags};
use super::super::tags::TagSet;
use super::Sizes;
use super::people::{Generator, gauss, offset};

impl Generator {
    fn dense_place(rng: &mut StdRng) -> LatLon {
        let (dx, dy) = gauss(rng);
        let (dx, dy) = (dx * 3.0, dy * 3.0);
        let r = (dx * dx + dy * dy).sqrt();
        let s = if r > 8.0 { 8.0 / r } else { 1.0 };
        offset(40.4093, 49.8671, dx * s, dy * s)
    }

    pub fn dense_candidate(&mut self, rng: &mut StdRng, id: i64) -> CandidateProfile {
        let mut c = self.candidate(rng, CandidateKind::Site, id);
        c.location = Self::dense_place(rng);
        c.active = true;
        c.site_flags = SiteFlags::NONE;
        c.work_kinds = TagSet::EMPTY;
        c.languages = self.vocab.languages.get("az").into_iter().collect();
        let extra = Self::availability(rng, &[(0..7, 8, 20)]);
        c.availability =
            WeeklyAvailability::from_windows((0..5).map(|d| (Weekday::ALL[d], 9 * 60, 10 * 60)))
                .unwrap_or_default()
                .union(&extra.intersection(&Self::client_availability(rng)));
        c
    }

    pub fn dense_client(&mut self, rng: &mut StdRng, id: i64) -> ClientProfile {
        let sizes = Sizes {
            clients: 0,
            mentors: 0,
            sites: 0,
            psychologists: 0,
        };
        let mut c = self.client(rng, id, &sizes);
        c.location = Self::dense_place(rng);
        c.may_drive = true;
        c.max_travel_km = None;
        c.permitted_areas.clear();
        c.exclusion_zones.clear();
        c.risk = RiskFlags::NONE;
        c.barred_work = TagSet::EMPTY;
        c.languages = self.vocab.languages.get("az").into_iter().collect();
        c.primary_language = self.vocab.languages.get("az");
        c.availability = c.availability.union(
            &WeeklyAvailability::from_windows((0..5).map(|d| (Weekday::ALL[d], 9 * 60, 10 * 60)))
                .unwrap_or_default(),
        );
        c
    }
}
