//! Psychologists and social workers: the profession and the specialties they cover, closed
//! lists with stable codes; names are Fluent messages (`locales/*/professionals.ftl`).

crate::code_enum! {
    /// The profession of someone in the register of professionals.
    pub enum ProfessionalKind : "prof-kind-" {
        /// A psychologist.
        Psychologist = "psychologist",
        /// A social worker.
        SocialWorker = "social_worker",
    }
}

crate::code_enum! {
    /// What a professional can help with (matched against a client's needs).
    pub enum Specialty : "prof-specialty-" {
        /// Alcohol, drugs, gambling.
        Addiction = "addiction",
        /// Trauma.
        Trauma = "trauma",
        /// Family relationships.
        Family = "family",
        /// Anger management.
        Anger = "anger",
        /// Mental health.
        MentalHealth = "mental_health",
        /// Employment counselling.
        EmploymentCounselling = "employment_counselling",
        /// Education and training.
        Education = "education",
        /// Housing.
        Housing = "housing",
        /// Debt and money.
        Debt = "debt",
        /// Young people.
        Youth = "youth",
        /// Domestic violence.
        DomesticViolence = "domestic_violence",
        /// Grief and loss.
        Grief = "grief",
    }
}

/// The codes of every specialty, in the order forms list them.
pub fn specialty_codes() -> Vec<&'static str> {
    Specialty::ALL.iter().map(|s| s.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specialties_have_stable_codes() {
        assert_eq!(Specialty::ALL.len(), 12);
        assert_eq!(Specialty::parse("debt"), Some(Specialty::Debt));
        assert_eq!(
            Specialty::parse("mental-health"),
            Some(Specialty::MentalHealth)
        );
        assert_eq!(
            ProfessionalKind::parse("SOCIAL_WORKER"),
            Some(ProfessionalKind::SocialWorker)
        );
        assert_eq!(Specialty::Grief.message_key(), "prof-specialty-grief");
    }
}
