from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "backend.guidance"
    label = "guidance"
    default_auto_field = "django.db.models.BigAutoField"
