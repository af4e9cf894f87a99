//! Refuses a body whose declared `Content-Length` is over what any route accepts, before reading
//! a byte: a slow client declaring 100 MB gets 413 at once instead of holding a connection until
//! the request times out.

use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cradle_wire::ErrorCode;

use crate::app::{is_json, MAX_JSON_BODY};
use crate::error::ApiError;
use crate::store::assets::MAX_ASSET_BYTES;

/// The largest body `request` may declare: pictures may be larger than JSON.
fn limit(request: &Request) -> usize {
    if is_json(request.headers()) {
        MAX_JSON_BODY
    } else {
        MAX_ASSET_BYTES
    }
}

/// The middleware: 413 `body_too_large` when the declared length is over the limit.
pub async fn refuse_oversized(request: Request, next: Next) -> Response {
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let limit = limit(&request);
    if declared.is_some_and(|n| n > limit as u64) {
        return ApiError::new(
            ErrorCode::BodyTooLarge,
            format!("the body may be at most {limit} bytes"),
        )
        .into_response();
    }
    next.run(request).await
}
