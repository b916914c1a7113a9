"""Type stubs of the framescope package (the binding of the Rust library)."""

import os
from typing import Any, Iterable, Optional, Sequence

import pyarrow

__version__: str

class FramescopeError(Exception):
    """Base class of framescope's errors."""

class LexiconError(FramescopeError):
    """A lexicon file could not be read or is invalid."""

class InputError(FramescopeError):
    """An article record is invalid (a missing or empty field, a repeated id)."""

class MergeError(FramescopeError):
    """A partial profile could not be read or merged."""

class Sentence:
    """A sentence: byte offsets into the text, and its text."""
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...

class Mention:
    """An actor mention."""
    @property
    def actor(self) -> str: ...
    @property
    def kind(self) -> str:
        """name, demonym, capital, institution, person, party or role."""
    @property
    def sentence(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...

class Cue:
    """A cue, with the strings the JSON output uses."""
    @property
    def category(self) -> str: ...
    @property
    def term(self) -> str: ...
    @property
    def subtype(self) -> Optional[str]: ...
    @property
    def status(self) -> str:
        """asserted, negated or hypothetical."""
    @property
    def quoted(self) -> bool: ...
    @property
    def source(self) -> Optional[str]:
        """The source's words as written when the cue is in a quotation or
        reported speech ("" when that attribution has no source found), None
        in the outlet's own voice: the ``source.text`` of ``--sentences``."""
    @property
    def source_actor(self) -> Optional[str]:
        """The id of the actor the source stands for (None: none, or own voice)."""
    @property
    def sentence(self) -> int: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...

class Analysis:
    """What Analyzer.analyze found in one text."""
    @property
    def sentences(self) -> list[Sentence]: ...
    @property
    def actors(self) -> list[Mention]: ...
    @property
    def cues(self) -> list[Cue]: ...

class Report:
    def to_json(self) -> str: ...
    def to_csv(self) -> str: ...
    def to_table(self) -> str: ...
    def to_markdown(self) -> str: ...

class PyReport:
    """A report: to_json() is byte-identical to `compare --format json`."""
    def to_json(self) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    def to_csv(self) -> str: ...
    def to_table(self) -> str: ...
    def to_markdown(self) -> str: ...

class Analyzer:
    """The default lexicons plus any .toml or .dic files, in order."""
    def __init__(self, lexicons: Sequence[os.PathLike[str] | str] = ..., *, defaults: bool = ...) -> None: ...
    @property
    def lexicons(self) -> tuple[str, ...]: ...
    @property
    def lexicon_version(self) -> str: ...
    @property
    def actors(self) -> list[str]: ...
    @property
    def categories(self) -> list[str]: ...
    @property
    def metrics(self) -> list[str]: ...
    def analyze(self, text: str, *, published: Optional[str] = ..., title: Optional[str] = ...) -> Analysis: ...
    def analyze_columns(self, texts: Any, **columns: Any) -> dict[str, list[Any]]: ...
    def analyze_batch(
        self,
        texts: Any,
        *,
        ids: Any = ...,
        outlets: Any = ...,
        titles: Any = ...,
        published: Any = ...,
        urls: Any = ...,
        stories: Any = ...,
    ) -> pyarrow.Table: ...
    def arrow_schema(self) -> pyarrow.Schema: ...

class Corpus:
    """Articles and partial profiles gathered for one report."""
    analyzer: Analyzer
    def __init__(self, analyzer: Optional[Analyzer] = ...) -> None: ...
    def add(
        self,
        texts: Any,
        *,
        source: str = ...,
        skip_invalid: bool = ...,
        ids: Any = ...,
        outlets: Any = ...,
        titles: Any = ...,
        published: Any = ...,
        urls: Any = ...,
        stories: Any = ...,
    ) -> None: ...
    def add_articles(self, articles: Iterable[dict[str, Any]], *, source: str = ..., skip_invalid: bool = ...) -> None: ...
    def add_partial(self, partial: str | bytes | os.PathLike[str]) -> None: ...
    def to_partial(self) -> str: ...
    @property
    def articles(self) -> int: ...
    def report(
        self, *, seed: Optional[int] = ..., resamples: Optional[int] = ..., max_compared: Optional[int] = ...
    ) -> PyReport: ...

def merge_partials(analyzer: Analyzer, a: str, b: str) -> str: ...
