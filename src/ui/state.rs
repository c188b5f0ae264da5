//! The page's state: one `RwSignal<World>` and the few view settings around it, plus
//! `dispatch(Action)` — the only way the page changes the world — and the animation
//! queue that reveals the hops of the last action one by one. The world changes through
//! the [`Engine`], which may still be on its way when the first action comes: such
//! actions wait for it, in order.

use crate::sim::config::Config;
use crate::sim::hop::Hop;
use crate::sim::{Action, World};
use crate::ui::dom;
use crate::ui::engine::{self, Engine};
use crate::ui::i18n::notes::Said;
use crate::ui::i18n::{Lang, Pick, Texts};
use crate::ui::panels::stage::model::StageModel;
use crate::ui::part::{Part, Tab};
use crate::ui::url_state::Theme;
use leptos::prelude::*;
use std::time::Duration;

/// How fast hops animate (a [`Choice`](crate::sim::config::Choice): the select lists the
/// speeds fastest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Speed {
    /// No motion: every hop at once (also when the system asks for reduced motion).
    Instant,
    /// 150 ms a hop.
    Fast,
    /// 450 ms a hop.
    Normal,
    /// 1 s a hop.
    Slow,
}

crate::sim::config::choice!(Speed { Instant => "instant", Fast => "fast", Normal => "normal", Slow => "slow" });

impl Speed {
    /// Delay between two hops.
    pub fn delay(self) -> Option<Duration> {
        match self {
            Speed::Instant => None,
            Speed::Fast => Some(Duration::from_millis(150)),
            Speed::Normal => Some(Duration::from_millis(450)),
            Speed::Slow => Some(Duration::from_millis(1000)),
        }
    }
}

/// The hops being played on the stage and in the sequence diagram.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sequence {
    /// All hops of the last action (or of the exchange the reader opened).
    pub hops: Vec<Hop>,
    /// How many are revealed so far (the last of them may still be on its way).
    pub shown: usize,
    /// How many have arrived.
    pub landed: usize,
}

/// Work that runs when the engine arrives.
type WaitingForEngine = Box<dyn FnOnce(Engine)>;

/// Everything the panels share (cheap to copy: signals only).
#[derive(Clone, Copy)]
pub struct AppState {
    /// The simulated world.
    pub world: RwSignal<World>,
    /// The page language.
    pub lang: RwSignal<Lang>,
    /// Light or dark.
    pub theme: RwSignal<Theme>,
    /// Animation speed.
    pub speed: RwSignal<Speed>,
    /// The hops being played.
    pub seq: RwSignal<Sequence>,
    /// What the stage showed before the action being played: an actor shows it until
    /// the messages to it have landed.
    pub stage_before: RwSignal<Option<StageModel>>,
    /// CSS selectors of what the open tour step points at (marked wherever they are drawn).
    pub marks: RwSignal<Vec<String>>,
    /// The details tab shown.
    pub tab: RwSignal<Tab>,
    /// The exchange opened in the network list, by id.
    pub selected: RwSignal<Option<u32>>,
    /// One-line notices (storage fell back, a link value was ignored, …).
    pub notices: RwSignal<Vec<String>>,
    /// Animations wait while the page is off-screen or hidden.
    pub paused: RwSignal<bool>,
    /// The engine, once loaded.
    pub engine: RwSignal<Option<Engine>>,
    /// True while some work waits for the engine (the page counts as busy then).
    pub engine_waiting: RwSignal<bool>,
    /// Why the engine could not be loaded, the last time it was asked for.
    pub engine_error: RwSignal<Option<String>>,
    /// Work waiting for the engine, in the order it came.
    waiting: StoredValue<Vec<WaitingForEngine>, LocalStorage>,
    /// Whether the engine was asked for.
    engine_requested: StoredValue<bool>,
    /// Bumped on every new animation, so older timers stop.
    generation: StoredValue<u64>,
}

impl AppState {
    /// A fresh state around a world built from `config`.
    pub fn new(config: Config, lang: Lang, theme: Theme, speed: Speed) -> Self {
        AppState {
            world: RwSignal::new(World::new(fresh_seed(), config)),
            lang: RwSignal::new(lang),
            theme: RwSignal::new(theme),
            speed: RwSignal::new(speed),
            seq: RwSignal::new(Sequence::default()),
            stage_before: RwSignal::new(None),
            marks: RwSignal::new(Vec::new()),
            tab: RwSignal::new(Tab::Browser),
            selected: RwSignal::new(None),
            notices: RwSignal::new(Vec::new()),
            paused: RwSignal::new(false),
            engine: RwSignal::new(None),
            engine_waiting: RwSignal::new(false),
            engine_error: RwSignal::new(None),
            waiting: StoredValue::new_local(Vec::new()),
            engine_requested: StoredValue::new(false),
            generation: StoredValue::new(0),
        }
    }

    /// Runs `f` with the engine: at once when it is loaded, else as soon as it is.
    pub fn with_engine(&self, f: impl FnOnce(Engine) + 'static) {
        if let Some(engine) = self.engine.get_untracked() {
            f(engine);
            return;
        }
        self.waiting.update_value(|w| w.push(Box::new(f)));
        self.engine_waiting.set(true);
        dom::set_body_flag("data-busy", true);
        self.load_engine();
    }

