//! Share and export: copy an `<iframe>` line for the current view, export the run as
//! a Mermaid sequence diagram (copy or download) or as a HAR 1.2 file.

use crate::sim::config::Choice;
use crate::sim::scenario::SCENARIO_IDS;
use crate::ui::embed;
use crate::ui::engine::Engine;
use crate::ui::state::use_app;
use crate::ui::tour::Tour;
use crate::ui::url_state::Theme;
use leptos::prelude::*;

/// The share tab: the embed line and the exports.
#[component]
pub fn ShareDetails() -> impl IntoView {
    let app = use_app();
    let tour = expect_context::<Tour>();
    // Shown when the clipboard refuses: the text, selected, to copy by hand.
    let manual = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<&'static str>);
    let copy = move |text: String| {
        let fallback = text.clone();
        embed::copy_text(
            &text,
            move || {
                manual.set(None);
                status.set(Some(app.t().copied));
            },
            move || {
                manual.set(Some(fallback));
                status.set(Some(app.t().copy_refused));
            },
        );
    };
    let embed_code = move || {
        let c = app.world.with(|w| w.config);
        let mut params = vec![
            ("mode", c.mode.id().to_string()),
            ("lang", app.lang.get().id().to_string()),
            ("theme", if app.theme.get() == Theme::Dark { "dark" } else { "light" }.to_string()),
        ];
        if let Some(p) = tour.pos.get() {
            params.push(("scenario", SCENARIO_IDS.get(p.scenario).copied().unwrap_or_default().to_string()));
            params.push(("step", (p.step + 1).to_string()));
        } else {
            params.push(("servers", c.servers.to_string()));
            params.push(("lb", c.lb.id().to_string()));
            params.push(("store", c.store.id().to_string()));
            params.push(("transport", c.transport.id().to_string()));
            params.push(("samesite", c.samesite.id().to_string()));
            params.push(("csrf", c.csrf.id().to_string()));
            params.push(("token_store", c.token_store.id().to_string()));
        }
        let t = app.t();
        embed::embed_code(&embed::base_url(), &params, t.embed_title, t.open_full)
    };
    // The exports are the engine's (it is in long before there is anything to export).
    let mermaid = move |e: Engine| app.world.with(|w| (e.mermaid)(w));
    let report = move |r: Result<(), String>| {
        if let Err(e) = r {
            app.notice(e);
        }
    };
    view! {
        <section class="share" aria-labelledby="share-title">
            <h3 id="share-title">{app.tr(|t| t.share)}</h3>
            <div class="row">
                <button type="button" class="chip" data-testid="copy-embed" on:click=move |_| copy(embed_code())>
                    {app.tr(|t| t.copy_embed)}
                </button>
                <button type="button" class="chip" data-testid="export-mermaid" on:click=move |_| app.with_engine(move |e| copy(mermaid(e)))>
                    {app.tr(|t| t.export_mermaid)}
                </button>
                <button
                    type="button"
                    class="chip"
                    data-testid="export-mermaid-download"
                    on:click=move |_| {
                        app.with_engine(move |e| {
                            report(embed::download("auth-playground.mmd", "text/plain", &mermaid(e)))
                        })
                    }
                >
                    {app.tr(|t| t.download_mermaid)}
                </button>
                <button
                    type="button"
                    class="chip"
                    data-testid="export-har"
                    on:click=move |_| {
                        app.with_engine(move |e| {
                            let har = app.world.with(|w| (e.har)(w));
                            report(embed::download("auth-playground.har", "application/json", &har));
                        })
                    }
                >
                    {app.tr(|t| t.export_har)}
                </button>
            </div>
            <p class="status" role="status">{move || status.get().unwrap_or_default()}</p>
            <Show when=move || manual.get().is_some()>
                <textarea
                    class="mono manual-copy"
                    data-testid="copy-fallback"
                    readonly
                    rows="4"
                    aria-label=app.tr(|t| t.copy_refused)
                    prop:value=move || manual.get().unwrap_or_default()
                    on:focus=move |ev| {
                        use wasm_bindgen::JsCast;
                        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                            t.select();
                        }
                    }
                ></textarea>
            </Show>
        </section>
    }
}
