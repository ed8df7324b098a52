//! Clients: the people the service supervises or supports. Creating, changing, reading
//! (audited as `client.read`) and closing client records, with region scoping and restricted
//! records (see [`access`]); their orders ([`orders`]) and restrictions ([`restrictions`]);
//! the list with search and filters ([`list`]); and what matching reads ([`profile`]).

pub mod access;
pub mod input;
pub mod list;
pub mod orders;
pub mod profile;
pub mod restrictions;
pub mod staff;

use chrono::{NaiveDate, Utc};
use entity::{client, client_access, region};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::auth::current_user::AuthUser;
use crate::domain::availability::Weekly;
use crate::domain::case_fields::{self, list_from_json, list_to_json, multi_line};
use crate::domain::location::{Location, Place};
use crate::domain::needs::Need;
use crate::domain::text::search_key;
use crate::error::{AppError, FieldErrors};
use crate::services::audit::{self, Actor, Event};
pub use input::{ClientData, ClientInput, HomeInput};
use orders::OrderView;
use restrictions::RestrictionView;
pub use staff::Person;

/// A region as a client record names it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RegionRef {
    /// Id.
    pub id: i64,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// Everything a client record holds, for staff who may see it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ClientDetail {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Languages (ISO 639 codes).
    pub languages: Vec<String>,
    /// Phone.
    pub phone: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// Home.
    pub home: Place,
    /// Region.
    pub region: Option<RegionRef>,
    /// Responsible coordinator.
    pub coordinator: Person,
    /// Needs.
    pub needs: Vec<Need>,
    /// Skill codes.
    pub skills: Vec<String>,
    /// Interests.
    pub interests: Option<String>,
    /// Weekly availability.
    pub availability: Weekly,
    /// Whether only named staff may see the record.
    pub restricted: bool,
    /// Staff named on a restricted record.
    pub access: Vec<Person>,
    /// Confidential notes.
    pub notes: Option<String>,
    /// When the case was closed.
    pub closed_on: Option<NaiveDate>,
    /// Why.
    pub close_reason: Option<String>,
    /// Created.
    pub created_at: chrono::DateTime<Utc>,
    /// Last changed.
    pub updated_at: chrono::DateTime<Utc>,
    /// Orders, newest decision first.
    pub orders: Vec<OrderView>,
    /// Restrictions, newest first.
    pub restrictions: Vec<RestrictionView>,
}

impl ClientDetail {
    /// The record as form input (for editing).
    pub fn to_input(&self) -> ClientInput {
        ClientInput {
            name: self.name.clone(),
            birth_date: self.birth_date.to_string(),
            languages: self.languages.clone(),
            phone: self.phone.clone().unwrap_or_default(),
            email: self.email.clone().unwrap_or_default(),
            address: self.address.clone().unwrap_or_default(),
            home: HomeInput {
                settlement: self.home.settlement.clone().unwrap_or_default(),
                lat: self.home.location.lat.to_string(),
                lon: self.home.location.lon.to_string(),
            },
            needs: self.needs.iter().map(|n| n.as_str().to_owned()).collect(),
            skills: self.skills.clone(),
            interests: self.interests.clone().unwrap_or_default(),
            availability: self.availability.to_inputs(),
            region_id: self.region.as_ref().map(|r| r.id),
            coordinator_id: Some(self.coordinator.id),
            restricted: self.restricted,
            access: self.access.iter().map(|p| p.id).collect(),
            notes: self.notes.clone().unwrap_or_default(),
        }
    }
}

