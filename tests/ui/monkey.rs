//! A monkey at the keyboard and mouse: thousands of random presses, drags, clicks, scrolls and
//! keys on a template. Nothing panics, the map stays sound after every event, and undoing
//! everything gives back the map that was opened.

use super::*;
use egui::{PointerButton, Rect};

/// A small deterministic random source (SplitMix64), so a failure can be replayed by its seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pos(&mut self, area: Rect) -> Pos2 {
        Pos2::new(
            area.left() + self.below(area.width() as usize) as f32,
            area.top() + self.below(area.height() as usize) as f32,
        )
    }
}

const KEYS: [Key; 24] = [
    Key::ArrowLeft,
    Key::ArrowRight,
    Key::ArrowUp,
    Key::ArrowDown,
    Key::Delete,
    Key::Backspace,
    Key::Enter,
    Key::Escape,
    Key::Tab,
    Key::N,
    Key::A,
    Key::D,
    Key::Z,
    Key::Y,
    Key::C,
    Key::V,
    Key::X,
    Key::F2,
    Key::F5,
    Key::Plus,
    Key::Minus,
    Key::Num0,
    Key::Space,
    Key::K,
];

fn monkey(template: &str, seed: u64, events: usize) {
    let mut h = harness(template);
    // No system dialog may open in a test.
    h.state_mut().native_dialogs = false;
    let original = map(&h).clone();
    let mut rng = Rng(seed);
    let screen = Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 1000.0));
    let canvas = h.state().canvas.rect();
    let canvas = if canvas.is_positive() { canvas } else { screen };
    for step in 0..events {
        // Mostly on the map; now and then anywhere (menus, toolbar, inspector).
        let area = if rng.below(4) == 0 { screen } else { canvas };
        let at = rng.pos(area);
        match rng.below(10) {
            0 | 1 => h.hover_at(at),
            2 => {
                h.event(Event::PointerButton {
                    pos: at,
                    button: PointerButton::Primary,
                    pressed: true,
                    modifiers: Modifiers::NONE,
                });
                h.event(Event::PointerButton {
                    pos: at,
                    button: PointerButton::Primary,
                    pressed: false,
                    modifiers: Modifiers::NONE,
                });
            }
            3 => {
                // A drag in a few steps.
                let to = rng.pos(canvas);
                h.drag_at(at);
                h.step();
                for i in 1..=3 {
                    h.hover_at(at + (to - at) * (i as f32 / 3.0));
                    h.step();
                }
                h.drop_at(to);
            }
            4 => h.event(Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: vec2(0.0, rng.below(200) as f32 - 100.0),
                modifiers: if rng.below(2) == 0 {
                    Modifiers::COMMAND
                } else {
                    Modifiers::NONE
                },
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Wheel,
            }),
            5 => h.event(Event::Text(
                ["a", "旅", " ", "ok", "1"][rng.below(5)].to_owned(),
            )),
            6 => {
                let key = KEYS[rng.below(KEYS.len())];
                let modifiers =
                    [Modifiers::NONE, Modifiers::COMMAND, Modifiers::SHIFT][rng.below(3)];
                h.key_press_modifiers(modifiers, key);
            }
            _ => h.key_press(KEYS[rng.below(KEYS.len())]),
        }
        h.step();
        let problems = map(&h).validate();
        assert!(
            problems.is_empty(),
            "{template} seed {seed}, event {step}: {problems:?}"
        );
    }
    // Leave whatever is open (a text being edited commits, dialogs close), then undo it all.
    for _ in 0..3 {
        h.key_press(Key::Escape);
        h.step();
    }
    h.state_mut().present = None;
    h.step();
    let mut undone = 0;
    while h.state_mut().doc.undo() {
        undone += 1;
    }
    assert!(
        undone >= 20,
        "{template} seed {seed}: the monkey made only {undone} edits"
    );
    assert_eq!(
        map(&h),
        &original,
        "{template} seed {seed}: undoing everything"
    );
}

#[test]
fn a_monkey_never_breaks_the_map_and_undo_takes_back_all_it_did() {
    monkey("restaurant-en", 1, 2_500);
    monkey("silk-shop-zh", 2, 2_000);
}
