//! Stage 2: the same kind of module, loaded inside one module Web Worker.
//!
//! Nothing here knows about messages: `worker.js` receives a request, calls
//! [`greet`], and posts the answer back. The one change from stage 1 is that
//! the greeting names the thread it was made on, read from the worker's
//! global scope.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::DedicatedWorkerGlobalScope;

// ANCHOR: greet
/// Builds the greeting for `name` and says which thread made it.
///
/// A blank name becomes "stranger". There is no `alert()` here: a worker's
/// global scope has none, so the answer travels back to the page as a message.
#[wasm_bindgen]
pub fn greet(name: &str) -> String {
    let name = match name.trim() {
        "" => "stranger",
        trimmed => trimmed,
    };
    // As in stage 1, U+2068 and U+2069 isolate the name from the sentence's direction.
    format!(
        "Hello, \u{2068}{name}\u{2069}! Greetings from {}.",
        thread_name()
    )
}

/// The name the page gave this worker, or "the main thread" outside a worker.
#[wasm_bindgen(js_name = threadName)]
pub fn thread_name() -> String {
    match js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() {
        Ok(worker) => worker.name(),
        Err(_) => "the main thread".to_string(),
    }
}
// ANCHOR_END: greet
