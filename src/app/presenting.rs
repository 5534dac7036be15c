//! Present mode in the window: entering and leaving it, its commands, and its frame — the map
//! full screen under the presentation's camera, with the walk's overlays; or, with the audience
//! window on, the presenter's panel here and the map alone in a second window for the room.

use super::JourneyMapApp;
use super::present::{self, Capture, Presentation, Round, RoundSetup, views};
use crate::canvas::{CanvasMode, Click};
use crate::commands::Command;
use crate::edit::actions;
use crate::i18n::{tr, tr_with};
use crate::layout::{MapLayout, Style};
use crate::model::{Item, LaneId};
use crate::paint::{Detail, Theme, View};
use egui::{Rect, Ui, ViewportCommand};
use std::sync::Arc;

impl JourneyMapApp {
    /// Whether a presentation is under way.
    pub fn presenting(&self) -> bool {
        self.present.is_some()
    }

    /// Starts presenting: full screen, the chrome hidden, the presentation type scale, the
    /// overview first.
    pub fn start_presenting(&mut self, ctx: &egui::Context) {
        if self.present.is_some() {
            return;
        }
        let was_fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        self.present = Some(Presentation::new(
            self.canvas.screen_from_map,
            was_fullscreen,
        ));
        self.canvas.mode = CanvasMode::Present;
        self.canvas.style = Style::presentation();
        self.canvas.selection.clear();
        if !was_fullscreen {
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(true));
        }
    }

    /// Leaves present mode with the editor's view as it was. The map keeps the notes and votes
    /// the room added, and nothing else changed.
    pub fn stop_presenting(&mut self, ctx: &egui::Context) {
        let Some(presentation) = self.present.take() else {
            return;
        };
        self.canvas.mode = CanvasMode::Edit;
        self.canvas.style = Style::default();
        self.canvas.screen_from_map = presentation.editor_view;
        self.canvas.selection.clear();
        if !presentation.was_fullscreen {
            ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
        }
    }

    /// The lanes the walk shows, in order.
    fn shown_lanes(&self) -> Vec<LaneId> {
        let hidden = self
            .present
            .as_ref()
            .map(|p| p.hidden_lanes.clone())
            .unwrap_or_default();
        self.doc
            .map()
            .lanes
            .iter()
            .map(|l| l.id)
            .filter(|id| !hidden.contains(id))
            .collect()
    }

    /// Runs a present-mode command.
    pub(super) fn run_present(&mut self, ctx: &egui::Context, command: Command) {
        let now = ctx.input(|i| i.time);
        let glide = self.settings.present.glide;
        let stages = self.doc.map().stages.len();
        let layout = self.canvas.layout(ctx, &self.doc);
        let rect = self.canvas.rect();
        let Some(p) = self.present.as_mut() else {
            return;
        };
        match command {
            Command::PresentNext => p.next(stages, now, glide),
            Command::PresentPrevious => p.previous(stages, now, glide),
            Command::PresentFirst => p.go_to(1, stages, now, glide),
            Command::PresentLast => p.go_to(stages, stages, now, glide),
            Command::PresentGoTo => p.goto = Some(String::new()),
            Command::PresentScrollUp => p.scroll_by(-1.0, &layout, rect),
            Command::PresentScrollDown => p.scroll_by(1.0, &layout, rect),
            Command::PresentBlank => p.blank = !p.blank,
            Command::PresentTimer => p.timer.toggle(now),
            Command::PresentInsights => p.insights = !p.insights,
            Command::PresentTimerLess => p.timer.add_minutes(-1.0, now),
            Command::PresentTimerMore => p.timer.add_minutes(1.0, now),
            Command::PresentHelp => p.help = !p.help,
            Command::PresentChooseLanes => self.modal = Some(super::Modal::PresentLanes),
            Command::PresentCapture => {
                if p.stage().is_none() {
                    p.go_to(1, stages, now, glide);
                }
                let lanes = self.shown_lanes();
                if let Some(p) = self.present.as_mut()
                    && p.capture.is_none()
                    && let Some(first) = lanes.first()
                {
                    p.capture = Some(Capture::new(self.last_capture_lane.unwrap_or(*first)));
                }
            }
            Command::PresentNextField | Command::PresentPreviousField => {
                let by = if command == Command::PresentNextField {
                    1
                } else {
                    -1
                };
                if p.capture.is_some() {
                    let lanes = self.shown_lanes();
                    if let Some(capture) = self.present.as_mut().and_then(|p| p.capture.as_mut()) {
                        capture.move_lane(&lanes, by);
                        self.last_capture_lane = Some(capture.lane);
                    }
                } else if let Some(stage) = p.stage()
                    && let Some(round) = p.round.as_mut()
                {
                    let items = present::voting_items(self.doc.map(), stage, round.setup.kind);
                    round.focus = step_focus(&items, round.focus, by);
                    self.canvas.selection = round.focus.into_iter().collect();
                }
            }
            Command::PresentVote => match &p.round {
                Some(round) => {
                    if let Some(item) = round.focus {
                        self.vote(item, true);
                    }
                }
                None => p.round_setup = Some(RoundSetup::default()),
            },
            Command::PresentUnvote => {
                if let Some(item) = p.round.as_ref().and_then(|r| r.focus) {
                    self.vote(item, false);
                }
            }
            Command::PresentEndRound => self.end_round(),
            Command::PresentExit => self.present_escape(ctx),
            _ => {}
        }
    }

    /// Escape takes back the innermost thing first: the keys shown, the stage number being
    /// typed, a capture, the ranking, a round, the blank screen; then leaves present mode.
    fn present_escape(&mut self, ctx: &egui::Context) {
        let Some(p) = self.present.as_mut() else {
            return;
        };
        if p.help {
            p.help = false;
        } else if p.goto.is_some() {
            p.goto = None;
        } else if p.capture.is_some() {
            p.capture = None;
        } else if p.ranking.is_some() {
            p.ranking = None;
        } else if p.round.is_some() {
            self.end_round();
        } else if p.blank {
            p.blank = false;
        } else {
            self.stop_presenting(ctx);
        }
    }

    /// Places (or takes back) a dot on `item` in the round under way.
    fn vote(&mut self, item: Item, add: bool) {
        let Some(round) = self.present.as_ref().and_then(|p| p.round.as_ref()) else {
            return;
        };
        let map = self.doc.map();
        let edit = if add {
            round.add(map, item)
        } else {
            round.remove(map, item)
        };
        if let Some(edit) = edit {
            let label = if add {
                tr("undo.vote")
            } else {
                tr("undo.unvote")
            };
            self.apply(label, edit);
        }
    }

    fn end_round(&mut self) {
        let map = self.doc.map();
        if let Some(p) = self.present.as_mut()
            && let Some(round) = p.round.take()
        {
            p.ranking = Some(round.ranking(map));
            self.canvas.selection.clear();
        }
    }

    /// The digits typed after G, Backspace and Enter.
    fn goto_keys(&mut self, ctx: &egui::Context) {
        let stages = self.doc.map().stages.len();
        let now = ctx.input(|i| i.time);
        let glide = self.settings.present.glide;
        let Some(p) = self.present.as_mut() else {
            return;
        };
        let Some(digits) = p.goto.as_mut() else {
            return;
        };
        let (typed, back, enter) = ctx.input_mut(|i| {
            let typed: String = i
                .events
                .iter()
                .filter_map(|e| match e {
                    egui::Event::Text(t) => {
                        Some(t.chars().filter(char::is_ascii_digit).collect::<String>())
                    }
                    _ => None,
                })
                .collect();
            (
                typed,
                i.consume_key(egui::Modifiers::NONE, egui::Key::Backspace),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
            )
        });
        digits.push_str(&typed);
        digits.truncate(4);
        if back {
            digits.pop();
        }
        if enter {
            let n: usize = digits.parse().unwrap_or(0);
            p.goto = None;
            if (1..=stages).contains(&n) {
                p.go_to(n, stages, now, glide);
            }
        }
    }

    /// The frame while presenting.
    pub(super) fn present_ui(&mut self, ui: &mut Ui, theme: &Theme) {
        let ctx = ui.ctx().clone();
        let now = ctx.input(|i| i.time);
        self.goto_keys(&ctx);
        let audience = self.settings.present.audience_window;
        if audience {
            egui::Panel::left("presenter")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| self.presenter_ui(ui, now));
            super::name_resize_handle(ui, "presenter");
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.present_canvas_ui(ui, theme, now));
        if audience {
            self.audience_window(&ctx, theme, now);
        }
        let Some(p) = &self.present else { return };
        if p.glide.is_some_and(|g| !g.done(now)) {
            ctx.request_repaint();
        } else if p.timer.running() {
            // The countdown changes once a second.
            let wait = 1.0 - p.timer.remaining(now).fract();
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(wait.max(0.05)));
        }
    }

    /// The map under the presentation's camera, with what goes over it.
    fn present_canvas_ui(&mut self, ui: &mut Ui, theme: &Theme, now: f64) {
        let rect = ui.available_rect_before_wrap();
        let layout = self.canvas.layout(ui.ctx(), &self.doc);
        let Some(p) = self.present.as_mut() else {
            return;
        };
        if p.glide.is_some_and(|g| g.done(now)) {
            p.glide = None;
        }
        self.canvas.screen_from_map = p.camera(&layout, rect, now);
        self.canvas.view_options.spotlight = p.stage();
        self.canvas.view_options.reveal = self
            .settings
            .present
            .reveal_curve
            .then(|| p.stage().unwrap_or(usize::MAX));
        self.canvas.view_options.detail = Detail::Adaptive;
        let theme = if self.settings.present.high_contrast {
            Theme::high_contrast()
        } else {
            theme.clone()
        };
        self.canvas.ui(ui, &mut self.doc, &theme);

        // Clicks vote during a round: a click adds a dot, a right-click or Shift+click takes
        // one back.
        for (item, click) in self.canvas.take_clicks() {
            let in_round = self.present.as_ref().is_some_and(|p| p.round.is_some());
            if in_round {
                if let Some(round) = self.present.as_mut().and_then(|p| p.round.as_mut()) {
                    round.focus = Some(item);
                }
                self.vote(item, click == Click::Primary);
            }
        }
        self.capture_ui(ui, &layout);
        self.overlays_ui(ui, rect, now);
    }

    fn capture_ui(&mut self, ui: &mut Ui, layout: &Arc<MapLayout>) {
        let Some(p) = self.present.as_mut() else {
            return;
        };
        let Some(stage) = p.stage() else {
            return;
        };
        let Some(capture) = p.capture.as_mut() else {
            return;
        };
        let map = self.doc.map();
        let Some(stage_id) = map.stages.get(stage).map(|s| s.id) else {
            return;
        };
        let font = self.canvas.style.font_size(present::capture::ROLE);
        let action = capture.ui(ui, map, layout, stage_id, self.canvas.screen_from_map, font);
        let lane = capture.lane;
        match action {
            Some(present::capture::CaptureAction::Commit(text)) => {
                let mut ids = self.doc.ids();
                if let Some((edit, _)) =
                    actions::add_note(self.doc.map(), lane, stage_id, None, text, &mut ids)
                {
                    self.apply(tr("undo.capture_note"), edit);
                }
                self.last_capture_lane = Some(lane);
            }
            Some(present::capture::CaptureAction::End) => {
                if let Some(p) = self.present.as_mut() {
                    p.capture = None;
                }
            }
            None => {}
        }
    }

    fn overlays_ui(&mut self, ui: &mut Ui, screen: Rect, now: f64) {
        if self.present.as_ref().is_some_and(|p| p.insights) {
            // Worked out again only when the map changed (a note captured, a vote).
            self.insights();
        }
        let Some(p) = self.present.as_ref() else {
            return;
        };
        let map = self.doc.map();
        views::status_ui(ui, map, p, screen);
        if p.insights
            && let Some(cache) = &self.insights_cache
        {
            views::insights_ui(ui, cache.found(), screen);
        }
        let end = p
            .round
            .as_ref()
            .is_some_and(|round| views::round_ui(ui, round, map, screen));
        if end {
            self.end_round();
        }
        let map = self.doc.map();
        let Some(p) = self.present.as_mut() else {
            return;
        };
        if let Some(ranking) = &p.ranking
            && views::ranking_ui(ui, ranking, screen)
        {
            p.ranking = None;
        }
        if p.help && views::help_ui(ui) {
            p.help = false;
        }
        if let Some(setup) = p.round_setup.as_mut() {
            match views::round_setup_ui(ui, setup) {
                Some(views::Decision::Go) => {
                    let setup = setup.clone();
                    p.round = Some(Round::start(setup, map));
                    p.round_setup = None;
                }
                Some(views::Decision::Cancel) => p.round_setup = None,
                None => {}
            }
        }
        if let Some(digits) = &p.goto {
            views::goto_ui(ui, digits, screen);
        }
        views::timer_ui(ui, &p.timer, now, screen);
        if p.blank {
            views::blank_ui(ui, screen);
        }
    }

    /// The presenter's panel (with the audience window on): where the walk is and what comes
    /// next, the countdown, the controls, and the notes of the stage.
    fn presenter_ui(&mut self, ui: &mut Ui, now: f64) {
        let map = self.doc.map();
        let Some(p) = &self.present else { return };
        ui.heading(views::position_text(map, p));
        let next = match p.stage() {
            Some(i) if i + 1 < map.stages.len() => map.stages[i + 1].name.clone(),
            Some(_) => tr("present.overview").to_owned(),
            None => map
                .stages
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_default(),
        };
        ui.label(tr_with("present.next", &[("name", &next)]));
        if p.timer.shown {
            ui.label(
                egui::RichText::new(p.timer.text(now))
                    .size(28.0)
                    .monospace(),
            );
        }
        ui.separator();
        let mut run = None;
        ui.horizontal_wrapped(|ui| {
            for command in [
                Command::PresentPrevious,
                Command::PresentNext,
                Command::PresentBlank,
                Command::PresentCapture,
                Command::PresentVote,
                Command::PresentTimer,
                Command::PresentExit,
            ] {
                if ui
                    .button(command.text())
                    .on_hover_text(command.tooltip())
                    .clicked()
                {
                    run = Some(command);
                }
            }
        });
        if let Some(command) = run {
            self.commands.send(command);
        }
        ui.separator();
        if let Some((index, stage)) = p.stage().and_then(|i| map.stages.get(i).map(|s| (i, s))) {
            egui::ScrollArea::vertical().show(ui, |ui| {
                for tp in &stage.touchpoints {
                    ui.strong(&tp.title);
                    if !tp.notes.is_empty() {
                        ui.label(&tp.notes);
                    }
                }
                for lane in &map.lanes {
                    let notes = map.notes_about(lane, index);
                    if notes.is_empty() {
                        continue;
                    }
                    ui.add_space(4.0);
                    ui.label(egui::RichText::new(&lane.name).weak());
                    for note in notes {
                        ui.label(format!("• {}", note.text));
                    }
                }
            });
        }
    }

    /// The map alone, for the room, in a second window the facilitator drags to the projector.
    fn audience_window(&mut self, ctx: &egui::Context, theme: &Theme, now: f64) {
        let Some(p) = self.present.clone() else {
            return;
        };
        let layout = self.canvas.layout(ctx, &self.doc);
        let map = self.doc.map().clone();
        let theme = if self.settings.present.high_contrast {
            Theme::high_contrast()
        } else {
            theme.clone()
        };
        let style = self.canvas.style.clone();
        let reveal = self.settings.present.reveal_curve;
        let mut close = false;
        ctx.show_viewport_immediate(
            egui::ViewportId::from_hash_of("journeymap-audience"),
            egui::ViewportBuilder::default()
                .with_title(format!(
                    "{} — Journey Map",
                    tr_with("present.audience_title", &[("name", &map.header.title)])
                ))
                .with_inner_size([1280.0, 720.0]),
            |ui, _class| {
                if ui.input(|i| i.viewport().close_requested()) {
                    close = true;
                }
                let rect = ui.max_rect();
                let painter = ui.painter_at(rect);
                painter.rect_filled(rect, 0.0, theme.background);
                let selection = Default::default();
                let view = View {
                    screen_from_map: p.camera(&layout, rect, now),
                    theme: &theme,
                    style: &style,
                    selection: &selection,
                    hovered: None,
                    lifted: None,
                    pinned: Some(rect),
                    detail: Detail::Adaptive,
                    spotlight: p.stage(),
                    reveal: reveal.then(|| p.stage().unwrap_or(usize::MAX)),
                };
                crate::paint::paint_map(&painter, &map, &layout, &view);
                views::timer_ui(ui, &p.timer, now, rect);
                if let Some(ranking) = &p.ranking {
                    views::ranking_ui(ui, ranking, rect);
                }
                if p.blank {
                    views::blank_ui(ui, rect);
                }
            },
        );
        if close {
            self.settings.present.audience_window = false;
        }
    }
}

/// The item `by` places on from `focus` among `items` (wrapping), or the first.
fn step_focus(items: &[Item], focus: Option<Item>, by: isize) -> Option<Item> {
    if items.is_empty() {
        return None;
    }
    let n = items.len() as isize;
    let at = focus
        .and_then(|f| items.iter().position(|i| *i == f))
        .map_or(if by > 0 { -1 } else { 0 }, |i| i as isize);
    Some(items[((at + by).rem_euclid(n)) as usize])
}
