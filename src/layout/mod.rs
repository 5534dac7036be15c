//! Pure geometry: where every part of a map goes, in map units, from the map, a [`Style`], the
//! row [`Labels`] and a text measurer. No painting and no interaction here; the painter, the
//! canvas's hit-testing and the exporters all read the same [`MapLayout`].

mod curve;
mod query;
mod style;
mod text;

pub use curve::{bezier_at, curve_segments};
pub use style::{Style, TextRole};
pub use text::{Measure, Measured, text_job};

use crate::model::*;
use egui::emath::{Pos2, Rect, Vec2, pos2, vec2};

/// The words a map's layout writes itself (row and header labels), in the interface's
/// language: passed in, so the geometry depends only on its inputs.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Labels {
    /// The label over the header's persona block.
    pub persona: String,
    /// The label over the header's scenario block.
    pub scenario: String,
    /// The label over the header's expectations block.
    pub expectations: String,
    /// The name of the touchpoint row in the gutter.
    pub touchpoints: String,
    /// The name of the curve band in the gutter.
    pub emotion: String,
}

impl Default for Labels {
    fn default() -> Self {
        Self {
            persona: "Persona".into(),
            scenario: "Scenario".into(),
            expectations: "Expectations".into(),
            touchpoints: "Touchpoints".into(),
            emotion: "Emotion".into(),
        }
    }
}

/// A piece of text placed in a box.
#[derive(Clone, Debug, PartialEq)]
pub struct TextBox {
    /// Where the text stands: as wide as it may wrap, as tall as its rows.
    pub rect: Rect,
    /// The text as wrapped into rows by the layout; painting draws these rows.
    pub rows: Vec<String>,
    /// What kind of text it is, which sets its font size.
    pub role: TextRole,
}

impl TextBox {
    /// Whether the box shows no text at all.
    pub fn is_empty(&self) -> bool {
        self.rows.iter().all(String::is_empty)
    }
}

/// One block of the header under the title: its label, and the pieces of text under it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderBlock {
    /// The block's label, e.g. "Scenario".
    pub label: TextBox,
    /// The header parts in the block, top to bottom, each with its text.
    pub parts: Vec<(HeaderPart, TextBox)>,
}

/// Where the map's header goes: the title, and the blocks under it.
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderLayout {
    /// The whole header, title and blocks.
    pub rect: Rect,
    /// The map's title.
    pub title: TextBox,
    /// Personas (name, then description), scenario, expectations, side by side.
    pub blocks: Vec<HeaderBlock>,
}

impl HeaderLayout {
    /// The box of a header part's text.
    pub fn part(&self, part: HeaderPart) -> Option<&TextBox> {
        if part == HeaderPart::Title {
            return Some(&self.title);
        }
        self.blocks
            .iter()
            .flat_map(|b| &b.parts)
            .find(|(p, _)| *p == part)
            .map(|(_, text)| text)
    }
}

/// The cell where a lane crosses a stage: notes are placed in it, and dropped or added there.
#[derive(Clone, Debug, PartialEq)]
pub struct CellBox {
    /// The lane whose row the cell is in.
    pub lane: LaneId,
    /// The stage whose column the cell is in.
    pub stage: StageId,
    /// The lane's index among the lanes.
    pub lane_index: usize,
    /// The stage's index among the stages.
    pub stage_index: usize,
    /// The whole cell: the stage's column across the lane's row.
    pub rect: Rect,
}

/// The name (and face) of one level of the emotion scale, beside its line in the curve band.
#[derive(Clone, Debug, PartialEq)]
pub struct LevelLabel {
    /// The score of the level.
    pub value: i32,
    /// Where the level's face is drawn, when the level has one.
    pub face: Option<Rect>,
    /// The level's name, or its score (e.g. "+1") when the scale does not name it.
    pub text: TextBox,
}

/// Where a stage goes: its column and the header at its top.
#[derive(Clone, Debug, PartialEq)]
pub struct StageBox {
    /// The stage's id.
    pub id: StageId,
    /// The whole column, from the stage header to the last lane.
    pub column: Rect,
    /// The stage header at the top of the column, in the stage's colour.
    pub header: Rect,
    /// The stage's name in the header.
    pub name: TextBox,
}

