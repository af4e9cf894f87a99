//! Storage: one module per table family, portable SQL over [`crate::db::Db`].

pub mod api_keys;
pub mod assets;
pub mod documents;
pub mod previews;
pub mod publishing;
pub mod sections;
pub mod sessions;
pub mod ttl;
pub mod users;
pub mod workspaces;

/// Milliseconds since the Unix epoch, the unit every stored time uses.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A stored time (Unix ms) as RFC 3339 in UTC, as error messages and details show it.
pub fn rfc3339(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| t.to_rfc3339())
        .unwrap_or_default()
}

/// A new id: a UUIDv7 as 32 lowercase hex digits, the Unix milliseconds (12 digits) first. Ids
/// made by one process sort in the order they were made, within a millisecond too (the uuid
/// crate's counter), so inserts land at the end of their indexes and ledger lines written in the
/// same millisecond read back in the order they were written.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().simple().to_string()
}

/// `bytes` random bytes from the OS CSPRNG, as hex.
pub fn random_hex(bytes: usize) -> String {
    use rand::RngCore;
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    hex::encode(buf)
}

/// Whether an insert guarded by a unique key went in: `Ok(false)` when the row already existed
/// (the once-per-key rules: one sign-in a day, one quiz reward).
pub fn inserted_once(
    result: Result<sqlx::any::AnyQueryResult, sqlx::Error>,
) -> Result<bool, sqlx::Error> {
    match result {
        Ok(_) => Ok(true),
        Err(e) if is_unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

/// Whether a database error is a unique-constraint violation.
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(db) if db.is_unique_violation())
}
