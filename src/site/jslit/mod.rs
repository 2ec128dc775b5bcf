//! Plain literals in JavaScript and TypeScript config files, read without running them.
//!
//! Docusaurus (`docusaurus.config.js`) and Astro (`astro.config.mjs`) configure sites in code,
//! and frontlint never executes a config. Most of what the page map needs is written as plain
//! literals all the same: the docs `path` (`"../docs"`), `routeBasePath`, `baseUrl`, `base`,
//! `trailingSlash`, Starlight's `locales` and `defaultLocale`. This module reads exactly those:
//! strings (template literals without `${}`), numbers, booleans, `null`, arrays, object literals
//! and calls (`defineConfig({...})`, `starlight({...})`, whose arguments are read the same way),
//! and names bound by a top-level `const`/`let`/`var` of the same file or imported by name from
//! a relative module (`import { localesConfig } from './config/locales'`, followed a few hops
//! at most, never outside the site's folder). Anything computed (`process.env.X ? a : b`,
//! function calls' results, spreads, template literals with `${}`) is [`Js::Unknown`]: the
//! caller falls back to the generator's documented default and says so.
//!
//! The reader is a tokenizer (comments, strings, templates, regular expressions, numbers,
//! identifiers, punctuation) and a loose recursive parser with a nesting limit; work is linear
//! in the file's size and bounded in nesting and resolution, so a hostile config is a plain
//! [`Js::Unknown`], never a hang or a stack overflow.

mod lexer;
mod parser;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A value as far as a reader of literals can tell.
#[derive(Debug, Clone, PartialEq)]
pub enum Js {
    Str(String),
    /// A number, as written.
    Num(String),
    Bool(bool),
    /// `null` or `undefined`.
    Null,
    Array(Vec<Js>),
    /// Properties in source order (a repeated key: the last one counts, as in JavaScript).
    Object(Vec<(String, Js)>),
    /// `name(args)`, `a.b(args)`.
    Call(String, Vec<Js>),
    /// A name not (yet) resolved: `config`, `localesConfig`, `process.env.X`.
    Ident(String),
    /// Anything computed.
    Unknown,
}

impl Js {
    /// The value of property `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Js> {
        match self {
            Js::Object(props) => props.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A string value.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Js::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Js::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The object a call was given as its first argument (`defineConfig({...})`), or the
    /// value itself when it is an object.
    pub fn object(&self) -> Option<&Js> {
        match self {
            Js::Object(_) => Some(self),
            Js::Call(_, args) => args.first().filter(|a| matches!(a, Js::Object(_))),
            _ => None,
        }
    }

    /// Whether the value is known through and through (no [`Js::Unknown`], call or name inside).
    pub fn is_literal(&self) -> bool {
        match self {
            Js::Str(_) | Js::Num(_) | Js::Bool(_) | Js::Null => true,
            Js::Array(items) => items.iter().all(Js::is_literal),
            Js::Object(props) => props.iter().all(|(_, v)| v.is_literal()),
            Js::Call(..) | Js::Ident(_) | Js::Unknown => false,
        }
    }
}

/// One module: its top-level bindings, imports and default export.
#[derive(Debug, Default)]
pub struct Module {
    /// `const NAME = value` (and `let`, `var`, `export const`) at the top level.
    pub bindings: HashMap<String, Js>,
    /// Local name → (module specifier, imported name; `default` for a default import).
    pub imports: HashMap<String, (String, String)>,
    /// `export default value` or `module.exports = value`.
    pub default_export: Option<Js>,
    /// `export { local as exported }`: exported name → local name.
    pub export_aliases: HashMap<String, String>,
}

/// Largest module read: configs are small; a bigger file is not a config to read.
const MAX_BYTES: u64 = 1 << 20;
/// Deepest nesting of literals read; deeper values are [`Js::Unknown`].
const MAX_DEPTH: usize = 64;
/// Most modules an import chain follows from the config.
const MAX_HOPS: usize = 4;
/// Most values produced while resolving names (a name used many times is copied each time).
const MAX_NODES: usize = 200_000;

/// Parse a module's text.
pub fn parse(text: &str) -> Module {
    let tokens = lexer::tokenize(text);
    let mut p = parser::Parser {
        t: &tokens,
        i: 0,
        depth: 0,
    };
    p.module()
}

/// Reads a config module and the relative modules it imports, inside `root`.
pub struct Reader {
    root: PathBuf,
    modules: HashMap<PathBuf, Option<Module>>,
    nodes: usize,
}

impl Reader {
    /// A reader that follows imports only to files under `root`.
    pub fn new(root: &Path) -> Reader {
        Reader {
            root: root.to_path_buf(),
            modules: HashMap::new(),
            nodes: 0,
        }
    }

