//! Verifiable randomness (commit-reveal): each campaign has a secret seed whose SHA-256 is
//! published with the odds; a draw's random value is HMAC-SHA256(seed, [`message`]): the draw's
//! number in the campaign's sequence, the member and the member's idempotency key. The server
//! cannot pick any of them after committing to the seed (the key is the client's, the numbers
//! run without gaps), so it cannot re-roll a draw until the outcome suits it. Once the seed is
//! revealed anyone can recompute every roll. (Draws logged before the sequence existed rolled
//! HMAC-SHA256(seed, draw id).)

use cradle_model::Campaign;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// A new campaign seed: 32 bytes from the OS CSPRNG, hex.
pub fn new_seed() -> String {
    crate::store::random_hex(32)
}

/// The commitment published before the campaign ends: SHA-256 of the seed's text, hex.
pub fn seed_hash(seed: &str) -> String {
    hex::encode(Sha256::digest(seed.as_bytes()))
}

/// What a draw's roll hashes: `seq:member:key`.
pub fn message(seq: i64, member_id: &str, key: &str) -> String {
    format!("{seq}:{member_id}:{key}")
}

/// A random value: HMAC-SHA256(seed, message), hex.
pub fn roll(seed: &str, message: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(seed.as_bytes()).expect("HMAC takes any key");
    mac.update(message.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// The prize index a roll selects: the roll's first 16 bytes as a big-endian integer, reduced
/// modulo the total weight (bias below 2^-90 for any total a campaign can have), walked through
/// the cumulative weights by [`Campaign::pick`]. `None` for a malformed roll or zero weights.
pub fn pick(campaign: &Campaign, roll: &str) -> Option<usize> {
    let bytes = hex::decode(roll).ok()?;
    let head: [u8; 16] = bytes.get(..16)?.try_into().ok()?;
    let total = u128::from(campaign.total_weight());
    if total == 0 {
        return None;
    }
    let reduced = u128::from_be_bytes(head) % total;
    campaign.pick(u64::try_from(reduced).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draws::fixtures::{self, prize};
    use cradle_model::campaign::PrizeKind;

    fn campaign(weights: &[u32]) -> Campaign {
        let prizes = weights
            .iter()
            .enumerate()
            .map(|(i, &w)| prize(&format!("p{i}"), PrizeKind::Thanks, w))
            .collect();
        fixtures::campaign(prizes, "p0")
    }

    #[test]
    fn roll_is_a_keyed_deterministic_hash() {
        let seed = "00".repeat(32);
        assert_eq!(roll(&seed, "d1"), roll(&seed, "d1"));
        assert_ne!(roll(&seed, "d1"), roll(&seed, "d2"));
        assert_ne!(roll(&seed, "d1"), roll(&"11".repeat(32), "d1"));
        assert_eq!(roll(&seed, "d1").len(), 64);
        // RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?").
        assert_eq!(
            roll("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        assert_eq!(seed_hash("abc").len(), 64);
        assert_ne!(new_seed(), new_seed());
    }

    #[test]
    fn malformed_rolls_pick_nothing() {
        let c = campaign(&[1, 1]);
        assert_eq!(pick(&c, "zz"), None);
        assert_eq!(pick(&c, "00"), None);
        assert_eq!(pick(&campaign(&[]), &"00".repeat(32)), None);
        assert_eq!(pick(&c, &"00".repeat(32)), Some(0));
    }

    /// 100,000 rolls from a fixed seed land on the prizes in proportion to their weights: the
    /// chi-square statistic stays below the 0.1 % critical value for 4 degrees of freedom.
    #[test]
    fn rolls_match_the_weights_chi_square() {
        let weights = [1u32, 4, 10, 35, 50];
        let c = campaign(&weights);
        let seed = seed_hash("fixed test seed");
        let n = 100_000u32;
        let mut counts = [0u32; 5];
        for i in 0..n {
            counts[pick(&c, &roll(&seed, &format!("draw-{i}"))).unwrap()] += 1;
        }
        let total: u32 = weights.iter().sum();
        let chi_square: f64 = weights
            .iter()
            .zip(counts)
            .map(|(&w, observed)| {
                let expected = f64::from(n) * f64::from(w) / f64::from(total);
                (f64::from(observed) - expected).powi(2) / expected
            })
            .sum();
        assert!(
            chi_square < 18.467,
            "chi-square {chi_square} for {counts:?}"
        );
        // And the rarest prize really occurs (about 1,000 times).
        assert!(counts[0] > 850 && counts[0] < 1150, "{counts:?}");
    }
}
