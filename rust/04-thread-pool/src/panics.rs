//! The crate aborts on panic: a panicking pool thread traps, and its worker
//! sees only `RuntimeError: unreachable`. The hook keeps the message, per
//! thread, for that worker to ask for afterwards ([`last_panic`]).

use std::cell::RefCell;
use std::sync::Once;

use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the hook, once for every thread: hooks are statics, and statics
/// live in the shared memory.
pub fn remember_panics() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| LAST_PANIC.set(Some(info.to_string()))));
    });
}

/// This thread's last panic message, if it panicked: `pool-worker.js` asks
/// after `runPoolThread` threw (an instance still runs exports after a trap).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.take()
}