    /// Asks for the engine (once); what waits for it runs when it arrives.
    pub fn load_engine(&self) {
        if self.engine_requested.get_value() {
            return;
        }
        self.engine_requested.set_value(true);
        let app = *self;
        leptos::task::spawn_local(async move {
            let engine = match engine::load().await {
                Ok(engine) => engine,
                Err(why) => {
                    // Keep what waits; it runs when a retry succeeds. The page is not busy.
                    app.engine_requested.set_value(false);
                    app.engine_error.set(Some(why));
                    app.engine_waiting.set(false);
                    dom::set_body_flag("data-busy", false);
                    return;
                }
            };
            app.engine_error.set(None);
            app.engine.set(Some(engine));
            let waiting = app.waiting.try_update_value(std::mem::take).unwrap_or_default();
            for f in waiting {
                f(engine);
            }
            if app.seq.with_untracked(|s| s.landed >= s.hops.len()) {
                dom::set_body_flag("data-busy", false);
            }
            app.engine_waiting.set(false);
        });
    }

    /// A part of the page the engine draws; nothing while it is not there yet. Reactive.
    pub fn engine_part(&self, part: Part) -> Option<AnyView> {
        self.engine.get().map(|engine| (engine.draw)(engine, part))
    }

    /// Something the simulation said (a note, a log line, a reason) in the page
    /// language; nothing while the engine is not there yet (the world has said nothing
    /// before the engine changed it). Reactive.
    pub fn say(&self, said: Said<'_>) -> String {
        let lang = self.lang.get();
        match self.engine.get() {
            Some(engine) => (engine.say)(lang, said),
            None => String::new(),
        }
    }

    /// The texts of the current language (reactive).
    pub fn t(&self) -> &'static Texts {
        self.lang.get().texts()
    }

    /// One text of the page, as a reactive view or attribute value that follows the
    /// language: `app.tr(|t| t.title)`.
    ///
    /// Every text shares this one closure type (`pick` is a plain function pointer), so
    /// Leptos's generic view code is instantiated once for all of them instead of once
    /// per label: less wasm, and fewer functions for the browser to compile while the
    /// page starts.
    pub fn tr(self, pick: Pick) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || pick(self.t())
    }

    /// Applies an action to the world and animates the hops it caused.
    pub fn dispatch(&self, action: Action) {
        let app = *self;
        self.with_engine(move |engine| {
            let before = app.world.with_untracked(StageModel::of);
            let hops = app.world.try_update(|w| (engine.apply)(w, action)).unwrap_or_default();
            app.stage_before.set(Some(before));
            if !hops.is_empty() {
                app.selected.set(app.world.with_untracked(|w| w.last_exchange().map(|e| e.id)));
                app.play(hops);
            }
        });
    }

    /// Plays `hops` on the stage and in the sequence diagram, one by one at the chosen
    /// speed (each flies for one delay, then the next leaves).
    pub fn play(&self, hops: Vec<Hop>) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        let total = hops.len();
        match self.speed.get_untracked().delay() {
            None => {
                self.seq.set(Sequence { hops, shown: total, landed: total });
                dom::set_body_flag("data-busy", false);
            }
            Some(delay) => {
                self.seq.set(Sequence { hops, shown: 0, landed: 0 });
                dom::set_body_flag("data-busy", true);
                self.reveal_next(generation, delay);
            }
        }
    }

    fn reveal_next(self, generation: u64, delay: Duration) {
        if self.generation.get_value() != generation {
            return;
        }
        if self.paused.get_untracked() {
            set_timeout(move || self.reveal_next(generation, delay), Duration::from_millis(250));
            return;
        }
        let mut done = false;
        self.seq.update(|s| {
            s.landed = s.shown;
            s.shown = (s.shown + 1).min(s.hops.len());
            done = s.landed >= s.hops.len();
        });
        if done {
            dom::set_body_flag("data-busy", false);
        } else {
            set_timeout(move || self.reveal_next(generation, delay), delay);
        }
    }

    /// Replaces the world with a fresh one of the same settings.
    pub fn reset(&self) {
        let config = self.world.with_untracked(|w| w.config);
        self.replace_world(World::new(fresh_seed(), config));
    }

    /// Replaces the world (a reset, or a tour step rebuilt from its scenario).
    pub fn replace_world(&self, world: World) {
        self.generation.set_value(self.generation.get_value() + 1);
        self.world.set(world);
        self.selected.set(None);
        self.seq.set(Sequence::default());
        self.stage_before.set(None);
        dom::set_body_flag("data-busy", false);
    }

    /// Adds a one-line notice (once).
    pub fn notice(&self, line: String) {
        self.notices.update(|n| {
            if !n.contains(&line) {
                n.push(line);
            }
        });
    }
}

/// The panels' shared state, provided by `App`.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// A seed for a free-play world (scenarios use fixed seeds).
pub fn fresh_seed() -> u64 {
    (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64
}
