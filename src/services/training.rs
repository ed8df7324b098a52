//! Training modules for volunteers: admins define them (names in three languages, whether
//! approval requires them, how long a completion stays valid); coordinators record completions
//! (see `volunteers::vetting`).

use entity::training_module;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};

use crate::domain::text::is_single_line;
use crate::domain::volunteer::{number_or_text, parse_whole};
use crate::error::{AppError, FieldErrors};
use crate::i18n::Lang;

/// Longest validity accepted, months.
pub const MAX_VALIDITY_MONTHS: i32 = 120;

/// A module as shown.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct ModuleView {
    /// Id.
    pub id: i64,
    /// Stable code.
    pub code: String,
    /// Name in the requested language.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Azerbaijani name.
    pub name_az: String,
    /// Russian name.
    pub name_ru: String,
    /// Approval requires a valid completion.
    pub mandatory: bool,
    /// A completion lapses after this many months (never when empty).
    pub validity_months: Option<i32>,
    /// Offered for new completions (inactive modules never block approval).
    pub active: bool,
}

/// The name of a module in `lang`.
pub fn name_in(model: &training_module::Model, lang: Lang) -> String {
    match lang {
        Lang::Az => model.name_az.clone(),
        Lang::En => model.name_en.clone(),
        Lang::Ru => model.name_ru.clone(),
    }
}

/// The view of a module in `lang`.
pub fn view(model: training_module::Model, lang: Lang) -> ModuleView {
    ModuleView {
        id: model.id,
        name: name_in(&model, lang),
        code: model.code,
        name_en: model.name_en,
        name_az: model.name_az,
        name_ru: model.name_ru,
        mandatory: model.mandatory,
        validity_months: model.validity_months,
        active: model.active,
    }
}

/// All modules (or the active ones), in creation order.
pub async fn all(
    db: &impl ConnectionTrait,
    include_inactive: bool,
) -> Result<Vec<training_module::Model>, AppError> {
    let mut select = training_module::Entity::find().order_by_asc(training_module::Column::Id);
    if !include_inactive {
        select = select.filter(training_module::Column::Active.eq(true));
    }
    Ok(select.all(db).await?)
}

/// All modules named in `lang`.
pub async fn list(
    db: &impl ConnectionTrait,
    lang: Lang,
    include_inactive: bool,
) -> Result<Vec<ModuleView>, AppError> {
    Ok(all(db, include_inactive)
        .await?
        .into_iter()
        .map(|m| view(m, lang))
        .collect())
}

/// A module definition as submitted (new or changed).
#[derive(Clone, Debug, Default, Deserialize, Serialize, utoipa::ToSchema)]
pub struct ModuleInput {
    /// Code: lower-case letters, digits and `_` (ignored when changing a module).
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
    /// Approval requires it.
    #[serde(default)]
    pub mandatory: bool,
    /// Months a completion stays valid; empty or absent for no expiry.
    #[serde(default, deserialize_with = "number_or_text")]
    #[schema(value_type = Option<i32>)]
    pub validity_months: String,
    /// Offered for new completions (default: true for a new module, unchanged for an update).
    #[serde(default)]
    pub active: Option<bool>,
}

struct Parsed {
    names: [String; 3],
    validity_months: Option<i32>,
}

fn parse(input: &ModuleInput) -> Result<Parsed, AppError> {
    let mut errors = FieldErrors::new();
    let mut names: [String; 3] = Default::default();
    for (i, (field, value)) in [
        ("name_en", &input.name_en),
        ("name_az", &input.name_az),
        ("name_ru", &input.name_ru),
    ]
    .into_iter()
    .enumerate()
    {
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if value.is_empty() {
            errors.add(field, "error-required");
        } else if value.chars().count() > 150 || !is_single_line(&value) {
            errors.add(field, "error-name-invalid");
        }
        names[i] = value;
    }
    let validity_months = if input.validity_months.trim().is_empty() {
        None
    } else {
        errors.take(parse_whole(
            "validity_months",
            &input.validity_months,
            1,
            MAX_VALIDITY_MONTHS,
        ))
    };
    errors.into_result()?;
    Ok(Parsed {
        names,
        validity_months,
    })
}

/// Adds a module.
pub async fn create(
    db: &impl ConnectionTrait,
    input: &ModuleInput,
    lang: Lang,
) -> Result<ModuleView, AppError> {
    let code = input.code.trim().to_owned();
    let code_ok = !code.is_empty()
        && code.len() <= 64
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    let parsed = match (parse(input), code_ok) {
        (Ok(p), true) => p,
        (Ok(_), false) => return Err(AppError::field("code", "error-skill-code")),
        (Err(AppError::Validation(mut errors)), ok) => {
            if !ok {
                errors.add("code", "error-skill-code");
            }
            return Err(AppError::Validation(errors));
        }
        (Err(other), _) => return Err(other),
    };
    if training_module::Entity::find()
        .filter(training_module::Column::Code.eq(&code))
        .one(db)
        .await?
        .is_some()
    {
        return Err(AppError::field("code", "error-module-taken"));
    }
    let [name_en, name_az, name_ru] = parsed.names;
    let model = training_module::ActiveModel {
        code: Set(code),
        name_en: Set(name_en),
        name_az: Set(name_az),
        name_ru: Set(name_ru),
        mandatory: Set(input.mandatory),
        validity_months: Set(parsed.validity_months),
        active: Set(input.active.unwrap_or(true)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(view(model, lang))
}

/// Changes a module (not its code). Existing completions keep the expiry they were given.
pub async fn update(
    db: &impl ConnectionTrait,
    id: i64,
    input: &ModuleInput,
    lang: Lang,
) -> Result<ModuleView, AppError> {
    let model = training_module::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let parsed = parse(input)?;
    let [name_en, name_az, name_ru] = parsed.names;
    let keep_active = model.active;
    let mut active: training_module::ActiveModel = model.into();
    active.name_en = Set(name_en);
    active.name_az = Set(name_az);
    active.name_ru = Set(name_ru);
    active.mandatory = Set(input.mandatory);
    active.validity_months = Set(parsed.validity_months);
    active.active = Set(input.active.unwrap_or(keep_active));
    Ok(view(active.update(db).await?, lang))
}
