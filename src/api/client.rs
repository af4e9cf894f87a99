//! One fetch function and one error type for every API call.

use serde::de::DeserializeOwned;
use std::fmt;

/// Why an API call failed.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, server down).
    Network(String),
    /// The server answered with an error status; `message` comes from its JSON error body.
    Http { status: u16, message: String },
    /// The server answered 2xx but the body was not what the app expected.
    Decode(String),
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network(_) => {
                write!(f, "Cannot reach the Cradle server. Check your connection.")
            }
            ApiError::Http { status, message } => write!(f, "{message} (HTTP {status})"),
            ApiError::Decode(e) => write!(f, "Unexpected answer from the server: {e}"),
        }
    }
}

/// `GET`s `path` (relative to the app's origin) and decodes the JSON body.
pub async fn get_json<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    let response = gloo_net::http::Request::get(path)
        .send()
        .await
        .map_err(|e| ApiError::Network(e.to_string()))?;
    if !response.ok() {
        let status = response.status();
        let message = response
            .json::<serde_json::Value>()
            .await
            .ok()
            .and_then(|v| v["error"]["message"].as_str().map(str::to_owned))
            .unwrap_or_else(|| response.status_text());
        return Err(ApiError::Http { status, message });
    }
    response
        .json::<T>()
        .await
        .map_err(|e| ApiError::Decode(e.to_string()))
}
