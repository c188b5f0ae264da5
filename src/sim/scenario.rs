//! Guided tours: scripted steps of actions, narration keys and expected outcomes.

/// The scenario ids of the UI contract, in the article's order.
pub const SCENARIO_IDS: [&str; 12] = [
    "stateless-flight",
    "session-login",
    "force-logout",
    "session-scale-out",
    "session-shared-store",
    "token-login",
    "token-scale-out",
    "traffic-size",
    "stolen-credentials",
    "authn-vs-authz",
    "token-expiry-refresh",
    "xss-httponly",
];
