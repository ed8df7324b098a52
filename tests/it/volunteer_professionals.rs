//! A volunteer who applied as a psychologist joins the register of professionals at approval,
//! linked to their account, becomes a psychologist candidate for referrals, leaves referrals
//! while suspended, and is erased from the register when they withdraw.

use entity::professional;
use korpu::domain::matching::CandidateKind;
use korpu::services::audit::Actor;
use korpu::services::volunteers::own;
use korpu::services::volunteers::professional::VOLUNTEER_CASELOAD;
use korpu::services::volunteers::vetting::{self, TransitionInput};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::support::TestApp;
use crate::volunteer_support::{application, approved_with, today, volunteer_by_email};

async fn move_with_reason(app: &TestApp, id: i64, to: &str) {
    vetting::transition(
        &app.db,
        &app.state.mailer,
        &Actor::System,
        "test",
        id,
        &TransitionInput {
            to: to.into(),
            reason: "Decided at the review meeting.".into(),
        },
        today(),
    )
    .await
    .unwrap_or_else(|e| panic!("move to {to}: {e:?}"));
}

async fn entry_of(app: &TestApp, user_id: i64) -> Option<professional::Model> {
    professional::Entity::find()
        .filter(professional::Column::UserId.eq(user_id))
        .one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_approved_volunteer_psychologist_joins_the_register_and_follows_their_account() {
    let app = TestApp::spawn().await;
    let mut input = application("aytac@example.az", "Aytac Məmmədova");
    input.profile.roles = vec!["professional".into()];
    input.profile.professional_kind = "psychologist".into();
    input.profile.specialties = vec!["addiction".into(), "family".into()];
    let id = approved_with(&app, &input).await;
    let user_id = volunteer_by_email(&app, "aytac@example.az")
        .await
        .user_id
        .expect("approval opens an account");

    let entry = entry_of(&app, user_id).await.expect("a register entry");
    assert_eq!(entry.name, "Aytac Məmmədova");
    assert_eq!(entry.kind, "psychologist");
    assert_eq!(entry.caseload_capacity, VOLUNTEER_CASELOAD);
    assert!(entry.active);
    let shown = korpu::services::professionals::get(&app.db, entry.id)
        .await
        .unwrap();
    let specialties: Vec<&str> = shown.specialties.iter().map(|s| s.as_str()).collect();
    assert_eq!(specialties, ["addiction", "family"]);
    let current = app.state.matching.current(&app.db).await.unwrap();
    assert!(
        current
            .indexes
            .of(CandidateKind::Psychologist)
            .info
            .contains_key(&entry.id),
        "a psychologist candidate for referrals"
    );

    move_with_reason(&app, id, "suspended").await;
    assert!(!entry_of(&app, user_id).await.unwrap().active);
    move_with_reason(&app, id, "approved").await;
    assert!(entry_of(&app, user_id).await.unwrap().active);
    let entries = professional::Entity::find()
        .filter(professional::Column::UserId.eq(user_id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(entries.len(), 1, "reinstatement adds no second entry");

    own::withdraw(&app.db, &app.state.mailer, &Actor::System, "test", user_id)
        .await
        .unwrap();
    let erased = entry_of(&app, user_id).await.unwrap();
    assert!(!erased.active);
    assert_eq!(erased.name, "");
    assert_eq!(erased.email, "");
}

#[tokio::test]
async fn a_mentor_does_not_join_the_register_of_professionals() {
    let app = TestApp::spawn().await;
    approved_with(&app, &application("kamal@example.az", "Kamal Əliyev")).await;
    let user_id = volunteer_by_email(&app, "kamal@example.az")
        .await
        .user_id
        .unwrap();
    assert!(entry_of(&app, user_id).await.is_none());
}
