//! A loose parser of the tokens: top-level bindings, imports and exports, and literal
//! values, with a nesting limit.

use super::lexer::Tok;
use super::{Js, MAX_DEPTH, Module};

pub(super) struct Parser<'a> {
    pub(super) t: &'a [Tok],
    pub(super) i: usize,
    pub(super) depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.t.get(self.i)
    }

    fn peek_at(&self, k: usize) -> Option<&Tok> {
        self.t.get(self.i + k)
    }

    fn is_p(&self, p: &str) -> bool {
        matches!(self.peek(), Some(Tok::P(q)) if *q == p)
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Tok::Ident(x)) if x == w)
    }

    fn eat_p(&mut self, p: &str) -> bool {
        if self.is_p(p) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn ident(&mut self) -> Option<String> {
        match self.peek() {
            Some(Tok::Ident(s)) => {
                let s = s.clone();
                self.i += 1;
                Some(s)
            }
            _ => None,
        }
    }

    /// Skip one token, or a whole bracketed group when it opens one.
    fn skip_one(&mut self) {
        let open = match self.peek() {
            Some(Tok::P(p @ ("{" | "(" | "["))) => *p,
            Some(_) => {
                self.i += 1;
                return;
            }
            None => return,
        };
        let _ = open;
        let mut depth = 0usize;
        while let Some(t) = self.peek() {
            match t {
                Tok::P("{" | "(" | "[") => depth += 1,
                Tok::P("}" | ")" | "]") => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        self.i += 1;
                        return;
                    }
                }
                _ => {}
            }
            self.i += 1;
        }
    }

    /// Skip to the end of the current expression: the next `,` `;` or closing bracket at this
    /// level (not consumed).
    fn skip_expression(&mut self) {
        while let Some(t) = self.peek() {
            match t {
                Tok::P("," | ";" | ")" | "]" | "}") => return,
                _ => self.skip_one(),
            }
        }
    }

    /// Skip a TypeScript type (after `:`, `as`, `satisfies`): to the next `,` `;` `=` or
    /// closing bracket outside angle brackets.
    fn skip_type(&mut self) {
        let mut angle = 0usize;
        while let Some(t) = self.peek() {
            match t {
                Tok::P("<") => angle += 1,
                Tok::P(">") => angle = angle.saturating_sub(1),
                Tok::P(">>") => angle = angle.saturating_sub(2),
                Tok::P("=>") => {}
                Tok::P("," | "=") if angle == 0 => return,
                Tok::P(";" | ")" | "]" | "}") => return,
                _ => {}
            }
            self.skip_one();
        }
    }

    pub(super) fn module(&mut self) -> Module {
        let mut m = Module::default();
        while self.peek().is_some() {
            let start = self.i;
            match self.peek() {
                Some(Tok::Ident(w)) => match w.as_str() {
                    "import" => self.import(&mut m),
                    "export" => self.export(&mut m),
                    "const" | "let" | "var" => {
                        self.i += 1;
                        self.declarations(&mut m, false);
                    }
                    "module"
                        if matches!(self.peek_at(1), Some(Tok::P(".")))
                            && matches!(self.peek_at(2), Some(Tok::Ident(x)) if x == "exports")
                            && matches!(self.peek_at(3), Some(Tok::P("="))) =>
                    {
                        self.i += 4;
                        m.default_export = Some(self.expression());
                    }
                    _ => self.skip_one(),
                },
                _ => self.skip_one(),
            }
            if self.i == start {
                self.i += 1;
            }
        }
        m
    }

    fn import(&mut self, m: &mut Module) {
        self.i += 1; // import
        if self.is_word("type") && !matches!(self.peek_at(1), Some(Tok::P(","))) {
            // `import type { X } from '…'`: types only.
            while self.peek().is_some() && !self.is_p(";") {
                if matches!(self.peek(), Some(Tok::Str(_))) {
                    self.i += 1;
                    break;
                }
                self.skip_one();
            }
            return;
        }
        let mut names: Vec<(String, String)> = Vec::new();
        loop {
            match self.peek() {
                Some(Tok::Str(_)) | None => break,
                Some(Tok::Ident(w)) if w == "from" => {
                    self.i += 1;
                    break;
                }
                Some(Tok::Ident(_)) => {
                    let local = self.ident().unwrap_or_default();
                    names.push((local, "default".into()));
                }
                Some(Tok::P("*")) => {
                    // `* as ns`: a namespace, not read.
                    self.i += 1;
                    if self.is_word("as") {
                        self.i += 2;
                    }
                }
                Some(Tok::P("{")) => {
                    self.i += 1;
                    while let Some(t) = self.peek() {
                        match t {
                            Tok::P("}") => {
                                self.i += 1;
                                break;
                            }
                            Tok::P(",") => self.i += 1,
                            Tok::Ident(w) if w == "type" => {
                                // `type X`: a type only.
                                self.i += 1;
                                if matches!(self.peek(), Some(Tok::Ident(_))) {
                                    self.i += 1;
                                    if self.is_word("as") {
                                        self.i += 2;
                                    }
                                }
                            }
                            Tok::Ident(_) | Tok::Str(_) => {
                                let imported = match self.peek() {
                                    Some(Tok::Ident(s) | Tok::Str(s)) => s.clone(),
                                    _ => String::new(),
                                };
                                self.i += 1;
                                let local = if self.is_word("as") {
                                    self.i += 1;
                                    self.ident().unwrap_or_default()
                                } else {
                                    imported.clone()
                                };
                                names.push((local, imported));
                            }
                            _ => self.i += 1,
                        }
                    }
                }
                Some(Tok::P(",")) => self.i += 1,
                Some(_) => {
                    // Not an import declaration we know (`import(…)`, `import.meta`).
                    return;
                }
            }
        }
        if let Some(Tok::Str(spec)) = self.peek() {
            let spec = spec.clone();
            self.i += 1;
            for (local, imported) in names {
                m.imports.insert(local, (spec.clone(), imported));
            }
        }
    }

    fn export(&mut self, m: &mut Module) {
        self.i += 1; // export
        match self.peek() {
            Some(Tok::Ident(w)) if w == "default" => {
                self.i += 1;
                m.default_export = Some(self.expression());
            }
            Some(Tok::Ident(w)) if matches!(w.as_str(), "const" | "let" | "var") => {
                self.i += 1;
                self.declarations(m, true);
            }
            Some(Tok::P("{")) => {
                self.i += 1;
                while let Some(t) = self.peek() {
                    match t {
                        Tok::P("}") => {
                            self.i += 1;
                            break;
                        }
                        Tok::Ident(_) => {
                            let local = self.ident().unwrap_or_default();
                            let exported = if self.is_word("as") {
                                self.i += 1;
                                self.ident().unwrap_or_default()
                            } else {
                                local.clone()
                            };
                            m.export_aliases.insert(exported, local);
                        }
                        _ => self.i += 1,
                    }
                }
            }
            _ => {}
        }
    }

    /// `NAME [: Type] = value, …` after `const`/`let`/`var`.
    fn declarations(&mut self, m: &mut Module, _exported: bool) {
        loop {
            let Some(name) = self.ident() else {
                // Destructuring (`const { a } = …`): not read.
                self.skip_one();
                self.skip_expression();
                return;
            };
            if self.eat_p(":") {
                self.skip_type();
            }
            if self.eat_p("=") {
                let v = self.expression();
                m.bindings.insert(name, v);
            }
            if !self.eat_p(",") {
                return;
            }
        }
    }

    /// One expression, up to (not including) the `,` `;` or closing bracket that ends it.
    fn expression(&mut self) -> Js {
        if self.depth >= MAX_DEPTH {
            self.skip_expression();
            return Js::Unknown;
        }
        self.depth += 1;
        let v = self.expression_inner();
        self.depth -= 1;
        v
    }

    fn expression_inner(&mut self) -> Js {
        let mut v = self.primary();
        loop {
            match self.peek() {
                None | Some(Tok::P("," | ";" | ")" | "]" | "}")) => return v,
                Some(Tok::Ident(w)) if w == "as" || w == "satisfies" => {
                    self.i += 1;
                    // `as const` keeps the value; any other type too.
                    self.skip_type();
                }
                Some(Tok::P("!")) => {
                    // TypeScript's non-null assertion.
                    self.i += 1;
                }
                _ => {
                    v = Js::Unknown;
                    self.skip_expression();
                }
            }
        }
    }

    fn primary(&mut self) -> Js {
        let Some(tok) = self.peek().cloned() else {
            return Js::Unknown;
        };
        match tok {
            Tok::Str(s) => {
                self.i += 1;
                Js::Str(s)
            }
            Tok::Num(n) => {
                self.i += 1;
                Js::Num(n)
            }
            Tok::Template | Tok::Regex => {
                self.i += 1;
                Js::Unknown
            }
            Tok::P("-") if matches!(self.peek_at(1), Some(Tok::Num(_))) => {
                self.i += 1;
                match self.primary() {
                    Js::Num(n) => Js::Num(format!("-{n}")),
                    _ => Js::Unknown,
                }
            }
            Tok::P("{") => self.object(),
            Tok::P("[") => self.array(),
            Tok::P("(") => {
                // A parenthesised value, or an arrow function's parameters.
                let save = self.i;
                self.i += 1;
                let v = self.expression();
                if self.eat_p(")") && !self.is_p("=>") {
                    v
                } else {
                    self.i = save;
                    self.skip_one();
                    Js::Unknown
                }
            }
            Tok::Ident(w) => match w.as_str() {
                "true" => {
                    self.i += 1;
                    Js::Bool(true)
                }
                "false" => {
                    self.i += 1;
                    Js::Bool(false)
                }
                "null" | "undefined" => {
                    self.i += 1;
                    Js::Null
                }
                "function" | "class" | "async" | "new" | "await" | "typeof" | "void" => {
                    self.i += 1;
                    self.skip_expression();
                    Js::Unknown
                }
                _ => self.name_or_call(),
            },
            _ => {
                self.skip_expression();
                Js::Unknown
            }
        }
    }

    /// `a`, `a.b.c`, `a(args)`, `a.b(args)`.
    fn name_or_call(&mut self) -> Js {
        let mut name = self.ident().unwrap_or_default();
        while self.is_p(".") || self.is_p("?.") {
            match self.peek_at(1) {
                Some(Tok::Ident(next)) => {
                    name.push('.');
                    name.push_str(next);
                    self.i += 2;
                }
                _ => break,
            }
        }
        if self.is_p("=>") {
            // `x => …`: a function.
            self.skip_expression();
            return Js::Unknown;
        }
        // Type arguments: `defineConfig<Options>(…)`.
        if self.is_p("<") {
            let save = self.i;
            self.skip_type();
            if !self.is_p("(") {
                self.i = save;
            }
        }
        if self.eat_p("(") {
            let mut args = Vec::new();
            while self.peek().is_some() && !self.eat_p(")") {
                if self.eat_p(",") {
                    continue;
                }
                if self.eat_p("...") {
                    self.skip_expression();
                    args.push(Js::Unknown);
                    continue;
                }
                args.push(self.expression());
                if !self.is_p(",") && !self.is_p(")") {
                    self.skip_one();
                }
            }
            // A call's result used further (`a().b`, `a()()`) is computed.
            if self.is_p(".") || self.is_p("(") || self.is_p("[") || self.is_p("?.") {
                self.skip_expression();
                return Js::Unknown;
            }
            return Js::Call(name, args);
        }
        if self.is_p("[") {
            self.skip_expression();
            return Js::Unknown;
        }
        Js::Ident(name)
    }

    fn object(&mut self) -> Js {
        self.i += 1; // {
        let mut props: Vec<(String, Js)> = Vec::new();
        loop {
            match self.peek() {
                None => return Js::Unknown,
                Some(Tok::P("}")) => {
                    self.i += 1;
                    return Js::Object(props);
                }
                Some(Tok::P(",")) => self.i += 1,
                Some(Tok::P("...")) => {
                    // A spread may set any key: what follows it still overrides.
                    self.i += 1;
                    self.skip_expression();
                }
                Some(Tok::P("[")) => {
                    // A computed key.
                    self.skip_one();
                    if self.eat_p(":") {
                        self.skip_expression();
                    } else {
                        self.skip_method();
                    }
                }
                Some(Tok::Ident(_) | Tok::Str(_) | Tok::Num(_)) => {
                    let key = match self.peek() {
                        Some(Tok::Ident(s) | Tok::Str(s) | Tok::Num(s)) => s.clone(),
                        _ => String::new(),
                    };
                    self.i += 1;
                    // `get x() {}`, `async x() {}`: accessors and methods.
                    if matches!(key.as_str(), "get" | "set" | "async" | "static")
                        && matches!(self.peek(), Some(Tok::Ident(_) | Tok::Str(_)))
                    {
                        self.i += 1;
                        self.skip_method();
                        continue;
                    }
                    if self.eat_p("?") {
                        // An optional property in a type literal: not a value.
                    }
                    match self.peek() {
                        Some(Tok::P(":")) => {
                            self.i += 1;
                            let v = self.expression();
                            props.push((key, v));
                        }
                        Some(Tok::P("(" | "<")) => self.skip_method(),
                        Some(Tok::P("," | "}")) => props.push((key.clone(), Js::Ident(key))),
                        Some(Tok::P("=")) => {
                            // A default in a destructuring pattern.
                            self.i += 1;
                            self.skip_expression();
                        }
                        _ => self.skip_expression(),
                    }
                }
                Some(Tok::P("*")) => {
                    // A generator method.
                    self.i += 1;
                }
                Some(_) => self.skip_expression_or_one(),
            }
        }
    }

    fn skip_expression_or_one(&mut self) {
        let start = self.i;
        self.skip_expression();
        if self.i == start {
            self.i += 1;
        }
    }

    /// A method's parameters, return type and body.
    fn skip_method(&mut self) {
        if self.is_p("<") {
            self.skip_type();
        }
        if self.is_p("(") {
            self.skip_one();
        }
        if self.eat_p(":") {
            while self.peek().is_some() && !self.is_p("{") {
                self.skip_one();
            }
        }
        if self.is_p("{") {
            self.skip_one();
        }
    }

    fn array(&mut self) -> Js {
        self.i += 1; // [
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None => return Js::Unknown,
                Some(Tok::P("]")) => {
                    self.i += 1;
                    return Js::Array(items);
                }
                Some(Tok::P(",")) => self.i += 1,
                Some(Tok::P("...")) => {
                    self.i += 1;
                    self.skip_expression();
                    items.push(Js::Unknown);
                }
                Some(_) => {
                    let start = self.i;
                    items.push(self.expression());
                    if self.i == start {
                        self.i += 1;
                    }
                    if !self.is_p(",") && !self.is_p("]") {
                        self.skip_one();
                    }
                }
            }
        }
    }
}
