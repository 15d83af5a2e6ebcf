//! The renders: in parallel, cut into tasks as the page's split switch says,
//! and with a plain loop, the baseline.

use rayon::prelude::*;

use crate::mandelbrot::{RGBA, View, render_row};
use crate::settings::Split;
use crate::timeline::Timeline;

/// How a parallel render cuts its rows: the switch, and k for `with_min_len(k)`.
#[derive(Clone, Copy)]
pub struct Plan {
    pub split: Split,
    pub min_len: u32,
}

impl Plan {
    /// Rows per item, and the fewest items a Rayon job may hold, for an image
    /// `height` rows tall on `threads` threads.
    fn items(self, height: u32, threads: usize) -> (usize, usize) {
        match self.split {
            Split::Rows => (1, 1),
            Split::Bands => ((height as usize).div_ceil(threads), 1),
            Split::MinLen => (1, self.min_len as usize),
        }
    }
}

// ANCHOR: parallel
/// On the pool this runs in (`install`): `par_chunks_mut` hands each item a
/// run of rows that no other item can touch (one row, or one band per
/// thread), and `with_min_len` keeps at least that many items in each Rayon
/// job. `for_each_init` calls its first closure once per job: with a timeline,
/// that recorder notes the job's rows in its thread's lane.
pub fn render_parallel(
    view: View,
    pixels: &mut [u8],
    plan: Plan,
    timeline: Option<&Timeline>,
    failing_row: Option<u32>,
) {
    let row_bytes = view.width as usize * RGBA;
    let (rows_per_item, min_len) = plan.items(view.height, rayon::current_num_threads());
    pixels
        .par_chunks_mut(rows_per_item * row_bytes)
        .with_min_len(min_len)
        .enumerate()
        .for_each_init(
            || timeline.and_then(Timeline::job),
            |job, (item, rows)| {
                for (offset, row) in rows.chunks_mut(row_bytes).enumerate() {
                    let y = (item * rows_per_item + offset) as u32;
                    if failing_row == Some(y) {
                        panic!(
                            "row {y} was asked to fail, to show how a panic in a task reaches the page"
                        );
                    }
                    render_row(view, y, row);
                    if let Some(job) = job {
                        job.covered(y);
                    }
                }
            },
        );
}
// ANCHOR_END: parallel

