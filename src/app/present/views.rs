//! What present mode shows over the map: where the walk is (read by screen readers too), the
//! countdown, the voting round and its ranking, the present-mode keys, a blank screen, the
//! "go to stage" prompt, and the dialogs that set up a round and choose the lanes shown.

use super::voting::{Ranked, Round, RoundSetup};
use super::{Presentation, Timer};
use crate::commands::{Command, Scope};
use crate::i18n::{lane_kind_name, tr, tr_count, tr_with};
use crate::model::{JourneyMap, LaneId, LaneKind};
use egui::{Align2, Color32, FontId, Rect, RichText, Role, Ui, WidgetInfo, vec2};
use std::collections::BTreeSet;

/// The walk's position in words: "Overview" or "Stage 2 of 6: Choosing".
pub fn position_text(map: &JourneyMap, presentation: &Presentation) -> String {
    match presentation
        .stage()
        .and_then(|i| map.stages.get(i).map(|s| (i, s)))
    {
        Some((i, stage)) => tr_with(
            "present.position",
            &[
                ("n", &(i + 1).to_string()),
                ("total", &map.stages.len().to_string()),
                ("name", &stage.name),
            ],
        ),
        None => tr("present.overview").to_owned(),
    }
}

/// A quiet line at the bottom right saying where the walk is; screen readers read it as the
/// presentation's status.
pub fn status_ui(ui: &Ui, map: &JourneyMap, presentation: &Presentation, screen: Rect) {
    let text = position_text(map, presentation);
    let rect = Rect::from_min_size(screen.right_bottom() - vec2(432.0, 28.0), vec2(420.0, 22.0));
    let response = ui.interact(
        rect,
        egui::Id::unique("present-status"),
        egui::Sense::hover(),
    );
    response.widget_info(|| WidgetInfo::labeled(Role::Status, true, text.clone()));
    ui.painter().text(
        rect.right_center(),
        Align2::RIGHT_CENTER,
        text,
        FontId::proportional(14.0),
        ui.visuals().weak_text_color(),
    );
}

/// Each curve's weakest moment and its peak-end score against its mean, one line per curve at
/// the bottom left, for the room to see what the map says (read by screen readers too).
pub fn insights_ui(ui: &Ui, found: &crate::model::insights::Insights, screen: Rect) {
    let lines: Vec<String> = found
        .curves
        .iter()
        .filter_map(|c| {
            let weakest = c.lowest.first()?;
            Some(tr_with(
                "present.insights",
                &[
                    ("curve", &c.curve),
                    ("weakest", &weakest.title),
                    ("score", &weakest.score.to_string()),
                    ("peak_end", &format!("{:.1}", c.peak_end?)),
                    ("mean", &format!("{:.1}", c.mean?)),
                ],
            ))
        })
        .collect();
    if lines.is_empty() {
        return;
    }
    let text = lines.join("\n");
    let font = FontId::proportional((screen.height() / 45.0).clamp(14.0, 26.0));
    let galley = ui
        .painter()
        .layout(text.clone(), font, Color32::WHITE, screen.width() * 0.6);
    let pad = vec2(12.0, 8.0);
    let rect = Rect::from_min_size(
        screen.left_bottom() + vec2(16.0, -galley.size().y - 2.0 * pad.y - 44.0),
        galley.size() + 2.0 * pad,
    );
    let response = ui.interact(
        rect,
        egui::Id::unique("present-insights"),
        egui::Sense::hover(),
    );
    response.widget_info(|| WidgetInfo::labeled(Role::Status, true, text.clone()));
    ui.painter()
        .rect_filled(rect, 8.0, Color32::from_black_alpha(170));
    ui.painter().galley(rect.min + pad, galley, Color32::WHITE);
}

