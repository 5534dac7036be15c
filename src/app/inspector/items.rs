//! The panels of single items: a stage, a touchpoint, a note, a curve (and one of its
//! scores), a lane (with adding a note to it).

use super::InspectorAction;
use super::widgets::{Panel, score_text};
use crate::edit::Edit;
use crate::i18n::{channel_label, lane_kind_name, tr, tr_count};
use crate::model::*;
use egui::{ComboBox, RichText, Ui};

pub(super) fn stage_ui(p: &mut Panel, map: &JourneyMap, stage: &Stage) {
    let id = stage.id;
    let set = |name: String, colour: Rgb, description: String| Edit::SetStage {
        stage: id,
        name,
        colour,
        description,
    };
    p.ui.heading(tr("insp.stage"));
    p.text(
        (id, "name"),
        tr("insp.name"),
        &stage.name,
        false,
        tr("insp.rename_stage"),
        |name| set(name, stage.colour, stage.description.clone()),
    );
    p.text(
        (id, "description"),
        tr("insp.description"),
        &stage.description,
        true,
        tr("insp.edit_description"),
        |description| set(stage.name.clone(), stage.colour, description),
    );
    p.colour(stage.colour, tr("insp.change_stage_colour"), |colour| {
        set(stage.name.clone(), colour, stage.description.clone())
    });
    if !map.curves.is_empty() {
        p.ui.separator();
        p.caption(tr("insp.stage_emotion"));
        for curve in &map.curves {
            if let Some(edit) = score_combo(p.ui, map, curve, Scored::Stage(id)) {
                p.set(tr("insp.change_score"), edit);
            }
        }
    }
    p.ui.label(tr_count(
        "insp.touchpoint_count",
        stage.touchpoints.len(),
        &[],
    ));
    p.lock(Item::Stage(id), stage.locked);
}

pub(super) fn touchpoint_ui(p: &mut Panel, map: &JourneyMap, tp: &Touchpoint) {
    let with = |change: &dyn Fn(&mut Touchpoint)| {
        let mut t = tp.clone();
        change(&mut t);
        Edit::SetTouchpoint(t)
    };
    p.ui.heading(tr("insp.touchpoint"));
    p.text(
        (tp.id, "title"),
        tr("insp.title"),
        &tp.title,
        false,
        tr("insp.edit_title"),
        |text| with(&|t| t.title.clone_from(&text)),
    );
    p.text(
        (tp.id, "description"),
        tr("insp.description"),
        &tp.description,
        true,
        tr("insp.edit_description"),
        |text| with(&|t| t.description.clone_from(&text)),
    );
    let label = p.caption(tr("insp.channel"));
    let mut channel = tp.channel.clone();
    let shown = channel.as_ref().map_or_else(
        || tr("insp.not_given").to_owned(),
        |c| channel_label(c).to_owned(),
    );
    ComboBox::from_id_salt(("channel", tp.id))
        .selected_text(shown)
        .show_ui(p.ui, |ui| {
            ui.selectable_value(&mut channel, None, tr("insp.not_given"));
            for named in Channel::NAMED {
                let label = channel_label(named).to_owned();
                ui.selectable_value(&mut channel, Some(named.clone()), label);
            }
            let custom = matches!(channel, Some(Channel::Custom(_)));
            if ui.selectable_label(custom, tr("insp.custom")).clicked() && !custom {
                channel = Some(Channel::Custom(tr("insp.custom").into()));
            }
        })
        .response
        .labelled_by(label.id);
    if channel != tp.channel {
        p.set(
            tr("insp.change_channel"),
            with(&|t| t.channel = channel.clone()),
        );
    }
    if let Some(Channel::Custom(name)) = &tp.channel {
        p.text(
            (tp.id, "channel"),
            tr("insp.channel_name"),
            name,
            false,
            tr("insp.change_channel"),
            |name| with(&|t| t.channel = Some(Channel::Custom(name.clone()))),
        );
    }
    if !map.header.personas.is_empty() {
        p.caption(tr("insp.actors"));
        p.ui.horizontal_wrapped(|ui| {
            for persona in &map.header.personas {
                let mut taking_part = tp.actors.contains(&persona.id);
                if ui.checkbox(&mut taking_part, &persona.name).changed() {
                    let actors: Vec<PersonaId> = map
                        .header
                        .personas
                        .iter()
                        .map(|x| x.id)
                        .filter(|id| {
                            if *id == persona.id {
                                taking_part
                            } else {
                                tp.actors.contains(id)
                            }
                        })
                        .collect();
                    p.change = Some((
                        tr("insp.change_actors"),
                        with(&|t| t.actors.clone_from(&actors)),
                    ));
                }
            }
        });
    }
    link_ui(p, tp, &with);
    p.text(
        (tp.id, "notes"),
        tr("insp.notes"),
        &tp.notes,
        true,
        tr("insp.edit_notes"),
        |text| with(&|t| t.notes.clone_from(&text)),
    );
    let label = p.ui.label(tr("insp.votes"));
    p.number(
        (tp.id, "votes"),
        label.id,
        tp.votes.into(),
        0..=999,
        tr("insp.vote"),
        |votes| with(&|t| t.votes = u32::try_from(votes).unwrap_or(0)),
    );
    p.lock(Item::Touchpoint(tp.id), tp.locked);
    let mut moment = tp.moment_of_truth;
    if p.ui
        .checkbox(&mut moment, tr("insp.moment_of_truth"))
        .on_hover_text(tr("insp.moment_of_truth.tip"))
        .changed()
    {
        p.set(
            tr("insp.change_moment_of_truth"),
            with(&|t| t.moment_of_truth = moment),
        );
    }
    courted_ui(p, tp, &with);
    if !map.curves.is_empty() {
        p.ui.separator();
        p.caption(tr("insp.emotion"));
        for curve in &map.curves {
            if let Some(edit) = score_combo(p.ui, map, curve, Scored::Touchpoint(tp.id)) {
                p.set(tr("insp.change_score"), edit);
            }
        }
    }
}

