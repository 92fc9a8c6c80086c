"""qorgau: find and anonymize Kazakhstan personal data in Arrow record batches.

The detectors, the policy file, the keyed tokens and the column rules are the
same as the ``qorgau`` command line's (it is one Rust library), so a table
anonymized here joins with a log the CLI anonymized under the same key.

>>> import pyarrow as pa, qorgau
>>> a = qorgau.Anonymizer({"kinds": {"iin": "tag"}})
>>> batch = pa.record_batch({"note": ["ИИН 900101300811"]})
>>> a.transform_batch(batch).column(0).to_pylist()
['ИИН <IIN>']

The key (for ``token`` and ``surrogate``) is the ``key`` argument or the
``QORGAU_KEY`` environment variable: hex or base64 text, as in the CLI's key
file, or at least 32 raw bytes. It is never stored in Python, printed, or
pickled: an unpickled ``Anonymizer`` (on a Spark or Ray worker) reads
``QORGAU_KEY`` from its own environment.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Optional, Union

import pyarrow as pa

from . import _qorgau

__all__ = ["Anonymizer", "scan_text", "KEY_ENV", "PolicyLike"]

#: The environment variable the key is read from when none is passed.
KEY_ENV: str = _qorgau.KEY_ENV

#: A policy: TOML text, a path to a policy file, a dict shaped like the TOML
#: (``{"kinds": {"iin": "token"}, "columns": {"fio": "redact"}}``), or
#: ``None`` for the default policy.
PolicyLike = Union[str, "os.PathLike[str]", Mapping[str, Any], None]


def policy_toml(policy: PolicyLike) -> Optional[str]:
    """The policy's TOML text (``None`` for the default policy)."""
    if policy is None:
        return None
    if isinstance(policy, Mapping):
        return _qorgau.policy_toml_from_json(json.dumps(dict(policy)))
    if isinstance(policy, os.PathLike):
        return Path(policy).read_text(encoding="utf-8")
    if isinstance(policy, str):
        # One line with no `=` cannot be TOML: a file name.
        if "\n" not in policy and "=" not in policy:
            return Path(policy).read_text(encoding="utf-8")
        return policy
    raise TypeError(f"policy must be str, a path, a dict or None, not {type(policy).__name__}")


class Anonymizer:
    """A policy and a key, ready for any number of batches.

    Build one per worker (Spark partition function, Ray actor): the detector
    automaton is built in the constructor.

    :param policy: TOML text, a path, a dict, or ``None`` (default policy).
    :param key: the token key; ``None`` reads ``QORGAU_KEY``.
    :raises ValueError: a malformed policy or key, or a policy that uses
        ``token``/``surrogate`` with no key.
    """

    __slots__ = ("_inner",)

    def __init__(self, policy: PolicyLike = None, key: Union[bytes, str, None] = None) -> None:
        self._inner = _qorgau.Anonymizer(policy_toml(policy), key)

    @property
    def policy_toml(self) -> Optional[str]:
        """The policy's TOML text (``None``: the default policy)."""
        return self._inner.policy_toml

    def output_schema(self, schema: pa.Schema) -> pa.Schema:
        """The schema :meth:`transform_batch` gives batches of ``schema``.

        Integer columns become strings when the policy replaces them whole or
        their name speaks for an identifier it changes (``iin``, ``phone``);
        dropped columns are gone; column names that are personal data are
        replaced (as the CLI does); everything else keeps its type.
        """
        return self._inner.output_schema(schema)

    def transform_batch(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        """The batch anonymized under the policy (same rules as the CLI's
        Parquet path). Columns where nothing changes are passed on uncopied."""
        return self._inner.transform_batch(batch)

    def transform_batches(self, batches: Iterable[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        """:meth:`transform_batch` over a stream (Spark's ``mapInArrow``)."""
        for batch in batches:
            yield self._inner.transform_batch(batch)

    def transform_table(self, table: pa.Table) -> pa.Table:
        """A table anonymized batch by batch (Ray's ``batch_format="pyarrow"``)."""
        out_schema = self.output_schema(table.schema)
        return pa.Table.from_batches(
            [self._inner.transform_batch(b) for b in table.to_batches()], schema=out_schema
        )

    def scan_batch(self, batch: pa.RecordBatch) -> pa.RecordBatch:
        """The findings in ``batch``, one row each: ``column``, ``row``
        (within the batch), ``kind``, ``confidence``, ``preview`` (masked,
        never the value). A column name that is personal data is masked in
        ``column``, and its findings have ``row`` -1."""
        return self._inner.scan_batch(batch)

    def __reduce__(self) -> tuple[Any, tuple[Optional[str]]]:
        # The policy travels, the key does not: the worker reads QORGAU_KEY.
        return (_restore, (self.policy_toml,))

    def __repr__(self) -> str:
        text = self.policy_toml
        policy = "default" if text is None else hashlib.sha256(text.encode()).hexdigest()[:12]
        return f"qorgau.Anonymizer(policy={policy})"


def _restore(policy: Optional[str]) -> Anonymizer:
    return Anonymizer(policy)


def scan_text(text: str) -> list[dict[str, Any]]:
    """The findings in ``text``: dicts with ``kind``, ``start`` and ``end``
    (character offsets into ``text``), ``confidence`` and a masked
    ``preview``. The value itself is never returned: slice ``text``."""
    return _qorgau.scan_text(text)
