//! A seeded, deterministic synthetic national data set shaped like Azerbaijan:
//! people and places cluster around real city centres (Baku carries the most weight),
//! with realistic shares of languages, skills, availability patterns, risk flags,
//! driving bans, permitted areas and exclusion zones.
//!
//! Ids are unique across kinds (sites from 1, mentors from 1,000,000, psychologists from
//! 2,000,000, clients from 1), so a client's previous helpers can be of any kind.
//! The same seed and sizes always give the same data with the same `rand` version.

mod cities;
mod dense;
mod people;

use rand::SeedableRng;
use rand::rngs::StdRng;

use super::profile::{CandidateKind, CandidateProfile, ClientProfile};
use super::tags::Vocabularies;

pub use people::Mix;

/// Sizes of a data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    /// Clients.
    pub clients: usize,
    /// Volunteer mentors.
    pub mentors: usize,
    /// Community-service sites.
    pub sites: usize,
    /// Psychologists and social workers.
    pub psychologists: usize,
}

impl Sizes {
    /// The national scale: 250,000 clients, 50,000 mentors, 20,000 sites, 2,000
    /// psychologists.
    pub const NATIONAL: Sizes = Sizes {
        clients: 250_000,
        mentors: 50_000,
        sites: 20_000,
        psychologists: 2_000,
    };
}

/// A generated data set. `*_capacity[i]` is the free capacity of `*[i]`.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// Codes used by all profiles.
    pub vocab: Vocabularies,
    /// Clients.
    pub clients: Vec<ClientProfile>,
    /// Sites.
    pub sites: Vec<CandidateProfile>,
    /// Free places per site (1–10).
    pub site_capacity: Vec<u32>,
    /// Mentors.
    pub mentors: Vec<CandidateProfile>,
    /// Free mentee places per mentor (1–3).
    pub mentor_capacity: Vec<u32>,
    /// Psychologists.
    pub psychologists: Vec<CandidateProfile>,
    /// Free caseload per psychologist (5–30).
    pub psychologist_capacity: Vec<u32>,
}

/// First id of each kind.
pub const SITE_ID_BASE: i64 = 1;
/// First mentor id.
pub const MENTOR_ID_BASE: i64 = 1_000_000;
/// First psychologist id.
pub const PSYCHOLOGIST_ID_BASE: i64 = 2_000_000;

impl Dataset {
    /// The candidates of one kind and their capacities.
    pub fn of_kind(&self, kind: CandidateKind) -> (&[CandidateProfile], &[u32]) {
        match kind {
            CandidateKind::Site => (&self.sites, &self.site_capacity),
            CandidateKind::Mentor => (&self.mentors, &self.mentor_capacity),
            CandidateKind::Psychologist => (&self.psychologists, &self.psychologist_capacity),
        }
    }

    /// Free capacity of a candidate by id (0 if unknown).
    pub fn capacity_of(&self, id: i64) -> u32 {
        let (base, caps) = if id >= PSYCHOLOGIST_ID_BASE {
            (PSYCHOLOGIST_ID_BASE, &self.psychologist_capacity)
        } else if id >= MENTOR_ID_BASE {
            (MENTOR_ID_BASE, &self.mentor_capacity)
        } else {
            (SITE_ID_BASE, &self.site_capacity)
        };
        usize::try_from(id - base)
            .ok()
            .and_then(|i| caps.get(i).copied())
            .unwrap_or(0)
    }
}

/// The population centres people and places cluster around: (name, latitude, longitude).
pub fn centres() -> Vec<(&'static str, f64, f64)> {
    cities::CITIES
        .iter()
        .map(|c| (c.name, c.lat, c.lon))
        .collect()
}

/// Generates a data set of the given sizes with the realistic [`Mix`].
pub fn generate(seed: u64, sizes: Sizes) -> Dataset {
    generate_with(seed, sizes, &Mix::realistic())
}

/// Generates a data set with explicit proportions.
pub fn generate_with(seed: u64, sizes: Sizes, mix: &Mix) -> Dataset {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut g = people::Generator::new(mix.clone());
    let sites: Vec<_> = (0..sizes.sites)
        .map(|i| g.candidate(&mut rng, CandidateKind::Site, SITE_ID_BASE + i as i64))
        .collect();
    let mentors: Vec<_> = (0..sizes.mentors)
        .map(|i| g.candidate(&mut rng, CandidateKind::Mentor, MENTOR_ID_BASE + i as i64))
        .collect();
    let psychologists: Vec<_> = (0..sizes.psychologists)
        .map(|i| {
            g.candidate(
                &mut rng,
                CandidateKind::Psychologist,
                PSYCHOLOGIST_ID_BASE + i as i64,
            )
        })
        .collect();
    let site_capacity = (0..sizes.sites)
        .map(|_| g.capacity(&mut rng, CandidateKind::Site))
        .collect();
    let mentor_capacity = (0..sizes.mentors)
        .map(|_| g.capacity(&mut rng, CandidateKind::Mentor))
        .collect();
    let psychologist_capacity = (0..sizes.psychologists)
        .map(|_| g.capacity(&mut rng, CandidateKind::Psychologist))
        .collect();
    let clients = (0..sizes.clients)
        .map(|i| g.client(&mut rng, 1 + i as i64, &sizes))
        .collect();
    Dataset {
        vocab: g.into_vocab(),
        clients,
        sites,
        site_capacity,
        mentors,
        mentor_capacity,
        psychologists,
        psychologist_capacity,
    }
}

