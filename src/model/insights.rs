//! What a map says about the experience, computed from it alone (no UI here): for each emotion
//! curve its weakest moment ("100 − 1 = 0": one bad touchpoint can spoil it all), its peak and
//! its end and the peak-end score people remember beside the mean they felt, the recoveries (a
//! drop made good soon after), the share of happy moments; the gaps in the map; how two curves
//! differ; and the COURTED checklist summed up per stage and for the map.
//!
//! A curve's points are its scored touchpoints and its scored stages, in journey order (a
//! stage's own score stands at the middle of its column). Linear in the map's size.

use super::*;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// What a point of a curve scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PointKind {
    /// A touchpoint.
    Touchpoint,
    /// A whole stage.
    Stage,
}

/// One scored point of a curve.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Point {
    /// A touchpoint or a stage.
    pub kind: PointKind,
    /// The touchpoint's or stage's id.
    pub id: u32,
    /// Its title or name.
    pub title: String,
    /// Its score on the curve.
    pub score: i32,
    /// Whether it is a moment of truth (a touchpoint marked so).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub moment_of_truth: bool,
}

impl Point {
    /// The item on the canvas this point is, on `curve`.
    pub fn item(&self, curve: CurveId) -> Item {
        match self.kind {
            PointKind::Touchpoint => Item::Score(curve, TouchpointId(self.id)),
            PointKind::Stage => Item::StageScore(curve, StageId(self.id)),
        }
    }
}

/// A drop made good: `from` is lower than the point before it, and `to`, within the next three
/// scored points, is at least as high as that point again.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Recovery {
    /// The point that dropped.
    pub from: Point,
    /// The first point after it back at the level before the drop.
    pub to: Point,
}

/// The analysis of one curve. Fields of an empty curve are empty or `None`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CurveInsights {
    /// The curve's name.
    pub curve: String,
    /// The curve's id.
    pub curve_id: u32,
    /// The lowest point(s): every point tied at the lowest score, in journey order.
    pub lowest: Vec<Point>,
    /// The highest point (the first in journey order when tied).
    pub peak: Option<Point>,
    /// The last scored point.
    pub end: Option<Point>,
    /// The mean of all points: the experience as felt.
    pub mean: Option<f64>,
    /// The mean of the peak and the end: the experience as remembered.
    pub peak_end: Option<f64>,
    /// The share of points above the neutral level (the one the canvas draws, else the scale's
    /// midpoint), 0 to 1.
    pub happiness_share: Option<f64>,
    /// Drops made good within three points.
    pub recoveries: Vec<Recovery>,
    /// The lowest moment(s) of truth, tied, in journey order.
    pub weakest_moment_of_truth: Vec<Point>,
    /// Touchpoints the curve does not score (and whose stage it does not score as a whole).
    pub unscored: Vec<Named>,
}

/// A touchpoint, stage or note by id and text, for lists of findings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Named {
    /// Its id.
    pub id: u32,
    /// Its title, name or text.
    pub title: String,
}

/// One touchpoint two curves both score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Difference {
    /// The touchpoint.
    pub touchpoint: Named,
    /// Its score on the first curve.
    pub from: i32,
    /// Its score on the other.
    pub to: i32,
}

/// A curve against the map's first curve (as-is against to-be, or one persona against
/// another).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// The first curve's name.
    pub from: String,
    /// The other curve's name.
    pub to: String,
    /// Every touchpoint both score, in journey order.
    pub differences: Vec<Difference>,
    /// The touchpoints the other curve scores lower.
    pub worse: Vec<Named>,
}

/// How many checks passed, failed or were not assessed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Checks passed.
    pub pass: usize,
    /// Checks failed.
    pub fail: usize,
    /// Checks not assessed.
    pub not_assessed: usize,
}

impl Tally {
    fn add(&mut self, check: Check) {
        match check {
            Check::Pass => self.pass += 1,
            Check::Fail => self.fail += 1,
            Check::NotAssessed => self.not_assessed += 1,
        }
    }
}

