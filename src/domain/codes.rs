//! Closed lists of codes (kinds of work, specialties, site flags…): Rust enums whose stable
//! snake_case codes are what the database, CSV files and the JSON API store, and whose names
//! are Fluent messages `<prefix><code>` in every language.

/// Declares a code enum: `ALL`, `as_str`, `parse` (case-insensitive, `-` for `_`),
/// `message_key`, serde as the code, and an OpenAPI schema.
#[macro_export]
macro_rules! code_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $prefix:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize, utoipa::ToSchema,
        )]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            /// Every value, in the order forms list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database, CSV files and the API.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a code (`Care_Elderly`, `care-elderly` and `care_elderly` alike).
            pub fn parse(code: &str) -> Option<$name> {
                let code = code.trim().to_ascii_lowercase().replace('-', "_");
                $name::ALL.iter().copied().find(|v| v.as_str() == code)
            }

            /// The Fluent key of its name.
            pub fn message_key(self) -> &'static str {
                match self { $($name::$variant => concat!($prefix, $code)),+ }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

use crate::error::FieldError;

/// Parses a list of codes with `parse`: trimmed, empty entries skipped, deduplicated, in the
/// order given. An unknown code is an error on `field` with message `unknown`.
pub fn parse_list<T: PartialEq + Copy>(
    field: &str,
    codes: &[String],
    parse: impl Fn(&str) -> Option<T>,
    unknown: &'static str,
) -> Result<Vec<T>, FieldError> {
    let mut out = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let value = parse(code).ok_or_else(|| FieldError::new(field, unknown))?;
        if !out.contains(&value) {
            out.push(value);
        }
    }
    Ok(out)
}
