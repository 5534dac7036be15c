//! Draws a laid-out map on an egui [`Painter`] through one map→screen transform. This is the
//! only drawing code: the canvas, the PNG/SVG exports and the snapshot tests all come here.

mod theme;

pub use theme::Theme;

use crate::i18n::tr;
use crate::layout::{MapLayout, Style, TextBox};
use crate::model::*;
use egui::emath::TSTransform;
use egui::epaint::{CubicBezierShape, PathStroke};
use egui::{Color32, CornerRadius, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, pos2, vec2};
use std::collections::BTreeSet;

/// How to paint: where the map is on the screen and what the person is pointing at.
pub struct View<'a> {
    pub screen_from_map: TSTransform,
    pub theme: &'a Theme,
    pub style: &'a Style,
    pub selection: &'a BTreeSet<Item>,
    pub hovered: Option<Item>,
    /// An item being dragged: drawn faded where it was.
    pub lifted: Option<Item>,
}

impl View<'_> {
    fn zoom(&self) -> f32 {
        self.screen_from_map.scaling
    }
    fn rect(&self, rect: Rect) -> Rect {
        self.screen_from_map * rect
    }
    fn pos(&self, pos: Pos2) -> Pos2 {
        self.screen_from_map * pos
    }
    fn is_selected(&self, item: Item) -> bool {
        self.selection.contains(&item)
    }
    fn highlight(&self, item: Item) -> Option<Stroke> {
        if self.is_selected(item) {
            Some(Stroke::new(2.5 * self.zoom().max(0.5), self.theme.accent))
        } else if self.hovered == Some(item) {
            Some(Stroke::new(1.5 * self.zoom().max(0.5), self.theme.hover))
        } else {
            None
        }
    }
}

/// The short name of a channel, as its tag on a card shows it.
pub fn channel_label(channel: &Channel) -> &str {
    match channel {
        Channel::InPerson => tr("channel.in_person"),
        Channel::Phone => tr("channel.phone"),
        Channel::Web => tr("channel.web"),
        Channel::App => tr("channel.app"),
        Channel::WeChat => tr("channel.wechat"),
        Channel::Sms => tr("channel.sms"),
        Channel::Email => tr("channel.email"),
        Channel::Social => tr("channel.social"),
        Channel::Delivery => tr("channel.delivery"),
        Channel::Packaging => tr("channel.packaging"),
        Channel::Other => tr("channel.other"),
        Channel::Custom(name) => name,
    }
}

/// The name of a lane kind in the interface's language.
pub fn lane_kind_name(kind: LaneKind) -> &'static str {
    match kind {
        LaneKind::Actions => tr("lane.actions"),
        LaneKind::Thoughts => tr("lane.thoughts"),
        LaneKind::Feelings => tr("lane.feelings"),
        LaneKind::PainPoints => tr("lane.pain_points"),
        LaneKind::Opportunities => tr("lane.opportunities"),
        LaneKind::Backstage => tr("lane.backstage"),
        LaneKind::Custom => tr("lane.custom"),
    }
}

