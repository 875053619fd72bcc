"""Provides ``python -m backend``, the project's ``manage.py``."""

from __future__ import annotations

import os
import sys

from backend.config import env


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", env.settings_module())
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
