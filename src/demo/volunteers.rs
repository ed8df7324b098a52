//! Demo volunteers around Baku, Sumqayıt and Ganja, at every stage of vetting (the demo
//! mentor account is an approved volunteer), with the three demo regions. No e-mail is sent.

use chrono::{Days, Duration, Months, NaiveDate, Utc};
use entity::{training_module, volunteer, volunteer_training};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde_json::json;

use super::DEMO_PASSWORD;
use crate::auth::Role;
use crate::domain::availability::WindowInput;
use crate::domain::vetting::Stage;
use crate::error::{AppError, FieldErrors};
use crate::i18n::Lang;
use crate::services::accounts::{self, NewUser};
use crate::services::audit::Actor;
use crate::services::regions::{self, NewRegion};
use crate::services::volunteers::account::roles_for;
use crate::services::volunteers::profile::{self, ProfileInput};
use crate::services::volunteers::{History, PRIVACY_NOTICE_VERSION, own};

/// (code, name, centre latitude, centre longitude).
const REGIONS: [(&str, &str, f64, f64); 3] = [
    ("baku", "Bakı", 40.4093, 49.8671),
    ("sumqayit", "Sumqayıt", 40.5897, 49.6686),
    ("ganja", "Gəncə", 40.6828, 46.3606),
];

struct Demo {
    email: &'static str,
    name: &'static str,
    settlement: &'static str,
    roles: &'static [&'static str],
    kind: &'static str,
    specialties: &'static [&'static str],
    languages: &'static [&'static str],
    skills: &'static [&'static str],
    /// (day, start, end) windows.
    windows: &'static [(u8, &'static str, &'static str)],
    stage: Stage,
    reason: &'static str,
    days_ago: u64,
    paused: bool,
    /// Days until the background check lapses (approved and later).
    check_days: u64,
}

const fn demo(
    email: &'static str,
    name: &'static str,
    settlement: &'static str,
    stage: Stage,
) -> Demo {
    Demo {
        email,
        name,
        settlement,
        roles: &["mentor"],
        kind: "",
        specialties: &[],
        languages: &["az", "ru"],
        skills: &["tutoring"],
        windows: &[(1, "18:00", "20:00"), (5, "10:00", "13:00")],
        stage,
        reason: "",
        days_ago: 3,
        paused: false,
        check_days: 900,
    }
}

/// The demo mentor account (`mentor@demo.korpu.az`) is the first, approved volunteer.
const VOLUNTEERS: &[Demo] = &[
    Demo {
        skills: &["tutoring", "job_search", "computers"],
        days_ago: 60,
        ..demo(
            "mentor@demo.korpu.az",
            "Günay Əliyeva (demo)",
            "Nəsimi",
            Stage::Approved,
        )
    },
    Demo {
        days_ago: 1,
        ..demo(
            "aynur.cafarova@demo.korpu.az",
            "Aynur Cəfərova (demo)",
            "Yasamal",
            Stage::Applied,
        )
    },
    Demo {
        skills: &["sports", "listening"],
        days_ago: 2,
        ..demo(
            "tural.hasanov@demo.korpu.az",
            "Tural Həsənov (demo)",
            "Sumqayıt",
            Stage::EmailVerified,
        )
    },
    Demo {
        roles: &["site_helper"],
        skills: &["carpentry", "construction"],
        windows: &[(5, "09:00", "15:00")],
        days_ago: 8,
        ..demo(
            "ilqar.shirinov@demo.korpu.az",
            "Ilqar Şirinov (demo)",
            "Gəncə",
            Stage::Interview,
        )
    },
    Demo {
        languages: &["az", "en"],
        days_ago: 15,
        ..demo(
            "sabina.aliyeva@demo.korpu.az",
            "Səbinə Əliyeva (demo)",
            "Bakı",
            Stage::BackgroundCheck,
        )
    },
    Demo {
        roles: &["mentor", "professional"],
        kind: "social_worker",
        specialties: &["employment_counselling", "family"],
        days_ago: 25,
        ..demo(
            "orxan.mammadli@demo.korpu.az",
            "Orxan Məmmədli (demo)",
            "Sumqayıt",
            Stage::Training,
        )
    },
    Demo {
        roles: &["professional"],
        kind: "psychologist",
        specialties: &["addiction", "trauma", "mental_health"],
        languages: &["az", "ru", "en"],
        skills: &["listening"],
        days_ago: 90,
        ..demo(
            "narmin.guliyeva@demo.korpu.az",
            "Nərmin Quliyeva (demo)",
            "Gəncə",
            Stage::Approved,
        )
    },
    Demo {
        skills: &["finance", "admin_work"],
        days_ago: 200,
        check_days: 20,
        ..demo(
            "elshan.ismayilov@demo.korpu.az",
            "Elşən İsmayılov (demo)",
            "Sumqayıt",
            Stage::Approved,
        )
    },
    Demo {
        skills: &["cooking"],
        days_ago: 120,
        paused: true,
        ..demo(
            "konul.rahimova@demo.korpu.az",
            "Könül Rəhimova (demo)",
            "Yasamal",
            Stage::Approved,
        )
    },
    Demo {
        reason: "Could not commit to regular meetings.",
        days_ago: 30,
        ..demo(
            "farid.abbasov@demo.korpu.az",
            "Fərid Abbasov (demo)",
            "Gəncə",
            Stage::Rejected,
        )
    },
    Demo {
        days_ago: 40,
        ..demo(
            "lala.nasibova@demo.korpu.az",
            "Lalə Nəsibova (demo)",
            "Bakı",
            Stage::Withdrawn,
        )
    },
    Demo {
        reason: "Missed three meetings in a row; to be discussed.",
        days_ago: 150,
        ..demo(
            "rauf.qahramanov@demo.korpu.az",
            "Rauf Qəhrəmanov (demo)",
            "Nəsimi",
            Stage::Suspended,
        )
    },
];

