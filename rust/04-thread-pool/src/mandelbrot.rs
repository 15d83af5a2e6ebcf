//! The work: the Mandelbrot set, one row of RGBA pixels at a time. Every row
//! depends only on its own number, so rows can be computed in any order, on
//! any thread, and the image comes out the same.

use crate::settings::Region;

/// The part of the plane shown is 3.2 units wide, with square pixels.
const SPAN: f64 = 3.2;

impl Region {
    /// Where the image is centred: on the real axis, or 0.7 off it.
    fn centre(self) -> (f64, f64) {
        match self {
            Region::Whole => (-0.6, 0.0),
            Region::OffCentre => (-0.6, 0.7),
        }
    }
}

/// What to draw, and how hard to look at each point.
#[derive(Clone, Copy)]
pub struct View {
    pub width: u32,
    pub height: u32,
    pub iterations: u32,
    pub region: Region,
}

impl View {
    /// All-zero pixels (transparent black), as many as the view has.
    pub fn blank(self) -> Vec<u8> {
        vec![0; self.width as usize * self.height as usize * RGBA]
    }
}

/// Bytes per pixel: red, green, blue, alpha, as `ImageData` wants them.
pub const RGBA: usize = 4;

// ANCHOR: row
/// Fills one row of `width` RGBA pixels. Points inside the set cost the full
/// `iterations`; points far outside escape at once. So the rows through the
/// middle of the set cost far more than the rows at the top and bottom.
pub fn render_row(view: View, y: u32, row: &mut [u8]) {
    let scale = SPAN / f64::from(view.width);
    let centre = view.region.centre();
    let ci = centre.1 + (f64::from(y) - f64::from(view.height) / 2.0) * scale;
    let (pixels, _) = row.as_chunks_mut::<RGBA>();
    for (x, pixel) in pixels.iter_mut().enumerate() {
        let cr = centre.0 + (x as f64 - f64::from(view.width) / 2.0) * scale;
        let escaped_after = escape_time(cr, ci, view.iterations);
        *pixel = colour(escaped_after, view.iterations);
    }
}
// ANCHOR_END: row

/// How many steps of z ← z² + c it takes |z| to pass 2, or `limit` if it never does.
fn escape_time(cr: f64, ci: f64, limit: u32) -> u32 {
    let (mut zr, mut zi) = (0.0_f64, 0.0_f64);
    for step in 0..limit {
        let (zr2, zi2) = (zr * zr, zi * zi);
        if zr2 + zi2 > 4.0 {
            return step;
        }
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
    }
    limit
}

/// Black inside the set; outside, a blue-to-orange ramp by how fast the point escaped.
fn colour(steps: u32, limit: u32) -> [u8; RGBA] {
    if steps >= limit {
        return [0, 0, 0, 255];
    }
    // The square root spreads the many points that escape early over more colours.
    let t = (f64::from(steps) / f64::from(limit)).sqrt();
    let u = 1.0 - t;
    // Bernstein polynomials: smooth, and zero at both ends.
    let channel = |weight: f64| (weight * 255.0).min(255.0) as u8;
    [
        channel(9.0 * u * t * t * t),
        channel(15.0 * u * u * t * t),
        channel(8.5 * u * u * u * t),
        255,
    ]
}

/// FNV-1a over the pixel bytes: equal images give equal checksums, and one
/// changed byte changes it.
pub fn checksum(pixels: &[u8]) -> u32 {
    pixels.iter().fold(0x811c_9dc5, |hash, &byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_origin_is_inside_and_far_points_escape_at_once() {
        assert_eq!(escape_time(0.0, 0.0, 100), 100);
        assert_eq!(escape_time(-1.0, 0.0, 100), 100);
        assert_eq!(escape_time(2.0, 2.0, 100), 1);
    }

    #[test]
    fn inside_is_opaque_black() {
        assert_eq!(colour(50, 50), [0, 0, 0, 255]);
    }

    #[test]
    fn checksum_is_fnv1a() {
        // Published FNV-1a 32-bit test vectors.
        assert_eq!(checksum(b""), 0x811c_9dc5);
        assert_eq!(checksum(b"a"), 0xe40c_292c);
        assert_eq!(checksum(b"foobar"), 0xbf9c_f968);
    }

    #[test]
    fn rows_through_the_middle_cost_more() {
        let view = View {
            width: 64,
            height: 64,
            iterations: 200,
            region: Region::Whole,
        };
        let inside = |y| {
            let mut row = vec![0; 64 * RGBA];
            render_row(view, y, &mut row);
            let (pixels, _) = row.as_chunks::<RGBA>();
            pixels.iter().filter(|p| p[..3] == [0, 0, 0]).count()
        };
        assert_eq!(inside(0), 0);
        assert!(inside(32) > 10);
    }
}
