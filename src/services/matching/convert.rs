//! Turning the service's records into the matching engine's profiles: points, weekly
//! availability, areas, needs, specialties and flags. Pure functions, no database.

use geo::{Coord, LineString, MultiPolygon, Polygon};

use crate::domain::area::{Area as DomainArea, Shape};
use crate::domain::availability::Weekly;
use crate::domain::location::Location;
use crate::domain::matching::{
    Area, LatLon, Need as EngineNeed, NeedSet, RiskFlag as EngineRisk, RiskFlags, SiteFlag,
    SiteFlags, Weekday, WeeklyAvailability,
};
use crate::domain::needs::Need;
use crate::domain::restrictions::{Curfew, RiskFlag};
use crate::domain::site::SiteFlags as DomainSiteFlags;
use crate::domain::specialty::{ProfessionalKind, Specialty};

/// A validated engine point (records always hold valid coordinates; `None` if one does not).
pub fn point(location: &Location) -> Option<LatLon> {
    LatLon::new(location.lat, location.lon).ok()
}

/// Weekly windows as the engine's half-hour bitset (partial half-hours are dropped).
pub fn weekly(availability: &Weekly) -> WeeklyAvailability {
    let windows = availability.windows().iter().filter_map(|w| {
        let day = *Weekday::ALL.get(usize::from(w.day))?;
        Some((day, u32::from(w.start), u32::from(w.end)))
    });
    WeeklyAvailability::from_windows(windows).unwrap_or_default()
}

/// A client's availability with curfew hours taken out of every day (a curfew keeps the
/// client at home, so no helper can meet them then).
pub fn weekly_outside_curfews(availability: &Weekly, curfews: &[Curfew]) -> WeeklyAvailability {
    let mut free = weekly(availability);
    if curfews.is_empty() {
        return free;
    }
    let mut blocked = WeeklyAvailability::default();
    for curfew in curfews {
        // A curfew such as 22:00–06:00 wraps past midnight: block both parts on every day.
        let parts: &[(u32, u32)] = if curfew.start < curfew.end {
            &[(curfew.start as u32, curfew.end as u32)]
        } else {
            &[(curfew.start as u32, 24 * 60), (0, curfew.end as u32)]
        };
        for day in Weekday::ALL {
            for (start, end) in parts {
                // Block every half-hour slot the curfew touches.
                let start = start - start % 30;
                let end = end.div_ceil(30) * 30;
                if end > start {
                    let _ = blocked.add_window(day, start, end.min(24 * 60));
                }
            }
        }
    }
    free = free.minus(&blocked);
    free
}

/// Approximates a circle by a 64-sided polygon (only to join it with polygons in one area).
fn circle_polygon(centre: &Location, radius_m: f64) -> Polygon<f64> {
    const EARTH_RADIUS_M: f64 = 6_371_008.8;
    let lat = centre.lat.to_radians();
    let angular = radius_m / EARTH_RADIUS_M;
    let mut ring: Vec<Coord<f64>> = (0..64)
        .map(|i| {
            let bearing = f64::from(i) / 64.0 * std::f64::consts::TAU;
            let lat2 =
                (lat.sin() * angular.cos() + lat.cos() * angular.sin() * bearing.cos()).asin();
            let lon2 = centre.lon.to_radians()
                + (bearing.sin() * angular.sin() * lat.cos())
                    .atan2(angular.cos() - lat.sin() * lat2.sin());
            Coord {
                x: lon2.to_degrees(),
                y: lat2.to_degrees(),
            }
        })
        .collect();
    ring.push(ring[0]);
    Polygon::new(LineString::new(ring), vec![])
}

/// One engine area for a (validated) area of the service: a circle stays a circle; polygons
/// become a multipolygon; a mix becomes polygons only.
pub fn area(area: &DomainArea) -> Option<Area> {
    match area.shapes() {
        [Shape::Circle { centre, radius_m }] => Area::circle(point(centre)?, *radius_m).ok(),
        shapes => {
            let polygons: Vec<Polygon<f64>> = shapes
                .iter()
                .map(|s| match s {
                    Shape::Polygon(p) => p.clone(),
                    Shape::Circle { centre, radius_m } => circle_polygon(centre, *radius_m),
                })
                .collect();
            Area::multi_polygon(MultiPolygon::new(polygons)).ok()
        }
    }
}

/// Exclusion zones: each shape its own engine area (being inside any one excludes).
pub fn zones(areas: &[DomainArea]) -> Vec<Area> {
    areas
        .iter()
        .flat_map(|a| a.shapes().iter())
        .filter_map(|shape| match shape {
            Shape::Circle { centre, radius_m } => Area::circle(point(centre)?, *radius_m).ok(),
            Shape::Polygon(p) => Area::polygon(p.clone()).ok(),
        })
        .collect()
}

/// The engine's need for a client need.
pub fn need(need: Need) -> EngineNeed {
    match need {
        Need::Employment => EngineNeed::Employment,
        Need::Education => EngineNeed::Education,
        Need::Housing => EngineNeed::Housing,
        Need::Addiction => EngineNeed::Addiction,
        Need::MentalHealth => EngineNeed::MentalHealth,
        Need::Family => EngineNeed::Family,
        Need::Debt => EngineNeed::Debt,
        Need::CommunityTies => EngineNeed::CommunityTies,
    }
}

