//! Prize codes at the till: look one up, redeem it once.

use cradle_wire::draws::CodeInfo;
use gloo_net::http::Method;

use super::client::{get_json, send_empty, ApiError};

/// The code as typed (any case, dashes optional), looked up.
pub async fn lookup(code: &str) -> Result<CodeInfo, ApiError> {
    get_json(&format!("/api/redemptions/{}", encode(code))).await
}

/// Redeems the code; the answer says when.
pub async fn redeem(code: &str) -> Result<CodeInfo, ApiError> {
    send_empty(
        Method::POST,
        &format!("/api/redemptions/{}/redeem", encode(code)),
    )
    .await
}

/// The code as one path segment.
fn encode(code: &str) -> String {
    js_sys::encode_uri_component(code.trim()).into()
}
