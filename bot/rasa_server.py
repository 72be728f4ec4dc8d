"""python -m bot.rasa_server ...: Rasa's own command line, with bot.patches applied first (how `bot run` starts Rasa)."""
import sys

from bot import patches

if __name__ == "__main__":
    patches.apply()
    from rasa.__main__ import main

    sys.argv[0] = "rasa"
    main()
