//! Capacity in use: places taken at sites (by weekly half-hour slot), mentees per mentor,
//! open referrals per psychologist. Read from the database in one pass per kind; the cache
//! keeps it until the `usage` generation changes.
//!
//! A site has room for a client when, in at least one half-hour slot shared by the client's
//! availability and the site's schedule, fewer active placements occupy the slot than the
//! site's capacity. A placement occupies the shared slots that had room when it was made.

use std::collections::HashMap;

use entity::{mentoring, placement, referral};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::domain::availability::Weekly;
use crate::domain::matching::WeeklyAvailability;
use crate::error::AppError;

use super::convert;

/// Slots in a week.
pub const SLOTS: usize = 7 * 48;

/// Placements occupying each slot of a site's week.
#[derive(Clone, Debug)]
pub struct SlotCounts(Box<[u16; SLOTS]>);

impl Default for SlotCounts {
    fn default() -> Self {
        SlotCounts(Box::new([0; SLOTS]))
    }
}

impl SlotCounts {
    /// Counts a placement occupying `slots`.
    pub fn add(&mut self, slots: &WeeklyAvailability) {
        for i in slots.slot_indices().filter(|i| *i < SLOTS) {
            self.0[i] = self.0[i].saturating_add(1);
        }
    }

    /// Places left for a client available at `wanted` (already cut to the site's schedule):
    /// capacity minus the least occupied shared slot. No shared slot: the whole capacity
    /// (the matching engine reports the missing overlap itself).
    pub fn free(&self, capacity: u32, wanted: &WeeklyAvailability) -> u32 {
        wanted
            .slot_indices()
            .filter(|i| *i < SLOTS)
            .map(|i| u32::from(self.0[i]))
            .min()
            .map_or(capacity, |least| capacity.saturating_sub(least))
    }

    /// Places free at every slot of `slots` (a site's whole schedule): capacity minus the
    /// most occupied slot. This is the capacity a batch run gives a site, so every client
    /// proposed there still finds room whatever their hours.
    pub fn free_everywhere(&self, capacity: u32, slots: &WeeklyAvailability) -> u32 {
        let most = slots
            .slot_indices()
            .filter(|i| *i < SLOTS)
            .map(|i| u32::from(self.0[i]))
            .max()
            .unwrap_or(0);
        capacity.saturating_sub(most)
    }

    /// The slots of `wanted` that still have room under `capacity`.
    pub fn with_room(&self, capacity: u32, wanted: &WeeklyAvailability) -> Vec<usize> {
        wanted
            .slot_indices()
            .filter(|i| *i < SLOTS && u32::from(self.0[*i]) < capacity)
            .collect()
    }
}

/// Capacity in use, by candidate id.
#[derive(Clone, Debug, Default)]
pub struct Usage {
    /// Occupied slots per site.
    pub sites: HashMap<i64, SlotCounts>,
    /// Active mentorings per volunteer.
    pub mentors: HashMap<i64, u32>,
    /// Pending or accepted referrals per professional.
    pub psychologists: HashMap<i64, u32>,
}

/// Placement status that holds a place.
pub const PLACEMENT_ACTIVE: &str = "active";
/// Mentoring status that holds a place.
pub const MENTORING_ACTIVE: &str = "active";
/// Referral statuses that count against a caseload.
pub const REFERRAL_OPEN: [&str; 2] = ["pending", "accepted"];