/// Where a touchpoint's card goes, and the parts of it.
#[derive(Clone, Debug, PartialEq)]
pub struct CardBox {
    /// The touchpoint's id.
    pub id: TouchpointId,
    /// The index of the card's stage among the stages.
    pub stage_index: usize,
    /// The card's index in its stage.
    pub index: usize,
    /// The whole card; every card is as tall as the touchpoint row.
    pub rect: Rect,
    /// The card's title, under the channel tag.
    pub title: TextBox,
    /// The channel tag at the top of the card.
    pub channel: Rect,
    /// The description under the title; `None` when the touchpoint has none.
    pub description: Option<TextBox>,
}

/// Where a lane's row goes.
#[derive(Clone, Debug, PartialEq)]
pub struct LaneBox {
    /// The lane's id.
    pub id: LaneId,
    /// The lane's index among the lanes.
    pub index: usize,
    /// The whole row, from the gutter to the right of the last stage.
    pub row: Rect,
    /// The lane's name in the gutter.
    pub label: TextBox,
}

/// Where a note goes in its cell.
#[derive(Clone, Debug, PartialEq)]
pub struct NoteBox {
    /// The note's id.
    pub id: NoteId,
    /// The index of the note's lane among the lanes.
    pub lane_index: usize,
    /// The index of the note's stage among the stages.
    pub stage_index: usize,
    /// The note's index in its cell.
    pub index: usize,
    /// The whole note.
    pub rect: Rect,
    /// The note's text.
    pub text: TextBox,
}

/// One point of an emotion curve: a touchpoint's score, above the touchpoint's card.
#[derive(Clone, Debug, PartialEq)]
pub struct CurvePoint {
    /// The touchpoint the score is for.
    pub touchpoint: TouchpointId,
    /// The score.
    pub score: i32,
    /// Where the point is drawn: at the card's centre x and the score's level, moved sideways
    /// when another curve has a point with the same score there.
    pub pos: Pos2,
}

/// Where an emotion curve goes: its points and its entry in the legend.
#[derive(Clone, Debug, PartialEq)]
pub struct CurveLine {
    /// The curve's id.
    pub id: CurveId,
    /// One point per scored touchpoint, left to right; unscored touchpoints have none.
    pub points: Vec<CurvePoint>,
    /// Where the curve's name stands in the legend.
    pub legend: Rect,
}

/// Where everything on a map goes.
#[derive(Clone, Debug, PartialEq)]
pub struct MapLayout {
    /// The size of the whole map, margins included; the map starts at (0, 0).
    pub size: Vec2,
    /// The title and header blocks above the stages.
    pub header: HeaderLayout,
    /// The left column that names the rows.
    pub gutter: Rect,
    /// The row of stage headers, across all stages.
    pub stage_row: Rect,
    /// The row of touchpoint cards, as tall as the tallest card.
    pub touchpoint_row: Rect,
    /// The touchpoint row's name in the gutter.
    pub touchpoint_label: TextBox,
    /// The band the emotion curves are drawn in (empty height when there are no curves).
    pub curve_band: Rect,
    /// The curve band's name in the gutter.
    pub curve_label: TextBox,
    /// One box per stage, left to right.
    pub stages: Vec<StageBox>,
    /// One card per touchpoint, stage by stage.
    pub cards: Vec<CardBox>,
    /// One row per lane, top to bottom.
    pub lanes: Vec<LaneBox>,
    /// One box per note, lane by lane, then stage by stage.
    pub notes: Vec<NoteBox>,
    /// One line per emotion curve, in the map's order.
    pub curves: Vec<CurveLine>,
    /// The height of each level of the scale in the curve band, top (max) to bottom (min).
    pub levels: Vec<(i32, f32)>,
    /// The levels' names and faces in the gutter.
    pub level_labels: Vec<LevelLabel>,
    /// Every lane × stage cell, lane by lane.
    pub cells: Vec<CellBox>,
    /// The x range where stages sit.
    pub content_left: f32,
    /// The right end of the range where stages sit.
    pub content_right: f32,
}

