//! The inspector: every field of the selection, or of the map itself when nothing is selected.
//! Each finished change (a text field left, a box ticked, a swatch clicked) is one undo step.

use crate::edit::{Document, Edit};
use crate::i18n::{tr, tr_count, tr_with};
use crate::model::*;
use egui::{ComboBox, DragValue, RichText, TextEdit, Ui};
use std::collections::BTreeSet;

/// A text field that commits when it loses focus: returns the new text then.
fn text_field(
    ui: &mut Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    current: &str,
    multiline: bool,
) -> Option<String> {
    let id = ui.make_persistent_id(("inspector-text", key));
    let label_response = ui.label(RichText::new(label).small().weak());
    let mut buffer: String = ui
        .data_mut(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| current.to_owned());
    let edit = if multiline {
        TextEdit::multiline(&mut buffer).desired_rows(3)
    } else {
        TextEdit::singleline(&mut buffer)
    };
    let response = ui
        .add(edit.id(id.with("field")).desired_width(f32::INFINITY))
        .labelled_by(label_response.id);
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, buffer));
        None
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
        (response.lost_focus() && buffer != current).then_some(buffer)
    }
}

/// A number field that commits once per gesture: when a drag ends, or when the field is left
/// after typing. Returns the new value then.
fn number_field(
    ui: &mut Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    label: egui::Id,
    current: i64,
    range: std::ops::RangeInclusive<i64>,
) -> Option<i64> {
    let id = ui.make_persistent_id(("inspector-number", key));
    let mut value: i64 = ui.data_mut(|d| d.get_temp(id)).unwrap_or(current);
    let response = ui
        .add(DragValue::new(&mut value).range(range))
        .labelled_by(label);
    if response.dragged() || response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, value));
        None
    } else {
        ui.data_mut(|d| d.remove::<i64>(id));
        (value != current).then_some(value)
    }
}

fn colour_swatches(ui: &mut Ui, current: Rgb) -> Option<Rgb> {
    let mut picked = None;
    ui.horizontal_wrapped(|ui| {
        for colour in PALETTE {
            let fill = egui::Color32::from_rgb(colour.r, colour.g, colour.b);
            let size = egui::vec2(20.0, 20.0);
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
            let stroke = if colour == current {
                egui::Stroke::new(2.5, ui.visuals().strong_text_color())
            } else {
                egui::Stroke::NONE
            };
            ui.painter()
                .rect(rect, 4.0, fill, stroke, egui::StrokeKind::Outside);
            let text = colour.to_string();
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    tr_with("insp.colour_named", &[("colour", &text)]),
                )
            });
            if response.on_hover_text(colour.to_string()).clicked() && colour != current {
                picked = Some(colour);
            }
        }
    });
    picked
}

/// A score in words: its value and its level's name (the level's face is drawn beside the
/// scale, where it can be drawn as a face rather than as a monochrome glyph).
fn score_text(scale: &EmotionScale, score: Option<i32>) -> String {
    match score {
        None => tr("insp.no_score").to_owned(),
        Some(value) => match scale.level(value).filter(|l| !l.label.is_empty()) {
            Some(level) => format!("{value:+} {}", level.label),
            None => format!("{value:+}"),
        },
    }
}