/// The COURTED checklist of one stage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StageChecks {
    /// The stage.
    pub stage: Named,
    /// Its touchpoints' checks, all qualities together.
    pub tally: Tally,
}

/// The COURTED checklist summed up.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CourtedSummary {
    /// Every touchpoint's checks together.
    pub map: Tally,
    /// Per quality, in the checklist's order: (its name in the file, its tally).
    pub qualities: Vec<(&'static str, Tally)>,
    /// Per stage, in journey order.
    pub stages: Vec<StageChecks>,
}

/// Where the map has nothing to say.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Gaps {
    /// Stages without touchpoints.
    pub empty_stages: Vec<Named>,
    /// Pain points with no opportunity in any of their stages.
    pub unanswered_pain_points: Vec<Named>,
}

/// The whole analysis of a map.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Insights {
    /// One per emotion curve, in the map's order.
    pub curves: Vec<CurveInsights>,
    /// Each later curve against the first.
    pub comparisons: Vec<Comparison>,
    /// Gaps in the map.
    pub gaps: Gaps,
    /// How many touchpoints are moments of truth.
    pub moments_of_truth: usize,
    /// The COURTED checklist, summed up.
    pub courted: CourtedSummary,
}

/// The points of `curve` on `map`, in journey order.
pub fn points(map: &JourneyMap, curve: &EmotionCurve) -> Vec<Point> {
    let mut out = Vec::new();
    for stage in &map.stages {
        // Where the layout draws it: at the column's centre, before a card centred there (the
        // middle one of an odd count).
        let middle = stage.touchpoints.len() / 2;
        for (i, card) in stage.touchpoints.iter().enumerate() {
            if i == middle
                && let Some(score) = curve.stage_scores.get(&stage.id)
            {
                out.push(stage_point(stage, *score));
            }
            if let Some(score) = curve.scores.get(&card.id) {
                out.push(Point {
                    kind: PointKind::Touchpoint,
                    id: card.id.0,
                    title: card.title.clone(),
                    score: *score,
                    moment_of_truth: card.moment_of_truth,
                });
            }
        }
        if middle == stage.touchpoints.len()
            && let Some(score) = curve.stage_scores.get(&stage.id)
        {
            out.push(stage_point(stage, *score));
        }
    }
    out
}

fn stage_point(stage: &Stage, score: i32) -> Point {
    Point {
        kind: PointKind::Stage,
        id: stage.id.0,
        title: stage.name.clone(),
        score,
        moment_of_truth: false,
    }
}

/// The level above which a score is a happy one: the neutral level the canvas draws
/// ([`EmotionScale::neutral_level`]: the one the scale sets, else 0 on a scale through 0), else
/// the scale's midpoint.
pub fn neutral_level(scale: &EmotionScale) -> f64 {
    scale.neutral_level().map_or_else(
        || (f64::from(scale.min) + f64::from(scale.max)) / 2.0,
        f64::from,
    )
}

/// The recoveries among `points`: each drop, and the first point within the next three back at
/// the level before it.
pub fn recoveries(points: &[Point]) -> Vec<Recovery> {
    let scores: Vec<i32> = points.iter().map(|p| p.score).collect();
    recovery_pairs(&scores)
        .into_iter()
        .map(|(from, to)| Recovery {
            from: points[from].clone(),
            to: points[to].clone(),
        })
        .collect()
}

/// The recoveries among scores in journey order, as (drop, made good) index pairs: a score
/// lower than the one before it, and the first of the next three at least as high as that.
pub fn recovery_pairs(scores: &[i32]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for i in 1..scores.len() {
        let before = scores[i - 1];
        if scores[i] >= before {
            continue;
        }
        if let Some(to) = (i + 1..scores.len().min(i + 4)).find(|j| scores[*j] >= before) {
            out.push((i, to));
        }
    }
    out
}

/// Every point tied at the lowest score among `points`.
fn lowest<'a>(points: impl Iterator<Item = &'a Point> + Clone) -> Vec<Point> {
    let Some(min) = points.clone().map(|p| p.score).min() else {
        return Vec::new();
    };
    points.filter(|p| p.score == min).cloned().collect()
}

