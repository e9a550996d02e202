"""Where the shipped data files are (fonts, demo programs, format profiles, templates, translations).

They live inside the package (package data), so a wheel, an sdist and a frozen build carry them.
"""

from pathlib import Path

RESOURCES = Path(__file__).resolve().parent / "resources"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)
