//! Stage 4: a thread pool doing real work.
//!
//! [`Pool`] is a Rayon thread pool whose threads are module workers, started
//! by the page as stage 3 starts its workers and then kept alive to take task
//! after task. [`Image`] renders the Mandelbrot set row by row, either on a
//! pool or with a plain loop, and checksums its pixels so that both can be
//! compared.

// ANCHOR: fallback-gate
// Two builds of this crate: the threaded one (atomics, a shared memory, the
// pool, panics that unwind) and, with the `single-thread` feature, the
// fallback for pages that cannot have threads. A wasm build with neither is a
// threaded build done wrong.
#[cfg(all(
    target_arch = "wasm32",
    not(target_feature = "atomics"),
    not(feature = "single-thread")
))]
compile_error!(
    "stage 4 needs atomics and a shared memory (`-C target-feature=+atomics`). Build it with \
     `npm run build:wasm` from the repository root, or run `wasm-pack build . --target web --mode \
     force -- -Z build-std=std,panic_unwind` inside rust/04-thread-pool so that its \
     .cargo/config.toml and rust-toolchain.toml apply. A RUSTFLAGS variable in your environment \
     replaces that file's flags: unset it. For the one-thread fallback without atomics, build \
     with `--features single-thread` instead."
);
// The pool relies on catching a task's panic; under panic = "abort" the
// thread that panics traps instead, and the render never ends.
#[cfg(all(
    target_arch = "wasm32",
    target_feature = "atomics",
    not(panic = "unwind")
))]
compile_error!(
    "stage 4's threaded build needs `-C panic=unwind` (in its .cargo/config.toml) and a std \
     built with `-Z build-std=std,panic_unwind`: without them a panicking row cannot be caught."
);
// ANCHOR_END: fallback-gate

mod constants;
mod mandelbrot;
#[cfg(feature = "single-thread")]
mod panics;
#[cfg(not(feature = "single-thread"))]
mod pool;
mod render;
mod settings;
// The fallback has no pool of ours, so it records no timeline: only the type is used.
#[cfg_attr(feature = "single-thread", allow(dead_code))]
mod timeline;

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use mandelbrot::View;
#[cfg(feature = "single-thread")]
pub use panics::last_panic;
#[cfg(not(feature = "single-thread"))]
pub use pool::{Pool, run_pool_thread};
use render::{Plan, render_parallel, render_sequential};
use settings::{Choice, Region, Setting, Split, choose};

/// An RGBA image of the Mandelbrot set, in the module's memory (shared, in the
/// threaded build).
#[wasm_bindgen]
pub struct Image {
    view: View,
    pixels: Vec<u8>,
}

#[wasm_bindgen]
impl Image {
    /// A black image of `width` × `height` pixels of the region `view`
    /// ("whole" or "off-centre"); each pixel will take at most `iterations` steps.
    #[wasm_bindgen(constructor)]
    pub fn new(width: u32, height: u32, iterations: u32, view: &str) -> Result<Image, JsError> {
        let view = View {
            width: settings::check(Setting::Width, width)?,
            height: settings::check(Setting::Height, height)?,
            iterations: settings::check(Setting::Iterations, iterations)?,
            region: checked::<Region>(view)?,
        };
        Ok(Image {
            view,
            pixels: view.blank(),
        })
    }

