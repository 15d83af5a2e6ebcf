//! The numbers the page, its hint, the tutorial and the tests all use, from
//! here alone: the build reads [`constants`] into `pkg/constants.json`.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::counting::Counting;
pub use crate::worker_count::MAX_WORKERS;

/// Each worker adds 1 to each counter this many times.
pub const INCREMENTS: u32 = 10_000_000;
// Both totals are u32: the largest run must fit.
const _: () = assert!(MAX_WORKERS.checked_mul(INCREMENTS).is_some());

/// The shared memory's fixed maximum: `--max-memory` in `.cargo/config.toml`
/// (a test checks that the two agree).
pub const MEMORY_CAP_BYTES: u32 = 128 << 20;

/// The stack wasm-bindgen's thread transform gives each worker thread, taken
/// from the shared memory (its default; a worker stopped mid-task keeps it).
pub const THREAD_STACK_BYTES: u32 = 2 << 20;

/// `{ maxWorkers, increments, memoryCapBytes, threadStackBytes, countings }`,
/// the last the names of the ways to count, in the page's order.
#[wasm_bindgen]
pub fn constants() -> Object {
    let all = Object::new();
    for (key, value) in [
        ("maxWorkers", MAX_WORKERS),
        ("increments", INCREMENTS),
        ("memoryCapBytes", MEMORY_CAP_BYTES),
        ("threadStackBytes", THREAD_STACK_BYTES),
    ] {
        // Cannot fail: `all` is a plain object.
        let _ = Reflect::set(&all, &key.into(), &value.into());
    }
    let countings: Array = Counting::ALL
        .iter()
        .map(|choice| JsValue::from(choice.name()))
        .collect();
    let _ = Reflect::set(&all, &"countings".into(), &countings);
    all
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