/// Reads all capacity in use.
pub async fn load(db: &impl ConnectionTrait) -> Result<Usage, AppError> {
    let mut usage = Usage::default();
    let placements: Vec<(i64, String)> = placement::Entity::find()
        .select_only()
        .column(placement::Column::SiteId)
        .column(placement::Column::Windows)
        .filter(placement::Column::Status.eq(PLACEMENT_ACTIVE))
        .into_tuple()
        .all(db)
        .await?;
    for (site_id, windows) in placements {
        usage
            .sites
            .entry(site_id)
            .or_default()
            .add(&convert::weekly(&Weekly::from_json(&windows)));
    }
    let mentorings: Vec<i64> = mentoring::Entity::find()
        .select_only()
        .column(mentoring::Column::VolunteerId)
        .filter(mentoring::Column::Status.eq(MENTORING_ACTIVE))
        .into_tuple()
        .all(db)
        .await?;
    for id in mentorings {
        *usage.mentors.entry(id).or_default() += 1;
    }
    let referrals: Vec<i64> = referral::Entity::find()
        .select_only()
        .column(referral::Column::ProfessionalId)
        .filter(referral::Column::Status.is_in(REFERRAL_OPEN))
        .into_tuple()
        .all(db)
        .await?;
    for id in referrals {
        *usage.psychologists.entry(id).or_default() += 1;
    }
    Ok(usage)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::matching::Weekday;

    fn slots(day: Weekday, start: u32, end: u32) -> WeeklyAvailability {
        WeeklyAvailability::from_windows([(day, start, end)]).unwrap()
    }

    #[test]
    fn a_site_has_room_while_one_shared_slot_is_below_capacity() {
        let mut counts = SlotCounts::default();
        counts.add(&slots(Weekday::Mon, 9 * 60, 11 * 60));
        counts.add(&slots(Weekday::Mon, 9 * 60, 10 * 60));
        let morning = slots(Weekday::Mon, 9 * 60, 11 * 60);
        assert_eq!(
            counts.free(2, &morning),
            1,
            "10:00–11:00 has one place left"
        );
        assert_eq!(counts.with_room(2, &morning).len(), 2);
        assert_eq!(counts.free(2, &slots(Weekday::Mon, 9 * 60, 10 * 60)), 0);
        assert_eq!(counts.free(2, &slots(Weekday::Tue, 9 * 60, 10 * 60)), 2);
    }

    #[test]
    fn a_batch_counts_only_the_places_free_at_every_hour_of_the_schedule() {
        let mut counts = SlotCounts::default();
        counts.add(&slots(Weekday::Mon, 9 * 60, 10 * 60));
        counts.add(&slots(Weekday::Mon, 9 * 60, 10 * 60));
        let schedule = slots(Weekday::Mon, 9 * 60, 12 * 60);
        assert_eq!(counts.free(3, &schedule), 3, "10:00–12:00 is empty");
        assert_eq!(
            counts.free_everywhere(3, &schedule),
            1,
            "9:00–10:00 has one"
        );
        assert_eq!(counts.free_everywhere(2, &schedule), 0);
    }
}

/// Slot indices (`day × 48 + half-hour`) as weekly windows, joining neighbouring slots.
pub fn slots_to_weekly(slots: &[usize]) -> Weekly {
    let mut windows: Vec<crate::domain::availability::Window> = Vec::new();
    let mut sorted: Vec<usize> = slots.iter().copied().filter(|s| *s < SLOTS).collect();
    sorted.sort_unstable();
    sorted.dedup();
    for slot in sorted {
        let day = (slot / 48) as u8;
        let start = ((slot % 48) * 30) as u16;
        match windows.last_mut() {
            Some(w) if w.day == day && w.end == start => w.end = start + 30,
            _ => windows.push(crate::domain::availability::Window {
                day,
                start,
                end: start + 30,
            }),
        }
    }
    Weekly::normalised(windows)
}

#[cfg(test)]
mod slot_tests {
    use super::*;

    #[test]
    fn neighbouring_slots_join_into_windows() {
        // Monday 09:00–10:00 and Tuesday 18:30–19:00.
        let weekly = slots_to_weekly(&[18, 19, 48 + 37]);
        let json = weekly.to_json();
        assert_eq!(
            json,
            r#"[{"day":0,"start":"09:00","end":"10:00"},{"day":1,"start":"18:30","end":"19:00"}]"#
        );
        assert_eq!(
            convert::weekly(&weekly).slot_indices().collect::<Vec<_>>(),
            vec![18, 19, 85]
        );
    }
}
