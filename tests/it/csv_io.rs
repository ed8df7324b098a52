//! CSV import and export: 10,000 sites with a few bad rows (all or nothing, or skipping the
//! bad ones), the report's rows and columns, header problems, lossless round trips, formula
//! neutralisation, the upload page, the API and the command line.

use std::time::Instant;

use korpu::auth::Role;

use korpu::services::csv_io::{self, Caller, ImportOptions, ImportReport, Kind, NoProgress, Who};
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::professionals::{create_professional, professional_input};
use crate::sites::{create_site, site_input};
use crate::support::TestApp;

const SITE_HEADER: &str = "name,organisation,settlement,lat,lon,work_kinds,skills_needed,capacity,schedule,children_present,languages,active_from,active_to,contact_phone";

/// A sites file of `rows` valid rows; `bad` replaces the rows at the given (0-based) indexes.
pub fn sites_csv(rows: usize, bad: &[(usize, &str)]) -> String {
    let mut out = String::from(SITE_HEADER);
    out.push('\n');
    let settlements = ["Bakı", "Sumqayıt", "Gəncə", "Şəki", "Lənkəran"];
    for i in 0..rows {
        if let Some((_, line)) = bad.iter().find(|(at, _)| *at == i) {
            out.push_str(line);
        } else {
            let lat = 40.0 + (i % 100) as f64 / 100.0;
            out.push_str(&format!(
                "Obyekt {i},Təşkilat {},{},{lat},{},gardening; cleaning,gardening,{},mon 09:00-13:00; thu 14:00-18:00,{},az; ru,2026-01-01,,+994 12 555 {:02} {:02}",
                i % 37,
                settlements[i % settlements.len()],
                47.0 + (i % 300) as f64 / 100.0,
                1 + i % 10,
                if i % 7 == 0 { "yes" } else { "no" },
                i % 100,
                (i / 100) % 100,
            ));
        }
        out.push('\n');
    }
    out
}

async fn import(app: &TestApp, kind: Kind, data: &str, skip_invalid: bool) -> ImportReport {
    csv_io::import(
        &app.db,
        kind,
        data.as_bytes(),
        ImportOptions { skip_invalid },
        &NoProgress,
        &Who {
            caller: Caller::System,
            ip: "test",
            mailer: &app.state.mailer,
        },
    )
    .await
    .expect("import runs")
}

pub async fn site_count(app: &TestApp) -> u64 {
    entity::site::Entity::find().count(&app.db).await.unwrap()
}

fn bad_rows() -> Vec<(usize, &'static str)> {
    vec![
        (99, "Bad capacity,Org,Bakı,,,gardening,,0,,no,az,,,"),
        (2500, "Bad latitude,Org,,95,49.8,gardening,,3,,no,az,,,"),
        (7775, "Bad work,Org,Bakı,,,juggling,,3,,no,az,,,"),
        (
            9997,
            "Bad dates,Org,Bakı,,,cleaning,,3,,maybe,az,2026-05-01,2026-04-01,",
        ),
    ]
}

#[tokio::test]
async fn ten_thousand_sites_with_a_few_bad_rows_import_nothing_and_report_each_problem() {
    let app = TestApp::spawn().await;
    let data = sites_csv(10_000, &bad_rows());
    let started = Instant::now();
    let report = import(&app, Kind::Sites, &data, false).await;
    eprintln!("checking 10,000 rows took {:?}", started.elapsed());
    assert!(!report.committed);
    assert_eq!(report.rows, 10_000);
    assert_eq!(report.created, 0);
    assert_eq!(site_count(&app).await, 0, "nothing half-imported");
    let problems: Vec<(usize, &str, &str)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str(), e.reason.code))
        .collect();
    assert_eq!(
        problems,
        vec![
            (101, "capacity", "error-value-range"),
            (2502, "lat", "error-latitude"),
            (7777, "work_kinds", "error-sites-work-kind"),
            (9999, "children_present", "error-value-yes-no"),
            (9999, "active_to", "error-end-before-start"),
        ]
    );
    let text = report.problems_text(10);
    assert!(
        text.contains("row 101, column capacity: Enter a whole number from 1 to 1000."),
        "{text}"
    );
    assert!(report.summary().contains("nothing imported, 5 problem(s)"));
}

