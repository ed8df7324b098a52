//! Demo clients around Baku, Sumqayıt and Ganja: every kind of order and every kind of
//! restriction, one restricted record and one closed case. All names are fictional and marked
//! "(demo)". Hours are kept within the loaded jurisdiction's ranges; kinds the jurisdiction
//! cannot order in hours are skipped.

use chrono::{Days, NaiveDate};
use entity::user;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use crate::app::AppState;
use crate::auth::current_user::{self, AuthMethod, AuthUser};
use crate::domain::availability::WindowInput;
use crate::domain::case_fields::today;
use crate::domain::orders::{OrderInput, OrderKind};
use crate::domain::restrictions::RestrictionInput;
use crate::services::clients::{self, ClientInput, CloseInput, HomeInput, orders, restrictions};
use crate::services::regions::{self, NewRegion};

/// Regions of the demo: (code, name, centre).
const REGIONS: [(&str, &str, f64, f64); 3] = [
    ("baku", "Bakı", 40.4093, 49.8671),
    ("sumqayit", "Sumqayıt", 40.5897, 49.6686),
    ("ganja", "Gəncə", 40.6828, 46.3606),
];

/// A polygon around part of Səbail (lon, lat), closed.
const SEBAIL: &str = r#"{"type":"Polygon","coordinates":[[[49.815,40.345],[49.865,40.345],[49.870,40.375],[49.820,40.380],[49.815,40.345]]]}"#;
/// A polygon around a fictional victim's street in Gəncə.
const GANJA_ZONE: &str = r#"{"type":"Polygon","coordinates":[[[46.355,40.690],[46.365,40.690],[46.365,40.697],[46.355,40.697],[46.355,40.690]]]}"#;

struct Order {
    kind: OrderKind,
    status: &'static str,
    hours: u32,
    offence: &'static str,
}

enum R {
    NoDriving,
    Barred(&'static [&'static str]),
    Permitted(&'static str),
    PermittedRadius(u32),
    Curfew(&'static str, &'static str),
    ZoneAround(f64, f64, u32, &'static str),
    Zone(&'static str, &'static str),
    Flag(&'static str),
}

struct Demo {
    name: &'static str,
    born: &'static str,
    place: &'static str,
    coordinator: usize,
    languages: &'static [&'static str],
    needs: &'static [&'static str],
    skills: &'static [&'static str],
    orders: &'static [Order],
    restrictions: &'static [R],
    restricted: bool,
    closed: bool,
}

const fn order(kind: OrderKind, status: &'static str, hours: u32, offence: &'static str) -> Order {
    Order {
        kind,
        status,
        hours,
        offence,
    }
}

