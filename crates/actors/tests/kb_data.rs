//! Data tests: every knowledge-base and gazetteer file loads and is internally consistent.

use std::collections::BTreeMap;

use newsgraph_actors::kb::{code_well_formed, Target};
use newsgraph_actors::{ActorClass, Gazetteer, Kb};

fn kb() -> Kb {
    match Kb::builtin() {
        Ok(kb) => kb,
        Err(e) => panic!("built-in knowledge base is invalid:\n{e}"),
    }
}

#[test]
fn every_file_loads_without_a_bad_line() {
    let kb = kb();
    assert!(
        kb.countries.len() >= 225,
        "countries: {}",
        kb.countries.len()
    );
    assert!(
        kb.actors
            .iter()
            .filter(|a| a.class == ActorClass::Person)
            .count()
            >= 300
    );
    if let Err(e) = Gazetteer::builtin() {
        panic!("gazetteer is invalid:\n{e}");
    }
}

#[test]
fn codes_are_well_formed_and_start_with_a_known_prefix() {
    let kb = kb();
    for a in &kb.actors {
        for code in a.code.iter().chain(a.roles.iter().map(|r| &r.code)) {
            assert!(code_well_formed(code), "{}: code {code}", a.canonical);
            assert!(kb.code_prefix_known(code), "{}: code {code}", a.canonical);
        }
        if let Some(c) = &a.country {
            assert!(kb.is_country(c), "{}: country {c}", a.canonical);
        }
    }
    for m in &kb.metonyms {
        assert!(
            code_well_formed(&m.code) && kb.code_prefix_known(&m.code),
            "{}",
            m.alias
        );
    }
}

#[test]
fn role_dates_are_ordered_and_offices_known() {
    let kb = kb();
    for a in &kb.actors {
        for r in &a.roles {
            if let Some(to) = r.to {
                assert!(
                    r.from <= to,
                    "{}: {} ends before it starts",
                    a.canonical,
                    r.title
                );
            }
            assert!(kb.is_title(&r.title), "{}: office {}", a.canonical, r.title);
        }
        if a.class == ActorClass::Person {
            assert!(!a.roles.is_empty(), "{} has no role", a.canonical);
            assert!(a.gender.is_some(), "{} has no gender", a.canonical);
        }
    }
}

/// Two actors may share a phrase only when a rule separates them: one is an acronym (matched
/// in capitals) and the other a name, both are people whose roles never overlap in time
/// (the publication date picks one), or both are groups or organisations of two different
/// countries (the country in context picks one).
#[test]
fn no_alias_resolves_to_two_actors_without_a_rule() {
    let kb = kb();
    let mut problems = Vec::new();
    for (phrase, targets) in &kb.phrases {
        let mut by_kind: BTreeMap<bool, Vec<usize>> = BTreeMap::new();
        for t in targets {
            match *t {
                Target::Name(id) => by_kind.entry(false).or_default().push(id),
                Target::Acronym(id) => by_kind.entry(true).or_default().push(id),
                _ => {}
            }
        }
        for ids in by_kind.values() {
            for (i, &a) in ids.iter().enumerate() {
                for &b in &ids[i + 1..] {
                    let (x, y) = (&kb.actors[a], &kb.actors[b]);
                    let separated = x.class == ActorClass::Person
                        && y.class == ActorClass::Person
                        && x.roles.iter().all(|r| {
                            y.roles.iter().all(|s| {
                                r.to.is_some_and(|t| t <= s.from)
                                    || s.to.is_some_and(|t| t <= r.from)
                            })
                        });
                    let other_countries = x.class != ActorClass::Person
                        && y.class != ActorClass::Person
                        && x.country.is_some()
                        && y.country.is_some()
                        && x.country != y.country;
                    if !separated && !other_countries {
                        problems.push(format!("`{phrase}`: {} / {}", x.canonical, y.canonical));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "ambiguous aliases:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_capital_is_in_the_gazetteer() {
    let kb = kb();
    let gaz = match Gazetteer::builtin() {
        Ok(g) => g,
        Err(e) => panic!("{e}"),
    };
    let mut missing = Vec::new();
    for m in kb.metonyms.iter().filter(|m| !m.seat) {
        let key = newsgraph_actors::norm::phrase_key(&m.alias);
        if gaz.best(&key, &[]).is_none() {
            missing.push(m.alias.clone());
        }
    }
    assert!(
        missing.len() <= 12,
        "capitals missing from the gazetteer: {missing:?}"
    );
}

#[test]
fn a_country_with_only_a_word_for_its_people_names_its_bodies_by_its_name() {
    let kb = kb();
    assert_eq!(kb.adjective("SYR"), "Syrian");
    assert_eq!(kb.adjective("SLB"), "Solomon Islands");
    assert_eq!(kb.adjective("NZL"), "New Zealand");
}
