//! Running a batch: the waiting clients of a region, the engine's exact assignment, the
//! stored run.

use std::collections::HashMap;
use std::time::Instant;

use chrono::Utc;
use entity::{batch_proposal, batch_run, client, mentoring, order, placement, region};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect, Set,
    TransactionTrait,
};
use serde::Deserialize;
use serde_json::json;

use super::{PROPOSED, batch_capacity, kind_name, may_use_region, parse_kind};
use crate::auth::current_user::AuthUser;
use crate::domain::matching::{
    BatchOptions, BatchResult, CandidateKind, ClientProfile, assign_batch, haversine_m,
};
use crate::error::{AppError, FieldErrors};
use crate::services::audit::{self, Actor, Event};
use crate::services::clients::{access, profile as register};
use crate::services::matching::cache::Current;
use crate::services::matching::{MatchingCache, client as engine_client};

/// What to run, as a form or JSON gives it.
#[derive(Clone, Debug, Default, Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct RunRequest {
    /// The region whose waiting clients are assigned.
    #[serde(
        default,
        deserialize_with = "crate::domain::case_fields::lenient::text_or_number"
    )]
    #[schema(value_type = i64)]
    pub region_id: String,
    /// `site` or `mentor`.
    #[serde(default)]
    pub kind: String,
}

/// Order statuses of a case that needs a site.
const ORDER_ACTIVE: &str = "active";