/// The stages a volunteer passed through to reach `stage`.
fn path_to(stage: Stage) -> Vec<Stage> {
    use Stage::*;
    let pipeline = [
        Applied,
        EmailVerified,
        Interview,
        BackgroundCheck,
        Training,
        Approved,
    ];
    match stage {
        Rejected => vec![Applied, EmailVerified, Interview, Rejected],
        Withdrawn => vec![Applied, EmailVerified, Withdrawn],
        Suspended => pipeline.into_iter().chain([Suspended]).collect(),
        other => pipeline
            .into_iter()
            .take_while(|s| *s != other)
            .chain([other])
            .collect(),
    }
}

fn err(error: AppError) -> anyhow::Error {
    anyhow::anyhow!("{error:?}")
}

async fn ensure_regions(db: &DatabaseConnection) -> anyhow::Result<()> {
    let existing = regions::list(db).await.map_err(err)?;
    for (code, name, lat, lon) in REGIONS {
        if !existing.iter().any(|r| r.code == code) {
            regions::create(
                db,
                &NewRegion {
                    code: code.into(),
                    name: name.into(),
                    lat: Some(lat),
                    lon: Some(lon),
                },
            )
            .await
            .map_err(err)?;
        }
    }
    Ok(())
}

/// Loads the demo regions (if missing) and volunteers.
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<()> {
    ensure_regions(db).await?;
    let modules = training_module::Entity::find()
        .filter(training_module::Column::Active.eq(true))
        .all(db)
        .await?;
    for d in VOLUNTEERS {
        add(db, d, &modules).await?;
    }
    Ok(())
}

