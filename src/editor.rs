//! The builder: a pure command/history core ([`cradle_model::commands`]) wrapped in signals, the
//! shared renderer as canvas, and the panels around it. UI state (selection, device, drag) is
//! kept apart from the document.

pub mod campaign;
pub mod clipboard;
pub mod conflict;
pub mod dnd;
pub mod inspector;
pub mod keyboard;
pub mod later;
pub mod layers;
pub mod local_time;
pub mod palette;
pub mod persist;
pub mod publish;
pub mod sections;
pub mod state;
pub mod toolbar;

pub use state::Editor;
