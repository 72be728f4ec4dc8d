"""The runtime around Rasa: launcher, training cache, settings."""
