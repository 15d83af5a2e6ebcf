//! A `Mutex` that a worker holds while the page's main thread asks for it.
//!
//! A contended `lock()` sleeps with `memory.atomic.wait32`, which the main
//! thread is not meant to do: engines differ in what they make of it.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use wasm_bindgen::prelude::*;

static LOCK: Mutex<()> = Mutex::new(());
/// Whether a worker holds [`LOCK`], for the page to wait on without taking it.
static HELD: AtomicBool = AtomicBool::new(false);

// ANCHOR: lock
/// Takes the lock and keeps it for `ms` milliseconds. Call from a worker:
/// it sleeps.
#[wasm_bindgen(js_name = holdLock)]
pub fn hold_lock(ms: u32) {
    let _guard = LOCK.lock().unwrap_or_else(PoisonError::into_inner);
    HELD.store(true, Ordering::SeqCst);
    std::thread::sleep(Duration::from_millis(ms.into()));
    HELD.store(false, Ordering::SeqCst);
}

/// Takes the same lock and lets go at once: what any page-side call into
/// Rust does that touches data a worker has locked.
#[wasm_bindgen(js_name = takeLock)]
pub fn take_lock() {
    drop(LOCK.lock().unwrap_or_else(PoisonError::into_inner));
}
// ANCHOR_END: lock

#[wasm_bindgen(js_name = lockIsHeld)]
pub fn lock_is_held() -> bool {
    HELD.load(Ordering::SeqCst)
}