#[tokio::test]
async fn with_skip_invalid_the_good_rows_of_ten_thousand_land_in_one_go() {
    let app = TestApp::spawn().await;
    let data = sites_csv(10_000, &bad_rows());
    let started = Instant::now();
    let report = import(&app, Kind::Sites, &data, true).await;
    eprintln!(
        "importing 10,000 sites ({}) took {:?}",
        if TestApp::is_postgres() {
            "PostgreSQL"
        } else {
            "SQLite"
        },
        started.elapsed()
    );
    assert!(report.committed);
    assert_eq!(report.created, 9_996);
    assert_eq!(report.skipped, 4);
    assert_eq!(report.errors.len(), 5);
    assert_eq!(site_count(&app).await, 9_996);
    // The lists arrived with their sites (ids matched to rows).
    let site = korpu::services::sites::all(
        &app.db,
        &korpu::services::sites::Scope::All,
        &korpu::services::sites::SiteFilter {
            q: "Obyekt 9996".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(site.len(), 1);
    assert_eq!(site[0].capacity, 7);
    assert_eq!(site[0].languages, vec!["az", "ru"]);
    assert_eq!(site[0].skills_needed, vec!["gardening"]);
    assert_eq!(site[0].schedule.windows().len(), 2);
    assert_eq!(site[0].place.settlement.as_deref(), Some("Sumqayıt"));
    assert!(
        app.audit_actions()
            .await
            .contains(&"csv.imported".to_owned())
    );
}

#[tokio::test]
async fn header_problems_are_reported_before_any_row() {
    let app = TestApp::spawn().await;
    let report = import(
        &app,
        Kind::Sites,
        "name,organisation,colour,name\nA,B,red,A\n",
        true,
    )
    .await;
    assert!(!report.committed);
    let problems: Vec<(usize, &str, &str)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str(), e.reason.code))
        .collect();
    assert!(problems.contains(&(1, "colour", "error-csv-column-unknown")));
    assert!(problems.contains(&(1, "name", "error-csv-column-twice")));
    assert!(problems.contains(&(1, "capacity", "error-csv-column-missing")));
    let not_utf8 = csv_io::import(
        &app.db,
        Kind::Sites,
        b"name\n\xff\xfe\n",
        ImportOptions::default(),
        &NoProgress,
        &Who {
            caller: Caller::System,
            ip: "test",
            mailer: &app.state.mailer,
        },
    )
    .await
    .unwrap();
    assert_eq!(not_utf8.errors[0].reason.code, "error-csv-not-utf8");
    let short = import(
        &app,
        Kind::Sites,
        "name,organisation,work_kinds,capacity,languages,settlement\nA,B,cleaning,3\n",
        false,
    )
    .await;
    assert_eq!(short.errors[0].row, 2);
    assert_eq!(short.errors[0].reason.code, "error-csv-row-length");
    assert_eq!(site_count(&app).await, 0);
}

fn without_id_column(csv: &str) -> String {
    csv.trim_start_matches('\u{feff}')
        .lines()
        .map(|line| {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_bytes());
            let record = reader.records().next().unwrap().unwrap();
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record(record.iter().skip(1)).unwrap();
            String::from_utf8(writer.into_inner().unwrap()).unwrap()
        })
        .collect()
}

