//! `sites` in CSV: one row per placement site.

use std::collections::HashSet;

use entity::site;
use sea_orm::{DatabaseConnection, DatabaseTransaction, EntityTrait, QuerySelect};

use super::cells::{join_list, parse_yes_no, split_list, weekly_from_text, weekly_to_text, yes_no};
use super::{Caller, CsvKind, Progress, Row, Who};
use crate::domain::location::LocationInput;
use crate::domain::site::SiteFlag;
use crate::error::{AppError, FieldError};
use crate::services::lookup::Lookup;
use crate::services::sites::{self, Scope, SiteFilter, SiteInput, ValidSite, store};

/// The `sites` kind.
pub struct Sites;

/// Reference data: the lookup tables and the ids of existing sites.
pub struct Context {
    lookup: Lookup,
    ids: HashSet<i64>,
}

/// A validated row: an update when it has an id.
pub struct Record {
    id: Option<i64>,
    site: ValidSite,
}

fn id_cell(row: &Row<'_>, known: &HashSet<i64>) -> Result<Option<i64>, FieldError> {
    let text = row.get("id").trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<i64>() {
        Ok(id) if known.contains(&id) => Ok(Some(id)),
        _ => Err(FieldError::new("id", "error-csv-id-unknown")),
    }
}

impl CsvKind for Sites {
    const NAME: &'static str = "sites";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "organisation",
        "address",
        "settlement",
        "lat",
        "lon",
        "contact_name",
        "contact_phone",
        "contact_email",
        "work_kinds",
        "skills_needed",
        "skills_taught",
        "capacity",
        "schedule",
        "children_present",
        "vulnerable_adults_present",
        "needs_driving",
        "heavy_work",
        "step_free_access",
        "lone_working",
        "languages",
        "active_from",
        "active_to",
        "region",
        "supervisors",
    ];
    const REQUIRED: &'static [&'static str] = &[
        "name",
        "organisation",
        "work_kinds",
        "capacity",
        "languages",
    ];
    type Context = Context;
    type Record = Record;

    async fn context(txn: &DatabaseTransaction, _: &Who<'_>) -> Result<Context, AppError> {
        let ids = site::Entity::find()
            .select_only()
            .column(site::Column::Id)
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
        let id = id_cell(row, &ctx.ids)
            .map_err(|e| problems.push(e))
            .ok()
            .flatten();
        let mut flags = Vec::new();
        for flag in SiteFlag::ALL {
            match parse_yes_no(flag.as_str(), row.get(flag.as_str()), false) {
                Ok(true) => flags.push(flag.as_str().to_owned()),
                Ok(false) => {}
                Err(e) => problems.push(e),
            }
        }
        let schedule = weekly_from_text("schedule", row.get("schedule"))
            .map_err(|e| problems.push(e))
            .unwrap_or_default();
        let input = SiteInput {
            name: row.get("name").to_owned(),
            organisation: row.get("organisation").to_owned(),
            address: row.get("address").to_owned(),
            location: LocationInput {
                settlement: row.get("settlement").to_owned(),
                lat: row.get("lat").to_owned(),
                lon: row.get("lon").to_owned(),
            },
            contact_name: row.get("contact_name").to_owned(),
            contact_phone: row.get("contact_phone").to_owned(),
            contact_email: row.get("contact_email").to_owned(),
            work_kinds: split_list(row.get("work_kinds")),
            skills_needed: split_list(row.get("skills_needed")),
            skills_taught: split_list(row.get("skills_taught")),
            capacity: row.get("capacity").to_owned(),
            schedule,
            flags,
            languages: split_list(row.get("languages")),
            active_from: row.get("active_from").to_owned(),
            active_to: row.get("active_to").to_owned(),
            region: row.get("region").to_owned(),
            supervisors: split_list(row.get("supervisors")),
        };
        match input.validate(&ctx.lookup) {
            Ok(site) if problems.is_empty() => Ok(Record { id, site }),
            Ok(_) => Err(problems),
            Err(errors) => {
                problems.extend(errors.0);
                Err(problems)
            }
        }
    }

    async fn check_all(
        _: &DatabaseTransaction,
        records: &[&Record],
    ) -> Result<Vec<(usize, FieldError)>, AppError> {
        let mut seen = HashSet::new();
        Ok(records
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.id.filter(|id| !seen.insert(*id)).map(|_| i))
            .map(|i| (i, FieldError::new("id", "error-csv-id-twice")))
            .collect())
    }

    async fn write(
        txn: &DatabaseTransaction,
        _: &Context,
        records: Vec<Record>,
        progress: &dyn Progress,
    ) -> Result<(usize, usize), AppError> {
        let (updates, creates): (Vec<Record>, Vec<Record>) =
            records.into_iter().partition(|r| r.id.is_some());
        let creates: Vec<ValidSite> = creates.into_iter().map(|r| r.site).collect();
        for chunk in creates.chunks(2000) {
            store::insert_many(txn, chunk).await?;
            progress.advance(chunk.len() as u64);
        }
        let ids: Vec<i64> = updates.iter().filter_map(|r| r.id).collect();
        let mut existing = crate::services::batch::records_by_id::<site::Entity>(
            txn,
            site::Column::Id,
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
            store::update(txn, model, &record.site).await?;
            progress.advance(1);
        }
        Ok((creates.len(), updated))
    }

    async fn export(
        db: &DatabaseConnection,
        _: &Caller<'_>,
        _: &str,
    ) -> Result<Vec<Vec<String>>, AppError> {
        let filter = SiteFilter {
            activity: sites::Activity::All,
            ..Default::default()
        };
        Ok(sites::all(db, &Scope::All, &filter)
            .await?
            .into_iter()
            .map(|s| {
                let input = s.to_input();
                let mut row = vec![
                    s.id.to_string(),
                    input.name,
                    input.organisation,
                    input.address,
                    input.location.settlement,
                    input.location.lat,
                    input.location.lon,
                    input.contact_name,
                    input.contact_phone,
                    input.contact_email,
                    join_list(&input.work_kinds),
                    join_list(&input.skills_needed),
                    join_list(&input.skills_taught),
                    input.capacity,
                    weekly_to_text(&s.schedule),
                ];
                row.extend(
                    SiteFlag::ALL
                        .iter()
                        .map(|f| yes_no(s.flags.get(*f)).to_owned()),
                );
                row.extend([
                    join_list(&input.languages),
                    input.active_from,
                    input.active_to,
                    input.region,
                    join_list(&input.supervisors),
                ]);
                row
            })
            .collect())
    }
}
