//! Weekly availability as a bitset of 7 days × 48 half-hour slots.
//!
//! Slot `s` of day `d` is bit `d * 48 + s`; slot 0 is 00:00–00:30. Windows are given as
//! (weekday, start minute, end minute) and set every half-hour slot that lies *entirely*
//! inside the window, so availability is never overstated. A window crossing midnight
//! must be split by the caller into two days.

use serde::{Deserialize, Serialize};

/// Slots per day.
pub const SLOTS_PER_DAY: usize = 48;
/// Minutes per slot.
pub const SLOT_MINUTES: u32 = 30;
const WORDS: usize = 6; // 336 bits used out of 384

/// Day of the week, Monday first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    /// Monday.
    Mon,
    /// Tuesday.
    Tue,
    /// Wednesday.
    Wed,
    /// Thursday.
    Thu,
    /// Friday.
    Fri,
    /// Saturday.
    Sat,
    /// Sunday.
    Sun,
}

impl Weekday {
    /// All days, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// 0 for Monday … 6 for Sunday.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Part of a day used in explanations: morning is before 12:00, afternoon 12:00–17:00,
/// evening from 17:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartOfDay {
    /// 00:00–12:00.
    Morning,
    /// 12:00–17:00.
    Afternoon,
    /// 17:00–24:00.
    Evening,
}

/// One part of one weekday, with how many minutes of it are in the set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct DayPart {
    /// The day.
    pub day: Weekday,
    /// The part of the day.
    pub part: PartOfDay,
    /// Minutes available in that part.
    pub minutes: u32,
}

/// Why an availability window was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AvailabilityError {
    /// The end is not after the start.
    EndNotAfterStart,
    /// The end is past 24:00 (1440 minutes).
    BeyondEndOfDay,
    /// The window does not contain one whole half-hour slot.
    ShorterThanOneSlot,
}

impl std::fmt::Display for AvailabilityError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Self::EndNotAfterStart => "the end of a window must be after its start",
            Self::BeyondEndOfDay => "a window must end by 24:00",
            Self::ShorterThanOneSlot => "a window must contain a whole half hour",
        };
        f.write_str(text)
    }
}

impl std::error::Error for AvailabilityError {}

/// A set of weekly half-hour slots (48 bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct WeeklyAvailability {
    bits: [u64; WORDS],
}

impl WeeklyAvailability {
    /// The empty set.
    pub const EMPTY: Self = Self { bits: [0; WORDS] };

    /// Every slot of every day.
    pub fn full() -> Self {
        let mut a = Self::EMPTY;
        for day in Weekday::ALL {
            a.set_slots(day, 0, SLOTS_PER_DAY);
        }
        a
    }

    /// Builds a set from windows `(day, start_minute, end_minute)`; see
    /// [`WeeklyAvailability::add_window`].
    pub fn from_windows(
        windows: impl IntoIterator<Item = (Weekday, u32, u32)>,
    ) -> Result<Self, AvailabilityError> {
        let mut a = Self::EMPTY;
        for (day, start, end) in windows {
            a.add_window(day, start, end)?;
        }
        Ok(a)
    }

    /// Adds the whole half-hour slots within `[start_minute, end_minute)` of `day`.
    /// Requires `start < end <= 1440` and at least one whole slot inside.
    pub fn add_window(
        &mut self,
        day: Weekday,
        start_minute: u32,
        end_minute: u32,
    ) -> Result<(), AvailabilityError> {
        if end_minute <= start_minute {
            return Err(AvailabilityError::EndNotAfterStart);
        }
        if end_minute > 24 * 60 {
            return Err(AvailabilityError::BeyondEndOfDay);
        }
        let first = start_minute.div_ceil(SLOT_MINUTES) as usize;
        let last = (end_minute / SLOT_MINUTES) as usize; // exclusive
        if last <= first {
            return Err(AvailabilityError::ShorterThanOneSlot);
        }
        self.set_slots(day, first, last);
        Ok(())
    }

