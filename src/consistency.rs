//! Consistency checks: facts a document states twice that do not agree.
//!
//! Each finding is a warning with a stable code (listed in the README) and
//! the input line where the second statement was read:
//!
//! | code                             | what disagrees                                        |
//! |----------------------------------|-------------------------------------------------------|
//! | `vote.exceeds_members`           | pour + contre + abstention > members who could vote   |
//! | `attendance.count_mismatch`      | "Présents : N" and the number of names listed present |
//! | `attendance.present_and_absent`  | a member listed present and excused or absent         |
//! | `attendance.proxy_from_present`  | a proxy given by a member listed present (no time)    |
//! | `number.duplicate`               | a deliberation number seen twice in one file or run   |

use std::collections::{HashMap, HashSet};

use crate::model::{Attendance, Deliberation, Diagnostic, Document, Person};
use crate::parse::trivia::{fold, folded};

/// Runs every check on a parsed document and appends its findings to
/// `doc.diagnostics`. A finding shared by several items of a procès-verbal
/// (which repeat the sitting's attendance) is reported once.
pub fn check(doc: &mut Document) {
    let mut found = Vec::new();
    for d in &doc.deliberations {
        check_votes(d, &mut found);
        check_attendance(d, &mut found);
    }
    let mut numbers = NumberRegistry::default();
    for d in &doc.deliberations {
        if let Some(diag) = numbers.register(d, &doc.source.path) {
            found.push(diag);
        }
    }
    let mut seen = HashSet::new();
    for diag in found {
        if seen.insert((diag.code.clone(), diag.line, diag.message.clone())) {
            doc.diagnostics.push(diag);
        }
    }
}

/// The members who could take part in a vote: the members in office when
/// the text says how many, otherwise every member it names (present,
/// excused or absent: an excused member may have delegated a vote that the
/// text does not print, as the Pas-de-Calais commission permanente does).
fn members_who_could_vote(a: &Attendance) -> Option<u32> {
    if let Some(n) = a.counts.in_office {
        return Some(n);
    }
    let present = a
        .counts
        .present
        .or_else(|| (!a.present.is_empty()).then_some(a.present.len() as u32))?;
    Some(present + (a.excused.len() + a.absent.len()) as u32)
}

fn check_votes(d: &Deliberation, out: &mut Vec<Diagnostic>) {
    let Some(v) = &d.vote else { return };
    let cast = v.for_.unwrap_or(0) + v.against.unwrap_or(0) + v.abstention.unwrap_or(0);
    if cast == 0 {
        return;
    }
    if let Some(max) = members_who_could_vote(&d.attendance)
        && cast > max
    {
        out.push(Diagnostic::warning(
            "vote.exceeds_members",
            d.provenance.vote.map(|s| s[0]).or(Some(d.lines[0])),
            format!(
                "{cast} votes (pour {}, contre {}, abstention {}) but only {max} members in office or named",
                v.for_.unwrap_or(0),
                v.against.unwrap_or(0),
                v.abstention.unwrap_or(0)
            ),
        ));
    }
}

/// A person's identity for comparisons: the folded name without civility.
fn identity(p: &Person) -> String {
    let parts: [&str; 3] = match (&p.given_name, &p.family_name) {
        (Some(g), Some(f)) => [f, " ", g],
        (None, Some(f)) => [f, "", ""],
        _ => [&p.text, "", ""],
    };
    // ASCII, nearly every byte of a name, is read without decoding.
    let mut words = IdentityWords::with_capacity(parts.iter().map(|s| s.len()).sum());
    for part in parts {
        let mut i = 0;
        while let Some(&b) = part.as_bytes().get(i) {
            if b.is_ascii() {
                words.push(char::from(b.to_ascii_lowercase()));
                i += 1;
            } else {
                let c = part[i..].chars().next().expect("a character starts here");
                words.push(fold(c));
                i += c.len_utf8();
            }
        }
    }
    words.out
}

/// The words of an [`identity`] as its folded characters are pushed:
/// letters and digits, one space between the runs of them.
struct IdentityWords {
    out: String,
    gap: bool,
}

