//! Matching over the demo data: suggestions respect restrictions and capacity.

use korpu::domain::matching::{CandidateKind, Exclusion};
use korpu::services::matching::suggest;

use crate::support::TestApp;

async fn demo() -> TestApp {
    let app = TestApp::spawn().await;
    korpu::demo::load(&app.state).await.expect("demo loads");
    app
}

#[tokio::test]
async fn demo_clients_get_suggestions_of_every_kind() {
    let app = demo().await;
    let clients: Vec<i64> = entity::client::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.closed_on.is_none())
        .map(|c| c.id)
        .collect();
    let mut found = [0usize; 3];
    for id in clients {
        for (i, kind) in [
            CandidateKind::Site,
            CandidateKind::Mentor,
            CandidateKind::Psychologist,
        ]
        .into_iter()
        .enumerate()
        {
            let (current, profile) = suggest::prepare(&app.db, &app.state.matching, id, kind)
                .await
                .unwrap();
            let list = suggest::suggest(&current, kind, &profile, 10);
            found[i] += list.len();
            for s in &list {
                // Each suggestion is feasible when explained on its own.
                let why = suggest::explain(&current, kind, &profile, s.candidate.id);
                assert!(
                    why.outcome.is_ok(),
                    "{kind:?} {} for client {id}: {:?}",
                    s.candidate.name,
                    why.outcome
                );
                assert!(!s.suggestion.reasons.is_empty());
            }
        }
    }
    assert!(
        found.iter().all(|n| *n > 0),
        "suggestions per kind: {found:?}"
    );
}

#[tokio::test]
async fn an_unknown_candidate_is_explained_as_unknown() {
    let app = demo().await;
    let client = entity::client::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (current, profile) =
        suggest::prepare(&app.db, &app.state.matching, client.id, CandidateKind::Site)
            .await
            .unwrap();
    let why = suggest::explain(&current, CandidateKind::Site, &profile, 999_999);
    assert!(why.candidate.is_none());
    assert!(
        matches!(why.outcome, Err(ref e) if e.contains(&Exclusion::UnknownCandidate)),
        "{:?}",
        why.outcome
    );
}

use sea_orm::EntityTrait;

#[tokio::test]
async fn assigning_the_best_site_takes_a_place_and_refuses_a_second_time() {
    use korpu::services::matching::assign::{self, Assigned, Refusal};
    let app = demo().await;
    let admin_id = korpu::services::accounts::find_by_email(&app.db, "admin@demo.korpu.az")
        .await
        .unwrap()
        .unwrap()
        .id;
    let admin = korpu::auth::current_user::load(
        &app.db,
        admin_id,
        korpu::auth::current_user::AuthMethod::Session,
    )
    .await
    .unwrap()
    .unwrap();
    let clients = entity::client::Entity::find().all(&app.db).await.unwrap();
    for client in clients
        .iter()
        .filter(|c| c.closed_on.is_none() && !c.restricted)
    {
        let (current, profile) =
            suggest::prepare(&app.db, &app.state.matching, client.id, CandidateKind::Site)
                .await
                .unwrap();
        let Some(best) = suggest::suggest(&current, CandidateKind::Site, &profile, 1).pop() else {
            continue;
        };
        let request = assign::Request {
            client_id: client.id,
            kind: CandidateKind::Site,
            candidate_id: best.candidate.id,
            reason: "",
        };
        let created = assign::assign(
            &app.db,
            &app.state.matching,
            &app.state.mailer,
            &admin,
            "test",
            &request,
        )
        .await
        .unwrap()
        .expect("the best suggestion can be assigned");
        assert!(
            matches!(created, Assigned::Placement { site_id, .. } if site_id == best.candidate.id)
        );
        let again = assign::assign(
            &app.db,
            &app.state.matching,
            &app.state.mailer,
            &admin,
            "test",
            &request,
        )
        .await
        .unwrap();
        assert_eq!(again.unwrap_err(), Refusal::AlreadyAssigned);
        let (current, profile) =
            suggest::prepare(&app.db, &app.state.matching, client.id, CandidateKind::Site)
                .await
                .unwrap();
        let after = suggest::explain(&current, CandidateKind::Site, &profile, best.candidate.id);
        assert_eq!(
            after.free_places,
            best.free_places - 1,
            "usage is refreshed after the assignment"
        );
        return;
    }
    panic!("no demo client had a site suggestion");
}
