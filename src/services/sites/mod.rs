//! Placement sites run by host organisations: the register coordinators keep, the list a site
//! supervisor sees of their own sites, and what matching reads (location, capacity, weekly
//! schedule, suitability flags, kinds of work, skills, languages, active dates).
//!
//! Access: admins and coordinators see and change every site; a site supervisor sees only the
//! sites they supervise, read-only ([`Scope`]). Every change is audited in its transaction.

pub mod input;
pub mod map;
pub mod query;
pub mod store;

use chrono::{NaiveDate, Utc};
use entity::{site, site_language, site_supervisor, site_work_kind};
use sea_orm::sea_query::Query;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

pub use input::{SiteInput, ValidSite};

use crate::auth::Role;
use crate::auth::current_user::AuthUser;
use crate::domain::availability::Weekly;
use crate::domain::location::Place;
use crate::domain::site::{SiteFlag, SiteFlags};
use crate::domain::work::WorkKind;
use crate::error::AppError;
use crate::services::audit::{self, Actor, Event};
use crate::services::lookup::{AccountRef, Lookup};
use crate::services::regions::RegionView;

/// A site with everything known about it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SiteView {
    /// Id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Host organisation.
    pub organisation: String,
    /// Street address.
    pub address: String,
    /// Location and settlement.
    pub place: Place,
    /// Contact person.
    pub contact_name: String,
    /// Contact phone.
    pub contact_phone: String,
    /// Contact e-mail.
    pub contact_email: String,
    /// Kinds of work done there.
    pub work_kinds: Vec<WorkKind>,
    /// Skill codes the work needs.
    pub skills_needed: Vec<String>,
    /// Skill codes the site teaches.
    pub skills_taught: Vec<String>,
    /// People at once.
    pub capacity: i32,
    /// Weekly sessions.
    pub schedule: Weekly,
    /// Suitability flags.
    pub flags: SiteFlags,
    /// Languages spoken (ISO 639 codes).
    pub languages: Vec<String>,
    /// First active day.
    pub active_from: NaiveDate,
    /// First day no longer active (the site closes on this day); none while open-ended.
    pub active_to: Option<NaiveDate>,
    /// Whether the site is active today.
    pub active: bool,
    /// Region.
    pub region: Option<RegionView>,
    /// Supervisors (accounts with the `site_supervisor` role).
    pub supervisors: Vec<AccountRef>,
    /// Created.
    pub created_at: chrono::DateTime<Utc>,
    /// Last changed.
    pub updated_at: chrono::DateTime<Utc>,
}

impl SiteView {
    /// Whether the site is active on `date`: from `active_from`, until the day before `active_to`.
    pub fn is_active_on(&self, date: NaiveDate) -> bool {
        self.active_from <= date && self.active_to.is_none_or(|to| date < to)
    }

    /// The site as input again (to fill the edit form, or to export and import it).
    pub fn to_input(&self) -> SiteInput {
        SiteInput {
            name: self.name.clone(),
            organisation: self.organisation.clone(),
            address: self.address.clone(),
            location: crate::domain::location::LocationInput {
                settlement: self.place.settlement.clone().unwrap_or_default(),
                lat: self.place.location.lat.to_string(),
                lon: self.place.location.lon.to_string(),
            },
            contact_name: self.contact_name.clone(),
            contact_phone: self.contact_phone.clone(),
            contact_email: self.contact_email.clone(),
            work_kinds: self
                .work_kinds
                .iter()
                .map(|k| k.as_str().to_owned())
                .collect(),
            skills_needed: self.skills_needed.clone(),
            skills_taught: self.skills_taught.clone(),
            capacity: self.capacity.to_string(),
            schedule: self.schedule.to_inputs(),
            flags: self
                .flags
                .set_flags()
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
            languages: self.languages.clone(),
            active_from: self.active_from.to_string(),
            active_to: self.active_to.map(|d| d.to_string()).unwrap_or_default(),
            region: self
                .region
                .as_ref()
                .map(|r| r.code.clone())
                .unwrap_or_default(),
            supervisors: self.supervisors.iter().map(|s| s.email.clone()).collect(),
        }
    }
}

/// Which sites a user may see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every site (admins and coordinators).
    All,
    /// Only the sites this user supervises (site supervisors), read-only.
    Supervised(i64),
    /// None.
    Nothing,
}

impl Scope {
    /// The scope of a signed-in user.
    pub fn of(user: &AuthUser) -> Scope {
        if user.has_any(&[Role::Admin, Role::Coordinator]) {
            Scope::All
        } else if user.has(Role::SiteSupervisor) {
            Scope::Supervised(user.id)
        } else {
            Scope::Nothing
        }
    }