    /// The default export of the module at `file`, names resolved.
    pub fn default_export(&mut self, file: &Path) -> Option<Js> {
        let value = self.module(file)?.default_export.clone()?;
        Some(self.resolve(file, &value, 0))
    }

    /// The top-level binding `name` of the module at `file` (`export const collections = …`),
    /// names resolved.
    pub fn binding(&mut self, file: &Path, name: &str) -> Option<Js> {
        let value = self.module(file)?.bindings.get(name)?.clone();
        Some(self.resolve(file, &value, 0))
    }

    /// The module's imports (local name → specifier, imported name).
    pub fn imports(&mut self, file: &Path) -> HashMap<String, (String, String)> {
        self.module(file)
            .map(|m| m.imports.clone())
            .unwrap_or_default()
    }

    fn module(&mut self, file: &Path) -> Option<&Module> {
        if !self.modules.contains_key(file) {
            let m = read_module(file);
            self.modules.insert(file.to_path_buf(), m);
        }
        self.modules.get(file).and_then(Option::as_ref)
    }

    /// `value` with its names replaced by what they are bound to (in `file`, or in the modules
    /// it imports from), as deep as the limits allow.
    pub fn resolve(&mut self, file: &Path, value: &Js, hops: usize) -> Js {
        self.resolve_at(file, value, hops, 0)
    }

