//! The score that ranks feasible candidates, its weights, and the explained result.
//!
//! # Formula
//!
//! Every component is a number in \[0, 1\]; the score is their weighted sum, so it lies in
//! \[0, W\] where W is the sum of the five weights:
//!
//! ```text
//! score = w_distance     · h / (h + d)                      d: great-circle metres, h: distance_half_km
//!       + w_skills       · |shared skills| / |client skills|  (psychologists: |covered needs| / |needs|; 0 if the client lists none)
//!       + w_availability · min(1, shared slots / target slots) target = availability_target_hours · 2
//!       + w_language     · (1 if the client's primary language is shared, or no primary is set; 0.5 otherwise)
//!       + w_continuity   · (1 if the candidate helped the client before, else 0)
//! ```
//!
//! The distance component halves at `distance_half_km` and decreases strictly with
//! distance, which is what lets the spatial search stop early: a candidate farther than
//! `d` scores at most `w_distance · h / (h + d) + (the other weights)`.
//!
//! Ranking order: higher score first, then shorter distance, then lower id.
//!
//! # Cost for batch assignment
//!
//! `cost = round(1_000_000 · (1 − score / W))`, an integer in \[0, 1_000_000\]: the
//! score's shortfall from perfect in millionths of W. Minimising total cost over a fixed
//! number of assigned clients is maximising their total score.

use serde::{Deserialize, Serialize};

use super::availability::{DayPart, SLOT_MINUTES};
use super::profile::{CandidateKind, TravelLimits};
use super::tags::Need;

/// Integer cost of a score of 0 (see the module docs).
pub const COST_SCALE: i64 = 1_000_000;

/// Weights and shape parameters of the score. Deserialises with defaults for missing
/// fields; call [`Weights::validate`] after loading configuration.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Weights {
    /// Weight of the distance component (default 0.35).
    pub distance: f64,
    /// Weight of the skills / specialties component (default 0.20).
    pub skills: f64,
    /// Weight of the availability component (default 0.20).
    pub availability: f64,
    /// Weight of the language component (default 0.10).
    pub language: f64,
    /// Weight of continuity with a previous helper (default 0.15).
    pub continuity: f64,
    /// Distance at which the distance component is 0.5, in km (default 5).
    pub distance_half_km: f64,
    /// Weekly shared hours that earn the full availability component (default 6).
    pub availability_target_hours: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Self {
            distance: 0.35,
            skills: 0.20,
            availability: 0.20,
            language: 0.10,
            continuity: 0.15,
            distance_half_km: 5.0,
            availability_target_hours: 6.0,
        }
    }
}

/// Why a set of weights was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightsError {
    /// A weight is negative or not finite.
    InvalidWeight,
    /// All five weights are zero.
    AllZero,
    /// `distance_half_km` or `availability_target_hours` is not a finite positive number.
    InvalidShape,
}

impl std::fmt::Display for WeightsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid matching weights: {self:?}")
    }
}

impl std::error::Error for WeightsError {}

impl Weights {
    /// Checks that every weight is finite and non-negative, at least one is positive,
    /// and the shape parameters are finite and positive.
    pub fn validate(&self) -> Result<(), WeightsError> {
        let ws = [
            self.distance,
            self.skills,
            self.availability,
            self.language,
            self.continuity,
        ];
        if ws.iter().any(|w| !w.is_finite() || *w < 0.0) {
            return Err(WeightsError::InvalidWeight);
        }
        if ws.iter().all(|w| *w == 0.0) {
            return Err(WeightsError::AllZero);
        }
        for v in [self.distance_half_km, self.availability_target_hours] {
            if !v.is_finite() || v <= 0.0 {
                return Err(WeightsError::InvalidShape);
            }
        }
        Ok(())
    }

    /// W, the sum of the five weights: the best possible score.
    pub fn total(&self) -> f64 {
        self.distance + self.skills + self.availability + self.language + self.continuity
    }

    /// The distance component for `d_m` metres.
    #[inline]
    pub fn distance_component(&self, d_m: f64) -> f64 {
        let h = self.distance_half_km * 1000.0;
        h / (h + d_m.max(0.0))
    }

    pub(super) fn target_slots(&self) -> f64 {
        self.availability_target_hours * 60.0 / SLOT_MINUTES as f64
    }

    /// The integer batch cost of a score (see the module docs).
    pub fn cost_of(&self, score: f64) -> i64 {
        let total = self.total();
        if total.is_nan() || total <= 0.0 || !score.is_finite() {
            return COST_SCALE;
        }
        let c = (COST_SCALE as f64 * (1.0 - score / total)).round();
        (c as i64).clamp(0, COST_SCALE)
    }
}

