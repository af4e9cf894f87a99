//! Redemption codes for coupon and physical prizes: 12 characters from an alphabet without
//! look-alikes (no 0/O, 1/I/L), shown as `XXXX-XXXX-XXXX`, typed back in any case with or
//! without dashes and spaces.

use rand::Rng;
use serde_json::json;

use crate::db::writes::Writes;

/// Characters codes use: Crockford's base 32 minus U.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters per code (about 59 bits).
const LEN: usize = 12;

/// A new random code, without dashes.
pub fn new_code() -> String {
    let mut rng = rand::rng();
    (0..LEN)
        .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
        .collect()
}

/// A code issued with a draw, to store.
#[derive(Clone, Copy, Debug)]
pub struct Issued<'a> {
    /// The code, without dashes.
    pub code: &'a str,
    /// The draw's workspace.
    pub workspace_id: &'a str,
    /// The draw.
    pub draw_id: &'a str,
    /// The winner.
    pub member_id: &'a str,
    /// What the clerk hands over.
    pub prize_name: &'a str,
    /// Unix ms.
    pub issued_at: i64,
    /// Unix ms after which it is refused.
    pub expires_at: i64,
}

/// Stores every code of a batch with `writes`.
pub fn store(writes: &mut Writes<'_>, issued: &[Issued<'_>]) -> Result<(), sqlx::Error> {
    if issued.is_empty() {
        return Ok(());
    }
    let rows = issued
        .iter()
        .map(|c| {
            json!({
                "code": c.code, "workspace_id": c.workspace_id, "draw_id": c.draw_id,
                "member_id": c.member_id, "prize_name": c.prize_name,
                "issued_at": c.issued_at, "expires_at": c.expires_at,
            })
        })
        .collect();
    let from = writes.rows(
        rows,
        &[
            ("code", "text"),
            ("workspace_id", "text"),
            ("draw_id", "text"),
            ("member_id", "text"),
            ("prize_name", "text"),
            ("issued_at", "bigint"),
            ("expires_at", "bigint"),
        ],
    )?;
    writes.push(format!(
        "INSERT INTO redemption_codes (code, workspace_id, draw_id, member_id, prize_name, \
         issued_at, expires_at) SELECT v.code, v.workspace_id, v.draw_id, v.member_id, \
         v.prize_name, v.issued_at, v.expires_at FROM {from}"
    ));
    Ok(())
}

/// The code as shown to members and clerks: `ABCD-EFGH-JKMN`.
pub fn display(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// What a clerk typed, normalised to the stored form; `None` when it cannot be a code.
pub fn normalise(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !matches!(c, '-' | ' '))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (code.len() == LEN && code.bytes().all(|b| ALPHABET.contains(&b))).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_display_and_typing() {
        for _ in 0..100 {
            let code = new_code();
            assert_eq!(code.len(), LEN);
            let shown = display(&code);
            assert_eq!(shown.len(), 14);
            assert_eq!(normalise(&shown).as_deref(), Some(code.as_str()));
            assert_eq!(
                normalise(&shown.to_lowercase().replace('-', " ")).as_deref(),
                Some(code.as_str())
            );
        }
    }

    #[test]
    fn rejects_what_cannot_be_a_code() {
        assert_eq!(normalise(""), None);
        assert_eq!(normalise("ABCD-EFGH-JKM"), None);
        assert_eq!(normalise("ABCD-EFGH-JKM0"), None);
        assert_eq!(normalise("ABCD-EFGH-JKMN-P"), None);
        assert_eq!(normalise("ÄBCD-EFGH-JKMN"), None);
    }
}