/// A small test instance: `clients` clients and `candidates` candidates of one kind in a
/// compact region with [`Mix::stress`] proportions (many restrictions and edge cases).
pub fn small(seed: u64, clients: usize, candidates: usize, kind: CandidateKind) -> SmallData {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut g = people::Generator::new(Mix::stress());
    let base = match kind {
        CandidateKind::Site => SITE_ID_BASE,
        CandidateKind::Mentor => MENTOR_ID_BASE,
        CandidateKind::Psychologist => PSYCHOLOGIST_ID_BASE,
    };
    let cands: Vec<_> = (0..candidates)
        .map(|i| g.candidate(&mut rng, kind, base + i as i64))
        .collect();
    let capacity = (0..candidates)
        .map(|_| g.capacity(&mut rng, kind).min(4))
        .collect();
    let sizes = Sizes {
        clients,
        mentors: if kind == CandidateKind::Mentor {
            candidates
        } else {
            0
        },
        sites: if kind == CandidateKind::Site {
            candidates
        } else {
            0
        },
        psychologists: if kind == CandidateKind::Psychologist {
            candidates
        } else {
            0
        },
    };
    let clients = (0..clients)
        .map(|i| g.client(&mut rng, 1 + i as i64, &sizes))
        .collect();
    SmallData {
        vocab: g.into_vocab(),
        clients,
        candidates: cands,
        capacity,
    }
}

/// A small single-kind instance (see [`small`]).
#[derive(Debug, Clone)]
pub struct SmallData {
    /// Codes.
    pub vocab: Vocabularies,
    /// Clients.
    pub clients: Vec<ClientProfile>,
    /// Candidates of one kind.
    pub candidates: Vec<CandidateProfile>,
    /// Free places per candidate.
    pub capacity: Vec<u32>,
}

/// `n` clients and `n` single-place sites around Baku in which every pair is feasible
/// (everyone speaks Azerbaijani, shares weekday mornings, no restrictions), for dense
/// assignment benchmarks.
pub fn dense(seed: u64, n: usize) -> SmallData {
    let mut rng = StdRng::seed_from_u64(seed);
    let mut g = people::Generator::new(Mix::realistic());
    let cands = (0..n)
        .map(|i| g.dense_candidate(&mut rng, SITE_ID_BASE + i as i64))
        .collect();
    let clients = (0..n)
        .map(|i| g.dense_client(&mut rng, 1 + i as i64))
        .collect();
    SmallData {
        vocab: g.into_vocab(),
        clients,
        candidates: cands,
        capacity: vec![1; n],
    }
}

#[cfg(test)]
mod tests {
    use super::super::filter::pair_cost;
    use super::super::score::MatchConfig;
    use super::*;

    #[test]
    fn deterministic_and_shaped() {
        let sizes = Sizes {
            clients: 3000,
            mentors: 500,
            sites: 400,
            psychologists: 50,
        };
        let a = generate(7, sizes);
        let b = generate(7, sizes);
        assert_eq!(a.clients, b.clients);
        assert_eq!(a.sites, b.sites);
        let n = a.clients.len() as f64;
        let share = |f: &dyn Fn(&ClientProfile) -> bool| {
            a.clients.iter().filter(|c| f(c)).count() as f64 / n
        };
        let near_baku = share(&|c| {
            super::super::location::haversine_m(
                &c.location,
                &super::super::location::LatLon::new(40.4093, 49.8671).unwrap(),
            ) < 40_000.0
        });
        assert!((0.35..0.6).contains(&near_baku), "{near_baku}");
        let banned = share(&|c| !c.may_drive);
        assert!((0.07..0.13).contains(&banned), "{banned}");
        let risky = share(&|c| c.risk != super::super::profile::RiskFlags::NONE);
        assert!((0.08..0.18).contains(&risky), "{risky}");
        let permitted = share(&|c| !c.permitted_areas.is_empty());
        assert!((0.03..0.08).contains(&permitted), "{permitted}");
        let zones = share(&|c| !c.exclusion_zones.is_empty());
        assert!((0.03..0.08).contains(&zones), "{zones}");
        assert_eq!(a.capacity_of(MENTOR_ID_BASE), a.mentor_capacity[0]);
        assert_eq!(a.capacity_of(-5), 0);
    }

    #[test]
    fn dense_is_fully_feasible() {
        let d = dense(3, 40);
        let cfg = MatchConfig::default();
        for c in &d.clients {
            for s in &d.candidates {
                assert!(pair_cost(c, s, &cfg).is_some());
            }
        }
    }
}
