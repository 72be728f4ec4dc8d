"""python -m bot.rasa_server run ...: how `bot run` starts each Rasa process (bot/rasa/server.py), with the staff
console's hooks: "forget me" also deletes the console's records of that conversation (its guided session and
referrals), and a contact given for the warm hand-off is kept with a new referral in the console's database only."""
import sys

from bot.coach import referrals
from bot.coach.store import forget
from bot.rasa import server

if __name__ == "__main__":
    server.main(sys.argv[1:], forget_hooks=[forget, referrals.forget], contact_hooks=[referrals.create])
