//! Reasons, exclusions and refusals in plain words in the reader's language ("3.4 km away",
//! "both free Tue and Thu evenings", "speaks Azerbaijani"). Pages and the API show the same
//! sentences; the message keys are `match-reason-*`, `match-excl-*` and `match-refusal-*` in
//! `locales/*/matching.ftl`. Names used inside a sentence have their own keys, written as
//! they read mid-sentence in each language (`match-need-*`: "mental health"; `match-lang-*`:
//! "rus dili"; `match-work-*`), apart from the capitalised labels of forms and lists.

use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;

use super::assign::Refusal;
use crate::domain::matching::{
    CandidateKind, DayPart, Exclusion, Need, PartOfDay, Reason, RiskFlag, Weekday,
};
use crate::i18n::{self, Args, Lang};
use crate::services::clients::restrictions::ZoneName;

/// What words need besides the language: names of skills by code, and of the client's
/// exclusion zones by the engine's zone index.
pub struct Words {
    lang: Lang,
    skills: HashMap<String, String>,
    zones: Vec<ZoneName>,
}

fn arg(name: &'static str, value: impl Into<FluentValue<'static>>) -> Args {
    i18n::args([(name, value.into())])
}

impl Words {
    /// Words in `lang`, naming skills with `skills` (code → name).
    pub fn new(lang: Lang, skills: HashMap<String, String>) -> Self {
        Self {
            lang,
            skills,
            zones: Vec::new(),
        }
    }

    /// The same words, naming the client's exclusion zones (see
    /// `clients::restrictions::exclusion_zone_names`).
    pub fn with_zones(mut self, zones: Vec<ZoneName>) -> Self {
        self.zones = zones;
        self
    }

