//! The emotion scale's panel: its range, and each level's name and face.

use super::widgets::{Panel, face_icon};
use crate::edit::Edit;
use crate::i18n::tr;
use crate::model::{EmotionScale, ScaleLevel};

pub(super) fn scale_ui(p: &mut Panel, scale: &EmotionScale) {
    p.ui.strong(tr("insp.emotion_scale"));
    p.horizontal(|p| {
        let with_range = |min: i32, max: i32| {
            Edit::SetScale(EmotionScale {
                min,
                max,
                levels: scale
                    .levels
                    .iter()
                    .filter(|l| (min..=max).contains(&l.value))
                    .cloned()
                    .collect(),
                neutral: scale.neutral.filter(|n| (min..=max).contains(n)),
            })
        };
        let to_i32 = |v: i64| i32::try_from(v).unwrap_or_default();
        let from = p.ui.label(tr("insp.from"));
        let low = -10..=i64::from(scale.max) - 1;
        p.number(
            "scale-min",
            from.id,
            scale.min.into(),
            low,
            tr("insp.change_scale"),
            |v| with_range(to_i32(v), scale.max),
        );
        let to = p.ui.label(tr("insp.to"));
        let high = i64::from(scale.min) + 1..=10;
        p.number(
            "scale-max",
            to.id,
            scale.max.into(),
            high,
            tr("insp.change_scale"),
            |v| with_range(scale.min, to_i32(v)),
        );
    });
    // The neutral level: drawn as the heavy line (by default 0, on a scale through 0).
    let label = p.caption(tr("insp.neutral_level"));
    let mut neutral = scale.neutral;
    let words = |n: Option<i32>| match n {
        None => match scale.neutral_level() {
            Some(value) => crate::i18n::tr_with(
                "insp.neutral_default",
                &[("value", &EmotionScale::score_text(value))],
            ),
            None => tr("insp.none").to_owned(),
        },
        Some(value) => EmotionScale::score_text(value),
    };
    egui::ComboBox::from_id_salt("scale-neutral")
        .selected_text(words(neutral))
        .show_ui(p.ui, |ui| {
            ui.selectable_value(&mut neutral, None, words(None));
            for value in (scale.min..=scale.max).rev() {
                ui.selectable_value(&mut neutral, Some(value), EmotionScale::score_text(value));
            }
        })
        .response
        .labelled_by(label.id);
    if neutral != scale.neutral {
        p.set(
            tr("insp.change_scale"),
            Edit::SetScale(EmotionScale {
                neutral,
                ..scale.clone()
            }),
        );
    }
    for value in (scale.min..=scale.max).rev() {
        let level = scale.level(value).cloned().unwrap_or(ScaleLevel {
            value,
            label: String::new(),
            emoji: None,
        });
        // A level with neither a name nor a face is left out of the file.
        let set_level = |l: ScaleLevel| {
            let mut levels: Vec<ScaleLevel> = scale
                .levels
                .iter()
                .filter(|x| x.value != value)
                .cloned()
                .collect();
            if !l.label.is_empty() || l.emoji.is_some() {
                levels.push(l);
            }
            levels.sort_by_key(|l| l.value);
            Edit::SetScale(EmotionScale {
                levels,
                ..scale.clone()
            })
        };
        p.horizontal(|p| {
            p.ui.label(EmotionScale::score_text(value));
            face_icon(p.ui, level.emoji.as_deref());
            p.vertical(|p| {
                p.text(
                    ("level", value),
                    tr("insp.label"),
                    &level.label,
                    false,
                    tr("insp.name_level"),
                    |label| {
                        set_level(ScaleLevel {
                            label,
                            ..level.clone()
                        })
                    },
                );
                let emoji = level.emoji.clone().unwrap_or_default();
                p.text(
                    ("emoji", value),
                    tr("insp.emoji"),
                    &emoji,
                    false,
                    tr("insp.change_level_emoji"),
                    |e| {
                        let emoji = (!e.trim().is_empty()).then(|| e.trim().to_owned());
                        set_level(ScaleLevel {
                            emoji,
                            ..level.clone()
                        })
                    },
                );
            });
        });
    }
}
