"""Provides the console's screens: sign-in, the queue, one request, and the resolve form."""
