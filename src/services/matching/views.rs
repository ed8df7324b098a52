//! Suggestions and "why not X?" as pages and the API show them: the candidate, distance, free
//! places, score, and every reason or exclusion both machine-readable and in words.

use std::collections::HashMap;

use sea_orm::ConnectionTrait;
use serde::Serialize;
use serde_json::json;

use super::assignments::{self, AssignmentKind};
use super::cache::MatchingCache;
use super::candidates::CandidateInfo;
use super::suggest::{self, Suggested};
use super::words::Words;
use crate::auth::current_user::AuthUser;
use crate::domain::matching::{CandidateKind, Exclusion, Reason};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::services::audit::{self, Actor, Event};
use crate::services::clients::{access, restrictions};
use crate::services::skills;

/// How far down the ranking "why not X?" looks for a feasible candidate's rank.
pub const RANK_DEPTH: usize = 200;
/// The most suggestions one request may ask for.
pub const MAX_COUNT: usize = 50;

/// A reason, machine-readable (`reason` and its numbers) and in words (`text`).
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ReasonView {
    /// `{"reason": "distance", "km": 3.4}` and so on (see the engine's `Reason`).
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub detail: Reason,
    /// The reason in the request's language.
    pub text: String,
}

/// A failed constraint, machine-readable (`exclusion` and its numbers) and in words.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ExclusionView {
    /// `{"exclusion": "too_far", "km": 31.2, "limit_km": 25}` and so on.
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub detail: Exclusion,
    /// The constraint in the request's language.
    pub text: String,
}

/// One ranked, explained candidate.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SuggestionView {
    /// 1 for the best.
    pub rank: usize,
    /// `site`, `mentor` or `psychologist`.
    pub kind: &'static str,
    /// The candidate.
    pub candidate: CandidateInfo,
    /// Score, between 0 and `max_score`.
    pub score: f64,
    /// The best possible score (the sum of the configured weights).
    pub max_score: f64,
    /// The score as a whole percentage of the best possible.
    pub percent: u32,
    /// Batch cost of the pair (0 best … 1,000,000).
    pub cost: i64,
    /// Great-circle distance in km.
    pub distance_km: f64,
    /// Places left for this client (site places at the client's times, mentees, caseload).
    pub free_places: u32,
    /// Why it is suggested.
    pub reasons: Vec<ReasonView>,
}

/// The answer to "why not this candidate?".
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ExplanationView {
    /// `site`, `mentor` or `psychologist`.
    pub kind: &'static str,
    /// The candidate (absent when no active candidate of the kind has this id).
    pub candidate: Option<CandidateInfo>,
    /// Whether the candidate passes every constraint.
    pub suggested: bool,
    /// Whether the candidate already helps the client (then it is not suggested again).
    pub current: bool,
    /// Its place in the ranking when suggested (absent beyond the first 200).
    pub rank: Option<usize>,
    /// The suggestion it is, when suggested.
    pub suggestion: Option<SuggestionView>,
    /// Every constraint that excludes it (empty when suggested).
    pub exclusions: Vec<ExclusionView>,
}

/// The kind named by `code` (`site`, `mentor`, `psychologist`); anything else is a field
/// error on `kind` (422).
pub fn parse_kind(code: &str) -> Result<CandidateKind, AppError> {
    CandidateKind::parse(code).ok_or_else(|| AppError::field("kind", "error-match-kind"))
}

/// Words in `lang`, with the curated skill names.
pub async fn words(db: &impl ConnectionTrait, lang: Lang) -> Result<Words, AppError> {
    let names: HashMap<String, String> = skills::list(db, lang, false)
        .await?
        .into_iter()
        .map(|s| (s.code, s.name))
        .collect();
    Ok(Words::new(lang, names))
}

/// Words in `lang` for one client's matches: skills and the client's exclusion zones named.
pub async fn client_words(
    db: &impl ConnectionTrait,
    lang: Lang,
    client_id: i64,
) -> Result<Words, AppError> {
    let zones = restrictions::exclusion_zone_names(db, client_id).await?;
    Ok(words(db, lang).await?.with_zones(zones))
}

fn view(words: &Words, max_score: f64, rank: usize, s: Suggested) -> SuggestionView {
    let kind = s.suggestion.kind;
    SuggestionView {
        rank,
        kind: kind.as_str(),
        score: s.suggestion.score,
        max_score,
        percent: if max_score > 0.0 {
            (100.0 * s.suggestion.score / max_score)
                .round()
                .clamp(0.0, 100.0) as u32
        } else {
            0
        },
        cost: s.suggestion.cost,
        distance_km: s.suggestion.distance_km,
        free_places: s.free_places,
        reasons: s
            .suggestion
            .reasons
            .iter()
            .map(|r| ReasonView {
                detail: r.clone(),
                text: words.reason(kind, r),
            })
            .collect(),
        candidate: s.candidate,
    }
}

/// Whom to match with what, and in which language to explain it.
#[derive(Clone, Copy, Debug)]
pub struct Ask {
    /// The client.
    pub client_id: i64,
    /// Site, mentor or psychologist.
    pub kind: CandidateKind,
    /// Language of the words.
    pub lang: Lang,
}

