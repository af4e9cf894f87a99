//! One request function and one error type for every API call.

use cradle_wire::{ErrorBody, ErrorCode};
use gloo_net::http::{Method, RequestBuilder};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// Why an API call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, server down).
    Network(String),
    /// The server answered with an error status and its JSON error body.
    Http {
        /// HTTP status.
        status: u16,
        /// The error's stable code from the shared table.
        code: ErrorCode,
        /// The server's sentence.
        message: String,
        /// Structured details (validation errors, current version…).
        details: Value,
    },
    /// The server answered 2xx but the body was not what the app expected.
    Decode(String),
}

impl ApiError {
    /// The HTTP status, if the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network(_) => {
                write!(f, "Cannot reach the Cradle server. Check your connection.")
            }
            ApiError::Http { message, .. } => f.write_str(message),
            ApiError::Decode(e) => write!(f, "Unexpected answer from the server: {e}"),
        }
    }
}

thread_local! {
    static CSRF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Remembers the CSRF token sent with every state-changing request.
pub fn set_csrf(token: &str) {
    CSRF.with(|c| *c.borrow_mut() = token.to_owned());
}

async fn send<T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<T, ApiError> {
    let safe = method == Method::GET;
    let mut request = RequestBuilder::new(path).method(method);
    if !safe {
        request = request.header("X-CSRF-Token", &CSRF.with(|c| c.borrow().clone()));
    }
    let request = match body {
        Some(json) => request
            .header("Content-Type", "application/json")
            .body(json),
        None => request.build(),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;
    let response = request
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    read(response).await
}

/// Posts a file's bytes as the body (with its type) and decodes the answer.
pub async fn send_file<T: DeserializeOwned>(
    path: &str,
    file: &web_sys::File,
) -> Result<T, ApiError> {
    let content_type = match file.type_() {
        t if t.is_empty() => "application/octet-stream".to_owned(),
        t => t,
    };
    let response = RequestBuilder::new(path)
        .method(Method::POST)
        .header("X-CSRF-Token", &CSRF.with(|c| c.borrow().clone()))
        .header("Content-Type", &content_type)
        .body(wasm_bindgen::JsValue::from(file.clone()))
        .map_err(|e| ApiError::Network(e.to_string()))?
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    read(response).await
}

/// The answer's JSON, or the server's error.
async fn read<T: DeserializeOwned>(response: gloo_net::http::Response) -> Result<T, ApiError> {
    if !response.ok() {
        let status = response.status();
        // A proxy's or an old server's answer may not be the JSON error shape: keep the status.
        let error = response.json::<ErrorBody>().await.ok().map(|b| b.error);
        return Err(match error {
            Some(e) => ApiError::Http {
                status,
                code: e.code,
                message: e.message,
                details: e.details,
            },
            None => ApiError::Http {
                status,
                code: ErrorCode::for_status(status),
                message: response.status_text(),
                details: Value::Null,
            },
        });
    }
    if response.status() == 204 {
        return serde_json::from_value(Value::Null).map_err(|e| ApiError::Decode(e.to_string()));
    }
    response
        .json::<T>()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}

/// `GET`s `path` (relative to the app's origin) and decodes the JSON body.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    send(Method::GET, path, None).await
}

/// Sends `body` as JSON with `method` and decodes the answer (`()` for 204).
pub async fn send_json<B: Serialize, T: DeserializeOwned>(
    method: Method,
    path: &str,
    body: &B,
) -> Result<T, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Decode(e.to_string()))?;
    send(method, path, Some(json)).await
}

/// Sends a request without a body (POST/DELETE actions).
pub async fn send_empty<T: DeserializeOwned>(method: Method, path: &str) -> Result<T, ApiError> {
    send(method, path, None).await
}