const CLIENTS: &[Demo] = &[
    Demo {
        name: "Tural Nəbiyev (demo)",
        born: "1994-03-12",
        place: "Yasamal",
        coordinator: 0,
        languages: &["az", "ru"],
        needs: &["employment", "community_ties"],
        skills: &["carpentry", "painting"],
        orders: &[order(
            OrderKind::PublicWorks,
            "active",
            240,
            "Hooliganism (fictional)",
        )],
        restrictions: &[
            R::Flag("no_work_with_children"),
            R::ZoneAround(
                40.3850,
                49.8390,
                500,
                "Around the victim's home (fictional)",
            ),
        ],
        restricted: false,
        closed: false,
    },
    Demo {
        name: "Aynur Qasımova (demo)",
        born: "1987-11-02",
        place: "Nəsimi",
        coordinator: 0,
        languages: &["az"],
        needs: &["debt", "family"],
        skills: &["admin_work"],
        orders: &[
            order(OrderKind::Fine, "completed", 0, "Tax offence (fictional)"),
            order(
                OrderKind::PositionBan,
                "active",
                0,
                "Negligence at a kindergarten (fictional)",
            ),
        ],
        restrictions: &[R::Barred(&["childcare", "education"])],
        restricted: false,
        closed: false,
    },
    Demo {
        name: "Elnur Hüseynov (demo)",
        born: "1990-06-21",
        place: "Xətai",
        coordinator: 0,
        languages: &["az", "ru", "en"],
        needs: &["employment"],
        skills: &["mechanics", "driving"],
        orders: &[
            order(
                OrderKind::DrivingBan,
                "active",
                0,
                "Drunk driving (fictional)",
            ),
            order(
                OrderKind::PublicWorks,
                "active",
                300,
                "Drunk driving (fictional)",
            ),
        ],
        restrictions: &[R::NoDriving],
        restricted: false,
        closed: false,
    },
    Demo {
        name: "Səbinə Rzayeva (demo)",
        born: "1999-01-30",
        place: "Səbail",
        coordinator: 0,
        languages: &["az"],
        needs: &["education", "housing"],
        skills: &["sewing"],
        orders: &[order(
            OrderKind::RestrictionOfFreedom,
            "active",
            0,
            "Theft (fictional)",
        )],
        restrictions: &[R::Permitted(SEBAIL), R::Curfew("22:00", "06:00")],
        restricted: false,
        closed: false,
    },
    Demo {
        name: "Kamran Əhmədov (demo)",
        born: "1983-08-08",
        place: "Sabunçu",
        coordinator: 0,
        languages: &["az", "ru"],
        needs: &["mental_health", "family"],
        skills: &[],
        orders: &[order(
            OrderKind::ConditionalSentence,
            "active",
            0,
            "Assault (fictional)",
        )],
        restrictions: &[R::Flag("must_not_work_alone")],
        restricted: true,
        closed: false,
    },
    Demo {
        name: "Nərmin Babayeva (demo)",
        born: "1992-04-17",
        place: "Binəqədi",
        coordinator: 0,
        languages: &["az", "ru"],
        needs: &["addiction", "mental_health"],
        skills: &["cooking"],
        orders: &[order(
            OrderKind::CompulsoryTreatment,
            "active",
            0,
            "Drug possession (fictional)",
        )],
        restrictions: &[R::Flag("no_work_with_vulnerable_adults")],
        restricted: false,
        closed: false,
    },
    Demo {
        name: "Orxan Məmmədli (demo)",
        born: "2001-09-05",
        place: "Sumqayıt",
        coordinator: 0,
        languages: &["az"],
        needs: &["employment", "education"],
        skills: &["computers"],
        orders: &[order(
            OrderKind::AdministrativeCommunityService,
            "active",
            60,
            "Petty hooliganism (fictional)",
        )],
        restrictions: &[],
        restricted: false,
        closed: false,
    },
    Demo {
        name: "Günel Tağıyeva (demo)",
        born: "1996-12-24",
        place: "Sumqayıt",
        coordinator: 0,
        languages: &["az", "tr"],
        needs: &["family", "housing"],
        skills: &["cleaning"],
        orders: &[order(
            OrderKind::PostponedSentence,
            "active",
            0,
            "Fraud (fictional)",
        )],
        restrictions: &[R::PermittedRadius(3000)],
        restricted: false,
        closed: false,
    },
    Demo {
        name: "Rauf Abbasov (demo)",
        born: "1979-02-14",
        place: "Gəncə",
        coordinator: 1,
        languages: &["az"],
        needs: &["employment", "debt"],
        skills: &["construction", "electrical"],
        orders: &[order(
            OrderKind::CorrectionalWork,
            "active",
            0,
            "Threats (fictional)",
        )],
        restrictions: &[R::Zone(
            GANJA_ZONE,
            "The street of the victim's family (fictional)",
        )],
        restricted: false,
        closed: false,
    },
    Demo {
        name: "Lalə Cəfərova (demo)",
        born: "1985-07-03",
        place: "Gəncə",
        coordinator: 1,
        languages: &["az", "ru"],
        needs: &["community_ties", "housing"],
        skills: &["elderly_care", "cooking"],
        orders: &[order(
            OrderKind::ConditionalRelease,
            "active",
            0,
            "Embezzlement (fictional)",
        )],
        restrictions: &[R::Curfew("23:00", "06:00")],
        restricted: false,
        closed: false,
    },
    Demo {
        name: "Vüqar İsmayılov (demo)",
        born: "1997-05-28",
        place: "Gəncə",
        coordinator: 1,
        languages: &["az"],
        needs: &["employment"],
        skills: &["gardening", "sports"],
        orders: &[
            order(
                OrderKind::PublicWorks,
                "active",
                400,
                "Vandalism (fictional)",
            ),
            order(
                OrderKind::DrivingBan,
                "suspended",
                0,
                "Speeding (fictional)",
            ),
        ],
        restrictions: &[R::NoDriving, R::Barred(&["driving", "warehouse"])],
        restricted: false,
        closed: false,
    },
    Demo {
        name: "Fərid Quliyev (demo)",
        born: "1989-10-10",
        place: "Gəncə",
        coordinator: 1,
        languages: &["az", "ru"],
        needs: &["employment"],
        skills: &["painting"],
        orders: &[order(
            OrderKind::PublicWorks,
            "completed",
            240,
            "Shoplifting (fictional)",
        )],
        restrictions: &[],
        restricted: false,
        closed: true,
    },
];

fn err(error: crate::error::AppError) -> anyhow::Error {
    anyhow::anyhow!("demo clients: {error:?}")
}

async fn ensure_regions(state: &AppState) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (code, name, lat, lon) in REGIONS {
        let existing = regions::list(&state.db).await.map_err(err)?;
        let id = match existing.iter().find(|r| r.code == code) {
            Some(r) => r.id,
            None => {
                let new = NewRegion {
                    code: code.into(),
                    name: name.into(),
                    lat: Some(lat),
                    lon: Some(lon),
                };
                regions::create(&state.db, &new).await.map_err(err)?.id
            }
        };
        ids.push(id);
    }
    Ok(ids)
}

async fn coordinator(state: &AppState, email: &str, region: i64) -> anyhow::Result<AuthUser> {
    let model = user::Entity::find()
        .filter(user::Column::EmailKey.eq(email))
        .one(&state.db)
        .await?
        .ok_or_else(|| anyhow::anyhow!("demo user {email} missing"))?;
    let mut active: user::ActiveModel = model.clone().into();
    active.region_id = Set(Some(region));
    active.update(&state.db).await?;
    current_user::load(&state.db, model.id, AuthMethod::Session)
        .await
        .map_err(err)?
        .ok_or_else(|| anyhow::anyhow!("demo user {email} inactive"))
}

