//! Kinds of work done at placement sites. One closed list shared by sites (what they offer),
//! restrictions (what a position ban bars) and matching. Names are Fluent messages
//! `work-kind-<code>` in `locales/*/work.ftl`.

use super::codes::{code_enum, impl_code};

code_enum! {
    /// A kind of work.
    pub enum WorkKind {
        /// Cleaning of buildings, streets and public spaces.
        Cleaning = "cleaning",
        /// Gardening, parks and landscaping.
        Gardening = "gardening",
        /// Construction and building work.
        Construction = "construction",
        /// Repair and maintenance.
        Repair = "repair",
        /// Kitchens and food preparation.
        Kitchen = "kitchen",
        /// Warehouses, sorting and loading.
        Warehouse = "warehouse",
        /// Office and administrative work.
        Office = "office",
        /// Care for elderly people.
        CareElderly = "care_elderly",
        /// Care for people with disabilities.
        CareDisabled = "care_disabled",
        /// Work with children.
        Childcare = "childcare",
        /// Education and tutoring.
        Education = "education",
        /// Driving vehicles.
        Driving = "driving",
        /// Animal care (shelters, farms).
        AnimalCare = "animal_care",
        /// Community events.
        CommunityEvents = "community_events",
        /// Sports facilities and coaching.
        Sports = "sports",
        /// Shops and charity retail.
        Retail = "retail",
    }
}
impl_code!(WorkKind);

impl WorkKind {
    /// The Fluent message key of the name (`work-kind-cleaning`).
    pub fn label_key(self) -> String {
        format!("work-kind-{}", self.as_str())
    }

    /// Whether the work normally brings contact with children.
    pub fn involves_children(self) -> bool {
        matches!(self, WorkKind::Childcare | WorkKind::Education)
    }

    /// Whether the work normally brings contact with vulnerable adults.
    pub fn involves_vulnerable_adults(self) -> bool {
        matches!(self, WorkKind::CareElderly | WorkKind::CareDisabled)
    }

    /// Whether the work needs driving.
    pub fn requires_driving(self) -> bool {
        self == WorkKind::Driving
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_unknown_codes_are_refused() {
        for kind in WorkKind::ALL {
            assert_eq!(WorkKind::parse(kind.as_str()), Some(*kind));
            assert_eq!(
                serde_json::to_string(kind).unwrap(),
                format!("\"{}\"", kind.as_str())
            );
        }
        assert_eq!(WorkKind::ALL.len(), 16);
        assert_eq!(WorkKind::parse("juggling"), None);
    }
}