/// What the person did in the inspector.
#[derive(Clone, Debug, PartialEq)]
pub enum InspectorAction {
    /// A change to the map: one undo step with this name.
    Apply(&'static str, Edit),
    /// Add a note to the cell where this lane crosses this stage, and type into it.
    AddNote { lane: LaneId, stage: StageId },
}

/// Shows the inspector; returns what the person did, if anything.
pub fn inspector_ui(
    ui: &mut Ui,
    doc: &Document,
    selection: &BTreeSet<Item>,
) -> Option<InspectorAction> {
    let map = doc.map();
    let selected: Vec<Item> = selection.iter().copied().collect();
    let mut add_note = None;
    let change = egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            let mut change: Option<(&'static str, Edit)> = None;
            match selected[..] {
                [] | [Item::Header(_)] => change = map_ui(ui, map, &|| doc.ids()),
                [Item::Cell(lane, stage)] => {
                    if let Some(lane) = map.lane(lane) {
                        change = lane_ui(ui, map, lane, Some(stage), &mut add_note);
                    }
                }
                [Item::Touchpoint(id)] => {
                    if let Some(tp) = map.touchpoint(id) {
                        change = touchpoint_ui(ui, map, tp);
                    }
                }
                [Item::Stage(id)] => {
                    if let Some(stage) = map.stage(id) {
                        ui.heading(tr("insp.stage"));
                        if let Some(name) =
                            text_field(ui, (id, "name"), tr("insp.name"), &stage.name, false)
                        {
                            change = Some((
                                tr("insp.rename_stage"),
                                Edit::SetStage {
                                    stage: id,
                                    name,
                                    colour: stage.colour,
                                },
                            ));
                        }
                        ui.label(RichText::new(tr("insp.colour")).small().weak());
                        if let Some(colour) = colour_swatches(ui, stage.colour) {
                            change = Some((
                                tr("insp.change_stage_colour"),
                                Edit::SetStage {
                                    stage: id,
                                    name: stage.name.clone(),
                                    colour,
                                },
                            ));
                        }
                        ui.label(tr_count(
                            "insp.touchpoint_count",
                            stage.touchpoints.len(),
                            &[],
                        ));
                    }
                }
                [Item::Lane(id)] => {
                    if let Some(lane) = map.lane(id) {
                        change = lane_ui(ui, map, lane, None, &mut add_note);
                    }
                }
                [Item::Note(id)] => {
                    if let Some(note) = map.note(id).map(|at| at.note) {
                        ui.heading(tr("insp.note"));
                        if let Some(text) =
                            text_field(ui, (id, "text"), tr("insp.text"), &note.text, true)
                        {
                            change = Some((
                                tr("insp.edit_note"),
                                Edit::SetNote(Note {
                                    text,
                                    ..note.clone()
                                }),
                            ));
                        }
                        let label = ui.label(RichText::new(tr("insp.votes")).small().weak());
                        if let Some(votes) =
                            number_field(ui, (id, "votes"), label.id, note.votes.into(), 0..=999)
                        {
                            let votes = votes as u32;
                            change = Some((
                                tr("insp.vote"),
                                Edit::SetNote(Note {
                                    votes,
                                    ..note.clone()
                                }),
                            ));
                        }
                    }
                }
                [Item::Curve(id)] | [Item::Score(id, _)] => {
                    if let Some(curve) = map.curve(id) {
                        if let [Item::Score(_, tp)] = selected[..] {
                            change = score_ui(ui, map, curve, tp);
                            ui.separator();
                        }
                        change = curve_ui(ui, map, curve).or(change);
                    }
                }
                _ => {
                    ui.heading(tr_count("insp.items_selected", selected.len(), &[]));
                    ui.label(tr("insp.delete_removes_them_ctrl_d_duplicates_them"));
                }
            }
            change
        })
        .inner;
    change
        .map(|(label, edit)| InspectorAction::Apply(label, edit))
        .or(add_note)
}

fn touchpoint_ui(ui: &mut Ui, map: &JourneyMap, tp: &Touchpoint) -> Option<(&'static str, Edit)> {
    let mut change = None;
    let set = |t: Touchpoint| Edit::SetTouchpoint(t);
    ui.heading(tr("insp.touchpoint"));
    if let Some(title) = text_field(ui, (tp.id, "title"), tr("insp.title"), &tp.title, false) {
        change = Some((
            tr("insp.edit_title"),
            set(Touchpoint {
                title,
                ..tp.clone()
            }),
        ));
    }
    if let Some(description) = text_field(
        ui,
        (tp.id, "description"),
        tr("insp.description"),
        &tp.description,
        true,
    ) {
        change = Some((
            tr("insp.edit_description"),
            set(Touchpoint {
                description,
                ..tp.clone()
            }),
        ));
    }
    let label = ui.label(RichText::new(tr("insp.channel")).small().weak());
    let mut channel = tp.channel.clone();
    ComboBox::from_id_salt(("channel", tp.id))
        .selected_text(crate::i18n::channel_label(&channel).to_owned())
        .show_ui(ui, |ui| {
            for named in Channel::NAMED {
                let label = crate::i18n::channel_label(&named).to_owned();
                ui.selectable_value(&mut channel, named, label);
            }
            let custom = matches!(channel, Channel::Custom(_));
            if ui.selectable_label(custom, tr("insp.custom")).clicked() && !custom {
                channel = Channel::Custom(tr("insp.custom").into());
            }
        })
        .response
        .labelled_by(label.id);
    if let Channel::Custom(name) = &tp.channel
        && let Some(new) = text_field(ui, (tp.id, "channel"), tr("insp.channel_name"), name, false)
    {
        channel = Channel::Custom(new);
    }
    if channel != tp.channel {
        change = Some((
            tr("insp.change_channel"),
            set(Touchpoint {
                channel,
                ..tp.clone()
            }),
        ));
    }
    if let Some(notes) = text_field(ui, (tp.id, "notes"), tr("insp.notes"), &tp.notes, true) {
        change = Some((
            tr("insp.edit_notes"),
            set(Touchpoint {
                notes,
                ..tp.clone()
            }),
        ));
    }
    ui.horizontal(|ui| {
        let label = ui.label(tr("insp.votes"));
        if let Some(votes) = number_field(ui, (tp.id, "votes"), label.id, tp.votes.into(), 0..=999)
        {
            let votes = votes as u32;
            change = Some((
                tr("insp.vote"),
                set(Touchpoint {
                    votes,
                    ..tp.clone()
                }),
            ));
        }
        let mut locked = tp.locked;
        if ui.checkbox(&mut locked, tr("insp.locked")).changed() {
            change = Some((
                if locked {
                    tr("insp.lock")
                } else {
                    tr("insp.unlock")
                },
                set(Touchpoint {
                    locked,
                    ..tp.clone()
                }),
            ));
        }
    });
    if !map.curves.is_empty() {
        ui.separator();
        ui.label(RichText::new(tr("insp.emotion")).small().weak());
        for curve in &map.curves {
            if let Some(edit) = score_combo(ui, map, curve, tp.id) {
                change = Some((tr("insp.change_score"), edit));
            }
        }
    }
    change
}