#[allow(clippy::cast_precision_loss)] // Point counts are far below 2^52.
fn curve_insights(map: &JourneyMap, curve: &EmotionCurve) -> CurveInsights {
    let points = points(map, curve);
    let peak = points
        .iter()
        .fold(None::<&Point>, |best, p| match best {
            Some(b) if b.score >= p.score => Some(b),
            _ => Some(p),
        })
        .cloned();
    let end = points.last().cloned();
    let count = points.len() as f64;
    let mean = (!points.is_empty())
        .then(|| points.iter().map(|p| f64::from(p.score)).sum::<f64>() / count);
    let peak_end = peak
        .as_ref()
        .zip(end.as_ref())
        .map(|(p, e)| (f64::from(p.score) + f64::from(e.score)) / 2.0);
    let neutral = neutral_level(&map.scale);
    let happiness_share = (!points.is_empty()).then(|| {
        points
            .iter()
            .filter(|p| f64::from(p.score) > neutral)
            .count() as f64
            / count
    });
    let scored_stages: HashSet<StageId> = curve.stage_scores.keys().copied().collect();
    let unscored = map
        .stages
        .iter()
        .filter(|s| !scored_stages.contains(&s.id))
        .flat_map(|s| &s.touchpoints)
        .filter(|t| !curve.scores.contains_key(&t.id))
        .map(|t| Named {
            id: t.id.0,
            title: t.title.clone(),
        })
        .collect();
    CurveInsights {
        curve: curve.name.clone(),
        curve_id: curve.id.0,
        lowest: lowest(points.iter()),
        weakest_moment_of_truth: lowest(points.iter().filter(|p| p.moment_of_truth)),
        recoveries: recoveries(&points),
        peak,
        end,
        mean,
        peak_end,
        happiness_share,
        unscored,
    }
}

fn compare(map: &JourneyMap, first: &EmotionCurve, other: &EmotionCurve) -> Comparison {
    let differences: Vec<Difference> = map
        .touchpoints()
        .filter_map(|t| {
            let (from, to) = (first.scores.get(&t.id)?, other.scores.get(&t.id)?);
            Some(Difference {
                touchpoint: Named {
                    id: t.id.0,
                    title: t.title.clone(),
                },
                from: *from,
                to: *to,
            })
        })
        .collect();
    let worse = differences
        .iter()
        .filter(|d| d.to < d.from)
        .map(|d| d.touchpoint.clone())
        .collect();
    Comparison {
        from: first.name.clone(),
        to: other.name.clone(),
        differences,
        worse,
    }
}

/// The stages (as indices) each note of a lane of `kind` covers.
fn covered_stages(
    map: &JourneyMap,
    kind: LaneKind,
) -> Vec<(&Note, std::ops::RangeInclusive<usize>)> {
    let stage_at: HashMap<StageId, usize> = map
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id, i))
        .collect();
    let card_at: HashMap<TouchpointId, usize> = map
        .stages
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.touchpoints.iter().map(move |t| (t.id, i)))
        .collect();
    let last = map.stages.len().saturating_sub(1);
    map.lanes
        .iter()
        .filter(|l| l.kind == kind)
        .flat_map(|l| &l.notes)
        .filter_map(|note| {
            let range = match note.anchor {
                Anchor::Stage(s) => *stage_at.get(&s)?..=*stage_at.get(&s)?,
                Anchor::Stages(a, b) => *stage_at.get(&a)?..=*stage_at.get(&b)?,
                Anchor::Touchpoint(t) => *card_at.get(&t)?..=*card_at.get(&t)?,
                Anchor::Touchpoints(a, b) => *card_at.get(&a)?..=*card_at.get(&b)?,
                Anchor::Journey if !map.stages.is_empty() => 0..=last,
                Anchor::Journey => return None,
            };
            Some((note, range))
        })
        .collect()
}

