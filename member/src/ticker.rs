//! Countdowns tick: every element with `data-until` (an RFC 3339 instant) shows the time left,
//! in the page language, once a second; at zero it shows its `data-ended` text, or reloads the
//! page when it carries `data-reload` (a page that has just opened).

use std::time::Duration;

use cradle_render::words::countdown;
use leptos::prelude::*;
use web_sys::Element;

use crate::mount::hosts;

/// Starts the ticking, if the page has anything to count down.
pub fn start() {
    let timers: Vec<(Element, f64)> = hosts(None, "[data-until]")
        .into_iter()
        .filter_map(|el| {
            let until = js_sys::Date::parse(&el.get_attribute("data-until")?);
            (!until.is_nan()).then_some((el.into(), until))
        })
        .collect();
    if timers.is_empty() {
        return;
    }
    let lang = crate::page_language();
    let tick = move || {
        let now = js_sys::Date::now();
        for (el, until) in &timers {
            let left = ((until - now) / 1000.0).ceil() as i64;
            if left > 0 {
                el.set_text_content(Some(&countdown(left, lang)));
            } else if el.has_attribute("data-reload") {
                let _ = window().location().reload();
            } else if let Some(ended) = el.get_attribute("data-ended") {
                el.set_text_content(Some(&ended));
            }
        }
    };
    tick();
    // Lives as long as the page.
    let _ = set_interval_with_handle(tick, Duration::from_secs(1));
}
