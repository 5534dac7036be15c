//! Draws a laid-out map on an egui [`Painter`] through one map→screen transform. This is the
//! only drawing code: the canvas, the PNG/SVG exports and the snapshot tests all come here.

mod face;
mod theme;

pub use face::{Face, paint_emoji, paint_face};
pub use theme::Theme;

use crate::layout::{CurveSegment, MapLayout, Style, TextBox, TextRole, bezier_at};
use crate::model::*;
use egui::emath::TSTransform;
use egui::epaint::{CubicBezierShape, Galley, PathStroke};
use egui::{
    Color32, CornerRadius, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2,
};
use std::collections::BTreeSet;
use std::sync::Arc;

/// How to paint: where the map is on the screen and what the person is pointing at.
pub struct View<'a> {
    pub screen_from_map: TSTransform,
    pub theme: &'a Theme,
    pub style: &'a Style,
    pub selection: &'a BTreeSet<Item>,
    pub hovered: Option<Item>,
    /// An item being dragged: drawn faded where it was.
    pub lifted: Option<Item>,
    /// On screen, the canvas: the row labels and stage headers stay pinned to its edges when
    /// the map is scrolled past them, as spreadsheets freeze panes. None for pictures.
    pub pinned: Option<Rect>,
    /// How much of each card to draw as the map gets small (pictures draw everything).
    pub detail: Detail,
    /// The stage in focus (an index): the others are dimmed, as a spotlight does.
    pub spotlight: Option<usize>,
    /// Curves are drawn only up to this stage (an index), so a room sees the story unfold.
    pub reveal: Option<usize>,
}

/// How much of a card a view draws.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Everything, at any size (pictures).
    #[default]
    Full,
    /// On screen, in steps as the map gets small: a card's title and description while they
    /// can be read; then its title alone, at a readable size, ending in an ellipsis; then a
    /// block of its stage's colour. Notes become blocks of their lane's colour. Stage names
    /// stay readable at every step.
    Adaptive,
}

/// The least size (in screen points) text is drawn at when detail adapts.
pub const MIN_READABLE: f32 = 11.0;
/// Below this width on screen, a card is a block of colour.
pub const MIN_CARD_WIDTH: f32 = 44.0;
/// A card narrower than this on screen (px) is a speck: the map is shown as blocks per stage and
/// per cell, curves as lines through their points, so a whole long journey in view costs what the
/// screen's pixels hold rather than what the map holds.
pub const SPECK: f32 = 3.0;

/// Blocks drawn at speck size, merged while they are in one row and either belong together
/// (`key`) or are still narrower than a speck: a run is drawn in its first block's colour, so
/// a zoomed-out map costs a shape per speck of its width (in each row) at most.
struct Runs<'p> {
    painter: &'p Painter,
    run: Option<(u64, u64, Rect, Color32)>,
}

impl<'p> Runs<'p> {
    fn new(painter: &'p Painter) -> Self {
        Self { painter, run: None }
    }

    /// Adds a block (on screen) in row `row`, belonging with the blocks of the same `key`.
    fn push(&mut self, row: u64, key: u64, rect: Rect, colour: Color32) {
        // Only blocks that touch (or nearly) join: a lane's notes are not listed left to right,
        // and empty stretches between them must stay empty.
        if let Some((r, k, run, _)) = &mut self.run
            && *r == row
            && rect.left() - run.right() < SPECK
            && run.left() - rect.right() < SPECK
            && (*k == key || run.width() < SPECK)
        {
            *run = run.union(rect);
            *k = key;
            return;
        }
        self.flush();
        self.run = Some((row, key, rect, colour));
    }

    fn flush(&mut self) {
        if let Some((_, _, rect, colour)) = self.run.take() {
            self.painter.rect_filled(rect, 0.0, colour);
        }
    }
}

impl Drop for Runs<'_> {
    fn drop(&mut self) {
        self.flush();
    }
}

/// The shadow a box of corner radius `radius` casts `depth` below it: only its foot shows under
/// the opaque box, so a plain rectangle between the rounded corners draws it (a rounded one
/// costs five times the vertices, on every card and note).
fn shadow_under(rect: Rect, radius: f32, depth: f32) -> Rect {
    Rect::from_min_max(
        pos2(rect.left() + radius, rect.bottom() - radius),
        pos2(rect.right() - radius, rect.bottom() + depth),
    )
}

/// Whether the map is zoomed out so far that its cards are specks (see [`SPECK`]).
pub fn specks(view: &View) -> bool {
    view.detail == Detail::Adaptive && view.style.card_width * view.zoom() < SPECK
}

/// Options of a view beside its transform and theme (what the canvas and a presentation set).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ViewOptions {
    pub detail: Detail,
    pub spotlight: Option<usize>,
    pub reveal: Option<usize>,
}

