//! What a client needs support with; psychologists' specialties and mentors' offers meet them.

crate::code_enum! {
    /// A need of a client. Names are Fluent messages `need-<code>`.
    pub enum Need : "need-" {
        /// Finding or keeping work.
        Employment = "employment",
        /// Schooling, training, literacy.
        Education = "education",
        /// A place to live.
        Housing = "housing",
        /// Alcohol, drugs or gambling.
        Addiction = "addiction",
        /// Mental health.
        MentalHealth = "mental_health",
        /// Family relationships.
        Family = "family",
        /// Debt and money.
        Debt = "debt",
        /// Ties to the community.
        CommunityTies = "community_ties",
    }
}
