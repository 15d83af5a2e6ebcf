//! A run, as the page sees it: what it reads from the shared memory.

use std::cell::Cell;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::constants::INCREMENTS;
use crate::counting::Counting;
use crate::events::clock;
use crate::shared::{Ending, Shared};

// ANCHOR: share-run
/// A run, as the page sees it. Every getter reads the shared memory without
/// blocking.
#[wasm_bindgen]
pub struct Run {
    pub(crate) shared: Arc<Shared>,
    pub(crate) failing_worker: Option<u32>,
    /// When the page prepared the run, on the clock every thread shares.
    pub(crate) started_at: f64,
    pub(crate) ended_at: Cell<Option<f64>>,
    /// The exact total as last read: the mutex's cannot always be read.
    pub(crate) exact_total: Cell<u32>,
}

#[wasm_bindgen]
impl Run {
    #[wasm_bindgen(getter, js_name = workerCount)]
    pub fn worker_count(&self) -> u32 {
        self.shared.slots.len() as u32
    }

    #[wasm_bindgen(getter)]
    pub fn increments(&self) -> u32 {
        INCREMENTS
    }

    /// What both totals reach when no update is lost: workers × increments.
    #[wasm_bindgen(getter, js_name = expectedTotal)]
    pub fn expected_total(&self) -> u32 {
        self.worker_count() * INCREMENTS
    }

    /// Workers whose task has ended, counted or failed.
    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> u32 {
        // Acquire pairs with finish's Release: totals read after this are complete.
        self.shared.finished.load(Ordering::Acquire)
    }

    /// The byte address of the `finished` counter, for `Atomics.waitAsync`.
    #[wasm_bindgen(getter, js_name = finishedAddress)]
    pub fn finished_address(&self) -> usize {
        self.shared.finished.as_ptr() as usize
    }

    /// The name of the run's way of counting.
    #[wasm_bindgen(getter)]
    pub fn counting(&self) -> String {
        self.shared.counting.name().to_string()
    }

    /// What the exact way has counted so far: `fetch_add`'s total, the own
    /// lines' sum, or the mutex's count (as last seen while a worker holds it).
    #[wasm_bindgen(getter, js_name = exactTotal)]
    pub fn exact_total(&self) -> u32 {
        if let Some(total) = self.shared.try_exact_total() {
            self.exact_total.set(total);
        }
        self.exact_total.get()
    }

    /// The racy total, in a run that counts on the shared line; else undefined.
    #[wasm_bindgen(getter, js_name = racyTotal)]
    pub fn racy_total(&self) -> Option<u32> {
        (self.shared.counting == Counting::SharedLine)
            .then(|| self.shared.racy_total.load(Ordering::Relaxed))
    }

    /// Worker `index`'s greeting, once it has written one.
    pub fn greeting(&self, index: usize) -> Option<String> {
        self.shared.slots.get(index)?.greeting.get().cloned()
    }

    /// Where worker `index` is: "starting", "greeted" (waiting at the start
    /// line), "counting", "done", "panicked" or "failed".
    #[wasm_bindgen(js_name = workerState)]
    pub fn worker_state(&self, index: usize) -> String {
        let slots = &self.shared.slots;
        let state = match slots.get(index).map(|slot| slot.ending.get()) {
            Some(Some(Ending::Counted)) => "done",
            Some(Some(Ending::Failed { panicked: true, .. })) => "panicked",
            Some(Some(Ending::Failed { .. })) => "failed",
            Some(None) if slots[index].greeting.get().is_none() => "starting",
            // The start line opens once every worker has greeted.
            Some(None) if slots.iter().all(|slot| slot.greeting.get().is_some()) => "counting",
            Some(None) => "greeted",
            None => "starting",
        };
        state.to_string()
    }

    /// Why worker `index` failed, if it did.
    pub fn failure(&self, index: usize) -> Option<String> {
        match self.shared.slots.get(index)?.ending.get()? {
            Ending::Failed { message, .. } => Some(message.clone()),
            Ending::Counted => None,
        }
    }
}
// ANCHOR_END: share-run

// ANCHOR: timeline-run
/// The run's timeline: when it started and ended, and what each worker recorded.
#[wasm_bindgen]
impl Run {
    /// When the page prepared the run: milliseconds on the clock every thread shares.
    #[wasm_bindgen(getter, js_name = startedAt)]
    pub fn started_at(&self) -> f64 {
        self.started_at
    }

    /// The page calls this once the run has ended; later calls change nothing.
    pub fn end(&self) {
        if self.ended_at.get().is_none() {
            self.ended_at.set(Some(clock()));
        }
    }

    /// When the run ended, once [`Run::end`] has been called.
    #[wasm_bindgen(getter, js_name = endedAt)]
    pub fn ended_at(&self) -> Option<f64> {
        self.ended_at.get()
    }

    /// Milliseconds from the start to the end, or to now while it runs.
    #[wasm_bindgen(getter)]
    pub fn elapsed(&self) -> f64 {
        self.ended_at.get().unwrap_or_else(clock) - self.started_at
    }

    /// Whether the workers record their timelines.
    #[wasm_bindgen(getter)]
    pub fn recording(&self) -> bool {
        self.shared.recording
    }

    /// Worker `index`'s timeline so far, in order: `{ kind, at, value }` each,
    /// `at` in milliseconds on the clock every thread shares.
    pub fn events(&self, index: usize) -> Array {
        let Some(slot) = self.shared.slots.get(index) else {
            return Array::new();
        };
        slot.events
            .read()
            .into_iter()
            .map(|(event, at, value)| {
                let entry = Object::new();
                // Cannot fail: `entry` is a plain object.
                let _ = Reflect::set(&entry, &"kind".into(), &event.name().into())
                    .and(Reflect::set(&entry, &"at".into(), &at.into()))
                    .and(Reflect::set(&entry, &"value".into(), &value.into()));
                JsValue::from(entry)
            })
            .collect()
    }
}
// ANCHOR_END: timeline-run
