//! Stage 4: a thread pool doing real work.
//!
//! [`Pool`] is a Rayon thread pool whose threads are module workers, started
//! as stage 3 starts its workers and then kept alive to take task after task.
//! [`Image`] renders the Mandelbrot set row by row, either on a pool or with
//! a plain loop, and checksums its pixels so that both can be compared.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
compile_error!(
    "stage 4 needs atomics and a shared memory. Build it with `npm run build:wasm` from the \
     repository root, or run `wasm-pack build --target web -- -Z build-std=std,panic_abort` \
     inside rust/04-thread-pool so that its .cargo/config.toml applies. A RUSTFLAGS variable \
     in your environment replaces that file's flags: unset it."
);

mod mandelbrot;
mod panic_report;
mod pool;
mod settings;

use js_sys::Uint8Array;
use rayon::prelude::*;
use wasm_bindgen::prelude::*;

use mandelbrot::{RGBA, View, render_row};
pub use pool::{Pool, run_pool_thread, start_pool_worker};
use settings::Setting;

/// An RGBA image of the Mandelbrot set, in the shared memory.
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
        let pixels = vec![0; width as usize * height as usize * RGBA];
        Ok(Image { view, pixels })
    }

    // ANCHOR: parallel
    /// Renders on `pool`'s threads, one row per task. Blocks until every row
    /// is done, so call it from a worker. `failing_row`, if given, panics in
    /// that row, to show how a failure in a task reaches the page.
    #[wasm_bindgen(js_name = renderOn)]
    pub fn render_on(&mut self, pool: &Pool, failing_row: Option<u32>) {
        let view = self.view;
        let row_bytes = view.width as usize * RGBA;
        pool.threads.install(|| {
            self.pixels
                .par_chunks_mut(row_bytes)
                .enumerate()
                .for_each(|(y, row)| {
                    let y = y as u32;
                    if failing_row == Some(y) {
                        panic!("row {y} was asked to fail, to show how a panic in a task reaches the page");
                    }
                    render_row(view, y, row);
                });
        });
    }
    // ANCHOR_END: parallel

    // ANCHOR: sequential
    /// Renders on the calling thread with a plain loop: the baseline the
    /// pool is measured against.
    #[wasm_bindgen(js_name = renderSequential)]
    pub fn render_sequential(&mut self) {
        let view = self.view;
        let row_bytes = view.width as usize * RGBA;
        for (y, row) in self.pixels.chunks_mut(row_bytes).enumerate() {
            render_row(view, y as u32, row);
        }
    }
    // ANCHOR_END: sequential

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

/// Reads a setting typed by a person (`threads`, `width`, `height` or
/// `iterations`); throws an `Error` that says what to enter instead.
#[wasm_bindgen(js_name = parseSetting)]
pub fn parse_setting(name: &str, text: &str) -> Result<u32, JsError> {
    Ok(settings::parse(setting_named(name)?, text)?)
}

/// `[smallest, largest, default]` for a setting, for the page's hints.
#[wasm_bindgen(js_name = settingLimits)]
pub fn setting_limits(name: &str) -> Result<Vec<u32>, JsError> {
    let setting = setting_named(name)?;
    let range = setting.range();
    Ok(vec![*range.start(), *range.end(), setting.default_value()])
}

fn setting_named(name: &str) -> Result<Setting, JsError> {
    match name {
        "threads" => Ok(Setting::Threads),
        "width" => Ok(Setting::Width),
        "height" => Ok(Setting::Height),
        "iterations" => Ok(Setting::Iterations),
        _ => Err(JsError::new(&format!("no setting is called {name:?}"))),
    }
}

/// The byte address of the panic report in the shared memory (see `panic_report.rs`).
#[wasm_bindgen(js_name = panicReportAddress)]
pub fn panic_report_address() -> usize {
    panic_report::address()
}

/// The memory every thread shares, for the page to read the panic report from.
#[wasm_bindgen(js_name = sharedMemory)]
pub fn shared_memory() -> JsValue {
    wasm_bindgen::memory()
}
