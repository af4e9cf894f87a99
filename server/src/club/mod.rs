//! The member club engine (issue 7): member identity from brand-signed tokens, the points ledger
//! with expiry and daily caps, lifelong tiers, rights sharing, invites, sign-in, quizzes and votes.
//! The rules come from `/work/shared/domain.md`, "Member tiers and points" and "Rights sharing and
//! fission"; each module names the rule it implements.

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
