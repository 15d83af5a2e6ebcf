//! Stage 3: N module workers, one compiled module, one shared memory.
//!
//! The page creates a [`Run`] and one module worker per task, and posts each
//! worker [`Run::start_message`]: the compiled module, the memory this
//! instance runs on, and the address of the worker's task. `worker.js`
//! instantiates that same module on that same memory and calls
//! [`worker_entry`]. From then on page and workers talk only through
//! [`Shared`], which lives in that memory: greetings, counters, and a count of
//! finished workers that the page waits on with `Atomics.waitAsync`.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
compile_error!(
    "stage 3 needs atomics and a shared memory. Build it with `npm run build:wasm` from the \
     repository root, or run `wasm-pack build . --target web --mode force -- -Z \
     build-std=std,panic_abort` inside rust/03-shared-memory so that its .cargo/config.toml \
     and rust-toolchain.toml apply. A RUSTFLAGS variable \
     in your environment replaces that file's flags: unset it."
);

mod worker_count;

use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Barrier, Once, OnceLock};

use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::DedicatedWorkerGlobalScope;

pub use worker_count::MAX_WORKERS;

/// Each worker adds 1 to each counter this many times.
pub const INCREMENTS: u32 = 10_000_000;
// Both totals are u32: the largest run must fit.
const _: () = assert!(MAX_WORKERS.checked_mul(INCREMENTS).is_some());

/// The shared memory's fixed maximum: `--max-memory` in `.cargo/config.toml`
/// (a test checks that the two agree).
pub const MEMORY_CAP_BYTES: u32 = 128 << 20;

// ANCHOR: share-state
/// Everything the page and the workers share. It lives in the shared memory:
/// each worker holds an `Arc` to it through its [`Task`], the page through [`Run`].
struct Shared {
    /// Workers wait here until all have arrived, so that they count at the same time.
    start_line: Barrier,
    /// Incremented with one atomic read-modify-write: no update is ever lost.
    atomic_total: AtomicU32,
    /// Incremented with a separate atomic load and store: the lost-update race
    /// of a plain `x += 1`, made visible without undefined behaviour.
    racy_total: AtomicU32,
    /// Workers whose task has ended, counted or failed. The page waits on its address.
    finished: AtomicU32,
    slots: Box<[Slot]>,
}

/// One worker's report, written only by that worker. The page only ever calls
/// `OnceLock::get`, which never blocks: the main thread may not wait.
#[derive(Default)]
struct Slot {
    greeting: OnceLock<String>,
    ending: OnceLock<Ending>,
}

enum Ending {
    Counted,
    /// The task trapped; the panic message, or the trap's if it was no panic.
    Failed {
        panicked: bool,
        message: String,
    },
}
// ANCHOR_END: share-state

