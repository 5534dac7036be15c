//! Capturing what the room says: N opens a note in the current stage, in the chosen lane, with
//! the cursor in it; Enter adds it to the map (one undo step) and opens the next; Tab and
//! Shift+Tab move to the next or previous lane; Escape ends capturing. An Enter that confirms an
//! input method's composition (pinyin and others) only confirms it.

use crate::i18n::tr_with;
use crate::layout::{MapLayout, TextRole};
use crate::model::{JourneyMap, LaneId, StageId};
use egui::emath::TSTransform;
use egui::{Event, Id, ImeEvent, Key, Rect, Role, Ui, WidgetInfo, vec2};

/// A note being typed.
#[derive(Clone, Debug, PartialEq)]
pub struct Capture {
    /// The lane it goes into.
    pub lane: LaneId,
    pub text: String,
    /// The field asked for the keyboard.
    focused: bool,
    /// An input method is composing (its Enter is not ours).
    composing: bool,
}

/// What the person did in the capture field this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum CaptureAction {
    /// Enter: add the note with this text, and go on capturing.
    Commit(String),
    /// Escape: stop capturing.
    End,
}

impl Capture {
    pub fn new(lane: LaneId) -> Self {
        Self {
            lane,
            text: String::new(),
            focused: false,
            composing: false,
        }
    }

    /// Moves to the lane `by` places on (wrapping), among `lanes` (the lanes shown).
    pub fn move_lane(&mut self, lanes: &[LaneId], by: isize) {
        let Some(at) = lanes.iter().position(|l| *l == self.lane) else {
            if let Some(first) = lanes.first() {
                self.lane = *first;
            }
            return;
        };
        let n = lanes.len() as isize;
        self.lane = lanes[((at as isize + by).rem_euclid(n)) as usize];
        self.focused = false;
    }

    /// Where the field goes: under the last note of the lane's cell in `stage` (map units).
    fn place(&self, layout: &MapLayout, stage: StageId) -> Option<Rect> {
        let cell = layout.cell(self.lane, stage)?;
        let style_gap = 8.0;
        let last = layout
            .notes
            .iter()
            .filter(|n| n.lane_index == cell.lane_index && n.stages.contains(&cell.stage_index))
            .map(|n| n.rect)
            .reduce(|a, b| if b.bottom() > a.bottom() { b } else { a });
        let top = last.map_or(cell.rect.top() + style_gap, |r| r.bottom() + style_gap);
        let width = layout
            .cards
            .first()
            .map_or(172.0, |c| c.rect.width())
            .min(cell.rect.width() - 20.0);
        Some(Rect::from_min_size(
            egui::pos2(cell.rect.left() + 10.0, top),
            vec2(width, 56.0),
        ))
    }

    /// The field over the map (drawn with the map's transform `t`); returns what was done.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        map: &JourneyMap,
        layout: &MapLayout,
        stage: StageId,
        t: TSTransform,
        font_size: f32,
    ) -> Option<CaptureAction> {
        // An input method's composition: its Enter confirms it, and is not ours.
        ui.input(|i| {
            for event in &i.events {
                if let Event::Ime(ime) = event {
                    match ime {
                        ImeEvent::Preedit { text, .. } => self.composing = !text.is_empty(),
                        ImeEvent::Commit(_) => self.composing = false,
                        _ => {}
                    }
                }
            }
        });
        let place = self.place(layout, stage)?;
        let rect = t * place;
        let font = (font_size * t.scaling).clamp(14.0, 48.0);
        let id = Id::unique(("present-capture", self.lane));
        let lane = map.lane(self.lane).map_or("", |l| l.name.as_str());
        let label = tr_with("a11y.capture", &[("lane", lane)]);
        let mut layouter = crate::paint::map_text_layouter(egui::FontId::proportional(font), true);
        let response = ui.put(
            Rect::from_min_size(rect.min, vec2(rect.width().max(200.0), font * 2.6)),
            egui::TextEdit::multiline(&mut self.text)
                .id(id)
                .font(egui::FontId::proportional(font))
                .layouter(&mut layouter)
                .hint_text(label.clone())
                .return_key(None)
                .desired_rows(2),
        );
        response.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, label.clone()));
        if !self.focused {
            response.request_focus();
            self.focused = true;
        }
        let (enter, escape) = ui.input(|i| {
            (
                i.key_pressed(Key::Enter) && !i.modifiers.shift,
                i.key_pressed(Key::Escape),
            )
        });
        if escape {
            return Some(CaptureAction::End);
        }
        if enter && !self.composing && response.has_focus() {
            let text = std::mem::take(&mut self.text).trim().to_owned();
            self.focused = false;
            if !text.is_empty() {
                return Some(CaptureAction::Commit(text));
            }
        }
        None
    }
}

/// The text role captured notes are drawn with.
pub const ROLE: TextRole = TextRole::Note;
