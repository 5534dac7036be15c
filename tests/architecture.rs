//! The layers of the crate, kept by the build: every `crate::` and `super::` path in `src/` —
//! in `use` lists (grouped or not), in types and expressions, and in macro calls — is resolved
//! to the top module it reaches, and a module may reach only the modules its layer allows.
//! ARCHITECTURE.md states the same rules. Tests inside `src/` (`tests.rs`, `#[cfg(test)]`) may
//! use anything: they check a layer, they are not part of it.

use proc_macro2::{TokenStream, TokenTree};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// Each top module of the crate, and the other top modules it may use.
const RULES: &[(&str, &[&str])] = &[
    // Plain data: nothing but std and serde.
    ("model", &[]),
    ("listed", &[]),
    ("edit", &["model"]),
    // Pure geometry: no words of the interface, no drawing, no interaction (only the name of
    // the family that draws punctuation among Chinese).
    ("layout", &["model", "fonts"]),
    ("paint", &["model", "layout", "i18n"]),
    // Files: readers and map text; pictures are drawn by export, above.
    ("io", &["model"]),
    (
        "export",
        &["model", "layout", "paint", "io", "i18n", "fonts"],
    ),
    // The table of file kinds sits above both the readers and the picture writers.
    ("formats", &["model", "io", "export"]),
    ("i18n", &["model", "layout"]),
    ("fonts", &[]),
    ("templates", &["model", "io"]),
    ("commands", &["i18n"]),
    ("canvas", &["model", "edit", "layout", "paint", "i18n"]),
    (
        "app",
        &[
            "model",
            "edit",
            "layout",
            "paint",
            "i18n",
            "canvas",
            "commands",
            "formats",
            "io",
            "export",
            "fonts",
            "templates",
        ],
    ),
    (
        "cli",
        &[
            "model",
            "formats",
            "io",
            "export",
            "fonts",
            "templates",
            "i18n",
        ],
    ),
];

/// The crates the model may use besides the standard library.
const MODEL_CRATES: &[&str] = &["serde"];

/// A use of another module that its layer forbids.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Violation {
    file: String,
    from: String,
    to: String,
    path: String,
}

/// Walks one file, resolving every path to the top module (or crate) it names.
struct Checker<'a> {
    file: String,
    /// The module the walk is in, from the crate root: `["layout", "curve"]`.
    module: Vec<String>,
    /// The names of the crates the project depends on.
    crates: &'a BTreeSet<String>,
    found: Vec<Violation>,
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

