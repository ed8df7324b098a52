//! `psychologists` in CSV: one row per psychologist or social worker of the register.

use std::collections::HashSet;

use entity::professional;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};

use super::cells::{join_list, parse_yes_no, split_list, weekly_from_text, weekly_to_text, yes_no};
use super::{Caller, CsvKind, Progress, Row, Who};
use crate::domain::location::LocationInput;
use crate::error::{AppError, FieldError};
use crate::services::lookup::Lookup;
use crate::services::professionals::{
    self, ProfessionalFilter, ProfessionalInput, ValidProfessional, store,
};

/// The `psychologists` kind (social workers included, told apart by `kind`).
pub struct Psychologists;

/// Reference data: the lookup tables and the ids of existing records.
pub struct Context {
    lookup: Lookup,
    ids: HashSet<i64>,
}

/// A validated row: an update when it has an id.
pub struct Record {
    id: Option<i64>,
    professional: ValidProfessional,
}

impl CsvKind for Psychologists {
    const NAME: &'static str = "psychologists";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "kind",
        "organisation",
        "email",
        "phone",
        "settlement",
        "lat",
        "lon",
        "specialties",
        "languages",
        "in_person",
        "remote",
        "caseload_capacity",
        "availability",
        "active",
        "account",
        "region",
    ];
    const REQUIRED: &'static [&'static str] = &[
        "name",
        "kind",
        "specialties",
        "languages",
        "caseload_capacity",
    ];
    type Context = Context;
    type Record = Record;

    async fn context(txn: &DatabaseTransaction, _: &Who<'_>) -> Result<Context, AppError> {
        let ids = professional::Entity::find()
            .select_only()
            .column(professional::Column::Id)
            .into_tuple::<i64>()
            .all(txn)
            .await?
            .into_iter()
            .collect();
        Ok(Context {
            lookup: Lookup::load(txn).await?,
            ids,
        })
    }

    fn parse(ctx: &Context, row: &Row<'_>) -> Result<Record, Vec<FieldError>> {
        let mut problems = Vec::new();
        let id = match row.get("id").trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(id) if ctx.ids.contains(&id) => Some(id),
                _ => {
                    problems.push(FieldError::new("id", "error-csv-id-unknown"));
                    None
                }
            },
        };
        let mut flag = |column: &str, default: bool| {
            parse_yes_no(column, row.get(column), default)
                .map_err(|e| problems.push(e))
                .unwrap_or(default)
        };
        let in_person = flag("in_person", true);
        let remote = flag("remote", false);
        let active = flag("active", true);
        let availability = weekly_from_text("availability", row.get("availability"))
            .map_err(|e| problems.push(e))
            .unwrap_or_default();
        let input = ProfessionalInput {
            name: row.get("name").to_owned(),
            kind: row.get("kind").to_owned(),
            organisation: row.get("organisation").to_owned(),
            email: row.get("email").to_owned(),
            phone: row.get("phone").to_owned(),
            location: LocationInput {
                settlement: row.get("settlement").to_owned(),
                lat: row.get("lat").to_owned(),
                lon: row.get("lon").to_owned(),
            },
            specialties: split_list(row.get("specialties")),
            languages: split_list(row.get("languages")),
            in_person,
            remote,
            caseload_capacity: row.get("caseload_capacity").to_owned(),
            availability,
            active,
            account: row.get("account").to_owned(),
            region: row.get("region").to_owned(),
        };
        match input.validate(&ctx.lookup) {
            Ok(professional) if problems.is_empty() => Ok(Record { id, professional }),
            Ok(_) => Err(problems),
            Err(errors) => {
                problems.extend(errors.0);
                Err(problems)
            }
        }
    }

    async fn check_all(
        txn: &DatabaseTransaction,
        records: &[&Record],
    ) -> Result<Vec<(usize, FieldError)>, AppError> {
        let mut seen = HashSet::new();
        let mut problems: Vec<(usize, FieldError)> = records
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.id.filter(|id| !seen.insert(*id)).map(|_| i))
            .map(|i| (i, FieldError::new("id", "error-csv-id-twice")))
            .collect();
        // An account may be linked to one record only; a row updating the record that holds
        // the link keeps it.
        let others: Vec<&ValidProfessional> = records.iter().map(|r| &r.professional).collect();
        for (i, problem) in store::check_accounts(txn, &others, None).await? {
            let record = records[i];
            let holder = match record.professional.user_id {
                Some(user_id) => professional::Entity::find()
                    .filter(professional::Column::UserId.eq(user_id))
                    .one(txn)
                    .await?
                    .map(|p| p.id),
                None => None,
            };
            let first_use = records[..i]
                .iter()
                .all(|r| r.professional.user_id != record.professional.user_id);
            if holder.is_none() || holder != record.id || !first_use {
                problems.push((i, problem));
            }
        }
        Ok(problems)
    }

    async fn write(
        txn: &DatabaseTransaction,
        _: &Context,
        records: Vec<Record>,
        progress: &dyn Progress,
    ) -> Result<(usize, usize), AppError> {
        let (updates, creates): (Vec<Record>, Vec<Record>) =
            records.into_iter().partition(|r| r.id.is_some());
        let creates: Vec<ValidProfessional> = creates.into_iter().map(|r| r.professional).collect();
        for chunk in creates.chunks(2000) {
            store::insert_many(txn, chunk).await?;
            progress.advance(chunk.len() as u64);
        }
        let ids: Vec<i64> = updates.iter().filter_map(|r| r.id).collect();
        let mut existing = crate::services::batch::records_by_id::<professional::Entity>(
            txn,
            professional::Column::Id,
            &ids,
            |m| m.id,
        )
        .await?;
        let updated = updates.len();
        for record in updates {
            let model = record
                .id
                .and_then(|id| existing.remove(&id))
                .ok_or(AppError::NotFound)?;
            store::update(txn, model, &record.professional).await?;
            progress.advance(1);
        }
        Ok((creates.len(), updated))
    }

    async fn export(
        db: &DatabaseConnection,
        _: &Caller<'_>,
        _: &str,
    ) -> Result<Vec<Vec<String>>, AppError> {
        Ok(professionals::all(db, &ProfessionalFilter::default())
            .await?
            .into_iter()
            .map(|p| {
                let input = p.to_input();
                vec![
                    p.id.to_string(),
                    input.name,
                    input.kind,
                    input.organisation,
                    input.email,
                    input.phone,
                    input.location.settlement,
                    input.location.lat,
                    input.location.lon,
                    join_list(&input.specialties),
                    join_list(&input.languages),
                    yes_no(p.in_person).to_owned(),
                    yes_no(p.remote).to_owned(),
                    input.caseload_capacity,
                    weekly_to_text(&p.availability),
                    yes_no(p.active).to_owned(),
                    input.account,
                    input.region,
                ]
            })
            .collect())
    }
}