fn gaps(map: &JourneyMap) -> Gaps {
    let empty_stages = map
        .stages
        .iter()
        .filter(|s| s.touchpoints.is_empty())
        .map(|s| Named {
            id: s.id.0,
            title: s.name.clone(),
        })
        .collect();
    let mut answered = vec![false; map.stages.len()];
    for (_, range) in covered_stages(map, LaneKind::Opportunities) {
        for i in range {
            answered[i] = true;
        }
    }
    let unanswered_pain_points = covered_stages(map, LaneKind::PainPoints)
        .into_iter()
        .filter(|(_, range)| !range.clone().any(|i| answered[i]))
        .map(|(note, _)| Named {
            id: note.id.0,
            title: note.text.clone(),
        })
        .collect();
    Gaps {
        empty_stages,
        unanswered_pain_points,
    }
}

fn courted(map: &JourneyMap) -> CourtedSummary {
    let mut summary = CourtedSummary {
        qualities: Quality::ALL
            .iter()
            .map(|q| (q.key(), Tally::default()))
            .collect(),
        ..CourtedSummary::default()
    };
    for stage in &map.stages {
        let mut tally = Tally::default();
        for card in &stage.touchpoints {
            for (i, quality) in Quality::ALL.iter().enumerate() {
                let check = card.courted.get(*quality);
                tally.add(check);
                summary.map.add(check);
                summary.qualities[i].1.add(check);
            }
        }
        summary.stages.push(StageChecks {
            stage: Named {
                id: stage.id.0,
                title: stage.name.clone(),
            },
            tally,
        });
    }
    summary
}

/// The whole analysis of `map`.
pub fn insights(map: &JourneyMap) -> Insights {
    let comparisons = match map.curves.split_first() {
        Some((first, rest)) => rest.iter().map(|c| compare(map, first, c)).collect(),
        None => Vec::new(),
    };
    Insights {
        curves: map.curves.iter().map(|c| curve_insights(map, c)).collect(),
        comparisons,
        gaps: gaps(map),
        moments_of_truth: map.touchpoints().filter(|t| t.moment_of_truth).count(),
        courted: courted(map),
    }
}

