//! Text keys for case-insensitive search that respect Azerbaijani letters.
//!
//! SQLite's `lower()`, `NOCASE` and `LIKE` fold ASCII only, and Rust's `to_lowercase` turns
//! `İ` into two characters while `ı` and `i` both upper-case to `I`. So every searchable name is
//! stored with a normalised key made here, and queries are folded the same way.

/// Folds text for case-insensitive search, keeping Azerbaijani letters distinct:
/// `İ`→`i`, `I`→`ı`, `Ə`→`ə`, `Ş`→`ş` … Whitespace runs become one space; the ends are trimmed.
/// A combining dot above after `I`/`i` (a decomposed `İ`) is folded into `i`.
pub fn search_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            'I' | 'i' if chars.peek() == Some(&'\u{307}') => {
                chars.next();
                out.push('i');
            }
            'İ' => out.push('i'),
            'I' => out.push('ı'),
            // Precomposed letters lower-case to one character each; `Ё` folds to `е` as Russian search expects.
            'Ё' | 'ё' => out.push('е'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// A looser key for search-as-you-type by people without an Azerbaijani keyboard:
/// the [`search_key`] with `ə`→`e`, `ı`→`i`, `ş`→`s`, `ç`→`c`, `ğ`→`g`, `ö`→`o`, `ü`→`u`.
pub fn ascii_key(text: &str) -> String {
    search_key(text)
        .chars()
        .map(|c| match c {
            'ə' | 'ä' => 'e',
            'ı' => 'i',
            'ş' => 's',
            'ç' => 'c',
            'ğ' => 'g',
            'ö' => 'o',
            'ü' => 'u',
            other => other,
        })
        .collect()
}

/// Escapes `%`, `_` and `\` for use inside a SQL `LIKE` pattern with `ESCAPE '\'`.
pub fn like_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether a single-line value is free of control characters (CR, LF, NUL…), so it can never
/// break a mail header or a CSV row.
pub fn is_single_line(text: &str) -> bool {
    !text.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotted_and_dotless_i_stay_distinct() {
        assert_eq!(search_key("İsmayıl"), "ismayıl");
        assert_eq!(search_key("ISMAYIL"), "ısmayıl");
        assert_ne!(search_key("İlham"), search_key("Ilham"));
        assert_eq!(search_key("I\u{307}lham"), search_key("İlham"));
    }

    #[test]
    fn azerbaijani_capitals_fold_to_their_own_small_letters() {
        assert_eq!(
            search_key("ƏLİYEV Şahin Çingiz Ğ Ö Ü"),
            "əliyev şahin çingiz ğ ö ü"
        );
        assert_eq!(search_key("  Gəncə   şəhəri "), "gəncə şəhəri");
        assert_eq!(search_key("ЁЛКИН Пётр"), "елкин петр");
    }

    #[test]
    fn ascii_key_matches_keyboards_without_azerbaijani_letters() {
        assert_eq!(ascii_key("Gəncə"), ascii_key("gence"));
        assert_eq!(ascii_key("Şəki"), "seki");
        assert_eq!(ascii_key("Mingəçevir"), "mingecevir");
    }

    #[test]
    fn like_patterns_are_escaped() {
        assert_eq!(like_escape("50%_a\\b"), "50\\%\\_a\\\\b");
    }

    #[test]
    fn control_characters_are_detected() {
        assert!(is_single_line("Aysel Məmmədova"));
        assert!(!is_single_line("Aysel\r\nBcc: x@y"));
    }
}
