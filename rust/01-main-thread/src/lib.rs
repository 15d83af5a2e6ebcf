//! Stage 1: a wasm module on the page's main thread.
//!
//! The page imports the generated ES module, awaits its `init()` and then calls
//! [`greet`] like any JavaScript function.

use wasm_bindgen::prelude::*;

// ANCHOR: greet
/// The longest name [`greet`] accepts, in characters. The page reads it from
/// here for the field's `maxlength`, so the two cannot disagree.
#[wasm_bindgen(js_name = maxNameChars)]
pub fn max_name_chars() -> usize {
    100
}

/// Builds the greeting the page shows for `name`.
///
/// A blank name becomes "stranger". The greeting counts the name's characters
/// the Rust way (Unicode scalar values), which differs from JavaScript's
/// `length` (UTF-16 code units) for most emoji: a visible sign that Rust did it.
/// A name that is too long is refused: the `Err` becomes an exception in JS.
#[wasm_bindgen]
pub fn greet(name: &str) -> Result<String, String> {
    let name = match name.trim() {
        "" => "stranger",
        trimmed => trimmed,
    };
    let chars = name.chars().count();
    if chars > max_name_chars() {
        return Err(format!(
            "That name has {chars} characters; the limit is {}.",
            max_name_chars()
        ));
    }
    let noun = if chars == 1 {
        "character"
    } else {
        "characters"
    };
    // U+2068 and U+2069 isolate the name, as <bdi> would: a right-to-left
    // name, even one with an unclosed override, cannot reorder the rest.
    Ok(format!(
        "Hello, \u{2068}{name}\u{2069}! Rust counted {chars} {noun} in your name."
    ))
}
// ANCHOR_END: greet

#[cfg(test)]
mod tests {
    use super::{greet, max_name_chars};

    #[test]
    fn blank_name_becomes_stranger() {
        assert_eq!(
            greet("  ").unwrap(),
            "Hello, \u{2068}stranger\u{2069}! Rust counted 8 characters in your name."
        );
    }

    #[test]
    fn counts_unicode_scalar_values_not_utf16_units() {
        // "👋🏽" is two scalar values (hand, skin tone) but four UTF-16 units.
        assert!(
            greet("👋🏽")
                .unwrap()
                .ends_with("Rust counted 2 characters in your name.")
        );
        assert!(greet("A").unwrap().ends_with("1 character in your name."));
    }

    #[test]
    fn refuses_a_name_over_the_limit_and_accepts_one_at_it() {
        let at_limit = "é".repeat(max_name_chars());
        assert!(greet(&at_limit).is_ok());
        let over = "é".repeat(max_name_chars() + 1);
        assert_eq!(
            greet(&over),
            Err(format!(
                "That name has {} characters; the limit is {}.",
                max_name_chars() + 1,
                max_name_chars()
            ))
        );
    }

    #[test]
    fn isolates_the_name_so_an_override_cannot_leak() {
        let greeting = greet("\u{202E}abc").unwrap();
        assert!(greeting.contains("\u{2068}\u{202E}abc\u{2069}!"));
    }
}
