"""Rasa custom actions: thin adapters between a conversation and knowledge/."""
