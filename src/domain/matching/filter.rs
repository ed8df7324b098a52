//! Hard constraints: which candidates a client may be matched with, and why not.
//!
//! [`evaluate`] checks every constraint and returns either the features the score needs
//! or the complete list of failed constraints (for "why not X?"). [`pair_cost`] is the
//! same test without explanations, plus the batch cost.
//!
//! Location rules (client travel limit, the candidate's own travel radius, permitted
//! area, exclusion zones) are tested at the candidate's location and do not apply to
//! psychologists who work remotely. A mentor pair must satisfy both the client's limit
//! and the mentor's own radius, since either may have to travel.

use serde::{Deserialize, Serialize};

use super::availability::WeeklyAvailability;
use super::location::Trig;
use super::profile::{CandidateKind, CandidateProfile, ClientProfile, RiskFlag, SiteFlag};
pub(super) use super::query::{ClientQuery, Packed};
use super::score::{MatchConfig, Reason, ScoreComponents, Suggestion};
use super::tags::{NeedSet, TagSet, Vocabularies};

/// A failed hard constraint: structured, for the web layer to put into words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "exclusion")]
pub enum Exclusion {
    /// No candidate of this kind has the given id.
    UnknownCandidate,
    /// Not active or not approved.
    Inactive,
    /// No free place (site slots, mentees, caseload) right now.
    NoCapacity,
    /// Beyond the client's travel limit.
    TooFar {
        /// Distance in km.
        km: f64,
        /// The client's limit in km.
        limit_km: f64,
    },
    /// Beyond the volunteer's own travel radius.
    BeyondCandidateRadius {
        /// Distance in km.
        km: f64,
        /// The candidate's radius in km.
        limit_km: f64,
    },
    /// Outside the client's permitted area.
    OutsidePermittedArea,
    /// Inside one of the client's exclusion zones.
    InsideExclusionZone {
        /// Index of the zone in the client's list.
        zone: usize,
    },
    /// A site flag clashes with a risk flag of the client.
    FlagClash {
        /// The client's restriction.
        flag: RiskFlag,
    },
    /// The work needs driving and the client may not drive.
    DrivingRequired,
    /// The work is of a kind the client is barred from.
    BarredWork {
        /// Work-kind code.
        kind: String,
    },
    /// No language in common.
    NoSharedLanguage,
    /// No weekly slot in common.
    NoAvailabilityOverlap,
    /// A psychologist whose specialties cover none of the client's needs.
    SpecialtyMismatch,
}

/// The score features of a feasible pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Features {
    /// Great-circle distance in metres.
    pub distance_m: f64,
    /// False for remote psychologists (no location rule applied).
    pub location_bound: bool,
    /// Languages both speak.
    pub shared_languages: TagSet,
    /// Client skills the candidate covers.
    pub shared_skills: TagSet,
    /// Client needs a psychologist covers.
    pub covered_needs: NeedSet,
    /// Weekly slots both have.
    pub shared_slots: WeeklyAvailability,
    /// The candidate helped the client before.
    pub continuity: bool,
    /// The unweighted score components.
    pub components: ScoreComponents,
    /// The score.
    pub score: f64,
}

/// Checks every hard constraint for the pair and returns the features for scoring, or
/// every failed constraint. `free_places` is the candidate's current free capacity (0 is
/// excluded). `vocab` names barred kinds of work.
pub fn evaluate(
    client: &ClientProfile,
    candidate: &CandidateProfile,
    free_places: u32,
    config: &MatchConfig,
    vocab: &Vocabularies,
) -> Result<Features, Vec<Exclusion>> {
    let q = ClientQuery::new(client, config);
    evaluate_query(
        &q,
        candidate,
        &candidate.location.trig(),
        free_places,
        vocab,
    )
}

