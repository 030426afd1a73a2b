"""rollover's refusals word for word, where the file system gives no reason (issue 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pipeline.spec.config import KommunConfig
from pipeline.workbooks.rollover import RolloverError, rollover


def test_an_output_error_without_a_reason_names_its_kind(
    example_copy: Path, cfg: KommunConfig, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.workbooks.rollover as module

    def failing(wb: Any, target: Path) -> None:
        raise OSError("nätverksenheten svarar inte")  # no errno, no strerror

    monkeypatch.setattr(module, "_save", failing)
    with pytest.raises(RolloverError) as info:
        rollover(example_copy, 2025, cfg)
    assert str(info.value) == (
        "Utfilen socialnamnden-2025.xlsx kan inte skrivas (OSError). Välj ett annat namn eller "
        "en annan mapp med -o."
    )
