//! A client's restrictions in force folded into what matching asks.

use serde::Serialize;

use super::{Curfew, Restriction, RiskFlag};
use crate::domain::area::Area;
use crate::domain::availability::Window;
use crate::domain::location::Location;
use crate::domain::rules::Rules;
use crate::domain::work::WorkKind;

/// Why a place is out of bounds for a client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlaceRefusal {
    /// Outside a permitted area.
    OutsidePermittedArea,
    /// Inside an exclusion zone.
    InExclusionZone,
}

/// A client's restrictions in force, folded together for matching. The default is a client
/// without restrictions (who may drive).
#[derive(Clone, Debug, PartialEq)]
pub struct Constraints {
    /// Whether the client may drive.
    pub may_drive: bool,
    /// Kinds of work barred by a position ban.
    pub barred_work: Vec<WorkKind>,
    /// Areas the client must stay within (all of them).
    pub permitted_areas: Vec<Area>,
    /// Areas the client must not enter.
    pub exclusion_zones: Vec<Area>,
    /// Curfew hours.
    pub curfews: Vec<Curfew>,
    /// Risk flags.
    pub risk_flags: Vec<RiskFlag>,
}

impl Default for Constraints {
    fn default() -> Self {
        Constraints {
            may_drive: true,
            barred_work: Vec::new(),
            permitted_areas: Vec::new(),
            exclusion_zones: Vec::new(),
            curfews: Vec::new(),
            risk_flags: Vec::new(),
        }
    }
}

impl Constraints {
    /// Folds restrictions (pass those in force only) together.
    pub fn from_restrictions<'a>(restrictions: impl IntoIterator<Item = &'a Restriction>) -> Self {
        let mut c = Constraints::default();
        for r in restrictions {
            match r {
                Restriction::NoDriving => c.may_drive = false,
                Restriction::BarredWork(kinds) => c.barred_work.extend(kinds),
                Restriction::PermittedArea(a) => c.permitted_areas.push(a.clone()),
                Restriction::Curfew(cf) => c.curfews.push(*cf),
                Restriction::ExclusionZone(a) => c.exclusion_zones.push(a.clone()),
                Restriction::RiskFlag(f) => c.risk_flags.push(*f),
            }
        }
        c.barred_work.sort();
        c.barred_work.dedup();
        c.risk_flags.sort();
        c.risk_flags.dedup();
        c
    }

    /// How far (metres) the client may be sent: the rules' limit for drivers or non-drivers.
    pub fn travel_limit_m(&self, rules: &Rules) -> f64 {
        rules.travel_limit_m(self.may_drive)
    }

    /// Whether the client may be at `place`: inside every permitted area, outside every
    /// exclusion zone.
    pub fn place_allowed(&self, place: &Location) -> Result<(), PlaceRefusal> {
        if self.exclusion_zones.iter().any(|z| z.contains(place)) {
            return Err(PlaceRefusal::InExclusionZone);
        }
        if !self.permitted_areas.iter().all(|a| a.contains(place)) {
            return Err(PlaceRefusal::OutsidePermittedArea);
        }
        Ok(())
    }

    /// Whether the client may do this kind of work: not barred, not against a risk flag, and
    /// no driving work without the right to drive.
    pub fn work_allowed(&self, kind: WorkKind) -> bool {
        let flagged = |flag| self.risk_flags.contains(&flag);
        !(self.barred_work.contains(&kind)
            || (kind == WorkKind::Driving && !self.may_drive)
            || (matches!(kind, WorkKind::Childcare | WorkKind::Education)
                && flagged(RiskFlag::NoWorkWithChildren))
            || (matches!(kind, WorkKind::CareElderly | WorkKind::CareDisabled)
                && flagged(RiskFlag::NoWorkWithVulnerableAdults)))
    }

    /// Whether a weekly window is free of curfew hours.
    pub fn time_allowed(&self, window: &Window) -> bool {
        !self.curfews.iter().any(|c| c.overlaps(window))
    }
}
