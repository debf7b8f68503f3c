//! Clicks and typing without element handles. A click is one page-side step that waits until a
//! person could click the element (attached, shown, enabled and armed, not behind an open dialog, its
//! centre in view and uncovered) and clicks it in that same turn. `pointer_click` does the same
//! wait, then moves the real WebDriver pointer to the settled centre and presses there, for
//! tests that need trusted input. Typing focuses the field in one step and then sends real key
//! events to it.

use fantoccini::actions::{
    Actions, InputSource, KeyAction, KeyActions, MouseActions, PointerAction, MOUSE_BUTTON_LEFT,
};
use serde::Deserialize;
use serde_json::json;

use crate::driver::{resend, HarnessError};
use crate::Window;

#[derive(Deserialize)]
struct Point {
    x: f64,
    y: f64,
}

impl Window {
    /// Waits until a person could click the element matching `css`, then clicks it in the same
    /// page-side step (a DOM click: the page sees `isTrusted == false`; see `pointer_click`). A
    /// button of an armed dialog is pressed with the real pointer instead, once it has armed,
    /// since such a dialog ignores clicks whose press did not begin on the button.
    pub async fn click(&self, css: &str) -> Result<(), HarnessError> {
        let what = format!("`{css}` to be clickable");
        let args = json!({ "css": css, "times": 1 });
        let clicked: serde_json::Value = self.page_step("click", args, &what).await?;
        if clicked == json!("pointer") {
            return self.pointer_click(css).await;
        }
        Ok(())
    }

    /// Clicks the element matching `css` twice within one turn of the page's event loop: faster
    /// than any double-click, to prove a handler acts once.
    pub async fn click_twice_at_once(&self, css: &str) -> Result<(), HarnessError> {
        let what = format!("`{css}` to be clickable");
        let args = json!({ "css": css, "times": 2 });
        self.page_step::<serde_json::Value>("click", args, &what)
            .await
            .map(drop)
    }

    /// Waits until the element matching `css` is clickable and has stopped moving, then presses
    /// and releases the real WebDriver mouse at its centre: trusted input, as a person gives it.
    /// If the press did not land on the element (the page moved it between the two steps, as a
    /// leaving toast reflows a dialog), it aims and presses again, as a person would.
    pub async fn pointer_click(&self, css: &str) -> Result<(), HarnessError> {
        for _ in 0..3 {
            self.pointer_press(css).await?;
            let landed = self
                .page(
                    "return await waitFor(() => window.__harnessPress?.hit, 10000) \
                       .then(() => true, () => false);",
                    vec![],
                )
                .await?;
            if landed == json!(true) {
                return Ok(());
            }
        }
        Err(format!("three pointer presses at `{css}` missed it: it kept moving").into())
    }

    async fn pointer_press(&self, css: &str) -> Result<(), HarnessError> {
        let what = format!("`{css}` to be clickable and settled");
        let point: Point = self
            .page_step("pointAt", json!({ "css": css }), &what)
            .await?;
        let mouse = MouseActions::new("harness-mouse".into())
            .then(PointerAction::MoveTo {
                duration: None,
                x: point.x,
                y: point.y,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            })
            .then(PointerAction::Up {
                button: MOUSE_BUTTON_LEFT,
            });
        resend(|| self.client().perform_actions(mouse.clone()))
            .await
            .map_err(|e| format!("the pointer click on `{css}` failed: {e}"))?;
        Ok(())
    }

    /// Focuses the field matching `css` (caret at the end) once a person could type in it, then
    /// types `text` as real key events. Special keys use WebDriver's codes (`"\u{e00c}"` is
    /// Escape).
    pub async fn type_into(&self, css: &str, text: &str) -> Result<(), HarnessError> {
        self.focus(css).await?;
        self.press_keys(text).await
    }

    /// Chooses `value` in the `<select>` (or sets the date `<input>`) matching `css` once a person
    /// could use it, firing `input` and `change` as their choice would. Native pickers are drawn
    /// outside the page, where WebDriver cannot reach them.
    pub async fn choose(&self, css: &str, value: &str) -> Result<(), HarnessError> {
        let what = format!("choosing {value:?} in `{css}`");
        self.page_step::<bool>("choose", json!({ "css": css, "value": value }), &what)
            .await
            .map(drop)
    }

    /// Focuses the field matching `css`, caret at the end, once a person could type in it.
    pub async fn focus(&self, css: &str) -> Result<(), HarnessError> {
        let what = format!("`{css}` to take focus");
        self.page_step::<bool>("focus", json!({ "css": css }), &what)
            .await
            .map(drop)
    }

    /// Types `text` as real key events into whatever has focus.
    pub async fn press_keys(&self, text: &str) -> Result<(), HarnessError> {
        let mut keys = KeyActions::new("harness-keyboard".into());
        for value in text.chars() {
            keys = keys
                .then(KeyAction::Down { value })
                .then(KeyAction::Up { value });
        }
        resend(|| self.client().perform_actions(keys.clone()))
            .await
            .map_err(|e| format!("typing {text:?} failed: {e}"))?;
        Ok(())
    }

    /// Performs raw WebDriver input (pointer and key sequences a test composes itself, such as
    /// stray presses at exact points), sent again only if tauri-driver lost the request.
    pub async fn perform<A>(&self, actions: A) -> Result<(), HarnessError>
    where
        A: Into<Actions> + Clone,
    {
        resend(|| self.client().perform_actions(actions.clone()))
            .await
            .map_err(|e| format!("the input sequence failed: {e}"))?;
        Ok(())
    }

    /// Releases every key and button still held by earlier input.
    pub async fn release_input(&self) -> Result<(), HarnessError> {
        resend(|| self.client().release_actions())
            .await
            .map_err(|e| format!("releasing held input failed: {e}"))?;
        Ok(())
    }
}
