//! Demo placement sites and professionals around Baku, Sumqayıt and Ganja (all fictional).
//! The demo site supervisor supervises two sites; the demo psychologist's account is linked to
//! a professional record.

use chrono::{Duration, Utc};

use crate::domain::availability::WindowInput;
use crate::domain::location::LocationInput;
use crate::error::AppError;
use crate::services::audit::Actor;
use crate::services::professionals::{self, ProfessionalInput};
use crate::services::regions::{self, NewRegion};
use crate::services::sites::{self, SiteInput};

/// Regions the demo uses: (code, name, centre).
const REGIONS: [(&str, &str, f64, f64); 3] = [
    ("baku", "Bakı", 40.40930, 49.86710),
    ("sumqayit", "Sumqayıt", 40.58972, 49.66861),
    ("ganja", "Gəncə", 40.68157, 46.36134),
];

/// Creates the demo regions that do not exist yet (looked up by code, so other areas' demo
/// data may create them too).
pub async fn ensure_regions(db: &sea_orm::DatabaseConnection) -> Result<(), AppError> {
    let existing = regions::list(db).await?;
    for (code, name, lat, lon) in REGIONS {
        if existing.iter().any(|r| r.code == code) {
            continue;
        }
        regions::create(
            db,
            &NewRegion {
                code: code.into(),
                name: name.into(),
                lat: Some(lat),
                lon: Some(lon),
            },
        )
        .await?;
    }
    Ok(())
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn week(days: &[u8], start: &str, end: &str) -> Vec<WindowInput> {
    days.iter()
        .map(|d| WindowInput {
            day: Some(*d),
            start: start.into(),
            end: end.into(),
        })
        .collect()
}

fn place(settlement: &str, lat: f64, lon: f64) -> LocationInput {
    LocationInput {
        settlement: settlement.into(),
        lat: lat.to_string(),
        lon: lon.to_string(),
    }
}

struct DemoSite {
    name: &'static str,
    organisation: &'static str,
    address: &'static str,
    place: (&'static str, f64, f64),
    contact: (&'static str, &'static str, &'static str),
    work: &'static [&'static str],
    needed: &'static [&'static str],
    taught: &'static [&'static str],
    capacity: u32,
    schedule: (&'static [u8], &'static str, &'static str),
    flags: &'static [&'static str],
    languages: &'static [&'static str],
    region: &'static str,
    supervised: bool,
    closed: bool,
}

