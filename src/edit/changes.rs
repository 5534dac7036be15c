//! What an applied edit changed ([`Changed`]), told from its inverse and the map it left: the
//! inverse holds what was there before, the map what is there now.

use super::Edit;
use crate::model::{Changed, Item, JourneyMap};

/// Adds to `out` (which may then name a thing twice) what applying an edit changed, given the edit that undoes it (`inverse`) and
/// the map after it. Narrow only where that is certain; anything else is
/// [`Changed::Everything`].
pub(super) fn changed_by(inverse: &Edit, map: &JourneyMap, out: &mut Vec<Changed>) {
    let found = match inverse {
        Edit::SetTouchpoint(old) => Changed::Touchpoint(old.id),
        Edit::SetStage { stage, .. } => Changed::Stage(*stage),
        Edit::SetNote(old) => match map.note(old.id) {
            Some(at) if at.note.anchor == old.anchor => Changed::Note(old.id),
            _ => Changed::Everything,
        },
        Edit::SetScore { curve, .. } | Edit::SetStageScore { curve, .. } => Changed::Scores(*curve),
        Edit::SetHeader(old) => {
            let names = |h: &crate::model::Header| {
                h.personas
                    .iter()
                    .map(|p| (p.id, p.name.clone()))
                    .collect::<Vec<_>>()
            };
            if names(old) == names(&map.header) {
                Changed::Header
            } else {
                Changed::Everything
            }
        }
        Edit::SetConflicts(_) => Changed::Marks,
        Edit::SetLocked { item, .. } => match *item {
            Item::Touchpoint(id) => Changed::Touchpoint(id),
            Item::Stage(id) => Changed::Stage(id),
            Item::Note(id) => Changed::Note(id),
            _ => Changed::Everything,
        },
        Edit::Batch(parts) => {
            for part in parts {
                changed_by(part, map, out);
            }
            return;
        }
        _ => Changed::Everything,
    };
    out.push(found);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Document;
    use crate::model::{Anchor, JourneyMap};

    fn after(doc: &mut Document, edit: Edit) -> Vec<Changed> {
        let before = doc.revision();
        doc.apply("test", edit).expect("applies");
        doc.changes_since(before).expect("kept")
    }

    #[test]
    fn narrow_edits_say_what_they_touched_and_the_rest_say_everything() {
        let map = JourneyMap::generated(20);
        let mut doc = Document::new(map.clone());
        let mut card = map.stages[1].touchpoints[0].clone();
        card.title.push_str(" again");
        assert_eq!(
            after(&mut doc, Edit::SetTouchpoint(card.clone())),
            [Changed::Touchpoint(card.id)]
        );
        let lane = &map.lanes[0];
        let mut note = lane.notes[0].clone();
        note.text.push_str(" again");
        assert_eq!(
            after(&mut doc, Edit::SetNote(note.clone())),
            [Changed::Note(note.id)]
        );
        // A note given another anchor moves: everything.
        note.anchor = Anchor::Journey;
        assert_eq!(after(&mut doc, Edit::SetNote(note)), [Changed::Everything]);
        let curve = map.curves[0].id;
        assert_eq!(
            after(
                &mut doc,
                Edit::SetScore {
                    curve,
                    touchpoint: card.id,
                    score: Some(map.scale.min),
                }
            ),
            [Changed::Scores(curve)]
        );
        let mut header = map.header.clone();
        header.title.push_str(" again");
        assert_eq!(
            after(&mut doc, Edit::SetHeader(header.clone())),
            [Changed::Header]
        );
        // A persona renamed changes the initials on the cards.
        if let Some(persona) = header.personas.first_mut() {
            persona.name.push_str(" Li");
            assert_eq!(
                after(&mut doc, Edit::SetHeader(header)),
                [Changed::Everything]
            );
        }
        assert_eq!(
            after(
                &mut doc,
                Edit::MoveStage {
                    stage: map.stages[0].id,
                    to: 3
                }
            ),
            [Changed::Everything]
        );
        // Undo tells the same as the edit it undoes.
        let before = doc.revision();
        assert!(doc.undo());
        assert_eq!(doc.changes_since(before), Some(vec![Changed::Everything]));
        assert_eq!(doc.changes_since(doc.revision()), Some(Vec::new()));
    }

    #[test]
    fn a_revision_too_old_or_of_another_document_is_not_answered() {
        let map = JourneyMap::generated(5);
        let mut doc = Document::new(map.clone());
        let start = doc.revision();
        for k in 0..200 {
            let mut card = map.stages[0].touchpoints[0].clone();
            card.title = format!("Card {k}");
            doc.apply("rename", Edit::SetTouchpoint(card))
                .expect("applies");
        }
        assert_eq!(doc.changes_since(start), None);
        let other = Document::new(map);
        assert_eq!(other.changes_since(doc.revision()), None);
    }
}
