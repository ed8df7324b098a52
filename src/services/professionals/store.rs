//! Reading and writing professionals with their specialties and languages, in batches.

use std::collections::HashMap;

use chrono::Utc;
use entity::{professional, professional_language, professional_specialty};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

use super::ProfessionalView;
use super::input::ValidProfessional;
use crate::domain::availability::Weekly;
use crate::domain::location::{Location, Place};
use crate::domain::specialty::{ProfessionalKind, Specialty};
use crate::error::{AppError, FieldError, FieldErrors};
use crate::services::batch;
use crate::services::lookup;
use crate::services::regions::{self, RegionView};

fn active_model(p: &ValidProfessional) -> professional::ActiveModel {
    let now = Utc::now();
    professional::ActiveModel {
        name: Set(p.name.clone()),
        name_key: Set(p.name_key()),
        search_key: Set(p.search_text()),
        kind: Set(p.kind.as_str().to_owned()),
        organisation: Set(p.organisation.clone()),
        email: Set(p.email.clone()),
        phone: Set(p.phone.clone()),
        settlement: Set(p.place.settlement.clone()),
        lat: Set(p.place.location.lat),
        lon: Set(p.place.location.lon),
        in_person: Set(p.in_person),
        remote: Set(p.remote),
        caseload_capacity: Set(p.caseload_capacity),
        availability: Set(p.availability.to_json()),
        active: Set(p.active),
        user_id: Set(p.user_id),
        region_id: Set(p.region_id),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// Checks that no account is linked to two professionals (in `records`, or already in the
/// database other than `except`); errors carry the position in `records`.
pub async fn check_accounts(
    db: &impl ConnectionTrait,
    records: &[&ValidProfessional],
    except: Option<i64>,
) -> Result<Vec<(usize, FieldError)>, AppError> {
    let mut seen: HashMap<i64, usize> = HashMap::new();
    let mut problems = Vec::new();
    let linked: HashMap<i64, i64> = professional::Entity::find()
        .filter(professional::Column::UserId.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| Some((p.user_id?, p.id)))
        .collect();
    for (i, record) in records.iter().enumerate() {
        let Some(user_id) = record.user_id else {
            continue;
        };
        let taken_in_db = linked.get(&user_id).is_some_and(|id| Some(*id) != except);
        if taken_in_db || seen.insert(user_id, i).is_some() {
            problems.push((i, FieldError::new("account", "error-prof-account-linked")));
        }
    }
    Ok(problems)
}

/// Inserts professionals in batches; returns their ids in the order given. Run it in a
/// transaction.
pub async fn insert_many(
    txn: &impl ConnectionTrait,
    records: &[ValidProfessional],
) -> Result<Vec<i64>, AppError> {
    let ids = batch::insert_returning_ids(txn, records.iter().map(active_model).collect()).await?;
    insert_lists(txn, records.iter().zip(ids.iter().copied())).await?;
    Ok(ids)
}

async fn insert_lists<'a>(
    txn: &impl ConnectionTrait,
    records: impl Iterator<Item = (&'a ValidProfessional, i64)>,
) -> Result<(), AppError> {
    let mut specialties = Vec::new();
    let mut languages = Vec::new();
    for (p, id) in records {
        specialties.extend(
            p.specialties
                .iter()
                .map(|s| professional_specialty::ActiveModel {
                    professional_id: Set(id),
                    specialty: Set(s.as_str().to_owned()),
                }),
        );
        languages.extend(
            p.languages
                .iter()
                .map(|l| professional_language::ActiveModel {
                    professional_id: Set(id),
                    language: Set(l.clone()),
                }),
        );
    }
    batch::insert_rows(txn, specialties).await?;
    batch::insert_rows(txn, languages).await?;
    Ok(())
}

/// Replaces a professional's values and lists.
pub async fn update(
    txn: &impl ConnectionTrait,
    existing: professional::Model,
    p: &ValidProfessional,
) -> Result<(), AppError> {
    let problems = check_accounts(txn, &[p], Some(existing.id)).await?;
    if !problems.is_empty() {
        return Err(AppError::Validation(FieldErrors(
            problems.into_iter().map(|(_, e)| e).collect(),
        )));
    }
    let mut model = active_model(p);
    model.id = Set(existing.id);
    model.created_at = Set(existing.created_at);
    model.reset_all().update(txn).await?;
    let id = existing.id;
    professional_specialty::Entity::delete_many()
        .filter(professional_specialty::Column::ProfessionalId.eq(id))
        .exec(txn)
        .await?;
    professional_language::Entity::delete_many()
        .filter(professional_language::Column::ProfessionalId.eq(id))
        .exec(txn)
        .await?;
    insert_lists(txn, std::iter::once((p, id))).await
}

/// Builds the full views of `models`.
pub async fn views(
    db: &impl ConnectionTrait,
    models: Vec<professional::Model>,
) -> Result<Vec<ProfessionalView>, AppError> {
    let ids: Vec<i64> = models.iter().map(|m| m.id).collect();
    let mut specialties: HashMap<i64, Vec<Specialty>> = HashMap::new();
    for row in batch::rows_for::<professional_specialty::Entity>(
        db,
        professional_specialty::Column::ProfessionalId,
        &ids,
    )
    .await?
    {
        if let Some(s) = Specialty::parse(&row.specialty) {
            specialties.entry(row.professional_id).or_default().push(s);
        }
    }
    let mut languages: HashMap<i64, Vec<String>> = HashMap::new();
    for row in batch::rows_for::<professional_language::Entity>(
        db,
        professional_language::Column::ProfessionalId,
        &ids,
    )
    .await?
    {
        languages
            .entry(row.professional_id)
            .or_default()
            .push(row.language);
    }
    let user_ids: Vec<i64> = models.iter().filter_map(|m| m.user_id).collect();
    let accounts = lookup::accounts_by_id(db, &user_ids).await?;
    let regions: HashMap<i64, RegionView> = regions::list(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    Ok(models
        .into_iter()
        .map(|m| {
            let mut specs = specialties.remove(&m.id).unwrap_or_default();
            specs.sort();
            let mut langs = languages.remove(&m.id).unwrap_or_default();
            langs.sort();
            ProfessionalView {
                id: m.id,
                name: m.name,
                kind: ProfessionalKind::parse(&m.kind).unwrap_or(ProfessionalKind::Psychologist),
                organisation: m.organisation,
                email: m.email,
                phone: m.phone,
                place: Place {
                    location: Location {
                        lat: m.lat,
                        lon: m.lon,
                    },
                    settlement: m.settlement,
                },
                specialties: specs,
                languages: langs,
                in_person: m.in_person,
                remote: m.remote,
                caseload_capacity: m.caseload_capacity,
                availability: Weekly::from_json(&m.availability),
                active: m.active,
                account: m.user_id.and_then(|u| accounts.get(&u).cloned()),
                region: m.region_id.and_then(|r| regions.get(&r).cloned()),
                created_at: m.created_at,
                updated_at: m.updated_at,
            }
        })
        .collect())
}
