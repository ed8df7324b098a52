//! One error type for the whole service. Each variant documents its status code; pages and the
//! JSON API render it differently (see `web::error_page` and `api::error`), from the same value.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use sea_orm::DbErr;
use serde::Serialize;

use crate::i18n::{self, Lang};

/// One problem with one field of a form or JSON body. `code` is a Fluent message key,
/// so the message reaches each user in their language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    /// The form field or JSON property (`email`, `availability[2].end`).
    pub field: String,
    /// Message key, e.g. `error-email-invalid`.
    pub code: &'static str,
    /// Arguments of the message (`min`, `max`…), as strings.
    pub args: Vec<(&'static str, String)>,
}

impl FieldError {
    /// A field error without arguments.
    pub fn new(field: impl Into<String>, code: &'static str) -> Self {
        Self {
            field: field.into(),
            code,
            args: Vec::new(),
        }
    }

    /// Adds a message argument.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let args = self
            .args
            .iter()
            .map(|(k, v)| {
                let value = match v.parse::<f64>() {
                    Ok(n) if n.is_finite() => n.into(),
                    _ => v.clone().into(),
                };
                (std::borrow::Cow::Borrowed(*k), value)
            })
            .collect();
        i18n::t_args(lang, self.code, &args)
    }
}

/// The field errors of one submission.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// No errors yet.
    pub fn new() -> Self {
        Self::default()
    }
    /// Records an error.
    pub fn push(&mut self, error: FieldError) {
        self.0.push(error);
    }
    /// Records an error for `field` with message key `code`.
    pub fn add(&mut self, field: impl Into<String>, code: &'static str) {
        self.push(FieldError::new(field, code));
    }
    /// Whether nothing was wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Ok when empty, else the errors as [`AppError::Validation`].
    pub fn into_result(self) -> Result<(), AppError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self))
        }
    }
    /// Keeps the value of a parse, recording its error under `field`.
    pub fn take<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.push(error);
                None
            }
        }
    }
    /// Messages per field in `lang`, for re-rendering a form.
    pub fn by_field(&self, lang: Lang) -> std::collections::BTreeMap<String, String> {
        let mut map = std::collections::BTreeMap::new();
        for error in &self.0 {
            map.entry(error.field.clone())
                .or_insert_with(|| error.message(lang));
        }
        map
    }
}

/// Everything that can go wrong in a request.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// 404: no such thing, or the user may not know it exists.
    #[error("not found")]
    NotFound,
    /// 401 (API) or a redirect to the sign-in page (pages).
    #[error("sign-in required")]
    Unauthenticated,
    /// 403: signed in, but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// 403: the form's CSRF token was missing or wrong; nothing was changed.
    #[error("invalid or missing CSRF token")]
    Csrf,
    /// 400: the request could not be understood at all; the string is a message key.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// 422: fields with errors, each with a translatable message.
    #[error("validation failed")]
    Validation(FieldErrors),
    /// 409: the change conflicts with the current state; the string is a message key.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// 429: too many requests; retry after the given seconds.
    #[error("too many requests")]
    TooManyRequests {
        /// Seconds until a retry may succeed.
        retry_after: u64,
    },
    /// 503: a dependency (the database) is not available.
    #[error("service unavailable")]
    Unavailable,
    /// 500: a database error; logged, shown opaquely.
    #[error("database error: {0}")]
    Db(#[from] DbErr),
    /// 500: anything else unexpected; logged, shown opaquely.
    #[error("internal error: {0}")]
    Internal(#[from] anyhow::Error),
}

impl AppError {
    /// A single field error as a validation failure.
    pub fn field(field: impl Into<String>, code: &'static str) -> Self {
        AppError::Validation(FieldErrors(vec![FieldError::new(field, code)]))
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Db(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code for the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::Unauthenticated => "unauthenticated",
            AppError::Forbidden => "forbidden",
            AppError::Csrf => "csrf",
            AppError::BadRequest(_) => "bad_request",
            AppError::Validation(_) => "validation",
            AppError::Conflict(_) => "conflict",
            AppError::TooManyRequests { .. } => "too_many_requests",
            AppError::Unavailable => "unavailable",
            AppError::Db(_) | AppError::Internal(_) => "internal",
        }
    }

    /// The message key explaining this error to a person.
    pub fn message_key(&self) -> &'static str {
        match self {
            AppError::NotFound => "error-not-found",
            AppError::Unauthenticated => "error-unauthenticated",
            AppError::Forbidden => "error-forbidden",
            AppError::Csrf => "error-csrf",
            AppError::BadRequest(key) | AppError::Conflict(key) => key,
            AppError::Validation(_) => "error-validation",
            AppError::TooManyRequests { .. } => "error-too-many-requests",
            AppError::Unavailable => "error-unavailable",
            AppError::Db(_) | AppError::Internal(_) => "error-internal",
        }
    }

    /// Logs server-side failures with their detail; client errors are not logged as errors.
    pub fn log(&self) {
        match self {
            AppError::Db(e) => tracing::error!(error = %e, "database error"),
            AppError::Internal(e) => tracing::error!(error = ?e, "internal error"),
            _ => {}
        }
    }
}

/// Carried in the extensions of an error response so the page layer can render a full,
/// translated error page for it (the JSON API renders its own body instead).
#[derive(Clone, Debug)]
pub struct ErrorPage {
    /// Machine-readable code (see [`AppError::code`]).
    pub code: &'static str,
    /// Message key of the explanation.
    pub message_key: &'static str,
    /// Field errors, when the error was a validation failure.
    pub fields: Option<FieldErrors>,
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let status = self.status();
        let retry_after = match &self {
            AppError::TooManyRequests { retry_after } => Some(*retry_after),
            _ => None,
        };
        let page = ErrorPage {
            code: self.code(),
            message_key: self.message_key(),
            fields: match self {
                AppError::Validation(fields) => Some(fields),
                _ => None,
            },
        };
        let mut response = (status, i18n::t(Lang::En, page.message_key)).into_response();
        if let Some(seconds) = retry_after {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from(seconds),
            );
        }
        response.extensions_mut().insert(page);
        response
    }
}

/// Shorthand for results of handlers and services.
pub type AppResult<T> = Result<T, AppError>;
