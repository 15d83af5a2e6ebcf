//! What a render may ask for, checked in one place: for the page's fields
//! (as text) and for readers who call the module from their own code.
//! (Past 250 lines with its tests, which check each limit beside its code.)

use std::fmt;
use std::ops::RangeInclusive;

// ANCHOR: limits
/// One setting of a render, with the range it must fall in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Setting {
    Threads,
    Width,
    Height,
    Iterations,
    /// `with_min_len(k)`'s k: the fewest rows a Rayon job may hold (the
    /// min-len split only).
    MinLen,
}

impl Setting {
    /// Threads: each one is a module worker with a 2 MiB stack in a shared
    /// memory capped at [`crate::constants::MEMORY_CAP_BYTES`]; 16 is stage 3's
    /// cap too. Pixels: 2048 × 2048 × 4 bytes is 16 MiB of that memory.
    pub fn range(self) -> RangeInclusive<u32> {
        match self {
            Self::Threads => 1..=16,
            Self::Width | Self::Height => 16..=2048,
            Self::Iterations => 1..=10_000,
            Self::MinLen => 1..=2048,
        }
    }

    /// What the page fills in first: 1.7 to 1.9 s on one thread of our 2-core
    /// test machine, in Chromium and Firefox, so that the time a pool saves
    /// is not lost in the noise of a short render. Threads have none here: the
    /// page starts from the device's core count.
    pub fn default_value(self) -> Option<u32> {
        match self {
            Self::Threads => None,
            Self::Width => Some(1200),
            Self::Height => Some(800),
            Self::Iterations => Some(2000),
            Self::MinLen => Some(32),
        }
    }

    pub const ALL: [Setting; 5] = [
        Self::Threads,
        Self::Width,
        Self::Height,
        Self::Iterations,
        Self::MinLen,
    ];

    /// The name the page's form and the constants use.
    pub fn name(self) -> &'static str {
        match self {
            Self::Threads => "threads",
            Self::Width => "width",
            Self::Height => "height",
            Self::Iterations => "iterations",
            Self::MinLen => "min-len",
        }
    }

    pub fn named(name: &str) -> Option<Setting> {
        Self::ALL.into_iter().find(|setting| setting.name() == name)
    }
}
// ANCHOR_END: limits

// ANCHOR: choices
/// How the rows are cut into tasks: the page's switch, one choice per render.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Split {
    /// One row per item (`par_chunks_mut`); Rayon splits and steals as it goes.
    Rows,
    /// N equal bands of rows, one per thread.
    Bands,
    /// One row per item, at least [`Setting::MinLen`] rows per Rayon job.
    MinLen,
}

/// Which part of the plane the image shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Region {
    /// The whole set, symmetric about the real axis: two equal bands cost the same.
    Whole,
    /// The same size, moved up: the set fills the upper half, so two equal
    /// bands do not cost the same.
    OffCentre,
}
// ANCHOR_END: choices

/// A setting that is one of a few names, checked like the numbers.
pub trait Choice: Copy + 'static {
    /// What the page and the constants call the setting.
    const SETTING: &'static str;
    const ALL: &'static [Self];
    fn name(self) -> &'static str;
}

impl Choice for Split {
    const SETTING: &'static str = "split";
    const ALL: &'static [Self] = &[Self::Rows, Self::Bands, Self::MinLen];
    fn name(self) -> &'static str {
        match self {
            Self::Rows => "rows",
            Self::Bands => "bands",
            Self::MinLen => "min-len",
        }
    }
}

impl Choice for Region {
    const SETTING: &'static str = "view";
    const ALL: &'static [Self] = &[Self::Whole, Self::OffCentre];
    fn name(self) -> &'static str {
        match self {
            Self::Whole => "whole",
            Self::OffCentre => "off-centre",
        }
    }
}

/// The choice called `text` exactly; else an error that lists the names there are.
pub fn choose<C: Choice>(text: &str) -> Result<C, String> {
    C::ALL
        .iter()
        .copied()
        .find(|choice| choice.name() == text)
        .ok_or_else(|| {
            let names: Vec<&str> = C::ALL.iter().map(|choice| choice.name()).collect();
            format!("this demo offers one of these only: {}.", names.join(", "))
        })
}