    fn set_slots(&mut self, day: Weekday, first: usize, last: usize) {
        for slot in first..last {
            let bit = day.index() * SLOTS_PER_DAY + slot;
            self.bits[bit / 64] |= 1 << (bit % 64);
        }
    }

    /// Whether the slot starting at `slot * 30` minutes of `day` is in the set.
    pub fn contains(&self, day: Weekday, slot: usize) -> bool {
        if slot >= SLOTS_PER_DAY {
            return false;
        }
        let bit = day.index() * SLOTS_PER_DAY + slot;
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The slots in both sets.
    #[inline]
    pub fn intersection(&self, other: &Self) -> Self {
        let mut bits = [0; WORDS];
        for (i, b) in bits.iter_mut().enumerate() {
            *b = self.bits[i] & other.bits[i];
        }
        Self { bits }
    }

    /// The slots in either set.
    #[inline]
    pub fn union(&self, other: &Self) -> Self {
        let mut bits = [0; WORDS];
        for (i, b) in bits.iter_mut().enumerate() {
            *b = self.bits[i] | other.bits[i];
        }
        Self { bits }
    }

    /// The slots in `self` but not in `other`.
    #[inline]
    pub fn minus(&self, other: &Self) -> Self {
        let mut bits = [0; WORDS];
        for (i, b) in bits.iter_mut().enumerate() {
            *b = self.bits[i] & !other.bits[i];
        }
        Self { bits }
    }

    /// The indices of the slots in the set, `day × 48 + half-hour`, in order.
    pub fn slot_indices(&self) -> impl Iterator<Item = usize> + '_ {
        self.bits.iter().enumerate().flat_map(|(word, bits)| {
            (0..64)
                .filter(move |i| bits & (1u64 << i) != 0)
                .map(move |i| word * 64 + i)
        })
    }

    /// Whether the two sets share at least one slot.
    #[inline]
    pub fn overlaps(&self, other: &Self) -> bool {
        self.bits
            .iter()
            .zip(other.bits.iter())
            .any(|(a, b)| a & b != 0)
    }

    /// Number of shared slots.
    #[inline]
    pub fn overlap_slots(&self, other: &Self) -> u32 {
        self.bits
            .iter()
            .zip(other.bits.iter())
            .map(|(a, b)| (a & b).count_ones())
            .sum()
    }

    /// Number of slots in the set.
    pub fn slot_count(&self) -> u32 {
        self.bits.iter().map(|b| b.count_ones()).sum()
    }

    /// Whether no slot is set.
    pub fn is_empty(&self) -> bool {
        self.bits.iter().all(|b| *b == 0)
    }

    /// Total minutes in the set.
    pub fn minutes(&self) -> u32 {
        self.slot_count() * SLOT_MINUTES
    }

    /// Number of set slots among slots `from..to` of `day`.
    fn count_range(&self, day: Weekday, from: usize, to: usize) -> u32 {
        let (mut lo, hi) = (
            day.index() * SLOTS_PER_DAY + from,
            day.index() * SLOTS_PER_DAY + to,
        );
        let mut n = 0;
        while lo < hi {
            let (word, bit) = (lo / 64, lo % 64);
            let take = (64 - bit).min(hi - lo);
            let mask = if take == 64 {
                u64::MAX
            } else {
                ((1u64 << take) - 1) << bit
            };
            n += (self.bits[word] & mask).count_ones();
            lo += take;
        }
        n
    }

    /// The set summarised by day part, in week order, omitting empty parts.
    pub fn day_parts(&self) -> Vec<DayPart> {
        let mut out = Vec::new();
        for day in Weekday::ALL {
            for (part, from, to) in [
                (PartOfDay::Morning, 0, 24),
                (PartOfDay::Afternoon, 24, 34),
                (PartOfDay::Evening, 34, SLOTS_PER_DAY),
            ] {
                let n = self.count_range(day, from, to);
                if n > 0 {
                    out.push(DayPart {
                        day,
                        part,
                        minutes: n * SLOT_MINUTES,
                    });
                }
            }
        }
        out
    }

