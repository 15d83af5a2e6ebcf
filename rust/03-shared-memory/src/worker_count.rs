//! How many workers a run may start, checked in one place for the page's
//! field and for readers who call `spawnWorkers` from their own code.

use std::fmt;

// ANCHOR: cap
/// The most workers one run may start.
///
/// Each worker is a real OS thread with its own wasm instance and a 2 MiB
/// stack carved out of the shared memory, whose size is capped at build time
/// (128 MiB, see `.cargo/config.toml`). Past the number of cores, more workers
/// only take turns; 16 leaves room to see that without exhausting a phone.
pub const MAX_WORKERS: u32 = 16;
// ANCHOR_END: cap

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

/// Accepts a count typed by a person: surrounding spaces are fine, and so is
/// anything Rust reads as a number ("4", "4.0", "1e9"); the range check follows.
pub fn parse(text: &str) -> Result<u32, WorkerCountError> {
    let number: f64 = text
        .trim()
        .parse()
        .map_err(|_| WorkerCountError::NotANumber)?;
    validate(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_whole_numbers_in_range() {
        assert_eq!(parse("1"), Ok(1));
        assert_eq!(parse(" 8 "), Ok(8));
        assert_eq!(parse("4.0"), Ok(4));
        assert_eq!(parse(&MAX_WORKERS.to_string()), Ok(MAX_WORKERS));
    }

    #[test]
    fn refuses_what_is_not_a_count() {
        assert_eq!(parse("abc"), Err(WorkerCountError::NotANumber));
        assert_eq!(parse(""), Err(WorkerCountError::NotANumber));
        assert_eq!(parse("NaN"), Err(WorkerCountError::NotANumber));
        assert_eq!(parse("inf"), Err(WorkerCountError::NotANumber));
        assert_eq!(parse("2.5"), Err(WorkerCountError::NotWhole));
        assert_eq!(parse("0"), Err(WorkerCountError::TooFew));
        assert_eq!(parse("-1"), Err(WorkerCountError::TooFew));
        assert_eq!(parse("1e9"), Err(WorkerCountError::TooMany));
        assert_eq!(parse("17"), Err(WorkerCountError::TooMany));
    }

    #[test]
    fn every_refusal_says_what_to_enter() {
        let message = WorkerCountError::TooMany.to_string();
        assert!(message.contains("from 1 to 16"), "{message}");
    }
}
