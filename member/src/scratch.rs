//! The scratch card's cover: a silver canvas (at the screen's pixel ratio, so it is sharp) laid
//! over the result once the result exists, scratched away by finger or mouse. How much is
//! uncovered is measured when the finger lifts, not on every move, and past half the card the
//! rest clears by itself.

use cradle_model::Language;
use cradle_render::game_words::game_words;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, PointerEvent};

/// Share of the card uncovered at which the rest clears.
const THRESHOLD: f64 = 0.5;
/// Width of the scratch stroke, in CSS pixels.
const STROKE: f64 = 30.0;

fn canvas(id: &str) -> Option<HtmlCanvasElement> {
    crate::draw::part(id, ".cradle-scratch__cover").and_then(|e| e.dyn_into().ok())
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    // Read back on every pointer-up: a canvas kept in memory makes that cheap (no GPU readback).
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"willReadFrequently".into(), &true.into()).ok()?;
    canvas
        .get_context_with_context_options("2d", &options)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Paints the cover over the card of block `id` and makes it scratchable; `done` runs once the
/// card is uncovered.
pub fn cover(id: String, lang: Language, done: impl Fn() + 'static) {
    let Some(canvas) = canvas(&id) else {
        done();
        return;
    };
    let Some(card) = canvas.parent_element() else {
        done();
        return;
    };
    let rect = card.get_bounding_client_rect();
    let ratio = window().device_pixel_ratio().max(1.0);
    canvas.set_width((rect.width() * ratio).round() as u32);
    canvas.set_height((rect.height() * ratio).round() as u32);
    let Some(ctx) = context(&canvas) else {
        done();
        return;
    };
    let (w, h) = (canvas.width() as f64, canvas.height() as f64);
    let foil = ctx.create_linear_gradient(0.0, 0.0, w, h);
    let _ = foil.add_color_stop(0.0, "#b8bcc4");
    let _ = foil.add_color_stop(0.5, "#e4e6ea");
    let _ = foil.add_color_stop(1.0, "#9fa4ad");
    ctx.set_global_composite_operation("source-over").ok();
    ctx.set_fill_style_canvas_gradient(&foil);
    ctx.fill_rect(0.0, 0.0, w, h);
    ctx.set_fill_style_str("#3d4047");
    ctx.set_font(&format!(
        "700 {}px sans-serif",
        (18.0 * ratio).round() as u32
    ));
    ctx.set_text_align("center");
    ctx.set_text_baseline("middle");
    let _ = ctx.fill_text(game_words(lang).scratch_here, w / 2.0, h / 2.0);
    // From here on, strokes erase.
    ctx.set_global_composite_operation("destination-out").ok();
    ctx.set_line_width(STROKE * ratio);
    ctx.set_line_cap("round");
    ctx.set_line_join("round");

    let last: Rc<Cell<Option<(f64, f64)>>> = Rc::new(Cell::new(None));
    let at = move |e: &PointerEvent| (e.offset_x() as f64 * ratio, e.offset_y() as f64 * ratio);
    let down = {
        let (last, canvas, ctx) = (last.clone(), canvas.clone(), ctx.clone());
        Closure::<dyn Fn(PointerEvent)>::new(move |e: PointerEvent| {
            e.prevent_default();
            let _ = canvas.set_pointer_capture(e.pointer_id());
            let (x, y) = at(&e);
            // A tap uncovers a dot.
            ctx.begin_path();
            ctx.move_to(x, y);
            ctx.line_to(x + 0.1, y);
            ctx.stroke();
            last.set(Some((x, y)));
        })
    };
    let moved = {
        let (last, ctx) = (last.clone(), ctx.clone());
        Closure::<dyn Fn(PointerEvent)>::new(move |e: PointerEvent| {
            let Some((x0, y0)) = last.get() else {
                return;
            };
            let (x, y) = at(&e);
            ctx.begin_path();
            ctx.move_to(x0, y0);
            ctx.line_to(x, y);
            ctx.stroke();
            last.set(Some((x, y)));
        })
    };
    let done = Rc::new(done);
    let up = {
        let (canvas, ctx) = (canvas.clone(), ctx.clone());
        Closure::<dyn Fn(PointerEvent)>::new(move |_: PointerEvent| {
            if last.take().is_none() {
                return;
            }
            if uncovered(&ctx, canvas.width(), canvas.height()) >= THRESHOLD {
                ctx.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
                done();
            }
        })
    };
    // Handlers are set as properties, so a second play replaces the first play's.
    canvas.set_onpointerdown(Some(down.as_ref().unchecked_ref()));
    canvas.set_onpointermove(Some(moved.as_ref().unchecked_ref()));
    canvas.set_onpointerup(Some(up.as_ref().unchecked_ref()));
    canvas.set_onpointercancel(Some(up.as_ref().unchecked_ref()));
    down.forget();
    moved.forget();
    up.forget();
}

/// Clears the cover of block `id` at once.
pub fn clear(id: &str) {
    if let Some(canvas) = canvas(id) {
        if let Some(ctx) = context(&canvas) {
            ctx.clear_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
        }
    }
}

/// The share of the cover scratched away, sampled on a grid (every 8th pixel each way). Only the
/// sampled rows are read back, an eighth of the canvas, so lifting the finger stays within a
/// frame.
fn uncovered(ctx: &CanvasRenderingContext2d, w: u32, h: u32) -> f64 {
    let (mut clear, mut seen) = (0u32, 0u32);
    for y in (0..h).step_by(8) {
        let Ok(row) = ctx.get_image_data(0.0, y as f64, w as f64, 1.0) else {
            continue;
        };
        let row = row.data();
        for x in (0..w).step_by(8) {
            seen += 1;
            if row[(x * 4 + 3) as usize] == 0 {
                clear += 1;
            }
        }
    }
    match seen {
        0 => 0.0,
        _ => clear as f64 / seen as f64,
    }
}
