//! Many assignments at once never overfill a site or a mentor (SQLite and PostgreSQL).

use korpu::domain::matching::CandidateKind;
use korpu::services::matching::assign::{self, Refusal, Request};
use korpu::services::matching::suggest;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, NotSet, PaginatorTrait,
    QueryFilter, Set,
};

use super::{LEYLA, clients_of, demo, demo_user};
use crate::support::TestApp;

const TASKS: usize = 20;

/// `n` copies of one of Leyla's clients (same home, languages, availability; no restrictions).
async fn twins(app: &TestApp, n: usize) -> Vec<i64> {
    let original = clients_of(app, LEYLA).await.remove(0);
    let mut ids = Vec::new();
    for i in 0..n {
        let mut row = original.clone().into_active_model();
        row.id = NotSet;
        row.name = Set(format!("Twin {i} (demo)"));
        row.name_key = Set(format!("twin {i} (demo)"));
        ids.push(row.insert(&app.db).await.unwrap().id);
    }
    ids
}

/// The best candidate of `kind` for `client`.
async fn best(app: &TestApp, client: i64, kind: CandidateKind) -> (i64, u32) {
    let (current, profile) = suggest::prepare(&app.db, &app.state.matching, client, kind)
        .await
        .unwrap();
    let s = suggest::suggest(&current, kind, &profile, 1)
        .pop()
        .expect("a suggestion");
    (s.candidate.id, s.free_places)
}

/// Runs one assignment per client, all at once; returns (created, refused as full).
async fn race(
    app: &TestApp,
    clients: &[i64],
    kind: CandidateKind,
    candidate: i64,
) -> (usize, usize) {
    let actor = demo_user(app, LEYLA).await;
    let mut tasks = Vec::new();
    for client in clients {
        let state = app.state.clone();
        let actor = actor.clone();
        let client = *client;
        tasks.push(tokio::spawn(async move {
            let request = Request {
                client_id: client,
                kind,
                candidate_id: candidate,
                reason: "concurrency test",
            };
            assign::assign(
                &state.db,
                &state.matching,
                &state.mailer,
                &actor,
                "test",
                &request,
            )
            .await
        }));
    }
    let (mut created, mut full) = (0, 0);
    for task in tasks {
        match task.await.unwrap().expect("no error under contention") {
            Ok(_) => created += 1,
            Err(Refusal::Full) => full += 1,
            // A request that starts after the place is gone is refused before the
            // transaction, as having no capacity.
            Err(Refusal::Excluded(why)) => {
                assert!(why.is_empty(), "only capacity may refuse: {why:?}");
                full += 1;
            }
            Err(other) => panic!("unexpected refusal {other:?}"),
        }
    }
    (created, full)
}

#[tokio::test]
async fn twenty_concurrent_placements_never_overfill_a_site_with_two_places() {
    let app = demo().await;
    let clients = twins(&app, TASKS).await;
    let (site, _) = best(&app, clients[0], CandidateKind::Site).await;
    let mut row = entity::site::Entity::find_by_id(site)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.capacity = Set(2);
    row.update(&app.db).await.unwrap();
    let (again, free) = best(&app, clients[0], CandidateKind::Site).await;
    assert_eq!((again, free), (site, 2), "still the best, with two places");
    let (created, full) = race(&app, &clients, CandidateKind::Site, site).await;
    assert_eq!((created, full), (2, TASKS - 2));
    let active = entity::placement::Entity::find()
        .filter(entity::placement::Column::SiteId.eq(site))
        .filter(entity::placement::Column::Status.eq("active"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(active, 2);
}

#[tokio::test]
async fn twenty_concurrent_mentorings_never_overfill_a_mentor_of_one_mentee() {
    let app = demo().await;
    let clients = twins(&app, TASKS).await;
    let (mentor, _) = best(&app, clients[0], CandidateKind::Mentor).await;
    let mut row = entity::volunteer::Entity::find_by_id(mentor)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    row.max_mentees = Set(1);
    row.update(&app.db).await.unwrap();
    assert_eq!(
        best(&app, clients[0], CandidateKind::Mentor).await,
        (mentor, 1)
    );
    let (created, full) = race(&app, &clients, CandidateKind::Mentor, mentor).await;
    assert_eq!((created, full), (1, TASKS - 1));
    let active = entity::mentoring::Entity::find()
        .filter(entity::mentoring::Column::VolunteerId.eq(mentor))
        .filter(entity::mentoring::Column::Status.eq("active"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(active, 1);
}
