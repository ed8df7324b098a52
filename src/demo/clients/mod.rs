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
mod data;

use data::{CLIENTS, R, REGIONS};

use crate::domain::orders::OrderInput;
use crate::domain::restrictions::RestrictionInput;
use crate::services::clients::{self, ClientInput, CloseInput, HomeInput, orders, restrictions};
use crate::services::regions::{self, NewRegion};

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