    fn resolve_at(&mut self, file: &Path, value: &Js, hops: usize, depth: usize) -> Js {
        self.nodes += 1;
        if self.nodes > MAX_NODES || depth > MAX_DEPTH {
            return Js::Unknown;
        }
        match value {
            Js::Ident(name) => self.lookup(file, name, hops, depth),
            Js::Array(items) => Js::Array(
                items
                    .iter()
                    .map(|v| self.resolve_at(file, v, hops, depth + 1))
                    .collect(),
            ),
            Js::Object(props) => Js::Object(
                props
                    .iter()
                    .map(|(k, v)| (k.clone(), self.resolve_at(file, v, hops, depth + 1)))
                    .collect(),
            ),
            Js::Call(callee, args) => Js::Call(
                callee.clone(),
                args.iter()
                    .map(|v| self.resolve_at(file, v, hops, depth + 1))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    /// What a (possibly dotted) name is bound to.
    fn lookup(&mut self, file: &Path, name: &str, hops: usize, depth: usize) -> Js {
        let mut parts = name.split('.');
        let head = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        let Some(module) = self.module(file) else {
            return Js::Unknown;
        };
        let bound = if let Some(v) = module.bindings.get(head) {
            let v = v.clone();
            // `const a = b`: the same module again, one step further.
            if hops >= MAX_HOPS * 4 {
                return Js::Unknown;
            }
            self.resolve_at(file, &v, hops + 1, depth + 1)
        } else if let Some((spec, imported)) = module.imports.get(head).cloned() {
            if hops >= MAX_HOPS {
                return Js::Unknown;
            }
            let Some(target) = self.resolve_specifier(file, &spec) else {
                return Js::Unknown;
            };
            let Some(m) = self.module(&target) else {
                return Js::Unknown;
            };
            let v = if imported == "default" {
                m.default_export.clone()
            } else {
                let local = m.export_aliases.get(&imported).cloned().unwrap_or(imported);
                m.bindings.get(&local).cloned()
            };
            match v {
                Some(v) => self.resolve_at(&target, &v, hops + 1, depth + 1),
                None => Js::Unknown,
            }
        } else {
            return Js::Unknown;
        };
        let mut cur = bound;
        for key in rest {
            cur = match cur.get(key) {
                Some(v) => v.clone(),
                None => return Js::Unknown,
            };
        }
        cur
    }

    /// The file a relative import names (`./x`, `../y.js`), inside the root; `None` for
    /// packages and for anything outside.
    fn resolve_specifier(&self, from: &Path, spec: &str) -> Option<PathBuf> {
        if !(spec.starts_with("./") || spec.starts_with("../")) {
            return None;
        }
        let dir = from.parent()?;
        let joined = dir.join(spec);
        let norm = super::urls::normalize(&joined.to_string_lossy().replace('\\', "/"))?;
        let root = super::urls::normalize(&self.root.to_string_lossy().replace('\\', "/"))?;
        if !super::urls::is_under(&norm, root.trim_end_matches('/')) {
            return None;
        }
        let base = PathBuf::from(&norm);
        let mut candidates = vec![base.clone()];
        for ext in ["ts", "mts", "js", "mjs", "cjs", "cts"] {
            candidates.push(PathBuf::from(format!("{norm}.{ext}")));
        }
        // `./x.js` in TypeScript sources means `./x.ts`.
        if let Some(stem) = norm
            .strip_suffix(".js")
            .or_else(|| norm.strip_suffix(".mjs"))
        {
            candidates.push(PathBuf::from(format!("{stem}.ts")));
            candidates.push(PathBuf::from(format!("{stem}.mts")));
        }
        for ext in ["ts", "js", "mjs"] {
            candidates.push(base.join(format!("index.{ext}")));
        }
        let real_root = std::fs::canonicalize(&self.root).ok()?;
        candidates
            .into_iter()
            .find(|c| is_plain_file(c))
            // Not through a symbolic link to a folder outside the root either.
            .filter(|c| std::fs::canonicalize(c).is_ok_and(|real| real.starts_with(&real_root)))
    }
}

/// A regular file, not a symbolic link.
fn is_plain_file(p: &Path) -> bool {
    std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_file())
}

fn read_module(file: &Path) -> Option<Module> {
    let meta = std::fs::metadata(file).ok()?;
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return None;
    }
    let bytes = std::fs::read(file).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    Some(parse(&text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_docusaurus_config_literals() {
        let m = parse(
            r#"
// @ts-check
import fs from "node:fs";
const packageJson = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url)));
/** @type {import('@docusaurus/types').Config} */
const config = {
  title: "Prettier",
  url: packageJson.homepage,
  baseUrl: "/",
  trailingSlash: false,
  presets: [
    [
      "classic",
      {
        docs: {
          editUrl: ({ docPath }) => `${GITHUB_URL}/edit/main/docs/${docPath}`,
          path: "../docs",
          lastVersion: process.env.PULL_REQUEST === "true" ? "current" : undefined,
          versions: { current: { label: "next", badge: false } },
        },
        blog: { postsPerPage: 10, 'routeBasePath': `news` },
      },
    ],
  ],
  themeConfig: { prism: { theme: prismThemes.github }, re: /a\/b[/]c/g, n: -1.5e+3 },
};
export default config;
"#,
        );
        let mut r = Reader::new(Path::new("/nonexistent"));
        // Resolve within the parsed module (no file: names bound in it only).
        let cfg = m.bindings.get("config").unwrap().clone();
        assert_eq!(cfg.get("baseUrl").and_then(Js::as_str), Some("/"));
        assert_eq!(cfg.get("trailingSlash").and_then(Js::as_bool), Some(false));
        assert_eq!(
            cfg.get("url"),
            Some(&Js::Ident("packageJson.homepage".into()))
        );
        let presets = cfg.get("presets").unwrap();
        let Js::Array(p) = presets else { panic!() };
        let Js::Array(classic) = &p[0] else { panic!() };
        assert_eq!(classic[0], Js::Str("classic".into()));
        let docs = classic[1].get("docs").unwrap();
        assert_eq!(docs.get("path").and_then(Js::as_str), Some("../docs"));
        assert_eq!(docs.get("editUrl"), Some(&Js::Unknown));
        assert_eq!(docs.get("lastVersion"), Some(&Js::Unknown));
        assert_eq!(
            docs.get("versions")
                .and_then(|v| v.get("current"))
                .and_then(|v| v.get("label"))
                .and_then(Js::as_str),
            Some("next")
        );
        let blog = classic[1].get("blog").unwrap();
        assert_eq!(blog.get("routeBasePath").and_then(Js::as_str), Some("news"));
        let theme = cfg.get("themeConfig").unwrap();
        assert_eq!(theme.get("n"), Some(&Js::Num("-1.5e+3".into())));
        assert_eq!(theme.get("re"), Some(&Js::Unknown));
        assert_eq!(m.default_export, Some(Js::Ident("config".into())));
        assert_eq!(
            m.imports.get("fs"),
            Some(&("node:fs".to_string(), "default".to_string()))
        );
        let _ = r.resolve(Path::new("/nonexistent/x.js"), &cfg, 0);
    }