    /// The language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    fn t(&self, key: &str, args: &Args) -> String {
        i18n::t_args(self.lang, key, args)
    }

    /// Kilometres with one decimal, in the language's notation ("3.4", "3,4").
    pub fn km(&self, km: f64) -> String {
        i18n::format_number(self.lang, km.max(0.0), 1)
    }

    /// A spoken language by code as it reads mid-sentence ("Azerbaijani", "rus dili",
    /// "русский"), or the code itself when not a common one.
    pub fn language(&self, code: &str) -> String {
        if crate::domain::language::COMMON.contains(&code) {
            i18n::t(self.lang, &format!("match-lang-{code}"))
        } else {
            code.to_owned()
        }
    }

    fn skill(&self, code: &str) -> String {
        self.skills
            .get(code)
            .cloned()
            .unwrap_or_else(|| code.to_owned())
    }

    fn need(&self, need: Need) -> String {
        let code = serde_json::to_value(need)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        i18n::t(self.lang, &format!("match-need-{code}"))
    }

    /// "a", "a and b", "a, b and c".
    fn list(&self, mut items: Vec<String>) -> String {
        match items.len() {
            0 => String::new(),
            1 => items.remove(0),
            n => {
                let last = items.remove(n - 1);
                self.t(
                    "match-list-and",
                    &i18n::args([("first", items.join(", ").into()), ("last", last.into())]),
                )
            }
        }
    }

    fn day(&self, day: Weekday) -> String {
        i18n::t(self.lang, &format!("match-day-{}", day.index()))
    }

    /// "Tue and Thu evenings; Sat morning and afternoon": days grouped by part of the day,
    /// parts with the same days said together.
    fn when(&self, parts: &[DayPart]) -> String {
        let mut groups: Vec<(Vec<Weekday>, Vec<PartOfDay>)> = Vec::new();
        for part in [PartOfDay::Morning, PartOfDay::Afternoon, PartOfDay::Evening] {
            let days: Vec<Weekday> = parts
                .iter()
                .filter(|p| p.part == part)
                .map(|p| p.day)
                .collect();
            if days.is_empty() {
                continue;
            }
            match groups.iter_mut().find(|(d, _)| *d == days) {
                Some((_, same)) => same.push(part),
                None => groups.push((days, vec![part])),
            }
        }
        groups
            .into_iter()
            .map(|(days, day_parts)| {
                let count = arg("count", days.len() as i64);
                let names = day_parts
                    .iter()
                    .map(|part| {
                        let key = match part {
                            PartOfDay::Morning => "match-part-morning",
                            PartOfDay::Afternoon => "match-part-afternoon",
                            PartOfDay::Evening => "match-part-evening",
                        };
                        self.t(key, &count)
                    })
                    .collect();
                self.t(
                    "match-days-parts",
                    &i18n::args([
                        (
                            "days",
                            self.list(days.into_iter().map(|d| self.day(d)).collect())
                                .into(),
                        ),
                        ("parts", self.list(names).into()),
                    ]),
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// One reason why a candidate is suggested.
    pub fn reason(&self, kind: CandidateKind, reason: &Reason) -> String {
        match reason {
            Reason::Distance { km } => self.t("match-reason-distance", &arg("km", self.km(*km))),
            Reason::Remote => self.t("match-reason-remote", &Args::new()),
            Reason::SharedAvailability { slots, minutes } => self.t(
                "match-reason-availability",
                &i18n::args([
                    ("when", self.when(slots).into()),
                    ("hours", self.km(f64::from(*minutes) / 60.0).into()),
                ]),
            ),
            Reason::SharedLanguage { lang, preferred } => self.t(
                if *preferred {
                    "match-reason-language-preferred"
                } else {
                    "match-reason-language"
                },
                &arg("language", self.language(lang)),
            ),
            Reason::SkillsOverlap { skills } => {
                let names = self.list(skills.iter().map(|s| self.skill(s)).collect());
                let key = match kind {
                    CandidateKind::Site => "match-reason-skills-site",
                    _ => "match-reason-skills",
                };
                self.t(key, &arg("skills", names))
            }
            Reason::SpecialtiesCover { needs } => self.t(
                "match-reason-specialties",
                &arg(
                    "needs",
                    self.list(needs.iter().map(|n| self.need(*n)).collect()),
                ),
            ),
            Reason::Continuity => self.t("match-reason-continuity", &Args::new()),
        }
    }

    /// One constraint that excludes a candidate, with its numbers.
    pub fn exclusion(&self, kind: CandidateKind, exclusion: &Exclusion) -> String {
        let none = Args::new();
        match exclusion {
            Exclusion::UnknownCandidate => self.t("match-excl-unknown", &none),
            Exclusion::Inactive => self.t("match-excl-inactive", &none),
            Exclusion::NoCapacity => self.t(
                match kind {
                    CandidateKind::Site => "match-excl-full-site",
                    CandidateKind::Mentor => "match-excl-full-mentor",
                    CandidateKind::Psychologist => "match-excl-full-psychologist",
                },
                &none,
            ),
            Exclusion::TooFar { km, limit_km } => self.t(
                "match-excl-too-far",
                &i18n::args([
                    ("km", self.km(*km).into()),
                    ("limit", self.km(*limit_km).into()),
                ]),
            ),
            Exclusion::BeyondCandidateRadius { km, limit_km } => self.t(
                "match-excl-beyond-radius",
                &i18n::args([
                    ("km", self.km(*km).into()),
                    ("limit", self.km(*limit_km).into()),
                ]),
            ),
            Exclusion::OutsidePermittedArea => self.t("match-excl-outside-area", &none),
            Exclusion::InsideExclusionZone { zone } => match self.zones.get(*zone) {
                Some(ZoneName {
                    note: Some(note), ..
                }) => self.t("match-excl-zone-note", &arg("note", note.clone())),
                Some(name) => self.t("match-excl-zone", &arg("zone", name.number as i64)),
                None => self.t("match-excl-zone", &arg("zone", (*zone as i64) + 1)),
            },
            Exclusion::FlagClash { flag } => self.t(
                match flag {
                    RiskFlag::NoWorkWithChildren => "match-excl-flag-children",
                    RiskFlag::NoWorkWithVulnerableAdults => "match-excl-flag-vulnerable",
                    RiskFlag::MustNotWorkAlone => "match-excl-flag-alone",
                    RiskFlag::NoHeavyPhysicalWork => "match-excl-flag-heavy",
                },
                &none,
            ),
            Exclusion::DrivingRequired => self.t("match-excl-driving", &none),
            Exclusion::BarredWork { kind } => self.t(
                "match-excl-barred",
                &arg("work", i18n::t(self.lang, &format!("match-work-{kind}"))),
            ),
            Exclusion::NoSharedLanguage => self.t("match-excl-language", &none),
            Exclusion::NoAvailabilityOverlap => self.t("match-excl-availability", &none),
            Exclusion::SpecialtyMismatch => self.t("match-excl-specialty", &none),
        }
    }

    /// Why an assignment was refused: one sentence per cause.
    pub fn refusal(&self, kind: CandidateKind, refusal: &Refusal) -> Vec<String> {
        match refusal {
            Refusal::Excluded(list) => list.iter().map(|e| self.exclusion(kind, e)).collect(),
            Refusal::Full => vec![self.t("match-refusal-full", &Args::new())],
            Refusal::AlreadyAssigned => vec![self.t("match-refusal-already", &Args::new())],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_and_exclusion_has_words_in_every_language() {
        let reasons = [
            Reason::Distance { km: 3.44 },
            Reason::Remote,
            Reason::SharedAvailability {
                slots: vec![
                    DayPart {
                        day: Weekday::Tue,
                        part: PartOfDay::Evening,
                        minutes: 120,
                    },
                    DayPart {
                        day: Weekday::Thu,
                        part: PartOfDay::Evening,
                        minutes: 120,
                    },
                ],
                minutes: 240,
            },
            Reason::SharedLanguage {
                lang: "az".into(),
                preferred: true,
            },
            Reason::SkillsOverlap {
                skills: vec!["carpentry".into()],
            },
            Reason::SpecialtiesCover {
                needs: vec![Need::Addiction],
            },
            Reason::Continuity,
        ];
        let exclusions = [
            Exclusion::UnknownCandidate,
            Exclusion::Inactive,
            Exclusion::NoCapacity,
            Exclusion::TooFar {
                km: 12.0,
                limit_km: 10.0,
            },
            Exclusion::BeyondCandidateRadius {
                km: 12.0,
                limit_km: 5.0,
            },
            Exclusion::OutsidePermittedArea,
            Exclusion::InsideExclusionZone { zone: 0 },
            Exclusion::FlagClash {
                flag: RiskFlag::NoHeavyPhysicalWork,
            },
            Exclusion::DrivingRequired,
            Exclusion::BarredWork {
                kind: "childcare".into(),
            },
            Exclusion::NoSharedLanguage,
            Exclusion::NoAvailabilityOverlap,
            Exclusion::SpecialtyMismatch,
        ];
        for lang in Lang::ALL {
            let words = Words::new(lang, HashMap::new());
            for r in &reasons {
                let text = words.reason(CandidateKind::Site, r);
                assert!(!text.is_empty() && !text.contains("match-"), "{text}");
            }
            for e in &exclusions {
                let text = words.exclusion(CandidateKind::Mentor, e);
                assert!(!text.is_empty() && !text.contains("match-"), "{text}");
            }
        }
        let en = Words::new(Lang::En, HashMap::new());
        assert_eq!(en.reason(CandidateKind::Site, &reasons[0]), "3.4 km away");
        assert!(
            en.reason(CandidateKind::Site, &reasons[2])
                .contains("both free Tue and Thu evenings (4.0 h a week)"),
            "{}",
            en.reason(CandidateKind::Site, &reasons[2])
        );
        assert_eq!(Words::new(Lang::Az, HashMap::new()).km(3.44), "3,4");
    }

    #[test]
    fn parts_of_the_day_with_the_same_days_are_said_together() {
        let slot = |day, part| DayPart {
            day,
            part,
            minutes: 60,
        };
        let reason = Reason::SharedAvailability {
            slots: vec![
                slot(Weekday::Tue, PartOfDay::Morning),
                slot(Weekday::Tue, PartOfDay::Afternoon),
                slot(Weekday::Thu, PartOfDay::Evening),
            ],
            minutes: 180,
        };
        let text = |lang| Words::new(lang, HashMap::new()).reason(CandidateKind::Site, &reason);
        assert_eq!(
            text(Lang::En),
            "both free Tue morning and afternoon; Thu evening (3.0 h a week)"
        );
        assert_eq!(
            text(Lang::Ru),
            "оба свободны: вт утром и днём; чт вечером (3,0 ч в неделю)"
        );
    }

    #[test]
    fn names_inside_sentences_are_written_as_they_read_mid_sentence() {
        let needs = Reason::SpecialtiesCover {
            needs: vec![Need::MentalHealth, Need::Addiction],
        };
        let language = |lang: &str| Reason::SharedLanguage {
            lang: lang.into(),
            preferred: false,
        };
        let barred = Exclusion::BarredWork {
            kind: "childcare".into(),
        };
        let words = |lang: Lang| Words::new(lang, HashMap::new());
        let site = CandidateKind::Site;
        let en = words(Lang::En);
        assert_eq!(
            en.reason(site, &needs),
            "specialises in mental health and addiction"
        );
        assert_eq!(en.reason(site, &language("az")), "speaks Azerbaijani");
        assert_eq!(
            en.exclusion(site, &barred),
            "the work includes childcare, which the client is barred from"
        );
        let az = words(Lang::Az);
        assert_eq!(
            az.reason(site, &needs),
            "ixtisası: psixi sağlamlıq və asılılıq"
        );
        assert_eq!(az.reason(site, &language("ru")), "ortaq dil: rus dili");
        assert_eq!(
            az.reason(site, &language("az")),
            "ortaq dil: Azərbaycan dili"
        );
        let ru = words(Lang::Ru);
        assert_eq!(
            ru.reason(site, &needs),
            "специализация: психическое здоровье и зависимость"
        );
        assert_eq!(ru.reason(site, &language("ru")), "общий язык: русский");
        assert_eq!(
            ru.exclusion(site, &barred),
            "в работу входит «уход за детьми», а клиенту это запрещено"
        );
    }

    #[test]
    fn exclusion_zones_are_named_by_their_note_or_their_number() {
        let zones = vec![
            ZoneName {
                number: 1,
                note: None,
            },
            ZoneName {
                number: 2,
                note: Some("around the school".into()),
            },
            ZoneName {
                number: 2,
                note: Some("around the school".into()),
            },
        ];
        let en = Words::new(Lang::En, HashMap::new()).with_zones(zones);
        let zone = |zone: usize| Exclusion::InsideExclusionZone { zone };
        let site = CandidateKind::Site;
        assert_eq!(
            en.exclusion(site, &zone(0)),
            "inside the client's exclusion zone no. 1"
        );
        assert_eq!(
            en.exclusion(site, &zone(2)),
            "inside the client's exclusion zone “around the school”"
        );
        assert_eq!(
            Words::new(Lang::Ru, HashMap::new()).exclusion(site, &zone(4)),
            "внутри запретной зоны клиента № 5",
            "without names, the engine's number"
        );
    }
}
