//! Tests of restrictions: validation per kind, curfews, and the constraints matching reads.
use super::*;
use crate::domain::availability::Window;
use crate::domain::rules::Rules;

const BAKU: Location = Location {
    lat: 40.4093,
    lon: 49.8671,
};

fn input(kind: &str) -> RestrictionInput {
    RestrictionInput {
        kind: kind.into(),
        ..Default::default()
    }
}

#[test]
fn each_kind_validates_its_own_fields() {
    assert_eq!(
        input("no_driving").parse(BAKU).unwrap().0,
        Restriction::NoDriving
    );
    let mut barred = input("barred_work");
    assert_eq!(barred.parse(BAKU).unwrap_err().0[0].field, "work_kinds");
    barred.work_kinds = vec!["childcare".into(), "teleportation".into()];
    assert_eq!(
        barred.parse(BAKU).unwrap_err().0[0].code,
        "error-restriction-work-kind"
    );
    barred.work_kinds = vec!["childcare".into(), "education".into(), "childcare".into()];
    assert_eq!(
        barred.parse(BAKU).unwrap().0,
        Restriction::BarredWork(vec![WorkKind::Childcare, WorkKind::Education])
    );
    let mut flag = input("risk_flag");
    assert_eq!(
        flag.parse(BAKU).unwrap_err().0[0].code,
        "error-restriction-risk-flag"
    );
    flag.risk_flag = "no_work_with_children".into();
    assert!(flag.parse(BAKU).is_ok());
    assert_eq!(
        input("levitation").parse(BAKU).unwrap_err().0[0].code,
        "error-restriction-kind"
    );
}

#[test]
fn areas_come_from_geojson_or_a_radius_around_home_or_a_centre() {
    let mut zone = input("exclusion_zone");
    assert_eq!(
        zone.parse(BAKU).unwrap_err().0[0].code,
        "error-area-required"
    );
    zone.radius_m = "500".into();
    let (Restriction::ExclusionZone(area), _) = zone.parse(BAKU).unwrap() else {
        panic!()
    };
    assert!(area.contains(&BAKU));
    zone.centre_lat = "40.5".into();
    zone.centre_lon = "181".into();
    assert_eq!(zone.parse(BAKU).unwrap_err().0[0].field, "centre_lon");
    zone.radius_m = "5".into();
    zone.centre_lon = "49.9".into();
    assert_eq!(zone.parse(BAKU).unwrap_err().0[0].code, "error-area-radius");
    let mut permitted = input("permitted_area");
    permitted.area = r#"{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}"#.into();
    assert_eq!(
        permitted.parse(BAKU).unwrap_err().0[0].code,
        "error-area-self-intersection"
    );
}

#[test]
fn curfews_may_run_over_midnight() {
    let night = Curfew::parse("22:00", "06:00").unwrap();
    assert!(night.covers(23 * 60) && night.covers(5 * 60) && !night.covers(12 * 60));
    let evening = Window {
        day: 2,
        start: 18 * 60,
        end: 23 * 60,
    };
    let morning = Window {
        day: 2,
        start: 9 * 60,
        end: 13 * 60,
    };
    assert!(night.overlaps(&evening));
    assert!(!night.overlaps(&morning));
    assert_eq!(night.label(), "22:00–06:00");
    let same = Curfew::parse("22:00", "22:00").unwrap_err();
    assert_eq!(same.0[0].code, "error-restriction-curfew-empty");
    assert_eq!(Curfew::parse("25:00", "x").unwrap_err().0.len(), 2);
}

#[test]
fn constraints_fold_what_matching_needs() {
    let rules = Rules::builtin("az").unwrap();
    let zone = Area::circle("a", BAKU, 1000.0).unwrap();
    let c = Constraints::from_restrictions(&[
        Restriction::NoDriving,
        Restriction::BarredWork(vec![WorkKind::Kitchen]),
        Restriction::ExclusionZone(zone),
        Restriction::RiskFlag(RiskFlag::NoWorkWithChildren),
        Restriction::Curfew(Curfew::parse("21:00", "07:00").unwrap()),
    ]);
    assert!(!c.may_drive);
    assert_eq!(c.travel_limit_m(&rules), rules.travel_limit_m(false));
    assert_eq!(c.place_allowed(&BAKU), Err(PlaceRefusal::InExclusionZone));
    assert_eq!(
        c.place_allowed(&Location {
            lat: 40.6828,
            lon: 46.3606
        }),
        Ok(())
    );
    for kind in [WorkKind::Kitchen, WorkKind::Driving, WorkKind::Childcare] {
        assert!(!c.work_allowed(kind), "{kind}");
    }
    assert!(c.work_allowed(WorkKind::Gardening));
    assert!(!c.time_allowed(&Window {
        day: 0,
        start: 20 * 60,
        end: 22 * 60
    }));
    let free = Constraints::from_restrictions(&[]);
    assert!(free.may_drive && free.work_allowed(WorkKind::Driving));
    let permitted = Constraints::from_restrictions(&[Restriction::PermittedArea(
        Area::circle("a", BAKU, 5000.0).unwrap(),
    )]);
    assert_eq!(
        permitted.place_allowed(&Location {
            lat: 40.6828,
            lon: 46.3606
        }),
        Err(PlaceRefusal::OutsidePermittedArea)
    );
}
