//! The shape of an emotion curve: a smooth line through its points that never rises above or
//! dips below the points it joins (monotone cubic interpolation, Fritsch–Carlson), so a curve
//! from Neutral to Neutral stays on Neutral and a peak is drawn where the score is.

use egui::emath::{Pos2, pos2};

/// Cubic Bézier segments `[start, control, control, end]` through `points` (left to right).
pub fn curve_segments(points: &[Pos2]) -> Vec<[Pos2; 4]> {
    let n = points.len();
    if n < 2 {
        return Vec::new();
    }
    // Slopes of the chords, then tangents at the points.
    let h: Vec<f32> = points.windows(2).map(|p| p[1].x - p[0].x).collect();
    let delta: Vec<f32> = points
        .windows(2)
        .zip(&h)
        .map(|(p, &h)| {
            if h.abs() > f32::EPSILON {
                (p[1].y - p[0].y) / h
            } else {
                0.0
            }
        })
        .collect();
    let mut m = vec![0.0f32; n];
    m[0] = delta[0];
    m[n - 1] = delta[n - 2];
    for k in 1..n - 1 {
        // At a peak, a trough or a flat stretch the tangent is flat.
        m[k] = if delta[k - 1] * delta[k] > 0.0 {
            (delta[k - 1] + delta[k]) / 2.0
        } else {
            0.0
        };
    }
    for k in 0..n - 1 {
        if delta[k] == 0.0 {
            m[k] = 0.0;
            m[k + 1] = 0.0;
            continue;
        }
        let alpha = m[k] / delta[k];
        let beta = m[k + 1] / delta[k];
        let length = alpha.hypot(beta);
        if length > 3.0 {
            // Tangents this steep would overshoot: scale them into the monotone region.
            let tau = 3.0 / length;
            m[k] = tau * alpha * delta[k];
            m[k + 1] = tau * beta * delta[k];
        }
    }
    (0..n - 1)
        .map(|k| {
            let (a, b) = (points[k], points[k + 1]);
            let third = h[k] / 3.0;
            [
                a,
                pos2(a.x + third, a.y + m[k] * third),
                pos2(b.x - third, b.y - m[k + 1] * third),
                b,
            ]
        })
        .collect()
}

/// The point at `t` (0 to 1) of a cubic Bézier segment.
pub fn bezier_at(segment: &[Pos2; 4], t: f32) -> Pos2 {
    let u = 1.0 - t;
    let [a, b, c, d] = segment.map(egui::Pos2::to_vec2);
    (a * u * u * u + b * 3.0 * u * u * t + c * 3.0 * u * t * t + d * t * t * t).to_pos2()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether every segment stays between the heights of the two points it joins.
    fn stays_between_its_points(points: &[Pos2]) -> bool {
        curve_segments(points).iter().all(|segment| {
            let (lo, hi) = (
                segment[0].y.min(segment[3].y) - 1e-3,
                segment[0].y.max(segment[3].y) + 1e-3,
            );
            (0..=100).all(|i| {
                let y = bezier_at(segment, i as f32 / 100.0).y;
                (lo..=hi).contains(&y)
            })
        })
    }

    #[test]
    fn level_stretches_stay_level_and_nothing_overshoots() {
        let p = |x: f32, y: f32| pos2(x, y);
        // Neutral, Neutral between a low and a high: the flat stretch must stay flat.
        let points = [p(0.0, 100.0), p(100.0, 50.0), p(200.0, 50.0), p(300.0, 0.0)];
        assert!(stays_between_its_points(&points));
        let flat = curve_segments(&points)[1];
        assert!(flat.iter().all(|q| (q.y - 50.0).abs() < 1e-4), "{flat:?}");
        // Zig-zags, steep steps and uneven spacing.
        let zigzag = [
            p(0.0, 0.0),
            p(10.0, 100.0),
            p(200.0, 0.0),
            p(210.0, 100.0),
            p(215.0, 0.0),
        ];
        assert!(stays_between_its_points(&zigzag));
        let steps = [
            p(0.0, 0.0),
            p(1.0, 0.0),
            p(2.0, 200.0),
            p(300.0, 200.0),
            p(301.0, 201.0),
        ];
        assert!(stays_between_its_points(&steps));
    }

    #[test]
    fn segments_join_the_points_in_order() {
        assert!(curve_segments(&[]).is_empty());
        assert!(curve_segments(&[pos2(1.0, 1.0)]).is_empty());
        let points = [pos2(0.0, 0.0), pos2(10.0, 5.0), pos2(20.0, 0.0)];
        let segments = curve_segments(&points);
        assert_eq!(segments.len(), 2);
        assert_eq!((segments[0][0], segments[0][3]), (points[0], points[1]));
        assert_eq!((segments[1][0], segments[1][3]), (points[1], points[2]));
        // Two points at one x (points of one touchpoint spread apart) do not make NaNs.
        let same_x = [pos2(5.0, 0.0), pos2(5.0, 10.0)];
        assert!(
            curve_segments(&same_x)[0]
                .iter()
                .all(|q| q.x.is_finite() && q.y.is_finite())
        );
    }
}