/// Why a setting was refused.
#[derive(Debug, PartialEq)]
pub struct SettingError {
    setting: Setting,
    problem: Problem,
}

#[derive(Debug, PartialEq)]
enum Problem {
    NotAWholeNumber,
    OutOfRange,
}

impl fmt::Display for SettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = match self.problem {
            Problem::NotAWholeNumber => "that is not a whole number",
            Problem::OutOfRange => "that is out of range",
        };
        let range = self.setting.range();
        write!(
            f,
            "{problem}: enter a whole number from {} to {}.",
            range.start(),
            range.end()
        )
    }
}

impl std::error::Error for SettingError {}

/// Checks a number that is already a `u32`.
pub fn check(setting: Setting, value: u32) -> Result<u32, SettingError> {
    if setting.range().contains(&value) {
        Ok(value)
    } else {
        Err(SettingError {
            setting,
            problem: Problem::OutOfRange,
        })
    }
}

/// Reads a setting typed by a person. Only digits are accepted (spaces around
/// them are fine): integer parsing keeps the float parser out of the .wasm.
pub fn parse(setting: Setting, text: &str) -> Result<u32, SettingError> {
    let text = text.trim();
    let error = |problem| SettingError { setting, problem };
    if text.is_empty() || !text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(error(Problem::NotAWholeNumber));
    }
    // Only digits, so the one way to fail is a number past u32::MAX: out of range.
    let value = text.parse().map_err(|_| error(Problem::OutOfRange))?;
    check(setting, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_whole_numbers_in_range() {
        assert_eq!(parse(Setting::Threads, "1"), Ok(1));
        assert_eq!(parse(Setting::Threads, " 16 "), Ok(16));
        assert_eq!(parse(Setting::Width, "2048"), Ok(2048));
        assert_eq!(parse(Setting::Iterations, "007"), Ok(7));
    }

    #[test]
    fn refuses_what_is_not_a_whole_number() {
        for text in ["", " ", "abc", "2.5", "-1", "+3", "1e3", "NaN", "４"] {
            let error = parse(Setting::Threads, text).unwrap_err();
            assert_eq!(error.problem, Problem::NotAWholeNumber, "{text:?}");
        }
    }

    #[test]
    fn refuses_numbers_out_of_range() {
        for (setting, text) in [
            (Setting::Threads, "0"),
            (Setting::Threads, "17"),
            (Setting::Width, "15"),
            (Setting::Height, "2049"),
            (Setting::Iterations, "0"),
            (Setting::Iterations, "99999999999999999999"),
        ] {
            let error = parse(setting, text).unwrap_err();
            assert_eq!(error.problem, Problem::OutOfRange, "{setting:?} {text:?}");
        }
    }

    #[test]
    fn every_refusal_says_what_to_enter() {
        let message = parse(Setting::Width, "9").unwrap_err().to_string();
        assert!(message.contains("from 16 to 2048"), "{message}");
    }

    #[test]
    fn defaults_are_in_range() {
        for setting in Setting::ALL {
            if let Some(value) = setting.default_value() {
                assert!(setting.range().contains(&value), "{setting:?}");
            }
        }
    }

    #[test]
    fn every_setting_is_found_by_its_name() {
        for setting in Setting::ALL {
            assert_eq!(Setting::named(setting.name()), Some(setting));
        }
        assert_eq!(Setting::named("colour"), None);
    }

    #[test]
    fn choices_are_found_by_their_exact_names_only() {
        assert_eq!(choose::<Split>("bands"), Ok(Split::Bands));
        assert_eq!(choose::<Region>("off-centre"), Ok(Region::OffCentre));
        for text in ["", "Rows", " rows", "spiral"] {
            let error = choose::<Split>(text).unwrap_err();
            assert_eq!(
                error,
                "this demo offers one of these only: rows, bands, min-len."
            );
        }
    }
}
