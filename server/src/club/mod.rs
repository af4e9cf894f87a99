//! The member club engine: member identity from brand-signed tokens, the points ledger with
//! expiry and daily caps, lifelong tiers, rights sharing, invites, sign-in, quizzes and votes.
//! Each module states the rule it implements.

pub mod card;
pub mod day;
pub mod expiry;
pub mod invites;
pub mod ledger;
pub mod member;
pub mod members;
pub mod quiz;
pub mod sessions;
pub mod settings;
pub mod sharing;
pub mod sign_in;
pub mod tiers;
pub mod token;
pub mod votes;
