//! SEAM with the sites area (issue 5, other half). The supervisor's limited view of clients
//! needs two facts that belong to sites: which sites a user supervises, and what the sites are
//! called. They live in the tables `site_supervisors(site_id, user_id)` and `sites(id, name)`,
//! which the sites area's migrations create. Until the branches are merged they are read here
//! by plain SQL (built with sea-query, so it runs on SQLite and PostgreSQL); after the merge,
//! point these two functions at the sites service (`services::sites`) and delete this file.

use std::collections::HashMap;

use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, DbBackend};

use crate::error::AppError;

/// Ids of the sites `user_id` supervises.
pub async fn supervised_site_ids(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<i64>, AppError> {
    let query = Query::select()
        .column(Alias::new("site_id"))
        .from(Alias::new("site_supervisors"))
        .and_where(Expr::col(Alias::new("user_id")).eq(user_id))
        .to_owned();
    let backend: DbBackend = db.get_database_backend();
    let mut ids = Vec::new();
    for row in db.query_all_raw(backend.build(&query)).await? {
        ids.push(row.try_get::<i64>("", "site_id")?);
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}

/// The names of these sites.
pub async fn site_names(
    db: &impl ConnectionTrait,
    site_ids: &[i64],
) -> Result<HashMap<i64, String>, AppError> {
    if site_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let query = Query::select()
        .columns([Alias::new("id"), Alias::new("name")])
        .from(Alias::new("sites"))
        .and_where(Expr::col(Alias::new("id")).is_in(site_ids.iter().copied()))
        .to_owned();
    let backend: DbBackend = db.get_database_backend();
    let mut names = HashMap::new();
    for row in db.query_all_raw(backend.build(&query)).await? {
        names.insert(
            row.try_get::<i64>("", "id")?,
            row.try_get::<String>("", "name")?,
        );
    }
    Ok(names)
}
