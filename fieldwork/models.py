"""The fieldwork app's models."""

from __future__ import annotations
