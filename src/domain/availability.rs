//! Weekly availability: time windows on days of the week, as volunteers, clients, sites and
//! psychologists give them. Stored as JSON (`[{"day":0,"start":"18:00","end":"21:00"}]`,
//! Monday = 0) and validated here for both the form and the JSON paths.

use serde::{Deserialize, Serialize};

use crate::error::{FieldError, FieldErrors};

/// Minutes in a day.
pub const DAY_MINUTES: u16 = 24 * 60;

/// One window: a day of the week and a time range within it.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema,
)]
pub struct Window {
    /// Day of the week, Monday = 0 … Sunday = 6.
    pub day: u8,
    /// Start, minutes after midnight.
    #[serde(with = "hhmm")]
    #[schema(value_type = String, example = "18:00")]
    pub start: u16,
    /// End, minutes after midnight (1440 for midnight at the end of the day).
    #[serde(with = "hhmm")]
    #[schema(value_type = String, example = "21:00")]
    pub end: u16,
}

/// A week of windows, sorted, with overlapping or touching windows on a day merged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(transparent)]
pub struct Weekly(Vec<Window>);

/// A window as submitted, before validation (strings from forms or JSON).
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct WindowInput {
    /// Day of the week, Monday = 0 … Sunday = 6.
    pub day: Option<u8>,
    /// Start, `HH:MM`.
    pub start: String,
    /// End, `HH:MM`.
    pub end: String,
}

/// Parses `HH:MM` (also `H:MM`, and `24:00` for the end of the day) into minutes.
pub fn parse_hhmm(text: &str) -> Option<u16> {
    let (h, m) = text.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    if m >= 60 || h > 24 || (h == 24 && m != 0) {
        return None;
    }
    Some(h * 60 + m)
}

/// Formats minutes as `HH:MM`.
pub fn format_hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

mod hhmm {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(minutes: &u16, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_hhmm(*minutes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_hhmm(&text).ok_or_else(|| serde::de::Error::custom("expected HH:MM"))
    }
}

impl Weekly {
    /// Validates submitted windows; errors name `<field>[i].day|start|end`. Empty rows
    /// (no day, no times) are skipped, so forms can offer blank lines.
    pub fn parse(field: &str, inputs: &[WindowInput]) -> Result<Weekly, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut windows = Vec::new();
        for (i, input) in inputs.iter().enumerate() {
            if input.day.is_none() && input.start.trim().is_empty() && input.end.trim().is_empty() {
                continue;
            }
            let name = |part: &str| format!("{field}[{i}].{part}");
            let day = match input.day {
                Some(d) if d < 7 => Some(d),
                _ => {
                    errors.push(FieldError::new(name("day"), "error-availability-day"));
                    None
                }
            };
            let start = parse_hhmm(&input.start).filter(|m| *m < DAY_MINUTES);
            if start.is_none() {
                errors.push(FieldError::new(name("start"), "error-time-invalid"));
            }
            let end = parse_hhmm(&input.end);
            if end.is_none() {
                errors.push(FieldError::new(name("end"), "error-time-invalid"));
            }
            if let (Some(day), Some(start), Some(end)) = (day, start, end) {
                if end <= start {
                    errors.push(FieldError::new(name("end"), "error-end-before-start"));
                } else {
                    windows.push(Window { day, start, end });
                }
            }
        }
        if errors.is_empty() {
            Ok(Weekly::normalised(windows))
        } else {
            Err(errors)
        }
    }

    /// Sorts windows and merges those that overlap or touch on the same day.
    pub fn normalised(mut windows: Vec<Window>) -> Weekly {
        windows.sort();
        let mut merged: Vec<Window> = Vec::with_capacity(windows.len());
        for w in windows {
            match merged.last_mut() {
                Some(last) if last.day == w.day && w.start <= last.end => {
                    last.end = last.end.max(w.end);
                }
                _ => merged.push(w),
            }
        }
        Weekly(merged)
    }

    /// The windows.
    pub fn windows(&self) -> &[Window] {
        &self.0
    }

    /// Whether there is no window at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Windows in which both are available.
    pub fn intersection(&self, other: &Weekly) -> Weekly {
        let mut out = Vec::new();
        for a in &self.0 {
            for b in other.0.iter().filter(|b| b.day == a.day) {
                let (start, end) = (a.start.max(b.start), a.end.min(b.end));
                if end > start {
                    out.push(Window {
                        day: a.day,
                        start,
                        end,
                    });
                }
            }
        }
        Weekly::normalised(out)
    }

    /// Total minutes per week.
    pub fn total_minutes(&self) -> u32 {
        self.0.iter().map(|w| u32::from(w.end - w.start)).sum()
    }

    /// Reads the stored JSON; an unreadable value reads as no availability.
    pub fn from_json(text: &str) -> Weekly {
        serde_json::from_str::<Vec<Window>>(text)
            .map(Weekly::normalised)
            .unwrap_or_default()
    }

    /// The JSON to store.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_else(|_| "[]".into())
    }

    /// The windows as form rows (for re-rendering a form).
    pub fn to_inputs(&self) -> Vec<WindowInput> {
        self.0
            .iter()
            .map(|w| WindowInput {
                day: Some(w.day),
                start: format_hhmm(w.start),
                end: format_hhmm(w.end),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(day: u8, start: &str, end: &str) -> WindowInput {
        WindowInput {
            day: Some(day),
            start: start.into(),
            end: end.into(),
        }
    }

    #[test]
    fn windows_must_end_after_they_start() {
        let errors = Weekly::parse("availability", &[input(1, "18:00", "17:00")]).unwrap_err();
        assert_eq!(errors.0[0].field, "availability[0].end");
        assert_eq!(errors.0[0].code, "error-end-before-start");
        assert!(Weekly::parse("a", &[input(7, "10:00", "11:00")]).is_err());
        assert!(Weekly::parse("a", &[input(0, "25:00", "26:00")]).is_err());
        assert!(Weekly::parse("a", &[input(0, "10:60", "11:00")]).is_err());
        assert!(Weekly::parse("a", &[input(0, "22:00", "24:00")]).is_ok());
    }

    #[test]
    fn overlapping_windows_merge_and_blank_rows_are_skipped() {
        let weekly = Weekly::parse(
            "a",
            &[
                input(2, "18:00", "20:00"),
                WindowInput::default(),
                input(2, "19:00", "21:00"),
                input(0, "09:00", "10:00"),
            ],
        )
        .unwrap();
        assert_eq!(weekly.windows().len(), 2);
        assert_eq!(
            weekly.windows()[1],
            Window {
                day: 2,
                start: 18 * 60,
                end: 21 * 60
            }
        );
        assert_eq!(Weekly::from_json(&weekly.to_json()), weekly);
    }

    #[test]
    fn intersection_keeps_shared_time_only() {
        let a = Weekly::parse(
            "a",
            &[input(1, "09:00", "13:00"), input(3, "18:00", "21:00")],
        )
        .unwrap();
        let b = Weekly::parse(
            "b",
            &[input(1, "12:00", "17:00"), input(4, "18:00", "21:00")],
        )
        .unwrap();
        let both = a.intersection(&b);
        assert_eq!(
            both.windows(),
            &[Window {
                day: 1,
                start: 12 * 60,
                end: 13 * 60
            }]
        );
        assert_eq!(both.total_minutes(), 60);
    }
}
