//! Closed lists of codes (kinds, statuses, flags) as Rust enums with stable string codes, used
//! in the database, forms, CSV and JSON alike. [`code_enum!`] writes the boilerplate once.

use crate::error::FieldError;

/// Declares an enum whose variants each have a stable snake_case code:
/// `ALL`, `as_str`, `parse`, `Display`, serde and OpenAPI schema, all from one list.
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, utoipa::ToSchema,
        )]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant, )+
        }

        impl $name {
            /// Every value, in the order forms list them.
            pub const ALL: &'static [$name] = &[ $( $name::$variant, )+ ];

            /// The stable code (`snake_case`).
            pub fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $code, )+ }
            }

            /// Parses a code; `None` for anything else.
            pub fn parse(code: &str) -> Option<Self> {
                match code.trim() { $( $code => Some($name::$variant), )+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use code_enum;

/// A type declared with [`code_enum!`].
pub trait Code: Copy + Ord + 'static {
    /// Parses a code.
    fn from_code(code: &str) -> Option<Self>;
    /// The code.
    fn code(self) -> &'static str;
}

/// Implements [`Code`] for types declared with [`code_enum!`].
macro_rules! impl_code {
    ($($name:ty),+) => {
        $(impl $crate::domain::codes::Code for $name {
            fn from_code(code: &str) -> Option<Self> { <$name>::parse(code) }
            fn code(self) -> &'static str { self.as_str() }
        })+
    };
}
pub(crate) use impl_code;

/// Parses a list of codes (blank entries skipped, duplicates dropped, sorted); an unknown
/// code is an error on `field` with message key `error_code`.
pub fn parse_list<T: Code>(
    field: &str,
    codes: &[String],
    error_code: &'static str,
) -> Result<Vec<T>, FieldError> {
    let mut out = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let value = T::from_code(code).ok_or_else(|| FieldError::new(field, error_code))?;
        if !out.contains(&value) {
            out.push(value);
        }
    }
    out.sort();
    Ok(out)
}

/// The stored form of a list of codes: a JSON array of strings.
pub fn list_to_json<T: Code>(values: &[T]) -> String {
    serde_json::to_string(&values.iter().map(|v| v.code()).collect::<Vec<_>>())
        .unwrap_or_else(|_| "[]".into())
}

/// Reads a stored list of codes; unknown or unreadable entries are dropped.
pub fn list_from_json<T: Code>(text: &str) -> Vec<T> {
    let mut out: Vec<T> = serde_json::from_str::<Vec<String>>(text)
        .unwrap_or_default()
        .iter()
        .filter_map(|c| T::from_code(c))
        .collect();
    out.sort();
    out.dedup();
    out
}
