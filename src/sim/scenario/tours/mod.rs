//! The tours, one file each. [`TOURS`] is the one list a tour is registered in: the
//! catalogue, the ids and the count derive from it (`scenario/mod.rs`).

use super::Tour;

mod authn_vs_authz;
mod csrf_samesite;
mod force_logout;
mod oauth_pkce;
mod session_login;
mod session_scale_out;
mod session_shared_store;
mod stateless_flight;
mod stolen_credentials;
mod token_expiry_refresh;
mod token_login;
mod token_scale_out;
mod token_storage;
mod traffic_size;
mod xss_httponly;

/// Every tour, in the order the tour bar lists them.
pub const TOURS: &[Tour] = &[
    Tour { entry: stateless_flight::ENTRY, build: stateless_flight::tour },
    Tour { entry: session_login::ENTRY, build: session_login::tour },
    Tour { entry: force_logout::ENTRY, build: force_logout::tour },
    Tour { entry: session_scale_out::ENTRY, build: session_scale_out::tour },
    Tour { entry: session_shared_store::ENTRY, build: session_shared_store::tour },
    Tour { entry: token_login::ENTRY, build: token_login::tour },
    Tour { entry: token_scale_out::ENTRY, build: token_scale_out::tour },
    Tour { entry: traffic_size::ENTRY, build: traffic_size::tour },
    Tour { entry: stolen_credentials::ENTRY, build: stolen_credentials::tour },
    Tour { entry: authn_vs_authz::ENTRY, build: authn_vs_authz::tour },
    Tour { entry: token_expiry_refresh::ENTRY, build: token_expiry_refresh::tour },
    Tour { entry: xss_httponly::ENTRY, build: xss_httponly::tour },
    // The labs beyond the article.
    Tour { entry: csrf_samesite::ENTRY, build: csrf_samesite::tour },
    Tour { entry: token_storage::ENTRY, build: token_storage::tour },
    Tour { entry: oauth_pkce::ENTRY, build: oauth_pkce::tour },
];