    /// Whether this scope may change sites.
    pub fn can_edit(&self) -> bool {
        *self == Scope::All
    }

    fn condition(&self) -> Condition {
        match self {
            Scope::All => Condition::all(),
            Scope::Supervised(user_id) => Condition::all().add(
                site::Column::Id.in_subquery(
                    Query::select()
                        .column(site_supervisor::Column::SiteId)
                        .from(site_supervisor::Entity)
                        .and_where(site_supervisor::Column::UserId.eq(*user_id))
                        .to_owned(),
                ),
            ),
            Scope::Nothing => Condition::all().add(site::Column::Id.lt(0)),
        }
    }
}

/// Whether to list active sites, closed or future ones, or all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Activity {
    /// Active today.
    #[default]
    Active,
    /// Not active today (closed, or not started yet).
    Inactive,
    /// All.
    All,
}

impl Activity {
    /// Parses `active`, `inactive`, `all` (also `yes`, `no`); empty is active.
    pub fn parse(text: &str) -> Option<Activity> {
        match text.trim() {
            "" | "active" | "yes" | "true" => Some(Activity::Active),
            "inactive" | "no" | "false" => Some(Activity::Inactive),
            "all" => Some(Activity::All),
            _ => None,
        }
    }
}

/// Filters of the site list.
#[derive(Clone, Debug, Default)]
pub struct SiteFilter {
    /// Words in the name, organisation, settlement or address.
    pub q: String,
    /// Region id.
    pub region_id: Option<i64>,
    /// Kind of work done there.
    pub work_kind: Option<WorkKind>,
    /// Flags that must be set (`true`) or unset (`false`).
    pub flags: Vec<(SiteFlag, bool)>,
    /// A language spoken there.
    pub language: Option<String>,
    /// Active today, inactive, or all.
    pub activity: Activity,
}

impl SiteFilter {
    /// Parses a flag filter: `children_present` (must be set) or `-children_present` (unset).
    pub fn parse_flag(text: &str) -> Option<(SiteFlag, bool)> {
        let text = text.trim();
        match text.strip_prefix('-').or_else(|| text.strip_prefix('!')) {
            Some(rest) => SiteFlag::parse(rest).map(|f| (f, false)),
            None => SiteFlag::parse(text).map(|f| (f, true)),
        }
    }
}

fn flag_column(flag: SiteFlag) -> site::Column {
    match flag {
        SiteFlag::ChildrenPresent => site::Column::ChildrenPresent,
        SiteFlag::VulnerableAdultsPresent => site::Column::VulnerableAdultsPresent,
        SiteFlag::NeedsDriving => site::Column::NeedsDriving,
        SiteFlag::HeavyWork => site::Column::HeavyWork,
        SiteFlag::StepFreeAccess => site::Column::StepFreeAccess,
        SiteFlag::LoneWorking => site::Column::LoneWorking,
    }
}

fn active_on(date: NaiveDate) -> Condition {
    Condition::all()
        .add(site::Column::ActiveFrom.lte(date))
        .add(
            Condition::any()
                .add(site::Column::ActiveTo.is_null())
                .add(site::Column::ActiveTo.gt(date)),
        )
}

fn filtered(scope: &Scope, filter: &SiteFilter, today: NaiveDate) -> sea_orm::Select<site::Entity> {
    let mut select = site::Entity::find().filter(scope.condition());
    if let Some(words) = crate::services::search::condition(site::Column::SearchKey, &filter.q) {
        select = select.filter(words);
    }
    if let Some(region) = filter.region_id {
        select = select.filter(site::Column::RegionId.eq(region));
    }
    if let Some(kind) = filter.work_kind {
        select = select.filter(
            site::Column::Id.in_subquery(
                Query::select()
                    .column(site_work_kind::Column::SiteId)
                    .from(site_work_kind::Entity)
                    .and_where(site_work_kind::Column::WorkKind.eq(kind.as_str()))
                    .to_owned(),
            ),
        );
    }
    for (flag, value) in &filter.flags {
        select = select.filter(flag_column(*flag).eq(*value));
    }
    if let Some(language) = filter.language.as_deref().filter(|l| !l.trim().is_empty()) {
        select = select.filter(
            site::Column::Id.in_subquery(
                Query::select()
                    .column(site_language::Column::SiteId)
                    .from(site_language::Entity)
                    .and_where(
                        site_language::Column::Language.eq(language.trim().to_ascii_lowercase()),
                    )
                    .to_owned(),
            ),
        );
    }
    match filter.activity {
        Activity::Active => select.filter(active_on(today)),
        Activity::Inactive => select.filter(active_on(today).not()),
        Activity::All => select,
    }
}

