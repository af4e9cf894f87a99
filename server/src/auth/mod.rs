//! Who is calling: password hashing, roles, the session extractor with CSRF checks, and the
//! login attempt limiter.

pub mod current;
pub mod login_limit;
pub mod password;
pub mod role;

pub use current::{CurrentUser, SESSION_COOKIE};
pub use role::Role;
