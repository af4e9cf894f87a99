//! Scanning the QR code a member shows, where the till's browser can (a camera and
//! `BarcodeDetector`): the camera's picture is checked a few times a second until a code is read,
//! then the camera is let go. Browser objects are reached through `Reflect`, so the build needs no
//! camera bindings; where scanning is not available the button is not shown and the clerk types.

use js_sys::{Array, Function, Object, Promise, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::words;
use crate::i18n::use_i18n;

/// Milliseconds between two looks at the camera's picture.
const EVERY_MS: i32 = 250;

/// The scan button and, while scanning, the camera's picture; `found` gets the code read.
#[component]
pub fn Scan(found: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let scanning = RwSignal::new(false);
    let trouble = RwSignal::new(false);
    let video = NodeRef::<leptos::html::Video>::new();
    let start = move |_| {
        trouble.set(false);
        scanning.set(true);
        spawn_local(async move {
            let Some(el) = video.get_untracked() else {
                return;
            };
            let el: JsValue = el.into();
            match read(&el, scanning).await {
                Ok(Some(code)) => found.run(code),
                Ok(None) => {}
                Err(_) => trouble.set(true),
            }
            stop(&el);
            scanning.set(false);
        });
    };
    view! {
        <Show when=available>
            <button type="button" class="clerk-scan" on:click=start hidden=move || scanning.get()>
                {move || words(i18n.lang()).scan}
            </button>
        </Show>
        <div class="clerk-camera" hidden=move || !scanning.get()>
            <p>{move || words(i18n.lang()).aim}</p>
            <video node_ref=video muted=true playsinline=true aria-hidden="true"></video>
            <button type="button" on:click=move |_| scanning.set(false)>
                {move || words(i18n.lang()).cancel}
            </button>
        </div>
        <Show when=move || trouble.get()>
            <p class="error" role="alert">
                {move || words(i18n.lang()).no_camera}
            </p>
        </Show>
    }
}

/// Whether this browser can scan: a camera API and a QR detector.
fn available() -> bool {
    let window: JsValue = window().into();
    let devices = get(&get(&window, "navigator"), "mediaDevices");
    get(&window, "BarcodeDetector").is_function() && get(&devices, "getUserMedia").is_function()
}

/// Opens the back camera into `video` and reads until a QR code is found (`Some`) or scanning
/// is cancelled (`None`).
async fn read(video: &JsValue, scanning: RwSignal<bool>) -> Result<Option<String>, JsValue> {
    let window: JsValue = window().into();
    let devices = get(&get(&window, "navigator"), "mediaDevices");
    let wanted = Object::new();
    let camera = Object::new();
    Reflect::set(&camera, &"facingMode".into(), &"environment".into())?;
    Reflect::set(&wanted, &"video".into(), &camera)?;
    let stream = call(&devices, "getUserMedia", &wanted).await?;
    Reflect::set(video, &"srcObject".into(), &stream)?;
    call(video, "play", &JsValue::UNDEFINED).await?;
    let options = Object::new();
    Reflect::set(&options, &"formats".into(), &Array::of1(&"qr_code".into()))?;
    let detector_class: Function = get(&window, "BarcodeDetector").dyn_into()?;
    let detector = Reflect::construct(&detector_class, &Array::of1(&options))?;
    while scanning.get_untracked() {
        let seen: Array = call(&detector, "detect", video).await?.dyn_into()?;
        if let Some(code) = get(&seen.get(0), "rawValue").as_string() {
            return Ok(Some(code));
        }
        pause().await;
    }
    Ok(None)
}

/// Lets the camera go.
fn stop(video: &JsValue) {
    let stream = get(video, "srcObject");
    if let Ok(tracks) = call_now(&stream, "getTracks", &JsValue::UNDEFINED) {
        for track in Array::from(&tracks).iter() {
            let _ = call_now(&track, "stop", &JsValue::UNDEFINED);
        }
    }
    let _ = Reflect::set(video, &"srcObject".into(), &JsValue::NULL);
}

/// Waits [`EVERY_MS`].
async fn pause() {
    let wait = Promise::new(&mut |done, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&done, EVERY_MS);
    });
    let _ = JsFuture::from(wait).await;
}

fn get(target: &JsValue, name: &str) -> JsValue {
    Reflect::get(target, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

fn call_now(target: &JsValue, name: &str, arg: &JsValue) -> Result<JsValue, JsValue> {
    let method: Function = get(target, name).dyn_into()?;
    method.call1(target, arg)
}

/// Calls `target.name(arg)` and awaits the promise it returns.
async fn call(target: &JsValue, name: &str, arg: &JsValue) -> Result<JsValue, JsValue> {
    let promise = call_now(target, name, arg)?;
    JsFuture::from(Promise::resolve(&promise)).await
}