/// The countdown in the top right corner, large enough for the room; red at zero.
pub fn timer_ui(ui: &Ui, timer: &Timer, now: f64, screen: Rect) {
    if !timer.shown {
        return;
    }
    let up = timer.is_up(now);
    let text = if up {
        tr("present.time_up").to_owned()
    } else {
        timer.text(now)
    };
    let font = FontId::proportional((screen.height() / 18.0).clamp(22.0, 64.0));
    let galley = ui
        .painter()
        .layout_no_wrap(text.clone(), font, Color32::WHITE);
    let pad = vec2(14.0, 6.0);
    let rect = Rect::from_min_size(
        screen.right_top() + vec2(-galley.size().x - 2.0 * pad.x - 16.0, 16.0),
        galley.size() + 2.0 * pad,
    );
    // At zero it blinks, so the room notices.
    let blink = up && (now * 2.0).fract() < 0.5;
    let fill = if up {
        Color32::from_rgb(0xd0, 0x2b, 0x2b)
    } else if timer.running() {
        Color32::from_black_alpha(200)
    } else {
        Color32::from_black_alpha(140)
    };
    ui.painter().rect_filled(
        rect,
        8.0,
        if blink {
            fill.gamma_multiply(0.6)
        } else {
            fill
        },
    );
    ui.painter().galley(rect.min + pad, galley, Color32::WHITE);
    if up {
        ui.painter().rect_stroke(
            screen.shrink(3.0),
            0.0,
            egui::Stroke::new(6.0, fill),
            egui::StrokeKind::Inside,
        );
    }
    let response = ui.interact(
        rect,
        egui::Id::unique("present-timer"),
        egui::Sense::hover(),
    );
    response.widget_info(|| {
        WidgetInfo::labeled(Role::Timer, true, tr_with("a11y.timer", &[("time", &text)]))
    });
}

/// The round's state at the top: dots left, what may be voted on, and how to end it.
pub fn round_ui(ui: &mut Ui, round: &Round, map: &JourneyMap, screen: Rect) -> bool {
    let left = round.left(map);
    let on = round.setup.kind.map_or_else(
        || tr("present.vote_on_everything").to_owned(),
        |k| lane_kind_name(k).to_owned(),
    );
    let text = tr_count("present.dots_left", left as usize, &[("on", &on)]);
    let mut end = false;
    egui::Area::new(egui::Id::unique("present-round"))
        .fixed_pos(screen.center_top() + vec2(-220.0, 12.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(440.0);
                ui.horizontal(|ui| {
                    ui.label(RichText::new(&text).size(20.0).strong())
                        .widget_info(|| WidgetInfo::labeled(Role::Status, true, text.clone()));
                    if ui.button(tr("present.end_round")).clicked() {
                        end = true;
                    }
                });
                ui.label(RichText::new(tr("present.vote_hint")).weak());
            });
        });
    end
}

/// The ranking after a round: the items the room voted for, most dots first.
pub fn ranking_ui(ui: &mut Ui, ranking: &[Ranked], screen: Rect) -> bool {
    let mut close = false;
    egui::Area::new(egui::Id::unique("present-ranking"))
        .order(egui::Order::Foreground)
        .anchor(Align2::CENTER_CENTER, vec2(0.0, 0.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(24.0)
                .show(ui, |ui| {
                    ui.set_width((screen.width() * 0.6).clamp(320.0, 900.0));
                    ui.heading(RichText::new(tr("present.ranking")).size(28.0));
                    ui.add_space(8.0);
                    if ranking.is_empty() {
                        ui.label(tr("present.no_votes"));
                    }
                    egui::Grid::new("ranking")
                        .num_columns(3)
                        .spacing([16.0, 8.0])
                        .show(ui, |ui| {
                            for (i, ranked) in ranking.iter().enumerate() {
                                ui.label(RichText::new(format!("{}.", i + 1)).size(22.0));
                                let dots = tr_count("present.dots", ranked.dots as usize, &[]);
                                ui.label(RichText::new(dots).size(22.0).strong());
                                ui.label(RichText::new(&ranked.text).size(22.0));
                                ui.end_row();
                            }
                        });
                    ui.add_space(8.0);
                    if ui.button(tr("dialog.close")).clicked() {
                        close = true;
                    }
                });
        });
    close
}

