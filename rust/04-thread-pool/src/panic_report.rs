//! The crate aborts on panic, so a panic in a pool thread ends that thread,
//! and the render waiting for its rows never returns. The page must still
//! learn what happened: the hook leaves the message at a fixed place in the
//! shared memory and wakes whoever waits on it there.

use std::sync::Once;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};

use wasm_bindgen::JsCast;

// ANCHOR: report
/// Where the first panic's message is. The page reads the three fields as
/// 32-bit integers at [`address`], `+ 4` and `+ 8`.
#[repr(C)]
struct PanicReport {
    /// 0 until a thread has panicked, then 1. The page waits on this address.
    written: AtomicI32,
    /// The message's UTF-8 bytes: where they start, and how many.
    start: AtomicUsize,
    length: AtomicUsize,
}
// ANCHOR_END: report

static REPORT: PanicReport = PanicReport {
    written: AtomicI32::new(0),
    start: AtomicUsize::new(0),
    length: AtomicUsize::new(0),
};

/// Set by the first panicking thread, so that a second one cannot overwrite it.
static CLAIMED: AtomicBool = AtomicBool::new(false);

/// The byte address of the report, for the page.
pub fn address() -> usize {
    &REPORT as *const PanicReport as usize
}

/// Installs the hook, once for every thread: hooks are statics, and statics
/// live in the shared memory.
pub fn install() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            if CLAIMED.swap(true, Ordering::AcqRel) {
                return;
            }
            // Leaked on purpose: the page ends this memory's owner after a panic.
            let message: &'static str = info.to_string().leak();
            REPORT
                .start
                .store(message.as_ptr() as usize, Ordering::Relaxed);
            REPORT.length.store(message.len(), Ordering::Relaxed);
            // Release: whoever sees 1 also sees where the message is.
            REPORT.written.store(1, Ordering::Release);
            wake_waiters_on(&REPORT.written);
        }));
    });
}

/// `Atomics.notify` on `flag`, as in stage 3: Rust's own is still unstable.
fn wake_waiters_on(flag: &AtomicI32) {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let view = js_sys::Int32Array::new(&memory.buffer());
    let index = flag.as_ptr() as u32 / 4;
    // Cannot fail: the view is an Int32Array and the index lies inside it.
    let _ = js_sys::Atomics::notify(&view, index);
}
