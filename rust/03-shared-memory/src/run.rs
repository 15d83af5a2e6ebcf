//! A run, as the page sees it: what it reads from the shared memory.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use wasm_bindgen::prelude::*;

use crate::constants::INCREMENTS;
use crate::shared::{Ending, Shared};

// ANCHOR: share-run
/// A run, as the page sees it. Every getter reads the shared memory without
/// blocking.
#[wasm_bindgen]
pub struct Run {
    pub(crate) shared: Arc<Shared>,
    pub(crate) failing_worker: Option<u32>,
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

    #[wasm_bindgen(getter, js_name = atomicTotal)]
    pub fn atomic_total(&self) -> u32 {
        self.shared.atomic_total.load(Ordering::Relaxed)
    }

    #[wasm_bindgen(getter, js_name = racyTotal)]
    pub fn racy_total(&self) -> u32 {
        self.shared.racy_total.load(Ordering::Relaxed)
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
