"""The sandbox a template override renders in, and the bounds of one render, in any thread.

An override in content/templates/ may come from someone else. It renders in Jinja's immutable
sandbox (no attribute that reaches Python internals, no list or dict changed in place), and
one render (with its output check, template_guard) is bounded:

- in time: RENDER_SECONDS, checked cooperatively at every loop iteration, call, filter,
  operator and value written, and while the output is checked. A signal could stop only the
  main thread; `serve` rebuilds in a thread and renders its pages in request threads;
- in size: what it writes (MAX_OUTPUT characters, MAX_TAGS tags: the output check reads every
  tag), any one value it makes (MAX_VALUE), and all it makes in all (MAX_MADE);
- in the numbers it passes: none over MAX_ARGUMENT to a filter, a method, `*`, `**` or `%`.

The size of a value is known before it is made wherever one operation can multiply what it is
given: `+`, `*`, `%`, `~`, `str.format`, `replace`, `indent`, `join`, `wordwrap`,
`expandtabs`, `translate`, and text made of a list (which may hold one list many times). Any
other result is counted once made. Every refusal is a `SecurityError`, so the render reports
it at the override's file and line.
"""

from __future__ import annotations

import functools
import string
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context, LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

MAX_OUTPUT = 64_000_000
"""Characters one override render may write: the largest real output, a 10,000-card pack with
a formula and an inlined diagram in every answer, is 49 MB (15 MB without them)."""
MAX_TAGS = 500_000
"""`<` one override render may write: the output check parses every tag (about 90 µs each on
a slow machine); the flashcards of 10,000 cards, the most tag-heavy output, write 347,000."""
RENDER_SECONDS = 60
"""One override render and the check of its output. The built-in templates render 10,000
cards in 3 s; checking the 10,000-card flashcards (347,000 tags) takes 30 s on a slow
machine."""
MAX_ARGUMENT = 100_000  # a number a template passes to a filter, a method, `*`, `**` or `%`
MAX_VALUE = MAX_OUTPUT  # characters or items one value may hold: no more than may be written
MAX_MADE = 4 * MAX_OUTPUT
"""Characters and items all the values of one render may add up to: the built-in pack makes
about twice what it writes (each answer's HTML, then the page)."""
TEXT_PER_UNIT = 6  # a value as text: `<` escaped is `&lt;`, in JSON `\u003c`
MAX_DEPTH = 100  # lists in lists a value may nest, when its size is taken
PACED = "paced_"  # the filter every `{% for %}` iterates through
CONTAINERS = (list, tuple, dict, set, frozenset, Mapping)


class TooSlow(SecurityError):
    def __str__(self) -> str:
        return f"takes longer than {RENDER_SECONDS} s to render (a loop?)"


@dataclass
class Budget:
    """What one render has left: time, and characters or items to make."""

    until: float
    made: int = 0

    def pace(self) -> None:
        if time.monotonic() > self.until:
            raise TooSlow

    def check(self, size: int, what: str) -> None:
        """Refuse to make a value of `size` characters or items."""
        self.pace()
        if size > MAX_VALUE:
            raise SecurityError(f"{what} would make {size:,} characters or items; the limit "
                                f"is {MAX_VALUE:,}")

    def add(self, value: object, what: str) -> None:
        """Count a value once made (its own characters or items, not those it refers to)."""
        size = len(value) if isinstance(value, (str, *CONTAINERS)) else 1  # type: ignore[arg-type]
        self.check(size, what)
        self.made += size
        if self.made > MAX_MADE:
            raise SecurityError(f"makes more than {MAX_MADE:,} characters and items in all "
                                "(a loop that builds a string?)")


_RENDER = threading.local()  # the Budget of the render running in this thread


def budget() -> Budget:
    return _RENDER.budget


@contextmanager
def limited() -> Iterator[Budget]:
    """One override render (and the check of its output) in this thread."""
    before = getattr(_RENDER, "budget", None)
    _RENDER.budget = Budget(time.monotonic() + RENDER_SECONDS)
    try:
        yield _RENDER.budget
    finally:
        _RENDER.budget = before


