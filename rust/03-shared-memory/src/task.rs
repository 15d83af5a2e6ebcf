//! What one worker runs: its task, from the message that starts it to the
//! record of how it ended.

use std::cell::{Cell, RefCell};
use std::sync::{Arc, Once};

use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::DedicatedWorkerGlobalScope;

use crate::constants::INCREMENTS;
use crate::counting::{self, Counting};
use crate::events::{Event, clock};
use crate::run::Run;
use crate::shared::{Ending, Shared};
use crate::worker_count;

// ANCHOR: share-task
/// What one worker is given: its place and its share of the state.
struct Task {
    index: usize,
    shared: Arc<Shared>,
    fail: bool,
}

#[wasm_bindgen]
impl Run {
    /// Prepares a run of `count` workers that count in the way named
    /// `counting`, recording their timelines if `recording`; `failing_worker`,
    /// if given, panics after the start line, to show how a failure reaches
    /// the page. A refused count or way is thrown as an `Error` that says what
    /// to choose instead.
    #[wasm_bindgen(constructor)]
    pub fn new(
        count: f64,
        counting: &str,
        recording: bool,
        failing_worker: Option<u32>,
    ) -> Result<Run, JsError> {
        let count = worker_count::validate(count)?;
        let counting = Counting::parse(counting)?;
        remember_panics();
        Ok(Run {
            shared: Arc::new(Shared::new(count, counting, recording)),
            failing_worker,
            started_at: clock(),
            ended_at: Cell::new(None),
            exact_total: Cell::new(0),
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
    shared.record(index, Event::Instantiated, 0);

    // Moved into the shared slot at once: a panic further down drops nothing
    // this function owns, so nothing it owns may be left on its stack.
    let greeting = format!("Hello from {}!", worker_name());
    let _ = shared.slots[index].greeting.set(greeting);

    // ANCHOR: wait-start-line
    // A worker may block: only the page's main thread may not.
    shared.record(index, Event::AtStartLine, 0);
    shared.start_line.wait();
    shared.record(index, Event::Counting, 0);
    // ANCHOR_END: wait-start-line
    if fail {
        // A plain message: formatting one would allocate, on this stack, a
        // string that the trap then leaks.
        panic!("this worker was asked to fail, to show how a panic reaches the page");
    }
    counting::count(shared, index, INCREMENTS);

    shared.record(index, Event::Done, 0);
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
    task.shared.record(index, Event::Failed, 0);
    task.shared.finish(index, ending);
}
// ANCHOR_END: robust-failed