/// Runs a batch for the waiting clients of a region the user may use, stores and audits it,
/// and returns its id.
pub async fn run(
    db: &DatabaseConnection,
    cache: &MatchingCache,
    user: &AuthUser,
    ip: &str,
    request: &RunRequest,
) -> Result<i64, AppError> {
    let mut errors = FieldErrors::new();
    let kind = errors.take(parse_kind(&request.kind));
    let region_id = request.region_id.trim().parse::<i64>().ok();
    let region = match region_id {
        Some(id) => region::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    if region.is_none() {
        errors.add("region_id", "error-batch-region");
    }
    errors.into_result()?;
    let (Some(kind), Some(region)) = (kind, region) else {
        return Err(AppError::NotFound);
    };
    if !may_use_region(user, region.id) {
        return Err(AppError::NotFound);
    }
    // One solve at a time per instance; the permit is held by the solve itself.
    let permit = cache
        .try_batch_permit()
        .ok_or(AppError::Conflict("error-batch-busy"))?;
    let current = cache.current(db).await?;
    let loading = Instant::now();
    let (clients, left_out) = waiting(
        db,
        user,
        region.id,
        kind,
        &current,
        cache.batch_max_clients(),
    )
    .await?;
    let load_ms = loading.elapsed().as_millis() as u64;
    let started = Instant::now();
    let engine_current = current.clone();
    let engine_clients = clients.clone();
    let (result, reasons) = tokio::task::spawn_blocking(move || {
        let solved = solve(&engine_current, kind, &engine_clients);
        drop(permit);
        solved
    })
    .await
    .map_err(|e| AppError::Internal(anyhow::anyhow!("batch solve: {e}")))?;
    let milliseconds = started.elapsed().as_millis().min(i32::MAX as u128) as i32;
    tracing::info!(
        region = region.id,
        kind = kind_name(kind),
        waiting = clients.len(),
        proposed = result.assigned_count,
        load_ms,
        solve_ms = milliseconds,
        search_s = result.timings.initial_search_s,
        ssp_s = result.timings.solve_s,
        pricing_s = result.timings.pricing_s,
        rounds = result.rounds,
        pairs = result.pairs_listed,
        "batch solved"
    );
    let index = &current.indexes.of(kind).index;
    let txn = db.begin().await?;
    let stored = batch_run::ActiveModel {
        region_id: Set(region.id),
        kind: Set(kind_name(kind).into()),
        waiting: Set(clients.len() as i32),
        left_out: Set(left_out as i32),
        proposed: Set(result.assigned_count as i32),
        total_cost: Set(result.total_cost),
        proven_optimal: Set(result.proven_optimal),
        rounds: Set(result.rounds as i32),
        milliseconds: Set(milliseconds),
        created_by: Set(Some(user.id)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let rows: Vec<batch_proposal::ActiveModel> = clients
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let candidate = result.assigned[i];
            let distance = candidate
                .and_then(|id| index.get(id))
                .map(|cand| haversine_m(&c.location, &cand.location));
            batch_proposal::ActiveModel {
                run_id: Set(stored.id),
                client_id: Set(c.id),
                candidate_id: Set(candidate),
                cost: Set(result.costs[i]),
                distance_m: Set(distance),
                unassigned: Set(candidate.is_none().then(|| reasons[i].to_owned())),
                status: Set(PROPOSED.into()),
                outcome: Set(None),
                created_id: Set(None),
                decided_at: Set(None),
                ..Default::default()
            }
        })
        .collect();
    crate::services::batch::insert_rows(&txn, rows).await?;
    audit::record(
        &txn,
        Event::new(Actor::user(user), "batch.run", ip)
            .on("batch_run", stored.id)
            .detail(json!({
                "region_id": region.id,
                "kind": kind_name(kind),
                "waiting": clients.len(),
                "proposed": result.assigned_count,
                "total_cost": result.total_cost,
                "proven_optimal": result.proven_optimal,
            })),
    )
    .await?;
    txn.commit().await?;
    Ok(stored.id)
}

/// The exact assignment and, per client, why it has no candidate (when it has none).
fn solve(
    current: &Current,
    kind: CandidateKind,
    clients: &[ClientProfile],
) -> (BatchResult, Vec<&'static str>) {
    let index = current.indexes.of(kind);
    let capacity = |id| batch_capacity(kind, index, &current.usage, id);
    let options = BatchOptions {
        threads: 1,
        ..BatchOptions::default()
    };
    let result = assign_batch(&index.index, clients, capacity, &options);
    let reasons = clients
        .iter()
        .zip(&result.assigned)
        .map(|(c, a)| match a {
            Some(_) => "",
            None if index.index.top_ids(c, 1, |_| 1).is_empty() => "no_feasible_candidate",
            None => "no_place_left",
        })
        .collect();
    (result, reasons)
}

/// Engine profiles of the clients of `region_id` the user may see whose open case waits for
/// `kind`: for a site, an active order counted in hours and no active placement; for a
/// mentor, no active mentoring. At most `limit` clients, those registered first (waiting
/// longest); the second value is how many were left out.
pub async fn waiting(
    db: &DatabaseConnection,
    user: &AuthUser,
    region_id: i64,
    kind: CandidateKind,
    current: &Current,
    limit: usize,
) -> Result<(Vec<ClientProfile>, usize), AppError> {
    let mut query = client::Entity::find()
        .select_only()
        .column(client::Column::Id)
        .filter(access::visible_to(user))
        .filter(client::Column::RegionId.eq(region_id))
        .filter(client::Column::ClosedOn.is_null());
    query = match kind {
        CandidateKind::Site => query
            .filter(
                client::Column::Id.in_subquery(
                    Query::select()
                        .column(order::Column::ClientId)
                        .from(order::Entity)
                        .and_where(order::Column::Status.eq(ORDER_ACTIVE))
                        .and_where(order::Column::HoursOrdered.is_not_null())
                        .to_owned(),
                ),
            )
            .filter(
                client::Column::Id.not_in_subquery(
                    Query::select()
                        .column(placement::Column::ClientId)
                        .from(placement::Entity)
                        .and_where(
                            placement::Column::Status.eq(super::super::usage::PLACEMENT_ACTIVE),
                        )
                        .to_owned(),
                ),
            ),
        _ => query.filter(
            client::Column::Id.not_in_subquery(
                Query::select()
                    .column(mentoring::Column::ClientId)
                    .from(mentoring::Entity)
                    .and_where(mentoring::Column::Status.eq(super::super::usage::MENTORING_ACTIVE))
                    .to_owned(),
            ),
        ),
    };
    let mut ids: Vec<i64> = query.into_tuple().all(db).await?;
    ids.sort_unstable();
    let left_out = ids.len().saturating_sub(limit);
    ids.truncate(limit);
    let previous = previous_helpers(db, kind, &ids).await?;
    let vocab = current.indexes.of(kind).index.vocabularies();
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(2000) {
        for p in register::profiles(db, chunk).await? {
            let before = previous.get(&p.id).cloned().unwrap_or_default();
            if let Some(profile) = engine_client::engine_profile(&p, vocab, before) {
                out.push(profile);
            }
        }
    }
    out.sort_by_key(|c| c.id);
    Ok((out, left_out))
}

/// The helpers of `kind` each client had before, in one query per chunk of clients.
async fn previous_helpers(
    db: &DatabaseConnection,
    kind: CandidateKind,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<i64>>, AppError> {
    let mut out: HashMap<i64, Vec<i64>> = HashMap::new();
    for chunk in ids.chunks(2000) {
        let pairs: Vec<(i64, i64)> = match kind {
            CandidateKind::Site => {
                placement::Entity::find()
                    .select_only()
                    .column(placement::Column::ClientId)
                    .column(placement::Column::SiteId)
                    .filter(placement::Column::ClientId.is_in(chunk.to_vec()))
                    .into_tuple()
                    .all(db)
                    .await?
            }
            _ => {
                mentoring::Entity::find()
                    .select_only()
                    .column(mentoring::Column::ClientId)
                    .column(mentoring::Column::VolunteerId)
                    .filter(mentoring::Column::ClientId.is_in(chunk.to_vec()))
                    .into_tuple()
                    .all(db)
                    .await?
            }
        };
        for (client, helper) in pairs {
            out.entry(client).or_default().push(helper);
        }
    }
    Ok(out)
}
