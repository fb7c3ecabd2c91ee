"""Scenario format: YAML files validated into strict, frozen, documented models."""

from kamsim.scenario.model import Scenario

__all__ = ["Scenario"]
