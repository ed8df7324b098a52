//! The service's register of psychologists and social workers (staff or contracted; volunteers
//! who are professionals apply through the volunteer path instead): what they specialise in,
//! the languages they work in, where they are, whether they see clients in person and/or
//! remotely, how many clients they can hold, and when they are available. Coordinators and
//! admins keep it; matching reads it ([`active`]). Changes are audited.

pub mod input;
pub mod query;
pub mod store;

use chrono::Utc;
use entity::{professional, professional_language, professional_specialty};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

pub use input::{ProfessionalInput, ValidProfessional};

use crate::domain::availability::Weekly;
use crate::domain::location::{LocationInput, Place};
use crate::domain::specialty::{ProfessionalKind, Specialty};
use crate::error::{AppError, FieldErrors};
use crate::services::audit::{self, Actor, Event};
use crate::services::lookup::{AccountRef, Lookup};
use crate::services::regions::RegionView;

/// A professional with everything known about them.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ProfessionalView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Psychologist or social worker.
    pub kind: ProfessionalKind,
    /// Employer or practice.
    pub organisation: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Where they work from.
    pub place: Place,
    /// Specialties.
    pub specialties: Vec<Specialty>,
    /// Languages (ISO 639 codes).
    pub languages: Vec<String>,
    /// Sees clients in person.
    pub in_person: bool,
    /// Sees clients remotely.
    pub remote: bool,
    /// Clients at once.
    pub caseload_capacity: i32,
    /// Weekly availability.
    pub availability: Weekly,
    /// Takes referrals.
    pub active: bool,
    /// Their own account (role `psychologist`), if linked.
    pub account: Option<AccountRef>,
    /// Region.
    pub region: Option<RegionView>,
    /// Created.
    pub created_at: chrono::DateTime<Utc>,
    /// Last changed.
    pub updated_at: chrono::DateTime<Utc>,
}

impl ProfessionalView {
    /// The record as input again (edit form, export).
    pub fn to_input(&self) -> ProfessionalInput {
        ProfessionalInput {
            name: self.name.clone(),
            kind: self.kind.as_str().to_owned(),
            organisation: self.organisation.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            location: LocationInput {
                settlement: self.place.settlement.clone().unwrap_or_default(),
                lat: self.place.location.lat.to_string(),
                lon: self.place.location.lon.to_string(),
            },
            specialties: self
                .specialties
                .iter()
                .map(|s| s.as_str().to_owned())
                .collect(),
            languages: self.languages.clone(),
            in_person: self.in_person,
            remote: self.remote,
            caseload_capacity: self.caseload_capacity.to_string(),
            availability: self.availability.to_inputs(),
            active: self.active,
            account: self
                .account
                .as_ref()
                .map(|a| a.email.clone())
                .unwrap_or_default(),
            region: self
                .region
                .as_ref()
                .map(|r| r.code.clone())
                .unwrap_or_default(),
        }
    }
}

/// How a professional sees clients, as a filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// In person.
    InPerson,
    /// Remotely.
    Remote,
}

/// Filters of the list.
#[derive(Clone, Debug, Default)]
pub struct ProfessionalFilter {
    /// Words in the name, organisation, settlement or e-mail.
    pub q: String,
    /// Psychologist or social worker.
    pub kind: Option<ProfessionalKind>,
    /// A specialty they cover.
    pub specialty: Option<Specialty>,
    /// A language they work in.
    pub language: Option<String>,
    /// Region id.
    pub region_id: Option<i64>,
    /// In person or remote.
    pub mode: Option<Mode>,
    /// Active (`Some(true)`), inactive, or both (`None`).
    pub active: Option<bool>,
}

