//! The client's side of a match: the engine profile built from the case register, including
//! restrictions in force and the helpers the client had before (for continuity).

use entity::{mentoring, placement, referral};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use super::convert;
use crate::domain::matching::{CandidateKind, ClientProfile, NeedSet, Vocabularies};
use crate::error::AppError;
use crate::services::clients::profile as register;

/// The engine profile of a client for matching with `kind`, from the register's profile.
pub fn engine_profile(
    client: &register::ClientProfile,
    vocab: &Vocabularies,
    previous_helpers: Vec<i64>,
) -> Option<ClientProfile> {
    let constraints = &client.constraints;
    let mut needs = NeedSet::default();
    for need in &client.needs {
        needs.insert(convert::need(*need));
    }
    Some(ClientProfile {
        id: client.id,
        location: convert::point(&client.home)?,
        may_drive: constraints.may_drive,
        max_travel_km: None,
        permitted_areas: constraints
            .permitted_areas
            .iter()
            .filter_map(convert::area)
            .collect(),
        exclusion_zones: convert::zones(&constraints.exclusion_zones),
        risk: convert::risks(&constraints.risk_flags),
        barred_work: vocab
            .work_kinds
            .known_set_of(constraints.barred_work.iter().map(|k| k.as_str())),
        languages: vocab
            .languages
            .known_set_of(client.languages.iter().map(String::as_str)),
        primary_language: client
            .languages
            .first()
            .and_then(|l| vocab.languages.get(l)),
        needs,
        skills: vocab
            .skills
            .known_set_of(client.skills.iter().map(String::as_str)),
        availability: convert::weekly_outside_curfews(&client.availability, &constraints.curfews),
        previous_helpers,
    })
}

/// Ids of the helpers of `kind` the client had before (ended or current).
pub async fn previous_helpers(
    db: &impl ConnectionTrait,
    client_id: i64,
    kind: CandidateKind,
) -> Result<Vec<i64>, AppError> {
    let ids: Vec<i64> = match kind {
        CandidateKind::Site => {
            placement::Entity::find()
                .select_only()
                .column(placement::Column::SiteId)
                .filter(placement::Column::ClientId.eq(client_id))
                .into_tuple()
                .all(db)
                .await?
        }
        CandidateKind::Mentor => {
            mentoring::Entity::find()
                .select_only()
                .column(mentoring::Column::VolunteerId)
                .filter(mentoring::Column::ClientId.eq(client_id))
                .into_tuple()
                .all(db)
                .await?
        }
        CandidateKind::Psychologist => {
            referral::Entity::find()
                .select_only()
                .column(referral::Column::ProfessionalId)
                .filter(referral::Column::ClientId.eq(client_id))
                .into_tuple()
                .all(db)
                .await?
        }
    };
    Ok(ids)
}
