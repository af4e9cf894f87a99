//! The JSON API, one module per resource.

pub mod auth;
pub mod documents;
pub mod health;
pub mod openapi;
pub mod publishing;