fn filtered(filter: &ProfessionalFilter) -> sea_orm::Select<professional::Entity> {
    let mut select = professional::Entity::find();
    if let Some(words) =
        crate::services::search::condition(professional::Column::SearchKey, &filter.q)
    {
        select = select.filter(words);
    }
    if let Some(kind) = filter.kind {
        select = select.filter(professional::Column::Kind.eq(kind.as_str()));
    }
    if let Some(specialty) = filter.specialty {
        select = select.filter(
            professional::Column::Id.in_subquery(
                Query::select()
                    .column(professional_specialty::Column::ProfessionalId)
                    .from(professional_specialty::Entity)
                    .and_where(professional_specialty::Column::Specialty.eq(specialty.as_str()))
                    .to_owned(),
            ),
        );
    }
    if let Some(language) = filter.language.as_deref().filter(|l| !l.trim().is_empty()) {
        select = select.filter(
            professional::Column::Id.in_subquery(
                Query::select()
                    .column(professional_language::Column::ProfessionalId)
                    .from(professional_language::Entity)
                    .and_where(
                        professional_language::Column::Language
                            .eq(language.trim().to_ascii_lowercase()),
                    )
                    .to_owned(),
            ),
        );
    }
    if let Some(region) = filter.region_id {
        select = select.filter(professional::Column::RegionId.eq(region));
    }
    match filter.mode {
        Some(Mode::InPerson) => select = select.filter(professional::Column::InPerson.eq(true)),
        Some(Mode::Remote) => select = select.filter(professional::Column::Remote.eq(true)),
        None => {}
    }
    if let Some(active) = filter.active {
        select = select.filter(professional::Column::Active.eq(active));
    }
    select
}

/// A page of professionals matching `filter`, by name; and the total.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &ProfessionalFilter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<ProfessionalView>, u64), AppError> {
    let select = filtered(filter);
    let total = select.clone().count(db).await?;
    let models = select
        .order_by_asc(professional::Column::NameKey)
        .order_by_asc(professional::Column::Id)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok((store::views(db, models).await?, total))
}

/// Every professional matching `filter`, by name (exports, the map).
pub async fn all(
    db: &impl ConnectionTrait,
    filter: &ProfessionalFilter,
) -> Result<Vec<ProfessionalView>, AppError> {
    let models = filtered(filter)
        .order_by_asc(professional::Column::NameKey)
        .order_by_asc(professional::Column::Id)
        .all(db)
        .await?;
    store::views(db, models).await
}

/// Active professionals with every field matching needs.
pub async fn active(db: &impl ConnectionTrait) -> Result<Vec<ProfessionalView>, AppError> {
    all(
        db,
        &ProfessionalFilter {
            active: Some(true),
            ..Default::default()
        },
    )
    .await
}

/// One professional.
pub async fn get(db: &impl ConnectionTrait, id: i64) -> Result<ProfessionalView, AppError> {
    let model = professional::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    store::views(db, vec![model])
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// The professional record linked to a user account (a psychologist signed in), if any.
pub async fn for_account(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Option<ProfessionalView>, AppError> {
    let Some(model) = professional::Entity::find()
        .filter(professional::Column::UserId.eq(user_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(store::views(db, vec![model]).await?.pop())
}

/// Adds a professional to the register.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    ip: &str,
    input: &ProfessionalInput,
) -> Result<ProfessionalView, AppError> {
    let txn = db.begin().await?;
    let lookup = Lookup::load(&txn).await?;
    let valid = input.validate(&lookup).map_err(AppError::Validation)?;
    let problems = store::check_accounts(&txn, &[&valid], None).await?;
    if !problems.is_empty() {
        return Err(AppError::Validation(FieldErrors(
            problems.into_iter().map(|(_, e)| e).collect(),
        )));
    }
    let id = store::insert_many(&txn, std::slice::from_ref(&valid))
        .await?
        .pop()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("professional not inserted")))?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "professional.created", ip)
            .on("professional", id)
            .detail(json!({ "name": valid.name })),
    )
    .await?;
    txn.commit().await?;
    get(db, id).await
}

/// Replaces a professional's values.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    ip: &str,
    id: i64,
    input: &ProfessionalInput,
) -> Result<ProfessionalView, AppError> {
    let txn = db.begin().await?;
    let existing = professional::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let lookup = Lookup::load(&txn).await?;
    let valid = input.validate(&lookup).map_err(AppError::Validation)?;
    store::update(&txn, existing, &valid).await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "professional.updated", ip)
            .on("professional", id)
            .detail(json!({ "name": valid.name })),
    )
    .await?;
    txn.commit().await?;
    get(db, id).await
}

/// Marks a professional as no longer taking referrals.
pub async fn close(
    db: &DatabaseConnection,
    actor: &Actor,
    ip: &str,
    id: i64,
) -> Result<ProfessionalView, AppError> {
    let txn = db.begin().await?;
    let existing = professional::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut model: professional::ActiveModel = existing.into();
    model.active = Set(false);
    model.updated_at = Set(Utc::now());
    model.update(&txn).await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "professional.closed", ip).on("professional", id),
    )
    .await?;
    txn.commit().await?;
    get(db, id).await
}
