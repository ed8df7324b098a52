//! The candidates' search attributes as parallel arrays (structure of arrays), in tree
//! order, so that the scan of a leaf reads only the few bytes per candidate that each
//! test needs, and most candidates are rejected after reading 20 of them.

use super::super::availability::WeeklyAvailability;
use super::super::filter::Packed;
use super::super::location::Trig;
use super::super::profile::{CandidateKind, CandidateProfile, SiteFlags};
use super::super::tags::{NeedSet, TagSet};

const ACTIVE: u32 = 1;
const LOCATION_BOUND: u32 = 2;

/// Position, own radius and id of a candidate (40 bytes).
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    pub trig: Trig,
    pub radius_m: f64,
    pub id: i64,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Columns {
    /// bit 0 active, bit 1 location-bound, bits 8.. site flags, bits 16.. specialties.
    pub meta: Vec<u32>,
    pub skills: Vec<TagSet>,
    pub langs: Vec<TagSet>,
    pub work: Vec<TagSet>,
    pub avail: Vec<WeeklyAvailability>,
    /// What is read once a candidate passes the cheap tests: one cache line.
    pub place: Vec<Place>,
    /// Kept to rebuild a [`Packed`] exactly.
    flags: Vec<SiteFlags>,
    spec: Vec<NeedSet>,
}

impl Columns {
    pub fn new(cands: &[CandidateProfile]) -> Self {
        let mut c = Columns::default();
        for p in cands {
            let packed = Packed::of(p);
            let mut meta =
                u32::from(packed.flags.bits()) << 8 | u32::from(packed.spec.bits()) << 16;
            if packed.active {
                meta |= ACTIVE;
            }
            if packed.location_bound {
                meta |= LOCATION_BOUND;
            }
            c.meta.push(meta);
            c.skills.push(packed.skills);
            c.langs.push(packed.langs);
            c.work.push(packed.work);
            c.avail.push(packed.avail);
            c.place.push(Place {
                trig: p.location.trig(),
                radius_m: packed.radius_m,
                id: p.id,
            });
            c.flags.push(packed.flags);
            c.spec.push(packed.spec);
        }
        c
    }

    #[inline]
    pub fn active(meta: u32) -> bool {
        meta & ACTIVE != 0
    }

    #[inline]
    pub fn location_bound(meta: u32) -> bool {
        meta & LOCATION_BOUND != 0
    }

    #[inline]
    pub fn flags_bits(meta: u32) -> u8 {
        (meta >> 8) as u8
    }

    #[inline]
    pub fn spec_bits(meta: u32) -> u8 {
        (meta >> 16) as u8
    }

    /// The packed view of the candidate at `pos`.
    pub fn packed(&self, pos: usize, kind: CandidateKind) -> Packed {
        let meta = self.meta[pos];
        Packed {
            avail: self.avail[pos],
            skills: self.skills[pos],
            langs: self.langs[pos],
            work: self.work[pos],
            radius_m: self.place[pos].radius_m,
            flags: self.flags[pos],
            spec: self.spec[pos],
            kind,
            active: Self::active(meta),
            location_bound: Self::location_bound(meta),
        }
    }

    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.meta.capacity() * size_of::<u32>()
            + (self.skills.capacity() + self.langs.capacity() + self.work.capacity())
                * size_of::<TagSet>()
            + self.avail.capacity() * size_of::<WeeklyAvailability>()
            + self.place.capacity() * size_of::<Place>()
            + self.flags.capacity()
            + self.spec.capacity()
    }
}
