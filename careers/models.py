"""The careers app's models."""

from __future__ import annotations
