//! The JSON API, one module per resource.

pub mod assets;
pub mod auth;
pub mod documents;
pub mod health;
pub mod openapi;
pub mod previews;
pub mod publishing;