    // ANCHOR: render-on
    /// Renders on `pool`'s threads, cut as `split` says ("rows", "bands" or
    /// "min-len", with `min_len` rows at least per job), recording each
    /// thread's jobs in the pool's timeline if `record`. Blocks until every row
    /// is done, so call it from a worker. `failing_row`, if given, panics in
    /// that row, to show how a failure in a task reaches the page: Rayon
    /// carries the panic out of `install` into this call, wasm-bindgen turns
    /// it into a `PanicError` thrown to JavaScript, and the pool keeps every
    /// thread for the next render.
    #[cfg(not(feature = "single-thread"))]
    #[wasm_bindgen(js_name = renderOn)]
    pub fn render_on(
        &mut self,
        pool: &Pool,
        split: &str,
        min_len: u32,
        record: bool,
        failing_row: Option<u32>,
    ) -> Result<(), JsError> {
        let plan = plan(split, min_len)?;
        let timeline = record.then_some(&*pool.timeline);
        timeline.inspect(|timeline| timeline.begin_render());
        let (view, pixels) = (self.view, &mut self.pixels);
        pool.threads
            .install(|| render_parallel(view, pixels, plan, timeline, failing_row));
        timeline.inspect(|timeline| timeline.end_render());
        Ok(())
    }
    // ANCHOR_END: render-on

    // ANCHOR: render-here
    /// The fallback build's render: the same Rayon code, outside any pool of
    /// ours. Rayon's global pool cannot start a thread here, so it runs with
    /// the calling thread alone, and every row is done on it.
    #[cfg(feature = "single-thread")]
    #[wasm_bindgen(js_name = renderHere)]
    pub fn render_here(
        &mut self,
        split: &str,
        min_len: u32,
        failing_row: Option<u32>,
    ) -> Result<(), JsError> {
        panics::remember_panics();
        render_parallel(
            self.view,
            &mut self.pixels,
            plan(split, min_len)?,
            None,
            failing_row,
        );
        Ok(())
    }
    // ANCHOR_END: render-here

    /// Renders on the calling thread with a plain loop: the baseline the
    /// pool is measured against.
    #[wasm_bindgen(js_name = renderSequential)]
    pub fn render_sequential(&mut self) {
        render_sequential(self.view, &mut self.pixels);
    }

    /// FNV-1a over every pixel byte.
    pub fn checksum(&self) -> u32 {
        mandelbrot::checksum(&self.pixels)
    }

    /// A copy of the pixels in an ordinary (not shared) buffer, which can be
    /// transferred to the page and drawn with `ImageData`.
    pub fn pixels(&self) -> Uint8Array {
        Uint8Array::from(&self.pixels[..])
    }
}

fn plan(split: &str, min_len: u32) -> Result<Plan, JsError> {
    Ok(Plan {
        split: checked::<Split>(split)?,
        min_len: settings::check(Setting::MinLen, min_len)?,
    })
}

fn checked<C: Choice>(text: &str) -> Result<C, JsError> {
    choose(text).map_err(|message| JsError::new(&message))
}

/// Reads a setting typed by a person (`threads`, `width`, `height`,
/// `iterations` or `min-len`); throws an `Error` that says what to enter instead.
#[wasm_bindgen(js_name = parseSetting)]
pub fn parse_setting(name: &str, text: &str) -> Result<u32, JsError> {
    let setting = Setting::named(name)
        .ok_or_else(|| JsError::new(&format!("no setting is called {name:?}")))?;
    Ok(settings::parse(setting, text)?)
}

/// Checks a switch's value (`split` or `view`) as the page sent it: returns
/// it if the demo offers it, else throws an `Error` that lists what it offers.
#[wasm_bindgen(js_name = parseChoice)]
pub fn parse_choice(name: &str, text: &str) -> Result<String, JsError> {
    let name = match name {
        Split::SETTING => checked::<Split>(text)?.name(),
        Region::SETTING => checked::<Region>(text)?.name(),
        _ => return Err(JsError::new(&format!("no switch is called {name:?}"))),
    };
    Ok(name.to_string())
}

/// The memory every thread shares, for the page to post to the pool workers.
#[cfg(not(feature = "single-thread"))]
#[wasm_bindgen(js_name = sharedMemory)]
pub fn shared_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The compiled module, for the page to post to the pool workers.
#[cfg(not(feature = "single-thread"))]
#[wasm_bindgen(js_name = compiledModule)]
pub fn compiled_module() -> JsValue {
    wasm_bindgen::module()
}
