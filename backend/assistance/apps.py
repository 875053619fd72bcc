from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    name = "backend.assistance"
    label = "assistance"
    verbose_name = "Assistance (volunteers, help requests, assisted sessions)"
