//! The typed client for the Cradle server: the one place that talks HTTP and shapes errors.

pub mod assets;
pub mod auth;
pub mod client;
pub mod club;
pub mod documents;
pub mod health;
pub mod integration;
pub mod publishing;
pub mod redemptions;
pub mod sections;
