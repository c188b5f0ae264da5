//! The JWT inspector (token mode): the token in three colours, its decoded JSON, each
//! claim explained with human times, the verdict of server A at the world's time, and
//! a tamper editor whose token can be sent with `GET /me`.

use crate::sim::browser::TOKEN_KEY;
use crate::sim::clock::{countdown, format_http_date, SECOND};
use crate::sim::token::{TamperError, Unreadable};
use crate::sim::Action;
use crate::ui::engine::Engine;
use crate::ui::i18n::notes::{say, Said};
use crate::ui::i18n::Lang;
use crate::ui::state::use_app;
use leptos::prelude::*;

/// A decoded part as indented JSON, or why it cannot be shown, in `lang`.
fn pretty(lang: Lang, v: &Result<serde_json::Value, Unreadable>) -> String {
    match v {
        Ok(v) => serde_json::to_string_pretty(v).unwrap_or_default(),
        // Nothing to show of an empty part: the problems list says why, once.
        Err(Unreadable::Empty { .. }) => String::new(),
        Err(e) => format!("⚠ {}", say(lang, Said::Unreadable(e))),
    }
}

/// What the payload editor starts from: the decoded payload, else nothing.
fn editable(v: &Result<serde_json::Value, Unreadable>) -> String {
    v.as_ref().map(|v| serde_json::to_string_pretty(v).unwrap_or_default()).unwrap_or_default()
}

