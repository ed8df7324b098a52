//! Matching over the demo data: suggestions respect restrictions and capacity; the pages, the
//! API, assigning (with e-mail and under concurrency) and ending.

mod api;
mod assign;
mod concurrency;
mod pages;

use korpu::auth::current_user::{self, AuthUser};
use korpu::domain::matching::{CandidateKind, Exclusion, LatLon, haversine_m};
use korpu::services::matching::suggest;

use crate::support::{TestApp, TestClient};

/// A fresh app holding the demo data.
pub async fn demo() -> TestApp {
    let app = TestApp::spawn().await;
    korpu::demo::load(&app.state).await.expect("demo loads");
    app
}

/// The demo coordinator of Baku (Leyla), signed in.
pub const LEYLA: &str = "leyla.coordinator@demo.korpu.az";
/// The demo coordinator of the other regions (Rəşad).
pub const RASHAD: &str = "rashad.coordinator@demo.korpu.az";

/// A browser signed in as a demo account.
pub async fn demo_browser(app: &TestApp, email: &str) -> TestClient {
    let client = app.client();
    client.sign_in(email, korpu::demo::DEMO_PASSWORD).await;
    client
}

/// A demo account as the services see it.
pub async fn demo_user(app: &TestApp, email: &str) -> AuthUser {
    let id = korpu::services::accounts::find_by_email(&app.db, email)
        .await
        .unwrap()
        .unwrap()
        .id;
    current_user::load(&app.db, id, current_user::AuthMethod::Session)
        .await
        .unwrap()
        .unwrap()
}

/// The open, unrestricted demo clients of a coordinator.
pub async fn clients_of(app: &TestApp, email: &str) -> Vec<entity::client::Model> {
    let user = demo_user(app, email).await;
    entity::client::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|c| c.coordinator_id == user.id && c.closed_on.is_none() && !c.restricted)
        .collect()
}

/// A demo client of Leyla's with a site nearer than its best suggestion that is excluded:
/// (client, site, the exclusions).
pub async fn nearer_excluded_site(app: &TestApp) -> (i64, i64, Vec<Exclusion>) {
    for client in clients_of(app, LEYLA).await {
        let kind = CandidateKind::Site;
        let (current, profile) = suggest::prepare(&app.db, &app.state.matching, client.id, kind)
            .await
            .unwrap();
        let Some(best) = suggest::suggest(&current, kind, &profile, 1).pop() else {
            continue;
        };
        let home = LatLon::new(client.lat, client.lon).unwrap();
        let mut nearer: Vec<(f64, i64)> = current
            .indexes
            .of(kind)
            .info
            .values()
            .map(|s| {
                (
                    haversine_m(&home, &LatLon::new(s.lat, s.lon).unwrap()),
                    s.id,
                )
            })
            .filter(|(d, _)| *d < best.suggestion.distance_km * 1000.0)
            .collect();
        nearer.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, site) in nearer {
            if let Err(why) = suggest::explain(&current, kind, &profile, site).outcome {
                return (client.id, site, why);
            }
        }
    }
    panic!("the demo has no client with a nearer, excluded site");
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
    let admin = demo_user(&app, "admin@demo.korpu.az").await;
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
