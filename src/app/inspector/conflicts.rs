//! The conflict marks a merge left: each shows both values, and a button takes one of them (or
//! removes the item, or keeps it, when one side removed it). Choosing is one undo step.

use super::widgets::Panel;
use crate::edit::actions::resolve_conflict;
use crate::i18n::{labelled, list_separator, tr, tr_count, tr_with};
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

/// A quality's letter in COURTED.
fn letter(quality: Quality) -> char {
    match quality {
        Quality::Clean => 'C',
        Quality::Order => 'O',
        Quality::Understanding => 'U',
        Quality::Respect => 'R',
        Quality::TimeSaving => 'T',
        Quality::Easy => 'E',
        Quality::Dependable => 'D',
    }
}

fn check_word(check: Check) -> &'static str {
    tr(match check {
        Check::Pass => "courted.pass",
        Check::Fail => "courted.fail",
        Check::NotAssessed => "courted.not_assessed",
    })
}

/// A row's own name, or the interface's word for it when the map gives none.
fn row_name(name: &str, default: &str) -> String {
    if name.is_empty() {
        tr(default).to_owned()
    } else {
        limits::quoted(name)
    }
}

/// The parts of `options` in words; only those that differ from `other` when it is given.
fn options_words(options: &MapOptions, other: Option<&MapOptions>) -> Vec<String> {
    fn yes_no(flag: bool) -> &'static str {
        tr(if flag { "insp.yes" } else { "insp.no" })
    }
    let parts: [fn(&MapOptions) -> String; 6] = [
        |o| labelled(tr("insp.number_steps"), yes_no(o.number_steps)),
        |o| {
            labelled(
                tr("insp.show_touchpoint_notes"),
                yes_no(o.show_touchpoint_notes),
            )
        },
        |o| match o.wrap {
            Wrap::None => tr("insp.wrap_none").to_owned(),
            Wrap::AfterStages(n) => tr_with("insp.wrap_after", &[("n", &n.to_string())]),
            Wrap::Page(PageShape::A4Landscape) => tr("insp.wrap_a4").to_owned(),
            Wrap::Page(PageShape::A3Landscape) => tr("insp.wrap_a3").to_owned(),
        },
        |o| {
            labelled(
                tr("insp.touchpoints_row_name"),
                &row_name(&o.touchpoints_name, "map.touchpoints"),
            )
        },
        |o| {
            labelled(
                tr("insp.emotion_row_name"),
                &row_name(&o.emotion_name, "map.emotion"),
            )
        },
        |o| {
            format!(
                "{} #{} · {} #{}",
                tr("a11y.touchpoints_row"),
                u64::from(o.touchpoints_row) + 1,
                tr("a11y.emotion_row"),
                u64::from(o.emotion_row) + 1
            )
        },
    ];
    parts
        .into_iter()
        .filter(|part| other.is_none_or(|o| part(o) != part(options)))
        .map(|part| part(options))
        .collect()
}

/// The scale in words: its range, its named levels and its neutral level when it sets one.
fn scale_words(scale: &EmotionScale) -> String {
    let mut parts = vec![format!(
        "{} {} {}",
        EmotionScale::score_text(scale.min),
        tr("insp.to"),
        EmotionScale::score_text(scale.max)
    )];
    let levels: Vec<String> = scale
        .levels
        .iter()
        .map(|level| {
            let mut words = EmotionScale::score_text(level.value);
            for part in [Some(&level.label), level.emoji.as_ref()]
                .into_iter()
                .flatten()
            {
                if !part.is_empty() {
                    words.push(' ');
                    words.push_str(part);
                }
            }
            words
        })
        .collect();
    if !levels.is_empty() {
        parts.push(levels.join(list_separator()));
    }
    if let Some(neutral) = scale.neutral {
        parts.push(labelled(
            tr("insp.neutral_level"),
            &EmotionScale::score_text(neutral),
        ));
    }
    parts.join(" · ")
}

