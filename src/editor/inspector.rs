//! The inspector: controls generated from the selected block's field descriptors (text, number,
//! toggle, select, colour, picture, link, date-time, campaign, lists), a style tab, an audience
//! tab and "Move to…". Validation errors from the model show next to their field as you type.

use cradle_model::audience::{Rule, Segment};
use cradle_model::catalogue::BlockKind;
use cradle_model::commands::Command;
use cradle_model::facts;
use cradle_model::fields::{Field, FieldKind, Label};
use cradle_model::lifecycle::Stage;
use cradle_model::rich_text::{from_markup, to_markup, RichText};
use cradle_model::style::{Align, Spacing, Style};
use cradle_model::NodeId;
use leptos::prelude::*;
use serde_json::{json, Map, Value};

use super::keyboard::{duplicate_selected, remove_selected};
use super::Editor;
use crate::api::assets;
use crate::i18n::{use_i18n, Lang};

fn label(l: Label) -> impl Fn() -> &'static str + Copy {
    let i18n = use_i18n();
    move || {
        if i18n.lang() == Lang::ZhCn {
            l.zh
        } else {
            l.en
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Content,
    Style,
    Audience,
}

/// The inspector panel for the primary selection.
#[component]
pub fn Inspector(editor: Editor) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <aside class="inspector" aria-labelledby="inspector-heading">
            <h2 id="inspector-heading" class="panel__title">
                {move || i18n.t().inspector}
            </h2>
            {move || match editor.primary() {
                Some(id) if editor.render.node(&id).is_some() => {
                    view! { <BlockInspector editor id /> }.into_any()
                }
                _ => {
                    view! { <p class="panel__empty">{move || i18n.t().select_a_block}</p> }
                        .into_any()
                }
            }}
        </aside>
    }
}

#[component]
fn BlockInspector(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let Some(block) = editor.render.node(&id) else {
        return ().into_any();
    };
    let kind = block.with_untracked(|b| b.kind);
    let spec = kind.spec();
    let tab = RwSignal::new(Tab::Content);
    let name = label(spec.label);
    let tab_button = move |t: Tab, text: fn(&'static crate::i18n::Strings) -> &'static str| {
        view! {
            <button
                type="button"
                role="tab"
                class="tab"
                aria-selected=move || (tab.get() == t).to_string()
                on:click=move |_| tab.set(t)
            >
                {move || text(i18n.t())}
            </button>
        }
    };
    let id_content = id.clone();
    let id_style = id.clone();
    let id_audience = id.clone();
    let id_move = id.clone();
    view! {
        <div class="inspector__block">
            <p class="inspector__kind">
                <strong>{name}</strong>
                " "
                <code>{id.to_string()}</code>
            </p>
            <div class="inspector__actions">
                <button type="button" on:click=move |_| duplicate_selected(&editor)>
                    {move || i18n.t().duplicate}
                </button>
                <button type="button" class="danger" on:click=move |_| remove_selected(&editor)>
                    {move || i18n.t().delete}
                </button>
            </div>
            <div role="tablist" aria-label=move || i18n.t().inspector class="tabs">
                {tab_button(Tab::Content, |t| t.content_tab)}
                {tab_button(Tab::Style, |t| t.style_tab)}
                {tab_button(Tab::Audience, |t| t.audience_tab)}
            </div>
            <div role="tabpanel">
                {move || match tab.get() {
                    Tab::Content => {
                        view! {
                            {spec
                                .fields
                                .iter()
                                .map(|field| {
                                    view! { <PropField editor id=id_content.clone() field /> }
                                })
                                .collect_view()}
                            <MoveTo editor id=id_move.clone() />
                        }
                            .into_any()
                    }
                    Tab::Style => view! { <StyleFields editor id=id_style.clone() /> }.into_any(),
                    Tab::Audience => {
                        view! { <AudienceFields editor id=id_audience.clone() /> }.into_any()
                    }
                }}
            </div>
        </div>
    }
    .into_any()
}

/// Errors at `path` (exactly, or below it when `below`).
fn errors_at(editor: Editor, path: String, below: bool) -> impl Fn() -> Vec<String> {
    move || {
        editor.errors.with(|errors| {
            errors
                .iter()
                .filter(|e| e.path == path || (below && e.path.starts_with(&format!("{path}/"))))
                .map(|e| e.message.clone())
                .collect()
        })
    }
}

#[component]
fn PropField(editor: Editor, id: NodeId, field: &'static Field) -> impl IntoView {
    let Some(block) = editor.render.node(&id) else {
        return ().into_any();
    };
    let key = field.key;
    let value =
        Signal::derive(move || block.with(|b| b.props.get(key).cloned().unwrap_or(Value::Null)));
    let group = format!("prop:{id}:{key}");
    let path = format!("/blocks/{id}/props/{key}");
    let set = Callback::new({
        let id = id.clone();
        move |v: Value| {
            editor.apply_grouped(
                Command::UpdateProp {
                    id: id.clone(),
                    device: None,
                    key: key.to_owned(),
                    value: Some(v),
                },
                &group,
            );
        }
    });
    view! { <Control editor field value set path dom_id=format!("f-{id}-{key}") /> }.into_any()
}

/// Uploads a picture to the workspace's library and puts its URL in the field (one undo step).
#[component]
fn Upload(editor: Editor, set: Callback<Value>, field_label: Label) -> impl IntoView {
    let i18n = use_i18n();
    let name = label(field_label);
    let uploading = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let input = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
        let Some(file) = input
            .as_ref()
            .and_then(|i| i.files())
            .and_then(|l| l.get(0))
        else {
            return;
        };
        input.inspect(|i| i.set_value(""));
        if file.size() > assets::MAX_BYTES {
            problem.set(Some(i18n.t_now().upload_too_large.to_owned()));
            return;
        }
        problem.set(None);
        uploading.set(true);
        leptos::task::spawn_local(async move {
            match assets::upload(&file).await {
                Ok(url) => {
                    set.run(Value::String(url));
                    editor.seal();
                }
                Err(e) => problem.set(Some(e.to_string())),
            }
            uploading.set(false);
        });
    };
    view! {
        <label class="upload" class:upload--busy=uploading>
            <input type="file" class="sr-only" accept="image/png,image/jpeg,image/webp,image/gif"
                aria-label=move || format!("{}: {}", name(), i18n.t().upload_picture)
                disabled=uploading on:change=on_file />
            <span aria-hidden="true">{move || if uploading.get() { i18n.t().uploading } else { i18n.t().upload_picture }}</span>
        </label>
        {move || problem.get().map(|p| view! { <p class="field__upload-error" role="alert">{p}</p> })}
    }
}

