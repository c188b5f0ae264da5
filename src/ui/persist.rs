//! The page's use of the real browser storage — the only user of gloo-storage.
//!
//! - In token mode the simulated site's localStorage is mirrored into the real
//!   `window.localStorage` under `auth-playground:` keys, so a reader who opens
//!   DevTools › Application › Local Storage sees the very same token.
//! - Preferences (language, theme, animation speed) persist across visits.
//!
//! Storage can be missing (a sandboxed iframe throws on access), full (quota), or
//! hold garbage (an older version, a hand edit): each case falls back to memory and
//! leaves one line for the page to show — never an error page.

use crate::ui::flat_json::{self, Value};
use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Prefix of every key this page writes.
pub const PREFIX: &str = "auth-playground:";
/// Key of the saved preferences.
pub const PREFS_KEY: &str = "auth-playground:prefs";
/// Schema version of [`Prefs`].
pub const PREFS_VERSION: u32 = 1;

/// What the page remembers between visits.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prefs {
    /// Schema version.
    pub v: u32,
    /// `ko` / `en`.
    pub lang: Option<String>,
    /// `light` / `dark`.
    pub theme: Option<String>,
    /// Animation speed id.
    pub speed: Option<String>,
}

/// Why storage could not be used, in one line for the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageIssue {
    /// `window.localStorage` is not reachable (sandboxed iframe, privacy mode).
    Blocked,
    /// A write was refused (quota exceeded).
    Full,
    /// Saved preferences were unreadable.
    Corrupt,
    /// Saved preferences came from another schema version: what still applies was kept.
    Upgraded,
}

impl StorageIssue {
    /// English one-liner (the page shows its own translation).
    pub fn key(&self) -> &'static str {
        match self {
            StorageIssue::Blocked => "blocked",
            StorageIssue::Full => "full",
            StorageIssue::Corrupt => "corrupt",
            StorageIssue::Upgraded => "upgraded",
        }
    }
}

/// Whether the real localStorage can be used at all (a sandboxed iframe throws).
pub fn available() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    matches!(window.local_storage(), Ok(Some(_)))
}

/// Loads the preferences, with a note when something was off: `Err` when nothing
/// was usable, `Ok((prefs, Some(issue)))` when part of an older schema was kept.
pub fn load_prefs() -> Result<(Prefs, Option<StorageIssue>), StorageIssue> {
    if !available() {
        return Err(StorageIssue::Blocked);
    }
    let raw = match LocalStorage::raw().get_item(PREFS_KEY) {
        Ok(Some(raw)) => raw,
        Ok(None) => return Ok((Prefs::default(), None)),
        Err(_) => return Err(StorageIssue::Blocked),
    };
    parse_prefs(&raw)
}

/// Parses saved preferences. Garbage is "corrupt"; a JSON object of another schema
/// version (or with a field of the wrong type) keeps every field it still has with the
/// right type ("upgraded").
pub fn parse_prefs(raw: &str) -> Result<(Prefs, Option<StorageIssue>), StorageIssue> {
    let members = flat_json::parse_object(raw).ok_or(StorageIssue::Corrupt)?;
    // The last of a repeated key counts (as in a JSON object read into a map).
    let get = |k: &str| members.iter().rev().find(|(key, _)| key == k).map(|(_, v)| v);
    let text = |k: &str| match get(k) {
        Some(Value::Str(s)) => Some(s.clone()),
        _ => None,
    };
    let kept = Prefs { v: PREFS_VERSION, lang: text("lang"), theme: text("theme"), speed: text("speed") };
    let unique = members.iter().enumerate().all(|(i, (k, _))| members[..i].iter().all(|(other, _)| other != k));
    let typed = ["lang", "theme", "speed"].iter().all(|k| matches!(get(k), None | Some(Value::Str(_) | Value::Null)));
    let current = get("v") == Some(&Value::Whole(u64::from(PREFS_VERSION)));
    if unique && typed && current {
        Ok((kept, None))
    } else {
        Ok((kept, Some(StorageIssue::Upgraded)))
    }
}

/// The saved form of `p`: `{"v":1,"lang":"ko","theme":"dark","speed":"fast"}` (a
/// missing field is `null`).
pub fn prefs_json(p: &Prefs) -> String {
    let text = |s: &Option<String>| s.clone().map_or(Value::Null, Value::Str);
    flat_json::write_object(&[
        ("v", Value::Whole(u64::from(p.v))),
        ("lang", text(&p.lang)),
        ("theme", text(&p.theme)),
        ("speed", text(&p.speed)),
    ])
}

/// Saves the preferences.
pub fn save_prefs(p: &Prefs) -> Result<(), StorageIssue> {
    if !available() {
        return Err(StorageIssue::Blocked);
    }
    LocalStorage::raw().set_item(PREFS_KEY, &prefs_json(p)).map_err(|_| StorageIssue::Full)
}

/// Mirrors the simulated site's localStorage into the real one under
/// `auth-playground:site:<key>`, removing keys the site no longer has.
pub fn mirror_site_storage(entries: &BTreeMap<String, String>) -> Result<(), StorageIssue> {
    if !available() {
        return Err(StorageIssue::Blocked);
    }
    let storage = LocalStorage::raw();
    let site_prefix = format!("{PREFIX}site:");
    let len = storage.length().unwrap_or(0);
    let stale: Vec<String> = (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(&site_prefix) && !entries.contains_key(&k[site_prefix.len()..]))
        .collect();
    for k in stale {
        let _ = storage.remove_item(&k);
    }
    for (k, v) in entries {
        storage.set_item(&format!("{site_prefix}{k}"), v).map_err(|_| StorageIssue::Full)?;
    }
    Ok(())
}
