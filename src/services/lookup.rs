//! Reference data loaded once to validate many records (a form, or 10,000 CSV rows) without a
//! query per field: the active skill codes, the regions, and the accounts that may supervise
//! sites or be linked to a professional.

use std::collections::{HashMap, HashSet};

use chrono::{NaiveDate, Utc};
use entity::{skill, user, user_role};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::regions::{self, RegionView};
use crate::auth::Role;
use crate::domain::location::Location;
use crate::domain::text::search_key;
use crate::error::AppError;

/// An account that can be chosen in a form (a site supervisor, a psychologist).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct AccountRef {
    /// User id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
}

/// Reference data for validation.
pub struct Lookup {
    /// The date validation treats as today (UTC).
    pub today: NaiveDate,
    skills: HashSet<String>,
    regions: Vec<RegionView>,
    accounts: HashMap<i64, (AccountRef, Vec<Role>)>,
    by_email: HashMap<String, i64>,
}

impl Lookup {
    /// Loads the skills and regions only (no accounts): what people's records need.
    pub async fn basic(db: &impl ConnectionTrait) -> Result<Lookup, AppError> {
        Ok(Lookup {
            today: Utc::now().date_naive(),
            skills: skill::Entity::find()
                .filter(skill::Column::Active.eq(true))
                .all(db)
                .await?
                .into_iter()
                .map(|s| s.code)
                .collect(),
            regions: regions::list(db).await?,
            accounts: HashMap::new(),
            by_email: HashMap::new(),
        })
    }

    /// Loads everything validation needs.
    pub async fn load(db: &impl ConnectionTrait) -> Result<Lookup, AppError> {
        let basic = Lookup::basic(db).await?;
        let wanted = [Role::SiteSupervisor, Role::Psychologist];
        let grants = user_role::Entity::find()
            .filter(user_role::Column::Role.is_in(wanted))
            .all(db)
            .await?;
        let ids: Vec<i64> = grants.iter().map(|g| g.user_id).collect();
        let mut accounts: HashMap<i64, (AccountRef, Vec<Role>)> = HashMap::new();
        let mut by_email = HashMap::new();
        for chunk in ids.chunks(1000) {
            for u in user::Entity::find()
                .filter(user::Column::Id.is_in(chunk.to_vec()))
                .all(db)
                .await?
            {
                by_email.insert(u.email_key.clone(), u.id);
                accounts.insert(
                    u.id,
                    (
                        AccountRef {
                            id: u.id,
                            name: u.name,
                            email: u.email,
                        },
                        Vec::new(),
                    ),
                );
            }
        }
        for grant in grants {
            if let Some((_, roles)) = accounts.get_mut(&grant.user_id) {
                roles.push(grant.role);
            }
        }
        Ok(Lookup {
            accounts,
            by_email,
            ..basic
        })
    }

    /// Whether `code` names an active skill.
    pub fn skill_known(&self, code: &str) -> bool {
        self.skills.contains(code)
    }

    /// The region with this code.
    pub fn region(&self, code: &str) -> Option<&RegionView> {
        let code = code.trim();
        self.regions.iter().find(|r| r.code == code)
    }

    /// The region by id.
    pub fn region_by_id(&self, id: i64) -> Option<&RegionView> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The region whose centre is nearest to `location`.
    pub fn nearest_region(&self, location: &Location) -> Option<&RegionView> {
        self.regions
            .iter()
            .filter_map(|r| {
                let centre = Location {
                    lat: r.lat?,
                    lon: r.lon?,
                };
                Some((centre.distance_m(location), r))
            })
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(_, r)| r)
    }

    /// All regions.
    pub fn regions(&self) -> &[RegionView] {
        &self.regions
    }

    /// The account named by an id or an e-mail address, if it holds `role`.
    pub fn account_with_role(&self, id_or_email: &str, role: Role) -> Option<&AccountRef> {
        let text = id_or_email.trim();
        let id = match text.parse::<i64>() {
            Ok(id) => id,
            Err(_) => *self.by_email.get(&search_key(text))?,
        };
        self.accounts
            .get(&id)
            .filter(|(_, roles)| roles.contains(&role))
            .map(|(account, _)| account)
    }

    /// Every account holding `role`, by name.
    pub fn accounts_with_role(&self, role: Role) -> Vec<AccountRef> {
        let mut out: Vec<AccountRef> = self
            .accounts
            .values()
            .filter(|(_, roles)| roles.contains(&role))
            .map(|(a, _)| a.clone())
            .collect();
        out.sort_by_key(|a| search_key(&a.name));
        out
    }
}

/// Accounts holding `role`, by name (for the choices of a form).
pub async fn accounts_with_role(
    db: &impl ConnectionTrait,
    role: Role,
) -> Result<Vec<AccountRef>, AppError> {
    let ids: Vec<i64> = user_role::Entity::find()
        .filter(user_role::Column::Role.eq(role))
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.user_id)
        .collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .order_by_asc(user::Column::NameKey)
        .all(db)
        .await?
        .into_iter()
        .map(|u| AccountRef {
            id: u.id,
            name: u.name,
            email: u.email,
        })
        .collect())
}

/// The accounts with these ids, by id.
pub async fn accounts_by_id(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, AccountRef>, AppError> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    let mut out = HashMap::new();
    for chunk in ids.chunks(super::batch::IN_LIMIT) {
        for u in user::Entity::find()
            .filter(user::Column::Id.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            out.insert(
                u.id,
                AccountRef {
                    id: u.id,
                    name: u.name,
                    email: u.email,
                },
            );
        }
    }
    Ok(out)
}
