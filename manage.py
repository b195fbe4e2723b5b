#!/usr/bin/env python
"""Django's command-line entry point for PolicyKB."""
import sys


def main():
    from policykb.startup import settings_or_exit

    settings_or_exit()
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
