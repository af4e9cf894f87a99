//! `/club`: the workspace's club settings (tier ladder, benefits, purchase multipliers, points
//! rules, expiry) on a page of their own. The model checks them as they are typed, with the same
//! rule the server applies on save; each save is kept as a version, listed below the form.

mod time_zone;
mod words;

use cradle_model::club::{Expiry, Tier};
use cradle_model::validate::club_settings as problems;
use cradle_model::ClubSettings;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::client::ApiError;
use crate::api::club;
use crate::i18n::use_i18n;
use crate::pages::alert::Alert;
use crate::pages::header::PageHeader;
use crate::pages::login::{use_session, RequireLogin};
use time_zone::TimeZoneField;
pub use words::words;
use words::Words;

/// The club settings page.
#[component]
pub fn ClubPage() -> impl IntoView {
    view! {
        <RequireLogin>
            <ClubSettingsForm />
        </RequireLogin>
    }
}

/// Where the form stands.
#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Saving,
    Saved(u32),
    Failed(String),
}

/// The form: a draft of the settings, saved as a whole.
#[derive(Clone, Copy)]
struct Draft {
    settings: RwSignal<Option<ClubSettings>>,
    dirty: RwSignal<bool>,
}

impl Draft {
    fn edit(&self, f: impl FnOnce(&mut ClubSettings)) {
        self.settings.update(|s| {
            if let Some(s) = s {
                f(s)
            }
        });
        self.dirty.set(true);
    }
}

