//! Curfew hours: when a client must be at home, every day, possibly over midnight.

use serde::{Deserialize, Serialize};

use crate::domain::availability::{Window, format_hhmm, parse_hhmm};
use crate::error::FieldErrors;

/// Hours at home, every day; may run over midnight (22:00–06:00).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Curfew {
    /// Start, minutes after midnight.
    pub start: u16,
    /// End, minutes after midnight.
    pub end: u16,
}

impl Curfew {
    /// Parses `HH:MM` start and end; they must differ. Errors name `curfew_start|curfew_end`.
    pub fn parse(start: &str, end: &str) -> Result<Curfew, FieldErrors> {
        let mut errors = FieldErrors::new();
        let s = parse_hhmm(start).filter(|m| *m < 24 * 60);
        let e = parse_hhmm(end).filter(|m| *m < 24 * 60);
        if s.is_none() {
            errors.add("curfew_start", "error-time-invalid");
        }
        if e.is_none() {
            errors.add("curfew_end", "error-time-invalid");
        }
        match (s, e) {
            (Some(start), Some(end)) if start != end => Ok(Curfew { start, end }),
            (Some(_), Some(_)) => {
                errors.add("curfew_end", "error-restriction-curfew-empty");
                Err(errors)
            }
            _ => Err(errors),
        }
    }

    /// Whether the minute of the day falls in the curfew.
    pub fn covers(&self, minute: u16) -> bool {
        if self.start < self.end {
            (self.start..self.end).contains(&minute)
        } else {
            minute >= self.start || minute < self.end
        }
    }

    /// Whether a window of the week (on any day) overlaps the curfew.
    pub fn overlaps(&self, window: &Window) -> bool {
        let overlaps = |a: u16, b: u16| window.start < b && a < window.end;
        if self.start < self.end {
            overlaps(self.start, self.end)
        } else {
            overlaps(self.start, 24 * 60) || overlaps(0, self.end)
        }
    }

    /// `22:00–06:00`.
    pub fn label(&self) -> String {
        format!("{}–{}", format_hhmm(self.start), format_hhmm(self.end))
    }
}