pub(super) fn evaluate_query(
    q: &ClientQuery<'_>,
    c: &CandidateProfile,
    trig: &Trig,
    free_places: u32,
    vocab: &Vocabularies,
) -> Result<Features, Vec<Exclusion>> {
    let cl = q.client;
    let mut out = Vec::new();
    if !c.active {
        out.push(Exclusion::Inactive);
    }
    if free_places == 0 {
        out.push(Exclusion::NoCapacity);
    }
    let d = q.trig.distance_m(trig);
    if c.location_bound() {
        if d > q.limit_m {
            out.push(Exclusion::TooFar {
                km: d / 1000.0,
                limit_km: q.limit_m / 1000.0,
            });
        }
        let radius = c.radius_m();
        if d > radius {
            out.push(Exclusion::BeyondCandidateRadius {
                km: d / 1000.0,
                limit_km: radius / 1000.0,
            });
        }
        if cl
            .permitted_areas
            .iter()
            .any(|area| !area.contains_trig(&c.location, trig))
        {
            out.push(Exclusion::OutsidePermittedArea);
        }
        for (zone, area) in cl.exclusion_zones.iter().enumerate() {
            if area.contains_trig(&c.location, trig) {
                out.push(Exclusion::InsideExclusionZone { zone });
            }
        }
    }
    for flag in RiskFlag::ALL {
        if cl.risk.contains(flag) && c.site_flags.contains(flag.clashes_with()) {
            out.push(Exclusion::FlagClash { flag });
        }
    }
    if !cl.may_drive && c.site_flags.contains(SiteFlag::NeedsDriving) {
        out.push(Exclusion::DrivingRequired);
    }
    for kind in cl.barred_work.intersection(c.work_kinds).iter() {
        out.push(Exclusion::BarredWork {
            kind: vocab.work_kinds.name(kind).to_owned(),
        });
    }
    if !cl.languages.intersects(c.languages) {
        out.push(Exclusion::NoSharedLanguage);
    }
    if !cl.availability.overlaps(&c.availability) {
        out.push(Exclusion::NoAvailabilityOverlap);
    }
    if c.kind == CandidateKind::Psychologist
        && !cl.needs.is_empty()
        && cl.needs.intersection(c.specialties).is_empty()
    {
        out.push(Exclusion::SpecialtyMismatch);
    }
    if !out.is_empty() {
        return Err(out);
    }
    Ok(features_of_feasible(q, c, d))
}

/// The features of a pair known to be feasible, `d_m` metres apart (no constraint is
/// re-checked).
pub(super) fn features_of_feasible(
    q: &ClientQuery<'_>,
    c: &CandidateProfile,
    d_m: f64,
) -> Features {
    let cl = q.client;
    let psychologist = c.kind == CandidateKind::Psychologist;
    let mut components = q.components_without_distance(&Packed::of(c), c.id);
    components.distance = q.weights.distance_component(d_m);
    Features {
        distance_m: d_m,
        location_bound: c.location_bound(),
        shared_languages: cl.languages.intersection(c.languages),
        shared_skills: if psychologist {
            TagSet::EMPTY
        } else {
            cl.skills.intersection(c.skills)
        },
        covered_needs: if psychologist {
            cl.needs.intersection(c.specialties)
        } else {
            NeedSet::EMPTY
        },
        shared_slots: cl.availability.intersection(&c.availability),
        continuity: q.continuity(c.id),
        components,
        score: components.score(&q.weights),
    }
}

/// The batch cost of a pair (see [`super::score`]), or `None` if a hard constraint other
/// than capacity fails. Capacity is a property of the batch, not of the pair.
pub fn pair_cost(
    client: &ClientProfile,
    candidate: &CandidateProfile,
    config: &MatchConfig,
) -> Option<i64> {
    let q = ClientQuery::new(client, config);
    let (comp, _) = q.feasible(
        candidate.id,
        &Packed::of(candidate),
        &candidate.location,
        &candidate.location.trig(),
    )?;
    Some(config.weights.cost_of(comp.score(&config.weights)))
}