impl MapLayout {
    /// Lays out `map`, with `labels` naming the rows. Text is measured with `measure`, in map
    /// units.
    pub fn new(
        map: &JourneyMap,
        style: &Style,
        labels: &Labels,
        measure: &mut dyn Measure,
    ) -> Self {
        let m = style.margin;
        let content_left = m + style.gutter_width;
        let legend_widths: Vec<f32> = map
            .curves
            .iter()
            .map(|c| {
                measure
                    .measure(&c.name, style.font_size(TextRole::Legend), 400.0, 1)
                    .size
                    .x
            })
            .collect();
        let mut text = |text: &str, role: TextRole, at: Pos2, width: f32| -> TextBox {
            let measured =
                measure.measure(text, style.font_size(role), width, style.max_rows(role));
            TextBox {
                rect: Rect::from_min_size(at, vec2(width, measured.size.y)),
                rows: measured.rows,
                role,
            }
        };

        // Columns first: they fix the map's width.
        let mut x = content_left;
        let mut columns = Vec::with_capacity(map.stages.len());
        for stage in &map.stages {
            let slots = stage.touchpoints.len().max(1) as f32;
            let width = 2.0 * style.stage_padding
                + slots * style.card_width
                + (slots - 1.0) * style.card_gap;
            columns.push((x, width));
            x += width + style.stage_gap;
        }
        let content_right = if map.stages.is_empty() {
            content_left + style.card_width + 2.0 * style.stage_padding
        } else {
            x - style.stage_gap
        };

        // The header: title, then personas, scenario and expectations side by side.
        let header_top = m;
        const BLOCK_GAP: f32 = 24.0;
        let header_width =
            (content_right - m).max(3.0 * style.header_block_width + 2.0 * BLOCK_GAP);
        let title = text(
            &map.header.title,
            TextRole::Title,
            pos2(m, header_top),
            header_width,
        );
        let blocks_top = title.rect.bottom() + 10.0;
        let mut blocks = Vec::new();
        let mut block_x = m;
        let persona_parts: Vec<(HeaderPart, &str)> = map
            .header
            .personas
            .iter()
            .flat_map(|p| {
                let description = (!p.description.is_empty())
                    .then_some((HeaderPart::PersonaDescription(p.id), p.description.as_str()));
                std::iter::once((HeaderPart::PersonaName(p.id), p.name.as_str())).chain(description)
            })
            .collect();
        for (label, parts) in [
            (&labels.persona, persona_parts),
            (
                &labels.scenario,
                vec![(HeaderPart::Scenario, map.header.scenario.as_str())],
            ),
            (
                &labels.expectations,
                vec![(HeaderPart::Expectations, map.header.expectations.as_str())],
            ),
        ] {
            let parts: Vec<(HeaderPart, &str)> =
                parts.into_iter().filter(|(_, t)| !t.is_empty()).collect();
            if parts.is_empty() {
                continue;
            }
            let label_box = text(
                label,
                TextRole::HeaderLabel,
                pos2(block_x, blocks_top),
                style.header_block_width,
            );
            let mut y = label_box.rect.bottom() + 2.0;
            let mut boxes = Vec::new();
            for (part, body) in parts {
                // A persona's description sits right under its name; personas stand apart.
                if matches!(part, HeaderPart::PersonaName(_)) && !boxes.is_empty() {
                    y += 6.0;
                }
                let body_box = text(
                    body,
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
        let header_rect =
            Rect::from_min_max(pos2(m, header_top), pos2(m + header_width, header_bottom));

        // Stage headers.
        let stage_top = header_bottom + 2.0 * style.row_gap;
        let names: Vec<TextBox> = map
            .stages
            .iter()
            .zip(&columns)
            .map(|(stage, &(x, width))| {
                text(
                    &stage.name,
                    TextRole::StageName,
                    pos2(x + style.stage_padding, stage_top),
                    width - 2.0 * style.stage_padding,
                )
            })
            .collect();
        let stage_header_height = names
            .iter()
            .map(|n| n.rect.height() + 16.0)
            .fold(style.stage_header_min_height, f32::max);
        let stage_row = Rect::from_min_max(
            pos2(content_left, stage_top),
            pos2(content_right, stage_top + stage_header_height),
        );

        // Touchpoint cards: each measured, the row as tall as the tallest.
        let cards_top = stage_row.bottom() + style.row_gap;
        let inner = style.card_width - 2.0 * style.card_padding;
        let mut cards = Vec::with_capacity(map.touchpoint_count());
        for (si, (stage, &(x, _))) in map.stages.iter().zip(&columns).enumerate() {
            for (ti, touchpoint) in stage.touchpoints.iter().enumerate() {
                let left =
                    x + style.stage_padding + ti as f32 * (style.card_width + style.card_gap);
                let content = pos2(left + style.card_padding, cards_top + style.card_padding);
                let channel = Rect::from_min_size(content, vec2(inner, style.channel_height));
                let title = text(
                    &touchpoint.title,
                    TextRole::CardTitle,
                    pos2(content.x, channel.bottom() + 6.0),
                    inner,
                );
                let description = (!touchpoint.description.is_empty()).then(|| {
                    text(
                        &touchpoint.description,
                        TextRole::CardBody,
                        pos2(content.x, title.rect.bottom() + 4.0),
                        inner,
                    )
                });
                let bottom = description
                    .as_ref()
                    .map_or(title.rect.bottom(), |d| d.rect.bottom())
                    + style.card_padding;
                let height = (bottom - cards_top).max(style.card_min_height);
                cards.push(CardBox {
                    id: touchpoint.id,
                    stage_index: si,
                    index: ti,
                    rect: Rect::from_min_size(
                        pos2(left, cards_top),
                        vec2(style.card_width, height),
                    ),
                    title,
                    channel,
                    description,
                });
            }
        }
        let cards_height = cards
            .iter()
            .map(|c| c.rect.height())
            .fold(style.card_min_height, f32::max);
        for card in &mut cards {
            card.rect.max.y = cards_top + cards_height;
        }
        let touchpoint_row = Rect::from_min_max(
            pos2(content_left, cards_top),
            pos2(content_right, cards_top + cards_height),
        );

        // The emotion band: a legend row, then one row per level of the scale.
        let band_top = touchpoint_row.bottom() + style.row_gap;
        let scale = &map.scale;
        let steps = (scale.max - scale.min).max(1) as f32;
        let (curve_band, levels) = if map.curves.is_empty() {
            (
                Rect::from_min_max(pos2(content_left, band_top), pos2(content_right, band_top)),
                Vec::new(),
            )
        } else {
            let plot_top = band_top + style.legend_height + style.level_height * 0.5;
            let levels: Vec<(i32, f32)> = (scale.min..=scale.max)
                .rev()
                .map(|v| (v, plot_top + (scale.max - v) as f32 * style.level_height))
                .collect();
            let bottom = plot_top + steps * style.level_height + style.level_height * 0.5;
            (
                Rect::from_min_max(pos2(content_left, band_top), pos2(content_right, bottom)),
                levels,
            )
        };
        let y_of = |score: i32| {
            let plot_top = band_top + style.legend_height + style.level_height * 0.5;
            plot_top + (scale.max - scale.clamp(score)) as f32 * style.level_height
        };
        let mut legend_x = content_left;
        let curves: Vec<CurveLine> = map
            .curves
            .iter()
            .zip(&legend_widths)
            .map(|(curve, &name_width)| {
                let points = cards
                    .iter()
                    .filter_map(|card| {
                        curve.scores.get(&card.id).map(|&score| CurvePoint {
                            touchpoint: card.id,
                            score,
                            pos: pos2(card.rect.center().x, y_of(score)),
                        })
                    })
                    .collect();
                let legend = Rect::from_min_size(
                    pos2(legend_x, band_top + 4.0),
                    vec2(name_width + 30.0, style.legend_height - 8.0),
                );
                legend_x = legend.right() + 16.0;
                CurveLine {
                    id: curve.id,
                    points,
                    legend,
                }
            })
            .collect();

        // Points of different curves with the same score at a touchpoint would hide each other:
        // spread them sideways so each can be seen and grabbed.
        let mut curves = curves;
        let mut shared: std::collections::HashMap<(TouchpointId, i32), Vec<(usize, usize)>> =
            std::collections::HashMap::new();
        for (ci, line) in curves.iter().enumerate() {
            for (pi, point) in line.points.iter().enumerate() {
                shared
                    .entry((point.touchpoint, point.score))
                    .or_default()
                    .push((ci, pi));
            }
        }
        for group in shared.values().filter(|g| g.len() > 1) {
            let middle = (group.len() - 1) as f32 / 2.0;
            for (k, &(ci, pi)) in group.iter().enumerate() {
                curves[ci].points[pi].pos.x += (k as f32 - middle) * style.shared_point_spread;
            }
        }

        // Lanes: notes flow in a grid of card-wide columns in each stage's cell.
        let mut y = curve_band.bottom() + style.row_gap;
        let mut lanes = Vec::with_capacity(map.lanes.len());
        let mut notes = Vec::new();
        for (li, lane) in map.lanes.iter().enumerate() {
            if style.hidden_lanes.contains(&lane.id) {
                continue;
            }
            let top = y;
            let mut bottom = top + style.lane_min_height;
            for (si, (stage, &(x, width))) in map.stages.iter().zip(&columns).enumerate() {
                let cell_inner = width - 2.0 * style.stage_padding;
                let per_row =
                    (((cell_inner + style.note_gap) / (style.card_width + style.note_gap)).floor()
                        as usize)
                        .max(1);
                let mut row_top = top + style.note_gap;
                let mut row_height: f32 = 0.0;
                for (ni, note) in lane.notes_in(stage.id).iter().enumerate() {
                    let column = ni % per_row;
                    if column == 0 && ni > 0 {
                        row_top += row_height + style.note_gap;
                        row_height = 0.0;
                    }
                    let left = x
                        + style.stage_padding
                        + column as f32 * (style.card_width + style.note_gap);
                    let body = text(
                        &note.text,
                        TextRole::Note,
                        pos2(left + style.note_padding, row_top + style.note_padding),
                        style.card_width - 2.0 * style.note_padding,
                    );
                    let height =
                        (body.rect.height() + 2.0 * style.note_padding).max(style.note_min_height);
                    row_height = row_height.max(height);
                    notes.push(NoteBox {
                        id: note.id,
                        lane_index: li,
                        stage_index: si,
                        index: ni,
                        rect: Rect::from_min_size(
                            pos2(left, row_top),
                            vec2(style.card_width, height),
                        ),
                        text: body,
                    });
                }
                bottom = bottom.max(row_top + row_height + style.note_gap);
            }
            let label = text(
                &lane.name,
                TextRole::RowLabel,
                pos2(m + 12.0, top + 10.0),
                style.gutter_width - 24.0,
            );
            bottom = bottom.max(label.rect.bottom() + 10.0);
            lanes.push(LaneBox {
                id: lane.id,
                index: li,
                row: Rect::from_min_max(pos2(m, top), pos2(content_right, bottom)),
                label,
            });
            y = bottom;
        }
        let bottom = y;
        let stages = map
            .stages
            .iter()
            .zip(&columns)
            .zip(names)
            .map(|((stage, &(x, width)), name)| StageBox {
                id: stage.id,
                column: Rect::from_min_max(pos2(x, stage_top), pos2(x + width, bottom)),
                header: Rect::from_min_max(pos2(x, stage_top), pos2(x + width, stage_row.bottom())),
                name,
            })
            .collect();

        let row_label =
            |label: &str, row: Rect, text: &mut dyn FnMut(&str, TextRole, Pos2, f32) -> TextBox| {
                text(
                    label,
                    TextRole::RowLabel,
                    pos2(m + 12.0, row.top() + 10.0),
                    style.gutter_width - 24.0,
                )
            };
        let touchpoint_label = row_label(&labels.touchpoints, touchpoint_row, &mut text);
        let curve_label = row_label(&labels.emotion, curve_band, &mut text);

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
                    _ => format!("{value:+}"),
                };
                let text_right = face.map_or(right, |f| f.left() - 6.0);
                let room = (text_right - (m + 12.0)).max(10.0);
                let size = style.font_size(TextRole::Legend);
                let measured = measure.measure(&words, size, room, 1);
                LevelLabel {
                    value,
                    face,
                    text: TextBox {
                        rect: Rect::from_min_size(
                            pos2(text_right - measured.size.x, y - measured.size.y / 2.0),
                            measured.size,
                        ),
                        rows: measured.rows,
                        role: TextRole::Legend,
                    },
                }
            })
            .collect();
        let cells = lanes
            .iter()
            .flat_map(|lane| lane_cells(&columns, map, lane))
            .collect();
        let gutter = Rect::from_min_max(pos2(m, stage_top), pos2(content_left, bottom));
        let right = content_right.max(header_rect.right());
        MapLayout {
            size: vec2(right + m, bottom + m),
            header: HeaderLayout {
                rect: header_rect,
                title,
                blocks,
            },
            gutter,
            stage_row,
            touchpoint_row,
            touchpoint_label,
            curve_band,
            curve_label,
            stages,
            cards,
            lanes,
            notes,
            curves,
            levels,
            level_labels,
            cells,
            content_left,
            content_right,
        }
    }
}

/// The cells of one lane's row, stage by stage.
fn lane_cells(columns: &[(f32, f32)], map: &JourneyMap, lane: &LaneBox) -> Vec<CellBox> {
    map.stages
        .iter()
        .zip(columns)
        .enumerate()
        .map(|(stage_index, (stage, &(x, width)))| CellBox {
            lane: lane.id,
            stage: stage.id,
            lane_index: lane.index,
            stage_index,
            rect: Rect::from_min_max(pos2(x, lane.row.top()), pos2(x + width, lane.row.bottom())),
        })
        .collect()
}

#[cfg(test)]
mod tests;
