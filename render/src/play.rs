//! What a game block tells the member runtime, and the states a game passes through while a
//! member plays. The server draws a game at rest into the page; the runtime mounts the same
//! [`crate::game_board::GameBoard`] over it and drives these states, so the idle game looks the
//! same before and after the wasm arrives.

use cradle_model::campaign::{GameKind, PrizeKind};
use serde::{Deserialize, Serialize};

/// Everything the runtime needs to play a game block, written into the block's `data-play`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GameSpec {
    /// Which game.
    pub kind: GameKind,
    /// The campaign it plays.
    pub campaign: String,
    /// The page's address (`/c/{slug}`).
    pub slug: String,
    /// The prizes in game order (where `prize_index` points).
    pub prizes: Vec<PrizeFace>,
    /// The start button's words.
    pub button: String,
    /// How long a play lasts when the network is quick, in seconds.
    pub seconds: u32,
}

/// A prize as a game shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrizeFace {
    /// Name.
    pub name: String,
    /// Picture, if any (http(s) or relative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// Where a play is.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    /// Ready to play.
    Idle,
    /// The draw request is out and the game is moving.
    Playing,
    /// The result is known and the game is coming to rest on it.
    Landing(Outcome),
    /// At rest on the result; the dialog shows it.
    Done(Outcome),
    /// Stopped without a result; `retry` says whether trying again (with the same key) may help.
    Failed {
        /// What happened, in the member's words.
        why: String,
        /// A retry is offered.
        retry: bool,
    },
}

impl Phase {
    /// Whether a tap now would start nothing (a play is under way).
    pub fn busy(&self) -> bool {
        matches!(self, Phase::Playing | Phase::Landing(_))
    }
}

/// What the server awarded.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The prize's place in the game (where the animation stops).
    pub index: usize,
    /// Its name.
    pub name: String,
    /// What it gives.
    pub kind: PrizeKind,
    /// Its picture.
    pub image: Option<String>,
    /// Redemption code, `XXXX-XXXX-XXXX`, for coupons and gifts.
    pub code: Option<String>,
    /// Points the draw cost (shown in the result).
    pub cost: i64,
}

impl Outcome {
    /// Whether something was won ("thanks for taking part" is not).
    pub fn won(&self) -> bool {
        !matches!(self.kind, PrizeKind::Thanks)
    }
}

/// Where the moving parts of a game are. Each game reads its own fields; `ms` is how long the
/// move to this pose takes (0 = at once), so the runtime sets a pose and CSS does the motion on
/// the compositor.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Motion {
    /// The waiting loop runs (wheel and reels spin, the chosen egg shakes) until the result.
    pub spinning: bool,
    /// Wheel: its angle in degrees, clockwise.
    pub angle: f64,
    /// Slot machine: each reel's offset, in symbols from the top of its strip.
    pub reels: [f64; 3],
    /// How long each part's move takes, in ms (the wheel uses the first).
    pub ms: [u32; 3],
    /// Nine-grid: the lit ring position.
    pub lit: Option<usize>,
    /// Smash the egg: the egg chosen.
    pub chosen: Option<usize>,
}

impl Motion {
    /// A game at rest before its first play: the slot machine's reels show three different
    /// symbols (three alike would read as a win).
    pub fn at_rest(kind: GameKind, prizes: usize) -> Motion {
        let n = prizes.max(1) as f64;
        Motion {
            reels: match kind {
                GameKind::SlotMachine => [0.0, 1.0 % n, 2.0 % n],
                _ => [0.0; 3],
            },
            ..Motion::default()
        }
    }
}

/// Times each symbol repeats on a slot reel's strip: one turn loops while waiting, the landing
/// runs on into the later turns.
pub const REEL_TURNS: usize = 4;