fn score_combo(
    ui: &mut Ui,
    map: &JourneyMap,
    curve: &EmotionCurve,
    tp: TouchpointId,
) -> Option<Edit> {
    let current = curve.scores.get(&tp).copied();
    let mut picked = current;
    ui.horizontal(|ui| {
        let label = ui.label(&curve.name);
        ComboBox::from_id_salt(("score", curve.id, tp))
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
    (picked != current).then_some(Edit::SetScore {
        curve: curve.id,
        touchpoint: tp,
        score: picked,
    })
}

fn score_ui(
    ui: &mut Ui,
    map: &JourneyMap,
    curve: &EmotionCurve,
    tp: TouchpointId,
) -> Option<(&'static str, Edit)> {
    ui.heading(tr("insp.score"));
    if let Some(t) = map.touchpoint(tp) {
        ui.label(&t.title);
    }
    score_combo(ui, map, curve, tp).map(|e| (tr("insp.change_score"), e))
}

fn curve_ui(ui: &mut Ui, map: &JourneyMap, curve: &EmotionCurve) -> Option<(&'static str, Edit)> {
    let mut change = None;
    let set = |name: String, colour: Rgb, persona: Option<PersonaId>| Edit::SetCurve {
        curve: curve.id,
        name,
        colour,
        persona,
    };
    ui.heading(tr("insp.emotion_curve"));
    if let Some(name) = text_field(ui, (curve.id, "name"), tr("insp.name"), &curve.name, false) {
        change = Some((
            tr("insp.rename_curve"),
            set(name, curve.colour, curve.persona),
        ));
    }
    ui.label(RichText::new(tr("insp.colour")).small().weak());
    if let Some(colour) = colour_swatches(ui, curve.colour) {
        change = Some((
            tr("insp.change_curve_colour"),
            set(curve.name.clone(), colour, curve.persona),
        ));
    }
    let label = ui.label(RichText::new(tr("insp.persona")).small().weak());
    let mut persona = curve.persona;
    let name_of = |p: Option<PersonaId>| {
        p.and_then(|id| map.header.personas.iter().find(|x| x.id == id))
            .map_or_else(|| tr("insp.none").to_owned(), |x| x.name.clone())
    };
    ComboBox::from_id_salt(("persona", curve.id))
        .selected_text(name_of(persona))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut persona, None, tr("insp.none"));
            for p in &map.header.personas {
                ui.selectable_value(&mut persona, Some(p.id), &p.name);
            }
        })
        .response
        .labelled_by(label.id);
    if persona != curve.persona {
        change = Some((
            tr("insp.change_persona"),
            set(curve.name.clone(), curve.colour, persona),
        ));
    }
    let scored = curve.scores.len();
    ui.label(tr_count(
        "insp.scored",
        map.touchpoint_count(),
        &[("scored", &scored.to_string())],
    ));
    if ui.button(tr("insp.remove_curve")).clicked() {
        change = Some((
            tr("insp.remove_curve"),
            Edit::RemoveCurve { curve: curve.id },
        ));
    }
    change
}

