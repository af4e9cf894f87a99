//! Who is calling: password hashing, roles, the session extractor with CSRF checks, API keys for
//! the brand's systems, the login attempt limits and the known-device cookie that keeps
//! strangers' failures from locking a user out.

pub mod api_key;
pub mod current;
pub mod known_device;
pub mod login_limit;
pub mod password;
pub mod role;

pub use current::{CurrentUser, SESSION_COOKIE};
pub use role::Role;
