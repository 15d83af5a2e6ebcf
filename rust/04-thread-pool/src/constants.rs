//! The numbers the page, its hint, the tutorial and the tests all use, from
//! here alone: the build reads [`constants`] into `pkg/constants.json`.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::settings::{Choice, Region, Setting, Split};

/// The shared memory's fixed maximum: `--max-memory` in `.cargo/config.toml`
/// (a test checks that the two agree).
pub const MEMORY_CAP_BYTES: u32 = 128 << 20;

/// `{ settings: { threads: { min, max }, width: { min, max, default }, … },
/// choices: { split: { options, default }, view: … }, memoryCapBytes }`, the
/// settings in the order the page shows them, each choice's first option its default.
#[wasm_bindgen]
pub fn constants() -> Object {
    let settings = Object::new();
    for setting in Setting::ALL {
        let range = setting.range();
        let limits = object(&[("min", *range.start()), ("max", *range.end())]);
        if let Some(value) = setting.default_value() {
            set(&limits, "default", value);
        }
        set(&settings, setting.name(), limits);
    }
    let choices = Object::new();
    set(&choices, Split::SETTING, choice::<Split>());
    set(&choices, Region::SETTING, choice::<Region>());
    let all = Object::new();
    set(&all, "settings", settings);
    set(&all, "choices", choices);
    set(&all, "memoryCapBytes", MEMORY_CAP_BYTES);
    all
}

fn choice<C: Choice>() -> Object {
    let options: js_sys::Array = C::ALL
        .iter()
        .map(|option| JsValue::from(option.name()))
        .collect();
    let choice = Object::new();
    set(&choice, "default", C::ALL[0].name());
    set(&choice, "options", options);
    choice
}

fn object(entries: &[(&str, u32)]) -> Object {
    let object = Object::new();
    for &(key, value) in entries {
        set(&object, key, value);
    }
    object
}

pub(crate) fn set(object: &Object, key: &str, value: impl Into<JsValue>) {
    // Cannot fail: `object` is a plain object.
    let _ = Reflect::set(object, &key.into(), &value.into());
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
