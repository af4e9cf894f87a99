//! One inspector control per catalogue field kind: text, numbers, switches, choices, colours,
//! links, pictures (with upload), dates, campaigns and lists of rows.

use cradle_model::commands::Command;
use cradle_model::fields::{Field, FieldKind, Label};
use cradle_model::rich_text::{from_markup, to_markup, RichText};
use cradle_model::NodeId;
use leptos::prelude::*;
use serde_json::{json, Map, Value};

use super::*;
use crate::api::assets;
use crate::editor::Editor;
use crate::i18n::use_i18n;

#[component]
pub(super) fn PropField(editor: Editor, id: NodeId, field: &'static Field) -> impl IntoView {
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
pub(super) fn Upload(editor: Editor, set: Callback<Value>, field_label: Label) -> impl IntoView {
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
pub(super) fn Control(
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
pub(super) fn ListControl(
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
        let language = editor.with_doc(|d| d.language);
        let row: Map<String, Value> = item
            .iter()
            .map(|f| (f.key.to_owned(), f.default_value(language)))
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