/// Every present-mode key, from the command table (`?` shows it).
pub fn help_ui(ui: &mut Ui) -> bool {
    let mut close = false;
    egui::Area::new(egui::Id::unique("present-help"))
        .order(egui::Order::Foreground)
        .anchor(Align2::CENTER_CENTER, vec2(0.0, 0.0))
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style())
                .inner_margin(20.0)
                .show(ui, |ui| {
                    ui.heading(tr("present.keys"));
                    egui::Grid::new("present-keys")
                        .num_columns(2)
                        .striped(true)
                        .show(ui, |ui| {
                            let or = format!("  {}  ", tr("shortcuts.or"));
                            for &command in Command::ALL
                                .iter()
                                .filter(|c| c.scope() != Scope::Editor && !c.shortcuts().is_empty())
                            {
                                ui.label(command.text());
                                let keys: Vec<String> = command
                                    .shortcuts()
                                    .iter()
                                    .map(|s| crate::commands::format_shortcut(ui.ctx(), s))
                                    .collect();
                                ui.label(RichText::new(keys.join(&or)).monospace());
                                ui.end_row();
                            }
                        });
                    if ui.button(tr("dialog.close")).clicked() {
                        close = true;
                    }
                });
        });
    close
}

/// A black screen (the room looks at the facilitator, not the wall).
pub fn blank_ui(ui: &Ui, screen: Rect) {
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("present-blank"),
    ));
    painter.rect_filled(screen, 0.0, Color32::BLACK);
}

/// "Go to stage: 3", while the number is typed.
pub fn goto_ui(ui: &Ui, digits: &str, screen: Rect) {
    let text = tr_with("present.goto", &[("n", digits)]);
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("present-goto"),
    ));
    let galley = painter.layout_no_wrap(text, FontId::proportional(32.0), Color32::WHITE);
    let rect = Rect::from_center_size(screen.center(), galley.size() + vec2(40.0, 24.0));
    painter.rect_filled(rect, 10.0, Color32::from_black_alpha(210));
    painter.galley(rect.min + vec2(20.0, 12.0), galley, Color32::WHITE);
}

/// What a set-up dialog decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Go,
    Cancel,
}

/// Setting up a voting round: people, dots each, and what may be voted on.
pub fn round_setup_ui(ui: &mut Ui, setup: &mut RoundSetup) -> Option<Decision> {
    let mut decision = None;
    egui::Modal::new(egui::Id::unique("present-round-setup")).show(ui.ctx(), |ui| {
        ui.heading(tr("present.round_title"));
        egui::Grid::new("round-setup")
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.label(tr("present.participants"));
                ui.add(egui::DragValue::new(&mut setup.participants).range(1..=200))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(tr("present.dots_each"));
                ui.add(egui::DragValue::new(&mut setup.dots).range(1..=20))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(tr("present.vote_on"));
                let name = |k: Option<LaneKind>| {
                    k.map_or_else(
                        || tr("present.vote_on_everything").to_owned(),
                        |k| lane_kind_name(k).to_owned(),
                    )
                };
                egui::ComboBox::from_id_salt("round-kind")
                    .selected_text(name(setup.kind))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut setup.kind, None, name(None));
                        for &kind in LaneKind::ALL {
                            ui.selectable_value(&mut setup.kind, Some(kind), name(Some(kind)));
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
            });
        let total = setup.participants.saturating_mul(setup.dots) as usize;
        ui.label(tr_count("present.dots_in_all", total, &[]));
        ui.horizontal(|ui| {
            if ui.button(tr("present.start_round")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Enter))
            {
                decision = Some(Decision::Go);
            }
            if ui.button(tr("dialog.cancel")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                decision = Some(Decision::Cancel);
            }
        });
    });
    decision
}

/// Choosing which lanes the walk shows (inside a dialog); returns true to close it.
pub fn lanes_ui_inline(ui: &mut Ui, map: &JourneyMap, hidden: &mut BTreeSet<LaneId>) -> bool {
    ui.heading(tr("present.lanes_title"));
    for lane in &map.lanes {
        let mut shown = !hidden.contains(&lane.id);
        if ui.checkbox(&mut shown, &lane.name).changed() {
            if shown {
                hidden.remove(&lane.id);
            } else {
                hidden.insert(lane.id);
            }
        }
    }
    ui.button(tr("dialog.close")).clicked()
}
