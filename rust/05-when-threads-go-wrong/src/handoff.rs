//! One thread waits for another's answer, and the other panics first.
//!
//! The page gives the two ends of one channel to two workers. Under
//! `panic = "abort"` the producer's panic traps: nothing runs after it, so
//! its `Sender` is never dropped and the consumer's `recv` waits for ever.
//! Under `panic = "unwind"` the panic drops the `Sender` on its way out, the
//! consumer's `recv` returns an error, and both threads can take more work.

use std::sync::mpsc::{Receiver, Sender, channel};

use wasm_bindgen::prelude::*;

/// What the producer sends when it does not panic.
const ANSWER: u32 = 42;

// ANCHOR: handoff
/// A channel for one answer, as two addresses in the shared memory:
/// `[sender, receiver]`. Give each to exactly one thread.
#[wasm_bindgen(js_name = openChannel)]
pub fn open_channel() -> Vec<usize> {
    let (sender, receiver) = channel::<u32>();
    vec![
        Box::into_raw(Box::new(sender)) as usize,
        Box::into_raw(Box::new(receiver)) as usize,
    ]
}

/// Sends the answer on `sender`, or, with `fail`, panics before it does.
#[wasm_bindgen]
pub fn produce(sender: usize, fail: bool) -> u32 {
    // SAFETY: an address from open_channel, given to this thread alone.
    let sender = unsafe { Box::from_raw(sender as *mut Sender<u32>) };
    if fail {
        panic!("the producer panicked before it sent its answer");
    }
    // The receiver may be gone already; then nobody needs the answer.
    let _ = sender.send(ANSWER);
    ANSWER
}

/// Waits for the answer on `receiver`: until it comes, or until the sender
/// is dropped without sending.
#[wasm_bindgen]
pub fn consume(receiver: usize) -> Result<u32, JsError> {
    // SAFETY: an address from open_channel, given to this thread alone.
    let receiver = unsafe { Box::from_raw(receiver as *mut Receiver<u32>) };
    receiver
        .recv()
        .map_err(|error| JsError::new(&format!("recv() returned Err: {error}")))
}
// ANCHOR_END: handoff
