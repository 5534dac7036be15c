//! Present mode, for workshops: the map full screen with the editing chrome hidden, walked
//! stage by stage (overview → stage 1 → … → overview) with the camera gliding between them, the
//! other stages dimmed, the screen blanked on request; notes captured as the room speaks; dot
//! voting in rounds; a countdown the room can see. Nothing moves on the map by accident: the
//! layout is locked, and only notes and votes change.
//!
//! One file per job: `camera` (shots and glides), `capture`, `voting`, `timer`, and `views`
//! (the overlays, the presenter's panel and the audience window).

pub mod camera;
pub mod capture;
mod timer;
pub mod views;
pub mod voting;

pub use camera::Shot;
pub use capture::Capture;
pub use timer::Timer;
pub use voting::{Round, RoundSetup, votable_in_stage as voting_items};

use crate::layout::MapLayout;
use crate::model::LaneId;
use egui::Rect;
use egui::emath::TSTransform;
use std::collections::BTreeSet;

/// A presentation in progress.
#[derive(Clone, Debug)]
pub struct Presentation {
    /// Where the walk is: 0 is the overview, 1 to n the stages.
    pub step: usize,
    /// How far the current stage's rows are scrolled down, in map units.
    pub scroll: f32,
    /// The camera's move to the current shot, while it lasts.
    pub glide: Option<camera::Glide>,
    /// The screen is blank (B or `.`, as presentation clickers send).
    pub blank: bool,
    /// The digits typed after G, until Enter.
    pub goto: Option<String>,
    /// A note being typed in, while capturing.
    pub capture: Option<Capture>,
    /// The voting round under way.
    pub round: Option<Round>,
    /// A round being set up (how many people, how many dots each).
    pub round_setup: Option<RoundSetup>,
    /// The items a finished round ranked, shown until dismissed.
    pub ranking: Option<Vec<voting::Ranked>>,
    /// The countdown.
    pub timer: Timer,
    /// The present-mode keys are shown.
    pub help: bool,
    /// Each curve's weakest moment and peak-end score show at the bottom left.
    pub insights: bool,
    /// Lanes the walk leaves out.
    pub hidden_lanes: BTreeSet<LaneId>,
    /// The editor's view, given back when the presentation ends.
    pub editor_view: TSTransform,
    /// Whether the window was full screen before (so leaving restores it).
    pub was_fullscreen: bool,
}

impl Presentation {
    /// A presentation starting on the overview; `editor_view` is restored at the end.
    pub fn new(editor_view: TSTransform, was_fullscreen: bool) -> Self {
        Self {
            step: 0,
            scroll: 0.0,
            glide: None,
            blank: false,
            goto: None,
            capture: None,
            round: None,
            round_setup: None,
            ranking: None,
            timer: Timer::default(),
            help: false,
            insights: false,
            hidden_lanes: BTreeSet::new(),
            editor_view,
            was_fullscreen,
        }
    }

    /// The stage in focus (an index into the map's stages), if the walk is on one.
    pub fn stage(&self) -> Option<usize> {
        self.step.checked_sub(1)
    }

    /// What the camera shows now.
    pub fn shot(&self) -> Shot {
        match self.stage() {
            Some(index) => Shot::Stage {
                index,
                scroll: self.scroll,
            },
            None => Shot::Overview,
        }
    }

    /// Goes to `step` (0 the overview, 1 to `stages` a stage), gliding there when `glide`.
    pub fn go_to(&mut self, step: usize, stages: usize, now: f64, glide: bool) {
        let step = step.min(stages);
        if step == self.step {
            return;
        }
        let from = self.shot();
        self.step = step;
        self.scroll = 0.0;
        self.glide = glide.then(|| camera::Glide {
            from,
            to: self.shot(),
            start: now,
        });
    }

    /// The next step of the walk: after the last stage comes the overview again.
    pub fn next(&mut self, stages: usize, now: f64, glide: bool) {
        let next = if self.step >= stages {
            0
        } else {
            self.step + 1
        };
        self.go_to(next, stages, now, glide);
    }

    /// The previous step: before the overview comes the last stage.
    pub fn previous(&mut self, stages: usize, now: f64, glide: bool) {
        let previous = if self.step == 0 {
            stages
        } else {
            self.step - 1
        };
        self.go_to(previous, stages, now, glide);
    }

    /// Scrolls the current stage's rows by `screens` heights of `rect` (down when positive).
    pub fn scroll_by(&mut self, screens: f32, layout: &MapLayout, rect: Rect) {
        let Some(index) = self.stage() else { return };
        let zoom = camera::stage_zoom(layout, index, rect);
        let step = 0.8 * rect.height() / zoom;
        let most = camera::max_scroll(layout, index, rect, zoom);
        self.scroll = (self.scroll + screens * step).clamp(0.0, most);
        self.glide = None;
    }

    /// The camera for a window showing the presentation in `rect` at `now`.
    pub fn camera(&self, layout: &MapLayout, rect: Rect, now: f64) -> TSTransform {
        match &self.glide {
            Some(glide) => glide.transform(layout, rect, now),
            None => camera::transform(self.shot(), layout, rect),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_walk_goes_round_from_the_overview_through_every_stage() {
        let mut p = Presentation::new(TSTransform::IDENTITY, false);
        let mut seen = vec![p.stage()];
        for _ in 0..7 {
            p.next(6, 0.0, false);
            seen.push(p.stage());
        }
        assert_eq!(
            seen,
            [
                None,
                Some(0),
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                None
            ]
        );
        p.previous(6, 0.0, false);
        assert_eq!(
            p.stage(),
            Some(5),
            "back from the overview to the last stage"
        );
        p.go_to(99, 6, 0.0, true);
        assert_eq!(p.step, 6, "clamped to the last stage");
        p.go_to(0, 6, 1.0, true);
        assert_eq!(
            p.glide.map(|g| (g.from, g.to)),
            Some((
                Shot::Stage {
                    index: 5,
                    scroll: 0.0
                },
                Shot::Overview
            ))
        );
    }
}
