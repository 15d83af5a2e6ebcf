//! What the page and the workers share, in the shared memory, and how a
//! worker tells the page that it has finished.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Barrier, OnceLock};

use wasm_bindgen::JsCast;

// ANCHOR: share-state
/// Everything the page and the workers share. It lives in the shared memory:
/// each worker holds an `Arc` to it through its [`Task`], the page through [`Run`].
pub(crate) struct Shared {
    /// Workers wait here until all have arrived, so that they count at the same time.
    pub(crate) start_line: Barrier,
    /// Incremented with one atomic read-modify-write: no update is ever lost.
    pub(crate) atomic_total: AtomicU32,
    /// Incremented with a separate atomic load and store: the lost-update race
    /// of a plain `x += 1`, made visible without undefined behaviour.
    pub(crate) racy_total: AtomicU32,
    /// Workers whose task has ended, counted or failed. The page waits on its address.
    pub(crate) finished: AtomicU32,
    pub(crate) slots: Box<[Slot]>,
}

/// One worker's report, written only by that worker. The page only ever calls
/// `OnceLock::get`, which never blocks: the main thread may not wait.
#[derive(Default)]
pub(crate) struct Slot {
    pub(crate) greeting: OnceLock<String>,
    pub(crate) ending: OnceLock<Ending>,
}

pub(crate) enum Ending {
    Counted,
    /// The task trapped; the panic message, or the trap's if it was no panic.
    Failed {
        panicked: bool,
        message: String,
    },
}
// ANCHOR_END: share-state

impl Shared {
    pub(crate) fn new(workers: u32) -> Self {
        Shared {
            start_line: Barrier::new(workers as usize),
            atomic_total: AtomicU32::new(0),
            racy_total: AtomicU32::new(0),
            finished: AtomicU32::new(0),
            slots: (0..workers).map(|_| Slot::default()).collect(),
        }
    }
}

// ANCHOR: wait-notify
impl Shared {
    /// Records how worker `index` ended and wakes the page.
    pub(crate) fn finish(&self, index: usize, ending: Ending) {
        // Only this worker writes this slot, so `set` cannot find it taken.
        let _ = self.slots[index].ending.set(ending);
        // Release: whoever sees the new count also sees this worker's totals.
        self.finished.fetch_add(1, Ordering::Release);
        wake_waiters_on(&self.finished);
    }
}

/// `Atomics.notify` on `counter`: wakes every `Atomics.waitAsync` (or, in a
/// worker, `Atomics.wait`) on its address. Rust's own `memory_atomic_notify`
/// is still unstable, so this goes through JavaScript.
fn wake_waiters_on(counter: &AtomicU32) {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let view = js_sys::Int32Array::new(&memory.buffer());
    let index = counter.as_ptr() as u32 / 4;
    // Cannot fail: the view is an Int32Array and the index lies inside it.
    let _ = js_sys::Atomics::notify(&view, index);
}
// ANCHOR_END: wait-notify
