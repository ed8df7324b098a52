//! Loading candidates (sites, mentors, psychologists) from the database into engine profiles,
//! with what the pages show about each (name, place, capacity).

use std::collections::HashMap;

use chrono::NaiveDate;
use sea_orm::ConnectionTrait;
use serde::Serialize;

use super::convert;
use crate::domain::matching::{
    CandidateKind, CandidateProfile, NeedSet, TagSet, Vocabularies, Vocabulary,
};
use crate::domain::volunteer::RoleSought;
use crate::domain::work::WorkKind;
use crate::error::AppError;
use crate::services::{professionals, sites, skills, volunteers};

/// What lists and maps show about a candidate.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct CandidateInfo {
    /// Id (of a site, volunteer or professional).
    pub id: i64,
    /// Name.
    pub name: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Settlement, when known.
    pub settlement: Option<String>,
    /// People at once (sites), mentees (mentors) or caseload (psychologists).
    pub capacity: u32,
    /// The weekly schedule or availability (for capacity by time slot).
    #[serde(skip)]
    pub schedule: crate::domain::matching::WeeklyAvailability,
}

/// Candidates of one kind, ready to index.
pub struct Loaded {
    /// Engine profiles.
    pub profiles: Vec<CandidateProfile>,
    /// Display data by id.
    pub info: HashMap<i64, CandidateInfo>,
}

/// The vocabularies of codes the engine interns (at most 64 codes each): every language
/// spoken by a candidate of any kind (most common first), every skill of the curated list,
/// every kind of work.
pub async fn vocabularies(
    db: &impl ConnectionTrait,
    languages: impl IntoIterator<Item = String>,
) -> Result<Vocabularies, AppError> {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for code in crate::domain::language::COMMON {
        counts.insert(code.to_owned(), usize::MAX / 2);
    }
    for code in languages {
        *counts.entry(code).or_default() += 1;
    }
    let mut by_use: Vec<(String, usize)> = counts.into_iter().collect();
    by_use.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut vocab = Vocabularies {
        languages: Vocabulary::new(),
        skills: Vocabulary::new(),
        work_kinds: Vocabulary::new(),
    };
    for (code, _) in by_use {
        // Rare languages beyond 64 cannot be matched on; everything else still works.
        let _ = vocab.languages.intern(&code);
    }
    for skill in skills::list(db, crate::i18n::Lang::En, true).await? {
        let _ = vocab.skills.intern(&skill.code);
    }
    for kind in WorkKind::ALL {
        let _ = vocab.work_kinds.intern(kind.as_str());
    }
    Ok(vocab)
}

fn tags<'a>(vocab: &Vocabulary, codes: impl IntoIterator<Item = &'a str>) -> TagSet {
    vocab.known_set_of(codes)
}

/// Every candidate record of every kind, as the services give them.
pub struct Records {
    sites: Vec<sites::SiteView>,
    mentors: Vec<volunteers::MatchableVolunteer>,
    psychologists: Vec<professionals::ProfessionalView>,
}

impl Records {
    /// Active sites, approved and matchable mentors, active professionals on `today`.
    pub async fn load(db: &impl ConnectionTrait, today: NaiveDate) -> Result<Records, AppError> {
        Ok(Records {
            sites: sites::active_on_date(db, today).await?,
            mentors: volunteers::matchable(db, today)
                .await?
                .into_iter()
                .filter(|v| v.roles.contains(&RoleSought::Mentor))
                .collect(),
            psychologists: professionals::active(db).await?,
        })
    }

    /// Every language code spoken by a candidate (with repeats, for ranking by use).
    pub fn languages(&self) -> impl Iterator<Item = String> + '_ {
        self.sites
            .iter()
            .flat_map(|s| s.languages.iter())
            .chain(self.mentors.iter().flat_map(|m| m.languages.iter()))
            .chain(self.psychologists.iter().flat_map(|p| p.languages.iter()))
            .cloned()
    }

    /// Profiles of the three kinds: (sites, mentors, psychologists).
    pub fn into_profiles(self, vocab: &Vocabularies) -> (Loaded, Loaded, Loaded) {
        (
            site_profiles(self.sites, vocab),
            mentor_profiles(self.mentors, vocab),
            psychologist_profiles(self.psychologists, vocab),
        )
    }
}

