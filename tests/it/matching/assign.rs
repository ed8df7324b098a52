//! Assigning from the page: the right people get the right e-mail; helpers see their clients;
//! ending frees the place.

use axum::http::StatusCode;
use korpu::domain::matching::CandidateKind;
use korpu::services::matching::suggest;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::{LEYLA, clients_of, demo, demo_browser, demo_user};
use crate::support::TestApp;

/// The first of Leyla's clients for whom `candidate` (or, when `None`, anyone) of `kind` is
/// suggested: (client, candidate id).
async fn client_suggesting(
    app: &TestApp,
    kind: CandidateKind,
    candidate: Option<i64>,
) -> (entity::client::Model, i64) {
    for client in clients_of(app, LEYLA).await {
        let (current, profile) = suggest::prepare(&app.db, &app.state.matching, client.id, kind)
            .await
            .unwrap();
        let list = suggest::suggest(&current, kind, &profile, 50);
        let found = match candidate {
            Some(id) => list.iter().find(|s| s.candidate.id == id),
            None => list.first(),
        };
        if let Some(s) = found {
            return (client, s.candidate.id);
        }
    }
    panic!("no demo client has a {kind:?} suggestion {candidate:?}");
}

fn mails_to<'a>(
    outbox: &'a [entity::mail_outbox::Model],
    template: &str,
) -> Vec<&'a entity::mail_outbox::Model> {
    outbox.iter().filter(|m| m.template == template).collect()
}

#[tokio::test]
async fn assigning_a_site_mails_the_coordinator_and_the_supervisors_without_order_details() {
    let app = demo().await;
    let (client, site) = client_suggesting(&app, CandidateKind::Site, None).await;
    let supervisor = demo_user(&app, "supervisor@demo.korpu.az").await;
    let _ = entity::site_supervisor::ActiveModel {
        site_id: Set(site),
        user_id: Set(supervisor.id),
    }
    .insert(&app.db)
    .await;
    let before = app.outbox().await.len();
    let browser = demo_browser(&app, LEYLA).await;
    browser
        .get(&format!("/clients/{}/suggestions?kind=site", client.id))
        .await;
    let done = browser
        .post_form(
            &format!("/clients/{}/suggestions", client.id),
            &[("kind", "site"), ("candidate_id", &site.to_string())],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location().unwrap(), format!("/clients/{}", client.id));
    let record = browser.get(&format!("/clients/{}", client.id)).await;
    assert!(record.body.contains("flash"), "a flash message");
    assert!(
        record.body.contains("/assignments/placement/"),
        "an end link"
    );
    let outbox = app.outbox().await;
    let new = &outbox[before..];
    let coordinator = mails_to(new, "assignment_coordinator");
    assert_eq!(coordinator.len(), 1);
    assert_eq!(coordinator[0].to_address, LEYLA);
    assert_eq!(coordinator[0].language, "az", "Leyla reads Azerbaijani");
    let supervisors = mails_to(new, "assignment_supervisor");
    assert_eq!(supervisors.len(), 1);
    let mail = supervisors[0];
    assert_eq!(mail.to_address, "supervisor@demo.korpu.az");
    assert!(mail.body_text.contains(&client.name));
    let orders = entity::order::Entity::find()
        .filter(entity::order::Column::ClientId.eq(client.id))
        .all(&app.db)
        .await
        .unwrap();
    assert!(!orders.is_empty());
    for order in orders {
        for text in [order.offence.unwrap_or_default(), order.reference] {
            if !text.is_empty() {
                assert!(
                    !mail.body_text.contains(&text) && !mail.body_html.contains(&text),
                    "the supervisor's mail reveals {text}"
                );
            }
        }
    }
    assert!(
        app.audit_actions()
            .await
            .contains(&"matching.assigned".to_owned())
    );
}

