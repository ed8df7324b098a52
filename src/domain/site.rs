//! Value types of placement sites that matching and the forms share: suitability flags and
//! whether a skill is needed at the site or taught there.

use serde::{Deserialize, Serialize};

crate::code_enum! {
    /// A suitability flag of a site (names: Fluent `site-flag-<code>`).
    pub enum SiteFlag : "site-flag-" {
        /// Children are present at the site.
        ChildrenPresent = "children_present",
        /// Vulnerable adults are present.
        VulnerableAdultsPresent = "vulnerable_adults_present",
        /// The work needs someone who may drive.
        NeedsDriving = "needs_driving",
        /// Heavy physical work.
        HeavyWork = "heavy_work",
        /// Step-free access (wheelchairs).
        StepFreeAccess = "step_free_access",
        /// People work alone, without constant supervision.
        LoneWorking = "lone_working",
    }
}

crate::code_enum! {
    /// Whether a site needs a skill (the person should have it) or teaches it.
    pub enum SkillMode : "skill-mode-" {
        /// The work needs this skill.
        Needed = "needed",
        /// The site teaches this skill.
        Taught = "taught",
    }
}

/// The suitability flags of a site.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SiteFlags {
    /// Children are present.
    #[serde(default)]
    pub children_present: bool,
    /// Vulnerable adults are present.
    #[serde(default)]
    pub vulnerable_adults_present: bool,
    /// The work needs driving.
    #[serde(default)]
    pub needs_driving: bool,
    /// Heavy physical work.
    #[serde(default)]
    pub heavy_work: bool,
    /// Step-free access.
    #[serde(default)]
    pub step_free_access: bool,
    /// Lone working.
    #[serde(default)]
    pub lone_working: bool,
}

impl SiteFlags {
    /// Whether `flag` is set.
    pub fn get(&self, flag: SiteFlag) -> bool {
        match flag {
            SiteFlag::ChildrenPresent => self.children_present,
            SiteFlag::VulnerableAdultsPresent => self.vulnerable_adults_present,
            SiteFlag::NeedsDriving => self.needs_driving,
            SiteFlag::HeavyWork => self.heavy_work,
            SiteFlag::StepFreeAccess => self.step_free_access,
            SiteFlag::LoneWorking => self.lone_working,
        }
    }

    /// Sets `flag`.
    pub fn set(&mut self, flag: SiteFlag, value: bool) {
        let slot = match flag {
            SiteFlag::ChildrenPresent => &mut self.children_present,
            SiteFlag::VulnerableAdultsPresent => &mut self.vulnerable_adults_present,
            SiteFlag::NeedsDriving => &mut self.needs_driving,
            SiteFlag::HeavyWork => &mut self.heavy_work,
            SiteFlag::StepFreeAccess => &mut self.step_free_access,
            SiteFlag::LoneWorking => &mut self.lone_working,
        };
        *slot = value;
    }

    /// The flags that are set.
    pub fn set_flags(&self) -> Vec<SiteFlag> {
        SiteFlag::ALL
            .iter()
            .copied()
            .filter(|f| self.get(*f))
            .collect()
    }

    /// Flags from a list of set flags.
    pub fn from_set(flags: &[SiteFlag]) -> SiteFlags {
        let mut out = SiteFlags::default();
        for flag in flags {
            out.set(*flag, true);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_set_and_list_round_trip() {
        let flags = SiteFlags::from_set(&[SiteFlag::ChildrenPresent, SiteFlag::LoneWorking]);
        assert!(flags.children_present && flags.lone_working && !flags.heavy_work);
        assert_eq!(
            flags.set_flags(),
            vec![SiteFlag::ChildrenPresent, SiteFlag::LoneWorking]
        );
    }
}
