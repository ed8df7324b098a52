//! Kinds of work done at placement sites (and barred by position bans): a closed list with
//! stable codes; names are the Fluent messages `work-<code>` (`locales/*/work.ftl`).

crate::code_enum! {
    /// A kind of work.
    pub enum WorkKind : "work-" {
        /// Cleaning of streets, buildings, public places.
        Cleaning = "cleaning",
        /// Parks, green spaces, planting.
        Gardening = "gardening",
        /// Building work.
        Construction = "construction",
        /// Repairs and maintenance.
        Repair = "repair",
        /// Kitchens and food distribution.
        Kitchen = "kitchen",
        /// Warehouses, sorting, loading.
        Warehouse = "warehouse",
        /// Office and clerical work.
        Office = "office",
        /// Care for elderly people.
        CareElderly = "care_elderly",
        /// Care for people with disabilities.
        CareDisabled = "care_disabled",
        /// Work with young children.
        Childcare = "childcare",
        /// Schools, libraries, teaching support.
        Education = "education",
        /// Driving vehicles.
        Driving = "driving",
        /// Animal shelters and farms.
        AnimalCare = "animal_care",
        /// Community events.
        CommunityEvents = "community_events",
        /// Sports grounds and clubs.
        Sports = "sports",
        /// Charity shops and retail.
        Retail = "retail",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_parse_leniently() {
        assert_eq!(WorkKind::ALL.len(), 16);
        for kind in WorkKind::ALL {
            assert_eq!(WorkKind::parse(kind.as_str()), Some(*kind));
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::json!(kind.as_str())
            );
        }
        assert_eq!(
            WorkKind::parse(" Care-Elderly "),
            Some(WorkKind::CareElderly)
        );
        assert_eq!(WorkKind::parse("juggling"), None);
        assert_eq!(WorkKind::AnimalCare.message_key(), "work-animal_care");
    }
}
