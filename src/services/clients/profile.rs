//! What matching reads about a client: where they live, what they speak, need, can do and
//! when, and the restrictions in force folded into [`Constraints`]. No access check here:
//! the matching service decides who may ask.

use entity::client;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::restrictions;
use crate::domain::availability::Weekly;
use crate::domain::case_fields::list_from_json;
use crate::domain::location::Location;
use crate::domain::needs::Need;
use crate::domain::restrictions::Constraints;
use crate::error::AppError;

/// A client as matching sees them.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientProfile {
    /// Client id.
    pub id: i64,
    /// Home.
    pub home: Location,
    /// Region.
    pub region_id: Option<i64>,
    /// Languages (ISO 639 codes).
    pub languages: Vec<String>,
    /// Needs.
    pub needs: Vec<Need>,
    /// Skill codes.
    pub skills: Vec<String>,
    /// Weekly availability.
    pub availability: Weekly,
    /// Restrictions in force: may drive, barred work, permitted areas, exclusion zones,
    /// curfews, risk flags.
    pub constraints: Constraints,
}

/// Profiles of these clients (closed cases left out), in no particular order.
pub async fn profiles(
    db: &impl ConnectionTrait,
    client_ids: &[i64],
) -> Result<Vec<ClientProfile>, AppError> {
    let rows = client::Entity::find()
        .filter(client::Column::Id.is_in(client_ids.iter().copied()))
        .filter(client::Column::ClosedOn.is_null())
        .all(db)
        .await?;
    let mut constraints = restrictions::constraints_of(db, client_ids).await?;
    Ok(rows
        .into_iter()
        .map(|c| ClientProfile {
            id: c.id,
            home: Location {
                lat: c.lat,
                lon: c.lon,
            },
            region_id: c.region_id,
            languages: serde_json::from_str(&c.languages).unwrap_or_default(),
            needs: list_from_json(&c.needs),
            skills: serde_json::from_str(&c.skills).unwrap_or_default(),
            availability: Weekly::from_json(&c.availability),
            constraints: constraints.remove(&c.id).unwrap_or_default(),
        })
        .collect())
}

/// The profile of one client (404 when missing or closed).
pub async fn profile(db: &impl ConnectionTrait, client_id: i64) -> Result<ClientProfile, AppError> {
    profiles(db, &[client_id])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}
