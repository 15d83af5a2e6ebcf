//! The pool: Rayon's threads, each one run by a module worker that the page
//! starts, the way stage 3's page starts its workers.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use js_sys::{Array, Object};
use rayon::{ThreadBuilder, ThreadPool, ThreadPoolBuilder};
use wasm_bindgen::prelude::*;

use crate::constants::set;
use crate::settings::{self, Setting};
use crate::timeline::Timeline;

// ANCHOR: pool
/// A Rayon thread pool whose threads are module workers. Create it, and call
/// anything that blocks on it, from a worker only: the page's main thread may
/// not wait.
#[wasm_bindgen]
pub struct Pool {
    /// Asserted unwind safe, which wasm-bindgen asks of every argument when
    /// panics unwind: Rayon resumes a task's panic in the caller of `install`
    /// and the pool stays whole, so a caller that catches it may use it again.
    pub(crate) threads: AssertUnwindSafe<ThreadPool>,
    /// Each thread's lane of the last render that recorded one.
    pub(crate) timeline: Arc<Timeline>,
    /// Each thread's `ThreadBuilder`, boxed in the shared memory, until
    /// [`Pool::take_threads`] hands the addresses out.
    unclaimed: Vec<usize>,
}

#[wasm_bindgen]
impl Pool {
    /// A pool of `threads` threads, none of them running yet: each waits in
    /// the shared memory until a worker runs it with [`run_pool_thread`].
    #[wasm_bindgen(constructor)]
    pub fn new(threads: u32) -> Result<Pool, JsError> {
        let count = settings::check(Setting::Threads, threads)?;
        let mut unclaimed = Vec::with_capacity(count as usize);
        let timeline = Arc::new(Timeline::new(count as usize));
        let started = timeline.clone();
        let threads = ThreadPoolBuilder::new()
            .num_threads(count as usize)
            // Run by each thread as it starts, on that thread.
            .start_handler(move |index| started.thread_started(index))
            // Rayon calls this once per thread, instead of std::thread::spawn,
            // which cannot start a thread in wasm. We only park the thread.
            .spawn_handler(|thread| {
                unclaimed.push(Box::into_raw(Box::new(thread)) as usize);
                Ok(())
            })
            .build()
            .map_err(|error| JsError::new(&format!("the pool could not start: {error}")))?;
        Ok(Pool {
            threads: AssertUnwindSafe(threads),
            timeline,
            unclaimed,
        })
    }

    /// The address of each thread, once: post each one to exactly one worker.
    #[wasm_bindgen(js_name = takeThreads)]
    pub fn take_threads(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.unclaimed)
    }

    #[wasm_bindgen(getter, js_name = threadCount)]
    pub fn thread_count(&self) -> usize {
        self.threads.current_num_threads()
    }
}
// ANCHOR_END: pool

#[wasm_bindgen]
impl Pool {
    /// The last recorded render, in milliseconds on the clock every thread
    /// shares: `{ createdAt, start, end, lanes: [{ started, jobs: [{ begun,
    /// ended, firstRow, rows }] }] }`, a lane per thread, its jobs in the order
    /// it ran them. `start` and `end` are undefined before the first.
    pub fn timeline(&self) -> Object {
        let timeline = &self.timeline;
        let lanes: Array = (timeline.started().into_iter())
            .zip(timeline.jobs())
            .map(|(started, jobs)| {
                let lane = Object::new();
                set(&lane, "started", started);
                let jobs: Array = (jobs.into_iter())
                    .map(|job| {
                        let entry = Object::new();
                        set(&entry, "begun", job.begun);
                        set(&entry, "ended", job.ended);
                        set(&entry, "firstRow", job.first_row);
                        set(&entry, "rows", job.rows);
                        entry
                    })
                    .collect();
                set(&lane, "jobs", jobs);
                lane
            })
            .collect();
        let all = Object::new();
        set(&all, "createdAt", timeline.created_at());
        let (start, end) = timeline.render().unzip();
        set(&all, "start", start);
        set(&all, "end", end);
        set(&all, "lanes", lanes);
        all
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        for address in self.unclaimed.drain(..) {
            // SAFETY: never handed out, so this pool is the box's only owner.
            drop(unsafe { Box::from_raw(address as *mut ThreadBuilder) });
        }
    }
}

// ANCHOR: entry
/// Runs one Rayon thread until its pool is dropped. `pool-worker.js` calls it
/// for each thread it is given, after `initSync`.
///
/// `thread` must be an address from [`Pool::take_threads`], given to this
/// worker alone. Like any raw pointer, another number is undefined behaviour.
#[wasm_bindgen(js_name = runPoolThread)]
pub fn run_pool_thread(thread: usize) {
    // SAFETY: Pool::new made this address with Box::into_raw, take_threads
    // handed it out once, and the page posts it to exactly one worker.
    let thread = *unsafe { Box::from_raw(thread as *mut ThreadBuilder) };
    // Takes tasks from the pool's queues, sleeping (memory.atomic.wait32)
    // when there are none, and returns once the pool is dropped.
    thread.run();
}
// ANCHOR_END: entry
