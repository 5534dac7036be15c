//! The inspector: every field of the selection, or of the map itself when nothing is selected.
//! Each finished change (a text field left, a box ticked, a swatch clicked) is one undo step.

use crate::edit::{Document, Edit};
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
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Colour {text}"))
            });
            if response.on_hover_text(colour.to_string()).clicked() && colour != current {
                picked = Some(colour);
            }
        }
    });
    picked
}

fn lane_kind_name(kind: LaneKind) -> &'static str {
    match kind {
        LaneKind::Actions => "Actions",
        LaneKind::Thoughts => "Thoughts",
        LaneKind::Feelings => "Feelings",
        LaneKind::PainPoints => "Pain points",
        LaneKind::Opportunities => "Opportunities",
        LaneKind::Backstage => "Backstage",
        LaneKind::Custom => "Custom",
    }
}

fn score_text(scale: &EmotionScale, score: Option<i32>) -> String {
    match score {
        None => "No score".to_owned(),
        Some(value) => match scale.level(value) {
            Some(level) => format!(
                "{value:+} {} {}",
                level.emoji.as_deref().unwrap_or(""),
                level.label
            ),
            None => format!("{value:+}"),
        },
    }
}

/// Shows the inspector; applies what the person changes.
pub fn inspector_ui(ui: &mut Ui, doc: &mut Document, selection: &BTreeSet<Item>) {
    let map = doc.map();
    let selected: Vec<Item> = selection.iter().copied().collect();
    let change = egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            let mut change: Option<(&'static str, Edit)> = None;
            match selected[..] {
                [] => change = map_ui(ui, map),
                [Item::Touchpoint(id)] => {
                    if let Some(tp) = map.touchpoint(id) {
                        change = touchpoint_ui(ui, map, tp);
                    }
                }
                [Item::Stage(id)] => {
                    if let Some(stage) = map.stage(id) {
                        ui.heading("Stage");
                        if let Some(name) = text_field(ui, (id, "name"), "Name", &stage.name, false)
                        {
                            change = Some((
                                "Rename stage",
                                Edit::SetStage {
                                    stage: id,
                                    name,
                                    colour: stage.colour,
                                },
                            ));
                        }
                        ui.label(RichText::new("Colour").small().weak());
                        if let Some(colour) = colour_swatches(ui, stage.colour) {
                            change = Some((
                                "Change stage colour",
                                Edit::SetStage {
                                    stage: id,
                                    name: stage.name.clone(),
                                    colour,
                                },
                            ));
                        }
                        ui.label(format!("{} touchpoints", stage.touchpoints.len()));
                    }
                }
                [Item::Lane(id)] => {
                    if let Some(lane) = map.lane(id) {
                        change = lane_ui(ui, lane);
                    }
                }
                [Item::Note(id)] => {
                    if let Some((_, _, _, note)) = crate::canvas::actions::find_note(map, id) {
                        ui.heading("Note");
                        if let Some(text) = text_field(ui, (id, "text"), "Text", &note.text, true) {
                            change = Some((
                                "Edit note",
                                Edit::SetNote(Note {
                                    text,
                                    ..note.clone()
                                }),
                            ));
                        }
                        let label = ui.label(RichText::new("Votes").small().weak());
                        if let Some(votes) =
                            number_field(ui, (id, "votes"), label.id, note.votes.into(), 0..=999)
                        {
                            let votes = votes as u32;
                            change = Some((
                                "Vote",
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
                    ui.heading(format!("{} items selected", selected.len()));
                    ui.label("Delete removes them; Ctrl+D duplicates them.");
                }
            }
            change
        })
        .inner;
    if let Some((label, edit)) = change {
        // The inspector only offers values that fit the map, so a refusal means nothing changed.
        let _ = doc.apply(label, edit);
    }
}

fn touchpoint_ui(ui: &mut Ui, map: &JourneyMap, tp: &Touchpoint) -> Option<(&'static str, Edit)> {
    let mut change = None;
    let set = |t: Touchpoint| Edit::SetTouchpoint(t);
    ui.heading("Touchpoint");
    if let Some(title) = text_field(ui, (tp.id, "title"), "Title", &tp.title, false) {
        change = Some((
            "Edit title",
            set(Touchpoint {
                title,
                ..tp.clone()
            }),
        ));
    }
    if let Some(description) = text_field(
        ui,
        (tp.id, "description"),
        "Description",
        &tp.description,
        true,
    ) {
        change = Some((
            "Edit description",
            set(Touchpoint {
                description,
                ..tp.clone()
            }),
        ));
    }
    let label = ui.label(RichText::new("Channel").small().weak());
    let mut channel = tp.channel.clone();
    ComboBox::from_id_salt(("channel", tp.id))
        .selected_text(crate::paint::channel_label(&channel).to_owned())
        .show_ui(ui, |ui| {
            for named in Channel::NAMED {
                let label = crate::paint::channel_label(&named).to_owned();
                ui.selectable_value(&mut channel, named, label);
            }
            let custom = matches!(channel, Channel::Custom(_));
            if ui.selectable_label(custom, "Custom…").clicked() && !custom {
                channel = Channel::Custom("Custom".into());
            }
        })
        .response
        .labelled_by(label.id);
    if let Channel::Custom(name) = &tp.channel
        && let Some(new) = text_field(ui, (tp.id, "channel"), "Channel name", name, false)
    {
        channel = Channel::Custom(new);
    }
    if channel != tp.channel {
        change = Some((
            "Change channel",
            set(Touchpoint {
                channel,
                ..tp.clone()
            }),
        ));
    }
    if let Some(notes) = text_field(ui, (tp.id, "notes"), "Notes", &tp.notes, true) {
        change = Some((
            "Edit notes",
            set(Touchpoint {
                notes,
                ..tp.clone()
            }),
        ));
    }
    ui.horizontal(|ui| {
        let label = ui.label("Votes");
        if let Some(votes) = number_field(ui, (tp.id, "votes"), label.id, tp.votes.into(), 0..=999)
        {
            let votes = votes as u32;
            change = Some((
                "Vote",
                set(Touchpoint {
                    votes,
                    ..tp.clone()
                }),
            ));
        }
        let mut locked = tp.locked;
        if ui.checkbox(&mut locked, "Locked").changed() {
            change = Some((
                if locked { "Lock" } else { "Unlock" },
                set(Touchpoint {
                    locked,
                    ..tp.clone()
                }),
            ));
        }
    });
    if !map.curves.is_empty() {
        ui.separator();
        ui.label(RichText::new("Emotion").small().weak());
        for curve in &map.curves {
            if let Some(edit) = score_combo(ui, map, curve, tp.id) {
                change = Some(("Change score", edit));
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
                ui.selectable_value(&mut picked, None, "No score");
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
    ui.heading("Score");
    if let Some(t) = map.touchpoint(tp) {
        ui.label(&t.title);
    }
    score_combo(ui, map, curve, tp).map(|e| ("Change score", e))
}

fn curve_ui(ui: &mut Ui, map: &JourneyMap, curve: &EmotionCurve) -> Option<(&'static str, Edit)> {
    let mut change = None;
    let set = |name: String, colour: Rgb, persona: Option<PersonaId>| Edit::SetCurve {
        curve: curve.id,
        name,
        colour,
        persona,
    };
    ui.heading("Emotion curve");
    if let Some(name) = text_field(ui, (curve.id, "name"), "Name", &curve.name, false) {
        change = Some(("Rename curve", set(name, curve.colour, curve.persona)));
    }
    ui.label(RichText::new("Colour").small().weak());
    if let Some(colour) = colour_swatches(ui, curve.colour) {
        change = Some((
            "Change curve colour",
            set(curve.name.clone(), colour, curve.persona),
        ));
    }
    let label = ui.label(RichText::new("Persona").small().weak());
    let mut persona = curve.persona;
    let name_of = |p: Option<PersonaId>| {
        p.and_then(|id| map.header.personas.iter().find(|x| x.id == id))
            .map_or_else(|| "None".to_owned(), |x| x.name.clone())
    };
    ComboBox::from_id_salt(("persona", curve.id))
        .selected_text(name_of(persona))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut persona, None, "None");
            for p in &map.header.personas {
                ui.selectable_value(&mut persona, Some(p.id), &p.name);
            }
        })
        .response
        .labelled_by(label.id);
    if persona != curve.persona {
        change = Some((
            "Change persona",
            set(curve.name.clone(), curve.colour, persona),
        ));
    }
    let scored = curve.scores.len();
    ui.label(format!(
        "{scored} of {} touchpoints scored",
        map.touchpoint_count()
    ));
    if ui.button("Remove curve").clicked() {
        change = Some(("Remove curve", Edit::RemoveCurve { curve: curve.id }));
    }
    change
}

fn lane_ui(ui: &mut Ui, lane: &Lane) -> Option<(&'static str, Edit)> {
    let mut change = None;
    ui.heading("Lane");
    if let Some(name) = text_field(ui, (lane.id, "name"), "Name", &lane.name, false) {
        change = Some((
            "Rename lane",
            Edit::SetLane {
                lane: lane.id,
                name,
                kind: lane.kind,
            },
        ));
    }
    let label = ui.label(RichText::new("Kind").small().weak());
    let mut kind = lane.kind;
    ComboBox::from_id_salt(("lane-kind", lane.id))
        .selected_text(lane_kind_name(kind))
        .show_ui(ui, |ui| {
            for k in LaneKind::ALL {
                ui.selectable_value(&mut kind, k, lane_kind_name(k));
            }
        })
        .response
        .labelled_by(label.id);
    if kind != lane.kind {
        change = Some((
            "Change lane kind",
            Edit::SetLane {
                lane: lane.id,
                name: lane.name.clone(),
                kind,
            },
        ));
    }
    let count: usize = lane.notes.values().map(Vec::len).sum();
    ui.label(format!("{count} notes"));
    change
}

fn map_ui(ui: &mut Ui, map: &JourneyMap) -> Option<(&'static str, Edit)> {
    // Fresh ids are found only when a button asks for one, not every frame.
    let ids = || map.id_allocator();
    let mut change = None;
    let header = &map.header;
    let set_header = |h: Header| Edit::SetHeader(h);
    ui.heading("Map");
    if let Some(title) = text_field(ui, "map-title", "Title", &header.title, false) {
        change = Some((
            "Edit title",
            set_header(Header {
                title,
                ..header.clone()
            }),
        ));
    }
    if let Some(scenario) = text_field(ui, "map-scenario", "Scenario", &header.scenario, true) {
        change = Some((
            "Edit scenario",
            set_header(Header {
                scenario,
                ..header.clone()
            }),
        ));
    }
    if let Some(expectations) = text_field(
        ui,
        "map-expectations",
        "Expectations",
        &header.expectations,
        true,
    ) {
        change = Some((
            "Edit expectations",
            set_header(Header {
                expectations,
                ..header.clone()
            }),
        ));
    }

    ui.separator();
    ui.strong("Personas");
    for (i, persona) in header.personas.iter().enumerate() {
        ui.push_id(persona.id, |ui| {
            let with = |p: Persona| {
                let mut h = header.clone();
                h.personas[i] = p;
                Edit::SetHeader(h)
            };
            if let Some(name) = text_field(ui, (persona.id, "name"), "Name", &persona.name, false) {
                change = Some((
                    "Edit persona",
                    with(Persona {
                        name,
                        ..persona.clone()
                    }),
                ));
            }
            if let Some(description) = text_field(
                ui,
                (persona.id, "description"),
                "Description",
                &persona.description,
                true,
            ) {
                change = Some((
                    "Edit persona",
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
                "Goals (one per line)",
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
                    "Edit persona",
                    with(Persona {
                        goals,
                        ..persona.clone()
                    }),
                ));
            }
            if ui.small_button("Remove persona").clicked() {
                let mut h = header.clone();
                h.personas.remove(i);
                change = Some(("Remove persona", Edit::SetHeader(h)));
            }
        });
        ui.add_space(6.0);
    }
    if ui.button("Add persona").clicked() {
        let mut h = header.clone();
        h.personas.push(Persona {
            id: ids().persona(),
            name: "New persona".into(),
            description: String::new(),
            goals: Vec::new(),
        });
        change = Some(("Add persona", Edit::SetHeader(h)));
    }

    ui.separator();
    ui.strong("Emotion scale");
    let scale = &map.scale;
    ui.horizontal(|ui| {
        let from = ui.label("From");
        let min = number_field(
            ui,
            "scale-min",
            from.id,
            scale.min.into(),
            -10..=i64::from(scale.max) - 1,
        );
        let to = ui.label("to");
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
                "Change scale",
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
                if let Some(label) = text_field(ui, ("level", value), "Label", &level.label, false)
                {
                    change = Some((
                        "Name level",
                        set_level(ScaleLevel {
                            label,
                            ..level.clone()
                        }),
                    ));
                }
                let emoji = level.emoji.clone().unwrap_or_default();
                if let Some(e) = text_field(ui, ("emoji", value), "Emoji", &emoji, false) {
                    let emoji = (!e.trim().is_empty()).then(|| e.trim().to_owned());
                    change = Some((
                        "Change level emoji",
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
    ui.strong("Curves");
    for curve in &map.curves {
        ui.horizontal(|ui| {
            let c = egui::Color32::from_rgb(curve.colour.r, curve.colour.g, curve.colour.b);
            ui.colored_label(c, "━");
            ui.label(&curve.name);
            if ui.small_button("Remove").clicked() {
                change = Some(("Remove curve", Edit::RemoveCurve { curve: curve.id }));
            }
        });
    }
    if ui.button("Add curve").clicked() {
        let curve = EmotionCurve {
            id: ids().curve(),
            name: format!("Curve {}", map.curves.len() + 1),
            colour: PALETTE[(map.curves.len() + 3) % PALETTE.len()],
            persona: None,
            scores: Default::default(),
        };
        change = Some((
            "Add curve",
            Edit::InsertCurve {
                index: map.curves.len(),
                curve,
            },
        ));
    }

    ui.separator();
    ui.strong("Lanes");
    for lane in &map.lanes {
        ui.horizontal(|ui| {
            ui.label(format!("{} · {}", lane.name, lane_kind_name(lane.kind)));
            if ui.small_button("Remove").clicked() {
                change = Some(("Remove lane", Edit::RemoveLane { lane: lane.id }));
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        for kind in LaneKind::ALL {
            if ui
                .small_button(format!("+ {}", lane_kind_name(kind)))
                .clicked()
            {
                let lane = Lane {
                    id: ids().lane(),
                    name: lane_kind_name(kind).to_owned(),
                    kind,
                    notes: Default::default(),
                };
                change = Some((
                    "Add lane",
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
