//! The guided tour's state: which scenario and step are open, and how to go to a step.
//! Every step rebuilds the world from the scenario's data, so a pasted link
//! (`?scenario=…&step=…`) opens the same view, back/forward move between steps, and a
//! reader may play freely and come back. (The tour bar that shows it is
//! `panels/tour.rs`; the steps themselves come with the engine.)

use crate::sim::scenario::{Scenario, DEFAULT_SEED};
use crate::sim::World;
use crate::ui::dom;
use crate::ui::highlight;
use crate::ui::panels::stage::model::StageModel;
use crate::ui::state::AppState;
use leptos::prelude::*;

/// Where the tour stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TourPos {
    /// Index into [`SCENARIO_IDS`].
    pub scenario: usize,
    /// 0-based step.
    pub step: usize,
}

/// The tour's signals, provided by `App`.
#[derive(Clone, Copy)]
pub struct Tour {
    /// Where the tour is, if one is open.
    pub pos: RwSignal<Option<TourPos>>,
    /// Auto-advance when the hops have played.
    pub playing: RwSignal<bool>,
    /// The second world of a side-by-side scenario (traffic-size).
    pub twin: RwSignal<Option<World>>,
    /// Exchanges in the world right after the step was built: more means the reader
    /// has been playing freely since.
    pub baseline: RwSignal<u32>,
    /// The open scenario (steps and narration), from the engine.
    pub open: RwSignal<Option<Scenario>>,
}

impl Tour {
    /// A closed tour.
    pub fn new() -> Self {
        Tour {
            pos: RwSignal::new(None),
            playing: RwSignal::new(false),
            twin: RwSignal::new(None),
            baseline: RwSignal::new(0),
            open: RwSignal::new(None),
        }
    }

    /// Opens `scenario` at `step` (clamped), rebuilding the world; `push` records it
    /// in the browser history. (The steps are the engine's: this waits for it.)
    pub fn goto(&self, app: AppState, scenario: usize, step: usize, push: bool) {
        let tour = *self;
        app.with_engine(move |engine| {
            let Some(s) = (engine.scenario)(scenario) else {
                return;
            };
            let step = step.min(s.steps.len().saturating_sub(1));
            let (world, hops) = (engine.world_at)(&s, step);
            // What the stage showed before this step's messages, for them to land on.
            let before = match step.checked_sub(1) {
                Some(prev) => StageModel::of(&(engine.world_at)(&s, prev).0),
                None => StageModel::of(&World::new(DEFAULT_SEED, s.config)),
            };
            let count = world.exchange_count;
            let last = world.last_exchange().map(|e| e.id);
            app.replace_world(world);
            app.stage_before.set(Some(before));
            app.selected.set(last);
            tour.twin.set((engine.twin_at)(&s, step));
            tour.baseline.set(count);
            if push {
                dom::push_url(&[("scenario", Some(s.entry.id.to_string())), ("step", Some((step + 1).to_string()))]);
            }
            mark(app, &s, step);
            tour.open.set(Some(s));
            tour.pos.set(Some(TourPos { scenario, step }));
            app.play(hops);
        });
    }

    /// Closes the tour (the world stays as it is: free play).
    pub fn close(&self, app: AppState) {
        app.marks.set(Vec::new());
        self.pos.set(None);
        self.open.set(None);
        self.playing.set(false);
        self.twin.set(None);
        dom::push_url(&[("scenario", None), ("step", None)]);
    }
}

impl Default for Tour {
    fn default() -> Self {
        Self::new()
    }
}

/// Points the page at the step's highlights (the stage marks them as it draws) and, on
/// a wide screen, opens the details tab that shows more of them.
fn mark(app: AppState, s: &Scenario, step: usize) {
    let highlights = s.steps.get(step).map(|st| st.highlight.clone()).unwrap_or_default();
    app.marks.set(highlights.iter().flat_map(highlight::selectors).collect());
    if let Some(tab) = highlights.iter().find_map(highlight::tab) {
        app.tab.set(tab);
    }
}

/// `f` of the open scenario and its 0-based step, without copying the scenario;
/// `None` when no tour is open. Reactive.
pub fn with_current<R>(tour: Tour, f: impl FnOnce(&Scenario, usize) -> R) -> Option<R> {
    let pos = tour.pos.get()?;
    tour.open.with(|s| s.as_ref().map(|s| f(s, pos.step)))
}
