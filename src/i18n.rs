//! Translation layer: Fluent message files under `locales/<lang>/*.ftl`, compiled into the
//! binary. Every user-facing string goes through [`t`] (Rust) or the `t()` template function.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};
use serde::{Deserialize, Serialize};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks would end up as invisible characters in HTML and e-mail.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the service speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Azerbaijani.
    Az,
    /// English.
    En,
    /// Russian.
    Ru,
}

static LANG_IDS: LazyLock<[LanguageIdentifier; 3]> = LazyLock::new(|| {
    [
        "az".parse().expect("static language id"),
        "en".parse().expect("static language id"),
        "ru".parse().expect("static language id"),
    ]
});

impl Lang {
    /// All languages, in the order the switcher shows them.
    pub const ALL: [Lang; 3] = [Lang::Az, Lang::En, Lang::Ru];

    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Az => "az",
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }

    /// The language's own name for itself, for the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Az => "Azərbaycanca",
            Lang::En => "English",
            Lang::Ru => "Русский",
        }
    }

    /// Parses a code such as `az`, `en-GB` or `ru_RU`; `None` for languages we do not speak.
    pub fn parse(code: &str) -> Option<Lang> {
        let primary = code
            .trim()
            .split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "az" => Some(Lang::Az),
            "en" => Some(Lang::En),
            "ru" => Some(Lang::Ru),
            _ => None,
        }
    }

    /// The best language from an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, usize, Lang)> = None;
        for (position, part) in header.split(',').enumerate() {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::parse) else {
                continue;
            };
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .filter(|q| q.is_finite())
                .unwrap_or(1.0);
            if q <= 0.0 {
                continue;
            }
            let better = match best {
                None => true,
                Some((best_q, best_pos, _)) => q > best_q || (q == best_q && position < best_pos),
            };
            if better {
                best = Some((q, position, lang));
            }
        }
        best.map(|(_, _, lang)| lang)
    }

    fn id(self) -> &'static LanguageIdentifier {
        &LANG_IDS[match self {
            Lang::Az => 0,
            Lang::En => 1,
            Lang::Ru => 2,
        }]
    }
}

/// Arguments for a message with placeables.
pub type Args = HashMap<Cow<'static, str>, FluentValue<'static>>;

/// Builds message arguments: `args([("count", 3.into())])`.
pub fn args<const N: usize>(pairs: [(&'static str, FluentValue<'static>); N]) -> Args {
    pairs
        .into_iter()
        .map(|(k, v)| (Cow::Borrowed(k), v))
        .collect()
}

/// The message `key` in `lang` (English when the language lacks it).
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES.lookup(lang.id(), key)
}

/// The message `key` in `lang` with arguments.
pub fn t_args(lang: Lang, key: &str, args: &Args) -> String {
    LOCALES.lookup_with_args(lang.id(), key, args)
}

/// A number in the language's notation with `decimals` decimals: digits grouped by three
/// ("1,234,567.8" in English, "1.234.567,8" in Azerbaijani, "1 234 567,8" in Russian, with a
/// no-break space).
pub fn format_number(lang: Lang, value: f64, decimals: usize) -> String {
    let (group, decimal) = match lang {
        Lang::En => (",", "."),
        Lang::Az => (".", ","),
        Lang::Ru => ("\u{a0}", ","),
    };
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        out.push('-');
    }
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push_str(group);
        }
        out.push(digit);
    }
    if !fraction.is_empty() {
        out.push_str(decimal);
        out.push_str(fraction);
    }
    out
}

/// The `t(key="…", name=value…)` template function. It reads the language from the
/// template's `lang` variable, so templates never pass it by hand.
pub fn register_template_function(tera: &mut tera::Tera) {
    tera.register_function(
        "t",
        |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            let key: &str = kwargs.must_get("key")?;
            let lang = match kwargs.get::<&str>("lang")? {
                Some(code) => Lang::parse(code),
                None => state
                    .get::<String>("lang")?
                    .and_then(|code| Lang::parse(&code)),
            }
            .unwrap_or(Lang::En);
            let mut message_args = Args::new();
            for (name, value) in kwargs.iter() {
                let Some(name) = name.as_str() else { continue };
                if name == "key" || name == "lang" || name.starts_with("__") {
                    continue;
                }
                let value = if let Some(n) = value.as_i64() {
                    FluentValue::from(n)
                } else if let Some(n) = value.as_f64() {
                    FluentValue::from(n)
                } else if let Some(s) = value.as_str() {
                    FluentValue::from(s.to_owned())
                } else {
                    FluentValue::from(value.to_string())
                };
                message_args.insert(Cow::Owned(name.replace('_', "-")), value);
            }
            Ok(t_args(lang, key, &message_args))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_in_each_language_s_notation() {
        assert_eq!(format_number(Lang::En, 2541169.0, 0), "2,541,169");
        assert_eq!(format_number(Lang::Az, 2541169.0, 0), "2.541.169");
        assert_eq!(format_number(Lang::Ru, 2541169.0, 0), "2\u{a0}541\u{a0}169");
        assert_eq!(format_number(Lang::Az, 4.66, 1), "4,7");
        assert_eq!(format_number(Lang::En, 0.04, 1), "0.0");
        assert_eq!(format_number(Lang::En, -1234.5, 1), "-1,234.5");
        assert_eq!(format_number(Lang::Ru, 999.0, 0), "999");
    }

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(
            Lang::from_accept_language("ru-RU,ru;q=0.9,en;q=0.8"),
            Some(Lang::Ru)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE, en;q=0.5, az;q=0.7"),
            Some(Lang::Az)
        );
        assert_eq!(Lang::from_accept_language("fr, de"), None);
        assert_eq!(
            Lang::from_accept_language("en;q=0, ru;q=0.1"),
            Some(Lang::Ru)
        );
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn messages_are_translated() {
        assert_ne!(
            t(Lang::Az, "app-name-tagline"),
            t(Lang::En, "app-name-tagline")
        );
        assert_ne!(
            t(Lang::Ru, "app-name-tagline"),
            t(Lang::En, "app-name-tagline")
        );
    }
}
