//! The typed client for the Cradle server: the one place that talks HTTP and shapes errors.

pub mod client;
pub mod health;
