//! Extractors whose rejections are [`AppError`]s, so a malformed form, query or JSON body gets
//! the same translated error page or documented JSON error as any other bad input.

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::error::AppError;

/// A URL-encoded form (repeated keys become lists). Rejects with 400 `error-form-invalid`.
pub struct Form<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum_extra::extract::Form::<T>::from_request(req, state)
            .await
            .map(|axum_extra::extract::Form(value)| Form(value))
            .map_err(|e| {
                tracing::debug!(error = %e, "form rejected");
                AppError::BadRequest("error-form-invalid")
            })
    }
}

/// A query string. Rejects with 400 `error-query-invalid`.
pub struct Query<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum_extra::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum_extra::extract::Query(value)| Query(value))
            .map_err(|e| {
                tracing::debug!(error = %e, "query rejected");
                AppError::BadRequest("error-query-invalid")
            })
    }
}

/// A JSON body. Rejects with 400 `error-json-invalid` (syntax, wrong types, missing fields,
/// or a content type other than JSON).
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        axum::Json::<T>::from_request(req, state)
            .await
            .map(|axum::Json(value)| Json(value))
            .map_err(|e| {
                tracing::debug!(error = %e, "JSON rejected");
                AppError::BadRequest("error-json-invalid")
            })
    }
}

/// A path parameter. Rejects with 404 (a path that cannot name anything names nothing).
pub struct Path<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Path(value))
            .map_err(|_| AppError::NotFound)
    }
}
