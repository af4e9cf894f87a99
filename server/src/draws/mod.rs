//! The draw engine: the server decides every outcome, atomically and idempotently, never issues
//! more than the stock, discloses the odds it samples from and logs every draw so it can be
//! verified once the campaign's seed is revealed.

pub mod code;
pub mod engine;
#[cfg(test)]
mod fixtures;
pub mod grants;
pub mod outcome;
pub mod published;
pub mod queue;
pub mod rate_limit;
pub mod record;
pub mod redeem;
pub mod roll;
pub mod stock;
pub mod tally;
pub mod verify;
