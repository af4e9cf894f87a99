//! Cradle's API server: serves the built app and the JSON API from one origin, on SQLite by
//! default or PostgreSQL when `DATABASE_URL` says so.

pub mod app;
pub mod auth;
pub mod club;
pub mod config;
pub mod db;
pub mod declared_length;
pub mod draws;
pub mod error;
pub mod limits;
pub mod listen;
pub mod member_page;
pub mod nul;
pub mod routes;
pub mod security;
pub mod spa;
pub mod store;
pub mod telemetry;
pub mod webhooks;

pub use app::{router, AppState};
pub use config::Config;