def size(value: object) -> int:
    """Characters or items `value` holds, what it holds counted wherever it is held (a list
    holding one list twice holds it twice as text), past MAX_VALUE not counted further."""
    return _measure(value, {}, 0)


def _measure(value: object, memo: dict[int, int], depth: int) -> int:
    if isinstance(value, str):
        return len(value)
    if not isinstance(value, CONTAINERS):
        return 1
    if (known := memo.get(id(value))) is not None:
        return known
    if depth > MAX_DEPTH:
        return MAX_VALUE + 1
    items: Iterable = (x for pair in value.items() for x in pair) if isinstance(
        value, Mapping) else value  # type: ignore[union-attr]
    total = 1
    for item in items:
        total += 1 + _measure(item, memo, depth + 1)
        if total > MAX_VALUE:
            break
    memo[id(value)] = total
    return total


def text_size(value: object) -> int:
    """At most how long `value` is as text."""
    if isinstance(value, str):
        return len(value)
    return TEXT_PER_UNIT * size(value) if isinstance(value, CONTAINERS) else 32


def check_numbers(values: Iterable[object], what: str) -> None:
    for value in values:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and (
                abs(value) > MAX_ARGUMENT):
            raise SecurityError(f"{what}: the number {value:.3g} is over {MAX_ARGUMENT:,}")


def format_widths(text: str) -> list[int]:
    """The widths and precisions of a `%` format (`%1000000000d` asks for a gigabyte)."""
    found, at = [], text.find("%")
    while 0 <= at < len(text) - 1:
        start = at + 1
        if text[start] == "(":  # a mapping key
            start = text.find(")", start) + 1 or len(text)
        end = start
        while end < len(text) and (text[end] in "#0- +." or text[end].isdigit()):
            end += 1
        spec = "".join(c if c.isdigit() else " " for c in text[start:end])
        found += [int(n) for n in spec.split()]
        at = text.find("%", max(end, at + 2))
    return found


def _percent(fmt: str, values: Iterable[object]) -> int:
    """At most how long `fmt % values` is (its widths checked)."""
    widths = format_widths(fmt)
    check_numbers(widths, "`%`")
    longest = max((text_size(v) for v in values), default=0)
    return len(fmt) + fmt.count("%") * (max(widths, default=0) + longest)


def _braces(fmt: str, values: Iterable[object]) -> int:
    """At most how long `fmt.format(*values)` is (the widths in its fields checked)."""
    fields, widths = 0, []
    for _, name, spec, _ in string.Formatter().parse(fmt):
        if name is not None:
            fields += 1
            digits = "".join(c if c.isdigit() else " " for c in spec or "")
            widths += [int(n) for n in digits.split()]
    check_numbers(widths, "a format")
    longest = max((text_size(v) for v in values), default=0)
    return len(fmt) + fields * (max(widths, default=0) + longest)


def _replaced(text: str, old: object, new: object, count: object = -1) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    times = len(text) + 1 if not old else text.count(old)
    if isinstance(count, int) and count >= 0:
        times = min(times, count)
    return len(text) + times * max(0, len(new) - len(old))


def _joined(separator: object, items: list) -> int:
    return sum(text_size(i) for i in items) + max(0, len(items) - 1) * text_size(separator)


def _wrapped(text: str, width: object = 79, *args: object, **kwargs: object) -> int:
    wrap = kwargs.get("wrapstring", args[1] if len(args) > 1 else None) or "\n"
    lines = text.count("\n") + 1 + len(text) // max(1, width if isinstance(width, int) else 1)
    return len(text) + lines * text_size(wrap)


def _indented(text: str, width: object = 4, *args: object, **kwargs: object) -> int:
    unit = len(width) if isinstance(width, str) else int(width)  # type: ignore[call-overload]
    return len(text) + (text.count("\n") + 1) * unit


def _translated(text: str, table: object) -> int:
    longest = max((len(v) for v in table.values() if isinstance(v, str)), default=1) if (
        isinstance(table, Mapping)) else 1
    return len(text) * max(1, longest)