/// A lane's fields, and adding a note to it: in the stage of the selected cell, or in a stage
/// chosen here.
fn lane_ui(
    ui: &mut Ui,
    map: &JourneyMap,
    lane: &Lane,
    cell_stage: Option<StageId>,
    add_note: &mut Option<InspectorAction>,
) -> Option<(&'static str, Edit)> {
    let mut change = None;
    ui.heading(tr("insp.lane"));
    if let Some(name) = text_field(ui, (lane.id, "name"), tr("insp.name"), &lane.name, false) {
        change = Some((
            tr("insp.rename_lane"),
            Edit::SetLane {
                lane: lane.id,
                name,
                kind: lane.kind,
            },
        ));
    }
    let label = ui.label(RichText::new(tr("insp.kind")).small().weak());
    let mut kind = lane.kind;
    ComboBox::from_id_salt(("lane-kind", lane.id))
        .selected_text(crate::i18n::lane_kind_name(kind))
        .show_ui(ui, |ui| {
            for k in LaneKind::ALL {
                ui.selectable_value(&mut kind, k, crate::i18n::lane_kind_name(k));
            }
        })
        .response
        .labelled_by(label.id);
    if kind != lane.kind {
        change = Some((
            tr("insp.change_lane_kind"),
            Edit::SetLane {
                lane: lane.id,
                name: lane.name.clone(),
                kind,
            },
        ));
    }
    let count: usize = lane.notes.values().map(Vec::len).sum();
    ui.label(tr_count("insp.note_count", count, &[]));
    ui.separator();
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
    change
}

