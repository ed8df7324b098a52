//! Population centres of Azerbaijan used to place synthetic people and places.
//! Coordinates are approximate city centres (WGS84).

/// One centre: name, latitude, longitude, relative weight, spread (σ, km).
pub(super) struct City {
    pub name: &'static str,
    pub lat: f64,
    pub lon: f64,
    pub weight: f64,
    pub sigma_km: f64,
}

const fn city(name: &'static str, lat: f64, lon: f64, weight: f64, sigma_km: f64) -> City {
    City {
        name,
        lat,
        lon,
        weight,
        sigma_km,
    }
}

/// Weights roughly follow population; Baku (with Absheron) carries the most.
pub(super) const CITIES: &[City] = &[
    city("Bakı", 40.4093, 49.8671, 40.0, 9.0),
    city("Sumqayıt", 40.5897, 49.6686, 6.0, 4.0),
    city("Gəncə", 40.6828, 46.3606, 6.0, 5.0),
    city("Mingəçevir", 40.7703, 47.0496, 2.0, 3.0),
    city("Lənkəran", 38.7529, 48.8475, 3.0, 5.0),
    city("Şəki", 41.1919, 47.1706, 2.0, 5.0),
    city("Naxçıvan", 39.2089, 45.4122, 3.0, 6.0),
    city("Şirvan", 39.9317, 48.9206, 2.0, 4.0),
    city("Quba", 41.3611, 48.5134, 2.0, 5.0),
    city("Yevlax", 40.6172, 47.1500, 1.5, 4.0),
    city("Xaçmaz", 41.4635, 48.8060, 1.5, 4.0),
    city("Bərdə", 40.3744, 47.1266, 1.5, 5.0),
    city("Şamaxı", 40.6314, 48.6364, 1.5, 5.0),
    city("Qəbələ", 40.9814, 47.8458, 1.0, 5.0),
    city("Zaqatala", 41.6296, 46.6433, 1.5, 5.0),
    city("Salyan", 39.5962, 48.9849, 1.5, 5.0),
    city("Masallı", 39.0343, 48.6654, 2.0, 5.0),
    city("Göyçay", 40.6530, 47.7406, 1.0, 4.0),
    city("Tovuz", 40.9925, 45.6284, 1.5, 5.0),
    city("Qazax", 41.0933, 45.3661, 1.0, 4.0),
    city("İmişli", 39.8709, 48.0600, 1.0, 5.0),
    city("Sabirabad", 40.0087, 48.4770, 1.5, 5.0),
    city("Cəlilabad", 39.2093, 48.4919, 2.0, 5.0),
    city("Ağcabədi", 40.0529, 47.4594, 1.0, 5.0),
    city("Astara", 38.4560, 48.8750, 1.0, 3.0),
];

/// Languages with the share of clients speaking them.
pub(super) const LANGUAGES: &[(&str, f64)] = &[
    ("az", 0.95),
    ("ru", 0.35),
    ("en", 0.08),
    ("tr", 0.04),
    ("lez", 0.02),
    ("tly", 0.02),
];

/// Skills and interests.
pub(super) const SKILLS: &[&str] = &[
    "gardening",
    "cleaning",
    "cooking",
    "carpentry",
    "painting",
    "construction",
    "plumbing",
    "electrical",
    "it",
    "office_admin",
    "retail",
    "warehouse",
    "elderly_care",
    "childcare",
    "tutoring",
    "sports",
    "music",
    "arts_crafts",
    "sewing",
    "mechanics",
    "agriculture",
    "animal_care",
    "customer_service",
    "cv_and_job_search",
];

/// Kinds of work a site involves (and a position ban may bar).
pub(super) const WORK_KINDS: &[&str] = &[
    "work_with_money",
    "driving_vehicles",
    "teaching",
    "care_work",
    "security",
    "food_handling",
    "public_facing",
    "manual_labour",
    "office_work",
    "outdoor_maintenance",
];
