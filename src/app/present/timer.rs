//! The workshop's countdown: T starts and pauses it, [ and ] take a minute off or add one. It
//! shows in a corner once used, and at zero it says so in red for the whole room.

/// How long a new countdown runs, in minutes.
const DEFAULT_MINUTES: f64 = 5.0;

/// A countdown on the UI's clock.
#[derive(Clone, Debug, PartialEq)]
pub struct Timer {
    /// Seconds left when it was last paused (or set).
    left: f64,
    /// When it was last started, while it runs.
    started: Option<f64>,
    /// It has been used, so it shows.
    pub shown: bool,
}

impl Default for Timer {
    fn default() -> Self {
        Self {
            left: DEFAULT_MINUTES * 60.0,
            started: None,
            shown: false,
        }
    }
}

impl Timer {
    /// Whether it is counting down.
    pub fn running(&self) -> bool {
        self.started.is_some()
    }

    /// Seconds left at `now` (never below zero).
    pub fn remaining(&self, now: f64) -> f64 {
        match self.started {
            Some(start) => (self.left - (now - start)).max(0.0),
            None => self.left,
        }
    }

    /// Whether the time is up at `now`.
    pub fn is_up(&self, now: f64) -> bool {
        self.remaining(now) <= 0.0
    }

    /// Starts or pauses it; started at zero, it starts again from five minutes.
    pub fn toggle(&mut self, now: f64) {
        self.shown = true;
        match self.started.take() {
            Some(start) => self.left = (self.left - (now - start)).max(0.0),
            None => {
                if self.left <= 0.0 {
                    self.left = DEFAULT_MINUTES * 60.0;
                }
                self.started = Some(now);
            }
        }
    }

    /// Adds `minutes` (or takes them off, when negative), never below zero.
    pub fn add_minutes(&mut self, minutes: f64, now: f64) {
        self.shown = true;
        let left = self.remaining(now);
        self.left = (left + minutes * 60.0).max(0.0);
        if self.started.is_some() {
            self.started = Some(now);
        }
    }

    /// `m:ss`, rounded up so that 0:00 means the time is up.
    pub fn text(&self, now: f64) -> String {
        let seconds = self.remaining(now).ceil() as u64;
        format!("{}:{:02}", seconds / 60, seconds % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_counts_down_pauses_and_is_set_by_the_minute() {
        let mut timer = Timer::default();
        assert!(!timer.shown && !timer.running());
        timer.toggle(10.0);
        assert_eq!(timer.text(10.0), "5:00");
        assert_eq!(timer.text(70.5), "4:00");
        timer.toggle(70.0);
        assert_eq!(timer.text(1000.0), "4:00", "paused");
        timer.add_minutes(-3.0, 1000.0);
        assert_eq!(timer.text(1000.0), "1:00");
        timer.toggle(2000.0);
        assert!(!timer.is_up(2059.0));
        assert!(timer.is_up(2060.0));
        assert_eq!(timer.text(3000.0), "0:00");
        timer.add_minutes(-5.0, 3000.0);
        assert_eq!(timer.remaining(3000.0), 0.0, "never below zero");
    }
}
