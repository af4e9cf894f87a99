//! The member club engine: member identity from brand-signed tokens, the points ledger with
//! expiry and daily caps, lifelong tiers, rights sharing (by consent), invites, sign-in, quizzes,
//! votes, the points mall, tasks and medals.
//! Each module states the rule it implements.

pub mod card;
pub mod codes;
pub mod day;
pub mod expiry;
pub mod invites;
pub mod ledger;
pub mod mall;
pub mod member;
pub mod member_secret;
pub mod members;
pub mod orders;
pub mod quiz;
pub mod sessions;
pub mod settings;
pub mod share_offers;
pub mod sharing;
pub mod sign_in;
pub mod tally;
pub mod tiers;
pub mod token;
pub mod votes;
