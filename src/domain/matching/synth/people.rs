//! Random profiles.

use rand::RngExt;
use rand::rngs::StdRng;

use super::super::area::Area;
use super::super::availability::{Weekday, WeeklyAvailability};
use super::super::location::LatLon;
use super::super::profile::{
    CandidateKind, CandidateProfile, ClientProfile, RiskFlag, RiskFlags, SiteFlag, SiteFlags,
};
use super::super::tags::{Need, NeedSet, TagSet, Vocabularies};
use super::cities::{CITIES, LANGUAGES, SKILLS, WORK_KINDS};
use super::{MENTOR_ID_BASE, PSYCHOLOGIST_ID_BASE, SITE_ID_BASE, Sizes};

/// Proportions used by the generator.
#[derive(Debug, Clone, PartialEq)]
pub struct Mix {
    /// Spread people over the national city list (true) or one compact region (false).
    pub national: bool,
    /// Share of people placed far from the city centre (3× the spread).
    pub rural: f64,
    /// Clients under a driving ban.
    pub driving_ban: f64,
    /// Clients with a personal travel cap (3–15 km).
    pub personal_limit: f64,
    /// Clients with at least one risk flag.
    pub risk: f64,
    /// Clients barred from one kind of work.
    pub barred: f64,
    /// Clients with a permitted area.
    pub permitted: f64,
    /// Clients with exclusion zones.
    pub exclusion: f64,
    /// Exclusion zone size multiplier.
    pub zone_scale: f64,
    /// Clients with a previous helper.
    pub previous: f64,
    /// Inactive candidates.
    pub inactive: f64,
    /// Psychologists working remotely.
    pub remote: f64,
    /// Multiplier on site-flag probabilities.
    pub flag_scale: f64,
}

impl Mix {
    /// Shares close to what the brief describes for a national service.
    pub fn realistic() -> Self {
        Self {
            national: true,
            rural: 0.15,
            driving_ban: 0.10,
            personal_limit: 0.20,
            risk: 0.12,
            barred: 0.05,
            permitted: 0.05,
            exclusion: 0.05,
            zone_scale: 1.0,
            previous: 0.05,
            inactive: 0.07,
            remote: 0.30,
            flag_scale: 1.0,
        }
    }

    /// Many restrictions in a compact region, to exercise every constraint in tests.
    pub fn stress() -> Self {
        Self {
            national: false,
            rural: 0.3,
            driving_ban: 0.3,
            personal_limit: 0.4,
            risk: 0.4,
            barred: 0.3,
            permitted: 0.3,
            exclusion: 0.3,
            zone_scale: 4.0,
            previous: 0.4,
            inactive: 0.2,
            remote: 0.4,
            flag_scale: 2.0,
        }
    }
}

pub(super) struct Generator {
    mix: Mix,
    pub(super) vocab: Vocabularies,
    total_weight: f64,
}

pub(super) fn gauss(rng: &mut StdRng) -> (f64, f64) {
    let u1 = 1.0 - rng.random::<f64>();
    let u2 = rng.random::<f64>();
    let r = (-2.0 * u1.ln()).sqrt();
    let t = std::f64::consts::TAU * u2;
    (r * t.cos(), r * t.sin())
}

/// The point `dx_km` east and `dy_km` north of (lat, lon), clamped to valid ranges.
pub(super) fn offset(lat: f64, lon: f64, dx_km: f64, dy_km: f64) -> LatLon {
    let nlat = (lat + dy_km / 111.32).clamp(-89.0, 89.0);
    LatLon::clamped(nlat, lon + dx_km / (111.32 * nlat.to_radians().cos()))
}

impl Generator {
    pub fn new(mix: Mix) -> Self {
        let mut vocab = Vocabularies::default();
        for (l, _) in LANGUAGES {
            let _ = vocab.languages.intern(l);
        }
        for s in SKILLS {
            let _ = vocab.skills.intern(s);
        }
        for k in WORK_KINDS {
            let _ = vocab.work_kinds.intern(k);
        }
        let total_weight = CITIES.iter().map(|c| c.weight).sum();
        Self {
            mix,
            vocab,
            total_weight,
        }
    }

