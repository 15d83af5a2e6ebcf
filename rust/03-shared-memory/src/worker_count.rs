//! How many workers a run may start, checked in one place for the page's
//! field and for readers who create a `Run` from their own code.

use std::fmt;

// ANCHOR: share-cap
/// The most workers one run may start.
///
/// Each worker is a real OS thread with its own wasm instance and a 2 MiB
/// stack carved out of the shared memory, whose size is capped at build time
/// ([`crate::MEMORY_CAP_BYTES`]). Past the number of cores, more workers only
/// take turns; 16 leaves room to see that without exhausting a phone.
pub const MAX_WORKERS: u32 = 16;
// ANCHOR_END: share-cap

/// Why a requested worker count was refused.
#[derive(Debug, PartialEq)]
pub enum WorkerCountError {
    NotANumber,
    NotWhole,
    TooFew,
    TooMany,
}

impl fmt::Display for WorkerCountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = match self {
            Self::NotANumber => "that is not a number",
            Self::NotWhole => "a worker count has to be a whole number",
            Self::TooFew => "at least one worker is needed",
            Self::TooMany => "that is more than this demo allows",
        };
        write!(
            f,
            "{problem}: enter a whole number from 1 to {MAX_WORKERS}."
        )
    }
}

impl std::error::Error for WorkerCountError {}

/// Accepts a count given as a JavaScript number.
pub fn validate(count: f64) -> Result<u32, WorkerCountError> {
    if !count.is_finite() {
        // Infinity is as meaningless here as NaN.
        return Err(WorkerCountError::NotANumber);
    }
    if count.fract() != 0.0 {
        return Err(WorkerCountError::NotWhole);
    }
    if count < 1.0 {
        return Err(WorkerCountError::TooFew);
    }
    if count > f64::from(MAX_WORKERS) {
        return Err(WorkerCountError::TooMany);
    }
    // In range and whole, so the cast is exact.
    Ok(count as u32)
}

/// Accepts a count typed by a person: surrounding spaces, a sign, and a
/// fraction of zeros ("4.0") are fine; the range check follows.
///
/// It reads the digits itself rather than calling `str::parse::<f64>`: core's
/// float parser and its tables would be about a third of this module's wasm.
/// Exponents ("1e1") are therefore refused as not a number.
pub fn parse(text: &str) -> Result<u32, WorkerCountError> {
    let text = text.trim();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits_only = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits_only(whole) || !digits_only(fraction) {
        return Err(WorkerCountError::NotANumber);
    }
    if fraction.bytes().any(|digit| digit != b'0') {
        return Err(WorkerCountError::NotWhole);
    }
    let significant = whole.trim_start_matches('0');
    if significant.len() > 2 {
        // Three digits or more, without leading zeros: at least 100.
        return Err(if negative {
            WorkerCountError::TooFew
        } else {
            WorkerCountError::TooMany
        });
    }
    let value = significant
        .bytes()
        .fold(0, |value, digit| value * 10 + u32::from(digit - b'0'));
    match value {
        _ if negative || value < 1 => Err(WorkerCountError::TooFew),
        _ if value > MAX_WORKERS => Err(WorkerCountError::TooMany),
        _ => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_whole_numbers_in_range() {
        assert_eq!(parse("1"), Ok(1));
        assert_eq!(parse(" 8 "), Ok(8));
        assert_eq!(parse("\t+8\n"), Ok(8));
        assert_eq!(parse("4.0"), Ok(4));
        assert_eq!(parse("4."), Ok(4));
        assert_eq!(parse("04"), Ok(4));
        assert_eq!(parse("0016.000"), Ok(16));
        assert_eq!(parse(&MAX_WORKERS.to_string()), Ok(MAX_WORKERS));
    }

    #[test]
    fn refuses_what_is_not_a_count() {
        use WorkerCountError::*;
        for (text, error) in [
            ("abc", NotANumber),
            ("", NotANumber),
            ("  ", NotANumber),
            (".", NotANumber),
            ("-", NotANumber),
            ("+-1", NotANumber),
            ("1 2", NotANumber),
            ("4,0", NotANumber),
            ("0x10", NotANumber),
            ("NaN", NotANumber),
            ("inf", NotANumber),
            ("1e9", NotANumber),
            ("٣", NotANumber),
            ("2.5", NotWhole),
            (".5", NotWhole),
            ("-2.5", NotWhole),
            ("16.01", NotWhole),
            ("0", TooFew),
            ("-0", TooFew),
            ("0.0", TooFew),
            ("-1", TooFew),
            ("-100", TooFew),
            ("17", TooMany),
            ("99", TooMany),
            ("100", TooMany),
            ("99999999999999999999999", TooMany),
        ] {
            assert_eq!(parse(text), Err(error), "{text:?}");
        }
    }

    #[test]
    fn reads_every_count_as_the_number_it_is() {
        for count in 1..=MAX_WORKERS {
            assert_eq!(parse(&count.to_string()), Ok(count));
            assert_eq!(validate(f64::from(count)), Ok(count));
        }
    }

    #[test]
    fn a_javascript_number_gets_the_same_checks() {
        assert_eq!(validate(f64::NAN), Err(WorkerCountError::NotANumber));
        assert_eq!(validate(f64::INFINITY), Err(WorkerCountError::NotANumber));
        assert_eq!(validate(2.5), Err(WorkerCountError::NotWhole));
        assert_eq!(validate(0.0), Err(WorkerCountError::TooFew));
        assert_eq!(validate(17.0), Err(WorkerCountError::TooMany));
    }

    #[test]
    fn every_refusal_says_what_to_enter() {
        let message = WorkerCountError::TooMany.to_string();
        assert!(message.contains("from 1 to 16"), "{message}");
    }
}
