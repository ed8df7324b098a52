//! What the engine knows about a client and about a candidate helper.

use serde::{Deserialize, Serialize};

use super::area::Area;
use super::availability::WeeklyAvailability;
use super::location::LatLon;
use super::tags::{NeedSet, Tag, TagSet};

/// The kind of helper a client is matched with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CandidateKind {
    /// A community-service placement site.
    Site,
    /// A volunteer mentor.
    Mentor,
    /// A psychologist or social worker.
    Psychologist,
}

impl CandidateKind {
    /// All kinds, in the order pages show them.
    pub const ALL: [CandidateKind; 3] = [
        CandidateKind::Site,
        CandidateKind::Mentor,
        CandidateKind::Psychologist,
    ];

    /// The code used in URLs and JSON (`site`, `mentor`, `psychologist`).
    pub fn as_str(self) -> &'static str {
        match self {
            CandidateKind::Site => "site",
            CandidateKind::Mentor => "mentor",
            CandidateKind::Psychologist => "psychologist",
        }
    }

    /// The kind named by `code`.
    pub fn parse(code: &str) -> Option<CandidateKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == code.trim())
    }
}

/// A restriction on the kind of setting a client may be placed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskFlag {
    /// No work where children are present.
    NoWorkWithChildren,
    /// No work where vulnerable adults are present.
    NoWorkWithVulnerableAdults,
    /// Must not work alone (excludes lone-working sites).
    MustNotWorkAlone,
    /// Medically unfit for heavy physical work.
    NoHeavyPhysicalWork,
}

impl RiskFlag {
    /// All flags.
    pub const ALL: [RiskFlag; 4] = [
        RiskFlag::NoWorkWithChildren,
        RiskFlag::NoWorkWithVulnerableAdults,
        RiskFlag::MustNotWorkAlone,
        RiskFlag::NoHeavyPhysicalWork,
    ];

    /// The site flag this restriction clashes with.
    pub fn clashes_with(self) -> SiteFlag {
        match self {
            Self::NoWorkWithChildren => SiteFlag::ChildrenPresent,
            Self::NoWorkWithVulnerableAdults => SiteFlag::VulnerableAdultsPresent,
            Self::MustNotWorkAlone => SiteFlag::LoneWorking,
            Self::NoHeavyPhysicalWork => SiteFlag::HeavyPhysicalWork,
        }
    }
}

/// A property of a site (or, rarely, of a mentor's setting) that restrictions test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiteFlag {
    /// Children are present.
    ChildrenPresent,
    /// Vulnerable adults are present.
    VulnerableAdultsPresent,
    /// The work is done alone.
    LoneWorking,
    /// The work is heavy physical work.
    HeavyPhysicalWork,
    /// The work needs driving a vehicle.
    NeedsDriving,
}

impl SiteFlag {
    /// All flags.
    pub const ALL: [SiteFlag; 5] = [
        SiteFlag::ChildrenPresent,
        SiteFlag::VulnerableAdultsPresent,
        SiteFlag::LoneWorking,
        SiteFlag::HeavyPhysicalWork,
        SiteFlag::NeedsDriving,
    ];
}

/// A set of [`RiskFlag`]s (1 byte). Bit `i` of a risk flag lines up with bit `i` of the
/// site flag it clashes with, so a clash test is one AND.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct RiskFlags(u8);

/// A set of [`SiteFlag`]s (1 byte).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SiteFlags(u8);

impl RiskFlags {
    /// No restriction.
    pub const NONE: Self = Self(0);

    /// Adds a flag.
    pub fn insert(&mut self, flag: RiskFlag) {
        self.0 |= flag.clashes_with().bit();
    }

    /// Whether the flag is set.
    pub fn contains(self, flag: RiskFlag) -> bool {
        self.0 & flag.clashes_with().bit() != 0
    }

    /// The flags, in [`RiskFlag::ALL`] order.
    pub fn to_vec(self) -> Vec<RiskFlag> {
        RiskFlag::ALL
            .into_iter()
            .filter(|f| self.contains(*f))
            .collect()
    }

    /// The site flags that clash with these restrictions.
    pub(super) fn clash_mask(self) -> SiteFlags {
        SiteFlags(self.0)
    }
}

