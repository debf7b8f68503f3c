//! The impatient user's input, sent as real pointer and key events through WebDriver actions.

use std::time::Duration;

use fantoccini::actions::{
    InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
};
use fantoccini::key::Key;
use keywarden_e2e::Window;
use serde_json::Value;

/// A rectangle in viewport pixels, as the page measured it.
#[derive(Debug, Clone, Copy)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn of(value: &Value) -> Rect {
        let n = |k: &str| {
            value[k]
                .as_f64()
                .unwrap_or_else(|| panic!("no {k} in {value}"))
        };
        Rect {
            x: n("x"),
            y: n("y"),
            width: n("width"),
            height: n("height"),
        }
    }

    pub fn centre(&self) -> (f64, f64) {
        (
            (self.x + self.width / 2.0).round(),
            (self.y + self.height / 2.0).round(),
        )
    }

    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }
}

/// A small deterministic random source (seeded from the clock; the seed is printed).
pub struct Jitter(pub u64);

impl Jitter {
    pub fn up_to(&mut self, max: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % (max + 1)
    }
}

/// The impatient user: a double-click on `at`, a third click on `third_at` after `delay`, then
/// Enter pressed three times. With `hold_third`, the third press is held down (released later).
pub async fn stray_input(
    window: &Window,
    at: Rect,
    third_at: Rect,
    delay: Duration,
    hold_third: bool,
) {
    let (x, y) = at.centre();
    let (third_x, third_y) = third_at.centre();
    let mut mouse = MouseActions::new("mouse".into())
        .then(PointerAction::MoveTo {
            duration: None,
            x,
            y,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        })
        .then(PointerAction::Pause { duration: delay })
        .then(PointerAction::MoveTo {
            duration: None,
            x: third_x,
            y: third_y,
        })
        .then(PointerAction::Down {
            button: MOUSE_BUTTON_LEFT,
        });
    if !hold_third {
        mouse = mouse.then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
    }
    window.perform(mouse).await.unwrap();
    enter_presses(window, 3).await;
}

pub async fn enter_presses(window: &Window, times: usize) {
    let enter = char::from(Key::Enter);
    let mut keys = KeyActions::new("keyboard".into());
    for _ in 0..times {
        keys = keys
            .then(KeyAction::Down { value: enter })
            .then(KeyAction::Up { value: enter })
            .then(KeyAction::Pause {
                duration: Duration::from_millis(40),
            });
    }
    window.perform(keys).await.unwrap();
}

pub async fn release_pointer(window: &Window) {
    let up = MouseActions::new("mouse".into()).then(PointerAction::Up {
        button: MOUSE_BUTTON_LEFT,
    });
    window.perform(up).await.unwrap();
    window.release_input().await.unwrap();
}
