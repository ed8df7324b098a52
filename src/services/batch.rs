//! Batched reads and writes shared by the registers (sites, professionals, and what CSV
//! import writes): multi-row `INSERT`s that give back the new ids, and reading the rows of a
//! list table for many records in one query.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel,
    PrimaryKeyTrait, QueryFilter,
};

use crate::error::AppError;

/// Records per multi-row `INSERT` of a main table (about 25 values each: well under
/// SQLite's 32,766 and PostgreSQL's 65,535 parameters).
pub const RECORD_BATCH: usize = 400;
/// Rows per `INSERT` of a two- or three-column list table.
pub const LIST_BATCH: usize = 2000;
/// Above this many records, list rows are read whole rather than by `IN (…)`.
pub const IN_LIMIT: usize = 500;

/// Inserts `models` in batches and returns their ids in the order given. Run it inside a
/// transaction. PostgreSQL returns the ids (`RETURNING`); on SQLite the rows of one
/// multi-row `INSERT` get consecutive ids ending at the last inserted row id, because a
/// statement writes alone.
pub async fn insert_returning_ids<A>(
    txn: &impl ConnectionTrait,
    models: Vec<A>,
) -> Result<Vec<i64>, AppError>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    <<A::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: Into<i64>,
{
    let mut ids = Vec::with_capacity(models.len());
    let mut models = models.into_iter().peekable();
    while models.peek().is_some() {
        let chunk: Vec<A> = models.by_ref().take(RECORD_BATCH).collect();
        let count = chunk.len() as i64;
        let mut chunk_ids: Vec<i64> = if txn.get_database_backend() == DbBackend::Postgres {
            A::Entity::insert_many(chunk)
                .exec_with_returning_keys(txn)
                .await?
                .into_iter()
                .map(Into::into)
                .collect()
        } else {
            let last: i64 = A::Entity::insert_many(chunk)
                .exec(txn)
                .await?
                .last_insert_id
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no id from insert")))?
                .into();
            (last - count + 1..=last).collect()
        };
        chunk_ids.sort_unstable();
        ids.extend(chunk_ids);
    }
    Ok(ids)
}

/// Inserts rows of a list table (composite key, no id) in batches.
pub async fn insert_rows<A>(txn: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), AppError>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(LIST_BATCH).collect();
        A::Entity::insert_many(chunk)
            .exec_without_returning(txn)
            .await?;
    }
    Ok(())
}

/// The rows of a list table belonging to `ids` (all rows when there are many ids; callers
/// pick theirs by key).
pub async fn rows_for<E: EntityTrait>(
    db: &impl ConnectionTrait,
    column: E::Column,
    ids: &[i64],
) -> Result<Vec<E::Model>, AppError> {
    if ids.len() > IN_LIMIT {
        return Ok(E::find().all(db).await?);
    }
    Ok(E::find().filter(column.is_in(ids.to_vec())).all(db).await?)
}

/// The records with these ids (`column` is the primary key), keyed by `id`, read
/// [`IN_LIMIT`] ids per query.
pub async fn records_by_id<E: EntityTrait>(
    db: &impl ConnectionTrait,
    column: E::Column,
    ids: &[i64],
    id: impl Fn(&E::Model) -> i64,
) -> Result<std::collections::HashMap<i64, E::Model>, AppError> {
    let mut records = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(IN_LIMIT) {
        for model in E::find()
            .filter(column.is_in(chunk.to_vec()))
            .all(db)
            .await?
        {
            records.insert(id(&model), model);
        }
    }
    Ok(records)
}
