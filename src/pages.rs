//! One module per route.

pub mod editor;
pub mod member;
pub mod not_found;
pub mod preview;
pub mod projects;
