"""Thin spiders: discovery and scheduling only; extraction happens in the item pipeline."""
