"""What every part of Pathways shares: the actions, the Rasa adapter, the web front and the console read these
settings and protocol names from here, so each lives once."""
