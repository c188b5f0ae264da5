//! The building blocks of the tours (`tours/`): short names for the moves, the
//! expectations and the highlights they are written with.

pub(super) use super::{
    Change, Entry, Expect, Highlight, Meter, Move, PageKind, Scenario, Step, Stolen, Text, Versus, Where,
};
pub(super) use crate::sim::browser::TOKEN_KEY;
pub(super) use crate::sim::clock::{MINUTE, SECOND};
pub(super) use crate::sim::config::{
    AuthMode, Config, CsrfDefence, LbPolicy, SameSitePolicy, StoreMode, TokenStore, Transport,
};
pub(super) use crate::sim::refresh::REFRESH_COOKIE;
pub(super) use crate::sim::{Action, SID};
pub(super) use std::cmp::Ordering;

// ---------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------

pub(super) const fn t(ko: &'static str, en: &'static str) -> Text {
    Text { ko, en }
}

pub(super) fn step(actions: Vec<Move>, text: Text, highlight: Vec<Highlight>, expect: Vec<Expect>) -> Step {
    Step { actions, text, highlight, expect, twin_expect: Vec::new(), versus: Vec::new() }
}

pub(super) fn cfg(mode: AuthMode, servers: u8, lb: LbPolicy, store: StoreMode, transport: Transport) -> Config {
    Config { mode, servers, lb, store, transport, ..Config::default() }
}

pub(super) fn one(mode: AuthMode) -> Config {
    cfg(mode, 1, LbPolicy::RoundRobin, StoreMode::Memory, Transport::Https)
}

pub(super) fn act(a: Action) -> Move {
    Move::Do(a)
}

pub(super) fn login(user: &str, password: &str) -> Move {
    act(Action::Login { username: user.into(), password: password.into() })
}

pub(super) fn alice() -> Move {
    login("alice", "wonderland")
}

pub(super) fn bob() -> Move {
    login("bob", "builder")
}

pub(super) fn me() -> Move {
    act(Action::Me)
}

pub(super) fn admin() -> Move {
    act(Action::Admin)
}

pub(super) fn quote_jeju() -> Move {
    act(Action::QuoteFlight { to: "jeju".into() })
}

pub(super) fn buy(count: u32) -> Move {
    act(Action::BuyFlight { count })
}

pub(super) const fn req(name: &'static str, present: bool) -> Expect {
    Expect::RequestHeader { name, present }
}

pub(super) const fn res(name: &'static str, present: bool) -> Expect {
    Expect::ResponseHeader { name, present }
}

pub(super) const fn res_has(name: &'static str, text: &'static str) -> Expect {
    Expect::ResponseHeaderHas { name, text }
}

pub(super) const fn cookie(name: &'static str) -> Expect {
    Expect::Cookie { name, http_only: true }
}

pub(super) const fn storage(key: &'static str, present: bool) -> Expect {
    Expect::Storage { key, present }
}

pub(super) const fn rows(store: Where, rows: usize) -> Expect {
    Expect::SessionRows { store, rows }
}

pub(super) const fn meter(meter: Meter, change: Change) -> Expect {
    Expect::Meter { meter, change }
}

pub(super) const fn hop(from: &'static str, to: &'static str) -> Expect {
    Expect::Hop { from, to }
}

pub(super) const fn claim(claim: &'static str, value: &'static str) -> Expect {
    Expect::TokenClaim { claim, value }
}

pub(super) const fn hl_hop(from: &'static str, to: &'static str) -> Highlight {
    Highlight::Hop { from, to }
}

pub(super) const fn versus(meter: Meter, twin: Ordering) -> Versus {
    Versus { meter, twin }
}

pub(super) const STORE_METER: Highlight = Highlight::Meter("meter-store-bytes");
pub(super) const CRED_METER: Highlight = Highlight::Meter("meter-credential-bytes");
pub(super) const TOTAL_METER: Highlight = Highlight::Meter("meter-total-bytes");
pub(super) const TOKEN: &str = TOKEN_KEY;
pub(super) const RT: &str = REFRESH_COOKIE;

pub(super) fn lab(mode: AuthMode, samesite: SameSitePolicy) -> Config {
    Config { mode, samesite, ..Config::default() }
}

pub(super) fn alice_at_idp() -> Move {
    act(Action::LoginIdp { username: "alice".into(), password: "wonderland".into() })
}

pub(super) const fn said(path: &'static str, text: &'static str) -> Expect {
    Expect::Said { path, text }
}

pub(super) const fn miles(user: &'static str, miles: u32) -> Expect {
    Expect::Miles { user, miles }
}