/// Builds the explained suggestion for a feasible pair.
pub(super) fn suggestion(
    q: &ClientQuery<'_>,
    c: &CandidateProfile,
    f: &Features,
    vocab: &Vocabularies,
) -> Suggestion {
    let cl = q.client;
    let mut reasons = Vec::with_capacity(6);
    reasons.push(Reason::Distance {
        km: f.distance_m / 1000.0,
    });
    if !f.location_bound {
        reasons.push(Reason::Remote);
    }
    reasons.push(Reason::SharedAvailability {
        slots: f.shared_slots.day_parts(),
        minutes: f.shared_slots.minutes(),
    });
    let preferred = cl
        .primary_language
        .filter(|p| f.shared_languages.contains(*p));
    if let Some(lang) = preferred.or_else(|| f.shared_languages.iter().next()) {
        reasons.push(Reason::SharedLanguage {
            lang: vocab.languages.name(lang).to_owned(),
            preferred: preferred.is_some(),
        });
    }
    if !f.shared_skills.is_empty() {
        reasons.push(Reason::SkillsOverlap {
            skills: vocab.skills.names(f.shared_skills),
        });
    }
    if !f.covered_needs.is_empty() {
        reasons.push(Reason::SpecialtiesCover {
            needs: f.covered_needs.to_vec(),
        });
    }
    if f.continuity {
        reasons.push(Reason::Continuity);
    }
    Suggestion {
        candidate_id: c.id,
        kind: c.kind,
        score: f.score,
        cost: q.weights.cost_of(f.score),
        distance_km: f.distance_m / 1000.0,
        components: f.components,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::super::area::Area;
    use super::super::location::LatLon;
    use super::super::profile::RiskFlags;
    use super::super::tags::Need;
    use super::super::testutil::{candidate_at, client_at, vocab};
    use super::*;

    #[test]
    fn feasible_pair_scores() {
        let v = vocab();
        let cl = client_at(40.40, 49.80);
        let c = candidate_at(1, CandidateKind::Site, 40.41, 49.80);
        let cfg = MatchConfig::default();
        let f = evaluate(&cl, &c, 1, &cfg, &v).unwrap();
        assert!((f.distance_m - 1112.0).abs() < 5.0);
        assert!(f.score > 0.0 && f.score <= 1.0);
        let cost = pair_cost(&cl, &c, &cfg).unwrap();
        assert_eq!(cost, cfg.weights.cost_of(f.score));
        let q = ClientQuery::new(&cl, &cfg);
        let s = suggestion(&q, &c, &f, &v);
        assert!(matches!(s.reasons[0], Reason::Distance { .. }));
        assert!(s.reasons.iter().any(|r| matches!(
            r,
            Reason::SharedLanguage {
                preferred: true,
                ..
            }
        )));
    }

    #[test]
    fn lists_every_failed_constraint() {
        let mut v = vocab();
        let mut cl = client_at(40.40, 49.80);
        cl.may_drive = false;
        cl.risk = [RiskFlag::NoWorkWithChildren, RiskFlag::MustNotWorkAlone]
            .into_iter()
            .collect::<RiskFlags>();
        cl.barred_work = v.work_kinds.set_of(["work_with_money"]).unwrap();
        cl.permitted_areas = vec![Area::circle(cl.location, 5_000.0).unwrap()];
        cl.exclusion_zones = vec![
            Area::circle(LatLon::new(40.0, 49.0).unwrap(), 100.0).unwrap(),
            Area::circle(LatLon::new(40.6, 49.8).unwrap(), 2_000.0).unwrap(),
        ];
        let mut c = candidate_at(2, CandidateKind::Site, 40.60, 49.80);
        c.active = false;
        c.site_flags = SiteFlag::ALL.into_iter().collect();
        c.work_kinds = v.work_kinds.set_of(["work_with_money", "cooking"]).unwrap();
        c.languages = v.languages.set_of(["en"]).unwrap();
        c.availability = WeeklyAvailability::EMPTY;
        let err = evaluate(&cl, &c, 0, &MatchConfig::default(), &v).unwrap_err();
        let expect = vec![
            Exclusion::Inactive,
            Exclusion::NoCapacity,
            Exclusion::TooFar {
                km: err
                    .iter()
                    .find_map(|e| match e {
                        Exclusion::TooFar { km, .. } => Some(*km),
                        _ => None,
                    })
                    .unwrap(),
                limit_km: 10.0,
            },
            Exclusion::OutsidePermittedArea,
            Exclusion::InsideExclusionZone { zone: 1 },
            Exclusion::FlagClash {
                flag: RiskFlag::NoWorkWithChildren,
            },
            Exclusion::FlagClash {
                flag: RiskFlag::MustNotWorkAlone,
            },
            Exclusion::DrivingRequired,
            Exclusion::BarredWork {
                kind: "work_with_money".into(),
            },
            Exclusion::NoSharedLanguage,
            Exclusion::NoAvailabilityOverlap,
        ];
        assert_eq!(err, expect);
        assert_eq!(pair_cost(&cl, &c, &MatchConfig::default()), None);
    }

    #[test]
    fn mentor_radius_and_remote_psychologist() {
        let v = vocab();
        let cl = client_at(40.40, 49.80);
        let cfg = MatchConfig::default();
        let mut m = candidate_at(3, CandidateKind::Mentor, 40.45, 49.80);
        m.travel_radius_km = Some(3.0);
        let err = evaluate(&cl, &m, 1, &cfg, &v).unwrap_err();
        assert!(
            matches!(err[..], [Exclusion::BeyondCandidateRadius { limit_km, .. }] if limit_km == 3.0)
        );
        let mut p = candidate_at(4, CandidateKind::Psychologist, 41.5, 45.0);
        p.specialties = [Need::Addiction].into_iter().collect();
        let mut cl2 = cl.clone();
        cl2.needs = [Need::Addiction, Need::Debt].into_iter().collect();
        assert!(matches!(
            evaluate(&cl2, &p, 1, &cfg, &v).unwrap_err()[..],
            [Exclusion::TooFar { .. }]
        ));
        p.remote = true;
        let f = evaluate(&cl2, &p, 1, &cfg, &v).unwrap();
        assert_eq!(f.components.skills, 0.5);
        assert!(!f.location_bound);
        p.specialties = [Need::Family].into_iter().collect();
        assert_eq!(
            evaluate(&cl2, &p, 1, &cfg, &v).unwrap_err(),
            vec![Exclusion::SpecialtyMismatch]
        );
    }
}
