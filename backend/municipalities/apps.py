from django.apps import AppConfig


class MunicipalitiesConfig(AppConfig):
    name = "backend.municipalities"
    label = "municipalities"
    default_auto_field = "django.db.models.BigAutoField"
