//! Reading and writing sites with their lists (kinds of work, skills, languages,
//! supervisors). Writes insert in batches so a CSV import of thousands of sites stays fast.

use std::collections::HashMap;

use chrono::Utc;
use entity::{site, site_language, site_skill, site_supervisor, site_work_kind};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::SiteView;
use super::input::ValidSite;
use crate::domain::availability::Weekly;
use crate::domain::location::{Location, Place};
use crate::domain::site::{SiteFlags, SkillMode};
use crate::domain::work::WorkKind;
use crate::error::AppError;
use crate::services::batch;
use crate::services::lookup::{self, AccountRef};
use crate::services::regions::{self, RegionView};

fn active_model(site: &ValidSite) -> site::ActiveModel {
    let now = Utc::now();
    let flags = site.flags;
    site::ActiveModel {
        name: Set(site.name.clone()),
        name_key: Set(site.name_key()),
        search_key: Set(site.search_text()),
        organisation: Set(site.organisation.clone()),
        address: Set(site.address.clone()),
        settlement: Set(site.place.settlement.clone()),
        lat: Set(site.place.location.lat),
        lon: Set(site.place.location.lon),
        contact_name: Set(site.contact_name.clone()),
        contact_phone: Set(site.contact_phone.clone()),
        contact_email: Set(site.contact_email.clone()),
        capacity: Set(site.capacity),
        schedule: Set(site.schedule.to_json()),
        children_present: Set(flags.children_present),
        vulnerable_adults_present: Set(flags.vulnerable_adults_present),
        needs_driving: Set(flags.needs_driving),
        heavy_work: Set(flags.heavy_work),
        step_free_access: Set(flags.step_free_access),
        lone_working: Set(flags.lone_working),
        active_from: Set(site.active_from),
        active_to: Set(site.active_to),
        region_id: Set(site.region_id),
        updated_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    }
}

/// Inserts sites in batches; returns their ids in the order given. Run it in a transaction.
pub async fn insert_many(
    txn: &impl ConnectionTrait,
    sites: &[ValidSite],
) -> Result<Vec<i64>, AppError> {
    let ids = batch::insert_returning_ids(txn, sites.iter().map(active_model).collect()).await?;
    insert_lists(txn, sites.iter().zip(ids.iter().copied())).await?;
    Ok(ids)
}

async fn insert_lists<'a>(
    txn: &impl ConnectionTrait,
    sites: impl Iterator<Item = (&'a ValidSite, i64)>,
) -> Result<(), AppError> {
    let mut kinds = Vec::new();
    let mut skills = Vec::new();
    let mut languages = Vec::new();
    let mut supervisors = Vec::new();
    for (site, id) in sites {
        kinds.extend(site.work_kinds.iter().map(|k| site_work_kind::ActiveModel {
            site_id: Set(id),
            work_kind: Set(k.as_str().to_owned()),
        }));
        skills.extend(
            site.skills
                .iter()
                .map(|(code, mode)| site_skill::ActiveModel {
                    site_id: Set(id),
                    skill_code: Set(code.clone()),
                    mode: Set(mode.as_str().to_owned()),
                }),
        );
        languages.extend(site.languages.iter().map(|l| site_language::ActiveModel {
            site_id: Set(id),
            language: Set(l.clone()),
        }));
        supervisors.extend(
            site.supervisor_ids
                .iter()
                .map(|u| site_supervisor::ActiveModel {
                    site_id: Set(id),
                    user_id: Set(*u),
                }),
        );
    }
    batch::insert_rows(txn, kinds).await?;
    batch::insert_rows(txn, skills).await?;
    batch::insert_rows(txn, languages).await?;
    batch::insert_rows(txn, supervisors).await?;
    Ok(())
}

/// Replaces a site's values and lists.
pub async fn update(
    txn: &impl ConnectionTrait,
    existing: site::Model,
    site: &ValidSite,
) -> Result<(), AppError> {
    let mut model = active_model(site);
    model.id = Set(existing.id);
    model.created_at = Set(existing.created_at);
    model.reset_all().update(txn).await?;
    let id = existing.id;
    site_work_kind::Entity::delete_many()
        .filter(site_work_kind::Column::SiteId.eq(id))
        .exec(txn)
        .await?;
    site_skill::Entity::delete_many()
        .filter(site_skill::Column::SiteId.eq(id))
        .exec(txn)
        .await?;
    site_language::Entity::delete_many()
        .filter(site_language::Column::SiteId.eq(id))
        .exec(txn)
        .await?;
    site_supervisor::Entity::delete_many()
        .filter(site_supervisor::Column::SiteId.eq(id))
        .exec(txn)
        .await?;
    insert_lists(txn, std::iter::once((site, id))).await
}

