//! Compact sets of interned codes (languages, skills, kinds of work) and of needs.
//!
//! Free-text codes such as `"az"`, `"gardening"` or `"work_with_money"` are interned into
//! a [`Vocabulary`] of at most 64 entries, and a profile stores a [`TagSet`] (8 bytes)
//! instead of strings. Explanations turn ids back into codes with [`Vocabulary::name`];
//! the web layer translates codes into the user's language.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Maximum number of codes in one vocabulary.
pub const MAX_TAGS: usize = 64;

/// An interned code: an index into a [`Vocabulary`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag(u8);

impl Tag {
    /// The index of the code in its vocabulary.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// Why a code could not be interned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VocabularyError {
    /// The code is empty or only whitespace.
    EmptyCode,
    /// The vocabulary already has [`MAX_TAGS`] codes.
    Full,
    /// The code is not in the vocabulary (for look-ups that must not add).
    Unknown(String),
}

impl std::fmt::Display for VocabularyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::EmptyCode => f.write_str("empty code"),
            Self::Full => write!(f, "vocabulary is full ({MAX_TAGS} codes)"),
            Self::Unknown(code) => write!(f, "unknown code {code:?}"),
        }
    }
}

impl std::error::Error for VocabularyError {}

/// An interner of up to [`MAX_TAGS`] codes. Codes are trimmed; comparison is exact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    names: Vec<Box<str>>,
    ids: HashMap<Box<str>, Tag>,
}

impl Vocabulary {
    /// An empty vocabulary.
    pub fn new() -> Self {
        Self::default()
    }

    /// The id of `code`, adding it if new.
    pub fn intern(&mut self, code: &str) -> Result<Tag, VocabularyError> {
        let code = code.trim();
        if code.is_empty() {
            return Err(VocabularyError::EmptyCode);
        }
        if let Some(tag) = self.ids.get(code) {
            return Ok(*tag);
        }
        if self.names.len() >= MAX_TAGS {
            return Err(VocabularyError::Full);
        }
        let tag = Tag(self.names.len() as u8);
        self.names.push(code.into());
        self.ids.insert(code.into(), tag);
        Ok(tag)
    }

    /// The id of `code` if known.
    pub fn get(&self, code: &str) -> Option<Tag> {
        self.ids.get(code.trim()).copied()
    }

    /// Interns every code and returns the set.
    pub fn set_of<'a>(
        &mut self,
        codes: impl IntoIterator<Item = &'a str>,
    ) -> Result<TagSet, VocabularyError> {
        let mut set = TagSet::EMPTY;
        for code in codes {
            set.insert(self.intern(code)?);
        }
        Ok(set)
    }

    /// The set of known codes; an unknown code is an error.
    pub fn existing_set_of<'a>(
        &self,
        codes: impl IntoIterator<Item = &'a str>,
    ) -> Result<TagSet, VocabularyError> {
        let mut set = TagSet::EMPTY;
        for code in codes {
            let tag = self
                .get(code)
                .ok_or_else(|| VocabularyError::Unknown(code.to_owned()))?;
            set.insert(tag);
        }
        Ok(set)
    }

    /// The set of the known codes among `codes`; unknown codes are left out (a language no
    /// candidate speaks cannot be shared with anyone, so dropping it changes no match).
    pub fn known_set_of<'a>(&self, codes: impl IntoIterator<Item = &'a str>) -> TagSet {
        let mut set = TagSet::EMPTY;
        for tag in codes.into_iter().filter_map(|code| self.get(code)) {
            set.insert(tag);
        }
        set
    }

    /// The code of an id (`""` for an id from another vocabulary that is out of range).
    pub fn name(&self, tag: Tag) -> &str {
        self.names.get(tag.index()).map_or("", |n| n)
    }

    /// The codes of a set, in id order.
    pub fn names(&self, set: TagSet) -> Vec<String> {
        set.iter().map(|t| self.name(t).to_owned()).collect()
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the vocabulary has no codes.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// Approximate heap bytes used.
    pub fn heap_bytes(&self) -> usize {
        self.names.iter().map(|n| 2 * n.len() + 48).sum()
    }
}

/// The three vocabularies a matching index needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabularies {
    /// Language codes, e.g. ISO 639 `az`, `ru`, `en`.
    pub languages: Vocabulary,
    /// Skills and interests (client) / skills taught or needed (site, mentor).
    pub skills: Vocabulary,
    /// Kinds of work a site involves; a client's barred kinds of work use the same codes.
    pub work_kinds: Vocabulary,
}

/// A set of [`Tag`]s of one vocabulary (8 bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct TagSet(u64);

impl TagSet {
    /// The empty set.
    pub const EMPTY: Self = Self(0);

