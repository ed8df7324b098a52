//! The volunteers that matching may suggest.

use chrono::NaiveDate;
use entity::{volunteer, volunteer_training};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::profile::read_list;
use super::status::{latest, readiness_of};
use crate::domain::availability::Weekly;
use crate::domain::location::Location;
use crate::domain::vetting::{Stage, valid_on};
use crate::domain::volunteer::{ProfessionalKind, RoleSought};
use crate::error::AppError;
use crate::services::training;

/// A volunteer matching may use, with what matching needs to know.
#[derive(Clone, Debug, PartialEq)]
pub struct MatchableVolunteer {
    /// Volunteer id.
    pub id: i64,
    /// Their account (mentor or psychologist role), set at approval.
    pub user_id: Option<i64>,
    /// Name.
    pub name: String,
    /// What they want to do.
    pub roles: Vec<RoleSought>,
    /// Kind of professional, for professionals.
    pub professional_kind: Option<ProfessionalKind>,
    /// Specialties, for professionals.
    pub specialties: Vec<String>,
    /// Languages spoken (ISO 639-1).
    pub languages: Vec<String>,
    /// Skill codes of the curated list.
    pub skills: Vec<String>,
    /// Home.
    pub location: Location,
    /// Region.
    pub region_id: Option<i64>,
    /// How far they travel, km.
    pub travel_km: i32,
    /// Weekly availability.
    pub availability: Weekly,
    /// Mentees they take at most (capacity is counted by the mentoring area).
    pub max_mentees: i32,
    /// The first day they stop being matchable unless a check or training is renewed
    /// (`None`: nothing lapses).
    pub valid_until: Option<NaiveDate>,
}

/// The volunteers matching may suggest on `today`.
///
/// Contract (the matching engine relies on it): a volunteer is returned exactly when
/// - their stage is `approved` (so never `applied` — unverified —, in vetting, `rejected`,
///   `withdrawn` or `suspended`), their personal data is not erased, and they have not paused;
/// - their background check passed and has not lapsed (`today` is before its expiry day);
/// - every active mandatory training module has a completion that has not lapsed;
/// - they have a home location.
///
/// Sorted by id. The answer is computed from the database on each call (no cache), so a lapse
/// takes effect on the day it happens. Capacity (`max_mentees` against current mentees) is
/// not checked here.
pub async fn matchable(
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Vec<MatchableVolunteer>, AppError> {
    let modules = training::all(db, false).await?;
    let mut out = Vec::new();
    let mut after = 0;
    // Read in slices of CHUNK volunteers (by id) so that memory stays bounded at national
    // scale: 50,000 volunteers with their trainings at once held several hundred MB of rows.
    loop {
        let candidates = volunteer::Entity::find()
            .filter(volunteer::Column::Stage.eq(Stage::Approved))
            .filter(volunteer::Column::Paused.eq(false))
            .filter(volunteer::Column::ErasedAt.is_null())
            .filter(volunteer::Column::Id.gt(after))
            .order_by_asc(volunteer::Column::Id)
            .limit(CHUNK)
            .all(db)
            .await?;
        let (Some(first), Some(last)) = (candidates.first(), candidates.last()) else {
            break;
        };
        after = last.id;
        let completions = volunteer_training::Entity::find()
            .filter(volunteer_training::Column::VolunteerId.between(first.id, last.id))
            .all(db)
            .await?;
        add_matchable(&mut out, candidates, completions, &modules, today);
    }
    Ok(out)
}

/// Volunteers read per query by [`matchable`].
const CHUNK: u64 = 2_000;

/// Adds to `out` those of `candidates` that are matchable on `today`.
fn add_matchable(
    out: &mut Vec<MatchableVolunteer>,
    candidates: Vec<volunteer::Model>,
    completions: Vec<volunteer_training::Model>,
    modules: &[entity::training_module::Model],
    today: NaiveDate,
) {
    let mut by_volunteer: std::collections::HashMap<i64, Vec<volunteer_training::Model>> =
        std::collections::HashMap::new();
    for row in completions {
        by_volunteer.entry(row.volunteer_id).or_default().push(row);
    }
    for v in candidates {
        let completions = latest(by_volunteer.remove(&v.id).unwrap_or_default());
        let readiness = readiness_of(&v, modules, &completions);
        if !readiness.problems(today).is_empty() {
            continue;
        }
        let (Some(lat), Some(lon)) = (v.lat, v.lon) else {
            continue;
        };
        let lapses = readiness
            .check
            .and_then(|c| c.expires_on)
            .into_iter()
            .chain(
                readiness
                    .modules
                    .iter()
                    .filter(|m| m.mandatory)
                    .filter_map(|m| m.expires_on),
            )
            .filter(|d| valid_on(Some(*d), today))
            .min();
        out.push(MatchableVolunteer {
            id: v.id,
            user_id: v.user_id,
            roles: read_list(&v.roles_sought)
                .iter()
                .filter_map(|r| RoleSought::parse(r))
                .collect(),
            professional_kind: v
                .professional_kind
                .as_deref()
                .and_then(ProfessionalKind::parse),
            specialties: read_list(&v.specialties),
            languages: read_list(&v.languages),
            skills: read_list(&v.skills),
            location: Location { lat, lon },
            region_id: v.region_id,
            travel_km: v.travel_km,
            availability: Weekly::from_json(&v.availability),
            max_mentees: v.max_mentees,
            valid_until: lapses,
            name: v.name,
        });
    }
}
