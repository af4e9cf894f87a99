//! Known devices: a successful login sets a long-lived cookie naming the browser (a random id),
//! signed for the user with a key only the servers hold: HMAC-SHA256 keyed by the user's password
//! hash, which every server reads from the database and which a new password replaces (so it
//! forgets every device). A login presenting it for the same user counts its failures against
//! the device instead of the email (see [`crate::auth::login_limit`]), so a stranger guessing at
//! an email cannot lock its owner out of a browser they logged in from before. The cookie proves
//! nothing else: the password is always checked.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::store::random_hex;

/// Name of the known-device cookie.
pub const DEVICE_COOKIE: &str = "cradle_device";
/// The only path the browser sends it to.
pub const DEVICE_COOKIE_PATH: &str = "/api/auth/login";
/// How long a browser stays known after its last login.
pub const DEVICE_DAYS: i64 = 365;

fn mac(password_hash: &str, user_id: &str, device: &str) -> Hmac<Sha256> {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(password_hash.as_bytes()).expect("any key length");
    mac.update(b"known-device:");
    mac.update(user_id.as_bytes());
    mac.update(b":");
    mac.update(device.as_bytes());
    mac
}

/// The device a cookie `value` names, when it was signed for this user and password.
pub fn recognise(value: &str, user_id: &str, password_hash: &str) -> Option<String> {
    let (device, signature) = value.split_once('.')?;
    let signature = hex::decode(signature).ok()?;
    mac(password_hash, user_id, device)
        .verify_slice(&signature)
        .ok()?;
    Some(device.to_owned())
}

/// The cookie value for `device` (a new one when `None`), signed for this user and password.
pub fn sign(device: Option<String>, user_id: &str, password_hash: &str) -> String {
    let device = device.unwrap_or_else(|| random_hex(16));
    let signature = mac(password_hash, user_id, &device).finalize().into_bytes();
    format!("{device}.{}", hex::encode(signature))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_is_known_only_to_its_user_and_password() {
        let value = sign(None, "u1", "hash-1");
        let device = recognise(&value, "u1", "hash-1").expect("recognised");
        assert_eq!(sign(Some(device.clone()), "u1", "hash-1"), value);
        assert_eq!(recognise(&value, "u2", "hash-1"), None, "another user");
        assert_eq!(recognise(&value, "u1", "hash-2"), None, "a new password");
        let forged = format!("{device}.{}", "0".repeat(64));
        assert_eq!(recognise(&forged, "u1", "hash-1"), None);
        assert_eq!(recognise("no-dot", "u1", "hash-1"), None);
    }
}
