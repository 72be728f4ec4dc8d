"""python -m bot.rasa_server run ...: how `bot run` starts each Rasa process (bot/rasa/server.py), with the staff
console's forget hook, so that "forget me" also deletes the console's records of that conversation."""
import sys

from bot.coach.store import forget
from bot.rasa import server

if __name__ == "__main__":
    server.main(sys.argv[1:], forget_hooks=[forget])