/// The needs a professional covers. Each specialty covers the needs it is about; a social
/// worker also covers housing, debt and community ties, which are social work whatever the
/// specialties.
pub fn needs_covered(kind: ProfessionalKind, specialties: &[Specialty]) -> NeedSet {
    let mut set = NeedSet::default();
    for specialty in specialties {
        let needs: &[EngineNeed] = match specialty {
            Specialty::Addiction => &[EngineNeed::Addiction],
            Specialty::Trauma | Specialty::Anger | Specialty::Grief => &[EngineNeed::MentalHealth],
            Specialty::MentalHealth => &[EngineNeed::MentalHealth],
            Specialty::Family | Specialty::DomesticViolence => &[EngineNeed::Family],
            Specialty::EmploymentCounselling => &[EngineNeed::Employment, EngineNeed::Education],
            Specialty::Youth => &[EngineNeed::Education, EngineNeed::Family],
            Specialty::Education => &[EngineNeed::Education],
            Specialty::Housing => &[EngineNeed::Housing],
            Specialty::Debt => &[EngineNeed::Debt],
        };
        for n in needs {
            set.insert(*n);
        }
    }
    if kind == ProfessionalKind::SocialWorker {
        for n in [
            EngineNeed::Housing,
            EngineNeed::Debt,
            EngineNeed::CommunityTies,
        ] {
            set.insert(n);
        }
    }
    set
}

/// The engine's risk flags for a client's.
pub fn risks(flags: &[RiskFlag]) -> RiskFlags {
    flags
        .iter()
        .map(|f| match f {
            RiskFlag::NoWorkWithChildren => EngineRisk::NoWorkWithChildren,
            RiskFlag::NoWorkWithVulnerableAdults => EngineRisk::NoWorkWithVulnerableAdults,
            RiskFlag::MustNotWorkAlone => EngineRisk::MustNotWorkAlone,
        })
        .collect()
}

/// The engine's site flags for a site's.
pub fn site_flags(flags: &DomainSiteFlags) -> SiteFlags {
    [
        (flags.children_present, SiteFlag::ChildrenPresent),
        (
            flags.vulnerable_adults_present,
            SiteFlag::VulnerableAdultsPresent,
        ),
        (flags.lone_working, SiteFlag::LoneWorking),
        (flags.heavy_work, SiteFlag::HeavyPhysicalWork),
        (flags.needs_driving, SiteFlag::NeedsDriving),
    ]
    .into_iter()
    .filter_map(|(set, flag)| set.then_some(flag))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::availability::{Weekly, WindowInput};

    fn week(rows: &[(u8, &str, &str)]) -> Weekly {
        let inputs: Vec<WindowInput> = rows
            .iter()
            .map(|(d, s, e)| WindowInput {
                day: Some(*d),
                start: (*s).into(),
                end: (*e).into(),
            })
            .collect();
        Weekly::parse("a", &inputs).unwrap()
    }

    #[test]
    fn availability_becomes_half_hour_slots() {
        let w = weekly(&week(&[(1, "18:00", "21:00")]));
        assert_eq!(w.minutes(), 180);
        assert!(w.contains(Weekday::Tue, 36));
        assert!(!w.contains(Weekday::Tue, 42));
    }

    #[test]
    fn curfews_take_evening_and_night_hours_out_of_every_day() {
        let curfew = Curfew {
            start: 22 * 60,
            end: 6 * 60,
        };
        let w = weekly_outside_curfews(&week(&[(0, "05:00", "23:00")]), &[curfew]);
        assert_eq!(w.minutes(), (22 - 6) * 60);
        let evening = Curfew {
            start: 19 * 60 + 15,
            end: 23 * 60,
        };
        let w = weekly_outside_curfews(&week(&[(2, "18:00", "21:00")]), &[evening]);
        assert_eq!(w.minutes(), 60, "19:00–19:30 is touched by the curfew");
    }

    #[test]
    fn social_workers_cover_housing_debt_and_community_ties() {
        let psych = needs_covered(ProfessionalKind::Psychologist, &[Specialty::Addiction]);
        assert!(psych.contains(EngineNeed::Addiction));
        assert!(!psych.contains(EngineNeed::Housing));
        let social = needs_covered(ProfessionalKind::SocialWorker, &[]);
        assert!(social.contains(EngineNeed::Housing) && social.contains(EngineNeed::Debt));
    }

    #[test]
    fn circles_stay_circles_and_mixed_areas_become_polygons() {
        let centre = Location {
            lat: 40.4,
            lon: 49.9,
        };
        let circle = DomainArea::circle("a", centre, 2_000.0).unwrap();
        let engine = area(&circle).unwrap();
        assert!(engine.as_circle().is_some());
        assert!(engine.contains(&LatLon::new(40.405, 49.9).unwrap()));
        assert!(!engine.contains(&LatLon::new(40.45, 49.9).unwrap()));
        let polygon = circle_polygon(&centre, 2_000.0);
        let as_area = Area::polygon(polygon).unwrap();
        assert!(as_area.contains(&LatLon::new(40.405, 49.9).unwrap()));
    }
}
