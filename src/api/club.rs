//! The workspace's club settings: read, save (each save a new version), list the versions; the
//! time zone its days follow.

use cradle_model::ClubSettings;
use cradle_wire::club::SettingsVersion;
use cradle_wire::workspace::TimeZone;
use gloo_net::http::Method;

use super::client::{get_json, send_json, ApiError};

/// Settings as saved, with the version the save made.
pub struct Saved {
    /// What the server kept.
    pub settings: ClubSettings,
    /// Their version.
    pub version: u32,
}

/// The workspace's settings (the defaults until first saved).
pub async fn settings() -> Result<ClubSettings, ApiError> {
    get_json("/api/club/settings").await
}

/// Saves `settings` as the workspace's new version.
pub async fn save(settings: &ClubSettings) -> Result<Saved, ApiError> {
    let settings: ClubSettings = send_json(Method::PUT, "/api/club/settings", settings).await?;
    let version = versions().await?.last().map_or(0, |v| v.version);
    Ok(Saved { settings, version })
}

/// Every saved version, oldest first.
pub async fn versions() -> Result<Vec<SettingsVersion>, ApiError> {
    get_json("/api/club/settings/versions").await
}

/// Sets the workspace's time zone (an IANA name); the server's spelling of it.
pub async fn set_time_zone(zone: &str) -> Result<String, ApiError> {
    let body = TimeZone {
        time_zone: zone.to_owned(),
    };
    let saved: TimeZone = send_json(Method::PUT, "/api/workspace/time-zone", &body).await?;
    Ok(saved.time_zone)
}
