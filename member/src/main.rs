//! Cradle's member runtime. The server sends each member page already drawn (the renderer's
//! components compiled for the server); this small wasm then takes over only what is interactive:
//! the member bar (a sign-in link turned into a session, the demo control, offline and retry) and
//! the countdowns. It links no editor code, so a member on a weak network downloads little.

mod bar;
mod ticker;

fn main() {
    ticker::start();
    bar::start();
}