    pub fn into_vocab(self) -> Vocabularies {
        self.vocab
    }

    fn place(&self, rng: &mut StdRng) -> LatLon {
        let (lat, lon, sigma) = if self.mix.national {
            let mut pick = rng.random::<f64>() * self.total_weight;
            let mut chosen = &CITIES[0];
            for c in CITIES {
                chosen = c;
                if pick < c.weight {
                    break;
                }
                pick -= c.weight;
            }
            (chosen.lat, chosen.lon, chosen.sigma_km)
        } else {
            (40.4093, 49.8671, 8.0)
        };
        let sigma = if rng.random_bool(self.mix.rural) {
            sigma * 3.0
        } else {
            sigma
        };
        let (dx, dy) = gauss(rng);
        offset(lat, lon, dx * sigma, dy * sigma)
    }

    fn tags(&self, rng: &mut StdRng, vocab_len: usize, min: usize, max: usize) -> TagSet {
        let n = rng.random_range(min..=max);
        let mut ids: Vec<usize> = Vec::new();
        while ids.len() < n.min(vocab_len) {
            let i = rng.random_range(0..vocab_len);
            if !ids.contains(&i) {
                ids.push(i);
            }
        }
        ids.into_iter()
            .filter_map(|i| self.vocab.skills.get(SKILLS.get(i).copied().unwrap_or("")))
            .collect()
    }

    fn skills(&self, rng: &mut StdRng, min: usize, max: usize) -> TagSet {
        self.tags(rng, SKILLS.len(), min, max)
    }

    fn work_kinds(&self, rng: &mut StdRng, n: usize) -> TagSet {
        (0..n)
            .filter_map(|_| {
                let k = WORK_KINDS[rng.random_range(0..WORK_KINDS.len())];
                self.vocab.work_kinds.get(k)
            })
            .collect()
    }

    /// Languages with the given probabilities (scaled from the client shares).
    fn languages(&self, rng: &mut StdRng, probs: &[f64]) -> TagSet {
        let mut set = TagSet::EMPTY;
        for ((code, _), p) in LANGUAGES.iter().zip(probs) {
            if rng.random_bool(*p)
                && let Some(t) = self.vocab.languages.get(code)
            {
                set.insert(t);
            }
        }
        if set.is_empty()
            && let Some(t) = self.vocab.languages.get("az")
        {
            set.insert(t);
        }
        set
    }

    pub(super) fn availability(
        rng: &mut StdRng,
        windows: &[(std::ops::Range<usize>, u32, u32)],
    ) -> WeeklyAvailability {
        let mut a = WeeklyAvailability::EMPTY;
        for (days, start_h, end_h) in windows {
            for d in days.clone() {
                if rng.random_bool(0.85) {
                    let s = start_h * 60 + 30 * rng.random_range(0..2);
                    let _ = a.add_window(Weekday::ALL[d], s, end_h * 60);
                }
            }
        }
        if a.is_empty() {
            let _ = a.add_window(Weekday::Mon, 10 * 60, 12 * 60);
        }
        a
    }

    pub(super) fn client_availability(rng: &mut StdRng) -> WeeklyAvailability {
        match rng.random_range(0..100) {
            0..45 => Self::availability(rng, &[(0..5, 9, 17)]),
            45..80 => Self::availability(rng, &[(0..5, 18, 21), (5..6, 10, 16)]),
            80..90 => Self::availability(rng, &[(0..5, 14, 19)]),
            _ => {
                let mut w = Vec::new();
                for _ in 0..3 {
                    let d = rng.random_range(0..7);
                    let s = rng.random_range(6..16);
                    w.push((d..d + 1, s, s + rng.random_range(4..9)));
                }
                Self::availability(rng, &w)
            }
        }
    }

