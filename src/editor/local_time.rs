//! Instants as `datetime-local` inputs show and give them: a date and time to the minute, read in
//! a given UTC offset (a campaign's own, or China time for the page's schedule).

use chrono::{DateTime, FixedOffset, NaiveDateTime};

/// China time, which the builder shows new bounds in.
pub fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// `at` as the input shows it, in its own offset.
pub fn to_input(at: DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

/// What the input holds, read in `offset`; `None` when empty or not a time.
pub fn from_input(value: &str, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .ok()?
        .and_local_timezone(offset)
        .single()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn instants_round_trip_through_the_input_in_their_offset() {
        let at = DateTime::parse_from_rfc3339("2027-06-18T20:00:00+08:00").unwrap();
        assert_eq!(to_input(at), "2027-06-18T20:00");
        assert_eq!(from_input("2027-06-18T20:00", china()), Some(at));
        let utc = DateTime::parse_from_rfc3339("2027-06-18T12:00:00Z").unwrap();
        assert_eq!(to_input(utc.with_timezone(&china())), "2027-06-18T20:00");
        assert_eq!(from_input("", china()), None);
        assert_eq!(from_input("18/06/2027", china()), None);
    }
}
