//! How the workers count: the page's switch, one choice per run, each
//! changing one thing about where the increments go.

use std::fmt;
use std::sync::atomic::Ordering;
use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::events::{Event, SAMPLES};
use crate::shared::Shared;

/// The choices, in the page's order.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Counting {
    /// Two counters that every worker updates: one with `fetch_add`, one racily.
    SharedLine,
    /// Each worker its own counter, on its own cache line, summed at the end.
    OwnLine,
    /// One `u32` behind a `Mutex`.
    Mutex,
}

impl Counting {
    pub const ALL: [Counting; 3] = [Counting::SharedLine, Counting::OwnLine, Counting::Mutex];

    /// The choice's name: the value of its control on the page.
    pub fn name(self) -> &'static str {
        match self {
            Counting::SharedLine => "shared-line",
            Counting::OwnLine => "own-line",
            Counting::Mutex => "mutex",
        }
    }

    /// Accepts only a name in [`Counting::ALL`]: the page offers no other, but
    /// a URL, devtools or a reader's own code can send anything.
    pub fn parse(name: &str) -> Result<Counting, UnknownCounting> {
        Counting::ALL
            .into_iter()
            .find(|choice| choice.name() == name)
            .ok_or(UnknownCounting)
    }
}

/// A way of counting that the demo does not have.
#[derive(Debug, PartialEq)]
pub struct UnknownCounting;

impl fmt::Display for UnknownCounting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = Counting::ALL.iter().map(|choice| choice.name()).collect();
        write!(
            f,
            "this demo counts in one of these ways only: {}.",
            names.join(", ")
        )
    }
}

impl std::error::Error for UnknownCounting {}

// ANCHOR: count
/// Adds 1 `increments` times (INCREMENTS in the demo), in the run's way, in
/// parts: a progress sample between parts, and no test in the loops themselves.
pub(crate) fn count(shared: &Shared, index: usize, increments: u32) {
    let part = increments / (SAMPLES + 1);
    for done in 1..=SAMPLES + 1 {
        match shared.counting {
            // Both totals in one loop, so that both meet the same contention.
            Counting::SharedLine => {
                for _ in 0..part {
                    shared.atomic_total.fetch_add(1, Ordering::Relaxed);
                    // Another worker may store between this load and this
                    // store: its increment is then overwritten and lost.
                    let seen = shared.racy_total.load(Ordering::Relaxed);
                    shared.racy_total.store(seen + 1, Ordering::Relaxed);
                }
            }
            Counting::OwnLine => {
                let own = &shared.slots[index].own;
                for _ in 0..part {
                    own.fetch_add(1, Ordering::Relaxed);
                }
            }
            Counting::Mutex => {
                for _ in 0..part {
                    *lock(&shared.mutex_total) += 1;
                }
            }
        }
        if done <= SAMPLES {
            shared.record(index, Event::Sample, done * part);
        }
    }
}
// ANCHOR_END: count

/// This crate aborts on panic, so no thread can die holding the lock and
/// poison it; were one to, its count would still be the count.
pub(crate) fn lock(total: &Mutex<u32>) -> MutexGuard<'_, u32> {
    total.lock().unwrap_or_else(PoisonError::into_inner)
}

// Every part is the same size, so the parts add up to INCREMENTS exactly.
const _: () = assert!(crate::constants::INCREMENTS.is_multiple_of(SAMPLES + 1));

#[cfg(test)]
mod tests {
    use super::*;

    /// The counting loops on native threads: every exact way gives workers ×
    /// increments, and the racy total never more. Fewer increments than the
    /// demo's, so that a debug build runs them in a moment.
    #[test]
    fn every_exact_way_counts_every_increment_and_the_racy_total_never_gains() {
        const INCREMENTS: u32 = 1_000_000;
        for counting in Counting::ALL {
            for workers in [1, 2, 4] {
                let shared = Shared::new(workers, counting, false);
                std::thread::scope(|scope| {
                    for index in 0..workers as usize {
                        let shared = &shared;
                        scope.spawn(move || count(shared, index, INCREMENTS));
                    }
                });
                let expected = workers * INCREMENTS;
                assert_eq!(
                    shared.try_exact_total(),
                    Some(expected),
                    "{counting:?}, {workers} workers"
                );
                let racy = shared.racy_total.load(Ordering::Relaxed);
                match counting {
                    Counting::SharedLine => assert!(racy <= expected, "{racy} > {expected}"),
                    _ => assert_eq!(racy, 0, "{counting:?} touched the racy total"),
                }
                if workers == 1 && counting == Counting::SharedLine {
                    assert_eq!(racy, expected);
                }
            }
        }
    }

    #[test]
    fn only_the_offered_names_are_accepted() {
        for counting in Counting::ALL {
            assert_eq!(Counting::parse(counting.name()), Ok(counting));
        }
        for name in ["", "Mutex", "own line", "shared-line ", "racy"] {
            assert_eq!(Counting::parse(name), Err(UnknownCounting), "{name:?}");
        }
        let message = UnknownCounting.to_string();
        assert!(
            message.contains("shared-line, own-line, mutex"),
            "{message}"
        );
    }
}
