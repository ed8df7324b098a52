//! The suggestions page: reasons in words in each language, "why not?", the map's data, who may
//! see it, and bad input.

use axum::http::StatusCode;
use korpu::auth::Role;
use korpu::domain::matching::{CandidateKind, Exclusion};

use super::{LEYLA, RASHAD, clients_of, demo, demo_browser, nearer_excluded_site};

#[tokio::test]
async fn the_suggestions_page_explains_every_kind_in_every_language() {
    let app = demo().await;
    let browser = demo_browser(&app, LEYLA).await;
    let client = clients_of(&app, LEYLA).await.remove(0);
    let record = browser.get(&format!("/clients/{}", client.id)).await;
    assert!(
        record
            .body
            .contains(&format!("/clients/{}/suggestions", client.id)),
        "the client page links to the suggestions"
    );
    let expected = [
        ("en", "km away", "Assign"),
        ("az", "km uzaqlıqda", "Təyin et"),
        ("ru", "км", "Назначить"),
    ];
    for (lang, distance, assign) in expected {
        browser.set_cookie("korpu_lang", lang);
        for kind in ["site", "mentor", "psychologist"] {
            let page = browser
                .get(&format!("/clients/{}/suggestions?kind={kind}", client.id))
                .await;
            assert_eq!(page.status, StatusCode::OK, "{lang} {kind}: {}", page.body);
            assert!(
                !page.body.contains("Unknown localization"),
                "an untranslated key ({lang}): {}",
                page.body
                    .split("Unknown localization")
                    .nth(1)
                    .unwrap_or_default()
                    .chars()
                    .take(60)
                    .collect::<String>()
            );
            assert!(page.body.contains("data-match-map"), "the map is there");
            assert!(page.body.contains("&quot;candidates&quot;"), "map data");
            if kind == "site" {
                assert!(
                    page.body.contains(distance) && page.body.contains(assign),
                    "{lang}: reasons and the assign button in words"
                );
                assert!(page.body.contains("name=\"_csrf\""));
            }
        }
    }
    browser.set_cookie("korpu_lang", "en");
    let site = browser
        .get(&format!("/clients/{}/suggestions?kind=site", client.id))
        .await;
    assert!(
        site.body.contains("both free") && site.body.contains("speaks"),
        "availability and language reasons: {}",
        site.body
    );
}