impl FromIterator<RiskFlag> for RiskFlags {
    fn from_iter<I: IntoIterator<Item = RiskFlag>>(iter: I) -> Self {
        let mut s = Self::NONE;
        for f in iter {
            s.insert(f);
        }
        s
    }
}

impl SiteFlag {
    fn bit(self) -> u8 {
        1 << self as u8
    }
}

impl SiteFlags {
    /// No flag.
    pub const NONE: Self = Self(0);

    /// The raw bits (bit `i` is `SiteFlag::ALL[i]`).
    pub fn bits(self) -> u8 {
        self.0
    }

    /// Adds a flag.
    pub fn insert(&mut self, flag: SiteFlag) {
        self.0 |= flag.bit();
    }

    /// Whether the flag is set.
    pub fn contains(self, flag: SiteFlag) -> bool {
        self.0 & flag.bit() != 0
    }

    /// Flags in both sets.
    pub fn intersection(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    /// Flags in either set.
    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Every flag.
    pub fn all() -> Self {
        SiteFlag::ALL.into_iter().collect()
    }
}

impl FromIterator<SiteFlag> for SiteFlags {
    fn from_iter<I: IntoIterator<Item = SiteFlag>>(iter: I) -> Self {
        let mut s = Self::NONE;
        for f in iter {
            s.insert(f);
        }
        s
    }
}

/// The client's side of a match.
///
/// Travel: the effective limit is the configured limit for drivers or non-drivers
/// ([`TravelLimits`]) chosen by `may_drive`, lowered to `max_travel_km` when that is set.
/// A `max_travel_km` that is negative or not finite counts as 0 (fail safe);
/// [`ClientProfile::problems`] reports it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientProfile {
    /// Database id of the client.
    pub id: i64,
    /// Home (or reporting) location.
    pub location: LatLon,
    /// False under a driving ban or without a licence: lowers the travel limit and
    /// excludes sites whose work needs driving.
    pub may_drive: bool,
    /// Optional personal cap on travel, in km (for example set by the coordinator).
    pub max_travel_km: Option<f64>,
    /// The helper's location must lie inside every one of these (none: anywhere).
    pub permitted_areas: Vec<Area>,
    /// The helper's location must lie inside none of these.
    pub exclusion_zones: Vec<Area>,
    /// Risk flags from the order or the assessment.
    pub risk: RiskFlags,
    /// Kinds of work the client is barred from (position ban), in the work-kind vocabulary.
    pub barred_work: TagSet,
    /// Languages the client speaks.
    pub languages: TagSet,
    /// The language the client prefers, if any (scored higher when shared).
    pub primary_language: Option<Tag>,
    /// Needs (drive psychologist specialties).
    pub needs: NeedSet,
    /// Skills and interests.
    pub skills: TagSet,
    /// When the client is free each week.
    pub availability: WeeklyAvailability,
    /// Ids of helpers the client had before (any kind), for continuity.
    pub previous_helpers: Vec<i64>,
}

/// A problem with a profile's own numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileProblem {
    /// `max_travel_km` / `travel_radius_km` is negative or not finite.
    InvalidTravelDistance,
    /// The profile has no language: no helper can ever match.
    NoLanguage,
    /// The profile has no availability: no helper can ever match.
    NoAvailability,
}

impl ClientProfile {
    /// Problems that make the profile unmatchable or were replaced by a fail-safe value.
    pub fn problems(&self) -> Vec<ProfileProblem> {
        let mut out = Vec::new();
        if let Some(km) = self.max_travel_km
            && !(km.is_finite() && km >= 0.0)
        {
            out.push(ProfileProblem::InvalidTravelDistance);
        }
        if self.languages.is_empty() {
            out.push(ProfileProblem::NoLanguage);
        }
        if self.availability.is_empty() {
            out.push(ProfileProblem::NoAvailability);
        }
        out
    }

    /// The effective travel limit in metres under `limits`.
    pub fn travel_limit_m(&self, limits: &TravelLimits) -> f64 {
        let base = if self.may_drive {
            limits.driving_km
        } else {
            limits.no_driving_km
        };
        let base = if base.is_finite() { base.max(0.0) } else { 0.0 };
        let km = match self.max_travel_km {
            Some(km) if km.is_finite() && km >= 0.0 => km.min(base),
            Some(_) => 0.0,
            None => base,
        };
        km * 1000.0
    }
}