impl Shared {
    fn new(workers: u32) -> Self {
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
    fn finish(&self, index: usize, ending: Ending) {
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

// ANCHOR: share-task
/// What one worker is given: its place and its share of the state.
struct Task {
    index: usize,
    shared: Arc<Shared>,
    fail: bool,
}

#[wasm_bindgen]
impl Run {
    /// Prepares a run of `count` workers; `failing_worker`, if given, panics
    /// after the start line, to show how a failure reaches the page. A refused
    /// count is thrown as an `Error` that says what to enter instead.
    #[wasm_bindgen(constructor)]
    pub fn new(count: f64, failing_worker: Option<u32>) -> Result<Run, JsError> {
        let count = worker_count::validate(count)?;
        remember_panics();
        Ok(Run {
            shared: Arc::new(Shared::new(count)),
            failing_worker,
        })
    }

    /// The one message worker `index` needs: the compiled module, the shared
    /// memory, and the address of its task in that memory. Post it to exactly
    /// one worker, which then owns the task.
    #[wasm_bindgen(js_name = startMessage)]
    pub fn start_message(&self, index: u32) -> Result<Object, JsError> {
        if index >= self.worker_count() {
            return Err(JsError::new("no such worker in this run"));
        }
        let task = Box::new(Task {
            index: index as usize,
            shared: Arc::clone(&self.shared),
            fail: self.failing_worker == Some(index),
        });
        let message = Object::new();
        let set = |key: &str, value: &JsValue| Reflect::set(&message, &key.into(), value);
        // Cannot fail: `message` is a plain object.
        let _ = set("type", &"start".into())
            .and(set("module", &wasm_bindgen::module()))
            .and(set("memory", &wasm_bindgen::memory()))
            .and(set("task", &(Box::into_raw(task) as usize).into()));
        Ok(message)
    }
}
// ANCHOR_END: share-task

// ANCHOR: share-entry
/// Runs one worker's task. `worker.js` calls it once, right after `initSync`.
///
/// `task` must be the address that [`Run::start_message`] posted to this
/// worker. Like any raw pointer, another number is undefined behaviour.
#[wasm_bindgen(js_name = workerEntry)]
pub fn worker_entry(task: usize) {
    // SAFETY: start_message made this address with Box::into_raw and posted it
    // to exactly one worker. The box stays where it is while the task runs: if
    // it traps, `worker_failed` still finds it there.
    let Task {
        index,
        ref shared,
        fail,
    } = *unsafe { &*(task as *const Task) };

    // Moved into the shared slot at once: a panic further down drops nothing
    // this function owns, so nothing it owns may be left on its stack.
    let greeting = format!("Hello from {}!", worker_name());
    let _ = shared.slots[index].greeting.set(greeting);

    // ANCHOR: wait-start-line
    // A worker may block: only the page's main thread may not.
    shared.start_line.wait();
    // ANCHOR_END: wait-start-line
    if fail {
        // A plain message: formatting one would allocate, on this stack, a
        // string that the trap then leaks.
        panic!("this worker was asked to fail, to show how a panic reaches the page");
    }
    for _ in 0..INCREMENTS {
        shared.atomic_total.fetch_add(1, Ordering::Relaxed);
    }
    for _ in 0..INCREMENTS {
        // Another worker may store between this load and this store: its
        // increment is then overwritten and lost.
        let seen = shared.racy_total.load(Ordering::Relaxed);
        shared.racy_total.store(seen + 1, Ordering::Relaxed);
    }

    shared.finish(index, Ending::Counted);
    // SAFETY: as above; nothing uses the task after this.
    drop(unsafe { Box::from_raw(task as *mut Task) });
}
// ANCHOR_END: share-entry

fn worker_name() -> String {
    match js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() {
        Ok(worker) => worker.name(),
        Err(_) => "an unnamed thread".to_string(),
    }
}

// ANCHOR: robust-failed
thread_local! {
    /// This thread's last panic message, kept for `worker_failed`.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// This crate aborts on panic: a panic traps, and the caller in JavaScript
/// sees only `RuntimeError: unreachable`. The hook keeps the message.
fn remember_panics() {
    // One hook serves every thread: it is a static, and statics live in the
    // shared memory.
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            LAST_PANIC.set(Some(info.to_string()));
        }));
    });
}

/// Does for a task that trapped what unwinding would have done: records why
/// it failed, counts it as finished and frees it. `worker.js` calls it after
/// [`worker_entry`] threw; the instance still runs exports after a trap.
///
/// `task` must be the address that [`worker_entry`] was given.
#[wasm_bindgen(js_name = workerFailed)]
pub fn worker_failed(task: usize, error: String) {
    // SAFETY: worker_entry trapped before freeing its task, and nothing else
    // on this thread still refers to it.
    let task = unsafe { Box::from_raw(task as *mut Task) };
    let index = task.index;
    let ending = match LAST_PANIC.take() {
        Some(message) => Ending::Failed {
            panicked: true,
            message: format!("worker-{index} {message}"),
        },
        None => Ending::Failed {
            panicked: false,
            message: format!("worker-{index} trapped: {error}"),
        },
    };
    task.shared.finish(index, ending);
}
// ANCHOR_END: robust-failed

// ANCHOR: share-run
/// A run, as the page sees it. Every getter reads the shared memory without
/// blocking.
#[wasm_bindgen]
pub struct Run {
    shared: Arc<Shared>,
    failing_worker: Option<u32>,
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

/// The largest worker count a run accepts.
#[wasm_bindgen(js_name = maxWorkers)]
pub fn max_workers() -> u32 {
    MAX_WORKERS
}

/// The most bytes the shared memory can ever hold.
#[wasm_bindgen(js_name = memoryCapBytes)]
pub fn memory_cap_bytes() -> u32 {
    MEMORY_CAP_BYTES
}

/// Reads a worker count typed by a person; throws an `Error` that says what
/// to enter instead.
#[wasm_bindgen(js_name = parseWorkerCount)]
pub fn parse_worker_count(text: &str) -> Result<u32, JsError> {
    Ok(worker_count::parse(text)?)
}

/// The memory every worker shares, for `Atomics` calls from JavaScript.
#[wasm_bindgen(js_name = sharedMemory)]
pub fn shared_memory() -> JsValue {
    wasm_bindgen::memory()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_memory_cap_is_the_one_the_linker_is_given() {
        let config = include_str!("../.cargo/config.toml");
        let flag = format!("link-arg=--max-memory={}", super::MEMORY_CAP_BYTES);
        assert!(config.contains(&flag), "{flag} not in .cargo/config.toml");
    }
}
