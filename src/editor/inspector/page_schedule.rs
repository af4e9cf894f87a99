//! When members may open the page once published, in the page panel: two China-time bounds, each
//! optional (empty: open on publishing, never closing). A change is one undo step; publishing
//! applies the schedule.

use chrono::{DateTime, FixedOffset, NaiveDateTime};
use cradle_model::document::PageSchedule;
use cradle_model::Command;
use leptos::prelude::*;

use super::{errors_at, Editor};
use crate::i18n::use_i18n;

/// China time: what the builder shows and reads bounds in.
fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("+08:00 is a valid offset")
}

/// A bound as a `datetime-local` input shows it, in China time.
fn shown(at: Option<DateTime<FixedOffset>>) -> String {
    at.map(|t| {
        t.with_timezone(&china())
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

/// What a `datetime-local` input holds, read in China time; `None` when empty or not a time.
fn read(value: &str) -> Option<DateTime<FixedOffset>> {
    NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .ok()?
        .and_local_timezone(china())
        .single()
}

/// The schedule fields.
#[component]
pub(super) fn PageScheduleFields(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    let schedule = RwSignal::new(editor.with_doc(|d| d.schedule));
    // Undo and redo change it too.
    Effect::new(move |_| {
        editor.revision.track();
        let now = editor.with_doc(|d| d.schedule);
        if schedule.get_untracked() != now {
            schedule.set(now);
        }
    });
    let errors = Signal::derive(errors_at(editor, "/schedule/end".into(), false));
    let bound = move |end: bool| {
        let id = if end { "page-closes" } else { "page-opens" };
        view! {
            <div class="field">
                <label for=id>
                    {move || if end { i18n.t().schedule_end } else { i18n.t().schedule_start }}
                </label>
                <input
                    id=id
                    type="datetime-local"
                    prop:value=move || {
                        let s = schedule.get();
                        shown(if end { s.end } else { s.start })
                    }
                    aria-invalid=move || (end && !errors.get().is_empty()).to_string()
                    aria-describedby="page-schedule-hint page-schedule-err"
                    on:change=move |ev| {
                        let at = read(&event_target_value(&ev));
                        let mut next: PageSchedule = schedule.get_untracked();
                        if end {
                            next.end = at;
                        } else {
                            next.start = at;
                        }
                        editor
                            .apply(Command::SetSchedule {
                                schedule: next,
                            });
                    }
                />
            </div>
        }
    };
    view! {
        <fieldset class="page-panel__theme">
            <legend>{move || i18n.t().schedule}</legend>
            {bound(false)}
            {bound(true)}
            <small class="hint" id="page-schedule-hint">
                {move || i18n.t().schedule_hint}
            </small>
            <ul class="field__errors" id="page-schedule-err" role="alert">
                {move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn bounds_read_and_show_in_china_time() {
        let at = DateTime::parse_from_rfc3339("2027-06-18T12:00:00Z").unwrap();
        assert_eq!(shown(Some(at)), "2027-06-18T20:00");
        assert_eq!(read("2027-06-18T20:00"), Some(at));
        assert_eq!(read(""), None);
        assert_eq!(shown(None), "");
    }
}