fn channel_colour(channel: &Channel) -> Color32 {
    let rgb = match channel {
        Channel::InPerson => (0x2e, 0x9e, 0x6b),
        Channel::Phone => (0x8a, 0x5c, 0xc7),
        Channel::Web => (0x3a, 0x7b, 0xd5),
        Channel::App => (0x1f, 0x9f, 0xb0),
        Channel::WeChat => (0x07, 0xa8, 0x4a),
        Channel::Sms => (0xb8, 0x8a, 0x1c),
        Channel::Email => (0xc0, 0x39, 0x5a),
        Channel::Social => (0xe0, 0x7a, 0x2f),
        Channel::Delivery => (0x8d, 0x6e, 0x4a),
        Channel::Packaging => (0xa0, 0x6a, 0x3c),
        Channel::Other | Channel::Custom(_) => (0x6b, 0x72, 0x80),
    };
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Draws a text box's rows, as the layout broke them, scaled to the zoom and clipped to its box.
fn text(painter: &Painter, view: &View, text_box: &TextBox, colour: Color32) {
    if text_box.is_empty() {
        return;
    }
    let rect = view.rect(text_box.rect);
    let size = view.style.font_size(text_box.role) * view.zoom();
    if size < 3.0 {
        // Too small to read: a grey bar keeps the shape of the map when zoomed far out.
        let bar = Rect::from_min_size(
            rect.min,
            vec2(rect.width() * 0.7, rect.height().min(size * 1.2)),
        );
        painter.rect_filled(bar, 0.0, colour.gamma_multiply(0.25));
        return;
    }
    let job = egui::text::LayoutJob::simple(
        text_box.rows.join("\n"),
        egui::FontId::proportional(size),
        colour,
        f32::INFINITY,
    );
    let galley = painter.layout_job(job);
    let clip = rect
        .expand2(vec2(0.5 * size, 2.0))
        .intersect(painter.clip_rect());
    painter
        .with_clip_rect(clip)
        .galley(rect.min, galley, colour);
}

fn text_in(painter: &Painter, view: &View, text_box: &TextBox, colour: Color32, at: Pos2) {
    let moved = TextBox {
        rect: Rect::from_min_size(at, text_box.rect.size()),
        rows: text_box.rows.clone(),
        role: text_box.role,
    };
    text(painter, view, &moved, colour);
}

/// Paints the parts of `map` that are inside the painter's clip rect.
pub fn paint_map(painter: &Painter, map: &JourneyMap, layout: &MapLayout, view: &View) {
    let theme = view.theme;
    let visible = view.screen_from_map.inverse() * painter.clip_rect();
    let zoom = view.zoom();
    let radius = |r: f32| CornerRadius::same((r * zoom).round().clamp(0.0, 255.0) as u8);

    // Header.
    text(painter, view, &layout.header.title, theme.text);
    for (label, body) in &layout.header.blocks {
        text(painter, view, label, theme.muted);
        text(painter, view, body, theme.text);
    }

    // Lane rows behind everything in them, alternately shaded.
    for lane in &layout.lanes {
        if !lane.row.intersects(visible) {
            continue;
        }
        if lane.index % 2 == 0 {
            painter.rect_filled(view.rect(lane.row), radius(6.0), theme.row_fill);
        }
    }
    for row in [layout.touchpoint_row, layout.curve_band] {
        let band = Rect::from_min_max(pos2(layout.gutter.left(), row.top()), row.max);
        painter.rect_filled(view.rect(band), radius(6.0), theme.row_fill);
    }

    // Stage columns and their headers.
    for (stage, stage_box) in map.stages.iter().zip(&layout.stages) {
        if !stage_box.column.intersects(visible) {
            continue;
        }
        let item = Item::Stage(stage.id);
        let faded = view.lifted == Some(item);
        let colour = theme.colour(stage.colour);
        painter.rect_filled(
            view.rect(stage_box.column),
            radius(8.0),
            theme.wash(stage.colour, if faded { 8 } else { 22 }),
        );
        let header = view.rect(stage_box.header);
        painter.rect_filled(
            header,
            radius(8.0),
            if faded {
                colour.gamma_multiply(0.35)
            } else {
                colour
            },
        );
        if let Some(stroke) = view.highlight(item) {
            painter.rect_stroke(
                header.expand(2.0 * zoom),
                radius(10.0),
                stroke,
                StrokeKind::Outside,
            );
        }
        let name_at = pos2(
            stage_box.name.rect.left(),
            stage_box.header.center().y - stage_box.name.rect.height() / 2.0,
        );
        text_in(painter, view, &stage_box.name, Color32::WHITE, name_at);
    }

    // Row labels in the gutter.
    text(painter, view, &layout.touchpoint_label, theme.muted);
    if !layout.levels.is_empty() {
        text(painter, view, &layout.curve_label, theme.muted);
    }
    for (lane, lane_box) in map.lanes.iter().zip(&layout.lanes) {
        if !lane_box.row.intersects(visible) {
            continue;
        }
        let marker = Rect::from_min_size(
            pos2(lane_box.row.left() + 4.0, lane_box.row.top() + 10.0),
            vec2(3.0, lane_box.label.rect.height().max(16.0)),
        );
        painter.rect_filled(view.rect(marker), radius(1.5), theme.lane_accent(lane.kind));
        text(painter, view, &lane_box.label, theme.text);
        if let Some(stroke) = view.highlight(Item::Lane(lane.id)) {
            painter.rect_stroke(
                view.rect(lane_box.row),
                radius(6.0),
                stroke,
                StrokeKind::Inside,
            );
        }
    }

    paint_cards(painter, map, layout, view, visible);
    paint_curves(painter, map, layout, view);
    paint_notes(painter, map, layout, view, visible);
}

fn paint_cards(
    painter: &Painter,
    map: &JourneyMap,
    layout: &MapLayout,
    view: &View,
    visible: Rect,
) {
    let theme = view.theme;
    let zoom = view.zoom();
    let radius = CornerRadius::same((6.0 * zoom).round().clamp(0.0, 255.0) as u8);
    for card in &layout.cards {
        if !card.rect.intersects(visible) {
            continue;
        }
        let stage = &map.stages[card.stage_index];
        let touchpoint = &stage.touchpoints[card.index];
        let item = Item::Touchpoint(touchpoint.id);
        let rect = view.rect(card.rect);
        let faded = view.lifted == Some(item);
        let alpha = if faded { 0.35 } else { 1.0 };
        painter.rect_filled(
            rect.translate(vec2(0.0, 2.0 * zoom)),
            radius,
            theme.shadow.gamma_multiply(alpha),
        );
        painter.rect_filled(rect, radius, theme.surface.gamma_multiply(alpha));
        painter.rect_stroke(
            rect,
            radius,
            Stroke::new(zoom.max(0.5), theme.surface_stroke),
            StrokeKind::Inside,
        );
        // The stage's colour along the top edge ties the card to its column.
        let strip = Rect::from_min_size(rect.min, vec2(rect.width(), 4.0 * zoom));
        painter.rect_filled(
            strip,
            CornerRadius {
                nw: radius.nw,
                ne: radius.ne,
                sw: 0,
                se: 0,
            },
            theme.colour(stage.colour).gamma_multiply(alpha),
        );

        // Channel tag.
        let label = channel_label(&touchpoint.channel);
        let tag_colour = channel_colour(&touchpoint.channel);
        let font = view.style.font_size(crate::layout::TextRole::Channel) * zoom;
        if font >= 3.0 {
            let galley = painter.layout_no_wrap(
                label.to_owned(),
                egui::FontId::proportional(font),
                tag_colour,
            );
            let chan = view.rect(card.channel);
            let tag = Rect::from_min_size(
                chan.min,
                vec2(
                    (galley.size().x + 12.0 * zoom).min(chan.width() * 0.7),
                    chan.height(),
                ),
            );
            painter.rect_filled(
                tag,
                CornerRadius::same((chan.height() / 2.0).min(255.0) as u8),
                tag_colour.gamma_multiply(0.14 * alpha),
            );
            painter
                .with_clip_rect(tag.intersect(painter.clip_rect()))
                .galley(
                    pos2(
                        tag.left() + 6.0 * zoom,
                        tag.center().y - galley.size().y / 2.0,
                    ),
                    galley,
                    tag_colour,
                );
            // Votes and lock at the right of the tag row.
            let mut right = chan.right();
            if touchpoint.locked {
                let c = pos2(right - 5.0 * zoom, chan.center().y + 1.5 * zoom);
                let body = Rect::from_center_size(c, vec2(9.0, 7.0) * zoom);
                painter.rect_filled(body, CornerRadius::same((1.5 * zoom) as u8), theme.muted);
                painter.circle_stroke(
                    pos2(c.x, body.top()),
                    3.0 * zoom,
                    Stroke::new(1.4 * zoom, theme.muted),
                );
                right -= 16.0 * zoom;
            }
            if touchpoint.votes > 0 {
                let votes = painter.layout_no_wrap(
                    format!("▲{}", touchpoint.votes),
                    egui::FontId::proportional(font),
                    theme.accent,
                );
                let pos = pos2(
                    right - votes.size().x,
                    chan.center().y - votes.size().y / 2.0,
                );
                painter.galley(pos, votes, theme.accent);
            }
        }
        text(painter, view, &card.title, theme.text.gamma_multiply(alpha));
        if let Some(description) = &card.description {
            text(
                painter,
                view,
                description,
                theme.muted.gamma_multiply(alpha),
            );
        }
        if let Some(stroke) = view.highlight(item) {
            painter.rect_stroke(rect, radius, stroke, StrokeKind::Outside);
        }
    }
}

fn paint_curves(painter: &Painter, map: &JourneyMap, layout: &MapLayout, view: &View) {
    let theme = view.theme;
    let zoom = view.zoom();
    if layout.levels.is_empty() {
        return;
    }
    let band = layout.curve_band;
    // Level lines, and the scale's names in the gutter.
    for &(value, y) in &layout.levels {
        let left = view.pos(pos2(band.left(), y));
        let right = view.pos(pos2(band.right(), y));
        let stroke = if value == 0 {
            Stroke::new(1.2 * zoom.max(0.5), theme.grid.gamma_multiply(1.6))
        } else {
            Stroke::new(zoom.max(0.5), theme.grid)
        };
        painter.line_segment([left, right], stroke);
        let level = map.scale.level(value);
        let mut label = match level {
            Some(level) if !level.label.is_empty() => level.label.clone(),
            _ => format!("{value:+}"),
        };
        if let Some(emoji) = level.and_then(|l| l.emoji.as_deref()) {
            label = format!("{emoji} {label}");
        }
        let font = view.style.font_size(crate::layout::TextRole::Legend) * zoom;
        if font >= 3.0 {
            let galley =
                painter.layout_no_wrap(label, egui::FontId::proportional(font), theme.muted);
            let pos = pos2(
                left.x - 10.0 * zoom - galley.size().x,
                left.y - galley.size().y / 2.0,
            );
            painter.galley(pos, galley, theme.muted);
        }
    }

    let (top, bottom) = (layout.levels[0].1, layout.levels[layout.levels.len() - 1].1);
    for (curve, line) in map.curves.iter().zip(&layout.curves) {
        let colour = theme.colour(curve.colour);
        // Legend.
        let legend = view.rect(line.legend);
        let y = legend.center().y;
        painter.line_segment(
            [pos2(legend.left(), y), pos2(legend.left() + 20.0 * zoom, y)],
            Stroke::new(3.0 * zoom, colour),
        );
        let font = view.style.font_size(crate::layout::TextRole::Legend) * zoom;
        if font >= 3.0 {
            let galley = painter.layout_no_wrap(
                curve.name.clone(),
                egui::FontId::proportional(font),
                theme.text,
            );
            painter.galley(
                pos2(legend.left() + 26.0 * zoom, y - galley.size().y / 2.0),
                galley,
                theme.text,
            );
        }
        if let Some(stroke) = view.highlight(Item::Curve(curve.id)) {
            painter.rect_stroke(
                legend.expand(3.0 * zoom),
                CornerRadius::same(4),
                stroke,
                StrokeKind::Outside,
            );
        }

        // A smooth line through the scores (Catmull-Rom as cubic Béziers), kept inside the band.
        let points: Vec<Pos2> = line.points.iter().map(|p| p.pos).collect();
        let stroke = PathStroke::new(2.5 * zoom.max(0.4), colour);
        for i in 0..points.len().saturating_sub(1) {
            let p0 = points[i.saturating_sub(1)];
            let (p1, p2) = (points[i], points[i + 1]);
            let p3 = points[(i + 2).min(points.len() - 1)];
            let clamp = |p: Pos2| pos2(p.x, p.y.clamp(top, bottom));
            let c1 = clamp(p1 + (p2 - p0) / 6.0);
            let c2 = clamp(p2 - (p3 - p1) / 6.0);
            painter.add(Shape::CubicBezier(CubicBezierShape::from_points_stroke(
                [view.pos(p1), view.pos(c1), view.pos(c2), view.pos(p2)],
                false,
                Color32::TRANSPARENT,
                stroke.clone(),
            )));
        }
        for point in &line.points {
            let item = Item::Score(curve.id, point.touchpoint);
            let centre = view.pos(point.pos);
            // Points shrink with the map, but stay visible and never swamp the band.
            let r = (5.5 * zoom).clamp(1.5, 14.0);
            painter.circle(
                centre,
                r,
                colour,
                Stroke::new((2.0 * zoom).clamp(0.5, 4.0), theme.surface),
            );
            if let Some(stroke) = view.highlight(item) {
                painter.circle_stroke(centre, r + 3.0 * zoom, stroke);
            }
        }
    }
}

fn paint_notes(
    painter: &Painter,
    map: &JourneyMap,
    layout: &MapLayout,
    view: &View,
    visible: Rect,
) {
    let theme = view.theme;
    let zoom = view.zoom();
    let radius = CornerRadius::same((4.0 * zoom).round().clamp(0.0, 255.0) as u8);
    for note_box in &layout.notes {
        if !note_box.rect.intersects(visible) {
            continue;
        }
        let lane = &map.lanes[note_box.lane_index];
        let stage = map.stages[note_box.stage_index].id;
        let note = &lane.notes_in(stage)[note_box.index];
        let item = Item::Note(note.id);
        let faded = view.lifted == Some(item);
        let alpha = if faded { 0.35 } else { 1.0 };
        let rect = view.rect(note_box.rect);
        painter.rect_filled(
            rect.translate(vec2(0.0, 1.5 * zoom)),
            radius,
            theme.shadow.gamma_multiply(alpha),
        );
        painter.rect_filled(
            rect,
            radius,
            theme.note_fill(lane.kind).gamma_multiply(alpha),
        );
        let edge = Rect::from_min_size(rect.min, vec2(3.0 * zoom, rect.height()));
        painter.rect_filled(
            edge,
            CornerRadius {
                nw: radius.nw,
                sw: radius.sw,
                ne: 0,
                se: 0,
            },
            theme.lane_accent(lane.kind).gamma_multiply(alpha),
        );
        text(
            painter,
            view,
            &note_box.text,
            theme.text.gamma_multiply(alpha),
        );
        if note.votes > 0 {
            let font = view.style.font_size(crate::layout::TextRole::Channel) * zoom;
            if font >= 3.0 {
                let galley = painter.layout_no_wrap(
                    format!("▲{}", note.votes),
                    egui::FontId::proportional(font),
                    theme.accent,
                );
                let pos = rect.right_bottom() - galley.size() - vec2(5.0, 3.0) * zoom;
                painter.galley(pos, galley, theme.accent);
            }
        }
        if let Some(stroke) = view.highlight(item) {
            painter.rect_stroke(rect, radius, stroke, StrokeKind::Outside);
        }
    }
}

/// A vertical insertion marker at map `x` over the map rows `top..bottom`.
pub fn insertion_marker_vertical(painter: &Painter, view: &View, x: f32, top: f32, bottom: f32) {
    let a = view.pos(pos2(x, top));
    let b = view.pos(pos2(x, bottom));
    let stroke = Stroke::new(3.0, view.theme.accent);
    painter.line_segment([a, b], stroke);
    painter.circle_filled(a, 4.0, view.theme.accent);
    painter.circle_filled(b, 4.0, view.theme.accent);
}

/// A horizontal insertion marker at map `y` over the map columns `left..right`.
pub fn insertion_marker_horizontal(painter: &Painter, view: &View, y: f32, left: f32, right: f32) {
    let a = view.pos(pos2(left, y));
    let b = view.pos(pos2(right, y));
    painter.line_segment([a, b], Stroke::new(3.0, view.theme.accent));
    painter.circle_filled(a, 4.0, view.theme.accent);
    painter.circle_filled(b, 4.0, view.theme.accent);
}
