//! JWT tests (one binary): the OWASP-style attack table, RFC 7515 vectors, the virtual
//! clock and key rotation, the inspector, and property tests.

mod attacks;
mod clock_and_keys;
mod common;
mod inspect;
mod props;
mod vectors;
