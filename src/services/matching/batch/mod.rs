//! Batch proposals: every waiting client of a region assigned at once to sites or mentors,
//! optimally (the engine's exact min-cost assignment over every feasible pair, with the
//! same filter and score as suggestions), stored for a coordinator to review and accept in
//! part or whole. Each accepted proposal goes through [`super::assign::assign`], so
//! capacity is re-checked; what can no longer be made is reported.
//!
//! The capacity a run gives a candidate is [`batch_capacity`]; the cost of any pair is
//! obtainable with [`costs::pair_costs`], so anyone can re-solve a run and check it.

pub mod accept;
pub mod costs;
pub mod run;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use entity::{batch_proposal, batch_run, client, region};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;

use super::cache::KindIndex;
use super::usage::Usage;
use crate::auth::Role;
use crate::auth::current_user::AuthUser;
use crate::domain::matching::CandidateKind;
use crate::error::{AppError, FieldError};
use crate::services::clients::access;

pub use accept::{AcceptOutcome, Selection, accept};
pub use run::{RunRequest, run};

/// Proposal statuses.
pub const PROPOSED: &str = "proposed";
/// Accepted: the placement or mentoring exists.
pub const ACCEPTED: &str = "accepted";
/// Refused at acceptance (reason in `outcome`).
pub const REFUSED: &str = "refused";

/// The kinds a batch can assign, from their names (`site`, `mentor`).
pub fn parse_kind(text: &str) -> Result<CandidateKind, FieldError> {
    match text.trim() {
        "site" => Ok(CandidateKind::Site),
        "mentor" => Ok(CandidateKind::Mentor),
        _ => Err(FieldError::new("kind", "error-batch-kind")),
    }
}

/// The name of a batch kind.
pub fn kind_name(kind: CandidateKind) -> &'static str {
    match kind {
        CandidateKind::Site => "site",
        CandidateKind::Mentor => "mentor",
        CandidateKind::Psychologist => "psychologist",
    }
}

/// The capacity a batch run gives candidate `id`: free places at every hour of a site's
/// schedule (so a proposal fits whatever the client's hours), free mentee places, free
/// caseload.
pub fn batch_capacity(kind: CandidateKind, index: &KindIndex, usage: &Usage, id: i64) -> u32 {
    let Some(info) = index.info.get(&id) else {
        return 0;
    };
    let used = match kind {
        CandidateKind::Site => {
            return usage.sites.get(&id).map_or(info.capacity, |counts| {
                counts.free_everywhere(info.capacity, &info.schedule)
            });
        }
        CandidateKind::Mentor => usage.mentors.get(&id),
        CandidateKind::Psychologist => usage.psychologists.get(&id),
    };
    info.capacity
        .saturating_sub(used.copied().unwrap_or_default())
}

/// Whether `user` may run and see batches of `region_id`: admins any, coordinators their own.
pub fn may_use_region(user: &AuthUser, region_id: i64) -> bool {
    user.has(Role::Admin) || (user.has(Role::Coordinator) && user.region_id == Some(region_id))
}

/// One waiting client of a run as shown.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ProposalView {
    /// Proposal id.
    pub id: i64,
    /// Client id.
    pub client_id: i64,
    /// Client name.
    pub client_name: String,
    /// Proposed site or volunteer (none: see `unassigned`).
    pub candidate_id: Option<i64>,
    /// Its name, while it is an active candidate.
    pub candidate_name: Option<String>,
    /// Distance between the client's home and the candidate, km.
    pub distance_km: Option<f64>,
    /// Pair cost (0 best … 1,000,000), as `GET /api/v1/clients/{id}/costs` gives it.
    pub cost: Option<i64>,
    /// Why no candidate: `no_feasible_candidate` (every candidate is excluded by a hard
    /// constraint) or `no_place_left` (the feasible ones are full or taken by the optimum).
    pub unassigned: Option<String>,
    /// `proposed`, `accepted` or `refused`.
    pub status: String,
    /// Why an acceptance was refused.
    #[schema(value_type = Object)]
    pub outcome: Option<serde_json::Value>,
    /// The placement or mentoring created on acceptance.
    pub created_id: Option<i64>,
}

/// A run with its proposals.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct BatchView {
    /// Run id.
    pub id: i64,
    /// Region.
    pub region_id: i64,
    /// Region name.
    pub region_name: String,
    /// `site` or `mentor`.
    pub kind: String,
    /// Waiting clients considered.
    pub waiting: i32,
    /// Waiting clients beyond the per-run limit (`KORPU_BATCH_MAX_CLIENTS`), left for a
    /// later run: those waiting longest are taken first.
    pub left_out: i32,
    /// Clients with a proposal.
    pub proposed: i32,
    /// Sum of the proposals' costs.
    pub total_cost: i64,
    /// The engine's dual values proved the result optimal over every feasible pair.
    pub proven_optimal: bool,
    /// Solve time, ms.
    pub milliseconds: i32,
    /// Who ran it (user id).
    pub created_by: Option<i64>,
    /// When.
    pub created_at: DateTime<Utc>,
    /// Clients with a proposal, best (lowest cost) first.
    pub proposals: Vec<ProposalView>,
    /// Clients without one.
    pub unassigned: Vec<ProposalView>,
}

