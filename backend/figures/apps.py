from django.apps import AppConfig


class FiguresConfig(AppConfig):
    name = "backend.figures"
    verbose_name = "利用状況の数字"