// ANCHOR: sequential
/// The same rows with a plain loop on the calling thread.
pub fn render_sequential(view: View, pixels: &mut [u8]) {
    let row_bytes = view.width as usize * RGBA;
    for (y, row) in pixels.chunks_mut(row_bytes).enumerate() {
        render_row(view, y as u32, row);
    }
}
// ANCHOR_END: sequential

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mandelbrot;
    use crate::settings::{Choice, Region};
    use rayon::ThreadPoolBuilder;
    use std::sync::Arc;

    const ROWS: Plan = Plan {
        split: Split::Rows,
        min_len: 1,
    };

    fn view(width: u32, height: u32, iterations: u32, region: Region) -> View {
        View {
            width,
            height,
            iterations,
            region,
        }
    }

    fn sequential(view: View) -> u32 {
        let mut pixels = view.blank();
        render_sequential(view, &mut pixels);
        mandelbrot::checksum(&pixels)
    }

    /// The checksum on a fresh pool of `threads`, and the pool's timeline of it.
    fn parallel(view: View, threads: usize, plan: Plan) -> (u32, Arc<Timeline>) {
        let timeline = Arc::new(Timeline::new(threads));
        let started = timeline.clone();
        let pool = ThreadPoolBuilder::new()
            .num_threads(threads)
            .start_handler(move |index| started.thread_started(index))
            .build()
            .unwrap();
        let mut pixels = view.blank();
        timeline.begin_render();
        pool.install(|| render_parallel(view, &mut pixels, plan, Some(&timeline), None));
        timeline.end_render();
        (mandelbrot::checksum(&pixels), timeline)
    }

    #[test]
    fn every_split_draws_the_same_pixels_as_the_plain_loop_at_every_thread_count() {
        let sizes = [(16, 16, 1), (96, 64, 200), (101, 37, 500), (160, 90, 1000)];
        for ((width, height, iterations), &region) in
            sizes.into_iter().zip(Region::ALL.iter().cycle())
        {
            let view = view(width, height, iterations, region);
            let expected = sequential(view);
            for &split in Split::ALL {
                for min_len in [1, 7, 2048] {
                    for threads in [1, 2, 3, 4, 8] {
                        let plan = Plan { split, min_len };
                        let (checksum, _) = parallel(view, threads, plan);
                        let what = format!(
                            "{width}×{height}×{iterations} {split:?} k={min_len} on {threads}"
                        );
                        assert_eq!(checksum, expected, "{what}");
                    }
                }
            }
        }
    }

    #[test]
    fn every_row_belongs_to_exactly_one_job_of_one_thread_and_each_lane_is_in_order_inside_the_render()
     {
        for &split in Split::ALL {
            for threads in [1, 2, 3, 8] {
                let (_, timeline) = parallel(
                    view(64, 51, 300, Region::OffCentre),
                    threads,
                    Plan { split, min_len: 5 },
                );
                let (start, end) = timeline.render().unwrap();
                let lanes = timeline.jobs();
                assert_eq!(lanes.len(), threads);
                let mut owner = vec![None; 51];
                for (thread, jobs) in lanes.iter().enumerate() {
                    let mut last = start;
                    for job in jobs {
                        assert!(
                            job.rows > 0
                                && job.begun >= last
                                && job.ended >= job.begun
                                && job.ended <= end,
                            "{split:?} {job:?}"
                        );
                        last = job.ended;
                        for y in job.first_row..job.first_row + job.rows {
                            assert_eq!(
                                owner[y as usize].replace(thread),
                                None,
                                "row {y} twice, {split:?}"
                            );
                        }
                    }
                }
                assert!(
                    owner.iter().all(Option::is_some),
                    "a row in no job, {split:?}"
                );
                let rows: u32 = lanes.iter().flatten().map(|job| job.rows).sum();
                assert_eq!(rows, 51);
                // Every thread that ran a job had started, after the pool was made.
                for (started, jobs) in timeline.started().into_iter().zip(&lanes) {
                    if let Some(first) = jobs.first() {
                        let started = started.expect("a thread ran a job before it started");
                        assert!(started >= timeline.created_at() && started <= first.begun);
                    }
                }
            }
        }
    }

    /// The rows of each job of a 100-row render on 4 threads.
    fn job_rows(split: Split, min_len: u32) -> Vec<u32> {
        let (_, timeline) = parallel(view(32, 100, 50, Region::Whole), 4, Plan { split, min_len });
        timeline
            .jobs()
            .into_iter()
            .flatten()
            .map(|job| job.rows)
            .collect()
    }

    #[test]
    fn with_min_len_every_job_holds_at_least_k_rows_and_bands_hold_whole_bands() {
        let jobs = job_rows(Split::MinLen, 10);
        assert!(jobs.iter().all(|&rows| rows >= 10), "{jobs:?}");
        // 100 rows on 4 threads: bands of 25.
        let jobs = job_rows(Split::Bands, 1);
        assert!(jobs.iter().all(|&rows| rows % 25 == 0), "{jobs:?}");
    }

    #[test]
    fn a_panicking_row_reaches_the_caller_of_install_with_its_message_and_the_pool_renders_again() {
        let view = view(32, 32, 50, Region::Whole);
        let pool = ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let mut pixels = view.blank();
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            pool.install(|| render_parallel(view, &mut pixels, ROWS, None, Some(10)))
        }));
        // A formatted panic! carries a String.
        let payload = caught.unwrap_err();
        let message = payload.downcast_ref::<String>().unwrap();
        assert!(message.starts_with("row 10 was asked to fail"), "{message}");
        // The same pool, after the panic: every thread still takes work.
        pool.install(|| render_parallel(view, &mut pixels, ROWS, None, None));
        assert_eq!(mandelbrot::checksum(&pixels), sequential(view));
    }
}
