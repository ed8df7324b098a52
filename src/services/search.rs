//! Free-text search over a stored `search_key` column that holds the folded text
//! ([`search_key`]) followed by its ASCII stand-ins ([`ascii_key`]). A query with Azerbaijani
//! letters matches them exactly (`ı` and `i` stay distinct); a query typed on a keyboard
//! without them (`gence`, `sumqayit`) matches the stand-ins.

use sea_orm::sea_query::{LikeExpr, SimpleExpr};
use sea_orm::{ColumnTrait, Condition};

use crate::domain::text::{ascii_key, like_escape, search_key};

/// The value to store in a `search_key` column for these parts of a record.
pub fn search_text(parts: &[&str]) -> String {
    let joined = parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" | ");
    let key = search_key(&joined);
    let ascii = ascii_key(&joined);
    if ascii == key {
        key
    } else {
        format!("{key} || {ascii}")
    }
}

/// A condition matching rows whose `column` contains every word of `query`; `None` for an
/// empty query.
pub fn condition(column: impl ColumnTrait, query: &str) -> Option<Condition> {
    let key = search_key(query);
    if key.is_empty() {
        return None;
    }
    let mut all = Condition::all();
    for word in key.split(' ') {
        all = all.add(like(column, word));
    }
    Some(all)
}

fn like(column: impl ColumnTrait, word: &str) -> SimpleExpr {
    let pattern = format!("%{}%", like_escape(word));
    column.like(LikeExpr::new(pattern).escape('\\'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_text_keeps_letters_and_ascii_stand_ins() {
        assert_eq!(
            search_text(&["Gəncə kitabxanası", ""]),
            "gəncə kitabxanası || gence kitabxanasi"
        );
        assert_eq!(search_text(&["Park", "Baku"]), "park | baku");
    }
}