def _tabs(text: str, tabsize: object = 8) -> int:
    return len(text) + text.count("\t") * (tabsize if isinstance(tabsize, int) else 8)


Bound = Callable[..., int]
STR_METHODS: dict[str, Bound] = {
    "replace": _replaced, "expandtabs": _tabs, "translate": _translated,
    "join": lambda separator, items: _joined(separator, items)}
"""str methods that can make far more than they are given: the size of what they make."""
FILTERS: dict[str, Bound] = {
    "replace": lambda value, *a: _replaced(str(value), *a),
    "format": lambda value, *a, **k: _percent(str(value), [*a, *k.values()]),
    "join": lambda value, d="", attribute=None: (
        _joined(d, value) if attribute is None else len(value) * text_size(d)),
    "indent": lambda value, *a, **k: _indented(str(value), *a, **k),
    "wordwrap": lambda value, *a, **k: _wrapped(str(value), *a, **k),
}
"""Filters that can make far more than they are given: the size of what they make."""
STRUCTURAL = frozenset({
    "attr", "batch", "count", "d", "default", "dictsort", "first", "groupby", "items", "last",
    "length", "list", "map", "max", "min", "random", "reject", "rejectattr", "reverse",
    "select", "selectattr", "slice", "sort", "sum", "unique", PACED})
"""Filters that never make text of a whole list: any other one given a list may (`string`,
`tojson`, `pprint`, `e`, ...), so its size as text is known first."""


class _Paced:
    """An iterable whose every step checks the render's time: a loop with an empty body
    calls nothing else."""

    def __init__(self, iterable: Iterable) -> None:
        self.iterable = iterable

    def __len__(self) -> int:
        return len(self.iterable)  # type: ignore[arg-type]  # TypeError: LoopContext counts

    def __iter__(self) -> Iterator:
        pace = budget().pace
        for item in self.iterable:
            pace()
            yield item


class _PacedCode(CodeGenerator):
    """The compiled template iterates every `{% for %}` through the PACED filter, and joins
    every `~` through `Sandbox.concatenated`."""

    def visit_Template(self, node: nodes.Template, frame=None) -> None:
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, PACED, [], [], None, None,
                                     lineno=loop.iter.lineno)
        super().visit_Template(node, frame)

    def visit_Concat(self, node: nodes.Concat, frame) -> None:
        if frame.eval_ctx.volatile:
            join = "(markup_join if context.eval_ctx.volatile else str_join)"
        else:
            join = "markup_join" if frame.eval_ctx.autoescape else "str_join"
        self.write(f"environment.concatenated({join}, (")
        for part in node.nodes:
            self.visit(part, frame)
            self.write(", ")
        self.write("))")


class Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox, every operation of a render within its Budget."""

    code_generator_class = _PacedCode
    intercepted_binops = frozenset({"+", "*", "**", "%"})

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, finalize=_printed, **kwargs)  # type: ignore[arg-type]
        self.globals.pop("lipsum")  # placeholder text: a generator of megabytes, of no use

    def seal(self) -> None:
        """Every filter (Jinja's and those added since) within the Budget; call once all
        are added. (Until then no loop compiles: PACED is missing.)"""
        self.filters = {name: _bounded(name, f) for name, f in self.filters.items()}
        self.filters[PACED] = _Paced

    def call_binop(self, context: Context, operator: str, left: object, right: object):
        state = budget()
        if operator == "**":
            check_numbers((left, right), "`**`")
        elif operator == "%" and isinstance(left, str):
            values = right.values() if isinstance(right, Mapping) else (
                right if isinstance(right, tuple) else (right,))
            check_numbers(values, "`%`")
            state.check(_percent(left, values), "`%`")
        elif operator == "*":
            for times, other in ((right, left), (left, right)):
                if isinstance(times, int) and isinstance(other, (str, list, tuple)):
                    state.check(times * len(other), "`*`")
                elif isinstance(times, int) and isinstance(other, int):
                    check_numbers((times, other), "`*`")
        elif operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(
                right, (str, list, tuple)):
            state.check(len(left) + len(right), "`+`")
        result = super().call_binop(context, operator, left, right)
        state.add(result, f"`{operator}`")
        return result

    def concatenated(self, join: Callable[[Iterable], str], parts: tuple) -> str:
        state = budget()
        state.check(sum(text_size(p) for p in parts), "`~`")
        result = join(parts)
        state.add(result, "`~`")
        return result

    def call(__self, __context: Context, __obj: object, *args: object, **kwargs: object):
        state = budget()
        state.pace()
        check_numbers([*args, *kwargs.values()], "a call")
        if isinstance(__obj, LoopContext) and args:  # `loop(children)` of a recursive loop
            args = (_Paced(args[0]), *args[1:])  # type: ignore[arg-type]
        owner = getattr(__obj, "__self__", None)
        name = getattr(__obj, "__name__", "")
        if isinstance(owner, str) and name in STR_METHODS:
            if name == "join" and args and not isinstance(args[0], (list, tuple)):
                args = (list(args[0]), *args[1:])  # type: ignore[call-overload]
            state.check(STR_METHODS[name](owner, *args, **kwargs), f"str.{name}")
        result = super().call(__context, __obj, *args, **kwargs)
        state.add(result, "a call")
        return result

    def wrap_str_format(self, value: object) -> Callable[..., str] | None:
        """`str.format` and `format_map`, sandboxed by Jinja, the size of the text they make
        (and the widths they ask for) checked first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__  # type: ignore[attr-defined]

        @functools.wraps(wrapped)
        def bounded(*args: object, **kwargs: object) -> str:
            values = list(args[0].values()) if args and isinstance(args[0], Mapping) and (
                value.__name__ == "format_map") else [*args, *kwargs.values()]  # type: ignore[attr-defined]
            budget().check(_braces(fmt, values), "a format")
            return wrapped(*args, **kwargs)
        return bounded


def _printed(value: object) -> object:
    """Every `{{ value }}` a render writes (or captures with `{% set %}`), counted; a list is
    measured as text before it becomes text."""
    state = budget()
    if isinstance(value, CONTAINERS):
        state.check(text_size(value), "writing a list")
    state.add(value, "writing a value")
    return value


def _bounded(name: str, function: Callable) -> Callable:
    """A filter within the render's Budget: no number over MAX_ARGUMENT among its arguments,
    the size of what it makes checked first where it can make far more than it is given,
    what it makes counted. Compiled templates call filters directly, so the check goes
    around each one."""
    skip = 1 + hasattr(function, "jinja_pass_arg")  # the value, and a context before it
    measure = FILTERS.get(name)

    @functools.wraps(function)
    def bounded(*args: object, **kwargs: object) -> object:
        state = budget()
        state.pace()
        check_numbers([*args[skip:], *kwargs.values()], f"filter {name!r}")
        if len(args) >= skip:
            value = args[skip - 1]
            if name == "join" and not isinstance(value, (str, *CONTAINERS)):
                value = list(value)  # type: ignore[call-overload]
                args = (*args[:skip - 1], value, *args[skip:])
            if measure is not None:
                state.check(measure(value, *args[skip:], **kwargs), f"filter {name!r}")
            elif name not in STRUCTURAL and isinstance(value, CONTAINERS):
                state.check(text_size(value), f"filter {name!r}")
        result = function(*args, **kwargs)
        state.add(result, f"filter {name!r}")
        return result
    return bounded


def written(template, data: dict, limit: int) -> str:
    """The template's output, stopped at the line writing when it passes `limit`
    characters or MAX_TAGS tags (the error is raised inside the template, so it is reported
    at that line)."""
    chunks, length, tags = [], 0, 0
    stream = template.generate(**data)
    for chunk in stream:
        length += len(chunk)
        tags += chunk.count("<")
        if length > limit:
            stream.throw(SecurityError(f"writes more than {limit:,} characters (a loop?)"))
        if tags > MAX_TAGS:
            stream.throw(SecurityError(f"writes more than {MAX_TAGS:,} tags (a loop?); the "
                                       "output check reads each one"))
        chunks.append(chunk)
    return "".join(chunks)
