"""The adapter between Pathways and Rasa: the only package that imports `rasa` (rasa_sdk stays in actions/).

- server.py: starts Rasa's own command line, after compat.py's checks and changes, with the forget hooks;
- channels.py: the REST and socket.io input channels, with the guards a public chat needs;
- tracker_store.py: the SQL tracker store, which can delete conversations and reports its health;
- components.py: the NLU components that config.yml names;
- retention.py: deleting conversations older than the retention period;
- evaluate.py: Rasa's own tests of the model (data validation, stories, held-out NLU).
Nothing here imports the console or the web front; docs/rasa.md lists every touchpoint and what would replace it.
"""
