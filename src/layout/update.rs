//! Bringing a layout up to date after a change without laying the whole map out again: a card,
//! a stage header, a note or the header whose text changed but whose height did not (nothing
//! else moves), or a curve's scores. Anything else is laid out again from the whole map.

use super::build::{
    Builder, centre_name, curve_lines, header_needs, lay_out_card, lay_out_header, natural_height,
    stage_head, stretch,
};
use super::index::MapIndex;
use super::notes::note_box;
use super::*;

/// Whether a row from `top` to `bottom`, as tall as the tallest of its items, keeps its height
/// when one item's height goes from `was` to `now` (`others`: the other items' heights). It
/// stays when the item still fits and either was not the tallest or still is; only then are the
/// others not asked. Compared as the full layout computes (`top` + height), so it agrees with it
/// to the bit.
fn row_stays<I: Iterator<Item = f32>>(
    top: f32,
    bottom: f32,
    was: f32,
    now: f32,
    others: impl FnOnce() -> I,
) -> bool {
    if top + now > bottom {
        return false;
    }
    if top + was >= bottom && top + now < bottom {
        return top + others().fold(now, f32::max) == bottom;
    }
    true
}

impl MapLayout {
    /// Brings the layout of a map, laid out with this `style` and these `labels`, up to date
    /// with `map` after `changes`, when that can be done piece by piece; returns false when it
    /// cannot (then the layout may be half changed: lay the map out again with
    /// [`MapLayout::new`]). The result is the layout [`MapLayout::new`] gives.
    pub fn update(
        &mut self,
        map: &JourneyMap,
        style: &Style,
        labels: &Labels,
        measure: &mut dyn Measure,
        changes: &[Changed],
    ) -> bool {
        let mut b = Builder {
            style,
            labels,
            measure,
            index: MapIndex::empty(),
        };
        // A map fitted to pages chooses its bands from the header and the notes laid out
        // otherwise than they stand: a change there may change the bands.
        let paged = matches!(map.options.wrap, Wrap::Page(_));
        let mut curves = false;
        for change in changes {
            if paged && matches!(change, Changed::Note(_) | Changed::Header) {
                return false;
            }
            let done = match *change {
                Changed::Marks => true,
                Changed::Touchpoint(id) => self.update_card(&mut b, map, id),
                Changed::Stage(id) => self.update_stage(&mut b, map, id),
                Changed::Note(id) => self.update_note(&mut b, map, id),
                Changed::Header => self.update_header(&mut b, map),
                Changed::Scores(_) => {
                    curves = true;
                    true
                }
                Changed::Everything => false,
            };
            if !done {
                return false;
            }
        }
        if curves {
            let right = self
                .bands
                .iter()
                .map(|band| band.content_right)
                .fold(0.0, f32::max);
            self.curves = curve_lines(&mut b, map, &self.stages, &self.cards, &self.bands, right);
        }
        true
    }

    fn update_card(&mut self, b: &mut Builder<'_>, map: &JourneyMap, id: TouchpointId) -> bool {
        let (Some(at), Some(touchpoint)) = (
            self.cards.iter().position(|c| c.id == id),
            map.touchpoint(id),
        ) else {
            return false;
        };
        let old = &self.cards[at];
        // Cards stand in the journey's order, so the card's place is its step's number.
        let mut card = lay_out_card(
            b,
            map,
            touchpoint,
            (old.stage_index, old.index, old.band),
            old.rect.min,
            Some(at + 1),
        );
        let (band, top, row_bottom) = (old.band, old.rect.top(), old.rect.bottom());
        let (was, now) = (natural_height(old, b.style), natural_height(&card, b.style));
        let others = || {
            self.cards
                .iter()
                .enumerate()
                .filter(|(k, c)| *k != at && c.band == band)
                .map(|(_, c)| natural_height(c, b.style))
        };
        if !row_stays(top, row_bottom, was, now, others) {
            return false;
        }
        stretch(&mut card, row_bottom);
        self.cards[at] = card;
        true
    }

    fn update_stage(&mut self, b: &mut Builder<'_>, map: &JourneyMap, id: StageId) -> bool {
        let (Some(at), Some(stage)) = (self.stages.iter().position(|s| s.id == id), map.stage(id))
        else {
            return false;
        };
        let old = &self.stages[at];
        let (top, bottom, height) = (old.header.top(), old.header.bottom(), old.header.height());
        let (mut name, description) =
            stage_head(b, stage, old.column.left(), old.column.width(), top);
        let band = old.band;
        let min = b.style.stage_header_min_height;
        let was = header_needs(&old.name, old.description.as_ref(), top).max(min);
        let now = header_needs(&name, description.as_ref(), top).max(min);
        let others = || {
            self.stages
                .iter()
                .enumerate()
                .filter(|(k, s)| *k != at && s.band == band)
                .map(|(_, s)| header_needs(&s.name, s.description.as_ref(), top))
        };
        if !row_stays(top, bottom, was, now, others) {
            return false;
        }
        centre_name(&mut name, description.as_ref(), top, height);
        let stage_box = &mut self.stages[at];
        stage_box.name = name;
        stage_box.description = description;
        true
    }

    fn update_note(&mut self, b: &mut Builder<'_>, map: &JourneyMap, id: NoteId) -> bool {
        let Some(at) = map.note(id) else {
            return false;
        };
        let mut found = false;
        for boxed in self.notes.iter_mut().filter(|n| n.id == id) {
            let (rect, text, meta) = note_box(
                b,
                at.note,
                boxed.rect.left(),
                boxed.rect.top(),
                boxed.rect.width(),
            );
            if rect != boxed.rect {
                return false;
            }
            boxed.text = text;
            boxed.meta = meta;
            found = true;
        }
        found
    }

    fn update_header(&mut self, b: &mut Builder<'_>, map: &JourneyMap) -> bool {
        let header = lay_out_header(b, map, self.header.rect.width());
        if header.rect != self.header.rect {
            return false;
        }
        self.header = header;
        // The credit line at the foot is the header's source.
        match (&mut self.footer, map.header.source.is_empty()) {
            (None, true) => true,
            (Some(footer), false) => {
                let again = b.text(
                    &map.header.source,
                    TextRole::Footer,
                    footer.rect.min,
                    footer.rect.width(),
                );
                if again.rect != footer.rect {
                    return false;
                }
                *footer = again;
                true
            }
            _ => false,
        }
    }
}