/// Checks that the actor may see the client (404 otherwise) and audits the read as a read
/// of the client record (`client.read`, with what was read): suggestions and their reasons
/// reveal the client's restrictions, needs and whereabouts.
async fn read_client(
    db: &impl ConnectionTrait,
    actor: &AuthUser,
    ip: &str,
    ask: Ask,
    what: &str,
) -> Result<(), AppError> {
    access::load_visible(db, actor, ip, ask.client_id).await?;
    audit::record(
        db,
        Event::new(Actor::user(actor), "client.read", ip)
            .on("client", ask.client_id)
            .detail(json!({ "matching": what, "kind": ask.kind.as_str() })),
    )
    .await?;
    Ok(())
}

/// The `count` best candidates for a client the actor may see, explained; the read is
/// audited.
pub async fn suggestions(
    db: &impl ConnectionTrait,
    cache: &MatchingCache,
    actor: &AuthUser,
    ip: &str,
    ask: Ask,
    count: usize,
) -> Result<Vec<SuggestionView>, AppError> {
    read_client(db, actor, ip, ask, "suggestions").await?;
    suggestions_of_read_client(db, cache, ask, count).await
}

/// Like [`suggestions`], for a client whose read the caller has already checked and audited
/// (the page reads the whole record with `clients::read`).
pub(crate) async fn suggestions_of_read_client(
    db: &impl ConnectionTrait,
    cache: &MatchingCache,
    ask: Ask,
    count: usize,
) -> Result<Vec<SuggestionView>, AppError> {
    let Ask {
        client_id,
        kind,
        lang,
    } = ask;
    let (current, profile) = suggest::prepare(db, cache, client_id, kind).await?;
    let words = client_words(db, lang, client_id).await?;
    let max_score = cache.config().weights.total();
    let helping = current_helpers(db, client_id, kind).await?;
    let count = count.clamp(1, MAX_COUNT);
    Ok(
        suggest::suggest(&current, kind, &profile, count + helping.len())
            .into_iter()
            .filter(|s| !helping.contains(&s.candidate.id))
            .take(count)
            .enumerate()
            .map(|(i, s)| view(&words, max_score, i + 1, s))
            .collect(),
    )
}

/// The helpers of `kind` the client has now: they are not suggested again.
async fn current_helpers(
    db: &impl ConnectionTrait,
    client_id: i64,
    kind: CandidateKind,
) -> Result<Vec<i64>, AppError> {
    Ok(assignments::of_client(db, client_id)
        .await?
        .into_iter()
        .filter(|a| a.active && a.kind == AssignmentKind::of(kind))
        .map(|a| a.helper_id)
        .collect())
}

/// Why candidate `candidate_id` is or is not suggested for a client the actor may see; the
/// read is audited.
pub async fn why_not(
    db: &impl ConnectionTrait,
    cache: &MatchingCache,
    actor: &AuthUser,
    ip: &str,
    ask: Ask,
    candidate_id: i64,
) -> Result<ExplanationView, AppError> {
    read_client(db, actor, ip, ask, "why_not").await?;
    why_not_of_read_client(db, cache, ask, candidate_id).await
}

/// Like [`why_not`], for a client whose read the caller has already checked and audited.
pub(crate) async fn why_not_of_read_client(
    db: &impl ConnectionTrait,
    cache: &MatchingCache,
    ask: Ask,
    candidate_id: i64,
) -> Result<ExplanationView, AppError> {
    let Ask {
        client_id,
        kind,
        lang,
    } = ask;
    let (current, profile) = suggest::prepare(db, cache, client_id, kind).await?;
    let words = client_words(db, lang, client_id).await?;
    let explained = suggest::explain(&current, kind, &profile, candidate_id);
    let max_score = cache.config().weights.total();
    let helping = current_helpers(db, client_id, kind).await?;
    let mut out = ExplanationView {
        kind: kind.as_str(),
        candidate: explained.candidate.clone(),
        current: helping.contains(&candidate_id),
        suggested: false,
        rank: None,
        suggestion: None,
        exclusions: Vec::new(),
    };
    match explained.outcome {
        Ok(suggestion) => {
            let rank = suggest::suggest(&current, kind, &profile, RANK_DEPTH + helping.len())
                .iter()
                .filter(|s| !helping.contains(&s.candidate.id) || s.candidate.id == candidate_id)
                .position(|s| s.candidate.id == candidate_id)
                .map(|i| i + 1);
            out.suggested = true;
            out.rank = rank;
            out.suggestion = explained.candidate.map(|candidate| {
                view(
                    &words,
                    max_score,
                    rank.unwrap_or(0),
                    Suggested {
                        suggestion,
                        candidate,
                        free_places: explained.free_places,
                    },
                )
            });
        }
        Err(exclusions) => {
            out.exclusions = exclusions
                .into_iter()
                .map(|e| ExclusionView {
                    text: words.exclusion(kind, &e),
                    detail: e,
                })
                .collect();
        }
    }
    Ok(out)
}

/// The active candidates of `kind`, by name, for the "why not?" choice.
pub async fn candidates(
    db: &impl ConnectionTrait,
    cache: &MatchingCache,
    kind: CandidateKind,
) -> Result<Vec<CandidateInfo>, AppError> {
    let current = cache.current(db).await?;
    let mut list: Vec<CandidateInfo> = current.indexes.of(kind).info.values().cloned().collect();
    list.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    Ok(list)
}