impl Insights {
    /// The analysis as lines of text, for the command line.
    pub fn report(&self) -> String {
        use super::limits::quoted;
        use std::fmt::Write as _;
        let point = |p: &Point| format!("{} ({})", quoted(&p.title), p.score);
        let list = |points: &[Point]| points.iter().map(point).collect::<Vec<_>>().join(", ");
        let names = |named: &[Named]| {
            named
                .iter()
                .map(|n| quoted(&n.title))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = String::new();
        for c in &self.curves {
            let _ = writeln!(out, "curve {}", quoted(&c.curve));
            if c.lowest.is_empty() {
                let _ = writeln!(out, "  no scores");
                continue;
            }
            let _ = writeln!(out, "  weakest moment: {}", list(&c.lowest));
            if let (Some(peak), Some(end)) = (&c.peak, &c.end) {
                let _ = writeln!(out, "  peak: {}; end: {}", point(peak), point(end));
            }
            if let (Some(mean), Some(peak_end)) = (c.mean, c.peak_end) {
                let _ = writeln!(
                    out,
                    "  remembered (peak-end): {peak_end:.2}; felt (mean): {mean:.2}"
                );
            }
            if let Some(share) = c.happiness_share {
                let _ = writeln!(out, "  happy moments: {:.0} %", share * 100.0);
            }
            for r in &c.recoveries {
                let _ = writeln!(out, "  recovery: {} → {}", point(&r.from), point(&r.to));
            }
            if !c.weakest_moment_of_truth.is_empty() {
                let _ = writeln!(
                    out,
                    "  weakest moment of truth: {}",
                    list(&c.weakest_moment_of_truth)
                );
            }
            if !c.unscored.is_empty() {
                let _ = writeln!(out, "  not scored: {}", names(&c.unscored));
            }
        }
        for c in &self.comparisons {
            let worse = if c.worse.is_empty() {
                "no touchpoint".to_owned()
            } else {
                names(&c.worse)
            };
            let _ = writeln!(
                out,
                "{} against {}: worse at {worse}",
                quoted(&c.to),
                quoted(&c.from)
            );
        }
        if !self.gaps.empty_stages.is_empty() {
            let _ = writeln!(
                out,
                "stages without touchpoints: {}",
                names(&self.gaps.empty_stages)
            );
        }
        if !self.gaps.unanswered_pain_points.is_empty() {
            let _ = writeln!(
                out,
                "pain points without an opportunity in their stage: {}",
                names(&self.gaps.unanswered_pain_points)
            );
        }
        let _ = writeln!(out, "moments of truth: {}", self.moments_of_truth);
        let t = self.courted.map;
        let _ = writeln!(
            out,
            "COURTED: {} passed, {} failed, {} not assessed",
            t.pass, t.fail, t.not_assessed
        );
        for (quality, tally) in &self.courted.qualities {
            if tally.fail > 0 {
                let _ = writeln!(out, "  {quality}: {} failed", tally.fail);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A map of one stage per entry of `stages`, each with that many touchpoints titled t1,
    /// t2…, and one curve scoring them from `scores` (None leaves one unscored), on `scale`.
    fn map(stages: &[usize], scores: &[Option<i32>], scale: (i32, i32)) -> JourneyMap {
        let mut map = JourneyMap::blank("Test");
        map.stages.clear();
        map.scale = EmotionScale {
            min: scale.0,
            max: scale.1,
            levels: Vec::new(),
            neutral: None,
        };
        let mut ids = map.id_allocator();
        let mut n = 0;
        for (s, count) in stages.iter().enumerate() {
            let mut stage = Stage::new(ids.stage(), format!("s{}", s + 1), PALETTE[0]);
            for _ in 0..*count {
                n += 1;
                stage
                    .touchpoints
                    .push(Touchpoint::new(ids.touchpoint(), format!("t{n}")));
            }
            map.stages.push(stage);
        }
        let cards: Vec<TouchpointId> = map.touchpoints().map(|t| t.id).collect();
        map.curves[0].scores = cards
            .iter()
            .zip(scores)
            .filter_map(|(t, s)| s.map(|s| (*t, s)))
            .collect();
        map
    }

    fn titles(points: &[Point]) -> Vec<&str> {
        points.iter().map(|p| p.title.as_str()).collect()
    }

    #[test]
    fn lowest_peak_end_and_means_by_hand() {
        // -2..2: scores 1, -2, 2, -2, 0, 2 → lowest t2 and t4 (tied), peak t3 (first of the
        // two 2s), end t6; mean 1/6; peak-end (2 + 2) / 2 = 2; happy 3 of 6 above 0.
        let scores = [1, -2, 2, -2, 0, 2].map(Some);
        let found = insights(&map(&[2, 2, 2], &scores, (-2, 2)));
        let c = &found.curves[0];
        assert_eq!(titles(&c.lowest), ["t2", "t4"]);
        assert_eq!(c.peak.as_ref().map(|p| p.title.as_str()), Some("t3"));
        assert_eq!(
            c.end.as_ref().map(|p| (p.title.as_str(), p.score)),
            Some(("t6", 2))
        );
        assert!((c.mean.expect("mean") - 1.0 / 6.0).abs() < 1e-9);
        assert_eq!(c.peak_end, Some(2.0));
        assert_eq!(c.happiness_share, Some(0.5));
    }

    #[test]
    fn a_single_touchpoint_is_lowest_peak_and_end() {
        let found = insights(&map(&[1], &[Some(-1)], (-2, 2)));
        let c = &found.curves[0];
        assert_eq!(titles(&c.lowest), ["t1"]);
        assert_eq!(c.peak, c.end);
        assert_eq!(
            (c.mean, c.peak_end, c.happiness_share),
            (Some(-1.0), Some(-1.0), Some(0.0))
        );
        assert!(c.recoveries.is_empty());
    }

    #[test]
    fn unscored_touchpoints_are_skipped_and_listed() {
        // t2 and t4 unscored: the points are t1 3, t3 1, t5 4 on 1..5 (midpoint 3): a drop at
        // t3 recovered at t5 (the next scored point); happy: only t5 (3 is not above 3).
        let scores = [Some(3), None, Some(1), None, Some(4)];
        let found = insights(&map(&[5], &scores, (1, 5)));
        let c = &found.curves[0];
        let unscored: Vec<&str> = c.unscored.iter().map(|n| n.title.as_str()).collect();
        assert_eq!(unscored, ["t2", "t4"]);
        assert_eq!(c.recoveries.len(), 1);
        assert_eq!(
            (
                c.recoveries[0].from.title.as_str(),
                c.recoveries[0].to.title.as_str()
            ),
            ("t3", "t5")
        );
        let share = c.happiness_share.expect("share");
        assert!((share - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(titles(&c.lowest), ["t3"]);
    }

    #[test]
    fn recoveries_come_within_three_points_across_stages_or_not_at_all() {
        // 0..10 scale. 8, 3, 4, 5, 8: the drop at t2 (below 8) is made good at t5, the third
        // point after it, across the stage boundary. 8, 3, 4, 5, 6, 9: t6 comes too late.
        let found = insights(&map(&[2, 3], &[8, 3, 4, 5, 8].map(Some), (0, 10)));
        let r = &found.curves[0].recoveries;
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(
            (r[0].from.title.as_str(), r[0].to.title.as_str()),
            ("t2", "t5")
        );
        let late = insights(&map(&[3, 3], &[8, 3, 4, 5, 6, 9].map(Some), (0, 10)));
        assert!(late.curves[0].recoveries.is_empty());
        // Equal is enough: 2, 1, 2.
        let equal = insights(&map(&[3], &[2, 1, 2].map(Some), (-2, 2)));
        assert_eq!(equal.curves[0].recoveries.len(), 1);
    }

    #[test]
    fn the_scale_names_the_neutral_level_where_it_has_one() {
        // -5..5 with neutral 1: scores 1, 2, 5 → only 2 and 5 are happy.
        let mut m = map(&[3], &[1, 2, 5].map(Some), (-5, 5));
        m.scale.neutral = Some(1);
        let share = insights(&m).curves[0].happiness_share.expect("share");
        assert!((share - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn stage_scores_are_points_in_the_middle_of_their_column() {
        let mut m = map(&[2, 0], &[Some(1), Some(2)], (-2, 2));
        let (first, empty) = (m.stages[0].id, m.stages[1].id);
        m.curves[0].stage_scores.insert(first, -2);
        m.curves[0].stage_scores.insert(empty, 0);
        let points = points(&m, &m.curves[0]);
        assert_eq!(titles(&points), ["t1", "s1", "t2", "s2"]);
        let found = insights(&m);
        assert_eq!(found.curves[0].lowest[0].kind, PointKind::Stage);
        assert!(
            found.curves[0].unscored.is_empty(),
            "a scored stage speaks for its cards"
        );
        let empty: Vec<&str> = found
            .gaps
            .empty_stages
            .iter()
            .map(|n| n.title.as_str())
            .collect();
        assert_eq!(empty, ["s2"]);
    }

    #[test]
    fn a_stage_score_stands_among_the_cards_where_the_layout_draws_it() {
        // Odd and even card counts, and an empty stage: the points in the layout's order.
        let counts = [1, 3, 5, 2, 0, 4];
        let mut m = map(&counts, &[Some(0); 15], (-2, 2));
        let stages: Vec<StageId> = m.stages.iter().map(|s| s.id).collect();
        for stage in stages {
            m.curves[0].stage_scores.insert(stage, 1);
        }
        let curve = m.curves[0].id;
        let here: Vec<Item> = points(&m, &m.curves[0])
            .iter()
            .map(|p| p.item(curve))
            .collect();
        let ctx = crate::fonts::headless_context();
        let layout = ctx.fonts_mut(|fonts| {
            crate::layout::MapLayout::new(
                &m,
                &crate::layout::Style::default(),
                &crate::layout::Labels::default(),
                fonts,
            )
        });
        let drawn: Vec<Item> = layout.curves[0].points.iter().map(|p| p.item).collect();
        assert_eq!(here, drawn);
        assert_eq!(
            titles(&points(&m, &m.curves[0]))[..5],
            ["s1", "t1", "t2", "s2", "t3"],
            "the middle card of three comes after its stage's point"
        );
    }

    #[test]
    fn the_neutral_level_is_the_one_the_canvas_draws() {
        // -2..4 names no neutral level: the canvas draws 0 as neutral (the scale runs through
        // it), not the midpoint 1. Scores 1, -1, 0: only 1 is happy.
        let m = map(&[3], &[1, -1, 0].map(Some), (-2, 4));
        assert_eq!(m.scale.neutral_level(), Some(0));
        let share = insights(&m).curves[0].happiness_share.expect("share");
        assert!((share - 1.0 / 3.0).abs() < 1e-9, "{share}");
    }

    #[test]
    fn moments_of_truth_comparisons_gaps_and_courted() {
        let mut m = map(&[2, 2], &[2, -1, 0, 1].map(Some), (-2, 2));
        let cards: Vec<TouchpointId> = m.touchpoints().map(|t| t.id).collect();
        for stage in &mut m.stages {
            for card in &mut stage.touchpoints {
                if card.id == cards[0] || card.id == cards[2] {
                    card.moment_of_truth = true;
                }
                if card.id == cards[1] {
                    card.courted.set(Quality::TimeSaving, Check::Fail);
                    card.courted.set(Quality::Clean, Check::Pass);
                }
            }
        }
        let mut to_be = m.curves[0].clone();
        to_be.id = CurveId(9_000);
        to_be.name = "To-be".to_owned();
        to_be.scores.insert(cards[0], 1);
        to_be.scores.insert(cards[1], 2);
        m.curves.push(to_be);
        // A pain point in stage 1 with an opportunity there, one in stage 2 without.
        let (s1, s2) = (m.stages[0].id, m.stages[1].id);
        let pains = m
            .lanes
            .iter()
            .position(|l| l.kind == LaneKind::PainPoints)
            .expect("lane");
        let chances = m
            .lanes
            .iter()
            .position(|l| l.kind == LaneKind::Opportunities)
            .expect("lane");
        m.lanes[pains]
            .notes
            .push(Note::new(NoteId(8_001), "slow", Anchor::Stage(s1)));
        m.lanes[pains]
            .notes
            .push(Note::new(NoteId(8_002), "rude", Anchor::Stage(s2)));
        m.lanes[chances]
            .notes
            .push(Note::new(NoteId(8_003), "faster", Anchor::Stage(s1)));
        assert!(m.validate().is_empty(), "{:?}", m.validate());

        let found = insights(&m);
        assert_eq!(found.moments_of_truth, 2);
        assert_eq!(titles(&found.curves[0].weakest_moment_of_truth), ["t3"]);
        let c = &found.comparisons[0];
        assert_eq!((c.from.as_str(), c.to.as_str()), ("Emotion", "To-be"));
        assert_eq!(c.differences.len(), 4);
        let worse: Vec<&str> = c.worse.iter().map(|n| n.title.as_str()).collect();
        assert_eq!(worse, ["t1"]);
        let pains: Vec<&str> = found
            .gaps
            .unanswered_pain_points
            .iter()
            .map(|n| n.title.as_str())
            .collect();
        assert_eq!(pains, ["rude"]);
        assert_eq!(
            found.courted.map,
            Tally {
                pass: 1,
                fail: 1,
                not_assessed: 26
            }
        );
        assert_eq!(found.courted.stages[0].tally.fail, 1);
        assert_eq!(
            found.courted.stages[1].tally,
            Tally {
                pass: 0,
                fail: 0,
                not_assessed: 14
            }
        );
        assert_eq!(
            found.courted.qualities[4],
            (
                "time_saving",
                Tally {
                    pass: 0,
                    fail: 1,
                    not_assessed: 3
                }
            )
        );
    }

    #[test]
    fn an_empty_curve_has_no_findings() {
        let found = insights(&map(&[2], &[None, None], (-2, 2)));
        let c = &found.curves[0];
        assert!(c.lowest.is_empty() && c.peak.is_none() && c.end.is_none());
        assert_eq!((c.mean, c.peak_end, c.happiness_share), (None, None, None));
        assert_eq!(c.unscored.len(), 2);
    }
}
