//! An approved professional volunteer (psychologist or social worker) joins the register of
//! professionals, linked to their account, so that coordinators can refer clients to them;
//! the register entry follows the account when the volunteer is suspended, reinstated or
//! withdraws.

use entity::{professional, volunteer};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::profile::read_list;
use crate::domain::availability::Weekly;
use crate::domain::location::{Location, Place};
use crate::domain::specialty::{ProfessionalKind, Specialty};
use crate::domain::volunteer::RoleSought;
use crate::error::AppError;
use crate::services::professionals::{ValidProfessional, store};

/// Clients at once of a volunteer professional until a coordinator changes it on the
/// professional's page (the sign-up does not ask).
pub const VOLUNTEER_CASELOAD: i32 = 3;

/// Adds the approved volunteer `v` (account `user_id`) to the register of professionals when
/// they applied as one and no register entry is linked to the account yet. Returns the new
/// professional's id.
pub async fn register(
    db: &impl ConnectionTrait,
    v: &volunteer::Model,
    user_id: i64,
) -> Result<Option<i64>, AppError> {
    let applied_as_professional = read_list(&v.roles_sought)
        .iter()
        .any(|r| RoleSought::parse(r) == Some(RoleSought::Professional));
    let kind = v
        .professional_kind
        .as_deref()
        .and_then(ProfessionalKind::parse);
    let (Some(kind), Some(lat), Some(lon), true) = (kind, v.lat, v.lon, applied_as_professional)
    else {
        return Ok(None);
    };
    let linked = professional::Entity::find()
        .filter(professional::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    if linked.is_some() {
        return Ok(None);
    }
    let record = ValidProfessional {
        name: v.name.clone(),
        kind,
        organisation: String::new(),
        email: v.email.clone(),
        phone: v.phone.clone().unwrap_or_default(),
        place: Place {
            location: Location { lat, lon },
            settlement: v.settlement.clone(),
        },
        specialties: read_list(&v.specialties)
            .iter()
            .filter_map(|s| Specialty::parse(s))
            .collect(),
        languages: read_list(&v.languages),
        in_person: true,
        remote: false,
        caseload_capacity: VOLUNTEER_CASELOAD,
        availability: Weekly::from_json(&v.availability),
        active: true,
        user_id: Some(user_id),
        region_id: v.region_id,
    };
    Ok(store::insert_many(db, std::slice::from_ref(&record))
        .await?
        .pop())
}

/// Erases the personal data of the register entries linked to a withdrawn volunteer's
/// account and takes them out of referrals; the rows stay for the referrals that point at them.
pub async fn erase(db: &impl ConnectionTrait, user_id: i64) -> Result<(), AppError> {
    professional::Entity::update_many()
        .col_expr(professional::Column::Active, Expr::value(false))
        .col_expr(professional::Column::Name, Expr::value(""))
        .col_expr(professional::Column::NameKey, Expr::value(""))
        .col_expr(professional::Column::SearchKey, Expr::value(""))
        .col_expr(professional::Column::Email, Expr::value(""))
        .col_expr(professional::Column::Phone, Expr::value(""))
        .filter(professional::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Takes the register entries linked to an account out of (or back into) referrals.
pub async fn set_active(
    db: &impl ConnectionTrait,
    user_id: i64,
    active: bool,
) -> Result<(), AppError> {
    professional::Entity::update_many()
        .col_expr(professional::Column::Active, Expr::value(active))
        .filter(professional::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}
