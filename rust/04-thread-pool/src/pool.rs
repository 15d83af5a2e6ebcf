//! The pool: Rayon's threads, each one run by a module worker that was
//! started the way stage 3 starts its workers.

use std::io;

use js_sys::{Object, Reflect};
use rayon::{ThreadBuilder, ThreadPool, ThreadPoolBuilder};
use wasm_bindgen::prelude::*;
use web_sys::{Worker, WorkerOptions, WorkerType};

use crate::panic_report;
use crate::settings::{self, Setting};

// ANCHOR: pool
/// A Rayon thread pool whose threads are module workers. Create it, and call
/// anything that blocks on it, from a worker only: the page's main thread may
/// not wait.
#[wasm_bindgen]
pub struct Pool {
    pub(crate) threads: ThreadPool,
}

#[wasm_bindgen]
impl Pool {
    /// Gives each of `workers` (from [`start_pool_worker`], all loaded) one
    /// Rayon thread to run. Returns at once; each worker posts `started` when
    /// its thread runs. Wait for all of them before the first blocking call.
    #[wasm_bindgen(constructor)]
    pub fn new(workers: Vec<Worker>) -> Result<Pool, JsError> {
        let count = settings::check(Setting::Threads, workers.len() as u32)?;
        panic_report::install();
        let threads = ThreadPoolBuilder::new()
            .num_threads(count as usize)
            // Rayon calls this once per thread, instead of std::thread::spawn.
            .spawn_handler(|thread| {
                let worker = &workers[thread.index()];
                hand_over(thread, worker).map_err(|error| io::Error::other(format!("{error:?}")))
            })
            .build()
            .map_err(|error| JsError::new(&format!("the pool could not start: {error}")))?;
        Ok(Pool { threads })
    }

    #[wasm_bindgen(getter, js_name = threadCount)]
    pub fn thread_count(&self) -> usize {
        self.threads.current_num_threads()
    }
}

/// Stage 3's spawn: a module worker for pool thread `index`, with nothing to
/// run yet. Whoever calls this listens to the worker and ends it.
#[wasm_bindgen(js_name = startPoolWorker)]
pub fn start_pool_worker(worker_url: &str, index: u32) -> Result<Worker, JsValue> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    options.set_name(&format!("pool-{index}"));
    Worker::new_with_options(worker_url, &options)
}

/// Posts `worker` the compiled module, the shared memory and the address of
/// a Rayon thread to run.
fn hand_over(thread: ThreadBuilder, worker: &Worker) -> Result<(), JsValue> {
    let address = Box::into_raw(Box::new(thread)) as usize;
    let posted = start_message(address).and_then(|message| worker.post_message(&message));
    if posted.is_err() {
        // SAFETY: the address never reached the worker, so this is its only owner.
        drop(unsafe { Box::from_raw(address as *mut ThreadBuilder) });
    }
    posted
}

fn start_message(thread_address: usize) -> Result<JsValue, JsValue> {
    let message = Object::new();
    Reflect::set(&message, &"type".into(), &"start".into())?;
    Reflect::set(&message, &"module".into(), &wasm_bindgen::module())?;
    Reflect::set(&message, &"memory".into(), &wasm_bindgen::memory())?;
    Reflect::set(&message, &"thread".into(), &thread_address.into())?;
    Ok(message.into())
}
// ANCHOR_END: pool

// ANCHOR: entry
/// Runs one Rayon thread until its pool is dropped. `pool-worker.js` calls it
/// for each thread it is given, after `initSync`.
///
/// `thread` must be the address that [`Pool::new`] posted to this worker.
/// Like any raw pointer, another number is undefined behaviour.
#[wasm_bindgen(js_name = runPoolThread)]
pub fn run_pool_thread(thread: usize) {
    // SAFETY: hand_to_worker made this address with Box::into_raw and posted
    // it to exactly one worker, which calls this function once.
    let thread = *unsafe { Box::from_raw(thread as *mut ThreadBuilder) };
    // Takes tasks from the pool's queues, sleeping (memory.atomic.wait32)
    // when there are none, and returns once the pool is dropped.
    thread.run();
}
// ANCHOR_END: entry