    #[test]
    fn follows_a_relative_import_of_a_const() {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("config")).unwrap();
        std::fs::write(
            root.join("astro.config.ts"),
            r#"import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { localesConfig as locales } from './config/locales';
export default defineConfig({
  base: '/docs',
  integrations: [starlight({ title: 'Docs', defaultLocale: 'en', locales })],
});
"#,
        )
        .unwrap();
        std::fs::write(
            root.join("config/locales.ts"),
            "import type { X } from 'y';\nexport const localesConfig = {\n\ten: { label: 'English', lang: 'en' },\n\t'zh-cn': { label: '简体中文', lang: 'zh-CN' },\n} satisfies Record<string, X>;\nconst two: string[] = ['en'];\n",
        )
        .unwrap();
        let mut r = Reader::new(root);
        let cfg = r.default_export(&root.join("astro.config.ts")).unwrap();
        let Js::Call(name, args) = &cfg else {
            panic!("{cfg:?}")
        };
        assert_eq!(name, "defineConfig");
        let obj = &args[0];
        assert_eq!(obj.get("base").and_then(Js::as_str), Some("/docs"));
        let Some(Js::Array(integrations)) = obj.get("integrations") else {
            panic!()
        };
        let Js::Call(callee, sargs) = &integrations[0] else {
            panic!()
        };
        assert_eq!(callee, "starlight");
        let locales = sargs[0].get("locales").unwrap();
        assert!(locales.is_literal(), "{locales:?}");
        assert_eq!(
            locales
                .get("zh-cn")
                .and_then(|l| l.get("lang"))
                .and_then(Js::as_str),
            Some("zh-CN")
        );
    }

    #[test]
    fn imports_never_leave_the_root_and_cycles_end() {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(
            dir.path().join("secret.js"),
            "export const secret = { a: 'b' };",
        )
        .unwrap();
        std::fs::write(
            root.join("a.js"),
            "import { secret } from '../secret.js';\nimport { b } from './b.js';\nexport const a = b;\nexport default { secret, a };",
        )
        .unwrap();
        std::fs::write(
            root.join("b.js"),
            "import { a } from './a.js';\nexport const b = a;",
        )
        .unwrap();
        let mut r = Reader::new(&root);
        let v = r.default_export(&root.join("a.js")).unwrap();
        assert_eq!(v.get("secret"), Some(&Js::Unknown));
        assert_eq!(v.get("a"), Some(&Js::Unknown));
        // Nor through a folder that is a symbolic link to the outside.
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
            std::fs::write(
                root.join("c.js"),
                "import { secret } from './up/secret.js';\nexport default { secret };",
            )
            .unwrap();
            let mut r = Reader::new(&root);
            let v = r.default_export(&root.join("c.js")).unwrap();
            assert_eq!(v.get("secret"), Some(&Js::Unknown));
        }
    }

    #[test]
    fn hostile_input_is_unknown_not_a_crash() {
        let deep = "export default ".to_string() + &"[".repeat(100_000) + &"]".repeat(100_000);
        let m = parse(&deep);
        assert!(m.default_export.is_some());
        for text in [
            "export default {",
            "export default `unterminated ${ {",
            "export default '\\u{110000}'",
            "const = = = ;",
            "export default /[/]/.source",
            "module.exports = { a: 1 }",
            "\u{feff}export default { 'é': \"\\u00e9\\uD83D\\uDE00\" }",
        ] {
            let _ = parse(text);
        }
        let m = parse("\u{feff}export default { 'é': \"\\u00e9\\uD83D\\uDE00\" }");
        assert_eq!(
            m.default_export.unwrap().get("é").and_then(Js::as_str),
            Some("é😀")
        );
        let m = parse("module.exports = { a: 1, b: `x`, c: `${y}` };");
        let v = m.default_export.unwrap();
        assert_eq!(v.get("a"), Some(&Js::Num("1".into())));
        assert_eq!(v.get("b").and_then(Js::as_str), Some("x"));
        assert_eq!(v.get("c"), Some(&Js::Unknown));
    }
}
