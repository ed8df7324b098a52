//! `clients` in CSV: one row per open client case. Confidential, so checked record by record
//! against the caller exactly as the register does (`clients::access`):
//!
//! - an export holds the open cases the caller may see (a coordinator: their own region's and
//!   their own clients; an admin: every unrestricted one; a restricted record only for the
//!   staff named on it), and every exported record is audited as `client.exported`;
//! - a row with an `id` updates a case the caller may see (any other id is "no such record",
//!   so the file reveals nothing), a closed case is refused;
//! - what a caller imports must stay visible to them: a coordinator imports clients of their
//!   own region, or clients they are responsible for;
//! - each record written is audited (`client.imported`, `client.updated`).
//!
//! Rows are checked with the register's rules (`clients::input::validate_with`). Orders and
//! restrictions are not part of this kind: they have their own dates, statuses and areas,
//! and are entered on the client's page (a later `orders` kind could carry them).

use std::collections::{HashMap, HashSet};

use chrono::Utc;
use entity::{client, client_access, region};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

use super::cells::{join_list, parse_yes_no, split_list, weekly_from_text, weekly_to_text, yes_no};
use super::{Caller, CsvKind, Progress, Row, Who, rename_fields};
use crate::auth::current_user::AuthUser;
use crate::domain::availability::Weekly;
use crate::domain::case_fields::list_from_json;
use crate::domain::needs::Need;
use crate::domain::text::search_key;
use crate::error::{AppError, FieldError};
use crate::services::audit::{self, Actor, Event};
use crate::services::batch;
use crate::services::clients::input::{ClientData, ClientRefs, validate_with};
use crate::services::clients::{self, ClientInput, HomeInput, access};
use crate::services::lookup::accounts_by_id;

/// The `clients` kind.
pub struct Clients;

/// Reference data, who imports, and the cases they may change.
pub struct Context {
    refs: ClientRefs,
    viewer: AuthUser,
    /// The command line.
    system: bool,
    actor: Actor,
    ip: String,
    /// Staff (coordinators and admins) by folded e-mail address.
    staff_by_email: HashMap<String, i64>,
    /// Cases the caller may see: id → closed.
    visible: HashMap<i64, bool>,
}

/// A validated row.
pub struct Record {
    id: Option<i64>,
    data: ClientData,
}

/// The user named by an id or an e-mail address, among the staff.
fn person(ctx: &Context, text: &str) -> Option<i64> {
    let text = text.trim();
    match text.parse::<i64>() {
        Ok(id) => ctx.refs.staff.iter().any(|s| s.id == id).then_some(id),
        Err(_) => ctx.staff_by_email.get(&search_key(text)).copied(),
    }
}

/// Staff e-mail addresses by user id (for exports and lookups).
async fn staff_emails(
    db: &impl sea_orm::ConnectionTrait,
    refs: &ClientRefs,
) -> Result<HashMap<i64, String>, AppError> {
    let ids: Vec<i64> = refs.staff.iter().map(|s| s.id).collect();
    Ok(accounts_by_id(db, &ids)
        .await?
        .into_iter()
        .map(|(id, account)| (id, account.email))
        .collect())
}

/// The stored rows the updates change, by id.
async fn load(
    txn: &DatabaseTransaction,
    updates: &[Record],
) -> Result<HashMap<i64, client::Model>, AppError> {
    let ids: Vec<i64> = updates.iter().filter_map(|r| r.id).collect();
    batch::records_by_id::<client::Entity>(txn, client::Column::Id, &ids, |c| c.id).await
}

