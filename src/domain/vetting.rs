//! The vetting pipeline of volunteers as a state machine: which moves between stages are
//! allowed, who may make them, and the guards on them. Approval (and reinstatement) needs a
//! passed, unexpired background check and every mandatory training module completed and
//! unexpired; entering training needs the passed, unexpired check.
//!
//! ```text
//! applied ─(volunteer clicks the link)→ email_verified → interview → background_check
//!   → training → approved ⇄ suspended
//! any stage before approval → rejected (reason)      any open stage → withdrawn
//! ```

use chrono::NaiveDate;

pub use entity::volunteer::Stage;

/// Who asks for a move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    /// The volunteer (verifying their e-mail, withdrawing).
    Volunteer,
    /// A coordinator (or admin) working the queue.
    Coordinator,
}

/// The background check as recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Check {
    /// Whether the outcome was a pass.
    pub passed: bool,
    /// The day it lapses (none: it does not).
    pub expires_on: Option<NaiveDate>,
}

/// One training module and the volunteer's latest completion of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleStatus {
    /// Module code.
    pub code: String,
    /// Whether approval requires it.
    pub mandatory: bool,
    /// Latest completion.
    pub completed_on: Option<NaiveDate>,
    /// When that completion lapses.
    pub expires_on: Option<NaiveDate>,
}

/// What the guards look at.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Readiness {
    /// The background check, if one was recorded.
    pub check: Option<Check>,
    /// Active modules with the volunteer's completions.
    pub modules: Vec<ModuleStatus>,
}

/// Why a volunteer is not ready for approval or matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No background check recorded.
    CheckMissing,
    /// The check did not pass.
    CheckFailed,
    /// The check lapsed on this day.
    CheckExpired(NaiveDate),
    /// A mandatory module was never completed.
    TrainingMissing(String),
    /// A mandatory module's completion lapsed on this day.
    TrainingExpired(String, NaiveDate),
}

impl Problem {
    /// The message key explaining it (`vetting-problem-…`).
    pub fn message_key(&self) -> &'static str {
        match self {
            Problem::CheckMissing => "vetting-problem-check-missing",
            Problem::CheckFailed => "vetting-problem-check-failed",
            Problem::CheckExpired(_) => "vetting-problem-check-expired",
            Problem::TrainingMissing(_) => "vetting-problem-training-missing",
            Problem::TrainingExpired(..) => "vetting-problem-training-expired",
        }
    }
}

/// Whether something that lapses on `expires_on` is still valid on `today` (it is valid up to
/// the day before).
pub fn valid_on(expires_on: Option<NaiveDate>, today: NaiveDate) -> bool {
    expires_on.is_none_or(|end| today < end)
}

impl Readiness {
    /// Problems with the background check on `today`.
    pub fn check_problems(&self, today: NaiveDate) -> Vec<Problem> {
        match self.check {
            None => vec![Problem::CheckMissing],
            Some(Check { passed: false, .. }) => vec![Problem::CheckFailed],
            Some(Check {
                expires_on: Some(end),
                ..
            }) if !valid_on(Some(end), today) => vec![Problem::CheckExpired(end)],
            Some(_) => Vec::new(),
        }
    }

    /// Everything that stands in the way of approval or matching on `today`.
    pub fn problems(&self, today: NaiveDate) -> Vec<Problem> {
        let mut problems = self.check_problems(today);
        for module in self.modules.iter().filter(|m| m.mandatory) {
            match (module.completed_on, module.expires_on) {
                (None, _) => problems.push(Problem::TrainingMissing(module.code.clone())),
                (Some(_), Some(end)) if !valid_on(Some(end), today) => {
                    problems.push(Problem::TrainingExpired(module.code.clone(), end));
                }
                _ => {}
            }
        }
        problems
    }
}

/// Why a move was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// There is no such move from this stage, or not for this party.
    NotAllowed,
    /// Rejections and suspensions need a reason.
    ReasonRequired,
    /// The guard failed; the problems say why.
    NotReady(Vec<Problem>),
}

/// Stages that are closed: nothing moves out of them.
pub fn is_closed(stage: Stage) -> bool {
    matches!(stage, Stage::Rejected | Stage::Withdrawn)
}

