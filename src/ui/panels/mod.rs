//! The page's panels, one concept per file.

pub mod attacker;
pub mod browser;
pub mod controls;
pub mod jwt;
pub mod layout;
pub mod meter;
pub mod network;
pub mod servers;
pub mod share;
pub mod table;
pub mod tour;
