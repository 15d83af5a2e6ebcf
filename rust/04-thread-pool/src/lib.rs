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
mod settings;

use js_sys::Uint8Array;
use rayon::prelude::*;
use wasm_bindgen::prelude::*;

use mandelbrot::{RGBA, View, render_row};
#[cfg(feature = "single-thread")]
pub use panics::last_panic;
#[cfg(not(feature = "single-thread"))]
pub use pool::{Pool, run_pool_thread};
use settings::Setting;

/// An RGBA image of the Mandelbrot set, in the module's memory (shared, in the
/// threaded build).
#[wasm_bindgen]
pub struct Image {
    view: View,
    pixels: Vec<u8>,
}

#[wasm_bindgen]
impl Image {
    /// A black image of `width` × `height` pixels; each pixel will take at
    /// most `iterations` steps.
    #[wasm_bindgen(constructor)]
    pub fn new(width: u32, height: u32, iterations: u32) -> Result<Image, JsError> {
        let view = View {
            width: settings::check(Setting::Width, width)?,
            height: settings::check(Setting::Height, height)?,
            iterations: settings::check(Setting::Iterations, iterations)?,
        };
        Ok(Image {
            view,
            pixels: view.blank(),
        })
    }

    // ANCHOR: render-on
    /// Renders on `pool`'s threads. Blocks until every row is done, so call
    /// it from a worker. `failing_row`, if given, panics in that row, to show
    /// how a failure in a task reaches the page: Rayon carries the panic out
    /// of `install` into this call, wasm-bindgen turns it into a `PanicError`
    /// thrown to JavaScript, and the pool keeps every thread for the next render.
    #[cfg(not(feature = "single-thread"))]
    #[wasm_bindgen(js_name = renderOn)]
    pub fn render_on(&mut self, pool: &Pool, failing_row: Option<u32>) {
        pool.threads
            .install(|| render_parallel(self.view, &mut self.pixels, failing_row));
    }
    // ANCHOR_END: render-on

    // ANCHOR: render-here
    /// The fallback build's render: the same Rayon code, outside any pool of
    /// ours. Rayon's global pool cannot start a thread here, so it runs with
    /// the calling thread alone, and every row is done on it.
    #[cfg(feature = "single-thread")]
    #[wasm_bindgen(js_name = renderHere)]
    pub fn render_here(&mut self, failing_row: Option<u32>) {
        panics::remember_panics();
        render_parallel(self.view, &mut self.pixels, failing_row);
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

// ANCHOR: parallel
/// One row per task, on the pool this runs in (`install`): `par_chunks_mut`
/// hands each task a row that no other task can touch.
fn render_parallel(view: View, pixels: &mut [u8], failing_row: Option<u32>) {
    let row_bytes = view.width as usize * RGBA;
    pixels
        .par_chunks_mut(row_bytes)
        .enumerate()
        .for_each(|(y, row)| {
            let y = y as u32;
            if failing_row == Some(y) {
                panic!("row {y} was asked to fail, to show how a panic in a task reaches the page");
            }
            render_row(view, y, row);
        });
}
// ANCHOR_END: parallel

// ANCHOR: sequential
/// The same rows with a plain loop on the calling thread.
fn render_sequential(view: View, pixels: &mut [u8]) {
    let row_bytes = view.width as usize * RGBA;
    for (y, row) in pixels.chunks_mut(row_bytes).enumerate() {
        render_row(view, y as u32, row);
    }
}
// ANCHOR_END: sequential

/// Reads a setting typed by a person (`threads`, `width`, `height` or
/// `iterations`); throws an `Error` that says what to enter instead.
#[wasm_bindgen(js_name = parseSetting)]
pub fn parse_setting(name: &str, text: &str) -> Result<u32, JsError> {
    let setting = Setting::named(name)
        .ok_or_else(|| JsError::new(&format!("no setting is called {name:?}")))?;
    Ok(settings::parse(setting, text)?)
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

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::ThreadPoolBuilder;

    fn sequential(view: View) -> u32 {
        let mut pixels = view.blank();
        render_sequential(view, &mut pixels);
        mandelbrot::checksum(&pixels)
    }

    fn parallel(view: View, threads: usize) -> u32 {
        let pool = ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let mut pixels = view.blank();
        pool.install(|| render_parallel(view, &mut pixels, None));
        mandelbrot::checksum(&pixels)
    }

    #[test]
    fn the_pool_draws_the_same_pixels_as_the_plain_loop_at_every_thread_count() {
        let views = [(16, 16, 1), (96, 64, 200), (101, 37, 500), (160, 90, 1000)];
        for (width, height, iterations) in views {
            let view = View {
                width,
                height,
                iterations,
            };
            let expected = sequential(view);
            for threads in [1, 2, 3, 4, 8] {
                assert_eq!(
                    parallel(view, threads),
                    expected,
                    "{width}×{height}×{iterations} on {threads}"
                );
            }
        }
    }

    #[test]
    fn a_panicking_row_reaches_the_caller_of_install_with_its_message_and_the_pool_renders_again() {
        let view = View {
            width: 32,
            height: 32,
            iterations: 50,
        };
        let pool = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let mut pixels = view.blank();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.install(|| render_parallel(view, &mut pixels, Some(10)))
        }));
        // A formatted panic! carries a String.
        let payload = caught.unwrap_err();
        let message = payload.downcast_ref::<String>().unwrap();
        assert!(message.starts_with("row 10 was asked to fail"), "{message}");
        // The same pool, after the panic: every thread still takes work.
        pool.install(|| render_parallel(view, &mut pixels, None));
        assert_eq!(mandelbrot::checksum(&pixels), sequential(view));
    }
}
