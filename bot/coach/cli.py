"""python -m bot staff {add,list,remove}: the console's staff accounts."""
from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.exc import SQLAlchemyError

from bot.coach import passwords, roles, settings, store


def _password(args) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    if not sys.stdin.isatty():
        raise passwords.WeakInput("No terminal to ask for a password: pipe it in with --password-stdin.")
    first = getpass.getpass(f"Password for {args.name}: ")
    if getpass.getpass("The same password again: ") != first:
        raise passwords.WeakInput("The two passwords differ; nothing was created.")
    return first


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bot staff", description="Staff accounts for the work-coach console "
                                f"(database: PATHWAYS_CONSOLE_DB_URL, now {_where()}).")
    sub = p.add_subparsers(dest="action", required=True)
    add = sub.add_parser("add", help="create an account (asks for the password)")
    add.add_argument("name")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    sub.add_parser("list", help="list the accounts")
    rm = sub.add_parser("remove", help="delete an account and sign it out everywhere")
    rm.add_argument("name")
    mg = sub.add_parser("manager", help="let an account read the insight report for the boroughs it covers")
    mg.add_argument("name")
    mg.add_argument("boroughs", nargs="*", metavar="BOROUGH", help="borough names (quoted), or all")
    mg.add_argument("--remove", action="store_true", help="take the manager role away")
    args = p.parse_args(argv)
    try:
        if args.action == "add":
            name = passwords.check_name(args.name)
            args.name = name
            store.add_staff(name, _password(args))
            print(f"Created the staff account {name}. Sign in at /coach.")
        elif args.action == "list":
            covers = roles.managers()
            for s in store.list_staff():
                role = (f"\tmanager: {', '.join(covers[s.name]).replace(roles.ALL, 'all boroughs')}"
                        if s.name in covers else "")
                print(f"{s.name}\tcreated {s.created_at:%Y-%m-%d %H:%M} UTC{role}")
        elif args.action == "manager":
            return _manager(args)
        elif not store.remove_staff(args.name):
            print(f"There is no staff account called {args.name.strip().lower()}.", file=sys.stderr)
            return 1
        else:
            print(f"Removed {args.name.strip().lower()}.")
    except (passwords.WeakInput, store.DuplicateName, roles.BadBorough) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except SQLAlchemyError as e:
        print(f"error: cannot use the console database at {_where()}: "
              f"{str(getattr(e, 'orig', None) or e).strip().splitlines()[0]}", file=sys.stderr)
        return 1
    return 0


def _manager(args) -> int:
    name = args.name.strip().lower()
    if args.remove:
        print(f"{name} is no longer a manager." if roles.remove_manager(name) else f"{name} was not a manager.")
        return 0
    covered = roles.set_manager(name, args.boroughs)
    if covered is None:
        print(f"There is no staff account called {name}.", file=sys.stderr)
        return 1
    print(f"{name} is a manager for {'all boroughs' if covered == [roles.ALL] else ', '.join(covered)}: the "
          "insight report is at /coach/insight.")
    return 0


def _where() -> str:
    from sqlalchemy.engine import make_url

    return make_url(settings.db_url()).render_as_string(hide_password=True)