/// The helper's side of a match. One struct serves all kinds; fields that do not apply
/// to a kind are left empty (documented per field).
#[derive(Debug, Clone, PartialEq)]
pub struct CandidateProfile {
    /// Database id (unique within a kind).
    pub id: i64,
    /// Site, mentor or psychologist.
    pub kind: CandidateKind,
    /// Where the work or meeting happens (the site, the mentor's base, the office).
    pub location: LatLon,
    /// Active and approved (vetted, trained). Inactive candidates are always excluded.
    pub active: bool,
    /// Mentors: how far the volunteer is willing to travel, in km; `None` = no limit.
    /// Negative or non-finite counts as 0.
    pub travel_radius_km: Option<f64>,
    /// Languages spoken (by the supervisor, mentor or psychologist).
    pub languages: TagSet,
    /// Weekly schedule (site opening hours, volunteer's free time, office hours).
    pub availability: WeeklyAvailability,
    /// Skills taught or needed (sites, mentors), in the skill vocabulary.
    pub skills: TagSet,
    /// Kinds of work done (sites), in the work-kind vocabulary; tested against barred work.
    pub work_kinds: TagSet,
    /// Site suitability flags.
    pub site_flags: SiteFlags,
    /// Psychologists: needs they cover.
    pub specialties: NeedSet,
    /// Psychologists: works remotely, so location restrictions do not apply.
    pub remote: bool,
}

impl CandidateProfile {
    /// The candidate's own travel radius in metres (`f64::INFINITY` when unlimited).
    pub fn radius_m(&self) -> f64 {
        match self.travel_radius_km {
            None => f64::INFINITY,
            Some(km) if km.is_finite() && km >= 0.0 => km * 1000.0,
            Some(_) => 0.0,
        }
    }

    /// Whether location rules (travel limits, areas) apply: false only for psychologists
    /// who work remotely.
    pub fn location_bound(&self) -> bool {
        !(self.kind == CandidateKind::Psychologist && self.remote)
    }
}

/// Travel limits by driving status, in km. Deserialises with defaults for missing fields.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TravelLimits {
    /// Limit for clients who may drive (default 25 km).
    pub driving_km: f64,
    /// Limit for clients who may not drive (default 10 km).
    pub no_driving_km: f64,
}

impl TravelLimits {
    /// Whether both limits are finite and non-negative.
    pub fn is_valid(&self) -> bool {
        [self.driving_km, self.no_driving_km]
            .iter()
            .all(|km| km.is_finite() && *km >= 0.0)
    }
}

impl Default for TravelLimits {
    fn default() -> Self {
        Self {
            driving_km: 25.0,
            no_driving_km: 10.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_line_up() {
        for f in RiskFlag::ALL {
            let r: RiskFlags = [f].into_iter().collect();
            let s: SiteFlags = [f.clashes_with()].into_iter().collect();
            assert_eq!(r.clash_mask(), s);
            assert_eq!(r.to_vec(), vec![f]);
        }
        assert!(
            !RiskFlags::NONE
                .clash_mask()
                .intersection(SiteFlags::all())
                .contains(SiteFlag::NeedsDriving)
        );
    }

    #[test]
    fn travel_limit() {
        let l = TravelLimits::default();
        let mut c = super::super::testutil::client_at(40.4, 49.8);
        c.may_drive = true;
        assert_eq!(c.travel_limit_m(&l), 25_000.0);
        c.may_drive = false;
        assert_eq!(c.travel_limit_m(&l), 10_000.0);
        c.max_travel_km = Some(4.0);
        assert_eq!(c.travel_limit_m(&l), 4_000.0);
        c.max_travel_km = Some(40.0);
        assert_eq!(c.travel_limit_m(&l), 10_000.0);
        c.max_travel_km = Some(f64::NAN);
        assert_eq!(c.travel_limit_m(&l), 0.0);
        assert!(
            c.problems()
                .contains(&ProfileProblem::InvalidTravelDistance)
        );
    }
}
