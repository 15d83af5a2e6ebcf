//! Each worker's timeline: a few events, written into a fixed-size buffer in
//! the shared memory with plain atomic stores, while the page reads them.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// When this thread's clock started: the page's navigation, or, in a
    /// worker, the moment the worker started. Every thread has its own.
    #[wasm_bindgen(thread_local_v2, js_namespace = performance, js_name = timeOrigin)]
    static TIME_ORIGIN: f64;
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Milliseconds on one axis for every thread. `performance.now()` alone counts
/// from the calling thread's own `timeOrigin`, so a worker's 5.0 and the
/// page's 5.0 are different moments; `timeOrigin + now()` is the same moment
/// everywhere. Browsers coarsen both, less on a cross-origin isolated page.
pub(crate) fn clock() -> f64 {
    TIME_ORIGIN.with(|origin| *origin) + performance_now()
}

// ANCHOR: events
/// What a worker records, in the order it happens.
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(u32)]
pub(crate) enum Event {
    /// `workerEntry` began: the module is instantiated on the shared memory.
    Instantiated,
    /// Greeted, and waiting at the start line.
    AtStartLine,
    /// Past the start line: counting.
    Counting,
    /// A progress sample; its value is how far this worker has counted.
    Sample,
    Done,
    Failed,
}

/// How many progress samples a worker records while it counts.
pub(crate) const SAMPLES: u32 = 4;
/// Instantiated, at the start line, counting, the samples, then done or failed.
const CAPACITY: usize = 4 + SAMPLES as usize;

/// One worker's events. Only that worker writes, and never an event twice:
/// it fills an entry, then publishes it by raising `len` with Release. The
/// page loads `len` with Acquire and reads only the entries below it. No
/// lock, no message: a few stores per event.
#[derive(Default)]
pub(crate) struct Events {
    len: AtomicU32,
    kinds: [AtomicU32; CAPACITY],
    /// f64 milliseconds, as their bits: there is no atomic f64.
    times: [AtomicU64; CAPACITY],
    values: [AtomicU32; CAPACITY],
}
// ANCHOR_END: events

impl Events {
    /// Records `event` now, unless the buffer is full (it is sized so that it never is).
    pub(crate) fn record(&self, event: Event, value: u32) {
        let index = self.len.load(Ordering::Relaxed) as usize;
        if index >= CAPACITY {
            return;
        }
        self.kinds[index].store(event as u32, Ordering::Relaxed);
        self.times[index].store(clock().to_bits(), Ordering::Relaxed);
        self.values[index].store(value, Ordering::Relaxed);
        // Release: whoever reads the new length also reads the entry.
        self.len.store(index as u32 + 1, Ordering::Release);
    }

    /// Every event published so far: (event, time, value).
    pub(crate) fn read(&self) -> Vec<(Event, f64, u32)> {
        let len = self.len.load(Ordering::Acquire) as usize;
        (0..len.min(CAPACITY))
            .map(|index| {
                let kind = self.kinds[index].load(Ordering::Relaxed);
                let time = f64::from_bits(self.times[index].load(Ordering::Relaxed));
                (
                    Event::from_u32(kind),
                    time,
                    self.values[index].load(Ordering::Relaxed),
                )
            })
            .collect()
    }
}

impl Event {
    const ALL: [Event; 6] = [
        Event::Instantiated,
        Event::AtStartLine,
        Event::Counting,
        Event::Sample,
        Event::Done,
        Event::Failed,
    ];

    /// Only `record` stores kinds, and only as `event as u32`.
    fn from_u32(kind: u32) -> Event {
        Event::ALL[kind as usize]
    }

    /// The event's name for the page.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Event::Instantiated => "instantiated",
            Event::AtStartLine => "at-start-line",
            Event::Counting => "counting",
            Event::Sample => "sample",
            Event::Done => "done",
            Event::Failed => "failed",
        }
    }
}