impl Checker<'_> {
    /// Checks the path `segments` (as written, `crate`/`super`/`self` included).
    fn check(&mut self, segments: &[String]) {
        let Some(top) = self.module.first().cloned() else {
            return; // The crate root declares the modules; it may name them all.
        };
        let target = match segments.first().map(String::as_str) {
            Some("crate") => segments.get(1).cloned(),
            Some("self") => Some(top.clone()),
            Some("super") => {
                let mut module = self.module.clone();
                let mut rest = segments;
                while rest.first().map(String::as_str) == Some("super") {
                    module.pop();
                    rest = &rest[1..];
                }
                module.first().cloned().or_else(|| rest.first().cloned())
            }
            Some(first) if self.crates.contains(first) => {
                if top == "model" && !MODEL_CRATES.contains(&first) {
                    self.found.push(Violation {
                        file: self.file.clone(),
                        from: top,
                        to: first.to_owned(),
                        path: segments.join("::"),
                    });
                }
                return;
            }
            _ => return,
        };
        let Some(target) = target else { return };
        let allowed = RULES
            .iter()
            .find(|(module, _)| *module == top)
            .map_or(&[][..], |(_, allowed)| *allowed);
        if target != top && !allowed.contains(&target.as_str()) {
            self.found.push(Violation {
                file: self.file.clone(),
                from: top,
                to: target,
                path: segments.join("::"),
            });
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.check(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.check(&prefix.clone());
                prefix.pop();
            }
            syn::UseTree::Glob(_) => self.check(&prefix.clone()),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }

    /// `crate :: a :: b` and `super :: …` sequences inside macro calls, which syn leaves as
    /// tokens.
    fn tokens(&mut self, tokens: TokenStream) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < trees.len() {
            match &trees[i] {
                TokenTree::Group(group) => self.tokens(group.stream()),
                TokenTree::Ident(ident)
                    if ["crate", "super"].contains(&ident.to_string().as_str()) =>
                {
                    let mut segments = vec![ident.to_string()];
                    let mut j = i + 1;
                    while let (
                        Some(TokenTree::Punct(a)),
                        Some(TokenTree::Punct(b)),
                        Some(TokenTree::Ident(next)),
                    ) = (trees.get(j), trees.get(j + 1), trees.get(j + 2))
                    {
                        if a.as_char() != ':' || b.as_char() != ':' {
                            break;
                        }
                        segments.push(next.to_string());
                        j += 3;
                    }
                    if segments.len() > 1 {
                        self.check(&segments);
                    }
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

impl<'ast> Visit<'ast> for Checker<'_> {
    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if is_test(&item.attrs) {
            return;
        }
        if item.content.is_some() {
            self.module.push(item.ident.to_string());
            syn::visit::visit_item_mod(self, item);
            self.module.pop();
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        if !is_test(&item.attrs) {
            syn::visit::visit_item_fn(self, item);
        }
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        if !is_test(&item.attrs) {
            syn::visit::visit_item_impl(self, item);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        if !is_test(&item.attrs) {
            self.use_tree(&mut Vec::new(), &item.tree);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        if segments.len() > 1 {
            self.check(&segments);
        }
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }
}

/// The forbidden uses in `source`, a file of the module `module`.
fn check_source(
    file: &str,
    module: &[&str],
    source: &str,
    crates: &BTreeSet<String>,
) -> Vec<Violation> {
    let parsed = syn::parse_file(source).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut checker = Checker {
        file: file.to_owned(),
        module: module.iter().map(|m| (*m).to_owned()).collect(),
        crates,
        found: Vec::new(),
    };
    checker.visit_file(&parsed);
    checker.found
}

/// The module a file under `src/` is: `layout/curve.rs` → `["layout", "curve"]`.
fn module_of(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

/// The crates in Cargo.toml's dependencies (normal and dev), as Rust names them.
fn dependencies() -> BTreeSet<String> {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .expect("Cargo.toml");
    let mut crates = BTreeSet::new();
    let mut in_dependencies = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_dependencies = line.ends_with("dependencies]");
            continue;
        }
        if in_dependencies && let Some((name, _)) = line.split_once('=') {
            crates.insert(name.trim().replace('-', "_"));
        }
    }
    crates
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_module_keeps_to_its_layer() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let crates = dependencies();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let mut violations = Vec::new();
    let mut checked = 0;
    for path in &files {
        let relative = path.strip_prefix(&src).expect("under src");
        let name = relative.file_name().expect("a name").to_string_lossy();
        // The binary only starts the library; test files check a layer from outside it.
        if relative == Path::new("main.rs") || name == "tests.rs" || name == "proptests.rs" {
            continue;
        }
        let module = module_of(relative);
        let module: Vec<&str> = module.iter().map(String::as_str).collect();
        if let Some(top) = module.first() {
            assert!(
                RULES.iter().any(|(m, _)| m == top),
                "src/{} is in the module `{top}`, which has no layer rule: add it to RULES and ARCHITECTURE.md",
                relative.display()
            );
        }
        let source = std::fs::read_to_string(path).expect("source");
        violations.extend(check_source(
            &relative.display().to_string(),
            &module,
            &source,
            &crates,
        ));
        checked += 1;
    }
    assert!(checked > 40, "only {checked} files checked");
    violations.sort();
    let report: Vec<String> = violations
        .iter()
        .map(|v| {
            format!(
                "src/{}: `{}` may not use `{}` ({})",
                v.file, v.from, v.to, v.path
            )
        })
        .collect();
    assert!(report.is_empty(), "layers broken:\n{}", report.join("\n"));
}

#[test]
fn the_checker_finds_every_kind_of_forbidden_path() {
    let crates: BTreeSet<String> = ["egui", "serde"].map(String::from).into();
    let found = |module: &[&str], source: &str| -> Vec<(String, String)> {
        check_source("x.rs", module, source, &crates)
            .into_iter()
            .map(|v| (v.to, v.path))
            .collect()
    };
    let pair = |to: &str, path: &str| (to.to_owned(), path.to_owned());
    // A grouped use list.
    assert_eq!(
        found(
            &["io"],
            "use crate::{model::Item, export::svg::{shapes_to_svg}};"
        ),
        [pair("export", "crate::export::svg::shapes_to_svg")]
    );
    // An inline path in an expression, and one in a type.
    assert_eq!(
        found(
            &["layout"],
            "fn f() -> crate::canvas::Canvas { crate::i18n::tr(\"x\"); todo!() }"
        ),
        [
            pair("canvas", "crate::canvas::Canvas"),
            pair("i18n", "crate::i18n::tr")
        ]
    );
    // super:: from a nested file, climbing out of its module.
    assert_eq!(
        found(
            &["io", "embedded"],
            "use super::super::paint::Theme; use super::ron_file::x;"
        ),
        [pair("paint", "super::super::paint::Theme")]
    );
    // Inside a macro call.
    assert_eq!(
        found(&["paint"], "fn f() { println!(\"{}\", crate::app::NAME); }"),
        [pair("app", "crate::app::NAME")]
    );
    // The model uses no crate but serde.
    assert_eq!(
        found(&["model", "map"], "use serde::Serialize; use egui::Pos2;"),
        [pair("egui", "egui::Pos2")]
    );
    // What a layer may use, and tests, pass.
    assert!(
        found(
            &["paint"],
            "use crate::layout::MapLayout; use crate::model::*;"
        )
        .is_empty()
    );
    assert!(
        found(
            &["io"],
            "#[cfg(test)] mod tests { use crate::export::paint; }"
        )
        .is_empty()
    );
}

/// CONTRIBUTING.md's checklists name real files: every path in backticks exists (names with
/// `NAME` in them are patterns, not files).
#[test]
fn contributing_names_only_files_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("CONTRIBUTING.md")).expect("CONTRIBUTING.md");
    let mut named = 0;
    for (i, quoted) in text.split('`').enumerate() {
        let is_code = i % 2 == 1;
        let looks_like_path = quoted.contains('/')
            || [".rs", ".ron", ".md", ".sh"]
                .iter()
                .any(|e| quoted.ends_with(e));
        if !is_code || !looks_like_path || quoted.contains("NAME") || quoted.contains(' ') {
            continue;
        }
        assert!(
            !quoted.starts_with("..") && !quoted.starts_with('/'),
            "{quoted}: CONTRIBUTING.md names only files of the project"
        );
        assert!(
            root.join(quoted).exists(),
            "CONTRIBUTING.md names {quoted}, which does not exist"
        );
        named += 1;
    }
    assert!(named >= 20, "only {named} paths named");
}
