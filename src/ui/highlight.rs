//! Where the page draws attention for a tour step's [`Highlight`]s: parts of the stage
//! (a cookie chip, a server, the request's envelope, a meter), so that the narration
//! and what it points at are on screen together; and the details tab worth opening
//! beside the stage on a wide screen.

use crate::sim::scenario::Highlight;
use crate::ui::part::Tab;

fn tid(t: &str) -> String {
    format!("[data-testid=\"{t}\"]")
}

fn actor(a: &str) -> String {
    format!("{}[data-actor=\"{a}\"]", tid("stage-actor"))
}

/// CSS selectors of the elements a highlight points at (all of them get the mark).
pub fn selectors(h: &Highlight) -> Vec<String> {
    match *h {
        Highlight::Cookie(n) => vec![format!("{}[data-name=\"{n}\"]", tid("stage-cookie"))],
        Highlight::Storage(k) => vec![format!("{}[data-key=\"{k}\"]", tid("stage-storage"))],
        // The envelope of the request as it left the client, and of the answer that
        // reached it: their chips show the header lines.
        Highlight::RequestHeader(_) => vec![".stage .env[data-leg=\"out\"]".into()],
        Highlight::ResponseHeader(_) => vec![".stage .env[data-leg=\"back\"]".into()],
        Highlight::Hop { from, to } => vec![
            format!(".stage .env[data-from=\"{from}\"][data-to=\"{to}\"]"),
            format!(".stage-wire[data-a=\"{from}\"][data-b=\"{to}\"]"),
            format!(".stage-wire[data-a=\"{to}\"][data-b=\"{from}\"]"),
        ],
        Highlight::SessionRows => vec![tid("stage-sessions")],
        Highlight::UserTable => vec![tid("stage-users")],
        Highlight::Server(s) => vec![format!("{}[data-server=\"{s}\"]", tid("stage-actor"))],
        Highlight::Balancer => vec![actor("balancer")],
        Highlight::SharedStore => vec![actor("store")],
        Highlight::Meter(m) => vec![format!("{}[data-meter=\"{m}\"]", tid("stage-meter"))],
        Highlight::JwtInspector => vec![tid("stage-token")],
        Highlight::Attacker => vec![actor("attacker")],
        Highlight::PageView => vec![tid("page-view")],
        Highlight::Clock => vec![tid("stage-clock")],
        Highlight::Idp => vec![actor("idp")],
        Highlight::PageMemory => vec![tid("stage-memory")],
        Highlight::Evil => vec![actor("evil")],
    }
}

/// The details tab that shows more of a highlight, opened beside the stage on a wide
/// screen (the stage itself always shows the highlighted part).
pub fn tab(h: &Highlight) -> Option<Tab> {
    match h {
        Highlight::JwtInspector => Some(Tab::Jwt),
        Highlight::Attacker => Some(Tab::Attacker),
        Highlight::RequestHeader(_) | Highlight::ResponseHeader(_) => Some(Tab::Network),
        Highlight::UserTable => Some(Tab::Servers),
        Highlight::Meter(_) => Some(Tab::Meters),
        Highlight::Cookie(_) | Highlight::Storage(_) => Some(Tab::Browser),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::scenario;

    #[test]
    fn every_highlight_of_every_tour_points_at_the_stage_by_the_ui_contract() {
        for s in scenario::all() {
            for st in &s.steps {
                for h in &st.highlight {
                    let sel = selectors(h);
                    assert!(!sel.is_empty(), "{}: {h:?}", s.entry.id);
                    for one in sel {
                        assert!(
                            one.starts_with("[data-testid=\"") || one.starts_with(".stage"),
                            "{}: {h:?} → {one}",
                            s.entry.id
                        );
                    }
                }
            }
        }
    }
}
