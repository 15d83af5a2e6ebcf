//! Stage 3: N module workers, one compiled module, one shared memory.
//!
//! [`spawn_workers`] starts the workers from Rust and posts each one the
//! compiled module and the memory this instance runs on. `worker.js`
//! instantiates that same module on that same memory and calls
//! [`worker_entry`]. From then on page and workers talk only through
//! [`Shared`], which lives in that memory: greetings, counters, and a count of
//! finished workers that the page waits on with `Atomics.waitAsync`.

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
compile_error!(
    "stage 3 needs atomics and a shared memory. Build it with `npm run build:wasm` from the \
     repository root, or run `wasm-pack build --target web -- -Z build-std=std,panic_abort` \
     inside rust/03-shared-memory so that its .cargo/config.toml applies. A RUSTFLAGS variable \
     in your environment replaces that file's flags: unset it."
);

mod worker_count;

use std::cell::RefCell;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Barrier, Once, OnceLock};

use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, Worker, WorkerOptions, WorkerType};

pub use worker_count::MAX_WORKERS;

/// The most increments per worker: `MAX_WORKERS * MAX_INCREMENTS` must fit in a `u32`.
pub const MAX_INCREMENTS: u32 = 10_000_000;

// ANCHOR: shared
/// Everything the page and the workers share. It lives in the shared memory:
/// each worker holds an `Arc` to it through its [`Task`], the page through [`Run`].
struct Shared {
    increments: u32,
    /// Workers wait here until all have arrived, so that they count at the same time.
    start_line: Barrier,
    /// Incremented with one atomic read-modify-write: no update is ever lost.
    atomic_total: AtomicU32,
    /// Incremented with a separate atomic load and store: the lost-update race
    /// of a plain `x += 1`, made visible without undefined behaviour.
    racy_total: AtomicU32,
    /// Workers that have finished or panicked. The page waits on its address.
    finished: AtomicU32,
    slots: Box<[Slot]>,
}

/// One worker's report, written once by that worker. The page only ever calls
/// `OnceLock::get`, which never blocks: the main thread may not wait.
#[derive(Default)]
struct Slot {
    greeting: OnceLock<String>,
    panic: OnceLock<String>,
}
// ANCHOR_END: shared

impl Shared {
    fn new(workers: u32, increments: u32) -> Self {
        Shared {
            increments,
            start_line: Barrier::new(workers as usize),
            atomic_total: AtomicU32::new(0),
            racy_total: AtomicU32::new(0),
            finished: AtomicU32::new(0),
            slots: (0..workers).map(|_| Slot::default()).collect(),
        }
    }

