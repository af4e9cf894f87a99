//! Refuses the NUL character at the edge, the same on both databases: PostgreSQL cannot store it
//! in text (it would answer 500), SQLite would. A JSON body holding `\u0000` in any key or string
//! answers 422 `invalid_body` with the path of the first such value; an address holding `%00`
//! answers 400.

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use cradle_model::validate::{segment, Kind, ValidationError};
use cradle_wire::ErrorCode;
use serde_json::{json, Value};

use crate::app::{is_json, MAX_JSON_BODY};
use crate::error::ApiError;

/// The middleware: passes every request without a NUL on to `next`.
pub async fn refuse_nul(request: Request, next: Next) -> Response {
    let uri = request.uri();
    let address = format!("{}?{}", uri.path(), uri.query().unwrap_or_default());
    if address.to_ascii_lowercase().contains("%00") {
        return ApiError::new(
            ErrorCode::BadRequest,
            "the address holds a NUL character (%00)",
        )
        .into_response();
    }
    if !is_json(request.headers()) {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_JSON_BODY).await else {
        return ApiError::new(
            ErrorCode::BodyTooLarge,
            format!("the body is larger than {MAX_JSON_BODY} bytes"),
        )
        .into_response();
    };
    if bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000")) {
        if let Some(path) = serde_json::from_slice::<Value>(&bytes)
            .ok()
            .and_then(|v| nul_path(&v, String::new()))
        {
            let problem = ValidationError::in_english(
                path,
                Kind::Format,
                "text may not contain the NUL character",
            );
            return ApiError::new(ErrorCode::InvalidBody, problem.to_string())
                .with_details(json!([problem]))
                .into_response();
        }
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The JSON pointer of the first key or string holding a NUL, if any.
fn nul_path(value: &Value, path: String) -> Option<String> {
    match value {
        Value::String(s) => s.contains('\0').then_some(path),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_path(v, format!("{path}/{i}"))),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let here = format!("{path}/{}", segment(k));
            if k.contains('\0') {
                Some(here)
            } else {
                nul_path(v, here)
            }
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_first_nul_in_keys_and_strings() {
        let v = json!({"a": ["ok", {"b\u{0}": 1}], "c": "x"});
        assert_eq!(nul_path(&v, String::new()).as_deref(), Some("/a/1/b\u{0}"));
        let v = json!({"email": "a\u{0}@b.c"});
        assert_eq!(nul_path(&v, String::new()).as_deref(), Some("/email"));
        assert_eq!(nul_path(&json!({"a": [1, "b"]}), String::new()), None);
    }
}
