//! Builders shared by the unit tests.

use super::availability::{Weekday, WeeklyAvailability};
use super::location::LatLon;
use super::profile::{CandidateKind, CandidateProfile, ClientProfile, RiskFlags, SiteFlags};
use super::tags::{NeedSet, TagSet, Vocabularies};

/// Vocabularies with `az`, `ru`, `en`; a few skills and work kinds.
pub fn vocab() -> Vocabularies {
    let mut v = Vocabularies::default();
    for l in ["az", "ru", "en"] {
        v.languages.intern(l).unwrap();
    }
    for s in ["gardening", "cooking", "it", "carpentry"] {
        v.skills.intern(s).unwrap();
    }
    for k in ["work_with_money", "cooking", "driving"] {
        v.work_kinds.intern(k).unwrap();
    }
    v
}

fn weekdays_9_to_17() -> WeeklyAvailability {
    WeeklyAvailability::from_windows(Weekday::ALL[..5].iter().map(|d| (*d, 9 * 60, 17 * 60)))
        .unwrap()
}

/// A client who speaks `az` (primary), likes gardening, free weekdays 9–17, may drive.
pub fn client_at(lat: f64, lon: f64) -> ClientProfile {
    let v = vocab();
    ClientProfile {
        id: 1,
        location: LatLon::new(lat, lon).unwrap(),
        may_drive: true,
        max_travel_km: None,
        permitted_areas: vec![],
        exclusion_zones: vec![],
        risk: RiskFlags::NONE,
        barred_work: TagSet::EMPTY,
        languages: v.languages.existing_set_of(["az"]).unwrap(),
        primary_language: v.languages.get("az"),
        needs: NeedSet::EMPTY,
        skills: v.skills.existing_set_of(["gardening"]).unwrap(),
        availability: weekdays_9_to_17(),
        previous_helpers: vec![],
    }
}

/// An active candidate speaking `az` and `ru`, teaching gardening and cooking, open
/// weekdays 9–17, with no flags.
pub fn candidate_at(id: i64, kind: CandidateKind, lat: f64, lon: f64) -> CandidateProfile {
    let v = vocab();
    CandidateProfile {
        id,
        kind,
        location: LatLon::new(lat, lon).unwrap(),
        active: true,
        travel_radius_km: None,
        languages: v.languages.existing_set_of(["az", "ru"]).unwrap(),
        availability: weekdays_9_to_17(),
        skills: v.skills.existing_set_of(["gardening", "cooking"]).unwrap(),
        work_kinds: TagSet::EMPTY,
        site_flags: SiteFlags::NONE,
        specialties: NeedSet::EMPTY,
        remote: false,
    }
}