impl IdentityWords {
    fn with_capacity(n: usize) -> Self {
        IdentityWords {
            out: String::with_capacity(n),
            gap: false,
        }
    }

    fn push(&mut self, c: char) {
        if !c.is_alphanumeric() {
            self.gap = true;
            return;
        }
        if self.gap && !self.out.is_empty() {
            self.out.push(' ');
        }
        self.gap = false;
        self.out.push(c);
    }
}

fn check_attendance(d: &Deliberation, out: &mut Vec<Diagnostic>) {
    let a = &d.attendance;
    let line = d.provenance.attendance.map(|s| s[0]).or(Some(d.lines[0]));
    if let Some(n) = a.counts.present
        && !a.present.is_empty()
        && n as usize != a.present.len()
    {
        out.push(Diagnostic::warning(
            "attendance.count_mismatch",
            d.provenance.counts.map(|s| s[0]).or(line),
            format!(
                "the text counts {n} members present but lists {}",
                a.present.len()
            ),
        ));
    }
    // Nothing to compare the present with: their names are not folded.
    if a.excused.is_empty() && a.absent.is_empty() && a.proxies.is_empty() {
        return;
    }
    // Sized at once: collected from a filter, the set would grow (and
    // rehash) several times over a list of thirty names.
    let mut present = HashSet::with_capacity(a.present.len());
    present.extend(a.present.iter().map(identity).filter(|k| !k.is_empty()));
    for p in a.excused.iter().chain(&a.absent) {
        if present.contains(&identity(p)) {
            out.push(Diagnostic::warning(
                "attendance.present_and_absent",
                line,
                format!("{} is listed both present and excused or absent", p.text),
            ));
        }
    }
    for proxy in &a.proxies {
        // A proxy with a time ("à partir de 11 H") is given by a member who
        // leaves or arrives during the meeting: being listed present is normal.
        if proxy.when.is_none() && present.contains(&identity(&proxy.from)) {
            out.push(Diagnostic::warning(
                "attendance.proxy_from_present",
                line,
                format!(
                    "{} gives a proxy to {} but is listed present",
                    proxy.from.text, proxy.to.text
                ),
            ));
        }
    }
}

/// Deliberation numbers seen so far, per collectivité, to find one given twice.
#[derive(Debug, Default)]
pub struct NumberRegistry {
    seen: HashMap<(String, String), (String, u32)>,
}

impl NumberRegistry {
    fn key(d: &Deliberation) -> Option<(String, String)> {
        let number = d.number.as_deref()?;
        let coll = d
            .collectivity
            .as_ref()
            .and_then(|c| c.name.as_deref())
            .map(folded)
            .unwrap_or_default();
        Some((coll, number.to_string()))
    }

    /// Records `d`'s number as read in `path`; returns a `number.duplicate`
    /// finding when the same collectivité already used it.
    pub fn register(&mut self, d: &Deliberation, path: &str) -> Option<Diagnostic> {
        let key = Self::key(d)?;
        let number = &key.1;
        match self.seen.get(&key) {
            Some((first_path, first_line)) => Some(Diagnostic::warning(
                "number.duplicate",
                Some(d.lines[0]),
                format!(
                    "deliberation number {number} already seen in {first_path} line {first_line}"
                ),
            )),
            None => {
                self.seen.insert(key, (path.to_string(), d.lines[0]));
                None
            }
        }
    }
}

impl NumberRegistry {
    /// Records the numbers of a whole document for a run over many files:
    /// returns the numbers another file already used (a number repeated
    /// inside the document was reported by [`check`]).
    pub fn register_document(&mut self, doc: &Document) -> Vec<Diagnostic> {
        let mut in_doc = HashSet::new();
        doc.deliberations
            .iter()
            .filter(|d| Self::key(d).is_some_and(|k| in_doc.insert(k)))
            .filter_map(|d| self.register(d, &doc.source.path))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        crate::parse_bytes("t.txt", text.as_bytes())
    }

