//! The first screen's parts (first-load code), one concept per file: the control bar,
//! the stage, the actions under it, the tour card and the details tabs' frame (whose
//! contents the engine draws).

pub mod actions;
pub mod controls;
pub mod details;
pub mod layout;
pub mod stage;
pub mod tour;
