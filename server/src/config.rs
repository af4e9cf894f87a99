//! Where the server listens, what it serves and which database it uses.

use std::path::PathBuf;

use crate::limits::client::TrustedProxy;

/// Everything `serve` needs, resolved from flags and environment.
#[derive(Clone, Debug)]
pub struct Config {
    /// Address to bind, e.g. `127.0.0.1`.
    pub host: String,
    /// Port to bind; 0 picks a free one.
    pub port: u16,
    /// The app trunk built (`index.html` and hashed assets).
    pub dist: PathBuf,
    /// Folder for the SQLite file and uploaded assets.
    pub data_dir: PathBuf,
    /// `postgres://…` to use PostgreSQL; `None` uses `data_dir/cradle.db`.
    pub database_url: Option<String>,
    /// Mark the session cookie `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// Bytes of pictures each workspace may store.
    pub asset_quota_bytes: i64,
    /// Draws one member may make per minute (0 = no limit).
    pub draw_rate_per_member: u32,
    /// Draws one client address may make per minute (0 = no limit).
    pub draw_rate_per_ip: u32,
    /// Proxies (addresses or networks) whose `client_ip_header` names the client.
    pub trusted_proxies: Vec<TrustedProxy>,
    /// The header trusted proxies put the client's address in.
    pub client_ip_header: String,
    /// Abort the process right after a draw commits, before answering (for the crash test).
    pub crash_after_draw_commit: bool,
    /// Let `POST /api/member/demo` open sessions for a demo member (local try-outs only).
    pub demo_members: bool,
}

/// Default picture quota per workspace: 200 MB.
pub const DEFAULT_ASSET_QUOTA_BYTES: i64 = 200 * 1024 * 1024;

/// Default draws per member per minute.
pub const DEFAULT_DRAW_RATE_PER_MEMBER: u32 = 60;
/// Default draws per client address per minute (a shop's Wi-Fi may carry many members).
pub const DEFAULT_DRAW_RATE_PER_IP: u32 = 1_200;

/// Default header naming the client behind a trusted proxy.
pub const DEFAULT_CLIENT_IP_HEADER: &str = "x-forwarded-for";

impl Default for Config {
    /// Local defaults: `127.0.0.1:8080`, `dist`, `data`, SQLite.
    fn default() -> Config {
        Config {
            host: "127.0.0.1".into(),
            port: 8080,
            dist: PathBuf::from("dist"),
            data_dir: PathBuf::from("data"),
            database_url: None,
            secure_cookies: false,
            asset_quota_bytes: DEFAULT_ASSET_QUOTA_BYTES,
            draw_rate_per_member: DEFAULT_DRAW_RATE_PER_MEMBER,
            draw_rate_per_ip: DEFAULT_DRAW_RATE_PER_IP,
            trusted_proxies: Vec::new(),
            client_ip_header: DEFAULT_CLIENT_IP_HEADER.into(),
            crash_after_draw_commit: false,
            demo_members: false,
        }
    }
}

impl Config {
    /// The database URL to connect to: `database_url`, or the SQLite file in `data_dir`.
    pub fn resolved_database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.is_empty() => url.clone(),
            _ => format!(
                "sqlite://{}?mode=rwc",
                self.data_dir.join("cradle.db").display()
            ),
        }
    }
}
