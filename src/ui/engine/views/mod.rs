//! Everything the engine draws: the details tabs, the open tour step, the token's
//! claims and what moves on the stage. Code here travels in the engine's wasm module (see
//! `engine/mod.rs`); first-load code names a [`Part`] and never a view of this folder
//! (`tests/structure.rs` checks it).

pub mod attacker;
pub mod browser;
pub mod jwt;
pub mod meters;
pub mod network;
pub mod servers;
pub mod share;
pub mod stage_idp;
pub mod stage_overlay;
pub mod table;
pub mod token_claims;
pub mod tour_step;

use crate::ui::engine::Engine;
use crate::ui::part::{Part, Tab};
use leptos::prelude::*;

/// Draws a part of the page.
pub fn draw(engine: Engine, part: Part) -> AnyView {
    match part {
        Part::Details(tab) => match tab {
            Tab::Browser => view! { <browser::BrowserDetails /> }.into_any(),
            Tab::Network => view! { <network::NetworkDetails /> }.into_any(),
            Tab::Servers => view! { <servers::ServersDetails /> }.into_any(),
            Tab::Meters => view! { <meters::MetersDetails /> }.into_any(),
            Tab::Jwt => view! { <jwt::JwtInspector engine /> }.into_any(),
            Tab::Attacker => view! { <attacker::AttackerDetails /> }.into_any(),
            Tab::Share => view! { <share::ShareDetails /> }.into_any(),
        },
        Part::TourStep => view! { <tour_step::TourStep /> }.into_any(),
        Part::TokenClaims => view! { <token_claims::TokenClaims engine /> }.into_any(),
        Part::StageOverlay => view! { <stage_overlay::StageOverlay /> }.into_any(),
        Part::StageCaption => view! { <stage_overlay::StageCaption /> }.into_any(),
        Part::StageIdp => view! { <stage_idp::IdpActor /> }.into_any(),
    }
}