    /// The set as maximal windows `(day, start_minute, end_minute)`.
    pub fn windows(&self) -> Vec<(Weekday, u32, u32)> {
        let mut out = Vec::new();
        for day in Weekday::ALL {
            let mut slot = 0;
            while slot < SLOTS_PER_DAY {
                if self.contains(day, slot) {
                    let start = slot;
                    while slot < SLOTS_PER_DAY && self.contains(day, slot) {
                        slot += 1;
                    }
                    out.push((day, start as u32 * SLOT_MINUTES, slot as u32 * SLOT_MINUTES));
                } else {
                    slot += 1;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn windows_round_inwards() {
        let a =
            WeeklyAvailability::from_windows([(Weekday::Mon, 9 * 60 + 15, 12 * 60 + 10)]).unwrap();
        assert_eq!(a.windows(), vec![(Weekday::Mon, 570, 720)]);
        assert_eq!(a.slot_count(), 5);
        assert_eq!(a.minutes(), 150);
    }

    #[test]
    fn window_validation() {
        let mut a = WeeklyAvailability::EMPTY;
        assert_eq!(
            a.add_window(Weekday::Tue, 600, 600),
            Err(AvailabilityError::EndNotAfterStart)
        );
        assert_eq!(
            a.add_window(Weekday::Tue, 600, 1441),
            Err(AvailabilityError::BeyondEndOfDay)
        );
        assert_eq!(
            a.add_window(Weekday::Tue, 601, 629),
            Err(AvailabilityError::ShorterThanOneSlot)
        );
        assert!(a.add_window(Weekday::Sun, 0, 1440).is_ok());
        assert_eq!(a.slot_count(), 48);
        assert!(a.contains(Weekday::Sun, 47));
        assert!(!a.contains(Weekday::Sat, 47));
        assert!(!a.contains(Weekday::Sun, 48));
    }

    #[test]
    fn overlap_and_day_parts() {
        let a = WeeklyAvailability::from_windows([
            (Weekday::Mon, 9 * 60, 18 * 60),
            (Weekday::Sat, 10 * 60, 14 * 60),
        ])
        .unwrap();
        let b = WeeklyAvailability::from_windows([
            (Weekday::Mon, 11 * 60, 20 * 60),
            (Weekday::Sun, 10 * 60, 14 * 60),
        ])
        .unwrap();
        assert!(a.overlaps(&b));
        assert_eq!(a.overlap_slots(&b), 14);
        let both = a.intersection(&b);
        assert_eq!(
            both.day_parts(),
            vec![
                DayPart {
                    day: Weekday::Mon,
                    part: PartOfDay::Morning,
                    minutes: 60
                },
                DayPart {
                    day: Weekday::Mon,
                    part: PartOfDay::Afternoon,
                    minutes: 300
                },
                DayPart {
                    day: Weekday::Mon,
                    part: PartOfDay::Evening,
                    minutes: 60
                },
            ]
        );
        assert_eq!(
            a.union(&b).slot_count(),
            a.slot_count() + b.slot_count() - 14
        );
        assert_eq!(WeeklyAvailability::full().slot_count(), 336);
    }

    proptest! {
        #[test]
        fn windows_roundtrip(ws in prop::collection::vec((0usize..7, 0u32..48, 1u32..48), 0..8)) {
            let mut a = WeeklyAvailability::EMPTY;
            for (d, s, len) in ws {
                let end = (s + len).min(48);
                if end > s {
                    a.add_window(Weekday::ALL[d], s * 30, end * 30).unwrap();
                }
            }
            let b = WeeklyAvailability::from_windows(a.windows()).unwrap();
            prop_assert_eq!(a, b);
            let parts: u32 = a.day_parts().iter().map(|p| p.minutes).sum();
            prop_assert_eq!(parts, a.minutes());
            prop_assert_eq!(a.overlap_slots(&a), a.slot_count());
        }
    }
}
