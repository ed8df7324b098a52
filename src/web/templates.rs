//! Tera templates, compiled into the binary from `templates/`. Autoescaping is on for
//! `.html` templates; `.txt` templates (e-mail text parts and subjects) are plain text.

use rust_embed::RustEmbed;
use tera::Tera;

use crate::i18n;

#[derive(RustEmbed)]
#[folder = "templates/"]
struct TemplateFiles;

/// Loads every template and registers the service's template functions and filters.
pub fn load() -> anyhow::Result<Tera> {
    let mut tera = Tera::new();
    i18n::register_template_function(&mut tera);
    register_filters(&mut tera);
    let mut sources = Vec::new();
    for name in TemplateFiles::iter() {
        let Some(file) = TemplateFiles::get(&name) else {
            continue;
        };
        let text = String::from_utf8(file.data.into_owned())
            .map_err(|_| anyhow::anyhow!("template {name} is not UTF-8"))?;
        sources.push((name.into_owned(), text));
    }
    tera.add_raw_templates(sources)
        .map_err(|e| anyhow::anyhow!("templates: {e}"))?;
    Ok(tera)
}

fn register_filters(tera: &mut Tera) {
    // `{{ x | number }}` or `{{ x | number(decimals=1) }}`: in the page's language notation.
    tera.register_filter(
        "number",
        |value: &tera::Value,
         kwargs: tera::Kwargs,
         state: &tera::State|
         -> tera::TeraResult<String> {
            let decimals: usize = kwargs.get("decimals")?.unwrap_or(0);
            let lang = state
                .get::<String>("lang")?
                .and_then(|code| i18n::Lang::parse(&code))
                .unwrap_or(i18n::Lang::En);
            Ok(match value.as_f64() {
                Some(n) => i18n::format_number(lang, n, decimals),
                None => value.to_string(),
            })
        },
    );
    // Dates arrive as RFC 3339 strings; show them as "2026-11-28 15:04" (UTC) or "2026-11-28".
    tera.register_filter(
        "datetime",
        |value: &str, _: tera::Kwargs, _: &tera::State| -> String {
            chrono::DateTime::parse_from_rfc3339(value)
                .map(|d| d.naive_utc().format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_else(|_| value.to_owned())
        },
    );
}