fn site_profiles(records: Vec<sites::SiteView>, vocab: &Vocabularies) -> Loaded {
    let mut loaded = Loaded {
        profiles: Vec::new(),
        info: HashMap::new(),
    };
    for site in records {
        let Some(location) = convert::point(&site.place.location) else {
            continue;
        };
        let schedule = convert::weekly(&site.schedule);
        loaded.profiles.push(CandidateProfile {
            id: site.id,
            kind: CandidateKind::Site,
            location,
            active: true,
            travel_radius_km: None,
            languages: tags(&vocab.languages, site.languages.iter().map(String::as_str)),
            availability: schedule,
            skills: tags(
                &vocab.skills,
                site.skills_taught
                    .iter()
                    .chain(site.skills_needed.iter())
                    .map(String::as_str),
            ),
            work_kinds: tags(
                &vocab.work_kinds,
                site.work_kinds.iter().map(|k| k.as_str()),
            ),
            site_flags: convert::site_flags(&site.flags),
            specialties: NeedSet::default(),
            remote: false,
        });
        loaded.info.insert(
            site.id,
            CandidateInfo {
                id: site.id,
                name: site.name,
                lat: site.place.location.lat,
                lon: site.place.location.lon,
                settlement: site.place.settlement,
                capacity: site.capacity.max(0) as u32,
                schedule,
            },
        );
    }
    loaded
}

fn mentor_profiles(records: Vec<volunteers::MatchableVolunteer>, vocab: &Vocabularies) -> Loaded {
    let mut loaded = Loaded {
        profiles: Vec::new(),
        info: HashMap::new(),
    };
    for v in records {
        let Some(location) = convert::point(&v.location) else {
            continue;
        };
        let availability = convert::weekly(&v.availability);
        loaded.profiles.push(CandidateProfile {
            id: v.id,
            kind: CandidateKind::Mentor,
            location,
            active: true,
            travel_radius_km: Some(f64::from(v.travel_km.max(0))),
            languages: tags(&vocab.languages, v.languages.iter().map(String::as_str)),
            availability,
            skills: tags(&vocab.skills, v.skills.iter().map(String::as_str)),
            work_kinds: TagSet::default(),
            site_flags: Default::default(),
            specialties: NeedSet::default(),
            remote: false,
        });
        loaded.info.insert(
            v.id,
            CandidateInfo {
                id: v.id,
                name: v.name,
                lat: v.location.lat,
                lon: v.location.lon,
                settlement: None,
                capacity: v.max_mentees.max(0) as u32,
                schedule: availability,
            },
        );
    }
    loaded
}

fn psychologist_profiles(
    records: Vec<professionals::ProfessionalView>,
    vocab: &Vocabularies,
) -> Loaded {
    let mut loaded = Loaded {
        profiles: Vec::new(),
        info: HashMap::new(),
    };
    for p in records {
        let Some(location) = convert::point(&p.place.location) else {
            continue;
        };
        let availability = convert::weekly(&p.availability);
        loaded.profiles.push(CandidateProfile {
            id: p.id,
            kind: CandidateKind::Psychologist,
            location,
            active: p.active,
            travel_radius_km: None,
            languages: tags(&vocab.languages, p.languages.iter().map(String::as_str)),
            availability,
            skills: TagSet::default(),
            work_kinds: TagSet::default(),
            site_flags: Default::default(),
            specialties: convert::needs_covered(p.kind, &p.specialties),
            remote: p.remote,
        });
        loaded.info.insert(
            p.id,
            CandidateInfo {
                id: p.id,
                name: p.name,
                lat: p.place.location.lat,
                lon: p.place.location.lon,
                settlement: p.place.settlement,
                capacity: p.caseload_capacity.max(0) as u32,
                schedule: availability,
            },
        );
    }
    loaded
}
