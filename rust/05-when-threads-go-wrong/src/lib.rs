//! Stage 5: when threads go wrong.
//!
//! Each export is one side of a failure that the page reproduces: a panic
//! while another thread waits for an answer ([`handoff`]), and a lock that
//! the page's main thread has to wait for ([`lock`]). The crate is built
//! twice from the same code, with `panic = "abort"` into pkg/ and with
//! `panic = "unwind"` into pkg-unwind/ (its .cargo/unwind.toml): what differs
//! between the two is only what a panic does.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
compile_error!(
    "stage 5 needs atomics and a shared memory. Build it with `npm run build:wasm` from the \
     repository root, or run `wasm-pack build . --target web --mode force -- -Z \
     build-std=std,panic_abort` inside rust/05-when-threads-go-wrong so that its \
     .cargo/config.toml and rust-toolchain.toml apply. A RUSTFLAGS variable in your \
     environment replaces that file's flags: unset it."
);

mod handoff;
mod lock;

use wasm_bindgen::prelude::*;

pub use handoff::{consume, open_channel, produce};
pub use lock::{hold_lock, lock_is_held, take_lock};

/// How this build handles a panic, "abort" or "unwind": the page shows
/// which build answered.
#[wasm_bindgen(js_name = panicStrategy)]
pub fn panic_strategy() -> String {
    if cfg!(panic = "unwind") {
        "unwind"
    } else {
        "abort"
    }
    .into()
}

/// The memory this instance runs on, to post to the next thread.
#[wasm_bindgen(js_name = sharedMemory)]
pub fn shared_memory() -> JsValue {
    wasm_bindgen::memory()
}
