//! After trunk builds the site: a Content-Security-Policy that allows only what the
//! page needs — its own files, the wasm compile, the one inline loader script (by its
//! SHA-256), inline style attributes (Leptos sets a few), `data:` images (the empty
//! favicon) — and nothing from anywhere else.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use std::path::Path;

/// The policy, given the hash of the inline loader script.
pub fn policy(script_hash: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-{script_hash}'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'"
    )
}

/// Inserts the CSP `<meta>` into `index.html` (replacing an earlier one).
pub fn harden_html(html: &str) -> Result<String, String> {
    let open = "<script type=\"module\">";
    let start = html.find(open).ok_or("index.html has no inline module script (trunk loader)")? + open.len();
    let end = html[start..].find("</script>").ok_or("unterminated loader script")? + start;
    let hash = STANDARD.encode(Sha256::digest(&html.as_bytes()[start..end]));
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">", policy(&hash));
    let without_old: String = match html.find("<meta http-equiv=\"Content-Security-Policy\"") {
        Some(i) => {
            let close = html[i..].find('>').map(|j| i + j + 1).unwrap_or(i);
            format!("{}{}", &html[..i], &html[close..])
        }
        None => html.to_string(),
    };
    let anchor = "<meta charset=\"utf-8\">";
    let at = without_old.find(anchor).ok_or("index.html lacks <meta charset=\"utf-8\">")? + anchor.len();
    Ok(format!("{}\n  {meta}{}", &without_old[..at], &without_old[at..]))
}

/// Applies [`harden_html`] to `dir/index.html`.
pub fn harden(dir: &Path) -> Result<(), String> {
    let file = dir.join("index.html");
    let html = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
    std::fs::write(&file, harden_html(&html)?).map_err(|e| format!("{}: {e}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_the_loader_by_hash_and_nothing_foreign() {
        let html = "<html><head><meta charset=\"utf-8\">\n<script type=\"module\">init()</script></head></html>";
        let out = harden_html(html).unwrap();
        let hash = STANDARD.encode(Sha256::digest(b"init()"));
        assert!(out.contains(&format!("'sha256-{hash}'")));
        assert!(out.contains("default-src 'self'"));
        assert!(!out.contains("http:") && !out.contains("https:"));
        // idempotent: a second run replaces the policy
        assert_eq!(harden_html(&out).unwrap().matches("Content-Security-Policy").count(), 1);
    }
}
