//! Pieces shared by the site and professional forms: weekly rows (day, start, end) posted as
//! parallel lists, language choices, and code lists named in the page's language.

use serde::Serialize;

use crate::domain::availability::WindowInput;
use crate::domain::language::COMMON;
use crate::i18n::{self, Lang};

/// Rows of a weekly schedule offered in a form (more are added by `static/js/week-rows.js`).
pub const WEEK_ROWS: usize = 7;

/// One row of a weekly schedule as the template shows it.
#[derive(Serialize)]
pub struct WeekRow {
    /// Position (names the errors `<field>[index].day|start|end`).
    pub index: usize,
    /// Day (0 = Monday) as text, or empty.
    pub day: String,
    /// Start `HH:MM`.
    pub start: String,
    /// End `HH:MM`.
    pub end: String,
}

/// Windows from the parallel lists a form posts (`day`, `start`, `end` repeated).
pub fn windows_from_form(days: &[String], starts: &[String], ends: &[String]) -> Vec<WindowInput> {
    let rows = days.len().max(starts.len()).max(ends.len());
    (0..rows)
        .map(|i| {
            let text = |list: &[String]| list.get(i).cloned().unwrap_or_default();
            let day = text(days);
            WindowInput {
                // A day that is not a number 0–6 arrives as 7, which validation refuses.
                day: (!day.trim().is_empty()).then(|| day.trim().parse::<u8>().unwrap_or(7)),
                start: text(starts),
                end: text(ends),
            }
        })
        .collect()
}

/// The parallel lists of `windows`, for re-filling a form.
pub fn windows_to_form(windows: &[WindowInput]) -> (Vec<String>, Vec<String>, Vec<String>) {
    (
        windows
            .iter()
            .map(|w| w.day.map(|d| d.to_string()).unwrap_or_default())
            .collect(),
        windows.iter().map(|w| w.start.clone()).collect(),
        windows.iter().map(|w| w.end.clone()).collect(),
    )
}

/// Rows for the template: the given ones, then blank rows up to [`WEEK_ROWS`].
pub fn week_rows(days: &[String], starts: &[String], ends: &[String]) -> Vec<WeekRow> {
    let given = days.len().max(starts.len()).max(ends.len());
    (0..given.max(WEEK_ROWS))
        .map(|index| {
            let text = |list: &[String]| list.get(index).cloned().unwrap_or_default();
            WeekRow {
                index,
                day: text(days),
                start: text(starts),
                end: text(ends),
            }
        })
        .collect()
}

/// A code with its name in the page's language.
#[derive(Serialize)]
pub struct Choice {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// Choices from codes and their message keys.
pub fn choices<'a>(lang: Lang, items: impl IntoIterator<Item = (&'a str, &'a str)>) -> Vec<Choice> {
    items
        .into_iter()
        .map(|(code, key)| Choice {
            code: code.to_owned(),
            name: i18n::t(lang, key),
        })
        .collect()
}

/// The common languages with their names (`sites-language-<code>`).
pub fn language_choices(lang: Lang) -> Vec<Choice> {
    COMMON
        .iter()
        .map(|code| Choice {
            code: (*code).to_owned(),
            name: i18n::t(lang, &format!("sites-language-{code}")),
        })
        .collect()
}

/// The languages a form posts: the ticked common ones plus the codes typed in the "other
/// languages" field (separated by commas or spaces).
pub fn languages_from_form(ticked: &[String], other: &str) -> Vec<String> {
    ticked
        .iter()
        .cloned()
        .chain(
            other
                .split([',', ';', ' '])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        )
        .collect()
}

/// Splits stored languages into ticked common ones and the rest as text.
pub fn languages_to_form(languages: &[String]) -> (Vec<String>, String) {
    let (common, other): (Vec<String>, Vec<String>) = languages
        .iter()
        .cloned()
        .partition(|l| COMMON.contains(&l.as_str()));
    (common, other.join(", "))
}

/// `on` (a ticked checkbox) or absent.
pub fn checked(value: &Option<String>) -> bool {
    value.as_deref().is_some_and(|v| !v.is_empty())
}