/// Builds the full views of `models`, loading their lists in a few queries.
pub async fn views(
    db: &impl ConnectionTrait,
    models: Vec<site::Model>,
    today: chrono::NaiveDate,
) -> Result<Vec<SiteView>, AppError> {
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let mut kinds: HashMap<i64, Vec<WorkKind>> = HashMap::new();
    for row in
        batch::rows_for::<site_work_kind::Entity>(db, site_work_kind::Column::SiteId, &ids).await?
    {
        if let Some(kind) = WorkKind::parse(&row.work_kind) {
            kinds.entry(row.site_id).or_default().push(kind);
        }
    }
    let mut skills: HashMap<i64, Vec<(String, SkillMode)>> = HashMap::new();
    for row in batch::rows_for::<site_skill::Entity>(db, site_skill::Column::SiteId, &ids).await? {
        if let Some(mode) = SkillMode::parse(&row.mode) {
            skills
                .entry(row.site_id)
                .or_default()
                .push((row.skill_code, mode));
        }
    }
    let mut languages: HashMap<i64, Vec<String>> = HashMap::new();
    for row in
        batch::rows_for::<site_language::Entity>(db, site_language::Column::SiteId, &ids).await?
    {
        languages.entry(row.site_id).or_default().push(row.language);
    }
    let supervisor_rows =
        batch::rows_for::<site_supervisor::Entity>(db, site_supervisor::Column::SiteId, &ids)
            .await?;
    let user_ids: Vec<i64> = supervisor_rows.iter().map(|r| r.user_id).collect();
    let accounts = lookup::accounts_by_id(db, &user_ids).await?;
    let mut supervisors: HashMap<i64, Vec<AccountRef>> = HashMap::new();
    for row in supervisor_rows {
        if let Some(account) = accounts.get(&row.user_id) {
            supervisors
                .entry(row.site_id)
                .or_default()
                .push(account.clone());
        }
    }
    let regions: HashMap<i64, RegionView> = regions::list(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    Ok(models
        .into_iter()
        .map(|m| {
            let id = m.id;
            let mut work_kinds = kinds.remove(&id).unwrap_or_default();
            work_kinds.sort();
            let site_skills = skills.remove(&id).unwrap_or_default();
            let mut skills_needed: Vec<String> = site_skills
                .iter()
                .filter(|(_, mode)| *mode == SkillMode::Needed)
                .map(|(c, _)| c.clone())
                .collect();
            skills_needed.sort();
            let mut skills_taught: Vec<String> = site_skills
                .into_iter()
                .filter(|(_, mode)| *mode == SkillMode::Taught)
                .map(|(c, _)| c)
                .collect();
            skills_taught.sort();
            let mut langs = languages.remove(&id).unwrap_or_default();
            langs.sort();
            let mut sups = supervisors.remove(&id).unwrap_or_default();
            sups.sort_by(|a, b| a.name.cmp(&b.name));
            let active = m.active_from <= today && m.active_to.is_none_or(|to| today < to);
            SiteView {
                id,
                name: m.name,
                organisation: m.organisation,
                address: m.address,
                place: Place {
                    location: Location {
                        lat: m.lat,
                        lon: m.lon,
                    },
                    settlement: m.settlement,
                },
                contact_name: m.contact_name,
                contact_phone: m.contact_phone,
                contact_email: m.contact_email,
                work_kinds,
                skills_needed,
                skills_taught,
                capacity: m.capacity,
                schedule: Weekly::from_json(&m.schedule),
                flags: SiteFlags {
                    children_present: m.children_present,
                    vulnerable_adults_present: m.vulnerable_adults_present,
                    needs_driving: m.needs_driving,
                    heavy_work: m.heavy_work,
                    step_free_access: m.step_free_access,
                    lone_working: m.lone_working,
                },
                languages: langs,
                active_from: m.active_from,
                active_to: m.active_to,
                active,
                region: m.region_id.and_then(|r| regions.get(&r).cloned()),
                supervisors: sups,
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        })
        .collect())
}
