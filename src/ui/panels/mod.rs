//! The page's panels, one concept per file.

pub mod controls;
pub mod layout;
