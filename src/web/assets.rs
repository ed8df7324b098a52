//! Static files (CSS, JavaScript, vendored packages), compiled into the binary from `static/`
//! and served with long cache lifetimes; URLs carry a content version so updates are seen.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};

#[derive(RustEmbed)]
#[folder = "static/"]
#[exclude = "*.md"]
struct StaticFiles;

static VERSION: LazyLock<String> = LazyLock::new(|| {
    let mut hasher = Sha256::new();
    let mut names: Vec<_> = StaticFiles::iter().collect();
    names.sort();
    for name in names {
        if let Some(file) = StaticFiles::get(&name) {
            hasher.update(name.as_bytes());
            hasher.update(file.metadata.sha256_hash());
        }
    }
    hex::encode(&hasher.finalize()[..6])
});

/// Static files change only with a release, and their URLs carry the version.
const CACHE: &str = "public, max-age=604800";

/// A short hash of all static files, appended to asset URLs as `?v=`.
pub fn version() -> &'static str {
    &VERSION
}

/// `GET /static/{*path}`: the file with its type, an ETag and cache headers.
pub async fn serve(Path(path): Path<String>, headers: HeaderMap) -> Response {
    let Some(file) = StaticFiles::get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..12]));
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return (
            StatusCode::NOT_MODIFIED,
            [
                (header::ETAG, etag),
                (header::CACHE_CONTROL, CACHE.to_owned()),
            ],
        )
            .into_response();
    }
    let mime = file.metadata.mimetype().to_owned();
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::ETAG, etag),
            (header::CACHE_CONTROL, CACHE.to_owned()),
        ],
        file.data,
    )
        .into_response()
}
