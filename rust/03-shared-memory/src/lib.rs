//! Stage 3: N module workers, one compiled module, one shared memory.
//!
//! The page creates a [`Run`] and one module worker per task, and posts each
//! worker [`Run::start_message`]: the compiled module, the memory this
//! instance runs on, and the address of the worker's task. `worker.js`
//! instantiates that same module on that same memory and calls
//! [`worker_entry`]. From then on page and workers talk only through
//! `Shared` (shared.rs), which lives in that memory: greetings, counters, and a count of
//! finished workers that the page waits on with `Atomics.waitAsync`.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
compile_error!(
    "stage 3 needs atomics and a shared memory. Build it with `npm run build:wasm` from the \
     repository root, or run `wasm-pack build . --target web --mode force -- -Z \
     build-std=std,panic_abort` inside rust/03-shared-memory so that its .cargo/config.toml \
     and rust-toolchain.toml apply. A RUSTFLAGS variable \
     in your environment replaces that file's flags: unset it."
);

mod constants;
mod counting;
mod events;
mod run;
mod shared;
mod task;
mod worker_count;

use wasm_bindgen::prelude::*;

pub use constants::{INCREMENTS, MAX_WORKERS, MEMORY_CAP_BYTES, constants};
pub use run::Run;
pub use task::{worker_entry, worker_failed};

/// Reads a worker count typed by a person; throws an `Error` that says what
/// to enter instead.
#[wasm_bindgen(js_name = parseWorkerCount)]
pub fn parse_worker_count(text: &str) -> Result<u32, JsError> {
    Ok(worker_count::parse(text)?)
}

/// The memory every worker shares, for `Atomics` calls from JavaScript.
#[wasm_bindgen(js_name = sharedMemory)]
pub fn shared_memory() -> JsValue {
    wasm_bindgen::memory()
}
