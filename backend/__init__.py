"""Provides the Madoguchi service API: a Django project served under ``/api/`` by django-ninja."""
