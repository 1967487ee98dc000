"""Generate a large synthetic Tauri monorepo for benchmarking tauri-lint.

    python bench/generate.py --out /tmp/tauri-bench    # default --scale 18: ~2,800 files, ~18 MB

Layout (all code below is produced here, from templates and a seeded `random.Random`):

    OUT/
      package.json, pnpm-workspace.yaml, .gitignore, bench-manifest.json
      node_modules/                  npm packages (JS with invoke calls): must be pruned by discovery
      packages/ui/                   a shared React component library (no Tauri)
      crates/tauri-plugin-sync/      a Tauri plugin crate: tauri::plugin::Builder::new("sync")
      crates/shared-core/            a plain Rust crate (no tauri dependency: not linted)
      apps/desktop/                  React + TSX   (weight 4)
      apps/admin/                    Vue SFCs      (weight 3)
      apps/companion/                Svelte        (weight 2)
      apps/legacy-tools/             React + JSX/JS with window.__TAURI__ (weight 1)

Each app has `--scale * weight` features (default scale 18: about 2,800 linted files, 18 MB). A
feature is an entity with a Rust command module, models and a repository in `src-tauri/`, and on the
frontend types, a service file of typed invoke wrappers, a listen() hook and several
components/views that reach the commands in every way tauri-lint knows:
direct, aliased and namespace imports of `invoke`, `window.__TAURI__.core.invoke`, typed wrappers
imported through `@/`, `$lib/` and relative paths, a pass-through `call(cmd, args)` wrapper and
tauri-specta style `commands.getX(...)` bindings.

Everything is clean except five seeded findings in the desktop app's first feature (a hot loop, an
unregistered command, a `Vec<u8>` return, a floating invoke and a listen leak). Their rule, path and
line are written to `bench-manifest.json` under `expected_findings`.

Same `--scale` and `--seed` give byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypedDict


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


DEFAULT_SCALE = 18
DEFAULT_SEED = 1729
MANIFEST = "bench-manifest.json"

# --------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------

NOUNS = _words(
    "invoice project track playlist note task contact account order shipment ticket report album device "
    "session workspace document folder tag comment review budget payment customer supplier product "
    "category schedule reminder bookmark snippet template dataset metric alert backup profile team role "
    "permission channel message attachment license theme setting shortcut recording episode podcast "
    "recipe ingredient workout habit journal vault credential server container volume branch commit "
    "deployment pipeline artifact release issue milestone sprint board card widget dashboard chart "
    "query connection migration job worker batch peer cluster region route station vehicle driver trip "
    "booking room guest venue lesson course quiz grade camera sensor reading firmware printer scanner "
    "font palette layer sprite scene asset shader plugin macro script keymap"
)
QUALIFIERS = _words(
    "sales audit user team media cloud local draft shared billing asset file image video audio source "
    "remote cached scheduled recent pinned custom system public private network storage print mail chat "
    "calendar map search export import offline primary linked trusted"
)
WORDS = _words(
    "alpha amber apex arc atlas aurora beacon birch blaze bloom bolt breeze canyon cedar cinder cobalt "
    "comet coral crest crystal dawn delta drift dune echo ember fable falcon fern flint flux forge frost "
    "glacier glint grove harbor haze helix horizon indigo iris jade jasper juniper karma kelp lagoon lark "
    "lumen lunar maple meadow mesa mist nebula nimbus nova oak onyx orbit pebble pine pixel prairie prism "
    "pulse quartz quill raven reef ridge river sable sage shard sierra slate solar spark spruce storm "
    "summit tide timber topaz trail tundra vale vapor vertex willow zenith"
)
VERBS = _words(
    "normalize rank group merge collect summarize score filter index partition bucket dedupe compact "
    "reconcile project tally sample clamp diff resolve prepare validate estimate balance order trim"
)
UI_PARTS = _words(
    "List Detail Form Toolbar Card Panel Table Dialog Stats Settings Timeline Sidebar Header Inspector "
    "Picker Summary Browser Editor Preview History"
)
HTML_CONTAINERS = ("div", "section", "article", "aside", "header", "footer", "nav", "main", "form")
CSS_PROPS = (
    ("display", ("flex", "grid", "block", "inline-flex")),
    ("gap", ("4px", "8px", "12px", "0.5rem", "1rem")),
    ("padding", ("0", "4px 8px", "8px 12px", "1rem", "0.25rem 0.5rem")),
    ("margin", ("0", "0 auto", "8px 0", "0 0 1rem")),
    ("color", ("var(--fg)", "var(--muted)", "#1f2933", "#52606d", "inherit")),
    ("background", ("transparent", "var(--bg)", "#f5f7fa", "var(--surface)")),
    ("border-radius", ("4px", "6px", "999px", "0.5rem")),
    ("font-size", ("12px", "13px", "14px", "0.875rem", "1.125rem")),
    ("align-items", ("center", "flex-start", "stretch")),
    ("justify-content", ("space-between", "flex-end", "center")),
    ("border", ("1px solid var(--line)", "none", "1px dashed #cbd2d9")),
    ("overflow", ("hidden", "auto")),
)


# --------------------------------------------------------------------------------------------------
# Names and small helpers
# --------------------------------------------------------------------------------------------------


def camel(snake: str) -> str:
    head, *rest = snake.split("_")
    return head + "".join(w.capitalize() for w in rest)


def pascal(snake: str) -> str:
    return "".join(w.capitalize() for w in snake.split("_"))


def kebab(snake: str) -> str:
    return snake.replace("_", "-")


def plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"
    return word + "s"


def plural_snake(snake: str) -> str:
    parts = snake.split("_")
    return "_".join([*parts[:-1], plural(parts[-1])])


_PLACEHOLDER = re.compile(r"\{\{([A-Za-z_]+)\}\}")


def fill(template: str, **values: object) -> str:
    """`{{name}}` placeholders (code braces and Vue's `{{ expr }}` stay as they are)."""
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


def indent(block: str, n: int) -> str:
    pad = " " * n
    return "\n".join(pad + line if line else line for line in block.split("\n"))


class Src:
    """A file being written, line by line, that knows its size and the seeded findings in it."""

    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.lines: list[str] = []
        self.size = 0
        self.expected: list[tuple[str, int]] = []

    def add(self, block: str = "") -> None:
        for line in block.split("\n"):
            self.lines.append(line)
            self.size += len(line) + 1

    def mark(self, rule: str, offset: int = 0) -> None:
        """The next line added (plus `offset`) carries a finding of `rule`."""
        self.expected.append((rule, len(self.lines) + 1 + offset))

    def text(self) -> str:
        return "\n".join(self.lines).rstrip("\n") + "\n"


# --------------------------------------------------------------------------------------------------
# The model of one app: features, fields, commands
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Field:
    name: str  # camelCase, as serde(rename_all = "camelCase") sends it
    ts: str
    rust: str
    kind: str  # str | num | bool | list | opt

    @property
    def snake(self) -> str:
        return re.sub(r"([A-Z])", lambda m: "_" + m.group(1).lower(), self.name)


BASE_FIELDS = (
    Field("id", "number", "u32", "num"),
    Field("name", "string", "String", "str"),
    Field("active", "boolean", "bool", "bool"),
    Field("score", "number", "f64", "num"),
    Field("count", "number", "u32", "num"),
    Field("category", "string", "String", "str"),
)
EXTRA_FIELDS = (
    Field("title", "string", "String", "str"),
    Field("createdAt", "string", "String", "str"),
    Field("updatedAt", "string", "String", "str"),
    Field("ownerId", "number", "u32", "num"),
    Field("status", "string", "String", "str"),
    Field("priority", "number", "u8", "num"),
    Field("description", "string | null", "Option<String>", "opt"),
    Field("sizeBytes", "number", "u64", "num"),
    Field("path", "string", "String", "str"),
    Field("color", "string", "String", "str"),
    Field("position", "number", "i32", "num"),
    Field("archived", "boolean", "bool", "bool"),
    Field("rating", "number", "f32", "num"),
    Field("tags", "string[]", "Vec<String>", "list"),
    Field("notes", "string | null", "Option<String>", "opt"),
    Field("durationMs", "number", "u64", "num"),
    Field("locale", "string", "String", "str"),
    Field("version", "number", "u32", "num"),
    Field("pinned", "boolean", "bool", "bool"),
    Field("checksum", "string", "String", "str"),
)


@dataclass(frozen=True)
class Param:
    rust: str  # snake_case name
    rust_type: str
    ts_type: str
    key: str  # the JSON key the frontend sends


@dataclass(frozen=True)
class Command:
    name: str
    op: str  # get | list | create | update | delete | search | count | summarize | export | archive | ...
    params: tuple[Param, ...]
    rust_ret: str  # the full return type
    ts_ret: str  # what the frontend receives
    is_async: bool = True
    registered: bool = True
    channel: bool = False


@dataclass
class Feature:
    snake: str
    fields: tuple[Field, ...]
    commands: list[Command] = field(default_factory=list)

    @property
    def camel(self) -> str:
        return camel(self.snake)

    @property
    def pascal(self) -> str:
        return pascal(self.snake)

    @property
    def plural_snake(self) -> str:
        return plural_snake(self.snake)

    @property
    def plural_camel(self) -> str:
        return camel(self.plural_snake)

    @property
    def plural_pascal(self) -> str:
        return pascal(self.plural_snake)

    @property
    def event(self) -> str:
        return f"{kebab(self.snake)}://changed"

    def cmd(self, op: str) -> Command:
        for c in self.commands:
            if c.op == op:
                return c
        raise KeyError(op)

    def fields_of(self, kind: str) -> list[Field]:
        return [f for f in self.fields if f.kind == kind]


@dataclass(frozen=True)
class AppSpec:
    name: str
    kind: str  # react | vue | svelte | jsx
    weight: int
    crate: str


APPS = (
    AppSpec("desktop", "react", 4, "desktop"),
    AppSpec("admin", "vue", 3, "admin_console"),
    AppSpec("companion", "svelte", 2, "companion"),
    AppSpec("legacy-tools", "jsx", 1, "legacy_tools"),
)
PLUGIN_COMMANDS = ("status", "start", "stop", "peers")


# --------------------------------------------------------------------------------------------------
# Code fragments shared by the languages
# --------------------------------------------------------------------------------------------------


class Gen:
    """Random but plausible code, from one seeded random.Random."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._elements = 0

    # ---- basics ----------------------------------------------------------------------------------

    def pick(self, seq: Sequence[str]) -> str:
        return seq[self.rng.randrange(len(seq))]

    def words(self, lo: int, hi: int) -> str:
        return " ".join(self.pick(WORDS) for _ in range(self.rng.randint(lo, hi)))

    def sentence(self) -> str:
        text = self.words(3, 9)
        return text[0].upper() + text[1:] + "."

    def unique(self, used: set[str], make: Callable[[], str]) -> str:
        for _ in range(50):
            name = make()
            if name not in used:
                used.add(name)
                return name
        name = make() + str(len(used))
        used.add(name)
        return name

    def size_target(self, kind: str) -> int:
        """A realistic file size in bytes for a kind of file."""
        r = self.rng.random()
        if kind == "small":
            return self.rng.randint(600, 2500)
        if kind == "big":
            return self.rng.randint(40_000, 80_000)
        if kind == "rust":
            return self.rng.randint(2_000, 7_000) if r < 0.65 else self.rng.randint(7_000, 13_000)
        # two thirds 1.5-5.5 KB, the rest 5.5-13 KB
        return self.rng.randint(1_500, 5_500) if r < 0.65 else self.rng.randint(5_500, 13_000)

    # ---- TypeScript statements over a list of rows ----------------------------------------------

    def ts_statements(self, n: int, row: Feature | None) -> list[str]:
        """Statements over `items: readonly Row[]`, `total`, `count`, `labels`, `buckets`, `limit`."""
        nums = [f.name for f in row.fields_of("num")] if row else ["score", "count"]
        strs = [f.name for f in row.fields_of("str")] if row else ["name", "category"]
        bools = [f.name for f in row.fields_of("bool")] if row else ["active"]
        out: list[str] = []
        r = self.rng
        for i in range(n):
            v = f"{self.pick(('tmp', 'acc', 'part', 'slice', 'view', 'step'))}{i}"
            k = r.randrange(13)
            num, s, b = self.pick(nums), self.pick(strs), self.pick(bools)
            if k == 0:
                out.append(
                    fill(
                        "for (const item of items) {\n  if (count >= limit) {\n    break;\n  }\n"
                        "  total += Number(item.{{num}} ?? 0);\n  count += 1;\n}",
                        num=num,
                    )
                )
            elif k == 1:
                out.append(
                    fill(
                        "const {{v}} = items.filter((item) => item.{{b}}).map((item) => "
                        "String(item.{{s}}));\n"
                        "labels.push(...{{v}}.slice(0, {{n}}));",
                        v=v,
                        b=b,
                        s=s,
                        n=r.randint(2, 12),
                    )
                )
            elif k == 2:
                out.append(
                    fill(
                        "if (total > {{hi}}) {\n  labels.push(`over ${total.toFixed({{p}})}`);\n"
                        '} else if (total < {{lo}}) {\n  labels.push("{{w}}");\n}',
                        hi=r.randint(100, 9000),
                        lo=r.randint(1, 99),
                        p=r.randint(0, 3),
                        w=self.pick(WORDS),
                    )
                )
            elif k == 3:
                out.append(
                    fill(
                        "switch (labels.length % {{m}}) {\n  case 0:\n    total *= {{f}};\n    break;\n"
                        "  case 1:\n    count = Math.max(count - 1, 0);\n    break;\n  default:\n"
                        "    labels.reverse();\n}",
                        m=r.randint(2, 7),
                        f=round(r.uniform(0.5, 2.5), 2),
                    )
                )
            elif k == 4:
                out.append(
                    fill(
                        "for (let i = 0; i < Math.min(items.length, limit); i += 1) {\n"
                        "  const key = String(items[i].{{s}}).slice(0, {{n}}).toLowerCase();\n"
                        "  buckets.set(key, (buckets.get(key) ?? 0) + 1);\n}",
                        s=s,
                        n=r.randint(3, 16),
                    )
                )
            elif k == 5:
                out.append(
                    fill(
                        "const {{v}} = items.reduce((sum, item) => sum + (item.{{b}} ? 1 : 0), 0);\ncount += {{v}};",
                        v=v,
                        b=b,
                    )
                )
            elif k == 6:
                out.append("while (labels.length > limit) {\n  labels.pop();\n}")
            elif k == 7:
                out.append(
                    fill(
                        'try {\n  const parsed = JSON.parse(labels.join(",") || "[]") as unknown;\n'
                        "  if (Array.isArray(parsed)) {\n    count += parsed.length;\n  }\n"
                        "} catch (error) {\n"
                        '  console.debug("{{w}}: ignoring unparsable labels", error);\n}',
                        w=self.pick(WORDS),
                    )
                )
            elif k == 8:
                out.append(
                    fill(
                        "const {{v}} = new Date(Date.now() - {{n}} * 86_400_000).toISOString();\n"
                        "labels.push({{v}}.slice(0, 10));",
                        v=v,
                        n=r.randint(1, 90),
                    )
                )
            elif k == 9:
                out.append(
                    fill(
                        "const {{v}} = /^[a-z0-9-]{{q}}$/i;\nfor (const label of labels) {\n"
                        "  if (!{{v}}.test(label)) {\n    buckets.set(label, -1);\n  }\n}",
                        v=v,
                        q="+",
                    )
                )
            elif k == 10:
                p = 10 ** r.randint(1, 4)
                out.append(f"total = Math.round(total * {p}) / {p};")
            elif k == 11:
                out.append(
                    fill(
                        "const {{v}} = [...buckets.entries()].sort((a, b) => b[1] - a[1]).slice(0, {{n}});\n"
                        "for (const [key, value] of {{v}}) {\n  labels.push(`${key}=${value}`);\n}",
                        v=v,
                        n=r.randint(3, 20),
                    )
                )
            else:
                out.append(
                    fill(
                        "const {{v}} = items.find((item) => item.{{num}} > {{n}} && !item.{{b}});\n"
                        "if ({{v}} !== undefined) {\n  labels.unshift(String({{v}}.{{s}}));\n"
                        "  total -= {{v}}.{{num}};\n}",
                        v=v,
                        num=num,
                        n=r.randint(0, 500),
                        b=b,
                        s=s,
                    )
                )
        return out

    def ts_helper(self, used: set[str], row: Feature | None, row_type: str, export: bool = True) -> str:
        noun = row.pascal if row else self.pick(WORDS).capitalize()
        name = self.unique(
            used, lambda: f"{self.pick(VERBS)}{noun}{self.pick(WORDS).capitalize()}{self.pick(UI_PARTS)}"
        )
        body = "\n".join(self.ts_statements(self.rng.randint(3, 9), row))
        head = "export function" if export else "function"
        ret = f"{pascal(name)}Result"
        return fill(
            "export interface {{ret}} {\n  total: number;\n  count: number;\n  labels: string[];\n"
            "  buckets: Record<string, number>;\n}\n\n"
            "/** {{doc}} */\n"
            "{{head}} {{name}}(items: readonly {{row}}[], limit = {{limit}}): {{ret}} {\n"
            "  let total = 0;\n  let count = 0;\n  const labels: string[] = [];\n"
            "  const buckets = new Map<string, number>();\n{{body}}\n"
            "  return { total, count, labels, buckets: Object.fromEntries(buckets) };\n}\n",
            ret=ret,
            doc=self.sentence(),
            head=head,
            name=name,
            row=row_type,
            limit=self.rng.randint(10, 500),
            body=indent(body, 2),
        )

    def ts_table(self, used: set[str]) -> str:
        name = self.unique(used, lambda: f"{self.pick(WORDS).upper()}_{self.pick(UI_PARTS).upper()}_PRESETS")
        rows = []
        for _ in range(self.rng.randint(6, 24)):
            key = self.pick(WORDS)
            rows.append(
                f'  "{key}-{self.rng.randint(1, 99)}": {{ label: "{self.words(1, 3).title()}", '
                f"weight: {self.rng.randint(1, 100)}, enabled: {self.pick(('true', 'false'))} }},"
            )
        return (
            f"export const {name}: Record<string, {{ label: string; weight: number; enabled: boolean }}> = "
            f"{{\n" + "\n".join(rows) + "\n};\n"
        )

    def ts_class(self, used: set[str], row: Feature | None, row_type: str) -> str:
        cname = self.unique(used, lambda: f"{self.pick(WORDS).capitalize()}{self.pick(UI_PARTS)}Model")
        methods = []
        for _ in range(self.rng.randint(2, 5)):
            mname = self.unique(used, lambda: f"{self.pick(VERBS)}{self.pick(WORDS).capitalize()}")
            body = "\n".join(self.ts_statements(self.rng.randint(2, 5), row))
            methods.append(
                fill(
                    "  {{name}}(limit = {{limit}}): number {\n    const items = this.items;\n"
                    "    let total = 0;\n    let count = 0;\n    const labels: string[] = [];\n"
                    "    const buckets = new Map<string, number>();\n{{body}}\n"
                    '    this.history.push(labels.join("|"));\n    return total + count + buckets.size;\n  }',
                    name=mname,
                    limit=self.rng.randint(5, 200),
                    body=indent(body, 4),
                )
            )
        return fill(
            "export class {{cname}} {\n  private readonly history: string[] = [];\n\n"
            "  constructor(private readonly items: readonly {{row}}[]) {}\n\n"
            "  get size(): number {\n    return this.items.length;\n  }\n\n{{methods}}\n}\n",
            cname=cname,
            row=row_type,
            methods="\n\n".join(methods),
        )

    def ts_union(self, used: set[str]) -> str:
        base = self.unique(used, lambda: f"{self.pick(WORDS).capitalize()}{self.pick(UI_PARTS)}Mode")
        members = sorted({self.pick(WORDS) for _ in range(self.rng.randint(3, 7))})
        cases = "\n".join(f'    case "{m}":\n      return "{self.words(1, 4).title()}";' for m in members)
        return fill(
            "export type {{base}} = {{union}};\n\n"
            "export function describe{{base}}(mode: {{base}}): string {\n"
            "  switch (mode) {\n{{cases}}\n    default:\n      return String(mode);\n  }\n}\n\n"
            "export function is{{base}}(value: unknown): value is {{base}} {\n"
            '  return typeof value === "string" && [{{list}}].includes(value);\n}\n',
            base=base,
            union=" | ".join(f'"{m}"' for m in members),
            cases=cases,
            list=", ".join(f'"{m}"' for m in members),
        )

    def ts_filler(self, used: set[str], row: Feature | None, row_type: str) -> str:
        k = self.rng.random()
        if k < 0.45:
            return self.ts_helper(used, row, row_type)
        if k < 0.65:
            return self.ts_class(used, row, row_type)
        if k < 0.85:
            return self.ts_union(used)
        return self.ts_table(used)

    # ---- markup (JSX, Vue templates, Svelte) ----------------------------------------------------

    def markup(self, dialect: str, ctx: MarkupCtx, depth: int, max_depth: int, budget: int = 24) -> list[str]:
        """One element with children (at most about `budget` elements); `dialect` is jsx | vue | svelte."""
        if depth == 0:
            self._elements = budget
        r = self.rng
        tag = self.pick(HTML_CONTAINERS[:-1])
        cls = f"{ctx.prefix}__{self.pick(WORDS)}"
        attr_cls = "className" if dialect == "jsx" else "class"
        lines = [f'<{tag} {attr_cls}="{cls}">']
        for _ in range(r.randint(1, 4)):
            self._elements -= 1
            if depth < max_depth and self._elements > 0 and r.random() < 0.45:
                lines.extend("  " + ln for ln in self.markup(dialect, ctx, depth + 1, max_depth))
            else:
                lines.extend("  " + ln for ln in self.markup_leaf(dialect, ctx))
        lines.append(f"</{tag}>")
        return lines

    def markup_leaf(self, dialect: str, ctx: MarkupCtx) -> list[str]:
        r = self.rng
        k = r.randrange(8)
        cls_attr = "className" if dialect == "jsx" else "class"
        expr = self.pick(ctx.exprs)
        open_, close = ("{", "}") if dialect in ("jsx", "svelte") else ("{{ ", " }}")
        if k == 0:
            return [f'<p {cls_attr}="{ctx.prefix}__text">{self.sentence()}</p>']
        if k == 1:
            return [f'<span {cls_attr}="{ctx.prefix}__value">{open_}{expr}{close}</span>']
        if k == 2 and ctx.list_var:
            n = r.randint(5, 50)
            if dialect == "jsx":
                return [
                    f"{{{ctx.list_var}.slice(0, {n}).map((item) => (",
                    f'  <li key={{item.id}} className="{ctx.prefix}__item" onClick={{() => {ctx.select("item.id")}}}>',
                    "    {item.name}",
                    "  </li>",
                    "))}",
                ]
            if dialect == "vue":
                return [
                    f'<li v-for="item in {ctx.list_var}.slice(0, {n})" :key="item.id" '
                    f'class="{ctx.prefix}__item"'
                    f' @click="{ctx.select("item.id")}">',
                    "  {{ item.name }}",
                    "</li>",
                ]
            return [
                f"{{#each {ctx.list_var}.slice(0, {n}) as item (item.id)}}",
                f'  <li class="{ctx.prefix}__item" on:click={{() => {ctx.select("item.id")}}}>{{item.name}}</li>',
                "{/each}",
            ]
        if k == 3 and ctx.flag:
            text = self.words(1, 3)
            if dialect == "jsx":
                return [f'{{{ctx.flag} && <p className="{ctx.prefix}__hint">{text}</p>}}']
            if dialect == "vue":
                return [f'<p v-if="{ctx.flag}" class="{ctx.prefix}__hint">{text}</p>']
            return [f"{{#if {ctx.flag}}}", f'  <p class="{ctx.prefix}__hint">{text}</p>', "{/if}"]
        if k == 4 and ctx.toggle:
            label = self.words(1, 2).title()
            if dialect == "jsx":
                return [f'<button type="button" onClick={{() => {ctx.toggle}}}>{label}</button>']
            if dialect == "vue":
                return [f'<button type="button" @click="{ctx.toggle}">{label}</button>']
            return [f'<button type="button" on:click={{() => {ctx.toggle}}}>{label}</button>']
        if k == 5 and ctx.query:
            ph = self.words(1, 3)
            if dialect == "jsx":
                return [
                    f'<input value={{{ctx.query}}} placeholder="{ph}" '
                    f"onChange={{(event) => {ctx.set_query}(event.target.value)}} />"
                ]
            if dialect == "vue":
                return [f'<input v-model="{ctx.query}" placeholder="{ph}" />']
            return [f'<input bind:value={{{ctx.query}}} placeholder="{ph}" />']
        if k == 6:
            label = self.words(1, 2)
            return [
                f'<label {cls_attr}="{ctx.prefix}__field">',
                f"  <span>{label}</span>",
                f"  <strong>{open_}{expr}{close}</strong>",
                "</label>",
            ]
        return [f"<h4>{self.words(1, 4).title()}</h4>"]

    def css(self, prefix: str, n: int) -> str:
        rules = []
        for _ in range(n):
            props = self.rng.sample(CSS_PROPS, self.rng.randint(2, 6))
            body = "\n".join(f"  {p}: {self.pick(vals)};" for p, vals in props)
            rules.append(f".{prefix}__{self.pick(WORDS)} {{\n{body}\n}}")
        return "\n\n".join(rules)

    # ---- Rust --------------------------------------------------------------------------------------

    def rs_statements(self, n: int, row: Feature) -> list[str]:
        """Statements over `items: &[Row]`, `total: f64`, `count: usize`, `labels`, `buckets`, `limit`."""
        nums = [f.snake for f in row.fields_of("num")]
        strs = [f.snake for f in row.fields_of("str")]
        bools = [f.snake for f in row.fields_of("bool")]
        r = self.rng
        out: list[str] = []
        for i in range(n):
            v = f"{self.pick(('tmp', 'acc', 'part', 'view', 'step'))}_{i}"
            num, s, b = self.pick(nums), self.pick(strs), self.pick(bools)
            k = r.randrange(11)
            if k == 0:
                out.append(
                    f"for item in items.iter().take(limit) {{\n    total += item.{num} as f64;\n    count += 1;\n}}"
                )
            elif k == 1:
                out.append(
                    f"let {v}: Vec<&str> = items\n    .iter()\n    .filter(|item| item.{b})\n"
                    f"    .map(|item| item.{s}.as_str())\n    .collect();\n"
                    f"labels.extend({v}.iter().take({r.randint(2, 12)}).map(|s| s.to_string()));"
                )
            elif k == 2:
                out.append(
                    f"if total > {r.randint(10, 9000)}.0 {{\n"
                    f'    labels.push(format!("over {{total:.{r.randint(0, 3)}}}"));\n'
                    f'}} else if count == 0 {{\n    labels.push(String::from("{self.pick(WORDS)}"));\n}}'
                )
            elif k == 3:
                out.append(
                    f"match labels.len() % {r.randint(2, 7)} {{\n"
                    f"    0 => total *= {round(r.uniform(0.5, 2.5), 2)},\n"
                    "    1 => count = count.saturating_sub(1),\n    _ => labels.reverse(),\n}"
                )
            elif k == 4:
                out.append(
                    f"for (index, item) in items.iter().enumerate() {{\n"
                    f"    let key = item.{s}.to_lowercase();\n"
                    f"    *buckets.entry(key).or_insert(0) += index % {r.randint(2, 17)};\n}}"
                )
            elif k == 5:
                out.append(
                    f"let {v} = items.iter().fold(0usize, |acc, item| acc + usize::from(item.{b}));\ncount += {v};"
                )
            elif k == 6:
                out.append("while labels.len() > limit {\n    labels.pop();\n}")
            elif k == 7:
                out.append(f"if let Some(first) = items.first() {{\n    labels.insert(0, first.{s}.clone());\n}}")
            elif k == 8:
                out.append(
                    f"let mut {v}: Vec<(&String, &usize)> = buckets.iter().collect();\n"
                    f"{v}.sort_by(|a, b| b.1.cmp(a.1));\n"
                    f"let {v}_text: Vec<String> = {v}\n    .into_iter()\n    .take({r.randint(3, 20)})\n"
                    f'    .map(|(key, value)| format!("{{key}}={{value}}"))\n    .collect();\n'
                    f"labels.extend({v}_text);"
                )
            elif k == 9:
                p = 10 ** r.randint(1, 4)
                out.append(f"total = (total * {p}.0).round() / {p}.0;")
            else:
                out.append(
                    f"if let Some(found) = items\n    .iter()\n"
                    f"    .find(|item| item.{num} as f64 > {r.randint(0, 500)}.0 && !item.{b})\n{{\n"
                    f"    labels.push(found.{s}.clone());\n    total -= found.{num} as f64;\n}}"
                )
        return out

    def rs_helper(self, used: set[str], row: Feature, public: bool = False) -> str:
        name = self.unique(used, lambda: f"{self.pick(VERBS)}_{self.pick(WORDS)}_{row.snake}")
        body = "\n".join(self.rs_statements(self.rng.randint(3, 9), row))
        vis = "pub " if public else "pub(crate) "
        return fill(
            "/// {{doc}}\n{{vis}}fn {{name}}(items: &[{{row}}], limit: usize) -> Tally {\n"
            "    let mut total = 0.0_f64;\n    let mut count = 0_usize;\n"
            "    let mut labels: Vec<String> = Vec::new();\n"
            "    let mut buckets: HashMap<String, usize> = HashMap::new();\n{{body}}\n"
            "    Tally { total, count, labels, buckets }\n}\n",
            doc=self.sentence(),
            vis=vis,
            name=name,
            row=row.pascal,
            body=indent(body, 4),
        )

    def rs_enum(self, used: set[str]) -> str:
        name = self.unique(used, lambda: f"{self.pick(WORDS).capitalize()}{self.pick(UI_PARTS)}Kind")
        variants = []
        for w in self.rng.sample(WORDS, self.rng.randint(3, 8)):
            variants.append(w.capitalize())
        arms = "\n".join(f'            {name}::{v} => "{v.lower()}",' for v in variants)
        parse = "\n".join(f'            "{v.lower()}" => Ok({name}::{v}),' for v in variants)
        return fill(
            "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]\n"
            '#[serde(rename_all = "kebab-case")]\npub enum {{name}} {\n{{variants}}\n}\n\n'
            "impl {{name}} {\n    pub fn as_str(self) -> &'static str {\n        match self {\n{{arms}}\n"
            "        }\n    }\n}\n\n"
            "impl std::fmt::Display for {{name}} {\n"
            "    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n"
            "        f.write_str(self.as_str())\n    }\n}\n\n"
            "impl std::str::FromStr for {{name}} {\n    type Err = String;\n\n"
            "    fn from_str(value: &str) -> Result<Self, Self::Err> {\n        match value {\n{{parse}}\n"
            '            other => Err(format!("unknown {{lower}}: {other}")),\n        }\n    }\n}\n',
            name=name,
            variants="\n".join(f"    {v}," for v in variants),
            arms=arms,
            parse=parse,
            lower=name.lower(),
        )

    def rs_struct(self, used: set[str], row: Feature) -> str:
        name = self.unique(used, lambda: f"{row.pascal}{self.pick(WORDS).capitalize()}{self.pick(UI_PARTS)}")
        fields = self.rng.sample(EXTRA_FIELDS, self.rng.randint(2, 6))
        decl = "\n".join(f"    pub {f.snake}: {f.rust}," for f in fields)
        method_used: set[str] = set()
        methods = []
        for _ in range(self.rng.randint(1, 3)):
            m = self.unique(method_used, lambda: f"{self.pick(VERBS)}_{self.pick(WORDS)}")
            body = "\n".join(self.rs_statements(self.rng.randint(2, 5), row))
            methods.append(
                fill(
                    "    pub fn {{m}}(&self, items: &[{{row}}], limit: usize) -> usize {\n"
                    "        let mut total = 0.0_f64;\n        let mut count = 0_usize;\n"
                    "        let mut labels: Vec<String> = Vec::new();\n"
                    "        let mut buckets: HashMap<String, usize> = HashMap::new();\n{{body}}\n"
                    "        count + labels.len() + buckets.len() + total as usize\n    }",
                    m=m,
                    row=row.pascal,
                    body=indent(body, 8),
                )
            )
        return fill(
            "/// {{doc}}\n#[derive(Debug, Clone, Default, Serialize, Deserialize)]\n"
            '#[serde(rename_all = "camelCase")]\npub struct {{name}} {\n{{decl}}\n}\n\n'
            "impl {{name}} {\n{{methods}}\n}\n",
            doc=self.sentence(),
            name=name,
            decl=decl,
            methods="\n\n".join(methods),
        )

    def rs_filler(self, used: set[str], row: Feature) -> str:
        k = self.rng.random()
        if k < 0.5:
            return self.rs_helper(used, row)
        if k < 0.75:
            return self.rs_struct(used, row)
        return self.rs_enum(used)

    def rs_tests(self, row: Feature, helpers: Iterable[str]) -> str:
        tests = []
        for i, h in enumerate(helpers):
            tests.append(
                fill(
                    "    #[test]\n    fn {{h}}_handles_{{w}}() {\n"
                    "        let rows = vec![{{row}}::default(); {{n}}];\n"
                    "        let tally = {{h}}(&rows, {{lim}});\n"
                    "        assert!(tally.count <= rows.len() + {{lim}});\n"
                    '        assert!(tally.total.is_finite(), "case {{i}}");\n    }',
                    h=h,
                    w=self.pick(WORDS),
                    row=row.pascal,
                    n=self.rng.randint(0, 12),
                    lim=self.rng.randint(1, 50),
                    i=i,
                )
            )
        return "#[cfg(test)]\nmod tests {\n    use super::*;\n\n" + "\n\n".join(tests) + "\n}\n"


@dataclass
class MarkupCtx:
    prefix: str
    exprs: list[str]
    list_var: str | None = None
    select: Callable[[str], str] = lambda v: f"console.log({v})"
    flag: str | None = None
    toggle: str | None = None
    query: str | None = None
    set_query: str | None = None


# --------------------------------------------------------------------------------------------------
# The generator
# --------------------------------------------------------------------------------------------------


class Finding(TypedDict):
    rule: str
    path: str  # relative to the output folder, with "/"
    line: int


class Manifest(TypedDict):
    generator: str
    scale: int
    seed: int
    frontend_files: int
    frontend_bytes: int
    rust_files: int
    rust_bytes: int
    other_files: int
    other_bytes: int
    expected_findings: list[Finding]


@dataclass
class Output:
    files: dict[str, str] = field(default_factory=dict)  # relative path → content
    expected: list[Finding] = field(default_factory=list)

    def put(self, src: Src) -> None:
        self.put_text(src.rel, src.text())
        for rule, line in src.expected:
            self.expected.append({"rule": rule, "path": src.rel, "line": line})

    def put_text(self, rel: str, text: str) -> None:
        if rel in self.files:
            raise ValueError(f"generated twice: {rel}")
        self.files[rel] = text


class Monorepo:
    def __init__(self, scale: int, seed: int) -> None:
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        self.g = Gen(self.rng)
        self.out = Output()

    # ---- features ----------------------------------------------------------------------------------

    def features(self, app: AppSpec, count: int) -> list[Feature]:
        used: set[str] = set()
        feats = []
        for i in range(count):

            def name() -> str:
                noun = self.g.pick(NOUNS)
                return noun if self.rng.random() < 0.3 else f"{self.g.pick(QUALIFIERS)}_{noun}"

            snake = self.g.unique(used, name)
            while not re.fullmatch(r"[a-z_]+", snake):  # the rare fallback appends digits: try again
                snake = self.g.unique(
                    used, lambda: f"{self.g.pick(QUALIFIERS)}_{self.g.pick(QUALIFIERS)}_{self.g.pick(NOUNS)}"
                )
            extras = tuple(self.rng.sample(EXTRA_FIELDS, self.rng.randint(2, 7)))
            feat = Feature(snake, BASE_FIELDS + extras)
            feat.commands = self.commands(app, feat, first=(i == 0 and app.kind == "react"))
            feats.append(feat)
        return feats

    def commands(self, app: AppSpec, f: Feature, first: bool) -> list[Command]:
        snake_keys = app.kind == "jsx"  # the legacy app uses #[tauri::command(rename_all = "snake_case")]

        def p(rust: str, rust_type: str, ts_type: str) -> Param:
            return Param(rust, rust_type, ts_type, rust if snake_keys else camel(rust))

        pid = p(f"{f.snake}_id", "u32", "number")
        P, PP = f.pascal, f.plural_snake
        cmds = [
            Command(f"get_{f.snake}", "get", (pid,), f"Result<{P}, String>", P),
            Command(
                f"list_{PP}",
                "list",
                (p("filter", f"{P}Filter", f"{P}Filter"),),
                f"Result<Vec<{P}>, String>",
                f"{P}[]",
            ),
            Command(
                f"create_{f.snake}",
                "create",
                (p("input", f"{P}Input", f"{P}Input"),),
                f"Result<{P}, String>",
                P,
            ),
            Command(
                f"update_{f.snake}",
                "update",
                (pid, p("input", f"{P}Input", f"{P}Input")),
                f"Result<{P}, String>",
                P,
            ),
            Command(f"delete_{f.snake}", "delete", (pid,), "Result<bool, String>", "boolean"),
            Command(
                f"search_{PP}",
                "search",
                (p("query", "String", "string"), p("limit", "Option<u32>", "number | null")),
                f"Result<Vec<{P}>, String>",
                f"{P}[]",
            ),
            Command(f"count_{PP}", "count", (), "Result<u64, String>", "number"),
            Command(
                f"summarize_{PP}",
                "summarize",
                (p("values", "Vec<f64>", "number[]"),),
                f"{P}Summary",
                f"{P}Summary",
                is_async=False,
            ),
        ]
        if self.rng.random() < 0.35:
            cmds.append(
                Command(
                    f"export_{PP}",
                    "export",
                    (p("format", "String", "string"), p("on_progress", "Channel<ExportProgress>", "Channel")),
                    "Result<u64, String>",
                    "number",
                    channel=True,
                )
            )
        if first:  # the seeded findings' commands
            cmds += [
                Command(f"archive_{f.snake}", "archive", (pid,), "Result<bool, String>", "boolean"),
                Command(f"purge_{f.snake}_cache", "purge", (), "Result<u64, String>", "number", registered=False),
                Command(f"export_{f.snake}_thumbnail", "thumbnail", (pid,), "Result<Vec<u8>, String>", "number[]"),
                Command(
                    f"refresh_{f.snake}_index",
                    "refresh",
                    (p("force", "bool", "boolean"),),
                    "Result<u32, String>",
                    "number",
                ),
            ]
        return cmds

    # ---- the whole tree ------------------------------------------------------------------------------

    def build(self) -> Output:
        o = self.out
        o.put_text(
            "package.json",
            json.dumps(
                {
                    "name": "bench-monorepo",
                    "private": True,
                    "workspaces": ["apps/*", "packages/*"],
                    "devDependencies": {"typescript": "^5.6.0", "prettier": "^3.3.0"},
                },
                indent=2,
            )
            + "\n",
        )
        o.put_text("pnpm-workspace.yaml", "packages:\n  - apps/*\n  - packages/*\n")
        o.put_text(".gitignore", "node_modules/\ndist/\ntarget/\n.tauri-lint-cache/\n*.log\n")
        o.put_text(
            "Cargo.toml",
            '[workspace]\nresolver = "2"\nmembers = [\n'
            + "".join(f'  "apps/{a.name}/src-tauri",\n' for a in APPS)
            + '  "crates/tauri-plugin-sync",\n  "crates/shared-core",\n]\n',
        )
        self.plugin_crate()
        self.shared_core()
        self.ui_package()
        for app in APPS:
            feats = self.features(app, max(1, self.scale * app.weight))
            self.rust_app(app, feats)
            if app.kind == "react":
                self.react_app(app, feats)
            elif app.kind == "vue":
                self.vue_app(app, feats)
            elif app.kind == "svelte":
                self.svelte_app(app, feats)
            else:
                self.jsx_app(app, feats)
            self.node_modules(f"apps/{app.name}/node_modules", small=True)
            self.dist(app)
        self.node_modules("node_modules", small=False)
        return o

    # ---- Rust ------------------------------------------------------------------------------------------

    def rust_app(self, app: AppSpec, feats: list[Feature]) -> None:
        base = f"apps/{app.name}/src-tauri"
        o = self.out
        o.put_text(
            f"{base}/Cargo.toml",
            fill(
                '[package]\nname = "{{name}}"\nversion = "0.4.2"\nedition = "2021"\n\n[lib]\n'
                'name = "{{crate}}_lib"\ncrate-type = ["staticlib", "cdylib", "rlib"]\n\n'
                '[build-dependencies]\ntauri-build = { version = "2", features = [] }\n\n[dependencies]\n'
                'tauri = { version = "2", features = [] }\n'
                'tauri-plugin-sync = { path = "../../../crates/tauri-plugin-sync" }\n'
                'shared-core = { path = "../../../crates/shared-core" }\n'
                'serde = { version = "1", features = ["derive"] }\nserde_json = "1"\n'
                'tokio = { version = "1", features = ["fs", "sync", "time"] }\n',
                name=app.name,
                crate=app.crate,
            ),
        )
        conf = {
            "productName": app.name,
            "version": "0.4.2",
            "identifier": f"dev.bench.{app.crate}",
            "build": {"frontendDist": "../dist", "devUrl": "http://localhost:1420"},
            "app": {
                "withGlobalTauri": app.kind == "jsx",
                "windows": [{"title": app.name, "width": 1200, "height": 800}],
            },
        }
        o.put_text(f"{base}/tauri.conf.json", json.dumps(conf, indent=2) + "\n")
        o.put_text(
            f"{base}/capabilities/default.json",
            json.dumps(
                {
                    "identifier": "default",
                    "windows": ["main"],
                    "permissions": ["core:default", "sync:default"],
                },
                indent=2,
            )
            + "\n",
        )
        build = Src(f"{base}/build.rs")
        build.add("fn main() {\n    tauri_build::build()\n}")
        o.put(build)
        main = Src(f"{base}/src/main.rs")
        main.add(
            "// Prevents an additional console window on Windows in release.\n"
            '#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]\n\n'
            f"fn main() {{\n    {app.crate}_lib::run()\n}}"
        )
        o.put(main)
        self.rust_state(base)
        entries = []
        for f in feats:
            self.rust_models(base, app, f)
            self.rust_repo(base, f)
            self.rust_commands(base, app, f)
            entries += [f"commands::{f.snake}::{c.name}" for c in f.commands if c.registered]
        for sub, kind in (("commands", "commands"), ("models", "models"), ("db", "repo")):
            mod = Src(f"{base}/src/{sub}/mod.rs")
            mod.add(f"//! The app's {kind}, one module per feature.\n")
            for f in feats:
                mod.add(f"pub mod {f.snake}{'_repo' if sub == 'db' else ''};")
            o.put(mod)
        lib = Src(f"{base}/src/lib.rs")
        lib.add(
            "mod commands;\nmod db;\nmod models;\nmod state;\n\nuse state::AppState;\n\n"
            "#[cfg_attr(mobile, tauri::mobile_entry_point)]\npub fn run() {\n    tauri::Builder::default()\n"
            "        .plugin(tauri_plugin_sync::init())\n        .manage(AppState::default())\n"
            "        .setup(|app| {\n            state::prepare(app.handle())?;\n            Ok(())\n"
            "        })\n"
            "        .invoke_handler(tauri::generate_handler![\n"
            + "\n".join(f"            {e}," for e in entries)
            + "\n        ])\n        .run(tauri::generate_context!())\n"
            '        .expect("error while running tauri application");\n}'
        )
        o.put(lib)

    def rust_state(self, base: str) -> None:
        src = Src(f"{base}/src/state.rs")
        src.add(
            "//! Shared application state: an in-memory store per table, persisted on demand.\n\n"
            "use std::collections::HashMap;\nuse std::sync::atomic::{AtomicU32, Ordering};\n\n"
            "use tauri::{AppHandle, Manager};\nuse tokio::sync::RwLock;\n\n"
            "#[derive(Default)]\npub struct AppState {\n"
            "    tables: RwLock<HashMap<String, Vec<serde_json::Value>>>,\n"
            "    next_id: AtomicU32,\n}\n\nimpl AppState {\n"
            "    pub fn next_id(&self) -> u32 {\n        self.next_id.fetch_add(1, Ordering::Relaxed) + 1\n"
            "    }\n\n"
            "    pub async fn rows(&self, table: &str) -> Vec<serde_json::Value> {\n"
            "        self.tables.read().await.get(table).cloned().unwrap_or_default()\n    }\n\n"
            "    pub async fn put(&self, table: &str, rows: Vec<serde_json::Value>) {\n"
            "        self.tables.write().await.insert(table.to_string(), rows);\n    }\n}\n\n"
            "pub fn prepare(app: &AppHandle) -> Result<(), Box<dyn std::error::Error>> {\n"
            "    let dir = app.path().app_data_dir()?;\n    std::fs::create_dir_all(&dir)?;\n    Ok(())\n}"
        )
        self.out.put(src)

    def rust_models(self, base: str, app: AppSpec, f: Feature) -> None:
        g = self.g
        src = Src(f"{base}/src/models/{f.snake}.rs")
        P = f.pascal
        fields = "\n".join(f"    pub {x.snake}: {x.rust}," for x in f.fields)
        inputs = "\n".join(f"    pub {x.snake}: {x.rust}," for x in f.fields if x.name != "id")
        src.add(
            fill(
                "//! {{title}}: the data model shared by the commands and the repository.\n\n"
                "use std::collections::HashMap;\n\nuse serde::{Deserialize, Serialize};\n\n"
                "#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]\n"
                '#[serde(rename_all = "camelCase")]\npub struct {{P}} {\n{{fields}}\n}\n\n'
                "#[derive(Debug, Clone, Default, Serialize, Deserialize)]\n"
                '#[serde(rename_all = "camelCase")]\npub struct {{P}}Input {\n{{inputs}}\n}\n\n'
                "#[derive(Debug, Clone, Default, Serialize, Deserialize)]\n"
                '#[serde(rename_all = "camelCase")]\npub struct {{P}}Filter {\n'
                "    pub query: Option<String>,\n"
                "    pub limit: Option<u32>,\n    pub offset: Option<u32>,\n"
                "    pub only_active: Option<bool>,\n}\n\n"
                "#[derive(Debug, Clone, Default, Serialize, Deserialize)]\n"
                '#[serde(rename_all = "camelCase")]\npub struct {{P}}Summary {\n    pub count: usize,\n'
                "    pub total: f64,\n    pub mean: f64,\n    pub min: f64,\n    pub max: f64,\n}\n\n"
                "#[derive(Debug, Clone, Default)]\npub struct Tally {\n    pub total: f64,\n"
                "    pub count: usize,\n"
                "    pub labels: Vec<String>,\n    pub buckets: HashMap<String, usize>,\n}\n\n"
                "impl {{P}} {\n    pub fn from_input(id: u32, input: {{P}}Input) -> Self {\n        Self {\n"
                "            id,\n{{assign}}\n        }\n    }\n\n"
                "    pub fn matches(&self, filter: &{{P}}Filter) -> bool {\n"
                "        if filter.only_active.unwrap_or(false) && !self.active {\n"
                "            return false;\n        }\n"
                "        match &filter.query {\n"
                "            Some(q) => self.name.to_lowercase().contains(&q.to_lowercase()),\n"
                "            None => true,\n        }\n    }\n}\n\n"
                "impl {{P}}Summary {\n    pub fn of(values: &[f64]) -> Self {\n"
                "        if values.is_empty() {\n"
                "            return Self::default();\n        }\n"
                "        let total: f64 = values.iter().sum();\n"
                "        let min = values.iter().copied().fold(f64::INFINITY, f64::min);\n"
                "        let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);\n"
                "        Self { count: values.len(), total, mean: total / values.len() as f64, min, max }\n"
                "    }\n}\n",
                title=P,
                P=P,
                fields=fields,
                inputs=inputs,
                assign="\n".join(f"            {x.snake}: input.{x.snake}," for x in f.fields if x.name != "id"),
            )
        )
        used: set[str] = set()
        target = g.size_target("rust")
        helpers = []
        while src.size < target:
            block = g.rs_filler(used, f)
            if block.startswith("///") and "-> Tally" in block:
                helpers.append(block.split("fn ", 1)[1].split("(", 1)[0])
            src.add(block)
        if helpers:
            src.add(g.rs_tests(f, helpers[:4]))
        self.out.put(src)

    def rust_repo(self, base: str, f: Feature) -> None:
        g = self.g
        P = f.pascal
        src = Src(f"{base}/src/db/{f.snake}_repo.rs")
        src.add(
            fill(
                "//! Storage of {{plural}}: serde_json rows in the shared state, written through to disk.\n\n"
                "use std::collections::HashMap;\nuse std::path::PathBuf;\n\n"
                "use serde::{Deserialize, Serialize};\n\n"
                "use crate::models::{{snake}}::{ {{P}}, {{P}}Filter, {{P}}Input, Tally };\n"
                "use crate::state::AppState;\n\n"
                'const TABLE: &str = "{{plural}}";\n\npub struct {{P}}Repo<\'a> {\n'
                "    state: &'a AppState,\n}\n\n"
                "impl<'a> {{P}}Repo<'a> {\n    pub fn new(state: &'a AppState) -> Self {\n"
                "        Self { state }\n    }\n\n"
                "    pub async fn all(&self) -> Vec<{{P}}> {\n        self.state\n            .rows(TABLE)\n"
                "            .await\n"
                "            .into_iter()\n            .filter_map(|row| serde_json::from_value(row).ok())\n"
                "            .collect()\n    }\n\n"
                "    pub async fn find(&self, id: u32) -> Option<{{P}}> {\n"
                "        self.all().await.into_iter().find(|row| row.id == id)\n    }\n\n"
                "    pub async fn list(&self, filter: &{{P}}Filter) -> Vec<{{P}}> {\n"
                "        let offset = filter.offset.unwrap_or(0) as usize;\n"
                "        let limit = filter.limit.unwrap_or(100) as usize;\n"
                "        self.all()\n            .await\n            .into_iter()\n"
                "            .filter(|row| row.matches(filter))\n"
                "            .skip(offset)\n            .take(limit)\n            .collect()\n    }\n\n"
                "    pub async fn insert(&self, input: {{P}}Input) -> Result<{{P}}, String> {\n"
                "        let row = {{P}}::from_input(self.state.next_id(), input);\n"
                "        let mut rows = self.all().await;\n"
                "        rows.push(row.clone());\n        self.save(rows).await?;\n        Ok(row)\n    }\n\n"
                "    pub async fn update(&self, id: u32, input: {{P}}Input) -> Result<{{P}}, String> {\n"
                "        let mut rows = self.all().await;\n"
                "        let slot = rows\n            .iter_mut()\n            .find(|row| row.id == id)\n"
                '            .ok_or_else(|| format!("{{snake}} {id} not found"))?;\n'
                "        *slot = {{P}}::from_input(id, input);\n        let updated = slot.clone();\n"
                "        self.save(rows).await?;\n        Ok(updated)\n    }\n\n"
                "    pub async fn remove(&self, id: u32) -> Result<bool, String> {\n"
                "        let mut rows = self.all().await;\n"
                "        let before = rows.len();\n        rows.retain(|row| row.id != id);\n"
                "        let removed = rows.len() != before;\n"
                "        self.save(rows).await?;\n        Ok(removed)\n    }\n\n"
                "    async fn save(&self, rows: Vec<{{P}}>) -> Result<(), String> {\n"
                "        let values = rows\n            .iter()\n            .map(serde_json::to_value)\n"
                "            .collect::<Result<Vec<_>, _>>()\n            .map_err(|e| e.to_string())?;\n"
                "        self.state.put(TABLE, values).await;\n        Ok(())\n    }\n\n"
                "    pub async fn snapshot(&self, dir: PathBuf) -> Result<u64, String> {\n"
                "        let rows = self.all().await;\n"
                "        let text = serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?;\n"
                '        let path = dir.join(format!("{TABLE}.json"));\n'
                "        tokio::fs::write(&path, text.as_bytes()).await.map_err(|e| e.to_string())?;\n"
                "        Ok(text.len() as u64)\n    }\n}\n",
                plural=f.plural_snake,
                snake=f.snake,
                P=P,
            )
        )
        used: set[str] = set()
        target = g.size_target("rust")
        while src.size < target:
            src.add(g.rs_helper(used, f) if self.rng.random() < 0.7 else g.rs_struct(used, f))
        src.add(
            "#[allow(dead_code)]\nfn _index(rows: &[" + P + "]) -> HashMap<u32, usize> {\n"
            "    rows.iter().enumerate().map(|(i, row)| (row.id, i)).collect()\n}"
        )
        self.out.put(src)

    def rust_commands(self, base: str, app: AppSpec, f: Feature) -> None:
        g = self.g
        P = f.pascal
        src = Src(f"{base}/src/commands/{f.snake}.rs")
        attr = '#[tauri::command(rename_all = "snake_case")]' if app.kind == "jsx" else "#[tauri::command]"
        has_channel = any(c.channel for c in f.commands)
        src.add(
            fill(
                "//! Commands for {{plural}}.\n\nuse std::collections::HashMap;\n\n"
                "use serde::Serialize;\nuse tauri::{{imports}};\n\n"
                "use crate::db::{{snake}}_repo::{{P}}Repo;\n"
                "use crate::models::{{snake}}::{ {{P}}, {{P}}Filter, {{P}}Input, {{P}}Summary, Tally };\n"
                "use crate::state::AppState;\n\n"
                '#[derive(Clone, Serialize)]\n#[serde(rename_all = "camelCase")]\nstruct Changed {\n'
                "    id: u32,\n    kind: &'static str,\n}\n\n"
                '#[derive(Clone, Serialize)]\n#[serde(rename_all = "camelCase")]\n'
                "pub struct ExportProgress {\n"
                "    pub done: u64,\n    pub total: u64,\n}\n",
                plural=f.plural_snake.replace("_", " "),
                imports="{ipc::Channel, AppHandle, Emitter, State}" if has_channel else "{AppHandle, Emitter, State}",
                snake=f.snake,
                P=P,
            )
        )
        for c in f.commands:
            src.add("")
            self.rust_command(src, attr, f, c)
        used: set[str] = set()
        target = g.size_target("rust")
        while src.size < target:
            src.add(g.rs_helper(used, f))
        self.out.put(src)

    def rust_command(self, src: Src, attr: str, f: Feature, c: Command) -> None:
        P = f.pascal
        params = ", ".join(f"{p.rust}: {p.rust_type}" for p in c.params)
        state = "state: State<'_, AppState>"
        sig_params = ", ".join(x for x in (state, params) if x)
        doc = f"/// {self.g.sentence()}"
        if c.op == "get":
            body = (
                f"    {P}Repo::new(&state)\n        .find({f.snake}_id)\n        .await\n"
                f'        .ok_or_else(|| format!("{f.snake} {{{f.snake}_id}} not found"))'
            )
        elif c.op == "list":
            body = f"    Ok({P}Repo::new(&state).list(&filter).await)"
        elif c.op == "create":
            body = (
                f"    let row = {P}Repo::new(&state).insert(input).await?;\n"
                f'    app.emit("{f.event}", Changed {{ id: row.id, kind: "created" }})\n'
                "        .map_err(|e| e.to_string())?;\n    Ok(row)"
            )
            sig_params = f"app: AppHandle, {sig_params}"
        elif c.op == "update":
            body = (
                f"    let row = {P}Repo::new(&state).update({f.snake}_id, input).await?;\n"
                f'    app.emit("{f.event}", Changed {{ id: row.id, kind: "updated" }})\n'
                "        .map_err(|e| e.to_string())?;\n    Ok(row)"
            )
            sig_params = f"app: AppHandle, {sig_params}"
        elif c.op in ("delete", "archive"):
            body = f"    {P}Repo::new(&state).remove({f.snake}_id).await"
        elif c.op == "search":
            body = (
                f"    let filter = {P}Filter {{\n        query: Some(query),\n        limit,\n"
                "        ..Default::default()\n    };\n"
                f"    Ok({P}Repo::new(&state).list(&filter).await)"
            )
        elif c.op in ("count", "purge"):
            body = f"    Ok({P}Repo::new(&state).all().await.len() as u64)"
        elif c.op == "summarize":
            sig_params = params
            body = f"    {P}Summary::of(&values)"
        elif c.op == "export":
            body = (
                f"    let rows = {P}Repo::new(&state).all().await;\n    let total = rows.len() as u64;\n"
                "    let _ = format;\n    on_progress\n        .send(ExportProgress { done: total, total })\n"
                "        .map_err(|e| e.to_string())?;\n    Ok(total)"
            )
        elif c.op == "thumbnail":
            body = (
                f"    let row = {P}Repo::new(&state)\n        .find({f.snake}_id)\n        .await\n"
                '        .ok_or_else(|| String::from("not found"))?;\n'
                "    Ok(row.name.into_bytes())"
            )
        elif c.op == "refresh":
            body = (
                f"    let rows = {P}Repo::new(&state).all().await;\n"
                "    Ok(if force { rows.len() as u32 } else { 0 })"
            )
        else:
            raise ValueError(c.op)
        asyn = "async " if c.is_async else ""
        src.add(doc)
        if not c.registered:
            src.add("/// Kept for the maintenance screen (not wired up yet).")
        src.add(attr)
        line = f"pub {asyn}fn {c.name}({sig_params}) -> {c.rust_ret} {{"
        if c.op == "thumbnail":
            src.mark("large-json-response")
        src.add(line)
        src.add(body)
        src.add("}")

    # ---- the plugin and other crates -------------------------------------------------------------------

    def plugin_crate(self) -> None:
        base = "crates/tauri-plugin-sync"
        o = self.out
        o.put_text(
            f"{base}/Cargo.toml",
            '[package]\nname = "tauri-plugin-sync"\nversion = "0.2.0"\nedition = "2021"\n'
            'links = "tauri-plugin-sync"\n\n[dependencies]\ntauri = { version = "2" }\n'
            'serde = { version = "1", features = ["derive"] }\n'
            'tokio = { version = "1", features = ["sync"] }\n\n'
            '[build-dependencies]\ntauri-plugin = { version = "2", features = ["build"] }\n',
        )
        build = Src(f"{base}/build.rs")
        build.add(
            "const COMMANDS: &[&str] = &["
            + ", ".join(f'"{c}"' for c in PLUGIN_COMMANDS)
            + "];\n\nfn main() {\n    tauri_plugin::Builder::new(COMMANDS).build();\n}"
        )
        o.put(build)
        lib = Src(f"{base}/src/lib.rs")
        lib.add(
            "//! Peer-to-peer sync of the app's tables.\n\nuse tauri::{\n"
            "    plugin::{Builder, TauriPlugin},\n"
            "    Manager, Runtime,\n};\n\nmod commands;\nmod models;\n\npub use models::*;\n\n"
            "/// Initializes the plugin.\npub fn init<R: Runtime>() -> TauriPlugin<R> {\n"
            '    Builder::new("sync")\n        .invoke_handler(tauri::generate_handler![\n'
            + "".join(f"            commands::{c},\n" for c in PLUGIN_COMMANDS)
            + "        ])\n        .setup(|app, _api| {\n            app.manage(SyncState::default());\n"
            "            Ok(())\n        })\n        .build()\n}"
        )
        o.put(lib)
        models = Src(f"{base}/src/models.rs")
        models.add(
            "use serde::{Deserialize, Serialize};\nuse tokio::sync::Mutex;\n\n"
            '#[derive(Debug, Clone, Default, Serialize, Deserialize)]\n#[serde(rename_all = "camelCase")]\n'
            "pub struct SyncStatus {\n    pub running: bool,\n    pub peers: u32,\n"
            "    pub last_sync: Option<String>,\n}\n\n"
            '#[derive(Debug, Clone, Serialize, Deserialize)]\n#[serde(rename_all = "camelCase")]\n'
            "pub struct Peer {\n    pub id: String,\n    pub address: String,\n    pub latency_ms: u32,\n}\n"
            "\n"
            "#[derive(Default)]\npub struct SyncState {\n    pub status: Mutex<SyncStatus>,\n"
            "    pub peers: Mutex<Vec<Peer>>,\n}"
        )
        o.put(models)
        cmds = Src(f"{base}/src/commands.rs")
        cmds.add("use tauri::{command, AppHandle, Runtime, State};\n\nuse crate::models::*;\n")
        bodies = {
            "status": ("SyncStatus", "    Ok(state.status.lock().await.clone())"),
            "start": (
                "SyncStatus",
                "    let mut s = state.status.lock().await;\n    s.running = true;\n    Ok(s.clone())",
            ),
            "stop": (
                "SyncStatus",
                "    let mut s = state.status.lock().await;\n    s.running = false;\n    Ok(s.clone())",
            ),
            "peers": ("Vec<Peer>", "    Ok(state.peers.lock().await.clone())"),
        }
        for name in PLUGIN_COMMANDS:
            ret, body = bodies[name]
            cmds.add(
                f"#[command]\npub(crate) async fn {name}<R: Runtime>(\n    _app: AppHandle<R>,\n"
                f"    state: State<'_, SyncState>,\n) -> Result<{ret}, String> {{\n{body}\n}}\n"
            )
        o.put(cmds)

    def shared_core(self) -> None:
        base = "crates/shared-core"
        self.out.put_text(
            f"{base}/Cargo.toml",
            '[package]\nname = "shared-core"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n'
            'serde = { version = "1", features = ["derive"] }\n',
        )
        row = Feature("core_record", BASE_FIELDS + EXTRA_FIELDS[:4])
        for i in range(max(2, self.scale // 2)):
            src = Src(f"{base}/src/{'lib' if i == 0 else f'part_{i}'}.rs")
            src.add("use std::collections::HashMap;\n\nuse serde::{Deserialize, Serialize};\n")
            if i == 0:
                src.add(
                    "\n".join(f"pub mod part_{j};" for j in range(1, max(2, self.scale // 2)))
                    + "\n\n#[derive(Debug, Clone, Default, Serialize, Deserialize)]\n"
                    "pub struct CoreRecord {\n"
                    + "\n".join(f"    pub {x.snake}: {x.rust}," for x in row.fields)
                    + "\n}\n\n#[derive(Debug, Default)]\npub struct Tally {\n    pub total: f64,\n"
                    "    pub count: usize,\n"
                    "    pub labels: Vec<String>,\n    pub buckets: HashMap<String, usize>,\n}\n"
                )
            else:
                src.add("use crate::{CoreRecord, Tally};\n")
            used: set[str] = set()
            target = self.g.size_target("rust")
            while src.size < target:
                src.add(self.g.rs_helper(used, row, public=True))
            self.out.put(src)

    # ---- shared UI package (no Tauri) ----------------------------------------------------------------

    def ui_package(self) -> None:
        g = self.g
        base = "packages/ui"
        self.out.put_text(
            f"{base}/package.json",
            json.dumps({"name": "@bench/ui", "version": "1.0.0", "main": "src/index.ts"}, indent=2) + "\n",
        )
        names = []
        for i in range(max(3, self.scale * 2)):
            name = f"{self.g.pick(WORDS).capitalize()}{self.g.pick(UI_PARTS)}{i}"
            names.append(name)
            src = Src(f"{base}/src/components/{name}.tsx")
            src.add('import { useMemo, useState } from "react";\n')
            src.add(
                "export interface UiRow {\n  id: number;\n  name: string;\n  active: boolean;\n"
                "  score: number;\n"
                "  count: number;\n  category: string;\n}\n"
            )
            used: set[str] = {name}
            target = g.size_target("normal")
            src.add(self.react_subcomponent(used, name, "UiRow", kebab(name.lower())))
            while src.size < target:
                if self.rng.random() < 0.6:
                    sub = g.unique(used, lambda: f"{g.pick(WORDS).capitalize()}{g.pick(UI_PARTS)}")
                    src.add(self.react_subcomponent(used, sub, "UiRow", kebab(sub.lower())))
                else:
                    src.add(g.ts_filler(used, None, "UiRow"))
            self.out.put(src)
        index = Src(f"{base}/src/index.ts")
        for n in names:
            index.add(f'export * from "./components/{n}";')
        self.out.put(index)

    # ---- React pieces ----------------------------------------------------------------------------------

    def react_subcomponent(self, used: set[str], name: str, row_type: str, prefix: str) -> str:
        ctx = MarkupCtx(
            prefix=prefix,
            exprs=["title", "items.length", "visible.length", 'open ? "open" : "closed"', "total.toFixed(1)"],
            list_var="visible",
            select=lambda v: f"onSelect?.({v})",
            flag="open",
            toggle="setOpen((value) => !value)",
        )
        tree = self.g.markup("jsx", ctx, 0, self.rng.randint(2, 4), self.rng.randint(4, 14))
        return fill(
            "interface {{name}}Props {\n  title: string;\n  items: readonly {{row}}[];\n"
            "  onSelect?: (id: number) => void;\n}\n\n"
            "export function {{name}}({ title, items, onSelect }: {{name}}Props) {\n"
            "  const [open, setOpen] = useState({{init}});\n"
            "  const visible = useMemo(() => items.filter((item) => item.active), [items]);\n"
            "  const total = useMemo(() => visible.reduce((sum, item) => sum + item.score, 0), [visible]);\n"
            "  return (\n{{tree}}\n  );\n}\n",
            name=name,
            row=row_type,
            init=self.g.pick(("false", "true")),
            tree=indent("\n".join(tree), 4),
        )

    def react_app(self, app: AppSpec, feats: list[Feature]) -> None:
        base = f"apps/{app.name}"
        self.frontend_config(app, base)
        o = self.out
        ipc = Src(f"{base}/src/lib/ipc.ts")
        ipc.add(
            'import { invoke } from "@tauri-apps/api/core";\n\n'
            "/** Every command goes through here, so logging and timing live in one place. */\n"
            "export function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {\n"
            "  const started = performance.now();\n"
            "  return invoke<T>(cmd, args).finally(() => {\n"
            "    if (import.meta.env.DEV) {\n"
            "      console.debug(`[ipc] ${cmd} took ${Math.round(performance.now() - started)} ms`);\n"
            "    }\n  });\n}\n"
        )
        o.put(ipc)
        self.sync_client(f"{base}/src/lib/sync.ts")
        self.bindings(f"{base}/src/bindings.ts", feats)
        for i, f in enumerate(feats):
            self.ts_types(f"{base}/src/types/{f.camel}.ts", f)
            self.ts_service(f"{base}/src/services/{f.camel}Service.ts", f, typed=True)
            self.react_hook(f"{base}/src/hooks/use{f.plural_pascal}.ts", f)
            parts = self.rng.sample(UI_PARTS, self.rng.randint(6, 10))
            for j, part in enumerate(parts):
                big = self.rng.random() < 0.03
                self.react_component(f"{base}/src/components/{f.camel}", f, part, j, big, tsx=True)
            self.react_page(f"{base}/src/pages/{f.pascal}Page.tsx", f, parts[:3], tsx=True)
            if i == 0:
                self.react_seeded(f"{base}/src/components/{f.camel}", f)
            if self.rng.random() < 0.6:
                self.ts_util(f"{base}/src/utils/{f.camel}Format.ts", f)
            if self.rng.random() < 0.4:
                self.ts_util(f"{base}/src/utils/{f.camel}Format.test.ts", f, test_of=f"./{f.camel}Format")
        self.react_shell(base, feats, tsx=True)

    def frontend_config(self, app: AppSpec, base: str) -> None:
        deps = {
            "react": {"react": "^18.3.1", "react-dom": "^18.3.1"},
            "jsx": {"react": "^18.3.1", "react-dom": "^18.3.1"},
            "vue": {"vue": "^3.5.0", "pinia": "^2.2.0", "vue-router": "^4.4.0"},
            "svelte": {"svelte": "^4.2.0"},
        }[app.kind]
        pkg = {
            "name": f"@bench/{app.name}",
            "private": True,
            "version": "0.4.2",
            "type": "module",
            "scripts": {"dev": "vite", "build": "vite build", "tauri": "tauri"},
            "dependencies": {"@tauri-apps/api": "^2.1.0", "@bench/ui": "workspace:*", **deps},
            "devDependencies": {"@tauri-apps/cli": "^2.1.0", "vite": "^5.4.0", "typescript": "^5.6.0"},
        }
        self.out.put_text(f"{base}/package.json", json.dumps(pkg, indent=2) + "\n")
        alias = "$lib/*" if app.kind == "svelte" else "@/*"
        target = "src/lib/*" if app.kind == "svelte" else "src/*"
        tsconfig = (
            '{\n  // generated for the tauri-lint benchmark\n  "compilerOptions": {\n'
            '    "target": "ES2021",\n    "module": "ESNext",\n    "moduleResolution": "bundler",\n'
            '    "strict": true,\n    "jsx": "react-jsx",\n    "baseUrl": ".",\n'
            f'    "paths": {{ "{alias}": ["{target}"] }},\n  }},\n  "include": ["src"],\n}}\n'
        )
        self.out.put_text(f"{base}/tsconfig.json", tsconfig)
        vite = Src(f"{base}/vite.config.ts")
        plugin = {"react": "react", "jsx": "react", "vue": "vue", "svelte": "svelte"}[app.kind]
        vite.add(
            'import { defineConfig } from "vite";\nimport { fileURLToPath, URL } from "node:url";\n\n'
            "const host = process.env.TAURI_DEV_HOST;\n\nexport default defineConfig({\n"
            f"  // plugins: [{plugin}()],\n  clearScreen: false,\n  resolve: {{\n"
            f'    alias: {{ "@": fileURLToPath(new URL("./src", import.meta.url)) }},\n  }},\n'
            "  server: {\n    port: 1420,\n    strictPort: true,\n    host: host || false,\n"
            '    watch: { ignored: ["**/src-tauri/**"] },\n  },\n});'
        )
        self.out.put(vite)
        entry = {
            "react": "/src/main.tsx",
            "jsx": "/src/main.jsx",
            "vue": "/src/main.ts",
            "svelte": "/src/main.ts",
        }
        html = Src(f"{base}/index.html")
        html.add(
            '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n'
            '    <meta name="viewport" content="width=device-width, initial-scale=1.0" />\n'
            f'    <title>{app.name}</title>\n  </head>\n  <body>\n    <div id="app"></div>\n'
            f'    <script type="module" src="{entry[app.kind]}"></script>\n  </body>\n</html>'
        )
        self.out.put(html)

    def sync_client(self, rel: str) -> None:
        src = Src(rel)
        src.add(
            'import { invoke } from "@tauri-apps/api/core";\n\n'
            "export interface SyncStatus {\n  running: boolean;\n  peers: number;\n"
            "  lastSync: string | null;\n}\n\n"
            "export interface Peer {\n  id: string;\n  address: string;\n  latencyMs: number;\n}\n\n"
            'export const syncStatus = () => invoke<SyncStatus>("plugin:sync|status");\n'
            'export const startSync = () => invoke<SyncStatus>("plugin:sync|start");\n'
            'export const stopSync = () => invoke<SyncStatus>("plugin:sync|stop");\n'
            'export const listPeers = () => invoke<Peer[]>("plugin:sync|peers");\n'
        )
        self.out.put(src)

    def bindings(self, rel: str, feats: list[Feature]) -> None:
        """tauri-specta style bindings for every registered command (a big generated file)."""
        src = Src(rel)
        src.add(
            "// This file was generated by [tauri-specta](https://github.com/oscartbeaumont/tauri-specta). "
            "Do not edit this file manually.\n\n"
            "/** user-defined commands **/\n\nexport const commands = {"
        )
        for f in feats:
            for c in f.commands:
                if not c.registered or c.channel:
                    continue
                params = ", ".join(f"{p.key}: {self.ts_param_type(f, p)}" for p in c.params)
                args = ", { " + ", ".join(p.key for p in c.params) + " }" if c.params else ""
                ok = c.ts_ret
                if c.rust_ret.startswith("Result<"):
                    src.add(
                        fill(
                            "async {{fn}}({{params}}) : Promise<Result<{{ok}}, string>> {\n"
                            "    try {\n"
                            '    return { status: "ok", data: await TAURI_INVOKE("{{cmd}}"{{args}}) };\n'
                            "} catch (e) {\n    if(e instanceof Error) throw e;\n"
                            '    else return { status: "error", error: e  as any };\n}\n},',
                            fn=camel(c.name),
                            params=params,
                            ok=ok,
                            cmd=c.name,
                            args=args,
                        )
                    )
                else:
                    src.add(
                        fill(
                            "async {{fn}}({{params}}) : Promise<{{ok}}> {\n"
                            '    return await TAURI_INVOKE("{{cmd}}"{{args}});\n},',
                            fn=camel(c.name),
                            params=params,
                            ok=ok,
                            cmd=c.name,
                            args=args,
                        )
                    )
        src.add(
            "}\n\n/** user-defined events **/\n\n\n\n/** user-defined constants **/\n\n\n\n/** user-defined types **/\n"
        )
        for f in feats:
            fields = ", ".join(f"{x.name}: {x.ts}" for x in f.fields)
            src.add(f"export type {f.pascal} = {{ {fields} }}")
            inputs = ", ".join(f"{x.name}: {x.ts}" for x in f.fields if x.name != "id")
            src.add(f"export type {f.pascal}Input = {{ {inputs} }}")
            src.add(
                f"export type {f.pascal}Filter = {{ query: string | null; limit: number | null; "
                "offset: number | null; onlyActive: boolean | null }"
            )
            src.add(
                f"export type {f.pascal}Summary = {{ count: number; total: number; mean: number; min: "
                f"number; max: number }}"
            )
        src.add(
            "\n/** tauri-specta globals **/\n\n"
            "import {\n\tinvoke as TAURI_INVOKE,\n\tChannel as TAURI_CHANNEL,\n"
            '} from "@tauri-apps/api/core";\n'
            'import * as TAURI_API_EVENT from "@tauri-apps/api/event";\n'
            'import { type WebviewWindow as __WebviewWindow__ } from "@tauri-apps/api/webviewWindow";\n\n'
            "type __EventObj__<T> = {\n\tlisten: (\n\t\tcb: TAURI_API_EVENT.EventCallback<T>,\n"
            "\t) => ReturnType<typeof TAURI_API_EVENT.listen<T>>;\n\tonce: (\n"
            "\t\tcb: TAURI_API_EVENT.EventCallback<T>,\n"
            "\t) => ReturnType<typeof TAURI_API_EVENT.once<T>>;\n"
            "\temit: null extends T\n\t\t? (payload?: T) => ReturnType<typeof TAURI_API_EVENT.emit>\n"
            "\t\t: (payload: T) => ReturnType<typeof TAURI_API_EVENT.emit>;\n};\n\n"
            'export type Result<T, E> =\n\t| { status: "ok"; data: T }\n\t| { status: "error"; error: E };\n'
            "\n"
            "export function unwrap<T, E>(result: Result<T, E>): T {\n"
            '\tif (result.status === "ok") return result.data;\n\tthrow result.error;\n}\n\n'
            "export type { TAURI_CHANNEL };"
        )
        self.out.put(src)

    def ts_param_type(self, f: Feature, p: Param) -> str:
        return p.ts_type

    def ts_types(self, rel: str, f: Feature) -> None:
        g = self.g
        src = Src(rel)
        P = f.pascal
        src.add(f"export interface {P} {{")
        for x in f.fields:
            src.add(f"  {x.name}: {x.ts};")
        src.add("}\n")
        src.add(f"export interface {P}Input {{")
        for x in f.fields:
            if x.name != "id":
                src.add(f"  {x.name}: {x.ts};")
        src.add("}\n")
        src.add(
            f"export interface {P}Filter {{\n  query?: string | null;\n  limit?: number | null;\n"
            "  offset?: number | null;\n  onlyActive?: boolean | null;\n}\n\n"
            f"export interface {P}Summary {{\n  count: number;\n  total: number;\n  mean: number;\n"
            f"  min: number;\n"
            "  max: number;\n}\n\n"
            f"export interface {P}ChangedEvent {{\n  id: number;\n"
            f'  kind: "created" | "updated" | "deleted";\n}}\n\n'
            "export interface ExportProgress {\n  done: number;\n  total: number;\n}\n\n"
            f"export type {P}SortKey = "
            + " | ".join(f'"{x.name}"' for x in f.fields if x.kind in ("str", "num"))
            + ";\n\n"
            f"export const EMPTY_{f.snake.upper()}_FILTER: {P}Filter = {{ query: null, limit: 100, offset: "
            f"0, onlyActive: false }};"
        )
        if self.rng.random() < 0.5:
            used: set[str] = set()
            src.add("")
            src.add(g.ts_union(used))
        self.out.put(src)

    def ts_service(self, rel: str, f: Feature, typed: bool, alias: str = "@/types") -> None:
        """Typed wrappers: one exported function per command."""
        g = self.g
        P = f.pascal
        src = Src(rel)
        ext_types = f"{P}, {P}Filter, {P}Input, {P}Summary"
        has_channel = any(c.channel for c in f.commands)
        if typed:
            src.add(f'import {{ invoke{", Channel" if has_channel else ""} }} from "@tauri-apps/api/core";')
            src.add(
                f'import type {{ {ext_types}{", ExportProgress" if has_channel else ""} }} from "{alias}/{f.camel}";\n'
            )
        else:
            src.add(f'import {{ invoke{", Channel" if has_channel else ""} }} from "@tauri-apps/api/core";\n')
        for c in f.commands:
            if c.op in ("archive", "purge", "thumbnail", "refresh"):
                continue
            args = "{ " + ", ".join(p.key for p in c.params if not p.rust.startswith("on_")) + " }"
            ret = f"<{c.ts_ret}>" if typed else ""

            def typ(p: Param) -> str:
                return f": {p.ts_type}" if typed else ""

            fn = camel(c.name)
            if c.channel:
                src.add(
                    fill(
                        "export async function {{fn}}(format{{t}}, onUpdate{{cb}}){{ret_ann}} {\n"
                        "  const onProgress = new Channel{{chan}}();\n  onProgress.onmessage = onUpdate;\n"
                        '  return invoke{{ret}}("{{cmd}}", { format, {{key}} });\n}\n',
                        fn=fn,
                        t=": string" if typed else "",
                        cb=": (progress: ExportProgress) => void" if typed else "",
                        ret_ann=f": Promise<{c.ts_ret}>" if typed else "",
                        chan="<ExportProgress>" if typed else "",
                        ret=ret,
                        cmd=c.name,
                        key="onProgress" if c.params[1].key == "onProgress" else f"{c.params[1].key}: onProgress",
                    )
                )
                continue
            params = ", ".join(f"{p.key}{typ(p)}" for p in c.params)
            call_args = f", {args}" if c.params else ""
            if self.rng.random() < 0.6:
                src.add(f'export const {fn} = ({params}) => invoke{ret}("{c.name}"{call_args});\n')
            else:
                ann = f": Promise<{c.ts_ret}>" if typed else ""
                src.add(
                    f'export async function {fn}({params}){ann} {{\n  return invoke{ret}("{c.name}"{call_args});\n}}\n'
                )
        used: set[str] = set()
        target = g.size_target("normal")
        row_type = P if typed else "any"
        while src.size < target:
            if typed:
                src.add(g.ts_filler(used, f, row_type))
            else:
                src.add(self.js_filler(used, f))
        self.out.put(src)

    def js_filler(self, used: set[str], f: Feature) -> str:
        """JavaScript flavour of the TS fillers (types stripped)."""
        block = self.g.ts_helper(used, f, "Row")
        block = block.split("/** ", 1)[1]
        block = "/** " + block
        block = re.sub(r"\(items: readonly Row\[\], limit = (\d+)\): \w+ \{", r"(items, limit = \1) {", block)
        block = block.replace("new Map<string, number>()", "new Map()").replace(
            "const labels: string[]", "const labels"
        )
        block = block.replace(" as unknown", "")
        return block

    def ts_util(self, rel: str, f: Feature, test_of: str | None = None) -> None:
        g = self.g
        src = Src(rel)
        used: set[str] = set()
        if test_of is not None:
            src.add(f'import {{ describe, expect, it }} from "vitest";\nimport * as subject from "{test_of}";\n')
            src.add(f'describe("{f.camel} formatting", () => {{')
            for _ in range(self.rng.randint(4, 14)):
                src.add(
                    f'  it("{g.words(3, 7)}", () => {{\n'
                    f"    const rows = Array.from({{ length: {self.rng.randint(0, 40)} }}, "
                    f"(_, i) => ({{ id: i, name: `row ${{i}}`, active: i % 2 === 0, score: i * "
                    f"{self.rng.randint(1, 9)}, "
                    f'count: i, category: "{g.pick(WORDS)}" }}));\n'
                    f"    expect(Object.keys(subject).length).toBeGreaterThan(0);\n"
                    f"    expect(rows.length).toBeLessThan({self.rng.randint(41, 90)});\n  }});"
                )
            src.add("});")
        else:
            src.add(
                "export interface Row {\n  id: number;\n  name: string;\n  active: boolean;\n"
                "  score: number;\n"
                "  count: number;\n  category: string;\n}\n"
            )
            target = g.size_target("normal")
            while src.size < target:
                src.add(g.ts_filler(used, None, "Row"))
        self.out.put(src)

    def react_hook(self, rel: str, f: Feature, tsx: bool = True) -> None:
        g = self.g
        P = f.pascal
        src = Src(rel)
        t = tsx
        src.add(
            'import { useEffect, useState } from "react";\nimport { listen } from "@tauri-apps/api/event";\n'
            + (f'import type {{ {P}, {P}ChangedEvent, {P}Filter }} from "@/types/{f.camel}";\n' if t else "")
            + f'import {{ list{f.plural_pascal} }} from "@/services/{f.camel}Service";\n'
        )
        src.add(
            fill(
                "export function use{{P}}Events(onChange: (event: {{P}}ChangedEvent) => void): void {\n"
                "  useEffect(() => {\n"
                '    const unlisten = listen<{{P}}ChangedEvent>("{{event}}", (event) => '
                "onChange(event.payload));\n"
                "    return () => {\n      unlisten.then((stop) => stop());\n    };\n  }, [onChange]);\n}\n\n"
                "export function use{{PP}}(filter: {{P}}Filter) {\n"
                "  const [items, setItems] = useState<{{P}}[]>([]);\n"
                "  const [error, setError] = useState<string | null>(null);\n"
                "  const [loading, setLoading] = useState(false);\n\n  useEffect(() => {\n"
                "    let cancelled = false;\n"
                "    setLoading(true);\n    list{{PP}}(filter)\n      .then((rows) => {\n"
                "        if (!cancelled) setItems(rows);\n      })\n      .catch((err: unknown) => {\n"
                "        if (!cancelled) setError(String(err));\n      })\n      .finally(() => {\n"
                "        if (!cancelled) setLoading(false);\n      });\n    return () => {\n"
                "      cancelled = true;\n"
                "    };\n  }, [filter]);\n\n  return { items, error, loading };\n}\n",
                P=P,
                PP=f.plural_pascal,
                event=f.event,
            )
        )
        used: set[str] = set()
        target = g.size_target("small")
        while src.size < target:
            src.add(g.ts_filler(used, f, P))
        self.out.put(src)

    def access_expr(self, style: str, f: Feature, c: Command, values: dict[str, str]) -> str:
        """An expression that calls command `c` (a promise of its result) in `style`."""
        args = ", ".join(f"{p.key}: {values[p.rust]}" if values[p.rust] != p.key else p.key for p in c.params)
        obj = f", {{ {args} }}" if c.params else ""
        gen = f"<{c.ts_ret}>" if style in ("direct", "aliased", "namespace", "passthrough") else ""
        if style == "direct":
            return f'invoke{gen}("{c.name}"{obj})'
        if style == "aliased":
            return f'tauriInvoke{gen}("{c.name}"{obj})'
        if style == "namespace":
            return f'tauriCore.invoke{gen}("{c.name}"{obj})'
        if style == "passthrough":
            return f'call{gen}("{c.name}"{obj})'
        if style == "global":
            return f'window.__TAURI__.core.invoke("{c.name}"{obj})'
        if style == "bindings":
            vals = ", ".join(values[p.rust] for p in c.params)
            unwrap = ".then(unwrap)" if c.rust_ret.startswith("Result<") else ""
            return f"commands.{camel(c.name)}({vals}){unwrap}"
        # service wrappers
        vals = ", ".join(values[p.rust] for p in c.params)
        return f"{camel(c.name)}({vals})"

    def style_imports(self, style: str, f: Feature, ops: list[str], rel_service: str, tsx: bool) -> list[str]:
        if style == "direct":
            return ['import { invoke } from "@tauri-apps/api/core";']
        if style == "aliased":
            return ['import { invoke as tauriInvoke } from "@tauri-apps/api/core";']
        if style == "namespace":
            return ['import * as tauriCore from "@tauri-apps/api/core";']
        if style == "passthrough":
            return ['import { call } from "@/lib/ipc";']
        if style == "bindings":
            return ['import { commands, unwrap } from "@/bindings";']
        if style == "global":
            return []
        names = sorted({camel(f.cmd(op).name) for op in ops})
        return [f'import {{ {", ".join(names)} }} from "{rel_service}";']

    def react_component(self, folder: str, f: Feature, part: str, j: int, big: bool, tsx: bool) -> None:
        g = self.g
        P = f.pascal
        name = f"{P}{part}"
        ext = "tsx" if tsx else "jsx"
        src = Src(f"{folder}/{name}.{ext}")
        styles = (
            ["service", "service-relative", "direct", "aliased", "namespace", "passthrough", "bindings"]
            if tsx
            else ["service", "service-relative", "global", "service"]
        )
        style = styles[(j + self.rng.randrange(len(styles))) % len(styles)]
        if not tsx and style == "bindings":
            style = "service"
        ops = ["list", "get", "update", "create", "delete", "count", "summarize", "search"]
        self.rng.shuffle(ops)
        ops = ops[: self.rng.randint(2, 4)]
        if "list" not in ops:
            ops.append("list")
        if style in ("service", "service-relative") and any(c.channel for c in f.commands):
            ops.append("export")
        rel_service = (
            f"../../services/{f.camel}Service" if style == "service-relative" else f"@/services/{f.camel}Service"
        )
        imports = ['import { useCallback, useEffect, useMemo, useState } from "react";']
        if tsx:
            imports.append(f'import type {{ {P}, {P}Input }} from "@/types/{f.camel}";')
        imports += self.style_imports(style, f, ops, rel_service, tsx)
        listens = self.rng.random() < 0.3
        if listens:
            imports.append(f'import {{ use{P}Events }} from "@/hooks/use{f.plural_pascal}";')
        if self.rng.random() < 0.3:
            imports.append(
                f'import {{ {self.g.pick(WORDS).capitalize()}{self.g.pick(UI_PARTS)}0 as Shared }} from "@bench/ui";'
            )
        src.add("\n".join(imports) + "\n")
        t = tsx

        def ann(s: str) -> str:
            return s if t else ""

        st = "global" if style == "global" else style
        acc = "service" if st == "service-relative" else st
        idv = f"{f.camel}Id"
        lines: list[str] = []
        lines.append(
            f'export function {name}({{ {idv}, title = "{g.words(1, 3).title()}" }}'
            + ann(f": {{ {idv}: number; title?: string }}")
            + ") {"
        )
        lines.append(f"  const [items, setItems] = useState{ann(f'<{P}[]>')}([]);")
        lines.append(f"  const [error, setError] = useState{ann('<string | null>')}(null);")
        lines.append("  const [loading, setLoading] = useState(false);")
        lines.append('  const [query, setQuery] = useState("");')
        lines.append("  const [open, setOpen] = useState(false);")
        lines.append(f"  const [selectedId, setSelectedId] = useState{ann('<number | null>')}(null);")
        list_cmd = f.cmd("list")
        expr = self.access_expr(acc, f, list_cmd, {"filter": "{ query, limit: 200 }"})
        lines.append(
            fill(
                "  const load = useCallback(async () => {\n    setLoading(true);\n    try {\n"
                "      const rows = await {{expr}};\n      setItems(rows);\n      setError(null);\n"
                "    } catch (err) {\n      setError(String(err));\n    } finally {\n"
                "      setLoading(false);\n"
                "    }\n  }, [query]);\n\n  useEffect(() => {\n    void load();\n  }, [load]);\n",
                expr=expr,
            )
        )
        handlers: list[str] = []
        for op in ops:
            c = f.cmd(op)
            values = {
                f"{f.snake}_id": idv,
                "input": f"draft{ann(f' as {P}Input')}",
                "filter": "{ query }",
                "query": "query",
                "limit": "50",
                "values": "items.map((item) => item.score)",
                "format": '"csv"',
                "on_progress": "(progress) => console.debug(progress.done)",
            }
            if op == "list":
                continue
            e = self.access_expr(acc, f, c, values)
            hname = f"handle{pascal(op)}"
            handlers.append(hname)
            draft = "    const draft = { ...items[0], name: query.trim() };\n" if op in ("update", "create") else ""
            if op == "get" and self.rng.random() < 0.5:
                lines.append(
                    fill(
                        "  useEffect(() => {\n    let cancelled = false;\n    {{expr}}.then(\n"
                        "      (value) => {\n        if (!cancelled) setSelectedId(value ? {{idv}} : null);\n"
                        "      },\n"
                        "      (err{{ut}}) => {\n        if (!cancelled) setError(String(err));\n      },\n"
                        "    );\n"
                        "    return () => {\n      cancelled = true;\n    };\n  }, [{{idv}}]);\n",
                        expr=e,
                        idv=idv,
                        ut=ann(": unknown"),
                    )
                )
                handlers.pop()
                continue
            lines.append(
                fill(
                    "  async function {{h}}() {\n{{draft}}    setLoading(true);\n    try {\n"
                    '      const result = await {{expr}};\n      console.info("{{op}}", result);\n'
                    "      await load();\n    } catch (err) {\n      setError(String(err));\n"
                    "    } finally {\n"
                    "      setLoading(false);\n    }\n  }\n",
                    h=hname,
                    draft=draft,
                    expr=e,
                    op=op,
                )
            )
        if listens:
            lines.append(f"  use{P}Events(useCallback(() => {{\n    void load();\n  }}, [load]));\n")
        lines.append(
            "  const visible = useMemo(\n"
            "    () => items.filter((item) => item.name.toLowerCase().includes(query.toLowerCase())),\n"
            "    [items, query],\n  );\n"
        )
        ctx = MarkupCtx(
            prefix=kebab(f.snake) + "-" + part.lower(),
            exprs=[
                "title",
                "items.length",
                "visible.length",
                'error ?? "ok"',
                'loading ? "…" : "ready"',
                'selectedId ?? "none"',
            ],
            list_var="visible",
            select=lambda v: f"setSelectedId({v})",
            flag="loading",
            toggle="setOpen((value) => !value)",
            query="query",
            set_query="setQuery",
        )
        tree = g.markup("jsx", ctx, 0, 6 if big else self.rng.randint(3, 5), 60 if big else self.rng.randint(8, 28))
        buttons = "\n".join(
            f'      <button type="button" disabled={{loading}} onClick={{{h}}}>{pascal(h[6:].lower())}</button>'
            for h in handlers
        )
        body_tree = indent("\n".join(tree), 6)
        extra_trees = ""
        if big:
            more = []
            for _ in range(self.rng.randint(6, 14)):
                more.append(indent("\n".join(g.markup("jsx", ctx, 0, 5, 40)), 6))
            extra_trees = "\n" + "\n".join(more)
        lines.append(
            f'  return (\n    <div className="{ctx.prefix}">\n      <header>\n        <h2>{{title}}</h2>\n'
            f"{indent(buttons, 2) if buttons else ''}\n      </header>\n"
            f"{body_tree}{extra_trees}\n      {{open && <footer>{{visible.length}} shown</footer>}}\n"
            f"    </div>\n  );\n}}\n"
        )
        src.add("\n".join(lines))
        used: set[str] = {name}
        target = g.size_target("big" if big else "normal")
        row_type = P if tsx else "Row"
        while src.size < target:
            if self.rng.random() < 0.55:
                sub = g.unique(used, lambda: f"{P}{g.pick(WORDS).capitalize()}{g.pick(UI_PARTS)}")
                block = self.react_subcomponent(used, sub, row_type, kebab(sub.lower()))
            else:
                block = g.ts_filler(used, f, row_type)
            if not tsx:
                block = self.strip_types(block)
            src.add(block)
        self.out.put(src)

    def strip_types(self, block: str) -> str:
        """Good-enough TS → JS for the generated fillers (they use a small, known set of annotations)."""
        if block.startswith("export interface ") and "Props" not in block.split("\n", 1)[0]:
            block = block.split("}\n\n", 1)[1] if "}\n\n" in block else ""
        block = re.sub(r"interface \w+Props \{.*?\n\}\n\n", "", block, flags=re.S)
        block = re.sub(r"export type \w+ = [^;]*;\n\n", "", block)
        block = re.sub(r"\}: \w+Props\)", "})", block)
        block = re.sub(r"\(items: readonly \w+\[\], limit = (\d+)\): \w+ \{", r"(items, limit = \1) {", block)
        block = re.sub(r"\(mode: \w+\): string \{", "(mode) {", block)
        block = re.sub(r"\(value: unknown\): value is \w+ \{", "(value) {", block)
        block = re.sub(r"\(limit = (\d+)\): number \{", r"(limit = \1) {", block)
        block = re.sub(
            r"constructor\(private readonly items: readonly \w+\[\]\) \{\}",
            "constructor(items) {\n    this.items = items;\n  }",
            block,
        )
        block = block.replace("private readonly history: string[] = [];", "history = [];")
        block = block.replace("get size(): number {", "get size() {")
        block = block.replace("new Map<string, number>()", "new Map()").replace(
            "const labels: string[]", "const labels"
        )
        block = block.replace(" as unknown", "")
        block = re.sub(r": Record<string, \{ label: string; weight: number; enabled: boolean \}> =", " =", block)
        return block

    def react_page(self, rel: str, f: Feature, parts: list[str], tsx: bool) -> None:
        src = Src(rel)
        imports = [f'import {{ {f.pascal}{p} }} from "../components/{f.camel}/{f.pascal}{p}";' for p in parts]
        imports.insert(0, 'import { useState } from "react";')
        src.add("\n".join(imports) + "\n")
        idv = f"{f.camel}Id"
        src.add(
            f"export function {f.pascal}Page() {{\n  const [{idv}] = useState(1);\n  return (\n"
            f'    <div className="page page--{kebab(f.snake)}">\n'
            + "".join(f"      <{f.pascal}{p} {idv}={{{idv}}} />\n" for p in parts)
            + "    </div>\n  );\n}\n\nexport default "
            + f"{f.pascal}Page;"
        )
        self.out.put(src)

    def react_seeded(self, folder: str, f: Feature) -> None:
        """The desktop app's seeded findings (and their clean neighbours)."""
        P = f.pascal
        idv = f"{f.camel}Id"
        src = Src(f"{folder}/{P}BulkActions.tsx")
        src.add(
            'import { useEffect, useState } from "react";\nimport { invoke } from "@tauri-apps/api/core";\n'
            'import { listen } from "@tauri-apps/api/event";\n'
            f'import type {{ {P} }} from "@/types/{f.camel}";\n'
        )
        src.add(
            f"export function {P}BulkActions({{ {idv}, selected }}: {{ {idv}: number; selected: {P}[] }}) "
            f"{{\n"
            "  const [progress, setProgress] = useState(0);\n"
            "  const [message, setMessage] = useState<string | null>(null);\n"
        )
        src.add("  useEffect(() => {")
        src.mark("listen-leak")
        src.add(f'    listen<number>("{kebab(f.snake)}://progress", (event) => setProgress(event.payload));')
        src.add("  }, []);\n")
        src.add("  async function archiveSelected() {\n    try {\n      for (const row of selected) {")
        src.mark("invoke-in-hot-loop")
        src.add(f'        await invoke<boolean>("archive_{f.snake}", {{ {idv}: row.id }});')
        src.add(
            "      }\n      setMessage(`archived ${selected.length}`);\n    } catch (err) {\n"
            "      setMessage(String(err));\n    }\n  }\n"
        )
        src.add("  async function purgeCache() {\n    try {")
        src.mark("unknown-command")
        src.add(f'      const purged = await invoke<number>("purge_{f.snake}_cache");')
        src.add(
            "      setMessage(`purged ${purged}`);\n    } catch (err) {\n      setMessage(String(err));\n    }\n  }\n"
        )
        src.add(
            "  async function downloadThumbnail() {\n    try {\n"
            f'      const bytes = await invoke<number[]>("export_{f.snake}_thumbnail", {{ {idv} }});\n'
            "      setMessage(`${bytes.length} bytes`);\n    } catch (err) {\n"
            "      setMessage(String(err));\n    }\n  }\n"
        )
        src.add("  function reindex() {")
        src.mark("floating-invoke")
        src.add(f'    invoke("refresh_{f.snake}_index", {{ force: true }});')
        src.add("  }\n")
        src.add(
            '  return (\n    <div className="bulk-actions">\n'
            "      <progress max={100} value={progress} />\n"
            '      <button type="button" onClick={archiveSelected}>Archive</button>\n'
            '      <button type="button" onClick={purgeCache}>Purge cache</button>\n'
            '      <button type="button" onClick={downloadThumbnail}>Thumbnail</button>\n'
            '      <button type="button" onClick={reindex}>Reindex</button>\n'
            "      {message && <p>{message}</p>}\n    </div>\n  );\n}"
        )
        self.out.put(src)

    def react_shell(self, base: str, feats: list[Feature], tsx: bool) -> None:
        ext = "tsx" if tsx else "jsx"
        main = Src(f"{base}/src/main.{ext}")
        main.add(
            'import { StrictMode } from "react";\nimport { createRoot } from "react-dom/client";\n'
            'import { listen } from "@tauri-apps/api/event";\nimport { App } from "./App";\n\n'
            "// Module level: registered once per page load, never leaks.\n"
            'listen("app://theme-changed", () => document.documentElement.classList.toggle("dark"));\n\n'
            'createRoot(document.getElementById("root")' + ("!" if tsx else "") + ").render(\n"
            "  <StrictMode>\n    <App />\n  </StrictMode>,\n);"
        )
        self.out.put(main)
        app = Src(f"{base}/src/App.{ext}")
        app.add('import { useEffect, useState } from "react";')
        sync = "@/lib/sync"
        app.add(f'import {{ syncStatus, startSync }} from "{sync}";')
        for f in feats:
            app.add(f'import {{ {f.pascal}Page }} from "./pages/{f.pascal}Page";')
        app.add("")
        app.add(
            "const ROUTES = [\n"
            + "".join(f'  {{ path: "/{kebab(f.snake)}", label: "{f.pascal}", Page: {f.pascal}Page }},\n' for f in feats)
            + "];\n\nexport function App() {\n  const [route, setRoute] = useState(ROUTES[0].path);\n"
            "  const [syncing, setSyncing] = useState(false);\n\n  useEffect(() => {\n"
            "    syncStatus()\n      .then((status) => setSyncing(status.running))\n"
            "      .catch(console.error);\n  }, []);\n\n"
            "  async function toggleSync() {\n    try {\n      const status = await startSync();\n"
            "      setSyncing(status.running);\n    } catch (err) {\n      console.error(err);\n    }\n  }\n"
            "\n"
            "  const current = ROUTES.find((r) => r.path === route) ?? ROUTES[0];\n  return (\n"
            '    <div className="shell">\n'
            "      <nav>\n        {ROUTES.map((r) => (\n"
            "          <a key={r.path} href={r.path} onClick={(event) => {\n"
            "            event.preventDefault();\n"
            "            setRoute(r.path);\n          }}>\n            {r.label}\n          </a>\n"
            "        ))}\n"
            '        <button type="button" onClick={toggleSync}>{syncing ? "Syncing" : "Sync"}</button>\n'
            "      </nav>\n      <current.Page />\n    </div>\n  );\n}"
        )
        self.out.put(app)

    # ---- legacy React JSX app with window.__TAURI__ -----------------------------------------------------

    def jsx_app(self, app: AppSpec, feats: list[Feature]) -> None:
        base = f"apps/{app.name}"
        self.frontend_config(app, base)
        self.sync_client_js(f"{base}/src/lib/sync.js")
        for f in feats:
            self.js_service(f"{base}/src/services/{f.camel}Service.js", f)
            self.react_hook_js(f"{base}/src/hooks/use{f.plural_pascal}.js", f)
            parts = self.rng.sample(UI_PARTS, self.rng.randint(5, 8))
            for j, part in enumerate(parts):
                self.react_component(f"{base}/src/components/{f.camel}", f, part, j, False, tsx=False)
            self.react_page(f"{base}/src/pages/{f.pascal}Page.jsx", f, parts[:3], tsx=False)
            if self.rng.random() < 0.5:
                src = Src(f"{base}/src/utils/{f.camel}.js")
                used: set[str] = set()
                target = self.g.size_target("normal")
                while src.size < target:
                    src.add(self.js_filler(used, f))
                self.out.put(src)
        self.react_shell(base, feats, tsx=False)
        # a static settings page that calls Rust through the global API
        page = Src(f"{base}/public/settings.html")
        f = feats[0]
        page.add(
            '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n'
            "    <title>Settings</title>\n"
            '  </head>\n  <body>\n    <button id="count">Count</button>\n    <output id="result"></output>\n'
            "    <script>\n      const { invoke } = window.__TAURI__.core;\n"
            '      document.getElementById("count").addEventListener("click", async () => {\n'
            "        try {\n"
            f'          const n = await invoke("count_{f.plural_snake}");\n'
            '          document.getElementById("result").textContent = String(n);\n'
            "        } catch (err) {\n          console.error(err);\n        }\n      });\n"
            "    </script>\n  </body>\n</html>"
        )
        self.out.put(page)

    def sync_client_js(self, rel: str) -> None:
        src = Src(rel)
        src.add(
            "const { invoke } = window.__TAURI__.core;\n\n"
            'export const syncStatus = () => invoke("plugin:sync|status");\n'
            'export const startSync = () => invoke("plugin:sync|start");\n'
            'export const stopSync = () => invoke("plugin:sync|stop");\n'
            'export const listPeers = () => invoke("plugin:sync|peers");\n'
        )
        self.out.put(src)

    def js_service(self, rel: str, f: Feature) -> None:
        # the same wrappers in plain JS, with the global API instead of an import
        self.ts_service(rel, f, typed=False)
        text = (
            self.out.files[rel]
            .replace(
                'import { invoke, Channel } from "@tauri-apps/api/core";',
                "const { invoke, Channel } = window.__TAURI__.core;",
            )
            .replace('import { invoke } from "@tauri-apps/api/core";', "const { invoke } = window.__TAURI__.core;")
        )
        self.out.files[rel] = text

    def react_hook_js(self, rel: str, f: Feature) -> None:
        src = Src(rel)
        src.add(
            'import { useEffect } from "react";\n\n'
            f"export function use{f.pascal}Events(onChange) {{\n  useEffect(() => {{\n"
            f'    const unlisten = window.__TAURI__.event.listen("{f.event}", (event) => '
            f"onChange(event.payload));\n"
            "    return () => {\n      unlisten.then((stop) => stop());\n    };\n  }, [onChange]);\n}\n"
        )
        self.out.put(src)

    # ---- Vue ---------------------------------------------------------------------------------------------

    def vue_app(self, app: AppSpec, feats: list[Feature]) -> None:
        base = f"apps/{app.name}"
        self.frontend_config(app, base)
        self.sync_client(f"{base}/src/lib/sync.ts")
        ipc = Src(f"{base}/src/lib/ipc.ts")
        ipc.add(
            'import { invoke } from "@tauri-apps/api/core";\n\n'
            "export function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {\n"
            "  return invoke<T>(cmd, args);\n}\n"
        )
        self.out.put(ipc)
        for f in feats:
            self.ts_types(f"{base}/src/types/{f.camel}.ts", f)
            self.ts_service(f"{base}/src/api/{f.camel}Api.ts", f, typed=True)
            self.vue_store(f"{base}/src/stores/{f.camel}Store.ts", f)
            self.vue_composable(f"{base}/src/composables/use{f.plural_pascal}.ts", f)
            parts = self.rng.sample(UI_PARTS, self.rng.randint(5, 8))
            for j, part in enumerate(parts):
                self.vue_component(f"{base}/src/components/{f.camel}/{f.pascal}{part}.vue", f, part, j)
            self.vue_view(f"{base}/src/views/{f.pascal}View.vue", f, parts[:3])
            if self.rng.random() < 0.5:
                self.ts_util(f"{base}/src/utils/{f.camel}.ts", f)
        main = Src(f"{base}/src/main.ts")
        main.add(
            'import { createApp } from "vue";\nimport { createPinia } from "pinia";\n'
            'import { createRouter, createWebHistory } from "vue-router";\n'
            'import App from "./App.vue";\n'
            + "".join(f'import {f.pascal}View from "./views/{f.pascal}View.vue";\n' for f in feats)
            + "\nconst router = createRouter({\n  history: createWebHistory(),\n  routes: [\n"
            + "".join(f'    {{ path: "/{kebab(f.snake)}", component: {f.pascal}View }},\n' for f in feats)
            + '  ],\n});\n\ncreateApp(App).use(createPinia()).use(router).mount("#app");'
        )
        self.out.put(main)
        shell = Src(f"{base}/src/App.vue")
        shell.add(
            '<template>\n  <div class="shell">\n    <nav>\n'
            + "".join(f'      <RouterLink to="/{kebab(f.snake)}">{f.pascal}</RouterLink>\n' for f in feats)
            + '      <button type="button" @click="toggleSync">{{ syncing ? "Syncing" : "Sync" }}</button>\n'
            '    </nav>\n    <RouterView />\n  </div>\n</template>\n\n<script setup lang="ts">\n'
            'import { onMounted, ref } from "vue";\nimport { startSync, syncStatus } from "@/lib/sync";\n\n'
            "const syncing = ref(false);\n\nasync function toggleSync(): Promise<void> {\n  try {\n"
            "    syncing.value = (await startSync()).running;\n  } catch (err) {\n    console.error(err);\n"
            "  }\n}\n\n"
            "onMounted(async () => {\n  try {\n    syncing.value = (await syncStatus()).running;\n"
            "  } catch (err) {\n"
            "    console.error(err);\n  }\n});\n</script>"
        )
        self.out.put(shell)

    def vue_store(self, rel: str, f: Feature) -> None:
        P = f.pascal
        src = Src(rel)
        src.add(
            fill(
                'import { defineStore } from "pinia";\nimport { ref } from "vue";\n'
                'import type { {{P}}, {{P}}Filter, {{P}}Input } from "@/types/{{camel}}";\n'
                'import { create{{P}}, delete{{P}}, list{{PP}} } from "@/api/{{camel}}Api";\n\n'
                'export const use{{P}}Store = defineStore("{{camel}}", () => {\n'
                "  const items = ref<{{P}}[]>([]);\n  const error = ref<string | null>(null);\n\n"
                "  async function refresh(filter: {{P}}Filter): Promise<void> {\n    try {\n"
                "      items.value = await list{{PP}}(filter);\n    } catch (err) {\n"
                "      error.value = String(err);\n    }\n  }\n\n"
                "  async function add(input: {{P}}Input): Promise<void> {\n    try {\n"
                "      items.value = [...items.value, await create{{P}}(input)];\n    } catch (err) {\n"
                "      error.value = String(err);\n    }\n  }\n\n"
                "  async function remove(id: number): Promise<void> {\n    try {\n"
                "      if (await delete{{P}}(id)) {\n"
                "        items.value = items.value.filter((item) => item.id !== id);\n"
                "      }\n    } catch (err) {\n      error.value = String(err);\n    }\n  }\n\n"
                "  return { items, error, refresh, add, remove };\n});\n",
                P=P,
                PP=f.plural_pascal,
                camel=f.camel,
            )
        )
        used: set[str] = set()
        target = self.g.size_target("small")
        while src.size < target:
            src.add(self.g.ts_filler(used, f, P))
        self.out.put(src)

    def vue_composable(self, rel: str, f: Feature) -> None:
        P = f.pascal
        src = Src(rel)
        src.add(
            fill(
                'import { onMounted, onUnmounted, ref } from "vue";\n'
                'import { listen, type UnlistenFn } from "@tauri-apps/api/event";\n'
                'import type { {{P}}ChangedEvent } from "@/types/{{camel}}";\n\n'
                "export function use{{P}}Events(onChange: (event: {{P}}ChangedEvent) => void) {\n"
                "  const last = ref<{{P}}ChangedEvent | null>(null);\n  let stop: UnlistenFn | undefined;\n\n"
                "  onMounted(async () => {\n"
                '    stop = await listen<{{P}}ChangedEvent>("{{event}}", (event) => {\n'
                "      last.value = event.payload;\n      onChange(event.payload);\n    });\n  });\n\n"
                "  onUnmounted(() => {\n    stop?.();\n  });\n\n  return { last };\n}\n",
                P=P,
                camel=f.camel,
                event=f.event,
            )
        )
        self.out.put(src)

    def vue_component(self, rel: str, f: Feature, part: str, j: int) -> None:
        g = self.g
        P = f.pascal
        src = Src(rel)
        prefix = f"{kebab(f.snake)}-{part.lower()}"
        styles = ["service", "store", "direct", "passthrough", "namespace"]
        style = styles[(j + self.rng.randrange(len(styles))) % len(styles)]
        ctx = MarkupCtx(
            prefix=prefix,
            exprs=["title", "items.length", "visible.length", 'error ?? "ok"', 'loading ? "…" : "ready"'],
            list_var="visible",
            select=lambda v: f"selectedId = {v}",
            flag="loading",
            toggle="open = !open",
            query="query",
        )
        target = g.size_target("big" if self.rng.random() < 0.03 else "normal")
        # template
        src.add(f'<template>\n  <div class="{prefix}">\n    <header>\n      <h2>{{{{ title }}}}</h2>')
        src.add('      <button type="button" :disabled="loading" @click="refresh">Refresh</button>')
        src.add('      <button type="button" @click="remove(selectedId)">Remove</button>\n    </header>')
        tpl_budget = target * 0.45
        while True:
            tree = g.markup("vue", ctx, 0, self.rng.randint(2, 5), self.rng.randint(6, 20))
            src.add(indent("\n".join(tree), 4))
            if src.size > tpl_budget:
                break
        src.add("  </div>\n</template>\n")
        # script
        list_c, del_c = f.cmd("list"), f.cmd("delete")
        imports = [
            'import { computed, onMounted, ref } from "vue";',
            f'import type {{ {P} }} from "@/types/{f.camel}";',
        ]
        if style == "service":
            imports.append(f'import {{ list{f.plural_pascal}, delete{P} }} from "@/api/{f.camel}Api";')
            lst = f"list{f.plural_pascal}({{ query: query.value }})"
            rm = f"delete{P}(id)"
        elif style == "store":
            imports.append(f'import {{ use{P}Store }} from "@/stores/{f.camel}Store";')
            lst = self.access_expr("direct", f, list_c, {"filter": "{ query: query.value }"})
            imports.append('import { invoke } from "@tauri-apps/api/core";')
            rm = self.access_expr("direct", f, del_c, {f"{f.snake}_id": "id"})
        elif style == "direct":
            imports.append('import { invoke } from "@tauri-apps/api/core";')
            lst = self.access_expr("direct", f, list_c, {"filter": "{ query: query.value }"})
            rm = self.access_expr("direct", f, del_c, {f"{f.snake}_id": "id"})
        elif style == "passthrough":
            imports.append('import { call } from "@/lib/ipc";')
            lst = self.access_expr("passthrough", f, list_c, {"filter": "{ query: query.value }"})
            rm = self.access_expr("passthrough", f, del_c, {f"{f.snake}_id": "id"})
        else:
            imports.append('import * as tauriCore from "@tauri-apps/api/core";')
            lst = self.access_expr("namespace", f, list_c, {"filter": "{ query: query.value }"})
            rm = self.access_expr("namespace", f, del_c, {f"{f.snake}_id": "id"})
        listens = self.rng.random() < 0.35
        if listens:
            imports.append(f'import {{ use{P}Events }} from "@/composables/use{f.plural_pascal}";')
        src.add('<script setup lang="ts">\n' + "\n".join(imports) + "\n")
        src.add(
            fill(
                'const props = withDefaults(defineProps<{ title?: string }>(), { title: "{{title}}" });\n'
                "const title = computed(() => props.title);\n"
                "const items = ref<{{P}}[]>([]);\nconst error = ref<string | null>(null);\n"
                "const loading = ref(false);\n"
                'const query = ref("");\nconst open = ref(false);\n'
                "const selectedId = ref<number | null>(null);\n"
                "const visible = computed(() =>\n"
                "  items.value.filter((item) => "
                "item.name.toLowerCase().includes(query.value.toLowerCase())),\n);\n\n"
                "async function refresh(): Promise<void> {\n  loading.value = true;\n  try {\n"
                "    items.value = await {{lst}};\n    error.value = null;\n  } catch (err) {\n"
                "    error.value = String(err);\n  } finally {\n    loading.value = false;\n  }\n}\n\n"
                "async function remove(id: number | null): Promise<void> {\n  if (id === null) {\n"
                "    return;\n  }\n"
                "  try {\n    await {{rm}};\n    await refresh();\n  } catch (err) {\n"
                "    error.value = String(err);\n  }\n}\n\n"
                "onMounted(refresh);\n",
                title=g.words(1, 3).title(),
                P=P,
                lst=lst,
                rm=rm,
            )
        )
        if style == "store":
            src.add(f"const store = use{P}Store();\nconst storeError = computed(() => store.error);\n")
        if listens:
            src.add(f"use{P}Events(() => {{\n  void refresh();\n}});\n")
        used: set[str] = set()
        script_budget = target * 0.85
        while src.size < script_budget:
            # <script setup> cannot export
            src.add(re.sub(r"^export ", "", g.ts_filler(used, f, P), flags=re.M))
        src.add("</script>\n")
        src.add("<style scoped>\n" + g.css(prefix, max(2, int((target - src.size) / 120))) + "\n</style>")
        self.out.put(src)

    def vue_view(self, rel: str, f: Feature, parts: list[str]) -> None:
        src = Src(rel)
        src.add(
            f'<template>\n  <main class="view view--{kebab(f.snake)}">\n'
            + "".join(f"    <{f.pascal}{p} />\n" for p in parts)
            + '  </main>\n</template>\n\n<script setup lang="ts">\n'
            + "".join(f'import {f.pascal}{p} from "@/components/{f.camel}/{f.pascal}{p}.vue";\n' for p in parts)
            + "</script>"
        )
        self.out.put(src)

    # ---- Svelte ------------------------------------------------------------------------------------------

    def svelte_app(self, app: AppSpec, feats: list[Feature]) -> None:
        base = f"apps/{app.name}"
        self.frontend_config(app, base)
        self.sync_client(f"{base}/src/lib/sync.ts")
        for f in feats:
            self.ts_types(f"{base}/src/lib/types/{f.camel}.ts", f)
            self.ts_service(f"{base}/src/lib/api/{f.camel}.ts", f, typed=True, alias="$lib/types")
            parts = self.rng.sample(UI_PARTS, self.rng.randint(5, 8))
            for j, part in enumerate(parts):
                self.svelte_component(f"{base}/src/lib/components/{f.camel}/{f.pascal}{part}.svelte", f, part, j)
            page = Src(f"{base}/src/routes/{kebab(f.snake)}/+page.svelte")
            page.add(
                '<script lang="ts">\n'
                + "".join(
                    f'  import {f.pascal}{p} from "$lib/components/{f.camel}/{f.pascal}{p}.svelte";\n'
                    for p in parts[:3]
                )
                + "</script>\n\n"
                + "".join(f"<{f.pascal}{p} />\n" for p in parts[:3])
            )
            self.out.put(page)
            if self.rng.random() < 0.5:
                self.ts_util(f"{base}/src/lib/utils/{f.camel}.ts", f)
        main = Src(f"{base}/src/main.ts")
        main.add(
            'import App from "./App.svelte";\n\n'
            'const app = new App({ target: document.getElementById("app")! });\n\n'
            "export default app;"
        )
        self.out.put(main)
        shell = Src(f"{base}/src/App.svelte")
        shell.add(
            '<script lang="ts">\n  import { onMount } from "svelte";\n'
            '  import { syncStatus } from "$lib/sync";\n\n'
            "  let syncing = false;\n\n  onMount(async () => {\n    try {\n"
            "      syncing = (await syncStatus()).running;\n"
            "    } catch (err) {\n      console.error(err);\n    }\n  });\n</script>\n\n<nav>\n"
            + "".join(f'  <a href="/{kebab(f.snake)}">{f.pascal}</a>\n' for f in feats)
            + '</nav>\n<p>{syncing ? "Syncing" : "Idle"}</p>\n<slot />'
        )
        self.out.put(shell)

    def svelte_component(self, rel: str, f: Feature, part: str, j: int) -> None:
        g = self.g
        P = f.pascal
        src = Src(rel)
        prefix = f"{kebab(f.snake)}-{part.lower()}"
        style = ["service", "direct", "aliased"][(j + self.rng.randrange(3)) % 3]
        list_c, get_c = f.cmd("list"), f.cmd("get")
        idv = f"{f.camel}Id"
        imports = ['  import { onMount } from "svelte";', '  import { listen } from "@tauri-apps/api/event";']
        imports.append(f'  import type {{ {P}, {P}ChangedEvent }} from "$lib/types/{f.camel}";')
        if style == "service":
            imports.append(f'  import {{ list{f.plural_pascal}, get{P} }} from "$lib/api/{f.camel}";')
            lst = f"list{f.plural_pascal}({{ query }})"
            get = f"get{P}({idv})"
        else:
            key = "direct" if style == "direct" else "aliased"
            imports.append(
                '  import { invoke } from "@tauri-apps/api/core";'
                if key == "direct"
                else '  import { invoke as tauriInvoke } from "@tauri-apps/api/core";'
            )
            lst = self.access_expr(key, f, list_c, {"filter": "{ query }"})
            get = self.access_expr(key, f, get_c, {f"{f.snake}_id": idv})
        target = g.size_target("big" if self.rng.random() < 0.03 else "normal")
        src.add('<script lang="ts">\n' + "\n".join(imports) + "\n")
        src.add(
            indent(
                fill(
                    'export let {{idv}}: number;\nexport let title = "{{title}}";\n\n'
                    "let items: {{P}}[] = [];\nlet current: {{P}} | null = null;\n"
                    "let error: string | null = null;\n"
                    'let loading = false;\nlet query = "";\nlet open = false;\n'
                    "let selectedId: number | null = null;\n\n"
                    "$: visible = items.filter((item) => "
                    "item.name.toLowerCase().includes(query.toLowerCase()));\n\n"
                    "async function refresh(): Promise<void> {\n  loading = true;\n  try {\n"
                    "    items = await {{lst}};\n"
                    "    current = await {{get}};\n    error = null;\n  } catch (err) {\n"
                    "    error = String(err);\n"
                    "  } finally {\n    loading = false;\n  }\n}\n\n"
                    "onMount(() => {\n  void refresh();\n"
                    '  const unlisten = listen<{{P}}ChangedEvent>("{{event}}", () => {\n    void refresh();\n'
                    "  });\n"
                    "  return () => {\n    unlisten.then((stop) => stop());\n  };\n});\n",
                    idv=idv,
                    title=g.words(1, 3).title(),
                    P=P,
                    lst=lst,
                    get=get,
                    event=f.event,
                ),
                2,
            )
        )
        used: set[str] = set()
        while src.size < target * 0.45:
            src.add(indent(g.ts_filler(used, f, P), 2))
        src.add("</script>\n")
        ctx = MarkupCtx(
            prefix=prefix,
            exprs=[
                "title",
                "items.length",
                "visible.length",
                'error ?? "ok"',
                'loading ? "…" : "ready"',
                "current?.name",
            ],
            list_var="visible",
            select=lambda v: f"(selectedId = {v})",
            flag="loading",
            toggle="(open = !open)",
            query="query",
        )
        src.add(
            f'<section class="{prefix}">\n  <header>\n    <h2>{{title}}</h2>\n'
            '    <button type="button" disabled={loading} on:click={refresh}>Refresh</button>\n  </header>'
        )
        while src.size < target * 0.85:
            src.add(indent("\n".join(g.markup("svelte", ctx, 0, self.rng.randint(2, 5), self.rng.randint(6, 20))), 2))
        src.add("</section>\n")
        src.add("<style>\n" + indent(g.css(prefix, max(2, int((target - src.size) / 120))), 2) + "\n</style>")
        self.out.put(src)

    # ---- what discovery must prune -----------------------------------------------------------------------

    def node_modules(self, base: str, small: bool) -> None:
        """npm packages: JS that calls invoke() with commands no app registers, so a discovery that
        entered node_modules would both slow down and report findings."""
        g = self.g
        pkgs = [("@tauri-apps/api", ["core.js", "event.js", "window.js", "core.d.ts"])]
        n = max(4, self.scale // (4 if small else 1))
        for i in range(n):
            pkgs.append(
                (
                    f"{g.pick(WORDS)}-{g.pick(UI_PARTS).lower()}-{i}",
                    ["index.js", "index.d.ts", "dist/index.cjs"],
                )
            )
        for pkg, files in pkgs:
            self.out.put_text(
                f"{base}/{pkg}/package.json",
                json.dumps({"name": pkg, "version": f"1.{len(files)}.0", "main": "index.js"}) + "\n",
            )
            for file in files:
                src = Src(f"{base}/{pkg}/{file}")
                if file.endswith(".d.ts"):
                    src.add(
                        "export declare function invoke<T>(cmd: string, args?: Record<string, unknown>): Promise<T>;"
                    )
                else:
                    src.add(
                        "async function invoke(cmd, args = {}) {\n"
                        "  return window.__TAURI_INTERNALS__.invoke(cmd, args);\n}\n"
                        'export function poll() {\n  setInterval(() => invoke("node_modules_poll"), 100);\n'
                        "}\n"
                    )
                target = g.size_target("normal") // (2 if small else 1)
                used: set[str] = set()
                while src.size < target:
                    src.add(self.js_filler(used, Feature("row", BASE_FIELDS)))
                self.out.put(src)

    def dist(self, app: AppSpec) -> None:
        src = Src(f"apps/{app.name}/dist/assets/index-{self.rng.randrange(16**8):08x}.js")
        src.add('const{invoke:i}=window.__TAURI__.core;setInterval(()=>i("dist_tick"),16);')
        self.out.put(src)


# --------------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------------


def _is_linted(rel: str) -> tuple[bool, bool]:
    """(frontend, rust) source file outside the pruned folders; a rough count for the manifest."""
    parts = rel.split("/")
    if "node_modules" in parts or "dist" in parts:
        return False, False
    if rel.startswith("crates/shared-core/"):
        return False, False
    ext = os.path.splitext(rel)[1]
    return ext in (".ts", ".tsx", ".js", ".jsx", ".vue", ".svelte", ".html"), ext == ".rs"


def generate(out: str, scale: int = DEFAULT_SCALE, seed: int = DEFAULT_SEED) -> Manifest:
    """Write the monorepo to `out` (created; must be absent, empty or a previous output) and return
    its manifest (also written to `out/bench-manifest.json`)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    if os.path.exists(out):
        if not os.path.isdir(out):
            raise ValueError(f"{out} exists and is not a directory")
        if os.listdir(out) and not os.path.isfile(os.path.join(out, MANIFEST)):
            raise ValueError(f"{out} is not empty and not a previous output of this generator: refusing to delete it")
        shutil.rmtree(out)
    repo = Monorepo(scale, seed).build()
    frontend = rust = other = 0
    fb = rb = ob = 0
    for rel in sorted(repo.files):
        text = repo.files[rel]
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as fh:
            fh.write(data)
        fe, rs = _is_linted(rel)
        if fe:
            frontend, fb = frontend + 1, fb + len(data)
        elif rs:
            rust, rb = rust + 1, rb + len(data)
        else:
            other, ob = other + 1, ob + len(data)
    manifest: Manifest = {
        "generator": "bench/generate.py",
        "scale": scale,
        "seed": seed,
        "frontend_files": frontend,
        "frontend_bytes": fb,
        "rust_files": rust,
        "rust_bytes": rb,
        "other_files": other,
        "other_bytes": ob,
        "expected_findings": sorted(repo.expected, key=lambda e: (e["path"], e["line"])),
    }
    with open(os.path.join(out, MANIFEST), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2)
        fh.write("\n")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0] if __doc__ else None)
    ap.add_argument("--out", required=True, help="output folder (absent, empty, or a previous output)")
    ap.add_argument(
        "--scale", type=int, default=DEFAULT_SCALE, help=f"features per app weight (default {DEFAULT_SCALE})"
    )
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    args = ap.parse_args(argv)
    try:
        m = generate(args.out, args.scale, args.seed)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    fe, rs = m["frontend_files"], m["rust_files"]
    mb = (m["frontend_bytes"] + m["rust_bytes"]) / 1e6
    print(
        f"{args.out}: {fe} frontend + {rs} Rust files ({fe + rs} in all, {mb:.1f} MB of source), "
        f"{m['other_files']} other files (node_modules, dist, configs); "
        f"{len(m['expected_findings'])} seeded findings"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