async fn add(
    db: &DatabaseConnection,
    d: &Demo,
    modules: &[training_module::Model],
) -> anyhow::Result<()> {
    let input = ProfileInput {
        name: d.name.into(),
        phone: "+994 50 555 00 00".into(),
        language: "az".into(),
        languages: d.languages.iter().map(|s| (*s).to_owned()).collect(),
        skills: d.skills.iter().map(|s| (*s).to_owned()).collect(),
        roles: d.roles.iter().map(|s| (*s).to_owned()).collect(),
        professional_kind: d.kind.into(),
        specialties: d.specialties.iter().map(|s| (*s).to_owned()).collect(),
        home_settlement: d.settlement.into(),
        travel_km: "30".into(),
        availability: d
            .windows
            .iter()
            .map(|(day, start, end)| WindowInput {
                day: Some(*day),
                start: (*start).into(),
                end: (*end).into(),
            })
            .collect(),
        motivation: "I would like to give something back to my community. (demo)".into(),
        ..Default::default()
    };
    let mut errors = FieldErrors::new();
    let parsed = profile::parse_profile(db, &input, Lang::Az, &mut errors)
        .await
        .map_err(err)?
        .ok_or_else(|| anyhow::anyhow!("demo volunteer {}: {errors:?}", d.email))?;
    let now = Utc::now();
    let applied_at = now - Duration::days(d.days_ago as i64);
    let today = now.date_naive();
    let vetted = matches!(
        d.stage,
        Stage::Training | Stage::Approved | Stage::Suspended
    );
    let checked_on = today - Days::new(d.days_ago.min(30));
    let mut row = volunteer::ActiveModel {
        email: Set(d.email.into()),
        email_key: Set(d.email.into()),
        consent_at: Set(applied_at),
        privacy_version: Set(PRIVACY_NOTICE_VERSION.into()),
        stage: Set(d.stage),
        stage_reason: Set((!d.reason.is_empty()).then(|| d.reason.to_owned())),
        stage_changed_at: Set(applied_at + Duration::days((d.days_ago / 2) as i64)),
        user_id: Set(None),
        paused: Set(d.paused),
        max_mentees: Set(profile::DEFAULT_MENTEES),
        check_outcome: Set(vetted.then(|| "passed".to_owned())),
        checked_on: Set(vetted.then_some(checked_on)),
        check_expires_on: Set(vetted.then(|| today + Days::new(d.check_days))),
        created_at: Set(applied_at),
        updated_at: Set(now),
        deletion_requested_at: Set(None),
        erased_at: Set(None),
        ..Default::default()
    };
    profile::write(&parsed, &mut row);
    let model = row.insert(db).await?;
    if matches!(d.stage, Stage::Approved | Stage::Suspended) {
        link_account(db, &model, d).await?;
    }
    if vetted {
        record_trainings(
            db,
            model.id,
            modules,
            checked_on,
            d.stage == Stage::Training,
        )
        .await?;
    }
    let volunteer_actor = Actor::Anonymous(d.email.into());
    let coordinator = Actor::Anonymous("leyla.coordinator@demo.korpu.az".into());
    let path = path_to(d.stage);
    History {
        volunteer_id: model.id,
        actor: &volunteer_actor,
        kind: "applied",
        stages: None,
        reason: None,
        detail: json!({ "privacy_version": PRIVACY_NOTICE_VERSION, "demo": true }),
    }
    .write(db)
    .await
    .map_err(err)?;
    for pair in path.windows(2) {
        let by_volunteer = pair[1] == Stage::EmailVerified || pair[1] == Stage::Withdrawn;
        History {
            volunteer_id: model.id,
            actor: if by_volunteer {
                &volunteer_actor
            } else {
                &coordinator
            },
            kind: "transition",
            stages: Some((pair[0], pair[1])),
            reason: (pair[1] == d.stage && !d.reason.is_empty()).then(|| d.reason.to_owned()),
            detail: json!({ "demo": true }),
        }
        .write(db)
        .await
        .map_err(err)?;
    }
    if d.stage == Stage::Withdrawn {
        own::erase(db, model.id).await.map_err(err)?;
    }
    Ok(())
}

/// The demo mentor's existing account, or a new one with the demo password.
async fn link_account(
    db: &DatabaseConnection,
    model: &volunteer::Model,
    d: &Demo,
) -> anyhow::Result<()> {
    let user = match accounts::find_by_email(db, d.email).await.map_err(err)? {
        Some(user) => user,
        None => {
            let sought: Vec<_> = d
                .roles
                .iter()
                .filter_map(|r| crate::domain::volunteer::RoleSought::parse(r))
                .collect();
            let roles: Vec<String> = roles_for(&sought)
                .iter()
                .map(|r: &Role| r.as_str().to_owned())
                .collect();
            let new =
                NewUser::parse(d.email, d.name, &roles, "az", model.region_id).map_err(err)?;
            accounts::add_with_password(db, &new, DEMO_PASSWORD)
                .await
                .map_err(err)?
        }
    };
    let active = d.stage != Stage::Suspended;
    crate::services::volunteers::account::set_active(db, Some(user.id), active)
        .await
        .map_err(err)?;
    let mut row: volunteer::ActiveModel = model.clone().into();
    row.user_id = Set(Some(user.id));
    row.update(db).await?;
    Ok(())
}

/// Completions of the mandatory modules (and all modules for the approved); someone in
/// training has done only the first.
async fn record_trainings(
    db: &DatabaseConnection,
    volunteer_id: i64,
    modules: &[training_module::Model],
    on: NaiveDate,
    in_training: bool,
) -> anyhow::Result<()> {
    let take = if in_training { 1 } else { modules.len() };
    for module in modules.iter().take(take) {
        volunteer_training::ActiveModel {
            volunteer_id: Set(volunteer_id),
            module_id: Set(module.id),
            completed_on: Set(on),
            expires_on: Set(module
                .validity_months
                .and_then(|m| on.checked_add_months(Months::new(m.unsigned_abs())))),
            recorded_by: Set(None),
            recorded_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}
