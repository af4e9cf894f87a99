//! Where the server listens, what it serves and which database it uses.

use std::path::PathBuf;

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
}

/// Default picture quota per workspace: 200 MB.
pub const DEFAULT_ASSET_QUOTA_BYTES: i64 = 200 * 1024 * 1024;

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
