//! Stage 1: a wasm module on the page's main thread.
//!
//! The page imports the generated ES module, awaits its `init()` and then calls
//! [`greet`] like any JavaScript function.

use wasm_bindgen::prelude::*;

// ANCHOR: greet
/// Builds the greeting the page shows for `name`.
///
/// A blank name becomes "stranger". The greeting counts the name's characters
/// the Rust way (Unicode scalar values), which differs from JavaScript's
/// `length` (UTF-16 code units) for most emoji: a visible sign that Rust did it.
#[wasm_bindgen]
pub fn greet(name: &str) -> String {
    let name = match name.trim() {
        "" => "stranger",
        trimmed => trimmed,
    };
    let chars = name.chars().count();
    let noun = if chars == 1 {
        "character"
    } else {
        "characters"
    };
    format!("Hello, {name}! Rust counted {chars} {noun} in your name.")
}
// ANCHOR_END: greet

#[cfg(test)]
mod tests {
    use super::greet;

    #[test]
    fn blank_name_becomes_stranger() {
        assert_eq!(
            greet("  "),
            "Hello, stranger! Rust counted 8 characters in your name."
        );
    }

    #[test]
    fn counts_unicode_scalar_values_not_utf16_units() {
        // "👋🏽" is two scalar values (hand, skin tone) but four UTF-16 units.
        assert!(greet("👋🏽").ends_with("Rust counted 2 characters in your name."));
        assert!(greet("A").ends_with("1 character in your name."));
    }
}
