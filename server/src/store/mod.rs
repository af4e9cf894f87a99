//! Storage: one module per table family, portable SQL over [`crate::db::Db`].

pub mod assets;
pub mod documents;
pub mod previews;
pub mod publishing;
pub mod sessions;
pub mod users;
pub mod workspaces;

/// Milliseconds since the Unix epoch, the unit every stored time uses.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A new random id: 32 lowercase hex digits.
pub fn new_id() -> String {
    random_hex(16)
}

/// `bytes` random bytes from the OS CSPRNG, as hex.
pub fn random_hex(bytes: usize) -> String {
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

/// Whether a database error is a unique-constraint violation.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}
