//! The fallback build only: built with the stable toolchain's prebuilt std,
//! it aborts on panic, so its worker sees only `RuntimeError: unreachable`.
//! The hook keeps the message for that worker to ask for afterwards
//! ([`last_panic`]). The threaded build unwinds instead (see lib.rs).

use std::cell::RefCell;
use std::sync::Once;

use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook, once.
pub fn remember_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| LAST_PANIC.set(Some(info.to_string()))));
    });
}

/// The last panic message, if there was one: `fallback-worker.js` asks after
/// a render threw (an instance still runs exports after a trap).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.take()
}