/// A page of the sites `scope` may see that match `filter`, by name; and the total.
pub async fn list(
    db: &impl ConnectionTrait,
    scope: &Scope,
    filter: &SiteFilter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<SiteView>, u64), AppError> {
    let today = Utc::now().date_naive();
    let select = filtered(scope, filter, today);
    let total = select.clone().count(db).await?;
    let models = select
        .order_by_asc(site::Column::NameKey)
        .order_by_asc(site::Column::Id)
        .offset(page.saturating_sub(1) * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok((store::views(db, models, today).await?, total))
}

/// Every site `scope` may see that matches `filter`, by name (exports, the map, matching).
pub async fn all(
    db: &impl ConnectionTrait,
    scope: &Scope,
    filter: &SiteFilter,
) -> Result<Vec<SiteView>, AppError> {
    let today = Utc::now().date_naive();
    let models = filtered(scope, filter, today)
        .order_by_asc(site::Column::NameKey)
        .order_by_asc(site::Column::Id)
        .all(db)
        .await?;
    store::views(db, models, today).await
}

/// Sites active on `date` (for matching and placements): every field matching needs.
pub async fn active_on_date(
    db: &impl ConnectionTrait,
    date: NaiveDate,
) -> Result<Vec<SiteView>, AppError> {
    let models = site::Entity::find()
        .filter(active_on(date))
        .order_by_asc(site::Column::Id)
        .all(db)
        .await?;
    store::views(db, models, Utc::now().date_naive()).await
}

/// One site, if `scope` may see it (else "not found", not revealing that it exists).
pub async fn get(db: &impl ConnectionTrait, scope: &Scope, id: i64) -> Result<SiteView, AppError> {
    let model = site::Entity::find_by_id(id)
        .filter(scope.condition())
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    store::views(db, vec![model], Utc::now().date_naive())
        .await?
        .pop()
        .ok_or(AppError::NotFound)
}

/// The ids of the sites a user supervises.
pub async fn supervised_site_ids(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<i64>, AppError> {
    Ok(site_supervisor::Entity::find()
        .filter(site_supervisor::Column::UserId.eq(user_id))
        .order_by_asc(site_supervisor::Column::SiteId)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.site_id)
        .collect())
}

/// Creates a site from input; validation problems come back as field errors.
pub async fn create(
    db: &DatabaseConnection,
    actor: &Actor,
    ip: &str,
    input: &SiteInput,
) -> Result<SiteView, AppError> {
    let txn = db.begin().await?;
    let lookup = Lookup::load(&txn).await?;
    let valid = input.validate(&lookup).map_err(AppError::Validation)?;
    let id = store::insert_many(&txn, std::slice::from_ref(&valid))
        .await?
        .pop()
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("site not inserted")))?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "site.created", ip)
            .on("site", id)
            .detail(json!({ "name": valid.name })),
    )
    .await?;
    txn.commit().await?;
    get(db, &Scope::All, id).await
}

/// Replaces a site's values.
pub async fn update(
    db: &DatabaseConnection,
    actor: &Actor,
    ip: &str,
    id: i64,
    input: &SiteInput,
) -> Result<SiteView, AppError> {
    let txn = db.begin().await?;
    let existing = site::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let lookup = Lookup::load(&txn).await?;
    let valid = input.validate(&lookup).map_err(AppError::Validation)?;
    store::update(&txn, existing, &valid).await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "site.updated", ip)
            .on("site", id)
            .detail(json!({ "name": valid.name })),
    )
    .await?;
    txn.commit().await?;
    get(db, &Scope::All, id).await
}

/// Closes a site from `date` (default today): it is no longer active from that day. A site
/// that has not started yet by then closes on its first day (it is never active).
pub async fn close(
    db: &DatabaseConnection,
    actor: &Actor,
    ip: &str,
    id: i64,
    date: Option<NaiveDate>,
) -> Result<SiteView, AppError> {
    let txn = db.begin().await?;
    let existing = site::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let closes = date
        .unwrap_or_else(|| Utc::now().date_naive())
        .max(existing.active_from);
    // Closing never re-opens: an earlier closing date stays.
    let closes = existing.active_to.map_or(closes, |t| t.min(closes));
    let mut model: site::ActiveModel = existing.into();
    model.active_to = sea_orm::Set(Some(closes));
    model.updated_at = sea_orm::Set(Utc::now());
    sea_orm::ActiveModelTrait::update(model, &txn).await?;
    audit::record(
        &txn,
        Event::new(actor.clone(), "site.closed", ip)
            .on("site", id)
            .detail(json!({ "active_to": closes.to_string() })),
    )
    .await?;
    txn.commit().await?;
    get(db, &Scope::All, id).await
}
