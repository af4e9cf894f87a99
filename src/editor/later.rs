//! Parts of the editor its first paint does not need (the inspector, Preview and Publish): in the
//! release build (`scripts/build-editor`, cargo feature `split`) each is a wasm chunk of its own,
//! fetched once the canvas is on screen, so a 500-block page paints without waiting for them.
//! Without the feature (`trunk serve`, unit tests) they are ordinary functions in the one wasm.

use std::future::Future;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use leptos::prelude::*;

use crate::i18n::use_i18n;

/// A chunk could not be fetched (offline, or the server went away): what was asked is offered
/// again, and the next try fetches afresh.
#[derive(Debug, Clone, Copy)]
pub struct Missing;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for Missing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Missing
    }
}

/// `later!(chunk, fn name(arg: Type, ...) { view })` defines `async fn name(...) ->
/// Result<AnyView, Missing>` whose code lives in wasm chunk `chunk` in the split build;
/// `later!(chunk, fn name(...) -> T { body })` the same for a value (`Result<T, Missing>`), and
/// `later!(chunk, ready get_ready, fn name(...) -> T { body })` also `async fn get_ready()`, which
/// fetches the chunk for `name`: a split function learns that its chunk is here on its first
/// call, which waits for that, so one that must answer at once ([`now`]) is made ready first.
macro_rules! later {
    ($chunk:ident, ready $ready:ident, $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split(
            $chunk,
            wasm_split_path = ::leptos::wasm_split,
            fallible,
            preload($ready)
        )]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::editor::later::Missing> {
            Ok($body)
        }
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::editor::later::Missing> {
            Ok($body)
        }
        #[cfg(not(feature = "split"))]
        $vis async fn $ready() -> Result<(), $crate::editor::later::Missing> {
            Ok(())
        }
    };
    ($chunk:ident, $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::editor::later::Missing> {
            Ok($body)
        }
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::editor::later::Missing> {
            Ok($body)
        }
    };
    ($chunk:ident, $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $body:block) => {
        $crate::editor::later::later!($chunk, $vis fn $name($($arg: $ty),*) -> AnyView {
            $body.into_any()
        });
    };
}
pub(crate) use later;

/// The value of a call into a chunk, at once when the function is ready (see [`later`]); until
/// then the call goes on when the chunk arrives, and `None` now. `missing` runs if the chunk
/// cannot be fetched.
pub fn now<T: 'static>(
    call: impl Future<Output = Result<T, Missing>> + 'static,
    missing: impl FnOnce() + 'static,
) -> Option<T> {
    let mut call = Box::pin(call);
    match call.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(Ok(value)) => Some(value),
        Poll::Ready(Err(Missing)) => {
            missing();
            None
        }
        Poll::Pending => {
            leptos::task::spawn_local(async move {
                if call.await.is_err() {
                    missing();
                }
            });
            None
        }
    }
}

thread_local! {
    /// Whether the page has painted a frame since the app started.
    static PAINTED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `then` once the page has painted its first frame (at once if it has).
pub fn after_first_paint(then: impl FnOnce() + 'static) {
    if PAINTED.get() {
        return then();
    }
    // rAF runs just before the frame is painted; a task queued from it runs just after.
    request_animation_frame(move || {
        set_timeout(
            move || {
                PAINTED.set(true);
                then();
            },
            Duration::ZERO,
        )
    });
}

/// What a panel shows while its chunk is on its way.
#[component]
pub fn PanelLoading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="panel__empty" role="status">
            {move || i18n.t().loading}
        </p>
    }
}

/// Shows what `load` gives once its chunk is here (`fallback` meanwhile, nothing if none), or, if
/// it could not be fetched, says so with a button to try again. Until the page's first frame is
/// painted, the chunk is asked for after the next paint: the canvas's first frame waits for
/// neither its download nor its drawing. A panel shown again later (the outline, toggled) comes at
/// once.
#[component]
pub fn Later<F, Fut>(
    load: F,
    /// What shows while the chunk is on its way.
    #[prop(optional, into)]
    fallback: ViewFnOnce,
) -> impl IntoView
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<AnyView, Missing>> + 'static,
{
    let i18n = use_i18n();
    let again = Trigger::new();
    let painted = RwSignal::new(false);
    after_first_paint(move || _ = painted.try_set(true));
    view! {
        <Suspense fallback>
            {move || {
                again.track();
                painted
                    .get()
                    .then(|| {
                        let loading = send_wrapper::SendWrapper::new(load());
                        Suspend::new(async move {
                            match loading.await {
                                Ok(view) => view,
                                Err(Missing) => {
                                    view! {
                                        <p class="later-missing" role="alert">
                                            {move || i18n.t().part_missing}
                                            <button type="button" on:click=move |_| again.notify()>
                                                {move || i18n.t().try_again}
                                            </button>
                                        </p>
                                    }
                                        .into_any()
                                }
                            }
                        })
                    })
            }}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use super::*;

    /// A call whose chunk is here answers at once; one that must wait answers `None` now and
    /// still runs once it can; one whose chunk cannot be fetched says so, now or later.
    #[wasm_bindgen_test::wasm_bindgen_test]
    async fn now_answers_at_once_or_goes_on_later() {
        let _ = any_spawner::Executor::init_wasm_bindgen();
        let missed = Rc::new(Cell::new(0));
        let miss = |missed: &Rc<Cell<u32>>| {
            let missed = missed.clone();
            move || missed.set(missed.get() + 1)
        };
        assert_eq!(now(async { Ok(7) }, miss(&missed)), Some(7));
        assert_eq!(now(async { Err::<u8, _>(Missing) }, miss(&missed)), None);
        assert_eq!(missed.get(), 1);

        let ran = Rc::new(Cell::new(false));
        let (arrived, arrival) = on_its_way();
        let later_ran = ran.clone();
        let call = async move {
            arrival.await;
            later_ran.set(true);
            Ok(())
        };
        assert_eq!(now(call, miss(&missed)), None);
        assert!(!ran.get());
        arrived();
        any_spawner::Executor::tick().await;
        assert!(ran.get());

        let (arrived, arrival) = on_its_way();
        let call = async move {
            arrival.await;
            Err::<(), _>(Missing)
        };
        assert_eq!(now(call, miss(&missed)), None);
        arrived();
        any_spawner::Executor::tick().await;
        assert_eq!(missed.get(), 2);
    }

    /// A future that is pending until the returned function is called (a chunk on its way).
    fn on_its_way() -> (impl FnOnce(), impl Future<Output = ()>) {
        let (send, receive) = futures::channel::oneshot::channel();
        (move || _ = send.send(()), async move {
            _ = receive.await;
        })
    }
}