#[component]
fn ClubSettingsForm() -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let session = use_session();
    let can_edit = move || {
        session
            .0
            .get()
            .and_then(|s| s.ok())
            .is_some_and(|s| matches!(s.user.role.as_str(), "owner" | "editor"))
    };
    let zone = move || {
        session
            .0
            .get()
            .and_then(|s| s.ok())
            .map(|s| s.workspace.time_zone)
            .unwrap_or_default()
    };
    let draft = Draft {
        settings: RwSignal::new(None),
        dirty: RwSignal::new(false),
    };
    let status = RwSignal::new(Status::Idle);
    let load_error = RwSignal::new(None::<String>);
    let versions_changed = RwSignal::new(0u32);
    spawn_local(async move {
        match club::settings().await {
            Ok(s) => draft.settings.set(Some(s)),
            Err(e) => load_error.set(Some(e.to_string())),
        }
    });
    let versions = LocalResource::new(move || {
        versions_changed.track();
        club::versions()
    });
    // The model's problems as typed, and the server's when it refused a save.
    let server_problems = RwSignal::new(Vec::<(String, String)>::new());
    let problems = Memo::new(move |_| {
        let lang = i18n.lang();
        let mut all: Vec<(String, String)> = draft.settings.with(|s| {
            s.as_ref()
                .map(|s| {
                    problems(s)
                        .into_iter()
                        .map(|e| (e.path.clone(), e.message_in(lang)))
                        .collect()
                })
                .unwrap_or_default()
        });
        all.extend(server_problems.get());
        all
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(settings) = draft.settings.get_untracked() else {
            return;
        };
        if !problems.get_untracked().is_empty() {
            status.set(Status::Failed(w().problems.to_owned()));
            return;
        }
        status.set(Status::Saving);
        spawn_local(async move {
            match club::save(&settings).await {
                Ok(saved) => {
                    draft.settings.set(Some(saved.settings));
                    draft.dirty.set(false);
                    server_problems.set(Vec::new());
                    status.set(Status::Saved(saved.version));
                    versions_changed.update(|n| *n += 1);
                }
                Err(ApiError::Http {
                    details, message, ..
                }) => {
                    let listed: Vec<(String, String)> = details
                        .as_array()
                        .map(|list| {
                            list.iter()
                                .filter_map(|d| {
                                    Some((
                                        d["path"].as_str()?.to_owned(),
                                        d["message"].as_str()?.to_owned(),
                                    ))
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    server_problems.set(listed);
                    status.set(Status::Failed(message));
                }
                Err(e) => status.set(Status::Failed(e.to_string())),
            }
        });
    };
    let ctx = Form {
        draft,
        problems,
        editable: Signal::derive(can_edit),
    };
    view! {
        <main class="page club-page">
            <PageHeader
                back=Signal::derive(move || w().back)
                title=Signal::derive(move || w().title)
                lead=Signal::derive(move || w().lead)
            />
            <Alert message=load_error />
            <Show
                when=move || draft.settings.with(Option::is_some)
                fallback=move || {
                    view! {
                        <p class="hint" role="status">
                            {move || w().loading}
                        </p>
                    }
                }
            >
                <Show when=move || !can_edit()>
                    <p class="hint" role="note">
                        {move || w().cannot_edit}
                    </p>
                </Show>
                <TimeZoneField initial=Signal::derive(zone) editable=Signal::derive(can_edit) />
                <form class="club-form" on:submit=save novalidate>
                    <TierLadder form=ctx />
                    <PointsRules form=ctx />
                    <div class="club-form__bar">
                        <button
                            type="submit"
                            class="primary"
                            disabled=move || !can_edit() || status.get() == Status::Saving
                        >
                            {move || {
                                if status.get() == Status::Saving { w().saving } else { w().save }
                            }}
                        </button>
                        <p class="club-form__status" role="status">
                            {move || match status.get() {
                                Status::Saved(v) if !draft.dirty.get() => w().saved(v),
                                Status::Failed(why) => why,
                                _ if draft.dirty.get() => w().unsaved.to_owned(),
                                _ => String::new(),
                            }}
                        </p>
                    </div>
                </form>
            </Show>
            <section class="club-versions" aria-labelledby="versions-heading">
                <h2 id="versions-heading">{move || w().versions}</h2>
                {move || {
                    versions
                        .get()
                        .map(|list| match list {
                            Ok(list) if list.is_empty() => {
                                view! { <p class="hint">{w().no_versions}</p> }.into_any()
                            }
                            Ok(list) => {
                                view! {
                                    <ul class="club-versions__list">
                                        {list
                                            .into_iter()
                                            .rev()
                                            .map(|v| {
                                                view! {
                                                    <li>
                                                        <strong>{w().version(v.version)}</strong>
                                                        " · "
                                                        {crate::pages::projects::edited(v.saved_at)}
                                                        " · "
                                                        {v.saved_by}
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ul>
                                }
                                    .into_any()
                            }
                            Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
                        })
                }}
            </section>
        </main>
    }
}

/// What the form's parts share.
#[derive(Clone, Copy)]
struct Form {
    draft: Draft,
    problems: Memo<Vec<(String, String)>>,
    editable: Signal<bool>,
}

impl Form {
    /// The problems at exactly `path`.
    fn at(&self, path: String) -> Signal<Vec<String>> {
        let problems = self.problems;
        Signal::derive(move || {
            problems.with(|all| {
                all.iter()
                    .filter(|(p, _)| *p == path)
                    .map(|(_, m)| m.clone())
                    .collect()
            })
        })
    }

    fn read<R: Default>(&self, f: impl FnOnce(&ClubSettings) -> R) -> R {
        self.draft
            .settings
            .with(|s| s.as_ref().map(f).unwrap_or_default())
    }
}

/// One labelled input with its problems.
#[component]
fn Field(
    label: Signal<&'static str>,
    #[prop(into)] id: String,
    value: Signal<String>,
    on_input: Callback<String>,
    problems: Signal<Vec<String>>,
    editable: Signal<bool>,
    #[prop(optional)] numeric: bool,
) -> impl IntoView {
    let err_id = format!("{id}-err");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id
                type=if numeric { "number" } else { "text" }
                inputmode=if numeric { "numeric" } else { "text" }
                min=numeric.then_some("0")
                prop:value=value
                disabled=move || !editable.get()
                aria-invalid=move || (!problems.get().is_empty()).to_string()
                aria-describedby=err_id.clone()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
            <ul class="field__errors" id=err_id role="alert">
                {move || problems.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
        </div>
    }
}

/// A whole number as typed; `None` while the field holds something else.
fn number<T: std::str::FromStr>(typed: &str) -> Option<T> {
    typed.trim().parse().ok()
}

/// The first free `tier-{n}` id.
fn fresh_tier_id(tiers: &[Tier]) -> String {
    (1u32..)
        .map(|n| format!("tier-{n}"))
        .find(|id| tiers.iter().all(|t| &t.id != id))
        .expect("an unbounded range has a free id")
}

#[component]
fn TierLadder(form: Form) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let count = Memo::new(move |_| form.read(|s| s.tiers.len()));
    let add = move |_: leptos::ev::MouseEvent| {
        let name = if i18n.lang() == crate::i18n::Lang::ZhCn {
            "新等级"
        } else {
            "New tier"
        };
        form.draft.edit(|s| {
            let threshold = s
                .tiers
                .last()
                .map_or(0, |t| t.threshold.saturating_add(1000));
            let id = fresh_tier_id(&s.tiers);
            s.tiers.push(Tier {
                id,
                name: name.into(),
                threshold,
                benefits: Vec::new(),
                points_multiplier_percent: 100,
            });
        });
    };
    let ladder_problems = form.at("/tiers".into());
    view! {
        <fieldset class="club-form__group">
            <legend>{move || w().tiers}</legend>
            <p class="hint">{move || w().tiers_hint}</p>
            <ul class="field__errors" role="alert">
                {move || {
                    ladder_problems.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()
                }}
            </ul>
            <ol class="club-tiers">
                {move || (0..count.get()).map(|i| view! { <TierRow form i /> }).collect_view()}
            </ol>
            <button type="button" on:click=add disabled=move || !form.editable.get()>
                {move || w().add_tier}
            </button>
        </fieldset>
    }
}

#[component]
fn TierRow(form: Form, i: usize) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    let label = move |pick: fn(&'static Words) -> &'static str| Signal::derive(move || pick(w()));
    let tier = move || form.read(|s| s.tiers.get(i).cloned());
    let put = move |f: Box<dyn FnOnce(&mut Tier)>| {
        form.draft.edit(|s| {
            if let Some(t) = s.tiers.get_mut(i) {
                f(t)
            }
        })
    };
    let benefits_id = format!("tier-{i}-benefits");
    view! {
        <li class="club-tier">
            <Field
                label=label(|w| w.tier_name)
                id=format!("tier-{i}-name")
                value=Signal::derive(move || tier().map(|t| t.name).unwrap_or_default())
                on_input=Callback::new(move |v: String| put(Box::new(move |t| t.name = v)))
                problems=form.at(format!("/tiers/{i}/name"))
                editable=form.editable
            />
            <Field
                label=label(|w| w.threshold)
                id=format!("tier-{i}-threshold")
                numeric=true
                value=Signal::derive(move || {
                    tier().map(|t| t.threshold.to_string()).unwrap_or_default()
                })
                on_input=Callback::new(move |v: String| {
                    if let Some(n) = number(&v) {
                        put(Box::new(move |t| t.threshold = n))
                    }
                })
                problems=form.at(format!("/tiers/{i}/threshold"))
                editable=form.editable
            />
            <Field
                label=label(|w| w.multiplier)
                id=format!("tier-{i}-multiplier")
                numeric=true
                value=Signal::derive(move || {
                    tier().map(|t| t.points_multiplier_percent.to_string()).unwrap_or_default()
                })
                on_input=Callback::new(move |v: String| {
                    if let Some(n) = number(&v) {
                        put(Box::new(move |t| t.points_multiplier_percent = n))
                    }
                })
                problems=form.at(format!("/tiers/{i}/points_multiplier_percent"))
                editable=form.editable
            />
            <div class="field club-tier__benefits">
                <label for=benefits_id.clone()>{move || w().benefits}</label>
                <textarea
                    id=benefits_id
                    rows="3"
                    placeholder=move || w().benefits_hint
                    disabled=move || !form.editable.get()
                    prop:value=move || tier().map(|t| t.benefits.join("\n")).unwrap_or_default()
                    on:change=move |ev| {
                        let lines: Vec<String> = event_target_value(&ev)
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(str::to_owned)
                            .collect();
                        put(Box::new(move |t| t.benefits = lines))
                    }
                ></textarea>
            </div>
            <button
                type="button"
                class="danger club-tier__remove"
                aria-label=move || {
                    format!("{} {}", w().remove_tier, tier().map(|t| t.name).unwrap_or_default())
                }
                disabled=move || !form.editable.get() || form.read(|s| s.tiers.len()) <= 1
                on:click=move |_| {
                    form.draft
                        .edit(|s| {
                            if i < s.tiers.len() {
                                s.tiers.remove(i);
                            }
                        })
                }
            >
                "✕"
            </button>
        </li>
    }
}

#[component]
fn PointsRules(form: Form) -> impl IntoView {
    let i18n = use_i18n();
    let w = move || words(i18n.lang());
    type Pick = fn(&mut cradle_model::club::PointsRules) -> &mut u32;
    let amount = move |key: &'static str, label: fn(&'static Words) -> &'static str, pick: Pick| {
        view! {
            <Field
                label=Signal::derive(move || label(w()))
                id=format!("points-{key}")
                numeric=true
                value=Signal::derive(move || form.read(|s| pick(&mut s.points.clone()).to_string()))
                on_input=Callback::new(move |v: String| {
                    if let Some(n) = number(&v) {
                        form.draft.edit(|s| *pick(&mut s.points) = n)
                    }
                })
                problems=form.at(format!("/points/{key}"))
                editable=form.editable
            />
        }
    };
    let expiry = move || {
        form.read(|s| Some(s.points.expiry))
            .unwrap_or(Expiry::Never)
    };
    let expiry_tag = move || match expiry() {
        Expiry::Never => "never",
        Expiry::EndOfFollowingYear => "end_of_following_year",
        Expiry::AfterDays(_) => "after_days",
    };
    view! {
        <fieldset class="club-form__group">
            <legend>{move || w().points}</legend>
            <p class="hint">{move || w().points_hint}</p>
            <div class="club-form__grid">
                {amount("share_points", |w| w.share_points, |p| &mut p.share_points)}
                {amount("game_points", |w| w.game_points, |p| &mut p.game_points)}
                {amount("daily_interaction_cap", |w| w.daily_cap, |p| &mut p.daily_interaction_cap)}
                {amount("invite_reward", |w| w.invite_reward, |p| &mut p.invite_reward)}
                <div class="field">
                    <label for="points-expiry">{move || w().expiry}</label>
                    <select
                        id="points-expiry"
                        prop:value=expiry_tag
                        disabled=move || !form.editable.get()
                        on:change=move |ev| {
                            let expiry = match event_target_value(&ev).as_str() {
                                "never" => Expiry::Never,
                                "after_days" => Expiry::AfterDays(365),
                                _ => Expiry::EndOfFollowingYear,
                            };
                            form.draft.edit(|s| s.points.expiry = expiry)
                        }
                    >
                        <option value="end_of_following_year">
                            {move || w().end_of_next_year}
                        </option>
                        <option value="after_days">{move || w().after_days}</option>
                        <option value="never">{move || w().never}</option>
                    </select>
                </div> <div class="field club-form__switch">
                    <label class="check">
                        <input
                            type="checkbox"
                            id="rights-sharing"
                            prop:checked=move || form.read(|s| s.rights_sharing)
                            disabled=move || !form.editable.get()
                            aria-describedby="rights-sharing-hint"
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                form.draft.edit(|s| s.rights_sharing = on)
                            }
                        />
                        {move || w().sharing}
                    </label>
                    <small class="hint" id="rights-sharing-hint">
                        {move || w().sharing_hint}
                    </small>
                </div> <Show when=move || matches!(expiry(), Expiry::AfterDays(_))>
                    <Field
                        label=Signal::derive(move || w().days)
                        id="points-expiry-days"
                        numeric=true
                        value=Signal::derive(move || match expiry() {
                            Expiry::AfterDays(d) => d.to_string(),
                            _ => String::new(),
                        })
                        on_input=Callback::new(move |v: String| {
                            if let Some(d) = number(&v) {
                                form.draft.edit(|s| s.points.expiry = Expiry::AfterDays(d))
                            }
                        })
                        problems=form.at("/points/expiry/after_days".into())
                        editable=form.editable
                    />
                </Show>
            </div>
        </fieldset>
    }
}