    pub fn candidate(
        &mut self,
        rng: &mut StdRng,
        kind: CandidateKind,
        id: i64,
    ) -> CandidateProfile {
        let location = self.place(rng);
        let active = !rng.random_bool(self.mix.inactive);
        let f = self.mix.flag_scale;
        let (langs, availability) = match kind {
            CandidateKind::Site => (
                [0.97, 0.4, 0.1, 0.05, 0.02, 0.02],
                match rng.random_range(0..100) {
                    0..70 => Self::availability(rng, &[(0..5, 9, 17)]),
                    70..85 => Self::availability(rng, &[(0..6, 9, 17)]),
                    85..95 => Self::availability(rng, &[(0..7, 8, 20)]),
                    _ => Self::availability(rng, &[(0..5, 17, 21)]),
                },
            ),
            CandidateKind::Mentor => (
                [0.9, 0.45, 0.25, 0.05, 0.02, 0.02],
                match rng.random_range(0..100) {
                    0..60 => Self::availability(rng, &[(0..5, 18, 21), (5..7, 10, 18)]),
                    60..85 => Self::availability(rng, &[(5..7, 9, 19)]),
                    _ => Self::availability(rng, &[(0..5, 9, 21)]),
                },
            ),
            CandidateKind::Psychologist => (
                [0.95, 0.6, 0.3, 0.05, 0.02, 0.02],
                match rng.random_range(0..100) {
                    0..75 => Self::availability(rng, &[(0..5, 9, 18)]),
                    _ => Self::availability(rng, &[(0..5, 9, 20), (5..6, 10, 14)]),
                },
            ),
        };
        let mut c = CandidateProfile {
            id,
            kind,
            location,
            active,
            travel_radius_km: None,
            languages: self.languages(rng, &langs),
            availability,
            skills: TagSet::EMPTY,
            work_kinds: TagSet::EMPTY,
            site_flags: SiteFlags::NONE,
            specialties: NeedSet::EMPTY,
            remote: false,
        };
        match kind {
            CandidateKind::Site => {
                c.skills = self.skills(rng, 1, 3);
                let n = rng.random_range(1..=2);
                c.work_kinds = self.work_kinds(rng, n);
                for (flag, p) in [
                    (SiteFlag::ChildrenPresent, 0.15),
                    (SiteFlag::VulnerableAdultsPresent, 0.15),
                    (SiteFlag::LoneWorking, 0.10),
                    (SiteFlag::HeavyPhysicalWork, 0.20),
                    (SiteFlag::NeedsDriving, 0.08),
                ] {
                    if rng.random_bool((p * f).min(1.0)) {
                        c.site_flags.insert(flag);
                    }
                }
            }
            CandidateKind::Mentor => {
                c.skills = self.skills(rng, 1, 4);
                let max = if self.mix.national { 25.0 } else { 15.0 };
                c.travel_radius_km = Some(rng.random_range(2.0..max));
            }
            CandidateKind::Psychologist => {
                let weights = [0.35, 0.2, 0.25, 0.7, 0.8, 0.6, 0.25, 0.3];
                for (need, p) in Need::ALL.into_iter().zip(weights) {
                    if rng.random_bool(p) {
                        c.specialties.insert(need);
                    }
                }
                if c.specialties.is_empty() {
                    c.specialties.insert(Need::MentalHealth);
                }
                c.remote = rng.random_bool(self.mix.remote);
            }
        }
        c
    }

    pub fn capacity(&self, rng: &mut StdRng, kind: CandidateKind) -> u32 {
        match kind {
            CandidateKind::Site => 1 + (rng.random::<f64>().powi(2) * 10.0) as u32 % 10,
            CandidateKind::Mentor => rng.random_range(1..=3),
            CandidateKind::Psychologist => rng.random_range(5..=30),
        }
    }

    fn circle_near(
        &self,
        rng: &mut StdRng,
        home: &LatLon,
        dist_km: (f64, f64),
        radius_km: (f64, f64),
    ) -> Option<Area> {
        let d = rng.random_range(dist_km.0..dist_km.1);
        let t = rng.random_range(0.0..std::f64::consts::TAU);
        let centre = offset(home.lat(), home.lon(), d * t.cos(), d * t.sin());
        Area::circle(centre, 1000.0 * rng.random_range(radius_km.0..radius_km.1)).ok()
    }