    /// The raw bits (bit `i` is the tag with index `i`).
    pub fn bits(self) -> u64 {
        self.0
    }

    /// Adds a tag.
    pub fn insert(&mut self, tag: Tag) {
        self.0 |= 1u64 << tag.0;
    }

    /// Whether the tag is in the set.
    #[inline]
    pub fn contains(&self, tag: Tag) -> bool {
        self.0 & (1u64 << tag.0) != 0
    }

    /// Tags in both sets.
    #[inline]
    pub fn intersection(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    /// Tags in either set.
    #[inline]
    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Whether the sets share a tag.
    #[inline]
    pub fn intersects(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }

    /// Number of tags.
    #[inline]
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// Whether the set is empty.
    #[inline]
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The tags in id order.
    pub fn iter(self) -> impl Iterator<Item = Tag> {
        (0..MAX_TAGS as u8)
            .filter(move |i| self.0 & (1u64 << i) != 0)
            .map(Tag)
    }
}

impl FromIterator<Tag> for TagSet {
    fn from_iter<I: IntoIterator<Item = Tag>>(iter: I) -> Self {
        let mut set = Self::EMPTY;
        for t in iter {
            set.insert(t);
        }
        set
    }
}

/// What a client needs support with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// Finding or keeping work.
    Employment,
    /// Schooling, training, literacy.
    Education,
    /// A place to live.
    Housing,
    /// Alcohol or drugs.
    Addiction,
    /// Mental health.
    MentalHealth,
    /// Family relationships.
    Family,
    /// Debt and money.
    Debt,
    /// Ties to the community.
    CommunityTies,
}

impl Need {
    /// All needs.
    pub const ALL: [Need; 8] = [
        Need::Employment,
        Need::Education,
        Need::Housing,
        Need::Addiction,
        Need::MentalHealth,
        Need::Family,
        Need::Debt,
        Need::CommunityTies,
    ];
}

/// A set of [`Need`]s (1 byte). Also used for a psychologist's specialties.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct NeedSet(u8);

impl NeedSet {
    /// The empty set.
    pub const EMPTY: Self = Self(0);

    /// The raw bits (bit `i` is `Need::ALL[i]`).
    pub fn bits(self) -> u8 {
        self.0
    }

    /// The set from raw bits.
    pub fn from_bits(bits: u8) -> Self {
        Self(bits)
    }

    /// Adds a need.
    pub fn insert(&mut self, need: Need) {
        self.0 |= 1 << need as u8;
    }

    /// Whether the need is in the set.
    pub fn contains(self, need: Need) -> bool {
        self.0 & (1 << need as u8) != 0
    }

    /// Needs in both sets.
    pub fn intersection(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    /// Needs in either set.
    pub fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// Number of needs.
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }

    /// Whether the set is empty.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The needs in declaration order.
    pub fn to_vec(self) -> Vec<Need> {
        Need::ALL
            .into_iter()
            .filter(|n| self.contains(*n))
            .collect()
    }
}

impl FromIterator<Need> for NeedSet {
    fn from_iter<I: IntoIterator<Item = Need>>(iter: I) -> Self {
        let mut set = Self::EMPTY;
        for n in iter {
            set.insert(n);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning() {
        let mut v = Vocabulary::new();
        let az = v.intern(" az ").unwrap();
        assert_eq!(v.intern("az").unwrap(), az);
        let ru = v.intern("ru").unwrap();
        assert_ne!(az, ru);
        assert_eq!(v.name(ru), "ru");
        assert_eq!(v.intern("  "), Err(VocabularyError::EmptyCode));
        let set = v.set_of(["az", "en"]).unwrap();
        assert_eq!(v.names(set), vec!["az".to_owned(), "en".to_owned()]);
        assert_eq!(
            v.existing_set_of(["xx"]),
            Err(VocabularyError::Unknown("xx".into()))
        );
        for i in v.len()..MAX_TAGS {
            v.intern(&format!("c{i}")).unwrap();
        }
        assert_eq!(v.intern("one-more"), Err(VocabularyError::Full));
        let last = v.get(&format!("c{}", MAX_TAGS - 1)).unwrap();
        let mut s = TagSet::EMPTY;
        s.insert(last);
        assert!(s.contains(last));
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![last]);
    }

    #[test]
    fn need_sets() {
        let a: NeedSet = [Need::Housing, Need::Debt].into_iter().collect();
        let b: NeedSet = [Need::Debt, Need::Family].into_iter().collect();
        assert_eq!(a.intersection(b).to_vec(), vec![Need::Debt]);
        assert_eq!(a.union(b).len(), 3);
        assert!(NeedSet::EMPTY.is_empty());
    }
}
