//! `korpu bench load-national`: writes the synthetic national data set (250,000 clients with
//! an active order in hours, 50,000 approved mentors with a valid check and training, 20,000
//! sites, 2,000 psychologists and social workers, one region per population centre with a
//! coordinator) into the configured database with multi-row `INSERT`s, so that `korpu serve`
//! runs on it. Restrictions written: driving bans, risk flags and barred work (areas,
//! zones and curfews of the generator are left out).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, Utc};
use entity::{
    client, client_restriction, order, professional, professional_language, professional_specialty,
    site, site_language, site_skill, site_work_kind, volunteer, volunteer_training,
};
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{
    ActiveValue::NotSet, DatabaseConnection, EntityTrait, PaginatorTrait, Set, TransactionTrait,
};

use crate::domain::matching::synth::{self, Sizes};
use crate::domain::matching::{
    CandidateProfile, ClientProfile, LatLon, Need, RiskFlag, SiteFlag, TagSet, WeeklyAvailability,
};
use crate::domain::text::search_key;
use crate::domain::work::WorkKind;
use crate::services::accounts::{self, NewUser};
use crate::services::batch::{insert_returning_ids, insert_rows};
use crate::services::matching::usage::slots_to_weekly;
use crate::services::regions::{self, NewRegion};

/// Records per transaction (and progress step).
const STEP: usize = 5_000;

/// Password of the accounts created (`coordinator-<region>@national.korpu.test`,
/// `admin@national.korpu.test`) unless `KORPU_BENCH_PASSWORD` is set.
const DEFAULT_PASSWORD: &str = "national-bench-2026";

/// Codes of the database for the generator's tags.
struct Codes {
    vocab: crate::domain::matching::Vocabularies,
    skills: Vec<String>,
}

impl Codes {
    fn languages(&self, set: TagSet) -> Vec<String> {
        self.vocab.languages.names(set)
    }

