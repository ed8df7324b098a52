//! A built-in list of Azerbaijani settlements and Baku districts with coordinates (derived
//! from GeoNames, CC BY 4.0; see `resources/gazetteer/README.md`), searchable as you type with
//! Azerbaijani-aware folding: "gence", "Gəncə" and "GƏNCƏ" all find Gəncə.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::location::Location;
use super::text::{ascii_key, search_key};

/// One settlement.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Settlement {
    /// Name with Azerbaijani letters.
    pub name: String,
    /// `city`, `town` or `district` (of Baku).
    pub kind: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population (GeoNames), when known.
    pub population: Option<u64>,
}

#[derive(Deserialize)]
struct Row {
    name: String,
    name_ascii: String,
    kind: String,
    lat: f64,
    lon: f64,
    population: Option<u64>,
}

struct Entry {
    settlement: Settlement,
    key: String,
    ascii: String,
    alt_ascii: String,
}

static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    let mut reader = csv::Reader::from_reader(
        include_str!("../../resources/gazetteer/az_settlements.csv").as_bytes(),
    );
    let mut entries: Vec<Entry> = reader
        .deserialize::<Row>()
        .filter_map(Result::ok)
        .map(|row| Entry {
            key: search_key(&row.name),
            ascii: ascii_key(&row.name),
            alt_ascii: ascii_key(&row.name_ascii),
            settlement: Settlement {
                name: row.name,
                kind: row.kind,
                lat: row.lat,
                lon: row.lon,
                population: row.population,
            },
        })
        .collect();
    // Larger places first, so "Ba" offers Bakı before smaller places.
    entries.sort_by_key(|e| std::cmp::Reverse(e.settlement.population));
    entries
});

/// All settlements, largest first.
pub fn all() -> impl Iterator<Item = &'static Settlement> {
    ENTRIES.iter().map(|e| &e.settlement)
}

/// Settlements matching `query`: names starting with it first, then names containing it;
/// exact Azerbaijani letters match first, then their ASCII stand-ins.
pub fn search(query: &str, limit: usize) -> Vec<&'static Settlement> {
    let key = search_key(query);
    if key.is_empty() {
        return Vec::new();
    }
    let ascii = ascii_key(query);
    let rank = |e: &Entry| -> Option<u8> {
        if e.key.starts_with(&key) {
            Some(0)
        } else if e.ascii.starts_with(&ascii) || e.alt_ascii.starts_with(&ascii) {
            Some(1)
        } else if e.key.contains(&key) {
            Some(2)
        } else if e.ascii.contains(&ascii) || e.alt_ascii.contains(&ascii) {
            Some(3)
        } else {
            None
        }
    };
    let mut found: Vec<(u8, usize, &Entry)> = ENTRIES
        .iter()
        .enumerate()
        .filter_map(|(i, e)| rank(e).map(|r| (r, i, e)))
        .collect();
    found.sort_by_key(|(r, i, _)| (*r, *i));
    found
        .into_iter()
        .take(limit)
        .map(|(_, _, e)| &e.settlement)
        .collect()
}

/// The settlement with exactly this name (folded; ASCII stand-ins accepted when unambiguous).
pub fn find(name: &str) -> Option<&'static Settlement> {
    let key = search_key(name);
    if let Some(entry) = ENTRIES.iter().find(|e| e.key == key) {
        return Some(&entry.settlement);
    }
    let ascii = ascii_key(name);
    let mut matches = ENTRIES
        .iter()
        .filter(|e| e.ascii == ascii || e.alt_ascii == ascii);
    match (matches.next(), matches.next()) {
        (Some(entry), None) => Some(&entry.settlement),
        _ => None,
    }
}

impl Settlement {
    /// The settlement's location.
    pub fn location(&self) -> Location {
        Location {
            lat: self.lat,
            lon: self.lon,
        }
    }
}

/// The settlement nearest to a point (to describe where someone lives without showing the
/// exact address).
pub fn nearest(location: &Location) -> Option<&'static Settlement> {
    ENTRIES
        .iter()
        .map(|e| (e.settlement.location().distance_m(location), &e.settlement))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, s)| s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_covers_the_big_cities() {
        assert!(all().count() > 100);
        for city in [
            "Bakı",
            "Sumqayıt",
            "Gəncə",
            "Mingəçevir",
            "Şəki",
            "Lənkəran",
            "Naxçıvan",
        ] {
            assert!(find(city).is_some(), "{city}");
        }
    }

    #[test]
    fn search_folds_azerbaijani_letters_and_case() {
        for query in ["Gəncə", "GƏNCƏ", "gence", "gən"] {
            let found = search(query, 5);
            assert_eq!(
                found.first().map(|s| s.name.as_str()),
                Some("Gəncə"),
                "{query}"
            );
        }
        assert_eq!(search("sumq", 3)[0].name, "Sumqayıt");
        assert!(search("", 5).is_empty());
        assert!(search("zzzz", 5).is_empty());
    }

    #[test]
    fn nearest_settlement_of_a_point_in_baku_is_in_baku() {
        let point = Location {
            lat: 40.4093,
            lon: 49.8671,
        };
        let near = nearest(&point).unwrap();
        assert!(
            near.location().distance_m(&point) < 10_000.0,
            "{}",
            near.name
        );
    }
}
