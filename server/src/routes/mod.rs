//! The JSON API, one module per resource.

pub mod health;
