//! The process environment a launch sees: variable → value, sorted by name.
//!
//! A launch sets a handful of `WANDB_*` variables, so a sorted `Vec` found by binary search
//! does what a `BTreeMap` would (the same order, a repeated name keeping its last value) with
//! a fraction of the code: the B-tree's node handling was ≈ 7.5 KB of the wasm module before
//! linking, carried for maps of five entries.

/// Environment variables by name, iterated in name order. Build one with
/// `EnvVars::from([("WANDB_RESUME", "allow")])`, `.collect()` or [`insert`](Self::insert).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EnvVars {
    /// Sorted by name, each name once.
    vars: Vec<(String, String)>,
}

impl EnvVars {
    /// An empty environment.
    pub fn new() -> Self {
        Self::default()
    }

    fn find(&self, name: &str) -> Result<usize, usize> {
        self.vars.binary_search_by(|(k, _)| k.as_str().cmp(name))
    }

    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&String> {
        self.find(name).ok().map(|i| &self.vars[i].1)
    }

    /// The value of `name` to change in place, if set.
    pub fn get_mut(&mut self, name: &str) -> Option<&mut String> {
        self.find(name).ok().map(|i| &mut self.vars[i].1)
    }

    /// Whether `name` is set (to anything, the empty string included).
    pub fn contains_key(&self, name: &str) -> bool {
        self.find(name).is_ok()
    }

    /// Sets `name` to `value`, returning the value it replaces.
    pub fn insert(&mut self, name: String, value: String) -> Option<String> {
        match self.find(&name) {
            Ok(i) => Some(std::mem::replace(&mut self.vars[i].1, value)),
            Err(i) => {
                self.vars.insert(i, (name, value));
                None
            }
        }
    }

    /// Unsets `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<String> {
        self.find(name).ok().map(|i| self.vars.remove(i).1)
    }

    /// The variables, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.into_iter()
    }

    /// The names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.vars.iter().map(|(k, _)| k)
    }

    /// How many variables are set.
    pub fn len(&self) -> usize {
        self.vars.len()
    }

    /// Whether none is set.
    pub fn is_empty(&self) -> bool {
        self.vars.is_empty()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for EnvVars {
    /// A repeated name keeps its last value.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Self {
        let mut env = EnvVars::new();
        for (k, v) in items {
            env.insert(k.into(), v.into());
        }
        env
    }
}

impl<K: Into<String>, V: Into<String>, const N: usize> From<[(K, V); N]> for EnvVars {
    fn from(items: [(K, V); N]) -> Self {
        items.into_iter().collect()
    }
}

impl std::ops::Index<&str> for EnvVars {
    type Output = String;

    /// The value of `name`; panics when it is not set (as a map's index does).
    fn index(&self, name: &str) -> &String {
        self.get(name).expect("the variable is set")
    }
}

impl<'a> IntoIterator for &'a EnvVars {
    type Item = (&'a String, &'a String);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a String, &'a String),
    >;

    fn into_iter(self) -> Self::IntoIter {
        self.vars.iter().map(|(k, v)| (k, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_as_a_sorted_map() {
        let mut env = EnvVars::from([("WANDB_RUN_ID", "a"), ("WANDB_MODE", "offline")]);
        assert_eq!(env.insert("WANDB_RESUME".into(), "allow".into()), None);
        assert_eq!(
            env.insert("WANDB_RUN_ID".into(), "b".into()).as_deref(),
            Some("a")
        );
        let names: Vec<&str> = env.keys().map(String::as_str).collect();
        assert_eq!(names, ["WANDB_MODE", "WANDB_RESUME", "WANDB_RUN_ID"]);
        assert_eq!(env.get("WANDB_RUN_ID").map(String::as_str), Some("b"));
        assert!(env.contains_key("WANDB_MODE") && !env.contains_key("WANDB"));
        assert_eq!(env.remove("WANDB_MODE").as_deref(), Some("offline"));
        assert_eq!(env.remove("WANDB_MODE"), None);
        assert_eq!(env.len(), 2);
        let repeated: EnvVars = [("A", "1"), ("A", "2")].into_iter().collect();
        assert_eq!(repeated.get("A").map(String::as_str), Some("2"));
        assert_eq!(repeated.len(), 1);
        assert!(EnvVars::new().is_empty());
        let pairs: Vec<(&String, &String)> = (&env).into_iter().collect();
        assert_eq!(pairs, env.iter().collect::<Vec<_>>());
    }
}