/// One field's control, its label and its errors.
#[component]
fn Control(
    editor: Editor,
    field: &'static Field,
    value: Signal<Value>,
    set: Callback<Value>,
    path: String,
    dom_id: String,
) -> impl IntoView {
    let name = label(field.label);
    let errors = errors_at(
        editor,
        path.clone(),
        !matches!(field.kind, FieldKind::List { .. }),
    );
    let invalid = {
        let errors = errors_at(editor, path.clone(), false);
        move || (!errors().is_empty()).to_string()
    };
    let err_id = format!("{dom_id}-err");
    let text = move || match value.get() {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    let on_text = move |ev: leptos::ev::Event| set.run(Value::String(event_target_value(&ev)));
    let blur = move |_| editor.seal();
    let input = match field.kind {
        FieldKind::Text { .. } | FieldKind::Url | FieldKind::DateTime => {
            let placeholder = match field.kind {
                FieldKind::Url => "https://… or /path",
                FieldKind::DateTime => "2027-06-18T20:00:00+08:00",
                _ => "",
            };
            view! {
                <input
                    id=dom_id.clone()
                    type="text"
                    placeholder=placeholder
                    prop:value=text
                    on:input=on_text
                    on:blur=blur
                    aria-invalid=invalid
                    aria-describedby=err_id.clone()
                />
            }.into_any()
        }
        FieldKind::Multiline { .. } => view! {
            <textarea
                id=dom_id.clone()
                rows="3"
                prop:value=text
                on:input=on_text
                on:blur=blur
                aria-invalid=invalid
                aria-describedby=err_id.clone()
            ></textarea>
        }.into_any(),
        FieldKind::RichText { .. } => {
            let markup = move || serde_json::from_value::<RichText>(value.get()).map(|t| to_markup(&t)).unwrap_or_default();
            view! {
                <textarea
                    id=dom_id.clone()
                    rows="4"
                    prop:value=markup
                    on:blur=blur
                    aria-invalid=invalid
                    aria-describedby=err_id.clone()
                    on:input=move |ev| {
                        set.run(
                            serde_json::to_value(from_markup(&event_target_value(&ev)))
                                .unwrap_or_default(),
                        )
                    }
                ></textarea>
                <small class="hint">"**bold**  *italic*  [link](https://…)"</small>
            }.into_any()
        }
        FieldKind::Number { min, max } => view! {
            <input
                id=dom_id.clone()
                type="number"
                min=min
                max=max
                prop:value=text
                on:blur=blur
                aria-invalid=invalid
                aria-describedby=err_id.clone()
                on:input=move |ev| {
                    if let Ok(n) = event_target_value(&ev).trim().parse::<i64>() {
                        set.run(json!(n))
                    }
                }
            />
        }.into_any(),
        FieldKind::Toggle => view! {
            <input
                id=dom_id.clone()
                type="checkbox"
                prop:checked=move || value.get().as_bool().unwrap_or(false)
                on:change=move |ev| set.run(json!(event_target_checked(&ev)))
            />
        }.into_any(),
        FieldKind::Select(choices) => view! {
            <select id=dom_id.clone() prop:value=text on:change=on_text aria-invalid=invalid>
                {choices
                    .iter()
                    .map(|c| view! { <option value=c.value>{label(c.label)}</option> })
                    .collect_view()}
            </select>
        }.into_any(),
        FieldKind::Colour => view! {
            <span class="colour">
                <input
                    type="color"
                    aria-label=move || format!("{} picker", name())
                    prop:value=text
                    on:input=on_text
                />
                <input
                    id=dom_id.clone()
                    type="text"
                    prop:value=text
                    on:input=on_text
                    on:blur=blur
                    aria-invalid=invalid
                    aria-describedby=err_id.clone()
                />
            </span>
        }.into_any(),
        FieldKind::Image { .. } => view! {
            <input
                id=dom_id.clone()
                type="text"
                placeholder="https://… or /api/assets/…"
                prop:value=text
                on:input=on_text
                on:blur=blur
                aria-invalid=invalid
                aria-describedby=err_id.clone()
            />
            <Upload editor set field_label=field.label />
            <Show when=move || !text().is_empty() && cradle_model::url::is_safe_url(&text())>
                <img class="inspector__preview" src=text alt="" />
            </Show>
        }.into_any(),
        FieldKind::Campaign { .. } => {
            let campaigns = move || editor.render.campaigns.get();
            view! {
                <select
                    id=dom_id.clone()
                    prop:value=text
                    aria-invalid=invalid
                    aria-describedby=err_id.clone()
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        set.run(if v.is_empty() { Value::Null } else { Value::String(v) })
                    }
                >
                    <option value="">"—"</option>
                    {move || {
                        campaigns()
                            .into_iter()
                            .map(|c| view! { <option value=c.id.clone()>{c.name}</option> })
                            .collect_view()
                    }}
                </select>
            }.into_any()
        }
        FieldKind::List { item, min, max } => view! { <ListControl editor item min max value set path=path.clone() dom_id=dom_id.clone() /> }.into_any(),
    };
    let is_list = matches!(field.kind, FieldKind::List { .. });
    view! {
        <div class="field" class:field--list=is_list>
            <label for=dom_id.clone()>{name}</label>
            {input}
            <ul class="field__errors" id=err_id role="alert">
                {move || errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
fn ListControl(
    editor: Editor,
    item: &'static [Field],
    min: usize,
    max: usize,
    value: Signal<Value>,
    set: Callback<Value>,
    path: String,
    dom_id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = move || value.get().as_array().cloned().unwrap_or_default();
    let write = move |f: &dyn Fn(&mut Vec<Value>)| {
        let mut list = rows();
        f(&mut list);
        set.run(Value::Array(list));
    };
    let add = move |_: leptos::ev::MouseEvent| {
        let row: Map<String, Value> = item
            .iter()
            .map(|f| (f.key.to_owned(), f.default_value()))
            .collect();
        write(&|l: &mut Vec<Value>| l.push(Value::Object(row.clone())));
    };
    let list_id = dom_id.clone();
    view! {
        <ol class="list-rows" id=list_id tabindex="-1">
            {move || {
                (0..rows().len())
                    .map(|i| {
                        let row_value = |key: &'static str| Signal::derive(move || {
                            value
                                .with(|v| {
                                    v.get(i)
                                        .and_then(|r| r.get(key))
                                        .cloned()
                                        .unwrap_or(Value::Null)
                                })
                        });
                        view! {
                            <li class="list-row">
                                {item
                                    .iter()
                                    .map(|f| {
                                        let key = f.key;
                                        let set_cell = Callback::new(move |v: Value| write(
                                            &|l: &mut Vec<Value>| {
                                                if let Some(obj) = l
                                                    .get_mut(i)
                                                    .and_then(Value::as_object_mut)
                                                {
                                                    obj.insert(key.to_owned(), v.clone());
                                                }
                                            },
                                        ));
                                        view! {
                                            <Control
                                                editor
                                                field=f
                                                value=row_value(key)
                                                set=set_cell
                                                path=format!("{path}/{i}/{key}")
                                                dom_id=format!("{dom_id}-{i}-{key}")
                                            />
                                        }
                                    })
                                    .collect_view()} <div class="list-row__actions">
                                    <button
                                        type="button"
                                        aria-label=move || format!("{} {}", i18n.t().move_up, i + 1)
                                        disabled=move || i == 0
                                        on:click=move |_| write(
                                            &|l: &mut Vec<Value>| l.swap(i, i - 1),
                                        )
                                    >
                                        "↑"
                                    </button>
                                    <button
                                        type="button"
                                        aria-label=move || {
                                            format!("{} {}", i18n.t().move_down, i + 1)
                                        }
                                        disabled={move || i + 1 >= rows().len()}
                                        on:click=move |_| write(
                                            &|l: &mut Vec<Value>| l.swap(i, i + 1),
                                        )
                                    >
                                        "↓"
                                    </button>
                                    <button
                                        type="button"
                                        aria-label=move || {
                                            format!("{} {}", i18n.t().remove_row, i + 1)
                                        }
                                        disabled={move || rows().len() <= min}
                                        on:click=move |_| write(
                                            &|l: &mut Vec<Value>| {
                                                l.remove(i);
                                            },
                                        )
                                    >
                                        "✕"
                                    </button>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>
        <button type="button" class="list-add" disabled={move || rows().len() >= max} on:click=add>
            {move || i18n.t().add_row}
        </button>
    }
}

#[component]
fn StyleFields(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let Some(block) = editor.render.node(&id) else {
        return ().into_any();
    };
    let style = Signal::derive(move || block.with(|b| b.style.clone()));
    let style_errors = errors_at(editor, format!("/blocks/{id}/style"), true);
    let update = move |f: &dyn Fn(&mut Style)| {
        let mut s = style.get_untracked();
        f(&mut s);
        editor.apply_grouped(
            Command::UpdateStyle {
                id: id.clone(),
                device: None,
                style: s,
            },
            &format!("style:{id}"),
        );
    };
    let update = StoredValue::new_local(update);
    let px = |s: Option<Spacing>| s.map(|s| s.top.to_string()).unwrap_or_default();
    let parse = |v: String| v.trim().parse::<u16>().ok().map(Spacing::all);
    view! {
        <div class="field">
            <label for="style-padding">{move || i18n.t().padding}</label>
            <input
                id="style-padding"
                type="number"
                min="0"
                max="200"
                prop:value=move || px(style.get().padding)
                on:input=move |ev| {
                    let v = parse(event_target_value(&ev));
                    update.with_value(|u| u(&|s: &mut Style| s.padding = v))
                }
            />
        </div>
        <div class="field">
            <label for="style-margin">{move || i18n.t().margin}</label>
            <input
                id="style-margin"
                type="number"
                min="0"
                max="200"
                prop:value=move || px(style.get().margin)
                on:input=move |ev| {
                    let v = parse(event_target_value(&ev));
                    update.with_value(|u| u(&|s: &mut Style| s.margin = v))
                }
            />
        </div>
        <div class="field">
            <label for="style-bg">{move || i18n.t().background}</label>
            <input
                id="style-bg"
                type="text"
                placeholder="#fff8f3"
                prop:value=move || style.get().background.unwrap_or_default()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    update
                        .with_value(|u| u(
                            &|s: &mut Style| {
                                s.background = Some(v.clone()).filter(|c| !c.is_empty());
                            },
                        ))
                }
            />
        </div>
        <div class="field">
            <label for="style-align">{move || i18n.t().align}</label>
            <select
                id="style-align"
                prop:value=move || match style.get().align {
                    Some(Align::Left) => "left",
                    Some(Align::Center) => "center",
                    Some(Align::Right) => "right",
                    None => "",
                }
                on:change=move |ev| {
                    let a = match event_target_value(&ev).as_str() {
                        "left" => Some(Align::Left),
                        "center" => Some(Align::Center),
                        "right" => Some(Align::Right),
                        _ => None,
                    };
                    update.with_value(|u| u(&|s: &mut Style| s.align = a))
                }
            >
                <option value="">"—"</option>
                <option value="left">"⟸"</option>
                <option value="center">"⟺"</option>
                <option value="right">"⟹"</option>
            </select>
        </div>
        <ul class="field__errors" role="alert">
            {move || style_errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}
        </ul>
    }
    .into_any()
}

/// The simple audience a marketer sets with the form: all of these that are set.
#[derive(Clone, Default, PartialEq)]
struct SimpleAudience {
    stages: Vec<Stage>,
    tier: Option<u32>,
    segment: Option<Segment>,
    tag: String,
}

impl SimpleAudience {
    /// Reads a rule made by this form; `None` for rules it cannot show.
    fn from_rule(rule: Option<&Rule>) -> Option<SimpleAudience> {
        let mut a = SimpleAudience::default();
        let parts: Vec<&Rule> = match rule {
            None => return Some(a),
            Some(Rule::All(parts)) => parts.iter().collect(),
            Some(single) => vec![single],
        };
        for part in parts {
            match part {
                Rule::Stage(stages) => a.stages = stages.clone(),
                Rule::TierAtLeast(n) => a.tier = Some(*n),
                Rule::Segment(s) => a.segment = Some(*s),
                Rule::Tag(t) => a.tag = t.clone(),
                _ => return None,
            }
        }
        Some(a)
    }

    fn to_rule(&self) -> Option<Rule> {
        let mut parts = Vec::new();
        if !self.stages.is_empty() {
            parts.push(Rule::Stage(self.stages.clone()));
        }
        if let Some(t) = self.tier.filter(|t| *t > 0) {
            parts.push(Rule::TierAtLeast(t));
        }
        if let Some(s) = self.segment {
            parts.push(Rule::Segment(s));
        }
        if !self.tag.trim().is_empty() {
            parts.push(Rule::Tag(self.tag.trim().to_owned()));
        }
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Rule::All(parts)),
        }
    }
}

#[component]
fn AudienceFields(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let Some(block) = editor.render.node(&id) else {
        return ().into_any();
    };
    let current =
        Signal::derive(move || block.with(|b| SimpleAudience::from_rule(b.audience.as_ref())));
    let set = move |f: &dyn Fn(&mut SimpleAudience)| {
        let mut a = current.get_untracked().unwrap_or_default();
        f(&mut a);
        editor.apply(Command::SetAudience {
            id: id.clone(),
            audience: a.to_rule(),
        });
    };
    let set = StoredValue::new_local(set);
    let tiers = move || editor.render.club.get().tiers;
    view! {
        <p class="hint">{move || i18n.t().audience_hint}</p>
        <Show
            when=move || current.get().is_some()
            fallback=move || view! { <p class="hint">{move || i18n.t().custom_audience}</p> }
        >
            <fieldset class="field">
                <legend>{move || i18n.t().stages}</legend>
                {Stage::ALL
                    .into_iter()
                    .filter(|s| *s != Stage::Graduated)
                    .map(|stage| {
                        let checked = move || {
                            current.get().is_some_and(|a| a.stages.contains(&stage))
                        };
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=checked
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        set.with_value(|s| s(
                                            &|a: &mut SimpleAudience| {
                                                a.stages.retain(|x| *x != stage);
                                                if on {
                                                    a.stages.push(stage)
                                                }
                                            },
                                        ))
                                    }
                                />
                                {move || {
                                    if i18n.lang() == Lang::ZhCn {
                                        stage.label_zh()
                                    } else {
                                        stage.label_en()
                                    }
                                }}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <div class="field">
                <label for="aud-tier">{move || i18n.t().tier_at_least}</label>
                <select
                    id="aud-tier"
                    prop:value=move || current.get().and_then(|a| a.tier).unwrap_or(0).to_string()
                    on:change=move |ev| {
                        let t = event_target_value(&ev).parse::<u32>().ok();
                        set.with_value(|s| s(&|a: &mut SimpleAudience| a.tier = t))
                    }
                >
                    {move || {
                        tiers()
                            .into_iter()
                            .enumerate()
                            .map(|(i, t)| view! { <option value=i.to_string()>{t.name}</option> })
                            .collect_view()
                    }}
                </select>
            </div>
            <div class="field">
                <label for="aud-segment">{move || i18n.t().segment}</label>
                <select
                    id="aud-segment"
                    prop:value=move || {
                        current
                            .get()
                            .and_then(|a| a.segment)
                            .map(|s| format!("{s:?}"))
                            .unwrap_or_default()
                    }
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let seg = Segment::ALL.into_iter().find(|s| format!("{s:?}") == v);
                        set.with_value(|s| s(&|a: &mut SimpleAudience| a.segment = seg))
                    }
                >
                    <option value="">"—"</option>
                    {Segment::ALL
                        .into_iter()
                        .map(|s| {
                            view! { <option value=format!("{s:?}")>{format!("{s:?}")}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="aud-tag">{move || i18n.t().tag}</label>
                <input
                    id="aud-tag"
                    type="text"
                    prop:value=move || current.get().map(|a| a.tag).unwrap_or_default()
                    on:change=move |ev| {
                        let t = event_target_value(&ev);
                        set.with_value(|s| s(&|a: &mut SimpleAudience| a.tag = t.clone()))
                    }
                />
            </div>
        </Show>
    }
    .into_any()
}

/// "Move to…": puts the block at the end of any container slot, without dragging.
#[component]
fn MoveTo(editor: Editor, id: NodeId) -> impl IntoView {
    let i18n = use_i18n();
    let choice = RwSignal::new(String::new());
    let targets = {
        let id = id.clone();
        move || {
            editor.revision.track();
            editor.with_doc(|doc| {
                let kind = doc.block(&id).map(|b| b.kind).unwrap_or(BlockKind::Spacer);
                doc.in_order()
                    .into_iter()
                    .filter(|c| !doc.is_ancestor_or_self(&id, c))
                    .filter_map(|c| doc.block(&c).cloned())
                    .filter(|c| c.kind.is_container() && c.kind.refuses(kind).is_none())
                    .flat_map(|c| {
                        let count = facts::visible_columns(&c);
                        let slots: Vec<&str> = c
                            .kind
                            .spec()
                            .slots
                            .iter()
                            .take(if c.kind == BlockKind::Columns {
                                count
                            } else {
                                4
                            })
                            .copied()
                            .collect();
                        slots.into_iter().map(move |s| {
                            (
                                format!("{}|{s}", c.id),
                                format!("{} {} › {s}", c.kind.spec().label.en, c.id),
                            )
                        })
                    })
                    .collect::<Vec<_>>()
            })
        }
    };
    let go = move |_| {
        let value = choice.get_untracked();
        let Some((parent, slot)) = value.split_once('|') else {
            return;
        };
        let parent = NodeId::new(parent);
        let len = editor.with_doc(|d| {
            d.block(&parent)
                .and_then(|b| b.slots.get(slot))
                .map_or(0, Vec::len)
        });
        let same = editor
            .position(&id)
            .is_some_and(|p| p.parent == parent && p.slot == slot);
        let index = if same { len - 1 } else { len };
        if editor.apply(Command::Move {
            id: id.clone(),
            parent,
            slot: slot.to_owned(),
            index,
        }) {
            editor.announce.set(format!("Moved to {value}"));
        }
    };
    view! {
        <div class="field move-to">
            <label for="move-to">{move || i18n.t().move_to}</label>
            <select id="move-to" on:change=move |ev| choice.set(event_target_value(&ev))>
                <option value="">"—"</option>
                {move || {
                    targets()
                        .into_iter()
                        .map(|(v, l)| view! { <option value=v>{l}</option> })
                        .collect_view()
                }}
            </select>
            <button type="button" on:click=go>
                {move || i18n.t().move_here}
            </button>
        </div>
    }
}
