//! Pictures: upload one to the workspace's library and get the URL to use.

use serde::Deserialize;

use super::client::{send_file, ApiError};

/// Largest picture the server accepts.
pub const MAX_BYTES: f64 = 5.0 * 1024.0 * 1024.0;

#[derive(Deserialize)]
struct Uploaded {
    url: String,
}

/// Uploads `file` and returns its URL (`/api/assets/…`). The server checks the type by content.
pub async fn upload(file: &web_sys::File) -> Result<String, ApiError> {
    send_file::<Uploaded>("/api/assets", file)
        .await
        .map(|u| u.url)
}
