//! When members may open the page once published, in the page panel: two China-time bounds, each
//! optional (empty: open on publishing, never closing). A change is one undo step; publishing
//! applies the schedule.

use chrono::{DateTime, FixedOffset};
use cradle_model::document::PageSchedule;
use cradle_model::Command;
use leptos::prelude::*;

use super::{errors_at, Editor};
use crate::editor::local_time::{china, from_input, to_input};
use crate::i18n::use_i18n;

/// A bound as the input shows it, in China time.
fn shown(at: Option<DateTime<FixedOffset>>) -> String {
    at.map(|t| to_input(t.with_timezone(&china())))
        .unwrap_or_default()
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
                        let at = from_input(&event_target_value(&ev), china());
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
