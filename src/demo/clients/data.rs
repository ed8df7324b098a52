//! The fictional demo clients: who they are, their orders and restrictions.

use crate::domain::orders::OrderKind;

/// Regions of the demo: (code, name, centre).
pub const REGIONS: [(&str, &str, f64, f64); 3] = [
    ("baku", "Bakı", 40.4093, 49.8671),
    ("sumqayit", "Sumqayıt", 40.5897, 49.6686),
    ("ganja", "Gəncə", 40.6828, 46.3606),
];

/// A polygon around part of Səbail (lon, lat), closed.
pub const SEBAIL: &str = r#"{"type":"Polygon","coordinates":[[[49.815,40.345],[49.865,40.345],[49.870,40.375],[49.820,40.380],[49.815,40.345]]]}"#;
/// A polygon around a fictional victim's street in Gəncə.
pub const GANJA_ZONE: &str = r#"{"type":"Polygon","coordinates":[[[46.355,40.690],[46.365,40.690],[46.365,40.697],[46.355,40.697],[46.355,40.690]]]}"#;

/// An order of a demo client.
pub struct Order {
    pub kind: OrderKind,
    pub status: &'static str,
    pub hours: u32,
    pub offence: &'static str,
}

/// A restriction of a demo client.
pub enum R {
    NoDriving,
    Barred(&'static [&'static str]),
    Permitted(&'static str),
    PermittedRadius(u32),
    Curfew(&'static str, &'static str),
    ZoneAround(f64, f64, u32, &'static str),
    Zone(&'static str, &'static str),
    Flag(&'static str),
}

/// A demo client.
pub struct Demo {
    pub name: &'static str,
    pub born: &'static str,
    pub place: &'static str,
    pub coordinator: usize,
    pub languages: &'static [&'static str],
    pub needs: &'static [&'static str],
    pub skills: &'static [&'static str],
    pub orders: &'static [Order],
    pub restrictions: &'static [R],
    pub restricted: bool,
    pub closed: bool,
}

const fn order(kind: OrderKind, status: &'static str, hours: u32, offence: &'static str) -> Order {
    Order {
        kind,
        status,
        hours,
        offence,
    }
}

pub const CLIENTS: &[Demo] = &[
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
