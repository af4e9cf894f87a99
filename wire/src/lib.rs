//! The HTTP contract between `cradle-server` and the app: every request and response body the
//! app sends or reads, and the one table of error codes. Both sides compile these types, so a
//! renamed field fails to build instead of failing in a browser.
//!
//! Architecture invariant: serde types only, no HTTP client or server code; the `openapi`
//! feature (the server's) adds the OpenAPI schemas.

pub mod auth;
pub mod club;
pub mod documents;
pub mod draws;
pub mod error;
pub mod health;
pub mod integration;
pub mod member;
pub mod publishing;
pub mod sections;
pub mod workspace;

pub use error::{ErrorBody, ErrorCode, ErrorDetail};
