//! The items of a layout by the vertical strip of the map they stand in, so that what is in
//! view is found by looking at the strips in view, not at every item of the map: drawing and
//! hit-testing a wide map cost what the view shows.

use super::{CardBox, CellBox, MapLayout, NoteBox, StageBox};
use egui::emath::Rect;

/// How wide a strip is, in map units (about five cards).
const STRIP: f32 = 1024.0;

/// For each kind of item, the items touching each strip, as indices in the layout's lists.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Strips {
    stages: Vec<Vec<u32>>,
    cards: Vec<Vec<u32>>,
    notes: Vec<Vec<u32>>,
    cells: Vec<Vec<u32>>,
}

fn strip_of(x: f32) -> usize {
    // A layout starts at 0; anything left of it counts as the first strip.
    (x / STRIP).floor().max(0.0) as usize
}

fn sort_into<'a>(rects: impl Iterator<Item = &'a Rect>) -> Vec<Vec<u32>> {
    let mut strips: Vec<Vec<u32>> = Vec::new();
    for (i, rect) in rects.enumerate() {
        if !rect.is_finite() {
            continue;
        }
        let (first, last) = (strip_of(rect.left()), strip_of(rect.right()));
        if strips.len() <= last {
            strips.resize_with(last + 1, Vec::new);
        }
        for strip in &mut strips[first..=last] {
            strip.push(i as u32);
        }
    }
    strips
}

/// The indices of the items in the strips `rect` touches, in the layout's order, each once
/// (`count` items in all).
fn in_strips(strips: &[Vec<u32>], count: usize, rect: Rect) -> Vec<usize> {
    if strips.is_empty() || !rect.is_positive() {
        return Vec::new();
    }
    let first = strip_of(rect.left()).min(strips.len() - 1);
    let last = strip_of(rect.right()).min(strips.len() - 1);
    if first == 0 && last == strips.len() - 1 {
        // The whole map is in view.
        return (0..count).collect();
    }
    let mut found: Vec<usize> = strips[first..=last]
        .iter()
        .flatten()
        .map(|&i| i as usize)
        .collect();
    if first != last {
        found.sort_unstable();
        found.dedup();
    }
    found
}

impl Strips {
    pub(super) fn new(
        stages: &[StageBox],
        cards: &[CardBox],
        notes: &[NoteBox],
        cells: &[CellBox],
    ) -> Self {
        Self {
            stages: sort_into(stages.iter().map(|s| &s.column)),
            cards: sort_into(cards.iter().map(|c| &c.rect)),
            notes: sort_into(notes.iter().map(|n| &n.rect)),
            cells: sort_into(cells.iter().map(|c| &c.rect)),
        }
    }
}

impl MapLayout {
    /// The stages whose columns meet `rect`, with their indices, left to right.
    pub fn stages_in(&self, rect: Rect) -> impl Iterator<Item = (usize, &StageBox)> {
        in_strips(&self.strips.stages, self.stages.len(), rect)
            .into_iter()
            .map(|i| (i, &self.stages[i]))
            .filter(move |(_, s)| s.column.intersects(rect))
    }

    /// The cards that meet `rect`, in the layout's order.
    pub fn cards_in(&self, rect: Rect) -> impl Iterator<Item = &CardBox> {
        in_strips(&self.strips.cards, self.cards.len(), rect)
            .into_iter()
            .map(|i| &self.cards[i])
            .filter(move |c| c.rect.intersects(rect))
    }

    /// The notes' boxes that meet `rect`, in the layout's order.
    pub fn notes_in(&self, rect: Rect) -> impl Iterator<Item = &NoteBox> {
        in_strips(&self.strips.notes, self.notes.len(), rect)
            .into_iter()
            .map(|i| &self.notes[i])
            .filter(move |n| n.rect.intersects(rect))
    }

    /// The cells that meet `rect`, in the layout's order.
    pub fn cells_in(&self, rect: Rect) -> impl Iterator<Item = &CellBox> {
        in_strips(&self.strips.cells, self.cells.len(), rect)
            .into_iter()
            .map(|i| &self.cells[i])
            .filter(move |c| c.rect.intersects(rect))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::emath::pos2;

    #[test]
    fn what_is_in_view_is_what_meets_the_view() {
        for map in [
            crate::model::JourneyMap::generated(300),
            crate::templates::ALL[0].map(),
        ] {
            let layout = crate::layout::tests::lay_out(&map);
            let size = layout.size;
            for (x, w, y, h) in [
                (0.0, 1400.0, 0.0, 900.0),
                (size.x * 0.4, 700.0, 200.0, 300.0),
                (size.x - 10.0, 5000.0, 0.0, size.y),
                (-500.0, size.x + 1000.0, -50.0, size.y + 100.0),
                (3.0 * STRIP, 0.5, 0.0, size.y),
                (size.x + 100.0, 500.0, 0.0, size.y),
            ] {
                let view = Rect::from_min_size(pos2(x, y), egui::vec2(w, h));
                let cards: Vec<_> = layout
                    .cards
                    .iter()
                    .filter(|c| c.rect.intersects(view))
                    .collect();
                assert_eq!(layout.cards_in(view).collect::<Vec<_>>(), cards);
                let notes: Vec<_> = layout
                    .notes
                    .iter()
                    .filter(|n| n.rect.intersects(view))
                    .collect();
                assert_eq!(layout.notes_in(view).collect::<Vec<_>>(), notes);
                let cells: Vec<_> = layout
                    .cells
                    .iter()
                    .filter(|c| c.rect.intersects(view))
                    .collect();
                assert_eq!(layout.cells_in(view).collect::<Vec<_>>(), cells);
                let stages: Vec<_> = layout
                    .stages
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.column.intersects(view))
                    .collect();
                assert_eq!(layout.stages_in(view).collect::<Vec<_>>(), stages);
            }
        }
    }
}
