//! Cradle's document model: the one typed description of everything a marketer builds.
//!
//! A page [`Document`] holds a tree of typed blocks stored flat (keyed by id, containers holding
//! ordered id lists per slot), the [`Campaign`]s its games use and its [`ClubSettings`]. The
//! [`catalogue`] describes every block kind's props; [`validate`] checks a document and reports
//! every problem with a JSON-pointer path; [`commands`] and [`history`] are the editor's pure
//! state machine.
//!
//! Architecture invariant: this crate has no web and no database dependencies, so the editor,
//! the member runtime and the server all share it.

pub mod address;
pub mod audience;
pub mod campaign;
pub mod catalogue;
pub mod club;
pub mod commands;
pub mod contrast;
pub mod document;
pub mod economics;
pub mod facts;
pub mod fields;
pub mod framing;
pub mod history;
pub mod language;
pub mod lifecycle;
pub mod migrate;
pub mod parse;
pub mod progress;
pub mod rich_text;
pub mod schedule;
pub mod share;
pub mod style;
pub mod templates;
pub mod url;
pub mod validate;
pub mod visibility;

pub use audience::{evaluate, MemberProfile, Rule, Segment};
pub use campaign::{Campaign, Prize, PrizeKind, PrizeOdds, Stock};
pub use catalogue::BlockKind;
pub use club::{ClubSettings, Tier};
pub use commands::{apply, Applied, Command, CommandError, Part};
pub use document::{Block, Document, Fragment, NodeId, Theme};
pub use history::History;
pub use language::Language;
pub use lifecycle::{stage_of, Stage};
pub use parse::parse_document;
pub use schedule::{Closed, Schedule};
pub use validate::{validate, ValidationError};