    fn codes(d: &Document) -> Vec<&str> {
        d.diagnostics.iter().map(|x| x.code.as_str()).collect()
    }

    const HEAD: &str = "COMMUNE DE SAINT-MARTIN\nSéance du 12 mai 2023\n";

    /// [`identity`] of a name without given and family names, read one
    /// character at a time.
    fn identity_by_char(text: &str) -> String {
        let mut words = IdentityWords::with_capacity(text.len());
        text.chars().map(fold).for_each(|c| words.push(c));
        words.out
    }

    proptest::proptest! {
        #[test]
        fn identity_reads_as_each_character_folded(text in "[a-zA-Z0-9 .'’\\-éÉçŒœΩ\u{301}]{0,16}") {
            let p = Person { text: text.clone(), ..Person::default() };
            proptest::prop_assert_eq!(identity(&p), identity_by_char(&text));
        }
    }

    #[test]
    fn identity_is_the_folded_words_family_name_first() {
        let p = Person {
            text: "Mme Élise DU-PONT".into(),
            given_name: Some("Élise".into()),
            family_name: Some("DU-PONT".into()),
            ..Person::default()
        };
        assert_eq!(identity(&p), "du pont elise");
    }

    #[test]
    fn votes_beyond_the_members_in_office() {
        let d = doc(&format!(
            "{HEAD}Conseillers en exercice : 11\n\nDélibération n° 2023-01\nObjet : Voirie\n\nLe Conseil municipal, après en avoir délibéré,\n\nArticle 1 : approuve.\n\nPour : 10\nContre : 2\nAbstention : 1\n"
        ));
        assert!(
            codes(&d).contains(&"vote.exceeds_members"),
            "{:?}",
            d.diagnostics
        );
        let diag = d
            .diagnostics
            .iter()
            .find(|x| x.code == "vote.exceeds_members")
            .unwrap();
        assert_eq!(diag.line, Some(12), "the line of \"Pour : 10\"");
    }

    #[test]
    fn present_count_against_the_list() {
        let d = doc(&format!(
            "{HEAD}Présents : 3\nPrésents : M. Jean DUPONT, Mme Anne MARTIN\n\nDélibération n° 2023-02\nObjet : Voirie\n\nArticle 1 : approuve.\n"
        ));
        assert!(
            codes(&d).contains(&"attendance.count_mismatch"),
            "{:?}",
            d.diagnostics
        );
    }

    #[test]
    fn present_and_excused_and_proxy_from_present() {
        let d = doc(&format!(
            "{HEAD}Présents : M. Jean DUPONT, Mme Anne MARTIN, M. Paul DURAND\nExcusés : Mme Anne MARTIN\nPouvoirs : M. Paul DURAND à M. Jean DUPONT\n\nDélibération n° 2023-03\nObjet : Voirie\n\nArticle 1 : approuve.\n"
        ));
        let c = codes(&d);
        assert!(
            c.contains(&"attendance.present_and_absent"),
            "{:?}",
            d.diagnostics
        );
        assert!(
            c.contains(&"attendance.proxy_from_present"),
            "{:?}",
            d.diagnostics
        );
    }

    #[test]
    fn a_consistent_deliberation_has_no_finding() {
        let d = doc(&format!(
            "{HEAD}Conseillers en exercice : 11\nPrésents : M. Jean DUPONT, Mme Anne MARTIN\nExcusés : M. Paul DURAND\n\nDélibération n° 2023-04\nObjet : Voirie\n\nArticle 1 : approuve.\n\nPour : 2\n"
        ));
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    }

    #[test]
    fn numbers_are_per_collectivity() {
        let mut reg = NumberRegistry::default();
        let mut d = Deliberation {
            number: Some("2023-01".into()),
            ..Default::default()
        };
        assert!(reg.register(&d, "a.txt").is_none());
        assert!(reg.register(&d, "b.txt").is_some());
        d.collectivity = Some(crate::model::Collectivity {
            name: Some("Commune de X".into()),
            kind: "commune".into(),
        });
        assert!(reg.register(&d, "c.txt").is_none());
    }
}