const SITES: &[DemoSite] = &[
    DemoSite {
        name: "Dənizkənarı bulvar — park xidməti",
        organisation: "Sumqayıt Bələdiyyəsi Park Xidməti (demo)",
        address: "Sülh küçəsi, Dənizkənarı bulvar",
        place: ("Sumqayıt", 40.5857, 49.6402),
        contact: ("Orxan Babayev", "+994 18 555 01 01", "park@demo.korpu.az"),
        work: &["gardening", "cleaning"],
        needed: &[],
        taught: &["gardening"],
        capacity: 6,
        schedule: (&[0, 1, 2, 3, 4], "09:00", "13:00"),
        flags: &["heavy_work"],
        languages: &["az", "ru"],
        region: "sumqayit",
        supervised: true,
        closed: false,
    },
    DemoSite {
        name: "«Süfrə» icma mətbəxi",
        organisation: "Süfrə İctimai Birliyi (demo)",
        address: "Füzuli küçəsi 12",
        place: ("Nəsimi", 40.3868, 49.8402),
        contact: (
            "Nərmin Kərimova",
            "+994 12 555 02 02",
            "sufre@demo.korpu.az",
        ),
        work: &["kitchen", "cleaning", "community_events"],
        needed: &[],
        taught: &["cooking"],
        capacity: 4,
        schedule: (&[1, 3, 5], "10:00", "15:00"),
        flags: &["step_free_access"],
        languages: &["az", "ru", "en"],
        region: "baku",
        supervised: true,
        closed: false,
    },
    DemoSite {
        name: "Gəncə Mərkəzi Kitabxanası",
        organisation: "Gəncə Şəhər Mədəniyyət İdarəsi (demo)",
        address: "Cavadxan küçəsi 8",
        place: ("Gəncə", 40.6828, 46.3606),
        contact: (
            "Səadət Məmmədli",
            "+994 22 555 03 03",
            "kitabxana@demo.korpu.az",
        ),
        work: &["education", "office"],
        needed: &["computers"],
        taught: &["admin_work"],
        capacity: 3,
        schedule: (&[0, 1, 2, 3, 4], "10:00", "17:00"),
        flags: &["step_free_access"],
        languages: &["az", "ru"],
        region: "ganja",
        supervised: false,
        closed: false,
    },
    DemoSite {
        name: "«Ümid» ahıllar evi",
        organisation: "Ümid Sosial Xidmət Mərkəzi (demo)",
        address: "Qara Qarayev prospekti 45",
        place: ("Xətai", 40.3853, 49.9427),
        contact: ("Fəridə Həsənli", "+994 12 555 04 04", "umid@demo.korpu.az"),
        work: &["care_elderly", "kitchen", "cleaning"],
        needed: &[],
        taught: &["elderly_care", "first_aid"],
        capacity: 2,
        schedule: (&[0, 2, 4], "14:00", "18:00"),
        flags: &["vulnerable_adults_present", "step_free_access"],
        languages: &["az", "ru"],
        region: "baku",
        supervised: false,
        closed: false,
    },
    DemoSite {
        name: "7 nömrəli məktəb — həyət və təmir işləri",
        organisation: "Sumqayıt 7 nömrəli tam orta məktəb (demo)",
        address: "9-cu mikrorayon",
        place: ("Sumqayıt", 40.6032, 49.6565),
        contact: (
            "Rəşid Əhmədov",
            "+994 18 555 05 05",
            "mekteb7@demo.korpu.az",
        ),
        work: &["repair", "cleaning", "gardening"],
        needed: &["painting"],
        taught: &["carpentry"],
        capacity: 3,
        schedule: (&[5], "09:00", "14:00"),
        flags: &["children_present"],
        languages: &["az"],
        region: "sumqayit",
        supervised: false,
        closed: false,
    },
    DemoSite {
        name: "Abşeron ərzaq bankı — anbar",
        organisation: "Abşeron Ərzaq Bankı (demo)",
        address: "Binəqədi şossesi 3",
        place: ("Binəqədi", 40.4641, 49.8214),
        contact: ("Tural Səfərov", "+994 12 555 06 06", "anbar@demo.korpu.az"),
        work: &["warehouse", "driving"],
        needed: &["driving"],
        taught: &[],
        capacity: 5,
        schedule: (&[0, 1, 2, 3, 4, 5], "08:00", "12:00"),
        flags: &["needs_driving", "heavy_work"],
        languages: &["az", "ru"],
        region: "baku",
        supervised: false,
        closed: false,
    },
    DemoSite {
        name: "«Dost» heyvan sığınacağı",
        organisation: "Dost Heyvanları Qoruma Cəmiyyəti (demo)",
        address: "Şəhər kənarı, Kəpəz yolu",
        place: ("Gəncə", 40.6551, 46.3902),
        contact: ("Aynur Qasımova", "+994 22 555 07 07", "dost@demo.korpu.az"),
        work: &["animal_care", "cleaning"],
        needed: &[],
        taught: &[],
        capacity: 2,
        schedule: (&[5, 6], "10:00", "16:00"),
        flags: &["lone_working"],
        languages: &["az"],
        region: "ganja",
        supervised: false,
        closed: false,
    },
    DemoSite {
        name: "Köhnə idman zalı (bağlanıb)",
        organisation: "Yasamal Gənclər və İdman Mərkəzi (demo)",
        address: "Şərifzadə küçəsi 20",
        place: ("Yasamal", 40.3842, 49.8066),
        contact: ("", "", ""),
        work: &["sports", "cleaning"],
        needed: &[],
        taught: &["sports"],
        capacity: 4,
        schedule: (&[6], "10:00", "14:00"),
        flags: &[],
        languages: &["az", "ru"],
        region: "baku",
        supervised: false,
        closed: true,
    },
];

struct DemoProfessional {
    name: &'static str,
    kind: &'static str,
    organisation: &'static str,
    email: &'static str,
    place: (&'static str, f64, f64),
    specialties: &'static [&'static str],
    languages: &'static [&'static str],
    in_person: bool,
    remote: bool,
    caseload: u32,
    availability: (&'static [u8], &'static str, &'static str),
    account: &'static str,
}

