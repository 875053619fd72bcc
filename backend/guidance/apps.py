from django.apps import AppConfig


class GuidanceConfig(AppConfig):
    name = "backend.guidance"
    label = "guidance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """A kiosk device changed or removed here is forgotten by the release fast path at once
        (other worker processes forget it within release_fast.DEVICE_SECONDS)."""
        from django.db.models.signals import post_delete, post_save

        from backend.guidance import release_fast
        from backend.municipalities.models import KioskDevice

        def forget(**_kwargs: object) -> None:
            release_fast.forget_current()

        post_save.connect(forget, sender=KioskDevice, weak=False, dispatch_uid="release-fast-device")
        post_delete.connect(forget, sender=KioskDevice, weak=False, dispatch_uid="release-fast-device-gone")