impl CsvKind for Clients {
    const NAME: &'static str = "clients";
    const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "birth_date",
        "languages",
        "phone",
        "email",
        "address",
        "settlement",
        "lat",
        "lon",
        "region",
        "coordinator",
        "needs",
        "skills",
        "interests",
        "availability",
        "restricted",
        "access",
        "notes",
    ];
    const REQUIRED: &'static [&'static str] = &["name", "birth_date"];
    type Context = Context;
    type Record = Record;

    async fn context(txn: &DatabaseTransaction, who: &Who<'_>) -> Result<Context, AppError> {
        let viewer = who.caller.viewer();
        let refs = ClientRefs::load(txn).await?;
        let staff_by_email = staff_emails(txn, &refs)
            .await?
            .into_iter()
            .map(|(id, email)| (search_key(&email), id))
            .collect();
        let visible = client::Entity::find()
            .filter(access::visible_to(&viewer))
            .all(txn)
            .await?
            .into_iter()
            .map(|c| (c.id, c.closed_on.is_some()))
            .collect();
        Ok(Context {
            refs,
            actor: who.caller.actor(),
            system: matches!(who.caller, Caller::System),
            viewer,
            ip: who.ip.to_owned(),
            staff_by_email,
            visible,
        })
    }

    fn parse(ctx: &Context, row: &Row<'_>) -> Result<Record, Vec<FieldError>> {
        let mut problems = Vec::new();
        let id = match row.get("id").trim() {
            "" => None,
            text => match text
                .parse::<i64>()
                .ok()
                .and_then(|id| ctx.visible.get(&id).map(|c| (id, *c)))
            {
                Some((id, false)) => Some(id),
                Some((_, true)) => {
                    problems.push(FieldError::new("id", "error-client-closed"));
                    None
                }
                None => {
                    problems.push(FieldError::new("id", "error-csv-id-unknown"));
                    None
                }
            },
        };
        let region_id = match row.get("region").trim() {
            "" => None,
            code => match ctx.refs.lookup.region(code) {
                Some(r) => Some(r.id),
                None => {
                    problems.push(FieldError::new("region", "error-client-region"));
                    None
                }
            },
        };
        let coordinator_id = match row.get("coordinator").trim() {
            "" => None,
            text => match person(ctx, text) {
                Some(id) => Some(id),
                None => {
                    problems.push(FieldError::new("coordinator", "error-client-coordinator"));
                    None
                }
            },
        };
        let mut access = Vec::new();
        for name in split_list(row.get("access")) {
            match person(ctx, &name) {
                Some(id) => access.push(id),
                None => problems.push(FieldError::new("access", "error-client-access")),
            }
        }
        let restricted = parse_yes_no("restricted", row.get("restricted"), false)
            .map_err(|e| problems.push(e))
            .unwrap_or(false);
        let availability = weekly_from_text("availability", row.get("availability"))
            .map_err(|e| problems.push(e))
            .unwrap_or_default();
        let input = ClientInput {
            name: row.get("name").to_owned(),
            birth_date: row.get("birth_date").to_owned(),
            languages: split_list(row.get("languages")),
            phone: row.get("phone").to_owned(),
            email: row.get("email").to_owned(),
            address: row.get("address").to_owned(),
            home: HomeInput {
                settlement: row.get("settlement").to_owned(),
                lat: row.get("lat").to_owned(),
                lon: row.get("lon").to_owned(),
            },
            needs: split_list(row.get("needs")),
            skills: split_list(row.get("skills")),
            interests: row.get("interests").to_owned(),
            availability,
            region_id,
            coordinator_id,
            restricted,
            access,
            notes: row.get("notes").to_owned(),
        };
        let data = match validate_with(&ctx.refs, &ctx.viewer, &input) {
            Ok(data) => Some(data),
            Err(errors) => {
                let renamed = rename_fields(
                    errors,
                    &[
                        ("home_settlement", "settlement"),
                        ("home_lat", "lat"),
                        ("home_lon", "lon"),
                        ("region_id", "region"),
                        ("coordinator_id", "coordinator"),
                    ],
                );
                problems.extend(renamed.0);
                None
            }
        };
        // What someone imports must stay theirs to see: a coordinator imports clients of their
        // region or clients they are responsible for (the command line is not limited).
        if let Some(data) = &data
            && !ctx.system
            && !access::may_see_record(
                &ctx.viewer,
                access::Seen {
                    coordinator_id: data.coordinator_id,
                    region_id: data.region_id,
                    restricted: data.restricted,
                    named: data.access.contains(&ctx.viewer.id),
                },
            )
        {
            problems.push(FieldError::new("region", "error-csv-client-region"));
        }
        match data {
            Some(data) if problems.is_empty() => Ok(Record { id, data }),
            _ => Err(problems),
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
            .filter(|(_, r)| r.id.is_some_and(|id| !seen.insert(id)))
            .map(|(i, _)| (i, FieldError::new("id", "error-csv-id-twice")))
            .collect())
    }

    async fn write(
        txn: &DatabaseTransaction,
        ctx: &Context,
        records: Vec<Record>,
        progress: &dyn Progress,
    ) -> Result<(usize, usize), AppError> {
        let event = |action, id: i64, data: &ClientData| {
            Event::new(ctx.actor.clone(), action, &ctx.ip)
                .on("client", id)
                .detail(json!({
                    "via": "csv",
                    "region_id": data.region_id,
                    "coordinator_id": data.coordinator_id,
                    "restricted": data.restricted,
                    "access": data.access,
                }))
        };
        let (updates, creates): (Vec<Record>, Vec<Record>) =
            records.into_iter().partition(|r| r.id.is_some());
        let mut existing = load(txn, &updates).await?;
        let updated = updates.len();
        let mut events = Vec::with_capacity(updated);
        for Record { id, data } in updates {
            let current = id
                .and_then(|id| existing.remove(&id))
                .ok_or(AppError::NotFound)?;
            let mut active: client::ActiveModel = current.into();
            clients::fill(&mut active, &data);
            let model = active.update(txn).await?;
            clients::write_access(txn, model.id, &data.access).await?;
            events.push(event("client.updated", model.id, &data));
            progress.advance(1);
        }
        audit::record_many(txn, events).await?;
        let created = creates.len();
        for chunk in creates.chunks(batch::RECORD_BATCH) {
            let now = Utc::now();
            let rows = chunk
                .iter()
                .map(|r| {
                    let mut active = client::ActiveModel {
                        created_at: Set(now),
                        closed_on: Set(None),
                        close_reason: Set(None),
                        ..Default::default()
                    };
                    clients::fill(&mut active, &r.data);
                    active
                })
                .collect();
            let ids = batch::insert_returning_ids(txn, rows).await?;
            let mut access = Vec::new();
            let mut events = Vec::with_capacity(chunk.len());
            for (record, id) in chunk.iter().zip(ids) {
                access.extend(record.data.access.iter().map(|user_id| {
                    client_access::ActiveModel {
                        client_id: Set(id),
                        user_id: Set(*user_id),
                        granted_at: Set(now),
                    }
                }));
                events.push(event("client.imported", id, &record.data));
            }
            batch::insert_rows(txn, access).await?;
            audit::record_many(txn, events).await?;
            progress.advance(chunk.len() as u64);
        }
        Ok((created, updated))
    }

    async fn export(
        db: &DatabaseConnection,
        caller: &Caller<'_>,
        ip: &str,
    ) -> Result<Vec<Vec<String>>, AppError> {
        let viewer = caller.viewer();
        let rows = client::Entity::find()
            .filter(access::visible_to(&viewer))
            .filter(client::Column::ClosedOn.is_null())
            .order_by_asc(client::Column::Id)
            .all(db)
            .await?;
        let regions: HashMap<i64, String> = region::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, r.code))
            .collect();
        let ids: HashSet<i64> = rows.iter().map(|c| c.id).collect();
        let mut named: HashMap<i64, Vec<i64>> = HashMap::new();
        for grant in client_access::Entity::find()
            .order_by_asc(client_access::Column::UserId)
            .all(db)
            .await?
            .into_iter()
            .filter(|g| ids.contains(&g.client_id))
        {
            named
                .entry(grant.client_id)
                .or_default()
                .push(grant.user_id);
        }
        let mut people: Vec<i64> = rows.iter().map(|c| c.coordinator_id).collect();
        people.extend(named.values().flatten());
        let emails: HashMap<i64, String> = accounts_by_id(db, &people)
            .await?
            .into_iter()
            .map(|(id, account)| (id, account.email))
            .collect();
        let email_of = |id: i64| emails.get(&id).cloned().unwrap_or_else(|| id.to_string());
        let txn = db.begin().await?;
        let actor = caller.actor();
        let mut out = Vec::with_capacity(rows.len());
        let events = rows
            .iter()
            .map(|c| Event::new(actor.clone(), "client.exported", ip).on("client", c.id))
            .collect();
        audit::record_many(&txn, events).await?;
        for c in rows {
            let list = |text: &str| serde_json::from_str::<Vec<String>>(text).unwrap_or_default();
            let needs: Vec<&str> = list_from_json::<Need>(&c.needs)
                .iter()
                .map(|n| n.as_str())
                .collect();
            let access: Vec<String> = named
                .get(&c.id)
                .map(|users| users.iter().map(|u| email_of(*u)).collect())
                .unwrap_or_default();
            out.push(vec![
                c.id.to_string(),
                c.name.clone(),
                c.birth_date.to_string(),
                join_list(&list(&c.languages)),
                c.phone.clone().unwrap_or_default(),
                c.email.clone().unwrap_or_default(),
                c.address.clone().unwrap_or_default(),
                c.settlement.clone().unwrap_or_default(),
                c.lat.to_string(),
                c.lon.to_string(),
                c.region_id
                    .and_then(|id| regions.get(&id).cloned())
                    .unwrap_or_default(),
                email_of(c.coordinator_id),
                join_list(&needs),
                join_list(&list(&c.skills)),
                c.interests.clone().unwrap_or_default(),
                weekly_to_text(&Weekly::from_json(&c.availability)),
                yes_no(c.restricted).to_owned(),
                join_list(&access),
                c.notes.clone().unwrap_or_default(),
            ]);
        }
        txn.commit().await?;
        Ok(out)
    }
}
