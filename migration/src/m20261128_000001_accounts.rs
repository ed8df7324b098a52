//! Regions, users, roles, sessions, sign-in attempts, one-time tokens, API tokens, the audit
//! log and rate-limit counters.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

use crate::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Regions::Table)
                .col(big_pk_auto(Regions::Id))
                .col(string_uniq(Regions::Code))
                .col(string(Regions::Name))
                .col(double_null(Regions::Lat))
                .col(double_null(Regions::Lon))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Users::Table)
                .col(big_pk_auto(Users::Id))
                .col(string(Users::Email))
                .col(string_uniq(Users::EmailKey))
                .col(string(Users::Name))
                .col(string(Users::NameKey))
                .col(string_null(Users::PasswordHash))
                .col(string_len(Users::Language, 8))
                .col(big_integer_null(Users::RegionId))
                .col(boolean(Users::Active).default(true))
                .col(timestamp_with_time_zone_null(Users::LockedUntil))
                .col(timestamp_with_time_zone_null(Users::PasswordChangedAt))
                .col(timestamp_with_time_zone(Users::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Users::Table, Users::RegionId)
                        .to(Regions::Table, Regions::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Users::Table, &["name_key"])).await?;

        m.create_table(
            Table::create()
                .table(UserRoles::Table)
                .col(big_integer(UserRoles::UserId))
                .col(string_len(UserRoles::Role, 32))
                .col(timestamp_with_time_zone(UserRoles::GrantedAt))
                .primary_key(Index::create().col(UserRoles::UserId).col(UserRoles::Role))
                .foreign_key(
                    ForeignKey::create()
                        .from(UserRoles::Table, UserRoles::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(string_len(Sessions::IdHash, 64).primary_key())
                .col(big_integer_null(Sessions::UserId))
                .col(string_len(Sessions::CsrfToken, 64))
                .col(text(Sessions::Data))
                .col(timestamp_with_time_zone(Sessions::CreatedAt))
                .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Sessions::Table, Sessions::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(index(Sessions::Table, &["user_id"])).await?;
        m.create_index(index(Sessions::Table, &["last_seen_at"]))
            .await?;

        m.create_table(
            Table::create()
                .table(LoginAttempts::Table)
                .col(big_pk_auto(LoginAttempts::Id))
                .col(string(LoginAttempts::EmailKey))
                .col(big_integer_null(LoginAttempts::UserId))
                .col(string_len(LoginAttempts::Ip, 64))
                .col(boolean(LoginAttempts::Success))
                .col(timestamp_with_time_zone(LoginAttempts::At))
                .to_owned(),
        )
        .await?;
        m.create_index(index(LoginAttempts::Table, &["email_key", "at"]))
            .await?;

        m.create_table(
            Table::create()
                .table(OneTimeTokens::Table)
                .col(big_pk_auto(OneTimeTokens::Id))
                .col(big_integer(OneTimeTokens::UserId))
                .col(string_len(OneTimeTokens::Purpose, 32))
                .col(string_len_uniq(OneTimeTokens::TokenHash, 64))
                .col(timestamp_with_time_zone(OneTimeTokens::ExpiresAt))
                .col(timestamp_with_time_zone_null(OneTimeTokens::UsedAt))
                .col(timestamp_with_time_zone(OneTimeTokens::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(OneTimeTokens::Table, OneTimeTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(ApiTokens::Table)
                .col(big_pk_auto(ApiTokens::Id))
                .col(big_integer(ApiTokens::UserId))
                .col(string(ApiTokens::Name))
                .col(string_len(ApiTokens::Prefix, 16))
                .col(string_len_uniq(ApiTokens::TokenHash, 64))
                .col(timestamp_with_time_zone(ApiTokens::CreatedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::LastUsedAt))
                .col(timestamp_with_time_zone_null(ApiTokens::RevokedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(ApiTokens::Table, ApiTokens::UserId)
                        .to(Users::Table, Users::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(big_pk_auto(AuditLog::Id))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(big_integer_null(AuditLog::ActorId))
                .col(string(AuditLog::ActorLabel))
                .col(string_len(AuditLog::Action, 64))
                .col(string_len_null(AuditLog::ObjectType, 64))
                .col(big_integer_null(AuditLog::ObjectId))
                .col(string_len(AuditLog::Ip, 64))
                .col(text(AuditLog::Detail))
                .to_owned(),
        )
        .await?;
        m.create_index(index(AuditLog::Table, &["at"])).await?;
        m.create_index(index(AuditLog::Table, &["actor_id", "at"]))
            .await?;
        m.create_index(index(AuditLog::Table, &["object_type", "object_id"]))
            .await?;
        append_only_guard(m).await?;

        m.create_table(
            Table::create()
                .table(RateLimits::Table)
                .col(string(RateLimits::Key))
                .col(big_integer(RateLimits::WindowStart))
                .col(integer(RateLimits::Count))
                .primary_key(
                    Index::create()
                        .col(RateLimits::Key)
                        .col(RateLimits::WindowStart),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RateLimits::Table.into_iden(),
            AuditLog::Table.into_iden(),
            ApiTokens::Table.into_iden(),
            OneTimeTokens::Table.into_iden(),
            LoginAttempts::Table.into_iden(),
            Sessions::Table.into_iden(),
            UserRoles::Table.into_iden(),
            Users::Table.into_iden(),
            Regions::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

/// The audit log is append-only in the database itself, not only by convention.
async fn append_only_guard(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let db = m.get_connection();
    match m.get_database_backend() {
        sea_orm::DbBackend::Postgres => {
            db.execute_unprepared(
                "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$",
            )
            .await?;
            db.execute_unprepared(
                "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log \
                 FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
            )
            .await?;
        }
        _ => {
            for op in ["UPDATE", "DELETE"] {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER audit_log_no_{op} BEFORE {op} ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
                ))
                .await?;
            }
        }
    }
    Ok(())
}

#[derive(DeriveIden)]
pub enum Regions {
    Table,
    Id,
    Code,
    Name,
    Lat,
    Lon,
}

#[derive(DeriveIden)]
pub enum Users {
    Table,
    Id,
    Email,
    EmailKey,
    Name,
    NameKey,
    PasswordHash,
    Language,
    RegionId,
    Active,
    LockedUntil,
    PasswordChangedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UserRoles {
    Table,
    UserId,
    Role,
    GrantedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    IdHash,
    UserId,
    CsrfToken,
    Data,
    CreatedAt,
    LastSeenAt,
}

#[derive(DeriveIden)]
enum LoginAttempts {
    Table,
    Id,
    EmailKey,
    UserId,
    Ip,
    Success,
    At,
}

#[derive(DeriveIden)]
enum OneTimeTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ApiTokens {
    Table,
    Id,
    UserId,
    Name,
    Prefix,
    TokenHash,
    CreatedAt,
    LastUsedAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    ActorLabel,
    Action,
    ObjectType,
    ObjectId,
    Ip,
    Detail,
}

#[derive(DeriveIden)]
enum RateLimits {
    Table,
    Key,
    WindowStart,
    Count,
}
