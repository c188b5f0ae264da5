//! The places of the page that the engine draws (a leaf module: first-load code names
//! a [`Part`] and asks the engine to draw it; it never names an engine view itself).
//!
//! In the release build the engine is a second wasm module (see `engine/mod.rs`), so
//! everything drawn here travels with it: the first load holds the stage, the tour bar
//! and the controls, and an empty place for each part until the engine is in.

/// A tab of the details beside (wide) or under (narrow) the stage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tab {
    /// The browser's storage as DevTools shows it (cookies, local storage), and its notes.
    Browser,
    /// The sequence diagram, the request list and the raw HTTP of the opened request.
    Network,
    /// The balancer, a card per server (users, sessions, key, log), the shared store.
    Servers,
    /// The meters and the bulk simulation.
    Meters,
    /// The JWT inspector.
    Jwt,
    /// The attacker's controls, loot and replay.
    Attacker,
    /// Copy the embed line, export Mermaid and HAR.
    Share,
}

impl Tab {
    /// Every tab, in the order of the tab bar.
    pub const ALL: [Tab; 7] =
        [Tab::Browser, Tab::Network, Tab::Servers, Tab::Meters, Tab::Jwt, Tab::Attacker, Tab::Share];

    /// The stable id: `tab-<id>` is the tab's `data-testid`, `details-<id>` its panel's id.
    pub fn id(self) -> &'static str {
        match self {
            Tab::Browser => "browser",
            Tab::Network => "network",
            Tab::Servers => "servers",
            Tab::Meters => "meters",
            Tab::Jwt => "jwt",
            Tab::Attacker => "attacker",
            Tab::Share => "share",
        }
    }
}

/// A part of the page that shows only what the engine made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The contents of a details tab.
    Details(Tab),
    /// The open tour step: summary, narration, the way back, the twin meters.
    TourStep,
    /// The decoded claims of the access token the browser keeps (on the stage).
    TokenClaims,
    /// The lines between the stage's actors and the messages on them.
    StageOverlay,
    /// What the last message did, under the stage, and every message for screen readers.
    StageCaption,
    /// auth.example on the stage, once the world has it (beside the balancer).
    StageIdp,
}
