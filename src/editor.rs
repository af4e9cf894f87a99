//! The builder: a pure command/history core ([`cradle_model::commands`]) wrapped in signals, the
//! shared renderer as canvas, and the panels around it. UI state (selection, device, drag) is
//! kept apart from the document.

pub mod campaign;
pub mod clipboard;
pub mod conflict;
pub mod dnd;
pub mod inspector;
pub mod keyboard;
pub mod later;
pub mod layers;
pub mod local_time;
pub mod palette;
pub mod persist;
pub mod publish;
pub mod sections;
pub mod state;
pub mod toolbar;

pub use state::Editor;

thread_local! {
    /// Whether [`ready_to_edit`] has finished.
    static READY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Makes ready every call into the editing chunk that must answer at once (see `later!`): after
/// this, an edit, a copy, a paste, and the draft written as the page is left, run within the
/// event that asked for them. Called once the first frame is painted.
pub async fn ready_to_edit() {
    let _ = state::ready_perform().await;
    let _ = persist::ready_store_local().await;
    let _ = clipboard::ready_to_json().await;
    let _ = clipboard::ready_paste().await;
    READY.set(true);
}

/// Runs `act` (an edit she asked for, with what it says and selects after) now if the editing
/// chunk is ready, else once it is: an edit asked for in the moment between the first paint and
/// the chunk's arrival is made whole, not made later without its announcement.
pub fn when_ready(act: impl FnOnce() + 'static) {
    if READY.get() {
        act();
    } else {
        leptos::task::spawn_local(async move {
            ready_to_edit().await;
            act();
        });
    }
}