    /// The generator's skills onto the curated skills of the database, by position.
    fn skills(&self, set: TagSet) -> Vec<String> {
        let mut out: Vec<String> = set
            .iter()
            .filter_map(|t| {
                self.skills
                    .get(t.index() % self.skills.len().max(1))
                    .cloned()
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The generator's kinds of work onto the service's, by position.
    fn work_kinds(&self, set: TagSet) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = set
            .iter()
            .map(|t| WorkKind::ALL[t.index() % WorkKind::ALL.len()].as_str())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn weekly_json(w: &WeeklyAvailability) -> String {
    slots_to_weekly(&w.slot_indices().collect::<Vec<_>>()).to_json()
}

fn json_list<S: serde::Serialize>(items: &[S]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".into())
}

fn nearest(centres: &[(i64, f64, f64)], p: &LatLon) -> i64 {
    centres
        .iter()
        .min_by(|a, b| {
            let da = (a.1 - p.lat()).powi(2) + (a.2 - p.lon()).powi(2);
            let db = (b.1 - p.lat()).powi(2) + (b.2 - p.lon()).powi(2);
            da.total_cmp(&db)
        })
        .map_or(0, |c| c.0)
}

fn bar(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg:>14} [{bar:40}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_owned());
    bar
}

/// Writes the data set into an empty database.
pub async fn run(db: &DatabaseConnection, seed: u64, scale_down: usize) -> anyhow::Result<()> {
    if client::Entity::find().count(db).await? > 0 {
        anyhow::bail!(
            "the database already holds clients; load the national data set into an empty one (e.g. --data-dir /tmp/national)"
        );
    }
    let d = scale_down.max(1);
    let sizes = Sizes {
        clients: Sizes::NATIONAL.clients / d,
        mentors: Sizes::NATIONAL.mentors / d,
        sites: Sizes::NATIONAL.sites / d,
        psychologists: Sizes::NATIONAL.psychologists / d,
    };
    eprintln!("generating {sizes:?} (seed {seed})");
    let data = synth::generate(seed, sizes);
    let password =
        std::env::var("KORPU_BENCH_PASSWORD").unwrap_or_else(|_| DEFAULT_PASSWORD.to_owned());
    let err = |e: crate::error::AppError| anyhow::anyhow!("{e}");
    // Regions, one coordinator each, an admin.
    let mut centres = Vec::new();
    let mut coordinators = HashMap::new();
    for (i, (name, lat, lon)) in synth::centres().into_iter().enumerate() {
        let region = regions::create(
            db,
            &NewRegion {
                code: format!("n{i:02}"),
                name: name.to_owned(),
                lat: Some(lat),
                lon: Some(lon),
            },
        )
        .await
        .map_err(err)?;
        let new = NewUser::parse(
            &format!("coordinator-n{i:02}@national.korpu.test"),
            &format!("Coordinator {name}"),
            &["coordinator".to_owned()],
            "en",
            Some(region.id),
        )
        .map_err(err)?;
        let user = accounts::add_with_password(db, &new, &password)
            .await
            .map_err(err)?;
        coordinators.insert(region.id, user.id);
        centres.push((region.id, lat, lon));
    }
    let admin = NewUser::parse(
        "admin@national.korpu.test",
        "Admin National",
        &["admin".to_owned()],
        "en",
        None,
    )
    .map_err(err)?;
    accounts::add_with_password(db, &admin, &password)
        .await
        .map_err(err)?;
    let skills: Vec<String> = crate::services::skills::list(db, crate::i18n::Lang::En, true)
        .await
        .map_err(err)?
        .into_iter()
        .map(|s| s.code)
        .collect();
    let codes = Codes {
        vocab: data.vocab.clone(),
        skills,
    };
    let today = Utc::now().date_naive();
    load_sites(
        db,
        &codes,
        &data.sites,
        &data.site_capacity,
        &centres,
        today,
    )
    .await?;
    load_mentors(
        db,
        &codes,
        &data.mentors,
        &data.mentor_capacity,
        &centres,
        today,
    )
    .await?;
    load_psychologists(
        db,
        &codes,
        &data.psychologists,
        &data.psychologist_capacity,
        &centres,
    )
    .await?;
    load_clients(db, &codes, &data.clients, &centres, &coordinators, today).await?;
    println!(
        "loaded {} clients, {} mentors, {} sites, {} psychologists in {} regions; sign in as admin@national.korpu.test or coordinator-n00@national.korpu.test (password {})",
        data.clients.len(),
        data.mentors.len(),
        data.sites.len(),
        data.psychologists.len(),
        centres.len(),
        if password == DEFAULT_PASSWORD {
            DEFAULT_PASSWORD
        } else {
            "from KORPU_BENCH_PASSWORD"
        }
    );
    Ok(())
}

async fn load_sites(
    db: &DatabaseConnection,
    codes: &Codes,
    sites: &[CandidateProfile],
    capacity: &[u32],
    centres: &[(i64, f64, f64)],
    today: NaiveDate,
) -> anyhow::Result<()> {
    let progress = bar(sites.len(), "sites");
    let now = Utc::now();
    for (chunk_no, chunk) in sites.chunks(STEP).enumerate() {
        let txn = db.begin().await?;
        let models: Vec<site::ActiveModel> = chunk
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let i = chunk_no * STEP + k;
                let name = format!("Site {}", i + 1);
                let flags = s.site_flags;
                site::ActiveModel {
                    id: NotSet,
                    name_key: Set(search_key(&name)),
                    search_key: Set(search_key(&format!("{name} Community Services"))),
                    name: Set(name),
                    organisation: Set("Community Services".into()),
                    address: Set(format!("Street {}", i + 1)),
                    settlement: Set(None),
                    lat: Set(s.location.lat()),
                    lon: Set(s.location.lon()),
                    contact_name: Set("Contact".into()),
                    contact_phone: Set("+994120000000".into()),
                    contact_email: Set(format!("site{}@national.korpu.test", i + 1)),
                    capacity: Set(capacity.get(i).copied().unwrap_or(1).max(1) as i32),
                    schedule: Set(weekly_json(&s.availability)),
                    children_present: Set(flags.contains(SiteFlag::ChildrenPresent)),
                    vulnerable_adults_present: Set(
                        flags.contains(SiteFlag::VulnerableAdultsPresent)
                    ),
                    needs_driving: Set(flags.contains(SiteFlag::NeedsDriving)),
                    heavy_work: Set(flags.contains(SiteFlag::HeavyPhysicalWork)),
                    step_free_access: Set(false),
                    lone_working: Set(flags.contains(SiteFlag::LoneWorking)),
                    active_from: Set(today - Duration::days(30)),
                    active_to: Set(None),
                    region_id: Set(Some(nearest(centres, &s.location))),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
            })
            .collect();
        let ids = insert_returning_ids(&txn, models).await?;
        let mut languages = Vec::new();
        let mut skills = Vec::new();
        let mut kinds = Vec::new();
        for (s, id) in chunk.iter().zip(&ids) {
            for l in codes.languages(s.languages) {
                languages.push(site_language::ActiveModel {
                    site_id: Set(*id),
                    language: Set(l),
                });
            }
            for code in codes.skills(s.skills) {
                skills.push(site_skill::ActiveModel {
                    site_id: Set(*id),
                    skill_code: Set(code),
                    mode: Set("taught".into()),
                });
            }
            for k in codes.work_kinds(s.work_kinds) {
                kinds.push(site_work_kind::ActiveModel {
                    site_id: Set(*id),
                    work_kind: Set(k.into()),
                });
            }
        }
        insert_rows(&txn, languages).await?;
        insert_rows(&txn, skills).await?;
        insert_rows(&txn, kinds).await?;
        txn.commit().await?;
        progress.inc(chunk.len() as u64);
    }
    progress.finish();
    Ok(())
}

async fn load_mentors(
    db: &DatabaseConnection,
    codes: &Codes,
    mentors: &[CandidateProfile],
    capacity: &[u32],
    centres: &[(i64, f64, f64)],
    today: NaiveDate,
) -> anyhow::Result<()> {
    let modules: Vec<(i64, Option<i32>)> = entity::training_module::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|m| m.mandatory && m.active)
        .map(|m| (m.id, m.validity_months))
        .collect();
    let progress = bar(mentors.len(), "mentors");
    let now = Utc::now();
    for (chunk_no, chunk) in mentors.chunks(STEP).enumerate() {
        let txn = db.begin().await?;
        let models: Vec<volunteer::ActiveModel> = chunk
            .iter()
            .enumerate()
            .map(|(k, m)| {
                let i = chunk_no * STEP + k;
                let name = format!("Mentor {}", i + 1);
                let email = format!("mentor{}@national.korpu.test", i + 1);
                volunteer::ActiveModel {
                    id: NotSet,
                    name_key: Set(search_key(&name)),
                    name: Set(name),
                    email_key: Set(email.to_lowercase()),
                    email: Set(email),
                    phone: Set(None),
                    language: Set("az".into()),
                    languages: Set(json_list(&codes.languages(m.languages))),
                    skills: Set(json_list(&codes.skills(m.skills))),
                    skills_other: Set(String::new()),
                    roles_sought: Set(json_list(&["mentor"])),
                    professional_kind: Set(None),
                    specialties: Set("[]".into()),
                    settlement: Set(None),
                    lat: Set(Some(m.location.lat())),
                    lon: Set(Some(m.location.lon())),
                    region_id: Set(Some(nearest(centres, &m.location))),
                    travel_km: Set(m.travel_radius_km.unwrap_or(10.0).round() as i32),
                    availability: Set(weekly_json(&m.availability)),
                    motivation: Set(String::new()),
                    consent_at: Set(now),
                    privacy_version: Set("1".into()),
                    stage: Set(volunteer::Stage::Approved),
                    stage_reason: Set(None),
                    stage_changed_at: Set(now),
                    user_id: Set(None),
                    paused: Set(false),
                    max_mentees: Set(capacity.get(i).copied().unwrap_or(1).max(1) as i32),
                    check_outcome: Set(Some(
                        crate::services::volunteers::status::CHECK_PASSED.into(),
                    )),
                    checked_on: Set(Some(today - Duration::days(30))),
                    check_expires_on: Set(Some(today + Duration::days(700))),
                    created_at: Set(now),
                    updated_at: Set(now),
                    deletion_requested_at: Set(None),
                    erased_at: Set(None),
                }
            })
            .collect();
        let ids = insert_returning_ids(&txn, models).await?;
        let mut done = Vec::new();
        for id in &ids {
            for (module, months) in &modules {
                done.push(volunteer_training::ActiveModel {
                    id: NotSet,
                    volunteer_id: Set(*id),
                    module_id: Set(*module),
                    completed_on: Set(today - Duration::days(20)),
                    expires_on: Set(months.map(|m| today + Duration::days(30 * i64::from(m)))),
                    recorded_by: Set(None),
                    recorded_at: Set(now),
                });
            }
        }
        insert_rows(&txn, done).await?;
        txn.commit().await?;
        progress.inc(chunk.len() as u64);
    }
    progress.finish();
    Ok(())
}

async fn load_psychologists(
    db: &DatabaseConnection,
    codes: &Codes,
    people: &[CandidateProfile],
    capacity: &[u32],
    centres: &[(i64, f64, f64)],
) -> anyhow::Result<()> {
    use crate::domain::specialty::{ProfessionalKind, Specialty};
    let progress = bar(people.len(), "psychologists");
    let now = Utc::now();
    let txn = db.begin().await?;
    let mut kinds = Vec::new();
    let models: Vec<professional::ActiveModel> = people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let needs = p.specialties;
            let social = [Need::Housing, Need::Debt, Need::CommunityTies]
                .iter()
                .any(|n| needs.contains(*n));
            let mut specialties = Vec::new();
            for (need, specialty) in [
                (Need::Addiction, Specialty::Addiction),
                (Need::MentalHealth, Specialty::MentalHealth),
                (Need::Family, Specialty::Family),
                (Need::Employment, Specialty::EmploymentCounselling),
                (Need::Education, Specialty::Education),
            ] {
                if needs.contains(need) {
                    specialties.push(specialty);
                }
            }
            kinds.push(specialties);
            let kind = if social {
                ProfessionalKind::SocialWorker
            } else {
                ProfessionalKind::Psychologist
            };
            let name = format!("Professional {}", i + 1);
            professional::ActiveModel {
                id: NotSet,
                name_key: Set(search_key(&name)),
                search_key: Set(search_key(&name)),
                name: Set(name),
                kind: Set(kind.as_str().into()),
                organisation: Set("Health Centre".into()),
                email: Set(format!("professional{}@national.korpu.test", i + 1)),
                phone: Set("+994120000000".into()),
                settlement: Set(None),
                lat: Set(p.location.lat()),
                lon: Set(p.location.lon()),
                in_person: Set(true),
                remote: Set(p.remote),
                caseload_capacity: Set(capacity.get(i).copied().unwrap_or(5).max(1) as i32),
                availability: Set(weekly_json(&p.availability)),
                active: Set(true),
                user_id: Set(None),
                region_id: Set(Some(nearest(centres, &p.location))),
                created_at: Set(now),
                updated_at: Set(now),
            }
        })
        .collect();
    let ids = insert_returning_ids(&txn, models).await?;
    let mut languages = Vec::new();
    let mut specialties = Vec::new();
    for ((p, id), kinds) in people.iter().zip(&ids).zip(&kinds) {
        for l in codes.languages(p.languages) {
            languages.push(professional_language::ActiveModel {
                professional_id: Set(*id),
                language: Set(l),
            });
        }
        for s in kinds {
            specialties.push(professional_specialty::ActiveModel {
                professional_id: Set(*id),
                specialty: Set(s.as_str().into()),
            });
        }
    }
    insert_rows(&txn, languages).await?;
    insert_rows(&txn, specialties).await?;
    txn.commit().await?;
    progress.inc(people.len() as u64);
    progress.finish();
    Ok(())
}

