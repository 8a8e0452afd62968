"""Engine tests are plain pytest: no database, no Django models."""

import pytest

from matching.engine.analysis import Analyzer


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    # Loading the Sudachi dictionary takes a moment; one analyser serves every test.
    return Analyzer()