/// `ids` hands out the document's fresh ids (never one the document has held before).
fn map_ui(
    ui: &mut Ui,
    map: &JourneyMap,
    ids: &dyn Fn() -> IdAllocator,
) -> Option<(&'static str, Edit)> {
    let mut change = None;
    let header = &map.header;
    let set_header = |h: Header| Edit::SetHeader(h);
    ui.heading(tr("insp.map"));
    if let Some(title) = text_field(ui, "map-title", tr("insp.title"), &header.title, false) {
        change = Some((
            tr("insp.edit_title"),
            set_header(Header {
                title,
                ..header.clone()
            }),
        ));
    }
    if let Some(scenario) = text_field(
        ui,
        "map-scenario",
        tr("insp.scenario"),
        &header.scenario,
        true,
    ) {
        change = Some((
            tr("insp.edit_scenario"),
            set_header(Header {
                scenario,
                ..header.clone()
            }),
        ));
    }
    if let Some(expectations) = text_field(
        ui,
        "map-expectations",
        tr("insp.expectations"),
        &header.expectations,
        true,
    ) {
        change = Some((
            tr("insp.edit_expectations"),
            set_header(Header {
                expectations,
                ..header.clone()
            }),
        ));
    }

    ui.separator();
    ui.strong(tr("insp.personas"));
    for (i, persona) in header.personas.iter().enumerate() {
        ui.push_id(persona.id, |ui| {
            let with = |p: Persona| {
                let mut h = header.clone();
                h.personas[i] = p;
                Edit::SetHeader(h)
            };
            if let Some(name) = text_field(
                ui,
                (persona.id, "name"),
                tr("insp.name"),
                &persona.name,
                false,
            ) {
                change = Some((
                    tr("insp.edit_persona"),
                    with(Persona {
                        name,
                        ..persona.clone()
                    }),
                ));
            }
            if let Some(description) = text_field(
                ui,
                (persona.id, "description"),
                tr("insp.description"),
                &persona.description,
                true,
            ) {
                change = Some((
                    tr("insp.edit_persona"),
                    with(Persona {
                        description,
                        ..persona.clone()
                    }),
                ));
            }
            let goals = persona.goals.join("\n");
            if let Some(text) = text_field(
                ui,
                (persona.id, "goals"),
                tr("insp.goals_one_per_line"),
                &goals,
                true,
            ) {
                let goals = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect();
                change = Some((
                    tr("insp.edit_persona"),
                    with(Persona {
                        goals,
                        ..persona.clone()
                    }),
                ));
            }
            if ui.small_button(tr("insp.remove_persona")).clicked() {
                let mut h = header.clone();
                h.personas.remove(i);
                change = Some((tr("insp.remove_persona"), Edit::SetHeader(h)));
            }
        });
        ui.add_space(6.0);
    }
    if ui.button(tr("insp.add_persona")).clicked() {
        let mut h = header.clone();
        h.personas.push(Persona {
            id: ids().persona(),
            name: tr("insp.new_persona").into(),
            description: String::new(),
            goals: Vec::new(),
        });
        change = Some((tr("insp.add_persona"), Edit::SetHeader(h)));
    }

    ui.separator();
    ui.strong(tr("insp.emotion_scale"));
    let scale = &map.scale;
    ui.horizontal(|ui| {
        let from = ui.label(tr("insp.from"));
        let min = number_field(
            ui,
            "scale-min",
            from.id,
            scale.min.into(),
            -10..=i64::from(scale.max) - 1,
        );
        let to = ui.label(tr("insp.to"));
        let max = number_field(
            ui,
            "scale-max",
            to.id,
            scale.max.into(),
            i64::from(scale.min) + 1..=10,
        );
        let (min, max) = (
            min.map_or(scale.min, |v| v as i32),
            max.map_or(scale.max, |v| v as i32),
        );
        if (min, max) != (scale.min, scale.max) {
            change = Some((
                tr("insp.change_scale"),
                Edit::SetScale(EmotionScale {
                    min,
                    max,
                    levels: scale
                        .levels
                        .iter()
                        .filter(|l| (min..=max).contains(&l.value))
                        .cloned()
                        .collect(),
                }),
            ));
        }
    });
    for value in (scale.min..=scale.max).rev() {
        let level = scale.level(value).cloned().unwrap_or(ScaleLevel {
            value,
            label: String::new(),
            emoji: None,
        });
        ui.horizontal(|ui| {
            ui.label(format!("{value:+}"));
            // The face as the map draws it (the text field shows the emoji's own glyph).
            let (rect, _) = ui.allocate_exact_size(egui::vec2(20.0, 20.0), egui::Sense::hover());
            if let Some(emoji) = &level.emoji {
                crate::paint::paint_emoji(ui.painter(), rect, emoji, ui.visuals().text_color());
            }
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
            ui.vertical(|ui| {
                if let Some(label) =
                    text_field(ui, ("level", value), tr("insp.label"), &level.label, false)
                {
                    change = Some((
                        tr("insp.name_level"),
                        set_level(ScaleLevel {
                            label,
                            ..level.clone()
                        }),
                    ));
                }
                let emoji = level.emoji.clone().unwrap_or_default();
                if let Some(e) = text_field(ui, ("emoji", value), tr("insp.emoji"), &emoji, false) {
                    let emoji = (!e.trim().is_empty()).then(|| e.trim().to_owned());
                    change = Some((
                        tr("insp.change_level_emoji"),
                        set_level(ScaleLevel {
                            emoji,
                            ..level.clone()
                        }),
                    ));
                }
            });
        });
    }

    ui.separator();
    ui.strong(tr("insp.curves"));
    for curve in &map.curves {
        ui.horizontal(|ui| {
            let c = egui::Color32::from_rgb(curve.colour.r, curve.colour.g, curve.colour.b);
            ui.colored_label(c, "━");
            ui.label(&curve.name);
            if ui.small_button(tr("insp.remove")).clicked() {
                change = Some((
                    tr("insp.remove_curve"),
                    Edit::RemoveCurve { curve: curve.id },
                ));
            }
        });
    }
    if ui.button(tr("insp.add_curve")).clicked() {
        let curve = EmotionCurve {
            id: ids().curve(),
            name: tr_with(
                "insp.new_curve",
                &[("n", &(map.curves.len() + 1).to_string())],
            ),
            colour: PALETTE[(map.curves.len() + 3) % PALETTE.len()],
            persona: None,
            scores: Default::default(),
        };
        change = Some((
            tr("insp.add_curve"),
            Edit::InsertCurve {
                index: map.curves.len(),
                curve,
            },
        ));
    }

    ui.separator();
    ui.strong(tr("insp.lanes"));
    for lane in &map.lanes {
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} · {}",
                lane.name,
                crate::i18n::lane_kind_name(lane.kind)
            ));
            if ui.small_button(tr("insp.remove")).clicked() {
                change = Some((tr("insp.remove_lane"), Edit::RemoveLane { lane: lane.id }));
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        for kind in LaneKind::ALL {
            if ui
                .small_button(format!("+ {}", crate::i18n::lane_kind_name(kind)))
                .clicked()
            {
                let lane = Lane {
                    id: ids().lane(),
                    name: crate::i18n::lane_kind_name(kind).to_owned(),
                    kind,
                    notes: Default::default(),
                };
                change = Some((
                    tr("insp.add_lane"),
                    Edit::InsertLane {
                        index: map.lanes.len(),
                        lane,
                    },
                ));
            }
        }
    });
    change
}