    /// A star-shaped polygon (vertices at increasing angles) around `centre`.
    fn polygon_around(&self, rng: &mut StdRng, centre: &LatLon, r_km: (f64, f64)) -> Option<Area> {
        let n = rng.random_range(5..9);
        let mut ring: Vec<(f64, f64)> = (0..n)
            .map(|i| {
                let t = std::f64::consts::TAU * (i as f64 + rng.random_range(0.0..0.6)) / n as f64;
                let r = rng.random_range(r_km.0..r_km.1);
                let p = offset(centre.lat(), centre.lon(), r * t.cos(), r * t.sin());
                (p.lon(), p.lat())
            })
            .collect();
        ring.push(ring[0]);
        Area::polygon(geo::Polygon::new(ring.into(), vec![])).ok()
    }

    pub fn client(&mut self, rng: &mut StdRng, id: i64, sizes: &Sizes) -> ClientProfile {
        let location = self.place(rng);
        let languages = self.languages(rng, &LANGUAGES.iter().map(|(_, p)| *p).collect::<Vec<_>>());
        let az = self.vocab.languages.get("az");
        let primary = match az {
            Some(a) if languages.contains(a) && rng.random_bool(0.85) => Some(a),
            _ => languages.iter().last(),
        };
        let m = self.mix.clone();
        let mut risk = RiskFlags::NONE;
        if rng.random_bool(m.risk) {
            let flags = RiskFlag::ALL;
            let weights = [0.5, 0.3, 0.25, 0.15];
            for (f, p) in flags.into_iter().zip(weights) {
                if rng.random_bool(p) {
                    risk.insert(f);
                }
            }
            if risk == RiskFlags::NONE {
                risk.insert(RiskFlag::NoWorkWithChildren);
            }
        }
        let permitted_areas: Vec<Area> = if rng.random_bool(m.permitted) {
            if rng.random_bool(0.6) {
                self.circle_near(rng, &location, (0.0, 1.0), (3.0, 20.0))
            } else {
                self.polygon_around(rng, &location, (4.0, 15.0))
            }
            .into_iter()
            .collect()
        } else {
            Vec::new()
        };
        let mut exclusion_zones = Vec::new();
        if rng.random_bool(m.exclusion) {
            for _ in 0..rng.random_range(1..=2) {
                let s = m.zone_scale;
                let zone = if rng.random_bool(0.7) {
                    self.circle_near(rng, &location, (0.5, 8.0), (0.3 * s, 2.0 * s))
                } else {
                    let c = offset(
                        location.lat(),
                        location.lon(),
                        rng.random_range(-5.0..5.0),
                        rng.random_range(-5.0..5.0),
                    );
                    self.polygon_around(rng, &c, (0.5 * s, 1.5 * s))
                };
                exclusion_zones.extend(zone);
            }
        }
        let mut needs = NeedSet::EMPTY;
        for (need, p) in Need::ALL
            .into_iter()
            .zip([0.5, 0.2, 0.15, 0.2, 0.2, 0.2, 0.15, 0.3])
        {
            if rng.random_bool(p) {
                needs.insert(need);
            }
        }
        if needs.is_empty() {
            needs.insert(Need::Employment);
        }
        let mut previous_helpers = Vec::new();
        if rng.random_bool(m.previous) {
            for (n, base) in [
                (sizes.sites, SITE_ID_BASE),
                (sizes.mentors, MENTOR_ID_BASE),
                (sizes.psychologists, PSYCHOLOGIST_ID_BASE),
            ] {
                if n > 0 && rng.random_bool(0.6) {
                    previous_helpers.push(base + rng.random_range(0..n) as i64);
                }
            }
        }
        ClientProfile {
            id,
            location,
            may_drive: !rng.random_bool(m.driving_ban),
            max_travel_km: rng
                .random_bool(m.personal_limit)
                .then(|| rng.random_range(3.0..15.0)),
            permitted_areas,
            exclusion_zones,
            risk,
            barred_work: if rng.random_bool(m.barred) {
                self.work_kinds(rng, 1)
            } else {
                TagSet::EMPTY
            },
            languages,
            primary_language: primary,
            needs,
            skills: self.skills(rng, 1, 4),
            availability: Self::client_availability(rng),
            previous_helpers,
        }
    }
}
