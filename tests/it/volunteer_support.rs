//! Helpers for the volunteer tests: a valid sign-up (form and JSON), finding volunteers and
//! links, and taking a volunteer through vetting with the services.

#![allow(dead_code)]

use chrono::{Months, NaiveDate, Utc};
use entity::volunteer;
use korpu::domain::availability::WindowInput;
use korpu::i18n::Lang;
use korpu::services::audit::Actor;
use korpu::services::volunteers::profile::{ApplicationInput, ProfileInput};
use korpu::services::volunteers::signup;
use korpu::services::volunteers::vetting::{self, CheckInput, TrainingInput, TransitionInput};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::support::{TestApp, find_link};

/// The modules that the default data makes mandatory.
pub const MANDATORY: [&str; 3] = [
    "intro_probation",
    "boundaries_confidentiality",
    "safeguarding",
];

/// Today (UTC), as the services see it.
pub fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// The fields of a valid sign-up form.
pub fn form_fields(email: &str, name: &str) -> Vec<(&'static str, String)> {
    let mut fields: Vec<(&'static str, String)> = vec![
        ("email", email.into()),
        ("name", name.into()),
        ("phone", "+994 50 123 45 67".into()),
        ("language", "az".into()),
        ("languages", "az".into()),
        ("languages", "ru".into()),
        ("languages_other", "tr".into()),
        ("skills", "tutoring".into()),
        ("skills", "job_search".into()),
        ("skills_other", "Chess".into()),
        ("roles", "mentor".into()),
        ("professional_kind", "".into()),
        ("home_settlement", "Sumqayıt".into()),
        ("home_lat", "".into()),
        ("home_lon", "".into()),
        ("travel_km", "25".into()),
        (
            "motivation",
            "I was helped once; now I want to help.".into(),
        ),
        ("consent", "yes".into()),
    ];
    let rows = [("1", "18:00", "20:30"), ("5", "10:00", "13:00")];
    for i in 0..7 {
        let (day, start, end) = rows.get(i).copied().unwrap_or(("", "", ""));
        fields.push(("avail_day", day.into()));
        fields.push(("avail_start", start.into()));
        fields.push(("avail_end", end.into()));
    }
    fields
}

/// Replaces (or adds) every value of a field.
pub fn with(
    mut fields: Vec<(&'static str, String)>,
    name: &'static str,
    values: &[&str],
) -> Vec<(&'static str, String)> {
    fields.retain(|(k, _)| *k != name);
    for v in values {
        fields.push((name, (*v).into()));
    }
    fields
}

/// Borrows form fields for `post_form`.
pub fn borrow<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

/// A valid sign-up as JSON.
pub fn json_application(email: &str, name: &str) -> serde_json::Value {
    serde_json::json!({
        "email": email,
        "name": name,
        "language": "en",
        "languages": ["az", "en"],
        "skills": ["computers"],
        "roles": ["mentor", "professional"],
        "professional_kind": "social_worker",
        "specialties": ["employment_counselling", "family"],
        "home_lat": 40.6828,
        "home_lon": 46.3606,
        "travel_km": 30,
        "availability": [{"day": 2, "start": "17:00", "end": "19:00"}],
        "motivation": "I want to help people find work.",
        "consent": true
    })
}

/// A valid sign-up for the services.
pub fn application(email: &str, name: &str) -> ApplicationInput {
    ApplicationInput {
        email: email.into(),
        profile: ProfileInput {
            name: name.into(),
            language: "az".into(),
            languages: vec!["az".into()],
            roles: vec!["mentor".into()],
            home_settlement: "Bakı".into(),
            travel_km: "10".into(),
            availability: vec![WindowInput {
                day: Some(0),
                start: "09:00".into(),
                end: "12:00".into(),
            }],
            motivation: "To help.".into(),
            ..Default::default()
        },
        consent: true,
    }
}

/// The volunteer with this address.
pub async fn volunteer_by_email(app: &TestApp, email: &str) -> volunteer::Model {
    volunteer::Entity::find()
        .filter(volunteer::Column::EmailKey.eq(email.to_lowercase()))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no volunteer {email}"))
}

/// The path (without host) of the last link starting with `prefix` e-mailed to `to`.
pub async fn last_link(app: &TestApp, to: &str, prefix: &str) -> String {
    let mail = app
        .outbox()
        .await
        .into_iter()
        .rev()
        .find(|m| m.to_address == to && m.body_text.contains(prefix))
        .unwrap_or_else(|| panic!("no mail to {to} with {prefix}"));
    let link = find_link(&mail.body_text, &format!("http://korpu.test{prefix}")).unwrap();
    link.trim_start_matches("http://korpu.test").to_owned()
}

/// A coordinator actor for service calls.
pub fn coordinator() -> Actor {
    Actor::System
}

async fn step(app: &TestApp, id: i64, to: &str) {
    vetting::transition(
        &app.db,
        &app.state.mailer,
        &coordinator(),
        "test",
        id,
        &TransitionInput {
            to: to.into(),
            reason: String::new(),
        },
        today(),
    )
    .await
    .unwrap_or_else(|e| panic!("move to {to}: {e:?}"));
}

/// Signs a volunteer up, verifies the address and takes them through vetting to approval,
/// with a check valid for three years and the mandatory trainings done today. Returns the id.
pub async fn approved_volunteer(app: &TestApp, email: &str, name: &str) -> i64 {
    approved_with(app, &application(email, name)).await
}

/// Like [`approved_volunteer`], for any sign-up.
pub async fn approved_with(app: &TestApp, input: &ApplicationInput) -> i64 {
    let email = input.email.as_str();
    signup::apply(
        &app.db,
        &app.state.mailer,
        &app.state.config,
        input,
        Lang::Az,
        "test",
    )
    .await
    .unwrap();
    let link = last_link(app, email, "/volunteer/verify/").await;
    let token = link.rsplit('/').next().unwrap();
    signup::verify(&app.db, &app.state.mailer, token, "test")
        .await
        .unwrap();
    let id = volunteer_by_email(app, email).await.id;
    step(app, id, "interview").await;
    step(app, id, "background_check").await;
    vetting::record_check(
        &app.db,
        &coordinator(),
        "test",
        id,
        &CheckInput {
            outcome: "passed".into(),
            checked_on: today().to_string(),
            expires_on: (today() + Months::new(36)).to_string(),
        },
        today(),
    )
    .await
    .unwrap();
    step(app, id, "training").await;
    for module in MANDATORY {
        vetting::record_training(
            &app.db,
            &coordinator(),
            "test",
            id,
            &TrainingInput {
                module: module.into(),
                completed_on: today().to_string(),
            },
            today(),
        )
        .await
        .unwrap();
    }
    step(app, id, "approved").await;
    id
}
