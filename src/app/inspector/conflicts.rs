//! The conflict marks a merge left: each shows both values, and a button takes one of them (or
//! removes the item, or keeps it, when one side removed it). Choosing is one undo step.

use super::widgets::Panel;
use crate::edit::actions::resolve_conflict;
use crate::i18n::{tr, tr_count, tr_with};
use crate::model::conflict::Value;
use crate::model::*;

/// The inspector's name of a field a mark is about.
fn field_label(field: &str) -> String {
    if let Some(quality) = courted_quality(field) {
        return tr_with(
            "insp.courted_quality",
            &[("quality", super::quality_name(quality))],
        );
    }
    tr(match field {
        "title" => "insp.title",
        "name" => "insp.name",
        "description" => "insp.description",
        "channel" => "insp.channel",
        "actors" => "insp.actors",
        "link" => "insp.link",
        "notes" => "insp.notes",
        "locked" => "insp.locked",
        "kind" => "insp.kind",
        "text" => "insp.note",
        "owner" => "insp.owner",
        "metric" => "insp.metric",
        "anchor" => "insp.anchor",
        "colour" => "insp.colour",
        "persona" => "insp.persona",
        "score" => "insp.emotion",
        "scenario" => "insp.scenario",
        "expectations" => "insp.expectations",
        "source" => "insp.source",
        "goals" => "insp.goals_one_per_line",
        "scale" => "insp.emotion_scale",
        "moment_of_truth" => "insp.moment_of_truth",
        "courted" => "insp.courted",
        _ => "insp.layout",
    })
    .to_owned()
}

/// The quality a mark's field is about when it is one quality of the COURTED checklist
/// (`courted.clean`…).
fn courted_quality(field: &str) -> Option<Quality> {
    let key = field.strip_prefix("courted.")?;
    Quality::ALL.into_iter().find(|q| q.key() == key)
}

/// A value as people read it, in the interface's language where it has words for it.
fn shown(value: &Value) -> String {
    match value {
        Value::Channel(Some(channel)) => crate::i18n::channel_label(channel).to_owned(),
        Value::Channel(None) | Value::Link(None) | Value::Score(None) | Value::Persona(None) => {
            tr("insp.none").to_owned()
        }
        Value::Kind(kind) => crate::i18n::lane_kind_name(*kind).to_owned(),
        Value::Flag(true) => tr("insp.yes").to_owned(),
        Value::Flag(false) => tr("insp.no").to_owned(),
        other => other.words(),
    }
}

/// The marks `which` picks, each with its values and buttons.
pub(super) fn conflicts_ui(p: &mut Panel, map: &JourneyMap, which: &dyn Fn(&Conflict) -> bool) {
    let marks: Vec<(usize, &Conflict)> = map.live_conflicts().filter(|(_, c)| which(c)).collect();
    if marks.is_empty() {
        return;
    }
    let red = egui::Color32::from_rgb(0xd0, 0x34, 0x3c);
    p.ui.label(
        egui::RichText::new(tr("insp.conflicts"))
            .strong()
            .color(red),
    );
    for (index, mark) in marks {
        p.with_id(("conflict", index), |p| {
            let pick = |p: &mut Panel, label: &str, theirs: bool| {
                if p.ui.button(label).clicked()
                    && let Some(edit) = resolve_conflict(map, index, theirs)
                {
                    p.set(tr("insp.resolve_conflict"), edit);
                }
            };
            let change = if mark.is_removal() {
                let removed_here = mark.ours == Value::Removed;
                p.ui.label(tr(if removed_here {
                    "insp.conflict.removed_here"
                } else {
                    "insp.conflict.removed_there"
                }));
                p.ui.horizontal(|ui| {
                    let mut row = Panel::new(ui);
                    // "Remove it" takes the side that removed it, "Keep it" the other.
                    pick(&mut row, tr("insp.conflict.remove"), !removed_here);
                    pick(&mut row, tr("insp.conflict.keep_item"), removed_here);
                    row.change
                })
                .inner
            } else {
                p.ui.label(tr_with(
                    "insp.conflict.field",
                    &[("field", &field_label(&mark.field))],
                ));
                let mut change = None;
                for (side, value, theirs) in [
                    ("insp.conflict.here", &mark.ours, false),
                    ("insp.conflict.there", &mark.theirs, true),
                ] {
                    let row_change =
                        p.ui.horizontal_wrapped(|ui| {
                            let mut row = Panel::new(ui);
                            row.ui.label(egui::RichText::new(tr(side)).small().weak());
                            row.ui.label(shown(value));
                            pick(&mut row, tr("insp.conflict.use"), theirs);
                            row.change
                        })
                        .inner;
                    change = change.or(row_change);
                }
                change
            };
            if let Some((undo, edit)) = change {
                p.set(undo, edit);
            }
        });
        p.ui.add_space(4.0);
    }
    p.ui.separator();
}

/// On the map's panel: how many marks are left, and how to find them.
pub(super) fn conflict_count_ui(ui: &mut egui::Ui, map: &JourneyMap) {
    let count = map.live_conflicts().count();
    if count > 0 {
        let red = egui::Color32::from_rgb(0xd0, 0x34, 0x3c);
        ui.label(egui::RichText::new(tr_count("insp.conflicts_left", count, &[])).color(red));
        ui.separator();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, set_language};

    #[test]
    fn a_mark_on_one_courted_quality_names_it() {
        set_language(Language::English);
        assert_eq!(field_label("courted.easy"), "COURTED: Easy");
        assert_eq!(field_label("courted"), "COURTED checklist");
        set_language(Language::Chinese);
        assert_eq!(field_label("courted.easy"), "COURTED：简便");
        set_language(Language::English);
    }
}