/// Builds the full view of a stored client (no access check).
pub async fn detail(db: &impl ConnectionTrait, m: client::Model) -> Result<ClientDetail, AppError> {
    let region = match m.region_id {
        Some(id) => region::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|r| RegionRef {
                id: r.id,
                code: r.code,
                name: r.name,
            }),
        None => None,
    };
    let coordinator = staff::people(db, &[m.coordinator_id])
        .await?
        .into_iter()
        .next()
        .unwrap_or(Person {
            id: m.coordinator_id,
            name: String::new(),
        });
    let access = staff::people(db, &access::named_staff(db, m.id).await?).await?;
    Ok(ClientDetail {
        orders: orders::of_client(db, m.id).await?,
        restrictions: restrictions::of_client(db, m.id).await?,
        id: m.id,
        name: m.name,
        birth_date: m.birth_date,
        languages: serde_json::from_str(&m.languages).unwrap_or_default(),
        phone: m.phone,
        email: m.email,
        address: m.address,
        home: Place {
            location: Location {
                lat: m.lat,
                lon: m.lon,
            },
            settlement: m.settlement,
        },
        region,
        coordinator,
        needs: list_from_json(&m.needs),
        skills: serde_json::from_str(&m.skills).unwrap_or_default(),
        interests: m.interests,
        availability: Weekly::from_json(&m.availability),
        restricted: m.restricted,
        access,
        notes: m.notes,
        closed_on: m.closed_on,
        close_reason: m.close_reason,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// Reads a client record the actor may see, and audits the read (`client.read`).
pub async fn read(
    db: &impl ConnectionTrait,
    actor: &AuthUser,
    ip: &str,
    client_id: i64,
) -> Result<ClientDetail, AppError> {
    let model = access::load_visible(db, actor, ip, client_id).await?;
    let detail = detail(db, model).await?;
    audit::record(
        db,
        Event::new(Actor::user(actor), "client.read", ip).on("client", client_id),
    )
    .await?;
    Ok(detail)
}

/// Copies validated data into a row (not the id, creation time or closing).
pub(crate) fn fill(active: &mut client::ActiveModel, data: &ClientData) {
    active.name = Set(data.name.clone());
    active.name_key = Set(search_key(&data.name));
    active.birth_date = Set(data.birth_date);
    active.languages = Set(serde_json::to_string(&data.languages).unwrap_or_else(|_| "[]".into()));
    active.phone = Set(data.phone.clone());
    active.email = Set(data.email.clone());
    active.address = Set(data.address.clone());
    active.settlement = Set(data.home.settlement.clone());
    active.lat = Set(data.home.location.lat);
    active.lon = Set(data.home.location.lon);
    active.region_id = Set(data.region_id);
    active.coordinator_id = Set(data.coordinator_id);
    active.needs = Set(list_to_json(&data.needs));
    active.skills = Set(serde_json::to_string(&data.skills).unwrap_or_else(|_| "[]".into()));
    active.interests = Set(data.interests.clone());
    active.availability = Set(data.availability.to_json());
    active.restricted = Set(data.restricted);
    active.notes = Set(data.notes.clone());
    active.updated_at = Set(Utc::now());
}

/// Replaces the staff named on a client record.
pub(crate) async fn write_access(
    db: &impl ConnectionTrait,
    client_id: i64,
    users: &[i64],
) -> Result<(), AppError> {
    client_access::Entity::delete_many()
        .filter(client_access::Column::ClientId.eq(client_id))
        .exec(db)
        .await?;
    for user_id in users {
        client_access::ActiveModel {
            client_id: Set(client_id),
            user_id: Set(*user_id),
            granted_at: Set(Utc::now()),
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Creates a client record.
pub async fn create(
    db: &DatabaseConnection,
    actor: &AuthUser,
    ip: &str,
    input: &ClientInput,
) -> Result<client::Model, AppError> {
    let data = input::validate(db, actor, input).await?;
    let txn = db.begin().await?;
    let now = Utc::now();
    let mut active = client::ActiveModel {
        created_at: Set(now),
        closed_on: Set(None),
        close_reason: Set(None),
        ..Default::default()
    };
    fill(&mut active, &data);
    let model = active.insert(&txn).await?;
    write_access(&txn, model.id, &data.access).await?;
    audit::record(
        &txn,
        Event::new(Actor::user(actor), "client.created", ip)
            .on("client", model.id)
            .detail(json!({
                "region_id": data.region_id,
                "coordinator_id": data.coordinator_id,
                "restricted": data.restricted,
                "access": data.access,
            })),
    )
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Changes a client record the actor may see (an open case). The audit names the fields that
/// changed, not their values.
pub async fn update(
    db: &DatabaseConnection,
    actor: &AuthUser,
    ip: &str,
    client_id: i64,
    input: &ClientInput,
) -> Result<(), AppError> {
    let current = access::load_open(db, actor, ip, client_id).await?;
    let before_access = access::named_staff(db, client_id).await?;
    let data = input::validate(db, actor, input).await?;
    let txn = db.begin().await?;
    let mut active: client::ActiveModel = current.clone().into();
    fill(&mut active, &data);
    let updated = active.update(&txn).await?;
    write_access(&txn, client_id, &data.access).await?;
    let changed = changed_fields(&current, &updated, before_access != data.access);
    audit::record(
        &txn,
        Event::new(Actor::user(actor), "client.updated", ip)
            .on("client", client_id)
            .detail(json!({ "changed": changed, "access": data.access })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn changed_fields(a: &client::Model, b: &client::Model, access: bool) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut check = |name, differs: bool| {
        if differs {
            out.push(name);
        }
    };
    check("name", a.name != b.name);
    check("birth_date", a.birth_date != b.birth_date);
    check("languages", a.languages != b.languages);
    check(
        "contact",
        a.phone != b.phone || a.email != b.email || a.address != b.address,
    );
    check(
        "home",
        a.lat != b.lat || a.lon != b.lon || a.settlement != b.settlement,
    );
    check("region_id", a.region_id != b.region_id);
    check("coordinator_id", a.coordinator_id != b.coordinator_id);
    check("needs", a.needs != b.needs);
    check("skills", a.skills != b.skills || a.interests != b.interests);
    check("availability", a.availability != b.availability);
    check("restricted", a.restricted != b.restricted);
    check("access", access);
    check("notes", a.notes != b.notes);
    out
}

/// Closing a case.
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct CloseInput {
    /// Day the case closed, `YYYY-MM-DD` (not in the future).
    #[serde(default)]
    pub closed_on: String,
    /// Why (order completed, transferred, …).
    #[serde(default)]
    pub reason: String,
}

/// Closes an open case the actor may see. A closed record can be read but not changed.
pub async fn close(
    db: &DatabaseConnection,
    actor: &AuthUser,
    ip: &str,
    client_id: i64,
    input: &CloseInput,
) -> Result<(), AppError> {
    let current = access::load_open(db, actor, ip, client_id).await?;
    let mut errors = FieldErrors::new();
    let closed_on = errors
        .take(case_fields::date("closed_on", &input.closed_on, true))
        .flatten();
    if closed_on.is_some_and(|d| d > case_fields::today()) {
        errors.add("closed_on", "error-client-close-future");
    }
    let reason = errors
        .take(multi_line("reason", &input.reason, 1000))
        .flatten();
    if reason.is_none() && errors.0.iter().all(|e| e.field != "reason") {
        errors.add("reason", "error-required");
    }
    errors.into_result()?;
    let txn = db.begin().await?;
    let mut active: client::ActiveModel = current.into();
    active.closed_on = Set(closed_on);
    active.close_reason = Set(reason);
    active.updated_at = Set(Utc::now());
    active.update(&txn).await?;
    audit::record(
        &txn,
        Event::new(Actor::user(actor), "client.closed", ip)
            .on("client", client_id)
            .detail(json!({ "closed_on": closed_on })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
