//! The mail outbox: every e-mail is written here in the transaction that causes it.

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
                .table(MailOutbox::Table)
                .col(big_pk_auto(MailOutbox::Id))
                .col(string(MailOutbox::MessageId))
                .col(string(MailOutbox::ToAddress))
                .col(string(MailOutbox::ToName))
                .col(string(MailOutbox::Template))
                .col(string_len(MailOutbox::Language, 8))
                .col(string(MailOutbox::Subject))
                .col(text(MailOutbox::BodyText))
                .col(text(MailOutbox::BodyHtml))
                .col(string_len(MailOutbox::Status, 16))
                .col(integer(MailOutbox::Attempts).default(0))
                .col(timestamp_with_time_zone(MailOutbox::NextAttemptAt))
                .col(string_len_null(MailOutbox::ClaimToken, 64))
                .col(timestamp_with_time_zone_null(MailOutbox::ClaimedUntil))
                .col(text_null(MailOutbox::LastError))
                .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                .to_owned(),
        )
        .await?;
        m.create_index(index(MailOutbox::Table, &["status", "next_attempt_at"]))
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(MailOutbox::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    MessageId,
    ToAddress,
    ToName,
    Template,
    Language,
    Subject,
    BodyText,
    BodyHtml,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimToken,
    ClaimedUntil,
    LastError,
    CreatedAt,
    SentAt,
}