fn days(date: NaiveDate, delta: i64) -> String {
    let shifted = if delta >= 0 {
        date.checked_add_days(Days::new(delta.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(delta.unsigned_abs()))
    };
    shifted.unwrap_or(date).to_string()
}

fn restriction_input(r: &R) -> RestrictionInput {
    let mut input = RestrictionInput::default();
    let text = |s: &str| s.to_owned();
    match r {
        R::NoDriving => input.kind = text("no_driving"),
        R::Barred(kinds) => {
            input.kind = text("barred_work");
            input.work_kinds = kinds.iter().map(|k| text(k)).collect();
        }
        R::Permitted(geojson) => {
            input.kind = text("permitted_area");
            input.area = text(geojson);
        }
        R::PermittedRadius(m) => {
            input.kind = text("permitted_area");
            input.radius_m = m.to_string();
        }
        R::Curfew(from, to) => {
            input.kind = text("curfew");
            input.curfew_start = text(from);
            input.curfew_end = text(to);
        }
        R::ZoneAround(lat, lon, m, note) => {
            input.kind = text("exclusion_zone");
            input.centre_lat = lat.to_string();
            input.centre_lon = lon.to_string();
            input.radius_m = m.to_string();
            input.note = text(note);
        }
        R::Zone(geojson, note) => {
            input.kind = text("exclusion_zone");
            input.area = text(geojson);
            input.note = text(note);
        }
        R::Flag(flag) => {
            input.kind = text("risk_flag");
            input.risk_flag = text(flag);
        }
    }
    input
}

/// Loads the demo clients (the demo accounts must exist).
pub async fn load(state: &AppState) -> anyhow::Result<()> {
    let region_ids = ensure_regions(state).await?;
    let staff = [
        coordinator(state, "leyla.coordinator@demo.korpu.az", region_ids[0]).await?,
        coordinator(state, "rashad.coordinator@demo.korpu.az", region_ids[2]).await?,
    ];
    let base = today();
    let ip = "demo";
    for demo in CLIENTS {
        let actor = &staff[demo.coordinator];
        let input = ClientInput {
            name: demo.name.into(),
            birth_date: demo.born.into(),
            languages: demo.languages.iter().map(|l| (*l).into()).collect(),
            phone: "+994 50 000 00 00".into(),
            home: HomeInput {
                settlement: demo.place.into(),
                ..Default::default()
            },
            needs: demo.needs.iter().map(|n| (*n).into()).collect(),
            skills: demo.skills.iter().map(|s| (*s).into()).collect(),
            availability: vec![
                WindowInput {
                    day: Some(1),
                    start: "09:00".into(),
                    end: "13:00".into(),
                },
                WindowInput {
                    day: Some(5),
                    start: "10:00".into(),
                    end: "16:00".into(),
                },
            ],
            restricted: demo.restricted,
            notes: "Fictional demo record.".into(),
            ..Default::default()
        };
        let client = clients::create(&state.db, actor, ip, &input)
            .await
            .map_err(err)?;
        let mut order_ids = Vec::new();
        for (i, o) in demo.orders.iter().enumerate() {
            let hours = if o.kind.is_hour_counted() {
                let Some(range) = state.rules.hour_range(o.kind) else {
                    continue;
                };
                o.hours.clamp(range.min, range.max).to_string()
            } else {
                String::new()
            };
            let shift = 30 * i as i64;
            let order = OrderInput {
                kind: o.kind.as_str().into(),
                authority: if demo.coordinator == 0 {
                    "Bakı şəhəri Yasamal Rayon Məhkəməsi (demo)".into()
                } else {
                    "Gəncə şəhəri Kəpəz Rayon Məhkəməsi (demo)".into()
                },
                reference: format!("1({})-{}/2026", 100 + client.id, 10 + i),
                offence: o.offence.into(),
                decision_date: days(base, -120 - shift),
                start_date: days(base, -90 - shift),
                end_date: days(base, 270 - shift),
                status: o.status.into(),
                hours_ordered: hours,
                notes: String::new(),
            };
            let saved = orders::create(&state.db, &state.rules, actor, ip, client.id, &order)
                .await
                .map_err(err)?;
            order_ids.push(saved.id);
        }
        for r in demo.restrictions {
            let order_id = match r {
                R::Flag(_) => None,
                _ => order_ids.first().copied(),
            };
            restrictions::add(
                &state.db,
                actor,
                ip,
                client.id,
                order_id,
                &restriction_input(r),
            )
            .await
            .map_err(err)?;
        }
        if demo.closed {
            let close = CloseInput {
                closed_on: days(base, -7),
                reason: "Order completed (demo).".into(),
            };
            clients::close(&state.db, actor, ip, client.id, &close)
                .await
                .map_err(err)?;
        }
    }
    Ok(())
}