#[tokio::test]
async fn why_not_names_the_constraint_that_excluded_a_nearer_site() {
    let app = demo().await;
    let (client, site, exclusions) = nearer_excluded_site(&app).await;
    assert!(
        exclusions.iter().any(|e| matches!(
            e,
            Exclusion::InsideExclusionZone { .. }
                | Exclusion::FlagClash { .. }
                | Exclusion::OutsidePermittedArea
                | Exclusion::BarredWork { .. }
        )),
        "the demo's nearer site is excluded by a restriction: {exclusions:?}"
    );
    let browser = demo_browser(&app, LEYLA).await;
    browser.set_cookie("korpu_lang", "en");
    let page = browser
        .get(&format!(
            "/clients/{client}/suggestions?kind=site&why={site}"
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("is not suggested because"),
        "{}",
        page.body
    );
    let words =
        korpu::services::matching::views::client_words(&app.db, korpu::i18n::Lang::En, client)
            .await
            .unwrap();
    let body = unescape(&page.body);
    for e in &exclusions {
        let text = words.exclusion(korpu::domain::matching::CandidateKind::Site, e);
        assert!(body.contains(&text), "{text}");
        if matches!(e, Exclusion::InsideExclusionZone { .. }) {
            assert!(
                text.contains("victim's"),
                "the zone is named by its note: {text}"
            );
        }
    }
    // Assigning it anyway is refused, with the same words.
    let refused = browser
        .post_form(
            &format!("/clients/{client}/suggestions"),
            &[("kind", "site"), ("candidate_id", &site.to_string())],
        )
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let refused_body = unescape(&refused.body);
    assert!(refused_body.contains("was not assigned"));
    assert!(
        refused_body.contains(
            &words.exclusion(korpu::domain::matching::CandidateKind::Site, &exclusions[0])
        )
    );
    // The excluded site is on the map, marked as such.
    assert!(page.body.contains("&quot;excluded&quot;:true"));
    // A suggested one is explained with its rank instead.
    let suggested = browser
        .get(&format!("/clients/{client}/suggestions?kind=site"))
        .await;
    let first = suggested
        .body
        .split("name=\"candidate_id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let why = browser
        .get(&format!(
            "/clients/{client}/suggestions?kind=site&why={first}"
        ))
        .await;
    assert!(why.body.contains("number 1 in the ranking"), "{}", why.body);
    // An unknown candidate is said to be unknown.
    let unknown = browser
        .get(&format!(
            "/clients/{client}/suggestions?kind=site&why=99999999"
        ))
        .await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(
        unknown
            .body
            .contains("not an active candidate of this kind")
    );
}

#[tokio::test]
async fn only_staff_who_may_see_the_client_get_suggestions() {
    let app = demo().await;
    let client = clients_of(&app, LEYLA).await.remove(0);
    let path = format!("/clients/{}/suggestions?kind=site", client.id);
    let api = format!("/api/v1/clients/{}/suggestions?kind=site", client.id);
    for role in [Role::Mentor, Role::SiteSupervisor, Role::Psychologist] {
        let other = app
            .signed_in(&format!("{}@example.az", role.as_str()), &[role])
            .await;
        assert_eq!(other.get(&path).await.status, StatusCode::FORBIDDEN);
        assert_eq!(other.get(&api).await.status, StatusCode::FORBIDDEN);
    }
    let rashad = demo_browser(&app, RASHAD).await;
    assert_eq!(rashad.get(&path).await.status, StatusCode::NOT_FOUND);
    assert_eq!(rashad.get(&api).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        rashad
            .get(&format!("/clients/{}/suggestions/1?kind=site", client.id))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "no page there"
    );
    let anonymous = app.client();
    assert_eq!(anonymous.get(&api).await.status, StatusCode::UNAUTHORIZED);
    let admin = demo_browser(&app, "admin@demo.korpu.az").await;
    assert_eq!(admin.get(&path).await.status, StatusCode::OK);
}

#[tokio::test]
async fn bad_kinds_and_ids_are_404_or_422_never_500() {
    let app = demo().await;
    let client = clients_of(&app, LEYLA).await.remove(0);
    let browser = demo_browser(&app, LEYLA).await;
    let id = client.id;
    let cases = [
        (format!("/clients/{id}/suggestions?kind=bogus"), 422),
        (format!("/clients/{id}/suggestions?kind=site&why=abc"), 422),
        ("/clients/99999999/suggestions?kind=site".to_owned(), 404),
        ("/clients/abc/suggestions".to_owned(), 404),
        (format!("/clients/{id}/assignments/bogus/1/end"), 404),
        (
            format!("/clients/{id}/assignments/placement/99999/end"),
            404,
        ),
        (format!("/api/v1/clients/{id}/suggestions?kind=bogus"), 422),
        (format!("/api/v1/clients/{id}/suggestions"), 400),
        (
            format!("/api/v1/clients/{id}/suggestions?kind=site&count=-1"),
            400,
        ),
        (
            "/api/v1/clients/99999999/suggestions?kind=mentor".to_owned(),
            404,
        ),
        (
            format!("/api/v1/clients/{id}/suggestions/abc?kind=site"),
            404,
        ),
    ];
    for (path, status) in cases {
        let response = browser.get(&path).await;
        assert_eq!(
            response.status.as_u16(),
            status,
            "{path}: {}",
            response.body
        );
    }
    // The suggestions page is also there with no kind at all: sites.
    let plain = browser.get(&format!("/clients/{id}/suggestions")).await;
    assert_eq!(plain.status, StatusCode::OK);
    let bad = browser
        .post_form(
            &format!("/clients/{id}/suggestions"),
            &[("kind", "site"), ("candidate_id", "x")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    let unknown = browser
        .post_form(
            &format!("/clients/{id}/suggestions"),
            &[("kind", "mentor"), ("candidate_id", "99999999")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

/// The page's text with HTML's character references for quotes undone.
fn unescape(html: &str) -> String {
    html.replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

#[tokio::test]
async fn exclusion_zones_are_named_by_their_note_or_else_their_number() {
    use korpu::services::clients::restrictions::exclusion_zone_names;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let app = demo().await;
    let zone = entity::client_restriction::Entity::find()
        .filter(entity::client_restriction::Column::Kind.eq("exclusion_zone"))
        .filter(entity::client_restriction::Column::Note.like("Around the victim's home%"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo has a zone around a victim's home");
    // A second zone without a note, for the same client.
    entity::client_restriction::ActiveModel {
        client_id: Set(zone.client_id),
        order_id: Set(None),
        kind: Set("exclusion_zone".into()),
        area: Set(zone.area.clone()),
        note: Set(None),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let names = exclusion_zone_names(&app.db, zone.client_id).await.unwrap();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(names[0].number, 1);
    assert_eq!(
        names[0].note.as_deref(),
        Some("Around the victim's home (fictional)")
    );
    assert_eq!((names[1].number, names[1].note.as_deref()), (2, None));
    let words = korpu::services::matching::views::client_words(
        &app.db,
        korpu::i18n::Lang::En,
        zone.client_id,
    )
    .await
    .unwrap();
    let text = |zone| {
        words.exclusion(
            CandidateKind::Site,
            &Exclusion::InsideExclusionZone { zone },
        )
    };
    assert_eq!(
        text(0),
        "inside the client's exclusion zone “Around the victim's home (fictional)”"
    );
    assert_eq!(text(1), "inside the client's exclusion zone no. 2");
}