/// The inspector (it decodes and verifies with the engine).
#[component]
pub fn JwtInspector(
    /// The loaded engine.
    engine: Engine,
) -> impl IntoView {
    let app = use_app();
    let stored = Memo::new(move |_| app.world.with(|w| w.browser.local_storage.get(TOKEN_KEY).cloned()));
    let editor = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(t) = stored.get() {
            editor.set(t);
        }
    });
    let ins = Signal::derive(move || (engine.inspect)(editor.get().trim()));
    let verdict = Signal::derive(move || {
        let token = editor.get();
        app.world.with(|w| (engine.verdict)(w, &token))
    });
    let payload_edit = RwSignal::new(String::new());
    Effect::new(move |_| payload_edit.set(ins.with(|i| editable(&i.payload))));
    let edit_error = RwSignal::new(None::<TamperError>);
    let apply_payload = move |_| match (engine.tamper)(editor.get_untracked().trim(), &payload_edit.get_untracked()) {
        Ok(t) => {
            edit_error.set(None);
            editor.set(t);
        }
        Err(e) => edit_error.set(Some(e)),
    };
    let claims = move || {
        let now = app.world.with(|w| w.now());
        let t = app.t();
        ins.with(|i| {
            let Ok(serde_json::Value::Object(map)) = &i.payload else {
                return Vec::new();
            };
            map.iter()
                .map(|(k, v)| {
                    let what = match k.as_str() {
                        "sub" => t.claim_sub,
                        "name" => t.claim_name,
                        "role" => t.claim_role,
                        "iat" => t.claim_iat,
                        "exp" => t.claim_exp,
                        "nbf" => t.claim_nbf,
                        "jti" => t.claim_jti,
                        _ => t.claim_other,
                    };
                    let when = v.as_i64().filter(|_| matches!(k.as_str(), "iat" | "exp" | "nbf")).map(|secs| {
                        let at = secs.saturating_mul(SECOND);
                        let rel = if k == "exp" {
                            if at > now {
                                format!("{} {}", t.expires_in, countdown(at - now))
                            } else {
                                format!("{} {}", t.expired_ago, countdown(now - at))
                            }
                        } else {
                            String::new()
                        };
                        format!("{} {rel}", format_http_date(at))
                    });
                    (k.clone(), v.to_string(), what, when.unwrap_or_default())
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="jwt" aria-labelledby="jwt-title">
            <h3 id="jwt-title">{app.tr(|t| t.jwt_inspector)}</h3>
            <label class="block">
                <span>{app.tr(|t| t.jwt_encoded)}</span>
                <textarea
                    data-testid="jwt-encoded"
                    class="mono"
                    rows="4"
                    spellcheck="false"
                    prop:value=move || editor.get()
                    on:input=move |ev| editor.set(event_target_value(&ev))
                ></textarea>
            </label>
            <p class="jwt-colored mono" aria-hidden="true">
                <span class="jwt-h">{move || ins.with(|i| i.header_b64.clone())}</span>
                <span class="dot">"."</span>
                <span class="jwt-p">{move || ins.with(|i| i.payload_b64.clone())}</span>
                <span class="dot">"."</span>
                <span class="jwt-s">{move || ins.with(|i| i.signature_b64.clone())}</span>
            </p>
            <div class="jwt-parts">
                <figure class="part part-h">
                    <figcaption>{app.tr(|t| t.jwt_header)}</figcaption>
                    <pre class="mono" data-testid="jwt-header">{move || ins.with(|i| pretty(app.lang.get(), &i.header))}</pre>
                </figure>
                <figure class="part part-p">
                    <figcaption>{app.tr(|t| t.jwt_payload)}</figcaption>
                    <pre class="mono" data-testid="jwt-payload">{move || ins.with(|i| pretty(app.lang.get(), &i.payload))}</pre>
                </figure>
                <figure class="part part-s">
                    <figcaption>{app.tr(|t| t.jwt_signature)}</figcaption>
                    <pre class="mono" data-testid="jwt-signature">
                        {move || {
                            let lang = app.lang.get();
                            ins.with(|i| match i.signature_len {
                                Some(0) | None if i.signature_b64.is_empty() => String::new(),
                                Some(n) if lang == Lang::Ko => format!("{}\n({n}바이트, HMAC-SHA256)", i.signature_b64),
                                Some(n) => format!("{}\n({n} bytes, HMAC-SHA256)", i.signature_b64),
                                None => format!("⚠ {}", i.signature_b64),
                            })
                        }}
                    </pre>
                </figure>
            </div>
            <ul class="problems">
                {move || {
                    let lang = app.lang.get();
                    ins.with(|i| i.problems.iter().map(|p| view! { <li>{say(lang, Said::Rejection(p))}</li> }).collect_view())
                }}
            </ul>
            <table class="dt claims">
                <tbody>
                    {move || {
                        claims()
                            .into_iter()
                            .map(|(k, v, what, when)| {
                                view! {
                                    <tr>
                                        <td class="mono">{k}</td>
                                        <td class="mono value">{v}</td>
                                        <td>{what} <span class="when">{when}</span></td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            <p
                class="verdict"
                data-testid="jwt-verdict"
                data-valid=move || verdict.with(|v| v.is_ok()).to_string()
                class:ok=move || verdict.with(|v| v.is_ok())
            >
                {move || match verdict.get() {
                    Ok(sub) => format!("✓ {} ({sub})", app.t().verdict_ok),
                    Err(why) => format!("✗ {}", say(app.lang.get(), Said::Rejection(&why))),
                }}
            </p>
            <details class="tamper">
                <summary>{app.tr(|t| t.tamper)}</summary>
                <textarea
                    class="mono"
                    rows="7"
                    aria-label=app.tr(|t| t.jwt_payload)
                    data-testid="jwt-payload-editor"
                    prop:value=move || payload_edit.get()
                    on:input=move |ev| payload_edit.set(event_target_value(&ev))
                ></textarea>
                <button type="button" class="chip" data-testid="jwt-apply-payload" on:click=apply_payload>
                    {app.tr(|t| t.tamper_apply)}
                </button>
                <Show when=move || edit_error.get().is_some()>
                    <p class="error">
                        {move || edit_error.get().map(|e| say(app.lang.get(), Said::Tamper(&e))).unwrap_or_default()}
                    </p>
                </Show>
            </details>
            <button
                type="button"
                class="primary"
                data-testid="jwt-send"
                on:click=move |_| app.dispatch(Action::SendToken { token: editor.get_untracked().trim().to_string() })
            >
                {app.tr(|t| t.jwt_send)}
            </button>
        </section>
    }
}
