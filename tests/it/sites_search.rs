//! Finding sites: Azerbaijani-aware search, filters and pagination.

use axum::http::StatusCode;
use korpu::auth::Role;

use crate::sites::{create_regions, create_site, site_input};
use crate::support::TestApp;

#[tokio::test]
async fn sites_are_found_by_azerbaijani_letters_in_any_case_and_without_them() {
    let app = TestApp::spawn().await;
    create_site(&app, &site_input("Gəncə Mərkəzi Kitabxanası", "Gəncə")).await;
    create_site(&app, &site_input("İlham parkı", "Bakı")).await;
    create_site(&app, &site_input("Ilısu bulağı", "Bakı")).await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let names = |q: &str| {
        let client = &client;
        let q = q.to_owned();
        async move {
            let response = client
                .get(&format!(
                    "/api/v1/sites?q={}",
                    korpu::web::page::url_encode(&q)
                ))
                .await;
            response.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["name"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(names("GƏNCƏ").await, vec!["Gəncə Mərkəzi Kitabxanası"]);
    assert_eq!(
        names("gence kitab").await,
        vec!["Gəncə Mərkəzi Kitabxanası"]
    );
    assert_eq!(names("İLHAM").await, vec!["İlham parkı"]);
    // The dotless ı finds Ilısu only; the dotted İ and i find İlham.
    assert_eq!(names("ılısu").await, vec!["Ilısu bulağı"]);
    assert_eq!(names("ılham").await, Vec::<String>::new());
    // The settlement is searchable too, and % is a literal character.
    assert_eq!(names("gəncə").await.len(), 1);
    assert!(names("%").await.is_empty());
    let page = client.get("/sites?q=%C6%8Fncə").await; // "Əncə"
    assert!(page.body.contains("Gəncə Mərkəzi Kitabxanası"));
}

#[tokio::test]
async fn filters_narrow_sites_by_region_kind_of_work_flag_language_and_status() {
    let app = TestApp::spawn().await;
    create_regions(&app).await;
    let mut school = site_input("Məktəb", "Sumqayıt");
    school.work_kinds = vec!["repair".into()];
    school.flags = vec!["children_present".into()];
    school.languages = vec!["az".into(), "ru".into()];
    let school = create_site(&app, &school).await;
    let mut park = site_input("Park", "Bakı");
    park.flags = vec!["heavy_work".into()];
    create_site(&app, &park).await;
    let mut old = site_input("Köhnə zal", "Gəncə");
    old.active_from = "2020-01-01".into();
    old.active_to = "2021-01-01".into();
    create_site(&app, &old).await;
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let names = |query: &str| {
        let client = &client;
        let query = query.to_owned();
        async move {
            let response = client.get(&format!("/api/v1/sites?{query}")).await;
            assert_eq!(
                response.status,
                StatusCode::OK,
                "{query}: {}",
                response.body
            );
            let mut names: Vec<String> = response.json()["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["name"].as_str().unwrap().to_owned())
                .collect();
            names.sort();
            names
        }
    };
    assert_eq!(names("").await, vec!["Məktəb", "Park"]);
    assert_eq!(names("region=sumqayit").await, vec!["Məktəb"]);
    assert_eq!(names("region=baku").await, vec!["Park"]);
    assert_eq!(names("work_kind=repair").await, vec!["Məktəb"]);
    assert_eq!(names("flag=-children_present").await, vec!["Park"]);
    assert_eq!(
        names("flag=children_present&flag=heavy_work").await,
        Vec::<String>::new()
    );
    assert_eq!(names("language=ru").await, vec!["Məktəb"]);
    assert_eq!(names("active=inactive").await, vec!["Köhnə zal"]);
    assert_eq!(names("active=all").await.len(), 3);
    let bad = client.get("/api/v1/sites?work_kind=juggling").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let page = client.get("/sites?flag=children_present").await;
    assert!(page.body.contains("Məktəb") && !page.body.contains(">Park<"));
    assert!(page.body.contains(&format!("/sites/{school}")));
}

#[tokio::test]
async fn the_list_is_paginated() {
    let app = TestApp::spawn().await;
    for i in 0..27 {
        create_site(&app, &site_input(&format!("Obyekt {i:02}"), "Bakı")).await;
    }
    let client = app
        .signed_in("coordinator@example.az", &[Role::Coordinator])
        .await;
    let first = client.get("/api/v1/sites").await.json();
    assert_eq!(first["total"], 27);
    assert_eq!(first["items"].as_array().unwrap().len(), 25);
    let second = client.get("/api/v1/sites?page=2").await.json();
    assert_eq!(second["items"][0]["name"], "Obyekt 25");
    let page = client.get("/sites?page=2").await;
    assert!(page.body.contains("Obyekt 26") && !page.body.contains("Obyekt 03"));
}
