//! Start-up in steps, so that no single task keeps the main thread busy for long.

use crate::ui::dom;
use leptos::prelude::*;

/// Start-up in steps: the top bar and the frames are built in the first task, then the
/// controls and the tour card in the next, then the stage with the actions and the
/// details tabs, so that no single task keeps the main thread busy for long (a blog
/// page embedding us stays responsive while we start). Each step is a task of its own
/// (`dom::next_task`); each boundary between them also lets the browser draw a frame, so
/// there are no more of them than the long-task limit asks for. When the last part is
/// in, the app's root gets `data-loaded="1"`, which also lets CSS show it (the browser
/// lays it out once), and `App` marks `<body>` ready once nothing waits for the engine
/// either.
#[derive(Clone, Copy)]
pub struct StartUp {
    step: RwSignal<u8>,
    last: u8,
}

impl StartUp {
    /// Starts counting steps `1..=last`, one per task after the current one.
    pub fn begin(last: u8) -> Self {
        let startup = StartUp { step: RwSignal::new(0), last };
        startup.next();
        startup
    }

    /// True once step `n` has been reached.
    pub fn reached(self, n: u8) -> bool {
        self.step.get() >= n
    }

    /// True once every step is done.
    pub fn done(self) -> bool {
        self.reached(self.last + 1)
    }

    fn next(self) {
        dom::next_task(move || {
            self.step.update(|n| *n += 1);
            if self.step.get_untracked() <= self.last {
                self.next();
            }
        });
    }
}