/// Whether a move to `to` must carry a reason.
pub fn reason_required(to: Stage) -> bool {
    matches!(to, Stage::Rejected | Stage::Suspended)
}

/// The stages `party` may move a volunteer to from `from`, before guards.
pub fn targets(from: Stage, party: Party) -> Vec<Stage> {
    use Stage::*;
    let mut out = match (party, from) {
        (Party::Volunteer, Applied) => vec![EmailVerified],
        (Party::Volunteer, _) => Vec::new(),
        (Party::Coordinator, EmailVerified) => vec![Interview, Rejected],
        (Party::Coordinator, Interview) => vec![BackgroundCheck, Rejected],
        (Party::Coordinator, BackgroundCheck) => vec![Training, Rejected],
        (Party::Coordinator, Training) => vec![Approved, Rejected],
        (Party::Coordinator, Applied) => vec![Rejected],
        (Party::Coordinator, Approved) => vec![Suspended],
        (Party::Coordinator, Suspended) => vec![Approved],
        (Party::Coordinator, Rejected | Withdrawn) => Vec::new(),
    };
    if !is_closed(from) {
        out.push(Withdrawn);
    }
    out
}

/// Checks a move of a volunteer at `from` to `to` asked by `party`, with `reason` (may be
/// empty), against the rules and guards on `today`.
pub fn check(
    from: Stage,
    to: Stage,
    party: Party,
    reason: &str,
    readiness: &Readiness,
    today: NaiveDate,
) -> Result<(), Refusal> {
    if !targets(from, party).contains(&to) {
        return Err(Refusal::NotAllowed);
    }
    if reason_required(to) && reason.trim().is_empty() {
        return Err(Refusal::ReasonRequired);
    }
    let problems = match to {
        Stage::Training => readiness.check_problems(today),
        Stage::Approved => readiness.problems(today),
        _ => Vec::new(),
    };
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Refusal::NotReady(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stage::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn ready() -> Readiness {
        Readiness {
            check: Some(Check {
                passed: true,
                expires_on: Some(day("2029-01-01")),
            }),
            modules: vec![
                ModuleStatus {
                    code: "safeguarding".into(),
                    mandatory: true,
                    completed_on: Some(day("2026-01-10")),
                    expires_on: Some(day("2028-01-10")),
                },
                ModuleStatus {
                    code: "intro".into(),
                    mandatory: true,
                    completed_on: Some(day("2026-01-05")),
                    expires_on: None,
                },
                ModuleStatus {
                    code: "optional".into(),
                    mandatory: false,
                    completed_on: None,
                    expires_on: None,
                },
            ],
        }
    }

    /// Every move the rules allow, written out by hand: (from, to, party).
    const ALLOWED: &[(Stage, Stage, Party)] = &[
        (Applied, EmailVerified, Party::Volunteer),
        (Applied, Withdrawn, Party::Volunteer),
        (EmailVerified, Withdrawn, Party::Volunteer),
        (Interview, Withdrawn, Party::Volunteer),
        (BackgroundCheck, Withdrawn, Party::Volunteer),
        (Training, Withdrawn, Party::Volunteer),
        (Approved, Withdrawn, Party::Volunteer),
        (Suspended, Withdrawn, Party::Volunteer),
        (Applied, Rejected, Party::Coordinator),
        (Applied, Withdrawn, Party::Coordinator),
        (EmailVerified, Interview, Party::Coordinator),
        (EmailVerified, Rejected, Party::Coordinator),
        (EmailVerified, Withdrawn, Party::Coordinator),
        (Interview, BackgroundCheck, Party::Coordinator),
        (Interview, Rejected, Party::Coordinator),
        (Interview, Withdrawn, Party::Coordinator),
        (BackgroundCheck, Training, Party::Coordinator),
        (BackgroundCheck, Rejected, Party::Coordinator),
        (BackgroundCheck, Withdrawn, Party::Coordinator),
        (Training, Approved, Party::Coordinator),
        (Training, Rejected, Party::Coordinator),
        (Training, Withdrawn, Party::Coordinator),
        (Approved, Suspended, Party::Coordinator),
        (Approved, Withdrawn, Party::Coordinator),
        (Suspended, Approved, Party::Coordinator),
        (Suspended, Withdrawn, Party::Coordinator),
    ];

    #[test]
    fn exactly_the_listed_moves_are_allowed_for_every_stage_pair_and_party() {
        let today = day("2026-06-01");
        for from in Stage::ALL {
            for to in Stage::ALL {
                for party in [Party::Volunteer, Party::Coordinator] {
                    let expected = ALLOWED.contains(&(from, to, party));
                    let outcome = check(from, to, party, "a reason", &ready(), today);
                    assert_eq!(
                        outcome.is_ok(),
                        expected,
                        "{from:?} → {to:?} by {party:?}: {outcome:?}"
                    );
                    if !expected {
                        assert_eq!(outcome, Err(Refusal::NotAllowed));
                    }
                }
            }
        }
    }

    #[test]
    fn closed_stages_lead_nowhere() {
        for party in [Party::Volunteer, Party::Coordinator] {
            assert!(targets(Rejected, party).is_empty());
            assert!(targets(Withdrawn, party).is_empty());
        }
    }

    #[test]
    fn rejection_and_suspension_need_a_reason() {
        let today = day("2026-06-01");
        for (from, to) in [(Interview, Rejected), (Approved, Suspended)] {
            assert_eq!(
                check(from, to, Party::Coordinator, "  ", &ready(), today),
                Err(Refusal::ReasonRequired)
            );
            assert!(check(from, to, Party::Coordinator, "No show", &ready(), today).is_ok());
        }
        assert!(
            check(
                Interview,
                BackgroundCheck,
                Party::Coordinator,
                "",
                &ready(),
                today
            )
            .is_ok()
        );
    }

    #[test]
    fn approval_needs_a_passed_unexpired_check() {
        let today = day("2026-06-01");
        let mut r = ready();
        r.check = None;
        assert_eq!(
            check(Training, Approved, Party::Coordinator, "", &r, today),
            Err(Refusal::NotReady(vec![Problem::CheckMissing]))
        );
        r.check = Some(Check {
            passed: false,
            expires_on: None,
        });
        assert_eq!(
            check(Training, Approved, Party::Coordinator, "", &r, today),
            Err(Refusal::NotReady(vec![Problem::CheckFailed]))
        );
        r.check = Some(Check {
            passed: true,
            expires_on: Some(today),
        });
        assert_eq!(
            check(Training, Approved, Party::Coordinator, "", &r, today),
            Err(Refusal::NotReady(vec![Problem::CheckExpired(today)]))
        );
        r.check = Some(Check {
            passed: true,
            expires_on: None,
        });
        assert!(check(Training, Approved, Party::Coordinator, "", &r, today).is_ok());
        // Entering training needs the check too, but not the modules.
        r.modules.clear();
        assert!(check(BackgroundCheck, Training, Party::Coordinator, "", &r, today).is_ok());
        r.check = None;
        assert!(check(BackgroundCheck, Training, Party::Coordinator, "", &r, today).is_err());
    }

    #[test]
    fn approval_needs_every_mandatory_module_completed_and_unexpired() {
        let today = day("2026-06-01");
        let mut r = ready();
        r.modules[1].completed_on = None;
        r.modules[0].expires_on = Some(day("2026-05-31"));
        assert_eq!(
            r.problems(today),
            vec![
                Problem::TrainingExpired("safeguarding".into(), day("2026-05-31")),
                Problem::TrainingMissing("intro".into()),
            ]
        );
        assert!(matches!(
            check(Suspended, Approved, Party::Coordinator, "", &r, today),
            Err(Refusal::NotReady(_))
        ));
        // An optional module never blocks.
        assert!(ready().problems(today).is_empty());
    }

    #[test]
    fn something_is_valid_until_the_day_it_lapses() {
        let today = day("2026-06-01");
        assert!(valid_on(None, today));
        assert!(valid_on(Some(day("2026-06-02")), today));
        assert!(!valid_on(Some(today), today));
    }
}