/// Everything configurable about matching.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MatchConfig {
    /// Score weights.
    pub weights: Weights,
    /// Travel limits.
    pub travel: TravelLimits,
}

/// Each score component, in \[0, 1\], before weighting.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct ScoreComponents {
    /// `h / (h + d)`.
    pub distance: f64,
    /// Share of the client's skills (or needs, for psychologists) covered.
    pub skills: f64,
    /// Shared availability relative to the target.
    pub availability: f64,
    /// 1 or 0.5 (see module docs).
    pub language: f64,
    /// 1 for a previous helper.
    pub continuity: f64,
}

impl ScoreComponents {
    /// The weighted sum without the distance term (added last, in this order, everywhere
    /// the engine computes a score, so that equal inputs give bit-identical scores).
    #[inline]
    pub(super) fn rest(&self, w: &Weights) -> f64 {
        w.skills * self.skills
            + w.availability * self.availability
            + w.language * self.language
            + w.continuity * self.continuity
    }

    /// The score.
    #[inline]
    pub fn score(&self, w: &Weights) -> f64 {
        w.distance * self.distance + self.rest(w)
    }
}

/// Why a candidate is suggested: structured, for the web layer to put into words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Reason {
    /// Great-circle distance between client and candidate.
    Distance {
        /// Kilometres.
        km: f64,
    },
    /// A psychologist who works remotely: distance does not limit the match.
    Remote,
    /// Weekly time both are free.
    SharedAvailability {
        /// Shared time by day part.
        slots: Vec<DayPart>,
        /// Total shared minutes a week.
        minutes: u32,
    },
    /// A shared language (the client's preferred one when shared).
    SharedLanguage {
        /// Language code.
        lang: String,
        /// Whether it is the client's preferred language.
        preferred: bool,
    },
    /// Skills or interests of the client the candidate teaches, needs or shares.
    SkillsOverlap {
        /// Skill codes.
        skills: Vec<String>,
    },
    /// A psychologist's specialties that cover the client's needs.
    SpecialtiesCover {
        /// Covered needs.
        needs: Vec<Need>,
    },
    /// The candidate helped this client before.
    Continuity,
}

/// A ranked, explained candidate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// The candidate's id.
    pub candidate_id: i64,
    /// The candidate's kind.
    pub kind: CandidateKind,
    /// The score, in \[0, W\].
    pub score: f64,
    /// The batch cost of this pair (see module docs).
    pub cost: i64,
    /// Great-circle distance in km.
    pub distance_km: f64,
    /// The unweighted components.
    pub components: ScoreComponents,
    /// Reasons, in a fixed order: distance, remote, availability, language, skills or
    /// specialties, continuity.
    pub reasons: Vec<Reason>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_validation() {
        let w = Weights::default();
        assert!(w.validate().is_ok());
        assert!((w.total() - 1.0).abs() < 1e-12);
        let partial: Weights = serde_json::from_str(r#"{"distance": 2.0}"#).unwrap();
        assert_eq!(partial.distance, 2.0);
        assert_eq!(partial.skills, 0.20);
        let bad = Weights { skills: -1.0, ..w };
        assert_eq!(bad.validate(), Err(WeightsError::InvalidWeight));
        let zero = Weights {
            distance: 0.0,
            skills: 0.0,
            availability: 0.0,
            language: 0.0,
            continuity: 0.0,
            ..w
        };
        assert_eq!(zero.validate(), Err(WeightsError::AllZero));
        let shape = Weights {
            distance_half_km: 0.0,
            ..w
        };
        assert_eq!(shape.validate(), Err(WeightsError::InvalidShape));
        let cfg: MatchConfig = serde_json::from_str(r#"{"travel": {"no_driving_km": 7}}"#).unwrap();
        assert_eq!(cfg.travel.no_driving_km, 7.0);
        assert_eq!(cfg.travel.driving_km, 25.0);
    }

    #[test]
    fn distance_and_cost() {
        let w = Weights::default();
        assert_eq!(w.distance_component(0.0), 1.0);
        assert!((w.distance_component(5_000.0) - 0.5).abs() < 1e-12);
        assert!(w.distance_component(10_000.0) < w.distance_component(9_999.0));
        assert_eq!(w.cost_of(1.0), 0);
        assert_eq!(w.cost_of(0.0), COST_SCALE);
        assert_eq!(w.cost_of(0.25), 750_000);
        assert_eq!(w.cost_of(f64::NAN), COST_SCALE);
    }

    #[test]
    fn reasons_serialise_tagged() {
        let r = Reason::Distance { km: 1.5 };
        assert_eq!(
            serde_json::to_string(&r).unwrap(),
            r#"{"reason":"distance","km":1.5}"#
        );
    }
}
