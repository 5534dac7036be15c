//! Cutting a long journey into bands: after every so many stages, or so the whole map takes a
//! page's shape.

use crate::model::Wrap;
use std::ops::Range;

/// What the page fit needs to know of the map besides its stages' widths.
pub(super) struct Shape {
    /// The width beside the stages: margins and the gutter.
    pub fixed_width: f32,
    /// The height above the bands (the header) and below them (footer, margins).
    pub fixed_height: f32,
    /// How tall one band is (the one-band layout's band).
    pub band_height: f32,
    /// The space between two bands.
    pub band_gap: f32,
    /// The space between two stages.
    pub stage_gap: f32,
}

/// The stages of each band, as index ranges, first to last; one band when the map does not
/// wrap (or has at most one stage).
pub(super) fn partition(widths: &[f32], wrap: Wrap, shape: &Shape) -> Vec<Range<usize>> {
    let n = widths.len();
    let whole = || std::iter::once(0..n).collect::<Vec<_>>();
    match wrap {
        Wrap::None => whole(),
        _ if n <= 1 => whole(),
        Wrap::AfterStages(per) => {
            let per = (per as usize).max(1);
            (0..n.div_ceil(per))
                .map(|b| b * per..((b + 1) * per).min(n))
                .collect()
        }
        Wrap::Page(page) => (1..=n)
            .map(|k| balanced(widths, shape.stage_gap, k))
            .min_by(|a, b| {
                let error = |bands: &[Range<usize>]| {
                    (aspect_of(widths, bands, shape) / page.aspect()).ln().abs()
                };
                error(a).total_cmp(&error(b))
            })
            .unwrap_or_else(whole),
    }
}

/// Width over height of the whole map when its stages stand in `bands`.
fn aspect_of(widths: &[f32], bands: &[Range<usize>], shape: &Shape) -> f32 {
    let width = shape.fixed_width
        + bands
            .iter()
            .map(|r| band_width(&widths[r.clone()], shape.stage_gap))
            .fold(0.0, f32::max);
    let k = bands.len() as f32;
    let height = shape.fixed_height + k * shape.band_height + (k - 1.0) * shape.band_gap;
    width / height.max(1.0)
}

fn band_width(widths: &[f32], gap: f32) -> f32 {
    widths.iter().sum::<f32>() + gap * widths.len().saturating_sub(1) as f32
}

/// `k` bands of consecutive stages, each as near a k-th of the journey's width as the stages
/// allow; none empty.
pub(super) fn balanced(widths: &[f32], gap: f32, k: usize) -> Vec<Range<usize>> {
    let n = widths.len();
    let k = k.clamp(1, n.max(1));
    // Where each stage starts along the unwrapped journey.
    let mut starts = Vec::with_capacity(n + 1);
    let mut x = 0.0;
    for w in widths {
        starts.push(x);
        x += w + gap;
    }
    let total = x;
    let mut cuts = vec![0];
    for i in 1..k {
        let target = total * i as f32 / k as f32;
        let low = cuts[i - 1] + 1;
        let high = n - (k - i);
        let cut = (low..=high)
            .min_by(|a, b| {
                (starts[*a] - target)
                    .abs()
                    .total_cmp(&(starts[*b] - target).abs())
            })
            .unwrap_or(low);
        cuts.push(cut);
    }
    cuts.push(n);
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PageShape;

    fn shape() -> Shape {
        Shape {
            fixed_width: 200.0,
            fixed_height: 200.0,
            band_height: 600.0,
            band_gap: 40.0,
            stage_gap: 12.0,
        }
    }

    #[test]
    fn bands_cover_every_stage_once_in_order() {
        let widths = vec![192.0; 23];
        for wrap in [
            Wrap::None,
            Wrap::AfterStages(1),
            Wrap::AfterStages(5),
            Wrap::AfterStages(40),
            Wrap::Page(PageShape::A4Landscape),
            Wrap::Page(PageShape::A3Landscape),
        ] {
            let bands = partition(&widths, wrap, &shape());
            let flat: Vec<usize> = bands.iter().flat_map(Clone::clone).collect();
            assert_eq!(flat, (0..23).collect::<Vec<_>>(), "{wrap:?}");
            assert!(bands.iter().all(|b| !b.is_empty()), "{wrap:?}");
        }
        assert_eq!(partition(&widths, Wrap::AfterStages(5), &shape()).len(), 5);
    }

    #[test]
    fn a_page_fit_comes_near_the_page_shape() {
        let widths = vec![192.0; 24];
        let shape = shape();
        let bands = partition(&widths, Wrap::Page(PageShape::A4Landscape), &shape);
        let aspect = aspect_of(&widths, &bands, &shape);
        assert!(bands.len() > 1, "a 24-stage strip wraps");
        assert!(
            (aspect / PageShape::A4Landscape.aspect()).ln().abs() < 0.35,
            "aspect {aspect}"
        );
    }

    #[test]
    fn balanced_bands_are_even() {
        let bands = balanced(&[100.0; 10], 0.0, 3);
        let lens: Vec<usize> = bands.iter().map(ExactSizeIterator::len).collect();
        assert!(lens.iter().all(|l| (3..=4).contains(l)), "{lens:?}");
    }
}
