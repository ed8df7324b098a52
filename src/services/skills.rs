//! The curated list of skills. Admins extend it; codes are stable and used in CSV and JSON.

use entity::skill;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;

use crate::domain::text::is_single_line;
use crate::error::{AppError, FieldError, FieldErrors};
use crate::i18n::Lang;

/// A skill with its name in one language.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct SkillView {
    /// Stable code.
    pub code: String,
    /// Name in the requested language.
    pub name: String,
    /// Whether it is offered in forms.
    pub active: bool,
}

fn name_in(model: &skill::Model, lang: Lang) -> String {
    match lang {
        Lang::Az => model.name_az.clone(),
        Lang::En => model.name_en.clone(),
        Lang::Ru => model.name_ru.clone(),
    }
}

/// All skills (active first), named in `lang`, sorted by name.
pub async fn list(
    db: &impl ConnectionTrait,
    lang: Lang,
    include_inactive: bool,
) -> Result<Vec<SkillView>, AppError> {
    let mut select = skill::Entity::find().order_by_asc(skill::Column::Code);
    if !include_inactive {
        select = select.filter(skill::Column::Active.eq(true));
    }
    let mut skills: Vec<SkillView> = select
        .all(db)
        .await?
        .iter()
        .map(|s| SkillView {
            code: s.code.clone(),
            name: name_in(s, lang),
            active: s.active,
        })
        .collect();
    skills.sort_by(|a, b| {
        (!a.active, crate::domain::text::search_key(&a.name))
            .cmp(&(!b.active, crate::domain::text::search_key(&b.name)))
    });
    Ok(skills)
}

/// Checks that every code names an active skill; returns them deduplicated.
pub async fn validate_codes(
    db: &impl ConnectionTrait,
    field: &str,
    codes: &[String],
) -> Result<Vec<String>, FieldError> {
    let known: Vec<String> = skill::Entity::find()
        .filter(skill::Column::Active.eq(true))
        .all(db)
        .await
        .map_err(|_| FieldError::new(field, "error-internal"))?
        .into_iter()
        .map(|s| s.code)
        .collect();
    check_codes(field, codes, |code| known.iter().any(|k| k == code))
}

/// Checks codes against the active skills (`known` tells whether a code is one); returns
/// them trimmed and deduplicated, in the order given.
pub fn check_codes(
    field: &str,
    codes: &[String],
    known: impl Fn(&str) -> bool,
) -> Result<Vec<String>, FieldError> {
    let mut out = Vec::new();
    for code in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        if !known(code) {
            return Err(FieldError::new(field, "error-skill-unknown"));
        }
        if !out.iter().any(|o: &String| o == code) {
            out.push(code.to_owned());
        }
    }
    Ok(out)
}

/// Input for a new skill.
#[derive(Clone, Debug, Default, serde::Deserialize, Serialize, utoipa::ToSchema)]
pub struct NewSkill {
    /// Code: lower-case letters, digits and `_`.
    #[serde(default)]
    pub code: String,
    /// English name.
    #[serde(default)]
    pub name_en: String,
    /// Azerbaijani name.
    #[serde(default)]
    pub name_az: String,
    /// Russian name.
    #[serde(default)]
    pub name_ru: String,
}

/// Adds a skill to the curated list.
pub async fn create(db: &impl ConnectionTrait, new: &NewSkill) -> Result<SkillView, AppError> {
    let mut errors = FieldErrors::new();
    let code = new.code.trim().to_owned();
    if code.is_empty()
        || code.len() > 64
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        errors.add("code", "error-skill-code");
    }
    for (field, value) in [
        ("name_en", &new.name_en),
        ("name_az", &new.name_az),
        ("name_ru", &new.name_ru),
    ] {
        let value = value.trim();
        if value.is_empty() {
            errors.add(field, "error-required");
        } else if value.chars().count() > 100 || !is_single_line(value) {
            errors.add(field, "error-name-invalid");
        }
    }
    errors.into_result()?;
    if skill::Entity::find()
        .filter(skill::Column::Code.eq(&code))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::field("code", "error-skill-taken"));
    }
    let model = skill::ActiveModel {
        code: Set(code),
        name_en: Set(new.name_en.trim().to_owned()),
        name_az: Set(new.name_az.trim().to_owned()),
        name_ru: Set(new.name_ru.trim().to_owned()),
        active: Set(true),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(SkillView {
        code: model.code.clone(),
        name: model.name_en,
        active: true,
    })
}
