//! The emotion curves' points and lines. A curve scores touchpoints, whole stages, or both; an
//! unscored touchpoint (in a stage the curve does not score as a whole) or an unscored stage
//! between two points makes the line between them dashed, so the picture never claims a value
//! nobody gave. On a wrapped map each band's line starts at the left edge from the score the
//! band above ended on.

use super::{Band, CardBox, CurvePoint, CurveSegment, StageBox, Style, curve_segments};
use crate::model::{Item, JourneyMap, TouchpointId};
use egui::emath::{Pos2, pos2};
use std::collections::HashMap;

enum Entry {
    /// A touchpoint or stage nobody scored on this curve.
    Gap,
    /// The index of a point.
    Point(usize),
}

/// Every curve's points and segments, in the map's order.
pub(super) fn lay_out(
    map: &JourneyMap,
    style: &Style,
    stages: &[StageBox],
    cards: &[CardBox],
    bands: &[Band],
) -> Vec<(Vec<CurvePoint>, Vec<CurveSegment>)> {
    let y_of = |band: usize, score: i32| {
        let clamped = map.scale.clamp(score);
        bands[band]
            .levels
            .iter()
            .find(|(v, _)| *v == clamped)
            .map_or(bands[band].curve_band.center().y, |(_, y)| *y)
    };
    let card_of: HashMap<TouchpointId, &CardBox> = cards.iter().map(|c| (c.id, c)).collect();

    // Points and gaps in journey order.
    let mut all: Vec<(Vec<CurvePoint>, Vec<Entry>)> = Vec::with_capacity(map.curves.len());
    for curve in &map.curves {
        let mut points = Vec::new();
        let mut entries = Vec::new();
        for (stage, sb) in map.stages.iter().zip(stages) {
            let mut here: Vec<(f32, Option<CurvePoint>)> = Vec::new();
            let whole = curve.stage_scores.get(&stage.id);
            if let Some(&score) = whole {
                here.push((
                    sb.column.center().x,
                    Some(CurvePoint {
                        item: Item::StageScore(curve.id, stage.id),
                        score,
                        band: sb.band,
                        pos: pos2(sb.column.center().x, y_of(sb.band, score)),
                    }),
                ));
            } else if stage.touchpoints.is_empty() {
                here.push((sb.column.center().x, None));
            }
            for tp in &stage.touchpoints {
                let Some(card) = card_of.get(&tp.id) else {
                    continue;
                };
                let x = card.rect.center().x;
                match curve.scores.get(&tp.id) {
                    Some(&score) => here.push((
                        x,
                        Some(CurvePoint {
                            item: Item::Score(curve.id, tp.id),
                            score,
                            band: card.band,
                            pos: pos2(x, y_of(card.band, score)),
                        }),
                    )),
                    // The stage's own score speaks for its unscored touchpoints.
                    None if whole.is_none() => here.push((x, None)),
                    None => {}
                }
            }
            here.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (_, point) in here {
                match point {
                    Some(point) => {
                        entries.push(Entry::Point(points.len()));
                        points.push(point);
                    }
                    None => entries.push(Entry::Gap),
                }
            }
        }
        all.push((points, entries));
    }

    // Points of different curves with the same score at the same place would hide each other:
    // spread them sideways so each can be seen and grabbed.
    let mut shared: HashMap<(u32, i32), Vec<(usize, usize)>> = HashMap::new();
    for (ci, (points, _)) in all.iter().enumerate() {
        for (pi, point) in points.iter().enumerate() {
            let at = match point.item {
                Item::Score(_, tp) => tp.0,
                Item::StageScore(_, stage) => stage.0,
                _ => continue,
            };
            shared.entry((at, point.score)).or_default().push((ci, pi));
        }
    }
    for group in shared.values().filter(|g| g.len() > 1) {
        let middle = (group.len() - 1) as f32 / 2.0;
        for (k, &(ci, pi)) in group.iter().enumerate() {
            all[ci].0[pi].pos.x += (k as f32 - middle) * style.shared_point_spread;
        }
    }

    all.into_iter()
        .map(|(points, entries)| {
            let segments = segments(&points, &entries, bands, &y_of);
            (points, segments)
        })
        .collect()
}

/// A run of positions in one band, with whether each stretch between two is dashed.
struct Run {
    band: usize,
    positions: Vec<Pos2>,
    dashed: Vec<bool>,
}

fn segments(
    points: &[CurvePoint],
    entries: &[Entry],
    bands: &[Band],
    y_of: &dyn Fn(usize, i32) -> f32,
) -> Vec<CurveSegment> {
    let mut runs: Vec<Run> = Vec::new();
    let mut last: Option<&CurvePoint> = None;
    let mut gap = false;
    for entry in entries {
        match entry {
            Entry::Gap => gap |= last.is_some(),
            Entry::Point(i) => {
                let point = &points[*i];
                match last {
                    None => runs.push(Run {
                        band: point.band,
                        positions: vec![point.pos],
                        dashed: Vec::new(),
                    }),
                    Some(prev) if prev.band == point.band => {
                        if let Some(run) = runs.last_mut() {
                            run.positions.push(point.pos);
                            run.dashed.push(gap);
                        }
                    }
                    Some(prev) => {
                        // The bands between carry the last score straight across.
                        for (band, between) in bands
                            .iter()
                            .enumerate()
                            .take(point.band)
                            .skip(prev.band + 1)
                        {
                            let y = y_of(band, prev.score);
                            runs.push(Run {
                                band,
                                positions: vec![
                                    pos2(between.content_left, y),
                                    pos2(between.content_right, y),
                                ],
                                dashed: vec![gap],
                            });
                        }
                        runs.push(Run {
                            band: point.band,
                            positions: vec![
                                pos2(bands[point.band].content_left, y_of(point.band, prev.score)),
                                point.pos,
                            ],
                            dashed: vec![gap],
                        });
                    }
                }
                gap = false;
                last = Some(point);
            }
        }
    }
    runs.into_iter()
        .flat_map(|run| {
            let band = run.band;
            curve_segments(&run.positions)
                .into_iter()
                .zip(run.dashed)
                .map(move |(bezier, dashed)| CurveSegment {
                    bezier,
                    dashed,
                    band,
                })
        })
        .collect()
}
