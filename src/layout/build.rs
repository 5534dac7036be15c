//! Building a [`MapLayout`]: the header, then the bands one under another, then the curves
//! across them and the credit line at the foot.

use super::bands::{Shape, partition};
use super::index::MapIndex;
use super::notes::{BandColumns, place};
use super::*;
use egui::emath::{pos2, vec2};

/// Measures and places text for one layout.
pub(super) struct Builder<'a> {
    pub style: &'a Style,
    /// Where each stage and touchpoint stands.
    pub index: MapIndex,
    pub labels: &'a Labels,
    pub measure: &'a mut dyn Measure,
}

impl Builder<'_> {
    /// `text` in the role's size, wrapped at `width`, its top left at `at`.
    pub fn text(&mut self, text: &str, role: TextRole, at: Pos2, width: f32) -> TextBox {
        let measured = self.measure.measure(
            text,
            self.style.font_size(role),
            width,
            self.style.max_rows(role),
        );
        TextBox {
            rect: Rect::from_min_size(at, vec2(width, measured.size.y)),
            rows: measured.rows,
            role,
        }
    }

    /// How wide `text` is on one row in the role's size.
    fn width_of(&mut self, text: &str, role: TextRole) -> f32 {
        self.measure
            .measure(text, self.style.font_size(role), 10_000.0, 1)
            .size
            .x
    }

    /// A note's owner and metric as the line under its text, when it has either.
    pub fn note_meta(&self, note: &Note) -> Option<String> {
        let mut parts = Vec::new();
        if !note.owner.is_empty() {
            parts.push(self.labels.owner.replace("{owner}", &note.owner));
        }
        if !note.metric.is_empty() {
            parts.push(self.labels.metric.replace("{metric}", &note.metric));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

/// A persona's initials for an actor badge: the first letters of the first and last words
/// ("Mei Lin" → "ML"), one capital for a single Latin word, the first two characters of a
/// Chinese name.
pub fn initials(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let first = |w: &str| w.chars().next().map(|c| c.to_uppercase().to_string());
    match words.as_slice() {
        [] => "?".to_owned(),
        [one] => {
            let c = one.chars().next().unwrap_or('?');
            if c.is_ascii() {
                c.to_ascii_uppercase().to_string()
            } else {
                one.chars().take(2).collect()
            }
        }
        [a, .., b] => format!(
            "{}{}",
            first(a).unwrap_or_default(),
            first(b).unwrap_or_default()
        ),
    }
}

/// What one band's layout produced.
struct BandOut {
    band: Band,
    stages: Vec<StageBox>,
    cards: Vec<CardBox>,
    lanes: Vec<LaneBox>,
    notes: Vec<NoteBox>,
    cells: Vec<CellBox>,
}

pub(super) fn lay_out(
    map: &JourneyMap,
    style: &Style,
    labels: &Labels,
    measure: &mut dyn Measure,
) -> MapLayout {
    let mut b = Builder {
        style,
        index: MapIndex::new(map),
        labels,
        measure,
    };
    let m = style.margin;
    let content_left = m + style.gutter_width;
    let widths: Vec<f32> = map
        .stages
        .iter()
        .map(|stage| {
            let slots = stage.touchpoints.len().max(1) as f32;
            2.0 * style.stage_padding + slots * style.card_width + (slots - 1.0) * style.card_gap
        })
        .collect();
    let span_width = |range: Range<usize>| {
        if range.is_empty() {
            style.card_width + 2.0 * style.stage_padding
        } else {
            widths[range.clone()].iter().sum::<f32>() + style.stage_gap * (range.len() - 1) as f32
        }
    };
    let min_header_width = 3.0 * style.header_block_width + 2.0 * BLOCK_GAP;
    let footer_text = (!map.header.source.is_empty()).then_some(map.header.source.as_str());

    // The bands: a page fit needs the one-band layout's size to choose how many.
    let all = 0..map.stages.len();
    let ranges = if let Wrap::Page(_) = map.options.wrap
        && map.stages.len() > 1
    {
        let zeros = vec![0; map.stages.len()];
        let one = lay_out_band(&mut b, map, 0, all.clone(), &zeros, 0.0, &widths);
        let header = lay_out_header(&mut b, map, min_header_width);
        let shape = Shape {
            fixed_width: 2.0 * m + style.gutter_width,
            fixed_height: 2.0 * m
                + header.rect.height()
                + 2.0 * style.row_gap
                + if footer_text.is_some() { 40.0 } else { 0.0 },
            band_height: one.band.rect.height(),
            band_gap: style.band_gap,
            stage_gap: style.stage_gap,
        };
        partition(&widths, map.options.wrap, &shape)
    } else {
        partition(
            &widths,
            map.options.wrap,
            &Shape {
                fixed_width: 0.0,
                fixed_height: 0.0,
                band_height: 0.0,
                band_gap: 0.0,
                stage_gap: style.stage_gap,
            },
        )
    };
    let mut band_of_stage = vec![0; map.stages.len()];
    for (bi, range) in ranges.iter().enumerate() {
        for si in range.clone() {
            band_of_stage[si] = bi;
        }
    }
    let content_right = ranges
        .iter()
        .map(|r| content_left + span_width(r.clone()))
        .fold(content_left, f32::max);

    let header_width = (content_right - m).max(min_header_width);
    let header = lay_out_header(&mut b, map, header_width);

    let mut y = header.rect.bottom() + 2.0 * style.row_gap;
    let mut bands = Vec::new();
    let mut stages = Vec::new();
    let mut cards = Vec::new();
    let mut lanes = Vec::new();
    let mut notes = Vec::new();
    let mut cells = Vec::new();
    for (bi, range) in ranges.iter().enumerate() {
        let out = lay_out_band(&mut b, map, bi, range.clone(), &band_of_stage, y, &widths);
        y = out.band.rect.bottom() + style.band_gap;
        bands.push(out.band);
        stages.extend(out.stages);
        cards.extend(out.cards);
        lanes.extend(out.lanes);
        notes.extend(out.notes);
        cells.extend(out.cells);
    }
    let bands_bottom = bands.last().map_or(y, |band: &Band| band.rect.bottom());

    let curve_lines = curve_lines(&mut b, map, &stages, &cards, &bands, content_right);

    let footer = footer_text.map(|text| {
        b.text(
            text,
            TextRole::Footer,
            pos2(m, bands_bottom + style.row_gap),
            (content_right - m).max(min_header_width),
        )
    });
    let bottom = footer.as_ref().map_or(bands_bottom, |f| f.rect.bottom());
    let right = content_right.max(header.rect.right());
    let strips = Strips::new(&stages, &cards, &notes, &cells);
    MapLayout {
        size: vec2(right + m, bottom + m),
        header,
        bands,
        stages,
        cards,
        lanes,
        notes,
        curves: curve_lines,
        strips,
        cells,
        footer,
    }
}

/// The curves, across the bands, and their legend in the first band.
pub(super) fn curve_lines(
    b: &mut Builder<'_>,
    map: &JourneyMap,
    stages: &[StageBox],
    cards: &[CardBox],
    bands: &[Band],
    content_right: f32,
) -> Vec<CurveLine> {
    let style = b.style;
    let labels = b.labels;
    let content_left = style.margin + style.gutter_width;
    let lines = curves::lay_out(map, style, stages, cards, bands);
    let mut legend_x = content_left;
    let mut empty_y = bands.first().map_or(0.0, |band| {
        band.curve_band.top() + style.legend_height + 6.0
    });
    let mut curve_lines = Vec::with_capacity(lines.len());
    for (curve, (points, segments)) in map.curves.iter().zip(lines) {
        let name_width = b.width_of(&curve.name, TextRole::Legend);
        let legend_top = bands
            .first()
            .map_or(0.0, |band| band.curve_band.top() + 4.0);
        let legend = Rect::from_min_size(
            pos2(legend_x, legend_top),
            vec2(name_width + 30.0, style.legend_height - 8.0),
        );
        legend_x = legend.right() + 16.0;
        let empty = (curve.scores.is_empty() && curve.stage_scores.is_empty()).then(|| {
            let text = labels.no_scores.replace("{curve}", &curve.name);
            let left = content_left + 12.0;
            let boxed = b.text(
                &text,
                TextRole::Legend,
                pos2(left, empty_y),
                (content_right - left - 12.0).max(40.0),
            );
            empty_y = boxed.rect.bottom() + 4.0;
            boxed
        });
        // What the insights say of the curve, marked on it.
        let scores = points.iter().map(|p| p.score);
        let (min, max) = (scores.clone().min(), scores.max());
        let lowest = if min < max {
            (0..points.len())
                .filter(|i| Some(points[*i].score) == min)
                .collect()
        } else {
            Vec::new()
        };
        let in_order: Vec<i32> = points.iter().map(|p| p.score).collect();
        let mut recovered: Vec<usize> = crate::model::insights::recovery_pairs(&in_order)
            .into_iter()
            .map(|(_, to)| to)
            .collect();
        recovered.sort_unstable();
        recovered.dedup();
        curve_lines.push(CurveLine {
            id: curve.id,
            points,
            segments,
            legend,
            empty,
            lowest,
            recovered,
        });
    }

    curve_lines
}

const BLOCK_GAP: f32 = 24.0;

/// The title, then personas, scenario and expectations side by side.
pub(super) fn lay_out_header(b: &mut Builder<'_>, map: &JourneyMap, width: f32) -> HeaderLayout {
    let style = b.style;
    let m = style.margin;
    let header_top = m;
    let title = b.text(
        &map.header.title,
        TextRole::Title,
        pos2(m, header_top),
        width,
    );
    let blocks_top = title.rect.bottom() + 10.0;
    let mut blocks = Vec::new();
    let mut block_x = m;
    let (goals_label, goals_joiner) = (&b.labels.goals, &b.labels.goals_joiner);
    let persona_parts: Vec<(HeaderPart, String)> = map
        .header
        .personas
        .iter()
        .flat_map(|p| {
            let description = (!p.description.is_empty())
                .then(|| (HeaderPart::PersonaDescription(p.id), p.description.clone()));
            let goals = (!p.goals.is_empty()).then(|| {
                (
                    HeaderPart::PersonaGoals(p.id),
                    goals_label.replace("{goals}", &p.goals.join(goals_joiner)),
                )
            });
            std::iter::once((HeaderPart::PersonaName(p.id), p.name.clone()))
                .chain(description)
                .chain(goals)
        })
        .collect();
    let (persona, scenario, expectations) = (
        b.labels.persona.clone(),
        b.labels.scenario.clone(),
        b.labels.expectations.clone(),
    );
    for (label, parts) in [
        (persona, persona_parts),
        (
            scenario,
            vec![(HeaderPart::Scenario, map.header.scenario.clone())],
        ),
        (
            expectations,
            vec![(HeaderPart::Expectations, map.header.expectations.clone())],
        ),
    ] {
        let parts: Vec<(HeaderPart, String)> =
            parts.into_iter().filter(|(_, t)| !t.is_empty()).collect();
        if parts.is_empty() {
            continue;
        }
        let label_box = b.text(
            &label,
            TextRole::HeaderLabel,
            pos2(block_x, blocks_top),
            style.header_block_width,
        );
        let mut y = label_box.rect.bottom() + 2.0;
        let mut boxes = Vec::new();
        for (part, body) in parts {
            // A persona's description and goals sit right under its name; personas stand apart.
            if matches!(part, HeaderPart::PersonaName(_)) && !boxes.is_empty() {
                y += 6.0;
            }
            let body_box = b.text(
                &body,
                TextRole::HeaderBody,
                pos2(block_x, y),
                style.header_block_width,
            );
            y = body_box.rect.bottom();
            boxes.push((part, body_box));
        }
        block_x += style.header_block_width + BLOCK_GAP;
        blocks.push(HeaderBlock {
            label: label_box,
            parts: boxes,
        });
    }
    let header_bottom = blocks
        .iter()
        .flat_map(|b| &b.parts)
        .map(|(_, body)| body.rect.bottom())
        .fold(title.rect.bottom(), f32::max);
    HeaderLayout {
        rect: Rect::from_min_max(pos2(m, header_top), pos2(m + width, header_bottom)),
        title,
        blocks,
    }
}

/// A stage's header texts at the top of its column (`x`, `width`).
pub(super) fn stage_head(
    b: &mut Builder<'_>,
    stage: &Stage,
    x: f32,
    width: f32,
    stage_top: f32,
) -> (TextBox, Option<TextBox>) {
    let style = b.style;
    let inner = width - 2.0 * style.stage_padding;
    let name = b.text(
        &stage.name,
        TextRole::StageName,
        pos2(x + style.stage_padding, stage_top + 8.0),
        inner,
    );
    let description = (!stage.description.is_empty()).then(|| {
        b.text(
            &stage.description,
            TextRole::StageDescription,
            pos2(x + style.stage_padding, name.rect.bottom() + 2.0),
            inner,
        )
    });
    (name, description)
}

/// A one-row name sits in the middle of a header grown by a neighbour's second row.
pub(super) fn centre_name(
    name: &mut TextBox,
    description: Option<&TextBox>,
    top: f32,
    height: f32,
) {
    if description.is_none() {
        let room = height - name.rect.height();
        let dy = (top + room / 2.0) - name.rect.top();
        name.rect = name.rect.translate(vec2(0.0, dy));
    }
}

/// One band: its stage headers, then its rows in the map's order.
#[allow(clippy::too_many_lines, reason = "one pass down the band's rows")]
fn lay_out_band(
    b: &mut Builder<'_>,
    map: &JourneyMap,
    index: usize,
    range: Range<usize>,
    band_of_stage: &[usize],
    top: f32,
    widths: &[f32],
) -> BandOut {
    let style = b.style;
    let m = style.margin;
    let content_left = m + style.gutter_width;
    let mut x = content_left;
    let mut columns = Vec::with_capacity(range.len());
    for si in range.clone() {
        columns.push((x, widths[si]));
        x += widths[si] + style.stage_gap;
    }
    let content_right = if range.is_empty() {
        content_left + style.card_width + 2.0 * style.stage_padding
    } else {
        x - style.stage_gap
    };

    // Stage headers: the name in up to two rows, the description under it.
    let stage_top = top;
    let mut heads = Vec::with_capacity(range.len());
    for (si, &(x, width)) in range.clone().zip(&columns) {
        heads.push(stage_head(b, &map.stages[si], x, width, stage_top));
    }
    let stage_header_height = heads
        .iter()
        .map(|(name, description)| header_needs(name, description.as_ref(), stage_top))
        .fold(style.stage_header_min_height, f32::max);
    for (name, description) in &mut heads {
        centre_name(name, description.as_ref(), stage_top, stage_header_height);
    }
    let stage_row = Rect::from_min_max(
        pos2(content_left, stage_top),
        pos2(content_right, stage_top + stage_header_height),
    );

    let row_label = |b: &mut Builder<'_>, label: &str, row_top: f32| {
        b.text(
            label,
            TextRole::RowLabel,
            pos2(m + 12.0, row_top + 10.0),
            style.gutter_width - 24.0,
        )
    };
    let touchpoints_name = if map.options.touchpoints_name.is_empty() {
        b.labels.touchpoints.clone()
    } else {
        map.options.touchpoints_name.clone()
    };
    let emotion_name = if map.options.emotion_name.is_empty() {
        b.labels.emotion.clone()
    } else {
        map.options.emotion_name.clone()
    };

    let mut y = stage_row.bottom() + style.row_gap;
    let mut cards = Vec::new();
    let mut touchpoint_row = None;
    let mut curve_band = None;
    let mut levels = Vec::new();
    let mut lanes = Vec::new();
    let mut notes = Vec::new();
    for row in map.rows() {
        match row {
            Row::Touchpoints => {
                let cards_top = y;
                for (si, &(x, _)) in range.clone().zip(&columns) {
                    for (ti, touchpoint) in map.stages[si].touchpoints.iter().enumerate() {
                        let left = x
                            + style.stage_padding
                            + ti as f32 * (style.card_width + style.card_gap);
                        cards.push(lay_out_card(
                            b,
                            map,
                            touchpoint,
                            (si, ti, index),
                            pos2(left, cards_top),
                            b.index.order(touchpoint.id).map(|order| order + 1),
                        ));
                    }
                }
                let height = cards
                    .iter()
                    .map(|c: &CardBox| c.rect.height())
                    .fold(style.card_min_height, f32::max);
                for card in &mut cards {
                    stretch(card, cards_top + height);
                }
                let rect = Rect::from_min_max(
                    pos2(content_left, cards_top),
                    pos2(content_right, cards_top + height),
                );
                touchpoint_row = Some(rect);
                y = rect.bottom() + style.row_gap;
            }
            Row::Emotion => {
                let scale = &map.scale;
                // Levels from the top down; a scale wider than a file may hold (a map built in
                // code) is drawn from its top for at most that many levels.
                let lowest = scale.min.max(
                    scale
                        .max
                        .saturating_sub(crate::model::limits::MAX_SCALE_SPAN),
                );
                let steps = (i64::from(scale.max) - i64::from(lowest)).max(1) as f32;
                let rect = if map.curves.is_empty() {
                    Rect::from_min_max(pos2(content_left, y), pos2(content_right, y))
                } else {
                    let plot_top = y + style.legend_height + style.level_height * 0.5;
                    levels = (lowest..=scale.max)
                        .rev()
                        .map(|v| {
                            let below_top = (i64::from(scale.max) - i64::from(v)) as f32;
                            (v, plot_top + below_top * style.level_height)
                        })
                        .collect();
                    let bottom = plot_top + steps * style.level_height + style.level_height * 0.5;
                    Rect::from_min_max(pos2(content_left, y), pos2(content_right, bottom))
                };
                curve_band = Some(rect);
                y = rect.bottom() + style.row_gap;
            }
            Row::Lane(id) => {
                if style.hidden_lanes.contains(&id) {
                    continue;
                }
                let Some((li, lane)) = map.lanes.iter().enumerate().find(|(_, l)| l.id == id)
                else {
                    continue;
                };
                let card_xs: Vec<(f32, f32)> = cards
                    .iter()
                    .map(|c| (c.rect.left(), c.rect.right()))
                    .collect();
                let first_card = cards.first().and_then(|c| b.index.order(c.id)).unwrap_or(0);
                let band = BandColumns {
                    stages: range.clone(),
                    columns: &columns,
                    cards: &card_xs,
                    first_card,
                    band: index,
                    band_of_stage,
                };
                let (lane_notes, notes_bottom) = place(b, map, lane, li, &band, y);
                let label = row_label(b, &lane.name, y);
                let bottom = notes_bottom
                    .max(y + style.lane_min_height)
                    .max(label.rect.bottom() + 10.0);
                notes.extend(lane_notes);
                lanes.push(LaneBox {
                    id: lane.id,
                    index: li,
                    band: index,
                    row: Rect::from_min_max(pos2(m, y), pos2(content_right, bottom)),
                    label,
                });
                y = bottom;
            }
        }
    }
    let bottom = y;
    let touchpoint_row = touchpoint_row
        .unwrap_or_else(|| Rect::from_min_max(pos2(content_left, top), pos2(content_right, top)));
    let curve_band = curve_band
        .unwrap_or_else(|| Rect::from_min_max(pos2(content_left, top), pos2(content_right, top)));
    let touchpoint_label = row_label(b, &touchpoints_name, touchpoint_row.top());
    let curve_label = row_label(b, &emotion_name, curve_band.top());

    let stages = range
        .clone()
        .zip(&columns)
        .zip(heads)
        .map(|((si, &(x, width)), (name, description))| StageBox {
            id: map.stages[si].id,
            band: index,
            column: Rect::from_min_max(pos2(x, stage_top), pos2(x + width, bottom)),
            header: Rect::from_min_max(pos2(x, stage_top), pos2(x + width, stage_row.bottom())),
            name,
            description,
        })
        .collect();

    // The scale's levels, named (and shown as faces) right of the gutter, by their lines.
    let level_labels = levels
        .iter()
        .map(|&(value, y)| {
            let level = map.scale.level(value);
            let right = content_left - 8.0;
            let face = level.and_then(|l| l.emoji.as_ref()).map(|_| {
                Rect::from_min_size(
                    pos2(right - style.face_size, y - style.face_size / 2.0),
                    Vec2::splat(style.face_size),
                )
            });
            let words = match level {
                Some(level) if !level.label.is_empty() => level.label.clone(),
                _ => EmotionScale::score_text(value),
            };
            let text_right = face.map_or(right, |f| f.left() - 6.0);
            let room = (text_right - (m + 12.0)).max(10.0);
            let width = b.width_of(&words, TextRole::Legend).min(room);
            let boxed = b.text(&words, TextRole::Legend, pos2(text_right - width, y), width);
            let height = boxed.rect.height();
            LevelLabel {
                value,
                face,
                text: TextBox {
                    rect: boxed.rect.translate(vec2(0.0, -height / 2.0)),
                    ..boxed
                },
            }
        })
        .collect();
    let cells = lanes
        .iter()
        .flat_map(|lane| {
            range
                .clone()
                .zip(&columns)
                .map(move |(si, &(x, width))| CellBox {
                    lane: lane.id,
                    stage: map.stages[si].id,
                    lane_index: lane.index,
                    stage_index: si,
                    rect: Rect::from_min_max(
                        pos2(x, lane.row.top()),
                        pos2(x + width, lane.row.bottom()),
                    ),
                })
        })
        .collect();
    BandOut {
        band: Band {
            stages: range,
            rect: Rect::from_min_max(pos2(m, top), pos2(content_right, bottom)),
            gutter: Rect::from_min_max(pos2(m, top), pos2(content_left, bottom)),
            stage_row,
            touchpoint_row,
            touchpoint_label,
            curve_band,
            curve_label,
            levels,
            level_labels,
            content_left,
            content_right,
        },
        stages,
        cards,
        lanes,
        notes,
        cells,
    }
}

/// Makes a card reach down to `bottom` (every card is as tall as its row), its foot marks at
/// its foot.
pub(super) fn stretch(card: &mut CardBox, bottom: f32) {
    let grow = bottom - card.rect.bottom();
    card.rect.max.y = bottom;
    for badge in &mut card.actors {
        badge.rect = badge.rect.translate(vec2(0.0, grow));
    }
    if let Some(link) = &mut card.link {
        *link = link.translate(vec2(0.0, grow));
    }
}

/// How tall a card would be on its own, before [`stretch`] makes it as tall as its row: told
/// from its parts, so a laid-out card says it without measuring text again.
pub(super) fn natural_height(card: &CardBox, style: &Style) -> f32 {
    let content = [&card.description, &card.notes]
        .into_iter()
        .flatten()
        .map(|text| text.rect.bottom())
        .fold(card.title.rect.bottom(), f32::max);
    let foot = if card.actors.is_empty() && card.link.is_none() {
        0.0
    } else {
        8.0 + style.badge_size
    };
    (content + foot + style.card_padding - card.rect.top()).max(style.card_min_height)
}

/// What a stage's header needs of the header row's height: its name and description with
/// their margins (a name alone is centred later, so its height speaks for it).
pub(super) fn header_needs(name: &TextBox, description: Option<&TextBox>, top: f32) -> f32 {
    description.map_or(name.rect.height() + 16.0, |d| d.rect.bottom() + 8.0 - top)
}

/// A touchpoint's card with its top left at `at`: channel tag and step number, title,
/// description, notes, then the actors' initials and the link mark at its foot.
pub(super) fn lay_out_card(
    b: &mut Builder<'_>,
    map: &JourneyMap,
    touchpoint: &Touchpoint,
    (stage_index, index, band): (usize, usize, usize),
    at: Pos2,
    step: Option<usize>,
) -> CardBox {
    let style = b.style;
    let inner = style.card_width - 2.0 * style.card_padding;
    let content = at + vec2(style.card_padding, style.card_padding);
    let badge = style.badge_size;
    let step = map
        .options
        .number_steps
        .then_some(step)
        .flatten()
        .map(|n| Badge {
            rect: Rect::from_min_size(
                pos2(content.x + inner - badge, content.y),
                Vec2::splat(badge),
            ),
            text: n.to_string(),
        });
    let tag_width = if step.is_some() {
        inner - badge - 6.0
    } else {
        inner
    };
    // The row at the card's top holds the channel tag, the votes and the lock: kept only when
    // one of them shows.
    let has_top_row =
        touchpoint.channel.is_some() || step.is_some() || touchpoint.votes > 0 || touchpoint.locked;
    let top_row = Rect::from_min_size(
        content,
        vec2(
            tag_width,
            if has_top_row {
                style.channel_height
            } else {
                0.0
            },
        ),
    );
    let channel = touchpoint.channel.as_ref().map(|_| top_row);
    let title_top = if has_top_row {
        content.y
            + style
                .channel_height
                .max(if step.is_some() { badge } else { 0.0 })
            + 6.0
    } else {
        content.y
    };
    let title = b.text(
        &touchpoint.title,
        TextRole::CardTitle,
        pos2(content.x, title_top),
        inner,
    );
    let mut bottom = title.rect.bottom();
    // The texts under the title, each under the last, when the card has them.
    let mut below = |text: &str, role: TextRole, gap: f32, shown: bool| {
        (shown && !text.is_empty()).then(|| {
            let placed = b.text(text, role, pos2(content.x, bottom + gap), inner);
            bottom = placed.rect.bottom();
            placed
        })
    };
    let description = below(&touchpoint.description, TextRole::CardBody, 4.0, true);
    let notes = below(
        &touchpoint.notes,
        TextRole::CardNotes,
        6.0,
        map.options.show_touchpoint_notes,
    );
    let mut actors = Vec::new();
    let mut link = None;
    let has_foot = !touchpoint.actors.is_empty() || touchpoint.link.is_some();
    let foot_room = if has_foot { 8.0 + badge } else { 0.0 };
    let height = (bottom + foot_room + style.card_padding - at.y).max(style.card_min_height);
    if has_foot {
        // The actors and the link stand at the card's foot.
        let foot = at.y + height - style.card_padding - badge;
        let link_room = if touchpoint.link.is_some() {
            style.link_size + 6.0
        } else {
            0.0
        };
        let fits = (((inner - link_room) + 4.0) / (badge + 4.0))
            .floor()
            .max(1.0) as usize;
        let names: Vec<String> = touchpoint
            .actors
            .iter()
            .map(|id| {
                map.persona(*id)
                    .map_or_else(|| "?".to_owned(), |p| initials(&p.name))
            })
            .collect();
        let shown = if names.len() > fits {
            let mut shown: Vec<String> = names[..fits - 1].to_vec();
            shown.push(format!("+{}", names.len() - (fits - 1)));
            shown
        } else {
            names
        };
        for (k, text) in shown.into_iter().enumerate() {
            actors.push(Badge {
                rect: Rect::from_min_size(
                    pos2(content.x + k as f32 * (badge + 4.0), foot),
                    Vec2::splat(badge),
                ),
                text,
            });
        }
        if touchpoint.link.is_some() {
            link = Some(Rect::from_min_size(
                pos2(
                    content.x + inner - style.link_size,
                    foot + (badge - style.link_size) / 2.0,
                ),
                Vec2::splat(style.link_size),
            ));
        }
    }
    CardBox {
        id: touchpoint.id,
        stage_index,
        band,
        index,
        rect: Rect::from_min_size(at, vec2(style.card_width, height)),
        title,
        top_row,
        channel,
        step,
        description,
        notes,
        actors,
        link,
    }
}