impl<'a> View<'a> {
    /// A view of the map under `screen_from_map` with nothing hovered, lifted, pinned, in the
    /// spotlight or held back: what pictures, thumbnails and measurements draw.
    pub fn still(
        screen_from_map: TSTransform,
        theme: &'a Theme,
        style: &'a Style,
        selection: &'a BTreeSet<Item>,
        detail: Detail,
    ) -> Self {
        Self {
            screen_from_map,
            theme,
            style,
            selection,
            hovered: None,
            lifted: None,
            pinned: None,
            detail,
            spotlight: None,
            reveal: None,
        }
    }

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

/// The smallest a scale level's face is drawn on screen, however far the map is zoomed out.
const MIN_FACE: f32 = 12.0;

/// The smallest text drawn as letters; smaller text is drawn as a bar that keeps its shape.
const MIN_TEXT: f32 = 3.0;

/// A text box's rows, as the layout broke them, laid out at the zoom so that they fit inside
/// the box on screen: where to draw the galley, and the galley. Glyphs do not scale exactly with
/// the font size (they snap to pixels), so a text that would come out larger than its box at
/// this zoom is set a little smaller instead of being cut. None when the text is too small to
/// read (or empty).
pub fn fitted_text(
    painter: &Painter,
    view: &View,
    text_box: &TextBox,
    colour: Color32,
) -> Option<(Pos2, Arc<Galley>)> {
    if text_box.is_empty() {
        return None;
    }
    let rect = view.rect(text_box.rect);
    let mut size = view.style.font_size(text_box.role) * view.zoom();
    for _ in 0..4 {
        if size < MIN_TEXT {
            return None;
        }
        let job = crate::layout::text_line(
            &text_box.rows.join("\n"),
            egui::FontId::proportional(size),
            colour,
        );
        let galley = galley(painter, job);
        let used = galley.size();
        let shrink = (rect.width() / used.x).min(rect.height() / used.y);
        // Also when the text is empty space (NaN): nothing to shrink.
        if shrink >= 1.0 || shrink.is_nan() {
            return Some((rect.min, galley));
        }
        // Leave a hair of room, so rounding at the next size cannot overflow again.
        size *= shrink * 0.98;
    }
    None
}

/// Draws a text box's rows inside its box on screen (see [`fitted_text`]); when too small to
/// read, a faint bar in its place keeps the shape of the map.
fn text(painter: &Painter, view: &View, text_box: &TextBox, colour: Color32) {
    match fitted_text(painter, view, text_box, colour) {
        Some((at, galley)) => painter.galley(at, galley, colour),
        None if !text_box.is_empty() && view.detail == Detail::Full => {
            let rect = view.rect(text_box.rect);
            let size = view.style.font_size(text_box.role) * view.zoom();
            let bar = Rect::from_min_size(
                rect.min,
                vec2(rect.width() * 0.7, rect.height().min(size * 1.2)),
            );
            painter.rect_filled(bar, 0.0, colour.gamma_multiply(0.25));
        }
        None => {}
    }
}

/// How far (on screen) the row labels and the stage headers are moved to stay on the canvas
/// `canvas` when the map is scrolled past them: x for the labels, y for the headers.
pub fn pinned_shift(layout: &MapLayout, screen_from_map: TSTransform, canvas: Rect) -> Vec2 {
    let zoom = screen_from_map.scaling;
    // The band at the canvas's top edge pins its own stage headers.
    let band = &layout.bands[pinned_band(layout, screen_from_map, canvas)];
    let gutter_left = (screen_from_map * band.gutter.left_top()).x;
    let headers_top = (screen_from_map * band.stage_row.left_top()).y;
    // The headers ride down only while some of the band's rows are below them.
    let room_below = (band.gutter.bottom() - band.stage_row.bottom()) * zoom;
    vec2(
        (canvas.left() - gutter_left).max(0.0),
        (canvas.top() - headers_top).clamp(0.0, room_below.max(0.0)),
    )
}

/// The band whose stage headers stay pinned: the one at the canvas's top edge.
fn pinned_band(layout: &MapLayout, screen_from_map: TSTransform, canvas: Rect) -> usize {
    let top = (screen_from_map.inverse() * canvas.left_top()).y;
    layout
        .bands
        .iter()
        .rposition(|b| b.rect.top() <= top)
        .unwrap_or(0)
}

/// Paints the parts of `map` that are inside the painter's clip rect.
pub fn paint_map(painter: &Painter, map: &JourneyMap, layout: &MapLayout, view: &View) {
    let theme = view.theme;
    let visible = view.screen_from_map.inverse() * painter.clip_rect();
    let zoom = view.zoom();
    let radius = |r: f32| CornerRadius::same((r * zoom).round().clamp(0.0, 255.0) as u8);

    paint_header(painter, layout, view);

    // Lane rows behind everything in them, alternately shaded.
    for lane in &layout.lanes {
        if !lane.row.intersects(visible) {
            continue;
        }
        if lane.index % 2 == 0 {
            painter.rect_filled(view.rect(lane.row), radius(6.0), theme.row_fill);
        }
    }
    for band in &layout.bands {
        for row in [band.touchpoint_row, band.curve_band] {
            if row.height() > 0.0 {
                let row = Rect::from_min_max(pos2(band.gutter.left(), row.top()), row.max);
                painter.rect_filled(view.rect(row), radius(6.0), theme.row_fill);
            }
        }
    }

    // Stage columns, then their headers.
    if specks(view) {
        let mut runs = Runs::new(painter);
        for (i, stage_box) in layout.stages_in(visible) {
            let colour = theme.wash(map.stages[i].colour, 22);
            let (band, key) = (stage_box.band as u64, i as u64);
            runs.push(band, key, view.rect(stage_box.column), colour);
        }
    } else {
        for (i, stage_box) in layout.stages_in(visible) {
            let stage = &map.stages[i];
            let faded = view.lifted == Some(Item::Stage(stage.id));
            painter.rect_filled(
                view.rect(stage_box.column),
                radius(8.0),
                theme.wash(stage.colour, if faded { 8 } else { 22 }),
            );
        }
    }
    paint_stage_headers(painter, map, layout, view, visible);
    paint_selected_cells(painter, layout, view);
    paint_row_labels(painter, map, layout, view, visible);

    paint_cards(painter, map, layout, view, visible);
    paint_curves(painter, map, layout, view, visible);
    paint_notes(painter, map, layout, view, visible);
    if let Some(focus) = view.spotlight {
        // The other stages step back: a veil of the background over their columns.
        let veil = theme.background.gamma_multiply(0.72);
        for (i, stage_box) in layout.stages_in(visible) {
            if i != focus {
                painter.rect_filled(view.rect(stage_box.column.expand(4.0)), 0.0, veil);
            }
        }
    }
    if let Some(footer) = &layout.footer {
        text(painter, view, footer, theme.muted);
    }
    if let Some(canvas) = view.pinned {
        paint_pinned(painter, map, layout, view, canvas);
    }
}

fn paint_header(painter: &Painter, layout: &MapLayout, view: &View) {
    let theme = view.theme;
    let header = &layout.header;
    let mut parts = vec![(HeaderPart::Title, &header.title)];
    for block in &header.blocks {
        text(painter, view, &block.label, theme.muted);
        parts.extend(block.parts.iter().map(|(part, text)| (*part, text)));
    }
    for (part, text_box) in parts {
        text(painter, view, text_box, theme.text);
        if let Some(stroke) = view.highlight(Item::Header(part)) {
            let rect = view.rect(text_box.rect.expand(3.0));
            painter.rect_stroke(rect, CornerRadius::same(3), stroke, StrokeKind::Outside);
        }
    }
}

fn paint_stage_headers(
    painter: &Painter,
    map: &JourneyMap,
    layout: &MapLayout,
    view: &View,
    visible: Rect,
) {
    let zoom = view.zoom();
    let radius = |r: f32| CornerRadius::same((r * zoom).round().clamp(0.0, 255.0) as u8);
    if specks(view) {
        // Headers as blocks of their colours, no names: not one letter would fit.
        let mut runs = Runs::new(painter);
        for (i, stage_box) in layout.stages_in(visible) {
            let colour = view.theme.colour(map.stages[i].colour);
            let (band, key) = (stage_box.band as u64, i as u64);
            runs.push(band, key, view.rect(stage_box.header), colour);
        }
        return;
    }
    for (i, stage_box) in layout.stages_in(visible) {
        if !stage_box.header.intersects(visible) {
            continue;
        }
        let stage = &map.stages[i];
        let item = Item::Stage(stage.id);
        let faded = view.lifted == Some(item);
        let colour = view.theme.colour(stage.colour);
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
        let size = view.style.font_size(crate::layout::TextRole::StageName) * zoom;
        if view.detail == Detail::Adaptive && size < MIN_READABLE {
            // Stage names stay readable at every step: set at a readable size in the header,
            // ending in an ellipsis.
            let inner = header.shrink2(vec2(4.0, 1.0));
            let size = MIN_READABLE.min(inner.height() * 0.9).max(MIN_TEXT);
            let galley = crate::paint::galley(
                painter,
                crate::layout::text_job(
                    &stage.name,
                    size,
                    Color32::WHITE,
                    inner.width().max(1.0),
                    1,
                ),
            );
            let at = pos2(inner.left(), inner.center().y - galley.size().y / 2.0);
            painter
                .with_clip_rect(header.intersect(painter.clip_rect()))
                .galley(at, galley, Color32::WHITE);
        } else {
            text(painter, view, &stage_box.name, Color32::WHITE);
            if let Some(description) = &stage_box.description {
                text(
                    painter,
                    view,
                    description,
                    Color32::WHITE.gamma_multiply(0.88),
                );
            }
        }
    }
}

/// A selected lane cell (where a new note would go) is tinted and outlined.
fn paint_selected_cells(painter: &Painter, layout: &MapLayout, view: &View) {
    for item in view.selection {
        if let Item::Cell(lane, stage) = *item
            && let Some(cell) = layout.cell(lane, stage)
        {
            let rect = view.rect(cell.rect.shrink(2.0));
            let radius = CornerRadius::same((6.0 * view.zoom()).clamp(0.0, 255.0) as u8);
            painter.rect_filled(rect, radius, view.theme.accent.gamma_multiply(0.08));
            painter.rect_stroke(
                rect,
                radius,
                Stroke::new(1.5, view.theme.accent),
                StrokeKind::Inside,
            );
        }
    }
}

/// The names of the rows and of the scale's levels (with their faces), in the gutter.
fn paint_row_labels(
    painter: &Painter,
    map: &JourneyMap,
    layout: &MapLayout,
    view: &View,
    visible: Rect,
) {
    let theme = view.theme;
    let zoom = view.zoom();
    let radius = |r: f32| CornerRadius::same((r * zoom).round().clamp(0.0, 255.0) as u8);
    for band in &layout.bands {
        text(painter, view, &band.touchpoint_label, theme.muted);
        if !band.levels.is_empty() {
            text(painter, view, &band.curve_label, theme.muted);
        }
    }
    // Faces stay recognisable when the map is zoomed out: never smaller than MIN_FACE (nor
    // taller than a level's row), growing leftwards; a name they would cover is too small to
    // read by then and is left out.
    let min_face = MIN_FACE.min(view.style.level_height * zoom * 0.95);
    for label in layout.bands.iter().flat_map(|b| &b.level_labels) {
        let emoji = map
            .scale
            .level(label.value)
            .and_then(|l| l.emoji.as_deref());
        match label.face.zip(emoji) {
            Some((face, emoji)) => {
                let rect = view.rect(face);
                let size = rect.height().max(min_face);
                let grown = Rect::from_min_size(
                    rect.right_center() - vec2(size, size / 2.0),
                    Vec2::splat(size),
                );
                if view.rect(label.text.rect).right() <= grown.left() {
                    text(painter, view, &label.text, theme.muted);
                }
                paint_emoji(painter, grown, emoji, theme.text);
            }
            None => text(painter, view, &label.text, theme.muted),
        }
    }
    for lane_box in &layout.lanes {
        let lane = &map.lanes[lane_box.index];
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
}

/// Frozen panes: when the map is scrolled past them, the row labels stay at the canvas's left
/// edge and the stage headers at its top, drawn by the same code moved by [`pinned_shift`].
fn paint_pinned(
    painter: &Painter,
    map: &JourneyMap,
    layout: &MapLayout,
    view: &View,
    canvas: Rect,
) {
    let shift = pinned_shift(layout, view.screen_from_map, canvas);
    let zoom = view.zoom();
    let theme = view.theme;
    let edge = Stroke::new(1.0, theme.grid);
    let moved = |by: Vec2| View {
        screen_from_map: TSTransform::new(view.screen_from_map.translation + by, zoom),
        pinned: None,
        ..*view
    };
    let band = &layout.bands[pinned_band(layout, view.screen_from_map, canvas)];
    let gutter_width = (band.content_left - band.gutter.left()) * zoom;
    let header_height = (band.stage_row.height() + view.style.row_gap) * zoom;
    if shift.y > 0.0 {
        let band = Rect::from_min_size(canvas.min, vec2(canvas.width(), header_height));
        let painter = painter.with_clip_rect(band.intersect(painter.clip_rect()));
        painter.rect_filled(band, 0.0, theme.background);
        painter.line_segment([band.left_bottom(), band.right_bottom()], edge);
        let pinned = moved(vec2(0.0, shift.y));
        let visible = pinned.screen_from_map.inverse() * band;
        paint_stage_headers(&painter, map, layout, &pinned, visible);
    }
    if shift.x > 0.0 {
        let strip = Rect::from_min_size(canvas.min, vec2(gutter_width, canvas.height()));
        let painter = painter.with_clip_rect(strip.intersect(painter.clip_rect()));
        painter.rect_filled(strip, 0.0, theme.background);
        painter.line_segment([strip.right_top(), strip.right_bottom()], edge);
        let pinned = moved(vec2(shift.x, 0.0));
        let visible = pinned.screen_from_map.inverse() * strip;
        paint_row_labels(&painter, map, layout, &pinned, visible);
        if shift.y > 0.0 {
            // The corner where the frozen row meets the frozen column stays empty.
            let corner = Rect::from_min_size(canvas.min, vec2(gutter_width, header_height));
            painter.rect_filled(corner, 0.0, theme.background);
        }
    }
}

/// Whether a card's title and description can be read at the view's zoom.
fn card_readable(view: &View) -> bool {
    view.style.font_size(crate::layout::TextRole::CardBody) * view.zoom() >= 8.0
}

/// A card too small to read in full: its title alone at a readable size (ending in an
/// ellipsis), or, narrower still, a block of its stage's colour.
fn paint_small_card(
    painter: &Painter,
    view: &View,
    stage: &Stage,
    touchpoint: &Touchpoint,
    rect: Rect,
) {
    let theme = view.theme;
    let colour = theme.colour(stage.colour);
    let radius = CornerRadius::same((6.0 * view.zoom()).round().clamp(1.0, 255.0) as u8);
    if rect.width() < MIN_CARD_WIDTH {
        painter.rect_filled(rect, radius, colour.gamma_multiply(0.55));
    } else {
        painter.rect_filled(rect, radius, theme.surface);
        let strip = Rect::from_min_size(
            rect.min,
            vec2(rect.width(), (rect.height() * 0.08).max(2.0)),
        );
        painter.rect_filled(strip, radius, colour);
        let pad = (rect.width() * 0.06).max(3.0);
        let inner = rect.shrink(pad);
        let size = MIN_READABLE
            .max(view.style.font_size(crate::layout::TextRole::CardTitle) * view.zoom());
        let rows = ((inner.height() / (size * 1.25)).floor() as usize).max(1);
        let galley = crate::paint::galley(
            painter,
            crate::layout::text_job(&touchpoint.title, size, theme.text, inner.width(), rows),
        );
        painter
            .with_clip_rect(rect.intersect(painter.clip_rect()))
            .galley(inner.min, galley, theme.text);
    }
    paint_card_marks(painter, view, touchpoint, rect, 1.0);
    if let Some(stroke) = view.highlight(Item::Touchpoint(touchpoint.id)) {
        painter.rect_stroke(rect, radius, stroke, StrokeKind::Outside);
    }
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
    // 5 units: epaint draws a corner of up to 5 px with five points and a larger one with
    // nine, and a map has thousands of cards.
    let radius = CornerRadius::same((5.0 * zoom).round().clamp(0.0, 255.0) as u8);
    if specks(view) {
        // One block per stage's run of cards.
        let mut runs = Runs::new(painter);
        for card in layout.cards_in(visible) {
            let colour = theme
                .colour(map.stages[card.stage_index].colour)
                .gamma_multiply(0.55);
            let (band, key) = (card.band as u64, card.stage_index as u64);
            runs.push(band, key, view.rect(card.rect), colour);
        }
        return;
    }
    for card in layout.cards_in(visible) {
        let stage = &map.stages[card.stage_index];
        let touchpoint = &stage.touchpoints[card.index];
        let item = Item::Touchpoint(touchpoint.id);
        let rect = view.rect(card.rect);
        if view.detail == Detail::Adaptive && !card_readable(view) {
            paint_small_card(painter, view, stage, touchpoint, rect);
            continue;
        }
        let faded = view.lifted == Some(item);
        let alpha = if faded { 0.35 } else { 1.0 };
        painter.rect_filled(
            shadow_under(rect, f32::from(radius.sw), 2.0 * zoom),
            0.0,
            theme.shadow.gamma_multiply(alpha),
        );
        // Fill and border as one shape: one path for both.
        painter.add(egui::epaint::RectShape::new(
            rect,
            radius,
            theme.surface.gamma_multiply(alpha),
            Stroke::new(zoom.max(0.5), theme.surface_stroke),
            StrokeKind::Inside,
        ));
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

        let font = view.style.font_size(TextRole::Channel) * zoom;
        if font >= 3.0 {
            let chan = view.rect(card.top_row);
            // Channel tag, when the map names one.
            if let Some(channel) = &touchpoint.channel {
                let label = crate::i18n::channel_label(channel);
                let tag_colour = channel_colour(channel);
                let galley = crate::paint::galley(
                    painter,
                    crate::layout::text_line(label, egui::FontId::proportional(font), tag_colour),
                );
                let room = chan.width() * 0.7;
                let fits = galley.size().x + 12.0 * zoom <= room;
                let tag = Rect::from_min_size(
                    chan.min,
                    vec2((galley.size().x + 12.0 * zoom).min(room), chan.height()),
                );
                painter.rect_filled(
                    tag,
                    CornerRadius::same((chan.height() / 2.0).min(255.0) as u8),
                    tag_colour.gamma_multiply(0.14 * alpha),
                );
                // Clipped only when the name is wider than its tag: every clip makes a mesh
                // of its own.
                let clipped;
                let tag_painter = if fits {
                    painter
                } else {
                    clipped = painter.with_clip_rect(tag.intersect(painter.clip_rect()));
                    &clipped
                };
                tag_painter.galley(
                    pos2(
                        tag.left() + 6.0 * zoom,
                        tag.center().y - galley.size().y / 2.0,
                    ),
                    galley,
                    tag_colour,
                );
            }
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
            let stage_colour = theme.colour(stage.colour).gamma_multiply(alpha);
            if let Some(step) = &card.step {
                badge(painter, view, step, stage_colour, Color32::WHITE);
            }
            for actor in &card.actors {
                badge(
                    painter,
                    view,
                    actor,
                    theme.accent.gamma_multiply(0.16 * alpha),
                    theme.text.gamma_multiply(alpha),
                );
            }
            if let Some(link) = card.link {
                paint_link_mark(painter, view.rect(link), theme.accent.gamma_multiply(alpha));
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
        if let Some(notes) = &card.notes {
            let rule = view.rect(Rect::from_min_size(
                notes.rect.min - vec2(0.0, 3.0),
                vec2(notes.rect.width(), 0.0),
            ));
            painter.line_segment(
                [rule.left_top(), rule.right_top()],
                Stroke::new(zoom.max(0.5), theme.grid),
            );
            text(painter, view, notes, theme.muted.gamma_multiply(alpha));
        }
        paint_card_marks(painter, view, touchpoint, rect, alpha);
        if let Some(stroke) = view.highlight(item) {
            painter.rect_stroke(rect, radius, stroke, StrokeKind::Outside);
        }
    }
}

/// What a card says beyond its text: a moment of truth's gold frame and star, and the COURTED
/// heat row. Drawn at every level of detail.
fn paint_card_marks(
    painter: &Painter,
    view: &View,
    touchpoint: &Touchpoint,
    rect: Rect,
    alpha: f32,
) {
    let zoom = view.zoom();
    if touchpoint.courted.is_assessed() {
        paint_courted(painter, view, &touchpoint.courted, rect, alpha);
    }
    if touchpoint.moment_of_truth {
        let gold = Color32::from_rgb(0xc8, 0x8a, 0x00).gamma_multiply(alpha);
        let radius = CornerRadius::same((6.0 * zoom).round().clamp(1.0, 255.0) as u8);
        painter.rect_stroke(
            rect,
            radius,
            Stroke::new((2.5 * zoom).max(1.5), gold),
            StrokeKind::Inside,
        );
        let font = (13.0 * zoom).max(8.0);
        painter.text(
            rect.right_top() + vec2(-2.0 * zoom, -2.0 * zoom),
            egui::Align2::CENTER_CENTER,
            "★",
            egui::FontId::proportional(font),
            gold,
        );
    }
}

/// The COURTED checklist as a heat row along a card's foot: seven cells, Clean to Dependable,
/// green passed, red failed, pale not assessed.
fn paint_courted(painter: &Painter, view: &View, courted: &Courted, card: Rect, alpha: f32) {
    let zoom = view.zoom();
    let height = (4.0 * zoom).max(1.5);
    let inset = 6.0 * zoom;
    let width = (card.width() - 2.0 * inset) / 7.0;
    for (i, quality) in Quality::ALL.iter().enumerate() {
        let colour = match courted.get(*quality) {
            Check::Pass => Color32::from_rgb(0x1f, 0x9d, 0x55),
            Check::Fail => view.theme.danger,
            Check::NotAssessed => view.theme.grid,
        };
        #[allow(clippy::cast_precision_loss)] // i < 7
        let cell = Rect::from_min_size(
            pos2(
                card.left() + inset + i as f32 * width,
                card.bottom() - height - 3.0 * zoom,
            ),
            vec2(width - zoom.max(0.5), height),
        );
        painter.rect_filled(cell, 0.0, colour.gamma_multiply(alpha));
    }
}

fn paint_curves(
    painter: &Painter,
    map: &JourneyMap,
    layout: &MapLayout,
    view: &View,
    visible: Rect,
) {
    let theme = view.theme;
    let zoom = view.zoom();
    let neutral = map.scale.neutral_level();
    // Level lines (their names and faces are row labels); the neutral level heavier.
    for band in &layout.bands {
        for &(value, y) in &band.levels {
            let left = view.pos(pos2(band.curve_band.left(), y));
            let right = view.pos(pos2(band.curve_band.right(), y));
            let stroke = if Some(value) == neutral {
                Stroke::new(1.2 * zoom.max(0.5), theme.grid.gamma_multiply(1.6))
            } else {
                Stroke::new(zoom.max(0.5), theme.grid)
            };
            painter.line_segment([left, right], stroke);
        }
    }
    if layout.bands.iter().all(|b| b.levels.is_empty()) {
        return;
    }
    // Revealed up to a stage, a curve shows the story so far: nothing right of that stage.
    let revealed = view.reveal.and_then(|last| {
        let stage = layout.stages.get(last)?;
        Some((stage.band, stage.column.right()))
    });
    let shown_at = |band: usize, x: f32| {
        revealed.is_none_or(|(last_band, right)| {
            band < last_band || (band == last_band && x <= right + 0.5)
        })
    };
    // Only what is in view is drawn: a long curve costs what its visible stretch costs. A point
    // counts as in view with its ring and wedges around it.
    let near = visible.expand(24.0);
    let in_view = |bezier: &[Pos2; 4]| Rect::from_points(bezier).expand(4.0).intersects(visible);

    for (curve, line) in map.curves.iter().zip(&layout.curves) {
        let colour = theme.colour(curve.colour);
        // Legend.
        let legend = view.rect(line.legend);
        let y = legend.center().y;
        painter.line_segment(
            [pos2(legend.left(), y), pos2(legend.left() + 20.0 * zoom, y)],
            Stroke::new(3.0 * zoom, colour),
        );
        let font = view.style.font_size(TextRole::Legend) * zoom;
        if font >= 3.0 {
            let galley = crate::paint::galley(
                painter,
                crate::layout::text_line(&curve.name, egui::FontId::proportional(font), theme.text),
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
        if let Some(empty) = &line.empty {
            text(painter, view, empty, theme.muted);
        }

        // A smooth line through the scores that never passes beyond the points it joins;
        // dashed where it passes a touchpoint or stage nobody scored.
        let width = 2.5 * zoom.max(0.4);
        if specks(view) {
            // A line through the points, a point per screen pixel at most, in each band.
            let mut path: Vec<Pos2> = Vec::new();
            let mut band = usize::MAX;
            for point in &line.points {
                if !shown_at(point.band, point.pos.x) {
                    continue;
                }
                let at = view.pos(point.pos);
                if point.band != band {
                    painter.add(Shape::line(
                        std::mem::take(&mut path),
                        Stroke::new(1.5, colour),
                    ));
                    band = point.band;
                }
                // (A dip inside one pixel's width still shows: a point a pixel off in height is kept.)
                if path
                    .last()
                    .is_none_or(|last| (at.x - last.x).abs() >= 1.0 || (at.y - last.y).abs() >= 1.0)
                {
                    path.push(at);
                }
            }
            painter.add(Shape::line(path, Stroke::new(1.5, colour)));
            continue;
        }
        for segment in &line.segments {
            if shown_at(segment.band, segment.bezier[3].x) && in_view(&segment.bezier) {
                paint_segment(painter, view, segment, width, colour);
            }
        }
        for point in &line.points {
            if !shown_at(point.band, point.pos.x) || !near.contains(point.pos) {
                continue;
            }
            let centre = view.pos(point.pos);
            // Points shrink with the map, but stay visible and never swamp the band.
            // (5 units: epaint draws a circle of up to 5 px with 16 points, a larger one with 32.)
            let r = (5.0 * zoom).clamp(1.5, 14.0);
            if matches!(point.item, Item::StageScore(..)) {
                // A whole stage's score: a diamond, told apart from a touchpoint's dot.
                let d = r * 1.35;
                painter.add(Shape::convex_polygon(
                    vec![
                        centre + vec2(0.0, -d),
                        centre + vec2(d, 0.0),
                        centre + vec2(0.0, d),
                        centre + vec2(-d, 0.0),
                    ],
                    colour,
                    Stroke::new((2.0 * zoom).clamp(0.5, 4.0), theme.surface),
                ));
            } else {
                painter.circle(
                    centre,
                    r,
                    colour,
                    Stroke::new((2.0 * zoom).clamp(0.5, 4.0), theme.surface),
                );
            }
            if let Some(stroke) = view.highlight(point.item) {
                painter.circle_stroke(centre, r + 3.0 * zoom, stroke);
            }
        }
        paint_findings(painter, view, line, &|band, pos: Pos2| {
            shown_at(band, pos.x) && near.contains(pos)
        });
    }
}

/// The insights marked on a curve: the weakest moment ("100 − 1 = 0") ringed in red with a
/// red wedge under it, each recovery a green wedge over its point.
fn paint_findings(
    painter: &Painter,
    view: &View,
    line: &crate::layout::CurveLine,
    shown_at: &dyn Fn(usize, Pos2) -> bool,
) {
    let zoom = view.zoom();
    let r = (5.5 * zoom).clamp(1.5, 14.0);
    let wedge = |centre: Pos2, down: bool, colour: Color32| {
        let (tip, base) = if down {
            (centre.y + r + 11.0 * zoom, centre.y + r + 4.0 * zoom)
        } else {
            (centre.y - r - 11.0 * zoom, centre.y - r - 4.0 * zoom)
        };
        let half = 5.0 * zoom;
        painter.add(Shape::convex_polygon(
            vec![
                pos2(centre.x - half, base),
                pos2(centre.x + half, base),
                pos2(centre.x, tip),
            ],
            colour,
            Stroke::NONE,
        ));
    };
    let red = view.theme.danger;
    for &i in &line.lowest {
        let point = &line.points[i];
        if shown_at(point.band, point.pos) {
            let centre = view.pos(point.pos);
            painter.circle_stroke(
                centre,
                r + 3.5 * zoom,
                Stroke::new(2.0 * zoom.max(0.5), red),
            );
            wedge(centre, true, red);
        }
    }
    let green = Color32::from_rgb(0x1f, 0x9d, 0x55);
    for &i in &line.recovered {
        let point = &line.points[i];
        if shown_at(point.band, point.pos) {
            wedge(view.pos(point.pos), false, green);
        }
    }
}

/// One piece of a curve: a Bézier when solid; when dashed, dashes along the same path.
fn paint_segment(
    painter: &Painter,
    view: &View,
    segment: &CurveSegment,
    width: f32,
    colour: Color32,
) {
    let points = segment.bezier.map(|p| view.pos(p));
    if segment.dashed {
        let path: Vec<Pos2> = (0..=24)
            .map(|i| bezier_at(&points, i as f32 / 24.0))
            .collect();
        let dash = (7.0 * view.zoom()).max(2.0);
        painter.extend(Shape::dashed_line(
            &path,
            Stroke::new(width * 0.8, colour.gamma_multiply(0.8)),
            dash,
            dash * 0.8,
        ));
    } else {
        painter.add(Shape::CubicBezier(CubicBezierShape::from_points_stroke(
            points,
            false,
            Color32::TRANSPARENT,
            PathStroke::new(width, colour),
        )));
    }
}

/// A round badge with a short text: a step number, a persona's initials.
fn badge(
    painter: &Painter,
    view: &View,
    badge: &crate::layout::Badge,
    fill: Color32,
    ink: Color32,
) {
    let rect = view.rect(badge.rect);
    painter.circle_filled(rect.center(), rect.width() / 2.0, fill);
    let size = view.style.font_size(TextRole::Badge) * view.zoom();
    if size >= MIN_TEXT {
        let galley = crate::paint::galley(
            painter,
            crate::layout::text_line(&badge.text, egui::FontId::proportional(size), ink),
        );
        painter.galley(rect.center() - galley.size() / 2.0, galley, ink);
    }
}

/// The link mark: two interlocked rings, as a chain's links.
fn paint_link_mark(painter: &Painter, rect: Rect, colour: Color32) {
    let r = rect.width() * 0.27;
    let stroke = Stroke::new((rect.width() * 0.11).max(1.0), colour);
    let off = vec2(rect.width() * 0.17, -rect.width() * 0.17);
    painter.circle_stroke(rect.center() - off, r, stroke);
    painter.circle_stroke(rect.center() + off, r, stroke);
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
    if specks(view) {
        // One block per cell's notes (and per note spanning stages).
        let mut runs = Runs::new(painter);
        for note in layout.notes_in(visible) {
            let colour = theme.lane_accent(map.lanes[note.lane_index].kind);
            let row = ((note.band as u64) << 32) | note.lane_index as u64;
            let key = ((note.stages.start as u64) << 32) | note.stages.end as u64;
            runs.push(row, key, view.rect(note.rect), colour);
        }
        return;
    }
    for note_box in layout.notes_in(visible) {
        let lane = &map.lanes[note_box.lane_index];
        let Some(note) = lane.notes.get(note_box.index) else {
            continue;
        };
        let item = Item::Note(note.id);
        let faded = view.lifted == Some(item);
        let alpha = if faded { 0.35 } else { 1.0 };
        let rect = view.rect(note_box.rect);
        if view.detail == Detail::Adaptive
            && view.style.font_size(crate::layout::TextRole::Note) * zoom < 8.0
        {
            // Too small to read: a block in the lane's colours keeps the lane's shape.
            painter.rect_filled(rect, radius, theme.note_fill(lane.kind));
            let edge = Rect::from_min_size(rect.min, vec2((3.0 * zoom).max(1.0), rect.height()));
            painter.rect_filled(edge, 0.0, theme.lane_accent(lane.kind));
            if let Some(stroke) = view.highlight(item) {
                painter.rect_stroke(rect, radius, stroke, StrokeKind::Outside);
            }
            continue;
        }
        painter.rect_filled(
            shadow_under(rect, f32::from(radius.sw), 1.5 * zoom),
            0.0,
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
        if let Some(meta) = &note_box.meta {
            text(painter, view, meta, theme.muted.gamma_multiply(alpha));
        }
        if note_box.piece > 0 {
            // Continued from the band above: a dashed left edge says so.
            let x = rect.left() + 1.5 * zoom;
            painter.extend(Shape::dashed_line(
                &[pos2(x, rect.top()), pos2(x, rect.bottom())],
                Stroke::new(1.5 * zoom.max(0.5), theme.surface),
                4.0 * zoom.max(0.5),
                3.0 * zoom.max(0.5),
            ));
        }
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

/// A text field's layouter that lays map text out as the map does, in `font` (punctuation
/// among Chinese drawn by the CJK font), so what is typed looks as it will on the map.
pub fn map_text_layouter(
    font: egui::FontId,
    multiline: bool,
) -> impl FnMut(&egui::Ui, &dyn egui::TextBuffer, f32) -> std::sync::Arc<egui::Galley> {
    move |ui, text, wrap_width| {
        // The field's own text colour stands in for the placeholder.
        let colour = egui::Color32::PLACEHOLDER;
        let line_height =
            ui.fonts_mut(|f| f.row_height(&font)) + ui.spacing().extra_text_line_spacing;
        let mut job = crate::layout::text_line(text.as_str(), font.clone(), colour);
        if multiline {
            job.wrap.max_width = wrap_width;
        } else {
            job.break_on_newline = false;
        }
        // Hiding the spaces being typed would feel wrong.
        job.keep_trailing_whitespace = true;
        for section in &mut job.sections {
            section.format.line_height = Some(line_height);
        }
        ui.fonts_mut(|f| crate::layout::lay_out(f, job))
    }
}

/// Lays map text out for `painter` (see [`crate::layout::lay_out`]).
pub fn galley(painter: &Painter, job: egui::text::LayoutJob) -> std::sync::Arc<egui::Galley> {
    painter.fonts_mut(|f| crate::layout::lay_out(f, job))
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

#[cfg(test)]
mod tests;
