//! Accepting proposals of a run: each one through [`assign::assign`] (its own write
//! transaction, which re-checks constraints and capacity), so a proposal that can no
//! longer be made is refused and reported, never half-written.

use chrono::Utc;
use entity::batch_proposal;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;
use serde_json::json;

use super::{ACCEPTED, PROPOSED, REFUSED, load_run, parse_kind};
use crate::auth::current_user::AuthUser;
use crate::error::{AppError, FieldErrors};
use crate::mail::Mailer;
use crate::services::audit::{self, Actor, Event};
use crate::services::matching::MatchingCache;
use crate::services::matching::assign::{self, Assigned, Refusal, Request};

/// Which proposals to accept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// Every proposal still open.
    All,
    /// These proposal ids (of this run).
    Ids(Vec<i64>),
}

/// A proposal made real.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Created {
    /// Proposal id.
    pub proposal_id: i64,
    /// Client id.
    pub client_id: i64,
    /// What was created (placement or mentoring, with its id).
    #[schema(value_type = Object)]
    pub assigned: Assigned,
}

/// A proposal that could not be made.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Refused {
    /// Proposal id.
    pub proposal_id: i64,
    /// Client id.
    pub client_id: i64,
    /// `full`, `already_assigned`, `excluded` (with `exclusions`), `case_closed`,
    /// `unavailable` (the candidate is no longer active, or the client no longer visible to
    /// the user) or `already_decided`.
    pub reason: String,
    /// The hard constraints that now exclude the pair.
    #[schema(value_type = Vec<Object>)]
    pub exclusions: Vec<crate::domain::matching::Exclusion>,
}

/// What an acceptance did.
#[derive(Clone, Debug, Default, Serialize, utoipa::ToSchema)]
pub struct AcceptOutcome {
    /// Created placements or mentorings.
    pub created: Vec<Created>,
    /// Proposals refused, with why.
    pub refused: Vec<Refused>,
}

/// Accepts the selected proposals of a run the user may see.
pub async fn accept(
    db: &DatabaseConnection,
    cache: &MatchingCache,
    mailer: &Mailer,
    user: &AuthUser,
    ip: &str,
    run_id: i64,
    selection: &Selection,
) -> Result<AcceptOutcome, AppError> {
    let run = load_run(db, user, run_id).await?;
    let kind = parse_kind(&run.kind).map_err(|_| AppError::NotFound)?;
    let rows = batch_proposal::Entity::find()
        .filter(batch_proposal::Column::RunId.eq(run.id))
        .filter(batch_proposal::Column::CandidateId.is_not_null())
        .order_by_asc(batch_proposal::Column::Id)
        .all(db)
        .await?;
    let chosen: Vec<batch_proposal::Model> = match selection {
        Selection::All => rows.into_iter().filter(|p| p.status == PROPOSED).collect(),
        Selection::Ids(ids) => {
            let mut errors = FieldErrors::new();
            if ids.is_empty() {
                errors.add("proposal_ids", "error-batch-nothing-selected");
            } else if ids.iter().any(|id| !rows.iter().any(|p| p.id == *id)) {
                errors.add("proposal_ids", "error-batch-unknown-proposal");
            }
            errors.into_result()?;
            rows.into_iter().filter(|p| ids.contains(&p.id)).collect()
        }
    };
    let mut outcome = AcceptOutcome::default();
    for proposal in chosen {
        let refuse = |reason: &str, exclusions| Refused {
            proposal_id: proposal.id,
            client_id: proposal.client_id,
            reason: reason.into(),
            exclusions,
        };
        let Some(candidate_id) = proposal.candidate_id else {
            continue;
        };
        if proposal.status != PROPOSED {
            outcome.refused.push(refuse("already_decided", Vec::new()));
            continue;
        }
        let request = Request {
            client_id: proposal.client_id,
            kind,
            candidate_id,
            reason: "",
        };
        let result = match assign::assign(db, cache, mailer, user, ip, &request).await {
            Ok(Ok(assigned)) => Ok(assigned),
            Ok(Err(Refusal::Full)) => Err(refuse("full", Vec::new())),
            Ok(Err(Refusal::AlreadyAssigned)) => Err(refuse("already_assigned", Vec::new())),
            Ok(Err(Refusal::Excluded(exclusions))) => Err(refuse("excluded", exclusions)),
            // The candidate left the index (inactive, lapsed) or the client is no longer
            // visible to this user.
            Err(AppError::NotFound) => Err(refuse("unavailable", Vec::new())),
            Err(AppError::Conflict(_)) => Err(refuse("case_closed", Vec::new())),
            Err(other) => return Err(other),
        };
        let mut row = proposal.clone().into_active_model();
        row.decided_at = Set(Some(Utc::now()));
        match result {
            Ok(assigned) => {
                let created_id = match &assigned {
                    Assigned::Placement { id, .. }
                    | Assigned::Mentoring { id, .. }
                    | Assigned::Referral { id, .. } => *id,
                };
                row.status = Set(ACCEPTED.into());
                row.created_id = Set(Some(created_id));
                row.update(db).await?;
                outcome.created.push(Created {
                    proposal_id: proposal.id,
                    client_id: proposal.client_id,
                    assigned,
                });
            }
            Err(refused) => {
                row.status = Set(REFUSED.into());
                row.outcome = Set(Some(
                    json!({ "reason": refused.reason, "exclusions": refused.exclusions })
                        .to_string(),
                ));
                row.update(db).await?;
                outcome.refused.push(refused);
            }
        }
    }
    audit::record(
        db,
        Event::new(Actor::user(user), "batch.accepted", ip)
            .on("batch_run", run.id)
            .detail(json!({
                "created": outcome.created.iter().map(|c| c.proposal_id).collect::<Vec<_>>(),
                "refused": outcome.refused.iter().map(|r| r.proposal_id).collect::<Vec<_>>(),
            })),
    )
    .await?;
    Ok(outcome)
}