async fn load_clients(
    db: &DatabaseConnection,
    codes: &Codes,
    clients: &[ClientProfile],
    centres: &[(i64, f64, f64)],
    coordinators: &HashMap<i64, i64>,
    today: NaiveDate,
) -> anyhow::Result<()> {
    use crate::domain::needs::Need as CaseNeed;
    let progress = bar(clients.len(), "clients");
    let now = Utc::now();
    let case_need = |n: Need| match n {
        Need::Employment => CaseNeed::Employment,
        Need::Education => CaseNeed::Education,
        Need::Housing => CaseNeed::Housing,
        Need::Addiction => CaseNeed::Addiction,
        Need::MentalHealth => CaseNeed::MentalHealth,
        Need::Family => CaseNeed::Family,
        Need::Debt => CaseNeed::Debt,
        Need::CommunityTies => CaseNeed::CommunityTies,
    };
    for (chunk_no, chunk) in clients.chunks(STEP).enumerate() {
        let txn = db.begin().await?;
        let models: Vec<client::ActiveModel> = chunk
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let i = chunk_no * STEP + k;
                let name = format!("Client {}", i + 1);
                let region = nearest(centres, &c.location);
                let mut languages = codes.languages(c.languages);
                if let Some(primary) = c.primary_language.map(|t| codes.vocab.languages.name(t)) {
                    languages.retain(|l| l != primary);
                    languages.insert(0, primary.to_owned());
                }
                let needs: Vec<&str> = c
                    .needs
                    .to_vec()
                    .into_iter()
                    .map(|n| case_need(n).as_str())
                    .collect();
                client::ActiveModel {
                    id: NotSet,
                    name_key: Set(search_key(&name)),
                    name: Set(name),
                    birth_date: Set(NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(today)),
                    languages: Set(json_list(&languages)),
                    phone: Set(None),
                    email: Set(None),
                    address: Set(None),
                    settlement: Set(None),
                    lat: Set(c.location.lat()),
                    lon: Set(c.location.lon()),
                    region_id: Set(Some(region)),
                    coordinator_id: Set(coordinators.get(&region).copied().unwrap_or_default()),
                    needs: Set(json_list(&needs)),
                    skills: Set(json_list(&codes.skills(c.skills))),
                    interests: Set(None),
                    availability: Set(weekly_json(&c.availability)),
                    restricted: Set(false),
                    notes: Set(None),
                    closed_on: Set(None),
                    close_reason: Set(None),
                    created_at: Set(now),
                    updated_at: Set(now),
                }
            })
            .collect();
        let ids = insert_returning_ids(&txn, models).await?;
        let orders: Vec<order::ActiveModel> = ids
            .iter()
            .map(|id| order::ActiveModel {
                id: NotSet,
                client_id: Set(*id),
                kind: Set("public_works".into()),
                authority: Set("District court".into()),
                reference: Set(format!("N-{id}")),
                offence: Set(None),
                decision_date: Set(today - Duration::days(60)),
                start_date: Set(today - Duration::days(30)),
                end_date: Set(today + Duration::days(300)),
                status: Set("active".into()),
                hours_ordered: Set(Some(120)),
                notes: Set(None),
                created_at: Set(now),
                updated_at: Set(now),
            })
            .collect();
        insert_rows(&txn, orders).await?;
        let mut restrictions = Vec::new();
        let restriction = |client_id: i64, kind: &str| client_restriction::ActiveModel {
            id: NotSet,
            client_id: Set(client_id),
            order_id: Set(None),
            kind: Set(kind.into()),
            work_kinds: Set(None),
            area: Set(None),
            curfew_start: Set(None),
            curfew_end: Set(None),
            risk_flag: Set(None),
            note: Set(None),
            created_at: Set(now),
        };
        for (c, id) in chunk.iter().zip(&ids) {
            if !c.may_drive {
                restrictions.push(restriction(*id, "no_driving"));
            }
            for flag in c.risk.to_vec() {
                // The register has no flag for heavy work; the generator's is left out.
                let code = match flag {
                    RiskFlag::NoWorkWithChildren => "no_work_with_children",
                    RiskFlag::NoWorkWithVulnerableAdults => "no_work_with_vulnerable_adults",
                    RiskFlag::MustNotWorkAlone => "must_not_work_alone",
                    _ => continue,
                };
                let mut r = restriction(*id, "risk_flag");
                r.risk_flag = Set(Some(code.into()));
                restrictions.push(r);
            }
            if !c.barred_work.is_empty() {
                let mut r = restriction(*id, "barred_work");
                r.work_kinds = Set(Some(json_list(&codes.work_kinds(c.barred_work))));
                restrictions.push(r);
            }
        }
        insert_rows(&txn, restrictions).await?;
        txn.commit().await?;
        progress.inc(chunk.len() as u64);
    }
    progress.finish();
    Ok(())
}
