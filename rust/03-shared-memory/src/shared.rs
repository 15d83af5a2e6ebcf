//! What the page and the workers share, in the shared memory, and how a
//! worker tells the page that it has finished.

use std::ops::Deref;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Barrier, Mutex, OnceLock};

use wasm_bindgen::JsCast;

use crate::counting::Counting;
use crate::events::{Event, Events};

// ANCHOR: share-state
/// Everything the page and the workers share. It lives in the shared memory:
/// each worker holds an `Arc` to it through its [`Task`], the page through [`Run`].
pub(crate) struct Shared {
    /// How this run counts: the page's switch.
    pub(crate) counting: Counting,
    /// Whether workers record their events (the bench compares on and off).
    pub(crate) recording: bool,
    /// Workers wait here until all have arrived, so that they count at the same time.
    pub(crate) start_line: Barrier,
    /// Incremented with one atomic read-modify-write: no update is ever lost.
    pub(crate) atomic_total: CacheLine<AtomicU32>,
    /// Incremented with a separate atomic load and store: the lost-update race
    /// of a plain `x += 1`, made visible without undefined behaviour.
    pub(crate) racy_total: CacheLine<AtomicU32>,
    pub(crate) mutex_total: CacheLine<Mutex<u32>>,
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
    /// This worker's counter when each counts on its own line.
    pub(crate) own: CacheLine<AtomicU32>,
    pub(crate) events: Events,
}

pub(crate) enum Ending {
    Counted,
    /// The task trapped; the panic message, or the trap's if it was no panic.
    Failed {
        panicked: bool,
        message: String,
    },
}

/// A value alone on a 64-byte cache line, the size of a line on x86 and most
/// Arm cores: a write to it moves no other value's line between cores.
/// (crossbeam's `CachePadded` takes 128 bytes on x86-64 and aarch64, where
/// the prefetcher pulls lines in pairs or big cores have 128-byte lines.)
#[derive(Default)]
#[repr(align(64))]
pub(crate) struct CacheLine<T>(T);
// ANCHOR_END: share-state

impl<T> Deref for CacheLine<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl Shared {
    pub(crate) fn new(workers: u32, counting: Counting, recording: bool) -> Self {
        Shared {
            counting,
            recording,
            start_line: Barrier::new(workers as usize),
            atomic_total: CacheLine::default(),
            racy_total: CacheLine::default(),
            mutex_total: CacheLine::default(),
            finished: AtomicU32::new(0),
            slots: (0..workers).map(|_| Slot::default()).collect(),
        }
    }

    /// Records `event` in worker `index`'s timeline, if this run records.
    pub(crate) fn record(&self, index: usize, event: Event, value: u32) {
        if self.recording {
            self.slots[index].events.record(event, value);
        }
    }

    /// The total of the run's exact way of counting, as far as it has got.
    /// `None` while a worker holds the mutex: the page may not wait for it.
    pub(crate) fn try_exact_total(&self) -> Option<u32> {
        match self.counting {
            Counting::SharedLine => Some(self.atomic_total.load(Ordering::Relaxed)),
            Counting::OwnLine => Some(
                self.slots
                    .iter()
                    .map(|slot| slot.own.load(Ordering::Relaxed))
                    .sum(),
            ),
            Counting::Mutex => self.mutex_total.try_lock().ok().map(|total| *total),
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