    fn mark_finished(&self) {
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

/// What one worker is given: its place and its share of the state.
struct Task {
    index: usize,
    shared: Arc<Shared>,
    fail: bool,
}

thread_local! {
    /// The task this thread is running, so that a panic can be written to its slot.
    static RUNNING: RefCell<Option<(Arc<Shared>, usize)>> = const { RefCell::new(None) };
}

// ANCHOR: spawn
/// Starts `count` module workers from `worker_url`; each greets, then adds 1
/// to both counters `increments` times. `failing_worker`, if given, panics
/// after the start line, to show how a failure reaches the page.
///
/// A refused count or a worker that cannot be created is thrown as an
/// `Error`; nothing keeps running in that case.
#[wasm_bindgen(js_name = spawnWorkers)]
pub fn spawn_workers(
    count: f64,
    increments: u32,
    worker_url: &str,
    failing_worker: Option<u32>,
) -> Result<Run, JsValue> {
    let count = worker_count::validate(count).map_err(JsError::from)?;
    if !(1..=MAX_INCREMENTS).contains(&increments) {
        let message = format!("increments must be from 1 to {MAX_INCREMENTS}");
        return Err(JsError::new(&message).into());
    }
    report_panics_to_the_page();

    let shared = Arc::new(Shared::new(count, increments));
    // Built first, so that an early return drops it and terminates whatever started.
    let mut run = Run {
        shared: Arc::clone(&shared),
        workers: Vec::new(),
    };
    for index in 0..count {
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        options.set_name(&format!("worker-{index}"));
        let worker = Worker::new_with_options(worker_url, &options)?;
        run.workers.push(worker.clone());

        let task = Box::new(Task {
            index: index as usize,
            shared: Arc::clone(&shared),
            fail: failing_worker == Some(index),
        });
        let task_address = Box::into_raw(task) as usize;
        if let Err(error) = worker.post_message(&start_message(task_address)?.into()) {
            // SAFETY: the address never reached the worker, so this is its only owner.
            drop(unsafe { Box::from_raw(task_address as *mut Task) });
            return Err(error);
        }
    }
    Ok(run)
}

/// The one message a worker receives: the compiled module, the shared memory,
/// and the address of its task in that memory.
fn start_message(task_address: usize) -> Result<Object, JsValue> {
    let message = Object::new();
    Reflect::set(&message, &"type".into(), &"start".into())?;
    Reflect::set(&message, &"module".into(), &wasm_bindgen::module())?;
    Reflect::set(&message, &"memory".into(), &wasm_bindgen::memory())?;
    Reflect::set(&message, &"task".into(), &task_address.into())?;
    Ok(message)
}
// ANCHOR_END: spawn

// ANCHOR: entry
/// Runs one worker's task. `worker.js` calls it once, right after `initSync`.
///
/// `task` must be the address that [`spawn_workers`] posted to this worker.
/// Like any raw pointer, another number is undefined behaviour.
#[wasm_bindgen(js_name = workerEntry)]
pub fn worker_entry(task: usize) {
    // SAFETY: spawn_workers made this address with Box::into_raw and posted it
    // to exactly one worker, which calls this function once.
    let Task {
        index,
        shared,
        fail,
    } = *unsafe { Box::from_raw(task as *mut Task) };
    RUNNING.set(Some((Arc::clone(&shared), index)));

    let name = worker_name();
    // Only this worker writes this slot, so `set` cannot find it taken.
    let _ = shared.slots[index]
        .greeting
        .set(format!("Hello from {name}!"));

    shared.start_line.wait();
    if fail {
        panic!("{name} was asked to fail, to show how a panic reaches the page");
    }
    for _ in 0..shared.increments {
        shared.atomic_total.fetch_add(1, Ordering::Relaxed);
    }
    for _ in 0..shared.increments {
        // Another worker may store between this load and this store: its
        // increment is then overwritten and lost.
        let seen = shared.racy_total.load(Ordering::Relaxed);
        shared.racy_total.store(seen + 1, Ordering::Relaxed);
    }

    RUNNING.set(None);
    shared.mark_finished();
}
// ANCHOR_END: entry

fn worker_name() -> String {
    match js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() {
        Ok(worker) => worker.name(),
        Err(_) => "an unnamed thread".to_string(),
    }
}

/// A panic in a worker would otherwise end as a bare `RuntimeError: unreachable`
/// (this crate aborts on panic). The hook records the message in the worker's
/// slot and counts the worker as finished, so that the page never waits for it.
fn report_panics_to_the_page() {
    // One hook serves every thread: it is a static, and statics live in the
    // shared memory.
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let message = info.to_string();
            let reported = RUNNING.with_borrow(|running| match running {
                Some((shared, index)) => {
                    let _ = shared.slots[*index].panic.set(message.clone());
                    shared.mark_finished();
                    true
                }
                None => false,
            });
            if !reported {
                web_sys::console::error_1(&message.into());
            }
        }));
    });
}

// ANCHOR: run
/// A run in progress, as the page sees it. Every getter reads the shared
/// memory without blocking. Dropping the run (`run.free()` in JavaScript)
/// terminates its workers.
#[wasm_bindgen]
pub struct Run {
    shared: Arc<Shared>,
    workers: Vec<Worker>,
}

#[wasm_bindgen]
impl Run {
    #[wasm_bindgen(getter, js_name = workerCount)]
    pub fn worker_count(&self) -> u32 {
        self.shared.slots.len() as u32
    }

    /// What both totals reach when no update is lost: workers × increments.
    #[wasm_bindgen(getter, js_name = expectedTotal)]
    pub fn expected_total(&self) -> u32 {
        self.worker_count() * self.shared.increments
    }

    #[wasm_bindgen(getter)]
    pub fn finished(&self) -> u32 {
        // Acquire pairs with mark_finished's Release: totals read after this are complete.
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

    /// Worker `index`'s panic message, if it panicked.
    #[wasm_bindgen(js_name = panicMessage)]
    pub fn panic_message(&self, index: usize) -> Option<String> {
        self.shared.slots.get(index)?.panic.get().cloned()
    }

    /// Worker `index`, for listening to its lifecycle messages.
    pub fn worker(&self, index: usize) -> Option<Worker> {
        self.workers.get(index).cloned()
    }
}

impl Drop for Run {
    fn drop(&mut self) {
        for worker in &self.workers {
            worker.terminate();
        }
    }
}
// ANCHOR_END: run

/// The largest worker count [`spawn_workers`] accepts.
#[wasm_bindgen(js_name = maxWorkers)]
pub fn max_workers() -> u32 {
    MAX_WORKERS
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