/// A value as people read it, in the interface's language where it has words for it: the
/// personas, stages and cards it names by their names in `map`, a channel by its name, the
/// COURTED checklist by its letters. `field` is the mark's; `other` is the other side's value
/// (of options, only what differs is shown).
fn shown(value: &Value, other: &Value, field: &str, map: &JourneyMap) -> String {
    let persona = |id: PersonaId| {
        map.header
            .personas
            .iter()
            .find(|p| p.id == id)
            .map_or("?", |p| p.name.as_str())
    };
    match value {
        Value::Channel(Some(channel)) => crate::i18n::channel_label(channel).to_owned(),
        Value::Channel(None) | Value::Link(None) | Value::Score(None) | Value::Persona(None) => {
            tr("insp.none").to_owned()
        }
        Value::Kind(kind) => crate::i18n::lane_kind_name(*kind).to_owned(),
        Value::Flag(true) => tr("insp.yes").to_owned(),
        Value::Flag(false) => tr("insp.no").to_owned(),
        Value::Score(Some(score)) => EmotionScale::score_text(*score),
        Value::Actors(actors) if actors.is_empty() => tr("insp.none").to_owned(),
        Value::Actors(actors) => actors
            .iter()
            .map(|a| persona(*a))
            .collect::<Vec<_>>()
            .join(list_separator()),
        Value::Persona(Some(id)) => persona(*id).to_owned(),
        Value::Anchor(anchor) => super::items::anchor_words(map, *anchor),
        Value::Goals(goals) if goals.is_empty() => tr("insp.none").to_owned(),
        Value::Goals(goals) => goals.join(list_separator()),
        Value::Courted(courted) => match courted_quality(field) {
            Some(quality) => check_word(courted.get(quality)).to_owned(),
            None if !courted.is_assessed() => check_word(Check::NotAssessed).to_owned(),
            None => Quality::ALL
                .into_iter()
                .filter(|q| courted.get(*q) != Check::NotAssessed)
                .map(|q| format!("{} {}", letter(q), check_word(courted.get(q))))
                .collect::<Vec<_>>()
                .join(list_separator()),
        },
        Value::Scale(scale) => scale_words(scale),
        Value::Options(options) => {
            let other = match other {
                Value::Options(o) if o != options => Some(o),
                _ => None,
            };
            options_words(options, other).join(" · ")
        }
        Value::Text(_)
        | Value::Link(Some(_))
        | Value::Colour(_)
        | Value::Removed
        | Value::Changed => value.words(),
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
                for (side, value, other, theirs) in [
                    ("insp.conflict.here", &mark.ours, &mark.theirs, false),
                    ("insp.conflict.there", &mark.theirs, &mark.ours, true),
                ] {
                    let row_change =
                        p.ui.horizontal_wrapped(|ui| {
                            let mut row = Panel::new(ui);
                            row.ui.label(egui::RichText::new(tr(side)).small().weak());
                            row.ui.label(shown(value, other, &mark.field, map));
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

    /// A map with two personas, a stage "Order" of two cards "Scan" and "Pay".
    fn map() -> JourneyMap {
        let mut map = JourneyMap::blank("Lunch");
        let mut ids = map.id_allocator();
        for name in ["Mei", "Jun"] {
            map.header.personas.push(Persona {
                id: ids.persona(),
                name: name.to_owned(),
                description: String::new(),
                goals: Vec::new(),
            });
        }
        map.stages[0].name = "Order".to_owned();
        for title in ["Scan", "Pay"] {
            map.stages[0]
                .touchpoints
                .push(Touchpoint::new(ids.touchpoint(), title));
        }
        map
    }

    /// The values that used to show as Rust's debug text, each as people should read it, in
    /// English and then in Chinese.
    #[test]
    fn values_show_as_people_read_them_in_both_languages() {
        let map = map();
        let (mei, jun) = (map.header.personas[0].id, map.header.personas[1].id);
        let stage = map.stages[0].id;
        let pay = map.stages[0].touchpoints[1].id;
        let mut courted = Courted::default();
        courted.set(Quality::Clean, Check::Pass);
        courted.set(Quality::TimeSaving, Check::Fail);
        let scale = EmotionScale {
            min: -2,
            max: 2,
            levels: vec![ScaleLevel {
                value: 2,
                label: "delighted".to_owned(),
                emoji: None,
            }],
            neutral: None,
        };
        let wrapped = MapOptions {
            wrap: Wrap::AfterStages(4),
            ..MapOptions::default()
        };
        let none = Value::Removed; // no other value to compare with
        let unwrapped = Value::Options(MapOptions::default());
        let cases: Vec<(Value, &Value, &str, [&str; 2])> = vec![
            (
                Value::Actors(vec![mei, jun]),
                &none,
                "actors",
                ["Mei, Jun", "Mei、Jun"],
            ),
            (Value::Persona(Some(jun)), &none, "persona", ["Jun", "Jun"]),
            (
                Value::Anchor(Anchor::Stage(stage)),
                &none,
                "anchor",
                ["Order", "Order"],
            ),
            (
                Value::Anchor(Anchor::Touchpoint(pay)),
                &none,
                "anchor",
                ["Under Pay", "在 Pay 之下"],
            ),
            (
                Value::Anchor(Anchor::Journey),
                &none,
                "anchor",
                ["The whole journey", "整个旅程"],
            ),
            (
                Value::Channel(Some(Channel::WeChat)),
                &none,
                "channel",
                ["WeChat", "微信"],
            ),
            (
                Value::Courted(courted.clone()),
                &none,
                "courted",
                ["C Pass, T Fail", "C 通过、T 未通过"],
            ),
            (
                Value::Courted(courted.clone()),
                &none,
                "courted.time_saving",
                ["Fail", "未通过"],
            ),
            (
                Value::Courted(Courted::default()),
                &none,
                "courted",
                ["Not assessed", "未评估"],
            ),
            (
                Value::Scale(scale),
                &none,
                "scale",
                ["−2 to +2 · +2 delighted", "−2 到 +2 · +2 delighted"],
            ),
            (
                Value::Options(wrapped),
                &unwrapped,
                "options",
                ["New band every 4 stages", "每 4 个阶段分段"],
            ),
        ];
        for (language, at) in [(Language::English, 0), (Language::Chinese, 1)] {
            set_language(language);
            for (value, other, field, words) in &cases {
                let said = shown(value, other, field, &map);
                assert_eq!(said, words[at], "{value:?} in {language:?}");
                assert!(!said.contains('('), "{said}");
            }
        }
        set_language(Language::English);
    }

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
