//! Each pool thread's timeline of a render: when the thread started, and
//! every Rayon job it ran, with the rows the job covered. A thread writes only
//! its own lane, a few relaxed atomic stores per job, into a buffer made once
//! with the pool: no lock, no message. The owner reads it after the render.

use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

use crate::settings::Setting;

#[cfg(target_arch = "wasm32")]
mod js {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// This thread's own time origin: the page's, or its worker's start.
        #[wasm_bindgen(thread_local_v2, js_namespace = performance, js_name = timeOrigin)]
        pub static ORIGIN: f64;
        #[wasm_bindgen(js_namespace = performance)]
        pub fn now() -> f64;
    }
}

/// Milliseconds on one axis for every thread: `timeOrigin + now()`, since each
/// worker's `performance.now()` counts from its own `timeOrigin`.
#[cfg(target_arch = "wasm32")]
pub(crate) fn clock() -> f64 {
    js::ORIGIN.with(|origin| *origin) + js::now()
}

/// On the host (`cargo test`): milliseconds since the first call.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn clock() -> f64 {
    static EPOCH: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    EPOCH
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64()
        * 1000.0
}

/// A time in milliseconds, stored as the bits of its f64: there is no atomic f64.
struct Time(AtomicU64);

impl Time {
    fn unset() -> Time {
        Time(AtomicU64::new(f64::NAN.to_bits()))
    }
    fn set(&self, ms: f64) {
        self.0.store(ms.to_bits(), Ordering::Relaxed);
    }
    fn get(&self) -> Option<f64> {
        Some(f64::from_bits(self.0.load(Ordering::Relaxed))).filter(|ms| !ms.is_nan())
    }
}

// ANCHOR: lanes
/// One job as its thread wrote it.
struct Job {
    begun: Time,
    ended: Time,
    first_row: AtomicU32,
    rows: AtomicU32,
}

/// One thread's lane. Only that thread writes it: it fills `jobs[len]`, then
/// publishes it by raising `len` with Release.
struct Lane {
    started: Time,
    len: AtomicU32,
    jobs: Box<[Job]>,
}

/// Every thread's lane, and the render they belong to.
pub struct Timeline {
    created_at: f64,
    render: [Time; 2],
    lanes: Box<[Lane]>,
}
// ANCHOR_END: lanes

/// A job as read back: milliseconds on the shared axis, and rows `first_row ..
/// first_row + rows`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct JobRecord {
    pub begun: f64,
    pub ended: f64,
    pub first_row: u32,
    pub rows: u32,
}

impl Timeline {
    /// Lanes for `threads` threads, each with room for a job per row of the
    /// tallest image (a job covers at least one row).
    pub fn new(threads: usize) -> Timeline {
        let capacity = *Setting::Height.range().end() as usize;
        let lane = || Lane {
            started: Time::unset(),
            len: AtomicU32::new(0),
            jobs: (0..capacity)
                .map(|_| Job {
                    begun: Time::unset(),
                    ended: Time::unset(),
                    first_row: AtomicU32::new(0),
                    rows: AtomicU32::new(0),
                })
                .collect(),
        };
        Timeline {
            created_at: clock(),
            render: [Time::unset(), Time::unset()],
            lanes: (0..threads).map(|_| lane()).collect(),
        }
    }

    /// Called on pool thread `index` as it starts (Rayon's `start_handler`).
    pub fn thread_started(&self, index: usize) {
        if let Some(lane) = self.lanes.get(index) {
            lane.started.set(clock());
        }
    }

    /// Empties every lane and notes the render's start. Called by the thread
    /// that calls `install`, before it: no job of this pool is running then.
    pub fn begin_render(&self) {
        for lane in &self.lanes {
            lane.len.store(0, Ordering::Relaxed);
        }
        self.render[0].set(clock());
    }

    /// Notes the render's end, once `install` has returned.
    pub fn end_render(&self) {
        self.render[1].set(clock());
    }

    /// A recorder for the job that calls it, on the pool thread it runs on;
    /// `None` off the pool's threads.
    pub fn job(&self) -> Option<JobRecorder<'_>> {
        let lane = self.lanes.get(rayon::current_thread_index()?)?;
        let now = clock();
        Some(JobRecorder {
            lane,
            begun: now,
            first_row: 0,
            next_row: 0,
        })
    }

    pub fn created_at(&self) -> f64 {
        self.created_at
    }

    /// The render's start and end, once it has both.
    pub fn render(&self) -> Option<(f64, f64)> {
        Some((self.render[0].get()?, self.render[1].get()?))
    }

    /// When each thread started, if it has.
    pub fn started(&self) -> Vec<Option<f64>> {
        self.lanes.iter().map(|lane| lane.started.get()).collect()
    }

    /// Each thread's jobs in the order it ran them.
    pub fn jobs(&self) -> Vec<Vec<JobRecord>> {
        self.lanes
            .iter()
            .map(|lane| {
                let len = lane.len.load(Ordering::Acquire) as usize;
                lane.jobs[..len.min(lane.jobs.len())]
                    .iter()
                    .map(|job| JobRecord {
                        begun: job.begun.get().unwrap_or(f64::NAN),
                        ended: job.ended.get().unwrap_or(f64::NAN),
                        first_row: job.first_row.load(Ordering::Relaxed),
                        rows: job.rows.load(Ordering::Relaxed),
                    })
                    .collect()
            })
            .collect()
    }
}

// ANCHOR: recorder
/// Records one job's rows as it renders them, and writes the job into its
/// thread's lane when dropped, at the job's end. Rows that do not follow on
/// from the last are written as a job of their own.
pub struct JobRecorder<'a> {
    lane: &'a Lane,
    begun: f64,
    first_row: u32,
    next_row: u32,
}

impl JobRecorder<'_> {
    /// Row `y` is done.
    pub fn covered(&mut self, y: u32) {
        if self.next_row > self.first_row && y != self.next_row {
            self.write();
            self.begun = clock();
        }
        if self.next_row == self.first_row {
            self.first_row = y;
        }
        self.next_row = y + 1;
    }

    fn write(&mut self) {
        let index = self.lane.len.load(Ordering::Relaxed) as usize;
        if let Some(job) = self.lane.jobs.get(index) {
            job.begun.set(self.begun);
            job.ended.set(clock());
            job.first_row.store(self.first_row, Ordering::Relaxed);
            job.rows
                .store(self.next_row - self.first_row, Ordering::Relaxed);
            // Release: whoever reads the new length also reads the job.
            self.lane.len.store(index as u32 + 1, Ordering::Release);
        }
        self.first_row = self.next_row;
    }
}

impl Drop for JobRecorder<'_> {
    fn drop(&mut self) {
        if self.next_row > self.first_row {
            self.write();
        }
    }
}
// ANCHOR_END: recorder
