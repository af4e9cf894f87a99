//! Where each game's animation comes to rest, worked out from the prize the server returned, so
//! what a member sees land is exactly her draw. Pure arithmetic, tested on the host; the member
//! runtime only plays it.

/// Full turns the wheel makes after the result is known, so it visibly decelerates.
const WHEEL_TURNS: f64 = 3.0;

/// The wheel's resting angle (degrees, clockwise) that puts the middle of segment `index` of
/// `n` under the pointer at the top, at least [`WHEEL_TURNS`] full turns past `from`.
///
/// Segment `i` spans `[i, i + 1) × 360 / n` clockwise from the top (the conic gradient's order);
/// turning the wheel by `θ` brings the point at `-θ` under the pointer.
pub fn wheel_landing(from: f64, index: usize, n: usize) -> f64 {
    let seg = 360.0 / n.max(1) as f64;
    let centre = (index as f64 + 0.5) * seg;
    let target = (360.0 - centre).rem_euclid(360.0);
    let base = from + WHEEL_TURNS * 360.0;
    base + (target - base.rem_euclid(360.0)).rem_euclid(360.0)
}

/// The segment under the pointer when the wheel rests at `angle`.
pub fn wheel_segment_at(angle: f64, n: usize) -> usize {
    let seg = 360.0 / n.max(1) as f64;
    ((360.0 - angle.rem_euclid(360.0)).rem_euclid(360.0) / seg) as usize % n.max(1)
}

/// The nine-grid's ring (clockwise from the top-left corner), as grid cells 0-8; the start button
/// sits in cell 4.
pub const RING: [usize; 8] = [0, 1, 2, 5, 8, 7, 6, 3];

/// The marquee's steps after the result is known: the delay (ms) before each step from ring
/// position `from`, ending on `target` after at least one more lap, each step no quicker than the
/// one before, the whole run taking about `ms`.
pub fn marquee_delays(from: usize, target: usize, ms: u32) -> Vec<u32> {
    let len = RING.len();
    let steps = len + (target + len - from % len) % len;
    let steps = if steps < len + 2 { steps + len } else { steps };
    // Quadratic slow-down: step k waits base + k² × growth, the sum filling `ms`.
    let base = 50.0_f64;
    let squares: f64 = (0..steps).map(|k| (k * k) as f64).sum();
    let growth = ((ms as f64 - base * steps as f64) / squares).max(0.0);
    (0..steps)
        .map(|k| (base + growth * (k * k) as f64).round() as u32)
        .collect()
}

/// Where each of the slot machine's three reels stops, as symbol indexes into `n` symbols: a win
/// shows its prize on all three; any other result shows a line that is not a win (two alike
/// and one apart at most, the near miss members know), never three alike. `salt` varies the near
/// miss between draws.
pub fn slot_stops(index: usize, n: usize, win: bool, salt: u64) -> [usize; 3] {
    let n = n.max(1);
    if win || n < 2 {
        return [index % n; 3];
    }
    let a = (salt as usize) % n;
    let b = (a + 1 + (salt as usize / n) % (n - 1)) % n;
    match salt % 3 {
        0 => [a, a, b],
        1 => [a, b, a],
        _ => [b, a, a],
    }
}

/// A number from the idempotency key, to vary a near miss (not a source of chance: the outcome
/// is already decided).
pub fn salt_of(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wheel_lands_on_the_prize_it_was_given() {
        for n in 2..=12 {
            for index in 0..n {
                for from in [0.0, 17.5, 359.9, 1234.0, -90.0] {
                    let angle = wheel_landing(from, index, n);
                    assert_eq!(
                        wheel_segment_at(angle, n),
                        index,
                        "n={n} i={index} from={from}"
                    );
                    assert!(angle >= from + 3.0 * 360.0 && angle < from + 4.0 * 360.0);
                }
            }
        }
    }

    #[test]
    fn segment_zero_starts_at_the_top_clockwise() {
        // At rest, the pointer (top) is on the boundary between the last segment and the first;
        // a small clockwise turn shows the last segment, a small anticlockwise one the first.
        assert_eq!(wheel_segment_at(10.0, 4), 3);
        assert_eq!(wheel_segment_at(-10.0, 4), 0);
    }

    #[test]
    fn the_marquee_slows_onto_its_target() {
        for from in 0..8 {
            for target in 0..8 {
                let delays = marquee_delays(from, target, 2_000);
                assert_eq!((from + delays.len()) % 8, target);
                assert!(delays.len() >= 10, "at least one more lap");
                assert!(delays.windows(2).all(|w| w[0] <= w[1]), "{delays:?}");
                let total: u32 = delays.iter().sum();
                assert!((1_800..=2_200).contains(&total), "{total}");
            }
        }
    }

    #[test]
    fn a_losing_slot_line_is_never_three_alike() {
        for n in 2..=12 {
            for salt in 0..500u64 {
                let stops = slot_stops(0, n, false, salt.wrapping_mul(7919));
                assert!(stops.iter().all(|s| *s < n));
                assert!(!(stops[0] == stops[1] && stops[1] == stops[2]), "{stops:?}");
            }
            for index in 0..n {
                assert_eq!(slot_stops(index, n, true, 5), [index; 3]);
            }
        }
    }
}