#[tokio::test]
async fn exporting_and_importing_sites_and_psychologists_is_lossless() {
    let app = TestApp::spawn().await;
    crate::sites::create_regions(&app).await;
    app.create_user("nigar@example.az", &[Role::SiteSupervisor])
        .await;
    app.create_user("psy@example.az", &[Role::Psychologist])
        .await;
    let mut full = site_input("Tam obyekt, \"vergüllə\"", "Gəncə");
    full.location.lat = "40.6828".into();
    full.location.lon = "46.3606".into();
    full.address = "Cavadxan küçəsi 8\u{a0}A".into();
    full.contact_name = "Səadət Məmmədli".into();
    full.contact_email = "kitab@example.az".into();
    full.organisation = "=HYPERLINK(\"http://evil.example\",\"click\")".into();
    full.skills_needed = vec!["computers".into(), "painting".into()];
    full.flags = vec!["children_present".into(), "lone_working".into()];
    full.languages = vec!["az".into(), "ru".into(), "lez".into()];
    full.active_from = "2025-03-01".into();
    full.active_to = "2027-01-01".into();
    full.region = "ganja".into();
    full.supervisors = vec!["nigar@example.az".into()];
    create_site(&app, &full).await;
    create_site(&app, &site_input("-Sadə obyekt", "Bakı")).await;
    let mut psy = professional_input("Elvin Məmmədov", "Bakı");
    psy.account = "psy@example.az".into();
    psy.remote = true;
    psy.specialties = vec!["addiction".into(), "grief".into()];
    psy.phone = "+994 50 555 12 34".into();
    create_professional(&app, &psy).await;
    let mut other = professional_input("Rauf Hüseynov", "Sumqayıt");
    other.kind = "social_worker".into();
    other.active = false;
    create_professional(&app, &other).await;

    for kind in [Kind::Sites, Kind::Psychologists] {
        let first = csv_io::export(&app.db, kind, &Caller::System, "test")
            .await
            .unwrap();
        let text = String::from_utf8(first.clone()).unwrap();
        assert!(text.starts_with('\u{feff}'), "UTF-8 byte-order mark");
        // Re-importing the export into the same database changes nothing.
        let report = import(&app, kind, &text, false).await;
        assert!(report.committed, "{:?}", report.errors);
        assert_eq!(report.updated, 2);
        assert_eq!(report.created, 0);
        let second = csv_io::export(&app.db, kind, &Caller::System, "test")
            .await
            .unwrap();
        assert_eq!(String::from_utf8(second).unwrap(), text, "{kind:?}");

        // Into another installation (same accounts and regions), without the ids.
        let other_app = TestApp::spawn().await;
        crate::sites::create_regions(&other_app).await;
        other_app
            .create_user("nigar@example.az", &[Role::SiteSupervisor])
            .await;
        other_app
            .create_user("psy@example.az", &[Role::Psychologist])
            .await;
        let report = import(&other_app, kind, &without_id_column(&text), false).await;
        assert!(report.committed, "{:?}", report.errors);
        assert_eq!(report.created, 2);
        let copied = csv_io::export(&other_app.db, kind, &Caller::System, "test")
            .await
            .unwrap();
        assert_eq!(
            without_id_column(&String::from_utf8(copied).unwrap()),
            without_id_column(&text),
            "{kind:?}"
        );
    }
}

#[tokio::test]
async fn formulas_in_exported_cells_are_neutralised() {
    let app = TestApp::spawn().await;
    let mut site = site_input("@SUM(A1:A9)", "Bakı");
    site.organisation = "=HYPERLINK(\"http://evil.example\")".into();
    site.contact_name = "+cmd|' /C calc'!A0".into();
    site.address = "-2+3".into();
    create_site(&app, &site).await;
    let bytes = csv_io::export(&app.db, Kind::Sites, &Caller::System, "test")
        .await
        .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |name: &str| {
        row.get(headers.iter().position(|h| h == name).unwrap())
            .unwrap()
            .to_owned()
    };
    assert_eq!(cell("name"), "'@SUM(A1:A9)");
    assert_eq!(cell("organisation"), "'=HYPERLINK(\"http://evil.example\")");
    assert_eq!(cell("contact_name"), "'+cmd|' /C calc'!A0");
    assert_eq!(cell("address"), "'-2+3");
    assert_eq!(cell("contact_phone"), "'+994 12 555 00 00");
    for record in reader.records() {
        for value in record.unwrap().iter() {
            assert!(
                !value.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{value}"
            );
        }
    }
}
