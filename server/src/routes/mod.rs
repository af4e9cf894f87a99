//! The JSON API, one module per resource.

pub mod assets;
pub mod auth;
pub mod club;
pub mod documents;
pub mod draws;
pub mod health;
pub mod integration;
pub mod interactions;
pub mod member;
pub mod model_schema;
pub mod openapi;
pub mod previews;
pub mod publishing;
pub mod redemptions;
pub mod sections;
pub mod standing;
pub mod workspace;
