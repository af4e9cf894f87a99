//! The brand's systems: the member-token secret, API keys and webhooks (owners only).

use cradle_wire::integration::{
    ApiKeyView, CreatedApiKey, CreatedWebhook, Delivery, MemberSecret, NewApiKey, NewWebhook,
    WebhookView,
};
use gloo_net::http::Method;

use super::client::{get_json, send_empty, send_json, ApiError};

/// The workspace's member-token secret.
pub async fn member_secret() -> Result<MemberSecret, ApiError> {
    get_json("/api/integration/member-secret").await
}

/// Replaces the secret; the old one works 24 hours more.
pub async fn rotate() -> Result<MemberSecret, ApiError> {
    send_empty(Method::POST, "/api/integration/member-secret/rotate").await
}

/// The workspace's API keys, newest first.
pub async fn keys() -> Result<Vec<ApiKeyView>, ApiError> {
    get_json("/api/integration/api-keys").await
}

/// A new key: the only time it is shown.
pub async fn create(new: &NewApiKey) -> Result<CreatedApiKey, ApiError> {
    send_json(Method::POST, "/api/integration/api-keys", new).await
}

/// Revokes key `id`.
pub async fn revoke(id: &str) -> Result<(), ApiError> {
    let path = format!(
        "/api/integration/api-keys/{}",
        js_sys::encode_uri_component(id)
    );
    send_empty(Method::DELETE, &path).await
}

/// The workspace's webhooks.
pub async fn webhooks() -> Result<Vec<WebhookView>, ApiError> {
    get_json("/api/integration/webhooks").await
}

/// A new webhook: the only time its signing secret is shown.
pub async fn create_webhook(new: &NewWebhook) -> Result<CreatedWebhook, ApiError> {
    send_json(Method::POST, "/api/integration/webhooks", new).await
}

/// Stops webhook `id`.
pub async fn remove_webhook(id: &str) -> Result<(), ApiError> {
    let path = format!(
        "/api/integration/webhooks/{}",
        js_sys::encode_uri_component(id)
    );
    send_empty(Method::DELETE, &path).await
}

/// Webhook `id`'s latest deliveries.
pub async fn deliveries(id: &str) -> Result<Vec<Delivery>, ApiError> {
    let path = format!(
        "/api/integration/webhooks/{}/deliveries",
        js_sys::encode_uri_component(id)
    );
    get_json(&path).await
}
