"""A minimal Django project for the booking benchmark's baseline (benchmarks/booking.py).

One view that parses a JSON body and INSERTs one row with a raw cursor: no apps, no middleware, no
django-ninja, no ORM. It is served exactly as ``madoguchi serve`` serves the product (uvicorn, the
same worker count, the same database settings), so the difference between the two is the booking
code path itself. Never imported by the product.
"""