const PROFESSIONALS: &[DemoProfessional] = &[
    DemoProfessional {
        name: "Elvin Məmmədov (demo)",
        kind: "psychologist",
        organisation: "Bakı Psixoloji Yardım Mərkəzi (demo)",
        email: "psychologist@demo.korpu.az",
        place: ("Nərimanov", 40.4032, 49.8712),
        specialties: &["addiction", "mental_health"],
        languages: &["ru", "az"],
        in_person: true,
        remote: true,
        caseload: 12,
        availability: (&[1, 3, 5], "10:00", "14:00"),
        account: "psychologist@demo.korpu.az",
    },
    DemoProfessional {
        name: "Aytən Quliyeva (demo)",
        kind: "psychologist",
        organisation: "Ailə və Uşaq Dəstək Mərkəzi (demo)",
        email: "ayten.q@demo.korpu.az",
        place: ("Yasamal", 40.3791, 49.8128),
        specialties: &["trauma", "domestic_violence", "family"],
        languages: &["az", "en"],
        in_person: true,
        remote: false,
        caseload: 8,
        availability: (&[1, 3], "10:00", "16:00"),
        account: "",
    },
    DemoProfessional {
        name: "Rauf Hüseynov (demo)",
        kind: "social_worker",
        organisation: "Sumqayıt Sosial Xidmətlər Mərkəzi (demo)",
        email: "rauf.h@demo.korpu.az",
        place: ("Sumqayıt", 40.5912, 49.6680),
        specialties: &["employment_counselling", "youth"],
        languages: &["az", "ru"],
        in_person: true,
        remote: false,
        caseload: 20,
        availability: (&[0, 1, 2, 3, 4], "09:00", "13:00"),
        account: "",
    },
    DemoProfessional {
        name: "Səbinə Əliyeva (demo)",
        kind: "psychologist",
        organisation: "Müstəqil praktika (demo)",
        email: "sabina.a@demo.korpu.az",
        place: ("Sumqayıt", 40.5790, 49.6290),
        specialties: &["anger", "family"],
        languages: &["az"],
        in_person: false,
        remote: true,
        caseload: 10,
        availability: (&[2, 4], "18:00", "21:00"),
        account: "",
    },
    DemoProfessional {
        name: "Kamran Nəbiyev (demo)",
        kind: "social_worker",
        organisation: "Gəncə Məşğulluq Mərkəzi (demo)",
        email: "kamran.n@demo.korpu.az",
        place: ("Gəncə", 40.6870, 46.3720),
        specialties: &["employment_counselling", "addiction", "grief"],
        languages: &["az", "ru"],
        in_person: true,
        remote: true,
        caseload: 15,
        availability: (&[0, 2, 4], "09:00", "17:00"),
        account: "",
    },
    DemoProfessional {
        name: "Lalə Rzayeva (demo)",
        kind: "psychologist",
        organisation: "Gəncə Gənclər Evi (demo)",
        email: "lale.r@demo.korpu.az",
        place: ("Gəncə", 40.6760, 46.3510),
        specialties: &["youth", "trauma"],
        languages: &["az", "tr"],
        in_person: true,
        remote: false,
        caseload: 6,
        availability: (&[1, 3], "15:00", "19:00"),
        account: "",
    },
];

/// Loads the demo sites and professionals. `supervisor` is the demo site supervisor's e-mail.
pub async fn load(db: &sea_orm::DatabaseConnection, supervisor: &str) -> Result<(), AppError> {
    ensure_regions(db).await?;
    let today = Utc::now().date_naive();
    for s in SITES {
        let (settlement, lat, lon) = s.place;
        let (days, start, end) = s.schedule;
        let input = SiteInput {
            name: s.name.into(),
            organisation: s.organisation.into(),
            address: s.address.into(),
            location: place(settlement, lat, lon),
            contact_name: s.contact.0.into(),
            contact_phone: s.contact.1.into(),
            contact_email: s.contact.2.into(),
            work_kinds: strings(s.work),
            skills_needed: strings(s.needed),
            skills_taught: strings(s.taught),
            capacity: s.capacity.to_string(),
            schedule: week(days, start, end),
            flags: strings(s.flags),
            languages: strings(s.languages),
            active_from: (today - Duration::days(if s.closed { 400 } else { 90 })).to_string(),
            active_to: if s.closed {
                (today - Duration::days(30)).to_string()
            } else {
                String::new()
            },
            region: s.region.into(),
            supervisors: if s.supervised {
                vec![supervisor.to_owned()]
            } else {
                Vec::new()
            },
        };
        sites::create(db, &Actor::System, "demo", &input).await?;
    }
    for p in PROFESSIONALS {
        let (settlement, lat, lon) = p.place;
        let (days, start, end) = p.availability;
        let input = ProfessionalInput {
            name: p.name.into(),
            kind: p.kind.into(),
            organisation: p.organisation.into(),
            email: p.email.into(),
            phone: String::new(),
            location: place(settlement, lat, lon),
            specialties: strings(p.specialties),
            languages: strings(p.languages),
            in_person: p.in_person,
            remote: p.remote,
            caseload_capacity: p.caseload.to_string(),
            availability: week(days, start, end),
            active: true,
            account: p.account.into(),
            region: String::new(),
        };
        professionals::create(db, &Actor::System, "demo", &input).await?;
    }
    Ok(())
}