#[tokio::test]
async fn the_mentor_and_the_psychologist_are_mailed_and_see_only_what_they_need() {
    let app = demo().await;
    let mentor_user = demo_user(&app, "mentor@demo.korpu.az").await;
    let mentor = entity::volunteer::Entity::find()
        .filter(entity::volunteer::Column::UserId.eq(mentor_user.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (client, _) = client_suggesting(&app, CandidateKind::Mentor, Some(mentor.id)).await;
    let browser = demo_browser(&app, LEYLA).await;
    browser
        .get(&format!("/clients/{}/suggestions?kind=mentor", client.id))
        .await;
    let done = browser
        .post_form(
            &format!("/clients/{}/suggestions", client.id),
            &[("kind", "mentor"), ("candidate_id", &mentor.id.to_string())],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let outbox = app.outbox().await;
    let mail = mails_to(&outbox, "assignment_mentor");
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to_address, mentor.email);
    assert_eq!(mail[0].language, mentor.language);
    assert!(mail[0].body_text.contains(LEYLA), "whom to contact");
    let mentor_browser = demo_browser(&app, "mentor@demo.korpu.az").await;
    let mentees = mentor_browser.get("/me/mentees").await;
    assert_eq!(mentees.status, StatusCode::OK);
    assert!(mentees.body.contains(&client.name));
    let order = entity::order::Entity::find()
        .filter(entity::order::Column::ClientId.eq(client.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!mentees.body.contains(&order.reference));
    if let Some(phone) = &client.phone {
        assert!(!mentees.body.contains(phone.as_str()));
    }

    let psychologist_user = demo_user(&app, "psychologist@demo.korpu.az").await;
    let professional = entity::professional::Entity::find()
        .filter(entity::professional::Column::UserId.eq(psychologist_user.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (client, _) =
        client_suggesting(&app, CandidateKind::Psychologist, Some(professional.id)).await;
    let path = format!("/clients/{}/suggestions", client.id);
    browser.get(&format!("{path}?kind=psychologist")).await;
    let id = professional.id.to_string();
    let missing = browser
        .post_form(&path, &[("kind", "psychologist"), ("candidate_id", &id)])
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        missing.body.contains("field-error"),
        "the reason is asked for"
    );
    let reason = "Drinking again since losing work (demo)";
    let done = browser
        .post_form(
            &path,
            &[
                ("kind", "psychologist"),
                ("candidate_id", &id),
                ("reason", reason),
            ],
        )
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let outbox = app.outbox().await;
    let mail = mails_to(&outbox, "assignment_psychologist");
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to_address, professional.email);
    assert_eq!(
        mail[0].language, "ru",
        "the psychologist's account reads Russian"
    );
    assert!(mail[0].body_text.contains(reason));
    let referrals = demo_browser(&app, "psychologist@demo.korpu.az")
        .await
        .get("/me/referrals")
        .await;
    assert_eq!(referrals.status, StatusCode::OK);
    assert!(referrals.body.contains(&client.name) && referrals.body.contains(reason));

    // Ending both takes the clients off the helpers' lists.
    let mentoring = entity::mentoring::Entity::find()
        .filter(entity::mentoring::Column::VolunteerId.eq(mentor.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let referral = entity::referral::Entity::find()
        .filter(entity::referral::Column::ProfessionalId.eq(professional.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    for (kind, id, client_id) in [
        ("mentoring", mentoring.id, mentoring.client_id),
        ("referral", referral.id, referral.client_id),
    ] {
        let end = format!("/clients/{client_id}/assignments/{kind}/{id}/end");
        browser.get(&end).await;
        let done = browser
            .post_form(&end, &[("reason", "Goals reached")])
            .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{kind}: {}", done.body);
    }
    let mentees = mentor_browser.get("/me/mentees").await;
    assert!(
        !mentees
            .body
            .contains(&mentoring_client_name(&app, mentoring.client_id).await)
    );
    let referral = entity::referral::Entity::find_by_id(referral.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(referral.status, "closed");
    assert_eq!(referral.outcome.as_deref(), Some("Goals reached"));
}

async fn mentoring_client_name(app: &TestApp, id: i64) -> String {
    entity::client::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .name
}

#[tokio::test]
async fn ending_a_placement_frees_its_place_and_is_audited() {
    let app = demo().await;
    let (client, site) = client_suggesting(&app, CandidateKind::Site, None).await;
    let free = |app: &TestApp| {
        let db = app.db.clone();
        let cache = app.state.matching.clone();
        let client = client.id;
        async move {
            let (current, profile) = suggest::prepare(&db, &cache, client, CandidateKind::Site)
                .await
                .unwrap();
            suggest::explain(&current, CandidateKind::Site, &profile, site).free_places
        }
    };
    let before = free(&app).await;
    let browser = demo_browser(&app, LEYLA).await;
    browser
        .get(&format!("/clients/{}/suggestions?kind=site", client.id))
        .await;
    browser
        .post_form(
            &format!("/clients/{}/suggestions", client.id),
            &[("kind", "site"), ("candidate_id", &site.to_string())],
        )
        .await;
    assert_eq!(free(&app).await, before - 1);
    let placement = entity::placement::Entity::find()
        .filter(entity::placement::Column::ClientId.eq(client.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let end = format!(
        "/clients/{}/assignments/placement/{}/end",
        client.id, placement.id
    );
    let form = browser.get(&end).await;
    assert_eq!(form.status, StatusCode::OK);
    // The same placement under another client's address does not exist.
    let other = clients_of(&app, LEYLA)
        .await
        .into_iter()
        .find(|c| c.id != client.id)
        .unwrap();
    let elsewhere = format!(
        "/clients/{}/assignments/placement/{}/end",
        other.id, placement.id
    );
    assert_eq!(browser.get(&elsewhere).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        browser
            .post_form(&elsewhere, &[("reason", "x")])
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let empty = browser.post_form(&end, &[("reason", "  ")]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = browser
        .post_form(&end, &[("reason", "Hours completed")])
        .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(free(&app).await, before, "the place is free again");
    let ended = entity::placement::Entity::find_by_id(placement.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(ended.status, "ended");
    assert_eq!(ended.ended_reason.as_deref(), Some("Hours completed"));
    assert!(
        app.audit_actions()
            .await
            .contains(&"matching.ended".to_owned())
    );
    // Ending twice is refused with a message, not an error page.
    browser.get(&end).await;
    let again = browser.post_form(&end, &[("reason", "Again")]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    // The client's page shows it as ended, with the reason.
    let record = browser.get(&format!("/clients/{}", client.id)).await;
    assert!(record.body.contains("Hours completed"));
}

#[tokio::test]
async fn ending_mails_the_helpers_when_and_the_coordinator_who_and_why_if_someone_else_ended_it() {
    use korpu::services::matching::assign::{self, Assigned, Request};
    use korpu::services::matching::assignments::{self, AssignmentKind};
    let app = demo().await;
    let (client, site) = client_suggesting(&app, CandidateKind::Site, None).await;
    let supervisor = demo_user(&app, "supervisor@demo.korpu.az").await;
    let _ = entity::site_supervisor::ActiveModel {
        site_id: Set(site),
        user_id: Set(supervisor.id),
    }
    .insert(&app.db)
    .await;
    let admin = demo_user(&app, "admin@demo.korpu.az").await;
    let leyla = demo_user(&app, LEYLA).await;
    let assign = |kind, candidate_id| {
        let app = &app;
        let admin = &admin;
        async move {
            let request = Request {
                client_id: client.id,
                kind,
                candidate_id,
                reason: "",
            };
            assign::assign(
                &app.db,
                &app.state.matching,
                &app.state.mailer,
                admin,
                "test",
                &request,
            )
            .await
            .unwrap()
            .unwrap()
        }
    };
    let Assigned::Placement { id: placement, .. } = assign(CandidateKind::Site, site).await else {
        panic!("a placement");
    };
    // The admin ends the placement: the supervisor learns that and from when, the
    // coordinator also who ended it and why.
    let before = app.outbox().await.len();
    let reason = "Breached curfew twice";
    assignments::end(
        &app.db,
        &app.state.mailer,
        &admin,
        "test",
        AssignmentKind::Placement,
        placement,
        reason,
    )
    .await
    .unwrap();
    let outbox = app.outbox().await;
    let new = &outbox[before..];
    let today = chrono::Utc::now().date_naive().to_string();
    let to_supervisor = mails_to(new, "assignment_ended");
    assert_eq!(to_supervisor.len(), 1);
    let mail = to_supervisor[0];
    assert_eq!(mail.to_address, supervisor.email);
    assert_eq!(mail.language, supervisor.language, "in their language");
    assert!(mail.subject.contains(&client.name), "{}", mail.subject);
    assert!(mail.body_text.contains(&today), "{}", mail.body_text);
    assert!(mail.body_text.contains("/supervisor/clients"));
    let orders = entity::order::Entity::find()
        .filter(entity::order::Column::ClientId.eq(client.id))
        .all(&app.db)
        .await
        .unwrap();
    for text in orders
        .into_iter()
        .flat_map(|o| [o.offence.unwrap_or_default(), o.reference])
        .chain([reason.to_owned()])
        .filter(|t| !t.is_empty())
    {
        assert!(
            !mail.body_text.contains(&text) && !mail.body_html.contains(&text),
            "the supervisor's mail reveals {text}"
        );
    }
    let to_coordinator = mails_to(new, "assignment_ended_coordinator");
    assert_eq!(to_coordinator.len(), 1);
    let mail = to_coordinator[0];
    assert_eq!(mail.to_address, LEYLA);
    assert_eq!(mail.language, "az");
    for text in [reason, &admin.name, &client.name, &today] {
        assert!(
            mail.body_text.contains(text),
            "{text} in {}",
            mail.body_text
        );
    }
    assert_eq!(new.len(), 2, "nobody else is mailed");

    // The coordinator ends a mentoring herself: only the mentor is mailed.
    let (current, profile) = suggest::prepare(
        &app.db,
        &app.state.matching,
        client.id,
        CandidateKind::Mentor,
    )
    .await
    .unwrap();
    let mentor = suggest::suggest(&current, CandidateKind::Mentor, &profile, 1)
        .pop()
        .expect("a mentor is suggested");
    let Assigned::Mentoring {
        id: mentoring,
        volunteer_id,
    } = assign(CandidateKind::Mentor, mentor.candidate.id).await
    else {
        panic!("a mentoring");
    };
    let volunteer = entity::volunteer::Entity::find_by_id(volunteer_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let before = app.outbox().await.len();
    assignments::end(
        &app.db,
        &app.state.mailer,
        &leyla,
        "test",
        AssignmentKind::Mentoring,
        mentoring,
        "Goals reached",
    )
    .await
    .unwrap();
    let outbox = app.outbox().await;
    let new = &outbox[before..];
    assert_eq!(new.len(), 1, "the coordinator is not told what she did");
    assert_eq!(new[0].template, "assignment_ended");
    assert_eq!(new[0].to_address, volunteer.email);
    assert_eq!(new[0].language, volunteer.language);
    assert!(new[0].body_text.contains(&today) && new[0].body_text.contains("/me/mentees"));
    assert!(!new[0].body_text.contains("Goals reached"));
}