/// The name of a COURTED quality.
pub(crate) fn quality_name(quality: Quality) -> &'static str {
    tr(match quality {
        Quality::Clean => "courted.clean",
        Quality::Order => "courted.order",
        Quality::Understanding => "courted.understanding",
        Quality::Respect => "courted.respect",
        Quality::TimeSaving => "courted.time_saving",
        Quality::Easy => "courted.easy",
        Quality::Dependable => "courted.dependable",
    })
}

fn check_name(check: Check) -> &'static str {
    tr(match check {
        Check::Pass => "courted.pass",
        Check::Fail => "courted.fail",
        Check::NotAssessed => "courted.not_assessed",
    })
}

/// The COURTED checklist of a touchpoint: each quality passed, failed or not assessed.
fn courted_ui(p: &mut Panel, tp: &Touchpoint, with: WithTouchpoint<'_>) {
    p.ui.separator();
    p.caption(tr("insp.courted"))
        .on_hover_text(tr("insp.courted.tip"));
    let mut chosen = None;
    egui::Grid::new(("courted", tp.id))
        .num_columns(2)
        .show(p.ui, |ui| {
            for quality in Quality::ALL {
                let label = ui.label(quality_name(quality));
                let mut check = tp.courted.get(quality);
                ComboBox::from_id_salt(("courted", tp.id, quality.key()))
                    .selected_text(check_name(check))
                    .show_ui(ui, |ui| {
                        for choice in [Check::Pass, Check::Fail, Check::NotAssessed] {
                            ui.selectable_value(&mut check, choice, check_name(choice));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if check != tp.courted.get(quality) {
                    chosen = Some((quality, check));
                }
                ui.end_row();
            }
        });
    if let Some((quality, check)) = chosen {
        p.set(
            tr("insp.change_courted"),
            with(&|t| t.courted.set(quality, check)),
        );
    }
}

/// A touchpoint's link: the address (http, https or mailto only), and a button that opens it,
/// the address in full on the button's tooltip.
/// Makes the edit that changes a touchpoint as a function says.
type WithTouchpoint<'a> = &'a dyn Fn(&dyn Fn(&mut Touchpoint)) -> Edit;

fn link_ui(p: &mut Panel, tp: &Touchpoint, with: WithTouchpoint<'_>) {
    let link = tp.link.clone().unwrap_or_default();
    let before = p.change.is_some();
    p.text(
        (tp.id, "link"),
        tr("insp.link"),
        &link,
        false,
        tr("insp.edit_link"),
        |text| {
            let text = text.trim().to_owned();
            with(&|t| t.link = (!text.is_empty()).then(|| text.clone()))
        },
    );
    // An address that is not a web or mail one is refused here, with the reason.
    if !before
        && let Some((_, Edit::SetTouchpoint(t))) = &p.change
        && let Some(link) = &t.link
        && let Err(why) = check_link(link)
    {
        p.change = None;
        p.ui.colored_label(p.ui.visuals().error_fg_color, why);
    }
    if let Some(link) = &tp.link {
        let open = p.ui.button(tr("insp.open_link")).on_hover_text(link);
        if open.clicked() {
            p.ui.ctx().open_url(egui::OpenUrl::new_tab(link));
        }
    }
}

pub(super) fn note_ui(p: &mut Panel, map: &JourneyMap, note: &Note) {
    p.ui.heading(tr("insp.note"));
    p.text(
        (note.id, "text"),
        tr("insp.text"),
        &note.text,
        true,
        tr("insp.edit_note"),
        |text| {
            Edit::SetNote(Note {
                text,
                ..note.clone()
            })
        },
    );
    let label = p.caption(tr("insp.votes"));
    p.number(
        (note.id, "votes"),
        label.id,
        note.votes.into(),
        0..=999,
        tr("insp.vote"),
        |votes| {
            Edit::SetNote(Note {
                votes: u32::try_from(votes).unwrap_or(0),
                ..note.clone()
            })
        },
    );
    for (field, label, undo, value) in [
        (
            "owner",
            tr("insp.owner"),
            tr("insp.edit_owner"),
            &note.owner,
        ),
        (
            "metric",
            tr("insp.metric"),
            tr("insp.edit_metric"),
            &note.metric,
        ),
    ] {
        p.text((note.id, field), label, value, false, undo, |text| {
            let mut n = note.clone();
            if field == "owner" {
                n.owner = text;
            } else {
                n.metric = text;
            }
            Edit::SetNote(n)
        });
    }
    p.caption(tr("insp.spans"));
    p.ui.label(anchor_words(map, note.anchor));
    p.ui.horizontal_wrapped(|ui| {
        let first_stage = map
            .anchor_stages(note.anchor)
            .and_then(|r| map.stages.get(*r.start()))
            .map(|s| s.id);
        if note.anchor != Anchor::Journey && ui.button(tr("insp.span_whole_journey")).clicked() {
            p.change = Some((
                tr("insp.change_span"),
                Edit::SetNote(Note {
                    anchor: Anchor::Journey,
                    ..note.clone()
                }),
            ));
        }
        if let Some(stage) = first_stage
            && note.anchor != Anchor::Stage(stage)
            && ui.button(tr("insp.span_one_stage")).clicked()
        {
            p.change = Some((
                tr("insp.change_span"),
                Edit::SetNote(Note {
                    anchor: Anchor::Stage(stage),
                    ..note.clone()
                }),
            ));
        }
    });
    p.lock(Item::Note(note.id), note.locked);
}

/// What a note's anchor spans, in words: "Order", "Order → Pay", "under “Call”", "the whole
/// journey".
pub(super) fn anchor_words(map: &JourneyMap, anchor: Anchor) -> String {
    let stage = |id: StageId| map.stage(id).map_or("?", |s| s.name.as_str());
    let card = |id: TouchpointId| map.touchpoint(id).map_or("?", |t| t.title.as_str());
    match anchor {
        Anchor::Stage(s) => stage(s).to_owned(),
        Anchor::Stages(a, b) => format!("{} → {}", stage(a), stage(b)),
        Anchor::Touchpoint(t) => crate::i18n::tr_with("insp.under_card", &[("name", card(t))]),
        Anchor::Touchpoints(a, b) => crate::i18n::tr_with(
            "insp.under_card",
            &[("name", &format!("{} → {}", card(a), card(b)))],
        ),
        Anchor::Journey => tr("insp.whole_journey").to_owned(),
    }
}

/// What a score is given to: a touchpoint, or a whole stage.
#[derive(Clone, Copy)]
enum Scored {
    Touchpoint(TouchpointId),
    Stage(StageId),
}

/// A touchpoint's (or a stage's) score on one curve, picked from the scale's levels (or none).
fn score_combo(ui: &mut Ui, map: &JourneyMap, curve: &EmotionCurve, at: Scored) -> Option<Edit> {
    let current = match at {
        Scored::Touchpoint(tp) => curve.scores.get(&tp).copied(),
        Scored::Stage(stage) => curve.stage_scores.get(&stage).copied(),
    };
    let salt = match at {
        Scored::Touchpoint(tp) => tp.0,
        Scored::Stage(stage) => stage.0,
    };
    let mut picked = current;
    ui.horizontal(|ui| {
        let label = ui.label(&curve.name);
        ComboBox::from_id_salt(("score", curve.id, salt))
            .selected_text(score_text(&map.scale, current))
            .show_ui(ui, |ui| {
                for value in (map.scale.min..=map.scale.max).rev() {
                    ui.selectable_value(
                        &mut picked,
                        Some(value),
                        score_text(&map.scale, Some(value)),
                    );
                }
                ui.selectable_value(&mut picked, None, tr("insp.no_score"));
            })
            .response
            .labelled_by(label.id);
    });
    (picked != current).then_some(match at {
        Scored::Touchpoint(touchpoint) => Edit::SetScore {
            curve: curve.id,
            touchpoint,
            score: picked,
        },
        Scored::Stage(stage) => Edit::SetStageScore {
            curve: curve.id,
            stage,
            score: picked,
        },
    })
}

pub(super) fn score_ui(p: &mut Panel, map: &JourneyMap, curve: &EmotionCurve, item: Item) {
    p.ui.heading(tr("insp.score"));
    let at = match item {
        Item::Score(_, tp) => {
            if let Some(t) = map.touchpoint(tp) {
                p.ui.label(&t.title);
            }
            Scored::Touchpoint(tp)
        }
        Item::StageScore(_, stage) => {
            if let Some(s) = map.stage(stage) {
                p.ui.label(&s.name);
            }
            Scored::Stage(stage)
        }
        _ => return,
    };
    if let Some(edit) = score_combo(p.ui, map, curve, at) {
        p.set(tr("insp.change_score"), edit);
    }
}

pub(super) fn curve_ui(p: &mut Panel, map: &JourneyMap, curve: &EmotionCurve) {
    let set = |name: String, colour: Rgb, persona: Option<PersonaId>| Edit::SetCurve {
        curve: curve.id,
        name,
        colour,
        persona,
    };
    p.ui.heading(tr("insp.emotion_curve"));
    p.text(
        (curve.id, "name"),
        tr("insp.name"),
        &curve.name,
        false,
        tr("insp.rename_curve"),
        |name| set(name, curve.colour, curve.persona),
    );
    p.colour(curve.colour, tr("insp.change_curve_colour"), |colour| {
        set(curve.name.clone(), colour, curve.persona)
    });
    let label = p.caption(tr("insp.persona"));
    let mut persona = curve.persona;
    let name_of = |p: Option<PersonaId>| {
        p.and_then(|id| map.persona(id))
            .map_or_else(|| tr("insp.none").to_owned(), |x| x.name.clone())
    };
    ComboBox::from_id_salt(("persona", curve.id))
        .selected_text(name_of(persona))
        .show_ui(p.ui, |ui| {
            ui.selectable_value(&mut persona, None, tr("insp.none"));
            for x in &map.header.personas {
                ui.selectable_value(&mut persona, Some(x.id), &x.name);
            }
        })
        .response
        .labelled_by(label.id);
    if persona != curve.persona {
        p.set(
            tr("insp.change_persona"),
            set(curve.name.clone(), curve.colour, persona),
        );
    }
    p.ui.label(tr_count(
        "insp.scored",
        map.touchpoint_count(),
        &[("scored", &curve.scores.len().to_string())],
    ));
    if !curve.stage_scores.is_empty() {
        p.ui.label(tr_count(
            "insp.stages_scored",
            map.stages.len(),
            &[("scored", &curve.stage_scores.len().to_string())],
        ));
    }
    if p.ui.button(tr("insp.remove_curve")).clicked() {
        p.set(
            tr("insp.remove_curve"),
            Edit::RemoveCurve { curve: curve.id },
        );
    }
}

/// A lane's fields, and adding a note to it: in the stage of the selected cell, or in a stage
/// chosen here.
pub(super) fn lane_ui(
    p: &mut Panel,
    map: &JourneyMap,
    lane: &Lane,
    cell_stage: Option<StageId>,
    add_note: &mut Option<InspectorAction>,
) {
    p.ui.heading(tr("insp.lane"));
    p.text(
        (lane.id, "name"),
        tr("insp.name"),
        &lane.name,
        false,
        tr("insp.rename_lane"),
        |name| Edit::SetLane {
            lane: lane.id,
            name,
            kind: lane.kind,
        },
    );
    let label = p.caption(tr("insp.kind"));
    let mut kind = lane.kind;
    ComboBox::from_id_salt(("lane-kind", lane.id))
        .selected_text(lane_kind_name(kind))
        .show_ui(p.ui, |ui| {
            for &k in LaneKind::ALL {
                ui.selectable_value(&mut kind, k, lane_kind_name(k));
            }
        })
        .response
        .labelled_by(label.id);
    if kind != lane.kind {
        p.set(
            tr("insp.change_lane_kind"),
            Edit::SetLane {
                lane: lane.id,
                name: lane.name.clone(),
                kind,
            },
        );
    }
    let count = lane.notes.len();
    p.ui.label(tr_count("insp.note_count", count, &[]));
    p.lock(Item::Lane(lane.id), lane.locked);
    p.ui.separator();
    let ui = &mut *p.ui;
    let chosen_id = ui.make_persistent_id(("add-note-stage", lane.id));
    let mut stage = cell_stage
        .or_else(|| ui.data(|d| d.get_temp::<StageId>(chosen_id)))
        .filter(|s| map.stage(*s).is_some())
        .or_else(|| map.stages.first().map(|s| s.id));
    ui.horizontal_wrapped(|ui| {
        if cell_stage.is_none() && !map.stages.is_empty() {
            let label = ui.label(tr("insp.in_stage"));
            let name = |id: Option<StageId>| {
                id.and_then(|id| map.stage(id))
                    .map_or_else(String::new, |s| s.name.clone())
            };
            ComboBox::from_id_salt(("add-note-stage-combo", lane.id))
                .selected_text(name(stage))
                .show_ui(ui, |ui| {
                    for s in &map.stages {
                        ui.selectable_value(&mut stage, Some(s.id), &s.name);
                    }
                })
                .response
                .labelled_by(label.id);
            if let Some(stage) = stage {
                ui.data_mut(|d| d.insert_temp(chosen_id, stage));
            }
        }
        let button = ui.add_enabled(stage.is_some(), egui::Button::new(tr("insp.add_note")));
        if button.clicked()
            && let Some(stage) = stage
        {
            *add_note = Some(InspectorAction::AddNote {
                lane: lane.id,
                stage,
            });
        }
    });
}

/// What shows when several items are selected.
pub(super) fn many_ui(ui: &mut Ui, count: usize) {
    ui.heading(tr_count("insp.items_selected", count, &[]));
    ui.label(RichText::new(tr(
        "insp.delete_removes_them_ctrl_d_duplicates_them",
    )));
}