/// A run as listed.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct RunSummary {
    /// Run id.
    pub id: i64,
    /// Region name.
    pub region_name: String,
    /// `site` or `mentor`.
    pub kind: String,
    /// Waiting clients.
    pub waiting: i32,
    /// Proposals.
    pub proposed: i32,
    /// Total cost.
    pub total_cost: i64,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Loads a run the user may see (404 otherwise).
pub async fn load_run(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    run_id: i64,
) -> Result<batch_run::Model, AppError> {
    let run = batch_run::Entity::find_by_id(run_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_use_region(user, run.region_id) {
        return Err(AppError::NotFound);
    }
    Ok(run)
}

/// The latest runs of the regions the user may use.
pub async fn recent(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    limit: u64,
) -> Result<Vec<RunSummary>, AppError> {
    use sea_orm::QuerySelect;
    let mut query = batch_run::Entity::find()
        .order_by_desc(batch_run::Column::Id)
        .limit(limit);
    if !user.has(Role::Admin) {
        query = query.filter(batch_run::Column::RegionId.eq(user.region_id.unwrap_or(-1)));
    }
    let runs = query.all(db).await?;
    let names = region_names(db).await?;
    Ok(runs
        .into_iter()
        .map(|r| RunSummary {
            id: r.id,
            region_name: names.get(&r.region_id).cloned().unwrap_or_default(),
            kind: r.kind,
            waiting: r.waiting,
            proposed: r.proposed,
            total_cost: r.total_cost,
            created_at: r.created_at,
        })
        .collect())
}

async fn region_names(db: &impl ConnectionTrait) -> Result<HashMap<i64, String>, AppError> {
    Ok(region::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|r| (r.id, r.name))
        .collect())
}

/// A run with its proposals, as the user may see it: proposals of clients the user may not
/// see (restricted records) are left out.
pub async fn view(
    db: &impl ConnectionTrait,
    cache: &super::MatchingCache,
    user: &AuthUser,
    run_id: i64,
) -> Result<BatchView, AppError> {
    let run = load_run(db, user, run_id).await?;
    let rows = batch_proposal::Entity::find()
        .filter(batch_proposal::Column::RunId.eq(run.id))
        .order_by_asc(batch_proposal::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|p| p.client_id).collect();
    let mut names: HashMap<i64, String> = HashMap::new();
    for chunk in ids.chunks(crate::services::batch::IN_LIMIT) {
        let visible = client::Entity::find()
            .filter(client::Column::Id.is_in(chunk.to_vec()))
            .filter(access::visible_to(user))
            .all(db)
            .await?;
        names.extend(visible.into_iter().map(|c| (c.id, c.name)));
    }
    let kind = parse_kind(&run.kind).unwrap_or(CandidateKind::Site);
    let current = cache.current(db).await?;
    let index = current.indexes.of(kind);
    let (mut proposals, mut unassigned) = (Vec::new(), Vec::new());
    for p in rows {
        let Some(client_name) = names.get(&p.client_id).cloned() else {
            continue;
        };
        let view = ProposalView {
            id: p.id,
            client_id: p.client_id,
            client_name,
            candidate_id: p.candidate_id,
            candidate_name: p
                .candidate_id
                .and_then(|id| index.info.get(&id))
                .map(|i| i.name.clone()),
            distance_km: p.distance_m.map(|m| (m / 100.0).round() / 10.0),
            cost: p.cost,
            unassigned: p.unassigned,
            status: p.status,
            outcome: p.outcome.and_then(|o| serde_json::from_str(&o).ok()),
            created_id: p.created_id,
        };
        if view.candidate_id.is_some() {
            proposals.push(view);
        } else {
            unassigned.push(view);
        }
    }
    proposals.sort_by_key(|p| (p.cost, p.id));
    Ok(BatchView {
        id: run.id,
        region_id: run.region_id,
        region_name: region_names(db)
            .await?
            .remove(&run.region_id)
            .unwrap_or_default(),
        kind: run.kind,
        waiting: run.waiting,
        left_out: run.left_out,
        proposed: run.proposed,
        total_cost: run.total_cost,
        proven_optimal: run.proven_optimal,
        milliseconds: run.milliseconds,
        created_by: run.created_by,
        created_at: run.created_at,
        proposals,
        unassigned,
    })
}

/// A proposal awaiting review for one client, as its record shows it.
#[derive(Clone, Debug, Serialize)]
pub struct PendingProposal {
    /// The run to review it in.
    pub run_id: i64,
    /// `site` or `mentor`.
    pub kind: String,
}

/// The proposals still awaiting review for a client (the caller may see the client), in the
/// runs `user` may open, newest first.
pub async fn pending_for_client(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    client_id: i64,
) -> Result<Vec<PendingProposal>, AppError> {
    let rows = batch_proposal::Entity::find()
        .filter(batch_proposal::Column::ClientId.eq(client_id))
        .filter(batch_proposal::Column::Status.eq(PROPOSED))
        .filter(batch_proposal::Column::CandidateId.is_not_null())
        .all(db)
        .await?;
    let runs = batch_run::Entity::find()
        .filter(batch_run::Column::Id.is_in(rows.iter().map(|p| p.run_id)))
        .order_by_desc(batch_run::Column::Id)
        .all(db)
        .await?;
    Ok(runs
        .into_iter()
        .filter(|r| may_use_region(user, r.region_id))
        .map(|r| PendingProposal {
            run_id: r.id,
            kind: r.kind,
        })
        .collect())
}
