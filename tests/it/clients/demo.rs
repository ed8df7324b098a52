//! The demo dataset holds clients with every kind of order and every kind of restriction.

use std::collections::BTreeSet;

use korpu::domain::orders::OrderKind;
use korpu::domain::restrictions::{RestrictionKind, RiskFlag};
use sea_orm::EntityTrait;

use crate::support::TestApp;

#[tokio::test]
async fn the_demo_has_clients_with_every_order_kind_and_restriction() {
    let app = TestApp::spawn().await;
    let report = korpu::demo::load(&app.state).await.unwrap();
    assert!(report.loaded_now);
    let orders = entity::order::Entity::find().all(&app.db).await.unwrap();
    let kinds: BTreeSet<String> = orders.iter().map(|o| o.kind.clone()).collect();
    for kind in OrderKind::ALL {
        assert!(
            kinds.contains(kind.as_str()),
            "no demo order of kind {kind}"
        );
    }
    let restrictions = entity::client_restriction::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    let kinds: BTreeSet<String> = restrictions.iter().map(|r| r.kind.clone()).collect();
    for kind in RestrictionKind::ALL {
        assert!(
            kinds.contains(kind.as_str()),
            "no demo restriction of kind {kind}"
        );
    }
    let flags: BTreeSet<String> = restrictions
        .iter()
        .filter_map(|r| r.risk_flag.clone())
        .collect();
    for flag in RiskFlag::ALL {
        assert!(flags.contains(flag.as_str()), "no demo risk flag {flag}");
    }
    let clients = entity::client::Entity::find().all(&app.db).await.unwrap();
    assert!(clients.iter().all(|c| c.name.ends_with("(demo)")));
    assert!(clients.iter().any(|c| c.restricted));
    assert!(clients.iter().any(|c| c.closed_on.is_some()));
    let regions: BTreeSet<Option<i64>> = clients.iter().map(|c| c.region_id).collect();
    assert_eq!(regions.len(), 3, "Baku, Sumqayıt and Ganja");
    // Loading again changes nothing.
    assert!(!korpu::demo::load(&app.state).await.unwrap().loaded_now);
    assert_eq!(
        entity::client::Entity::find()
            .all(&app.db)
            .await
            .unwrap()
            .len(),
        clients.len()
    );
}

#[tokio::test]
async fn the_demo_loads_under_the_england_and_wales_rules_too() {
    let app = TestApp::spawn_with(|c| c.jurisdiction = "england-wales".into()).await;
    korpu::demo::load(&app.state).await.unwrap();
    let orders = entity::order::Entity::find().all(&app.db).await.unwrap();
    assert!(
        orders
            .iter()
            .all(|o| o.hours_ordered.is_none_or(|h| (40..=300).contains(&h)))
    );
}
